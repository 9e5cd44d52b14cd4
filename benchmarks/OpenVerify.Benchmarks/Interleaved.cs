using System.Diagnostics;
using System.Globalization;

namespace OpenVerify.Benchmarks;

/// <summary>
/// A cross-check for noisy machines: runs the tiny-model cases in alternating rounds (raw, per-receipt, batched, raw,
/// …) so that load from other processes hits every case alike, and prints the median time per inference of each and
/// its ratio to raw.
/// </summary>
public static class Interleaved
{
    public static void Run()
    {
        var tiny = new TinyModel();
        tiny.Setup();
        var two = new TinyModelTwoThreads();
        two.Setup();
        var verification = new Verification();
        verification.Setup();
        var cases = new (string Name, int Ops, Action Body)[]
        {
            ("tiny raw", 1024, () => tiny.Raw()),
            ("tiny verified, per-receipt", 1024, () => tiny.PerReceipt()),
            ("tiny verified, batched", 1024, () => tiny.Batched().GetAwaiter().GetResult()),
            ("tiny raw, 2 threads", 2048, two.Raw),
            ("tiny verified batched, 2 threads", 2048, two.Batched),
            ("verify single-signed", 1024, () => verification.Single()),
            ("verify batched", 1024, () => verification.Batched()),
            ("verify batched, proof only", 1024, () => verification.InclusionOnly()),
        };
        var samples = cases.Select(_ => new List<double>()).ToArray();
        for (var round = 0; round < 15; round++)
        {
            for (var c = 0; c < cases.Length; c++)
            {
                var watch = Stopwatch.StartNew();
                cases[c].Body();
                samples[c].Add(watch.Elapsed.TotalMicroseconds / cases[c].Ops);
            }
        }

        double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
        for (var c = 0; c < cases.Length; c++)
        {
            var baseline = c < 3 ? Median(samples[0]) : c < 5 ? Median(samples[3]) : Median(samples[5]);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{cases[c].Name,-36} {Median(samples[c]),10:F2} us/op   ratio {Median(samples[c]) / baseline,6:F2}   ({1e6 / Median(samples[c]),10:F0} ops/s)"));
        }

        tiny.Cleanup();
        two.Cleanup();
    }
}
