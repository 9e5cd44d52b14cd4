using System.Runtime.CompilerServices;
using OpenVerify.Batching;
using OpenVerify.Telemetry;

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
    public static async Task<Attested<TensorSet>> RunAsync(
        this VerifiedModel model, IEnumerable<KeyValuePair<string, TensorValue>> inputs, BatchingSigner batchingSigner, InferenceOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(batchingSigner);

        // One span for the inference and its wait for the batch, which ends with the batched receipt.
        var activity = RuntimeTelemetry.StartInference(model);
        try
        {
            // Run builds and serializes the statement; the placeholder signer's empty signature is dropped here and
            // the payload goes into the batch instead.
            var unsigned = model.RunUnobserved(inputs, new InferenceOptions
            {
                Nonce = options?.Nonce,
                Audience = options?.Audience,
                Method = options?.Method,
                Signer = Unsigned.Instance,
            });
            var logIndex = new StrongBox<long>(-1);
            var receipt = await batchingSigner.SignAsync(unsigned.Receipt.Envelope.Payload, unsigned.Receipt.LocalStatement, logIndex).ConfigureAwait(false);
            RuntimeTelemetry.Logged(activity, logIndex.Value);
            RuntimeTelemetry.Inferred(activity, receipt, signed: false);
            return new Attested<TensorSet>(unsigned.Value, receipt);
        }
        catch (Exception e)
        {
            RuntimeTelemetry.Failed(activity, e);
            throw;
        }
    }

    /// <summary>A signer that signs nothing: its envelopes never leave <see cref="RunAsync"/> (and are neither timed
    /// nor counted as signed).</summary>
    internal sealed class Unsigned : ISigner
    {
        public static readonly Unsigned Instance = new();

        public string KeyId => string.Empty;

        public KeyAlgorithm Algorithm => KeyAlgorithm.Ed25519;

        public byte[] Sign(ReadOnlySpan<byte> data) => [];
    }
}
