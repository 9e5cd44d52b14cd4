using System.Diagnostics;
using System.Globalization;
using OpenVerify.Logs;

namespace OpenVerify.Tests.Logs;

/// <summary>
/// The helper process of the crash tests: <c>dotnet OpenVerify.Tests.dll log-writer &lt;log&gt; &lt;receipt-key.pem&gt;
/// &lt;log-key.pem&gt; &lt;durability&gt;</c> appends receipts until it is killed, and prints <c>acked &lt;index&gt; &lt;receipt
/// id&gt;</c> after each append has returned (that is, once the log acknowledged it as durable).
/// </summary>
internal static class LogWriterProcess
{
    public const string Verb = "log-writer";

    /// <summary>The fifth argument that runs <see cref="RunSteps"/> instead of appending until killed.</summary>
    public const string Steps = "steps";

    /// <summary>The fifth argument that appends batched receipts (<see cref="RunBatched"/>) until killed.</summary>
    public const string Batched = "batched";

    public static int Run(string[] args)
    {
        if (args is [_, _, _, _, Steps])
        {
            return RunSteps(args);
        }

        if (args is [_, _, _, _, Batched])
        {
            return RunBatched(args).GetAwaiter().GetResult();
        }

        var (path, receiptKeyPem, logKeyPem, durability) = (args[0], File.ReadAllText(args[1]), File.ReadAllText(args[2]), Enum.Parse<LogDurability>(args[3]));
        using var receiptKey = SigningKey.ImportPem(receiptKeyPem);
        using var logKey = SigningKey.ImportPem(logKeyPem);
        using var log = ReceiptLog.Open(path, new ReceiptLogOptions { Durability = durability, TreeHeadSigner = logKey });
        var stdout = Console.Out;
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ready {log.Size}"));
        stdout.Flush();
        using var model = VerifiedModel.FromBytes(OpenVerify.Testing.TestModels.AddMul());
        var padding = new string('x', 3000);
        for (var i = log.Size; ; i++)
        {
            // A long nonce makes large lines, so a kill in the middle of a write is likely.
            var inputs = Tensors.AddMulInputs([i, 1, 2, 3]);
            var receipt = model.Run(inputs, new InferenceOptions { Signer = receiptKey, Nonce = padding }).Receipt;
            var index = log.Append(receipt);
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"acked {index} {receipt.Id}"));
            stdout.Flush();
            if (index % 50 == 49)
            {
                log.SignTreeHead();
            }
        }
    }

    /// <summary>
    /// <c>… log-writer &lt;log&gt; &lt;receipt-key&gt; &lt;log-key&gt; &lt;durability&gt; batched</c>: appends receipts
    /// through a <see cref="OpenVerify.Batching.BatchingSigner"/> that writes each signed batch to the log, made with
    /// <see cref="BatchedInference.RunValueAsync"/> (pooled awaitables), and prints <c>acked &lt;index&gt; &lt;receipt
    /// id&gt;</c> for each once its awaitable completed (the batch was signed and appended), until it is killed.
    /// </summary>
    private static async Task<int> RunBatched(string[] args)
    {
        const int BatchSize = 8;
        var (path, durability) = (args[0], Enum.Parse<LogDurability>(args[3]));
        using var receiptKey = SigningKey.ImportPem(File.ReadAllText(args[1]));
        using var logKey = SigningKey.ImportPem(File.ReadAllText(args[2]));
        using var log = ReceiptLog.Open(path, new ReceiptLogOptions { Durability = durability, TreeHeadSigner = logKey });
        var stdout = Console.Out;
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ready {log.Size}"));
        stdout.Flush();
        using var model = VerifiedModel.FromBytes(OpenVerify.Testing.TestModels.AddMul());
        await using var batching = new OpenVerify.Batching.BatchingSigner(receiptKey, new() { MaxBatchSize = BatchSize, MaxDelay = TimeSpan.FromHours(1), Log = log });
        var padding = new string('x', 3000);
        var pending = new ValueTask<Attested<TensorSet>>[BatchSize];
        for (var round = 0; ; round++)
        {
            // One full batch per round: its receipts are appended in leaf order after the log's current end.
            var first = log.Size;
            for (var i = 0; i < BatchSize; i++)
            {
                pending[i] = model.RunValueAsync(Tensors.AddMulInputs([first + i, 1, 2, 3]), batching, new InferenceOptions { Nonce = padding });
            }

            for (var i = 0; i < BatchSize; i++)
            {
                var receipt = (await pending[i]).Receipt;
                stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"acked {first + receipt.Envelope.Batch!.Index} {receipt.Id}"));
                stdout.Flush();
            }

            if (round % 6 == 5)
            {
                log.SignTreeHead();
            }
        }
    }

    /// <summary>
    /// The writer the strace test watches (<c>… log-writer &lt;log&gt; &lt;receipt-key&gt; &lt;log-key&gt; &lt;durability&gt;
    /// steps</c>): two batches of three receipts, each acknowledged by its own line <c>acked &lt;index&gt;</c> written to
    /// standard output (one write(2) each, after the append returned); then, under <see cref="LogDurability.Periodic"/>,
    /// <c>durable &lt;n&gt;</c> once the timer has made every receipt durable; then <c>flushed</c> after
    /// <see cref="ReceiptLog.Flush"/>, <c>head &lt;size&gt;</c> after <see cref="ReceiptLog.SignTreeHead"/>, and <c>closed</c>.
    /// </summary>
    private static int RunSteps(string[] args)
    {
        var (path, durability) = (args[0], Enum.Parse<LogDurability>(args[3]));
        using var receiptKey = SigningKey.ImportPem(File.ReadAllText(args[1]));
        using var logKey = SigningKey.ImportPem(File.ReadAllText(args[2]));
        using var model = VerifiedModel.FromBytes(OpenVerify.Testing.TestModels.AddMul());
        var receipts = Enumerable.Range(0, 6)
            .Select(i => model.Run(Tensors.AddMulInputs([i, 1, 2, 3]), new InferenceOptions { Signer = receiptKey, Nonce = $"n{i}" }).Receipt)
            .ToList();
        var stdout = Console.Out;
        void Say(string line)
        {
            stdout.WriteLine(line);
            stdout.Flush();
        }

        var log = ReceiptLog.Open(path, new ReceiptLogOptions { Durability = durability, TreeHeadSigner = logKey, FsyncInterval = TimeSpan.FromMilliseconds(50) });
        Say("ready");
        foreach (var batch in new[] { receipts[..3], receipts[3..] })
        {
            var first = log.AppendBatch(batch);
            for (var i = first; i < first + batch.Count; i++)
            {
                Say(string.Create(CultureInfo.InvariantCulture, $"acked {i}"));
            }
        }

        if (durability == LogDurability.Periodic)
        {
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (log.DurableSize < log.Size && DateTime.UtcNow < deadline)
            {
                Thread.Sleep(10);
            }

            Say(string.Create(CultureInfo.InvariantCulture, $"durable {log.DurableSize}"));
        }

        log.Flush();
        Say("flushed");
        Say(string.Create(CultureInfo.InvariantCulture, $"head {log.SignTreeHead().Head.TreeSize}"));
        log.Dispose();
        Say("closed");
        return 0;
    }

    /// <summary>Writes the test keys the helper signs with (receipt key, log key) into a folder; returns their paths.</summary>
    public static (string ReceiptKey, string LogKey) WriteKeys(TempFolder folder)
    {
        var (receiptKey, logKey) = (folder.File("receipt.pem"), folder.File("log.pem"));
        File.WriteAllText(receiptKey, ReceiptLogTests.ReceiptKey.ExportPkcs8Pem());
        File.WriteAllText(logKey, ReceiptLogTests.LogKey.ExportPkcs8Pem());
        return (receiptKey, logKey);
    }

    /// <summary>Starts the helper from this test assembly.</summary>
    public static Process Start(params string[] args)
    {
        var assembly = typeof(LogWriterProcess).Assembly.Location;
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } h ? h : "dotnet";
        var info = new ProcessStartInfo(host) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(assembly);
        info.ArgumentList.Add(Verb);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        return Process.Start(info) ?? throw new InvalidOperationException("The helper process did not start.");
    }
}
