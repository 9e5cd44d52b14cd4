using CsCheck;
using OpenVerify.Batching;

namespace OpenVerify.Tests.Batching;

/// <summary>
/// RFC 9162 §2.1 Merkle trees against a public reference tree: the 8-leaf tree of the transparency-dev/merkle project
/// (the test data of Trillian and certificate-transparency-go), leaves, roots and node hashes from
/// https://github.com/transparency-dev/merkle/blob/main/testonly/constants.go and proofs from
/// https://github.com/transparency-dev/merkle/blob/main/testonly/reference_test.go (TestRefInclusionProof,
/// TestRefConsistencyProof).
/// </summary>
public class MerkleTests
{
    private static readonly byte[][] Leaves =
    [
        [], [0x00], [0x10], [0x20, 0x21], [0x30, 0x31], [0x40, 0x41, 0x42, 0x43],
        Convert.FromHexString("5051525354555657"), Convert.FromHexString("606162636465666768696a6b6c6d6e6f"),
    ];

    private static readonly string[] Roots =
    [
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
        "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
        "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
        "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
        "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
    ];

    // Level 0 (leaf hashes) of NodeHashes() in constants.go.
    private static readonly string[] LeafHashes =
    [
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
        "0298d122906dcfc10892cb53a73992fc5b9f493ea4c9badb27b791b4127a7fe7",
        "07506a85fd9dd2f120eb694f86011e5bb4662e5c415a62917033d4a9624487e7",
        "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
        "4271a26be0d8a84f0bd54c8c302e7cb3a3b5d1fa6780a40bcce2873477dab658",
        "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f",
        "46f6ffadd3d06a09ff3c5860d2755c8b9819db7df44251788c7d8e3180de8eb1",
    ];

    public static TheoryData<long, long, string[]> InclusionVectors => new()
    {
        { 0, 1, [] },
        { 0, 2, ["96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7"] },
        { 1, 2, ["6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d"] },
        { 2, 3, ["fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125"] },
        { 1, 5, ["6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d", "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e", "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"] },
        { 0, 8, ["96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7", "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e", "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"] },
        { 5, 8, ["bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b", "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0", "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"] },
    };

    public static TheoryData<long, long, string[]> ConsistencyVectors => new()
    {
        { 1, 1, [] },
        { 1, 8, ["96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7", "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e", "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"] },
        { 2, 5, ["5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e", "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"] },
        { 6, 8, ["0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a", "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0", "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"] },
    };

    private static Sha256Digest H(string hex) => Sha256Digest.Parse(hex);

    private static Sha256Digest[] Hs(string[] hex) => [.. hex.Select(H)];

    private static MerkleTree Reference(int size) => MerkleTree.FromLeafHashes(Leaves.Take(size).Select(l => Merkle.HashLeaf(l)));

    [Fact]
    public void EmptyTree_IsSha256OfNothing()
    {
        Merkle.EmptyRoot.ToHex().ShouldBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        new MerkleTree().RootHash().ShouldBe(Merkle.EmptyRoot);
        Merkle.RootHash([]).ShouldBe(Merkle.EmptyRoot);
    }

    [Fact]
    public void LeafHashes_MatchTheReference()
    {
        Leaves.Select(l => Merkle.HashLeaf(l).ToHex()).ShouldBe(LeafHashes);
    }

    [Fact]
    public void Roots_ForEverySize_MatchTheReference()
    {
        var tree = new MerkleTree();
        tree.RootHash().ToHex().ShouldBe(Roots[0]);
        for (var size = 1; size <= 8; size++)
        {
            tree.Append(Merkle.HashLeaf(Leaves[size - 1]));
            tree.RootHash().ToHex().ShouldBe(Roots[size], $"size {size}");
            Merkle.RootHash([.. Leaves.Take(size).Select(l => Merkle.HashLeaf(l))]).ToHex().ShouldBe(Roots[size], $"recursive, size {size}");
        }

        for (var size = 0; size <= 8; size++)
        {
            tree.RootHash(size).ToHex().ShouldBe(Roots[size], $"earlier size {size}");
        }
    }

    [Theory]
    [MemberData(nameof(InclusionVectors))]
    public void InclusionProofs_MatchTheReference_AndVerify(long index, long size, string[] expected)
    {
        var tree = Reference(8);
        var proof = tree.InclusionProof(index, size);
        proof.Select(p => p.ToHex()).ShouldBe(expected);
        Merkle.VerifyInclusion(index, size, Merkle.HashLeaf(Leaves[index]), proof, H(Roots[size])).ShouldBeTrue();
    }

    [Theory]
    [MemberData(nameof(ConsistencyVectors))]
    public void ConsistencyProofs_MatchTheReference_AndVerify(long first, long second, string[] expected)
    {
        var tree = Reference(8);
        var proof = tree.ConsistencyProof(first, second);
        proof.Select(p => p.ToHex()).ShouldBe(expected);
        Merkle.VerifyConsistency(first, second, H(Roots[first]), H(Roots[second]), Hs(expected)).ShouldBeTrue();
    }

    [Fact]
    public void OddLevels_AreNotPadded_SoABC_DiffersFromABCC()
    {
        var a = Merkle.HashLeaf("a"u8);
        var b = Merkle.HashLeaf("b"u8);
        var c = Merkle.HashLeaf("c"u8);
        var abc = Merkle.RootHash([a, b, c]);
        var abcc = Merkle.RootHash([a, b, c, c]);
        abc.ShouldNotBe(abcc);
        abc.ShouldBe(Merkle.HashChildren(Merkle.HashChildren(a, b), c));

        // A proof for the duplicated leaf of [a,b,c,c] does not prove anything about [a,b,c].
        var proof = MerkleTree.FromLeafHashes([a, b, c, c]).InclusionProof(3, 4);
        Merkle.VerifyInclusion(3, 3, c, proof, abc).ShouldBeFalse();
        Merkle.VerifyInclusion(2, 3, c, proof, abc).ShouldBeFalse();
    }

    [Fact]
    public void InclusionProofs_OfTheWrongLength_AreRefused()
    {
        var tree = Reference(8);
        var leaf = Merkle.HashLeaf(Leaves[5]);
        var root = H(Roots[8]);
        var proof = tree.InclusionProof(5, 8).ToList();
        Merkle.VerifyInclusion(5, 8, leaf, proof, root).ShouldBeTrue();
        Merkle.VerifyInclusion(5, 8, leaf, proof.Take(2).ToList(), root).ShouldBeFalse("too short");
        Merkle.VerifyInclusion(5, 8, leaf, [.. proof, proof[0]], root).ShouldBeFalse("too long");
        Merkle.VerifyInclusion(5, 8, leaf, [.. proof, root], root).ShouldBeFalse("too long, ending in the root");
        Merkle.VerifyInclusion(0, 1, Merkle.HashLeaf(Leaves[0]), [H(Roots[1])], H(Roots[1])).ShouldBeFalse("a size-1 tree needs an empty proof");
    }

    [Fact]
    public void InclusionProofs_WithTheWrongIndexOrSize_AreRefused()
    {
        var tree = Reference(8);
        var leaf = Merkle.HashLeaf(Leaves[5]);
        var proof = tree.InclusionProof(5, 8);
        var root = H(Roots[8]);
        Merkle.VerifyInclusion(4, 8, leaf, proof, root).ShouldBeFalse();
        Merkle.VerifyInclusion(8, 8, leaf, proof, root).ShouldBeFalse("index == size");
        Merkle.VerifyInclusion(9, 8, leaf, proof, root).ShouldBeFalse("index > size");
        Merkle.VerifyInclusion(-1, 8, leaf, proof, root).ShouldBeFalse();
        Merkle.VerifyInclusion(5, 6, leaf, proof, root).ShouldBeFalse("another size");
        // (Size 7 gives the same path shape for leaf 5, so only the signed tree size tells 7 from 8: RFC 9162 proves
        // inclusion under a root whose size the signature covers.)
        Merkle.VerifyInclusion(5, 0, leaf, [], Merkle.EmptyRoot).ShouldBeFalse("nothing is in the empty tree");
        Merkle.VerifyInclusion(5, 8, Merkle.HashLeaf(Leaves[4]), proof, root).ShouldBeFalse("another leaf");
    }

    [Fact]
    public void ConsistencyProofs_ThatAreWrong_AreRefused()
    {
        var tree = Reference(8);
        var proof = tree.ConsistencyProof(6, 8).ToList();
        var (r6, r8) = (H(Roots[6]), H(Roots[8]));
        Merkle.VerifyConsistency(6, 8, r6, r8, proof).ShouldBeTrue();
        Merkle.VerifyConsistency(6, 8, r6, r8, proof.Take(2).ToList()).ShouldBeFalse("too short");
        Merkle.VerifyConsistency(6, 8, r6, r8, [.. proof, proof[0]]).ShouldBeFalse("too long");
        Merkle.VerifyConsistency(6, 8, r6, r8, []).ShouldBeFalse("empty");
        Merkle.VerifyConsistency(5, 8, H(Roots[5]), r8, proof).ShouldBeFalse("another first size");
        Merkle.VerifyConsistency(6, 7, r6, H(Roots[7]), proof).ShouldBeFalse("another second size");
        Merkle.VerifyConsistency(6, 8, H(Roots[5]), r8, proof).ShouldBeFalse("another first root");
        Merkle.VerifyConsistency(8, 6, r8, r6, proof).ShouldBeFalse("shrinking");
        Merkle.VerifyConsistency(8, 8, r8, r8, []).ShouldBeTrue();
        Merkle.VerifyConsistency(8, 8, r8, r8, [r8]).ShouldBeFalse("equal sizes need an empty proof");
        Merkle.VerifyConsistency(8, 8, r6, r8, []).ShouldBeFalse("equal sizes need equal roots");
        Merkle.VerifyConsistency(0, 8, Merkle.EmptyRoot, r8, []).ShouldBeTrue();
    }

    [Fact]
    public void TheEmptyTree_HasOneRoot_InEveryConsistencyProof()
    {
        var (r6, r8) = (H(Roots[6]), H(Roots[8]));
        Merkle.EmptyRoot.ToHex().ShouldBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        Merkle.VerifyConsistency(0, 0, Merkle.EmptyRoot, Merkle.EmptyRoot, []).ShouldBeTrue();
        Merkle.VerifyConsistency(0, 0, r8, r8, []).ShouldBeFalse("size 0 has only the empty tree's root");
        Merkle.VerifyConsistency(0, 0, r6, r6, []).ShouldBeFalse("size 0 has only the empty tree's root");
        Merkle.VerifyConsistency(0, 0, Merkle.EmptyRoot, r8, []).ShouldBeFalse("equal sizes need equal roots");
        Merkle.VerifyConsistency(0, 8, r6, r8, []).ShouldBeFalse("size 0 has only the empty tree's root");
        Merkle.VerifyConsistency(0, 8, Merkle.EmptyRoot, r8, [r8]).ShouldBeFalse("from the empty tree the proof is empty");
    }

    [Fact]
    public void Proofs_AcrossGrowth_AgreeWithTheRecursiveDefinition()
    {
        Gen.Int[1, 300].Select(Gen.Int[0, 1000]).Sample((n, seed) =>
        {
            var random = new Random(seed);
            var leaves = Enumerable.Range(0, n).Select(i => Merkle.HashLeaf(BitConverter.GetBytes(random.Next()))).ToArray();
            var tree = MerkleTree.FromLeafHashes(leaves);
            var m = random.Next(1, n + 1);
            var i = random.Next(m);
            var root = Merkle.RootHash(leaves[..m]);
            tree.RootHash(m).ShouldBe(root);
            Merkle.VerifyInclusion(i, m, leaves[i], tree.InclusionProof(i, m), root).ShouldBeTrue();
            var first = random.Next(0, m + 1);
            Merkle.VerifyConsistency(first, m, Merkle.RootHash(leaves[..first]), root, tree.ConsistencyProof(first, m)).ShouldBeTrue();
            if (first > 0 && first < m)
            {
                Merkle.VerifyConsistency(first, m, Merkle.RootHash(leaves[..first]), Merkle.RootHash(leaves[..(m - 1)]), tree.ConsistencyProof(first, m)).ShouldBeFalse();
            }
        }, iter: 300);
    }

    [Fact]
    public void ABatchTree_InOneBuffer_HasTheRootsAndProofsOfTheLogsTree()
    {
        // Every size up to 70 (odd levels, lone right nodes, powers of two and one past them; kept levels 3 to 6)
        // against the append-only tree the receipt log uses and the RFC's recursive definition, every leaf's proof.
        var random = new Random(15);
        for (var size = 1; size <= 70; size++)
        {
            BatchTreeAgreesWithTheLogsTree(size, random, proofEvery: 1);
        }
    }

    [Fact]
    public void ABatchTree_AboveSeventyLeaves_HasTheLogTreesRootAndProofs()
    {
        // Sizes that reach kept levels 7 to 10, each at a power of two, one below and one past it, and a size with
        // every level holding a lone right node; a sample of leaves and the last one.
        var random = new Random(8);
        foreach (var size in new[] { 127, 128, 129, 255, 256, 257, 1023, 1024, 1025, 1365 })
        {
            BatchTreeAgreesWithTheLogsTree(size, random, proofEvery: 7);
        }
    }

    /// <summary>
    /// Interior nodes are remembered per proof level and thread (receipts of one batch share the upper part of their
    /// paths): proofs checked one after another on one thread, valid or with one node, the leaf, the index or the root
    /// changed, get exactly the answer of RFC 9162 §2.1.3.2 computed here from scratch, in any order.
    /// </summary>
    [Fact]
    public void InclusionProofs_CheckedOneAfterAnother_AgreeWithTheRfcAlgorithmFromScratch()
    {
        Gen.Int[2, 200].Select(Gen.Int[0, 100_000]).Sample((n, seed) =>
        {
            var random = new Random(seed);
            var leaves = Enumerable.Range(0, n).Select(i => Merkle.HashLeaf(BitConverter.GetBytes(random.Next()))).ToArray();
            var tree = MerkleTree.FromLeafHashes(leaves);
            var root = Merkle.RootHash(leaves);
            for (var step = 0; step < 40; step++)
            {
                // Mostly neighbours, as a batch is verified, so that the remembered nodes are met.
                long index = step % 3 == 0 ? random.Next(n) : Math.Min(n - 1, (step * 7 % n) + (step % 2));
                var proof = tree.InclusionProof(index, n).ToArray();
                var leaf = leaves[index];
                var size = (long)n;
                var claimedRoot = root;
                switch (random.Next(6))
                {
                    case 1 when proof.Length > 0:
                        var at = random.Next(proof.Length);
                        var bytes = proof[at].Bytes.ToArray();
                        bytes[random.Next(bytes.Length)] ^= (byte)(1 << random.Next(8));
                        proof[at] = Sha256Digest.FromBytes(bytes);
                        break;
                    case 2:
                        leaf = leaves[(index + 1) % n];
                        break;
                    case 3:
                        index = (index + 1) % n;
                        break;
                    case 4:
                        claimedRoot = Merkle.HashLeaf([(byte)step]);
                        break;
                    case 5 when proof.Length > 1:
                        (proof[0], proof[^1]) = (proof[^1], proof[0]);
                        break;
                }

                Merkle.VerifyInclusion(index, size, leaf, proof, claimedRoot).ShouldBe(RootFromScratch(index, size, leaf, proof) == claimedRoot, $"n={n} seed={seed} step={step}");
            }
        }, iter: 200);
    }

    /// <summary>A <see cref="BatchTree"/> over <paramref name="size"/> random leaves has the root of the log's tree and
    /// of the RFC's recursion, and the log tree's inclusion proofs: every leaf's when <paramref name="proofEvery"/> is
    /// 1, otherwise leaves spaced 1 to <paramref name="proofEvery"/> apart, and the last.</summary>
    private static void BatchTreeAgreesWithTheLogsTree(int size, Random random, int proofEvery)
    {
        var leaves = Enumerable.Range(0, size).Select(_ => Merkle.HashLeaf(BitConverter.GetBytes(random.NextInt64()))).ToArray();
        var batch = new BatchTree(size);
        for (var i = 0; i < size; i++)
        {
            leaves[i].Bytes.CopyTo(batch.Leaf(i));
        }

        batch.Build();
        var reference = MerkleTree.FromLeafHashes(leaves);
        batch.RootHash().ShouldBe(reference.RootHash(), $"size {size}");
        batch.RootHash().ShouldBe(Merkle.RootHash(leaves), $"size {size}");
        for (var i = 0; i < size; i += 1 + (i % proofEvery))
        {
            batch.InclusionProof(i).ShouldBe(reference.InclusionProof(i, size), $"leaf {i} of {size}");
        }

        batch.InclusionProof(size - 1).ShouldBe(reference.InclusionProof(size - 1, size), $"last leaf of {size}");
    }

    /// <summary>RFC 9162 §2.1.3.2 as written, every node hashed.</summary>
    private static Sha256Digest? RootFromScratch(long index, long size, Sha256Digest leaf, IReadOnlyList<Sha256Digest> proof)
    {
        if (index >= size)
        {
            return null;
        }

        var (fn, sn, r) = (index, size - 1, leaf);
        foreach (var p in proof)
        {
            if (sn == 0)
            {
                return null;
            }

            if ((fn & 1) == 1 || fn == sn)
            {
                r = Sha256Digest.Compute([0x01, .. p.Bytes, .. r.Bytes]);
                while ((fn & 1) == 0 && fn != 0)
                {
                    fn >>= 1;
                    sn >>= 1;
                }
            }
            else
            {
                r = Sha256Digest.Compute([0x01, .. r.Bytes, .. p.Bytes]);
            }

            fn >>= 1;
            sn >>= 1;
        }

        return sn == 0 ? r : null;
    }
}
