using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using OpenVerify.Cli.Npy;
using OpenVerify.Testing;

namespace OpenVerify.Cli.Tests;

public sealed class VerifyTests : IDisposable
{
    private readonly CliRunner _runner = new();

    public void Dispose() => _runner.Dispose();

    private sealed record Run(string Model, string A, string B, string Key, string Pub, string Out)
    {
        public string Receipt => Path.Combine(Out, "receipt.json");

        public string Sum => Path.Combine(Out, "sum.npy");

        public string Product => Path.Combine(Out, "product.npy");
    }

    private async Task<Run> InferAddMul(string nonce = "nonce-1", string audience = "auditors")
    {
        var (model, a, b, key, pub) = await InferTests.AddMulSetup(_runner);
        var output = _runner.PathOf("out");
        var result = await CliRunner.Run("infer", model, "--key", key, "--input", $"a={a}", "--input", $"b={b}", "--out", output, "--nonce", nonce, "--audience", audience);
        result.ExitCode.ShouldBe(0, result.ToString());
        return new Run(model, a, b, key, pub, output);
    }

    [Fact]
    public async Task Round_trip_with_replay_verifies_every_check()
    {
        var run = await InferAddMul();

        var result = await CliRunner.Run(
            "verify", run.Receipt, "--trust", run.Pub, "--model", run.Model,
            "--input", $"a={run.A}", "--input", $"b={run.B}", "--output", $"sum={run.Sum}", "--output", $"product={run.Product}",
            "--replay", "--nonce", "nonce-1", "--audience", "auditors", "--require", "model,inputs,outputs");

        result.ExitCode.ShouldBe(0, result.ToString());
        result.ShouldHaveNoControlCodes();
        result.Stdout.ShouldContain("VERIFIED");
        result.Stdout.ShouldNotContain("NOT VERIFIED", Case.Sensitive);
        result.Stdout.ShouldContain("replay: exact; largest deviation 0");
        foreach (var check in new[] { "signature", "model", "inputs", "outputs", "nonce", "audience", "replay" })
        {
            result.Stdout.ShouldContain(check);
        }

        result.Stdout.ShouldNotContain("FAIL", Case.Sensitive);
        result.Stdout.ShouldNotContain("not checked");
    }

    [Fact]
    public async Task A_receipt_file_with_a_byte_order_mark_or_invalid_utf8_is_refused()
    {
        var run = await InferAddMul();
        var envelope = File.ReadAllBytes(run.Receipt);
        (await CliRunner.Run("verify", run.Receipt, "--trust", run.Pub)).ExitCode.ShouldBe(0);

        // docs/spec/receipt-v1.md §4: a BOM is refused, not skipped.
        var bom = _runner.PathOf("bom.json");
        File.WriteAllBytes(bom, [0xEF, 0xBB, 0xBF, .. envelope]);
        var result = await CliRunner.Run("verify", bom, "--trust", run.Pub);
        result.ExitCode.ShouldBe(1, result.ToString());
        result.Stdout.ShouldContain("failed: envelope: The envelope starts with a byte-order mark");

        var lines = _runner.PathOf("bom.jsonl");
        File.WriteAllBytes(lines, [.. envelope, (byte)'\n', 0xEF, 0xBB, 0xBF, .. envelope, (byte)'\n']);
        var jsonl = await CliRunner.Run("verify", lines, "--trust", run.Pub);
        jsonl.ExitCode.ShouldBe(1, jsonl.ToString());
        jsonl.Stdout.ShouldContain("1 of 2 receipts verified.");

        var invalid = _runner.PathOf("invalid.json");
        File.WriteAllBytes(invalid, [.. envelope[..^2], 0xFF, .. envelope[^2..]]);
        (await CliRunner.Run("verify", invalid, "--trust", run.Pub)).ShouldBeUsageError("not valid UTF-8");
    }

    [Fact]
    public async Task Json_lists_checks_and_what_was_not_checked()
    {
        var run = await InferAddMul();

        var result = await CliRunner.Run("verify", run.Receipt, "--trust", run.Pub, "--json");

        result.ExitCode.ShouldBe(0, result.ToString());
        using var json = JsonDocument.Parse(result.Stdout);
        json.RootElement.GetProperty("verified").GetBoolean().ShouldBeTrue();
        var receipt = json.RootElement.GetProperty("receipts")[0];
        receipt.GetProperty("verified").GetBoolean().ShouldBeTrue();
        receipt.GetProperty("signerKeyId").GetString().ShouldBe(PublicKey.Load(run.Pub).KeyId);
        receipt.GetProperty("id").GetString()!.ShouldStartWith("sha256:");
        receipt.GetProperty("nonce").GetString().ShouldBe("nonce-1");
        receipt.GetProperty("checks").EnumerateArray().Select(c => c.GetProperty("name").GetString()).ShouldContain("signature");
        receipt.GetProperty("notChecked").EnumerateArray().Select(c => c.GetString())
            .ShouldBe(["model", "inputs", "outputs", "nonce", "audience", "replay"], ignoreOrder: true);
    }

    [Fact]
    public async Task A_tampered_receipt_fails_with_exit_1()
    {
        var run = await InferAddMul();
        var envelope = JsonNode.Parse(File.ReadAllText(run.Receipt))!.AsObject();
        var payload = Encoding.UTF8.GetString(Convert.FromBase64String(envelope["payload"]!.GetValue<string>()));
        payload = payload.Replace("nonce-1", "nonce-2", StringComparison.Ordinal);
        envelope["payload"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(payload));
        var tampered = _runner.PathOf("tampered.json");
        File.WriteAllText(tampered, envelope.ToJsonString());

        var result = await CliRunner.Run("verify", tampered, "--trust", run.Pub);

        result.ExitCode.ShouldBe(1, result.ToString());
        result.Stdout.ShouldContain("NOT VERIFIED");
        result.Stdout.ShouldContain("failed: signature");
    }

    [Fact]
    public async Task A_receipt_checked_against_another_key_fails()
    {
        var run = await InferAddMul();
        var (_, otherPub) = await _runner.KeyPair("other", "ecdsa-p256");

        var result = await CliRunner.Run("verify", run.Receipt, "--trust", otherPub, "--json");

        result.ExitCode.ShouldBe(1, result.ToString());
        using var json = JsonDocument.Parse(result.Stdout);
        json.RootElement.GetProperty("receipts")[0].GetProperty("failure").GetString()!.ShouldStartWith("signature:");
    }

    [Fact]
    public async Task Any_of_several_trusted_keys_may_have_signed()
    {
        var run = await InferAddMul();
        var (_, otherPub) = await _runner.KeyPair("other");
        (await CliRunner.Run("verify", run.Receipt, "--trust", otherPub, "--trust", run.Pub)).ExitCode.ShouldBe(0);
    }

    [Theory]
    [InlineData("--nonce", "nonce-2", "nonce")]
    [InlineData("--audience", "someone-else", "audience")]
    public async Task A_wrong_nonce_or_audience_fails(string option, string value, string check)
    {
        var run = await InferAddMul();
        var result = await CliRunner.Run("verify", run.Receipt, "--trust", run.Pub, option, value);
        result.ExitCode.ShouldBe(1, result.ToString());
        result.Stdout.ShouldContain($"failed: {check}");
    }

    [Fact]
    public async Task A_changed_output_file_fails()
    {
        var run = await InferAddMul();
        var forged = _runner.WriteNpy("forged.npy", TensorValue.Create(new[] { 1.5f, 2.25f, 2f, 15f }, 1, 4));
        var result = await CliRunner.Run("verify", run.Receipt, "--trust", run.Pub, "--output", $"sum={forged}", "--output", $"product={run.Product}");
        result.ExitCode.ShouldBe(1, result.ToString());
        result.Stdout.ShouldContain("failed: outputs");
    }

    [Fact]
    public async Task Another_model_fails()
    {
        var run = await InferAddMul();
        var other = _runner.WriteModel("tiny.onnx", TestModels.Tiny());
        var result = await CliRunner.Run("verify", run.Receipt, "--trust", run.Pub, "--model", other);
        result.ExitCode.ShouldBe(1, result.ToString());
        result.Stdout.ShouldContain("failed: model");
    }

    [Fact]
    public async Task A_required_check_that_was_not_made_fails()
    {
        var run = await InferAddMul();
        var result = await CliRunner.Run("verify", run.Receipt, "--trust", run.Pub, "--require", "inputs", "--require", "model");
        result.ExitCode.ShouldBe(1, result.ToString());
        result.Stdout.ShouldContain("required:inputs");
        result.Stdout.ShouldContain("required:model");
    }

    [Fact]
    public async Task Replay_of_a_nondeterministic_model_is_a_mismatch_unless_tolerated()
    {
        var model = _runner.WriteModel("random.onnx", TestModels.Random());
        var x = _runner.WriteNpy("x.npy", TensorValue.Create(new[] { 1f, 2f, 3f, 4f }, 1, 4));
        var (key, pub) = await _runner.KeyPair();

        // ONNX Runtime seeds an unseeded RandomUniformLike the same way in every new session, so a fresh replay would
        // repeat the first run exactly; sign the second run of one session instead, which differs.
        using var signer = SigningKey.Load(key);
        using var loaded = VerifiedModel.Load(model);
        var inputs = new TensorSet([new("x", NpyFormat.ReadFile(x))]);
        loaded.Run(inputs, new InferenceOptions { Signer = signer });
        var second = loaded.Run(inputs, new InferenceOptions { Signer = signer });
        var receipt = _runner.PathOf("receipt.json");
        File.WriteAllText(receipt, second.Receipt.ToJson());
        var y = _runner.WriteNpy("y.npy", second.Value["y"]);

        var exact = await CliRunner.Run("verify", receipt, "--trust", pub, "--model", model, "--input", $"x={x}", "--output", $"y={y}", "--replay", "--json");
        exact.ExitCode.ShouldBe(1, exact.ToString());
        using (var json = JsonDocument.Parse(exact.Stdout))
        {
            json.RootElement.GetProperty("receipts")[0].GetProperty("replay").GetProperty("verdict").GetString().ShouldBe("mismatch");
        }

        var tolerant = await CliRunner.Run("verify", receipt, "--trust", pub, "--model", model, "--input", $"x={x}", "--output", $"y={y}", "--replay", "--atol", "1", "--rtol", "0");
        tolerant.ExitCode.ShouldBe(0, tolerant.ToString());
        tolerant.Stdout.ShouldContain("replay: within-tolerance; largest deviation");
    }

    [Fact]
    public async Task Receipt_logs_verify_line_by_line()
    {
        var run = await InferAddMul();
        var good = File.ReadAllText(run.Receipt).Trim();
        var envelope = JsonNode.Parse(good)!.AsObject();
        var signature = envelope["signatures"]![0]!.AsObject();
        var sig = Convert.FromBase64String(signature["sig"]!.GetValue<string>());
        sig[0] ^= 1;
        signature["sig"] = Convert.ToBase64String(sig);
        var log = _runner.PathOf("receipts.jsonl");
        File.WriteAllText(log, good + "\n\n" + envelope.ToJsonString() + "\n" + good + "\n");

        var text = await CliRunner.Run("verify", log, "--trust", run.Pub);
        text.ExitCode.ShouldBe(1, text.ToString());
        text.Stdout.ShouldContain("receipts.jsonl:1: VERIFIED");
        text.Stdout.ShouldContain("receipts.jsonl:3: NOT VERIFIED");
        text.Stdout.ShouldContain("receipts.jsonl:4: VERIFIED");
        text.Stdout.ShouldContain("2 of 3 receipts verified.");

        var json = await CliRunner.Run("verify", log, "--trust", run.Pub, "--json");
        using var document = JsonDocument.Parse(json.Stdout);
        var receipts = document.RootElement.GetProperty("receipts");
        receipts.GetArrayLength().ShouldBe(3);
        receipts[1].GetProperty("line").GetInt32().ShouldBe(3);
        receipts[1].GetProperty("verified").GetBoolean().ShouldBeFalse();
        document.RootElement.GetProperty("verified").GetBoolean().ShouldBeFalse();
    }

    [Fact]
    public async Task A_receipt_that_is_not_json_fails_the_envelope_check()
    {
        var run = await InferAddMul();
        var path = _runner.PathOf("garbage.json");
        File.WriteAllText(path, "{ not json");
        var result = await CliRunner.Run("verify", path, "--trust", run.Pub);
        result.ExitCode.ShouldBe(1, result.ToString());
        result.Stdout.ShouldContain("failed: envelope");
    }

    [Fact]
    public async Task Usage_errors_exit_2_with_one_line()
    {
        var run = await InferAddMul();
        (await CliRunner.Run("verify", run.Receipt)).ShouldBeUsageError("--trust");
        (await CliRunner.Run("verify", run.Receipt, "--trust", _runner.PathOf("missing.pub"))).ShouldBeUsageError("missing.pub");
        (await CliRunner.Run("verify", run.Receipt, "--trust", run.Key)).ShouldBeUsageError("public key");
        (await CliRunner.Run("verify", _runner.PathOf("missing.json"), "--trust", run.Pub)).ShouldBeUsageError("missing.json");
        (await CliRunner.Run("verify", run.Receipt, "--trust", run.Pub, "--require", "model,vibes")).ShouldBeUsageError("vibes");
        (await CliRunner.Run("verify", run.Receipt, "--trust", run.Pub, "--replay")).ShouldBeUsageError("--replay needs");
        (await CliRunner.Run("verify", run.Receipt, "--trust", run.Pub, "--atol", "0.1")).ShouldBeUsageError("--replay");
        (await CliRunner.Run("verify", run.Receipt, "--trust", run.Pub, "--model", run.Model, "--input", $"a={run.A}", "--replay", "--atol", "-1")).ShouldBeUsageError("--atol");
        (await CliRunner.Run("verify", run.Receipt, "--trust", run.Pub, "--atol", "lots")).ShouldBeUsageError("lots");
        (await CliRunner.Run("verify", run.Receipt, "--trust", run.Pub, "--input", $"a={run.A}", "--input", $"a={run.B}")).ShouldBeUsageError("twice");
        (await CliRunner.Run("verify", run.Receipt, "--trust", run.Pub, "--model", _runner.PathOf("nope.onnx"))).ShouldBeUsageError("nope.onnx");
        var empty = _runner.PathOf("empty.jsonl");
        File.WriteAllText(empty, "\n\n");
        (await CliRunner.Run("verify", empty, "--trust", run.Pub)).ShouldBeUsageError("no receipts");
    }
}
