using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using OpenVerify.Analyzers.Diagnostics;
using OpenVerify.Analyzers.Rules;
using OpenVerify.Analyzers.Tests.Infrastructure;

namespace OpenVerify.Analyzers.Tests.Generator;

/// <summary>OV1001–OV1008 and OV2006: the analyzer reports what the binder finds, where the user can fix it.</summary>
public class VerifiedInferenceAnalyzerTests
{
    [Fact]
    public void A_matching_method_has_no_diagnostics()
    {
        Analyze("""
            public sealed record SumAndProduct(float[] Sum, float[] Product);
            public static partial class M
            {
                [VerifiedInference("models/add_mul.onnx")]
                public static partial Attested<SumAndProduct> AddMul(float[] a, float[] b);
            }
            """).ShouldBeEmpty();
    }

    [Fact]
    public void OV1001_method_not_partial()
    {
        var diagnostic = Analyze("""
            public static partial class M
            {
                [VerifiedInference("models/scalar.onnx")]
                public static extern Attested<float> Twice(float x);
            }
            """).ShouldHaveSingleItem();
        diagnostic.Id.ShouldBe(DiagnosticIds.MethodNotPartial);
        Text(diagnostic).ShouldBe("Twice");
    }

    [Fact]
    public void OV1002_containing_type_not_partial_at_any_depth()
    {
        var diagnostic = Analyze("""
            public static class Outer
            {
                public static partial class Inner
                {
                    [VerifiedInference("models/scalar.onnx")]
                    public static partial Attested<float> Twice(float x);
                }
            }
            """).ShouldHaveSingleItem();
        diagnostic.Id.ShouldBe(DiagnosticIds.ContainingTypeNotPartial);
        Text(diagnostic).ShouldBe("Twice");
        diagnostic.GetMessage().ShouldStartWith("The type 'Outer' contains");
    }

    [Fact]
    public void OV1003_unknown_model_lists_the_models()
    {
        var diagnostic = Analyze("""
            public static partial class M
            {
                [VerifiedInference("models/missing.onnx")]
                public static partial Attested<float> Twice(float x);
            }
            """).ShouldHaveSingleItem();
        diagnostic.Id.ShouldBe(DiagnosticIds.UnknownModel);
        Text(diagnostic).ShouldBe("\"models/missing.onnx\"");
        diagnostic.GetMessage().ShouldContain("models/add_mul.onnx, models/batch.onnx");
    }

    [Fact]
    public void OV1004_parameter_without_input_and_input_without_parameter()
    {
        var diagnostics = Analyze("""
            public static partial class M
            {
                [VerifiedInference("models/add_mul.onnx")]
                public static partial Attested<SumAndProduct> AddMul(float[] a, float[] c);
            }
            public sealed record SumAndProduct(float[] Sum, float[] Product);
            """);
        diagnostics.Select(d => d.Id).ShouldAllBe(id => id == DiagnosticIds.InputMismatch);
        diagnostics.Count.ShouldBe(2);
        diagnostics.ShouldContain(d => Text(d) == "c" && d.GetMessage().Contains("'c' matches no input of 'models/add_mul.onnx'"));
        diagnostics.ShouldContain(d => Text(d) == "AddMul" && d.GetMessage().Contains("The input 'b: float[1,4]' of 'models/add_mul.onnx' has no parameter"));
    }

    [Fact]
    public void Names_bind_ignoring_case_and_separators_and_ModelInput_maps_explicitly()
    {
        Analyze("""
            public static partial class M
            {
                [VerifiedInference("models/strings.onnx")]
                public static partial Attested<string[]> Echo(string[] TextIn);

                [VerifiedInference("models/embedded.onnx")]
                public static partial Attested<long[]> Run([ModelInput("input.1")] long[] values);
            }
            """).ShouldBeEmpty();
    }

    [Fact]
    public void OV1005_element_type_names_both_types()
    {
        var diagnostic = Analyze("""
            public static partial class M
            {
                [VerifiedInference("models/batch.onnx")]
                public static partial Attested<float[]> Relu([Shape(-1, 3)] double[] x);
            }
            """).ShouldHaveSingleItem();
        diagnostic.Id.ShouldBe(DiagnosticIds.ElementTypeMismatch);
        Text(diagnostic).ShouldBe("x");
        diagnostic.GetMessage().ShouldContain("'double' (double), but the input 'x' of 'models/batch.onnx' holds float (C# 'float')");
    }

    [Fact]
    public void OV1006_unsupported_types()
    {
        var diagnostics = Analyze("""
            public static partial class M
            {
                [VerifiedInference("models/scalar.onnx")]
                public static partial float Twice(ref float x);
            }
            """);
        diagnostics.Select(d => d.Id).ShouldAllBe(id => id == DiagnosticIds.UnsupportedType);
        diagnostics.ShouldContain(d => Text(d) == "x");
        diagnostics.ShouldContain(d => Text(d) == "float" && d.GetMessage().Contains("return type"));
    }

    [Fact]
    public void OV1007_symbolic_shape_needs_Shape_and_scalars_need_rank_0()
    {
        var diagnostics = Analyze("""
            public static partial class M
            {
                [VerifiedInference("models/batch.onnx")]
                public static partial Attested<float[]> Relu(float[] x);

                [VerifiedInference("models/batch.onnx")]
                public static partial Attested<float[]> WrongRank([Shape(-1)] float[] x);

                [VerifiedInference("models/add_mul.onnx")]
                [return: ModelOutput("sum")]
                public static partial Attested<float> Scalar(float a, float[] b);
            }
            """);
        diagnostics.Select(d => d.Id).ShouldAllBe(id => id == DiagnosticIds.ShapeMismatch);
        diagnostics.Count.ShouldBe(4);
        diagnostics.ShouldContain(d => d.GetMessage().Contains("give one with [Shape(...)]"));
        diagnostics.ShouldContain(d => d.GetMessage().Contains("[Shape] on 'x' is [-1], but the input 'x' of 'models/batch.onnx' has shape [N,3]"));
        diagnostics.ShouldContain(d => Text(d) == "a" && d.GetMessage().Contains("is a scalar (rank 0)"));
        diagnostics.ShouldContain(d => Text(d) == "Attested<float>" && d.GetMessage().Contains("output 'sum'"));
    }

    [Fact]
    public void OV1008_result_members_that_match_no_output()
    {
        var diagnostics = Analyze("""
            public sealed record Wrong(float[] Sum, float[] Quotient);
            public static partial class M
            {
                [VerifiedInference("models/add_mul.onnx")]
                public static partial Attested<Wrong> Divide(float[] a, float[] b);

                [VerifiedInference("models/add_mul.onnx")]
                public static partial Attested<float[]> OneOfTwo(float[] a, float[] b);
            }
            """);
        diagnostics.Select(d => d.Id).ShouldAllBe(id => id == DiagnosticIds.OutputMismatch);
        diagnostics.ShouldContain(d => d.GetMessage().Contains("The member 'Quotient' of 'Wrong' matches no output"));
        diagnostics.ShouldContain(d => d.GetMessage().Contains("has 2 outputs"));
    }

    [Fact]
    public void OV2006_is_reported_once_when_the_manifest_is_missing()
    {
        var diagnostic = Analyze("""
            public static partial class M
            {
                [VerifiedInference("models/scalar.onnx")]
                public static partial Attested<float> One(float x);

                [VerifiedInference("models/scalar.onnx")]
                public static partial Attested<float> Two(float x);
            }
            """, manifest: null).ShouldHaveSingleItem();
        diagnostic.Id.ShouldBe(DiagnosticIds.ManifestMissing);
    }

    [Theory]
    [InlineData("off", DiagnosticSeverity.Error, false)]
    [InlineData("warn", DiagnosticSeverity.Error, false)]
    [InlineData("strict", DiagnosticSeverity.Error, true)]
    public void Binding_errors_are_errors_in_every_gate_mode_and_not_configurable_under_strict(string gate, DiagnosticSeverity severity, bool notConfigurable)
    {
        var diagnostic = Analyze("""
            public static partial class M
            {
                [VerifiedInference("models/missing.onnx")]
                public static partial Attested<float> Twice(float x);
            }
            """, gate: gate).ShouldHaveSingleItem();
        diagnostic.Severity.ShouldBe(severity);
        diagnostic.Descriptor.CustomTags.Contains(WellKnownDiagnosticTags.NotConfigurable).ShouldBe(notConfigurable);
    }

    private static string Text(Diagnostic diagnostic) => diagnostic.Location.SourceTree!.ToString().Substring(diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.Length);

    private static List<Diagnostic> Analyze(string body, string? manifest = "standard", string? gate = null)
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
