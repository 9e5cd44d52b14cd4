using System.Text;
using System.Text.Json.Nodes;
using OpenVerify.Testing;

namespace OpenVerify.Tests.Spec;

/// <summary>
/// Keeps docs/spec/vectors/receipt-v1-vectors.json equal to what the runtime computes. To regenerate the file after a
/// deliberate format change: <c>OPENVERIFY_REGENERATE_VECTORS=1 dotnet test tests/OpenVerify.Tests --filter
/// FullyQualifiedName~Spec</c>, then review the diff (a changed digest is a breaking change of receipt v1).
/// </summary>
public sealed class SpecVectorTests
{
    private static JsonObject? ReadCommitted() =>
        File.Exists(SpecVectors.VectorsPath) ? JsonNode.Parse(File.ReadAllText(SpecVectors.VectorsPath))?.AsObject() : null;

    [Fact]
    public void VectorsFile_EqualsWhatTheRuntimeComputes()
    {
        var committed = ReadCommitted();
        var generated = SpecVectors.ToText(SpecVectors.Build(committed));
        if (Environment.GetEnvironmentVariable(SpecVectors.RegenerateVariable) == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(SpecVectors.VectorsPath)!);
            File.WriteAllText(SpecVectors.VectorsPath, generated, new UTF8Encoding(false));
            return;
        }

        committed.ShouldNotBeNull($"{SpecVectors.VectorsPath} is missing; create it with {SpecVectors.RegenerateVariable}=1.");
        var onDisk = File.ReadAllText(SpecVectors.VectorsPath).ReplaceLineEndings("\n");
        onDisk.ShouldBe(generated, $"The committed vectors are stale or the format changed. If the change is deliberate, regenerate with {SpecVectors.RegenerateVariable}=1 and review the diff.");
    }

    [Fact]
    public void PaeVector_FromTheDsseSpec()
    {
        Encoding.UTF8.GetString(Dsse.Pae("http://example.com/HelloWorld", "hello world"u8))
            .ShouldBe("DSSEv1 29 http://example.com/HelloWorld 11 hello world");
    }

    [Fact]
    public void TensorVectors_CoverEveryElementTypeTheRuntimeSupports()
    {
        var covered = SpecVectors.TensorCases.Select(c => c.Type).ToHashSet();
        var supported = Enum.GetValues<ElementType>().Where(ElementTypes.IsSupported).ToHashSet();
        covered.SetEquals(supported).ShouldBeTrue($"covered {string.Join(",", covered)}; supported {string.Join(",", supported)}");
        var refused = SpecVectors.RefusedTensorCases.Select(c => (ElementType)c.Code).ToHashSet();
        Enum.GetValues<ElementType>().Where(t => !ElementTypes.IsSupported(t)).ShouldAllBe(t => refused.Contains(t));
    }

    [Fact]
    public void EdgeCases_GiveDifferentDigests()
    {
        string Digest(string name) => SpecVectors.TensorDigestOf(SpecVectors.TensorCases.Single(c => c.Name == name)).ToHex();
        Digest("float-nan-quiet").ShouldNotBe(Digest("float-nan-payload-1"));
        Digest("float-nan-quiet").ShouldNotBe(Digest("float-nan-negative"));
        Digest("float-positive-zero").ShouldNotBe(Digest("float-negative-zero"));
        Digest("float-rank0").ShouldNotBe(Digest("float-shape-1"));
        Digest("float-shape-1").ShouldNotBe(Digest("float-shape-1x1"));
        Digest("float-empty-0x5").ShouldNotBe(Digest("float-empty-5x0"));
    }

    [Fact]
    public void RefusedTensors_AreRefusedByTheRuntime()
    {
        foreach (var c in SpecVectors.RefusedTensorCases)
        {
            SpecVectors.RuntimeRefuses(c).ShouldBeTrue(c.Name);
        }
    }

    [Fact]
    public void RefusedPayloads_AreRefusedByTheRuntime()
    {
        using var key = SigningKey.ImportPem(TestKeys.Ed25519PrivateKeyPem);
        foreach (var (name, payload) in ReceiptVectors.RefusedPayloads(ReceiptVectors.AddMulEd25519(key).Payload))
        {
            Should.Throw<ReceiptFormatException>(() => Receipt.ParseStatement(Encoding.UTF8.GetBytes(payload)), name);
        }
    }

    [Theory]
    [InlineData(ReceiptVectors.AddMulName)]
    [InlineData(ReceiptVectors.MixedTypesName)]
    public void CommittedReceipts_VerifyWithTheRuntime(string name)
    {
        var committed = ReadCommitted();
        committed.ShouldNotBeNull();
        var vector = committed["receipts"]!.AsArray().Single(r => r!["name"]!.GetValue<string>() == name)!;
        var keyNode = committed["keys"]![vector["key"]!.GetValue<string>()]!;
        var publicKey = PublicKey.ImportPem(keyNode["publicKeyPem"]!.GetValue<string>());
        var modelBytes = name == ReceiptVectors.AddMulName ? TestModels.AddMul() : TestModels.MixedTypes();
        using var model = VerifiedModel.FromBytes(modelBytes);

        using var signer = SigningKey.ImportPem(name == ReceiptVectors.AddMulName ? TestKeys.Ed25519PrivateKeyPem : TestKeys.P256PrivateKeyPem);
        var fresh = name == ReceiptVectors.AddMulName ? ReceiptVectors.AddMulEd25519(signer) : ReceiptVectors.MixedTypesP256(signer, committed);

        var result = new ReceiptVerifier(TrustStore.For(publicKey)).Verify(vector["envelope"]!.ToJsonString(), new ReceiptVerificationOptions
        {
            ExpectedModelDigest = Sha256Digest.Parse(vector["expected"]!["modelSha256"]!.GetValue<string>()),
            Inputs = fresh.Inputs,
            Outputs = fresh.Outputs,
            ExpectedNonce = vector["expected"]!["nonce"]!.GetValue<string>(),
            ExpectedAudience = vector["expected"]!["audience"]!.GetValue<string>(),
            ReplayModel = model,
            Require = RequiredChecks.Model | RequiredChecks.Inputs | RequiredChecks.Outputs | RequiredChecks.Replay,
        });
        result.Succeeded.ShouldBeTrue(result.ToString());
        result.Replay!.Verdict.ShouldBe(ReplayVerdict.Exact);
        Receipt.Parse(vector["envelope"]!.ToJsonString()).Id.ToHex().ShouldBe(vector["payloadSha256"]!.GetValue<string>());
    }

    [Fact]
    public void SignedReceiptNamingAnUnsupportedElementType_FailsItsSetCheck()
    {
        using var key = SigningKey.ImportPem(TestKeys.Ed25519PrivateKeyPem);
        var payload = ReceiptVectors.AddMulEd25519(key).Payload.Replace("\"elementType\":\"float\"", "\"elementType\":\"complex64\"", StringComparison.Ordinal);
        var envelope = DsseEnvelope.Sign(Receipt.PayloadType, Encoding.UTF8.GetBytes(payload), key);
        var result = new ReceiptVerifier(TrustStore.For(key.PublicKey)).Verify(envelope.ToJson());
        result.Succeeded.ShouldBeFalse();
        result.Checks.ShouldContain(c => c.Name == VerificationChecks.InputSet && !c.Passed, result.ToString());
    }

    [Fact]
    public void ZeroDimension_GivesZeroElementsWhereverItStands()
    {
        TensorValue.CheckedElementCount([4611686018427387904, 4, 0]).ShouldBe(0);
        TensorValue.CheckedElementCount([0, 4611686018427387904, 4]).ShouldBe(0);
        Should.Throw<TensorEncodingException>(() => TensorValue.CheckedElementCount([4611686018427387904, 4]));
        Should.Throw<TensorEncodingException>(() => TensorDigest.ComputeRaw(ElementType.Float, [4611686018427387904], []));
    }

    [Fact]
    public void Ed25519ReceiptVector_IsReproducedByteForByte()
    {
        using var key = SigningKey.ImportPem(TestKeys.Ed25519PrivateKeyPem);
        var first = ReceiptVectors.AddMulEd25519(key).Envelope.ToJson();
        var second = ReceiptVectors.AddMulEd25519(key).Envelope.ToJson();
        second.ShouldBe(first);
    }
}
