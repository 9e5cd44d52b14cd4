using OpenVerify.Analyzers.Diagnostics;
using static OpenVerify.Analyzers.Tests.Rules.VerifiedInference.VerifiedInferenceAnalysis;

namespace OpenVerify.Analyzers.Tests.Rules.VerifiedInference;

/// <summary>OV1004: parameters and model inputs must match one to one.</summary>
public class OV1004InputMismatchTests
{
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
}
