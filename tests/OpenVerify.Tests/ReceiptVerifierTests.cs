using System.Text;
using System.Text.Json.Nodes;
using OpenVerify.Testing;

namespace OpenVerify.Tests;

public class ReceiptVerifierTests
{
    private static readonly SigningKey Key = SigningKey.Generate();
    private static readonly byte[] AddMul = TestModels.AddMul();

    private static (VerifiedModel Model, Attested<TensorSet> Result, TensorSet Inputs) Run(ISigner? signer = null, string? nonce = null)
    {
        var model = VerifiedModel.FromBytes(AddMul);
        var inputs = Tensors.AddMulInputs();
        return (model, model.Run(inputs, new InferenceOptions { Signer = signer ?? Key, Nonce = nonce }), inputs);
    }

    [Fact]
    public void UntrustedKey_IsRefused()
    {
        var (model, result, _) = Run();
        using var other = SigningKey.Generate();
        var verification = new ReceiptVerifier(TrustStore.For(other.PublicKey)).Verify(result.Receipt);
        verification.Succeeded.ShouldBeFalse();
        verification.FirstFailure!.Name.ShouldBe(VerificationChecks.Signature);
        verification.FirstFailure.Detail.ShouldContain("No trusted key");
        verification.Statement.ShouldBeNull();
        model.Dispose();
    }

    [Fact]
    public void ModelPublisherKey_CannotVouchForAReceipt()
    {
        var (_, result, _) = Run();
        var verification = new ReceiptVerifier(new TrustStore().Add(Key.PublicKey, KeyRole.ModelPublisher)).Verify(result.Receipt);
        verification.Succeeded.ShouldBeFalse();
        verification.FirstFailure!.Detail.ShouldContain("model-publisher");
        verification.FirstFailure.Expected.ShouldBe("receipt-signer");
    }

    [Fact]
    public void Revocation_IsCheckedAgainstTheKeyThatVerified_NotTheHint()
    {
        var (_, result, _) = Run();
        var store = TrustStore.For(Key.PublicKey).Revoke(Key.KeyId);
        new ReceiptVerifier(store).Verify(result.Receipt).FirstFailure!.Detail.ShouldContain("revoked");

        // Rewrite the key id hint to some other (unrevoked) id: still refused, because the key that verified is revoked.
        var json = JsonNode.Parse(result.Receipt.ToJson())!;
        json["signatures"]![0]!["keyid"] = "sha256:" + new string('0', 64);
        new ReceiptVerifier(store).Verify(json.ToJsonString()).FirstFailure!.Detail.ShouldContain("revoked");

        // A wrong hint does not stop a trusted, unrevoked key from verifying.
        new ReceiptVerifier(TrustStore.For(Key.PublicKey)).Verify(json.ToJsonString()).Succeeded.ShouldBeTrue();
    }

    [Fact]
    public void Scope_LimitsWhichModelsAReceiptKeyMaySpeakFor()
    {
        var (model, result, _) = Run();
        var elsewhere = new TrustStore().Add(Key.PublicKey, KeyRole.ReceiptSigner, [Sha256Digest.Compute([1]).ToString()]);
        var failure = new ReceiptVerifier(elsewhere).Verify(result.Receipt).FirstFailure!;
        failure.Name.ShouldBe(VerificationChecks.KeyScope);
        var here = new TrustStore().Add(Key.PublicKey, KeyRole.ReceiptSigner, [model.Digest.ToString()]);
        new ReceiptVerifier(here).Verify(result.Receipt).Succeeded.ShouldBeTrue();
    }

    [Fact]
    public void PathScope_IsCheckedAgainstTheModelTheReceiptNames_AndFailsClosedWithoutIt()
    {
        // A key trusted for models/small/*.onnx signs a receipt for another model, models/big/secret.onnx.
        var secret = TestModels.AddMul();
        using var model = VerifiedModel.FromBytes(secret, new VerifiedModelOptions { Name = "models/big/secret.onnx" });
        var receipt = model.Run(Tensors.AddMulInputs(), new InferenceOptions { Signer = Key }).Receipt;
        var verifier = new ReceiptVerifier(new TrustStore().Add(Key.PublicKey, KeyRole.ReceiptSigner, ["models/small/*.onnx"]));

        // The caller's path alone says nothing about the receipt: refused.
        var pathOnly = verifier.Verify(receipt, new() { ModelPath = "models/small/a.onnx" });
        pathOnly.Succeeded.ShouldBeFalse();
        pathOnly.FirstFailure!.Name.ShouldBe(VerificationChecks.KeyScope);
        pathOnly.FirstFailure.Detail.ShouldContain("give the model's path and the model file");

        // Nothing to check the scope against: refused.
        verifier.Verify(receipt).FirstFailure!.Name.ShouldBe(VerificationChecks.KeyScope);

        // A path in scope with the digest of another model than the receipt names: refused.
        var otherModel = verifier.Verify(receipt, new() { ModelPath = "models/small/a.onnx", ExpectedModelDigest = Sha256Digest.Compute(TestModels.Tiny()) });
        otherModel.Checks.Single(c => c.Name == VerificationChecks.KeyScope).Passed.ShouldBeFalse();

        // The digest of the receipt's model, claimed to sit at an in-scope path: the receipt names another path.
        var renamed = verifier.Verify(receipt, new() { ModelPath = "models/small/a.onnx", ExpectedModelDigest = model.Digest });
        renamed.Succeeded.ShouldBeFalse();
        renamed.FirstFailure!.Name.ShouldBe(VerificationChecks.KeyScope);
        renamed.FirstFailure.Actual.ShouldBe("models/big/secret.onnx");

        // The real path of the model is outside the scope: refused.
        verifier.Verify(receipt, new() { ModelPath = "models/big/secret.onnx", ExpectedModelDigest = model.Digest }).FirstFailure!.Name.ShouldBe(VerificationChecks.KeyScope);

        // A model inside the scope, named by its path or its file name, with its digest: verified.
        foreach (var name in new[] { "models/small/a.onnx", "a.onnx" })
        {
            using var small = VerifiedModel.FromBytes(secret, new VerifiedModelOptions { Name = name });
            var ok = small.Run(Tensors.AddMulInputs(), new InferenceOptions { Signer = Key }).Receipt;
            verifier.Verify(ok, new() { ModelPath = "models/small/a.onnx", ExpectedModelDigest = small.Digest }).Succeeded.ShouldBeTrue();
            verifier.Verify(ok, new() { ModelPath = "models/small/a.onnx" }).FirstFailure!.Name.ShouldBe(VerificationChecks.KeyScope);
        }
    }

    [Fact]
    public void ModelSignatureClaims_VerifyWhenWellFormed_AndAreRefusedOtherwise()
    {
        using var publisher = SigningKey.Generate(KeyAlgorithm.EcdsaP256);
        using var model = VerifiedModel.FromBytes(AddMul, new VerifiedModelOptions { SignatureDigest = Sha256Digest.Compute([7]), PublisherKeyId = publisher.KeyId });
        var receipt = model.Run(Tensors.AddMulInputs(), new InferenceOptions { Signer = Key }).Receipt;
        var verifier = new ReceiptVerifier(TrustStore.For(Key.PublicKey));
        var verified = verifier.Verify(receipt);
        verified.Succeeded.ShouldBeTrue(verified.ToString());
        verified.Statement!.Predicate.Model.PublisherKeyId.ShouldBe(publisher.KeyId);

        var statement = JsonNode.Parse(receipt.Envelope.Payload)!;
        VerificationCheck Resign(Action<JsonNode> change)
        {
            var copy = statement.DeepClone();
            change(copy);
            return verifier.Verify(DsseEnvelope.Sign(Receipt.PayloadType, Encoding.UTF8.GetBytes(copy.ToJsonString()), Key).ToJson()).FirstFailure!;
        }

        Resign(s => s["predicate"]!["model"]!["publisherKeyId"] = "abc").Detail.ShouldContain("publisherKeyId 'abc' is not a key id");
        Resign(s => s["predicate"]!["model"]!["signatureDigest"] = new JsonObject { ["sha256"] = "xyz" }).Detail.ShouldContain("signatureDigest");
        Resign(s => s["predicate"]!["sequence"] = 0).Detail.ShouldContain("sequences start at 1");
        Resign(s => s["predicate"]!["instance"] = "not-a-uuid").Detail.ShouldContain("not a UUID");
        Resign(s => s["predicate"]!["timestamp"] = "2025-01-01 00:00:00").Detail.ShouldContain("RFC 3339");
        Resign(s => s["subject"]![0]!["name"] = "result").Name.ShouldBe(VerificationChecks.Subject);
    }

    [Fact]
    public void NonceAudienceAndModel_AreComparedWhenGiven()
    {
        var (model, result, _) = Run(nonce: "n-1");
        var verifier = new ReceiptVerifier(TrustStore.For(Key.PublicKey));
        verifier.Verify(result.Receipt, new() { ExpectedNonce = "n-2" }).FirstFailure!.Name.ShouldBe(VerificationChecks.Nonce);
        verifier.Verify(result.Receipt, new() { ExpectedAudience = "x" }).FirstFailure!.Actual.ShouldBe("(none)");
        var wrongModel = verifier.Verify(result.Receipt, new() { ExpectedModelDigest = Sha256Digest.Compute(TestModels.Tiny()) }).FirstFailure!;
        wrongModel.Name.ShouldBe(VerificationChecks.Model);
        wrongModel.Actual.ShouldBe(model.Digest.ToString());
    }

    [Fact]
    public void RequiredChecks_FailWhenNothingWasGiven()
    {
        var (_, result, _) = Run();
        var verification = new ReceiptVerifier(TrustStore.For(Key.PublicKey)).Verify(result.Receipt, new() { Require = RequiredChecks.Model | RequiredChecks.Replay });
        verification.Succeeded.ShouldBeFalse();
        verification.Checks.Where(c => !c.Passed).Select(c => c.Name).ShouldBe(["required:model", "required:replay"]);
        verification.NotChecked.ShouldContain("inputs");
    }

    [Fact]
    public void GivenInputsAndOutputs_MustBeTheReceiptsBitForBit()
    {
        var (_, result, inputs) = Run();
        var verifier = new ReceiptVerifier(TrustStore.For(Key.PublicKey));
        var changed = Tensors.AddMulInputs(a: [1f, 2, 3, 4.0000005f]);
        var failure = verifier.Verify(result.Receipt, new() { Inputs = changed }).FirstFailure!;
        failure.Name.ShouldBe(VerificationChecks.Inputs);
        failure.Detail.ShouldContain("'a'");
        verifier.Verify(result.Receipt, new() { Inputs = Tensors.Set(("a", inputs["a"])) }).FirstFailure!.Detail.ShouldContain("not the receipt's");
        verifier.Verify(result.Receipt, new() { Outputs = Tensors.Set(("sum", result.Value["product"]), ("product", result.Value["sum"])) }).FirstFailure!.Name.ShouldBe(VerificationChecks.Outputs);
    }

    [Fact]
    public void Replay_OfANondeterministicModel_IsAMismatch_OrWithinAGenerousTolerance()
    {
        using var model = VerifiedModel.FromBytes(TestModels.Random());
        var inputs = Tensors.Set(("x", TensorValue.Create(new[] { 1f, 2, 3, 4 }, 1, 4)));
        var result = model.Run(inputs, new InferenceOptions { Signer = Key });
        var verifier = new ReceiptVerifier(TrustStore.For(Key.PublicKey));

        var exact = verifier.Verify(result.Receipt, new() { Inputs = inputs, ReplayModel = model });
        exact.Succeeded.ShouldBeFalse();
        exact.Replay!.Verdict.ShouldBe(ReplayVerdict.Mismatch);
        exact.FirstFailure!.Detail.ShouldContain("claimed output values");

        var strict = verifier.Verify(result.Receipt, new() { Inputs = inputs, Outputs = result.Value, ReplayModel = model });
        strict.Replay!.Verdict.ShouldBe(ReplayVerdict.Mismatch);
        strict.FirstFailure!.Detail.ShouldStartWith("mismatch");

        var tolerant = verifier.Verify(result.Receipt, new() { Inputs = inputs, Outputs = result.Value, ReplayModel = model, Tolerance = new ReplayTolerance(1.0, 0) });
        tolerant.Succeeded.ShouldBeTrue(tolerant.ToString());
        tolerant.Replay!.Verdict.ShouldBe(ReplayVerdict.WithinTolerance);
        tolerant.Replay.LargestDeviation.ShouldBeGreaterThan(0);
        tolerant.Replay.LargestDeviation.ShouldBeLessThan(1);
    }

    [Fact]
    public void Replay_WithTheWrongModel_Fails()
    {
        var (_, result, inputs) = Run();
        using var other = VerifiedModel.FromBytes(TestModels.Tiny());
        var verification = new ReceiptVerifier(TrustStore.For(Key.PublicKey)).Verify(result.Receipt, new() { Inputs = inputs, ReplayModel = other });
        verification.Checks.Single(c => c.Name == VerificationChecks.Replay).Passed.ShouldBeFalse();
        verification.Checks.Single(c => c.Name == VerificationChecks.Model).Passed.ShouldBeFalse();
    }

    [Fact]
    public void Replay_ComparesIntegersExactly_AndNaNOnlyWithNaN()
    {
        var reference = Tensors.Set(("y", TensorValue.Create(new[] { float.NaN, float.PositiveInfinity, 1f }, 3)));
        var claimed = Tensors.Set(("y", TensorValue.Create(new[] { float.NaN, float.PositiveInfinity, 1.5f }, 3)));
        var receipt = Describe(claimed);
        ReplayComparer.Compare(receipt, reference, claimed, new ReplayTolerance(1, 0)).Verdict.ShouldBe(ReplayVerdict.WithinTolerance);
        var nanVersusNumber = Tensors.Set(("y", TensorValue.Create(new[] { 0f, float.PositiveInfinity, 1.5f }, 3)));
        ReplayComparer.Compare(Describe(nanVersusNumber), reference, nanVersusNumber, new ReplayTolerance(100, 100)).Verdict.ShouldBe(ReplayVerdict.Mismatch);
        var negativeInfinity = Tensors.Set(("y", TensorValue.Create(new[] { float.NaN, float.NegativeInfinity, 1f }, 3)));
        ReplayComparer.Compare(Describe(negativeInfinity), reference, negativeInfinity, new ReplayTolerance(100, 100)).Verdict.ShouldBe(ReplayVerdict.Mismatch);

        var ints = Tensors.Set(("y", TensorValue.Create(new[] { 1L, 2 }, 2)));
        var intsClaimed = Tensors.Set(("y", TensorValue.Create(new[] { 1L, 3 }, 2)));
        ReplayComparer.Compare(Describe(intsClaimed), ints, intsClaimed, new ReplayTolerance(100, 100)).Detail.ShouldContain("compared exactly");
        ReplayComparer.Compare(Describe(ints), ints, ints, ReplayTolerance.Exact).Verdict.ShouldBe(ReplayVerdict.Exact);
    }

    [Fact]
    public void Replay_ReportsWhenTheDecisionChanged()
    {
        var reference = Tensors.Set(("p", TensorValue.Create(new[] { 0.50f, 0.49f }, 2)));
        var claimed = Tensors.Set(("p", TensorValue.Create(new[] { 0.49f, 0.50f }, 2)));
        var result = ReplayComparer.Compare(Describe(claimed), reference, claimed, new ReplayTolerance(0.05, 0));
        result.Verdict.ShouldBe(ReplayVerdict.WithinTolerance);
        result.DecisionChanged.ShouldBe(true);
    }

    private static TensorSetDescriptor Describe(TensorSet set) => new()
    {
        Digest = new Dictionary<string, string> { [TensorDigest.TensorSetDigestKey] = TensorDigest.ComputeSet(set).ToHex() },
        Tensors = [.. set.Select(t => new TensorDescriptor
        {
            Name = t.Key,
            ElementType = ElementTypes.ToOnnxName(t.Value.ElementType),
            Shape = [.. t.Value.Shape],
            Digest = new Dictionary<string, string> { [TensorDigest.TensorDigestKey] = TensorDigest.Compute(t.Value).ToHex() },
        })],
    };

    [Fact]
    public void InconsistentStatements_SignedByATrustedKey_StillFail()
    {
        var (_, result, _) = Run();
        var statement = JsonNode.Parse(result.Receipt.Envelope.Payload)!;
        var verifier = new ReceiptVerifier(TrustStore.For(Key.PublicKey));

        VerificationCheck Resign(Action<JsonNode> change)
        {
            var copy = statement.DeepClone();
            change(copy);
            var envelope = DsseEnvelope.Sign(Receipt.PayloadType, Encoding.UTF8.GetBytes(copy.ToJsonString()), Key);
            return verifier.Verify(envelope.ToJson()).FirstFailure!;
        }

        Resign(s => s["predicate"]!["outputs"]!["tensors"]![0]!["digest"]!["openverify-tensor-v1"] = new string('a', 64)).Name.ShouldBe(VerificationChecks.OutputSet);
        Resign(s => s["predicate"]!["inputs"]!["tensors"]![1]!["name"] = "a").Detail.ShouldContain("appears twice");
        Resign(s => s["subject"]![0]!["digest"]!["openverify-tensor-set-v1"] = new string('b', 64)).Name.ShouldBe(VerificationChecks.Subject);
        Resign(s => s["predicate"]!["session"]!["config"] = "execution_mode=parallel\n").Name.ShouldBe(VerificationChecks.SessionConfig);
        Resign(s => s["predicateType"] = "https://example.com/other").Detail.ShouldContain("predicateType");
        Resign(s => s["predicate"]!["model"]!["digest"]!["sha256"] = "ABC").Name.ShouldBe(VerificationChecks.ModelDigest);
        Resign(s => s.AsObject().Remove("subject")).Detail.ShouldContain("subject");
        Resign(s => s["predicate"]!["extra"] = 1).Name.ShouldBe(VerificationChecks.Statement);
    }

    [Fact]
    public void OtherPayloadTypes_AreNotReceipts()
    {
        var envelope = DsseEnvelope.Sign("application/vnd.in-toto+json", "{}"u8.ToArray(), Key);
        var failure = new ReceiptVerifier(TrustStore.For(Key.PublicKey)).Verify(envelope.ToJson()).FirstFailure!;
        failure.Name.ShouldBe(VerificationChecks.PayloadType);
    }

    [Fact]
    public void MalformedJson_IsAFailedEnvelopeCheck_NotAnException()
    {
        var result = new ReceiptVerifier(TrustStore.For(Key.PublicKey)).Verify("{not json");
        result.Succeeded.ShouldBeFalse();
        result.FirstFailure!.Name.ShouldBe(VerificationChecks.Envelope);
        result.ToString().ShouldContain("NOT VERIFIED");
    }

    [Fact]
    public void EmptyTrustStore_FailsClosed()
    {
        var (_, result, _) = Run();
        new ReceiptVerifier(new TrustStore()).Verify(result.Receipt).FirstFailure!.Detail.ShouldContain("no keys");
    }

    [Fact]
    public void P256Receipts_Verify()
    {
        using var ecdsa = SigningKey.Generate(KeyAlgorithm.EcdsaP256);
        var (_, result, inputs) = Run(ecdsa);
        var verification = new ReceiptVerifier(TrustStore.For(ecdsa.PublicKey)).Verify(Receipt.Parse(result.Receipt.ToJson()), new() { Inputs = inputs });
        verification.Succeeded.ShouldBeTrue(verification.ToString());
        verification.SignerKeyId.ShouldBe(ecdsa.KeyId);
    }

    [Fact]
    public void ReceiptIdentity_IsThePayloadDigest()
    {
        var (_, result, _) = Run();
        result.Receipt.Id.ShouldBe(Sha256Digest.Compute(result.Receipt.Envelope.Payload));
        Receipt.Parse(result.Receipt.ToJson()).Id.ShouldBe(result.Receipt.Id);
    }
}
