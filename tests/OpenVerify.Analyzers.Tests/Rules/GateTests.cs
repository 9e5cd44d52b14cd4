using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using OpenVerify.Analyzers.Configuration;
using OpenVerify.Analyzers.Rules;
using OpenVerify.Analyzers.Tests.Infrastructure;

namespace OpenVerify.Analyzers.Tests.Rules;

public class GateTests
{
    private const string Source = """
        using System.Collections.Generic;
        using Microsoft.ML.OnnxRuntime;

        class Scorer
        {
            void Score(InferenceSession session, IReadOnlyCollection<NamedOnnxValue> inputs)
            {
        #pragma warning disable OV0001
                {|#0:session.Run(inputs)|}.Dispose();
        #pragma warning restore OV0001
            }
        }
        """;

    [Fact]
    public Task Off_reports_nothing() => new AnalyzerTest<UnverifiedAiCallAnalyzer>(Source).WithGate("off").RunAsync();

    [Fact]
    public Task Off_reports_no_empty_justification_either() => new AnalyzerTest<AllowUnverifiedAiJustificationAnalyzer>("""
        class Scorer { [OpenVerify.AllowUnverifiedAi("")] void Score() { } }
        """).WithGate("off").RunAsync();

    [Theory]
    [InlineData("strict")]
    [InlineData("STRICT")]
    [InlineData("stict")]
    public Task Strict_and_unknown_values_report_errors(string gate) => new AnalyzerTest<UnverifiedAiCallAnalyzer>(Source)
        .WithGate(gate)
        .Expect(Expect.Call(Expect.Onnx, 0, "InferenceSession.Run", GateMode.Strict))
        .RunAsync();

    [Theory]
    [InlineData("warn")]
    [InlineData("")]
    public Task Warn_and_empty_report_warnings(string gate) => new AnalyzerTest<UnverifiedAiCallAnalyzer>(Source.Replace("#pragma", "// #pragma", StringComparison.Ordinal))
        .WithGate(gate)
        .Expect(Expect.Call(Expect.Onnx, 0, "InferenceSession.Run"))
        .RunAsync();

    [Fact]
    public Task Warn_can_be_turned_down_with_pragma() => new AnalyzerTest<UnverifiedAiCallAnalyzer>(Source.Replace("{|#0:", "", StringComparison.Ordinal).Replace("|}", "", StringComparison.Ordinal))
        .WithGate("warn")
        .RunAsync();

    [Fact]
    public Task Strict_reports_empty_justification_as_an_error() => new AnalyzerTest<AllowUnverifiedAiJustificationAnalyzer>("""
        class Scorer { [{|#0:OpenVerify.AllowUnverifiedAi("")|}] void Score() { } }
        """).WithGate("strict").Expect(Expect.EmptyJustification(0, "Score", GateMode.Strict)).RunAsync();

    /// <summary>
    /// The compiler's own filtering, as a build applies it: <c>#pragma</c>, <c>NoWarn</c> and an <c>.editorconfig</c>
    /// severity turn a warn-mode diagnostic down, and cannot touch a strict one.
    /// </summary>
    [Theory]
    [InlineData("warn", 0)]
    [InlineData("strict", 3)]
    public async Task Pragma_nowarn_and_editorconfig_cannot_turn_strict_down(string gate, int expectedErrors)
    {
        var source = """
            using System.Collections.Generic;
            using Microsoft.Extensions.AI;
            using Microsoft.ML.OnnxRuntime;

            class Scorer
            {
                void Score(InferenceSession session, IReadOnlyCollection<NamedOnnxValue> inputs)
                {
            #pragma warning disable OV0001
                    session.Run(inputs).Dispose();
            #pragma warning restore OV0001
                }

                void NoWarned(InferenceSession session, IReadOnlyCollection<NamedOnnxValue> inputs) => session.RunAsync(null!, null!, null!, null!, null!);

                void Configured(IChatClient client) => client.GetResponseAsync("x");
            }
            """;

        var tree = CSharpSyntaxTree.ParseText(source, path: "/0/Scorer.cs");
        var compilation = CSharpCompilation.Create(
            "Gate",
            new[] { tree },
            TestReferences.All,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary)
                .WithSpecificDiagnosticOptions(new Dictionary<string, ReportDiagnostic>
                {
                    ["OV0001"] = ReportDiagnostic.Suppress,   // NoWarn
                    ["OV0003"] = ReportDiagnostic.Suppress,   // dotnet_diagnostic.OV0003.severity = none
                }));
        var options = new AnalyzerOptions(
            ImmutableArray<AdditionalText>.Empty,
            new GlobalOptionsProvider(new Dictionary<string, string> { [GateModeReader.PropertyKey] = gate }));

        var diagnostics = await compilation
            .WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new UnverifiedAiCallAnalyzer()), options)
            .GetAllDiagnosticsAsync();

        var ours = diagnostics.Where(d => d.Id.StartsWith("OV", StringComparison.Ordinal) && !d.IsSuppressed).ToList();
        ours.Count.ShouldBe(expectedErrors, string.Join("\n", ours));
        ours.ShouldAllBe(d => d.Severity == DiagnosticSeverity.Error && d.Descriptor.CustomTags.Contains(WellKnownDiagnosticTags.NotConfigurable));
    }

    private sealed class GlobalOptionsProvider : AnalyzerConfigOptionsProvider
    {
        private readonly DictionaryOptions _global;

        public GlobalOptionsProvider(Dictionary<string, string> values) => _global = new DictionaryOptions(values);

        public override AnalyzerConfigOptions GlobalOptions => _global;

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => DictionaryOptions.Empty;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => DictionaryOptions.Empty;
    }

    private sealed class DictionaryOptions : AnalyzerConfigOptions
    {
        public static readonly DictionaryOptions Empty = new(new Dictionary<string, string>());

        private readonly Dictionary<string, string> _values;

        public DictionaryOptions(Dictionary<string, string> values) => _values = values;

        public override bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value) => _values.TryGetValue(key, out value);
    }
}
