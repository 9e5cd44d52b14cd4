using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using OpenVerify.Analyzers.Diagnostics;
using OpenVerify.Analyzers.Rules;
using OpenVerify.Analyzers.Tests.Generator;
using OpenVerify.Analyzers.Tests.Infrastructure;

namespace OpenVerify.Analyzers.Tests.Rules.VerifiedInference;

/// <summary>Runs <see cref="VerifiedInferenceAnalyzer"/> over a snippet against the standard test manifest.</summary>
internal static class VerifiedInferenceAnalysis
{
    internal static string Text(Diagnostic diagnostic) => diagnostic.Location.SourceTree!.ToString().Substring(diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.Length);

    internal static List<Diagnostic> Analyze(string body, string? manifest = "standard", string? gate = null)
    {
        var compilation = GeneratorHarness.Compilation("using OpenVerify;\n" + body);
        var additional = manifest is null
            ? ImmutableArray<AdditionalText>.Empty
            : ImmutableArray.Create<AdditionalText>(new InMemoryAdditionalText(GeneratorHarness.ManifestPath, GeneratorHarness.StandardManifest()));
        var options = new AnalyzerOptions(additional, new OptionsProvider(gate is null ? [] : new Dictionary<string, string> { ["build_property.OpenVerifyGate"] = gate }));
        var analyzers = ImmutableArray.Create<DiagnosticAnalyzer>(new VerifiedInferenceAnalyzer());
        return compilation.WithAnalyzers(analyzers, options).GetAnalyzerDiagnosticsAsync().Result
            .OrderBy(d => d.Location.SourceSpan.Start).ToList();
    }

    private sealed class OptionsProvider(Dictionary<string, string> values) : AnalyzerConfigOptionsProvider
    {
        public override AnalyzerConfigOptions GlobalOptions { get; } = new Options(values);

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => new Options([]);

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => new Options([]);

        private sealed class Options(Dictionary<string, string> values) : AnalyzerConfigOptions
        {
            public override bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value) => values.TryGetValue(key, out value);
        }
    }
}
