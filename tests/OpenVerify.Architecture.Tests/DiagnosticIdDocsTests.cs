using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using OpenVerify.Diagnostics;

namespace OpenVerify.Architecture.Tests;

/// <summary>
/// The one registry of OV ids (src/Shared/Diagnostics/DiagnosticIds.cs) against everything that names an id: every
/// registered id has its docs/rules page, help link and (for analyzer ids) release-tracking line; every OV id written in
/// src/ or build/ (.cs, .targets, .props), README.md or docs/ is registered; the rule tables agree with it. An id
/// reported by the task or a .targets file therefore cannot lose its page, and a new id cannot skip the registry.
/// </summary>
public partial class DiagnosticIdDocsTests
{
    [GeneratedRegex(@"OV\d{4}")]
    private static partial Regex AnyId();

    // An MSBuild error code in a .targets or .props file: <Error Code="OV2008" ….
    [GeneratedRegex("Code=\"(OV\\d{4})\"")]
    private static partial Regex TargetsCode();

    private static string Root => LayeringTests.RepoRoot;

    private static readonly Lazy<IReadOnlyDictionary<string, List<string>>> IdsInSources = new(() => FindIds(SourceFiles()));

    private static readonly Lazy<IReadOnlyDictionary<string, List<string>>> IdsInDocs = new(() => FindIds(DocFiles()));

    private static HashSet<string> RegisteredIds => DiagnosticRule.All.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);

    public static TheoryData<string> Registered()
    {
        var data = new TheoryData<string>();
        foreach (var rule in DiagnosticRule.All)
        {
            data.Add(rule.Id);
        }

        return data;
    }

    [Fact]
    public void The_registry_is_well_formed()
    {
        DiagnosticRule.All.Count.ShouldBeGreaterThanOrEqualTo(25);
        DiagnosticRule.All.Select(r => r.Id).ShouldBeUnique();
        DiagnosticRule.All.ShouldAllBe(r => Regex.IsMatch(r.Id, @"^OV\d{4}$") && !string.IsNullOrWhiteSpace(r.Title) && r.Category == "OpenVerify");

        // Every id const carries its [DiagnosticRule]: a bare const would be an id outside the registry.
        var bare = typeof(DiagnosticIds).GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.GetCustomAttribute<DiagnosticRuleAttribute>() is null)
            .Select(f => f.Name)
            .ToList();
        bare.ShouldBeEmpty("consts in DiagnosticIds without [DiagnosticRule(title, severity, reporter)]");
    }

    [Theory]
    [MemberData(nameof(Registered))]
    public void Every_registered_id_has_its_rules_page_titled_as_registered_and_a_help_link_to_it(string id)
    {
        var rule = DiagnosticRule.Find(id)!;
        var page = Path.Combine(Root, "docs", "rules", id + ".md");
        File.Exists(page).ShouldBeTrue($"docs/rules/{id}.md is missing");
        File.ReadLines(page).First().ShouldBe("# " + id + ": " + rule.Title, customMessage: "the page's title is the registry's");
        rule.HelpLink.ShouldBe("https://github.com/openverify/openverify/blob/main/docs/rules/" + id + ".md");
    }

    [Fact]
    public void Every_rules_page_belongs_to_a_registered_id()
    {
        var pages = Directory.GetFiles(Path.Combine(Root, "docs", "rules"), "OV*.md")
            .Select(Path.GetFileNameWithoutExtension)
            .Where(id => !RegisteredIds.Contains(id!))
            .ToList();
        pages.ShouldBeEmpty("docs/rules pages for ids the registry does not have");
    }

    [Fact]
    public void The_sources_are_read_from_every_place_that_reports_ids()
    {
        // A reader that found nothing would pass: analyzer (OV0001), task (OV2010) and targets (OV2008) ids are all seen.
        IdsInSources.Value.Keys.ShouldContain("OV0001");
        IdsInSources.Value.Keys.ShouldContain("OV2008");
        IdsInSources.Value.Keys.ShouldContain("OV2010");
        IdsInDocs.Value.Keys.ShouldContain("OV2007");
    }

    [Fact]
    public void Every_id_in_src_and_build_is_registered()
    {
        Unknown(IdsInSources.Value).ShouldBeEmpty("OV ids in src/ or build/ (.cs, .targets, .props) that src/Shared/Diagnostics/DiagnosticIds.cs does not register");
    }

    [Fact]
    public void Every_id_in_README_and_docs_is_registered()
    {
        Unknown(IdsInDocs.Value).ShouldBeEmpty("OV ids in README.md or docs/ that src/Shared/Diagnostics/DiagnosticIds.cs does not register");
    }

    [Fact]
    public void Error_codes_in_targets_files_are_registered_as_reported_by_the_targets()
    {
        var codes = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var file in SourceFiles().Where(f => f.EndsWith(".targets", StringComparison.Ordinal) || f.EndsWith(".props", StringComparison.Ordinal)))
        {
            foreach (Match match in TargetsCode().Matches(File.ReadAllText(file)))
            {
                codes.Add(match.Groups[1].Value);
            }
        }

        var declared = DiagnosticRule.All.Where(r => r.ReportedBy.HasFlag(DiagnosticReporter.MsBuildTargets)).Select(r => r.Id);
        codes.ShouldBe(declared, ignoreOrder: true, customMessage: "Code=\"OVnnnn\" in .targets/.props against the registry's MsBuildTargets ids");
    }

    [Fact]
    public void Release_tracking_lists_every_analyzer_id_with_its_category_and_severity()
    {
        var folder = Path.Combine(Root, "src", "OpenVerify.Analyzers");
        var rows = File.ReadAllLines(Path.Combine(folder, "AnalyzerReleases.Shipped.md"))
            .Concat(File.ReadAllLines(Path.Combine(folder, "AnalyzerReleases.Unshipped.md")))
            .Where(line => AnyId().IsMatch(line) && line.StartsWith("OV", StringComparison.Ordinal))
            .Select(line => line.Split('|').Select(cell => cell.Trim()).ToArray())
            .ToList();
        var analyzerRules = DiagnosticRule.All.Where(r => r.ReportedBy.HasFlag(DiagnosticReporter.Analyzer)).ToList();
        rows.Select(cells => cells[0]).ShouldBe(analyzerRules.Select(r => r.Id), ignoreOrder: true,
            customMessage: "AnalyzerReleases.*.md against the registry's analyzer ids");
        foreach (var rule in analyzerRules)
        {
            var cells = rows.First(c => c[0] == rule.Id);
            (cells[1], cells[2]).ShouldBe((rule.Category, rule.DefaultSeverity.ToString()), customMessage: rule.Id);
        }
    }

    [Fact]
    public void The_rules_index_lists_the_registry()
    {
        // docs/rules/README.md is the one full table of rules; it must read exactly as the registry says.
        var expected = new StringBuilder();
        foreach (var rule in DiagnosticRule.All)
        {
            expected.Append("| [").Append(rule.Id).Append("](").Append(rule.Id).Append(".md) | ").Append(rule.Title.Replace("|", "\\|", StringComparison.Ordinal))
                .Append(" | ").Append(rule.DefaultSeverity).Append(" | ").Append(Reporter(rule.ReportedBy)).Append(" |\n");
        }

        var rows = File.ReadAllLines(Path.Combine(Root, "docs", "rules", "README.md"))
            .Where(line => line.StartsWith("| [OV", StringComparison.Ordinal))
            .Select(line => line + "\n");
        string.Concat(rows).ShouldBe(expected.ToString(), "docs/rules/README.md's table, regenerated from the registry");
    }

    [Fact]
    public void Rule_tables_in_README_and_docs_name_registered_ids_with_their_titles()
    {
        // Any other table that lists ids (docs/analyzers.md, …) may describe a rule in its own words, but names only
        // registered ids, and a cell that gives a title gives the registry's.
        var problems = new List<string>();
        foreach (var file in DocFiles())
        {
            var lineNumber = 0;
            foreach (var line in File.ReadLines(file))
            {
                lineNumber++;
                if (!line.StartsWith('|'))
                {
                    continue;
                }

                var cells = line.Trim('|').Split('|').Select(c => c.Trim()).ToArray();
                var id = AnyId().Match(cells[0]);
                if (!id.Success || cells[0].Replace("[", "").Replace("]", "").Split('(')[0] != id.Value)
                {
                    continue;
                }

                var rule = DiagnosticRule.Find(id.Value);
                if (rule is null)
                {
                    problems.Add($"{Relative(file)}:{lineNumber}: {id.Value} is not registered");
                }
                else if (cells.Length > 2 && Enum.TryParse<DiagnosticRuleSeverity>(cells[2], out var severity) && (cells[1] != rule.Title.Replace("|", "\\|", StringComparison.Ordinal) || severity != rule.DefaultSeverity))
                {
                    problems.Add($"{Relative(file)}:{lineNumber}: {id.Value} is '{rule.Title}', {rule.DefaultSeverity} in the registry");
                }
            }
        }

        problems.ShouldBeEmpty();
    }

    private static string Reporter(DiagnosticReporter reporter) => reporter switch
    {
        DiagnosticReporter.Analyzer => "analyzers",
        DiagnosticReporter.MsBuildTask => "build task",
        DiagnosticReporter.MsBuildTask | DiagnosticReporter.MsBuildTargets => "build task, targets",
        _ => reporter.ToString(),
    };

    private static List<string> Unknown(IReadOnlyDictionary<string, List<string>> found) =>
        found.Where(pair => !RegisteredIds.Contains(pair.Key)).Select(pair => pair.Key + " in " + string.Join(", ", pair.Value)).ToList();

    private static SortedDictionary<string, List<string>> FindIds(IEnumerable<string> files)
    {
        var ids = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            foreach (Match match in AnyId().Matches(File.ReadAllText(file)))
            {
                if (!ids.TryGetValue(match.Value, out var where))
                {
                    ids[match.Value] = where = new List<string>();
                }

                if (!where.Contains(Relative(file)))
                {
                    where.Add(Relative(file));
                }
            }
        }

        return ids;
    }

    private static string Relative(string file) => Path.GetRelativePath(Root, file).Replace('\\', '/');

    private static IEnumerable<string> DocFiles() =>
        new[] { Path.Combine(Root, "README.md") }.Concat(Directory.EnumerateFiles(Path.Combine(Root, "docs"), "*.md", SearchOption.AllDirectories));

    private static IEnumerable<string> SourceFiles()
    {
        foreach (var folder in new[] { "src", "build" })
        {
            foreach (var file in Directory.EnumerateFiles(Path.Combine(Root, folder), "*", SearchOption.AllDirectories))
            {
                var relative = Relative(file);
                if (relative.Contains("/obj/", StringComparison.Ordinal) || relative.Contains("/bin/", StringComparison.Ordinal))
                {
                    continue;
                }

                if (file.EndsWith(".cs", StringComparison.Ordinal) || file.EndsWith(".targets", StringComparison.Ordinal) || file.EndsWith(".props", StringComparison.Ordinal))
                {
                    yield return file;
                }
            }
        }
    }
}
