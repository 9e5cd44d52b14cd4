using OpenVerify.Batching;

namespace OpenVerify;

/// <summary>Attested inference with Merkle-batched receipts.</summary>
public static class BatchedInference
{
    /// <summary>
    /// Runs the model like <see cref="VerifiedModel.Run"/>, but signs the receipt in a Merkle batch: the task completes
    /// when the batch's root is signed (see <see cref="BatchingSigner"/>), with a receipt that carries its inclusion
    /// proof instead of a signature of its own. <see cref="InferenceOptions.Signer"/> is not used. Do not release the
    /// result before the task completes: until then it was never acknowledged. Input memory must not change while the
    /// model runs (until this method returns its task).
    /// </summary>
    /// <exception cref="ModelInputException">An input is unknown, missing, or of the wrong type or shape.</exception>
    /// <exception cref="InferenceFailedException">ONNX Runtime failed.</exception>
    public static Task<Attested<TensorSet>> RunAsync(
        this VerifiedModel model, IEnumerable<KeyValuePair<string, TensorValue>> inputs, BatchingSigner batchingSigner, InferenceOptions? options = null)
    {
        try
        {
            ArgumentNullException.ThrowIfNull(model);
            ArgumentNullException.ThrowIfNull(batchingSigner);
            ArgumentNullException.ThrowIfNull(inputs);

            // On the calling thread: the inference, its digests, the statement and its leaf hash; the batch's tree,
            // signature and the receipt's proof are made when the batch is sealed, elsewhere.
            var outputs = model.RunAndWriteStatement(inputs, options ?? NoOptions, out var statement);
            var leafHash = Merkle.HashReceiptLeafIncremental(Receipt.PayloadType, statement);
            return batchingSigner.SignAsync(statement.ToArray(), leafHash, outputs);
        }
#pragma warning disable CA1031 // As an async method would: every failure is the returned task's.
        catch (Exception e)
#pragma warning restore CA1031
        {
            return Task.FromException<Attested<TensorSet>>(e);
        }
    }

    private static readonly InferenceOptions NoOptions = new();
}
