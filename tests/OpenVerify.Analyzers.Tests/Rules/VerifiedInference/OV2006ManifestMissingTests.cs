using OpenVerify.Analyzers.Diagnostics;
using static OpenVerify.Analyzers.Tests.Rules.VerifiedInference.VerifiedInferenceAnalysis;

namespace OpenVerify.Analyzers.Tests.Rules.VerifiedInference;

/// <summary>OV2006: the model manifest is missing from the compilation.</summary>
public class OV2006ManifestMissingTests
{
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
}
