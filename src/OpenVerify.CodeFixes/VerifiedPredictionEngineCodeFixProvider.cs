using System;
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
using static OpenVerify.CodeFixes.CompileCheck;

namespace OpenVerify.CodeFixes;

/// <summary>
/// OV0002: moves an ML.NET prediction engine to OpenVerify.ML's verified engine, wherever the engine lives (a local, or a
/// field or auto-property built in a constructor or an initializer) and wherever its model is loaded from (a path, a
/// <c>Stream</c>, an embedded resource; inline or through a local, field or property):
/// <code>
/// _model = ml.Model.Load(path, out _);                                    _model = VerifiedMLModel.Load(ml, path);
/// _engine = ml.Model.CreatePredictionEngine&lt;In, Out&gt;(_model);   =&gt;   _engine = _model.CreatePredictionEngine&lt;In, Out&gt;();
/// var output = _engine.Predict(input);                                    var output = _engine.Predict(input).Value;
/// </code>
/// Every <c>Predict</c> call on that engine is rewritten at once (the engine's type changes); other uses of the model go
/// through <c>VerifiedMLModel.Transformer</c>. Offered only when OpenVerify.ML is referenced, the plan in
/// <see cref="MLNetEngineRewrite"/> matches, and the rewritten document has no more errors than before. Fix All rewrites
/// each engine once.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(VerifiedPredictionEngineCodeFixProvider)), Shared]
public sealed class VerifiedPredictionEngineCodeFixProvider : CodeFixProvider
{
    /// <summary>The title users see, also the equivalence key Fix All groups by.</summary>
    public const string Title = "Use OpenVerify.ML's verified prediction engine (signed receipts)";

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.MlNetPrediction);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => FixAllProvider.Create(FixAllInDocumentAsync);

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            if (await MLNetEngineRewrite.MatchAsync(context.Document, root, model, diagnostic, context.CancellationToken).ConfigureAwait(false) is { } plan
                && await ApplyIfCompilesAsync(context.Document, root, new[] { plan }, context.CancellationToken).ConfigureAwait(false) is { } fixedDocument)
            {
                context.RegisterCodeFix(CodeAction.Create(Title, _ => Task.FromResult(fixedDocument), Title), diagnostic);
            }
        }
    }

    private static async Task<Document?> FixAllInDocumentAsync(FixAllContext context, Document document, ImmutableArray<Diagnostic> diagnostics)
    {
        var cancellationToken = context.CancellationToken;
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return document;
        }

        // One plan per engine, however many of its Predict calls were reported; each kept only if it compiles alone,
        // and together only as many as still compile.
        var plans = new List<MLNetEngineRewrite.Plan>();
        var engines = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        foreach (var diagnostic in diagnostics)
        {
            if (await MLNetEngineRewrite.MatchAsync(document, root, model, diagnostic, cancellationToken).ConfigureAwait(false) is { } plan
                && engines.Add(plan.Engine)
                && await ApplyIfCompilesAsync(document, root, new[] { plan }, cancellationToken).ConfigureAwait(false) is not null)
            {
                plans.Add(plan);
            }
        }

        while (plans.Count > 0)
        {
            if (await ApplyIfCompilesAsync(document, root, plans, cancellationToken).ConfigureAwait(false) is { } fixedDocument)
            {
                return fixedDocument;
            }

            plans.RemoveAt(plans.Count - 1);
        }

        return document;
    }

    /// <summary>The document with the plans applied, or null when it then has more compile errors than before.</summary>
    private static async Task<Document?> ApplyIfCompilesAsync(Document document, SyntaxNode root, IReadOnlyList<MLNetEngineRewrite.Plan> plans, CancellationToken cancellationToken)
    {
        var edits = new Dictionary<SyntaxNode, Func<SyntaxNode, SyntaxNode>>();
        foreach (var plan in plans)
        {
            foreach (var edit in plan.Edits)
            {
                // Two engines on one model plan the same edits of the model; the first is kept, except that a model
                // one method now takes verified stays verified where another engine's plan would read its Transformer.
                if (!edits.TryGetValue(edit.Key, out var existing) || ReferenceEquals(edit.Value, MLNetEngineRewrite.Unchanged))
                {
                    edits[edit.Key] = edit.Value;
                }
                else if (existing.Target is MLNetEngineRewrite.DeclarationRemoval removal && edit.Value.Target is MLNetEngineRewrite.DeclarationRemoval other)
                {
                    // Two models reloaded in one block, each with a schema local the verified load no longer writes: both go.
                    edits[edit.Key] = removal.With(other).Apply;
                }
            }
        }

        var rewritten = document.WithSyntaxRoot(root.ReplaceNodes(edits.Keys, (original, current) => edits[original](current)));
        var withImports = await ImportAdder.AddImportsAsync(rewritten, Simplifier.AddImportsAnnotation, cancellationToken: cancellationToken).ConfigureAwait(false);
        var result = await Simplifier.ReduceAsync(withImports, Simplifier.Annotation, cancellationToken: cancellationToken).ConfigureAwait(false);
        return await ErrorCountAsync(result, cancellationToken).ConfigureAwait(false) <= await ErrorCountAsync(document, cancellationToken).ConfigureAwait(false)
            ? result
            : null;
    }
}
