using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace OpenVerify.Analyzers.AiApis;

/// <summary>
/// Why an ML.NET prediction on images cannot move to OpenVerify.ML's verified engine, for OV0002's message (the code fix
/// holds back there): the input class holds the image as an image object (<c>MLImage</c>, <c>Bitmap</c>), which no
/// receipt covers, or the engine's model, fitted in the same method, loads the image from a file named by a column
/// (<c>LoadImages</c>, <c>LoadRawImageBytes</c> in the pipeline), so a receipt would bind the path and not the image.
/// </summary>
internal static class MLNetImageInputs
{
    /// <summary>The tail of every held-back OV0002 message: the way to accept the call instead.</summary>
    internal const string Accept = "; or accept the call with [AllowUnverifiedAi(\"why\")] and pin the model file as a VerifiedModel item";

    /// <summary>The reason, or null when neither holds (as far as this method's code shows).</summary>
    public static string? FindHeldBack(SemanticModel model, ITypeSymbol input, ExpressionSyntax engine, CancellationToken cancellationToken)
    {
        if (ImageMember(input) is { } member)
        {
            return $"its input class '{input.Name}' holds the image as '{member.Name}' ({MemberType(member)!.Name}), which a receipt cannot cover: " +
                "put the encoded image bytes in a byte[] column, or the pixels in a float[] column that ConvertToImage turns into an image inside the model, " +
                "so that the receipt binds them" + Accept;
        }

        const string Bytes = "run LoadRawImageBytes on the data before training so that the model takes the bytes in its input row, as ML.NET's ImageClassification samples do " +
            "(OpenVerify.ML refuses a model that loads files)" + Accept;
        if (LoadsImagesByPath(model, engine, cancellationToken) is { } loader)
        {
            return $"its model reads the image from the file named by a column ({loader} in the pipeline), so a receipt would bind the path, not the image: " + Bytes;
        }

        return PathColumnLoaded(model, input, engine.SyntaxTree.GetRoot(cancellationToken), cancellationToken) is var (pathLoader, column)
            ? $"its input class '{input.Name}' carries '{column}', the column {pathLoader} in this file reads an image file from, so the model may read the image by its path " +
                "and a receipt would bind the path, not the image: " + Bytes
            : null;
    }

    /// <summary>
    /// A text column of the input class that a <c>LoadImages</c> or <c>LoadRawImageBytes</c> call in the file reads a file
    /// from (its input column, by a constant or <c>nameof</c>): the model the engine runs, whatever the code loads it from,
    /// may have been built with that loader.
    /// </summary>
    private static (string Loader, string Column)? PathColumnLoaded(SemanticModel model, ITypeSymbol input, SyntaxNode root, CancellationToken cancellationToken)
    {
        var columns = TextColumns(input);
        if (columns.Count == 0)
        {
            return null;
        }

        foreach (var call in root.DescendantNodes().OfType<InvocationExpressionSyntax>())
        {
            if (call.Expression is not MemberAccessExpressionSyntax { Name.Identifier.ValueText: "LoadImages" or "LoadRawImageBytes" } access
                || Loader(model, call, cancellationToken) is null)
            {
                continue;
            }

            var arguments = call.ArgumentList.Arguments;
            var named = arguments.FirstOrDefault(a => a.NameColon?.Name.Identifier.ValueText == "inputColumnName")
                ?? (arguments.Count > 2 && arguments[2].NameColon is null ? arguments[2] : null)
                ?? arguments.FirstOrDefault(a => a.NameColon?.Name.Identifier.ValueText == "outputColumnName")
                ?? (arguments.Count > 0 && arguments[0].NameColon is null ? arguments[0] : null);
            if (named is not null
                && model.GetConstantValue(named.Expression, cancellationToken) is { HasValue: true, Value: string column }
                && columns.Contains(column))
            {
                return (access.Name.Identifier.ValueText, column);
            }
        }

        return null;
    }

    /// <summary>The column names (<c>[ColumnName]</c> or the member's name) of the class's public text members.</summary>
    private static HashSet<string> TextColumns(ITypeSymbol type)
    {
        var columns = new HashSet<string>();
        for (var current = type; current is not null && current.SpecialType != SpecialType.System_Object; current = current.BaseType)
        {
            foreach (var member in current.GetMembers())
            {
                if (member is IFieldSymbol { IsStatic: false, DeclaredAccessibility: Accessibility.Public, IsImplicitlyDeclared: false }
                        or IPropertySymbol { IsStatic: false, IsIndexer: false, DeclaredAccessibility: Accessibility.Public }
                    && MemberType(member) is { SpecialType: SpecialType.System_String } or INamedTypeSymbol { Name: "ReadOnlyMemory" })
                {
                    var renamed = member.GetAttributes().FirstOrDefault(a => a.AttributeClass?.Name == "ColumnNameAttribute")?.ConstructorArguments.FirstOrDefault().Value as string;
                    columns.Add(renamed ?? member.Name);
                }
            }
        }

        return columns;
    }

    private static ISymbol? ImageMember(ITypeSymbol type)
    {
        for (var current = type; current is not null && current.SpecialType != SpecialType.System_Object; current = current.BaseType)
        {
            foreach (var member in current.GetMembers())
            {
                if (member is IFieldSymbol { IsStatic: false, DeclaredAccessibility: Accessibility.Public, IsImplicitlyDeclared: false }
                        or IPropertySymbol { IsStatic: false, IsIndexer: false, DeclaredAccessibility: Accessibility.Public }
                    && MemberType(member) is { } memberType && IsImage(memberType))
                {
                    return member;
                }
            }
        }

        return null;
    }

    private static ITypeSymbol? MemberType(ISymbol member) => member switch
    {
        IFieldSymbol field => field.Type,
        IPropertySymbol property => property.Type,
        _ => null,
    };

    private static bool IsImage(ITypeSymbol type)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            var space = current.ContainingNamespace?.ToDisplayString();
            if (current.Name == "MLImage" && space == "Microsoft.ML.Data" || current.Name is "Image" or "Bitmap" && space == "System.Drawing")
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// <c>LoadImages</c> or <c>LoadRawImageBytes</c> where the engine's model is built: the engine a local created from a
    /// local model, that model <c>estimator.Fit(data)</c>, the estimator inline or a local. Null otherwise.
    /// </summary>
    private static string? LoadsImagesByPath(SemanticModel model, ExpressionSyntax engine, CancellationToken cancellationToken)
    {
        if (LocalValue(model, engine, cancellationToken) is not InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "CreatePredictionEngine" } } create
            || create.ArgumentList.Arguments.Count == 0
            || LocalValue(model, create.ArgumentList.Arguments[0].Expression, cancellationToken) is not InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Fit", Expression: var estimator } } fit)
        {
            return null;
        }

        return Loader(model, fit, cancellationToken) ?? (LocalValue(model, estimator, cancellationToken) is { } built ? Loader(model, built, cancellationToken) : null);
    }

    private static string? Loader(SemanticModel model, SyntaxNode built, CancellationToken cancellationToken) =>
        built.DescendantNodesAndSelf().OfType<InvocationExpressionSyntax>()
            .Select(i => i.Expression is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "LoadImages" or "LoadRawImageBytes" } access
                && model.GetSymbolInfo(i, cancellationToken) is var info
                && (info.Symbol ?? info.CandidateSymbols.FirstOrDefault()) is not IMethodSymbol { ContainingType.Name: not "ImageEstimatorsCatalog" }
                    ? access.Name.Identifier.ValueText
                    : null)
            .FirstOrDefault(n => n is not null);

    /// <summary>The initializer of a local with one declaration and no other store in its method; null otherwise.</summary>
    internal static ExpressionSyntax? LocalValue(SemanticModel model, ExpressionSyntax expression, CancellationToken cancellationToken)
    {
        if (expression is InvocationExpressionSyntax)
        {
            return expression;
        }

        if (expression is not IdentifierNameSyntax name
            || model.GetSymbolInfo(name, cancellationToken).Symbol is not ILocalSymbol { DeclaringSyntaxReferences.Length: 1 } local
            || local.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is not VariableDeclaratorSyntax { Initializer.Value: var value } declarator)
        {
            return null;
        }

        var body = declarator.Ancestors().FirstOrDefault(a => a is BaseMethodDeclarationSyntax or LocalFunctionStatementSyntax or AnonymousFunctionExpressionSyntax or CompilationUnitSyntax);
        var stored = body?.DescendantNodes().OfType<AssignmentExpressionSyntax>()
            .Any(a => a.Left is IdentifierNameSyntax { Identifier.ValueText: var assigned } && assigned == local.Name) ?? true;
        return stored ? null : value;
    }
}
