using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace OpenVerify.Logs;

/// <summary>A complete line of a receipt log that is not a valid entry, or a log that breaks its own history (shorter
/// than a tree head kept for it, or a head that does not match its receipts). The log is refused, never repaired.</summary>
public sealed class LogCorruptException : OpenVerifyException
{
    /// <summary>Creates the exception.</summary>
    public LogCorruptException(string message, long? line = null, Exception? innerException = null)
        : base(message, innerException) => Line = line;

    /// <summary>The 1-based line number of the bad line, when one line is to blame.</summary>
    public long? Line { get; }
}

/// <summary>A second writer tried to open a receipt log that a writer holds.</summary>
public sealed class LogLockedException : OpenVerifyException
{
    /// <summary>Creates the exception.</summary>
    public LogLockedException(string message, Exception? innerException = null) : base(message, innerException) { }
}

/// <summary>What a line of a receipt log is.</summary>
public enum LogEntryKind
{
    /// <summary>A receipt (<c>"type":"receipt"</c>).</summary>
    Receipt,

    /// <summary>A signed tree head (<c>"type":"tree-head"</c>).</summary>
    TreeHead,
}

/// <summary>One line of a receipt log.</summary>
/// <param name="Line">The 1-based line number.</param>
/// <param name="Kind">Receipt or tree head.</param>
/// <param name="ReceiptIndex">For a receipt: its index (0-based, counting receipts only); for a tree head: the number of
/// receipts before it.</param>
/// <param name="Receipt">The receipt, for a receipt line.</param>
/// <param name="TreeHead">The signed tree head, for a tree-head line (not yet verified).</param>
public sealed record LogEntry(long Line, LogEntryKind Kind, long ReceiptIndex, Receipt? Receipt, SignedTreeHead? TreeHead);

/// <summary>A receipt log as read from disk.</summary>
/// <param name="Entries">Every complete line, in order.</param>
/// <param name="ValidLength">The length in bytes of the complete lines.</param>
/// <param name="CutBytes">Bytes after them that recovery cuts (an unterminated last line, trailing zero bytes).</param>
public sealed record LogContents(IReadOnlyList<LogEntry> Entries, long ValidLength, long CutBytes)
{
    /// <summary>The number of receipts.</summary>
    public long ReceiptCount => Entries.Count(e => e.Kind == LogEntryKind.Receipt);
}

/// <summary>The line format and the recovery rules of receipt logs (docs/spec/batch-v1.md, "Receipt log").</summary>
public static partial class LogFile
{
    /// <summary>
    /// Reads a log strictly. Only an unterminated last line and trailing zero bytes are left out (reported as
    /// <see cref="LogContents.CutBytes"/>); every complete line must be a valid entry and receipts must be numbered
    /// 0, 1, 2, …. Tree heads are read as envelopes only: their payloads are parsed once their signatures verify
    /// (<see cref="LogVerifier"/>, <see cref="ReceiptLog.Open"/>), which then check that each covers exactly the
    /// receipts before it.
    /// </summary>
    /// <exception cref="LogCorruptException">A complete line is not a valid entry (the message and
    /// <see cref="LogCorruptException.Line"/> give its line number).</exception>
    public static LogContents Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        return Read(stream);
    }

    internal static LogContents Read(Stream stream)
    {
        stream.Position = 0;
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return Parse(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
    }

    internal static LogContents Parse(ReadOnlySpan<byte> data)
    {
        // Trailing zero bytes (a file extended by a crash before its data reached the disk) may be cut.
        var end = data.Length;
        while (end > 0 && data[end - 1] == 0)
        {
            end--;
        }

        // Then only an unterminated last line may be cut.
        var validLength = data[..end].LastIndexOf((byte)'\n') + 1;
        var entries = new List<LogEntry>();
        long receipts = 0;
        var position = 0;
        long line = 0;
        while (position < validLength)
        {
            line++;
            var length = data[position..validLength].IndexOf((byte)'\n');
            var entry = ParseLine(data.Slice(position, length), line, receipts);
            if (entry.Kind == LogEntryKind.Receipt)
            {
                receipts++;
            }

            entries.Add(entry);
            position += length + 1;
        }

        return new LogContents(entries, validLength, data.Length - validLength);
    }

    private static LogEntry ParseLine(ReadOnlySpan<byte> text, long line, long receiptsBefore)
    {
        LogLineDto? dto;
        try
        {
            dto = JsonSerializer.Deserialize(text, OpenVerifyJsonContext.Strict.LogLineDto);
        }
        catch (JsonException e)
        {
            throw Corrupt(line, $"it is not a log entry: {DsseEnvelope.DescribeJsonError(e)}", e);
        }

        try
        {
            switch (dto)
            {
                case { Type: LogLineDto.ReceiptType, Receipt: { } receipt, TreeHead: null, Index: { } index }:
                    if (index != receiptsBefore)
                    {
                        throw Corrupt(line, string.Create(CultureInfo.InvariantCulture, $"the receipt's index is {index}, but it is receipt {receiptsBefore} of the log"));
                    }

                    var envelope = DsseEnvelope.FromDto(receipt);
                    return new LogEntry(line, LogEntryKind.Receipt, index, new Receipt(envelope, null), null);

                case { Type: LogLineDto.TreeHeadType, TreeHead: { } head, Receipt: null, Index: null }:
                    // Verify before parse: the head's payload (and so its treeSize) is read only once a log key's
                    // signature over it holds, by LogVerifier or by ReceiptLog's recovery, never here.
                    return new LogEntry(line, LogEntryKind.TreeHead, receiptsBefore, null, SignedTreeHead.FromEnvelope(DsseEnvelope.FromDto(head)));

                default:
                    throw Corrupt(line, "it is neither a receipt line ({\"type\":\"receipt\",\"index\",\"receipt\"}) nor a tree-head line ({\"type\":\"tree-head\",\"treeHead\"})");
            }
        }
        catch (ReceiptFormatException e)
        {
            throw Corrupt(line, e.Message, e);
        }
    }

    private static LogCorruptException Corrupt(long line, string why, Exception? inner = null) =>
        new(string.Create(CultureInfo.InvariantCulture, $"Line {line} of the receipt log is corrupt: {why}. A complete line that does not parse is never cut; the log is refused."), line, inner);

    internal static byte[] ReceiptLine(long index, Receipt receipt) => Line(new LogLineDto
    {
        Type = LogLineDto.ReceiptType,
        Index = index,
        Receipt = receipt.Envelope.ToDto(),
    });

    internal static byte[] TreeHeadLine(SignedTreeHead head) => Line(new LogLineDto
    {
        Type = LogLineDto.TreeHeadType,
        TreeHead = head.Envelope.ToDto(),
    });

    private static byte[] Line(LogLineDto dto)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(dto, OpenVerifyJsonContext.Strict.LogLineDto);
        var line = new byte[json.Length + 1];
        json.CopyTo(line, 0);
        line[^1] = (byte)'\n';
        return line;
    }

    /// <summary>Flushes a folder's entry list to disk (so a new file's name survives a power loss). A no-op on Windows,
    /// where NTFS journals names.</summary>
    internal static void FsyncDirectory(string directory)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var fd = NativeMethods.Open(directory, NativeMethods.ReadOnly);
        if (fd < 0)
        {
            throw new IOException($"Cannot open the folder '{directory}' to flush it (errno {Marshal.GetLastPInvokeError()}).");
        }

        try
        {
            if (NativeMethods.Fsync(fd) != 0)
            {
                throw new IOException($"Cannot flush the folder '{directory}' (errno {Marshal.GetLastPInvokeError()}).");
            }
        }
        finally
        {
            _ = NativeMethods.Close(fd);
        }
    }

    private static partial class NativeMethods
    {
        public const int ReadOnly = 0;

        [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
        public static partial int Open(string path, int flags);

        [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
        public static partial int Fsync(int fd);

        [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
        public static partial int Close(int fd);
    }
}
