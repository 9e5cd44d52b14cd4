using System.Text.Json.Nodes;
using OpenVerify.Interop;
using OpenVerify.Logs;
using OpenVerify.Testing;

namespace OpenVerify.Cli.Tests;

/// <summary>
/// Tiled logs (C2SP tlog-tiles) end to end: written by <see cref="TileLog"/>, served by a real nginx, verified over
/// HTTP by <c>openverify log verify URL</c> and <c>openverify verify --log URL</c>; an altered tile and a forked log are
/// caught; proofs the CLI prints and the tiles themselves are checked by Go's <c>sumdb/tlog</c>; a JSON Lines log
/// migrates with the same tree.
/// </summary>
public sealed class TiledLogTests : IDisposable
{
    private const string Origin = "127.0.0.1/log";

    private readonly CliRunner _runner = new();

    public void Dispose() => _runner.Dispose();

    private sealed record Keys(SigningKey Receipt, string ReceiptPub, SigningKey Log, string LogPub) : IDisposable
    {
        public NoteSigner Signer => new(Origin, Log);

        public void Dispose()
        {
            Receipt.Dispose();
            Log.Dispose();
        }
    }

    private async Task<Keys> MakeKeys()
    {
        var (receiptKey, receiptPub) = await _runner.KeyPair("signer");
        var (logKey, logPub) = await _runner.KeyPair("log");
        return new Keys(SigningKey.Load(receiptKey), receiptPub, SigningKey.Load(logKey), logPub);
    }

    private static List<Receipt> MakeReceipts(SigningKey key, int from, int count, string nonce = "n")
    {
        using var model = VerifiedModel.FromBytes(TestModels.AddMul());
        return [.. Enumerable.Range(from, count).Select(i => model.Run(
            new TensorSet([new("a", TensorValue.Create(new float[] { i, 1, 2, 3 }, 1, 4)), new("b", TensorValue.Create(new float[] { 1, 1, 1, 1 }, 1, 4))]),
            new InferenceOptions { Signer = key, Nonce = nonce + i }).Receipt)];
    }

    private string WriteLog(string name, Keys keys, IReadOnlyList<Receipt> receipts)
    {
        var dir = _runner.PathOf("www", name);
        using var log = TileLog.Open(dir, new TileLogOptions { Origin = Origin, CheckpointSigner = keys.Signer });
        log.AppendBatch(receipts);
        log.SignCheckpoint();
        return dir;
    }

    [SkippableFact]
    public async Task OverNginx_InclusionAndConsistencyVerify_AnAlteredTileAndAForkAreCaught()
    {
        using var keys = await MakeKeys();
        var receipts = MakeReceipts(keys.Receipt, 0, 300);
        var dir = WriteLog("log", keys, receipts[..260]);
        var receiptPath = _runner.PathOf("receipt.json");
        File.WriteAllText(receiptPath, receipts[5].ToJson());
        using var nginx = Nginx.Serve(_runner.PathOf("www"));
        var url = nginx.Url("log/");
        var kept = _runner.PathOf("kept.checkpoint");
        string[] logKey = ["--log-key", keys.LogPub, "--origin", Origin];

        // The whole log over HTTP: checkpoint, tiles, and every entry bundle with every receipt.
        var first = await CliRunner.Run(["log", "verify", url, .. logKey, "--entries", "--trust", keys.ReceiptPub, "--save-checkpoint", kept]);
        first.ExitCode.ShouldBe(0, first.ToString());
        first.Stdout.ShouldContain("checkpoint of size 260 verified");
        File.ReadAllText(kept).ShouldStartWith(Origin + "\n260\n");

        // The log grows; the kept checkpoint of 260 is checked by a consistency proof from the tiles.
        using (var log = TileLog.Open(dir, new TileLogOptions { Origin = Origin, CheckpointSigner = keys.Signer }))
        {
            log.AppendBatch(receipts[260..]);
            log.SignCheckpoint();
        }

        var grown = await CliRunner.Run(["log", "verify", url, .. logKey, "--checkpoint", kept, "--json"]);
        grown.ExitCode.ShouldBe(0, grown.ToString());
        var report = JsonNode.Parse(grown.Stdout)!;
        report["treeSize"]!.GetValue<long>().ShouldBe(300);
        report["notes"]!.ToJsonString().ShouldContain("extends the kept checkpoint of size 260");

        // A receipt: its own checks, the log's checkpoint, and its inclusion (found in the level-0 tiles).
        string[] verifyReceipt = ["verify", receiptPath, "--trust", keys.ReceiptPub, "--log", url, .. logKey, "--log-checkpoint", kept, "--json"];
        var included = await CliRunner.Run(verifyReceipt);
        included.ExitCode.ShouldBe(0, included.ToString());
        var checks = JsonNode.Parse(included.Stdout)!["receipts"]![0]!["checks"]!.AsArray();
        checks.Single(c => c!["name"]!.GetValue<string>() == "log-inclusion")!["detail"]!.GetValue<string>().ShouldContain("entry 5 of the log");

        // A tile altered on the server: the hash next to receipt 5's leaf. Its inclusion proof no longer leads to the root.
        var tile = Path.Combine(dir, "tile", "0", "000");
        var original = File.ReadAllBytes(tile);
        var altered = (byte[])original.Clone();
        altered[4 * 32] ^= 1;
        File.WriteAllBytes(tile, altered);
        var tampered = await CliRunner.Run(verifyReceipt);
        tampered.ExitCode.ShouldBe(1, tampered.ToString());
        tampered.Stdout.ShouldContain("a tile was altered");
        (await CliRunner.Run([.. verifyReceipt[..^1], "--log-index", "5"])).Stdout.ShouldContain("log-inclusion");
        File.WriteAllBytes(tile, original);

        // A fork: the server now serves another history of the same size, signed by the same key.
        var newest = _runner.PathOf("newest.checkpoint");
        (await CliRunner.Run(["log", "verify", url, .. logKey, "--save-checkpoint", newest])).ExitCode.ShouldBe(0);
        var forked = WriteLog("fork", keys, [.. receipts[..299], .. MakeReceipts(keys.Receipt, 299, 1, "fork")]);
        Directory.Move(dir, _runner.PathOf("www", "honest"));
        Directory.Move(forked, dir);
        var fork = await CliRunner.Run(["log", "verify", url, .. logKey, "--checkpoint", newest]);
        fork.ExitCode.ShouldBe(1, fork.ToString());
        fork.Stdout.ShouldContain("fork");
        var forkedReceipt = await CliRunner.Run(["verify", receiptPath, "--trust", keys.ReceiptPub, "--log", url, .. logKey, "--log-checkpoint", newest]);
        forkedReceipt.ExitCode.ShouldBe(1, forkedReceipt.ToString());
        forkedReceipt.Stdout.ShouldContain("log-checkpoint");

        // Without a kept checkpoint the fork is a log like any other: a kept checkpoint is what catches it.
        (await CliRunner.Run(["log", "verify", url, .. logKey])).ExitCode.ShouldBe(0);
    }

    [SkippableFact]
    public async Task GoTlog_ChecksTheProofsWePrint_AndOurTiles_AndRefusesTamperedProofs()
    {
        var checker = GoChecker.Path;
        if (checker is null)
        {
            Skip.If(!GoChecker.Required, GoChecker.SkipMessage);
            Assert.Fail("OPENVERIFY_CI=1 and the Go checker cannot run: " + GoChecker.SkipMessage);
        }

        using var keys = await MakeKeys();
        var receipts = MakeReceipts(keys.Receipt, 0, 270);
        var dir = WriteLog("log", keys, receipts[..100]);
        var kept = _runner.PathOf("kept.checkpoint");
        File.Copy(Path.Combine(dir, "checkpoint"), kept);
        using (var log = TileLog.Open(dir, new TileLogOptions { Origin = Origin, CheckpointSigner = keys.Signer }))
        {
            log.AppendBatch(receipts[100..]);
            log.SignCheckpoint();
        }

        var vkey = keys.Signer.VerifierKey.ToString();
        var inclusion = _runner.PathOf("inclusion.json");
        var consistency = _runner.PathOf("consistency.json");
        (await CliRunner.Run("log", "prove", dir, "--index", "260", "--out", inclusion)).ExitCode.ShouldBe(0);
        (await CliRunner.Run("log", "prove", dir, "--from", "100", "--out", consistency)).ExitCode.ShouldBe(0);

        var run = GoChecker.Run(checker, null, "inclusion", inclusion, vkey);
        run.ExitCode.ShouldBe(0, run.Output);
        run.Output.ShouldBe("OK inclusion 260 270\n");
        run = GoChecker.Run(checker, null, "consistency", consistency, kept, vkey);
        run.ExitCode.ShouldBe(0, run.Output);
        run.Output.ShouldBe("OK consistency 100 270\n");
        foreach (var index in new[] { "0", "255", "269" })
        {
            run = GoChecker.Run(checker, null, "tiles", dir, vkey, index);
            run.ExitCode.ShouldBe(0, run.Output);
            run.Output.ShouldStartWith($"OK tiles {index} 270 ");
        }

        // Tampered: a proof hash changed, another entry, and a kept checkpoint of another history.
        var proof = JsonNode.Parse(File.ReadAllText(inclusion))!;
        var hash = proof["proof"]![0]!.GetValue<string>();
        proof["proof"]![0] = (hash[0] == '0' ? "1" : "0") + hash[1..];
        File.WriteAllText(inclusion, proof.ToJsonString());
        run = GoChecker.Run(checker, null, "inclusion", inclusion, vkey);
        run.ExitCode.ShouldBe(1, run.Output);
        run.Output.ShouldContain("tlog.CheckRecord refused");

        proof["proof"]![0] = hash;
        proof["entry"] = receipts[261].ToJson();
        File.WriteAllText(inclusion, proof.ToJsonString());
        GoChecker.Run(checker, null, "inclusion", inclusion, vkey).ExitCode.ShouldBe(1);

        var otherHistory = WriteLog("other", keys, MakeReceipts(keys.Receipt, 0, 100, "other"));
        run = GoChecker.Run(checker, null, "consistency", consistency, Path.Combine(otherHistory, "checkpoint"), vkey);
        run.ExitCode.ShouldBe(1, run.Output);
        run.Output.ShouldContain("tlog.CheckTree refused");

        // A hash tile altered on disk: Go's tile reader authenticates tiles against the checkpoint and refuses it.
        var tile = Path.Combine(dir, "tile", "0", "000");
        var bytes = File.ReadAllBytes(tile);
        bytes[0] ^= 1;
        File.WriteAllBytes(tile, bytes);
        GoChecker.Run(checker, null, "tiles", dir, vkey, "3").ExitCode.ShouldBe(1);
    }

    [Fact]
    public async Task LogVerify_RequiresWitnessCosignatures_WhenAsked()
    {
        using var keys = await MakeKeys();
        var dir = WriteLog("log", keys, MakeReceipts(keys.Receipt, 0, 3));
        using var witnessKey = SigningKey.Generate();
        var witness = new Cosigner("witness.example/w", witnessKey);
        string[] args = ["log", "verify", dir, "--log-key", keys.LogPub, "--origin", Origin, "--witness", witness.Key.ToString(), "--require-cosignatures", "1"];

        var uncosigned = await CliRunner.Run(args);
        uncosigned.ExitCode.ShouldBe(1, uncosigned.ToString());
        uncosigned.Stdout.ShouldContain("0 valid witness cosignatures");

        using (var log = TileLog.Open(dir, new TileLogOptions { Origin = Origin, CheckpointSigner = keys.Signer }))
        {
            log.AddCosignatures([witness.Cosign(Checkpoint.Open(log.LastCheckpoint!, [keys.Signer.VerifierKey]).Note!.Text, DateTimeOffset.UtcNow)]);
        }

        var cosigned = await CliRunner.Run(args);
        cosigned.ExitCode.ShouldBe(0, cosigned.ToString());
        cosigned.Stdout.ShouldContain("cosigned by at least 1 of the trusted witnesses");
        (await CliRunner.Run([.. args[..^1], "2"])).ShouldBeUsageError("needs at least that many --witness keys");
    }

    [Fact]
    public async Task AJsonLinesLog_Migrates_WithTheSameTree()
    {
        using var keys = await MakeKeys();
        var receipts = MakeReceipts(keys.Receipt, 0, 5);
        var jsonl = _runner.PathOf("receipts.log.jsonl");
        Sha256Digest root;
        using (var log = ReceiptLog.Open(jsonl, new ReceiptLogOptions { TreeHeadSigner = keys.Log, Origin = Origin }))
        {
            log.AppendBatch(receipts);
            root = log.SignTreeHead().Head.RootHash;
        }

        var dir = _runner.PathOf("migrated");
        var migrate = await CliRunner.Run("log", "migrate", jsonl, dir, "--key", _runner.PathOf("log.key"), "--origin", Origin);
        migrate.ExitCode.ShouldBe(0, migrate.ToString());
        migrate.Stdout.ShouldContain("Migrated 5 receipts");

        var verify = await CliRunner.Run("log", "verify", dir, "--log-key", keys.LogPub, "--origin", Origin, "--entries", "--trust", keys.ReceiptPub, "--json");
        verify.ExitCode.ShouldBe(0, verify.ToString());
        var report = JsonNode.Parse(verify.Stdout)!;
        report["rootHash"]!.GetValue<string>().ShouldBe(root.ToHex());
        report["receipts"]!.GetValue<long>().ShouldBe(5);

        // The old log still reads as before, and a migrated folder is never overwritten.
        (await CliRunner.Run("log", "verify", jsonl, "--trust", keys.ReceiptPub, "--log-key", keys.LogPub, "--origin", Origin)).ExitCode.ShouldBe(0);
        (await CliRunner.Run("log", "migrate", jsonl, dir, "--key", _runner.PathOf("log.key"), "--origin", Origin)).ShouldBeUsageError("not empty");
    }
}
