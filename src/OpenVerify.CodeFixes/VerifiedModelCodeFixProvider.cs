using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using OpenVerify.Analyzers.Diagnostics;

namespace OpenVerify.CodeFixes;

/// <summary>
/// OV0001: turns the <c>InferenceSession</c> a flagged call runs on into a <c>VerifiedModel</c> — for sessions kept in
/// fields, properties or locals and created in this code base from a path (constant, variable, configuration) or from
/// bytes. See <see cref="VerifiedSessionRewrite"/>; offered only where the changed documents compile (no more errors
/// than before); docs/rules/OV0001.md lists where it is and is not offered.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(VerifiedModelCodeFixProvider)), Shared]
public sealed class VerifiedModelCodeFixProvider : CodeFixProvider
{
    /// <summary>The title users see, also the equivalence key.</summary>
    public const string Title = "Run through a VerifiedModel";

    private static readonly PlannedRewriteFix<VerifiedSessionRewrite.Plan> Fix = new(
        () =>
        {
            // The plans of one change keep their result locals apart (two runs in one scope get two names).
            var reservedNames = new Dictionary<string, HashSet<string>>();
            return (document, diagnostic, ct) => VerifiedSessionRewrite.TryPlanAsync(document, diagnostic, reservedNames, ct);
        },
        _ => Title,
        VerifiedSessionRewrite.ApplyAsync,
        key: plan => plan.Key,
        compilesAlone: VerifiedSessionRewrite.CompilesAsync);

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.OnnxRuntimeInference);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => Fix.FixAll;

    /// <remarks>Not offered where the session is not rewritable or the rewrite would not compile: docs/rules/OV0001.md says what to do by hand.</remarks>
    /// <inheritdoc />
    public override Task RegisterCodeFixesAsync(CodeFixContext context) => Fix.RegisterAsync(context);
}
