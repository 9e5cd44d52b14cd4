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
    private const string Accept = "; or accept the call with [AllowUnverifiedAi(\"why\")] and pin the model file as a VerifiedModel item";

    /// <summary>The reason, or null when neither holds (as far as this method's code shows).</summary>
    public static string? FindHeldBack(SemanticModel model, ITypeSymbol input, ExpressionSyntax engine, CancellationToken cancellationToken)
    {
        if (ImageMember(input) is { } member)
        {
            return $"its input class '{input.Name}' holds the image as '{member.Name}' ({MemberType(member)!.Name}), which a receipt cannot cover: " +
                "put the encoded image bytes in a byte[] column, or the pixels in a float[] column that ConvertToImage turns into an image inside the model, " +
                "so that the receipt binds them" + Accept;
        }

        return LoadsImagesByPath(model, engine, cancellationToken) is { } loader
            ? $"its model reads the image from the file named by a column ({loader} in the pipeline), so a receipt would bind the path, not the image: " +
                "run LoadRawImageBytes on the data before training so that the model takes the bytes in its input row, as ML.NET's ImageClassification samples do " +
                "(OpenVerify.ML refuses a model that loads files)" + Accept
            : null;
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
    private static ExpressionSyntax? LocalValue(SemanticModel model, ExpressionSyntax expression, CancellationToken cancellationToken)
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
