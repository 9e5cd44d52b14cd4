using System.Globalization;

namespace OpenVerify;

/// <summary>The ML.NET statement of a verified ML.NET receipt.</summary>
public sealed partial class VerificationResult
{
    /// <summary>The ML.NET prediction statement, when the receipt is an ML.NET receipt whose signature verified; null
    /// otherwise (ONNX inference receipts fill <see cref="Statement"/> instead).</summary>
    public MLNetStatement? MLNetStatement { get; private init; }

    internal static VerificationResult ForMLNet(IReadOnlyList<VerificationCheck> checks, IReadOnlyList<string> notChecked, MLNetStatement? statement, string? signerKeyId, ReplayResult? replay) =>
        new(checks, notChecked, null, signerKeyId, replay) { MLNetStatement = statement };
}

/// <summary>
/// Verification of ML.NET prediction receipts (docs/spec/mlnet-v1.md §5). The same checks as an inference receipt, in the
/// same order, except the session configuration (ML.NET has none) and with the model format; replay runs through an
/// <see cref="IReceiptReplayer"/> for ML.NET receipts, never an ONNX model.
/// </summary>
public sealed partial class ReceiptVerifier
{
    private VerificationResult VerifyMLNet(Receipt receipt, ReceiptVerificationOptions options)
    {
        var checks = new List<VerificationCheck>();
        var notChecked = new List<string>();
        VerificationResult Done(MLNetStatement? statement = null, string? signer = null, ReplayResult? replay = null) =>
            VerificationResult.ForMLNet(checks, notChecked, statement, signer, replay);

        var envelope = receipt.Envelope;
        checks.Add(new(VerificationChecks.PayloadType, true, MLNetReceipts.PayloadType));
        var signer = VerifySignature(envelope, checks);
        if (signer is null)
        {
            return Done();
        }

        MLNetStatement statement;
        try
        {
            statement = MLNetReceipts.ParseStatement(envelope.Payload);
            checks.Add(new(VerificationChecks.Statement, true, "in-toto Statement v1 with the OpenVerify ML.NET prediction predicate"));
        }
        catch (ReceiptFormatException e)
        {
            checks.Add(new(VerificationChecks.Statement, false, e.Message));
            return Done(signer: signer.Key.KeyId);
        }

        var predicate = statement.Predicate;
        var consistent = true;
        if (!DigestSets.TryRead(predicate.Model.Digest, "sha256", out var modelDigest, out var digestError))
        {
            checks.Add(new(VerificationChecks.ModelDigest, false, $"The receipt's model digest is malformed: {digestError}."));
            consistent = false;
        }

        var inputSet = RecomputeSet(VerificationChecks.InputSet, predicate.Inputs, checks);
        var outputSet = RecomputeSet(VerificationChecks.OutputSet, predicate.Outputs, checks);
        consistent &= inputSet is not null && outputSet is not null;
        if (outputSet is { } outDigest)
        {
            var subjectOk = statement.Subject.Count == 1 && statement.Subject[0].Name == Receipt.SubjectName && DigestSets.TryRead(statement.Subject[0].Digest, TensorDigest.TensorSetDigestKey, out var subject, out _) && subject == outDigest;
            checks.Add(new(VerificationChecks.Subject, subjectOk, subjectOk ? "the subject is the output set" : "The statement's subject is not exactly the output set digest.", outDigest.ToHex(), string.Join(";", statement.Subject.SelectMany(s => s.Digest.Values))));
            consistent &= subjectOk;
        }

        // The scope and model checks see the replay model's digest as the expected one, as for ONNX receipts.
        var replayer = options.Replayer;
        var expectedModel = options.ExpectedModelDigest ?? (replayer?.PayloadType == MLNetReceipts.PayloadType ? replayer.Digest : null);
        if (consistent)
        {
            checks.Add(CheckScope(signer, predicate.Model.Name, modelDigest, new ReceiptVerificationOptions { ExpectedModelDigest = expectedModel, ModelPath = options.ModelPath }));
        }

        if (expectedModel is { } expected)
        {
            checks.Add(consistent && modelDigest == expected
                ? new(VerificationChecks.Model, true, $"the receipt names model {expected} ({MLNetReceipts.ModelFormat})")
                : new(VerificationChecks.Model, false, "The receipt names another model.", expected.ToString(), consistent ? modelDigest.ToString() : "(unreadable)"));
        }
        else
        {
            notChecked.Add(VerificationChecks.Model);
        }

        var inputs = options.Inputs is null ? null : options.Inputs as TensorSet ?? TryBuildSet(options.Inputs, VerificationChecks.Inputs, checks);
        var outputs = options.Outputs is null ? null : options.Outputs as TensorSet ?? TryBuildSet(options.Outputs, VerificationChecks.Outputs, checks);
        CompareTensors(VerificationChecks.Inputs, predicate.Inputs, inputs, options.Inputs is not null, checks, notChecked);
        CompareTensors(VerificationChecks.Outputs, predicate.Outputs, outputs, options.Outputs is not null, checks, notChecked);
        CompareText(VerificationChecks.Nonce, options.ExpectedNonce, predicate.Nonce, checks, notChecked);
        CompareText(VerificationChecks.Audience, options.ExpectedAudience, predicate.Audience, checks, notChecked);

        ReplayResult? replay = null;
        if (options.ReplayModel is not null)
        {
            checks.Add(new(VerificationChecks.Replay, false, "The replay model is an ONNX model; an ML.NET receipt replays only through an ML.NET model (OpenVerify.ML's VerifiedMLModel)."));
        }
        else if (replayer is not null)
        {
            replay = ReplayMLNet(replayer, modelDigest, consistent, predicate, inputs, outputs, options.Tolerance, checks);
        }
        else
        {
            notChecked.Add(VerificationChecks.Replay);
        }

        AddRequiredChecks(options, checks, notChecked);
        return Done(statement, signer.Key.KeyId, replay);
    }

    private static void AddRequiredChecks(ReceiptVerificationOptions options, List<VerificationCheck> checks, List<string> notChecked)
    {
        foreach (var (flag, name) in new[] { (RequiredChecks.Model, VerificationChecks.Model), (RequiredChecks.Inputs, VerificationChecks.Inputs), (RequiredChecks.Outputs, VerificationChecks.Outputs), (RequiredChecks.Replay, VerificationChecks.Replay) })
        {
            if (options.Require.HasFlag(flag) && notChecked.Contains(name))
            {
                checks.Add(new(VerificationChecks.Required(name), false, $"The {name} check is required but nothing was given to check against."));
            }
        }
    }

    /// <summary>A replay model of another receipt kind is refused, never run: one kind is never read as another.</summary>
    private static VerificationCheck ReplayerOfAnotherKind(IReceiptReplayer replayer, string payloadType) =>
        new(VerificationChecks.Replay, false, $"The replay model replays '{replayer.PayloadType}' receipts, not '{payloadType}' receipts.", payloadType, replayer.PayloadType);

    private static ReplayResult? ReplayMLNet(IReceiptReplayer replayer, Sha256Digest named, bool consistent, MLNetPredicate predicate, TensorSet? inputs, TensorSet? claimedOutputs, ReplayTolerance tolerance, List<VerificationCheck> checks)
    {
        if (replayer.PayloadType != MLNetReceipts.PayloadType)
        {
            checks.Add(ReplayerOfAnotherKind(replayer, MLNetReceipts.PayloadType));
            return null;
        }

        if (inputs is null)
        {
            checks.Add(new(VerificationChecks.Replay, false, "Replay needs the inputs; none (or unusable ones) were given."));
            return null;
        }

        if (!consistent || named != replayer.Digest)
        {
            checks.Add(new(VerificationChecks.Replay, false, "The replay model is not the model the receipt names.", consistent ? named.ToString() : "(unreadable)", replayer.Digest.ToString()));
            return null;
        }

        TensorSet replayed;
        try
        {
            replayed = replayer.Replay(inputs, [.. predicate.Outputs.Tensors.Select(t => t.Name)]);
        }
        catch (OpenVerifyException e)
        {
            checks.Add(new(VerificationChecks.Replay, false, $"The replay could not run: {e.Message}"));
            return null;
        }

        var result = ReplayComparer.Compare(predicate.Outputs, replayed, claimedOutputs, tolerance);
        var detail = result.Verdict switch
        {
            ReplayVerdict.Exact => "the replayed outputs equal the receipt's bit for bit",
            ReplayVerdict.WithinTolerance => string.Create(CultureInfo.InvariantCulture, $"within tolerance (atol {tolerance.Absolute}, rtol {tolerance.Relative}); largest deviation {result.LargestDeviation:G6}"),
            _ => result.Detail,
        };
        checks.Add(new(VerificationChecks.Replay, result.Verdict != ReplayVerdict.Mismatch, $"{VerdictText(result.Verdict)}: {detail}"));
        return result;
    }
}
