using System.Text;
using System.Text.Json.Nodes;
using OpenVerify.Batching;
using OpenVerify.Testing;

namespace OpenVerify.Tests.Batching;

public class BatchingTests
{
    private static readonly SigningKey Key = SigningKey.Generate();
    private static readonly byte[] AddMul = TestModels.AddMul();

    private static async Task<(VerifiedModel Model, Attested<TensorSet>[] Results)> RunBatch(int count, BatchingSignerOptions options)
    {
        var model = VerifiedModel.FromBytes(AddMul);
        await using var signer = new BatchingSigner(Key, options);
        var results = await Task.WhenAll(Enumerable.Range(0, count).Select(i =>
            Task.Run(() => model.RunAsync(Tensors.AddMulInputs([i, 2, 3, 4]), signer, new InferenceOptions { Nonce = $"n{i}" }))));
        return (model, results);
    }

    [Fact]
    public async Task FullBatches_AreSigned_AndEveryReceiptVerifies()
    {
        var (model, results) = await RunBatch(10, new BatchingSignerOptions { MaxBatchSize = 5, MaxDelay = TimeSpan.FromMinutes(10) });
        using var _ = model;
        var verifier = new ReceiptVerifier(TrustStore.For(Key.PublicKey));
        foreach (var (result, i) in results.Select((r, i) => (r, i)))
        {
            var envelope = result.Receipt.Envelope;
            envelope.Signatures.ShouldBeEmpty();
            envelope.Batch.ShouldNotBeNull().TreeSize.ShouldBe(5);
            var verification = verifier.Verify(result.Receipt, new ReceiptVerificationOptions { ExpectedNonce = $"n{i}", ExpectedModelDigest = model.Digest, Inputs = Tensors.AddMulInputs([i, 2, 3, 4]), Outputs = result.Value });
            verification.Succeeded.ShouldBeTrue(verification.ToString());
            verification.Checks.Select(c => c.Name).ShouldContain(VerificationChecks.Inclusion);
            verification.SignerKeyId.ShouldBe(Key.KeyId);

            // The JSON form round-trips and verifies on its own.
            verifier.Verify(result.Receipt.ToJson()).Succeeded.ShouldBeTrue();
        }

        results.Select(r => r.Receipt.Envelope.Batch!.Root.Payload).Distinct(ByteArrayComparer.Instance).Count().ShouldBe(2, "two batches of five");
        verifier.CachedRootCount.ShouldBe(2);
    }

    [Fact]
    public async Task ASealedReceiptsProof_ComputedWhenRead_IsTheTreesProof_AndCopiesKeepIt()
    {
        // A receipt sealed here keeps the batch's tree, not a proof: the proof read from it must be the RFC 9162 proof
        // of its leaf (against the leaves recomputed from the payloads), and a copy made with `with` behaves as a
        // record holding that proof would (another index does not bring another leaf's proof along).
        await using var signer = new BatchingSigner(Key, new BatchingSignerOptions { MaxBatchSize = 11, MaxDelay = TimeSpan.FromHours(1) });
        var receipts = await Task.WhenAll(Enumerable.Range(0, 11).Select(i => signer.SignAsync(Payload(i))).ToList());

        // Copied with another index before its proof was ever read.
        var early = receipts[3].Envelope.Batch.ShouldNotBeNull() with { Index = 7 };
        var leaves = receipts.Select(r => Merkle.HashLeaf(Dsse.Pae(r.Envelope.PayloadType, r.Envelope.Payload))).ToArray();
        var reference = MerkleTree.FromLeafHashes(leaves);
        for (var i = 0; i < receipts.Length; i++)
        {
            var batch = receipts[i].Envelope.Batch.ShouldNotBeNull();
            var moved = batch with { Index = (i + 1) % receipts.Length };
            batch.Index.ShouldBe(i);
            batch.Proof.ShouldBe(reference.InclusionProof(i, receipts.Length), $"leaf {i}");
            moved.Proof.ShouldBe(batch.Proof, $"leaf {i}, copied with another index");
            moved.Index.ShouldBe((i + 1) % receipts.Length);
            (batch with { }).ShouldBe(batch);
            (batch with { Proof = [] }).Proof.ShouldBeEmpty();
        }

        early.Index.ShouldBe(7);
        early.Proof.ShouldBe(reference.InclusionProof(3, receipts.Length), "the copy carries leaf 3's proof");
    }

    [Fact]
    public async Task APartialBatch_IsSignedWhenTheDelayPasses()
    {
        var (model, results) = await RunBatch(3, new BatchingSignerOptions { MaxBatchSize = 1000, MaxDelay = TimeSpan.FromMilliseconds(20) });
        using var _ = model;
        results.Select(r => r.Receipt.Envelope.Batch!.TreeSize).Sum().ShouldBeGreaterThanOrEqualTo(3);
        var verifier = new ReceiptVerifier(TrustStore.For(Key.PublicKey));
        results.ShouldAllBe(r => verifier.Verify(r.Receipt, null).Succeeded);
    }

    [Fact]
    public async Task Dispose_FlushesWhatIsPending_AndRefusesMore()
    {
        var signer = new BatchingSigner(Key, new BatchingSignerOptions { MaxBatchSize = 100, MaxDelay = TimeSpan.FromHours(1) });
        var pending = Enumerable.Range(0, 3).Select(i => signer.SignAsync(Payload(i))).ToList();
        pending.ShouldAllBe(t => !t.IsCompleted, "nothing is acknowledged before the root is signed");
        await signer.DisposeAsync();
        var receipts = await Task.WhenAll(pending);
        receipts.Select(r => r.Envelope.Batch!.Index).ShouldBe([0L, 1, 2]);
        signer.BatchesSigned.ShouldBe(1);
        Should.Throw<ObjectDisposedException>(() => signer.SignAsync(Payload(4)));
    }

    [Fact]
    public async Task APayloadArrayChangedAfterSignAsync_IsSignedAsItWasHandedIn()
    {
        // The leaf is hashed when the batch is sealed, after SignAsync returned: a caller reusing its array for the next
        // statement meanwhile must not get that statement signed in this receipt.
        await using var signer = new BatchingSigner(Key, new BatchingSignerOptions { MaxBatchSize = 100, MaxDelay = TimeSpan.FromHours(1) });
        var buffer = Payload(1);
        var handedIn = buffer.ToArray();
        var task = signer.SignAsync(buffer);
        var next = Payload(2);
        next.Length.ShouldBe(buffer.Length);
        next.CopyTo(buffer, 0);
        await signer.FlushAsync();

        var receipt = await task;
        receipt.Envelope.Payload.ShouldBe(handedIn);
        new ReceiptVerifier(TrustStore.For(Key.PublicKey)).Verify(receipt, null).Succeeded.ShouldBeTrue();
    }

    [Fact]
    public async Task ABatchOfOne_RecordsItsSealLatencyFromItsReceipt_NotFromMachineStart()
    {
        // A batch of one is filled by its first receipt, which then also has to stamp the batch's start: without it the
        // latency was measured from Environment.TickCount64's zero (the machine's start).
        var latencies = new System.Collections.Concurrent.ConcurrentBag<double>();
        using var listener = SealLatencyListener(latencies);

        await using (var signer = new BatchingSigner(Key, new BatchingSignerOptions { MaxBatchSize = 1, MaxDelay = TimeSpan.FromHours(1) }))
        {
            await signer.SignAsync(Payload(1));
        }

        // Every batch sealed while listening (other tests' too) started after this process did.
        var processAge = (DateTime.Now - System.Diagnostics.Process.GetCurrentProcess().StartTime).TotalSeconds;
        latencies.ShouldNotBeEmpty();
        latencies.ShouldAllBe(seconds => seconds < processAge);
    }

    [Fact]
    public async Task FlushAsync_SignsNow()
    {
        await using var signer = new BatchingSigner(Key, new BatchingSignerOptions { MaxBatchSize = 100, MaxDelay = TimeSpan.FromHours(1) });
        var task = signer.SignAsync(Payload(1));
        await signer.FlushAsync();
        task.IsCompletedSuccessfully.ShouldBeTrue();
        (await task).Envelope.Batch!.TreeSize.ShouldBe(1);
        (await task).Envelope.Batch!.Proof.ShouldBeEmpty();
    }

    [Fact]
    public async Task FlushAsync_WaitsForFullBatchesStillQueued_WhenTheOpenBatchIsEmpty()
    {
        // Four receipts fill two batches of two, both queued for the sealing thread, which is held at the first root's
        // signature: the open batch is empty, yet the flush must not return before those four are signed.
        using var gate = new ManualResetEventSlim();
        var signer = new BatchingSigner(new GatedSigner(Key, gate), new BatchingSignerOptions { MaxBatchSize = 2, MaxDelay = TimeSpan.FromHours(1) });
        try
        {
            var payload = Payload(1);
            var earlier = Enumerable.Range(0, 4).Select(_ => signer.SignAsync(payload)).ToList();
            var flush = signer.FlushAsync();
            flush.IsCompleted.ShouldBeFalse("two full batches are still waiting for their roots");
            gate.Set();
            await flush;
            earlier.ShouldAllBe(t => t.IsCompletedSuccessfully);
        }
        finally
        {
            gate.Set();
            await signer.DisposeAsync();
        }
    }

    [Fact]
    public async Task FlushAsync_ReturnsOnlyWhenEveryReceiptSignedBeforeItIsSigned_WithCallersFillingBatchesMeanwhile()
    {
        // Tiny batches, filled by four threads while each of them flushes now and then: a flush racing a caller that
        // fills (and replaces) the open batch, or finding it empty while full batches are still queued, must still wait
        // for every receipt its thread handed in before it.
        // Sealed by a flush once every continuation is registered: a batch that filled at the third run could be
        // handed out before the test registered its continuations, which then ran inline on the test's own thread.
        await using var signer = new BatchingSigner(Key, new BatchingSignerOptions { MaxBatchSize = 8, MaxDelay = TimeSpan.FromHours(1) });
        var payload = Payload(1);
        var early = 0;
        await Task.WhenAll(Enumerable.Range(0, 4).Select(thread => Task.Run(async () =>
        {
            var earlier = new List<Task<Receipt>>();
            for (var i = 0; i < 150; i++)
            {
                earlier.Add(signer.SignAsync(payload));
                if (i % 5 == thread % 5)
                {
                    await signer.FlushAsync();
                    if (earlier.Any(t => !t.IsCompleted))
                    {
                        Interlocked.Increment(ref early);
                    }
                }
            }
        })));
        early.ShouldBe(0, "flushes that returned while a receipt handed in before them was still unsigned");
    }

    [Fact]
    public async Task FlushAsync_AfterASigningFailure_Completes_AndTheBatchsReceiptsFail()
    {
        await using var signer = new BatchingSigner(new FailingSigner(), new BatchingSignerOptions { MaxBatchSize = 100, MaxDelay = TimeSpan.FromHours(1) });
        var receipt = signer.SignAsync(Payload(1));
        await signer.FlushAsync();
        receipt.IsFaulted.ShouldBeTrue();
        (await Should.ThrowAsync<InvalidOperationException>(receipt)).Message.ShouldBe("HSM offline");
    }

    [Fact]
    public async Task ABatchFlushedRightAfterItsFirstReceiptTookItsSlot_RecordsItsSealLatencyFromThatReceipt_NotFromMachineStart()
    {
        // The first receipt's caller is held right after it published its slot, and a flush seals the batch meanwhile:
        // the batch's start must already be stamped, or the latency is measured from Environment.TickCount64's zero.
        var latencies = new System.Collections.Concurrent.ConcurrentBag<double>();
        using var listener = SealLatencyListener(latencies);
        using var published = new ManualResetEventSlim();
        using var resume = new ManualResetEventSlim();
        var payload = Payload(1);
        var signer = new BatchingSigner(Key, new BatchingSignerOptions { MaxBatchSize = 100, MaxDelay = TimeSpan.FromHours(1) })
        {
            AfterSlotPublished = () =>
            {
                published.Set();
                resume.Wait();
            },
        };
        try
        {
            var signing = Task.Run(() => signer.SignAsync(payload));
            published.Wait();
            await signer.FlushAsync();
            resume.Set();
            (await signing).Envelope.Batch!.TreeSize.ShouldBe(1);
        }
        finally
        {
            resume.Set();
            await signer.DisposeAsync();
        }

        var processAge = (DateTime.Now - System.Diagnostics.Process.GetCurrentProcess().StartTime).TotalSeconds;
        latencies.ShouldNotBeEmpty();
        latencies.ShouldAllBe(seconds => seconds < processAge);
    }

    [Fact]
    public async Task TheSealingThread_EndsWhenIdle_AndStartsAgainForTheNextBatch()
    {
        await using var signer = new BatchingSigner(Key, new BatchingSignerOptions { MaxBatchSize = 100, MaxDelay = TimeSpan.FromMilliseconds(5) })
        {
            SealerIdleMilliseconds = 20,
        };
        signer.SealerRunning.ShouldBeFalse("the thread starts with the first batch");
        var first = await signer.SignAsync(Payload(1)).WaitAsync(TimeSpan.FromSeconds(30));

        // Nothing more to seal: the thread ends after its idle time (waited for here without a time limit on the
        // behaviour itself), and the next batch, closed by its deadline, starts a new one.
        for (var waited = 0; signer.SealerRunning && waited < 3000; waited++)
        {
            await Task.Delay(10);
        }

        signer.SealerRunning.ShouldBeFalse("an idle sealing thread ends");

        var second = await signer.SignAsync(Payload(2)).WaitAsync(TimeSpan.FromSeconds(30));
        signer.BatchesSigned.ShouldBe(2);
        var verifier = new ReceiptVerifier(TrustStore.For(Key.PublicKey));
        verifier.Verify(first.ToJson()).Succeeded.ShouldBeTrue();
        verifier.Verify(second.ToJson()).Succeeded.ShouldBeTrue();
    }

    [Fact]
    public async Task ASigningFailure_FailsEveryReceiptOfTheBatch()
    {
        await using var signer = new BatchingSigner(new FailingSigner(), new BatchingSignerOptions { MaxBatchSize = 2, MaxDelay = TimeSpan.FromHours(1) });
        var a = signer.SignAsync(Payload(1));
        var b = signer.SignAsync(Payload(2));
        (await Should.ThrowAsync<InvalidOperationException>(a)).Message.ShouldBe("HSM offline");
        await Should.ThrowAsync<InvalidOperationException>(b);
    }

    [Fact]
    public void TamperedBatchedReceipts_AreRefused()
    {
        var receipts = BatchingSigner.SignBatch(Key, [.. Enumerable.Range(0, 5).Select(Payload)]);
        var verifier = new ReceiptVerifier(TrustStore.For(Key.PublicKey));
        var json = receipts[3].ToJson();
        verifier.Verify(json).Succeeded.ShouldBeTrue();

        // Another receipt's payload under this proof.
        Fail(Mutate(json, o => o["payload"] = JsonNode.Parse(receipts[2].ToJson())!["payload"]!.DeepClone()), VerificationChecks.Inclusion);
        // Another index, size or proof.
        Fail(Mutate(json, o => o["batch"]!["index"] = 2), VerificationChecks.Inclusion);
        Fail(Mutate(json, o => o["batch"]!["treeSize"] = 6), VerificationChecks.Inclusion);
        Fail(Mutate(json, o => ((JsonArray)o["batch"]!["proof"]!).RemoveAt(0)), VerificationChecks.Inclusion);
        Fail(Mutate(json, o => ((JsonArray)o["batch"]!["proof"]!).Add(new string('0', 64))), VerificationChecks.Inclusion);
        // A signature of its own next to the batch.
        verifier.Verify(Mutate(json, o => o["signatures"] = JsonNode.Parse(receipts[0].Envelope.Batch!.Root.ToJson())!["signatures"]!.DeepClone())).FirstFailure!.Name.ShouldBe(VerificationChecks.Envelope);
        // A root signed by an untrusted key.
        using var other = SigningKey.Generate();
        var foreign = BatchingSigner.SignBatch(other, [Payload(0)])[0].ToJson();
        Fail(foreign, VerificationChecks.Signature);
        // A batch root envelope spliced into a receipt position, and a receipt in the root's place: wrong payload types.
        Fail(Mutate(json, o => o["batch"]!["root"]!["payloadType"] = Receipt.PayloadType), VerificationChecks.Signature);

        void Fail(string text, string check)
        {
            var result = verifier.Verify(text);
            result.Succeeded.ShouldBeFalse();
            result.FirstFailure!.Name.ShouldBe(check, result.ToString());
        }
    }

    [Fact]
    public void TheRootCache_IsDroppedWhenTheTrustStoreChanges()
    {
        var receipts = BatchingSigner.SignBatch(Key, [.. Enumerable.Range(0, 4).Select(Payload)]);
        var trust = TrustStore.For(Key.PublicKey);
        var verifier = new ReceiptVerifier(trust);
        verifier.Verify(receipts[0]).Succeeded.ShouldBeTrue();
        verifier.CachedRootCount.ShouldBe(1);
        verifier.Verify(receipts[1]).Succeeded.ShouldBeTrue();
        verifier.CachedRootCount.ShouldBe(1);

        trust.Revoke(Key.KeyId);
        var revoked = verifier.Verify(receipts[2]);
        revoked.Succeeded.ShouldBeFalse();
        revoked.FirstFailure!.Detail.ShouldContain("revoked");
        verifier.CachedRootCount.ShouldBe(0);
    }

    [Fact]
    public void ARootWhoseBytesChangeAfterItVerified_IsVerifiedAgain()
    {
        var receipts = BatchingSigner.SignBatch(Key, [.. Enumerable.Range(0, 2).Select(Payload)]);
        var verifier = new ReceiptVerifier(TrustStore.For(Key.PublicKey));
        verifier.Verify(receipts[0]).Succeeded.ShouldBeTrue();

        // The root's payload array is the caller's: a byte changed in place after the root verified must not find
        // what the verifier remembers of the unchanged bytes.
        receipts[0].Envelope.Batch!.Root.Payload[^2] ^= 0x01;
        var result = verifier.Verify(receipts[0]);
        result.Succeeded.ShouldBeFalse();
        result.FirstFailure!.Name.ShouldBe(VerificationChecks.Signature);
        result.FirstFailure.Detail.ShouldContain("No trusted key verifies");
    }

    [Fact]
    public void ARootSignedByALogKey_DoesNotVouchForReceipts()
    {
        var receipts = BatchingSigner.SignBatch(Key, [Payload(0)]);
        var result = new ReceiptVerifier(new TrustStore().Add(Key.PublicKey, KeyRole.Log)).Verify(receipts[0]);
        result.Succeeded.ShouldBeFalse();
        result.FirstFailure!.Detail.ShouldContain("receipt-signer");
    }

    [Fact]
    public void ARootNamingAnotherKey_IsRefused()
    {
        using var other = SigningKey.Generate();
        var root = new BatchRoot("00", 1, Merkle.HashReceiptLeaf(Receipt.PayloadType, Payload(0)), other.KeyId, "t");
        var envelope = DsseEnvelope.Sign(BatchRoot.PayloadType, root.ToPayload(), Key);
        var receipt = new DsseEnvelope(Receipt.PayloadType, Payload(0), new BatchInclusion(0, 1, [], envelope)).ToJson();
        var result = new ReceiptVerifier(TrustStore.For(Key.PublicKey)).Verify(receipt);
        result.FirstFailure!.Detail.ShouldContain("names another key");
    }

    [Fact]
    public void RootPayloads_AreReadStrictly()
    {
        var good = new BatchRoot("ab", 2, Merkle.EmptyRoot, Key.KeyId, "t").ToPayload();
        BatchRoot.ParsePayload(good).TreeSize.ShouldBe(2);
        var text = Encoding.UTF8.GetString(good);
        Should.Throw<ReceiptFormatException>(() => BatchRoot.ParsePayload(Encoding.UTF8.GetBytes(text.Replace("}", ",\"extra\":1}"))));
        Should.Throw<ReceiptFormatException>(() => BatchRoot.ParsePayload(Encoding.UTF8.GetBytes(text.Replace("\"treeSize\":2", "\"treeSize\":0"))));
        Should.Throw<ReceiptFormatException>(() => BatchRoot.ParsePayload(Encoding.UTF8.GetBytes(text.Replace("\"treeSize\":2", "\"treeSize\":2,\"treeSize\":2"))));
        Should.Throw<ReceiptFormatException>(() => BatchRoot.ParsePayload(Encoding.UTF8.GetBytes(text.Replace(Merkle.EmptyRoot.ToHex(), Merkle.EmptyRoot.ToHex().ToUpperInvariant()))));
    }

    [Fact]
    public void SingleReceiptSigning_StaysTheDefault()
    {
        using var model = VerifiedModel.FromBytes(AddMul);
        var result = model.Run(Tensors.AddMulInputs(), new InferenceOptions { Signer = Key });
        result.Receipt.Envelope.Batch.ShouldBeNull();
        result.Receipt.Envelope.Signatures.Count.ShouldBe(1);
        result.Receipt.ToJson().ShouldNotContain("\"batch\"");
    }

    [Fact]
    public async Task RunAsyncTasks_CompleteOnTheThreadPool_OneByOne_NeverOnTheSealingThread()
    {
        // RunAsync's tasks are bare promises, completed by thread-pool work items, one per receipt: a continuation that
        // runs synchronously with its task runs on the pool, not on the sealing thread, and one that blocks holds back
        // no other receipt of its batch.
        using var model = VerifiedModel.FromBytes(AddMul);
        // Sealed by a flush once every continuation is registered: a batch that filled at the third run could be
        // handed out before the test registered its continuations, which then ran inline on the test's own thread.
        await using var signer = new BatchingSigner(Key, new BatchingSignerOptions { MaxBatchSize = 8, MaxDelay = TimeSpan.FromHours(1) });
        using var release = new ManualResetEventSlim();
        var threads = new System.Collections.Concurrent.ConcurrentBag<(bool Pool, string? Name)>();
        void Record() => threads.Add((Thread.CurrentThread.IsThreadPoolThread, Thread.CurrentThread.Name));

        var first = model.RunAsync(Tensors.AddMulInputs([1, 2, 3, 4]), signer);
        var blocked = first.ContinueWith(_ => { Record(); release.Wait(); }, TaskContinuationOptions.ExecuteSynchronously);
        Task<Attested<TensorSet>>[] others;
        try
        {
            others = [model.RunAsync(Tensors.AddMulInputs([5, 6, 7, 8]), signer), model.RunAsync(Tensors.AddMulInputs([9, 1, 2, 3]), signer)];
            var recorded = others.Select(t => t.ContinueWith(_ => Record(), TaskContinuationOptions.ExecuteSynchronously)).ToArray();
            _ = signer.FlushAsync();

            // A guard, not a timing check: the others complete while the first's continuation is still blocked.
            var othersDone = Task.WhenAll(recorded);
            (await Task.WhenAny(othersDone, Task.Delay(TimeSpan.FromMinutes(1)))).ShouldBe(othersDone, "a blocked continuation held back the other receipts of its batch");
        }
        finally
        {
            // Whatever happened, the blocked continuation ends (it may be blocking the thread that seals, on failure).
            release.Set();
        }

        await blocked;

        threads.Count.ShouldBe(3);
        threads.ShouldAllBe(t => t.Pool && t.Name != "OpenVerify batch sealer");
        (await first).Receipt.Envelope.Batch!.Index.ShouldBe(0);
        (await others[1]).Receipt.Envelope.Batch!.Index.ShouldBe(2);
    }

    [Fact]
    public async Task ABatchOfEveryKindOfEntry_IsHandedOutInClaimOrder_OrFailedAsOne()
    {
        // SignAsync (a task completion source), RunAsync (a promise in the slot) and RunValueAsync (a pooled awaitable)
        // in one batch, twice: each gets its own leaf, and a failing signer fails all three.
        using var model = VerifiedModel.FromBytes(AddMul);
        await using (var signer = new BatchingSigner(Key, new BatchingSignerOptions { MaxBatchSize = 6, MaxDelay = TimeSpan.FromHours(1) }))
        {
            var entries = new List<Task<Receipt>>();
            for (var round = 0; round < 2; round++)
            {
                entries.Add(signer.SignAsync(Payload(round)));
                entries.Add(ReceiptOf(model.RunAsync(Tensors.AddMulInputs([round, 1, 1, 1]), signer)));
                entries.Add(ReceiptOf(model.RunValueAsync(Tensors.AddMulInputs([round, 2, 2, 2]), signer).AsTask()));
            }

            var receipts = await Task.WhenAll(entries);
            receipts.Select(r => r.Envelope.Batch!.Index).ShouldBe([0L, 1, 2, 3, 4, 5]);
            var verifier = new ReceiptVerifier(TrustStore.For(Key.PublicKey));
            receipts.ShouldAllBe(r => verifier.Verify(r, null).Succeeded);
        }

        await using (var failing = new BatchingSigner(new FailingSigner(), new BatchingSignerOptions { MaxBatchSize = 3, MaxDelay = TimeSpan.FromHours(1) }))
        {
            var signed = failing.SignAsync(Payload(1));
            var run = model.RunAsync(Tensors.AddMulInputs(), failing);
            var value = model.RunValueAsync(Tensors.AddMulInputs(), failing).AsTask();
            (await Should.ThrowAsync<InvalidOperationException>(run)).Message.ShouldBe("HSM offline");
            (await Should.ThrowAsync<InvalidOperationException>(value)).Message.ShouldBe("HSM offline");
            (await Should.ThrowAsync<InvalidOperationException>(signed)).Message.ShouldBe("HSM offline");
            run.IsFaulted.ShouldBeTrue();
        }

        static async Task<Receipt> ReceiptOf(Task<Attested<TensorSet>> run) => (await run).Receipt;
    }

    internal static byte[] Payload(int i)
    {
        using var model = VerifiedModel.FromBytes(AddMul);
        return model.Run(Tensors.AddMulInputs([i, 0, 0, 0]), new InferenceOptions { Signer = Key }).Receipt.Envelope.Payload;
    }

    private static string Mutate(string json, Action<JsonObject> change)
    {
        var node = JsonNode.Parse(json)!.AsObject();
        change(node);
        return node.ToJsonString();
    }

    /// <summary>Listens to the seal latency histogram (of every batching signer in the process, other tests' too).</summary>
    private static System.Diagnostics.Metrics.MeterListener SealLatencyListener(System.Collections.Concurrent.ConcurrentBag<double> latencies)
    {
        var listener = new System.Diagnostics.Metrics.MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == OpenVerify.Telemetry.OpenVerifyTelemetry.SourceName && instrument.Name == "openverify.batch.seal_latency")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<double>((_, value, _, _) => latencies.Add(value));
        listener.Start();
        return listener;
    }

    /// <summary>A real key whose signatures wait until the test opens the gate: holds the sealing thread at a root.</summary>
    private sealed class GatedSigner(SigningKey key, ManualResetEventSlim gate) : ISigner
    {
        public string KeyId => key.KeyId;

        public KeyAlgorithm Algorithm => key.Algorithm;

        public byte[] Sign(ReadOnlySpan<byte> data)
        {
            gate.Wait();
            return key.Sign(data);
        }
    }

    private sealed class FailingSigner : ISigner
    {
        public string KeyId => "sha256:00";

        public KeyAlgorithm Algorithm => KeyAlgorithm.Ed25519;

        public byte[] Sign(ReadOnlySpan<byte> data) => throw new InvalidOperationException("HSM offline");
    }

    private sealed class ByteArrayComparer : IEqualityComparer<byte[]>
    {
        public static readonly ByteArrayComparer Instance = new();

        public bool Equals(byte[]? x, byte[]? y) => x.AsSpan().SequenceEqual(y);

        public int GetHashCode(byte[] obj) => obj.Length == 0 ? 0 : obj[0] | (obj.Length << 8);
    }
}
