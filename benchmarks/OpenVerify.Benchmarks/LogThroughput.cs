using System.Diagnostics;
using System.Globalization;
using OpenVerify.Logs;

namespace OpenVerify.Benchmarks;

/// <summary>
/// Receipt-log appends per second on this host, per durability policy, for the JSON Lines log and the tiled log
/// (docs/scale-out.md), with bytes per entry on disk and the tiles a log holds. Receipts are signed beforehand, so
/// this measures the log alone: the writes, fsyncs and Merkle hashing.
/// <c>dotnet run -c Release --project benchmarks/OpenVerify.Benchmarks -- logs [receipts]</c>
/// </summary>
public static class LogThroughput
{
    public static void Run(int count)
    {
        using var key = SigningKey.Generate();
        using var model = VerifiedModel.FromBytes(OpenVerify.Testing.TestModels.AddMul());
        var receipts = Enumerable.Range(0, count).Select(i => model.Run(
            new TensorSet([new("a", TensorValue.Create(new float[] { i, 1, 2, 3 }, 1, 4)), new("b", TensorValue.Create(new float[] { 1, 1, 1, 1 }, 1, 4))]),
            new InferenceOptions { Signer = key }).Receipt).ToList();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{count} receipts, envelope {receipts[0].ToJson().Length} bytes; {Environment.ProcessorCount} cores, {Environment.OSVersion}"));
        Console.WriteLine("| log | policy | batch | entries/s | bytes/entry |");
        Console.WriteLine("|---|---|---|---:|---:|");
        foreach (var (policy, batch) in new[] { (LogDurability.EveryEntry, 1), (LogDurability.EveryBatch, 1), (LogDurability.EveryBatch, 64), (LogDurability.Periodic, 1) })
        {
            // EveryEntry and a batch of one fsync once per receipt: fewer receipts keep the run short.
            var n = batch == 1 && policy != LogDurability.Periodic ? Math.Min(count, 500) : count;
            Measure("JSON Lines", policy, batch, n, dir =>
            {
                var path = Path.Combine(dir, "log.jsonl");
                var log = ReceiptLog.Open(path, new ReceiptLogOptions { Durability = policy });
                return (rs => log.AppendBatch(rs), log, () => new FileInfo(path).Length);
            }, receipts);
            Measure("tiles", policy, batch, n, dir =>
            {
                var log = TileLog.Open(dir, new TileLogOptions { Durability = policy });
                return (rs => log.AppendBatch(rs), log, () => Directory.EnumerateFiles(Path.Combine(dir, "tile"), "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length));
            }, receipts);
        }
    }

    private static void Measure(string name, LogDurability policy, int batch, int n, Func<string, (Action<IReadOnlyList<Receipt>> Append, IDisposable Log, Func<long> Bytes)> open, List<Receipt> receipts)
    {
        var dir = Directory.CreateTempSubdirectory("openverify-log-bench-").FullName;
        try
        {
            var (append, log, bytes) = open(dir);
            var watch = Stopwatch.StartNew();
            for (var i = 0; i < n; i += batch)
            {
                append(receipts.GetRange(i, Math.Min(batch, n - i)));
            }

            log.Dispose();
            watch.Stop();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {name} | {policy} | {batch} | {n / watch.Elapsed.TotalSeconds:F0} | {(double)bytes() / n:F0} |"));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
