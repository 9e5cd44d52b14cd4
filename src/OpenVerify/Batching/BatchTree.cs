namespace OpenVerify.Batching;

/// <summary>
/// The RFC 9162 tree of one sealed batch, in one contiguous buffer: the leaf hashes, then the hashes of the complete
/// (perfect, aligned) subtrees of four leaves and more, level by level, 32 bytes each (about 1.5 n hashes for n leaves).
/// The subtrees of two leaves are not kept: each is one SHA-256 over two adjacent leaf hashes, computed again when a
/// proof or the root needs one (an inclusion proof needs one, its leaf's neighbouring pair), which keeps 16 bytes per
/// receipt out of every batch that receipts keep alive. Building it allocates the buffer and nothing per node; the root
/// and inclusion proofs are read from it by <see cref="MerkleTree"/>'s algorithms (the same code as the receipt log's
/// tree), so the hashes are the same. Written once by the sealer (<see cref="Leaf"/>, then <see cref="Build"/>) and
/// read-only afterwards, so concurrent proof reads are safe.
/// </summary>
internal sealed class BatchTree
{
    private readonly byte[] _hashes;

    // _offsets[h]: the index (in hashes) of level h's first complete subtree hash; level h holds Size >> h of them.
    // Level 1 is not kept (_offsets[1] is unused).
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
        for (var h = 2; h < levels; h++)
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

    /// <summary>Hashes every complete subtree of four leaves and more from the leaves: a node's two children are
    /// adjacent one level down (level 1's computed on the way).</summary>
    public void Build()
    {
        Span<byte> pair = stackalloc byte[1 + (2 * Sha256Digest.Length)];
        pair[0] = 0x01;
        for (var h = 2; h < _offsets.Length; h++)
        {
            var parents = _offsets[h];
            var count = Size >> h;
            for (var i = 0; i < count; i++)
            {
                if (h == 2)
                {
                    PairOfLeaves(2 * i, pair.Slice(1, Sha256Digest.Length));
                    PairOfLeaves((2 * i) + 1, pair[(1 + Sha256Digest.Length)..]);
                }
                else
                {
                    _hashes.AsSpan((_offsets[h - 1] + (2 * i)) * Sha256Digest.Length, 2 * Sha256Digest.Length).CopyTo(pair[1..]);
                }

                Sha256Hasher.HashData(pair, _hashes.AsSpan((parents + i) * Sha256Digest.Length, Sha256Digest.Length));
            }
        }
    }

    /// <summary>The root of the whole tree.</summary>
    public Sha256Digest RootHash() => MerkleTree.RootHash(Stored, Size);

    /// <summary>The inclusion proof of leaf <paramref name="index"/> in the whole tree, bottom-up.</summary>
    public IReadOnlyList<Sha256Digest> InclusionProof(long index) => MerkleTree.InclusionProof(Stored, index, Size);

    private Sha256Digest Stored(int height, long index)
    {
        if (height != 1)
        {
            return Sha256Digest.FromBytes(_hashes.AsSpan((_offsets[height] + (int)index) * Sha256Digest.Length, Sha256Digest.Length));
        }

        Span<byte> hash = stackalloc byte[Sha256Digest.Length];
        PairOfLeaves((int)index, hash);
        return Sha256Digest.FromBytes(hash);
    }

    /// <summary>The hash of the complete subtree of leaves 2·<paramref name="index"/> and 2·<paramref name="index"/> + 1
    /// (RFC 9162: SHA-256(0x01 ‖ left ‖ right)).</summary>
    private void PairOfLeaves(int index, Span<byte> into)
    {
        Span<byte> pair = stackalloc byte[1 + (2 * Sha256Digest.Length)];
        pair[0] = 0x01;
        _hashes.AsSpan(2 * index * Sha256Digest.Length, 2 * Sha256Digest.Length).CopyTo(pair[1..]);
        Sha256Hasher.HashData(pair, into);
    }
}
