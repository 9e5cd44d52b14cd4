using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Simplification;
using OpenVerify.Analyzers.Diagnostics;

namespace OpenVerify.CodeFixes;

/// <summary>
/// OV0002: rewrites the common ML.NET shape to OpenVerify.ML's verified engine, when the model came from a file in the
/// same member:
/// <code>
/// var model = mlContext.Model.Load(path, out _);                                    var model = VerifiedMLModel.Load(mlContext, path);
/// var engine = mlContext.Model.CreatePredictionEngine&lt;In, Out&gt;(model);   =&gt;   var engine = model.CreatePredictionEngine&lt;In, Out&gt;();
/// var output = engine.Predict(input);                                               var output = engine.Predict(input).Value;
/// </code>
/// Every <c>Predict</c> call on that engine in the member is rewritten at once (the engine's type changes). Offered only
/// when OpenVerify.ML is referenced, the model and the engine are locals used nowhere else, and the load's schema is
/// discarded or unused. Fix All rewrites each such engine once.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(VerifiedPredictionEngineCodeFixProvider)), Shared]
public sealed class VerifiedPredictionEngineCodeFixProvider : CodeFixProvider
{
    /// <summary>The title users see, also the equivalence key Fix All groups by.</summary>
    public const string Title = "Use OpenVerify.ML's verified prediction engine (signed receipts)";

    private const string VerifiedModelMetadataName = "OpenVerify.ML.VerifiedMLModel";

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.MlNetPrediction);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => FixAllProvider.Create(FixAllInDocumentAsync);

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null || model.Compilation.GetTypeByMetadataName(VerifiedModelMetadataName) is null)
        {
            // Without OpenVerify.ML the rewritten code would not compile.
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            if (Match(root, model, diagnostic, context.CancellationToken) is not null)
            {
                context.RegisterCodeFix(
                    CodeAction.Create(Title, ct => RewriteAsync(context.Document, ImmutableArray.Create(diagnostic), ct), Title),
                    diagnostic);
            }
        }
    }

    private static async Task<Document?> FixAllInDocumentAsync(FixAllContext context, Document document, ImmutableArray<Diagnostic> diagnostics) =>
        await RewriteAsync(document, diagnostics, context.CancellationToken).ConfigureAwait(false);

    /// <summary>The shape found around one Predict call: the model and engine declarations and every Predict call on the engine.</summary>
    private sealed class Shape
    {
        public Shape(VariableDeclaratorSyntax modelDeclarator, InvocationExpressionSyntax load, VariableDeclaratorSyntax engineDeclarator,
            InvocationExpressionSyntax create, GenericNameSyntax createName, IReadOnlyList<InvocationExpressionSyntax> predicts)
        {
            ModelDeclarator = modelDeclarator;
            Load = load;
            EngineDeclarator = engineDeclarator;
            Create = create;
            CreateName = createName;
            Predicts = predicts;
        }

        public VariableDeclaratorSyntax ModelDeclarator { get; }

        public InvocationExpressionSyntax Load { get; }

        public VariableDeclaratorSyntax EngineDeclarator { get; }

        public InvocationExpressionSyntax Create { get; }

        public GenericNameSyntax CreateName { get; }

        public IReadOnlyList<InvocationExpressionSyntax> Predicts { get; }
    }

    private static Shape? Match(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        var predict = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true).AncestorsAndSelf().OfType<InvocationExpressionSyntax>().FirstOrDefault();
        if (predict?.Expression is not MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Predict", Expression: IdentifierNameSyntax engineName }
            || predict.ArgumentList.Arguments.Count != 1
            || model.GetSymbolInfo(engineName, cancellationToken).Symbol is not ILocalSymbol engine
            || engine.Type is not INamedTypeSymbol { Name: "PredictionEngine", ContainingNamespace: { Name: "ML", ContainingNamespace.Name: "Microsoft" } })
        {
            return null;
        }

        var body = predict.Ancestors().FirstOrDefault(a => a is BaseMethodDeclarationSyntax or AccessorDeclarationSyntax or LocalFunctionStatementSyntax or AnonymousFunctionExpressionSyntax);
        if (body is null
            || Declarator(engine, cancellationToken) is not { Initializer.Value: InvocationExpressionSyntax create } engineDeclarator
            || create.Expression is not MemberAccessExpressionSyntax { Name: GenericNameSyntax { Identifier.ValueText: "CreatePredictionEngine", TypeArgumentList.Arguments.Count: 2 } createName }
            || create.ArgumentList.Arguments.Count != 1
            || create.ArgumentList.Arguments[0].Expression is not IdentifierNameSyntax modelName
            || model.GetSymbolInfo(modelName, cancellationToken).Symbol is not ILocalSymbol modelLocal
            || Declarator(modelLocal, cancellationToken) is not { Initializer.Value: InvocationExpressionSyntax load } modelDeclarator
            || load.Expression is not MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Load", Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Model" } }
            || load.ArgumentList.Arguments.Count != 2
            || model.GetTypeInfo(load.ArgumentList.Arguments[0].Expression, cancellationToken).Type?.SpecialType != SpecialType.System_String
            || !SchemaUnused(load.ArgumentList.Arguments[1], body, model, cancellationToken))
        {
            return null;
        }

        // The model is used only to create this engine, and the engine only to predict (or be disposed).
        var uses = body.DescendantNodes().OfType<IdentifierNameSyntax>().ToList();
        var modelUses = uses.Where(u => u.Identifier.ValueText == modelLocal.Name && SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(u, cancellationToken).Symbol, modelLocal)).ToList();
        var engineUses = uses.Where(u => u.Identifier.ValueText == engine.Name && SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(u, cancellationToken).Symbol, engine)).ToList();
        if (modelUses.Count != 1)
        {
            return null;
        }

        var predicts = new List<InvocationExpressionSyntax>();
        foreach (var use in engineUses)
        {
            if (use.Parent is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Dispose" } && use.Parent.Parent is InvocationExpressionSyntax)
            {
                continue;
            }

            if (use.Parent is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Predict" } access && access.Expression == use
                && access.Parent is InvocationExpressionSyntax call && call.ArgumentList.Arguments.Count == 1)
            {
                predicts.Add(call);
                continue;
            }

            return null;
        }

        return new Shape(modelDeclarator, load, engineDeclarator, create, createName, predicts);
    }

    private static VariableDeclaratorSyntax? Declarator(ILocalSymbol local, CancellationToken cancellationToken) =>
        local.DeclaringSyntaxReferences.Length == 1 ? local.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) as VariableDeclaratorSyntax : null;

    /// <summary>The load's <c>out</c> schema is a discard, or a variable nothing reads.</summary>
    private static bool SchemaUnused(ArgumentSyntax argument, SyntaxNode body, SemanticModel model, CancellationToken cancellationToken)
    {
        if (!argument.RefKindKeyword.IsKind(SyntaxKind.OutKeyword))
        {
            return false;
        }

        switch (argument.Expression)
        {
            case IdentifierNameSyntax { Identifier.ValueText: "_" } discard when model.GetSymbolInfo(discard, cancellationToken).Symbol is null or IDiscardSymbol:
                return true;
            case DeclarationExpressionSyntax { Designation: DiscardDesignationSyntax }:
                return true;
            case DeclarationExpressionSyntax { Designation: SingleVariableDesignationSyntax variable }:
                var symbol = model.GetDeclaredSymbol(variable, cancellationToken);
                return symbol is not null && !body.DescendantNodes().OfType<IdentifierNameSyntax>()
                    .Any(u => u.Identifier.ValueText == symbol.Name && SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(u, cancellationToken).Symbol, symbol));
            default:
                return false;
        }
    }

    private static async Task<Document> RewriteAsync(Document document, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return document;
        }

        // One rewrite per engine, however many of its Predict calls were reported.
        var shapes = diagnostics
            .Select(d => Match(root, model, d, cancellationToken))
            .OfType<Shape>()
            .GroupBy(s => s.EngineDeclarator)
            .Select(g => g.First())
            .ToList();
        if (shapes.Count == 0)
        {
            return document;
        }

        var replacements = new Dictionary<SyntaxNode, SyntaxNode>();
        foreach (var shape in shapes)
        {
            var context = ((MemberAccessExpressionSyntax)((MemberAccessExpressionSyntax)shape.Load.Expression).Expression).Expression;
            var verifiedModel = SyntaxFactory.ParseName("OpenVerify.ML.VerifiedMLModel").WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation);
            var load = SyntaxFactory.InvocationExpression(
                SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, verifiedModel, SyntaxFactory.IdentifierName("Load")),
                SyntaxFactory.ArgumentList(SyntaxFactory.SeparatedList(new[]
                {
                    SyntaxFactory.Argument(context.WithoutTrivia()),
                    SyntaxFactory.Argument(shape.Load.ArgumentList.Arguments[0].Expression.WithoutTrivia()),
                })));
            replacements[shape.Load] = load.WithTriviaFrom(shape.Load);

            var create = SyntaxFactory.InvocationExpression(
                SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, SyntaxFactory.IdentifierName(shape.ModelDeclarator.Identifier.ValueText), shape.CreateName.WithoutTrivia()),
                SyntaxFactory.ArgumentList());
            replacements[shape.Create] = create.WithTriviaFrom(shape.Create);
            foreach (var predict in shape.Predicts)
            {
                replacements[predict] = SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, predict.WithoutTrivia(), SyntaxFactory.IdentifierName("Value")).WithTriviaFrom(predict);
            }

            // Explicitly typed declarations (ITransformer model, PredictionEngine<In, Out> engine) become var.
            foreach (var declarator in new[] { shape.ModelDeclarator, shape.EngineDeclarator })
            {
                if (declarator.Parent is VariableDeclarationSyntax { Type: { IsVar: false } type, Variables.Count: 1 })
                {
                    replacements[type] = SyntaxFactory.IdentifierName("var").WithTriviaFrom(type);
                }
            }
        }

        var newRoot = root.ReplaceNodes(replacements.Keys, (original, _) => replacements[original]);
        var rewritten = document.WithSyntaxRoot(newRoot);
        var withImports = await ImportAdder.AddImportsAsync(rewritten, Simplifier.AddImportsAnnotation, cancellationToken: cancellationToken).ConfigureAwait(false);
        return await Simplifier.ReduceAsync(withImports, Simplifier.Annotation, cancellationToken: cancellationToken).ConfigureAwait(false);
    }
}
