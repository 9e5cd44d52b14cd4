using System.Text.Json.Nodes;
using OpenVerify.Batching;
using OpenVerify.Testing;

namespace OpenVerify.Tests.Interop;

/// <summary>Batched receipts (docs/spec/batch-v1.md) checked by the independent Python verifier.</summary>
public sealed partial class PythonInteropTests
{
    [SkippableTheory]
    [InlineData(KeyAlgorithm.Ed25519)]
    [InlineData(KeyAlgorithm.EcdsaP256)]
    public async Task BatchedReceipts_VerifyInPython_AndTamperedOnesFail(KeyAlgorithm algorithm)
    {
        RequirePython();
        using var key = SigningKey.Generate(algorithm);
        WritePublicKey("signer", key);
        using var model = VerifiedModel.FromBytes(TestModels.AddMul(), new VerifiedModelOptions { Name = "add_mul.onnx" });
        await using (var batching = new BatchingSigner(key, new BatchingSignerOptions { MaxBatchSize = 5 }))
        {
            var results = await Task.WhenAll(Enumerable.Range(0, 5).Select(i =>
                model.RunAsync(AddMulInputs(), batching, new InferenceOptions { Nonce = $"n{i}" })));
            foreach (var (result, i) in results.Select((r, i) => (r, i)))
            {
                File.WriteAllText(Path.Combine(_dir.FullName, $"batched-{i}.receipt.json"), result.Receipt.ToJson());
            }
        }

        var run = RunVerifier(_dir.FullName);
        run.ExitCode.ShouldBe(0, run.Output);
        // envelope, payload-type, signature, inclusion, statement, model-digest, input-set, output-set, subject,
        // session-config for each of the five.
        Summary(run.Output).ShouldBe((50, 0), run.Output);
        run.Output.Split('\n').Count(l => l.Contains(": inclusion", StringComparison.Ordinal) && l.StartsWith("PASS", StringComparison.Ordinal)).ShouldBe(5, run.Output);

        var original = File.ReadAllText(Path.Combine(_dir.FullName, "batched-3.receipt.json"));
        var publicKey = Path.Combine(_dir.FullName, "signer.pub.pem");
        foreach (var (name, change, check) in new (string, Action<JsonObject>, string)[]
        {
            // Receipts join the batch in arrival order, so this one's index is not known in advance: move it by one.
            ("wrong-index", o => o["batch"]!["index"] = ((int)o["batch"]!["index"]! + 1) % 5, "inclusion"),
            ("index-equals-size", o => o["batch"]!["index"] = 5, "inclusion"),
            ("proof-too-long", o => ((JsonArray)o["batch"]!["proof"]!).Add(new string('0', 64)), "inclusion"),
            ("proof-too-short", o => ((JsonArray)o["batch"]!["proof"]!).RemoveAt(0), "inclusion"),
            ("other-payload", o => o["payload"] = JsonNode.Parse(File.ReadAllText(Path.Combine(_dir.FullName, "batched-1.receipt.json")))!["payload"]!.DeepClone(), "inclusion"),
            ("root-altered", o => o["batch"]!["root"]!["payload"] = Convert.ToBase64String("{}"u8), "signature"),
        })
        {
            var node = JsonNode.Parse(original)!.AsObject();
            change(node);
            var path = Path.Combine(_dir.FullName, name + ".json");
            File.WriteAllText(path, node.ToJsonString());
            new ReceiptVerifier(TrustStore.For(key.PublicKey)).Verify(node.ToJsonString()).FirstFailure!.Name.ShouldBe(check);
            var tampered = RunVerifier("--key", publicKey, path);
            tampered.ExitCode.ShouldNotBe(0, tampered.Output);
            tampered.Output.ShouldContain($"FAIL {name}.json: {check}");
        }
    }
}
