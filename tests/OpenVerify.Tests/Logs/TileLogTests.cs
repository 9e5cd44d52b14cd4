using System.Buffers.Binary;
using OpenVerify.Batching;
using OpenVerify.Logs;

namespace OpenVerify.Tests.Logs;

/// <summary>Tiled logs (C2SP tlog-tiles, docs/spec/tiles-v1.md): layout, the same tree as a JSON Lines log, proofs from
/// tiles, and recovery.</summary>
public class TileLogTests
{
    private const string Origin = "example.org/receipts";

    // 300 receipts: one full tile and bundle, and partial ones; made once, they take a moment to sign.
    private static readonly Lazy<List<Receipt>> Receipts = new(() => [.. Enumerable.Range(0, 300).Select(ReceiptLogTests.NewReceipt)]);

    private static readonly NoteSigner Signer = new(Origin, ReceiptLogTests.LogKey);

    private static TileLogOptions Options(LogDurability durability = LogDurability.EveryBatch) =>
        new() { Origin = Origin, CheckpointSigner = Signer, Durability = durability };

    [Theory]
    [InlineData(0, 0, 256, "tile/0/000")]
    [InlineData(0, 1234067, 256, "tile/0/x001/x234/067")]
    [InlineData(2, 1000, 17, "tile/2/x001/000.p/17")]
    [InlineData(63, 5, 1, "tile/63/005.p/1")]
    public void TilePaths_AreThoseOfTheSpec(int level, long index, int width, string path) =>
        TileLayout.TilePath(level, index, width).ShouldBe(path);

    [Fact]
    public void EntryPaths_AreThoseOfTheSpec()
    {
        TileLayout.EntriesPath(1234067, 256).ShouldBe("tile/entries/x001/x234/067");
        TileLayout.EntriesPath(1, 44).ShouldBe("tile/entries/001.p/44");
    }

    [Fact]
    public async Task TheTiledLog_HasTheJsonLinesLogsTree_AndItsTilesGiveEveryProof()
    {
        using var folder = new TempFolder();
        var receipts = Receipts.Value;
        using var jsonl = ReceiptLog.Open(folder.File("log.jsonl"), new ReceiptLogOptions { TreeHeadSigner = ReceiptLogTests.LogKey, Origin = Origin });
        jsonl.AppendBatch(receipts);
        string note;
        using (var log = TileLog.Open(folder.File("tiles"), Options()))
        {
            log.AppendBatch(receipts[..100]);
            log.AppendBatch(receipts[100..]);
            note = log.SignCheckpoint();
            log.RootHash(300).ShouldBe(jsonl.RootHash(300));
        }

        // One full level-0 tile and bundle, a partial one of 44, and a partial level-1 tile of 1.
        File.Exists(folder.File("tiles/tile/0/000")).ShouldBeTrue();
        new FileInfo(folder.File("tiles/tile/0/000")).Length.ShouldBe(8192);
        new FileInfo(folder.File("tiles/tile/0/001.p/44")).Length.ShouldBe(44 * 32);
        new FileInfo(folder.File("tiles/tile/1/000.p/1")).Length.ShouldBe(32);
        TileLayout.ParseEntryBundle(File.ReadAllBytes(folder.File("tiles/tile/entries/000"))).Count.ShouldBe(256);
        TileLayout.ParseEntryBundle(File.ReadAllBytes(folder.File("tiles/tile/entries/001.p/44"))).Count.ShouldBe(44);
        File.ReadAllText(folder.File("tiles/checkpoint")).ShouldBe(note);

        var client = new TileLogClient(new DirectoryTileSource(folder.File("tiles")), Origin, [Signer.VerifierKey]);
        var checkpoint = await client.FetchCheckpointAsync();
        checkpoint.TreeSize.ShouldBe(300);
        checkpoint.RootHash.ShouldBe(jsonl.RootHash(300));
        await client.VerifyRootAsync(checkpoint);
        foreach (var index in new long[] { 0, 5, 255, 256, 299 })
        {
            (await client.ProveInclusionAsync(index, 300)).ShouldBe(jsonl.ProveInclusion(index, 300));
            await client.VerifyInclusionAsync(checkpoint, index, Merkle.HashReceiptLeaf(receipts[(int)index]));
            (await client.FindLeafAsync(checkpoint, Merkle.HashReceiptLeaf(receipts[(int)index]))).ShouldBe(index);
        }

        foreach (var size in new long[] { 1, 7, 256, 257, 299 })
        {
            (await client.ProveConsistencyAsync(size, 300)).ShouldBe(jsonl.ProveConsistency(size, 300));
        }

        // A leaf at the wrong index fails.
        await Should.ThrowAsync<TileLogException>(() => client.VerifyInclusionAsync(checkpoint, 6, Merkle.HashReceiptLeaf(receipts[5])));
    }

    [Theory]
    [InlineData(LogDurability.EveryEntry)]
    [InlineData(LogDurability.Periodic)]
    public void Reopening_KeepsEveryEntry_AndATornJournalEntryIsCut(LogDurability durability)
    {
        using var folder = new TempFolder();
        var receipts = Receipts.Value;
        var dir = folder.File("tiles");
        using (var log = TileLog.Open(dir, Options(durability)))
        {
            log.AppendBatch(receipts[..260]);
            log.Append(receipts[260]);
            log.Flush();
            log.DurableSize.ShouldBe(261);
            log.SignCheckpoint();
        }

        // A crash in the middle of an append: half an entry at the end of the journal.
        var journal = Path.Combine(dir, ".journal");
        var torn = TileLayout.ReceiptEntry(receipts[261]);
        var bytes = new byte[2 + 100];
        BinaryPrimitives.WriteUInt16BigEndian(bytes, (ushort)torn.Length);
        torn.AsSpan(0, 100).CopyTo(bytes.AsSpan(2));
        using (var stream = new FileStream(journal, FileMode.Append))
        {
            stream.Write(bytes);
        }

        using (var log = TileLog.Open(dir, Options(durability)))
        {
            log.Size.ShouldBe(261);
            log.RecoveredBytes.ShouldBe(102);
            log.RootHash(261).ShouldBe(MerkleTree.FromLeafHashes(receipts[..261].Select(Merkle.HashReceiptLeaf)).RootHash());
            log.Append(receipts[261]).ShouldBe(261);
        }

        using (var log = TileLog.Open(dir, Options(durability)))
        {
            log.Size.ShouldBe(262);
        }
    }

    [Fact]
    public void ACrashBetweenSealingAndReplacingTheJournal_IsRecovered()
    {
        using var folder = new TempFolder();
        var receipts = Receipts.Value;
        var dir = folder.File("tiles");
        byte[] journalBeforeSeal;
        using (var log = TileLog.Open(dir, Options()))
        {
            log.AppendBatch(receipts[..250]);
            journalBeforeSeal = File.ReadAllBytes(Path.Combine(dir, ".journal"));
            log.AppendBatch(receipts[250..258]);
        }

        // The journal as it was had the seal not replaced it: 258 entries from 0, of which 256 are in bundle 0.
        var entries = TileLayout.EntryBundle(receipts[250..258].Select(TileLayout.ReceiptEntry));
        File.WriteAllBytes(Path.Combine(dir, ".journal"), [.. journalBeforeSeal, .. entries]);
        using (var log = TileLog.Open(dir, Options()))
        {
            log.Size.ShouldBe(258);
            log.SignCheckpoint();
        }

        // The journal's copy of a sealed entry must be the bundle's: another one is corruption.
        var other = TileLayout.EntryBundle(receipts[1..2].Select(TileLayout.ReceiptEntry));
        File.WriteAllBytes(Path.Combine(dir, ".journal"), [.. journalBeforeSeal.AsSpan(0, 8), .. other]);
        Should.Throw<LogCorruptException>(() => TileLog.Open(dir, Options())).Message.ShouldContain("differs from the sealed bundle");
    }

    [Fact]
    public void ALogThatDoesNotExtendItsCheckpoint_IsRefused_AndACheckpointNeedsAKey()
    {
        using var folder = new TempFolder();
        var receipts = Receipts.Value;
        var dir = folder.File("tiles");
        using (var log = TileLog.Open(dir, Options()))
        {
            log.AppendBatch(receipts[..10]);
            log.SignCheckpoint();
        }

        Should.Throw<LogCorruptException>(() => TileLog.Open(dir, new TileLogOptions { Origin = Origin })).Message.ShouldContain("no key to check it with");

        // The journal rolled back to 9 entries: shorter than the checkpoint.
        var journal = File.ReadAllBytes(Path.Combine(dir, ".journal"));
        var cut = journal.Length - 2 - TileLayout.ReceiptEntry(receipts[9]).Length;
        File.WriteAllBytes(Path.Combine(dir, ".journal"), journal[..cut]);
        Should.Throw<LogCorruptException>(() => TileLog.Open(dir, Options())).Message.ShouldContain("truncated or rolled back");
    }

    [Fact]
    public void AMalformedBundle_IsRefusedWithTheEntryAndOffset()
    {
        Should.Throw<TileFormatException>(() => TileLayout.ParseEntryBundle(new byte[] { 0, 5, 1, 2 })).Message.ShouldContain("Entry 0 of the bundle is torn");
        Should.Throw<TileFormatException>(() => TileLayout.ParseEntryBundle(new byte[] { 0, 1, 7, 0, 0 })).Message.ShouldContain("Entry 1 of the bundle (byte 3) is empty");
        Should.Throw<TileFormatException>(() => TileLayout.ParseHashTile(new byte[33], 1)).Message.ShouldContain("32 bytes");
        Should.Throw<TileFormatException>(() => TileLayout.ParseReceiptEntry("{}"u8)).Message.ShouldContain("not a receipt envelope");
    }
}
