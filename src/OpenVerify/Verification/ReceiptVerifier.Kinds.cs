using System.Collections.Frozen;

namespace OpenVerify;

/// <summary>
/// Receipt kinds other than inference (docs/spec/chat-v1.md). The runtime cannot see the packages that define them, so
/// it offers the part every kind shares: the envelope's payload type and a trusted, non-revoked <c>receipt-signer</c>
/// signature (its own, or a batch inclusion under a signed root), checked before anything reads the payload. The
/// kind's own verifier parses and checks the payload after that.
/// </summary>
public sealed partial class ReceiptVerifier
{
    /// <summary>Payload types of the kinds that live in other packages, with the verifier that checks each.</summary>
    private static readonly FrozenDictionary<string, string> OtherKinds = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["application/vnd.in-toto.openverify-chat+json"] =
            "a chat or embeddings receipt (docs/spec/chat-v1.md): check it with OpenVerify.Extensions.AI's ChatReceiptVerifier, or 'openverify verify <receipt> --transcript <transcript.json>'",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>
    /// Verifies the envelope of a receipt of another kind than inference: its payload type must be
    /// <paramref name="expectedPayloadType"/>, and a trusted, non-revoked <c>receipt-signer</c> key must verify its
    /// signature over the DSSE PAE (or, for a batched envelope, its inclusion under a signed batch root). The payload is
    /// not parsed: on success, the kind's verifier reads <see cref="DsseEnvelope.Payload"/>.
    /// </summary>
    public EnvelopeVerification VerifyEnvelope(DsseEnvelope envelope, string expectedPayloadType)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        ArgumentException.ThrowIfNullOrEmpty(expectedPayloadType);
        var checks = new List<VerificationCheck>();
        if (!string.Equals(envelope.PayloadType, expectedPayloadType, StringComparison.Ordinal))
        {
            checks.Add(new(VerificationChecks.PayloadType, false, $"The envelope is not of this kind: it is {DescribePayloadType(envelope.PayloadType)}.", expectedPayloadType, envelope.PayloadType));
            return new EnvelopeVerification(checks, null);
        }

        checks.Add(new(VerificationChecks.PayloadType, true, expectedPayloadType));
        var signer = VerifySignature(envelope, checks);
        return new EnvelopeVerification(checks, signer);
    }

    /// <summary>What a payload type is, for a refusal: the receipt kind and the verifier that checks it, or "not an OpenVerify receipt".</summary>
    public static string DescribePayloadType(string payloadType) =>
        payloadType == Receipt.PayloadType ? "an ONNX inference receipt (docs/spec/receipt-v1.md): check it with ReceiptVerifier.Verify"
        : OtherKinds.TryGetValue(payloadType, out var kind) ? kind
        : "not an OpenVerify receipt";

    /// <summary>The detail of the failed payload-type check of <see cref="Verify(Receipt, ReceiptVerificationOptions?)"/>.</summary>
    private static string NotAnInferenceReceipt(string payloadType) =>
        OtherKinds.TryGetValue(payloadType, out var kind) ? $"The envelope is {kind}, not an inference receipt." : "The envelope is not an OpenVerify receipt.";
}

/// <summary>The outcome of <see cref="ReceiptVerifier.VerifyEnvelope"/>: the payload-type and signature checks, and the
/// trusted key that verified.</summary>
public sealed class EnvelopeVerification
{
    internal EnvelopeVerification(IReadOnlyList<VerificationCheck> checks, TrustedKey? signer)
    {
        Checks = checks;
        Signer = signer;
    }

    /// <summary>The checks made, in order (<c>payload-type</c>, <c>signature</c>, and <c>inclusion</c> for a batched
    /// envelope).</summary>
    public IReadOnlyList<VerificationCheck> Checks { get; }

    /// <summary>The trusted receipt-signer key that verified, or null.</summary>
    public TrustedKey? Signer { get; }

    /// <summary>Whether every check passed and a trusted key verified: only then may the payload be read.</summary>
    public bool Succeeded => Signer is not null && Checks.All(c => c.Passed);
}
