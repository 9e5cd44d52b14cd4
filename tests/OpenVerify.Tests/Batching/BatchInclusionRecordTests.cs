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

    private static async Task<Receipt[]> SealedBatch(int size)
    {
        await using var signer = new BatchingSigner(Key, new BatchingSignerOptions { MaxBatchSize = size, MaxDelay = TimeSpan.FromHours(1) });
        return await Task.WhenAll(Enumerable.Range(0, size).Select(i => signer.SignAsync(BatchingTests.Payload(i))).ToList());
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
        (batch with { Proof = null! }).ShouldNotBe(batch);
        (batch with { Proof = null! }).ShouldBe(batch with { Proof = null! });
    }

    [Fact]
    public async Task ToString_ListsTheMembersInTheConstructorsOrder_AndDeconstructs()
    {
        var receipts = await SealedBatch(3);
        var batch = receipts[1].Envelope.Batch.ShouldNotBeNull();
        var text = batch.ToString();
        text.ShouldStartWith("BatchInclusion { Index = 1, TreeSize = 3, Proof = ");
        text.IndexOf("Root = ", StringComparison.Ordinal).ShouldBeGreaterThan(text.IndexOf("Proof = ", StringComparison.Ordinal));

        var (index, treeSize, proof, root) = batch;
        index.ShouldBe(1);
        treeSize.ShouldBe(3);
        proof.ShouldBe(batch.Proof);
        root.ShouldBeSameAs(batch.Root);
    }
}
