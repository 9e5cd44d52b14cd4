using System.Collections.Immutable;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Host.Mef;
using Microsoft.CodeAnalysis.Text;

namespace OpenVerify.Corpus;

/// <summary>Builds one Roslyn solution per code base: one project per corpus project, bound against the tool's own references.</summary>
public static class CorpusWorkspace
{
    private static readonly Lazy<ImmutableArray<MetadataReference>> LazyReferences = new(LoadReferences);

    /// <summary>
    /// The metadata references of every corpus project: the assemblies this process was started with (the .NET and
    /// ASP.NET Core shared frameworks, the AI SDKs and the OpenVerify packages this tool references), less Roslyn,
    /// the analyzers themselves and test infrastructure.
    /// </summary>
    public static ImmutableArray<MetadataReference> References => LazyReferences.Value;

    /// <summary>C# 14 (the corpus has file-based apps and recent syntax), as the .NET 10 SDK compiles.</summary>
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Preview, DocumentationMode.None);

    /// <summary>A new workspace with a solution for <paramref name="codeBase"/>; also returns each project's id.</summary>
    public static (AdhocWorkspace Workspace, IReadOnlyDictionary<CorpusProject, ProjectId> Ids) Create(CodeBase codeBase)
    {
        var workspace = new AdhocWorkspace(MefHostServices.DefaultHost);
        var ids = codeBase.Projects.ToDictionary(p => p, _ => ProjectId.CreateNewId());
        var byPath = codeBase.Projects.ToDictionary(p => p.FilePath, StringComparer.Ordinal);
        var solution = workspace.CurrentSolution;
        foreach (var project in codeBase.Projects)
        {
            var id = ids[project];
            var options = new CSharpCompilationOptions(
                project.IsExe ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary,
                nullableContextOptions: NullableContextOptions.Enable,
                allowUnsafe: true);
            var assemblyName = Path.GetFileNameWithoutExtension(project.FilePath);
            solution = solution.AddProject(ProjectInfo.Create(
                id, VersionStamp.Create(), project.Name, assemblyName, LanguageNames.CSharp,
                filePath: project.FilePath,
                compilationOptions: options,
                parseOptions: ParseOptions,
                metadataReferences: References,
                analyzerReferences: [OpenVerifyComponents.AnalyzerReference],
                projectReferences: project.ProjectReferences
                    .Where(byPath.ContainsKey)
                    .Select(r => new ProjectReference(ids[byPath[r]]))));
            foreach (var file in project.SourceFiles)
            {
                solution = solution.AddDocument(
                    DocumentId.CreateNewId(id), Path.GetFileName(file),
                    SourceText.From(File.ReadAllText(file), Encoding.UTF8), filePath: file);
            }

            if (project.GlobalUsings.Count > 0)
            {
                var usings = string.Concat(project.GlobalUsings.Select(u => $"global using global::{u};\n"));
                solution = solution.AddDocument(
                    DocumentId.CreateNewId(id), "ImplicitUsings.g.cs", SourceText.From(usings, Encoding.UTF8),
                    filePath: Path.Combine(project.Directory, "obj", "ImplicitUsings.g.cs"));
            }
        }

        if (!workspace.TryApplyChanges(solution))
        {
            throw new InvalidOperationException($"Could not load {codeBase.Name} into a workspace.");
        }

        return (workspace, ids);
    }

    private static ImmutableArray<MetadataReference> LoadReferences()
    {
        var paths = ((string?)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        return paths
            .Where(p => p.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
            .Where(p => !Excluded(Path.GetFileNameWithoutExtension(p)))
            .Order(StringComparer.Ordinal)
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToImmutableArray();
    }

    private static bool Excluded(string name) =>
        name.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal)
        || name is "OpenVerify.Analyzers" or "OpenVerify.CodeFixes" or "OpenVerify.Corpus" or "OpenVerify.Corpus.Tests"
        || name.StartsWith("xunit", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("testhost", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("Microsoft.TestPlatform", StringComparison.Ordinal)
        || name.StartsWith("Microsoft.VisualStudio", StringComparison.Ordinal)
        || name.StartsWith("Shouldly", StringComparison.Ordinal)
        || name.StartsWith("System.Composition", StringComparison.Ordinal)
        || name.StartsWith("Humanizer", StringComparison.Ordinal);
}
