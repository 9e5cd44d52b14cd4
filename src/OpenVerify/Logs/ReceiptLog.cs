using System.Globalization;
using System.Text;
using OpenVerify.Batching;
using OpenVerify.Telemetry;

namespace OpenVerify.Logs;

/// <summary>When a receipt log forces its writes to disk (fsync).</summary>
public enum LogDurability
{
    /// <summary>After every receipt line: an append returns once its line is on disk.</summary>
    EveryEntry,

    /// <summary>Once per <see cref="ReceiptLog.AppendBatch"/> (a single <see cref="ReceiptLog.Append"/> is a batch of
    /// one): the call returns once the whole batch is on disk. The default.</summary>
    EveryBatch,

    /// <summary>Every <see cref="ReceiptLogOptions.FsyncInterval"/> (and on <see cref="ReceiptLog.Flush"/> and
    /// dispose): an append returns once its line is written to the OS, which survives the process dying but not the
    /// machine; it is durable once <see cref="ReceiptLog.DurableSize"/> passes its index.</summary>
    Periodic,
}

/// <summary>Options of a <see cref="ReceiptLog"/>.</summary>
public sealed class ReceiptLogOptions
{
    /// <summary>When writes are forced to disk. Default <see cref="LogDurability.EveryBatch"/>. Tree heads are always
    /// forced to disk before they are exported.</summary>
    public LogDurability Durability { get; init; } = LogDurability.EveryBatch;

    /// <summary>The fsync period of <see cref="LogDurability.Periodic"/>. Default 1 second.</summary>
    public TimeSpan FsyncInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The key (role <c>log</c>) that signs tree heads; needed by <see cref="ReceiptLog.SignTreeHead"/>.</summary>
    public ISigner? TreeHeadSigner { get; init; }

    /// <summary>The origin a log has unless it is given another.</summary>
    public const string DefaultOrigin = "openverify-receipt-log";

    /// <summary>The log's name in its tree heads. Default <see cref="DefaultOrigin"/>.</summary>
    public string Origin { get; init; } = DefaultOrigin;

    /// <summary>A tree head kept outside the log (a checkpoint): opening fails when its signature does not verify
    /// (<see cref="TreeHeadTrust"/>), when it is of another origin, or when the log is shorter than it or does not
    /// extend it. The log's own checkpoint file (<see cref="ReceiptLog.CheckpointPath"/>) is always checked the same way.</summary>
    public SignedTreeHead? ExpectedTreeHead { get; init; }

    /// <summary>The keys (role <c>log</c>) that opening checks the log's tree heads, its checkpoint file and
    /// <see cref="ExpectedTreeHead"/> against. Default: the public key of <see cref="TreeHeadSigner"/> when it is a
    /// <see cref="SigningKey"/>. A log that has a tree head to check and no key to check it with is refused on open,
    /// never taken on trust.</summary>
    public TrustStore? TreeHeadTrust { get; init; }
}

/// <summary>A receipt log that hit an I/O error it could not undo (a failed fsync, or a failed roll-back of a batch):
/// from then on it acknowledges nothing, since the kernel may have dropped the data it reported as written. Dispose it
/// and open the log again; recovery keeps every entry acknowledged before the error.</summary>
public sealed class LogFailedException : OpenVerifyException
{
    /// <summary>Creates the exception.</summary>
    public LogFailedException(string message, Exception? innerException = null) : base(message, innerException) { }
}

/// <summary>
/// An append-only JSON Lines file of receipts and signed tree heads (docs/spec/batch-v1.md, "Receipt log"). Lines are
/// <c>{"type":"receipt","index":i,"receipt":{…}}</c> and <c>{"type":"tree-head","treeHead":{…}}</c>; the receipts are
/// the leaves of an RFC 9162 tree whose heads <see cref="SignTreeHead"/> signs with a <c>log</c> key, appends, and
/// also writes to <see cref="CheckpointPath"/> for others to keep.
/// <para>
/// Opening recovers exactly as DESIGN.md says: only an unterminated last line or trailing zero bytes are cut; a
/// complete line that does not parse fails with its line number (<see cref="LogCorruptException"/>); a log shorter than
/// its last stored tree head (the checkpoint file, or <see cref="ReceiptLogOptions.ExpectedTreeHead"/>) is refused.
/// An entry acknowledged as durable (an append that returned, under <see cref="LogDurability.EveryEntry"/> or
/// <see cref="LogDurability.EveryBatch"/>) is never lost.
/// </para>
/// <para>
/// One writer at a time: the writer holds an exclusive lock on <c>&lt;log&gt;.lock</c>, and a second writer, in this
/// process or another, gets <see cref="LogLockedException"/>. On Unix the lock is advisory (<c>flock</c>): it stops
/// every other <see cref="ReceiptLog"/>, but not a program that writes the file without taking the lock, and it is
/// off when <c>DOTNET_SYSTEM_IO_DISABLEFILELOCKING</c> is set; network file systems may not honour it. Readers
/// (<see cref="LogFile.Read(string)"/>, <c>openverify log verify</c>) need no lock. Appends from many threads are safe.
/// </para>
/// </summary>
public sealed class ReceiptLog : IDisposable
{
    private readonly object _gate = new();
    private readonly FileStream _lock;
    private readonly FileStream _file;
    private readonly ReceiptLogOptions _options;
    private readonly MerkleTree _tree = new();
    private readonly Timer? _fsyncTimer;
    private long _durableSize;
    private bool _dirty;
    private bool _disposed;
    private Exception? _failure;

    private ReceiptLog(string path, FileStream lockFile, FileStream file, ReceiptLogOptions options)
    {
        Path = path;
        _lock = lockFile;
        _file = file;
        _options = options;
        if (options.Durability == LogDurability.Periodic)
        {
            _fsyncTimer = new Timer(static state => ((ReceiptLog)state!).FlushQuietly(), this, options.FsyncInterval, options.FsyncInterval);
        }
    }

    /// <summary>The log file.</summary>
    public string Path { get; }

    /// <summary>The checkpoint file beside the log: the last signed tree head, replaced atomically after each one.</summary>
    public string CheckpointPath => CheckpointPathFor(Path);

    /// <summary>The number of receipts.</summary>
    public long Size
    {
        get
        {
            lock (_gate)
            {
                return _tree.Size;
            }
        }
    }

    /// <summary>The number of receipts known to be on disk.</summary>
    public long DurableSize => Interlocked.Read(ref _durableSize);

    /// <summary>The last signed tree head in the log, if any.</summary>
    public SignedTreeHead? LastTreeHead { get; private set; }

    /// <summary>The number of bytes recovery cut when the log was opened (an unterminated last line, trailing zeros).</summary>
    public long RecoveredBytes { get; private set; }

    internal static string CheckpointPathFor(string path) => path + ".checkpoint.json";

    /// <summary>Opens a log for appending, creating it (and flushing its folder) when it does not exist, and recovers it.</summary>
    /// <exception cref="LogLockedException">Another writer holds the log.</exception>
    /// <exception cref="LogCorruptException">A complete line is corrupt, or the log is shorter than (or does not
    /// extend) its last stored tree head.</exception>
    public static ReceiptLog Open(string path, ReceiptLogOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        options ??= new ReceiptLogOptions();
        if (options.Durability == LogDurability.Periodic && options.FsyncInterval <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.FsyncInterval, "FsyncInterval must be positive.");
        }

        path = System.IO.Path.GetFullPath(path);
        var directory = System.IO.Path.GetDirectoryName(path)!;
        FileStream lockFile;
        try
        {
            lockFile = new FileStream(path + ".lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException e)
        {
            throw new LogLockedException(
                $"The receipt log '{path}' is already open for writing (its lock file '{path}.lock' is held by another process, or by another ReceiptLog in this one). A log has one writer at a time; readers need no lock.", e);
        }

        FileStream? file = null;
        try
        {
            var created = !File.Exists(path);
            file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read, bufferSize: 0);
            if (created)
            {
                file.Flush(flushToDisk: true);
                LogFile.FsyncDirectory(directory);
            }

            var log = new ReceiptLog(path, lockFile, file, options);
            log.Recover();
            return log;
        }
        catch
        {
            file?.Dispose();
            lockFile.Dispose();
            throw;
        }
    }

    private void Recover()
    {
        var contents = LogFile.Read(_file);
        var trust = TreeHeadTrust();
        foreach (var entry in contents.Entries)
        {
            if (entry.Kind == LogEntryKind.Receipt)
            {
                _tree.Append(Merkle.HashReceiptLeaf(entry.Receipt!));
            }
            else
            {
                var head = entry.TreeHead!;
                CheckHead(head, trust, string.Create(CultureInfo.InvariantCulture, $"line {entry.Line} (a tree head)"), _tree.Size, entry.Line);
                LastTreeHead = head;
            }
        }

        if (ReadCheckpointFile() is { } checkpoint)
        {
            CheckHead(checkpoint, trust, "its checkpoint file " + CheckpointPath, null, null);
        }

        if (_options.ExpectedTreeHead is { } expected)
        {
            CheckHead(expected, trust, "the expected tree head", null, null);
        }

        if (contents.CutBytes > 0)
        {
            _file.SetLength(contents.ValidLength);
            _file.Flush(flushToDisk: true);
        }

        RecoveredBytes = contents.CutBytes;
        _file.Seek(0, SeekOrigin.End);
        _durableSize = _tree.Size;
    }

    private TrustStore? TreeHeadTrust() =>
        _options.TreeHeadTrust ?? (_options.TreeHeadSigner is SigningKey key ? TrustStore.For(key.PublicKey, KeyRole.Log) : null);

    private SignedTreeHead? ReadCheckpointFile()
    {
        if (!File.Exists(CheckpointPath))
        {
            return null;
        }

        try
        {
            return SignedTreeHead.Parse(File.ReadAllText(CheckpointPath, Encoding.UTF8));
        }
        catch (ReceiptFormatException e)
        {
            throw new LogCorruptException($"The checkpoint file '{CheckpointPath}' is not a signed tree head: {e.Message}", null, e);
        }
    }

    /// <summary>Checks a tree head during recovery, signature first (the same checks as <see cref="LogVerifier"/>), and
    /// fails loudly: a head nobody can check, a forged one, one of another log, or one the receipts do not match.</summary>
    private void CheckHead(SignedTreeHead head, TrustStore? trust, string what, long? expectedSize, long? line)
    {
        if (trust is null)
        {
            throw new LogCorruptException(
                $"The receipt log '{Path}' has a tree head to check ({what}) but no log key to check it with: set ReceiptLogOptions.TreeHeadTrust (the log's public key, role log) or a SigningKey as TreeHeadSigner. An unchecked tree head is never trusted.", line);
        }

        if (LogVerifier.CheckHead(head, trust, _options.Origin, _tree, expectedSize) is { } why)
        {
            throw new LogCorruptException($"The receipt log '{Path}' is refused: {what}: {why}.", line);
        }
    }

    /// <summary>Appends a receipt and returns its index. Under <see cref="LogDurability.EveryEntry"/> and
    /// <see cref="LogDurability.EveryBatch"/> it returns once the line is on disk.</summary>
    public long Append(Receipt receipt)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        return AppendBatch([receipt]);
    }

    /// <summary>Appends receipts in order, as one batch, and returns the index of the first. Under
    /// <see cref="LogDurability.EveryEntry"/> each line is forced to disk, under <see cref="LogDurability.EveryBatch"/>
    /// the batch once, before it returns.
    /// <para>
    /// All or nothing: when a write fails (a full disk, say), the batch's bytes are cut off again, the log is as it was
    /// before the call, and the call throws; nothing of the batch was acknowledged. When even that cannot be done, or an
    /// fsync fails (after which the kernel may have dropped the pages it had), the log throws
    /// <see cref="LogFailedException"/> from then on; reopening it keeps every entry acknowledged before.
    /// </para></summary>
    /// <exception cref="IOException">The batch could not be written; the log is unchanged.</exception>
    /// <exception cref="LogFailedException">The log hit an error it could not undo; reopen it.</exception>
    public long AppendBatch(IReadOnlyList<Receipt> receipts)
    {
        ArgumentNullException.ThrowIfNull(receipts);
        var leaves = new Sha256Digest[receipts.Count];
        for (var i = 0; i < receipts.Count; i++)
        {
            leaves[i] = Merkle.HashReceiptLeaf(receipts[i] ?? throw new ArgumentException("A receipt is null.", nameof(receipts)));
        }

        lock (_gate)
        {
            ThrowIfUnusable();
            var first = _tree.Size;
            var lines = new byte[receipts.Count][];
            for (var i = 0; i < receipts.Count; i++)
            {
                lines[i] = LogFile.ReceiptLine(first + i, receipts[i]);
            }

            var start = _file.Position;
            try
            {
                if (_options.Durability == LogDurability.EveryEntry)
                {
                    foreach (var line in lines)
                    {
                        _file.Write(line);
                        FsyncLocked();
                    }
                }
                else
                {
                    // One write for the batch: it reaches the file whole or, on error, is cut off below.
                    _file.Write(Concat(lines));
                    _dirty = true;
                    if (_options.Durability == LogDurability.EveryBatch)
                    {
                        FsyncLocked();
                    }
                }
            }
            catch (IOException e)
            {
                RuntimeLog.LogAppendFailed(RuntimeLog.Logs, e, receipts.Count, Path);
                RollBackLocked(start, e);
                ThrowIfUnusable();
                throw;
            }

            // The tree (and so Size, proofs and tree heads) takes the batch only once it is in the file.
            foreach (var leaf in leaves)
            {
                _tree.Append(leaf);
            }

            if (_options.Durability != LogDurability.Periodic)
            {
                Interlocked.Exchange(ref _durableSize, _tree.Size);
            }

            RuntimeLog.LogAppended(RuntimeLog.Logs, receipts.Count, Path, first);
            return first;
        }
    }

    private static byte[] Concat(byte[][] lines)
    {
        var all = new byte[lines.Sum(l => l.Length)];
        var offset = 0;
        foreach (var line in lines)
        {
            line.CopyTo(all, offset);
            offset += line.Length;
        }

        return all;
    }

    /// <summary>Undoes a failed append: cuts the file back to <paramref name="start"/> and forces that to disk. A
    /// failed fsync, or a roll-back that fails, leaves the log failed (<see cref="LogFailedException"/>).</summary>
    private void RollBackLocked(long start, IOException error)
    {
        try
        {
            _file.SetLength(start);
            _file.Seek(start, SeekOrigin.Begin);
            _file.Flush(flushToDisk: true);
        }
        catch (IOException rollback)
        {
            _failure = new AggregateException(error, rollback);
            return;
        }

        if (error is FsyncFailedException)
        {
            _failure = error;
        }
    }

    private void ThrowIfUnusable()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_failure is not null)
        {
            throw new LogFailedException(
                $"The receipt log '{Path}' hit an I/O error it could not undo (a failed fsync or roll-back) and acknowledges nothing more: dispose it and open it again; every entry acknowledged before the error is kept.",
                _failure);
        }
    }

    /// <summary>
    /// Signs a tree head over every receipt so far with <see cref="ReceiptLogOptions.TreeHeadSigner"/>, appends it,
    /// forces the log to disk, then replaces the checkpoint file (write, fsync, rename, fsync the folder).
    /// </summary>
    /// <exception cref="InvalidOperationException">No tree head signer was configured.</exception>
    public SignedTreeHead SignTreeHead()
    {
        var signer = _options.TreeHeadSigner ?? throw new InvalidOperationException("The log has no tree head signer (ReceiptLogOptions.TreeHeadSigner, a key with the log role).");
        lock (_gate)
        {
            ThrowIfUnusable();
            var head = SignedTreeHead.Sign(new TreeHead(_options.Origin, _tree.Size, _tree.RootHash(), signer.KeyId, BatchRoot.Now()), signer);
            var start = _file.Position;
            try
            {
                _file.Write(LogFile.TreeHeadLine(head));
                _dirty = true;
                SyncLocked();
            }
            catch (IOException e)
            {
                RollBackLocked(start, e);
                ThrowIfUnusable();
                throw;
            }

            WriteCheckpoint(head);
            LastTreeHead = head;
            RuntimeLog.TreeHeadSigned(RuntimeLog.Logs, Path, head.Head.TreeSize, signer.KeyId);
            return head;
        }
    }

    private void WriteCheckpoint(SignedTreeHead head)
    {
        var temp = CheckpointPath + ".tmp";
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            stream.Write(Encoding.UTF8.GetBytes(head.ToJson() + "\n"));
            stream.Flush(flushToDisk: true);
        }

        File.Move(temp, CheckpointPath, overwrite: true);
        LogFile.FsyncDirectory(System.IO.Path.GetDirectoryName(Path)!);
    }

    /// <summary>The root over the first <paramref name="treeSize"/> receipts.</summary>
    public Sha256Digest RootHash(long treeSize)
    {
        lock (_gate)
        {
            return _tree.RootHash(treeSize);
        }
    }

    /// <summary>The inclusion proof of a receipt in the tree of the first <paramref name="treeSize"/> receipts.</summary>
    public IReadOnlyList<Sha256Digest> ProveInclusion(long index, long treeSize)
    {
        lock (_gate)
        {
            return _tree.InclusionProof(index, treeSize);
        }
    }

    /// <summary>The consistency proof between the trees of the first <paramref name="firstSize"/> and
    /// <paramref name="secondSize"/> receipts (for example between two checkpoints).</summary>
    public IReadOnlyList<Sha256Digest> ProveConsistency(long firstSize, long secondSize)
    {
        lock (_gate)
        {
            return _tree.ConsistencyProof(firstSize, secondSize);
        }
    }

    /// <summary>Forces everything written so far to disk.</summary>
    public void Flush()
    {
        lock (_gate)
        {
            ThrowIfUnusable();
            SyncLocked();
        }
    }

    private void FlushQuietly()
    {
        try
        {
            lock (_gate)
            {
                if (!_disposed && _failure is null && _dirty)
                {
                    SyncLocked();
                }
            }
        }
        catch (IOException)
        {
            // The next append or Flush reports the failure; DurableSize stays behind.
        }
    }

    private void SyncLocked()
    {
        FsyncLocked();
        Interlocked.Exchange(ref _durableSize, _tree.Size);
    }

    /// <summary>Forces the file to disk. A failure fails the log for good (<see cref="LogFailedException"/>): after a
    /// failed fsync Linux may mark the unwritten pages clean, so a retry could "succeed" without the data.</summary>
    private void FsyncLocked()
    {
        try
        {
            _file.Flush(flushToDisk: true);
        }
        catch (IOException e)
        {
            var failed = new FsyncFailedException($"Forcing the receipt log '{Path}' to disk failed: {e.Message}", e);
            _failure = failed;
            throw failed;
        }

        _dirty = false;
    }

    private sealed class FsyncFailedException(string message, Exception inner) : IOException(message, inner);

    /// <summary>Forces the log to disk and releases the file and its lock.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            try
            {
                if (_failure is null)
                {
                    SyncLocked();
                }
            }
            finally
            {
                _disposed = true;
                _fsyncTimer?.Dispose();
                _file.Dispose();
                _lock.Dispose();
            }
        }
    }
}
