using OpenVerify.Batching;
using OpenVerify.Testing;

namespace OpenVerify.Tests.Batching;

/// <summary>
/// <see cref="BatchInclusion"/> is a public positional record whose proof, for a receipt sealed here, is computed from
/// the batch's tree when first read: reading it must not change what the record is (its equality, hash code, text).
/// </summary>
public class BatchInclusionRecordTests
{
    private static readonly SigningKey Key = SigningKey.Generate();

    // Distinct payloads (distinct leaves, so distinct proofs), made once.
    private static readonly byte[][] Payloads = MakePayloads(9);

    private static byte[][] MakePayloads(int count)
    {
        using var model = VerifiedModel.FromBytes(TestModels.AddMul());
        return [.. Enumerable.Range(0, count).Select(i => model.Run(Tensors.AddMulInputs([i, 0, 0, 0]), new InferenceOptions { Signer = Key }).Receipt.Envelope.Payload)];
    }

    private static async Task<Receipt[]> SealedBatch(int size)
    {
        await using var signer = new BatchingSigner(Key, new BatchingSignerOptions { MaxBatchSize = size, MaxDelay = TimeSpan.FromHours(1) });
        return await Task.WhenAll(Enumerable.Range(0, size).Select(i => signer.SignAsync(Payloads[i])).ToList());
    }

    [Fact]
    public async Task ReadingTheProof_KeepsEqualityAndHashCode()
    {
        var receipts = await SealedBatch(5);
        var batch = receipts[2].Envelope.Batch.ShouldNotBeNull();
        var copy = batch with { };
        var hashCode = batch.GetHashCode();
        var set = new HashSet<BatchInclusion> { batch };

        // Serializing the receipt reads the proof (the tree's proof of leaf 2 is computed and kept).
        _ = receipts[2].ToJson();

        batch.GetHashCode().ShouldBe(hashCode, "a record's hash code must not change when its proof is read");
        set.Contains(batch).ShouldBeTrue("a hash set finds the record it holds");
        (copy == batch).ShouldBeTrue("a copy made before the proof was read equals the record");
        copy.Equals(batch).ShouldBeTrue();
        copy.GetHashCode().ShouldBe(batch.GetHashCode());
        copy.Proof.ShouldBe(batch.Proof);

        // The same inclusion read back from its JSON, or made by a user with the same proof, is the same value.
        var parsed = Receipt.Parse(receipts[2].ToJson()).Envelope.Batch.ShouldNotBeNull();
        var userMade = new BatchInclusion(batch.Index, batch.TreeSize, [.. batch.Proof], batch.Root);
        userMade.ShouldBe(batch);
        userMade.GetHashCode().ShouldBe(batch.GetHashCode());
        (parsed with { Root = batch.Root }).ShouldBe(batch);

        // Another leaf, another proof or another index of the same batch is another value.
        receipts[3].Envelope.Batch.ShouldNotBe(batch);
        (batch with { Proof = [.. batch.Proof.Skip(1)] }).ShouldNotBe(batch);
        (batch with { Index = 3 }).ShouldNotBe(receipts[3].Envelope.Batch, "a copy with another index keeps leaf 2's proof");

        // Null is refused where it is given, not when a proof is verified or serialized later.
        Should.Throw<ArgumentNullException>(() => batch with { Proof = null! });
        Should.Throw<ArgumentNullException>(() => batch with { Root = null! });
        Should.Throw<ArgumentNullException>(() => new BatchInclusion(1, 3, null!, batch.Root));
        Should.Throw<ArgumentNullException>(() => new BatchInclusion(1, 3, [], null!));
    }

    [Fact]
    public async Task ProofsFirstReadOnManyThreadsAtOnce_AreTheSameValue()
    {
        var receipts = await SealedBatch(9);
        var batches = receipts.Select(r => r.Envelope.Batch.ShouldNotBeNull()).ToArray();
        var copies = batches.Select(b => b with { }).ToArray();
        var hashCodes = batches.Select(b => b.GetHashCode()).ToArray();
        // Threads of their own, not the pool's: eight blocked pool threads on two cores would wait for the pool to grow.
        using var start = new Barrier(8);
        var seen = new (Sha256Digest[] Proof, bool Same)[8][];
        var threads = Enumerable.Range(0, 8).Select(t => new Thread(() =>
        {
            start.SignalAndWait();
            seen[t] = [.. batches.Select((b, i) => (b.Proof.ToArray(), b.Equals(copies[i]) && b.GetHashCode() == hashCodes[i]))];
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        foreach (var thread in seen)
        {
            for (var i = 0; i < batches.Length; i++)
            {
                thread[i].Same.ShouldBeTrue($"leaf {i}");
                thread[i].Proof.ShouldBe(copies[i].Proof, $"leaf {i}");
            }
        }
    }

    [Fact]
    public async Task ToStringAndReflection_ListTheMembersInTheConstructorsOrder_AndItDeconstructs()
    {
        var receipts = await SealedBatch(3);
        var batch = receipts[1].Envelope.Batch.ShouldNotBeNull();
        var text = batch.ToString();
        text.ShouldStartWith("BatchInclusion { Index = 1, TreeSize = 3, Proof = ");
        text.IndexOf("Root = ", StringComparison.Ordinal).ShouldBeGreaterThan(text.IndexOf("Proof = ", StringComparison.Ordinal));

        // Reflection (structured loggers, serializers) sees the members in the same order.
        typeof(BatchInclusion).GetProperties().Select(p => p.Name).ShouldBe(["Index", "TreeSize", "Proof", "Root"]);

        var (index, treeSize, proof, root) = batch;
        index.ShouldBe(1);
        treeSize.ShouldBe(3);
        proof.ShouldBe(batch.Proof);
        root.ShouldBeSameAs(batch.Root);
    }
}
