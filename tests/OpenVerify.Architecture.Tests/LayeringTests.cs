using System.Reflection;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace OpenVerify.Architecture.Tests;

/// <summary>The repository follows every layering rule (docs/architecture.md).</summary>
public class LayeringTests
{
    private static readonly Lazy<ProjectGraph> Repository = new(() => ProjectGraph.Load(RepoRoot));

    public static string RepoRoot => typeof(LayeringTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "RepoRoot").Value!;

    public static TheoryData<string> RuleNames()
    {
        var data = new TheoryData<string>();
        foreach (var rule in Layering.Rules)
        {
            data.Add(rule.Description);
        }

        data.Add(Layering.SourcesRule);
        data.Add(Layering.KnownProjectsRule);
        return data;
    }

    [Theory]
    [MemberData(nameof(RuleNames))]
    public void TheRepositoryFollowsTheRule(string rule)
    {
        var broken = LayeringChecker.Check(Repository.Value).Where(v => v.Rule == rule).Select(v => v.ToString()).ToList();
        broken.ShouldBeEmpty();
    }

    [Fact]
    public void TheGraphSeesTheRealProjects()
    {
        // A reader that found nothing would pass every rule: check it read what is there.
        var graph = Repository.Value;
        graph.Projects.Keys.ShouldContain("OpenVerify");
        graph.Projects.Keys.ShouldContain("OpenVerify.Build");
        graph.Projects["OpenVerify.Cli"].References.ShouldContain("OpenVerify");
        graph.Projects["OpenVerify.CodeFixes"].References.ShouldContain("OpenVerify.Analyzers");
        graph.Projects["OpenVerify.Build"].Compiles.ShouldContain(c => c.DeclaredIn == Layering.SharedProps);
    }

    [Fact]
    public void NoProjectLinksASourceFileOutsideTheSharedProps()
    {
        // Belt and braces for the sources rule: no csproj names a file with Link= at all.
        var links = Directory.EnumerateFiles(Path.Combine(RepoRoot, "src"), "*.csproj", SearchOption.AllDirectories)
            .Where(f => File.ReadAllText(f).Contains("<Compile Include=", StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(RepoRoot, f))
            .ToList();
        links.ShouldBeEmpty();
    }

    [Fact]
    public void NoSrcPackageSeesAnotherSrcPackagesInternals()
    {
        var grants = InternalsGrants();

        // A reader that found no grant would pass: the two shipped-together grants are there to be read.
        grants.ShouldContain(("OpenVerify", "OpenVerify.Cli"));
        grants.ShouldContain(("OpenVerify.Analyzers", "OpenVerify.CodeFixes"));
        grants.Where(g => !Layering.InternalsShippedTogether.Contains(g))
            .Select(g => $"{Layering.InternalsRule}: {g.Project} grants InternalsVisibleTo to {g.GrantsTo}; {g.GrantsTo} must use {g.Project}'s public API instead.")
            .ToList().ShouldBeEmpty();
    }

    /// <summary>Every (granting src project, src project granted) pair, from InternalsVisibleTo items and attributes.</summary>
    private static List<(string Project, string GrantsTo)> InternalsGrants()
    {
        var grants = new List<(string, string)>();
        foreach (var project in Directory.EnumerateFiles(Path.Combine(RepoRoot, "src"), "*.csproj", SearchOption.AllDirectories))
        {
            var name = Path.GetFileNameWithoutExtension(project);
            var granted = XDocument.Load(project).Descendants("InternalsVisibleTo").Select(e => (string?)e.Attribute("Include"))
                .Concat(Directory.EnumerateFiles(Path.GetDirectoryName(project)!, "*.cs", SearchOption.AllDirectories)
                    .SelectMany(f => Regex.Matches(File.ReadAllText(f), @"InternalsVisibleTo\(\s*""([^"",]+)").Select(m => (string?)m.Groups[1].Value)));
            grants.AddRange(granted.Where(g => g is not null && Layering.Projects.ContainsKey(g)).Select(g => (name, g!)));
        }

        return grants;
    }
}
