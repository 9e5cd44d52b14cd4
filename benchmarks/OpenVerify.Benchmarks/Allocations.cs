using System.Globalization;
using OpenVerify.Batching;

namespace OpenVerify.Benchmarks;

/// <summary>
/// Bytes allocated per receipt, exactly: <see cref="GC.GetTotalAllocatedBytes(bool)"/> (precise) around many receipts
/// of each path on the tiny and medium models, and per verification of the tiny model's receipts, every thread of the
/// process counted (the batch sealer too). A quick
/// check beside BenchmarkDotNet's MemoryDiagnoser, which counts the calling thread's allocations only.
/// <c>dotnet run -c Release --project benchmarks/OpenVerify.Benchmarks -- allocations</c>; with <c>objects</c>, what a
/// batched receipt allocates object by object (<see cref="Objects"/>).
/// </summary>
public static class Allocations
{
    public static void Run()
    {
        const int Receipts = 1024;
        foreach (var (name, bytes) in new[] { ("tiny", Fixtures.TinyModel), ("medium", Fixtures.MediumModel) })
        {
            using var pair = new ModelPair(bytes);
            var options = new InferenceOptions { Signer = Fixtures.Key, Method = "Benchmarks.Run" };
            var batcher = new BatchingSigner(Fixtures.Key, new BatchingSignerOptions { MaxBatchSize = Receipts, MaxDelay = TimeSpan.FromMilliseconds(5) });
            var tasks = new Task<Attested<TensorSet>>[Receipts];
            var values = new ValueTask<Attested<TensorSet>>[Receipts];
            var cases = new (string Name, Action Body)[]
            {
                ("raw InferenceSession.Run", () => { for (var i = 0; i < Receipts; i++) { pair.RunRaw(); } }),
                ("verified, a signature per receipt", () => { for (var i = 0; i < Receipts; i++) { pair.Verified.Run(pair.Inputs, options); } }),
                ("verified, batched (all receipts signed)", () =>
                {
                    for (var i = 0; i < Receipts; i++)
                    {
                        tasks[i] = pair.Verified.RunAsync(pair.Inputs, batcher, options);
                    }

                    Interleaved.AwaitEach(tasks).GetAwaiter().GetResult();
                }),
                ("verified, batched, ValueTask (all signed)", () =>
                {
                    for (var i = 0; i < Receipts; i++)
                    {
                        values[i] = pair.Verified.RunValueAsync(pair.Inputs, batcher, options);
                    }

                    Interleaved.AwaitEach(values).GetAwaiter().GetResult();
                }),
            };
            foreach (var (caseName, body) in cases)
            {
                body();
                body();
                var before = GC.GetTotalAllocatedBytes(precise: true);
                for (var round = 0; round < 5; round++)
                {
                    body();
                }

                var perReceipt = (GC.GetTotalAllocatedBytes(precise: true) - before) / (5.0 * Receipts);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-7} {caseName,-42} {perReceipt,8:F0} B per receipt"));
            }

            batcher.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }

        // Verification: the same receipts as the interleaved runner's verification rows (Verification.Receipts of them).
        var verification = new Verification();
        verification.Setup();
        foreach (var (caseName, body) in new (string, Func<int>)[] { ("verify single-signed, full", verification.Single), ("verify batched, full (root cached)", verification.Batched), ("verify batched, membership only", verification.MembershipOnly) })
        {
            body();
            body();
            var before = GC.GetTotalAllocatedBytes(precise: true);
            for (var round = 0; round < 5; round++)
            {
                body();
            }

            var perReceipt = (GC.GetTotalAllocatedBytes(precise: true) - before) / (5.0 * Verification.Receipts);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"tiny    {caseName,-42} {perReceipt,8:F0} B per receipt"));
        }
    }

    /// <summary>
    /// What one batched receipt allocates, part by part (tiny and medium models, no method, nonce or audience, as
    /// BenchmarkDotNet's <c>TinyModel</c> runs them): on the calling thread, step by step
    /// (<see cref="GC.GetAllocatedBytesForCurrentThread"/> around each step), and off it (every thread counted, less the
    /// calling thread's own), with the size of each object the seal makes per receipt, each made alone.
    /// <c>dotnet run -c Release --project benchmarks/OpenVerify.Benchmarks -- allocations objects</c>.
    /// </summary>
    public static void Objects()
    {
        const int Receipts = 1024;
        foreach (var (name, bytes) in new[] { ("tiny", Fixtures.TinyModel), ("medium", Fixtures.MediumModel) })
        {
            using var pair = new ModelPair(bytes);
            var model = pair.Verified;
            var noOptions = new InferenceOptions();
            var quiet = new BatchingSigner(Fixtures.Key, new BatchingSignerOptions { MaxBatchSize = 1 << 16, MaxDelay = TimeSpan.FromHours(1) });
            var batcher = new BatchingSigner(Fixtures.Key, new BatchingSignerOptions { MaxBatchSize = Receipts, MaxDelay = TimeSpan.FromSeconds(10) });
            var tasks = new Task<Attested<TensorSet>>[Receipts];
            var values = new ValueTask<Attested<TensorSet>>[Receipts];
            var sink = 0L;
            var payload = model.Run(pair.Inputs, new InferenceOptions { Signer = Fixtures.Key }).Receipt.Envelope.Payload;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"model {name}: statement {payload.Length} B; bytes per receipt"));

            // The calling thread, step by step.
            Line("calling thread: run, digests, statement (the outputs)", PerCall(() => sink += model.RunAndWriteStatement(pair.Inputs, noOptions, out _).Count));
            Line("calling thread: the payload copy", PerCall(() =>
            {
                model.RunAndWriteStatement(pair.Inputs, noOptions, out var statement);
                sink += statement.ToArray().Length;
            }) - PerCall(() => sink += model.RunAndWriteStatement(pair.Inputs, noOptions, out _).Count));
            Line("calling thread: RunAsync, all of it", PerCall(i => tasks[i] = model.RunAsync(pair.Inputs, quiet), () =>
            {
                quiet.FlushAsync().GetAwaiter().GetResult();
                Interleaved.AwaitEach(tasks).GetAwaiter().GetResult();
            }));
            Line("calling thread: RunValueAsync, all of it", PerCall(i => values[i] = model.RunValueAsync(pair.Inputs, quiet), () =>
            {
                quiet.FlushAsync().GetAwaiter().GetResult();
                Interleaved.AwaitEach(values).GetAwaiter().GetResult();
            }));

            // Every thread: the batches sealed (1024 per root), the results taken.
            var (rawAll, _) = EveryThread(() => { for (var i = 0; i < Receipts; i++) { pair.RunRaw(); } }, Receipts);
            var (runAll, runCalling) = EveryThread(() =>
            {
                for (var i = 0; i < Receipts; i++)
                {
                    tasks[i] = model.RunAsync(pair.Inputs, batcher);
                }

                Interleaved.AwaitEach(tasks).GetAwaiter().GetResult();
            }, Receipts);
            var (valueAll, valueCalling) = EveryThread(() =>
            {
                for (var i = 0; i < Receipts; i++)
                {
                    values[i] = model.RunValueAsync(pair.Inputs, batcher);
                }

                Interleaved.AwaitEach(values).GetAwaiter().GetResult();
            }, Receipts);
            Line("raw InferenceSession.Run, every thread", rawAll);
            Line("RunAsync + await each, every thread", runAll);
            Line("  of which off the calling thread (seal, completion)", runAll - runCalling);
            Line("RunValueAsync + await each, every thread", valueAll);
            Line("  of which off the calling thread (seal, completion)", valueAll - valueCalling);

            // The seal's objects, each made alone.
            var receipt = tasks[0].Result.Receipt;
            var root = receipt.Envelope.Batch!.Root;
            var tree = new BatchTree(Receipts);
            Line("seal: the tree's hashes (BatchTree of 1024, per leaf)", PerCall(() => sink += new BatchTree(Receipts).Size) / Receipts);
            Line("seal: BatchInclusion (proof computed when read)", PerCall(() => sink += new BatchInclusion(tree, 0, root).TreeSize));
            Line("  (a parsed BatchInclusion, proof given)", PerCall(() => sink += new BatchInclusion(0, Receipts, receipt.Envelope.Batch.Proof, root).TreeSize));
            Line("seal: DsseEnvelope", PerCall(() => sink += new DsseEnvelope(Receipt.PayloadType, payload, receipt.Envelope.Batch).Payload.Length));
            Line("seal: Receipt", PerCall(() => sink += new Receipt(receipt.Envelope, producedHere: true).GetHashCode()));
            Line("seal: Attested<TensorSet>", PerCall(() => sink += new Attested<TensorSet>(pair.Inputs, receipt).GetHashCode()));
            Line("seal: root envelope and signature (per batch)", PerCall(() => sink += DsseEnvelope.Sign(BatchRoot.PayloadType, root.Payload, Fixtures.Key).Payload.Length));
            Line("a TaskCompletionSource<Attested<TensorSet>> and its Task", PerCall(() => sink += new TaskCompletionSource<Attested<TensorSet>>(TaskCreationOptions.RunContinuationsAsynchronously).Task.Id));
            var outputs = model.RunCore(pair.Inputs);
            var output = outputs.Values.Single();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  (outputs: {outputs.Count} tensor, {output.ElementType} {output.ElementCount} elements)"));
            quiet.DisposeAsync().AsTask().GetAwaiter().GetResult();
            batcher.DisposeAsync().AsTask().GetAwaiter().GetResult();
            GC.KeepAlive(sink);
        }

        static void Line(string what, double bytes) => Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {what,-58} {bytes,8:F0} B"));
    }

    /// <summary>Bytes the calling thread allocates per call, after two warm-up rounds.</summary>
    private static double PerCall(Action body) => PerCall(_ => body(), null);

    private static double PerCall(Action<int> body, Action? after)
    {
        const int Calls = 1024;
        double perCall = 0;
        for (var round = 0; round < 3; round++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < Calls; i++)
            {
                body(i);
            }

            perCall = (GC.GetAllocatedBytesForCurrentThread() - before) / (double)Calls;
            after?.Invoke();
        }

        return perCall;
    }

    /// <summary>Bytes per receipt, every thread and the calling thread's own, after two warm-up rounds.</summary>
    private static (double All, double Calling) EveryThread(Action body, int receipts)
    {
        body();
        body();
        var all = GC.GetTotalAllocatedBytes(precise: true);
        var calling = GC.GetAllocatedBytesForCurrentThread();
        for (var round = 0; round < 5; round++)
        {
            body();
        }

        return ((GC.GetTotalAllocatedBytes(precise: true) - all) / (5.0 * receipts), (GC.GetAllocatedBytesForCurrentThread() - calling) / (5.0 * receipts));
    }
}
