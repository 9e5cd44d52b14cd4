using System.Reflection;
using System.Text.Json.Nodes;
using OpenVerify.Batching;
using OpenVerify.Interop;
using OpenVerify.Testing;

namespace OpenVerify.Cli.Tests;

/// <summary>
/// Receipts and model signatures as Sigstore bundles, checked both ways with the official Sigstore JavaScript verifier
/// (<c>@sigstore/verify</c> from npm, installed by .ci/run into artifacts/npm) and a key-based trust root: our bundles
/// verify there and tampered ones are refused; a bundle written and accepted there verifies with us.
/// Skipped without node or the package, except under OPENVERIFY_CI=1, where it fails.
/// </summary>
public sealed class SigstoreBundleTests : IDisposable
{
    private const string Node = "/usr/bin/node";

    private static readonly string RepoRoot = typeof(SigstoreBundleTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepoRoot").Value!;
    private static readonly string NodeModules = Path.Combine(RepoRoot, "artifacts", "npm", "node_modules");
    private static readonly string Script = Path.Combine(RepoRoot, "tests", "interop", "sigstore", "sigstore_verify.js");

    private readonly CliRunner _runner = new();

    public void Dispose() => _runner.Dispose();

    private static void RequireSigstore()
    {
        if (File.Exists(Node) && Directory.Exists(Path.Combine(NodeModules, "@sigstore", "verify")))
        {
            return;
        }

        const string message = "install node and @sigstore/verify (npm install --prefix artifacts/npm @sigstore/verify) to run the Sigstore interop checks";
        if (GoChecker.Required)
        {
            Assert.Fail("OPENVERIFY_CI=1 and " + message);
        }

        Skip.If(true, message);
    }

    private static (int ExitCode, string Output) Sigstore(params string[] args) =>
        GoChecker.Run(Node, new Dictionary<string, string> { ["NODE_PATH"] = NodeModules }, [Script, .. args]);

    private static string Hint(string bundlePath) =>
        JsonNode.Parse(File.ReadAllText(bundlePath))!["verificationMaterial"]!["publicKey"]!["hint"]!.GetValue<string>();

    private static string Tamper(string bundlePath, string to)
    {
        var bundle = JsonNode.Parse(File.ReadAllText(bundlePath))!;
        var payload = Convert.FromBase64String(bundle["dsseEnvelope"]!["payload"]!.GetValue<string>());
        payload[^2] ^= 1;
        bundle["dsseEnvelope"]!["payload"] = Convert.ToBase64String(payload);
        File.WriteAllText(to, bundle.ToJsonString());
        return to;
    }

    private static Receipt NewReceipt(SigningKey key, int i)
    {
        using var model = VerifiedModel.FromBytes(TestModels.AddMul());
        return model.Run(
            new TensorSet([new("a", TensorValue.Create(new float[] { i, 1, 2, 3 }, 1, 4)), new("b", TensorValue.Create(new float[] { 1, 1, 1, 1 }, 1, 4))]),
            new InferenceOptions { Signer = key }).Receipt;
    }

    [SkippableFact]
    public async Task OurReceiptBundle_VerifiesWithSigstore_AndWithUs_TamperedIsRefusedByBoth()
    {
        RequireSigstore();
        var (keyPath, pub) = await _runner.KeyPair("signer");
        using var key = SigningKey.Load(keyPath);
        var receiptPath = _runner.PathOf("receipt.json");
        File.WriteAllText(receiptPath, NewReceipt(key, 1).ToJson());

        var bundled = await CliRunner.Run("bundle", receiptPath);
        bundled.ExitCode.ShouldBe(0, bundled.ToString());
        var bundle = _runner.PathOf("receipt.sigstore.json");
        JsonNode.Parse(File.ReadAllText(bundle))!["mediaType"]!.GetValue<string>().ShouldBe("application/vnd.dev.sigstore.bundle.v0.3+json");
        Hint(bundle).ShouldBe(key.KeyId);

        var run = Sigstore("verify", bundle, pub, Hint(bundle));
        run.ExitCode.ShouldBe(0, run.Output);
        var ours = await CliRunner.Run("verify", bundle, "--trust", pub);
        ours.ExitCode.ShouldBe(0, ours.ToString());

        var tampered = Tamper(bundle, _runner.PathOf("tampered.sigstore.json"));
        run = Sigstore("verify", tampered, pub, Hint(bundle));
        run.ExitCode.ShouldBe(1, run.Output);
        run.Output.ShouldContain("SIGNATURE_ERROR");
        (await CliRunner.Run("verify", tampered, "--trust", pub)).ExitCode.ShouldBe(1);

        // Another key under the same hint: refused there too.
        var (_, otherPub) = await _runner.KeyPair("other");
        Sigstore("verify", bundle, otherPub, Hint(bundle)).ExitCode.ShouldBe(1);
    }

    [SkippableFact]
    public async Task OurModelSignature_VerifiesWithSigstore_TamperedIsRefused()
    {
        RequireSigstore();
        var (keyPath, pub) = await _runner.KeyPair("publisher", "ecdsa-p256");
        var model = _runner.WriteModel("model.onnx", TestModels.AddMul());
        var signed = await CliRunner.Run("sign-model", model, "--key", keyPath);
        signed.ExitCode.ShouldBe(0, signed.ToString());
        var signature = model + ".sig";
        File.Exists(signature).ShouldBeTrue(signed.ToString());

        var run = Sigstore("verify", signature, pub, Hint(signature));
        run.ExitCode.ShouldBe(0, run.Output);
        run = Sigstore("verify", Tamper(signature, _runner.PathOf("tampered.sig")), pub, Hint(signature));
        run.ExitCode.ShouldBe(1, run.Output);
    }

    [SkippableFact]
    public async Task ABundleSigstoreWritesAndAccepts_VerifiesWithUs()
    {
        RequireSigstore();
        var (keyPath, pub) = await _runner.KeyPair("signer");
        using var key = SigningKey.Load(keyPath);
        var receipt = NewReceipt(key, 2);
        var payload = _runner.PathOf("payload.json");
        File.WriteAllBytes(payload, receipt.Envelope.Payload);

        // Written by Node's crypto the way Sigstore tools write key-based bundles (empty keyid), accepted by @sigstore/verify.
        var bundle = _runner.PathOf("foreign.sigstore.json");
        var run = Sigstore("sign", keyPath, receipt.Envelope.PayloadType, payload, "my-key", bundle);
        run.ExitCode.ShouldBe(0, run.Output);

        var ours = await CliRunner.Run("verify", bundle, "--trust", pub, "--json");
        ours.ExitCode.ShouldBe(0, ours.ToString());
        JsonNode.Parse(ours.Stdout)!["receipts"]![0]!["signerKeyId"]!.GetValue<string>().ShouldBe(key.KeyId);
        (await CliRunner.Run("verify", Tamper(bundle, _runner.PathOf("t.json")), "--trust", pub)).ExitCode.ShouldBe(1);
    }

    [SkippableFact]
    public async Task ABatchedReceiptsBundle_HoldsItsSignedRoot_WhichSigstoreVerifies()
    {
        RequireSigstore();
        var (keyPath, pub) = await _runner.KeyPair("signer");
        using var key = SigningKey.Load(keyPath);
        using var model = VerifiedModel.FromBytes(TestModels.AddMul());
        Receipt batched;
        await using (var batching = new BatchingSigner(key, new BatchingSignerOptions { MaxBatchSize = 2 }))
        {
            var results = await Task.WhenAll(Enumerable.Range(0, 2).Select(i => model.RunAsync(
                new TensorSet([new("a", TensorValue.Create(new float[] { i, 1, 2, 3 }, 1, 4)), new("b", TensorValue.Create(new float[] { 1, 1, 1, 1 }, 1, 4))]),
                batching)));
            batched = results[0].Receipt;
        }

        batched.Envelope.Batch.ShouldNotBeNull();
        var receiptPath = _runner.PathOf("batched.json");
        File.WriteAllText(receiptPath, batched.ToJson());
        var bundled = await CliRunner.Run("bundle", receiptPath);
        bundled.Stdout.ShouldContain("signed batch root");
        var bundle = _runner.PathOf("batched.sigstore.json");
        JsonNode.Parse(File.ReadAllText(bundle))!["dsseEnvelope"]!["payloadType"]!.GetValue<string>().ShouldBe(BatchRoot.PayloadType);
        var run = Sigstore("verify", bundle, pub, Hint(bundle));
        run.ExitCode.ShouldBe(0, run.Output);

        // With us, the bundle is not the receipt: the receipt file is.
        var ours = await CliRunner.Run("verify", bundle, "--trust", pub);
        ours.ExitCode.ShouldBe(1);
        ours.Stdout.ShouldContain("batch root");
        (await CliRunner.Run("verify", receiptPath, "--trust", pub)).ExitCode.ShouldBe(0);
    }
}
