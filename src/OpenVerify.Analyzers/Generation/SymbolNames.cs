using Microsoft.CodeAnalysis;

namespace OpenVerify.Analyzers.Generation;

/// <summary>Type names as the element-type table and the code fixes match them (one implementation for both).</summary>
internal static class SymbolNames
{
    /// <summary>
    /// The metadata name of a type's definition with namespace and containing types: <c>System.Memory`1</c>,
    /// <c>Ns.Outer+Inner</c>; empty for null.
    /// </summary>
    public static string MetadataName(ITypeSymbol? type)
    {
        if (type is null)
        {
            return string.Empty;
        }

        var definition = type.OriginalDefinition;
        var name = definition.MetadataName;
        for (var outer = definition.ContainingType; outer is not null; outer = outer.ContainingType)
        {
            name = outer.MetadataName + "+" + name;
        }

        return definition.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString() + "." + name : name;
    }

    /// <summary>Whether <paramref name="type"/> or one of its base types has the metadata name <paramref name="metadataName"/>.</summary>
    public static bool InheritsFrom(ITypeSymbol type, string metadataName)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            if (MetadataName(current) == metadataName)
            {
                return true;
            }
        }

        return false;
    }
}
