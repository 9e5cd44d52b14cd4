using System.Text.Json;
using OpenVerify.Logs;
using OpenVerify.ModelSigning;
using OpenVerify.Testing;

namespace OpenVerify.Cli.Tests;

/// <summary>A SoftHSM2 token for the CLI's PKCS#11 tests (one per test process: SoftHSM reads its configuration once).
/// Without SoftHSM2 the tests skip, except under OPENVERIFY_CI=1, where they fail.</summary>
public sealed class CliTokenFixture : IDisposable
{
    public CliTokenFixture()
    {
        if (SoftHsm.Missing is null)
        {
            Hsm = SoftHsm.Create();
            Token = Hsm.InitToken("openverify-cli");
        }
    }

    public SoftHsm? Hsm { get; }

    public SoftHsmToken Token { get; } = null!;

    public void Require()
    {
        if (SoftHsm.Missing is not { } missing)
        {
            return;
        }

        if (Environment.GetEnvironmentVariable("OPENVERIFY_CI") == "1")
        {
            Assert.Fail($"OPENVERIFY_CI=1 and the CLI's PKCS#11 tests cannot run: {missing}");
        }

        Skip.If(true, missing);
    }

    public void Dispose() => Hsm?.Dispose();
}

/// <summary><c>keygen --pkcs11</c>, and <c>--key pkcs11:…</c> in <c>infer</c>, <c>sign-model</c> and <c>log checkpoint</c>,
/// against a real SoftHSM2 token.</summary>
public sealed class Pkcs11Tests(CliTokenFixture fixture) : IClassFixture<CliTokenFixture>, IDisposable
{
    private readonly CliRunner _runner = new();

    public void Dispose() => _runner.Dispose();

    private SoftHsmToken Token => fixture.Token;

    /// <summary>Creates a key on the token with the tool; returns its URI and the public key file.</summary>
    private async Task<(string Uri, string Pub)> TokenKey(string label, string algorithm = "ed25519", params string[] extra)
    {
        var uri = Token.Uri(label);
        var result = await CliRunner.Run(["keygen", "--pkcs11", uri, "--algorithm", algorithm, "--out", _runner.PathOf(label), .. extra]);
        result.ExitCode.ShouldBe(0, result.ToString());
        ShouldNotShowSecrets(result, uri);
        return (uri, _runner.PathOf(label + ".pub"));
    }

    [SkippableFact]
    public async Task Keygen_creates_the_key_on_the_token_and_writes_only_its_public_key()
    {
        fixture.Require();
        var uri = Token.Uri("cli-keygen");
        var result = await CliRunner.Run("keygen", "--pkcs11", uri, "--algorithm", "ecdsa-p256", "--out", _runner.PathOf("k"), "--json");

        result.ExitCode.ShouldBe(0, result.ToString());
        ShouldNotShowSecrets(result, uri);
        File.Exists(_runner.PathOf("k.key")).ShouldBeFalse();
        using var json = JsonDocument.Parse(result.Stdout);
        var pub = PublicKey.Load(_runner.PathOf("k.pub"));
        json.RootElement.GetProperty("keyId").GetString().ShouldBe(pub.KeyId);
        json.RootElement.GetProperty("token").GetString().ShouldBe(Token.Label);
        json.RootElement.GetProperty("reference").GetString().ShouldBe($"pkcs11:token={Token.Label};object=cli-keygen");
        using var opened = Pkcs11.Pkcs11Signer.Open(uri);
        opened.KeyId.ShouldBe(pub.KeyId);
        opened.Algorithm.ShouldBe(KeyAlgorithm.EcdsaP256);

        // A second keygen under the same label is refused; the token keeps the first key.
        (await CliRunner.Run("keygen", "--pkcs11", uri)).ShouldBeUsageError("already holds a key");
    }

    [SkippableFact]
    public async Task Infer_signs_on_the_token_and_verify_accepts_the_receipt()
    {
        fixture.Require();
        var (uri, pub) = await TokenKey("cli-receipts");
        var model = _runner.WriteModel("add_mul.onnx", TestModels.AddMul());
        var a = _runner.WriteNpy("a.npy", TensorValue.Create(new[] { 1f, 2f, 3f, 4f }, 1, 4));
        var b = _runner.WriteNpy("b.npy", TensorValue.Create(new[] { 0.5f, 0.25f, -1f, 10f }, 1, 4));

        var infer = await CliRunner.Run("infer", model, "--key", uri, "--input", $"a={a}", "--input", $"b={b}", "--out", _runner.PathOf("out"));
        infer.ExitCode.ShouldBe(0, infer.ToString());
        ShouldNotShowSecrets(infer, uri);

        var verify = await CliRunner.Run("verify", _runner.PathOf("out", "receipt.json"), "--trust", pub, "--model", model);
        verify.ExitCode.ShouldBe(0, verify.ToString());
        verify.Stdout.ShouldContain("VERIFIED");

        // A key that is not the token's does not verify it.
        var (_, otherPub) = await _runner.KeyPair("other");
        (await CliRunner.Run("verify", _runner.PathOf("out", "receipt.json"), "--trust", otherPub)).ExitCode.ShouldBe(1);
    }

    [SkippableFact]
    public async Task Sign_model_signs_with_a_p256_token_key_that_the_trust_policy_names()
    {
        fixture.Require();
        var (uri, pub) = await TokenKey("cli-publisher", "ecdsa-p256");
        var model = _runner.WriteModel("add_mul.onnx", TestModels.AddMul());

        var sign = await CliRunner.Run("sign-model", model, "--key", uri);
        sign.ExitCode.ShouldBe(0, sign.ToString());
        ShouldNotShowSecrets(sign, uri);

        var verify = await CliRunner.Run("verify-model", model, "--trust", pub);
        verify.ExitCode.ShouldBe(0, verify.ToString());
        var bundle = File.ReadAllText(ModelSignatureFormat.SignaturePathFor(model));
        bundle.ShouldContain(PublicKey.Load(pub).KeyId["sha256:".Length..]);

        // An Ed25519 token key cannot sign a model.
        var (edUri, _) = await TokenKey("cli-not-a-publisher");
        (await CliRunner.Run("sign-model", model, "--key", edUri, "--out", _runner.PathOf("x.sig"))).ShouldBeUsageError("ECDSA P-256");
    }

    [SkippableFact]
    public async Task Log_checkpoint_signs_with_the_log_key_on_the_token()
    {
        fixture.Require();
        var (uri, logPub) = await TokenKey("cli-log", "ed25519", "--role", "log");
        var (receiptKeyPath, receiptPub) = await _runner.KeyPair("signer");
        var path = _runner.PathOf("receipts.log.jsonl");
        using (var logKey = Pkcs11.Pkcs11Signer.Open(uri))
        using (var receiptKey = SigningKey.Load(receiptKeyPath))
        using (var model = VerifiedModel.FromBytes(TestModels.AddMul()))
        using (var log = ReceiptLog.Open(path, new ReceiptLogOptions { TreeHeadSigner = logKey }))
        {
            var inputs = new TensorSet([new("a", TensorValue.Create(new float[] { 1, 2, 3, 4 }, 1, 4)), new("b", TensorValue.Create(new float[] { 1, 1, 1, 1 }, 1, 4))]);
            log.Append(model.Run(inputs, new InferenceOptions { Signer = receiptKey }).Receipt);
            log.SignTreeHead();
        }

        var printed = await CliRunner.Run("log", "checkpoint", path, "--key", uri);
        printed.ExitCode.ShouldBe(0, printed.ToString());
        ShouldNotShowSecrets(printed, uri);
        var kept = _runner.PathOf("kept.checkpoint");
        File.WriteAllText(kept, printed.Stdout);
        var verify = await CliRunner.Run("log", "verify", path, "--trust", receiptPub, "--log-key", logPub, "--checkpoint", kept);
        verify.ExitCode.ShouldBe(0, verify.ToString());
    }

    [SkippableFact]
    public async Task A_wrong_pin_or_a_pin_in_the_uri_is_one_line_without_the_secret()
    {
        fixture.Require();
        var (uri, _) = await TokenKey("cli-pin");
        var model = _runner.WriteModel("add_mul.onnx", TestModels.AddMul());
        var wrongPin = _runner.PathOf("wrong.pin");
        File.WriteAllText(wrongPin, "wrong-" + Guid.NewGuid().ToString("N"));
        File.SetUnixFileMode(wrongPin, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var wrong = Token.Uri("cli-pin", "file:" + wrongPin);

        var refused = await CliRunner.Run("infer", model, "--key", wrong, "--out", _runner.PathOf("out"));
        refused.ShouldBeUsageError("refused the PIN");
        ShouldNotShowSecrets(refused, wrong);

        var inline = uri + "&pin-value=" + Token.Pin;
        var pinValue = await CliRunner.Run("infer", model, "--key", inline, "--out", _runner.PathOf("out"));
        pinValue.ShouldBeUsageError("pin-value");
        ShouldNotShowSecrets(pinValue, inline);

        (await CliRunner.Run("infer", model, "--key", Token.Uri("no-such-key"), "--out", _runner.PathOf("out"))).ShouldBeUsageError("holds no private key");
    }

    /// <summary>Neither the PIN nor any value of the URI's query part (module path, PIN source) is printed. Checked with
    /// a count, so that a failure does not print the PIN either.</summary>
    private void ShouldNotShowSecrets(CliResult result, string uri)
    {
        var output = result.Stdout + result.Stderr;
        var query = uri[(uri.IndexOf('?', StringComparison.Ordinal) + 1)..];
        var secrets = query.Split('&').Select(p => p[(p.IndexOf('=', StringComparison.Ordinal) + 1)..]).Append(Token.Pin);
        var leaks = secrets.Count(s => output.Contains(s, StringComparison.Ordinal));
        Assert.True(leaks == 0, $"The tool's output shows {leaks} PIN(s) or query value(s); exit code {result.ExitCode}.");
    }
}
