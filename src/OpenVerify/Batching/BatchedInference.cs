using System.Diagnostics;
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
    public static Task<Attested<TensorSet>> RunAsync(
        this VerifiedModel model, IEnumerable<KeyValuePair<string, TensorValue>> inputs, BatchingSigner batchingSigner, InferenceOptions? options = null)
    {
        Activity? activity = null;
        try
        {
            ArgumentNullException.ThrowIfNull(model);
            ArgumentNullException.ThrowIfNull(batchingSigner);
            ArgumentNullException.ThrowIfNull(inputs);

            // One span for the inference and its wait for the batch, which ends with the batched receipt; none (and
            // no state machine) when nobody listens.
            activity = RuntimeTelemetry.StartInference(model);

            // On the calling thread: the inference, its digests, the statement and its leaf hash; the batch's tree,
            // signature and the receipt's proof are made when the batch is sealed, elsewhere.
            var outputs = model.RunAndWriteStatement(inputs, options ?? NoOptions, out var statement);
            var leafHash = Merkle.HashReceiptLeafIncremental(Receipt.PayloadType, statement);
            if (activity is null)
            {
                return batchingSigner.SignAsync(statement.ToArray(), leafHash, outputs);
            }

            var logIndex = new StrongBox<long>(-1);
            return Observed(activity, batchingSigner.SignAsync(statement.ToArray(), leafHash, outputs, logIndex), logIndex);
        }
#pragma warning disable CA1031 // As an async method would: every failure is the returned task's.
        catch (Exception e)
#pragma warning restore CA1031
        {
            RuntimeTelemetry.Failed(activity, e);
            return Task.FromException<Attested<TensorSet>>(e);
        }
    }

    /// <summary>
    /// <see cref="RunAsync"/> returning a <see cref="ValueTask{TResult}"/> backed by a pooled awaitable of the batching
    /// signer, so that waiting for the batch allocates nothing per call: for high-rate callers that await each result
    /// once. The receipt, its bytes and its outputs are the same as <see cref="RunAsync"/> makes for the same inputs,
    /// clock and sequence. As with any pooled <see cref="ValueTask{TResult}"/>, await it (or call
    /// <see cref="ValueTask{TResult}.AsTask"/>) exactly once, and do not read its result before it completed: the awaitable
    /// serves another receipt afterwards, and a second await throws <see cref="InvalidOperationException"/>. Where a
    /// result is awaited more than once, or stored, use <see cref="RunAsync"/>.
    /// </summary>
    /// <exception cref="ModelInputException">An input is unknown, missing, or of the wrong type or shape.</exception>
    /// <exception cref="InferenceFailedException">ONNX Runtime failed.</exception>
    public static ValueTask<Attested<TensorSet>> RunValueAsync(
        this VerifiedModel model, IEnumerable<KeyValuePair<string, TensorValue>> inputs, BatchingSigner batchingSigner, InferenceOptions? options = null)
    {
        Activity? activity = null;
        try
        {
            ArgumentNullException.ThrowIfNull(model);
            ArgumentNullException.ThrowIfNull(batchingSigner);
            ArgumentNullException.ThrowIfNull(inputs);
            activity = RuntimeTelemetry.StartInference(model);
            var outputs = model.RunAndWriteStatement(inputs, options ?? NoOptions, out var statement);
            var leafHash = Merkle.HashReceiptLeafIncremental(Receipt.PayloadType, statement);
            if (activity is null)
            {
                return batchingSigner.SignValueAsync(statement.ToArray(), leafHash, outputs);
            }

            var logIndex = new StrongBox<long>(-1);
            return ObservedValue(activity, batchingSigner.SignValueAsync(statement.ToArray(), leafHash, outputs, logIndex), logIndex);
        }
#pragma warning disable CA1031 // As an async method would: every failure is the returned task's.
        catch (Exception e)
#pragma warning restore CA1031
        {
            RuntimeTelemetry.Failed(activity, e);
            return ValueTask.FromException<Attested<TensorSet>>(e);
        }
    }

    private static async ValueTask<Attested<TensorSet>> ObservedValue(Activity activity, ValueTask<Attested<TensorSet>> pending, StrongBox<long> logIndex)
    {
        try
        {
            var result = await pending.ConfigureAwait(false);
            RuntimeTelemetry.Logged(activity, logIndex.Value);
            RuntimeTelemetry.Inferred(activity, result.Receipt, signed: false);
            return result;
        }
        catch (Exception e)
        {
            RuntimeTelemetry.Failed(activity, e);
            throw;
        }
    }

    private static async Task<Attested<TensorSet>> Observed(Activity activity, Task<Attested<TensorSet>> pending, StrongBox<long> logIndex)
    {
        try
        {
            var result = await pending.ConfigureAwait(false);
            RuntimeTelemetry.Logged(activity, logIndex.Value);
            RuntimeTelemetry.Inferred(activity, result.Receipt, signed: false);
            return result;
        }
        catch (Exception e)
        {
            RuntimeTelemetry.Failed(activity, e);
            throw;
        }
    }

    private static readonly InferenceOptions NoOptions = new();
}
