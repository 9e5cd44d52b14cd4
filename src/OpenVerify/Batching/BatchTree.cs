namespace OpenVerify.Batching;

/// <summary>
/// The RFC 9162 tree of one sealed batch, in one contiguous buffer: the leaf hashes, then the hashes of the complete
/// (perfect, aligned) subtrees of eight leaves and more, level by level, 32 bytes each (about 1.25 n hashes for n
/// leaves). The subtrees of two and four leaves are not kept: each is computed again from its leaves when a proof or the
/// root needs one (an inclusion proof needs two of them, four SHA-256 of 65 bytes in all), which keeps 24 bytes per
/// receipt out of every batch that receipts keep alive. Building it allocates the buffer and nothing per node; the root
/// and inclusion proofs are read from it by <see cref="MerkleTree"/>'s algorithms (the same code as the receipt log's
/// tree), so the hashes are the same. Written once by the sealer (<see cref="Leaf"/>, then <see cref="Build"/>) and
/// read-only afterwards, so concurrent proof reads are safe.
/// </summary>
internal sealed class BatchTree
{
    /// <summary>The lowest level above the leaves whose hashes are kept.</summary>
    private const int LowestKept = 3;

    private readonly byte[] _hashes;

    // _offsets[h]: the index (in hashes) of level h's first complete subtree hash; level h holds Size >> h of them.
    // Levels 1 to LowestKept - 1 are not kept (their offsets are unused).
    private readonly int[] _offsets;

    public BatchTree(int size)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        Size = size;
        var levels = 1;
        for (var count = size >> 1; count > 0; count >>= 1)
        {
            levels++;
        }

        _offsets = new int[levels];
        var total = size;
        for (var h = LowestKept; h < levels; h++)
        {
            _offsets[h] = total;
            total += size >> h;
        }

        _hashes = new byte[checked(total * Sha256Digest.Length)];
    }

    /// <summary>The number of leaves.</summary>
    public int Size { get; }

    /// <summary>Where the sealer writes leaf <paramref name="index"/>'s hash (SHA-256(0x00 ‖ PAE)) before
    /// <see cref="Build"/>.</summary>
    public Span<byte> Leaf(int index) => _hashes.AsSpan(index * Sha256Digest.Length, Sha256Digest.Length);

    /// <summary>Hashes every complete subtree of 2^<see cref="LowestKept"/> leaves and more from the leaves: a node's
    /// two children are adjacent one level down (the levels not kept are computed on the way).</summary>
    public void Build()
    {
        Span<byte> pair = stackalloc byte[1 + (2 * Sha256Digest.Length)];
        for (var h = LowestKept; h < _offsets.Length; h++)
        {
            var count = Size >> h;
            for (var i = 0; i < count; i++)
            {
                if (h == LowestKept)
                {
                    Computed(h, i, _hashes.AsSpan((_offsets[h] + i) * Sha256Digest.Length, Sha256Digest.Length));
                }
                else
                {
                    pair[0] = 0x01;
                    _hashes.AsSpan((_offsets[h - 1] + (2 * i)) * Sha256Digest.Length, 2 * Sha256Digest.Length).CopyTo(pair[1..]);
                    Sha256Hasher.HashData(pair, _hashes.AsSpan((_offsets[h] + i) * Sha256Digest.Length, Sha256Digest.Length));
                }
            }
        }
    }

    /// <summary>The root of the whole tree.</summary>
    public Sha256Digest RootHash() => MerkleTree.RootHash(Stored, Size);

    /// <summary>The inclusion proof of leaf <paramref name="index"/> in the whole tree, bottom-up.</summary>
    public IReadOnlyList<Sha256Digest> InclusionProof(long index) => MerkleTree.InclusionProof(Stored, index, Size);

    private Sha256Digest Stored(int height, long index)
    {
        if (height == 0 || height >= LowestKept)
        {
            var at = height == 0 ? (int)index : _offsets[height] + (int)index;
            return Sha256Digest.FromBytes(_hashes.AsSpan(at * Sha256Digest.Length, Sha256Digest.Length));
        }

        Span<byte> hash = stackalloc byte[Sha256Digest.Length];
        Computed(height, (int)index, hash);
        return Sha256Digest.FromBytes(hash);
    }

    /// <summary>The hash of the complete subtree of 2^<paramref name="height"/> leaves numbered <paramref name="index"/>
    /// at that height (1 ≤ height ≤ <see cref="LowestKept"/>), from the leaves (RFC 9162: SHA-256(0x01 ‖ left ‖
    /// right)).</summary>
    private void Computed(int height, int index, Span<byte> into)
    {
        Span<byte> pair = stackalloc byte[1 + (2 * Sha256Digest.Length)];
        pair[0] = 0x01;
        if (height == 1)
        {
            _hashes.AsSpan(2 * index * Sha256Digest.Length, 2 * Sha256Digest.Length).CopyTo(pair[1..]);
        }
        else
        {
            Computed(height - 1, 2 * index, pair.Slice(1, Sha256Digest.Length));
            Computed(height - 1, (2 * index) + 1, pair[(1 + Sha256Digest.Length)..]);
        }

        Sha256Hasher.HashData(pair, into);
    }
}
