using System.Xml.Linq;

namespace OpenVerify.Architecture.Tests;

/// <summary>One project under src/: its name (the folder's), what it references and which source folders it compiles
/// beyond its own.</summary>
/// <param name="Name">The project's name (its folder and csproj name).</param>
/// <param name="Directory">The project's folder, full path.</param>
/// <param name="References">Projects referenced for compilation (a <c>ReferenceOutputAssembly="false"</c> reference
/// only orders the build, so it is left out), by name.</param>
/// <param name="Compiles">Each <c>Compile Include</c> outside the project's own folder, from the csproj or a props file
/// it imports.</param>
public sealed record ProjectNode(string Name, string Directory, IReadOnlyList<string> References, IReadOnlyList<CompileItem> Compiles);

/// <summary>A <c>Compile Include</c> that reaches outside its project's folder.</summary>
/// <param name="Path">The include's full path up to its first wildcard.</param>
/// <param name="DeclaredIn">The csproj or props file that declares it, relative to the repository.</param>
public sealed record CompileItem(string Path, string DeclaredIn);

/// <summary>The src/ projects of a repository, read from their csproj files and the props files they import.</summary>
public sealed class ProjectGraph
{
    private ProjectGraph(string root, IReadOnlyDictionary<string, ProjectNode> projects)
    {
        Root = root;
        Projects = projects;
    }

    /// <summary>The repository root.</summary>
    public string Root { get; }

    /// <summary>The folder of the shared kernel (src/Shared), full path.</summary>
    public string SharedDirectory => Path.Combine(Root, "src", "Shared");

    /// <summary>The projects, by name.</summary>
    public IReadOnlyDictionary<string, ProjectNode> Projects { get; }

    /// <summary>Reads every <c>src/*/*.csproj</c> of the repository at <paramref name="root"/>.</summary>
    public static ProjectGraph Load(string root)
    {
        root = Path.GetFullPath(root);
        var projects = new Dictionary<string, ProjectNode>(StringComparer.Ordinal);
        foreach (var csproj in System.IO.Directory.EnumerateFiles(Path.Combine(root, "src"), "*.csproj", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var directory = Path.GetDirectoryName(csproj)!;
            var references = new List<string>();
            var compiles = new List<CompileItem>();
            Read(root, csproj, directory, references, compiles, new HashSet<string>(StringComparer.Ordinal));
            var name = Path.GetFileNameWithoutExtension(csproj);
            projects[name] = new ProjectNode(name, directory, references, compiles);
        }

        return new ProjectGraph(root, projects);
    }

    /// <summary>Projects that <paramref name="project"/> compiles against, directly or through other projects.</summary>
    public IReadOnlySet<string> ReachableReferences(string project)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>(Projects[project].References);
        while (pending.TryPop(out var next))
        {
            if (seen.Add(next) && Projects.TryGetValue(next, out var node))
            {
                foreach (var reference in node.References)
                {
                    pending.Push(reference);
                }
            }
        }

        return seen;
    }

    /// <summary>The project whose folder holds <paramref name="path"/>, or null (src/Shared, or outside src/).</summary>
    public string? OwnerOf(string path) =>
        Projects.Values.FirstOrDefault(p => IsUnder(path, p.Directory))?.Name;

    public static bool IsUnder(string path, string directory)
    {
        var relative = Path.GetRelativePath(directory, path);
        return relative != ".." && !relative.StartsWith(".." + Path.DirectorySeparatorChar, StringComparison.Ordinal) && !Path.IsPathRooted(relative);
    }

    public string Relative(string path) => Path.GetRelativePath(Root, path).Replace('\\', '/');

    private static void Read(string root, string file, string projectDirectory, List<string> references, List<CompileItem> compiles, HashSet<string> visited)
    {
        if (!visited.Add(file))
        {
            return;
        }

        var fileDirectory = Path.GetDirectoryName(file)!;
        var document = XDocument.Load(file);
        foreach (var element in document.Descendants())
        {
            switch (element.Name.LocalName)
            {
                case "ProjectReference":
                    if (!string.Equals((string?)element.Attribute("ReferenceOutputAssembly"), "false", StringComparison.OrdinalIgnoreCase))
                    {
                        foreach (var include in Includes(element, root, fileDirectory))
                        {
                            references.Add(Path.GetFileNameWithoutExtension(include));
                        }
                    }

                    break;
                case "Compile":
                    foreach (var include in Includes(element, root, fileDirectory))
                    {
                        if (!IsUnder(include, projectDirectory))
                        {
                            compiles.Add(new CompileItem(include, Path.GetRelativePath(root, file).Replace('\\', '/')));
                        }
                    }

                    break;
                case "Import":
                    // Only the repository's own props and targets matter here; the SDK's are not read.
                    var project = (string?)element.Attribute("Project");
                    if (project is not null && !project.Contains("$(MSBuildExtensionsPath", StringComparison.Ordinal))
                    {
                        var imported = Resolve(project, root, fileDirectory);
                        if (File.Exists(imported) && IsUnder(imported, root))
                        {
                            Read(root, imported, projectDirectory, references, compiles, visited);
                        }
                    }

                    break;
            }
        }
    }

    private static IEnumerable<string> Includes(XElement element, string root, string fileDirectory)
    {
        var include = (string?)element.Attribute("Include");
        if (include is null)
        {
            yield break;
        }

        foreach (var part in include.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            yield return Resolve(part, root, fileDirectory);
        }
    }

    /// <summary>A path as MSBuild would resolve it, cut at its first wildcard (a glob counts as the folder it
    /// searches).</summary>
    private static string Resolve(string value, string root, string fileDirectory)
    {
        var text = value
            .Replace("$(MSBuildThisFileDirectory)", fileDirectory + "/", StringComparison.Ordinal)
            .Replace("$(MSBuildProjectDirectory)", fileDirectory + "/", StringComparison.Ordinal)
            .Replace("$(RepoRoot)", root + "/", StringComparison.Ordinal)
            .Replace('\\', '/');
        var wildcard = text.IndexOfAny(['*', '?']);
        if (wildcard >= 0)
        {
            text = text[..wildcard];
        }

        return Path.GetFullPath(Path.Combine(fileDirectory, text));
    }
}
