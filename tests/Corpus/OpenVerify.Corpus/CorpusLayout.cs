using System.Xml.Linq;

namespace OpenVerify.Corpus;

/// <summary>
/// One project of a corpus code base, as its <c>.csproj</c> describes it (or a file-based app: one <c>.cs</c> file
/// that starts with <c>#:</c> or <c>#!</c>). Only what decides how the code binds is read: the SDK, implicit and
/// explicit usings, the output kind, project references and linked files.
/// </summary>
/// <param name="Name">The path of the project (file) relative to its code base.</param>
/// <param name="Directory">The project's folder.</param>
/// <param name="SourceFiles">Its <c>.cs</c> files, linked ones included.</param>
/// <param name="GlobalUsings">The namespaces its SDK and <c>Using</c> items import in every file.</param>
/// <param name="IsExe">Whether it builds an executable (top-level statements need one).</param>
/// <param name="ProjectReferences">The full paths of the referenced project files that are in the corpus.</param>
/// <param name="FilePath">The full path of the project file (or of the file-based app).</param>
public sealed record CorpusProject(
    string Name,
    string Directory,
    IReadOnlyList<string> SourceFiles,
    IReadOnlyList<string> GlobalUsings,
    bool IsExe,
    IReadOnlyList<string> ProjectReferences,
    string FilePath);

/// <summary>A code base of the corpus: a folder with a <c>SOURCE.md</c> and the projects under it.</summary>
public sealed record CodeBase(string Name, string Directory, IReadOnlyList<CorpusProject> Projects);

/// <summary>Finds the corpus's code bases and projects.</summary>
public static class CorpusLayout
{
    private static readonly string[] SdkUsings =
        ["System", "System.Collections.Generic", "System.IO", "System.Linq", "System.Net.Http", "System.Threading", "System.Threading.Tasks"];

    private static readonly string[] WebUsings =
    [
        "System.Net.Http.Json", "Microsoft.AspNetCore.Builder", "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Http",
        "Microsoft.AspNetCore.Routing", "Microsoft.Extensions.Configuration", "Microsoft.Extensions.DependencyInjection",
        "Microsoft.Extensions.Hosting", "Microsoft.Extensions.Logging",
    ];

    private static readonly string[] WorkerUsings =
        ["Microsoft.Extensions.Configuration", "Microsoft.Extensions.DependencyInjection", "Microsoft.Extensions.Hosting", "Microsoft.Extensions.Logging"];

    /// <summary>The corpus folder: <paramref name="path"/>, or the <c>tests/Corpus</c> above the running tool.</summary>
    public static string FindCorpus(string? path = null)
    {
        if (path is not null)
        {
            return File.Exists(Path.Combine(path, "labels.tsv"))
                ? Path.GetFullPath(path)
                : throw new DirectoryNotFoundException($"{path} has no labels.tsv: not a corpus folder.");
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "Corpus");
            if (File.Exists(Path.Combine(candidate, "labels.tsv")))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("No tests/Corpus/labels.tsv above " + AppContext.BaseDirectory + "; pass --corpus <folder>.");
    }

    /// <summary>Every code base (a folder with a SOURCE.md) and its projects, in name order.</summary>
    public static IReadOnlyList<CodeBase> Read(string corpus) =>
        System.IO.Directory.EnumerateDirectories(corpus)
            .Where(d => File.Exists(Path.Combine(d, "SOURCE.md")))
            .Order(StringComparer.Ordinal)
            .Select(d => new CodeBase(Path.GetFileName(d), d, ReadProjects(d)))
            .ToList();

    private static XDocument? NearestBuildProps(string projectDirectory, string codeBase)
    {
        for (var dir = projectDirectory; dir is not null && dir.Length >= codeBase.Length; dir = Path.GetDirectoryName(dir))
        {
            var props = Path.Combine(dir, "Directory.Build.props");
            if (File.Exists(props))
            {
                return XDocument.Load(props);
            }
        }

        return null;
    }

    private static List<CorpusProject> ReadProjects(string codeBase)
    {
        var allSources = System.IO.Directory.EnumerateFiles(codeBase, "*.cs", SearchOption.AllDirectories).ToList();
        var projectFiles = System.IO.Directory.EnumerateFiles(codeBase, "*.csproj", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        var fileApps = allSources.Where(IsFileBasedApp)
            .Where(f => !System.IO.Directory.EnumerateFiles(Path.GetDirectoryName(f)!, "*.csproj").Any())
            .ToList();

        // A file belongs to the nearest project folder above it; file-based apps stand alone.
        var roots = projectFiles.Select(p => Path.GetDirectoryName(p)!).ToList();
        string? Owner(string file)
        {
            for (var dir = Path.GetDirectoryName(file); dir is not null && dir.Length >= codeBase.Length; dir = Path.GetDirectoryName(dir))
            {
                if (roots.Contains(dir))
                {
                    return dir;
                }
            }

            return null;
        }

        var projects = new List<CorpusProject>();
        foreach (var projectFile in projectFiles)
        {
            var dir = Path.GetDirectoryName(projectFile)!;
            var xml = XDocument.Load(projectFile);
            var sdk = xml.Root?.Attribute("Sdk")?.Value ?? "Microsoft.NET.Sdk";

            // MSBuild imports the nearest Directory.Build.props above the project before the project's own
            // properties (ImplicitUsings often lives there); its properties and Using items apply. Conditioned groups there
            // are skipped: the tool does not evaluate conditions.
            var buildProps = NearestBuildProps(dir, codeBase);
            var propsElements = buildProps?.Descendants().Where(e => !e.AncestorsAndSelf().Any(a => a.Attribute("Condition") is not null)).ToList() ?? [];
            var elements = propsElements.Concat(xml.Descendants()).ToList();
            string? Property(string name) => elements.LastOrDefault(e => e.Name.LocalName == name)?.Value.Trim();
            IEnumerable<string> Items(string name) => (name == "Using" ? elements : xml.Descendants())
                .Where(e => e.Name.LocalName == name && e.Attribute("Include") is not null)
                .Select(e => e.Attribute("Include")!.Value);

            var sources = allSources.Where(f => Owner(f) == dir && !fileApps.Contains(f)).ToList();
            foreach (var link in Items("Compile"))
            {
                var linked = Path.GetFullPath(Path.Combine(dir, link.Replace('\\', '/')));
                if (File.Exists(linked) && !sources.Contains(linked))
                {
                    sources.Add(linked);
                }
            }

            var usings = new List<string>();
            if (string.Equals(Property("ImplicitUsings"), "enable", StringComparison.OrdinalIgnoreCase)
                || string.Equals(Property("ImplicitUsings"), "true", StringComparison.OrdinalIgnoreCase))
            {
                usings.AddRange(SdkUsings);
                if (sdk.Contains(".Web", StringComparison.Ordinal))
                {
                    usings.AddRange(WebUsings);
                }
                else if (sdk.Contains(".Worker", StringComparison.Ordinal))
                {
                    usings.AddRange(WorkerUsings);
                }
            }

            usings.AddRange(Items("Using").Where(u => !usings.Contains(u)));
            var outputType = Property("OutputType");
            var isExe = sdk.Contains(".Web", StringComparison.Ordinal) || sdk.Contains(".Worker", StringComparison.Ordinal)
                || string.Equals(outputType, "Exe", StringComparison.OrdinalIgnoreCase)
                || string.Equals(outputType, "WinExe", StringComparison.OrdinalIgnoreCase);
            var references = Items("ProjectReference")
                .Select(r => Path.GetFullPath(Path.Combine(dir, r.Replace('\\', '/'))))
                .Where(File.Exists)
                .ToList();
            projects.Add(new CorpusProject(Relative(codeBase, projectFile), dir, sources, usings, isExe, references, projectFile));
        }

        // A file-based app (dotnet run app.cs) has implicit usings and is an executable.
        projects.AddRange(fileApps.Select(app => new CorpusProject(Relative(codeBase, app), Path.GetDirectoryName(app)!, [app], SdkUsings, true, [], app)));
        return projects;
    }

    /// <summary>A path relative to <paramref name="root"/>, with <c>/</c> separators (as labels.tsv writes it).</summary>
    public static string Relative(string root, string path) => Path.GetRelativePath(root, path).Replace('\\', '/');

    private static bool IsFileBasedApp(string file)
    {
        using var reader = new StreamReader(file);
        var first = reader.ReadLine()?.TrimStart('\uFEFF');
        return first is not null && (first.StartsWith("#:", StringComparison.Ordinal) || first.StartsWith("#!", StringComparison.Ordinal));
    }
}
