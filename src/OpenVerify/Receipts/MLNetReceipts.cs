using System.Globalization;
using System.Text.Json;
using OpenVerify.Batching;

namespace OpenVerify;

/// <summary>
/// The ML.NET prediction receipt kind (docs/spec/mlnet-v1.md): its DSSE payload type, its in-toto predicate type and
/// the model format it names. They differ from the ONNX inference kind's (<see cref="Receipt.PayloadType"/>,
/// <see cref="Receipt.PredicateType"/>), so one kind can never be read as the other. <see cref="ReceiptVerifier"/>
/// verifies both.
/// </summary>
public static class MLNetReceipts
{
    /// <summary>The DSSE payload type of ML.NET prediction receipts.</summary>
    public const string PayloadType = "application/vnd.in-toto.openverify-mlnet+json";

    /// <summary>The in-toto predicate type of ML.NET prediction receipts.</summary>
    public const string PredicateType = "https://openverify.dev/attestation/mlnet-prediction/v1";

    /// <summary>The model format an ML.NET receipt names: an ML.NET model <c>.zip</c> as <c>MLContext.Model.Save</c>
    /// writes it.</summary>
    public const string ModelFormat = "mlnet-zip";

    /// <summary>
    /// Parses an ML.NET statement without checking any signature. For display and debugging only; never base a decision
    /// on it (verify the receipt and read <see cref="VerificationResult.MLNetStatement"/>).
    /// </summary>
    /// <exception cref="ReceiptFormatException">The receipt is not an ML.NET receipt, or its statement is malformed.</exception>
    public static MLNetStatement ReadStatementUnverified(Receipt receipt)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        if (receipt.Envelope.PayloadType != PayloadType)
        {
            throw new ReceiptFormatException($"The receipt's payload type is '{receipt.Envelope.PayloadType}', not '{PayloadType}'.");
        }

        return ParseStatement(receipt.Envelope.Payload);
    }

    /// <summary>Parses and checks the form of an ML.NET statement (docs/spec/mlnet-v1.md §4).</summary>
    internal static MLNetStatement ParseStatement(byte[] payload)
    {
        MLNetStatement? statement;
        try
        {
            statement = JsonSerializer.Deserialize(payload, OpenVerifyJsonContext.Strict.MLNetStatement);
        }
        catch (JsonException e)
        {
            throw new ReceiptFormatException($"The receipt's statement is malformed: {DsseEnvelope.DescribeJsonError(e)}", e);
        }

        if (statement is null)
        {
            throw new ReceiptFormatException("The receipt's statement is JSON null.");
        }

        if (statement.Type != InferenceStatement.StatementType)
        {
            throw new ReceiptFormatException($"The statement's _type is '{statement.Type}', expected '{InferenceStatement.StatementType}'.");
        }

        if (statement.PredicateType != PredicateType)
        {
            throw new ReceiptFormatException($"The statement's predicateType is '{statement.PredicateType}', expected '{PredicateType}'.");
        }

        if (FindFormError(statement) is { } error)
        {
            throw new ReceiptFormatException($"The receipt's statement is malformed: {error}.");
        }

        return statement;
    }

    private static string? FindFormError(MLNetStatement statement)
    {
        static bool HasNullValue(IReadOnlyDictionary<string, string>? set) => set is not null && set.Values.Any(v => v is null);

        var predicate = statement.Predicate;
        if (statement.Subject.Any(s => s is null || HasNullValue(s.Digest)))
        {
            return "$.subject or one of its digests is null";
        }

        if (HasNullValue(predicate.Model.Digest) || HasNullValue(predicate.Model.SignatureDigest))
        {
            return "a digest of $.predicate.model is null";
        }

        foreach (var (name, set) in new[] { ("inputs", predicate.Inputs), ("outputs", predicate.Outputs) })
        {
            if (HasNullValue(set.Digest) || set.Tensors.Any(t => t is null || HasNullValue(t.Digest)))
            {
                return $"$.predicate.{name} holds a null tensor or digest";
            }
        }

        if (predicate.Model.Format != ModelFormat)
        {
            return $"$.predicate.model.format is '{predicate.Model.Format}', expected '{ModelFormat}'";
        }

        if (predicate.Runtime.MLNet.Length == 0)
        {
            return "$.predicate.runtime.mlNet is empty";
        }

        return Receipt.FindFormError(predicate.Model.PublisherKeyId, predicate.Model.SignatureDigest, predicate.Instance, predicate.Sequence, predicate.Timestamp);
    }

}

/// <summary>
/// Writes ML.NET prediction receipts for one model: it turns an input row and an output row (as named tensor sets) into
/// a signed statement, counting the sequence per model. Integration packages (OpenVerify.ML) use it; thread-safe.
/// </summary>
public sealed class MLNetReceiptWriter
{
    private readonly StatementWriter _writer;
    private long _sequence;

    /// <summary>Creates a writer for a model.</summary>
    /// <param name="modelName">The model's name in receipts (its file name or project-relative path).</param>
    /// <param name="modelDigest">The SHA-256 of the model <c>.zip</c> bytes that were loaded.</param>
    /// <param name="mlNetVersion">The ML.NET version that runs the model.</param>
    /// <param name="signatureDigest">The digest of the model's verified signature bundle, if one was verified.</param>
    /// <param name="publisherKeyId">The key id of the publisher whose signature verified, if one did.</param>
    public MLNetReceiptWriter(string modelName, Sha256Digest modelDigest, string mlNetVersion, Sha256Digest? signatureDigest = null, string? publisherKeyId = null)
    {
        ArgumentNullException.ThrowIfNull(modelName);
        ArgumentException.ThrowIfNullOrEmpty(mlNetVersion);
        ModelDigest = modelDigest;
        var model = new MLNetModelDescriptor
        {
            Name = modelName,
            Format = MLNetReceipts.ModelFormat,
            Digest = DigestSets.Sha256(modelDigest),
            SignatureDigest = signatureDigest is { } sig ? DigestSets.Sha256(sig) : null,
            PublisherKeyId = publisherKeyId,
        };
        var facts = RuntimeFacts.Descriptor;
        var runtime = new MLNetRuntimeDescriptor
        {
            MLNet = mlNetVersion,
            Os = facts.Os,
            Architecture = facts.Architecture,
            Framework = facts.Framework,
            OpenVerify = facts.OpenVerify,
        };

        // The model and runtime parts are serialized once here; each prediction writes only what varies.
        _writer = new StatementWriter(model, runtime, RuntimeFacts.Instance);
    }

    /// <summary>When set, the time every receipt records instead of the clock's (for tests).</summary>
    internal DateTime? FixedClock { get; set; }

    /// <summary>The model digest receipts name.</summary>
    public Sha256Digest ModelDigest { get; }

    /// <summary>Builds the statement for one prediction and signs it.</summary>
    /// <exception cref="TensorEncodingException">A tensor cannot be encoded (for example a string with a lone surrogate).</exception>
    /// <exception cref="SignerNotConfiguredException">No signer is given or configured.</exception>
    public Receipt Sign(TensorSet inputs, TensorSet outputs, InferenceOptions? options = null)
    {
        var signer = options?.Signer ?? OpenVerifyRuntime.ResolveSigner();
        var payload = Build(inputs, outputs, options);
        return new Receipt(DsseEnvelope.Sign(MLNetReceipts.PayloadType, payload, signer), null);
    }

    /// <summary>Builds the statement for one prediction and signs it in a Merkle batch (see <see cref="BatchingSigner"/>).</summary>
    public Task<Receipt> SignAsync(TensorSet inputs, TensorSet outputs, BatchingSigner batchingSigner, InferenceOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(batchingSigner);
        var payload = Build(inputs, outputs, options);
        return batchingSigner.SignOwnedAsync(MLNetReceipts.PayloadType, payload);
    }

    /// <summary>Builds one statement per row and signs them all as one Merkle batch (one root signature).</summary>
    public IReadOnlyList<Receipt> SignBatch(IReadOnlyList<(TensorSet Inputs, TensorSet Outputs)> rows, ISigner signer, InferenceOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(signer);
        var payloads = rows.Select(r => Build(r.Inputs, r.Outputs, options)).ToList();
        return BatchingSigner.SignBatch(signer, MLNetReceipts.PayloadType, payloads);
    }

    /// <summary>The statement's bytes, written without the object graph or the serializer (the same bytes the
    /// serializer wrote for the same statement; tests hold it as the reference).</summary>
    private byte[] Build(TensorSet inputs, TensorSet outputs, InferenceOptions? options)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(outputs);
        var (outputTensors, outputSet) = StatementWriter.Describe(outputs);
        var (inputTensors, inputSet) = StatementWriter.Describe(inputs);
        return _writer.Write(
            inputTensors, inputSet, outputTensors, outputSet,
            options?.Method, Interlocked.Increment(ref _sequence), FixedClock ?? DateTime.UtcNow, options?.Nonce, options?.Audience).ToArray();
    }
}

/// <summary>
/// A model that can replay a receipt of one kind: <see cref="ReceiptVerifier"/> runs it on the receipt's inputs and
/// compares with the receipt's outputs (<see cref="ReceiptVerificationOptions.Replayer"/>). The runtime cannot see the
/// integration packages; they implement this (OpenVerify.ML's <c>VerifiedMLModel</c> replays ML.NET receipts).
/// </summary>
public interface IReceiptReplayer
{
    /// <summary>The DSSE payload type of the receipts this model replays (for example <see cref="MLNetReceipts.PayloadType"/>).</summary>
    string PayloadType { get; }

    /// <summary>The SHA-256 of the model file's bytes.</summary>
    Sha256Digest Digest { get; }

    /// <summary>Runs the model on the inputs, without a receipt, and returns the outputs named as receipts name them.</summary>
    /// <param name="inputs">The receipt's inputs.</param>
    /// <param name="outputNames">The output names the receipt lists.</param>
    TensorSet Replay(TensorSet inputs, IReadOnlyCollection<string> outputNames);
}
