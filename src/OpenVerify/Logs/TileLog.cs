using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using OpenVerify.Batching;

namespace OpenVerify.Logs;

/// <summary>Options of a <see cref="TileLog"/>.</summary>
public sealed class TileLogOptions
{
    /// <summary>When appends are forced to disk, as for <see cref="ReceiptLog"/>. Default <see cref="LogDurability.EveryBatch"/>.
    /// Tiles, bundles and the checkpoint are always forced to disk before they become visible.</summary>
    public LogDurability Durability { get; init; } = LogDurability.EveryBatch;

    /// <summary>The fsync period of <see cref="LogDurability.Periodic"/>. Default 1 second.</summary>
    public TimeSpan FsyncInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The log's origin: the checkpoint's first line. C2SP asks for the scheme-less URL prefix the log is
    /// served at (<c>example.com/receipts</c>). Default <see cref="ReceiptLogOptions.DefaultOrigin"/>.</summary>
    public string Origin { get; init; } = ReceiptLogOptions.DefaultOrigin;

    /// <summary>The log's Ed25519 note signer; needed by <see cref="TileLog.SignCheckpoint"/>.</summary>
    public NoteSigner? CheckpointSigner { get; init; }

    /// <summary>The keys opening checks the log's <c>checkpoint</c> with. Default: <see cref="CheckpointSigner"/>'s key.
    /// A log with a checkpoint and no key to check it with is refused.</summary>
    public IReadOnlyList<NoteVerifierKey>? CheckpointKeys { get; init; }
}

/// <summary>
/// A receipt log written in the C2SP <c>tlog-tiles</c> layout (docs/spec/tiles-v1.md), so any static HTTP server,
/// object store or CDN serves it: <c>checkpoint</c> (a signed note), hash tiles <c>tile/&lt;L&gt;/&lt;N&gt;[.p/&lt;W&gt;]</c>
/// and entry bundles <c>tile/entries/&lt;N&gt;[.p/&lt;W&gt;]</c> whose entries are receipt envelopes. The Merkle tree
/// is the one <see cref="ReceiptLog"/> builds over the same receipts (leaf = 0x00 ‖ PAE), so a migrated log keeps its
/// roots and checkpoints.
/// <para>
/// Crash safety: appends go to an append-only journal (<c>.journal</c>, not part of the served layout) fsynced per
/// <see cref="TileLogOptions.Durability"/>; every 256 entries are sealed into an immutable full bundle and tiles
/// (written to a temporary file, fsynced, renamed, the folder fsynced), then the journal is replaced by one holding the
/// rest. Opening recovers as a JSON Lines log does: a torn last journal entry or trailing zeros are cut, anything else
/// malformed is refused, and a log that does not extend its checkpoint is refused. One writer at a time (<c>.lock</c>).
/// </para>
/// </summary>
public sealed class TileLog : IDisposable
{
    private const string JournalName = ".journal";
    private const int JournalHeader = 8;

    private readonly object _gate = new();
    private readonly FileStream _lock;
    private readonly TileLogOptions _options;
    private readonly MerkleTree _tree = new();
    private readonly List<byte[]> _pending = [];
    private readonly Timer? _fsyncTimer;
    private FileStream _journal = null!;
    private long _durableSize;
    private bool _dirty;
    private bool _disposed;
    private Exception? _failure;

    private TileLog(string directory, FileStream lockFile, TileLogOptions options)
    {
        Directory = directory;
        _lock = lockFile;
        _options = options;
        if (options.Durability == LogDurability.Periodic)
        {
            _fsyncTimer = new Timer(static state => ((TileLog)state!).FlushQuietly(), this, options.FsyncInterval, options.FsyncInterval);
        }
    }

    /// <summary>The log's folder: serve it as the log's URL prefix.</summary>
    public string Directory { get; }

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

    /// <summary>The last checkpoint (signed note), if any.</summary>
    public string? LastCheckpoint { get; private set; }

    /// <summary>The bytes of a torn last journal entry (or trailing zeros) cut on open.</summary>
    public long RecoveredBytes { get; private set; }

    private string JournalPath => System.IO.Path.Combine(Directory, JournalName);

    private long SealedSize => _tree.Size - _pending.Count;

    /// <summary>Opens a tiled log for appending, creating its folder when needed, and recovers it.</summary>
    /// <exception cref="LogLockedException">Another writer holds the log.</exception>
    /// <exception cref="LogCorruptException">A bundle, tile or journal entry is corrupt, or the log does not extend
    /// its checkpoint.</exception>
    public static TileLog Open(string directory, TileLogOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(directory);
        options ??= new TileLogOptions();
        if (options.Durability == LogDurability.Periodic && options.FsyncInterval <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.FsyncInterval, "FsyncInterval must be positive.");
        }

        directory = System.IO.Path.GetFullPath(directory);
        CreateDirectory(directory);
        FileStream lockFile;
        try
        {
            lockFile = new FileStream(System.IO.Path.Combine(directory, ".lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException e)
        {
            throw new LogLockedException($"The tiled log '{directory}' is already open for writing (its '.lock' is held). A log has one writer at a time; readers need no lock.", e);
        }

        var log = new TileLog(directory, lockFile, options);
        try
        {
            log.Recover();
            return log;
        }
        catch
        {
            log._fsyncTimer?.Dispose();
            log._journal?.Dispose();
            lockFile.Dispose();
            throw;
        }
    }

    private void Recover()
    {
        // Full bundles, in order: each one's entries are hashed and its level-0 tile checked (or written when a crash
        // left it out).
        long bundle = 0;
        for (; File.Exists(PathOf(TileLayout.EntriesPath(bundle, TileLayout.TileWidth))); bundle++)
        {
            var path = PathOf(TileLayout.EntriesPath(bundle, TileLayout.TileWidth));
            var entries = ReadBundle(path);
            if (entries.Count != TileLayout.TileWidth)
            {
                throw Corrupt(path, string.Create(CultureInfo.InvariantCulture, $"a full bundle holds {TileLayout.TileWidth} entries, this one {entries.Count}"));
            }

            foreach (var entry in entries)
            {
                _tree.Append(LeafHash(entry.Span, path));
            }
        }

        RecoverJournal();
        WriteMissingFullTiles();
        if (File.Exists(PathOf(TileLayout.CheckpointName)))
        {
            var path = PathOf(TileLayout.CheckpointName);
            var keys = _options.CheckpointKeys ?? (_options.CheckpointSigner is { } signer ? [signer.VerifierKey] : []);
            if (keys.Count == 0)
            {
                throw Corrupt(path, "the log has a checkpoint but no key to check it with: set TileLogOptions.CheckpointKeys or CheckpointSigner. An unchecked checkpoint is never trusted");
            }

            Checkpoint checkpoint;
            try
            {
                checkpoint = Checkpoint.Open(File.ReadAllBytes(path), keys);
            }
            catch (NoteFormatException e)
            {
                throw Corrupt(path, e.Message, e);
            }

            if (LogVerifier.CheckCheckpoint(checkpoint, _options.Origin, _tree) is { } why)
            {
                throw Corrupt(path, why);
            }

            LastCheckpoint = File.ReadAllText(path, Encoding.UTF8);
        }

        _durableSize = _tree.Size;
    }

    /// <summary>Reads the journal: an 8-byte big-endian start index, then entries as in a bundle. Entries already
    /// sealed into bundles (a crash between sealing and replacing the journal) must equal them; a torn last entry and
    /// trailing zeros are cut; 256 or more pending entries (a crash before sealing) are sealed now.</summary>
    private void RecoverJournal()
    {
        var path = JournalPath;
        if (!File.Exists(path))
        {
            ReplaceJournal();
            return;
        }

        var data = File.ReadAllBytes(path);
        if (data.Length < JournalHeader)
        {
            // The journal is only ever created whole (written, fsynced, renamed), so a short one was changed by hand.
            throw Corrupt(path, "the journal is shorter than its 8-byte header");
        }

        var start = BinaryPrimitives.ReadInt64BigEndian(data);
        if (start < 0 || start % TileLayout.TileWidth != 0 || start > _tree.Size)
        {
            throw Corrupt(path, string.Create(CultureInfo.InvariantCulture, $"the journal starts at entry {start}, but the sealed bundles hold {_tree.Size} entries"));
        }

        var end = data.Length;
        while (end > JournalHeader && data[end - 1] == 0)
        {
            end--;
        }

        var offset = JournalHeader;
        var index = start;
        while (offset < end)
        {
            if (end - offset < 2 || end - offset - 2 < BinaryPrimitives.ReadUInt16BigEndian(data.AsSpan(offset)))
            {
                break; // a torn last entry
            }

            var length = BinaryPrimitives.ReadUInt16BigEndian(data.AsSpan(offset));
            if (length == 0)
            {
                throw Corrupt(path, string.Create(CultureInfo.InvariantCulture, $"journal entry {index} (byte {offset}) is empty"));
            }

            var entry = data.AsSpan(offset + 2, length).ToArray();
            if (index < _tree.Size)
            {
                // Already sealed: only a crash after sealing leaves it here, and then it is the same entry.
                if (LeafHash(entry, path) != _tree.LeafHash(index))
                {
                    throw Corrupt(path, string.Create(CultureInfo.InvariantCulture, $"journal entry {index} differs from the sealed bundle's"));
                }
            }
            else
            {
                _tree.Append(LeafHash(entry, path));
                _pending.Add(entry);
            }

            offset += 2 + length;
            index++;
        }

        RecoveredBytes = data.Length - offset;
        if (start < SealedSize || RecoveredBytes > 0 || _pending.Count >= TileLayout.TileWidth)
        {
            SealLocked();
            ReplaceJournal();
        }
        else
        {
            _journal = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.Read, bufferSize: 0);
            _journal.Seek(0, SeekOrigin.End);
        }
    }

    private static List<ReadOnlyMemory<byte>> ReadBundle(string path)
    {
        try
        {
            return [.. TileLayout.ParseEntryBundle(File.ReadAllBytes(path))];
        }
        catch (TileFormatException e)
        {
            throw Corrupt(path, e.Message, e);
        }
    }

    private static Sha256Digest LeafHash(ReadOnlySpan<byte> entry, string path)
    {
        try
        {
            return Merkle.HashReceiptLeaf(TileLayout.ParseReceiptEntry(entry));
        }
        catch (TileFormatException e)
        {
            throw Corrupt(path, e.Message, e);
        }
    }

    private static LogCorruptException Corrupt(string path, string why, Exception? inner = null) =>
        new($"The tiled log is refused: '{path}': {why}. A tiled log is never repaired beyond cutting a torn last journal entry.", null, inner);

    private string PathOf(string resource) => System.IO.Path.Combine(Directory, resource.Replace('/', System.IO.Path.DirectorySeparatorChar));

    /// <summary>Appends a receipt and returns its index (see <see cref="AppendBatch"/>).</summary>
    public long Append(Receipt receipt)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        return AppendBatch([receipt]);
    }

    /// <summary>Appends receipts in order and returns the index of the first. Durability and all-or-nothing as
    /// <see cref="ReceiptLog.AppendBatch"/>: the journal is cut back when a write fails; a failed fsync or a failed
    /// seal fails the log (<see cref="LogFailedException"/>).</summary>
    /// <exception cref="ArgumentException">A receipt's envelope is longer than <see cref="TileLayout.MaxEntryBytes"/>.</exception>
    public long AppendBatch(IReadOnlyList<Receipt> receipts)
    {
        ArgumentNullException.ThrowIfNull(receipts);
        var entries = new byte[receipts.Count][];
        var leaves = new Sha256Digest[receipts.Count];
        for (var i = 0; i < receipts.Count; i++)
        {
            var receipt = receipts[i] ?? throw new ArgumentException("A receipt is null.", nameof(receipts));
            entries[i] = TileLayout.ReceiptEntry(receipt);
            leaves[i] = Merkle.HashReceiptLeaf(receipt);
        }

        lock (_gate)
        {
            ThrowIfUnusable();
            var first = _tree.Size;
            var start = _journal.Position;
            try
            {
                if (_options.Durability == LogDurability.EveryEntry)
                {
                    foreach (var entry in entries)
                    {
                        _journal.Write(TileLayout.EntryBundle([entry]));
                        FsyncLocked();
                    }
                }
                else
                {
                    _journal.Write(TileLayout.EntryBundle(entries));
                    _dirty = true;
                    if (_options.Durability == LogDurability.EveryBatch)
                    {
                        FsyncLocked();
                    }
                }
            }
            catch (IOException e)
            {
                RollBackLocked(start, e);
                ThrowIfUnusable();
                throw;
            }

            for (var i = 0; i < entries.Length; i++)
            {
                _tree.Append(leaves[i]);
                _pending.Add(entries[i]);
            }

            if (_options.Durability != LogDurability.Periodic)
            {
                Interlocked.Exchange(ref _durableSize, _tree.Size);
            }

            if (_pending.Count >= TileLayout.TileWidth)
            {
                Guard(() =>
                {
                    // Sealing fsyncs the journal first, so the entries it moves into bundles are on disk either way.
                    SyncLocked();
                    SealLocked();
                    ReplaceJournal();
                });
            }

            return first;
        }
    }

    /// <summary>Signs a checkpoint over every receipt so far: forces the journal to disk, writes the partial tiles and
    /// bundle that size needs, then replaces <c>checkpoint</c> (written, fsynced, renamed, folder fsynced). Returns the
    /// signed note.</summary>
    /// <exception cref="InvalidOperationException">No <see cref="TileLogOptions.CheckpointSigner"/> was configured.</exception>
    public string SignCheckpoint()
    {
        var signer = _options.CheckpointSigner ?? throw new InvalidOperationException("The tiled log has no checkpoint signer (TileLogOptions.CheckpointSigner, the log's Ed25519 key).");
        lock (_gate)
        {
            ThrowIfUnusable();
            string note = null!;
            Guard(() =>
            {
                SyncLocked();
                var size = _tree.Size;
                for (var level = 0; (size >> (level * TileLayout.TileHeight)) > 0; level++)
                {
                    var count = size >> (level * TileLayout.TileHeight);
                    var width = (int)(count % TileLayout.TileWidth);
                    if (width > 0)
                    {
                        WriteTile(level, count / TileLayout.TileWidth, width);
                    }
                }

                if (_pending.Count > 0)
                {
                    WriteImmutable(TileLayout.EntriesPath(SealedSize / TileLayout.TileWidth, _pending.Count), TileLayout.EntryBundle(_pending));
                }

                note = new Checkpoint(_options.Origin, size, _tree.RootHash()).Sign(signer);
                WriteAtomic(PathOf(TileLayout.CheckpointName), Encoding.UTF8.GetBytes(note));
            });
            LastCheckpoint = note;
            return note;
        }
    }

    /// <summary>Adds witness cosignature lines (<see cref="WitnessClient"/>) to the current checkpoint and replaces
    /// <c>checkpoint</c> (written, fsynced, renamed), so readers that require cosignatures accept it. Returns the note.</summary>
    /// <exception cref="InvalidOperationException">There is no checkpoint yet.</exception>
    /// <exception cref="ArgumentException">A line is not one signature line.</exception>
    public string AddCosignatures(IEnumerable<string> signatureLines)
    {
        ArgumentNullException.ThrowIfNull(signatureLines);
        var lines = signatureLines.ToList();
        foreach (var line in lines)
        {
            if (!line.StartsWith("\u2014 ", StringComparison.Ordinal) || !line.EndsWith('\n') || line.IndexOf('\n', StringComparison.Ordinal) != line.Length - 1)
            {
                throw new ArgumentException("A cosignature is one note signature line ('\u2014 <name> <base64>\\n').", nameof(signatureLines));
            }
        }

        lock (_gate)
        {
            ThrowIfUnusable();
            var note = (LastCheckpoint ?? throw new InvalidOperationException("The log has no checkpoint to cosign; call SignCheckpoint first.")) + string.Concat(lines);
            Guard(() => WriteAtomic(PathOf(TileLayout.CheckpointName), Encoding.UTF8.GetBytes(note)));
            LastCheckpoint = note;
            return note;
        }
    }

    /// <summary>The root over the first <paramref name="treeSize"/> receipts.</summary>
    public Sha256Digest RootHash(long treeSize)
    {
        lock (_gate)
        {
            return _tree.RootHash(treeSize);
        }
    }

    /// <summary>The inclusion proof of receipt <paramref name="index"/> in the tree of the first <paramref name="treeSize"/>.</summary>
    public IReadOnlyList<Sha256Digest> ProveInclusion(long index, long treeSize)
    {
        lock (_gate)
        {
            return _tree.InclusionProof(index, treeSize);
        }
    }

    /// <summary>The consistency proof between the trees of the first <paramref name="firstSize"/> and
    /// <paramref name="secondSize"/> receipts.</summary>
    public IReadOnlyList<Sha256Digest> ProveConsistency(long firstSize, long secondSize)
    {
        lock (_gate)
        {
            return _tree.ConsistencyProof(firstSize, secondSize);
        }
    }

    /// <summary>Moves every complete group of 256 pending entries into a full bundle with its full tiles.</summary>
    private void SealLocked()
    {
        while (_pending.Count >= TileLayout.TileWidth)
        {
            var number = SealedSize / TileLayout.TileWidth;
            var end = (number + 1) * TileLayout.TileWidth;
            WriteFullTilesEndingAt(end);
            WriteImmutable(TileLayout.EntriesPath(number, TileLayout.TileWidth), TileLayout.EntryBundle(_pending.Take(TileLayout.TileWidth)));
            _pending.RemoveRange(0, TileLayout.TileWidth);
        }
    }

    /// <summary>The full tiles a tree gains when it reaches <paramref name="end"/> leaves (a multiple of 256): level 0,
    /// and level l whenever end is a multiple of 256^(l+1).</summary>
    private void WriteFullTilesEndingAt(long end)
    {
        for (var level = 0; end % (1L << ((level + 1) * TileLayout.TileHeight)) == 0; level++)
        {
            WriteTile(level, (end >> ((level + 1) * TileLayout.TileHeight)) - 1, TileLayout.TileWidth);
        }
    }

    private void WriteMissingFullTiles()
    {
        for (long end = TileLayout.TileWidth; end <= SealedSize; end += TileLayout.TileWidth)
        {
            WriteFullTilesEndingAt(end);
        }
    }

    private void WriteTile(int level, long number, int width)
    {
        var tile = new byte[width * Sha256Digest.Length];
        var height = level * TileLayout.TileHeight;
        for (var i = 0; i < width; i++)
        {
            _tree.Stored(height, (number * TileLayout.TileWidth) + i).Bytes.CopyTo(tile.AsSpan(i * Sha256Digest.Length));
        }

        WriteImmutable(TileLayout.TilePath(level, number, width), tile);
    }

    /// <summary>Writes a tile or bundle once: an existing one must hold the same bytes (a rewrite after a crash).</summary>
    private void WriteImmutable(string resource, byte[] data)
    {
        var path = PathOf(resource);
        if (File.Exists(path))
        {
            if (!File.ReadAllBytes(path).AsSpan().SequenceEqual(data))
            {
                throw Corrupt(path, "it exists with other content than the log's entries give");
            }

            return;
        }

        WriteAtomic(path, data);
    }

    private static void WriteAtomic(string path, byte[] data)
    {
        var directory = System.IO.Path.GetDirectoryName(path)!;
        CreateDirectory(directory);
        var temp = path + ".tmp";
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            stream.Write(data);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temp, path, overwrite: true);
        LogFile.FsyncDirectory(directory);
    }

    /// <summary>Creates a folder and its missing parents, each made durable by an fsync of its parent.</summary>
    private static void CreateDirectory(string directory)
    {
        if (System.IO.Directory.Exists(directory))
        {
            return;
        }

        var parent = System.IO.Path.GetDirectoryName(directory);
        if (parent is not null)
        {
            CreateDirectory(parent);
        }

        System.IO.Directory.CreateDirectory(directory);
        if (parent is not null)
        {
            LogFile.FsyncDirectory(parent);
        }
    }

    /// <summary>Replaces the journal by one that starts at the sealed size and holds the pending entries.</summary>
    private void ReplaceJournal()
    {
        _journal?.Dispose();
        var data = new byte[JournalHeader];
        BinaryPrimitives.WriteInt64BigEndian(data, SealedSize);
        WriteAtomic(JournalPath, [.. data, .. TileLayout.EntryBundle(_pending)]);
        _journal = new FileStream(JournalPath, FileMode.Open, FileAccess.ReadWrite, FileShare.Read, bufferSize: 0);
        _journal.Seek(0, SeekOrigin.End);
        _dirty = false;
    }

    /// <summary>Runs a step that writes tiles, bundles or the checkpoint: an I/O error there fails the log, which
    /// recovers on reopen.</summary>
    private void Guard(Action step)
    {
        try
        {
            step();
        }
        catch (IOException e)
        {
            _failure ??= e;
            ThrowIfUnusable();
        }
    }

    private void RollBackLocked(long start, IOException error)
    {
        try
        {
            _journal.SetLength(start);
            _journal.Seek(start, SeekOrigin.Begin);
            _journal.Flush(flushToDisk: true);
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
                $"The tiled log '{Directory}' hit an I/O error it could not undo and acknowledges nothing more: dispose it and open it again; every entry acknowledged before the error is kept.",
                _failure);
        }
    }

    /// <summary>Forces everything appended so far to disk.</summary>
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
            // The next append or Flush reports it; DurableSize stays behind.
        }
    }

    private void SyncLocked()
    {
        FsyncLocked();
        Interlocked.Exchange(ref _durableSize, _tree.Size);
    }

    private void FsyncLocked()
    {
        try
        {
            _journal.Flush(flushToDisk: true);
        }
        catch (IOException e)
        {
            var failed = new FsyncFailedException($"Forcing the tiled log's journal '{JournalPath}' to disk failed: {e.Message}", e);
            _failure = failed;
            throw failed;
        }

        _dirty = false;
    }

    private sealed class FsyncFailedException(string message, Exception inner) : IOException(message, inner);

    /// <summary>Forces the journal to disk and releases the files and the lock.</summary>
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
                _journal.Dispose();
                _lock.Dispose();
            }
        }
    }
}
