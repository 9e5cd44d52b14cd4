using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace OpenVerify.Analyzers.AiApis;

/// <summary>
/// <c>[OpenVerify.AllowUnverifiedAi("why")]</c>, matched by metadata name from any assembly (the attribute may come from
/// the OpenVerify.Abstractions assembly, or be declared by a code base that audits without it).
/// </summary>
internal static class AllowUnverifiedAi
{
    public const string AttributeName = "AllowUnverifiedAiAttribute";
    public const string AttributeNamespace = "OpenVerify";
    public const string ShortName = "AllowUnverifiedAi";

    public static bool IsAttribute(INamedTypeSymbol? type) =>
        type is { Name: AttributeName, ContainingType: null, ContainingNamespace: { Name: AttributeNamespace } ns }
        && ns.ContainingNamespace is { IsGlobalNamespace: true };

    /// <summary>
    /// True when the code of <paramref name="operation"/> sits inside a lambda, local function, member or type
    /// (nested types included) that carries the attribute.
    /// </summary>
    public static bool Covers(IOperation operation, ISymbol containingSymbol)
    {
        for (var current = operation.Parent; current is not null; current = current.Parent)
        {
            var function = current switch
            {
                ILocalFunctionOperation localFunction => localFunction.Symbol,
                IAnonymousFunctionOperation lambda => lambda.Symbol,
                _ => null,
            };

            if (function is not null && HasAttribute(function))
            {
                return true;
            }
        }

        for (var symbol = containingSymbol; symbol is not null and not INamespaceSymbol; symbol = symbol.ContainingSymbol)
        {
            if (HasAttribute(symbol) || (symbol is IMethodSymbol { AssociatedSymbol: { } property } && HasAttribute(property)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The justification the attribute gives, or null when it gives none that is not blank.</summary>
    public static string? Justification(AttributeData attribute)
    {
        foreach (var argument in attribute.ConstructorArguments)
        {
            if (argument.Value is string text && !string.IsNullOrWhiteSpace(text))
            {
                return text;
            }
        }

        foreach (var argument in attribute.NamedArguments)
        {
            if (argument.Value.Value is string text && !string.IsNullOrWhiteSpace(text))
            {
                return text;
            }
        }

        return null;
    }

    private static bool HasAttribute(ISymbol symbol)
    {
        foreach (var attribute in symbol.GetAttributes())
        {
            if (IsAttribute(attribute.AttributeClass))
            {
                return true;
            }
        }

        return false;
    }
}
