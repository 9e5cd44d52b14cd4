using OpenVerify.Analyzers.Diagnostics;
using static OpenVerify.Analyzers.Tests.Rules.VerifiedInference.VerifiedInferenceAnalysis;

namespace OpenVerify.Analyzers.Tests.Rules.VerifiedInference;

/// <summary>OV1007: shapes, [Shape] and scalars against the model's.</summary>
public class OV1007ShapeMismatchTests
{
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
}
