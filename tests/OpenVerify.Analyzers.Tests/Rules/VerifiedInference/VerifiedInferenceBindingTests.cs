using Microsoft.CodeAnalysis;
using static OpenVerify.Analyzers.Tests.Rules.VerifiedInference.VerifiedInferenceAnalysis;

namespace OpenVerify.Analyzers.Tests.Rules.VerifiedInference;

/// <summary>Binding that succeeds, and the gate behaviour common to OV1001–OV1008.</summary>
public class VerifiedInferenceBindingTests
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
}
