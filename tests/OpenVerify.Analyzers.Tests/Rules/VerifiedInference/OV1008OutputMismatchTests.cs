using OpenVerify.Analyzers.Diagnostics;
using static OpenVerify.Analyzers.Tests.Rules.VerifiedInference.VerifiedInferenceAnalysis;

namespace OpenVerify.Analyzers.Tests.Rules.VerifiedInference;

/// <summary>OV1008: result members and model outputs must match.</summary>
public class OV1008OutputMismatchTests
{
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
}
