using System.Text.Json.Nodes;
using OpenVerify.ModelSigning;
using OpenVerify.Tests.ModelSigning;
using OpenVerify.Tests.Spec;

namespace OpenVerify.Tests.Interop;

/// <summary>
/// Model signatures checked by a second implementation: tests/interop/verify_model_signature.py (standard library and
/// python3-cryptography) follows the OpenSSF model-signing key verifier for a single-file model. It verifies bundles
/// this runtime writes, and writes bundles the way the OpenSSF signer does for this runtime to verify.
/// </summary>
public sealed partial class PythonInteropTests
{
    private static string ModelSignatureScript => Path.Combine(SpecVectors.RepoRoot, "tests", "interop", "verify_model_signature.py");

    [SkippableFact]
    public void ModelSignature_FromDotNet_VerifiesInPython()
    {
        RequirePython();
        using var publisher = SigningKey.Generate(KeyAlgorithm.EcdsaP256);
        var publicKey = WritePublicKey("publisher", publisher);
        var model = Path.Combine(_dir.FullName, "add_mul.onnx");
        File.WriteAllBytes(model, OpenVerify.Testing.TestModels.AddMul());
        var signature = ModelSignature.SignFile(model, publisher);

        var run = RunProcess(Python, [ModelSignatureScript, "verify", model, signature, publicKey]);
        run.ExitCode.ShouldBe(0, run.Output);
        run.Output.ShouldContain("12 checks, 0 failed");

        // A changed model fails there too, on the resource digest.
        File.AppendAllText(model, "x");
        var changed = RunProcess(Python, [ModelSignatureScript, "verify", model, signature, publicKey]);
        changed.ExitCode.ShouldBe(1, changed.Output);
        changed.Output.ShouldContain("FAIL resources");
    }

    [SkippableFact]
    public void ModelSignature_SpecVector_VerifiesInPython()
    {
        RequirePython();
        var vector = JsonNode.Parse(File.ReadAllText(ModelSignatureTests.VectorPath))!;
        var model = Path.Combine(_dir.FullName, vector["modelFileName"]!.GetValue<string>());
        File.WriteAllText(model, vector["modelText"]!.GetValue<string>());
        var publicKey = Path.Combine(_dir.FullName, "vector.pub.pem");
        File.WriteAllText(publicKey, vector["publicKey"]!.GetValue<string>());
        foreach (var field in new[] { "bundle", "bundleOpenSsfStyle" })
        {
            var signature = Path.Combine(_dir.FullName, field + ".sig");
            File.WriteAllText(signature, vector[field]!.GetValue<string>());
            var run = RunProcess(Python, [ModelSignatureScript, "verify", model, signature, publicKey]);
            run.ExitCode.ShouldBe(0, field + ": " + run.Output);
        }
    }

    [SkippableFact]
    public void ModelSignature_FromPython_VerifiesInDotNet()
    {
        RequirePython();
        using var publisher = SigningKey.Generate(KeyAlgorithm.EcdsaP256);
        var keyPath = Path.Combine(_dir.FullName, "publisher.key.pem");
        File.WriteAllText(keyPath, publisher.ExportPkcs8Pem());
        var model = Path.Combine(_dir.FullName, "mixed_types.onnx");
        File.WriteAllBytes(model, OpenVerify.Testing.TestModels.MixedTypes());
        var signature = model + ".sig";

        var run = RunProcess(Python, [ModelSignatureScript, "sign", model, keyPath, signature]);
        run.ExitCode.ShouldBe(0, run.Output);

        var check = ModelSignature.Verify(model, new TrustStore().Add(publisher.PublicKey, KeyRole.ModelPublisher, ["**"]), modelIdentity: "models/mixed_types.onnx");
        check.Outcome.ShouldBe(ModelSignatureOutcome.Verified, check.Message);
        check.PublisherKeyId.ShouldBe(publisher.KeyId);
    }
}
