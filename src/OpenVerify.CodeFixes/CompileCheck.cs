using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace OpenVerify.CodeFixes;

/// <summary>
/// What every fix uses to keep its promise never to break the build: the compiler errors of a document or project
/// before and after the rewrite (a fix is offered only when there are no more after), and the node a planned edit's
/// span names in a rewritten root.
/// </summary>
internal static class CompileCheck
{
    /// <summary>The document's compiler errors; <see cref="int.MaxValue"/> when it is missing or has no semantic model.</summary>
    public static async Task<int> ErrorCountAsync(Document? document, CancellationToken cancellationToken)
    {
        var model = document is null ? null : await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        return model is null ? int.MaxValue : ErrorCount(model, cancellationToken);
    }

    /// <summary>The project's compiler errors; <see cref="int.MaxValue"/> when it is missing or does not compile at all.</summary>
    public static async Task<int> ErrorCountAsync(Project? project, CancellationToken cancellationToken)
    {
        var compilation = project is null ? null : await project.GetCompilationAsync(cancellationToken).ConfigureAwait(false);
        return compilation?.GetDiagnostics(cancellationToken).Count(d => d.Severity == DiagnosticSeverity.Error) ?? int.MaxValue;
    }

    /// <summary>True when none of <paramref name="documents"/> has more compiler errors in <paramref name="rewritten"/>
    /// than in <paramref name="original"/>.</summary>
    public static async Task<bool> NoNewErrorsAsync(Solution original, Solution rewritten, IEnumerable<DocumentId> documents, CancellationToken cancellationToken)
    {
        foreach (var id in documents.Distinct())
        {
            if (await ErrorCountAsync(rewritten.GetDocument(id), cancellationToken).ConfigureAwait(false)
                > await ErrorCountAsync(original.GetDocument(id), cancellationToken).ConfigureAwait(false))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>True when none of <paramref name="projects"/>, nor any project that depends on one of them, has more
    /// compiler errors in <paramref name="rewritten"/> than in <paramref name="original"/>.</summary>
    public static async Task<bool> NoNewErrorsAsync(Solution original, Solution rewritten, IEnumerable<ProjectId> projects, CancellationToken cancellationToken)
    {
        var graph = original.GetProjectDependencyGraph();
        foreach (var project in projects.Distinct().SelectMany(p => graph.GetProjectsThatTransitivelyDependOnThisProject(p).Append(p)).Distinct())
        {
            if (await ErrorCountAsync(rewritten.GetProject(project), cancellationToken).ConfigureAwait(false)
                > await ErrorCountAsync(original.GetProject(project), cancellationToken).ConfigureAwait(false))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The compiler errors of one semantic model.</summary>
    public static int ErrorCount(SemanticModel model, CancellationToken cancellationToken) =>
        model.GetDiagnostics(cancellationToken: cancellationToken).Count(d => d.Severity == DiagnosticSeverity.Error);

    /// <summary>The node of type <typeparamref name="T"/> whose span is exactly <paramref name="span"/>.</summary>
    public static T Find<T>(SyntaxNode root, TextSpan span)
        where T : SyntaxNode =>
        root.FindNode(span, getInnermostNodeForTie: false).AncestorsAndSelf().OfType<T>().First(n => n.Span == span);
}
