using System.Diagnostics;
using OpenVerify.Batching;

namespace OpenVerify.Benchmarks;

/// <summary>
/// One case in a loop for a while, for a sampling profiler:
/// <c>dotnet-trace collect --profile dotnet-sampled-thread-time -o x.nettrace -- dotnet OpenVerify.Benchmarks.dll profile single</c>,
/// then <c>dotnet-trace report x.nettrace topN --inclusive</c>.
/// Cases: <c>single</c>, <c>batched</c>, <c>batched-value</c> (tiny model), <c>verify-single</c>, <c>verify-batched</c>;
/// <c>batched-2</c> and <c>raw-2</c>: two calling threads (named <c>caller-0</c> and <c>caller-1</c>), each running 1024
/// receipts (or raw runs) per round, for the two-thread row: <c>perf report --sort comm</c> then splits the process's CPU
/// time between the callers, the batch sealer (<c>OpenVerify batc</c>, the name cut to 15 characters) and the thread
/// pool (<c>.NET TP Worker</c>).
/// </summary>
public static class Profile
{
    public static void Run(string what, TimeSpan duration)
    {
        using var pair = new ModelPair(Fixtures.TinyModel);
        var options = new InferenceOptions { Signer = Fixtures.Key, Method = "Benchmarks.Run" };
        var batcher = new BatchingSigner(Fixtures.Key, new BatchingSignerOptions { MaxBatchSize = 1024, MaxDelay = TimeSpan.FromMilliseconds(5) });
        var verification = new Verification();
        verification.Setup();
        Action body = what switch
        {
            "single" => () => pair.Verified.Run(pair.Inputs, options),
            "batched" => () =>
            {
                var tasks = new Task<Attested<TensorSet>>[1024];
                for (var i = 0; i < tasks.Length; i++)
                {
                    tasks[i] = pair.Verified.RunAsync(pair.Inputs, batcher, options);
                }

                Task.WaitAll(tasks);
            },
            "batched-value" => () =>
            {
                var values = new ValueTask<Attested<TensorSet>>[1024];
                for (var i = 0; i < values.Length; i++)
                {
                    values[i] = pair.Verified.RunValueAsync(pair.Inputs, batcher, options);
                }

                Interleaved.AwaitEach(values).GetAwaiter().GetResult();
            },
            "batched-2" => () => TwoThreads(() => pair.Verified.RunAsync(pair.Inputs, batcher)),
            "raw-2" => () => TwoThreads(() => Task.FromResult(pair.RunRaw())),
            "verify-single" => () => verification.Single(),
            "verify-batched" => () => verification.Batched(),
            _ => throw new ArgumentException($"Unknown case '{what}'; use single, batched, batched-value, batched-2, raw-2, verify-single or verify-batched."),
        };
        var watch = Stopwatch.StartNew();
        var runs = 0;
        while (watch.Elapsed < duration)
        {
            body();
            runs++;
        }

        batcher.DisposeAsync().AsTask().GetAwaiter().GetResult();
        Console.WriteLine($"{what}: {runs} runs in {watch.Elapsed.TotalSeconds:F1} s");
    }

    /// <summary>Two named threads, each starting 1024 calls; then every call's task is awaited.</summary>
    private static void TwoThreads(Func<Task> call)
    {
        const int PerThread = 1024;
        var tasks = new Task[2 * PerThread];
        var workers = new Thread[2];
        for (var t = 0; t < workers.Length; t++)
        {
            var offset = t * PerThread;
            workers[t] = new Thread(() =>
            {
                for (var i = 0; i < PerThread; i++)
                {
                    tasks[offset + i] = call();
                }
            })
            { Name = $"caller-{t}" };
            workers[t].Start();
        }

        foreach (var worker in workers)
        {
            worker.Join();
        }

        Task.WaitAll(tasks);
    }
}
