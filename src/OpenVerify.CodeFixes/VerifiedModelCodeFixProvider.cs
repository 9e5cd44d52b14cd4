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

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.OnnxRuntimeInference);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => new FixAll();

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        foreach (var diagnostic in context.Diagnostics)
        {
            var plan = await VerifiedSessionRewrite.TryPlanAsync(context.Document, diagnostic, new Dictionary<string, HashSet<string>>(), context.CancellationToken).ConfigureAwait(false);
            if (plan is null || !await VerifiedSessionRewrite.CompilesAsync(context.Document.Project.Solution, new[] { plan }, context.CancellationToken).ConfigureAwait(false))
            {
                // Not rewritable, or the rewrite would not compile: docs/rules/OV0001.md says what to do by hand.
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(Title, ct => VerifiedSessionRewrite.ApplyAsync(context.Document.Project.Solution, new[] { plan }, ct), Title),
                diagnostic);
        }
    }

    /// <summary>Collects the session behind every diagnostic in scope, each once, and rewrites those whose rewrite compiles.</summary>
    private sealed class FixAll : FixAllProvider
    {
        public override IEnumerable<FixAllScope> GetSupportedFixAllScopes() =>
            new[] { FixAllScope.Document, FixAllScope.Project, FixAllScope.Solution };

        public override async Task<CodeAction?> GetFixAsync(FixAllContext fixAllContext)
        {
            var documents = fixAllContext.Scope switch
            {
                FixAllScope.Solution => fixAllContext.Solution.Projects.SelectMany(p => p.Documents),
                FixAllScope.Project => fixAllContext.Project.Documents,
                _ => fixAllContext.Document is { } document ? new[] { document } : Enumerable.Empty<Document>(),
            };

            var solution = fixAllContext.Solution;
            var plans = new List<VerifiedSessionRewrite.Plan>();
            var seen = new HashSet<string>();
            var reservedNames = new Dictionary<string, HashSet<string>>();
            foreach (var document in documents)
            {
                foreach (var diagnostic in await fixAllContext.GetDocumentDiagnosticsAsync(document).ConfigureAwait(false))
                {
                    var plan = await VerifiedSessionRewrite.TryPlanAsync(document, diagnostic, reservedNames, fixAllContext.CancellationToken).ConfigureAwait(false);
                    if (plan is not null && seen.Add(plan.Key)
                        && await VerifiedSessionRewrite.CompilesAsync(solution, new[] { plan }, fixAllContext.CancellationToken).ConfigureAwait(false))
                    {
                        plans.Add(plan);
                    }
                }
            }

            if (plans.Count == 0)
            {
                return null;
            }

            return CodeAction.Create(Title, ct => VerifiedSessionRewrite.ApplyAsync(solution, plans, ct), Title);
        }
    }
}
