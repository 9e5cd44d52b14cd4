using System.Collections.Concurrent;

namespace OpenVerify.ML.Tests;

/// <summary>
/// For every trainer and pipeline (SDCA and FastTree binary classifiers, an SDCA multiclass classifier, FastTree and SDCA
/// regressions, a FeaturizeText pipeline) trained on real data: receipts verify, replay through a separately loaded copy
/// of the model is exact (bit-reproducible on this platform), changed inputs, outputs and models are refused, and eight
/// threads keep receipts unique and valid.
/// </summary>
public sealed class VerifiedPredictionTests
{
    public static IEnumerable<object[]> Models => TrainedModels.Names.Select(n => new object[] { n });

    [SkippableTheory]
    [MemberData(nameof(Models))]
    public void Receipts_verify_and_replay_exactly(string name)
    {
        using var harness = Harness.Create(name);
        var replayer = Harness.Load(harness.Trained);
        foreach (var row in harness.Rows.Take(12))
        {
            var (value, receipt) = harness.Predict(row, new InferenceOptions { Signer = Harness.Key, Nonce = "n-1", Audience = "tests" });
            receipt.Envelope.PayloadType.ShouldBe(MLNetReceipts.PayloadType);
            var result = Harness.Verifier.Verify(receipt.ToJson(), new ReceiptVerificationOptions
            {
                Inputs = harness.Inputs(row),
                Outputs = harness.Outputs(value),
                Replayer = replayer,
                ExpectedNonce = "n-1",
                ExpectedAudience = "tests",
                Require = RequiredChecks.Model | RequiredChecks.Inputs | RequiredChecks.Outputs | RequiredChecks.Replay,
            });
            result.Succeeded.ShouldBeTrue(string.Join("\n", result.Checks));
            result.Replay!.Verdict.ShouldBe(ReplayVerdict.Exact);
            result.Statement.ShouldBeNull();
            var statement = result.MLNetStatement.ShouldNotBeNull();
            statement.Predicate.Model.Format.ShouldBe(MLNetReceipts.ModelFormat);
            statement.Predicate.Model.Digest["sha256"].ShouldBe(harness.Model.Digest.ToHex());
            statement.Predicate.Runtime.MLNet.ShouldBe("5.0.1");
        }
    }

    [SkippableTheory]
    [MemberData(nameof(Models))]
    public void Changed_inputs_outputs_and_models_are_refused(string name)
    {
        using var harness = Harness.Create(name);
        var replayer = Harness.Load(harness.Trained);
        var (row, other) = (harness.Rows[0], harness.Rows.Skip(1).First(r => !harness.Inputs(r).Values.Select(TensorDigest.Compute).SequenceEqual(harness.Inputs(harness.Rows[0]).Values.Select(TensorDigest.Compute))));
        var (value, receipt) = harness.Predict(row);

        // Another input row: the inputs check fails, and so does the replay (the model answers the other row differently).
        var changedInput = Harness.Verifier.Verify(receipt, new ReceiptVerificationOptions { Inputs = harness.Inputs(other), Replayer = replayer });
        changedInput.Succeeded.ShouldBeFalse();
        changedInput.Checks.ShouldContain(c => c.Name == VerificationChecks.Inputs && !c.Passed);

        // A changed output value.
        var outputs = harness.Outputs(value);
        var changedOutput = Harness.Verifier.Verify(receipt, new ReceiptVerificationOptions { Outputs = Alter(outputs) });
        changedOutput.Checks.ShouldContain(c => c.Name == VerificationChecks.Outputs && !c.Passed);

        // Another model: the receipt names this one, so neither the digest check nor a replay through the other passes.
        var otherName = TrainedModels.Names.First(n => n != name);
        var otherModel = Harness.Load(TrainedModels.Get(otherName));
        var changedModel = Harness.Verifier.Verify(receipt, new ReceiptVerificationOptions { Inputs = harness.Inputs(row), Replayer = otherModel });
        changedModel.Checks.ShouldContain(c => c.Name == VerificationChecks.Model && !c.Passed);
        changedModel.Checks.ShouldContain(c => c.Name == VerificationChecks.Replay && !c.Passed);

        // A changed model file is refused at load when its digest is pinned.
        var tampered = (byte[])harness.Trained.Zip.Clone();
        tampered[^30] ^= 1;
        Should.Throw<ModelDigestMismatchException>(() => VerifiedMLModel.FromBytes(new Microsoft.ML.MLContext(), tampered, "m.zip", harness.Model.Digest));

        // A changed payload no longer verifies.
        var payload = (byte[])receipt.Envelope.Payload.Clone();
        payload[payload.Length / 2] ^= 1;
        var forged = Receipt.Parse(new DsseEnvelope(receipt.Envelope.PayloadType, payload, receipt.Envelope.Signatures).ToJson());
        Harness.Verifier.Verify(forged.ToJson()).Checks.ShouldContain(c => c.Name == VerificationChecks.Signature && !c.Passed);
    }

    [SkippableTheory]
    [MemberData(nameof(Models))]
    public void Eight_threads_keep_receipts_unique_and_valid(string name)
    {
        using var harness = Harness.Create(name);
        var receipts = new ConcurrentBag<(object Row, object Value, Receipt Receipt)>();
        Parallel.For(0, 8, new ParallelOptions { MaxDegreeOfParallelism = 8 }, thread =>
        {
            for (var i = 0; i < 12; i++)
            {
                var row = harness.Rows[(thread * 12 + i) % harness.Rows.Length];
                var (value, receipt) = harness.PoolPredict(row);
                receipts.Add((row, value, receipt));
            }
        });

        receipts.Count.ShouldBe(96);
        receipts.Select(r => r.Receipt.Id).Distinct().Count().ShouldBe(96);
        var sequences = new HashSet<long>();
        foreach (var (row, value, receipt) in receipts)
        {
            var result = Harness.Verifier.Verify(receipt.ToJson(), new ReceiptVerificationOptions { Inputs = harness.Inputs(row), Outputs = harness.Outputs(value) });
            result.Succeeded.ShouldBeTrue(string.Join("\n", result.Checks));
            sequences.Add(result.MLNetStatement!.Predicate.Sequence).ShouldBeTrue();
        }
    }

    /// <summary>The first element of the first numeric or string output, changed.</summary>
    internal static TensorSet Alter(TensorSet outputs)
    {
        var altered = outputs.ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal);
        var (name, tensor) = outputs.First(t => t.Value is TensorValue<float> or StringTensorValue or TensorValue<bool> or TensorValue<uint>);
        altered[name] = tensor switch
        {
            TensorValue<float> f => TensorValue.Create(f.ToArray().Select((v, i) => i == 0 ? v + 1 : v).ToArray(), [.. f.Shape]),
            TensorValue<bool> b => TensorValue.Create(b.ToArray().Select((v, i) => i == 0 ? !v : v).ToArray(), [.. b.Shape]),
            TensorValue<uint> u => TensorValue.Create(u.ToArray().Select((v, i) => i == 0 ? v + 1 : v).ToArray(), [.. u.Shape]),
            StringTensorValue s => TensorValue.CreateStrings(s.Values.Select((v, i) => i == 0 ? v + "!" : v).ToArray(), [.. s.Shape]),
            _ => throw new InvalidOperationException(),
        };
        return new TensorSet(altered);
    }
}
