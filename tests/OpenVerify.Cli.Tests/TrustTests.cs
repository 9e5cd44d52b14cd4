using System.Text.Json;
using OpenVerify.ModelSigning;
using OpenVerify.Testing;

namespace OpenVerify.Cli.Tests;

/// <summary><c>trust add|remove|list|require</c> write openverify.trust.json in the spec's layout, through the kernel's
/// writer, and refuse changes the build would refuse.</summary>
public sealed class TrustTests : IDisposable
{
    private readonly CliRunner _runner = new();

    public void Dispose() => _runner.Dispose();

    private string Policy => _runner.PathOf(TrustPolicy.DefaultFileName);

    [Fact]
    public async Task Add_and_require_write_the_policy_the_build_and_verify_model_read()
    {
        var (key, pub) = await _runner.KeyPair("publisher", "ecdsa-p256");
        var (_, receiptsPub) = await _runner.KeyPair("receipts");

        var add = await CliRunner.Run("trust", "add", pub, "--role", "model-publisher", "--scope", "models/**", "--policy", Policy);
        add.ExitCode.ShouldBe(0, add.ToString());
        (await CliRunner.Run("trust", "add", receiptsPub, "--role", "receipt-signer", "--policy", Policy)).ExitCode.ShouldBe(0);
        var require = await CliRunner.Run("trust", "require", "models/**", "--policy", Policy);
        require.ExitCode.ShouldBe(0, require.ToString());

        // The file is exactly what the kernel's writer writes, and its reader takes it back.
        var text = File.ReadAllText(Policy);
        var policy = TrustPolicy.Load(Policy);
        policy.ToJson().ShouldBe(text);
        text.ShouldContain("\"publicKey\": \"-----BEGIN PUBLIC KEY-----\\n");
        policy.Keys.Select(k => (k.KeyId, k.Role)).ShouldBe([(PublicKey.Load(pub).KeyId, "model-publisher"), (PublicKey.Load(receiptsPub).KeyId, "receipt-signer")]);
        policy.Keys[0].Scope.ShouldBe(["models/**"]);
        policy.Models.Single().SignatureRequired.ShouldBeTrue();

        // verify-model takes the policy: a model signed by the publisher verifies under it.
        Directory.CreateDirectory(_runner.PathOf("models"));
        var model = _runner.WriteModel(Path.Combine("models", "add_mul.onnx"), TestModels.AddMul());
        (await CliRunner.Run("sign-model", model, "--key", key)).ExitCode.ShouldBe(0);
        var verify = await CliRunner.Run("verify-model", model, "--policy", Policy, "--as", "models/add_mul.onnx");
        verify.ExitCode.ShouldBe(0, verify.ToString());
    }

    [Fact]
    public async Task Require_updates_a_rule_with_the_same_glob_instead_of_adding_one()
    {
        (await CliRunner.Run("trust", "require", "models/**", "--policy", Policy)).ExitCode.ShouldBe(0);
        var again = await CliRunner.Run("trust", "require", "models/**", "--optional", "--policy", Policy, "--json");
        again.ExitCode.ShouldBe(0, again.ToString());
        using var json = JsonDocument.Parse(again.Stdout);
        json.RootElement.GetProperty("change").GetString().ShouldBe("updated");

        var rule = TrustPolicy.Load(Policy).Models.ShouldHaveSingleItem();
        rule.SignatureRequired.ShouldBeFalse();
    }

    [Fact]
    public async Task Remove_takes_a_key_id_or_a_public_key_file()
    {
        var (_, pub) = await _runner.KeyPair("publisher", "ecdsa-p256");
        var keyId = PublicKey.Load(pub).KeyId;
        (await CliRunner.Run("trust", "add", pub, "--role", "model-publisher", "--scope", "**", "--policy", Policy)).ExitCode.ShouldBe(0);
        (await CliRunner.Run("trust", "add", pub, "--role", "log", "--policy", Policy)).ExitCode.ShouldBe(0);

        var byRole = await CliRunner.Run("trust", "remove", keyId, "--role", "log", "--policy", Policy);
        byRole.ExitCode.ShouldBe(0, byRole.ToString());
        TrustPolicy.Load(Policy).Keys.Single().Role.ShouldBe("model-publisher");

        (await CliRunner.Run("trust", "remove", pub, "--policy", Policy)).ExitCode.ShouldBe(0);
        TrustPolicy.Load(Policy).Keys.ShouldBeEmpty();
        (await CliRunner.Run("trust", "remove", keyId, "--policy", Policy)).ShouldBeUsageError("does not trust");
    }

    [Fact]
    public async Task List_shows_keys_roles_scopes_and_rules()
    {
        var (_, pub) = await _runner.KeyPair("publisher", "ecdsa-p256");
        await CliRunner.Run("trust", "add", pub, "--role", "model-publisher", "--scope", "vision/**", "--scope", "models/a.onnx", "--policy", Policy);
        await CliRunner.Run("trust", "require", "vision/**", "--policy", Policy);

        var table = await CliRunner.Run("trust", "list", "--policy", Policy);
        table.ExitCode.ShouldBe(0, table.ToString());
        table.ShouldHaveNoControlCodes();
        table.Stdout.ShouldContain(PublicKey.Load(pub).KeyId);
        table.Stdout.ShouldContain("vision/**, models/a.onnx");
        table.Stdout.ShouldContain("required");

        var json = await CliRunner.Run("trust", "list", "--policy", Policy, "--json");
        using var document = JsonDocument.Parse(json.Stdout);
        var key = document.RootElement.GetProperty("keys")[0];
        key.GetProperty("role").GetString().ShouldBe("model-publisher");
        key.GetProperty("algorithm").GetString().ShouldBe("ecdsa-p256");
        document.RootElement.GetProperty("models")[0].GetProperty("signature").GetString().ShouldBe("required");

        (await CliRunner.Run("trust", "list", "--policy", _runner.PathOf("missing.json"))).ShouldBeUsageError("does not exist");
    }

    [Fact]
    public async Task Changes_the_build_would_refuse_are_refused_and_leave_the_file_as_it_was()
    {
        var (_, p256) = await _runner.KeyPair("publisher", "ecdsa-p256");
        var (_, ed25519) = await _runner.KeyPair("receipts");
        (await CliRunner.Run("trust", "add", p256, "--role", "model-publisher", "--scope", "models/**", "--policy", Policy)).ExitCode.ShouldBe(0);
        var before = File.ReadAllText(Policy);

        (await CliRunner.Run("trust", "add", ed25519, "--role", "model-publisher", "--scope", "**", "--policy", Policy)).ShouldBeUsageError("ECDSA P-256");
        (await CliRunner.Run("trust", "add", p256, "--role", "model-publisher", "--policy", Policy)).ShouldBeUsageError("--scope");
        (await CliRunner.Run("trust", "add", p256, "--role", "model-publisher", "--scope", "**", "--policy", Policy)).ShouldBeUsageError("already trusted");
        (await CliRunner.Run("trust", "add", ed25519, "--role", "log", "--scope", "/abs/**", "--policy", Policy)).ShouldBeUsageError("without a leading '/'");
        (await CliRunner.Run("trust", "require", "models\\x.onnx", "--policy", Policy)).ShouldBeUsageError("paths use '/'");
        (await CliRunner.Run("trust", "add", _runner.PathOf("missing.pub"), "--role", "log", "--policy", Policy)).ShouldBeUsageError("does not exist");
        (await CliRunner.Run("trust", "add", p256, "--role", "owner", "--policy", Policy)).ShouldBeUsageError("owner");

        File.ReadAllText(Policy).ShouldBe(before);
    }

    [Fact]
    public async Task A_malformed_policy_is_named_with_its_line_and_not_rewritten()
    {
        File.WriteAllText(Policy, "{\n  \"version\": 1,\n  \"keys\": [],\n  \"models\": [],\n  \"extra\": true\n}\n");
        var (_, pub) = await _runner.KeyPair("receipts");

        (await CliRunner.Run("trust", "add", pub, "--role", "receipt-signer", "--policy", Policy)).ShouldBeUsageError("extra");
        File.ReadAllText(Policy).ShouldContain("extra");
    }
}
