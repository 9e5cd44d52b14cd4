using OpenVerify.Analyzers.Diagnostics;
using static OpenVerify.Analyzers.Tests.Rules.VerifiedInference.VerifiedInferenceAnalysis;

namespace OpenVerify.Analyzers.Tests.Rules.VerifiedInference;

/// <summary>OV1005: a parameter's element type must be the input's.</summary>
public class OV1005ElementTypeMismatchTests
{
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
}
