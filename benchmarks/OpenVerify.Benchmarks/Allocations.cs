using System.Globalization;
using OpenVerify.Batching;

namespace OpenVerify.Benchmarks;

/// <summary>
/// Bytes allocated per receipt, exactly: <see cref="GC.GetTotalAllocatedBytes(bool)"/> (precise) around many receipts
/// of each path on the tiny and medium models, and per verification of the tiny model's receipts, every thread of the
/// process counted (the batch sealer too). A quick
/// check beside BenchmarkDotNet's MemoryDiagnoser, which counts the calling thread's allocations only.
/// <c>dotnet run -c Release --project benchmarks/OpenVerify.Benchmarks -- allocations</c>.
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

                    Task.WaitAll(tasks);
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
}
