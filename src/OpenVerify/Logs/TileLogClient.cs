using System.Globalization;
using System.Net;
using OpenVerify.Batching;

namespace OpenVerify.Logs;

/// <summary>Where a tiled log's resources come from: a URL prefix (<see cref="HttpTileSource"/>) or a folder
/// (<see cref="DirectoryTileSource"/>).</summary>
public interface ITileSource
{
    /// <summary>A description for messages (the URL or folder).</summary>
    string Name { get; }

    /// <summary>Fetches a resource by its path under the prefix (<c>checkpoint</c>, <c>tile/0/001</c>); null when it
    /// does not exist (HTTP 404).</summary>
    /// <exception cref="IOException">The resource could not be fetched for another reason.</exception>
    Task<byte[]?> GetAsync(string path, CancellationToken cancellationToken = default);
}

/// <summary>A tiled log served over HTTP(S) by any static file server, object store or CDN.</summary>
public sealed class HttpTileSource : ITileSource, IDisposable
{
    /// <summary>The largest resource read: a full entry bundle of 256 entries of up to 64 KiB, with room to spare.</summary>
    public const int MaxResourceBytes = 17 << 20;

    private readonly HttpClient _client;
    private readonly bool _ownsClient;

    /// <summary>A source for a log prefix (<c>https://example.com/log/</c>); <paramref name="client"/> defaults to one
    /// that accepts gzip, as C2SP asks clients to.</summary>
    public HttpTileSource(Uri prefix, HttpClient? client = null)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        if (prefix.Scheme != Uri.UriSchemeHttps && prefix.Scheme != Uri.UriSchemeHttp)
        {
            throw new ArgumentException($"A tiled log's prefix is an http(s) URL, not '{prefix}'.", nameof(prefix));
        }

        Prefix = prefix.AbsoluteUri.EndsWith('/') ? prefix : new Uri(prefix.AbsoluteUri + "/");
        _ownsClient = client is null;
        _client = client ?? new HttpClient(new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.GZip }) { Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>The prefix, ending in a slash.</summary>
    public Uri Prefix { get; }

    /// <inheritdoc/>
    public string Name => Prefix.AbsoluteUri;

    /// <summary>How many resources were fetched (for tests and reports: a client fetches only what it needs).</summary>
    public int Fetches => _fetches;

    private int _fetches;

    /// <inheritdoc/>
    public async Task<byte[]?> GetAsync(string path, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _fetches);
        var uri = new Uri(Prefix, path);
        HttpResponseMessage response;
        try
        {
            response = await _client.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new IOException($"Fetching {uri} failed: {e.Message}", e);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new IOException($"Fetching {uri} timed out.", e);
        }

        using (response)
        {
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                return null;
            }

            if (!response.IsSuccessStatusCode)
            {
                throw new IOException(string.Create(CultureInfo.InvariantCulture, $"Fetching {uri} failed: HTTP {(int)response.StatusCode} {response.ReasonPhrase}."));
            }

            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            using var buffer = new MemoryStream();
            var chunk = new byte[81920];
            int read;
            while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > MaxResourceBytes)
                {
                    throw new IOException($"{uri} is larger than {MaxResourceBytes} bytes; no tiled log resource is.");
                }

                buffer.Write(chunk, 0, read);
            }

            return buffer.ToArray();
        }
    }

    /// <summary>Disposes the client when this source made it.</summary>
    public void Dispose()
    {
        if (_ownsClient)
        {
            _client.Dispose();
        }
    }
}

/// <summary>A tiled log read from a folder (the one a <see cref="TileLog"/> writes).</summary>
/// <param name="directory">The log's folder.</param>
public sealed class DirectoryTileSource(string directory) : ITileSource
{
    /// <inheritdoc/>
    public string Name { get; } = Path.GetFullPath(directory);

    /// <inheritdoc/>
    public async Task<byte[]?> GetAsync(string path, CancellationToken cancellationToken = default)
    {
        var file = Path.Combine(Name, path.Replace('/', Path.DirectorySeparatorChar));
        return File.Exists(file) ? await File.ReadAllBytesAsync(file, cancellationToken).ConfigureAwait(false) : null;
    }
}

/// <summary>A tiled log's data is not what its checkpoint commits to, or could not be fetched: a tile altered on the
/// server, a missing tile, a fork. The message says which.</summary>
public sealed class TileLogException : OpenVerifyException
{
    /// <summary>Creates the exception.</summary>
    public TileLogException(string message, Exception? innerException = null) : base(message, innerException) { }
}

/// <summary>
/// Reads a tiled log (C2SP <c>tlog-tiles</c>) as a verifier: the checkpoint (its signature checked before its text is
/// read), and only the tiles a proof needs. Tiles are untrusted: every hash read from them ends in a proof checked
/// against a signed root, so an altered tile fails that check.
/// </summary>
public sealed class TileLogClient
{
    private readonly ITileSource _source;
    private readonly IReadOnlyList<NoteVerifierKey> _keys;
    private readonly Dictionary<string, IReadOnlyList<Sha256Digest>> _tiles = [];

    /// <summary>A client for a log of <paramref name="origin"/> whose checkpoints <paramref name="keys"/> sign.</summary>
    public TileLogClient(ITileSource source, string origin, IEnumerable<NoteVerifierKey> keys)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(origin);
        ArgumentNullException.ThrowIfNull(keys);
        _source = source;
        Origin = origin;
        _keys = [.. keys];
    }

    /// <summary>The log's origin.</summary>
    public string Origin { get; }

    /// <summary>Fetches and opens the log's current checkpoint: a known key's signature first, then its origin.</summary>
    /// <exception cref="TileLogException">There is no checkpoint, it does not verify, or it is of another log.</exception>
    public async Task<Checkpoint> FetchCheckpointAsync(CancellationToken cancellationToken = default)
    {
        var bytes = await _source.GetAsync(TileLayout.CheckpointName, cancellationToken).ConfigureAwait(false)
            ?? throw new TileLogException($"The log {_source.Name} has no checkpoint.");
        return OpenCheckpoint(bytes, "the checkpoint of " + _source.Name);
    }

    /// <summary>Opens a checkpoint of this log (a kept one, or one fetched): signature, then origin.</summary>
    /// <exception cref="TileLogException">It does not verify or is of another log.</exception>
    public Checkpoint OpenCheckpoint(ReadOnlySpan<byte> note, string what)
    {
        Checkpoint checkpoint;
        try
        {
            checkpoint = Checkpoint.Open(note, _keys);
        }
        catch (NoteFormatException e)
        {
            throw new TileLogException($"{what} does not verify: {e.Message}", e);
        }

        if (checkpoint.Origin != Origin)
        {
            throw new TileLogException($"{what} is a checkpoint of the log '{checkpoint.Origin}', not of '{Origin}'.");
        }

        var cosigned = Witnesses.Where(w => w.FindCosignature(checkpoint.Note!) is not null).Select(w => w.Name).ToList();
        return cosigned.Count >= RequiredCosignatures
            ? checkpoint
            : throw new TileLogException(string.Create(CultureInfo.InvariantCulture,
                $"{what} carries {cosigned.Count} valid witness cosignatures ({(cosigned.Count == 0 ? "none" : string.Join(", ", cosigned))}); {RequiredCosignatures} are required of the witnesses {string.Join(", ", Witnesses.Select(w => w.Name))}. A checkpoint the witnesses did not cosign may be a split view shown only to you."));
    }

    /// <summary>The witnesses whose <c>cosignature/v1</c> lines count (C2SP tlog-cosignature).</summary>
    public IReadOnlyList<CosignerKey> Witnesses { get; init; } = [];

    /// <summary>How many of <see cref="Witnesses"/> must have cosigned every checkpoint this client accepts (the current
    /// one and a kept one). Default 0.</summary>
    public int RequiredCosignatures { get; init; }

    /// <summary>Checks that the tiles give the checkpoint's root (which authenticates the right edge of the tree).</summary>
    /// <exception cref="TileLogException">They do not, or a tile is missing or malformed.</exception>
    public async Task VerifyRootAsync(Checkpoint checkpoint, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        var root = await WithTiles(checkpoint.TreeSize, stored => MerkleTree.RootHash(stored, checkpoint.TreeSize), cancellationToken).ConfigureAwait(false);
        if (root != checkpoint.RootHash)
        {
            throw new TileLogException(string.Create(CultureInfo.InvariantCulture,
                $"The tiles of {_source.Name} give the root {root.ToHex()} for size {checkpoint.TreeSize}, not the checkpoint's {checkpoint.RootHash.ToHex()}: a tile was altered."));
        }
    }

    /// <summary>Checks that <paramref name="newer"/> extends <paramref name="kept"/>: a consistency proof built from
    /// the tiles of the newer tree, checked against both signed roots. Same size ⇒ the roots must be equal.</summary>
    /// <exception cref="TileLogException">It does not (a fork or a rolled-back log), or the tiles are bad.</exception>
    public async Task VerifyConsistencyAsync(Checkpoint kept, Checkpoint newer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(kept);
        ArgumentNullException.ThrowIfNull(newer);
        if (kept.Origin != Origin || newer.Origin != Origin)
        {
            throw new TileLogException($"The kept checkpoint is of the log '{kept.Origin}', the current one of '{newer.Origin}'; this log is '{Origin}'.");
        }

        if (newer.TreeSize < kept.TreeSize)
        {
            throw new TileLogException(string.Create(CultureInfo.InvariantCulture,
                $"The log {_source.Name} now has {newer.TreeSize} entries, fewer than the {kept.TreeSize} of the kept checkpoint: it was rolled back."));
        }

        if (newer.TreeSize == kept.TreeSize || kept.TreeSize == 0)
        {
            if (kept.TreeSize == 0 || newer.RootHash == kept.RootHash)
            {
                return;
            }

            throw new TileLogException(string.Create(CultureInfo.InvariantCulture,
                $"The log {_source.Name} signed two different roots for size {kept.TreeSize} (kept {kept.RootHash.ToHex()}, now {newer.RootHash.ToHex()}): a fork (split view)."));
        }

        var proof = await WithTiles(newer.TreeSize, stored => MerkleTree.ConsistencyProof(stored, kept.TreeSize, newer.TreeSize), cancellationToken).ConfigureAwait(false);
        if (!Merkle.VerifyConsistency(kept.TreeSize, newer.TreeSize, kept.RootHash, newer.RootHash, proof))
        {
            throw new TileLogException(string.Create(CultureInfo.InvariantCulture,
                $"The log {_source.Name} at size {newer.TreeSize} does not extend the kept checkpoint of size {kept.TreeSize}: its history was rewritten (a fork), or a tile was altered."));
        }
    }

    /// <summary>The consistency proof between two sizes, from the tiles of the tree of <paramref name="secondSize"/>
    /// (not verified here).</summary>
    public Task<IReadOnlyList<Sha256Digest>> ProveConsistencyAsync(long firstSize, long secondSize, CancellationToken cancellationToken = default) =>
        WithTiles(secondSize, stored => MerkleTree.ConsistencyProof(stored, firstSize, secondSize), cancellationToken);

    /// <summary>The inclusion proof of entry <paramref name="index"/> from the tiles of the tree of
    /// <paramref name="treeSize"/> (not verified here).</summary>
    public Task<IReadOnlyList<Sha256Digest>> ProveInclusionAsync(long index, long treeSize, CancellationToken cancellationToken = default) =>
        WithTiles(treeSize, stored => MerkleTree.InclusionProof(stored, index, treeSize), cancellationToken);

    /// <summary>Checks that <paramref name="leafHash"/> is leaf <paramref name="index"/> under the checkpoint's root.</summary>
    /// <exception cref="TileLogException">It is not, or the tiles are bad.</exception>
    public async Task VerifyInclusionAsync(Checkpoint checkpoint, long index, Sha256Digest leafHash, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        if (index < 0 || index >= checkpoint.TreeSize)
        {
            throw new TileLogException(string.Create(CultureInfo.InvariantCulture, $"Entry {index} is not in the log's checkpoint of size {checkpoint.TreeSize}."));
        }

        var proof = await WithTiles(checkpoint.TreeSize, stored => MerkleTree.InclusionProof(stored, index, checkpoint.TreeSize), cancellationToken).ConfigureAwait(false);
        if (!Merkle.VerifyInclusion(index, checkpoint.TreeSize, leafHash, proof, checkpoint.RootHash))
        {
            throw new TileLogException(string.Create(CultureInfo.InvariantCulture,
                $"The inclusion proof of entry {index} built from the tiles of {_source.Name} does not lead to the checkpoint's root (size {checkpoint.TreeSize}): the entry is not there, or a tile was altered."));
        }
    }

    /// <summary>Finds a leaf hash by scanning the level-0 tiles (32 bytes per entry, no entry bundles); -1 when absent.
    /// The index found is only a hint until <see cref="VerifyInclusionAsync"/> proves it.</summary>
    public async Task<long> FindLeafAsync(Checkpoint checkpoint, Sha256Digest leafHash, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        for (long number = 0; number * TileLayout.TileWidth < checkpoint.TreeSize; number++)
        {
            var width = (int)Math.Min(TileLayout.TileWidth, checkpoint.TreeSize - (number * TileLayout.TileWidth));
            var tile = await GetTileAsync(0, number, width, cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < width; i++)
            {
                if (tile[i] == leafHash)
                {
                    return (number * TileLayout.TileWidth) + i;
                }
            }
        }

        return -1;
    }

    /// <summary>
    /// Checks a receipt's inclusion in the log, as a receipt verifier adds it to the receipt's own checks: fetches the
    /// current checkpoint (check <c>log-checkpoint</c>: signature, origin, that the tiles give its root, and that it
    /// extends <paramref name="kept"/> when given), then proves the receipt's leaf at <paramref name="index"/> (or, when
    /// null, the index its leaf hash has in the level-0 tiles) under that root (check <c>log-inclusion</c>). Never
    /// throws for a log that fails: the failure is a failed check with the reason.
    /// </summary>
    public async Task<(IReadOnlyList<VerificationCheck> Checks, Checkpoint? Current)> CheckReceiptAsync(
        Receipt receipt, Checkpoint? kept, long? index, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        var checks = new List<VerificationCheck>();
        Checkpoint current;
        try
        {
            current = await VerifyCheckpointAsync(kept, cancellationToken).ConfigureAwait(false);
        }
        catch (TileLogException e)
        {
            checks.Add(new(VerificationChecks.LogCheckpoint, false, e.Message));
            return (checks, null);
        }

        checks.Add(new(VerificationChecks.LogCheckpoint, true, string.Create(CultureInfo.InvariantCulture,
            $"checkpoint of '{Origin}' at size {current.TreeSize} verified{(kept is null ? "" : $", extending the kept checkpoint of size {kept.TreeSize}")}")));
        var leaf = Merkle.HashReceiptLeaf(receipt);
        try
        {
            var at = index ?? await FindLeafAsync(current, leaf, cancellationToken).ConfigureAwait(false);
            if (at < 0)
            {
                checks.Add(new(VerificationChecks.LogInclusion, false, string.Create(CultureInfo.InvariantCulture,
                    $"The receipt's leaf hash is in none of the log's {current.TreeSize} entries."), leaf.ToHex(), null));
                return (checks, current);
            }

            await VerifyInclusionAsync(current, at, leaf, cancellationToken).ConfigureAwait(false);
            checks.Add(new(VerificationChecks.LogInclusion, true, string.Create(CultureInfo.InvariantCulture,
                $"the receipt is entry {at} of the log '{Origin}', included in its checkpoint of size {current.TreeSize}")));
        }
        catch (TileLogException e)
        {
            checks.Add(new(VerificationChecks.LogInclusion, false, e.Message));
        }

        return (checks, current);
    }

    /// <summary>Fetches the current checkpoint and checks it: a known key's signature, the origin, that the tiles give
    /// its root, and, when <paramref name="kept"/> is given, that it extends it (a fork of the same size included).</summary>
    /// <exception cref="TileLogException">A check fails; the message says which.</exception>
    public async Task<Checkpoint> VerifyCheckpointAsync(Checkpoint? kept, CancellationToken cancellationToken = default)
    {
        var current = await FetchCheckpointAsync(cancellationToken).ConfigureAwait(false);
        await VerifyRootAsync(current, cancellationToken).ConfigureAwait(false);
        if (kept is not null)
        {
            await VerifyConsistencyAsync(kept, current, cancellationToken).ConfigureAwait(false);
        }

        return current;
    }

    /// <summary>Fetches entry bundle <paramref name="number"/> of a tree of <paramref name="treeSize"/> entries (the
    /// partial one when it is the last), parsed but unverified.</summary>
    public async Task<IReadOnlyList<ReadOnlyMemory<byte>>> FetchEntriesAsync(long number, long treeSize, CancellationToken cancellationToken = default)
    {
        var width = (int)Math.Min(TileLayout.TileWidth, treeSize - (number * TileLayout.TileWidth));
        var bytes = await FetchWithFallback(TileLayout.EntriesPath(number, width), TileLayout.EntriesPath(number, TileLayout.TileWidth), width, cancellationToken).ConfigureAwait(false);
        try
        {
            var entries = TileLayout.ParseEntryBundle(bytes);
            return entries.Count >= width
                ? entries.Take(width).ToList()
                : throw new TileLogException(string.Create(CultureInfo.InvariantCulture, $"Entry bundle {number} of {_source.Name} holds {entries.Count} entries, not {width}."));
        }
        catch (TileFormatException e)
        {
            throw new TileLogException($"Entry bundle {number} of {_source.Name} is malformed: {e.Message}", e);
        }
    }

    /// <summary>Runs a proof computation twice: once to learn which tiles it reads (with placeholder hashes), then,
    /// after fetching those tiles in parallel, over their hashes.</summary>
    private async Task<T> WithTiles<T>(long treeSize, Func<StoredHash, T> compute, CancellationToken cancellationToken)
    {
        var needed = new HashSet<(int Level, long Number, int Width)>();
        compute((height, index) =>
        {
            var (level, number, width, _, _) = TileLayout.Locate(height, index, treeSize);
            needed.Add((level, number, width));
            return Merkle.EmptyRoot;
        });
        await Task.WhenAll(needed.Select(t => GetTileAsync(t.Level, t.Number, t.Width, cancellationToken))).ConfigureAwait(false);
        return compute((height, index) =>
        {
            var (level, number, width, offset, count) = TileLayout.Locate(height, index, treeSize);
            lock (_tiles)
            {
                return TileLayout.HashPerfect(_tiles[TileLayout.TilePath(level, number, width)], offset, count);
            }
        });
    }

    private async Task<IReadOnlyList<Sha256Digest>> GetTileAsync(int level, long number, int width, CancellationToken cancellationToken)
    {
        var path = TileLayout.TilePath(level, number, width);
        lock (_tiles)
        {
            if (_tiles.TryGetValue(path, out var cached))
            {
                return cached;
            }
        }

        var bytes = await FetchWithFallback(path, TileLayout.TilePath(level, number, TileLayout.TileWidth), width, cancellationToken).ConfigureAwait(false);
        IReadOnlyList<Sha256Digest> hashes;
        try
        {
            // A full tile fetched in place of a partial one: its first W hashes are the partial tile's.
            hashes = TileLayout.ParseHashTile(bytes.Length == TileLayout.TileWidth * Sha256Digest.Length && width < TileLayout.TileWidth
                ? bytes.AsSpan(0, width * Sha256Digest.Length)
                : bytes.AsSpan(), width);
        }
        catch (TileFormatException e)
        {
            throw new TileLogException($"The tile {path} of {_source.Name} is malformed: {e.Message}", e);
        }

        lock (_tiles)
        {
            _tiles[path] = hashes;
        }

        return hashes;
    }

    /// <summary>Fetches a partial resource, or the full one when the log has already replaced it (C2SP allows the
    /// partial one to be deleted once the full one exists).</summary>
    private async Task<byte[]> FetchWithFallback(string path, string fullPath, int width, CancellationToken cancellationToken)
    {
        byte[]? bytes;
        try
        {
            bytes = await _source.GetAsync(path, cancellationToken).ConfigureAwait(false);
            if (bytes is null && width < TileLayout.TileWidth)
            {
                bytes = await _source.GetAsync(fullPath, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (IOException e)
        {
            throw new TileLogException(e.Message, e);
        }

        return bytes ?? throw new TileLogException($"The log {_source.Name} does not serve {path}, which its checkpoint needs.");
    }
}
