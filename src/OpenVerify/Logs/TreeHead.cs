using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using OpenVerify.Batching;

namespace OpenVerify.Logs;

/// <summary>
/// A receipt log's tree head: its origin (the log's name), its size in receipts, the RFC 9162 root over the receipts'
/// leaf hashes, the id of the log key that signs it, and the signer's clock. Signed as a DSSE envelope with payloadType
/// <see cref="PayloadType"/> by a key with the <c>log</c> role.
/// </summary>
/// <param name="Origin">The log's name, so heads of different logs are never compared.</param>
/// <param name="TreeSize">The number of receipts the head covers.</param>
/// <param name="RootHash">The Merkle root over their leaf hashes (the empty tree's root for size 0).</param>
/// <param name="KeyId">The id of the signing log key.</param>
/// <param name="Timestamp">When it was signed, by the signer's clock.</param>
public sealed record TreeHead(string Origin, long TreeSize, Sha256Digest RootHash, string KeyId, string Timestamp)
{
    /// <summary>The DSSE payload type of tree heads.</summary>
    public const string PayloadType = "application/vnd.openverify.tree-head.v1+json";

    internal byte[] ToPayload() => JsonSerializer.SerializeToUtf8Bytes(
        new TreeHeadDto { Origin = Origin, TreeSize = TreeSize, RootHash = RootHash.ToHex(), KeyId = KeyId, Timestamp = Timestamp },
        OpenVerifyJsonContext.Strict.TreeHeadDto);

    /// <summary>Reads a tree head payload strictly.</summary>
    /// <exception cref="ReceiptFormatException">The payload is not a tree head.</exception>
    public static TreeHead ParsePayload(ReadOnlySpan<byte> payload)
    {
        var dto = StrictJson.Parse(payload, OpenVerifyJsonContext.Strict.TreeHeadDto, "tree head");
        if (dto.TreeSize < 0)
        {
            throw new ReceiptFormatException("The tree head has a negative treeSize.");
        }

        return new TreeHead(dto.Origin, dto.TreeSize, HashText.Parse(dto.RootHash, "the tree head's rootHash"), dto.KeyId, dto.Timestamp);
    }
}

/// <summary>
/// A signed tree head: the envelope and, once its signature has verified, what it says. Its JSON (<see cref="ToJson"/>,
/// the DSSE envelope) is the <b>checkpoint</b> others keep: append-only holds only where someone outside remembers old
/// heads and asks for a consistency proof (<see cref="ReceiptLog.ProveConsistency"/>, checked with
/// <see cref="VerifyConsistency"/>) between the head they kept and a newer one.
/// <para>
/// Verify before parse: reading a checkpoint or a log line checks only the envelope's form and payload type; the
/// payload is parsed only after <see cref="Verify"/> has found a trusted <c>log</c> key whose signature holds, so no
/// unauthenticated byte reaches the tree head parser.
/// </para>
/// </summary>
public sealed class SignedTreeHead
{
    private TreeHead? _head;

    internal SignedTreeHead(DsseEnvelope envelope, TreeHead? head)
    {
        Envelope = envelope;
        _head = head;
    }

    /// <summary>The envelope.</summary>
    public DsseEnvelope Envelope { get; }

    /// <summary>What the envelope says: available once <see cref="Verify"/> has passed (or for a head signed here).</summary>
    /// <exception cref="InvalidOperationException">The signature has not been verified yet.</exception>
    public TreeHead Head => _head ?? throw new InvalidOperationException(
        "The tree head's payload is read only after its signature verifies: call Verify(trust) first, and use Head only when it passed.");

    /// <summary>Whether the signature has verified (or the head was signed here), so <see cref="Head"/> can be read.</summary>
    public bool IsVerified => _head is not null;

    /// <summary>The checkpoint: the envelope as one line of JSON.</summary>
    public string ToJson() => Envelope.ToJson();

    /// <summary>Signs a tree head with a log key.</summary>
    public static SignedTreeHead Sign(TreeHead head, ISigner logSigner)
    {
        ArgumentNullException.ThrowIfNull(head);
        return new SignedTreeHead(DsseEnvelope.Sign(TreeHead.PayloadType, head.ToPayload(), logSigner), head);
    }

    /// <summary>Reads a checkpoint (a tree head envelope). Nothing is verified and the payload is not parsed yet.</summary>
    /// <exception cref="ReceiptFormatException">The text is not a tree head envelope.</exception>
    public static SignedTreeHead Parse(string json) => FromEnvelope(DsseEnvelope.Parse(json));

    internal static SignedTreeHead FromEnvelope(DsseEnvelope envelope)
    {
        if (envelope.PayloadType != TreeHead.PayloadType)
        {
            throw new ReceiptFormatException($"The envelope's payloadType is '{envelope.PayloadType}', expected '{TreeHead.PayloadType}'.");
        }

        if (envelope.Batch is not null)
        {
            throw new ReceiptFormatException("A tree head carries its own signature, never a batch inclusion.");
        }

        return new SignedTreeHead(envelope, null);
    }

    /// <summary>Checks the signature: a trusted, non-revoked key with the <c>log</c> role; then (and only then) parses
    /// the payload, whose <c>keyId</c> must be that key's id. Returns the <c>tree-head</c> check, passed or failed with
    /// the reason; when it passed, <see cref="Head"/> can be read.</summary>
    public VerificationCheck Verify(TrustStore trust)
    {
        ArgumentNullException.ThrowIfNull(trust);
        var signer = ReceiptVerifier.FindSigner(trust, Envelope, KeyRole.Log, "tree heads", out var failure);
        if (signer is null)
        {
            return failure! with { Name = VerificationChecks.TreeHead, Detail = "Tree head: " + failure.Detail };
        }

        TreeHead head;
        try
        {
            head = TreeHead.ParsePayload(Envelope.Payload);
        }
        catch (ReceiptFormatException e)
        {
            return new VerificationCheck(VerificationChecks.TreeHead, false, "The signed payload is not a tree head: " + e.Message);
        }

        if (signer.Key.KeyId != head.KeyId)
        {
            return new VerificationCheck(VerificationChecks.TreeHead, false, "The tree head names another key than the one whose signature verified.", signer.Key.KeyId, head.KeyId);
        }

        _head ??= head;
        return new VerificationCheck(VerificationChecks.TreeHead, true, string.Create(CultureInfo.InvariantCulture, $"tree head of size {head.TreeSize} signed by trusted log key {signer.Key.KeyId}"));
    }

    /// <summary>Whether a consistency proof shows that <paramref name="newer"/> extends <paramref name="older"/>
    /// (same origin, RFC 9162 §2.1.4.2). Both heads must have verified (<see cref="Verify"/>).</summary>
    /// <exception cref="InvalidOperationException">A head has not been verified.</exception>
    public static bool VerifyConsistency(SignedTreeHead older, SignedTreeHead newer, IReadOnlyList<Sha256Digest> proof)
    {
        ArgumentNullException.ThrowIfNull(older);
        ArgumentNullException.ThrowIfNull(newer);
        return older.Head.Origin == newer.Head.Origin
            && Merkle.VerifyConsistency(older.Head.TreeSize, newer.Head.TreeSize, older.Head.RootHash, newer.Head.RootHash, proof);
    }
}

internal sealed class TreeHeadDto
{
    [JsonPropertyName("origin")]
    public required string Origin { get; init; }

    [JsonPropertyName("treeSize")]
    public required long TreeSize { get; init; }

    [JsonPropertyName("rootHash")]
    public required string RootHash { get; init; }

    [JsonPropertyName("keyId")]
    public required string KeyId { get; init; }

    [JsonPropertyName("timestamp")]
    public required string Timestamp { get; init; }
}

internal sealed class LogLineDto
{
    public const string ReceiptType = "receipt";
    public const string TreeHeadType = "tree-head";

    [JsonPropertyName("type")]
    public required string Type { get; init; }

    [JsonPropertyName("index")]
    public long? Index { get; init; }

    [JsonPropertyName("receipt")]
    public DsseEnvelopeDto? Receipt { get; init; }

    [JsonPropertyName("treeHead")]
    public DsseEnvelopeDto? TreeHead { get; init; }
}

internal sealed class LogInclusionProofDto
{
    public const string ProofType = "openverify-log-inclusion-v1";

    [JsonPropertyName("type")]
    public required string Type { get; init; }

    [JsonPropertyName("index")]
    public required long Index { get; init; }

    [JsonPropertyName("treeSize")]
    public required long TreeSize { get; init; }

    [JsonPropertyName("proof")]
    public required List<string> Proof { get; init; }

    [JsonPropertyName("receipt")]
    public required DsseEnvelopeDto Receipt { get; init; }

    [JsonPropertyName("treeHead")]
    public required DsseEnvelopeDto TreeHead { get; init; }
}
