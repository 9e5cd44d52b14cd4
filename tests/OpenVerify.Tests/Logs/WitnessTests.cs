using System.Net;
using OpenVerify.Logs;

namespace OpenVerify.Tests.Logs;

/// <summary>C2SP tlog-witness and tlog-cosignature: a tiled log gets its checkpoints cosigned by a witness on loopback,
/// a verifier requires the cosignature, and a split view is refused by the witness and reported by the verifier.</summary>
public class WitnessTests
{
    private const string Origin = "example.org/witnessed";

    private static readonly NoteSigner LogSigner = new(Origin, ReceiptLogTests.LogKey);
    private static readonly SigningKey WitnessKey = SigningKey.Generate();

    [Fact]
    public async Task AWitnessCosigns_AVerifierRequiresIt_AndASplitViewIsRefusedAndReported()
    {
        using var folder = new TempFolder();
        var cosigner = new Cosigner("witness.example/w1", WitnessKey);
        await using var witness = await TestWitness.StartAsync(cosigner, new Dictionary<string, NoteVerifierKey> { [Origin] = LogSigner.VerifierKey }, folder.File("witness-state"));
        using var http = new HttpClient();
        var client = new WitnessClient(http);
        var options = new TileLogOptions { Origin = Origin, CheckpointSigner = LogSigner };
        var receipts = Enumerable.Range(0, 12).Select(ReceiptLogTests.NewReceipt).ToList();

        // Size 5: first contact (old size 0), then size 12 from 5 with a consistency proof, learned from a 409.
        using (var log = TileLog.Open(folder.File("log"), options))
        {
            log.AppendBatch(receipts[..5]);
            var first = log.SignCheckpoint();
            log.AddCosignatures(await client.CosignAsync(witness.Url, first, size => log.ProveConsistency(size, 5)));
            log.AppendBatch(receipts[5..]);
            var second = log.SignCheckpoint();
            var lines = await client.CosignAsync(witness.Url, second, size => log.ProveConsistency(size, 12));
            lines.ShouldHaveSingleItem().ShouldStartWith("\u2014 witness.example/w1 ");
            log.AddCosignatures(lines);
        }

        var verifier = new TileLogClient(new DirectoryTileSource(folder.File("log")), Origin, [LogSigner.VerifierKey])
        {
            Witnesses = [CosignerKey.Parse(cosigner.Key.ToString())],
            RequiredCosignatures = 1,
        };
        var checkpoint = await verifier.VerifyCheckpointAsync(null);
        checkpoint.TreeSize.ShouldBe(12);
        cosigner.Key.FindCosignature(checkpoint.Note!).ShouldNotBeNull();

        // A split view: another history of size 12 signed by the same log key. The witness refuses it (422)...
        using (var fork = TileLog.Open(folder.File("fork"), options))
        {
            fork.AppendBatch([.. receipts[..11], ReceiptLogTests.NewReceipt(99)]);
            var forked = fork.SignCheckpoint();
            var refused = await Should.ThrowAsync<WitnessException>(() => client.AddCheckpointAsync(witness.Url, 12, [], forked));
            refused.Status.ShouldBe(HttpStatusCode.UnprocessableEntity);

            // ...so the log can only show it without a cosignature, or with the honest checkpoint's copied onto it.
            var honestCosignature = File.ReadAllText(folder.File("log/checkpoint")).Split('\n').Last(l => l.StartsWith("\u2014 witness", StringComparison.Ordinal)) + "\n";
            fork.AddCosignatures([honestCosignature]);
        }

        var forkVerifier = new TileLogClient(new DirectoryTileSource(folder.File("fork")), Origin, [LogSigner.VerifierKey])
        {
            Witnesses = [cosigner.Key],
            RequiredCosignatures = 1,
        };
        var reported = await Should.ThrowAsync<TileLogException>(() => forkVerifier.VerifyCheckpointAsync(null));
        reported.Message.ShouldContain("carries 0 valid witness cosignatures");
        reported.Message.ShouldContain("split view");

        // Against the honest checkpoint kept earlier, the same size with another root is a fork.
        var kept = verifier.OpenCheckpoint(File.ReadAllBytes(folder.File("log/checkpoint")), "kept");
        var lenient = new TileLogClient(new DirectoryTileSource(folder.File("fork")), Origin, [LogSigner.VerifierKey]);
        (await Should.ThrowAsync<TileLogException>(() => lenient.VerifyCheckpointAsync(kept))).Message.ShouldContain("fork");
    }

    [Fact]
    public async Task TheWitness_AnswersAsTheSpecSays()
    {
        using var folder = new TempFolder();
        var cosigner = new Cosigner("witness.example/w2", WitnessKey);
        await using var witness = await TestWitness.StartAsync(cosigner, new Dictionary<string, NoteVerifierKey> { [Origin] = LogSigner.VerifierKey }, folder.File("state"));
        using var http = new HttpClient();
        var client = new WitnessClient(http);
        using var log = TileLog.Open(folder.File("log"), new TileLogOptions { Origin = Origin, CheckpointSigner = LogSigner });
        log.AppendBatch([.. Enumerable.Range(0, 3).Select(ReceiptLogTests.NewReceipt)]);
        var note = log.SignCheckpoint();
        (await client.AddCheckpointAsync(witness.Url, 0, [], note)).Count.ShouldBe(1);

        var conflict = await Should.ThrowAsync<WitnessException>(() => client.AddCheckpointAsync(witness.Url, 0, [], note));
        conflict.Status.ShouldBe(HttpStatusCode.Conflict);
        conflict.LatestSize.ShouldBe(3);
        (await Should.ThrowAsync<WitnessException>(() => client.AddCheckpointAsync(witness.Url, 4, [], note))).Status.ShouldBe(HttpStatusCode.BadRequest);
        (await Should.ThrowAsync<WitnessException>(() => client.AddCheckpointAsync(witness.Url, 3, [], note.Replace(Origin + "\n", "example.org/other\n", StringComparison.Ordinal)))).Status.ShouldBe(HttpStatusCode.NotFound);
        (await Should.ThrowAsync<WitnessException>(() => client.AddCheckpointAsync(witness.Url, 3, [], note.Replace("\n3\n", "\n4\n", StringComparison.Ordinal)))).Status.ShouldBe(HttpStatusCode.Forbidden);
        File.ReadAllText(folder.File("state")).ShouldStartWith(Origin + " 3 ");
    }
}
