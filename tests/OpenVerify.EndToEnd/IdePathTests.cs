using System.Collections.Immutable;
using Microsoft.Build.Locator;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.MSBuild;
using OpenVerify.Testing;

namespace OpenVerify.EndToEnd;

/// <summary>
/// The IDE path: a fresh project from the packed feed opened the way Visual Studio, Rider and VS Code's C# tooling open
/// it, through a design-time build (MSBuild from the SDK these tests run under, found by Microsoft.Build.Locator) and an
/// <see cref="MSBuildWorkspace"/>. The generator and analyzers come from the package's analyzers folder, and the code
/// fixes are loaded from the packed OpenVerify.CodeFixes.dll and applied through the workspace, which writes the files.
/// </summary>
[Collection(PackedFeedCollection.Name)]
public sealed class IdePathTests(PackedFeed feed)
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static Loaded? _loaded;

    static IdePathTests()
    {
        // Before any MSBuild type loads; once per process.
        if (!MSBuildLocator.IsRegistered)
        {
            MSBuildLocator.RegisterDefaults();
        }
    }

    [Fact]
    public async Task The_design_time_build_runs_the_packaged_generator_and_not_the_gate()
    {
        var loaded = await LoadAsync();
        loaded.Workspace.Diagnostics.Where(d => d.Kind == WorkspaceDiagnosticKind.Failure).ShouldBeEmpty();
        loaded.Workspace.Diagnostics.ShouldNotContain(d => d.Message.Contains("OV2", StringComparison.Ordinal));

        var project = loaded.Workspace.CurrentSolution.Projects.Single();
        project.AnalyzerReferences.Select(r => r.FullPath).ShouldContain(
            p => p != null && p.Replace('\\', '/').EndsWith($"openverify.analyzers/{feed.Version}/analyzers/dotnet/cs/OpenVerify.Analyzers.dll", StringComparison.OrdinalIgnoreCase));

        // The model pipeline runs in design-time builds (the generator reads its manifest); the gate does not: under
        // OpenVerifyUpdateLock=true a real build's CheckModelGate writes the lockfile.
        project.AdditionalDocuments.Select(d => Path.GetFileName(d.FilePath)).ShouldContain("openverify.models.txt");
        File.Exists(Path.Combine(loaded.Directory, "openverify.lock.json")).ShouldBeFalse("the gate's lockfile task ran in a design-time build");

        var compilation = (await project.GetCompilationAsync())!;
        var addMul = compilation.GetTypeByMetadataName("Maths")!.GetMembers("AddMul").OfType<IMethodSymbol>().Single();
        var body = addMul.PartialImplementationPart.ShouldNotBeNull("the generator wrote no body for Maths.AddMul");
        var generated = body.DeclaringSyntaxReferences.Single().SyntaxTree;
        generated.FilePath.ShouldContain("OpenVerify.Analyzers");
        (await project.GetSourceGeneratedDocumentsAsync()).ShouldContain(d => d.FilePath == generated.FilePath);
        (await generated.GetTextAsync()).ToString().ShouldContain("models/add_mul.onnx");

        // The only errors are those the sample makes on purpose: OV1002's partial method in a type that is not partial
        // (which the generator leaves without a body).
        Errors(compilation).ShouldBe(["CS0751", "CS8795"], ignoreOrder: true);
    }

    [Fact]
    public async Task The_packaged_analyzers_report_OV0xxx_and_OV1xxx_with_their_help_links()
    {
        var loaded = await LoadAsync();
        var byId = loaded.Diagnostics.Where(d => d.Id.StartsWith("OV", StringComparison.Ordinal)).GroupBy(d => d.Id).ToDictionary(g => g.Key, g => g.ToList());
        byId.Keys.Order().ShouldBe(["OV0001", "OV0002", "OV0003", "OV0004", "OV1001", "OV1002"]);
        foreach (var (id, diagnostics) in byId)
        {
            diagnostics.ShouldAllBe(d => d.Descriptor.HelpLinkUri == $"https://github.com/openverify/openverify/blob/main/docs/rules/{id}.md");
            File.Exists(Path.Combine(feed.RepositoryRoot, "docs", "rules", id + ".md")).ShouldBeTrue();
        }

        byId["OV0001"].Single().Location.GetLineSpan().Path.ShouldEndWith("Onnx.cs");
        byId["OV0001"].Single().Severity.ShouldBe(DiagnosticSeverity.Warning);
    }

    [Fact]
    public async Task Each_code_fix_applies_through_the_workspace_and_leaves_code_that_compiles()
    {
        var loaded = await LoadAsync();
        var workspace = loaded.Workspace;
        var original = workspace.CurrentSolution;
        var errorsBefore = Errors((await original.Projects.Single().GetCompilationAsync())!);
        var applied = new List<string>();
        foreach (var diagnostic in loaded.Diagnostics.Where(d => d.Id.StartsWith("OV", StringComparison.Ordinal)))
        {
            foreach (var provider in loaded.CodeFixes.Where(p => p.FixableDiagnosticIds.Contains(diagnostic.Id)))
            {
                // Each fix starts from the sample as loaded (the text is restored after each one), so the diagnostic's span holds.
                var document = workspace.CurrentSolution.GetDocument(original.GetDocumentId(diagnostic.Location.SourceTree)).ShouldNotBeNull();
                var actions = new List<CodeAction>();
                await provider.RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None));
                foreach (var action in actions)
                {
                    var what = $"{diagnostic.Id} {provider.GetType().Name}: {action.Title}";
                    var operations = await action.GetOperationsAsync(CancellationToken.None);
                    var change = operations.OfType<ApplyChangesOperation>().Single();
                    var changedDocuments = change.ChangedSolution.GetChanges(workspace.CurrentSolution).GetProjectChanges().SelectMany(p => p.GetChangedDocuments()).ToList();
                    changedDocuments.ShouldNotBeEmpty(what);

                    workspace.TryApplyChanges(change.ChangedSolution).ShouldBeTrue(what);
                    foreach (var id in changedDocuments)
                    {
                        var changed = workspace.CurrentSolution.GetDocument(id)!;
                        (await File.ReadAllTextAsync(changed.FilePath!)).ShouldBe((await changed.GetTextAsync()).ToString(), what + ": the workspace did not write the file");
                    }

                    var errorsAfter = Errors((await workspace.CurrentSolution.Projects.Single().GetCompilationAsync())!);
                    errorsAfter.Except(errorsBefore).ShouldBeEmpty(what + " left code that does not compile");
                    applied.Add(what);

                    // Back to the sample as it was, on disk too, for the next fix.
                    var revert = workspace.CurrentSolution;
                    foreach (var id in changedDocuments)
                    {
                        revert = revert.WithDocumentText(id, await original.GetDocument(id)!.GetTextAsync());
                    }

                    workspace.TryApplyChanges(revert).ShouldBeTrue(what);
                }
            }
        }

        applied.ShouldBe(
        [
            "OV0001 AllowUnverifiedAiCodeFixProvider: " + "Allow this unverified AI call ([AllowUnverifiedAi])",
            "OV0001 ExtractVerifiedInferenceCodeFixProvider: Extract into a [VerifiedInference] method",
            "OV0001 VerifiedModelCodeFixProvider: Run through a VerifiedModel",
            "OV0002 AllowUnverifiedAiCodeFixProvider: Allow this unverified AI call ([AllowUnverifiedAi])",
            "OV0002 VerifiedPredictionEngineCodeFixProvider: Use OpenVerify.ML's verified prediction engine (signed receipts)",
            "OV0003 AllowUnverifiedAiCodeFixProvider: Allow this unverified AI call ([AllowUnverifiedAi])",
            "OV0003 VerifiedClientCodeFixProvider: Use a VerifiedChatClient (UseOpenVerify)",
            "OV0003 AllowUnverifiedAiCodeFixProvider: Allow this unverified AI call ([AllowUnverifiedAi])",
            "OV0003 VerifiedClientCodeFixProvider: Use a VerifiedOpenAIChatClient (AsVerified)",
            "OV0003 AllowUnverifiedAiCodeFixProvider: Allow this unverified AI call ([AllowUnverifiedAi])",
            "OV0003 VerifiedClientInjectionCodeFixProvider: Inject a VerifiedChatClient (AddVerifiedChatClient)",
            "OV0003 AllowUnverifiedAiCodeFixProvider: Allow this unverified AI call ([AllowUnverifiedAi])",
            "OV0003 VerifiedKernelCodeFixProvider: Build the kernel on a VerifiedChatClient",
            "OV0003 AllowUnverifiedAiCodeFixProvider: Allow this unverified AI call ([AllowUnverifiedAi])",
            "OV0003 VerifiedClientWrapCodeFixProvider: Verify the chat client where it is received (AsVerified)",
            "OV0003 AllowUnverifiedAiCodeFixProvider: Allow this unverified AI call ([AllowUnverifiedAi])",
            "OV0003 VerifiedSdkClientWrapCodeFixProvider: Verify the OpenAI client where it is received (AsVerified)",
            "OV0004 AllowUnverifiedAiCodeFixProvider: Allow this unverified AI call ([AllowUnverifiedAi])",
            "OV0004 VerifiedClientCodeFixProvider: Use a VerifiedEmbeddingGenerator (UseOpenVerify)",
            "OV0004 AllowUnverifiedAiCodeFixProvider: Allow this unverified AI call ([AllowUnverifiedAi])",
            "OV0004 VerifiedKernelEmbeddingCodeFixProvider: Build the kernel's embedding service on a VerifiedEmbeddingGenerator",
            "OV0004 AllowUnverifiedAiCodeFixProvider: Allow this unverified AI call ([AllowUnverifiedAi])",
            "OV0004 VerifiedClientWrapCodeFixProvider: Verify the Semantic Kernel embedding service where it is received (over a VerifiedEmbeddingGenerator)",
            "OV1001 AddPartialCodeFixProvider: Make partial",
            "OV1002 AddPartialCodeFixProvider: Make partial",
        ], ignoreOrder: true);

        // Every code fix the package exports was exercised: one added later needs a call here that it fixes.
        loaded.CodeFixes.Select(p => p.GetType().Name).Except(applied.Select(a => a.Split(' ')[1].TrimEnd(':'))).ShouldBeEmpty(
            "a code fix provider offered no fix on Assets/IdeApp; add a call it fixes");
    }

    private static List<string> Errors(Compilation compilation) =>
        compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.Id).ToList();

    private async Task<Loaded> LoadAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (_loaded is { } loaded && loaded.Directory.StartsWith(feed.Root, StringComparison.Ordinal))
            {
                return loaded;
            }

            var directory = feed.CreateSample("IdeApp");
            Directory.CreateDirectory(Path.Combine(directory, "models"));
            await File.WriteAllBytesAsync(Path.Combine(directory, "models", "add_mul.onnx"), TestModels.AddMul());
            var restore = feed.DotNetIn(directory, "restore");
            restore.ExitCode.ShouldBe(0, restore.ToString());

            var workspace = MSBuildWorkspace.Create(new Dictionary<string, string> { ["OpenVerifyVersion"] = feed.Version });
            var project = await workspace.OpenProjectAsync(Path.Combine(directory, "IdeApp.csproj"));
            var compilation = (await project.GetCompilationAsync())!;

            // As the IDE runs them: every analyzer of every analyzer reference, with the project's options.
            var analyzers = project.AnalyzerReferences.SelectMany(r => r.GetAnalyzers(LanguageNames.CSharp)).ToImmutableArray();
            var diagnostics = await compilation.WithAnalyzers(analyzers, project.AnalyzerOptions).GetAnalyzerDiagnosticsAsync();

            _loaded = new Loaded(directory, workspace, diagnostics, CodeFixesFrom(project));
            return _loaded;
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>The <c>[ExportCodeFixProvider]</c> types of the packed OpenVerify.CodeFixes.dll, found as the IDE finds them.</summary>
    private static ImmutableArray<CodeFixProvider> CodeFixesFrom(Project project)
    {
        var reference = project.AnalyzerReferences.OfType<AnalyzerFileReference>()
            .Single(r => Path.GetFileName(r.FullPath) == "OpenVerify.CodeFixes.dll");
        var providers = reference.GetAssembly().GetTypes()
            .Where(t => !t.IsAbstract && typeof(CodeFixProvider).IsAssignableFrom(t)
                && t.GetCustomAttributes(typeof(ExportCodeFixProviderAttribute), inherit: false).Cast<ExportCodeFixProviderAttribute>().Any(a => a.Languages.Contains(LanguageNames.CSharp)))
            .Select(t => (CodeFixProvider)Activator.CreateInstance(t)!)
            .ToImmutableArray();
        providers.ShouldNotBeEmpty();
        return providers;
    }

    private sealed record Loaded(string Directory, MSBuildWorkspace Workspace, ImmutableArray<Diagnostic> Diagnostics, ImmutableArray<CodeFixProvider> CodeFixes);
}
