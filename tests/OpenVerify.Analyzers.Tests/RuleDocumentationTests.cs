using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using OpenVerify.Analyzers.Diagnostics;

namespace OpenVerify.Analyzers.Tests;

/// <summary>Every rule has a help link, a docs page and a release-tracking entry, and strict forms are what they claim.</summary>
public class RuleDocumentationTests
{
    public static TheoryData<string> SupportedIds()
    {
        var data = new TheoryData<string>();
        foreach (var id in AllSupported().Select(d => d.Id).Distinct())
        {
            data.Add(id);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(SupportedIds))]
    public void Every_descriptor_has_a_help_link_to_its_docs_page(string id)
    {
        foreach (var descriptor in AllSupported().Where(d => d.Id == id))
        {
            descriptor.HelpLinkUri.ShouldBe($"https://github.com/openverify/openverify/blob/main/docs/rules/{id}.md");
        }

        File.Exists(Path.Combine(RepositoryRoot(), "docs", "rules", id + ".md")).ShouldBeTrue($"docs/rules/{id}.md is missing");
    }

    [Theory]
    [MemberData(nameof(SupportedIds))]
    public void Every_id_is_in_the_release_tracking_files(string id)
    {
        var analyzerFolder = Path.Combine(RepositoryRoot(), "src", "OpenVerify.Analyzers");
        var tracked = File.ReadAllLines(Path.Combine(analyzerFolder, "AnalyzerReleases.Shipped.md"))
            .Concat(File.ReadAllLines(Path.Combine(analyzerFolder, "AnalyzerReleases.Unshipped.md")));
        // The configurable form's severity: Warning for the AI-call rules and OV1009, Error for OV1001–OV1008 and OV2006.
        // OV2011 (the strict gate's proof) has only its NotConfigurable Info form.
        var severity = AllSupported().Where(d => d.Id == id).OrderBy(d => d.CustomTags.Contains(WellKnownDiagnosticTags.NotConfigurable)).First().DefaultSeverity;
        tracked.ShouldContain(line => line.StartsWith(id + " | " + DiagnosticDescriptors.Category + " | " + severity + " |", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(SupportedIds))]
    public void Every_descriptor_agrees_with_the_id_registry(string id)
    {
        // src/Shared/Diagnostics/DiagnosticIds.cs is the one list of ids: title, category and the configurable form's
        // severity come from there, and the registry says the analyzers report the id.
        var rule = DiagnosticRule.Find(id).ShouldNotBeNull($"{id} is not in the registry (src/Shared/Diagnostics/DiagnosticIds.cs)");
        rule.ReportedBy.HasFlag(DiagnosticReporter.Analyzer).ShouldBeTrue($"{id} is reported by an analyzer");
        var descriptors = AllSupported().Where(d => d.Id == id).ToList();
        descriptors.ShouldAllBe(d => d.Title.ToString() == rule.Title && d.Category == rule.Category && d.HelpLinkUri == rule.HelpLink);
        var configurable = descriptors.OrderBy(d => d.CustomTags.Contains(WellKnownDiagnosticTags.NotConfigurable)).First();
        configurable.DefaultSeverity.ToString().ShouldBe(rule.DefaultSeverity.ToString());
    }

    [Fact]
    public void Every_analyzer_id_of_the_registry_has_a_descriptor()
    {
        var supported = AllSupported().Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
        DiagnosticRule.All.Where(r => r.ReportedBy.HasFlag(DiagnosticReporter.Analyzer) && !supported.Contains(r.Id))
            .Select(r => r.Id).ShouldBeEmpty("registry ids marked as reported by the analyzers that no analyzer supports");
    }

    [Fact]
    public void Each_id_has_a_configurable_form_and_a_not_configurable_error()
    {
        foreach (var group in AllSupported().GroupBy(d => d.Id).Where(g => g.Key != DiagnosticIds.GateProof))
        {
            // OV1001–OV1008 and OV2006 are configurable errors outside strict (the generated method could only throw).
            group.ShouldContain(d => d.DefaultSeverity != DiagnosticSeverity.Hidden && !d.CustomTags.Contains(WellKnownDiagnosticTags.NotConfigurable));
            group.ShouldContain(d => d.DefaultSeverity == DiagnosticSeverity.Error && d.IsEnabledByDefault && d.CustomTags.Contains(WellKnownDiagnosticTags.NotConfigurable));
        }
    }

    [Fact]
    public void The_gate_proof_is_one_not_configurable_Info_reported_at_compilation_end()
    {
        var proof = AllSupported().Where(d => d.Id == DiagnosticIds.GateProof).Distinct().ShouldHaveSingleItem();
        proof.DefaultSeverity.ShouldBe(DiagnosticSeverity.Info);
        proof.CustomTags.ShouldContain(WellKnownDiagnosticTags.NotConfigurable);
        proof.CustomTags.ShouldContain(WellKnownDiagnosticTags.CompilationEnd);
    }

    private static IEnumerable<DiagnosticDescriptor> AllSupported() =>
        typeof(DiagnosticIds).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && t.GetCustomAttribute<DiagnosticAnalyzerAttribute>() is not null)
            .SelectMany(t => ((DiagnosticAnalyzer)Activator.CreateInstance(t)!).SupportedDiagnostics);

    internal static string RepositoryRoot()
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
