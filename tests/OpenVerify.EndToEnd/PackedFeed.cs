using System.Globalization;

namespace OpenVerify.EndToEnd;

/// <summary>
/// Packs OpenVerify.Analyzers and OpenVerify once per test run into a temporary folder feed, under a unique prerelease
/// version (so no NuGet cache can serve stale bits), next to a NuGet.config that puts that feed first. Sample projects
/// are created below <see cref="Root"/>, outside the repository.
/// </summary>
public sealed class PackedFeed : IDisposable
{
    public static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(15);

    public PackedFeed()
    {
        RepositoryRoot = FindRepositoryRoot();
        Version = string.Create(CultureInfo.InvariantCulture, $"0.1.0-e2e.{DateTime.UtcNow:yyyyMMddHHmmss}.{Environment.ProcessId}");
        Root = Path.Combine(Path.GetTempPath(), "openverify-e2e-" + Guid.NewGuid().ToString("N")[..12]);
        Feed = Path.Combine(Root, "feed");
        Directory.CreateDirectory(Feed);

        // Shield the samples from any Directory.Build.* or NuGet.config above the temp folder.
        File.WriteAllText(Path.Combine(Root, "Directory.Build.props"), "<Project />\n");
        File.WriteAllText(Path.Combine(Root, "Directory.Build.targets"), "<Project />\n");
        File.WriteAllText(Path.Combine(Root, "Directory.Packages.props"), "<Project><PropertyGroup><ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally></PropertyGroup></Project>\n");
        File.WriteAllText(Path.Combine(Root, "NuGet.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="openverify-e2e" value="{Feed}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
              </packageSources>
            </configuration>
            """);

        foreach (var project in new[]
        {
            "src/OpenVerify.Analyzers.Pack/OpenVerify.Analyzers.Pack.csproj", "src/OpenVerify/OpenVerify.csproj", "src/OpenVerify.ML/OpenVerify.ML.csproj",
            "src/OpenVerify.Extensions.Hosting/OpenVerify.Extensions.Hosting.csproj", "src/OpenVerify.OpenTelemetry/OpenVerify.OpenTelemetry.csproj",
            "src/OpenVerify.Extensions.AI/OpenVerify.Extensions.AI.csproj", "src/OpenVerify.Extensions.AI.OpenAI/OpenVerify.Extensions.AI.OpenAI.csproj",
        })
        {
            var pack = DotNet.Run(RepositoryRoot, BuildTimeout, "pack", project, "-c", "Release", "-o", Feed, "-p:Version=" + Version, "-nodeReuse:false");
            if (pack.ExitCode != 0)
            {
                throw new InvalidOperationException($"dotnet pack {project} failed: {pack}");
            }
        }
    }

    public string RepositoryRoot { get; }

    /// <summary>The unique prerelease version of this run's packages.</summary>
    public string Version { get; }

    /// <summary>The temporary folder holding the feed and the sample projects.</summary>
    public string Root { get; }

    public string Feed { get; }

    public string PackagePath(string id) => Path.Combine(Feed, $"{id}.{Version}.nupkg");

    /// <summary>
    /// Copies a sample project from the test's Assets folder to a fresh folder below <see cref="Root"/>, named
    /// <paramref name="copyName"/> when one sample is copied more than once.
    /// </summary>
    public string CreateSample(string name, string? copyName = null)
    {
        var source = Path.Combine(AppContext.BaseDirectory, "Assets", name);
        var target = Path.Combine(Root, copyName ?? name);
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination, overwrite: true);
        }

        return target;
    }

    /// <summary>Runs <c>dotnet</c> in a sample folder with <c>OpenVerifyVersion</c> set to this run's version.</summary>
    public ProcessResult DotNetIn(string directory, params string[] arguments) =>
        DotNet.Run(directory, BuildTimeout, [.. arguments, "-p:OpenVerifyVersion=" + Version, "-nodeReuse:false"]);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A process may still hold a file; the temp folder is cleaned by the system.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "OpenVerify.Analyzers.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("OpenVerify.Analyzers.sln not found above " + AppContext.BaseDirectory);
    }
}

[CollectionDefinition(Name)]
public sealed class PackedFeedCollection : ICollectionFixture<PackedFeed>
{
    public const string Name = "Packed feed";
}
