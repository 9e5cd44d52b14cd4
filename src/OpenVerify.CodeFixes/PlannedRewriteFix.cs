using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace OpenVerify.CodeFixes;

/// <summary>
/// What the fixes that plan a rewrite per diagnostic and apply their plans in one solution change have in common: one
/// fix per planned diagnostic, titled by its plan, the title also its equivalence key; and a Fix All that plans every
/// diagnostic in scope, keeps the plans with the equivalence key it was asked for (each once, by <c>key</c>), and
/// applies them together. A provider holds one of these rather than deriving from it: the providers are public (the
/// IDE, the corpus tool and the tests create them) and a public class cannot derive from an internal one over internal
/// plan types.
/// </summary>
/// <typeparam name="TPlan">The rewrite's plan for one diagnostic.</typeparam>
internal sealed class PlannedRewriteFix<TPlan>
    where TPlan : class
{
    private readonly Func<Planner> _newPlanner;
    private readonly Func<TPlan, string> _title;
    private readonly ApplyPlans _apply;
    private readonly Func<TPlan, string>? _key;
    private readonly CheckPlans? _compilesAlone;
    private readonly SelectPlans? _compiling;

    /// <summary>A fix whose planner keeps no state between plans.</summary>
    public PlannedRewriteFix(Planner plan, Func<TPlan, string> title, ApplyPlans apply, Func<TPlan, string>? key = null, CheckPlans? compilesAlone = null, SelectPlans? compiling = null)
        : this(() => plan, title, apply, key, compilesAlone, compiling)
    {
    }

    /// <param name="newPlanner">
    /// A planner for one change: each fix plans with its own, Fix All with one for all its plans (a planner may reserve the
    /// names its plans add, so that plans applied together do not add the same name twice).
    /// </param>
    /// <param name="title">The title of a plan's fix, also its equivalence key.</param>
    /// <param name="apply">Applies plans together to a solution.</param>
    /// <param name="key">What makes two plans one (two calls on one variable); Fix All keeps the first. Null: every plan is kept.</param>
    /// <param name="compilesAlone">Where the planner does not check it: whether one plan's rewrite compiles; a plan that does not is dropped.</param>
    /// <param name="compiling">The plans as they compile together (possibly rewritten), or null when they do not; null: the plans as they are.</param>
    public PlannedRewriteFix(Func<Planner> newPlanner, Func<TPlan, string> title, ApplyPlans apply, Func<TPlan, string>? key = null, CheckPlans? compilesAlone = null, SelectPlans? compiling = null)
    {
        _newPlanner = newPlanner;
        _title = title;
        _apply = apply;
        _key = key;
        _compilesAlone = compilesAlone;
        _compiling = compiling;
        FixAll = new FixAllPlans(this);
    }

    /// <summary>Plans the rewrite for one diagnostic; null where the fix is not offered.</summary>
    public delegate Task<TPlan?> Planner(Document document, Diagnostic diagnostic, CancellationToken cancellationToken);

    /// <summary>The solution with <c>plans</c> applied together.</summary>
    public delegate Task<Solution> ApplyPlans(Solution solution, IReadOnlyList<TPlan> plans, CancellationToken cancellationToken);

    /// <summary>Whether <c>plans</c>, applied together, compile.</summary>
    public delegate Task<bool> CheckPlans(Solution solution, IReadOnlyList<TPlan> plans, CancellationToken cancellationToken);

    /// <summary>The plans to apply for <c>plans</c> so that the result compiles, or null when there are none.</summary>
    public delegate Task<IReadOnlyList<TPlan>?> SelectPlans(Solution solution, IReadOnlyList<TPlan> plans, CancellationToken cancellationToken);

    /// <summary>The provider's Fix All: document, project and solution scope.</summary>
    public FixAllProvider FixAll { get; }

    /// <summary>Registers one fix for each diagnostic of <paramref name="context"/> whose plan compiles.</summary>
    public async Task RegisterAsync(CodeFixContext context)
    {
        var solution = context.Document.Project.Solution;
        foreach (var diagnostic in context.Diagnostics)
        {
            var plan = await _newPlanner()(context.Document, diagnostic, context.CancellationToken).ConfigureAwait(false);
            var plans = plan is null ? null : await CompilingAsync(solution, new[] { plan }, context.CancellationToken).ConfigureAwait(false);
            if (plan is null || plans is null)
            {
                // Not rewritable here, or the rewrite would not compile: the diagnostic's message says what to do by hand.
                continue;
            }

            var title = _title(plan);
            context.RegisterCodeFix(CodeAction.Create(title, ct => _apply(solution, plans, ct), title), diagnostic);
        }
    }

    private async Task<IReadOnlyList<TPlan>?> CompilingAsync(Solution solution, IReadOnlyList<TPlan> plans, CancellationToken cancellationToken)
    {
        if (_compilesAlone is not null && !await _compilesAlone(solution, plans, cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        return _compiling is null ? plans : await _compiling(solution, plans, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Plans every diagnostic in scope with the equivalence key asked for, each plan once, and applies those that compile.</summary>
    private sealed class FixAllPlans : FixAllProvider
    {
        private readonly PlannedRewriteFix<TPlan> _fix;

        public FixAllPlans(PlannedRewriteFix<TPlan> fix) => _fix = fix;

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
            var key = fixAllContext.CodeActionEquivalenceKey;
            var cancellationToken = fixAllContext.CancellationToken;
            var planner = _fix._newPlanner();
            var plans = new List<TPlan>();
            var seen = new HashSet<string>();
            foreach (var document in documents)
            {
                foreach (var diagnostic in await fixAllContext.GetDocumentDiagnosticsAsync(document).ConfigureAwait(false))
                {
                    // Each plan alone first: one that would not compile does not keep the others from being applied.
                    var plan = await planner(document, diagnostic, cancellationToken).ConfigureAwait(false);
                    if (plan is not null && _fix._title(plan) == key && (_fix._key is null || seen.Add(_fix._key(plan)))
                        && (_fix._compilesAlone is null || await _fix._compilesAlone(solution, new[] { plan }, cancellationToken).ConfigureAwait(false)))
                    {
                        plans.Add(plan);
                    }
                }
            }

            var compiling = plans.Count == 0 ? null
                : _fix._compiling is null ? plans
                : await _fix._compiling(solution, plans, cancellationToken).ConfigureAwait(false);
            return compiling is null || key is null
                ? null
                : CodeAction.Create(key, ct => _fix._apply(solution, compiling, ct), key);
        }
    }
}
