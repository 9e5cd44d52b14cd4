using System.Text;
using System.Text.Json.Nodes;
using OpenVerify.ModelSigning;
using OpenVerify.Tests.Spec;

namespace OpenVerify.Tests.ModelSigning;

public sealed class ModelSignatureTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("openverify-modelsig-");
    private readonly SigningKey _publisher = SigningKey.Generate(KeyAlgorithm.EcdsaP256);

    public void Dispose()
    {
        _publisher.Dispose();
        _dir.Delete(recursive: true);
    }

    private string Model(string name = "mnist.onnx", string content = "model bytes")
    {
        var path = Path.Combine(_dir.FullName, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    private TrustStore Publisher(params string[] scope) => new TrustStore().Add(_publisher.PublicKey, KeyRole.ModelPublisher, scope);

    [Fact]
    public void Signed_model_verifies_with_its_publisher_key()
    {
        var model = Model();
        var sig = ModelSignature.SignFile(model, _publisher);

        sig.ShouldBe(model + ".sig");
        var check = ModelSignature.Verify(model, Publisher("**"), modelIdentity: "models/mnist.onnx");

        check.Outcome.ShouldBe(ModelSignatureOutcome.Verified, check.Message);
        check.PublisherKeyId.ShouldBe(_publisher.KeyId);
        check.SignatureDigest.ShouldBe(Sha256Digest.ComputeFile(sig));
    }

    [Fact]
    public void Bundle_has_the_OpenSSF_shape()
    {
        var model = Model(content: "abc");
        var bundle = JsonNode.Parse(ModelSignature.Sign(model, _publisher))!;

        bundle["mediaType"]!.GetValue<string>().ShouldBe("application/vnd.dev.sigstore.bundle.v0.3+json");
        bundle["verificationMaterial"]!["tlogEntries"]!.AsArray().Count.ShouldBe(0);
        var pemHash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.ASCII.GetBytes(_publisher.PublicKey.ExportPem())));
        bundle["verificationMaterial"]!["publicKey"]!["hint"]!.GetValue<string>().ShouldBe(pemHash);
        var envelope = bundle["dsseEnvelope"]!;
        envelope["payloadType"]!.GetValue<string>().ShouldBe("application/vnd.in-toto+json");
        envelope["signatures"]!.AsArray().Single()!["keyid"]!.GetValue<string>().ShouldBe(_publisher.KeyId);

        var statement = JsonNode.Parse(Convert.FromBase64String(envelope["payload"]!.GetValue<string>()))!;
        statement["_type"]!.GetValue<string>().ShouldBe("https://in-toto.io/Statement/v1");
        statement["predicateType"]!.GetValue<string>().ShouldBe("https://model_signing/signature/v1.0");
        var fileDigest = System.Security.Cryptography.SHA256.HashData("abc"u8);
        var subject = statement["subject"]!.AsArray().Single()!;
        subject["name"]!.GetValue<string>().ShouldBe("mnist.onnx");
        subject["digest"]!["sha256"]!.GetValue<string>().ShouldBe(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(fileDigest)));
        var resource = statement["predicate"]!["resources"]!.AsArray().Single()!;
        resource["name"]!.GetValue<string>().ShouldBe(".");
        resource["algorithm"]!.GetValue<string>().ShouldBe("sha256");
        resource["digest"]!.GetValue<string>().ShouldBe(Convert.ToHexStringLower(fileDigest));
        var serialization = statement["predicate"]!["serialization"]!;
        serialization["method"]!.GetValue<string>().ShouldBe("files");
        serialization["hash_type"]!.GetValue<string>().ShouldBe("sha256");
        serialization["allow_symlinks"]!.GetValue<bool>().ShouldBeFalse();
    }

    [Fact]
    public void Root_digest_matches_the_OpenSSF_v1_1_vector()
    {
        // sigstore/model-transparency scripts/tests/v1.1.0-elliptic-key/model.sig: two files, subject digest over both.
        var root = ModelSignatureFormat.RootDigest([
            Convert.FromHexString("bc9a717db6064a32cbe9eae6fc40651dd6d36ef1757183f590eff2b1765d7ebc"),
            Convert.FromHexString("32dcb1f8e1ae52d5963e56a6ba06ab58b424c15ed2a6b70d2feca1d089370028"),
        ]);
        Convert.ToHexStringLower(root).ShouldBe("92745110b1ab4368471cbe31664e10174e954b113a3df333db860317b2c6dec4");
    }

    [Fact]
    public void Untrusted_key_fails()
    {
        var model = Model();
        ModelSignature.SignFile(model, _publisher);
        using var other = SigningKey.Generate(KeyAlgorithm.EcdsaP256);

        var check = ModelSignature.Verify(model, new TrustStore().Add(other.PublicKey, KeyRole.ModelPublisher));

        check.Outcome.ShouldBe(ModelSignatureOutcome.UntrustedKey);
        check.Message.ShouldContain(_publisher.KeyId);
    }

    [Fact]
    public void Receipt_signer_key_can_never_vouch_for_a_model()
    {
        var model = Model();
        ModelSignature.SignFile(model, _publisher);

        var check = ModelSignature.Verify(model, TrustStore.For(_publisher.PublicKey, KeyRole.ReceiptSigner));

        check.Outcome.ShouldBe(ModelSignatureOutcome.WrongRole);
        check.Message.ShouldContain("receipt-signer");
    }

    [Fact]
    public void Publisher_out_of_scope_fails_and_digest_scope_covers()
    {
        var model = Model();
        ModelSignature.SignFile(model, _publisher);

        ModelSignature.Verify(model, Publisher("vision/**"), modelIdentity: "models/mnist.onnx").Outcome.ShouldBe(ModelSignatureOutcome.OutOfScope);
        ModelSignature.Verify(model, Publisher("Models/*.onnx"), modelIdentity: "models/mnist.onnx").Outcome.ShouldBe(ModelSignatureOutcome.OutOfScope);
        ModelSignature.Verify(model, Publisher("models/*.onnx"), modelIdentity: "models/mnist.onnx").Outcome.ShouldBe(ModelSignatureOutcome.Verified);
        ModelSignature.Verify(model, Publisher(Sha256Digest.ComputeFile(model).ToString()), modelIdentity: "elsewhere/mnist.onnx").Outcome.ShouldBe(ModelSignatureOutcome.Verified);
    }

    [Fact]
    public void Revoked_key_fails()
    {
        var model = Model();
        ModelSignature.SignFile(model, _publisher);

        var check = ModelSignature.Verify(model, Publisher().Revoke(_publisher.KeyId));

        check.Outcome.ShouldBe(ModelSignatureOutcome.Revoked);
    }

    [Fact]
    public void Changed_model_is_a_subject_mismatch()
    {
        var model = Model();
        ModelSignature.SignFile(model, _publisher);
        File.AppendAllText(model, "!");

        var check = ModelSignature.Verify(model, Publisher());

        check.Outcome.ShouldBe(ModelSignatureOutcome.SubjectMismatch);
        check.Message.ShouldContain("changed after it was signed");
    }

    [Fact]
    public void Renamed_model_is_a_subject_mismatch()
    {
        var model = Model();
        ModelSignature.SignFile(model, _publisher);
        var renamed = Path.Combine(_dir.FullName, "other.onnx");
        File.Move(model, renamed);

        var check = ModelSignature.Verify(renamed, Publisher(), signaturePath: model + ".sig");

        check.Outcome.ShouldBe(ModelSignatureOutcome.SubjectMismatch);
        check.Message.ShouldContain("'mnist.onnx'");
    }

    [Fact]
    public void Altered_signature_fails_naming_the_hinted_key()
    {
        var model = Model();
        var bundle = JsonNode.Parse(ModelSignature.Sign(model, _publisher))!;
        var signature = bundle["dsseEnvelope"]!["signatures"]![0]!;
        var sig = Convert.FromBase64String(signature["sig"]!.GetValue<string>());
        sig[^1] ^= 1;
        signature["sig"] = Convert.ToBase64String(sig);

        var check = ModelSignature.Verify(Encoding.UTF8.GetBytes(bundle.ToJsonString()), "x.sig", "mnist.onnx", Sha256Digest.ComputeFile(model), Publisher());

        check.Outcome.ShouldBe(ModelSignatureOutcome.InvalidSignature);
    }

    [Theory]
    [InlineData("{\"mediaType\":\"a\",\"mediaType\":\"b\"}", "appears twice", 1)]
    [InlineData("{\n  \"mediaType\": \"x\",\n  \"extra\": 1\n}", "unknown property 'extra'", 3)]
    [InlineData("{\n  \"mediaType\": \"x\",\n", "expected a property name", 3)]
    [InlineData("[]", "must be a JSON object", 1)]
    public void Malformed_bundle_is_reported_with_its_line(string json, string reason, int line)
    {
        var check = ModelSignatureFormat.Verify(Encoding.UTF8.GetBytes(json), "m.onnx.sig", "m.onnx", new byte[32], []);

        check.Outcome.ShouldBe(global::OpenVerify.ModelSigning.ModelSignatureOutcome.Malformed);
        check.Line.ShouldBe(line);
        check.Message.ShouldContain(reason);
        check.Message.ShouldStartWith($"m.onnx.sig({line}): ");
    }

    [Fact]
    public void Ed25519_signer_is_refused()
    {
        using var ed = SigningKey.Generate();
        Should.Throw<ArgumentException>(() => ModelSignature.Sign(Model(), ed)).Message.ShouldContain("P-256");
    }

    [Fact]
    public void Der_signatures_are_read_strictly()
    {
        var data = "data"u8.ToArray();
        using var ecdsa = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        var spki = ecdsa.ExportSubjectPublicKeyInfo();
        var der = ecdsa.SignData(data, System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.DSASignatureFormat.Rfc3279DerSequence);

        GateCrypto.VerifyP256(spki, data, der).ShouldBeTrue();
        GateCrypto.VerifyP256(spki, data, [.. der, 0]).ShouldBeFalse();
        var p1363 = ecdsa.SignData(data, System.Security.Cryptography.HashAlgorithmName.SHA256);
        GateCrypto.VerifyP256(spki, data, p1363).ShouldBeFalse();
        GateCrypto.TryDerToP1363([0x30, 0x06, 0x02, 0x01, 0x00, 0x02, 0x01, 0x01], out _).ShouldBeFalse(); // r = 0 is not minimal-positive
        GateCrypto.TryDerToP1363([0x30, 0x08, 0x02, 0x02, 0x00, 0x01, 0x02, 0x02, 0x00, 0x01], out _).ShouldBeFalse(); // padded integers
    }

    [Fact]
    public void Spec_vector_verifies()
    {
        var vector = JsonNode.Parse(File.ReadAllText(VectorPath))!;
        var publicKey = PublicKey.ImportPem(vector["publicKey"]!.GetValue<string>());
        var model = Encoding.UTF8.GetBytes(vector["modelText"]!.GetValue<string>());
        var name = vector["modelFileName"]!.GetValue<string>();
        var bundle = Encoding.UTF8.GetBytes(vector["bundle"]!.GetValue<string>());

        var check = ModelSignature.Verify(bundle, "vector", name, Sha256Digest.Compute(model), new TrustStore().Add(publicKey, KeyRole.ModelPublisher));

        check.Outcome.ShouldBe(ModelSignatureOutcome.Verified, check.Message);
        check.PublisherKeyId.ShouldBe(vector["keyId"]!.GetValue<string>());
        var payload = Convert.FromBase64String(JsonNode.Parse(bundle)!["dsseEnvelope"]!["payload"]!.GetValue<string>());
        Encoding.UTF8.GetString(payload).ShouldBe(Encoding.UTF8.GetString(ModelSignatureFormat.CreateStatement(name, Sha256Digest.Compute(model).Bytes.ToArray())));
        vector["statement"]!.GetValue<string>().ShouldBe(Encoding.UTF8.GetString(payload));
        vector["openSsfKeyHint"]!.GetValue<string>().ShouldBe(GateCrypto.OpenSsfKeyHint(publicKey.ExportSubjectPublicKeyInfo()));
        vector["subjectDigest"]!.GetValue<string>().ShouldBe(Convert.ToHexStringLower(ModelSignatureFormat.RootDigest([Sha256Digest.Compute(model).Bytes.ToArray()])));

        // Written the way the OpenSSF key signer writes it (empty keyid, other JSON layout, ignore_paths): verifies too.
        var openSsf = Encoding.UTF8.GetBytes(vector["bundleOpenSsfStyle"]!.GetValue<string>());
        ModelSignature.Verify(openSsf, "vector", name, Sha256Digest.Compute(model), new TrustStore().Add(publicKey, KeyRole.ModelPublisher))
            .Outcome.ShouldBe(ModelSignatureOutcome.Verified);
    }

    internal static string VectorPath => Path.Combine(SpecVectors.RepoRoot, "docs", "spec", "vectors", "model-signature-v1.json");
}
