using System.Text.Json.Nodes;
using OpenVerify.Batching;
using OpenVerify.Logs;
using OpenVerify.Testing;

namespace OpenVerify.Cli.Tests;

public sealed class LogTests : IDisposable
{
    private readonly CliRunner _runner = new();

    public void Dispose() => _runner.Dispose();

    /// <summary>A log of 3 single-signed and 4 batched receipts with tree heads after receipts 3 and 7.</summary>
    private async Task<(string Log, string ReceiptPub, string LogPub)> WriteLog()
    {
        var (receiptKeyPath, receiptPub) = await _runner.KeyPair("signer");
        var (logKeyPath, logPub) = await _runner.KeyPair("log");
        using var receiptKey = SigningKey.Load(receiptKeyPath);
        using var logKey = SigningKey.Load(logKeyPath);
        using var model = VerifiedModel.FromBytes(TestModels.AddMul());
        TensorSet Inputs(int i) => new([new("a", TensorValue.Create(new float[] { i, 1, 2, 3 }, 1, 4)), new("b", TensorValue.Create(new float[] { 1, 1, 1, 1 }, 1, 4))]);
        var path = _runner.PathOf("receipts.log.jsonl");
        using var log = ReceiptLog.Open(path, new ReceiptLogOptions { TreeHeadSigner = logKey });
        log.AppendBatch([.. Enumerable.Range(0, 3).Select(i => model.Run(Inputs(i), new InferenceOptions { Signer = receiptKey }).Receipt)]);
        log.SignTreeHead();
        await using (var batching = new BatchingSigner(receiptKey, new BatchingSignerOptions { MaxBatchSize = 4, Log = log }))
        {
            await Task.WhenAll(Enumerable.Range(3, 4).Select(i => model.RunAsync(Inputs(i), batching)));
        }

        log.SignTreeHead();
        return (path, receiptPub, logPub);
    }

    [Fact]
    public async Task Verify_given_a_receipt_log_points_to_log_verify()
    {
        var (log, receiptPub, _) = await WriteLog();

        var result = await CliRunner.Run("verify", log, "--trust", receiptPub);

        result.ShouldBeUsageError("is a receipt log");
        result.Stderr.ShouldContain($"openverify log verify {log}");
        result.Stderr.ShouldNotContain("Malformed");
        result.Stderr.ShouldNotContain("deserializ");
    }

    [Fact]
    public async Task Verify_passes_a_good_log()
    {
        var (log, receiptPub, logPub) = await WriteLog();
        var result = await CliRunner.Run("log", "verify", log, "--trust", receiptPub, "--log-key", logPub);
        result.ExitCode.ShouldBe(0, result.ToString());
        result.ShouldHaveNoControlCodes();
        result.Stdout.ShouldContain("7 receipts and 2 tree heads checked");
        result.Stdout.ShouldContain("VERIFIED");

        var json = await CliRunner.Run("log", "verify", log, "--trust", receiptPub, "--log-key", logPub, "--json", "--checkpoint", log + ".checkpoint.json");
        json.ExitCode.ShouldBe(0, json.ToString());
        JsonNode.Parse(json.Stdout)!["verified"]!.GetValue<bool>().ShouldBeTrue();
    }

    [Fact]
    public async Task Verify_names_the_first_bad_entry_by_index()
    {
        var (log, receiptPub, logPub) = await WriteLog();
        var lines = File.ReadAllLines(log);
        var line = Array.FindIndex(lines, l => l.Contains("\"index\":4,\"receipt\"", StringComparison.Ordinal));
        lines[line] = lines[line].Replace("\"payload\":\"ey", "\"payload\":\"eX", StringComparison.Ordinal);
        File.WriteAllLines(log, lines);

        var result = await CliRunner.Run("log", "verify", log, "--trust", receiptPub, "--log-key", logPub, "--json");
        result.ExitCode.ShouldBe(1, result.ToString());
        var report = JsonNode.Parse(result.Stdout)!;
        report["failedReceiptIndex"]!.GetValue<long>().ShouldBe(4);
        report["failure"]!.GetValue<string>().ShouldStartWith("receipt 4 ");

        var text = await CliRunner.Run("log", "verify", log, "--trust", receiptPub, "--log-key", logPub);
        text.ExitCode.ShouldBe(1);
        text.Stdout.ShouldContain("first bad entry: receipt 4 (line 6)");
        text.Stdout.ShouldContain("NOT VERIFIED");
    }

    [Fact]
    public async Task Verify_refuses_a_kept_checkpoint_of_another_log_even_before_the_first_tree_head()
    {
        var (receiptKeyPath, receiptPub) = await _runner.KeyPair("signer");
        var (logKeyPath, logPub) = await _runner.KeyPair("log");
        using var receiptKey = SigningKey.Load(receiptKeyPath);
        using var logKey = SigningKey.Load(logKeyPath);
        using var model = VerifiedModel.FromBytes(TestModels.AddMul());
        var path = _runner.PathOf("no-heads.log.jsonl");
        var receipts = Enumerable.Range(0, 2).Select(i => model.Run(
            new TensorSet([new("a", TensorValue.Create(new float[] { i, 1, 2, 3 }, 1, 4)), new("b", TensorValue.Create(new float[] { 1, 1, 1, 1 }, 1, 4))]),
            new InferenceOptions { Signer = receiptKey }).Receipt).ToList();
        using (var log = ReceiptLog.Open(path, new ReceiptLogOptions { TreeHeadSigner = logKey }))
        {
            log.AppendBatch(receipts);
        }

        // A checkpoint over the same two receipts, signed by the same log key, but of another log.
        var root = MerkleTree.FromLeafHashes(receipts.Select(Merkle.HashReceiptLeaf)).RootHash();
        var foreign = _runner.PathOf("foreign.checkpoint.json");
        File.WriteAllText(foreign, SignedTreeHead.Sign(new TreeHead("another-log", 2, root, logKey.KeyId, "t"), logKey).ToJson());
        var result = await CliRunner.Run("log", "verify", path, "--trust", receiptPub, "--log-key", logPub, "--checkpoint", foreign, "--json");
        result.ExitCode.ShouldBe(1, result.ToString());
        JsonNode.Parse(result.Stdout)!["failure"]!.GetValue<string>().ShouldContain("'another-log'");

        // Named as the log's origin, the same checkpoint is accepted.
        var named = await CliRunner.Run("log", "verify", path, "--trust", receiptPub, "--log-key", logPub, "--checkpoint", foreign, "--origin", "another-log");
        named.ExitCode.ShouldBe(0, named.ToString());
        named.Stdout.ShouldContain("extends the kept checkpoint of size 2");

        (await CliRunner.Run("log", "verify", path, "--trust", receiptPub, "--checkpoint", _runner.PathOf("missing.json"))).ShouldBeUsageError("does not exist");
    }

    [Fact]
    public async Task Verify_without_the_log_key_fails_at_the_first_tree_head()
    {
        var (log, receiptPub, _) = await WriteLog();
        var result = await CliRunner.Run("log", "verify", log, "--trust", receiptPub);
        result.ExitCode.ShouldBe(1, result.ToString());
        result.Stdout.ShouldContain("tree head after receipt 3 (line 4)");
    }

    [Fact]
    public async Task A_corrupt_line_is_a_failure_with_its_line_number()
    {
        var (log, receiptPub, logPub) = await WriteLog();
        var lines = File.ReadAllLines(log);
        lines[1] = "{\"type\":\"receipt\"";
        File.WriteAllLines(log, lines);
        var result = await CliRunner.Run("log", "verify", log, "--trust", receiptPub, "--log-key", logPub);
        result.ExitCode.ShouldBe(1, result.ToString());
        result.Stdout.ShouldContain("Line 2 of the receipt log is corrupt");
    }

    [Fact]
    public async Task Prove_prints_a_proof_that_verify_accepts_on_its_own()
    {
        var (log, receiptPub, logPub) = await WriteLog();
        foreach (var index in new[] { 1, 5 })
        {
            var proofPath = _runner.PathOf($"proof-{index}.json");
            var prove = await CliRunner.Run("log", "prove", log, "--index", index.ToString(System.Globalization.CultureInfo.InvariantCulture), "--out", proofPath);
            prove.ExitCode.ShouldBe(0, prove.ToString());

            var verify = await CliRunner.Run("verify", proofPath, "--trust", receiptPub, "--log-key", logPub);
            verify.ExitCode.ShouldBe(0, verify.ToString());
            verify.Stdout.ShouldContain("log-inclusion");
            verify.Stdout.ShouldContain("tree-head");

            // Without the log key the tree head cannot be trusted.
            var noLogKey = await CliRunner.Run("verify", proofPath, "--trust", receiptPub);
            noLogKey.ExitCode.ShouldBe(1, noLogKey.ToString());
        }

        var stdout = await CliRunner.Run("log", "prove", log, "--index", "0");
        stdout.ExitCode.ShouldBe(0);
        JsonNode.Parse(stdout.Stdout)!["type"]!.GetValue<string>().ShouldBe("openverify-log-inclusion-v1");

        (await CliRunner.Run("log", "prove", log, "--index", "7")).ShouldBeUsageError("no receipt 7");
        (await CliRunner.Run("log", "prove", _runner.PathOf("missing.jsonl"), "--index", "0")).ShouldBeUsageError("does not exist");
    }

    [Fact]
    public async Task Checkpoint_prints_a_signed_note_that_log_verify_takes_and_a_changed_or_forked_one_fails()
    {
        var (log, receiptPub, logPub) = await WriteLog();
        var printed = await CliRunner.Run("log", "checkpoint", log, "--key", _runner.PathOf("log.key"));
        printed.ExitCode.ShouldBe(0, printed.ToString());
        var vkey = NoteVerifierKey.FromPublicKey(ReceiptLogOptions.DefaultOrigin, PublicKey.Load(logPub));
        var checkpoint = Checkpoint.Open(printed.Stdout, [vkey]);
        checkpoint.TreeSize.ShouldBe(7);
        checkpoint.Origin.ShouldBe(ReceiptLogOptions.DefaultOrigin);
        var kept = _runner.PathOf("kept.checkpoint");
        File.WriteAllText(kept, printed.Stdout);

        // Checked with the log key under the origin name, or with the vkey string.
        var result = await CliRunner.Run("log", "verify", log, "--trust", receiptPub, "--log-key", logPub, "--checkpoint", kept);
        result.ExitCode.ShouldBe(0, result.ToString());
        result.Stdout.ShouldContain("the log extends the kept checkpoint of size 7");
        (await CliRunner.Run("log", "verify", log, "--trust", receiptPub, "--log-key", logPub, "--checkpoint", kept, "--checkpoint-key", vkey.ToString())).ExitCode.ShouldBe(0);

        // A changed size no longer verifies.
        File.WriteAllText(kept, printed.Stdout.Replace("\n7\n", "\n6\n", StringComparison.Ordinal));
        var changed = await CliRunner.Run("log", "verify", log, "--trust", receiptPub, "--log-key", logPub, "--checkpoint", kept);
        changed.ExitCode.ShouldBe(1, changed.ToString());
        changed.Stdout.ShouldContain("does not verify");

        // A validly signed checkpoint of another history (a fork) is caught against the log.
        using var logKey = SigningKey.Load(_runner.PathOf("log.key"));
        File.WriteAllText(kept, new Checkpoint(ReceiptLogOptions.DefaultOrigin, 3, Sha256Digest.Compute("fork"u8.ToArray())).Sign(new NoteSigner(ReceiptLogOptions.DefaultOrigin, logKey)));
        var forked = await CliRunner.Run("log", "verify", log, "--trust", receiptPub, "--log-key", logPub, "--checkpoint", kept);
        forked.ExitCode.ShouldBe(1, forked.ToString());
        forked.Stdout.ShouldContain("is not the root");

        // Another origin's name is refused.
        var other = await CliRunner.Run("log", "checkpoint", log, "--key", _runner.PathOf("log.key"), "--origin", "example.org/other");
        other.ExitCode.ShouldNotBe(0);
        other.Stderr.ShouldContain("pass --origin");
    }

    [Fact]
    public async Task Keygen_role_log_prints_the_note_verifier_key()
    {
        var result = await CliRunner.Run("keygen", "--role", "log", "--origin", "example.org/log", "--out", _runner.PathOf("k/log"), "--json");
        result.ExitCode.ShouldBe(0, result.ToString());
        var vkey = JsonNode.Parse(result.Stdout)!["verifierKey"]!.GetValue<string>();
        vkey.ShouldBe(NoteVerifierKey.FromPublicKey("example.org/log", PublicKey.Load(_runner.PathOf("k/log.pub"))).ToString());
        NoteVerifierKey.Parse(vkey).Name.ShouldBe("example.org/log");

        var refused = await CliRunner.Run("keygen", "--role", "log", "--origin", "has space", "--out", _runner.PathOf("k/bad"));
        refused.ExitCode.ShouldNotBe(0);
        File.Exists(_runner.PathOf("k/bad.key")).ShouldBeFalse();
    }
}
