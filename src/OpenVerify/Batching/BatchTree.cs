using System.Security.Cryptography;

namespace OpenVerify.Batching;

/// <summary>
/// The RFC 9162 tree of one sealed batch, in one contiguous buffer: the leaf hashes, then the hashes of the complete
/// (perfect, aligned) subtrees level by level, 32 bytes each (at most 2n − 1 hashes for n leaves). Building it
/// allocates the buffer and nothing per node; the root and inclusion proofs are read from it by
/// <see cref="MerkleTree"/>'s algorithms (the same code as the receipt log's tree), so the hashes are the same.
/// Written once by the sealer (<see cref="Leaf"/>, then <see cref="Build"/>) and read-only afterwards, so concurrent
/// proof reads are safe.
/// </summary>
internal sealed class BatchTree
{
    private readonly byte[] _hashes;

    // _offsets[h]: the index (in hashes) of level h's first complete subtree hash; level h holds Size >> h of them.
    private readonly int[] _offsets;

    public BatchTree(int size)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        Size = size;
        var levels = 1;
        var total = size;
        for (var count = size >> 1; count > 0; count >>= 1)
        {
            levels++;
            total += count;
        }

        _offsets = new int[levels];
        for (int h = 1, at = size; h < levels; h++)
        {
            _offsets[h] = at;
            at += size >> h;
        }

        _hashes = new byte[checked(total * Sha256Digest.Length)];
    }

    /// <summary>The number of leaves.</summary>
    public int Size { get; }

    /// <summary>Where the sealer writes leaf <paramref name="index"/>'s hash (SHA-256(0x00 ‖ PAE)) before
    /// <see cref="Build"/>.</summary>
    public Span<byte> Leaf(int index) => _hashes.AsSpan(index * Sha256Digest.Length, Sha256Digest.Length);

    /// <summary>Hashes every complete subtree from the leaves: a node's two children are adjacent one level down.</summary>
    public void Build()
    {
        Span<byte> pair = stackalloc byte[1 + (2 * Sha256Digest.Length)];
        pair[0] = 0x01;
        for (var h = 1; h < _offsets.Length; h++)
        {
            var children = _offsets[h - 1];
            var parents = _offsets[h];
            var count = Size >> h;
            for (var i = 0; i < count; i++)
            {
                _hashes.AsSpan((children + (2 * i)) * Sha256Digest.Length, 2 * Sha256Digest.Length).CopyTo(pair[1..]);
                Sha256Hasher.HashData(pair, _hashes.AsSpan((parents + i) * Sha256Digest.Length, Sha256Digest.Length));
            }
        }
    }

    /// <summary>The root of the whole tree.</summary>
    public Sha256Digest RootHash() => MerkleTree.RootHash(Stored, Size);

    /// <summary>The inclusion proof of leaf <paramref name="index"/> in the whole tree, bottom-up.</summary>
    public IReadOnlyList<Sha256Digest> InclusionProof(long index) => MerkleTree.InclusionProof(Stored, index, Size);

    private Sha256Digest Stored(int height, long index) =>
        Sha256Digest.FromBytes(_hashes.AsSpan((_offsets[height] + (int)index) * Sha256Digest.Length, Sha256Digest.Length));
}
