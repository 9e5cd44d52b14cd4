using OpenVerify.Analyzers.Manifest;

namespace OpenVerify.Analyzers.Tests.Generator;

/// <summary>An ML.NET model in the manifest (<c>format=mlnet</c>, pinned by the build gate) is not an ONNX model that
/// <c>[VerifiedInference]</c> could bind; ONNX lines, with or without <c>format=onnx</c>, still are.</summary>
public class ModelManifestFormatTests
{
    [Fact]
    public void Only_ONNX_lines_are_models_for_the_generator()
    {
        var digest = "sha256:" + new string('1', 64);
        var entries = ModelManifest.Parse(
            "# openverify-model-manifest v1\n" +
            $"model\tpath=models/a.onnx\tdigest={digest}\ttarget=models/a.onnx\tresource=\tinputs=x:float[1]\toutputs=y:float[1]\n" +
            $"model\tpath=models/b.onnx\tdigest={digest}\ttarget=models/b.onnx\tresource=\tformat=onnx\tinputs=x:float[1]\toutputs=y:float[1]\n" +
            $"model\tpath=models/price.zip\tdigest={digest}\ttarget=models/price.zip\tresource=\tformat=mlnet\n");

        entries.Select(e => e.Path).ShouldBe(["models/a.onnx", "models/b.onnx"]);
    }
}
