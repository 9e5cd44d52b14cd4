using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using OpenVerify.Logs;

namespace OpenVerify.Tests.Logs;

/// <summary>
/// Durability a test can see. The crash test kills the writer with SIGKILL, which keeps the page cache, so it cannot
/// tell whether the log ever reaches the disk. Here the writer runs under <c>strace</c>, and the order of its system
/// calls shows that the log file is fsynced before each acknowledgement the durability policy promises; and a full
/// file system (a size-limited tmpfs this test mounts) fails a batch in the middle, which must leave the log as it was.
/// These need Linux, strace and root (for mount): without them they are skipped, except under <c>OPENVERIFY_CI=1</c>,
/// where they fail.
/// </summary>
public partial class DurabilityTests
{
    private const string Strace = "/usr/bin/strace";

    private static readonly Lazy<string?> StraceMissing = new(() =>
    {
        if (!OperatingSystem.IsLinux())
        {
            return "strace runs on Linux only";
        }

        if (!File.Exists(Strace))
        {
            return $"{Strace} is missing (Debian: apt-get install strace)";
        }

        var probe = Run(Strace, "-f", "-qq", "-o", "/dev/null", "/bin/true");
        return probe.ExitCode == 0 ? null : $"strace cannot trace here (ptrace not allowed?): {probe.Output}";
    });

    private static void Require(string? missing)
    {
        if (missing is null)
        {
            return;
        }

        if (Environment.GetEnvironmentVariable("OPENVERIFY_CI") == "1")
        {
            Assert.Fail($"OPENVERIFY_CI=1 and the durability test cannot run: {missing}");
        }

        Skip.If(true, missing);
    }

    [SkippableTheory]
    [InlineData(LogDurability.EveryEntry)]
    [InlineData(LogDurability.EveryBatch)]
    [InlineData(LogDurability.Periodic)]
    public void TheLogIsFsynced_BeforeEachAcknowledgementThePolicyPromises(LogDurability durability)
    {
        Require(StraceMissing.Value);
        using var folder = new TempFolder();
        var path = folder.File("log.jsonl");
        var (receiptKey, logKey) = LogWriterProcess.WriteKeys(folder);
        var trace = folder.File("trace.txt");

        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } h ? h : "dotnet";
        var run = Run(
            Strace, "-f", "--seccomp-bpf", "-qq", "-y", "-s", "64", "-o", trace,
            "-e", "trace=write,pwrite64,writev,pwritev,pwritev2,fsync,fdatasync",
            host, typeof(LogWriterProcess).Assembly.Location, LogWriterProcess.Verb, path, receiptKey, logKey, durability.ToString(), LogWriterProcess.Steps);
        run.ExitCode.ShouldBe(0, run.Output);
        run.Output.ShouldContain("closed");

        var events = ReadTrace(File.ReadAllLines(trace), path);
        var acks = events.Where(e => e.Kind == EventKind.Marker && e.Text.StartsWith("acked ", StringComparison.Ordinal)).ToList();
        acks.Select(a => a.Text).ShouldBe(Enumerable.Range(0, 6).Select(i => $"acked {i}"), "every acknowledgement is in the trace, in order");
        var writes = events.Where(e => e.Kind == EventKind.LogWrite).ToList();
        events.Count(e => e.Kind == EventKind.Fsync).ShouldBeGreaterThan(0, "the log file is fsynced at all");

        foreach (var ack in acks)
        {
            // Every policy: the receipt's line reached the file (the OS) before it was acknowledged.
            var written = LastBefore(writes, ack.Position).ShouldNotBeNull($"{ack.Text}: no write of the log file before it");
            if (durability != LogDurability.Periodic)
            {
                FsyncBetween(events, written.Position, ack.Position).ShouldBeTrue(
                    $"{durability}: '{ack.Text}' was acknowledged before the log file was fsynced after its last write (trace line {written.Position + 1} -> {ack.Position + 1})");
            }
        }

        if (durability == LogDurability.EveryEntry)
        {
            // Each receipt line is its own write, fsynced before the next line is written.
            var receiptWrites = writes.Where(w => w.Position < acks[^1].Position).ToList();
            receiptWrites.Count.ShouldBe(6);
            for (var i = 1; i < receiptWrites.Count; i++)
            {
                FsyncBetween(events, receiptWrites[i - 1].Position, receiptWrites[i].Position).ShouldBeTrue($"EveryEntry: receipt line {i - 1} was not fsynced before line {i} was written");
            }
        }

        // Promises every policy makes: DurableSize (Periodic, by the timer), Flush, a tree head, and closing.
        var promised = events.Where(e => e.Kind == EventKind.Marker && !e.Text.StartsWith("acked ", StringComparison.Ordinal)).ToList();
        promised.Select(p => p.Text.Split(' ')[0]).ShouldBe(durability == LogDurability.Periodic ? ["durable", "flushed", "head", "closed"] : ["flushed", "head", "closed"]);
        promised.Where(p => p.Text.StartsWith("durable ", StringComparison.Ordinal)).ShouldAllBe(p => p.Text == "durable 6");
        foreach (var marker in promised)
        {
            var written = LastBefore(writes, marker.Position).ShouldNotBeNull();
            FsyncBetween(events, written.Position, marker.Position).ShouldBeTrue(
                $"{durability}: '{marker.Text}' came before the log file was fsynced after its last write (trace line {written.Position + 1} -> {marker.Position + 1})");
        }
    }

    [SkippableTheory]
    [InlineData(LogDurability.EveryEntry)]
    [InlineData(LogDurability.EveryBatch)]
    [InlineData(LogDurability.Periodic)]
    public void AFileSystemThatFillsUp_MidBatch_LosesNothingAcknowledged_AndTheLogReopensCleanly(LogDurability durability)
    {
        using var folder = new TempFolder();
        var mount = folder.File("small-fs");
        Directory.CreateDirectory(mount);
        Require(OperatingSystem.IsLinux() ? null : "tmpfs mounts need Linux");
        var mounted = Run("mount", "-t", "tmpfs", "-o", "size=192k,mode=0700", "openverify-test", mount);
        Require(mounted.ExitCode == 0 ? null : $"cannot mount a small tmpfs (needs root): {mounted.Output}");
        try
        {
            var path = Path.Combine(mount, "log.jsonl");
            var filler = Path.Combine(mount, "filler");
            File.WriteAllBytes(filler, new byte[64 * 1024]);
            var acknowledged = new List<Receipt>();
            var options = new ReceiptLogOptions { Durability = durability, TreeHeadSigner = ReceiptLogTests.LogKey };
            using (var log = ReceiptLog.Open(path, options))
            {
                IOException? full = null;
                for (var round = 0; full is null && round < 200; round++)
                {
                    var batch = Enumerable.Range(acknowledged.Count, 4).Select(ReceiptLogTests.NewReceipt).ToList();
                    var (length, size, durable) = (new FileInfo(path).Length, log.Size, log.DurableSize);
                    try
                    {
                        log.AppendBatch(batch).ShouldBe(acknowledged.Count);
                        acknowledged.AddRange(batch);
                    }
                    catch (IOException e)
                    {
                        full = e;

                        // As it was before the batch: no byte of it in the file, nothing of it acknowledged.
                        new FileInfo(path).Length.ShouldBe(length, "the failed batch was cut off again");
                        log.Size.ShouldBe(size);
                        log.DurableSize.ShouldBe(durable);
                    }
                }

                full.ShouldNotBeNull("the small file system never filled up");
                full.ShouldNotBeOfType<LogFailedException>("a write that failed and was undone leaves the log usable");
                acknowledged.Count.ShouldBeGreaterThan(0);

                // Room again: the log goes on exactly where it was.
                File.Delete(filler);
                var more = Enumerable.Range(acknowledged.Count, 4).Select(ReceiptLogTests.NewReceipt).ToList();
                log.AppendBatch(more).ShouldBe(acknowledged.Count);
                acknowledged.AddRange(more);
                log.SignTreeHead().Head.TreeSize.ShouldBe(acknowledged.Count);
            }

            using (var reopened = ReceiptLog.Open(path, options))
            {
                reopened.Size.ShouldBe(acknowledged.Count);
                reopened.RecoveredBytes.ShouldBe(0);
            }

            LogFile.Read(path).Entries.Where(e => e.Kind == LogEntryKind.Receipt).Select(e => e.Receipt!.Id).ShouldBe(acknowledged.Select(r => r.Id));
            var verification = LogVerifier.Verify(path, ReceiptLogTests.Trust());
            verification.Succeeded.ShouldBeTrue(verification.Failure);
        }
        finally
        {
            Run("umount", "-l", mount);
        }
    }

    private enum EventKind
    {
        LogWrite,
        Fsync,
        Marker,
    }

    private sealed record TraceEvent(int Position, EventKind Kind, string Text);

    private static TraceEvent? LastBefore(List<TraceEvent> events, int position) => events.LastOrDefault(e => e.Position < position);

    private static bool FsyncBetween(List<TraceEvent> events, int after, int before) =>
        events.Any(e => e.Kind == EventKind.Fsync && e.Position > after && e.Position < before);

    /// <summary>
    /// Reads <c>strace -f -y</c> output: writes to the log file (where they start), fsyncs of it that returned 0 (where
    /// they returned: an interrupted call ends at its "resumed" line), and the writer's markers on standard output
    /// (where their write starts). Positions are line numbers in the trace, which strace writes in time order.
    /// </summary>
    private static List<TraceEvent> ReadTrace(string[] lines, string logPath)
    {
        var events = new List<TraceEvent>();
        var pendingFsync = new HashSet<string>();
        for (var i = 0; i < lines.Length; i++)
        {
            var line = TraceLine().Match(lines[i]);
            if (!line.Success)
            {
                continue;
            }

            var (pid, body) = (line.Groups["pid"].Value, line.Groups["body"].Value);
            var resumed = Resumed().Match(body);
            if (resumed.Success)
            {
                if (pendingFsync.Remove(pid) && resumed.Groups["result"].Value == "0")
                {
                    events.Add(new(i, EventKind.Fsync, body));
                }

                continue;
            }

            var call = Call().Match(body);
            if (!call.Success)
            {
                continue;
            }

            var (name, target, rest) = (call.Groups["name"].Value, call.Groups["path"].Value, call.Groups["rest"].Value);
            var unfinished = rest.EndsWith("<unfinished ...>", StringComparison.Ordinal);
            if (name is "fsync" or "fdatasync" && target == logPath)
            {
                if (unfinished)
                {
                    pendingFsync.Add(pid);
                }
                else if (rest.EndsWith(" = 0", StringComparison.Ordinal))
                {
                    events.Add(new(i, EventKind.Fsync, body));
                }
            }
            else if (name.StartsWith("write", StringComparison.Ordinal) || name.StartsWith("pwrite", StringComparison.Ordinal))
            {
                if (target == logPath)
                {
                    events.Add(new(i, EventKind.LogWrite, body));
                }
                else if (Marker().Match(rest) is { Success: true } marker)
                {
                    // The runtime writes standard output through a duplicate of fd 1, so markers are told by their text.
                    events.Add(new(i, EventKind.Marker, marker.Groups["text"].Value));
                }
            }
        }

        return events;
    }

    [GeneratedRegex(@"^(?<pid>\d+)\s+(?<body>.*)$")]
    private static partial Regex TraceLine();

    [GeneratedRegex(@"^<\.\.\. (?<name>\w+) resumed>.*= (?<result>-?\d+)")]
    private static partial Regex Resumed();

    [GeneratedRegex(@"^(?<name>\w+)\((?<fd>\d+)<(?<path>[^>]*)>(?<rest>.*)$")]
    private static partial Regex Call();

    [GeneratedRegex(@"^, ""(?<text>acked \d+|durable \d+|flushed|head \d+|closed)\\n""")]
    private static partial Regex Marker();

    private static (int ExitCode, string Output) Run(string file, params string[] args)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        try
        {
            using var process = Process.Start(info)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, string.Create(CultureInfo.InvariantCulture, $"{stdout.Result}{stderr}"));
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (-1, e.Message);
        }
    }
}
