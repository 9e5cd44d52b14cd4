using System.Text.Json.Nodes;
using OpenVerify.Batching;
using OpenVerify.Logs;
using OpenVerify.Tests.Batching;
using OpenVerify.Tests.Spec;

namespace OpenVerify.Tests.Logs;

/// <summary>
/// docs/spec/vectors/tiles-v1/: the tiled log of the batch vectors' 8 receipts, signed by their TEST-ONLY log key
/// (docs/spec/tiles-v1.md §7). The runtime rebuilds it byte for byte (<c>OPENVERIFY_REGENERATE_VECTORS=1</c> writes
/// it), its root is the batch vectors' root of size 8, and the client reads it.
/// </summary>
public class TileVectorTests
{
    public const string Origin = "example.org/openverify/tiles-vector";

    private static string VectorsFolder => Path.Combine(SpecVectors.RepoRoot, "docs", "spec", "vectors", "tiles-v1");

    /// <summary>The served files of a tiled log folder, by path (the writer's .journal and .lock are not served).</summary>
    private static SortedDictionary<string, byte[]> Served(string folder) => new(
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Where(f => !Path.GetFileName(f).StartsWith('.'))
            .ToDictionary(f => Path.GetRelativePath(folder, f).Replace(Path.DirectorySeparatorChar, '/'), File.ReadAllBytes),
        StringComparer.Ordinal);

    [Fact]
    public async Task TheVectorLog_IsRebuiltByteForByte_AndHasTheBatchVectorsRoot()
    {
        var vectors = JsonNode.Parse(File.ReadAllText(BatchVectors.VectorsPath))!;
        var receipts = vectors["batch"]!["receipts"]!.AsArray().Select(r => Receipt.Parse(r!["envelope"] is JsonValue v ? v.GetValue<string>() : r["envelope"]!.ToJsonString())).ToList();
        using var logKey = SigningKey.ImportPem(vectors["keys"]!["log"]!["privateKeyPem"]!.GetValue<string>());
        var signer = new NoteSigner(Origin, logKey);

        using var folder = new TempFolder();
        using (var log = TileLog.Open(folder.Path, new TileLogOptions { Origin = Origin, CheckpointSigner = signer }))
        {
            log.AppendBatch(receipts[..3]);
            log.SignCheckpoint();
            log.AppendBatch(receipts[3..]);
            log.SignCheckpoint();
        }

        var generated = Served(folder.Path);
        generated.Keys.ShouldBe(["checkpoint", "tile/0/000.p/3", "tile/0/000.p/8", "tile/entries/000.p/3", "tile/entries/000.p/8"]);
        if (Environment.GetEnvironmentVariable(SpecVectors.RegenerateVariable) == "1")
        {
            foreach (var (path, bytes) in generated)
            {
                var file = Path.Combine(VectorsFolder, path);
                Directory.CreateDirectory(Path.GetDirectoryName(file)!);
                File.WriteAllBytes(file, bytes);
            }

            File.WriteAllText(Path.Combine(VectorsFolder, "vkey"), signer.VerifierKey + "\n");
        }

        var stored = Served(VectorsFolder);
        stored.Remove("vkey").ShouldBeTrue();
        stored.Keys.ShouldBe(generated.Keys);
        foreach (var (path, bytes) in generated)
        {
            stored[path].ShouldBe(bytes, path);
        }

        var vkey = NoteVerifierKey.Parse(File.ReadAllText(Path.Combine(VectorsFolder, "vkey")).TrimEnd('\n'));
        var client = new TileLogClient(new DirectoryTileSource(VectorsFolder), Origin, [vkey]);
        var checkpoint = await client.VerifyCheckpointAsync(null);
        checkpoint.TreeSize.ShouldBe(8);
        checkpoint.RootHash.ShouldBe(MerkleTree.FromLeafHashes(receipts.Select(Merkle.HashReceiptLeaf)).RootHash());
        await client.VerifyInclusionAsync(checkpoint, 5, Merkle.HashReceiptLeaf(receipts[5]));
    }
}
