using Microsoft.CodeAnalysis;

namespace OpenVerify.Analyzers.Tests.Generator;

/// <summary>A model whose signature the build verified (manifest fields <c>signature=</c> and <c>publisher=</c>): the
/// generated code passes both to the runtime, which records them in every receipt of the model.</summary>
public class SignedModelGeneratorTests
{
    private const string Source = """
        using OpenVerify;
        public static partial class Doubler
        {
            [VerifiedInference("models/scalar.onnx")]
            internal static partial Attested<float> Twice(float x);
        }
        """;

    private static readonly string SignatureDigest = "sha256:" + new string('5', 64);

    [Fact]
    public void A_verified_signature_reaches_the_generated_code()
    {
        var line = GeneratorHarness.Model("models/scalar.onnx", "x:float[]", "y:float[]", "c") + "\tsignature=" + SignatureDigest + "\tpublisher=ov%3Apublisher1";
        var (result, output) = GeneratorHarness.Run(GeneratorHarness.Manifest(line), Source);
        result.Diagnostics.ShouldBeEmpty();
        var generated = string.Concat(result.GeneratedTrees.Select(t => t.ToString()));
        generated.ShouldContain("signatureDigest: \"" + SignatureDigest + "\",");
        generated.ShouldContain("publisherKeyId: \"ov:publisher1\");");
        output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ShouldBeEmpty();
    }

    [Fact]
    public void Without_both_fields_the_model_is_loaded_as_unsigned()
    {
        var line = GeneratorHarness.Model("models/scalar.onnx", "x:float[]", "y:float[]", "c") + "\tsignature=" + SignatureDigest;
        var (result, _) = GeneratorHarness.Run(GeneratorHarness.Manifest(line), Source);
        var generated = string.Concat(result.GeneratedTrees.Select(t => t.ToString()));
        generated.ShouldNotContain("signatureDigest:");
        generated.ShouldNotContain("publisherKeyId:");
    }
}
