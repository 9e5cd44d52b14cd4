using System.Text;
using System.Text.Json.Nodes;
using CsCheck;
using OpenVerify.Batching;

namespace OpenVerify.Tests.Receipts;

/// <summary>
/// The verifier's fast path (the statement read with <see cref="StatementReader"/>) against the strict path alone
/// (<see cref="ReceiptVerifier.StrictOnly"/>): for signed and batched receipts over generated and mutated statements,
/// and with every option the fast path takes (expected model, nonce, audience, required checks, scoped keys), both
/// report the same checks (name, outcome, detail, expected, actual), the same checks not made, the same signer and the
/// same statement.
/// </summary>
public class FastVerificationEquivalenceTests
{
    private static readonly SigningKey Key = SigningKey.Generate();

    [Fact]
    public void SignedGeneratedAndMutatedStatements_VerifyAlikeOnBothPaths()
    {
        var trust = TrustStore.For(Key.PublicKey);
        Gen.OneOf(StatementGen.Statements, StatementGen.Mutated).Sample(payload =>
        {
            var receipt = new Receipt(DsseEnvelope.Sign(Receipt.PayloadType, payload, Key), null);
            return Same(trust, receipt, new ReceiptVerificationOptions());
        }, iter: 1500);
    }

    [Fact]
    public void RealReceipts_WithEveryOptionTheFastPathTakes_VerifyAlikeOnBothPaths()
    {
        using var model = VerifiedModel.FromBytes(OpenVerify.Testing.TestModels.Tiny());
        var inputs = Tensors.Set(("x", TensorValue.Create(new float[8], 1, 8)));
        var single = model.Run(inputs, new InferenceOptions { Signer = Key, Nonce = "n-1", Audience = "aud é 😀" }).Receipt;
        var batched = BatchingSigner.SignBatch(Key, [single.Envelope.Payload, model.Run(inputs, new InferenceOptions { Signer = Key }).Receipt.Envelope.Payload]);
        var other = Sha256Digest.Compute([1, 2, 3]);
        var stores = new[]
        {
            TrustStore.For(Key.PublicKey),
            new TrustStore().Add(Key.PublicKey, KeyRole.ReceiptSigner, [model.Digest.ToString()]),
            new TrustStore().Add(Key.PublicKey, KeyRole.ReceiptSigner, [other.ToString()]),
            new TrustStore().Add(Key.PublicKey, KeyRole.ReceiptSigner, ["models/**"]),
        };
        var options = new[]
        {
            new ReceiptVerificationOptions(),
            new ReceiptVerificationOptions { ExpectedModelDigest = model.Digest, ExpectedNonce = "n-1", ExpectedAudience = "aud é 😀" },
            new ReceiptVerificationOptions { ExpectedModelDigest = other, ExpectedNonce = "n-2", ExpectedAudience = "aud" },
            new ReceiptVerificationOptions { Require = RequiredChecks.Model | RequiredChecks.Inputs | RequiredChecks.Replay },
            new ReceiptVerificationOptions { ExpectedModelDigest = model.Digest, ModelPath = "models/tiny.onnx" },
        };
        foreach (var trust in stores)
        {
            foreach (var option in options)
            {
                foreach (var receipt in batched.Prepend(single))
                {
                    Same(trust, receipt, option).ShouldBeTrue();
                }
            }
        }

        new ReceiptVerifier(stores[0]).Verify(single).Succeeded.ShouldBeTrue();
    }

    [Fact]
    public void TheStatementOfAResult_IsTheVerifiedBytes_EvenWhenTheCallerChangesItsArrayAfterwards()
    {
        using var model = VerifiedModel.FromBytes(OpenVerify.Testing.TestModels.Tiny());
        var receipt = model.Run(Tensors.Set(("x", TensorValue.Create(new float[8], 1, 8))), new InferenceOptions { Signer = Key, Nonce = "before" }).Receipt;
        var parsed = Receipt.Parse(receipt.ToJson());
        var result = new ReceiptVerifier(TrustStore.For(Key.PublicKey)).Verify(parsed);
        result.Succeeded.ShouldBeTrue();

        // The same length, another nonce: were the result reading the caller's array, it would see this.
        var text = Encoding.UTF8.GetString(parsed.Envelope.Payload).Replace("\"before\"", "\"after!\"", StringComparison.Ordinal);
        Encoding.UTF8.GetBytes(text).CopyTo(parsed.Envelope.Payload, 0);
        result.Statement!.Predicate.Nonce.ShouldBe("before");
    }

    [Theory]
    [InlineData(600, 0)]
    [InlineData(0, 300)]
    public void LargeStatements_WithManySubjectsOrTensors_VerifyAlikeOnBothPaths(int subjects, int tensors)
    {
        // A digest is kept both as hex and decoded, so a statement of many digests needs more scratch than its length;
        // a set of many tensors is sorted by name before its digest is recomputed.
        using var model = VerifiedModel.FromBytes(OpenVerify.Testing.TestModels.Tiny());
        var receipt = model.Run(Tensors.Set(("x", TensorValue.Create(new float[8], 1, 8))), new InferenceOptions { Signer = Key }).Receipt;
        var statement = JsonNode.Parse(receipt.Envelope.Payload)!;
        var subject = statement["subject"]!.AsArray();
        for (var i = 0; i < subjects; i++)
        {
            subject.Add(subject[0]!.DeepClone());
        }

        if (tensors > 0)
        {
            var outputs = statement["predicate"]!["outputs"]!;
            var list = outputs["tensors"]!.AsArray();
            var template = list[0]!.DeepClone();
            var digest = Sha256Digest.Parse(template["digest"]!["openverify-tensor-v1"]!.GetValue<string>());
            list.Clear();
            var named = new List<KeyValuePair<string, Sha256Digest>>();
            for (var i = tensors; i > 0; i--)
            {
                var tensor = template.DeepClone();
                tensor["name"] = $"y{i:D4}";
                list.Add(tensor);
                named.Add(new($"y{i:D4}", digest));
            }

            var set = TensorDigest.ComputeSet(named).ToHex();
            outputs["digest"]!["openverify-tensor-set-v1"] = set;
            statement["subject"]![0]!["digest"]!["openverify-tensor-set-v1"] = set;
        }

        var payload = Encoding.UTF8.GetBytes(statement.ToJsonString());
        var signed = new Receipt(DsseEnvelope.Sign(Receipt.PayloadType, payload, Key), null);
        Same(TrustStore.For(Key.PublicKey), signed, new ReceiptVerificationOptions()).ShouldBeTrue();
        if (subjects == 0)
        {
            new ReceiptVerifier(TrustStore.For(Key.PublicKey)).Verify(signed).Succeeded.ShouldBeTrue();
        }
    }

    private static bool Same(TrustStore trust, Receipt receipt, ReceiptVerificationOptions options)
    {
        var fast = new ReceiptVerifier(trust).Verify(receipt, options);
        var strict = new ReceiptVerifier(trust) { StrictOnly = true }.Verify(receipt, options);
        fast.Checks.ShouldBe(strict.Checks);
        fast.NotChecked.ShouldBe(strict.NotChecked);
        fast.SignerKeyId.ShouldBe(strict.SignerKeyId);
        fast.Succeeded.ShouldBe(strict.Succeeded);
        (fast.Statement is null ? null : Receipt.SerializeStatement(fast.Statement)).ShouldBe(strict.Statement is null ? null : Receipt.SerializeStatement(strict.Statement));
        return true;
    }
}
