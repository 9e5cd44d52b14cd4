using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using OpenVerify.Testing;
using OpenVerify.Tests.Spec;

namespace OpenVerify.Tests.Interop;

/// <summary>
/// The spec's second implementation: tests/interop/verify_receipts.py (Python standard library and Debian's
/// python3-cryptography, nothing from this repository) checks the spec vectors and receipts this runtime produces.
/// Skipped when /usr/bin/python3 or its cryptography module is missing, except under OPENVERIFY_CI=1, where it fails.
/// </summary>
public sealed partial class PythonInteropTests : IDisposable
{
    private const string Python = "/usr/bin/python3";
    private const string SkipMessage = "install python3-cryptography (apt-get install -y python3-cryptography) to run the interop check";

    private static readonly Lazy<bool> PythonReady = new(() =>
        File.Exists(Python) && RunProcess(Python, ["-c", "import cryptography.hazmat.primitives.asymmetric.ed25519"]).ExitCode == 0);

    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("openverify-interop-");

    private static string Script => Path.Combine(SpecVectors.RepoRoot, "tests", "interop", "verify_receipts.py");

    public void Dispose() => _dir.Delete(recursive: true);

    private static void RequirePython()
    {
        if (PythonReady.Value)
        {
            return;
        }

        if (Environment.GetEnvironmentVariable("OPENVERIFY_CI") == "1")
        {
            Assert.Fail($"OPENVERIFY_CI=1 and the Python interop check cannot run: {SkipMessage}");
        }

        Skip.If(true, SkipMessage);
    }

    [SkippableFact]
    public void SpecVectors_CheckOutInPython()
    {
        RequirePython();
        var vectors = JsonNode.Parse(File.ReadAllText(SpecVectors.VectorsPath))!.AsObject();
        var expected = new[] { "tensors", "refusedTensors", "tensorSets", "pae", "sessionConfigs", "base64", "modelFiles", "refusedPayloads", "refusedReceipts" }
            .Sum(group => vectors[group]!.AsArray().Count) + vectors["keys"]!.AsObject().Count;
        foreach (var receipt in vectors["receipts"]!.AsArray())
        {
            // 12 statement checks (with model, nonce and audience expected), one per tensor's data, ids, and the
            // reproduced signature for deterministic (Ed25519) ones.
            expected += 12 + receipt!["tensors"]!["inputs"]!.AsArray().Count + receipt["tensors"]!["outputs"]!.AsArray().Count + 1
                + (receipt["signatureDeterministic"]!.GetValue<bool>() ? 1 : 0);
        }

        var run = RunVerifier("--vectors", SpecVectors.VectorsPath);
        run.ExitCode.ShouldBe(0, run.Output);
        Summary(run.Output).ShouldBe((expected, 0), run.Output);
    }

    [SkippableFact]
    public void FreshReceipts_VerifyInPython()
    {
        RequirePython();
        using var ed25519 = SigningKey.Generate(KeyAlgorithm.Ed25519);
        using var p256 = SigningKey.Generate(KeyAlgorithm.EcdsaP256);
        WritePublicKey("ed25519", ed25519);
        WritePublicKey("p256", p256);

        var expected = 0;
        expected += WriteReceipt("add-mul-ed25519", ed25519, "add_mul.onnx", TestModels.AddMul(), AddMulInputs(), "nonce-1", "https://verifier.example/");
        expected += WriteReceipt("add-mul-p256", p256, "add_mul.onnx", TestModels.AddMul(), AddMulInputs(), null, null);
        expected += WriteReceipt("mixed-types-p256", p256, "mixed_types.onnx", TestModels.MixedTypes(), MixedInputs(), "n\u00f6nce-\U0001F600", "aud <&> '+' \"q\"");
        expected += WriteReceipt("mixed-types-ed25519", ed25519, "mixed_types.onnx", TestModels.MixedTypes(), MixedInputs(), "nonce-2", "audience-2");

        // A model whose signature bundle the signer verified: the receipt carries signatureDigest and publisherKeyId.
        expected += WriteReceipt("add-mul-signed-model", ed25519, "models/add_mul.onnx", TestModels.AddMul(), AddMulInputs(), null, null, new VerifiedModelOptions
        {
            Name = "models/add_mul.onnx",
            SignatureDigest = Sha256Digest.Compute("a model signature bundle"u8.ToArray()),
            PublisherKeyId = p256.KeyId,
        });

        var run = RunVerifier(_dir.FullName);
        run.ExitCode.ShouldBe(0, run.Output);
        Summary(run.Output).ShouldBe((expected, 0), run.Output);
    }

    [SkippableFact]
    public void TamperedPayload_FailsInPython()
    {
        RequirePython();
        using var key = SigningKey.Generate();
        var publicKey = WritePublicKey("signer", key);
        WriteReceipt("receipt", key, "add_mul.onnx", TestModels.AddMul(), AddMulInputs(), "nonce", null);
        var path = Path.Combine(_dir.FullName, "receipt.receipt.json");
        var envelope = DsseEnvelope.Parse(File.ReadAllText(path));

        var payload = (byte[])envelope.Payload.Clone();
        payload[payload.Length / 2] ^= 0x01;
        var tampered = new DsseEnvelope(envelope.PayloadType, payload, envelope.Signatures).ToJson();
        new ReceiptVerifier(TrustStore.For(key.PublicKey)).Verify(tampered).Succeeded.ShouldBeFalse();
        var tamperedPath = Path.Combine(_dir.FullName, "tampered.json");
        File.WriteAllText(tamperedPath, tampered);

        var run = RunVerifier("--key", publicKey, tamperedPath);
        run.ExitCode.ShouldNotBe(0, run.Output);
        run.Output.ShouldContain("FAIL tampered.json: signature");

        // The untouched receipt passes with the same command, so the failure is the flipped byte.
        var untouched = RunVerifier("--key", publicKey, path);
        untouched.ExitCode.ShouldBe(0, untouched.Output);
    }

    [SkippableFact]
    public void OtherKey_FailsInPython()
    {
        RequirePython();
        using var key = SigningKey.Generate();
        using var other = SigningKey.Generate(KeyAlgorithm.EcdsaP256);
        var otherPath = WritePublicKey("other", other);
        WriteReceipt("receipt", key, "add_mul.onnx", TestModels.AddMul(), AddMulInputs(), null, null);

        var run = RunVerifier("--key", otherPath, Path.Combine(_dir.FullName, "receipt.receipt.json"));
        run.ExitCode.ShouldNotBe(0, run.Output);
        run.Output.ShouldContain("no given key verifies the signature");
    }

    [SkippableFact]
    public void TamperedTensorData_FailsInPython()
    {
        RequirePython();
        using var key = SigningKey.Generate(KeyAlgorithm.EcdsaP256);
        WritePublicKey("signer", key);
        WriteReceipt("receipt", key, "mixed_types.onnx", TestModels.MixedTypes(), MixedInputs(), null, null);
        var file = Path.Combine(_dir.FullName, "receipt.tensors", "outputs", "z_not.bin");
        var bytes = File.ReadAllBytes(file);
        bytes[0] ^= 0x01;
        File.WriteAllBytes(file, bytes);

        var run = RunVerifier(_dir.FullName);
        run.ExitCode.ShouldNotBe(0, run.Output);
        run.Output.ShouldContain("FAIL receipt.receipt.json: outputs/z_not:");
        Summary(run.Output).Failed.ShouldBe(1, run.Output);
    }

    private static TensorSet AddMulInputs() => new([
        new("a", TensorValue.Create(new float[] { 1.25f, -0f, float.NaN, 3e38f }, 1, 4)),
        new("b", TensorValue.Create(new float[] { 10, 20, 30, 3e38f }, 1, 4)),
    ]);

    private static TensorSet MixedInputs() => new([
        new("x", TensorValue.Create(new float[] { 1.5f, -2.75f }, 2)),
        new("y", TensorValue.Create(new int[] { int.MaxValue, -8 }, 2)),
        new("z", TensorValue.Create(new bool[] { true, false }, 2)),
        new("s", TensorValue.CreateStrings(["", "h\u00e9llo \U0001F600 e\u0301"], 2)),
    ]);

    private string WritePublicKey(string name, SigningKey key)
    {
        var path = Path.Combine(_dir.FullName, name + ".pub.pem");
        File.WriteAllText(path, key.PublicKey.ExportPem());
        return path;
    }

    /// <summary>Runs the model, writes the receipt, what to expect and the tensors; returns the checks Python will pass.</summary>
    private int WriteReceipt(string stem, SigningKey key, string modelName, byte[] modelBytes, TensorSet inputs, string? nonce, string? audience, VerifiedModelOptions? options = null)
    {
        using var model = VerifiedModel.FromBytes(modelBytes, options ?? new VerifiedModelOptions { Name = modelName });
        var result = model.Run(inputs, new InferenceOptions { Signer = key, Nonce = nonce, Audience = audience, Method = $"Interop.{stem}" });
        new ReceiptVerifier(TrustStore.For(key.PublicKey)).Verify(result.Receipt.ToJson(), new ReceiptVerificationOptions { Inputs = inputs, Outputs = result.Value })
            .Succeeded.ShouldBeTrue();

        File.WriteAllText(Path.Combine(_dir.FullName, stem + ".receipt.json"), result.Receipt.ToJson());
        File.WriteAllBytes(Path.Combine(_dir.FullName, stem + ".onnx"), modelBytes);
        var expect = new JsonObject { ["model"] = stem + ".onnx" };
        if (nonce is not null)
        {
            expect["nonce"] = nonce;
        }

        if (audience is not null)
        {
            expect["audience"] = audience;
        }

        File.WriteAllText(Path.Combine(_dir.FullName, stem + ".expect.json"), expect.ToJsonString());
        foreach (var (which, set) in new[] { ("inputs", inputs), ("outputs", result.Value) })
        {
            var folder = Directory.CreateDirectory(Path.Combine(_dir.FullName, stem + ".tensors", which));
            foreach (var (name, tensor) in set)
            {
                File.WriteAllBytes(Path.Combine(folder.FullName, TensorFileName(name)), SpecVectors.CanonicalBytes(tensor));
            }
        }

        // envelope, payload-type, signature, statement, model-digest, input-set, output-set, subject, session-config,
        // model, then nonce and audience when expected, then one per tensor.
        return 10 + (nonce is null ? 0 : 1) + (audience is null ? 0 : 1) + inputs.Count + result.Value.Count;
    }

    /// <summary>The file name verify_receipts.py looks for: the name itself when it is plain, else hex of its UTF-8.</summary>
    private static string TensorFileName(string name) =>
        PlainName().IsMatch(name) ? name + ".bin" : "hex-" + Convert.ToHexStringLower(Encoding.UTF8.GetBytes(name)) + ".bin";

    [GeneratedRegex("^[A-Za-z0-9_-][A-Za-z0-9_.-]*$")]
    private static partial Regex PlainName();

    private static (int Passed, int Failed) Summary(string output)
    {
        var match = Regex.Match(output, @"^summary: (\d+) passed, (\d+) failed$", RegexOptions.Multiline);
        match.Success.ShouldBeTrue(output);
        return (int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), int.Parse(match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture));
    }

    private static (int ExitCode, string Output) RunVerifier(params string[] args) => RunProcess(Python, [Script, .. args]);

    private static (int ExitCode, string Output) RunProcess(string file, IEnumerable<string> args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["PYTHONIOENCODING"] = "utf-8";
        start.Environment["PYTHONDONTWRITEBYTECODE"] = "1";
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Cannot start {file}.");
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromSeconds(120)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} did not finish within 120 s.");
        }

        return (process.ExitCode, stdout + stderr.Result);
    }
}
