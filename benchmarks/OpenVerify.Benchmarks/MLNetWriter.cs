using System.Globalization;

namespace OpenVerify.Benchmarks;

/// <summary>
/// The ML.NET prediction receipt writer (<see cref="MLNetReceiptWriter"/>) on a tabular row (30 float features in, a
/// label, a score and a probability out), interleaved with its floor in the same rounds: SHA-256 over the row's element
/// bytes and the statement, and one Ed25519 signature over the PAE. Prints µs per receipt (process CPU time, or wall
/// time with <c>OV_BENCH_CLOCK=wall</c>) and bytes allocated per receipt.
/// <c>dotnet run -c Release --project benchmarks/OpenVerify.Benchmarks -- mlnet-writer [rounds]</c>.
/// </summary>
public static class MLNetWriter
{
    public static void Run(int rounds)
    {
        const int Ops = 512;
        var key = Fixtures.Key;
        var writer = new MLNetReceiptWriter("models/classifier.zip", Sha256Digest.Compute([1, 2, 3]), "5.0.1");
        var inputs = new TensorSet([new("Features", TensorValue.Create(Enumerable.Range(0, 30).Select(i => i * 0.5f).ToArray(), 30))]);
        var outputs = new TensorSet([
            new("PredictedLabel", TensorValue.Create([true], 1)),
            new("Score", TensorValue.Create([1.25f], 1)),
            new("Probability", TensorValue.Create([0.75f], 1)),
        ]);
        var options = new InferenceOptions { Signer = key, Method = "Benchmarks.Predict" };
        var payload = writer.Sign(inputs, outputs, options).Envelope.Payload;
        var pae = Dsse.Pae(MLNetReceipts.PayloadType, payload);
        var rowBytes = new byte[(30 * 4) + 1 + 4 + 4];
        var sink = 0L;
        var cases = new (string Name, Action Body)[]
        {
            ("floor (SHA-256 row and statement + Ed25519 sign)", () =>
            {
                for (var i = 0; i < Ops; i++)
                {
                    sink += System.Security.Cryptography.SHA256.HashData(rowBytes)[0] + System.Security.Cryptography.SHA256.HashData(payload)[0] + key.Sign(pae)[0];
                }
            }),
            ("MLNetReceiptWriter.Sign", () =>
            {
                for (var i = 0; i < Ops; i++)
                {
                    sink += writer.Sign(inputs, outputs, options).Envelope.Payload.Length;
                }
            }),
        };

        var wall = Environment.GetEnvironmentVariable("OV_BENCH_CLOCK") == "wall";
        var samples = cases.Select(_ => new List<double>()).ToArray();
        foreach (var c in cases)
        {
            c.Body();
        }

        for (var round = 0; round < rounds; round++)
        {
            for (var c = 0; c < cases.Length; c++)
            {
                var cpu = Environment.CpuUsage.TotalTime;
                var watch = System.Diagnostics.Stopwatch.StartNew();
                cases[c].Body();
                var elapsed = wall ? watch.Elapsed : Environment.CpuUsage.TotalTime - cpu;
                samples[c].Add(elapsed.TotalMicroseconds / Ops);
            }
        }

        var before = GC.GetTotalAllocatedBytes(precise: true);
        cases[1].Body();
        var bytes = (GC.GetTotalAllocatedBytes(precise: true) - before) / (double)Ops;
        GC.KeepAlive(sink);
        var medians = samples.Select(s => s.Order().ElementAt(s.Count / 2)).ToArray();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{rounds} rounds, medians of {(wall ? "wall" : "process CPU")} time; statement {payload.Length} B"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{cases[0].Name,-52} {medians[0],10:F2} us/op"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{cases[1].Name,-52} {medians[1],10:F2} us/op = {medians[1] / medians[0]:F2}x floor; {bytes:F0} B allocated per receipt"));
    }
}
