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

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => new VerifiedKernelFixAll(Title, VerifiedKernel.TryPlanAsync);

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        foreach (var diagnostic in context.Diagnostics)
        {
            var plan = await VerifiedKernel.TryPlanAsync(context.Document, diagnostic, context.CancellationToken).ConfigureAwait(false);
            var plans = plan is null ? null : await VerifiedKernel.CompilingAsync(context.Document.Project.Solution, new[] { plan }, context.CancellationToken).ConfigureAwait(false);
            if (plans is null)
            {
                // Not a kernel call, no single mappable registration, or the result would not compile: the message says what to do by hand.
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(Title, ct => VerifiedKernel.ApplyAsync(context.Document.Project.Solution, plans, ct), Title),
                diagnostic);
        }
    }
}

/// <summary>
/// Fix All for the kernel fixes: plans every call in scope, rewrites each registration once and marks every call, when
/// the whole result compiles (with the added names imported, else qualified).
/// </summary>
internal sealed class VerifiedKernelFixAll : FixAllProvider
{
    private readonly string _title;
    private readonly System.Func<Document, Diagnostic, System.Threading.CancellationToken, Task<VerifiedKernel.Plan?>> _plan;

    public VerifiedKernelFixAll(string title, System.Func<Document, Diagnostic, System.Threading.CancellationToken, Task<VerifiedKernel.Plan?>> plan)
    {
        _title = title;
        _plan = plan;
    }

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
        var plans = new List<VerifiedKernel.Plan>();
        foreach (var document in documents)
        {
            foreach (var diagnostic in await fixAllContext.GetDocumentDiagnosticsAsync(document).ConfigureAwait(false))
            {
                if (await _plan(document, diagnostic, fixAllContext.CancellationToken).ConfigureAwait(false) is { } plan)
                {
                    plans.Add(plan);
                }
            }
        }

        var compiling = plans.Count == 0 ? null : await VerifiedKernel.CompilingAsync(solution, plans, fixAllContext.CancellationToken).ConfigureAwait(false);
        return compiling is null
            ? null
            : CodeAction.Create(_title, ct => VerifiedKernel.ApplyAsync(solution, compiling, ct), _title);
    }
}
