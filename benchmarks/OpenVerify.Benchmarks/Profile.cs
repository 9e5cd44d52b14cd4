using System.Diagnostics;
using OpenVerify.Batching;

namespace OpenVerify.Benchmarks;

/// <summary>
/// One case in a loop for a while, for a sampling profiler:
/// <c>dotnet-trace collect --profile dotnet-sampled-thread-time -o x.nettrace -- dotnet OpenVerify.Benchmarks.dll profile single</c>,
/// then <c>dotnet-trace report x.nettrace topN --inclusive</c>.
/// Cases: <c>single</c>, <c>batched</c>, <c>batched-value</c> (tiny model), <c>verify-single</c>, <c>verify-batched</c>.
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
            "verify-single" => () => verification.Single(),
            "verify-batched" => () => verification.Batched(),
            _ => throw new ArgumentException($"Unknown case '{what}'; use single, batched, batched-value, verify-single or verify-batched."),
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
}
