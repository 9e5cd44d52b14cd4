using System.Text.RegularExpressions;

namespace OpenVerify.Architecture.Tests;

/// <summary>
/// Every OV id the product can report, wherever it is reported from (analyzers, the MSBuild task, the package's
/// targets), has its docs/rules page, and every page belongs to an id the product reports. The analyzers' own test
/// (RuleDocumentationTests) sees only analyzer descriptors; this one reads the sources, so an id reported by the task or
/// a .targets file cannot lose its page unnoticed.
/// </summary>
public partial class DiagnosticIdDocsTests
{
    // An id as a string literal in C# ("OV2001") or as an MSBuild Code attribute (Code="OV2008").
    [GeneratedRegex("(?:\"|Code=\")(OV\\d{4})\"")]
    private static partial Regex IdLiteral();

    private static readonly Lazy<SortedSet<string>> ReportedIds = new(() =>
    {
        var ids = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var file in SourceFiles())
        {
            foreach (Match match in IdLiteral().Matches(File.ReadAllText(file)))
            {
                ids.Add(match.Groups[1].Value);
            }
        }

        return ids;
    });

    [Fact]
    public void The_sources_report_ids_from_every_place_that_reports_them()
    {
        // A reader that found nothing would pass: analyzer (OV0001), task (OV2010) and targets (OV2008) ids are all seen.
        ReportedIds.Value.ShouldContain("OV0001");
        ReportedIds.Value.ShouldContain("OV2008");
        ReportedIds.Value.ShouldContain("OV2010");
    }

    [Fact]
    public void Every_reported_id_has_a_rules_page()
    {
        var missing = ReportedIds.Value.Where(id => !File.Exists(Path.Combine(LayeringTests.RepoRoot, "docs", "rules", id + ".md"))).ToList();
        missing.ShouldBeEmpty("ids reported by src/ or build/ without a docs/rules page");
    }

    [Fact]
    public void Every_rules_page_belongs_to_a_reported_id()
    {
        var pages = Directory.GetFiles(Path.Combine(LayeringTests.RepoRoot, "docs", "rules"), "OV*.md")
            .Select(Path.GetFileNameWithoutExtension)
            .Where(id => !ReportedIds.Value.Contains(id!))
            .ToList();
        pages.ShouldBeEmpty("docs/rules pages for ids nothing reports");
    }

    [Fact]
    public void Every_rules_page_names_its_id_in_its_title()
    {
        foreach (var page in Directory.GetFiles(Path.Combine(LayeringTests.RepoRoot, "docs", "rules"), "OV*.md"))
        {
            var id = Path.GetFileNameWithoutExtension(page);
            File.ReadLines(page).First().ShouldStartWith("# " + id, customMessage: page);
        }
    }

    private static IEnumerable<string> SourceFiles()
    {
        var root = LayeringTests.RepoRoot;
        foreach (var folder in new[] { "src", "build" })
        {
            foreach (var file in Directory.EnumerateFiles(Path.Combine(root, folder), "*", SearchOption.AllDirectories))
            {
                var relative = Path.GetRelativePath(root, file).Replace('\\', '/');
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
