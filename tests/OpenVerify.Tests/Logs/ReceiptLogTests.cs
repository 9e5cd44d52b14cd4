using System.Text;
using OpenVerify.Batching;
using OpenVerify.Logs;
using OpenVerify.Testing;

namespace OpenVerify.Tests.Logs;

public class ReceiptLogTests
{
    internal static readonly SigningKey ReceiptKey = SigningKey.Generate();
    internal static readonly SigningKey LogKey = SigningKey.Generate();
    private static readonly Lazy<VerifiedModel> Model = new(() => VerifiedModel.FromBytes(TestModels.AddMul()));

    internal static TrustStore Trust() => new TrustStore().Add(ReceiptKey.PublicKey, KeyRole.ReceiptSigner).Add(LogKey.PublicKey, KeyRole.Log);

    internal static Receipt NewReceipt(int i) =>
        Model.Value.Run(Tensors.AddMulInputs([i, 1, 2, 3]), new InferenceOptions { Signer = ReceiptKey, Nonce = $"n{i}" }).Receipt;

    private static ReceiptLogOptions Options(LogDurability durability = LogDurability.EveryBatch) =>
        new() { TreeHeadSigner = LogKey, Durability = durability };

    [Theory]
    [InlineData(LogDurability.EveryEntry)]
    [InlineData(LogDurability.EveryBatch)]
    [InlineData(LogDurability.Periodic)]
    public void Appends_SurviveReopening_UnderEveryDurabilityPolicy(LogDurability durability)
    {
        using var folder = new TempFolder();
        var path = folder.File("receipts.jsonl");
        var receipts = Enumerable.Range(0, 6).Select(NewReceipt).ToList();
        using (var log = ReceiptLog.Open(path, Options(durability)))
        {
            log.Append(receipts[0]).ShouldBe(0);
            log.AppendBatch(receipts[1..]).ShouldBe(1);
            log.Flush();
            log.DurableSize.ShouldBe(6);
            log.SignTreeHead().Head.TreeSize.ShouldBe(6);
        }

        using (var log = ReceiptLog.Open(path, Options(durability)))
        {
            log.Size.ShouldBe(6);
            log.RecoveredBytes.ShouldBe(0);
            log.LastTreeHead!.Head.TreeSize.ShouldBe(6);
        }

        var contents = LogFile.Read(path);
        contents.Entries.Where(e => e.Kind == LogEntryKind.Receipt).Select(e => e.Receipt!.Id).ShouldBe(receipts.Select(r => r.Id));
        File.ReadAllLines(path).ShouldAllBe(l => l.StartsWith("{\"type\":\"receipt\"") || l.StartsWith("{\"type\":\"tree-head\""));
        LogVerifier.Verify(path, Trust()).Succeeded.ShouldBeTrue();
    }

    [Fact]
    public void AnUnterminatedLastLine_AndTrailingZeros_AreCut()
    {
        using var folder = new TempFolder();
        var path = folder.File("log.jsonl");
        using (var log = ReceiptLog.Open(path, Options()))
        {
            log.AppendBatch([NewReceipt(0), NewReceipt(1)]);
        }

        var good = File.ReadAllBytes(path);
        var torn = Encoding.UTF8.GetBytes("{\"type\":\"receipt\",\"index\":2,\"receipt\":{\"payloadTy");
        File.WriteAllBytes(path, [.. good, .. torn, .. new byte[4096]]);
        LogFile.Read(path).CutBytes.ShouldBe(torn.Length + 4096);
        using (var log = ReceiptLog.Open(path, Options()))
        {
            log.Size.ShouldBe(2);
            log.RecoveredBytes.ShouldBe(torn.Length + 4096);
            log.Append(NewReceipt(2)).ShouldBe(2);
        }

        File.ReadAllBytes(path).AsSpan(0, good.Length).SequenceEqual(good).ShouldBeTrue();
        LogVerifier.Verify(path, Trust()).Succeeded.ShouldBeTrue();

        // Only zeros after the last line.
        File.WriteAllBytes(path, [.. File.ReadAllBytes(path), 0, 0, 0]);
        using (var log = ReceiptLog.Open(path, Options()))
        {
            log.Size.ShouldBe(3);
            log.RecoveredBytes.ShouldBe(3);
        }
    }

    [Fact]
    public void ACompleteCorruptLineInTheMiddle_IsRefusedWithItsLineNumber()
    {
        using var folder = new TempFolder();
        var path = folder.File("log.jsonl");
        using (var log = ReceiptLog.Open(path, Options()))
        {
            log.AppendBatch([.. Enumerable.Range(0, 5).Select(NewReceipt)]);
        }

        var lines = File.ReadAllLines(path);
        lines[2] = lines[2][..(lines[2].Length / 2)];
        File.WriteAllText(path, string.Join("\n", lines) + "\n");
        var error = Should.Throw<LogCorruptException>(() => ReceiptLog.Open(path, Options()));
        error.Line.ShouldBe(3);
        error.Message.ShouldContain("Line 3");

        // The file was not repaired: it still fails, and the verifier names the line too.
        File.ReadAllLines(path)[2].ShouldBe(lines[2]);
        var verification = LogVerifier.Verify(path, Trust());
        verification.Succeeded.ShouldBeFalse();
        verification.FailedLine.ShouldBe(3);

        // A line of zeros that is terminated is a complete line, not trailing zeros.
        lines[2] = "\0\0\0";
        File.WriteAllText(path, string.Join("\n", lines) + "\n");
        Should.Throw<LogCorruptException>(() => ReceiptLog.Open(path, Options())).Line.ShouldBe(3);
    }

    [Fact]
    public void ReceiptsOutOfOrder_OrAHeadThatDoesNotMatch_AreRefused()
    {
        using var folder = new TempFolder();
        var path = folder.File("log.jsonl");
        using (var log = ReceiptLog.Open(path, Options()))
        {
            log.AppendBatch([.. Enumerable.Range(0, 3).Select(NewReceipt)]);
            log.SignTreeHead();
        }

        var lines = File.ReadAllLines(path);
        File.WriteAllLines(path, [lines[1], lines[0], lines[2], lines[3]]);
        Should.Throw<LogCorruptException>(() => ReceiptLog.Open(path, Options())).Line.ShouldBe(1);

        // Swap receipt 1 for another receipt: the head's root no longer matches.
        var other = LogFile.ReceiptLine(1, NewReceipt(99));
        File.WriteAllLines(path, [lines[0], Encoding.UTF8.GetString(other).TrimEnd('\n'), lines[2], lines[3]]);
        File.Delete(ReceiptLog.CheckpointPathFor(path));
        Should.Throw<LogCorruptException>(() => ReceiptLog.Open(path, Options())).Line.ShouldBe(4);
    }

    [Fact]
    public void ALogShorterThanItsLastStoredTreeHead_IsRefused()
    {
        using var folder = new TempFolder();
        var path = folder.File("log.jsonl");
        SignedTreeHead head;
        using (var log = ReceiptLog.Open(path, Options()))
        {
            log.AppendBatch([.. Enumerable.Range(0, 5).Select(NewReceipt)]);
            head = log.SignTreeHead();
        }

        File.Exists(ReceiptLog.CheckpointPathFor(path)).ShouldBeTrue();
        var checkpoint = SignedTreeHead.Parse(File.ReadAllText(ReceiptLog.CheckpointPathFor(path)));
        checkpoint.Verify(Trust()).Passed.ShouldBeTrue();
        checkpoint.Head.ShouldBe(head.Head);

        // Roll back to the first three receipts, at a line boundary: every remaining line is valid.
        File.WriteAllLines(path, File.ReadAllLines(path).Take(3));
        var error = Should.Throw<LogCorruptException>(() => ReceiptLog.Open(path, Options()));
        error.Message.ShouldContain("fewer than the 5");

        // A checkpoint kept elsewhere is checked too.
        File.Delete(ReceiptLog.CheckpointPathFor(path));
        Should.Throw<LogCorruptException>(() => ReceiptLog.Open(path, new ReceiptLogOptions { TreeHeadSigner = LogKey, ExpectedTreeHead = head }));
        LogVerifier.Verify(path, Trust(), keptHead: head).Succeeded.ShouldBeFalse();
        using (ReceiptLog.Open(path, Options()))
        {
        }
    }

    [Fact]
    public void ASecondWriter_IsRefused_WithAClearError()
    {
        using var folder = new TempFolder();
        var path = folder.File("log.jsonl");
        using (var log = ReceiptLog.Open(path, Options()))
        {
            var error = Should.Throw<LogLockedException>(() => ReceiptLog.Open(path, Options()));
            error.Message.ShouldContain("already open for writing");
            error.Message.ShouldContain(".lock");

            // Readers need no lock.
            log.Append(NewReceipt(0));
            LogFile.Read(path).ReceiptCount.ShouldBe(1);
        }

        using (ReceiptLog.Open(path, Options()))
        {
        }
    }

    [Fact]
    public async Task ConcurrentAppends_FromManyThreads_AreAllThere_InOrder()
    {
        using var folder = new TempFolder();
        var path = folder.File("log.jsonl");
        var receipts = Enumerable.Range(0, 8).Select(NewReceipt).ToArray();
        var indices = new System.Collections.Concurrent.ConcurrentBag<long>();
        using (var log = ReceiptLog.Open(path, Options(LogDurability.Periodic)))
        {
            await Task.WhenAll(Enumerable.Range(0, 8).Select(t => Task.Run(() =>
            {
                for (var i = 0; i < 100; i++)
                {
                    indices.Add(log.Append(receipts[t]));
                    if (i % 25 == 0)
                    {
                        log.SignTreeHead();
                    }
                }
            })));
            log.Size.ShouldBe(800);
        }

        indices.Order().ShouldBe(Enumerable.Range(0, 800).Select(i => (long)i));
        var contents = LogFile.Read(path);
        contents.ReceiptCount.ShouldBe(800);
        contents.Entries.Count(e => e.Kind == LogEntryKind.TreeHead).ShouldBe(32);
        LogVerifier.Verify(contents, Trust()).Succeeded.ShouldBeTrue();
    }

    [Fact]
    public async Task ATamperedEntry_IsFoundWithItsIndex()
    {
        using var folder = new TempFolder();
        var path = folder.File("log.jsonl");
        using (var log = ReceiptLog.Open(path, Options()))
        {
            log.AppendBatch([.. Enumerable.Range(0, 3).Select(NewReceipt)]);
            log.SignTreeHead();
            await using (var batching = new BatchingSigner(ReceiptKey, new BatchingSignerOptions { MaxBatchSize = 4, Log = log }))
            {
                await Task.WhenAll(Enumerable.Range(3, 4).Select(i => Model.Value.RunAsync(Tensors.AddMulInputs([i, 0, 0, 0]), batching)));
            }

            log.Size.ShouldBe(7);
            log.SignTreeHead();
        }

        var result = LogVerifier.Verify(path, Trust());
        result.Succeeded.ShouldBeTrue(result.Failure);
        result.Receipts.ShouldBe(7);
        result.TreeHeads.ShouldBe(2);

        foreach (var index in new[] { 1, 5 })
        {
            // Replace receipt `index` with another, validly signed receipt (single for 1, batched for 5).
            var lines = File.ReadAllLines(path);
            var line = Array.FindIndex(lines, l => l.Contains($"\"index\":{index},\"receipt\""));
            var original = lines[line];
            var replacement = index == 1 ? NewReceipt(42) : BatchingSigner.SignBatch(ReceiptKey, [NewReceipt(43).Envelope.Payload])[0];
            lines[line] = Encoding.UTF8.GetString(LogFile.ReceiptLine(index, replacement)).TrimEnd('\n');
            File.WriteAllLines(path, lines);
            var tampered = LogVerifier.Verify(path, Trust());
            tampered.Succeeded.ShouldBeFalse();
            tampered.Failure.ShouldNotBeNull().ShouldContain("tree head");

            // A receipt whose own signature or proof breaks is named by its index.
            lines[line] = original.Replace("\"payload\":\"ey", "\"payload\":\"eX", StringComparison.Ordinal);
            File.WriteAllLines(path, lines);
            tampered = LogVerifier.Verify(path, Trust());
            tampered.FailedReceiptIndex.ShouldBe(index, tampered.Failure);
            tampered.Failure.ShouldNotBeNull().ShouldStartWith($"receipt {index} ");

            lines[line] = original;
            File.WriteAllLines(path, lines);
        }

        LogVerifier.Verify(path, Trust()).Succeeded.ShouldBeTrue();
    }

    [Fact]
    public void Checkpoints_AreConsistentAcrossGrowth()
    {
        using var folder = new TempFolder();
        var path = folder.File("log.jsonl");
        var heads = new List<SignedTreeHead>();
        using var log = ReceiptLog.Open(path, Options());
        heads.Add(log.SignTreeHead());
        foreach (var grow in new[] { 1, 2, 4, 1, 9, 16 })
        {
            log.AppendBatch([.. Enumerable.Range(0, grow).Select(NewReceipt)]);
            heads.Add(SignedTreeHead.Parse(log.SignTreeHead().ToJson()));
        }

        var trust = Trust();
        heads.ShouldAllBe(h => h.Verify(trust).Passed);
        for (var a = 0; a < heads.Count; a++)
        {
            for (var b = a; b < heads.Count; b++)
            {
                var proof = log.ProveConsistency(heads[a].Head.TreeSize, heads[b].Head.TreeSize);
                SignedTreeHead.VerifyConsistency(heads[a], heads[b], proof).ShouldBeTrue($"{heads[a].Head.TreeSize} -> {heads[b].Head.TreeSize}");
                if (heads[a].Head.TreeSize > 0 && heads[a].Head.TreeSize < heads[b].Head.TreeSize)
                {
                    SignedTreeHead.VerifyConsistency(heads[a], heads[b], proof.Skip(1).ToList()).ShouldBeFalse();
                }
            }
        }

        // A head of a forked log (same size, other receipts) is not consistent with the real one.
        var fork = MerkleTree.FromLeafHashes(Enumerable.Range(100, 3).Select(i => Merkle.HashReceiptLeaf(NewReceipt(i))));
        var forked = SignedTreeHead.Sign(new TreeHead(heads[2].Head.Origin, 3, fork.RootHash(), LogKey.KeyId, "t"), LogKey);
        SignedTreeHead.VerifyConsistency(forked, heads[^1], log.ProveConsistency(3, heads[^1].Head.TreeSize)).ShouldBeFalse();

        // A tree head signed by a receipt key is not a tree head.
        var wrongRole = SignedTreeHead.Sign(heads[1].Head, ReceiptKey).Verify(trust);
        wrongRole.Passed.ShouldBeFalse();
        wrongRole.Detail.ShouldContain("log");
    }

    [Fact]
    public void AnInclusionProof_VerifiesOnItsOwn()
    {
        using var folder = new TempFolder();
        var path = folder.File("log.jsonl");
        using (var log = ReceiptLog.Open(path, Options()))
        {
            log.AppendBatch([.. Enumerable.Range(0, 5).Select(NewReceipt)]);
            log.SignTreeHead();
            log.Append(NewReceipt(5));
        }

        var contents = LogFile.Read(path);
        var proof = LogInclusionProof.Create(contents, 3);
        var json = proof.ToJson();
        LogInclusionProof.IsProof(json).ShouldBeTrue();
        LogInclusionProof.IsProof(NewReceipt(0).ToJson()).ShouldBeFalse();
        var verifier = new ReceiptVerifier(Trust());
        var result = verifier.Verify(LogInclusionProof.Parse(json));
        result.Succeeded.ShouldBeTrue(result.ToString());
        result.Checks.Select(c => c.Name).ShouldContain(VerificationChecks.LogInclusion);

        var wrongIndex = LogInclusionProof.Parse(json.Replace("\"index\":3", "\"index\":2"));
        verifier.Verify(wrongIndex).FirstFailure!.Name.ShouldBe(VerificationChecks.LogInclusion);
        verifier.Verify(proof with { Receipt = contents.Entries[2].Receipt! }).FirstFailure!.Name.ShouldBe(VerificationChecks.LogInclusion);
        new ReceiptVerifier(TrustStore.For(ReceiptKey.PublicKey)).Verify(proof).FirstFailure!.Name.ShouldBe(VerificationChecks.TreeHead);
        Should.Throw<ArgumentOutOfRangeException>(() => LogInclusionProof.Create(contents, 5)).Message.ShouldContain("No signed tree head");
    }
}
