using System.Text;
using OpenVerify.Batching;

namespace OpenVerify.Tests.Batching;

/// <summary>ReceiptVerifier.VerifyMembership: the log-audit fast path checks the signed root and the inclusion proof
/// only, and says the statement was not checked.</summary>
public class MembershipTests
{
    private static readonly SigningKey Key = SigningKey.Generate();

    private static byte[] Payload(int i) => Encoding.UTF8.GetBytes($"{{\"n\":{i}}}");

    [Fact]
    public void AMember_Passes_WithoutTheStatementBeingRead()
    {
        // The payloads are not statements at all: membership never parses them.
        var receipts = BatchingSigner.SignBatch(Key, [.. Enumerable.Range(0, 5).Select(Payload)]);
        var verifier = new ReceiptVerifier(TrustStore.For(Key.PublicKey));
        foreach (var receipt in receipts)
        {
            var result = verifier.VerifyMembership(Receipt.Parse(receipt.ToJson()));
            result.Succeeded.ShouldBeTrue(result.ToString());
            result.Checks.Select(c => c.Name).ShouldBe([VerificationChecks.PayloadType, VerificationChecks.Signature, VerificationChecks.Inclusion]);
            result.NotChecked.ShouldBe([VerificationChecks.Statement]);
            result.Statement.ShouldBeNull();
            result.SignerKeyId.ShouldBe(Key.KeyId);
        }

        verifier.Verify(receipts[0]).Succeeded.ShouldBeFalse("a full verification still reads the statement");
    }

    [Fact]
    public void AnAlteredPayload_AnUntrustedRoot_AndASingleSignedReceipt_Fail()
    {
        var receipt = BatchingSigner.SignBatch(Key, [Payload(1), Payload(2), Payload(3)])[1];
        var verifier = new ReceiptVerifier(TrustStore.For(Key.PublicKey));
        var envelope = receipt.Envelope;
        var altered = new Receipt(new DsseEnvelope(envelope.PayloadType, Payload(9), envelope.Batch!), null);
        verifier.VerifyMembership(altered).FirstFailure!.Name.ShouldBe(VerificationChecks.Inclusion);

        using var other = SigningKey.Generate();
        new ReceiptVerifier(TrustStore.For(other.PublicKey)).VerifyMembership(receipt).FirstFailure!.Name.ShouldBe(VerificationChecks.Signature);

        var single = new Receipt(DsseEnvelope.Sign(Receipt.PayloadType, Payload(1), Key), null);
        verifier.VerifyMembership(single).FirstFailure!.Name.ShouldBe(VerificationChecks.Inclusion);

        var wrongType = new Receipt(new DsseEnvelope("application/other", envelope.Payload, envelope.Batch!), null);
        verifier.VerifyMembership(wrongType).FirstFailure!.Name.ShouldBe(VerificationChecks.PayloadType);
    }
}
