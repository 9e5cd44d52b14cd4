using OpenVerify.Analyzers.Diagnostics;
using static OpenVerify.Analyzers.Tests.Rules.VerifiedInference.VerifiedInferenceAnalysis;

namespace OpenVerify.Analyzers.Tests.Rules.VerifiedInference;

/// <summary>OV1002: every type containing a [VerifiedInference] method must be partial.</summary>
public class OV1002ContainingTypeNotPartialTests
{
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
}
