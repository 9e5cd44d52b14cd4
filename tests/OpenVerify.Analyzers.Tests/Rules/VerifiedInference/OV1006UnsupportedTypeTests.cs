using OpenVerify.Analyzers.Diagnostics;
using static OpenVerify.Analyzers.Tests.Rules.VerifiedInference.VerifiedInferenceAnalysis;

namespace OpenVerify.Analyzers.Tests.Rules.VerifiedInference;

/// <summary>OV1006: parameter and return types a generated method cannot marshal.</summary>
public class OV1006UnsupportedTypeTests
{
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
}
