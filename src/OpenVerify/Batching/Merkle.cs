using System.Numerics;
using System.Security.Cryptography;

namespace OpenVerify.Batching;

/// <summary>
/// Merkle tree hashing and proofs exactly as RFC 9162 §2.1 defines them (the same trees as RFC 6962): a leaf hash is
/// SHA-256(0x00 ‖ leaf data), an interior node SHA-256(0x01 ‖ left ‖ right), the empty tree SHA-256 of nothing, and
/// a tree of n &gt; 1 leaves splits at k, the largest power of two smaller than n. An odd level is never padded by
/// repeating its last node, so [a,b,c] and [a,b,c,c] have different roots. For receipts the leaf data is the DSSE
/// PAE bytes of the receipt (<see cref="HashReceiptLeaf(Receipt)"/>).
/// </summary>
public static class Merkle
{
    /// <summary>The root of the empty tree: SHA-256 of no bytes (e3b0c442…b855).</summary>
    public static Sha256Digest EmptyRoot { get; } = Sha256Digest.Compute([]);

    /// <summary>SHA-256(0x00 ‖ data).</summary>
    public static Sha256Digest HashLeaf(ReadOnlySpan<byte> data)
    {
        var hash = PooledHash.Sha256;
        hash.AppendData([0x00]);
        hash.AppendData(data);
        return PooledHash.Finish(hash);
    }

    /// <summary>SHA-256(0x00 ‖ PAE(payloadType, payload)), hashed in pieces: the PAE is never built.</summary>
    internal static Sha256Digest HashReceiptLeafIncremental(string payloadType, ReadOnlySpan<byte> payload)
    {
        Span<byte> digest = stackalloc byte[Sha256Digest.Length];
        HashReceiptLeafIncremental(payloadType, payload, digest);
        return Sha256Digest.FromBytes(digest);
    }

    /// <summary><see cref="HashReceiptLeafIncremental(string, ReadOnlySpan{byte})"/> into 32 bytes the caller owns (a
    /// batch tree's leaf).</summary>
    internal static void HashReceiptLeafIncremental(string payloadType, ReadOnlySpan<byte> payload, Span<byte> destination)
    {
        var size = 1 + 64 + (3 * payloadType.Length);
        Span<byte> header = size <= 512 ? stackalloc byte[size] : new byte[size];
        header[0] = 0x00;
        var hash = PooledHash.Sha256;
        var length = Dsse.WritePaeHeader(payloadType, payload.Length, header[1..]);
        hash.AppendData(header[..(1 + length)]);
        hash.AppendData(payload);
        hash.GetHashAndReset(destination);
    }

    /// <summary>SHA-256(0x01 ‖ left ‖ right).</summary>
    public static Sha256Digest HashChildren(Sha256Digest left, Sha256Digest right)
    {
        Span<byte> buffer = stackalloc byte[1 + (2 * Sha256Digest.Length)];
        buffer[0] = 0x01;
        left.Bytes.CopyTo(buffer[1..]);
        right.Bytes.CopyTo(buffer[(1 + Sha256Digest.Length)..]);
        return Sha256Digest.Compute(buffer);
    }

    /// <summary>The leaf hash of a receipt (or any DSSE envelope): SHA-256(0x00 ‖ PAE(payloadType, payload)).</summary>
    public static Sha256Digest HashReceiptLeaf(string payloadType, ReadOnlySpan<byte> payload)
    {
        ArgumentNullException.ThrowIfNull(payloadType);
        return HashReceiptLeafIncremental(payloadType, payload);
    }

    /// <summary>The leaf hash of a receipt: SHA-256(0x00 ‖ PAE of its envelope).</summary>
    public static Sha256Digest HashReceiptLeaf(Receipt receipt)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        return HashReceiptLeaf(receipt.Envelope.PayloadType, receipt.Envelope.Payload);
    }

    /// <summary>The largest power of two smaller than <paramref name="n"/> (n ≥ 2).</summary>
    internal static long SplitPoint(long n) => 1L << (63 - BitOperations.LeadingZeroCount((ulong)(n - 1)));

    /// <summary>MTH over leaf hashes, by the RFC's recursive definition.</summary>
    public static Sha256Digest RootHash(IReadOnlyList<Sha256Digest> leafHashes)
    {
        ArgumentNullException.ThrowIfNull(leafHashes);
        return leafHashes.Count == 0 ? EmptyRoot : Subtree(leafHashes, 0, leafHashes.Count);
    }

    private static Sha256Digest Subtree(IReadOnlyList<Sha256Digest> leaves, int start, int count)
    {
        if (count == 1)
        {
            return leaves[start];
        }

        var k = (int)SplitPoint(count);
        return HashChildren(Subtree(leaves, start, k), Subtree(leaves, start + k, count - k));
    }

    /// <summary>
    /// Verifies an inclusion proof as RFC 9162 §2.1.3.2 defines: the index must be below the tree size, and the proof
    /// must have exactly the length the tree needs (a longer or shorter proof fails).
    /// </summary>
    public static bool VerifyInclusion(long leafIndex, long treeSize, Sha256Digest leafHash, IReadOnlyList<Sha256Digest> proof, Sha256Digest rootHash)
    {
        ArgumentNullException.ThrowIfNull(proof);
        if (leafIndex < 0 || treeSize <= 0 || leafIndex >= treeSize || leafHash.IsEmpty || rootHash.IsEmpty)
        {
            return false;
        }

        Span<byte> computed = stackalloc byte[Sha256Digest.Length];
        return TryComputeRoot(leafIndex, treeSize, leafHash, proof, computed) && computed.SequenceEqual(rootHash.Bytes);
    }

    /// <summary>The root an inclusion proof leads to, or null when the proof has the wrong length for the tree (RFC
    /// 9162 §2.1.3.2 steps 1–5, without the final comparison).</summary>
    public static Sha256Digest? ComputeRootFromInclusion(long leafIndex, long treeSize, Sha256Digest leafHash, IReadOnlyList<Sha256Digest> proof)
    {
        ArgumentNullException.ThrowIfNull(proof);
        if (leafIndex < 0 || leafIndex >= treeSize)
        {
            return null;
        }

        Span<byte> root = stackalloc byte[Sha256Digest.Length];
        return TryComputeRoot(leafIndex, treeSize, leafHash, proof, root) ? Sha256Digest.FromBytes(root) : null;
    }

    /// <summary>RFC 9162 §2.1.3.2 steps 1–5 into <paramref name="root"/>, every node hashed in one stack buffer (a
    /// batched receipt's proof is checked on every verification); false when the proof has the wrong length.</summary>
    private static bool TryComputeRoot(long leafIndex, long treeSize, Sha256Digest leafHash, IReadOnlyList<Sha256Digest> proof, Span<byte> root)
    {
        if (leafIndex < 0 || leafIndex >= treeSize)
        {
            return false;
        }

        Span<byte> node = stackalloc byte[1 + (2 * Sha256Digest.Length)];
        node[0] = 0x01;
        var left = node.Slice(1, Sha256Digest.Length);
        var right = node.Slice(1 + Sha256Digest.Length, Sha256Digest.Length);
        leafHash.Bytes.CopyTo(root);
        var fn = leafIndex;
        var sn = treeSize - 1;
        for (var i = 0; i < proof.Count; i++)
        {
            var p = proof[i];
            if (sn == 0 || p.IsEmpty)
            {
                return false;
            }

            if ((fn & 1) == 1 || fn == sn)
            {
                p.Bytes.CopyTo(left);
                root.CopyTo(right);
                if ((fn & 1) == 0)
                {
                    while ((fn & 1) == 0 && fn != 0)
                    {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            }
            else
            {
                root.CopyTo(left);
                p.Bytes.CopyTo(right);
            }

            HashNode(node, i, root);
            fn >>= 1;
            sn >>= 1;
        }

        return sn == 0;
    }

    /// <summary>Interior nodes remembered per proof level and thread (at most this many levels: a proof of a tree of
    /// 2^63 leaves has 63).</summary>
    private const int NodeMemoLevels = 64;

    // Per proof level, the last interior node this thread hashed: its 64 input bytes (left ‖ right) and its hash.
    // Receipts of one batch are verified together, and two receipts' paths share every node above the level where
    // they meet (leaves i and i+1 differ in about two levels of ten on average), so most of a proof's SHA-256s were
    // already computed for the previous receipt. A node is taken from here only when its input bytes equal the ones it
    // was hashed from, so what comes out is SHA-256(0x01 ‖ left ‖ right) itself: the proof is checked exactly as
    // before, level by level, whatever the receipts and their order.
    [ThreadStatic]
    private static byte[]? _nodeMemo;

    [ThreadStatic]
    private static ulong _nodeMemoFilled;

    /// <summary>SHA-256 of the node buffer (0x01 ‖ left ‖ right) into <paramref name="hash"/>, or the hash of the
    /// same 64 input bytes remembered for this proof level.</summary>
    private static void HashNode(ReadOnlySpan<byte> node, int level, Span<byte> hash)
    {
        const int Entry = 3 * Sha256Digest.Length;
        var input = node[1..];
        if (level >= NodeMemoLevels)
        {
            Sha256Hasher.HashData(node, hash);
            return;
        }

        var memo = (_nodeMemo ??= new byte[NodeMemoLevels * Entry]).AsSpan(level * Entry, Entry);
        var bit = 1UL << level;
        if ((_nodeMemoFilled & bit) != 0 && memo[..input.Length].SequenceEqual(input))
        {
            memo[input.Length..].CopyTo(hash);
            return;
        }

        Sha256Hasher.HashData(node, hash);
        input.CopyTo(memo);
        hash[..Sha256Digest.Length].CopyTo(memo[input.Length..]);
        _nodeMemoFilled |= bit;
    }

    /// <summary>
    /// Verifies a consistency proof between a tree of <paramref name="firstSize"/> leaves and one of
    /// <paramref name="secondSize"/> leaves as RFC 9162 §2.1.4.2 defines for 0 &lt; first &lt; second. The RFC leaves
    /// the edges to the caller; here (docs/spec/batch-v1.md) a tree of size 0 has exactly one root, MTH({}) =
    /// SHA-256 of no bytes, so a size-0 root that is anything else fails whatever the other size; equal sizes need an
    /// empty proof and equal roots; from the empty tree the proof must be empty; a smaller second tree fails.
    /// </summary>
    public static bool VerifyConsistency(long firstSize, long secondSize, Sha256Digest firstRoot, Sha256Digest secondRoot, IReadOnlyList<Sha256Digest> proof)
    {
        ArgumentNullException.ThrowIfNull(proof);
        if (firstSize < 0 || secondSize < firstSize || firstRoot.IsEmpty || secondRoot.IsEmpty)
        {
            return false;
        }

        // The empty tree's root is fixed (RFC 9162 §2.1.1): a claimed root of size 0 is checked, never taken on trust.
        if ((firstSize == 0 && firstRoot != EmptyRoot) || (secondSize == 0 && secondRoot != EmptyRoot))
        {
            return false;
        }

        if (firstSize == secondSize)
        {
            return proof.Count == 0 && firstRoot == secondRoot;
        }

        if (firstSize == 0)
        {
            return proof.Count == 0;
        }

        // 1. An empty path fails.
        if (proof.Count == 0)
        {
            return false;
        }

        // 2. When first is an exact power of two, first_hash is prepended.
        var path = new List<Sha256Digest>(proof.Count + 1);
        if ((firstSize & (firstSize - 1)) == 0)
        {
            path.Add(firstRoot);
        }

        path.AddRange(proof);
        if (path.Any(p => p.IsEmpty))
        {
            return false;
        }

        // 3–4.
        var fn = firstSize - 1;
        var sn = secondSize - 1;
        while ((fn & 1) == 1)
        {
            fn >>= 1;
            sn >>= 1;
        }

        // 5–6.
        var fr = path[0];
        var sr = path[0];
        for (var i = 1; i < path.Count; i++)
        {
            var c = path[i];
            if (sn == 0)
            {
                return false;
            }

            if ((fn & 1) == 1 || fn == sn)
            {
                fr = HashChildren(c, fr);
                sr = HashChildren(c, sr);
                if ((fn & 1) == 0)
                {
                    while ((fn & 1) == 0 && fn != 0)
                    {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            }
            else
            {
                sr = HashChildren(sr, c);
            }

            fn >>= 1;
            sn >>= 1;
        }

        // 7.
        return sn == 0 && fr == firstRoot && sr == secondRoot;
    }
}
