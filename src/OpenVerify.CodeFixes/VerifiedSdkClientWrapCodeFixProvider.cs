using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using OpenVerify.Analyzers.Diagnostics;

namespace OpenVerify.CodeFixes;

/// <summary>
/// OV0003/OV0004: makes an OpenAI SDK client verified where it is received, with OpenVerify.Extensions.AI.OpenAI's
/// <c>AsVerified()</c>, where "Use a VerifiedOpenAIChatClient" cannot trace it to a creation (see
/// <see cref="VerifiedSdkClientWrap"/>). Fix All rewrites each field and call once.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(VerifiedSdkClientWrapCodeFixProvider)), Shared]
public sealed class VerifiedSdkClientWrapCodeFixProvider : CodeFixProvider
{
    /// <summary>The title, also the equivalence key Fix All groups by.</summary>
    public const string Title = "Verify the OpenAI client where it is received (AsVerified)";

    private static readonly PlannedRewriteFix<VerifiedClientWrap.Plan> Fix = new(
        VerifiedSdkClientWrap.TryPlanAsync,
        _ => Title,
        VerifiedClientWrap.ApplyAsync,
        key: plan => plan.Key);

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } =
        ImmutableArray.Create(DiagnosticIds.ChatOrTextGeneration, DiagnosticIds.OtherModelCall);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => Fix.FixAll;

    /// <remarks>Planned only where the result compiles and the built-in-place fix is not offered.</remarks>
    /// <inheritdoc />
    public override Task RegisterCodeFixesAsync(CodeFixContext context) => Fix.RegisterAsync(context);
}
