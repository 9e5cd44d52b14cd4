using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using OpenVerify.Analyzers.Diagnostics;

namespace OpenVerify.CodeFixes;

/// <summary>
/// OV0004 on a call on Semantic Kernel's <c>ITextEmbeddingGenerationService</c>: rebuilds the service on a
/// <c>VerifiedEmbeddingGenerator</c> through Semantic Kernel's adapter and marks the call with
/// <c>[AllowUnverifiedAi("…")]</c> (see <see cref="VerifiedKernelEmbedding"/> for where it is offered). Fix All rewrites
/// each registration once and marks every call.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(VerifiedKernelEmbeddingCodeFixProvider)), Shared]
public sealed class VerifiedKernelEmbeddingCodeFixProvider : CodeFixProvider
{
    /// <summary>The title, also the equivalence key Fix All groups by.</summary>
    public const string Title = "Build the kernel's embedding service on a VerifiedEmbeddingGenerator";

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.OtherModelCall);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => new VerifiedKernelFixAll(Title, VerifiedKernelEmbedding.TryPlanAsync);

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        foreach (var diagnostic in context.Diagnostics)
        {
            var plan = await VerifiedKernelEmbedding.TryPlanAsync(context.Document, diagnostic, context.CancellationToken).ConfigureAwait(false);
            var plans = plan is null ? null : await VerifiedKernel.CompilingAsync(context.Document.Project.Solution, new[] { plan }, context.CancellationToken).ConfigureAwait(false);
            if (plans is null)
            {
                // Not the container's embedding service, a registration that does not map, or a result that would not compile.
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(Title, ct => VerifiedKernel.ApplyAsync(context.Document.Project.Solution, plans, ct), Title),
                diagnostic);
        }
    }
}
