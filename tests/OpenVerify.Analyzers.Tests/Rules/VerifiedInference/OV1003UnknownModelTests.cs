using OpenVerify.Analyzers.Diagnostics;
using static OpenVerify.Analyzers.Tests.Rules.VerifiedInference.VerifiedInferenceAnalysis;

namespace OpenVerify.Analyzers.Tests.Rules.VerifiedInference;

/// <summary>OV1003: the attribute names a model the manifest does not list.</summary>
public class OV1003UnknownModelTests
{
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
}
