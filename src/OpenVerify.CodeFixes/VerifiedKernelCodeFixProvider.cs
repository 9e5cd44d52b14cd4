using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using OpenVerify.Analyzers.Diagnostics;

namespace OpenVerify.CodeFixes;

/// <summary>
/// OV0003 on a call into a Semantic Kernel <c>Kernel</c>: rebuilds the kernel's chat service on a
/// <c>VerifiedChatClient</c> and marks the call with <c>[AllowUnverifiedAi("…")]</c> (see <see cref="VerifiedKernel"/>
/// for where it is offered). Fix All rewrites the registration once and marks every call.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(VerifiedKernelCodeFixProvider)), Shared]
public sealed class VerifiedKernelCodeFixProvider : CodeFixProvider
{
    /// <summary>The title, also the equivalence key Fix All groups by.</summary>
    public const string Title = "Build the kernel on a VerifiedChatClient";

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.ChatOrTextGeneration);

    private static readonly PlannedRewriteFix<VerifiedKernel.Plan> Fix = VerifiedKernelFix.Create(Title, VerifiedKernel.TryPlanAsync);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => Fix.FixAll;

    /// <remarks>Not offered on a call that is not a kernel call, without a single mappable registration, or where the result would not compile: the message says what to do by hand.</remarks>
    /// <inheritdoc />
    public override Task RegisterCodeFixesAsync(CodeFixContext context) => Fix.RegisterAsync(context);
}

/// <summary>
/// The kernel fixes' rewrite: Fix All plans every call in scope, rewrites each registration once and marks every call,
/// when the whole result compiles (with the added names imported, else qualified).
/// </summary>
internal static class VerifiedKernelFix
{
    public static PlannedRewriteFix<VerifiedKernel.Plan> Create(string title, PlannedRewriteFix<VerifiedKernel.Plan>.Planner plan) =>
        new(plan, _ => title, VerifiedKernel.ApplyAsync, compiling: VerifiedKernel.CompilingAsync);
}
