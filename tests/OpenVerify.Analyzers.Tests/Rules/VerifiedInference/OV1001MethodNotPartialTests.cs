using OpenVerify.Analyzers.Diagnostics;
using static OpenVerify.Analyzers.Tests.Rules.VerifiedInference.VerifiedInferenceAnalysis;

namespace OpenVerify.Analyzers.Tests.Rules.VerifiedInference;

/// <summary>OV1001: a [VerifiedInference] method must be partial.</summary>
public class OV1001MethodNotPartialTests
{
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
}
