using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
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

    private static readonly PlannedRewriteFix<VerifiedKernel.Plan> Fix = VerifiedKernelFix.Create(Title, VerifiedKernelEmbedding.TryPlanAsync);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => Fix.FixAll;

    /// <remarks>Not offered where the service is not the container's embedding service, its registration does not map, or the result would not compile.</remarks>
    /// <inheritdoc />
    public override Task RegisterCodeFixesAsync(CodeFixContext context) => Fix.RegisterAsync(context);
}
