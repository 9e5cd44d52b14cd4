using System.Text;
using OpenVerify.Batching;
using OpenVerify.Logs;

namespace OpenVerify.Tests.Logs;

/// <summary>Tree heads are trusted only after their signature verifies, and always for the right log: in
/// <see cref="LogVerifier"/>, in <see cref="ReceiptLog"/>'s recovery (its own lines, its checkpoint file, an expected
/// head), and before their payload is parsed at all.</summary>
public class TreeHeadTrustTests
{
    private static readonly SigningKey OtherLogKey = SigningKey.Generate();

    private static ReceiptLogOptions Options(SignedTreeHead? expected = null) =>
        new() { TreeHeadSigner = ReceiptLogTests.LogKey, ExpectedTreeHead = expected };

    private static string WriteLog(TempFolder folder, int receipts, bool signHead)
    {
        var path = folder.File("log.jsonl");
        using var log = ReceiptLog.Open(path, Options());
        if (receipts > 0)
        {
            log.AppendBatch([.. Enumerable.Range(0, receipts).Select(ReceiptLogTests.NewReceipt)]);
        }

        if (signHead)
        {
            log.SignTreeHead();
        }

        return path;
    }

    private static SignedTreeHead HeadOf(string path, int size, string origin, SigningKey key)
    {
        var receipts = LogFile.Read(path).Entries.Where(e => e.Kind == LogEntryKind.Receipt).Take(size).Select(e => Merkle.HashReceiptLeaf(e.Receipt!));
        return SignedTreeHead.Sign(new TreeHead(origin, size, MerkleTree.FromLeafHashes(receipts).RootHash(), key.KeyId, "2026-11-27T00:00:00Z"), key);
    }

    [Fact]
    public void AKeptCheckpointOfAnotherLog_IsRefused_EvenWhenTheLogHasNoTreeHead()
    {
        using var folder = new TempFolder();
        var path = WriteLog(folder, 3, signHead: false);
        var trust = ReceiptLogTests.Trust();

        // Same receipts, same log key, another log's name: a checkpoint of another log says nothing about this one.
        var foreign = HeadOf(path, 2, "some-other-log", ReceiptLogTests.LogKey);
        var result = LogVerifier.Verify(path, trust, SignedTreeHead.Parse(foreign.ToJson()));
        result.Succeeded.ShouldBeFalse();
        result.Failure.ShouldNotBeNull().ShouldContain("'some-other-log'");

        // The empty tree's checkpoint of another log too (its root fits every log).
        var emptyForeign = SignedTreeHead.Sign(new TreeHead("some-other-log", 0, Merkle.EmptyRoot, ReceiptLogTests.LogKey.KeyId, "t"), ReceiptLogTests.LogKey);
        LogVerifier.Verify(path, trust, SignedTreeHead.Parse(emptyForeign.ToJson())).Succeeded.ShouldBeFalse();

        // The same checkpoint is accepted for a log of that name, and one of this log's name is accepted here.
        LogVerifier.Verify(path, trust, SignedTreeHead.Parse(foreign.ToJson()), origin: "some-other-log").Succeeded.ShouldBeTrue();
        var own = HeadOf(path, 2, ReceiptLogOptions.DefaultOrigin, ReceiptLogTests.LogKey);
        LogVerifier.Verify(path, trust, SignedTreeHead.Parse(own.ToJson())).Succeeded.ShouldBeTrue();
    }

    [Fact]
    public void ATreeHeadOfAnotherLog_InsideTheLog_IsRefused()
    {
        using var folder = new TempFolder();
        var path = WriteLog(folder, 3, signHead: false);
        File.AppendAllText(path, Encoding.UTF8.GetString(LogFile.TreeHeadLine(HeadOf(path, 3, "some-other-log", ReceiptLogTests.LogKey))));
        var result = LogVerifier.Verify(path, ReceiptLogTests.Trust());
        result.Succeeded.ShouldBeFalse();
        result.FailedLine.ShouldBe(4);
        result.Failure.ShouldNotBeNull().ShouldContain("'some-other-log'");
        Should.Throw<LogCorruptException>(() => ReceiptLog.Open(path, Options())).Line.ShouldBe(4);
    }

    [Fact]
    public void AKeptCheckpoint_IsCheckedAgainstTheSignedRoot_NotTheLogsOwnHeads()
    {
        using var folder = new TempFolder();
        var path = WriteLog(folder, 4, signHead: true);
        var trust = ReceiptLogTests.Trust();

        // A kept head of the right log and size whose root is another tree's: the log does not extend it.
        var forked = SignedTreeHead.Sign(new TreeHead(ReceiptLogOptions.DefaultOrigin, 2, Merkle.HashLeaf("x"u8), ReceiptLogTests.LogKey.KeyId, "t"), ReceiptLogTests.LogKey);
        LogVerifier.Verify(path, trust, SignedTreeHead.Parse(forked.ToJson())).Failure.ShouldNotBeNull().ShouldContain("not the root");

        // A kept head signed by a key that is not a trusted log key.
        var untrusted = HeadOf(path, 2, ReceiptLogOptions.DefaultOrigin, OtherLogKey);
        LogVerifier.Verify(path, trust, SignedTreeHead.Parse(untrusted.ToJson())).Failure.ShouldNotBeNull().ShouldStartWith("the kept checkpoint: FAIL tree-head");
    }

    [Fact]
    public void TreeHeadPayloads_AreParsedOnlyAfterTheirSignatureVerifies()
    {
        using var folder = new TempFolder();
        var path = WriteLog(folder, 2, signHead: false);

        // A tree-head line whose payload is not a tree head, signed by nobody we trust: reading the log does not parse
        // it (so it cannot fail there); verification refuses its signature, not its form.
        var garbage = SignedTreeHead.FromEnvelope(DsseEnvelope.Sign(TreeHead.PayloadType, "{\"origin\":[1,2,3]"u8.ToArray(), OtherLogKey));
        File.AppendAllText(path, Encoding.UTF8.GetString(LogFile.TreeHeadLine(garbage)));
        var contents = LogFile.Read(path);
        var line = contents.Entries[^1];
        line.Kind.ShouldBe(LogEntryKind.TreeHead);
        line.TreeHead!.IsVerified.ShouldBeFalse();
        Should.Throw<InvalidOperationException>(() => line.TreeHead.Head).Message.ShouldContain("Verify");
        var result = LogVerifier.Verify(contents, ReceiptLogTests.Trust());
        result.Succeeded.ShouldBeFalse();
        result.Failure.ShouldNotBeNull().ShouldContain("No trusted key verifies the signature");
        result.FailedLine.ShouldBe(3);

        // Signed by the log key, the same bytes get as far as the parser, which refuses them.
        var signedGarbage = SignedTreeHead.FromEnvelope(DsseEnvelope.Sign(TreeHead.PayloadType, "{\"origin\":[1,2,3]"u8.ToArray(), ReceiptLogTests.LogKey));
        var check = signedGarbage.Verify(ReceiptLogTests.Trust());
        check.Passed.ShouldBeFalse();
        check.Detail.ShouldContain("not a tree head");
        signedGarbage.IsVerified.ShouldBeFalse();

        // A checkpoint file's payload is not parsed by Parse either.
        SignedTreeHead.Parse(garbage.ToJson()).IsVerified.ShouldBeFalse();
    }

    [Fact]
    public void ATreeHeadLine_ThatClaimsAnotherSize_IsRefusedAfterItsSignatureVerifies()
    {
        using var folder = new TempFolder();
        var path = WriteLog(folder, 3, signHead: false);
        File.AppendAllText(path, Encoding.UTF8.GetString(LogFile.TreeHeadLine(HeadOf(path, 2, ReceiptLogOptions.DefaultOrigin, ReceiptLogTests.LogKey))));
        LogVerifier.Verify(path, ReceiptLogTests.Trust()).Failure.ShouldNotBeNull().ShouldContain("covers 2 receipts, but 3 come before it");
        Should.Throw<LogCorruptException>(() => ReceiptLog.Open(path, Options())).Message.ShouldContain("covers 2 receipts, but 3 come before it");
    }

    [Fact]
    public void Recovery_RefusesAForgedCheckpointFile()
    {
        using var folder = new TempFolder();
        var path = WriteLog(folder, 3, signHead: true);

        // A checkpoint of the right log, size and root, but signed by a key that is not the log's.
        File.WriteAllText(ReceiptLog.CheckpointPathFor(path), HeadOf(path, 3, ReceiptLogOptions.DefaultOrigin, OtherLogKey).ToJson() + "\n");
        var error = Should.Throw<LogCorruptException>(() => ReceiptLog.Open(path, Options()));
        error.Message.ShouldContain("checkpoint file");
        error.Message.ShouldContain("signature");

        // With the other key trusted as well, it opens: the check is the signature, not the file's presence.
        var both = new TrustStore().Add(ReceiptLogTests.LogKey.PublicKey, KeyRole.Log).Add(OtherLogKey.PublicKey, KeyRole.Log);
        using (ReceiptLog.Open(path, new ReceiptLogOptions { TreeHeadTrust = both }))
        {
        }

        // A checkpoint signed by the log key with a root the receipts do not have.
        var wrongRoot = SignedTreeHead.Sign(new TreeHead(ReceiptLogOptions.DefaultOrigin, 3, Merkle.HashLeaf("x"u8), ReceiptLogTests.LogKey.KeyId, "t"), ReceiptLogTests.LogKey);
        File.WriteAllText(ReceiptLog.CheckpointPathFor(path), wrongRoot.ToJson() + "\n");
        Should.Throw<LogCorruptException>(() => ReceiptLog.Open(path, Options())).Message.ShouldContain("not the root");
    }

    [Fact]
    public void Recovery_VerifiesTheExpectedTreeHead()
    {
        using var folder = new TempFolder();
        var path = WriteLog(folder, 3, signHead: false);

        Should.Throw<LogCorruptException>(() => ReceiptLog.Open(path, Options(HeadOf(path, 2, ReceiptLogOptions.DefaultOrigin, OtherLogKey))))
            .Message.ShouldContain("the expected tree head");
        Should.Throw<LogCorruptException>(() => ReceiptLog.Open(path, Options(SignedTreeHead.Sign(HeadOf(path, 2, ReceiptLogOptions.DefaultOrigin, ReceiptLogTests.LogKey).Head, ReceiptLogTests.ReceiptKey))))
            .Message.ShouldContain("the expected tree head");
        Should.Throw<LogCorruptException>(() => ReceiptLog.Open(path, Options(HeadOf(path, 2, "some-other-log", ReceiptLogTests.LogKey))))
            .Message.ShouldContain("'some-other-log'");

        // Without a key to check it with, an expected head is refused, never taken on trust.
        var good = HeadOf(path, 2, ReceiptLogOptions.DefaultOrigin, ReceiptLogTests.LogKey);
        Should.Throw<LogCorruptException>(() => ReceiptLog.Open(path, new ReceiptLogOptions { ExpectedTreeHead = good }))
            .Message.ShouldContain("TreeHeadTrust");

        using (var log = ReceiptLog.Open(path, Options(SignedTreeHead.Parse(good.ToJson()))))
        {
            log.Size.ShouldBe(3);
        }

        using (var log = ReceiptLog.Open(path, new ReceiptLogOptions { ExpectedTreeHead = good, TreeHeadTrust = TrustStore.For(ReceiptLogTests.LogKey.PublicKey, KeyRole.Log) }))
        {
            log.Size.ShouldBe(3);
        }
    }

    [Fact]
    public void Recovery_RefusesAForgedTreeHeadLine()
    {
        using var folder = new TempFolder();
        var path = WriteLog(folder, 3, signHead: false);

        // The right root over the receipts, signed by a key that is not the log's.
        File.AppendAllText(path, Encoding.UTF8.GetString(LogFile.TreeHeadLine(HeadOf(path, 3, ReceiptLogOptions.DefaultOrigin, OtherLogKey))));
        var error = Should.Throw<LogCorruptException>(() => ReceiptLog.Open(path, Options()));
        error.Line.ShouldBe(4);
        error.Message.ShouldContain("signature");

        // A log with tree heads and no key to check them is refused with what to set.
        File.WriteAllLines(path, File.ReadAllLines(path).Take(3));
        using (var log = ReceiptLog.Open(path, Options()))
        {
            log.SignTreeHead();
        }

        Should.Throw<LogCorruptException>(() => ReceiptLog.Open(path)).Message.ShouldContain("TreeHeadTrust");
    }
}
