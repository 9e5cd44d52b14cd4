using System.Linq;
using Microsoft.CodeAnalysis;

namespace OpenVerify.Analyzers.AiApis;

/// <summary>
/// The columns ML.NET maps from a prediction engine's input or output class (its public instance fields and properties,
/// less <c>[NoColumn]</c>) and whether a receipt covers each: the numbers, Boolean and text, as scalars, arrays or
/// <c>VBuffer</c>s. OpenVerify.ML's verified engine refuses the others (images, dates) when it is created, so the code
/// fix holds back on such a class and OV0002's message names the column.
/// </summary>
internal static class MLNetColumns
{
    /// <summary>The first column whose type no receipt covers, or null when a receipt covers every column.</summary>
    public static ISymbol? FirstUncovered(ITypeSymbol type)
    {
        for (var current = type; current is not null && current.SpecialType != SpecialType.System_Object; current = current.BaseType)
        {
            foreach (var member in current.GetMembers())
            {
                if (ColumnType(member) is { } memberType && !member.GetAttributes().Any(a => a.AttributeClass?.Name == "NoColumnAttribute") && !Covered(memberType))
                {
                    return member;
                }
            }
        }

        return null;
    }

    /// <summary>The type of a public instance field or property (a column), or null for any other member.</summary>
    public static ITypeSymbol? ColumnType(ISymbol member) => member switch
    {
        IFieldSymbol { IsStatic: false, DeclaredAccessibility: Accessibility.Public, IsImplicitlyDeclared: false } field => field.Type,
        IPropertySymbol { IsStatic: false, IsIndexer: false, DeclaredAccessibility: Accessibility.Public } property => property.Type,
        _ => null,
    };

    private static bool Covered(ITypeSymbol type) => type switch
    {
        IArrayTypeSymbol { Rank: 1, ElementType: var element } => CoveredItem(element),
        INamedTypeSymbol { Name: "VBuffer", TypeArguments.Length: 1, ContainingNamespace: { Name: "Data", ContainingNamespace: { Name: "ML", ContainingNamespace.Name: "Microsoft" } } } buffer => CoveredItem(buffer.TypeArguments[0]),
        _ => CoveredItem(type),
    };

    private static bool CoveredItem(ITypeSymbol type) =>
        type.SpecialType is SpecialType.System_Single or SpecialType.System_Double or SpecialType.System_SByte or SpecialType.System_Byte
            or SpecialType.System_Int16 or SpecialType.System_UInt16 or SpecialType.System_Int32 or SpecialType.System_UInt32
            or SpecialType.System_Int64 or SpecialType.System_UInt64 or SpecialType.System_Boolean or SpecialType.System_String
        || type is INamedTypeSymbol { Name: "ReadOnlyMemory", TypeArguments.Length: 1, ContainingNamespace.Name: "System" } memory && memory.TypeArguments[0].SpecialType == SpecialType.System_Char;
}
