using System.Text;
using OpenVerify.ModelSigning;

namespace OpenVerify.Tests.ModelSigning;

public sealed class GateFileTests
{
    private static readonly string Digest1 = "sha256:" + new string('1', 64);
    private static readonly string Digest2 = "sha256:" + new string('2', 64);

    [Fact]
    public void Lockfile_round_trips_sorted_with_stable_layout()
    {
        var lockfile = new ModelLockFile([
            new ModelLockEntry("models/z.onnx", Digest1, 10, Digest2),
            new ModelLockEntry("models/a.onnx", Digest2, 0, Digest1, Digest1),
        ]);

        var text = lockfile.ToJson();

        text.ShouldBe(
            "{\n  \"version\": 1,\n  \"models\": [\n    {\n      \"path\": \"models/a.onnx\",\n      \"digest\": \"" + Digest2 + "\",\n      \"size\": 0,\n" +
            "      \"ioSignature\": \"" + Digest1 + "\",\n      \"publisherKeyId\": \"" + Digest1 + "\"\n    },\n    {\n      \"path\": \"models/z.onnx\",\n" +
            "      \"digest\": \"" + Digest1 + "\",\n      \"size\": 10,\n      \"ioSignature\": \"" + Digest2 + "\"\n    }\n  ]\n}\n");
        var parsed = ModelLockFile.Parse(Encoding.UTF8.GetBytes(text), "openverify.lock.json");
        parsed.ToJson().ShouldBe(text);
        parsed.Find("models/a.onnx")!.Line.ShouldBe(4);
        parsed.Find("models/a.onnx")!.PublisherKeyId.ShouldBe(Digest1);
        new ModelLockFile([]).ToJson().ShouldBe("{\n  \"version\": 1,\n  \"models\": []\n}\n");
    }

    [Theory]
    [InlineData("{\n  \"version\": 2,\n  \"models\": []\n}", 2, "version 2")]
    [InlineData("{\n  \"version\": 1,\n  \"models\": [\n    {\"path\": \"a.onnx\", \"digest\": \"sha256:00\", \"size\": 1, \"ioSignature\": \"x\"}\n  ]\n}", 4, "'digest' = 'sha256:00'")]
    [InlineData("{\n  \"version\": 1,\n  \"models\": [\n    {\"path\": \"a\\\\b.onnx\", \"digest\": \"d\", \"size\": 1, \"ioSignature\": \"x\"}\n  ]\n}", 4, "'/' separators")]
    [InlineData("{\n  \"version\": 1,\n  \"version\": 1\n}", 3, "appears twice")]
    [InlineData("{\n  \"version\": 1,\n  \"models\": [],\n  \"note\": 1\n}", 4, "unknown property 'note'")]
    [InlineData("{\n  \"version\": 1,\n  \"models\": [,]\n}", 3, "unexpected character ','")]
    [InlineData("{\n  \"version\": 1\n}", 1, "no 'models' property")]
    public void Malformed_lockfile_names_file_and_line(string json, int line, string reason)
    {
        var e = Should.Throw<GateFileFormatException>(() => ModelLockFile.Parse(Encoding.UTF8.GetBytes(json), "openverify.lock.json"));

        e.Line.ShouldBe(line, e.Message);
        e.File.ShouldBe("openverify.lock.json");
        e.Message.ShouldContain(reason);
    }

    [Fact]
    public void Lockfile_refuses_duplicate_paths()
    {
        var entry = $"{{\"path\": \"a.onnx\", \"digest\": \"{Digest1}\", \"size\": 1, \"ioSignature\": \"{Digest1}\"}}";
        var e = Should.Throw<GateFileFormatException>(() => ModelLockFile.Parse(Encoding.UTF8.GetBytes($"{{\"version\": 1, \"models\": [\n{entry},\n{entry}]}}"), "l"));
        e.Message.ShouldContain("repeats the path 'a.onnx'");
        e.Line.ShouldBe(3);
    }

    [Fact]
    public void Io_signature_digest_is_domain_separated()
    {
        var expected = System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes("OpenVerify/io-signature/v1\0inputs=x:float[1,?N]\toutputs=y:int64[]"));
        ModelLockFile.IoSignatureDigest("x:float[1,?N]", "y:int64[]").ShouldBe("sha256:" + Convert.ToHexStringLower(expected));
    }

    [Fact]
    public void Trust_policy_round_trips_and_evaluates()
    {
        using var publisher = SigningKey.Generate(KeyAlgorithm.EcdsaP256);
        using var receipts = SigningKey.Generate();
        var policy = new TrustPolicy(
            [
                new TrustPolicyKey(publisher.PublicKey.ExportSubjectPublicKeyInfo(), "model-publisher", ["models/**"]),
                new TrustPolicyKey(receipts.PublicKey.ExportSubjectPublicKeyInfo(), "receipt-signer", []),
            ],
            [new TrustPolicyRule(["models/**"], true), new TrustPolicyRule([Digest1], false)],
            [Digest2],
            new DateTimeOffset(2030, 1, 31, 0, 0, 0, TimeSpan.Zero));

        var text = policy.ToJson();
        var parsed = TrustPolicy.Parse(Encoding.UTF8.GetBytes(text), "openverify.trust.json");

        parsed.ToJson().ShouldBe(text);
        parsed.Keys[0].KeyId.ShouldBe(publisher.KeyId);
        parsed.Keys[1].Role.ShouldBe("receipt-signer");
        parsed.Expires.ShouldBe(new DateTimeOffset(2030, 1, 31, 0, 0, 0, TimeSpan.Zero));
        parsed.IsExpired(new DateTimeOffset(2030, 1, 31, 0, 0, 0, TimeSpan.Zero)).ShouldBeTrue();
        parsed.IsExpired(new DateTimeOffset(2029, 1, 1, 0, 0, 0, TimeSpan.Zero)).ShouldBeFalse();
        parsed.Covers("models/a.onnx", Digest2, out var required).ShouldBeTrue();
        required.ShouldBeTrue();
        parsed.Covers("other/a.onnx", Digest1, out required).ShouldBeTrue();
        required.ShouldBeFalse();
        parsed.Covers("other/a.onnx", Digest2, out _).ShouldBeFalse();
        var store = parsed.ToTrustStore();
        store.Keys.Count.ShouldBe(2);
        store.IsRevoked(Digest2).ShouldBeTrue();
        store.Keys[0].Covers(Sha256Digest.Compute([1]), "models/x/y.onnx").ShouldBeTrue();
    }

    [Fact]
    public void Trust_policy_refuses_a_wrong_key_id_a_non_P256_publisher_and_a_missing_scope()
    {
        using var publisher = SigningKey.Generate(KeyAlgorithm.EcdsaP256);
        using var ed = SigningKey.Generate();
        string Policy(string keyId, SigningKey key, string role, string scope) =>
            "{\n  \"version\": 1,\n  \"keys\": [\n    {\n      \"keyId\": \"" + keyId + "\",\n      \"role\": \"" + role + "\",\n" +
            "      \"publicKey\": " + System.Text.Json.JsonSerializer.Serialize(key.PublicKey.ExportPem()) + scope + "\n    }\n  ],\n  \"models\": []\n}\n";

        TrustPolicy.Parse(Encoding.UTF8.GetBytes(Policy(publisher.KeyId, publisher, "model-publisher", ",\n      \"scope\": [\"**\"]")), "t").Keys.Count.ShouldBe(1);

        var wrongId = Should.Throw<GateFileFormatException>(() => TrustPolicy.Parse(Encoding.UTF8.GetBytes(Policy(Digest1, publisher, "model-publisher", ",\n      \"scope\": [\"**\"]")), "t"));
        wrongId.Line.ShouldBe(5);
        wrongId.Message.ShouldContain(publisher.KeyId);
        Should.Throw<GateFileFormatException>(() => TrustPolicy.Parse(Encoding.UTF8.GetBytes(Policy(ed.KeyId, ed, "model-publisher", ",\n      \"scope\": [\"**\"]")), "t"))
            .Message.ShouldContain("P-256");
        Should.Throw<GateFileFormatException>(() => TrustPolicy.Parse(Encoding.UTF8.GetBytes(Policy(publisher.KeyId, publisher, "model-publisher", string.Empty)), "t"))
            .Message.ShouldContain("non-empty 'scope'");
        Should.Throw<GateFileFormatException>(() => TrustPolicy.Parse(Encoding.UTF8.GetBytes(Policy(publisher.KeyId, publisher, "admin", string.Empty)), "t"))
            .Line.ShouldBe(6);
    }

    [Theory]
    [InlineData("models/**", "models/a.onnx", true)]
    [InlineData("models/**", "models/x/y/a.onnx", true)]
    [InlineData("**/*.onnx", "a.onnx", true)]
    [InlineData("models/*.onnx", "models/x/a.onnx", false)]
    [InlineData("models/?.onnx", "models/a.onnx", true)]
    [InlineData("models/?.onnx", "Models/a.onnx", false)]
    public void Globs_match_case_sensitively_with_slash_separators(string pattern, string path, bool expected) =>
        ModelPathGlob.IsMatch(pattern, path).ShouldBe(expected);

    [Theory]
    [InlineData("{\"a\": 01}", "leading zero")]
    [InlineData("{\"a\": \"\\ud800\"}", "lone surrogate")]
    [InlineData("{\"a\": \"x\ty\"}", "control character")]
    [InlineData("{\"a\": 1,}", "property name")]
    [InlineData("{\"a\": 1} x", "more text")]
    [InlineData("{\"a\": tru}", "expected 'true'")]
    public void Json_reader_is_strict(string json, string reason) =>
        Should.Throw<GateFileFormatException>(() => GateJson.Parse(json, "f")).Message.ShouldContain(reason);
}
