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
            var payload = RunOnCallingThread(model, inputs, batchingSigner, options, ref activity, out var outputs);
            if (activity is null)
            {
                return batchingSigner.SignAsync(payload, outputs);
            }

            var logIndex = new StrongBox<long>(-1);
            return Observed(activity, batchingSigner.SignAsync(payload, outputs, logIndex), logIndex);
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
            var payload = RunOnCallingThread(model, inputs, batchingSigner, options, ref activity, out var outputs);
            if (activity is null)
            {
                return batchingSigner.SignValueAsync(payload, outputs);
            }

            var logIndex = new StrongBox<long>(-1);
            return ObservedValue(activity, batchingSigner.SignValueAsync(payload, outputs, logIndex), logIndex);
        }
#pragma warning disable CA1031 // As an async method would: every failure is the returned task's.
        catch (Exception e)
#pragma warning restore CA1031
        {
            RuntimeTelemetry.Failed(activity, e);
            return ValueTask.FromException<Attested<TensorSet>>(e);
        }
    }

    /// <summary>
    /// What both batched runs do on the calling thread: check the arguments, start the span (none, and no state machine
    /// later, when nobody listens; <paramref name="activity"/> is set as soon as it exists, so a failure after it ends
    /// it), run the inference with its digests, and write the statement; the payload returned is its copy the receipt
    /// keeps. The leaf hash, the tree, the root signature and the receipt's proof are made when the batch is sealed, on
    /// the batching signer's thread.
    /// </summary>
    private static byte[] RunOnCallingThread(
        VerifiedModel model, IEnumerable<KeyValuePair<string, TensorValue>> inputs, BatchingSigner batchingSigner, InferenceOptions? options, ref Activity? activity, out TensorSet outputs)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(batchingSigner);
        ArgumentNullException.ThrowIfNull(inputs);
        activity = RuntimeTelemetry.StartInference(model);
        outputs = model.RunAndWriteStatement(inputs, options ?? NoOptions, out var statement);
        return statement.ToArray();
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
