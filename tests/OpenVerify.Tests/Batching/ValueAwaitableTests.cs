using System.Collections.Concurrent;
using OpenVerify.Batching;
using OpenVerify.Testing;

namespace OpenVerify.Tests.Batching;

/// <summary>
/// <see cref="BatchedInference.RunValueAsync"/>: the same receipts as <see cref="BatchedInference.RunAsync"/>, over
/// awaitables the batching signer pools and reuses, which must never hand one caller another caller's result.
/// </summary>
public class ValueAwaitableTests
{
    private static readonly SigningKey Key = SigningKey.Generate();

    [Fact]
    public async Task Receipts_AreByteIdentical_ToTheTaskOverloads_ForTheSameInputsClockAndSequence()
    {
        using var model = VerifiedModel.FromBytes(TestModels.AddMul());
        model.FixedClock = new DateTime(2026, 11, 28, 9, 30, 15, DateTimeKind.Utc).AddTicks(1234567);
        var inputs = Tensors.AddMulInputs([1, -0f, float.NaN, 4], [5, 6, 7, float.PositiveInfinity]);
        var options = new InferenceOptions { Method = "Ns.Type.Method(float[])", Nonce = "n<1>\"é", Audience = "aud" };
        Attested<TensorSet> fromTask, fromValue;
        await using (var signer = new BatchingSigner(Key, new BatchingSignerOptions { MaxBatchSize = 2, MaxDelay = TimeSpan.FromHours(1) }))
        {
            // One batch of two receipts with the same sequence and time: their leaves are equal, so are their proofs.
            model.LastSequence = 41;
            var task = model.RunAsync(inputs, signer, options);
            model.LastSequence = 41;
            var value = model.RunValueAsync(inputs, signer, options);
            fromTask = await task;
            fromValue = await value;
        }

        fromValue.Receipt.Envelope.Payload.ShouldBe(fromTask.Receipt.Envelope.Payload);
        fromValue.Receipt.ReadStatementUnverified().Predicate.Sequence.ShouldBe(42);
        fromValue.Receipt.Id.ShouldBe(fromTask.Receipt.Id);
        var (taskBatch, valueBatch) = (fromTask.Receipt.Envelope.Batch!, fromValue.Receipt.Envelope.Batch!);
        (taskBatch.Index, valueBatch.Index).ShouldBe((0L, 1L));
        valueBatch.Proof.ShouldBe(taskBatch.Proof);
        valueBatch.Root.ToJson().ShouldBe(taskBatch.Root.ToJson());

        // The whole receipt: only the leaf index tells them apart.
        fromValue.Receipt.ToJson().ShouldBe(fromTask.Receipt.ToJson().Replace("\"index\":0", "\"index\":1", StringComparison.Ordinal));
        fromValue.Value.Get<float>("sum").ToArray().ShouldBe(fromTask.Value.Get<float>("sum").ToArray());
        new ReceiptVerifier(TrustStore.For(Key.PublicKey)).Verify(fromValue.Receipt, new() { Inputs = inputs, Outputs = fromValue.Value }).Succeeded.ShouldBeTrue();
    }

    [Fact]
    public async Task ASecondAwait_Throws_AndAnEarlyResultLeavesTheAwaitableAsItWas()
    {
        using var model = VerifiedModel.FromBytes(TestModels.AddMul());
        await using var signer = new BatchingSigner(Key, new BatchingSignerOptions { MaxBatchSize = 100, MaxDelay = TimeSpan.FromHours(1) });
        var pending = model.RunValueAsync(Tensors.AddMulInputs([1, 2, 3, 4]), signer);
        pending.IsCompleted.ShouldBeFalse("nothing is acknowledged before the root is signed");

        // Asking for the result of a receipt not yet signed is refused, and does not give the awaitable back early.
        Should.Throw<InvalidOperationException>(() => pending.Result);
        await signer.FlushAsync();
        var result = await pending;
        result.Receipt.Envelope.Batch.ShouldNotBeNull().TreeSize.ShouldBe(1);

        // As with the BCL's pooled ValueTasks: awaited once, the awaitable is gone.
        await Should.ThrowAsync<InvalidOperationException>(async () => await pending);
        Should.Throw<InvalidOperationException>(() => pending.IsCompleted);

        // It serves the next receipt, whose result is its own.
        var next = model.RunValueAsync(Tensors.AddMulInputs([5, 6, 7, 8]), signer);
        await signer.FlushAsync();
        (await next).Value.Get<float>("sum").Span[0].ShouldBe(5 + 10);
        result.Value.Get<float>("sum").Span[0].ShouldBe(1 + 10);
    }

    [Fact]
    public async Task ASigningFailure_FailsEveryAwaitableOfTheBatch_AndDisposedSignersRefuse()
    {
        using var model = VerifiedModel.FromBytes(TestModels.AddMul());
        var signer = new BatchingSigner(new FailingSigner(), new BatchingSignerOptions { MaxBatchSize = 2, MaxDelay = TimeSpan.FromHours(1) });
        var a = model.RunValueAsync(Tensors.AddMulInputs([1, 2, 3, 4]), signer);
        var b = model.RunValueAsync(Tensors.AddMulInputs([1, 2, 3, 4]), signer);
        (await Should.ThrowAsync<InvalidOperationException>(a.AsTask())).Message.ShouldBe("HSM offline");
        await Should.ThrowAsync<InvalidOperationException>(b.AsTask());
        await signer.DisposeAsync();
        var refused = model.RunValueAsync(Tensors.AddMulInputs([1, 2, 3, 4]), signer);
        await Should.ThrowAsync<ObjectDisposedException>(refused.AsTask());
    }

    [Fact]
    public async Task EightThreads_EachAwaitingItsOwn_AllVerify_WithTheirOwnOutputs_AndUniqueSequences()
    {
        const int Threads = 8;
        const int PerThread = 1024;
        const int Window = 32;
        using var model = VerifiedModel.FromBytes(TestModels.AddMul());
        var receipts = new ConcurrentBag<(Receipt Receipt, TensorSet Inputs, TensorSet Outputs)>();
        await using (var signer = new BatchingSigner(Key, new BatchingSignerOptions { MaxBatchSize = 64, MaxDelay = TimeSpan.FromMilliseconds(2) }))
        {
            await Task.WhenAll(Enumerable.Range(0, Threads).Select(thread => Task.Run(async () =>
            {
                var pending = new ValueTask<Attested<TensorSet>>[Window];
                var inputs = new TensorSet[Window];
                for (var start = 0; start < PerThread; start += Window)
                {
                    for (var w = 0; w < Window; w++)
                    {
                        inputs[w] = Tensors.AddMulInputs(a: [thread, start + w, 1, 2], b: [start + w, thread, 3, 4]);
                        pending[w] = model.RunValueAsync(inputs[w], signer);
                    }

                    // Each awaited exactly once, in turn; the ones after the first have usually completed by then.
                    for (var w = 0; w < Window; w++)
                    {
                        var result = await pending[w];
                        result.Value.Get<float>("sum").Span[0].ShouldBe(thread + start + w);
                        result.Value.Get<float>("sum").Span[1].ShouldBe(start + w + thread);
                        receipts.Add((result.Receipt, inputs[w], result.Value));
                    }
                }
            })));
        }

        receipts.Count.ShouldBe(Threads * PerThread);
        var verifier = new ReceiptVerifier(TrustStore.For(Key.PublicKey));
        var failures = 0;
        var sequences = new ConcurrentDictionary<long, bool>();
        Parallel.ForEach(receipts, r =>
        {
            var verification = verifier.Verify(r.Receipt, new() { Inputs = r.Inputs, Outputs = r.Outputs, ExpectedModelDigest = model.Digest });
            if (!verification.Succeeded)
            {
                Interlocked.Increment(ref failures);
            }

            sequences.TryAdd(verification.Statement!.Predicate.Sequence, true).ShouldBeTrue("sequence repeated");
        });

        failures.ShouldBe(0);
        sequences.Keys.Order().ShouldBe(Enumerable.Range(1, receipts.Count).Select(i => (long)i));
    }

    private sealed class FailingSigner : ISigner
    {
        public string KeyId => "sha256:00";

        public KeyAlgorithm Algorithm => KeyAlgorithm.Ed25519;

        public byte[] Sign(ReadOnlySpan<byte> data) => throw new InvalidOperationException("HSM offline");
    }
}
