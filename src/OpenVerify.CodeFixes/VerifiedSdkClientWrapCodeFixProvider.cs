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
/// OV0003/OV0004: makes an OpenAI SDK client verified where it is received, with OpenVerify.Extensions.AI.OpenAI's
/// <c>AsVerified()</c>, where "Use a VerifiedOpenAIChatClient" cannot trace it to a creation (see
/// <see cref="VerifiedSdkClientWrap"/>). Fix All rewrites each field and call once.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(VerifiedSdkClientWrapCodeFixProvider)), Shared]
public sealed class VerifiedSdkClientWrapCodeFixProvider : CodeFixProvider
{
    /// <summary>The title, also the equivalence key Fix All groups by.</summary>
    public const string Title = "Verify the OpenAI client where it is received (AsVerified)";

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } =
        ImmutableArray.Create(DiagnosticIds.ChatOrTextGeneration, DiagnosticIds.OtherModelCall);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => new FixAll();

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        foreach (var diagnostic in context.Diagnostics)
        {
            // Planned only where the result compiles and the built-in-place fix is not offered.
            if (await VerifiedSdkClientWrap.TryPlanAsync(context.Document, diagnostic, context.CancellationToken).ConfigureAwait(false) is not { } plan)
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(Title, ct => VerifiedClientWrap.ApplyAsync(context.Document.Project.Solution, new[] { plan }, ct), Title),
                diagnostic);
        }
    }

    /// <summary>Collects the plan behind every diagnostic in scope, each once, and applies them together.</summary>
    private sealed class FixAll : FixAllProvider
    {
        public override IEnumerable<FixAllScope> GetSupportedFixAllScopes() =>
            new[] { FixAllScope.Document, FixAllScope.Project, FixAllScope.Solution };

        public override async Task<CodeAction?> GetFixAsync(FixAllContext fixAllContext)
        {
            if (fixAllContext.CodeActionEquivalenceKey != Title)
            {
                return null;
            }

            var documents = fixAllContext.Scope switch
            {
                FixAllScope.Solution => fixAllContext.Solution.Projects.SelectMany(p => p.Documents),
                FixAllScope.Project => fixAllContext.Project.Documents,
                _ => fixAllContext.Document is { } document ? new[] { document } : Enumerable.Empty<Document>(),
            };

            var solution = fixAllContext.Solution;
            var plans = new List<VerifiedClientWrap.Plan>();
            var seen = new HashSet<string>();
            foreach (var document in documents)
            {
                foreach (var diagnostic in await fixAllContext.GetDocumentDiagnosticsAsync(document).ConfigureAwait(false))
                {
                    var plan = await VerifiedSdkClientWrap.TryPlanAsync(document, diagnostic, fixAllContext.CancellationToken).ConfigureAwait(false);
                    if (plan is not null && seen.Add(plan.Key))
                    {
                        plans.Add(plan);
                    }
                }
            }

            return plans.Count == 0
                ? null
                : CodeAction.Create(Title, ct => VerifiedClientWrap.ApplyAsync(solution, plans, ct), Title);
        }
    }
}
