using System.Text.Json;

namespace OpenVerify.Cli.Tests;

public sealed class KeygenTests : IDisposable
{
    private readonly CliRunner _runner = new();

    public void Dispose() => _runner.Dispose();

    [Theory]
    [InlineData("ed25519", KeyAlgorithm.Ed25519)]
    [InlineData("ecdsa-p256", KeyAlgorithm.EcdsaP256)]
    public async Task Writes_an_owner_only_private_key_and_a_public_key(string algorithm, KeyAlgorithm expected)
    {
        var prefix = _runner.PathOf("keys", "receipts");
        var result = await CliRunner.Run("keygen", "--out", prefix, "--algorithm", algorithm);

        result.ExitCode.ShouldBe(0, result.ToString());
        result.ShouldHaveNoControlCodes();
        File.ReadAllText(prefix + ".key").ShouldStartWith("-----BEGIN PRIVATE KEY-----");
        File.ReadAllText(prefix + ".pub").ShouldStartWith("-----BEGIN PUBLIC KEY-----");
        if (!OperatingSystem.IsWindows())
        {
            File.GetUnixFileMode(prefix + ".key").ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        using var key = SigningKey.Load(prefix + ".key");
        var publicKey = PublicKey.Load(prefix + ".pub");
        key.Algorithm.ShouldBe(expected);
        key.KeyId.ShouldBe(publicKey.KeyId);
        result.Stdout.ShouldContain($"Key id: {publicKey.KeyId}");
        result.Stdout.ShouldNotContain("BEGIN PRIVATE KEY", Case.Sensitive);
    }

    [Fact]
    public async Task Json_output_names_the_key_id_and_files()
    {
        var prefix = _runner.PathOf("k");
        var result = await CliRunner.Run("keygen", "--out", prefix, "--json");

        result.ExitCode.ShouldBe(0, result.ToString());
        using var json = JsonDocument.Parse(result.Stdout);
        json.RootElement.GetProperty("keyId").GetString().ShouldBe(PublicKey.Load(prefix + ".pub").KeyId);
        json.RootElement.GetProperty("algorithm").GetString().ShouldBe("ed25519");
        json.RootElement.GetProperty("privateKey").GetString().ShouldBe(prefix + ".key");
        json.RootElement.GetProperty("publicKey").GetString().ShouldBe(prefix + ".pub");
    }

    [Theory]
    [InlineData(".key")]
    [InlineData(".pub")]
    public async Task Never_overwrites_an_existing_file(string existing)
    {
        var prefix = _runner.PathOf("k");
        File.WriteAllText(prefix + existing, "keep me");

        var result = await CliRunner.Run("keygen", "--out", prefix);

        result.ShouldBeUsageError("already exists");
        File.ReadAllText(prefix + existing).ShouldBe("keep me");
        File.Exists(prefix + (existing == ".key" ? ".pub" : ".key")).ShouldBeFalse();
    }

    [Fact]
    public async Task Needs_out() => (await CliRunner.Run("keygen")).ShouldBeUsageError("--out");

    [Fact]
    public async Task Refuses_unknown_algorithms() =>
        (await CliRunner.Run("keygen", "--out", _runner.PathOf("k"), "--algorithm", "rsa")).ShouldBeUsageError("rsa");
}
