using System.Collections.Immutable;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace OpenVerify.Corpus;

/// <summary>
/// Runs OpenVerify's analyzers over every corpus project, matches the findings to the labels, asks every code fix
/// provider for its fixes through a <see cref="CodeFixContext"/> as the IDE does, applies each fix (and each Fix All
/// per provider, document and project) and compiles the result against the same references.
/// </summary>
public static class Measurement
{
    /// <summary>Measures the corpus at <paramref name="corpus"/>.</summary>
    public static async Task<MeasurementResult> RunAsync(string corpus, CancellationToken cancellationToken = default)
    {
        var labels = Label.Read(Path.Combine(corpus, "labels.tsv"));
        var codeBases = CorpusLayout.Read(corpus);
        var unknown = labels.Select(l => l.CodeBase).Distinct().Except(codeBases.Select(c => c.Name)).ToList();
        if (unknown.Count > 0)
        {
            throw new InvalidOperationException($"labels.tsv names code bases that are not in {corpus}: {string.Join(", ", unknown)}");
        }

        // Code bases are independent: measure them side by side, report them in name order.
        var results = new MeasurementResult[codeBases.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, codeBases.Count),
            new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellationToken },
            async (i, ct) => results[i] = await MeasureCodeBaseAsync(codeBases[i], labels.Where(l => l.CodeBase == codeBases[i].Name).ToList(), ct).ConfigureAwait(false))
            .ConfigureAwait(false);
        return new MeasurementResult(
            results.SelectMany(r => r.Calls).ToList(),
            results.SelectMany(r => r.TrapsFlagged).ToList(),
            results.SelectMany(r => r.Unlabelled).ToList(),
            results.SelectMany(r => r.UnlabelledUnbound).ToList(),
            labels.Count(l => l.Kind == LabelKind.Trap),
            results.SelectMany(r => r.FixAll).ToList(),
            results.SelectMany(r => r.StaleLabels).ToList(),
            results.Sum(r => r.Projects),
            results.Sum(r => r.CleanProjects),
            codeBases.Count);
    }

    private static async Task<MeasurementResult> MeasureCodeBaseAsync(CodeBase codeBase, List<Label> labels, CancellationToken cancellationToken)
    {
        var (workspace, ids) = CorpusWorkspace.Create(codeBase);
        using var _ = workspace;
        var solution = workspace.CurrentSolution;
        var baseline = new Baseline(solution);
        var diagnostics = new Dictionary<ProjectId, ImmutableArray<Diagnostic>>();
        var clean = 0;
        foreach (var project in solution.Projects)
        {
            // One pass binds the project once for the compiler's and the analyzers' diagnostics.
            var compilation = (await project.GetCompilationAsync(cancellationToken).ConfigureAwait(false))!;
            var all = await compilation
                .WithAnalyzers(OpenVerifyComponents.Analyzers, project.AnalyzerOptions)
                .GetAllDiagnosticsAsync(cancellationToken).ConfigureAwait(false);
            var errors = ErrorKeys(all.Where(d => !d.Id.StartsWith("OV", StringComparison.Ordinal)));
            baseline.Projects[project.Id] = errors;
            clean += errors.Count == 0 ? 1 : 0;
            diagnostics[project.Id] = all.Where(d => OpenVerifyComponents.MeasuredRules.Contains(d.Id) && d.Location.IsInSource).ToImmutableArray();
        }

        var stale = new List<StaleLabel>();
        foreach (var label in labels)
        {
            var path = Path.Combine(codeBase.Directory, label.File);
            var lines = File.Exists(path) ? File.ReadAllLines(path) : null;
            if (lines is null || label.Line > lines.Length)
            {
                stale.Add(new StaleLabel(label, lines is null ? "no such file" : "past the end of the file"));
            }
            else if (label.Kind == LabelKind.Call && !lines[label.Line - 1].Contains(label.MethodName, StringComparison.Ordinal))
            {
                stale.Add(new StaleLabel(label, $"line {label.Line} does not contain '{label.MethodName}'"));
            }
        }

        var matched = new Dictionary<Label, Finding>();
        var trapsFlagged = new List<Finding>();
        var unlabelled = new List<Finding>();
        var unlabelledUnbound = new List<Finding>();
        var offeredByDocument = new Dictionary<(DocumentId Document, CodeFixProvider Provider, string Key), int>();
        foreach (var project in solution.Projects)
        {
            foreach (var diagnostic in diagnostics[project.Id])
            {
                var document = solution.GetDocument(diagnostic.Location.SourceTree)!;
                var file = CorpusLayout.Relative(codeBase.Directory, document.FilePath!);
                var span = diagnostic.Location.GetLineSpan();
                var text = (await diagnostic.Location.SourceTree!.GetTextAsync(cancellationToken).ConfigureAwait(false)).ToString(diagnostic.Location.SourceSpan);
                var label = labels
                    .Where(l => l.File == file && l.Line >= span.StartLinePosition.Line + 1 && l.Line <= span.EndLinePosition.Line + 1)
                    .OrderByDescending(l => text.Contains(l.MethodName, StringComparison.Ordinal))
                    .ThenByDescending(l => l.Line)
                    .FirstOrDefault();
                var fixes = await OfferedFixesAsync(solution, document, diagnostic, baseline, offeredByDocument, cancellationToken).ConfigureAwait(false);
                var (shape, bound) = await ShapeAsync(document, diagnostic, cancellationToken).ConfigureAwait(false);
                var finding = new Finding(codeBase.Name, file, label?.Line ?? span.StartLinePosition.Line + 1, label, diagnostic.Id, diagnostic.GetMessage(), shape, fixes, bound);
                if (label is { Kind: LabelKind.Call } && !matched.ContainsKey(label))
                {
                    matched[label] = finding;
                }
                else if (label is { Kind: LabelKind.Trap })
                {
                    trapsFlagged.Add(finding);
                }
                else if (bound)
                {
                    unlabelled.Add(finding);
                }
                else
                {
                    unlabelledUnbound.Add(finding);
                }
            }
        }

        var calls = labels.Where(l => l.Kind == LabelKind.Call)
            .Select(l => matched.TryGetValue(l, out var f) ? f : new Finding(codeBase.Name, l.File, l.Line, l, null, null, "not reported", []))
            .ToList();
        var fixAll = await FixAllAsync(codeBase, solution, diagnostics, baseline, offeredByDocument, cancellationToken).ConfigureAwait(false);
        return new MeasurementResult(calls, trapsFlagged, unlabelled, unlabelledUnbound, 0, fixAll, stale, solution.ProjectIds.Count, clean, 1);
    }

    private static async Task<IReadOnlyList<OfferedFix>> OfferedFixesAsync(
        Solution solution,
        Document document,
        Diagnostic diagnostic,
        Baseline baseline,
        Dictionary<(DocumentId, CodeFixProvider, string), int> offeredByDocument,
        CancellationToken cancellationToken)
    {
        var fixes = new List<OfferedFix>();
        foreach (var provider in OpenVerifyComponents.CodeFixProviders.Where(p => p.FixableDiagnosticIds.Contains(diagnostic.Id)))
        {
            var actions = new List<CodeAction>();
            var context = new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), cancellationToken);
            await provider.RegisterCodeFixesAsync(context).ConfigureAwait(false);
            foreach (var action in actions.SelectMany(Flatten))
            {
                var verified = OpenVerifyComponents.IsVerifiedPath(action.EquivalenceKey, action.Title);
                var newErrors = await ApplyAndCompileAsync(solution, action, baseline, wholeProjects: false, cancellationToken).ConfigureAwait(false);
                fixes.Add(new OfferedFix(provider.GetType().Name, action.Title, action.EquivalenceKey, verified, newErrors));
                var key = (document.Id, provider, action.EquivalenceKey ?? action.Title);
                offeredByDocument[key] = offeredByDocument.GetValueOrDefault(key) + 1;
            }
        }

        return fixes;
    }

    private static async Task<IReadOnlyList<FixAllRun>> FixAllAsync(
        CodeBase codeBase,
        Solution solution,
        Dictionary<ProjectId, ImmutableArray<Diagnostic>> diagnostics,
        Baseline baseline,
        Dictionary<(DocumentId Document, CodeFixProvider Provider, string Key), int> offered,
        CancellationToken cancellationToken)
    {
        var runs = new List<FixAllRun>();
        var diagnosticProvider = new ComputedDiagnostics(solution, diagnostics);
        foreach (var group in offered.Keys.GroupBy(k => (k.Provider, k.Key)))
        {
            var (provider, key) = group.Key;
            if (provider.GetFixAllProvider() is not { } fixAllProvider)
            {
                continue;
            }

            var ids = provider.FixableDiagnosticIds.Where(OpenVerifyComponents.MeasuredRules.Contains).ToList();
            // A Fix All over one fixable call is that call's fix, already applied above: run it where it fixes more
            // than one call (a document with several, a project whose calls span several documents).
            var documents = group.Select(k => (Document: solution.GetDocument(k.Document)!, Count: offered[k])).ToList();
            var targets = new List<(string Scope, string Target, FixAllContext Context)>();
            if (fixAllProvider.GetSupportedFixAllScopes().Contains(FixAllScope.Document))
            {
                targets.AddRange(documents.Where(d => d.Count > 1).Select(d => ("document", CorpusLayout.Relative(codeBase.Directory, d.Document.FilePath!),
                    new FixAllContext(d.Document, provider, FixAllScope.Document, key, ids, diagnosticProvider, cancellationToken))));
            }

            if (fixAllProvider.GetSupportedFixAllScopes().Contains(FixAllScope.Project))
            {
                targets.AddRange(documents.GroupBy(d => d.Document.Project).Where(p => p.Count() > 1).Select(p => ("project", p.Key.Name,
                    new FixAllContext(p.Key, provider, FixAllScope.Project, key, ids, diagnosticProvider, cancellationToken))));
            }

            foreach (var (scope, target, context) in targets)
            {
                var action = await fixAllProvider.GetFixAsync(context).ConfigureAwait(false);
                var newErrors = action is null ? null : await ApplyAndCompileAsync(solution, action, baseline, wholeProjects: scope == "project", cancellationToken).ConfigureAwait(false);
                runs.Add(new FixAllRun(codeBase.Name, provider.GetType().Name, key, scope, target, action is not null, newErrors));
            }
        }

        return runs;
    }

    /// <summary>
    /// Applies <paramref name="action"/> and compiles the result: the errors that were not there before (compared by
    /// id, file and message, since lines move); null when the action has no solution change to apply. With
    /// <paramref name="wholeProjects"/> (Fix All over a project) every changed project and every project that depends
    /// on one is compiled whole; otherwise the changed documents and the generated ones are checked, unless the change
    /// reaches beyond documents (project files, references) or other projects depend on the changed one, which again
    /// compiles whole projects.
    /// </summary>
    private static async Task<IReadOnlyList<string>?> ApplyAndCompileAsync(
        Solution solution, CodeAction action, Baseline baseline, bool wholeProjects, CancellationToken cancellationToken)
    {
        var operations = await action.GetOperationsAsync(cancellationToken).ConfigureAwait(false);
        if (operations.OfType<ApplyChangesOperation>().FirstOrDefault() is not { } apply)
        {
            return null;
        }

        var changed = apply.ChangedSolution;
        var changes = changed.GetChanges(solution);
        var projectChanges = changes.GetProjectChanges().ToList();
        var graph = changed.GetProjectDependencyGraph();
        var documentsOnly = !wholeProjects
            && !changes.GetAddedProjects().Any() && !changes.GetRemovedProjects().Any()
            && projectChanges.All(p => !p.GetAddedMetadataReferences().Any() && !p.GetAddedProjectReferences().Any()
                && !p.GetAddedAdditionalDocuments().Any() && !p.GetChangedAdditionalDocuments().Any()
                && !p.GetAddedAnalyzerConfigDocuments().Any() && !p.GetChangedAnalyzerConfigDocuments().Any()
                && !p.GetRemovedDocuments().Any()
                && p.OldProject.CompilationOptions == p.NewProject.CompilationOptions
                && !graph.GetProjectsThatDirectlyDependOnThisProject(p.ProjectId).Any());
        var newErrors = new List<string>();
        void Compare(Dictionary<string, int> before, Dictionary<string, int> after)
        {
            foreach (var (key, count) in after)
            {
                for (var i = before.GetValueOrDefault(key); i < count; i++)
                {
                    newErrors.Add(key);
                }
            }
        }

        if (documentsOnly)
        {
            foreach (var projectChange in projectChanges)
            {
                var project = changed.GetProject(projectChange.ProjectId)!;
                var compilation = (await project.GetCompilationAsync(cancellationToken).ConfigureAwait(false))!;
                foreach (var id in projectChange.GetChangedDocuments().Concat(projectChange.GetAddedDocuments()))
                {
                    var tree = (await changed.GetDocument(id)!.GetSyntaxTreeAsync(cancellationToken).ConfigureAwait(false))!;
                    Compare(await baseline.DocumentAsync(id, cancellationToken).ConfigureAwait(false), ErrorKeys(compilation.GetSemanticModel(tree).GetDiagnostics(cancellationToken: cancellationToken)));
                }

                Compare(await baseline.GeneratedAsync(project.Id, cancellationToken).ConfigureAwait(false), ErrorKeys(GeneratedDiagnostics(project, compilation, cancellationToken)));
            }

            return newErrors;
        }

        var changedProjects = projectChanges.Select(p => p.ProjectId).Concat(changes.GetAddedProjects().Select(p => p.Id)).ToHashSet();
        foreach (var id in changedProjects.ToList())
        {
            changedProjects.UnionWith(graph.GetProjectsThatTransitivelyDependOnThisProject(id));
        }

        foreach (var id in changedProjects.Order())
        {
            var compilation = await changed.GetProject(id)!.GetCompilationAsync(cancellationToken).ConfigureAwait(false);
            Compare(baseline.Projects.GetValueOrDefault(id) ?? new Dictionary<string, int>(), ErrorKeys(compilation!.GetDiagnostics(cancellationToken)));
        }

        return newErrors;
    }

    private static Dictionary<string, int> ErrorKeys(IEnumerable<Diagnostic> diagnostics)
    {
        var keys = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var error in diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error))
        {
            var key = $"{error.Id} {Path.GetFileName(error.Location.SourceTree?.FilePath)}: {error.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}";
            keys[key] = keys.GetValueOrDefault(key) + 1;
        }

        return keys;
    }

    /// <summary>The diagnostics of the source generator's output (trees of the compilation that are no document).</summary>
    private static IEnumerable<Diagnostic> GeneratedDiagnostics(Project project, Compilation compilation, CancellationToken cancellationToken) =>
        compilation.SyntaxTrees
            .Where(t => project.GetDocumentId(t) is null)
            .SelectMany(t => compilation.GetSemanticModel(t).GetDiagnostics(cancellationToken: cancellationToken));

    /// <summary>The errors before any fix: per project (whole compilation), and per document and generated output on demand.</summary>
    private sealed class Baseline(Solution solution)
    {
        private readonly Dictionary<DocumentId, Dictionary<string, int>> _documents = [];
        private readonly Dictionary<ProjectId, Dictionary<string, int>> _generated = [];

        public Dictionary<ProjectId, Dictionary<string, int>> Projects { get; } = [];

        public async Task<Dictionary<string, int>> DocumentAsync(DocumentId id, CancellationToken cancellationToken)
        {
            if (solution.GetDocument(id) is not { } document)
            {
                return [];
            }

            if (!_documents.TryGetValue(id, out var keys))
            {
                var model = (await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false))!;
                _documents[id] = keys = ErrorKeys(model.GetDiagnostics(cancellationToken: cancellationToken));
            }

            return keys;
        }

        public async Task<Dictionary<string, int>> GeneratedAsync(ProjectId id, CancellationToken cancellationToken)
        {
            if (!_generated.TryGetValue(id, out var keys))
            {
                var project = solution.GetProject(id)!;
                var compilation = (await project.GetCompilationAsync(cancellationToken).ConfigureAwait(false))!;
                _generated[id] = keys = ErrorKeys(GeneratedDiagnostics(project, compilation, cancellationToken));
            }

            return keys;
        }
    }

    private static IEnumerable<CodeAction> Flatten(CodeAction action)
    {
        var nested = NestedActions(action);
        return nested.IsDefaultOrEmpty ? [action] : nested.SelectMany(Flatten);
    }

    /// <summary>A code action's nested actions (public as <c>NestedActions</c> in newer Roslyn, internal before).</summary>
    private static ImmutableArray<CodeAction> NestedActions(CodeAction action)
    {
        var property = typeof(CodeAction).GetProperty("NestedActions", BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
            ?? typeof(CodeAction).GetProperty("NestedCodeActions", BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic);
        return property?.GetValue(action) is ImmutableArray<CodeAction> nested ? nested : default;
    }

    /// <summary>
    /// Where the call sits (top-level statements, a constructor, a lambda, a method) and what its receiver is; and
    /// whether the call binds to a method.
    /// </summary>
    private static async Task<(string Shape, bool Bound)> ShapeAsync(Document document, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        var node = root!.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
        var call = node as InvocationExpressionSyntax ?? node.FirstAncestorOrSelf<InvocationExpressionSyntax>();
        var place = node.Ancestors().FirstOrDefault(a => a is GlobalStatementSyntax or LambdaExpressionSyntax or AnonymousMethodExpressionSyntax
            or LocalFunctionStatementSyntax or ConstructorDeclarationSyntax or MethodDeclarationSyntax or AccessorDeclarationSyntax) switch
        {
            GlobalStatementSyntax => "top-level statements",
            LambdaExpressionSyntax or AnonymousMethodExpressionSyntax => "a lambda",
            LocalFunctionStatementSyntax l when l.Ancestors().Any(a => a is GlobalStatementSyntax) => "a local function of top-level statements",
            LocalFunctionStatementSyntax => "a local function",
            ConstructorDeclarationSyntax => "a constructor",
            AccessorDeclarationSyntax => "a property",
            MethodDeclarationSyntax => "a method",
            _ => "a member initializer",
        };
        var receiver = call?.Expression switch
        {
            MemberAccessExpressionSyntax { Expression: BaseExpressionSyntax } => "base",
            MemberAccessExpressionSyntax member => ReceiverKind(model!.GetSymbolInfo(member.Expression, cancellationToken).Symbol, member.Expression),
            MemberBindingExpressionSyntax => "conditional access",
            _ => "this (implicit)",
        };
        var bound = call is null || model!.GetSymbolInfo(call, cancellationToken).Symbol is not null;
        return ($"receiver {receiver} in {place}", bound);
    }

    private static string ReceiverKind(ISymbol? symbol, ExpressionSyntax expression) => symbol switch
    {
        IFieldSymbol => "field",
        IPropertySymbol => "property",
        IParameterSymbol p when p.ContainingSymbol is IMethodSymbol { MethodKind: MethodKind.Constructor } => "primary-constructor or constructor parameter",
        IParameterSymbol => "parameter",
        ILocalSymbol => "local",
        IMethodSymbol => "method result",
        _ when expression is InvocationExpressionSyntax => "method result",
        _ when expression is ElementAccessExpressionSyntax => "indexer result",
        _ => "other expression",
    };

    /// <summary>Hands Fix All the diagnostics this run computed (on the solution before any fix).</summary>
    private sealed class ComputedDiagnostics(Solution solution, IReadOnlyDictionary<ProjectId, ImmutableArray<Diagnostic>> diagnostics) : FixAllContext.DiagnosticProvider
    {
        public override Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken) =>
            Task.FromResult(diagnostics.GetValueOrDefault(document.Project.Id).Where(d => solution.GetDocumentId(d.Location.SourceTree) == document.Id));

        public override Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
            Task.FromResult(Enumerable.Empty<Diagnostic>());

        public override Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
            Task.FromResult<IEnumerable<Diagnostic>>(diagnostics.GetValueOrDefault(project.Id));
    }
}
