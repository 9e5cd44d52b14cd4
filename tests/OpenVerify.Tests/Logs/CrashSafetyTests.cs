using System.Globalization;
using OpenVerify.Logs;

namespace OpenVerify.Tests.Logs;

/// <summary>Kills a writer process (SIGKILL) in the middle of its appends and reopens the log: everything the log
/// acknowledged as durable is there, and only an unterminated last line is cut.</summary>
public class CrashSafetyTests
{
    [Theory]
    [InlineData(LogDurability.EveryEntry, 120)]
    [InlineData(LogDurability.EveryBatch, 300)]
    public void KillingTheWriter_LosesNothingAcknowledged(LogDurability durability, int acksBeforeKill) =>
        KillAndCheck(durability, acksBeforeKill);

    /// <summary>The same with batched receipts awaited through pooled awaitables (<see cref="BatchedInference.RunValueAsync"/>):
    /// a receipt whose awaitable completed is in the log after the kill.</summary>
    [Fact]
    public void KillingABatchedWriter_LosesNoReceiptWhoseAwaitableCompleted() =>
        KillAndCheck(LogDurability.EveryBatch, 120, LogWriterProcess.Batched);

    private static void KillAndCheck(LogDurability durability, int acksBeforeKill, params string[] mode)
    {
        using var folder = new TempFolder();
        var path = folder.File("log.jsonl");
        var (receiptKey, logKey) = LogWriterProcess.WriteKeys(folder);

        var acknowledged = new Dictionary<long, string>();
        for (var round = 0; round < 3; round++)
        {
            using var writer = LogWriterProcess.Start([path, receiptKey, logKey, durability.ToString(), .. mode]);
            var first = writer.StandardOutput.ReadLine() ?? throw Died(writer);
            first.ShouldBe($"ready {acknowledged.Count}", "the reopened log holds exactly what was acknowledged, or more");
            var seen = 0;
            while (seen < acksBeforeKill)
            {
                var line = writer.StandardOutput.ReadLine() ?? throw Died(writer);
                var parts = line.Split(' ');
                parts[0].ShouldBe("acked");
                acknowledged[long.Parse(parts[1], CultureInfo.InvariantCulture)] = parts[2];
                seen++;
            }

            // SIGKILL while it keeps appending: no flush, no dispose, no finally blocks.
            writer.Kill(entireProcessTree: true);
            writer.WaitForExit();

            // The writer may have appended a few more (acknowledged after our last read, or torn): reopen and check.
            var contents = LogFile.Read(path);
            var ids = contents.Entries.Where(e => e.Kind == LogEntryKind.Receipt).Select(e => e.Receipt!.Id.ToString()).ToList();
            foreach (var (index, id) in acknowledged)
            {
                ids.Count.ShouldBeGreaterThan((int)index);
                ids[(int)index].ShouldBe(id);
            }

            using (var log = ReceiptLog.Open(path, new ReceiptLogOptions { TreeHeadTrust = ReceiptLogTests.Trust() }))
            {
                log.Size.ShouldBe(ids.Count);
                log.DurableSize.ShouldBe(ids.Count);
            }

            // The next round starts where the recovered log ends; forget unacknowledged extras for the "ready" check.
            for (var i = acknowledged.Count; i < ids.Count; i++)
            {
                acknowledged[i] = ids[i];
            }
        }

        var verification = LogVerifier.Verify(path, ReceiptLogTests.Trust());
        verification.Succeeded.ShouldBeTrue(verification.Failure);
        verification.TreeHeads.ShouldBeGreaterThan(0);
    }

    private static Xunit.Sdk.XunitException Died(System.Diagnostics.Process writer)
    {
        writer.WaitForExit();
        return new Xunit.Sdk.XunitException($"The writer process ended early (exit code {writer.ExitCode}): {writer.StandardError.ReadToEnd()}");
    }
}
