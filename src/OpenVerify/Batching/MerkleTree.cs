namespace OpenVerify.Batching;

/// <summary>The hash of the complete subtree of 2^<paramref name="height"/> leaves numbered <paramref name="index"/>
/// at that height: where a tree's proofs read their hashes from (memory, or a tiled log's tiles).</summary>
internal delegate Sha256Digest StoredHash(int height, long index);

/// <summary>
/// An append-only RFC 9162 Merkle tree over leaf hashes. It keeps every complete (perfect, aligned) subtree hash, 32
/// bytes each (about 64 bytes per leaf in all), so the root of any earlier size, an inclusion proof and a
/// consistency proof each cost O(log n) hashes. Not thread-safe: callers serialize access.
/// </summary>
public sealed class MerkleTree
{
    // _levels[h] holds the hashes of the complete subtrees of 2^h leaves, left to right.
    private readonly List<HashLevel> _levels = [new HashLevel()];

    /// <summary>The number of leaves.</summary>
    public long Size => _levels[0].Count;

    /// <summary>Builds a tree over leaf hashes.</summary>
    public static MerkleTree FromLeafHashes(IEnumerable<Sha256Digest> leafHashes)
    {
        ArgumentNullException.ThrowIfNull(leafHashes);
        var tree = new MerkleTree();
        foreach (var leaf in leafHashes)
        {
            tree.Append(leaf);
        }

        return tree;
    }

    /// <summary>Appends a leaf hash (SHA-256(0x00 ‖ data)) and returns its index.</summary>
    public long Append(Sha256Digest leafHash)
    {
        if (leafHash.IsEmpty)
        {
            throw new ArgumentException("The leaf hash is empty.", nameof(leafHash));
        }

        var index = Size;
        _levels[0].Add(leafHash.Bytes);
        var level = 0;
        // Each time a level gets an even number of nodes, its last two form a complete subtree one level up.
        while (_levels[level].Count % 2 == 0)
        {
            var count = _levels[level].Count;
            var parent = Merkle.HashChildren(_levels[level].Get(count - 2), _levels[level].Get(count - 1));
            if (_levels.Count == level + 1)
            {
                _levels.Add(new HashLevel());
            }

            _levels[level + 1].Add(parent.Bytes);
            level++;
        }

        return index;
    }

    /// <summary>The leaf hash at an index.</summary>
    public Sha256Digest LeafHash(long index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Size);
        return _levels[0].Get(index);
    }

    /// <summary>The root of the whole tree.</summary>
    public Sha256Digest RootHash() => RootHash(Size);

    /// <summary>The root of the tree of the first <paramref name="size"/> leaves.</summary>
    public Sha256Digest RootHash(long size)
    {
        CheckSize(size);
        return RootHash(Stored, size);
    }

    /// <summary>The inclusion proof (RFC 9162 §2.1.3.1 PATH) of a leaf in the tree of the first
    /// <paramref name="size"/> leaves, bottom-up.</summary>
    public IReadOnlyList<Sha256Digest> InclusionProof(long index, long size)
    {
        CheckSize(size);
        return InclusionProof(Stored, index, size);
    }

    /// <summary>The consistency proof (RFC 9162 §2.1.4.1 PROOF) between the trees of the first
    /// <paramref name="firstSize"/> and <paramref name="secondSize"/> leaves; empty when the sizes are equal or the first
    /// is zero.</summary>
    public IReadOnlyList<Sha256Digest> ConsistencyProof(long firstSize, long secondSize)
    {
        CheckSize(secondSize);
        return ConsistencyProof(Stored, firstSize, secondSize);
    }

    /// <summary>The hash of the complete subtree of 2^<paramref name="height"/> leaves at <paramref name="index"/>
    /// (leaves index·2^height to (index+1)·2^height − 1), which must lie within the tree.</summary>
    internal Sha256Digest Stored(int height, long index) => _levels[height].Get(index);

    /// <summary>The root of a tree of <paramref name="size"/> leaves whose complete subtree hashes
    /// <paramref name="stored"/> gives (this tree's, or a tiled log's tiles).</summary>
    internal static Sha256Digest RootHash(StoredHash stored, long size) => size == 0 ? Merkle.EmptyRoot : Subtree(stored, 0, size);

    /// <summary><see cref="InclusionProof(long, long)"/> over the complete subtree hashes <paramref name="stored"/> gives.</summary>
    internal static IReadOnlyList<Sha256Digest> InclusionProof(StoredHash stored, long index, long size)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, size);
        var proof = new List<Sha256Digest>();
        Path(stored, index, 0, size, proof);
        return proof;
    }

    /// <summary><see cref="ConsistencyProof(long, long)"/> over the complete subtree hashes <paramref name="stored"/> gives.</summary>
    internal static IReadOnlyList<Sha256Digest> ConsistencyProof(StoredHash stored, long firstSize, long secondSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(firstSize);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(firstSize, secondSize);
        var proof = new List<Sha256Digest>();
        if (firstSize > 0 && firstSize < secondSize)
        {
            SubProof(stored, firstSize, 0, secondSize, true, proof);
        }

        return proof;
    }

    private void CheckSize(long size)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(size, Size);
    }

    /// <summary>MTH(D[start:start+count]) for count ≥ 1. In the RFC's recursion every left subtree is complete and
    /// aligned, so it is read from the stored levels.</summary>
    private static Sha256Digest Subtree(StoredHash stored, long start, long count)
    {
        if ((count & (count - 1)) == 0 && start % count == 0)
        {
            var height = System.Numerics.BitOperations.TrailingZeroCount((ulong)count);
            return stored(height, start >> height);
        }

        var k = Merkle.SplitPoint(count);
        return Merkle.HashChildren(Subtree(stored, start, k), Subtree(stored, start + k, count - k));
    }

    private static void Path(StoredHash stored, long m, long start, long n, List<Sha256Digest> proof)
    {
        if (n == 1)
        {
            return;
        }

        var k = Merkle.SplitPoint(n);
        if (m < k)
        {
            Path(stored, m, start, k, proof);
            proof.Add(Subtree(stored, start + k, n - k));
        }
        else
        {
            Path(stored, m - k, start + k, n - k, proof);
            proof.Add(Subtree(stored, start, k));
        }
    }

    private static void SubProof(StoredHash stored, long m, long start, long n, bool complete, List<Sha256Digest> proof)
    {
        if (m == n)
        {
            if (!complete)
            {
                proof.Add(Subtree(stored, start, n));
            }

            return;
        }

        var k = Merkle.SplitPoint(n);
        if (m <= k)
        {
            SubProof(stored, m, start, k, complete, proof);
            proof.Add(Subtree(stored, start + k, n - k));
        }
        else
        {
            SubProof(stored, m - k, start + k, n - k, false, proof);
            proof.Add(Subtree(stored, start, k));
        }
    }

    /// <summary>A growable array of 32-byte hashes.</summary>
    private sealed class HashLevel
    {
        private byte[] _buffer = new byte[Sha256Digest.Length * 16];

        public long Count { get; private set; }

        public void Add(ReadOnlySpan<byte> hash)
        {
            var offset = Count * Sha256Digest.Length;
            if (offset + Sha256Digest.Length > _buffer.LongLength)
            {
                Array.Resize(ref _buffer, checked(_buffer.Length * 2));
            }

            hash.CopyTo(_buffer.AsSpan((int)offset, Sha256Digest.Length));
            Count++;
        }

        public Sha256Digest Get(long index) => Sha256Digest.FromBytes(_buffer.AsSpan((int)(index * Sha256Digest.Length), Sha256Digest.Length));
    }
}
