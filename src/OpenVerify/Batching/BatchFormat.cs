using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpenVerify.Batching;

/// <summary>
/// The statement a batch root envelope signs (payloadType <see cref="PayloadType"/>): the batch's tree size, the RFC
/// 9162 root hash over its receipts' leaf hashes, a random batch id, the signing key's id and the signer's clock.
/// See docs/spec/batch-v1.md.
/// </summary>
/// <param name="BatchId">A random id (32 lowercase hex digits), unique per batch.</param>
/// <param name="TreeSize">The number of receipts in the batch (at least 1).</param>
/// <param name="RootHash">The Merkle root over the receipts' leaf hashes.</param>
/// <param name="KeyId">The id of the key that signs the root; a verifier checks it is the key that verified.</param>
/// <param name="Timestamp">When the root was signed, by the signer's clock (a claim, nothing more).</param>
public sealed record BatchRoot(string BatchId, long TreeSize, Sha256Digest RootHash, string KeyId, string Timestamp)
{
    /// <summary>The DSSE payload type of batch roots (never shared with receipts, model signatures or tree heads).</summary>
    public const string PayloadType = "application/vnd.openverify.batch-root.v1+json";

    internal byte[] ToPayload() => JsonSerializer.SerializeToUtf8Bytes(
        new BatchRootDto { BatchId = BatchId, TreeSize = TreeSize, RootHash = RootHash.ToHex(), KeyId = KeyId, Timestamp = Timestamp },
        OpenVerifyJsonContext.Strict.BatchRootDto);

    /// <summary>Reads a root payload strictly (unknown or repeated members, a tree size below 1 and a malformed hash are refused).</summary>
    /// <exception cref="ReceiptFormatException">The payload is not a batch root.</exception>
    public static BatchRoot ParsePayload(ReadOnlySpan<byte> payload)
    {
        var dto = StrictJson.Parse(payload, OpenVerifyJsonContext.Strict.BatchRootDto, "batch root");
        if (dto.TreeSize < 1)
        {
            throw new ReceiptFormatException($"The batch root's treeSize is {dto.TreeSize}; a batch holds at least one receipt.");
        }

        return new BatchRoot(dto.BatchId, dto.TreeSize, HashText.Parse(dto.RootHash, "the batch root's rootHash"), dto.KeyId, dto.Timestamp);
    }

    internal static string NewBatchId() => Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));

    internal static string Now() => DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
}

/// <summary>
/// What a batched receipt carries instead of a signature of its own: its leaf index, the batch's tree size, its
/// inclusion proof (RFC 9162 §2.1.3, bottom-up) and the signed root envelope. The receipt's envelope has an empty
/// <c>signatures</c> list and this under <c>batch</c>.
/// </summary>
/// <param name="Index">The receipt's leaf index in the batch.</param>
/// <param name="TreeSize">The batch's tree size (must equal the root's).</param>
/// <param name="Proof">The inclusion proof.</param>
/// <param name="Root">The batch root envelope (payloadType <see cref="BatchRoot.PayloadType"/>), signed by a
/// receipt-signer key.</param>
public sealed record BatchInclusion(long Index, long TreeSize, IReadOnlyList<Sha256Digest> Proof, DsseEnvelope Root)
{
    // The proof, or, for a receipt sealed in this process, the sealed batch tree it is computed from when first read
    // (serialization, verification, a log): a batch of n receipts then keeps one tree, not n proofs, and a receipt
    // costs no object for its proof until one is asked for. The tree is never changed after sealing, so concurrent
    // first reads are safe (a race computes the same proof twice and keeps one).
    private object _proof = Proof ?? throw new ArgumentNullException(nameof(Proof));
    private long _index = Index;
    private DsseEnvelope _root = Root ?? throw new ArgumentNullException(nameof(Root));

    /// <summary>A receipt's inclusion in a batch sealed here: the proof is computed from <paramref name="tree"/> when
    /// first read.</summary>
    internal BatchInclusion(BatchTree tree, int index, DsseEnvelope root)
        : this(index, tree.Size, [], root) => _proof = tree;

    /// <summary>The receipt's leaf index in the batch.</summary>
    public long Index
    {
        get => _index;

        // A copy with another index (`with`) keeps the proof of this one, as a copy given a proof would.
        init
        {
            if (_proof is BatchTree tree)
            {
                _proof = tree.InclusionProof(_index);
            }

            _index = value;
        }
    }

    // TreeSize and Root are declared here, between Index and Proof, only for their order: the compiler would put the
    // positional ones before the explicit Index and Proof, and ToString and reflection (a logger or a serializer that
    // lists a record's properties) follow the declaration order.

    /// <summary>The batch's tree size (must equal the root's).</summary>
    public long TreeSize { get; init; } = TreeSize;

    /// <summary>The inclusion proof.</summary>
    public IReadOnlyList<Sha256Digest> Proof
    {
        get
        {
            var proof = _proof;
            return proof is BatchTree tree ? (IReadOnlyList<Sha256Digest>)(_proof = tree.InclusionProof(_index)) : (IReadOnlyList<Sha256Digest>)proof;
        }

        init => _proof = value ?? throw new ArgumentNullException(nameof(value), "A batch inclusion needs a proof (empty for a batch of one).");
    }

    /// <summary>The batch root envelope (payloadType <see cref="BatchRoot.PayloadType"/>), signed by a receipt-signer
    /// key.</summary>
    public DsseEnvelope Root
    {
        get => _root;
        init => _root = value ?? throw new ArgumentNullException(nameof(value), "A batch inclusion needs its signed root envelope.");
    }

    /// <summary>Whether <paramref name="other"/> has the same index, tree size and root envelope, and a proof of the
    /// same hashes. The proof is compared by its hashes, not as a list object: a receipt sealed here computes its proof
    /// when it is first read, and reading it must not change what the record equals.</summary>
    public bool Equals(BatchInclusion? other)
    {
        if (ReferenceEquals(this, other))
        {
            return true;
        }

        if (other is null || _index != other._index || TreeSize != other.TreeSize || !EqualityComparer<DsseEnvelope>.Default.Equals(Root, other.Root))
        {
            return false;
        }

        // The same tree (or list) at the same index is the same proof, without computing it.
        if (ReferenceEquals(_proof, other._proof))
        {
            return true;
        }

        return Proof.SequenceEqual(other.Proof);
    }

    /// <summary>The hash code of the index, tree size and root envelope: the proof is left out, so the value does not
    /// change when a proof computed on first read is read (equal records still have equal hash codes).</summary>
    public override int GetHashCode() => HashCode.Combine(_index, TreeSize, Root);

    internal BatchInclusionDto ToDto() => new()
    {
        Index = Index,
        TreeSize = TreeSize,
        Proof = HashText.ToList(Proof),
        Root = Root.ToDto(),
    };

    internal static BatchInclusion FromDto(BatchInclusionDto dto)
    {
        if (dto.Root.Batch is not null)
        {
            throw new ReceiptFormatException("The batch root envelope is itself batched; a root must carry its own signature.");
        }

        if (dto.Root.Signatures.Count == 0)
        {
            throw new ReceiptFormatException("The batch root envelope has no signatures.");
        }

        return new BatchInclusion(dto.Index, dto.TreeSize, HashText.ParseList(dto.Proof, "batch.proof"), DsseEnvelope.FromDto(dto.Root));
    }
}

/// <summary>Strict reading of the JSON documents of batches and logs (the receipt-v1 JSON rules).</summary>
internal static class StrictJson
{
    /// <summary>Deserializes with the strict context; malformed JSON and a JSON null are a <see cref="ReceiptFormatException"/>
    /// naming <paramref name="what"/>.</summary>
    public static T Parse<T>(ReadOnlySpan<byte> utf8, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type, string what)
        where T : class
    {
        try
        {
            return JsonSerializer.Deserialize(utf8, type) ?? throw new ReceiptFormatException($"The {what} is JSON null.");
        }
        catch (JsonException e)
        {
            throw new ReceiptFormatException($"The {what} is malformed: {DsseEnvelope.DescribeJsonError(e)}", e);
        }
    }
}

/// <summary>Hashes as JSON text: exactly 64 lowercase hex digits.</summary>
internal static class HashText
{
    public static List<string> ToList(IReadOnlyList<Sha256Digest> hashes) => [.. hashes.Select(h => h.ToHex())];

    public static Sha256Digest Parse(string? text, string what)
    {
        if (text is null || text.Length != 64 || text.Any(char.IsAsciiLetterUpper) || !Sha256Digest.TryParseHex(text, out var digest))
        {
            throw new ReceiptFormatException($"{char.ToUpperInvariant(what[0])}{what[1..]} is not 64 lowercase hex digits.");
        }

        return digest;
    }

    public static Sha256Digest[] ParseList(List<string> texts, string what)
    {
        var result = new Sha256Digest[texts.Count];
        for (var i = 0; i < texts.Count; i++)
        {
            result[i] = Parse(texts[i], string.Create(CultureInfo.InvariantCulture, $"{what}[{i}]"));
        }

        return result;
    }
}

internal sealed class BatchRootDto
{
    [JsonPropertyName("batchId")]
    public required string BatchId { get; init; }

    [JsonPropertyName("treeSize")]
    public required long TreeSize { get; init; }

    [JsonPropertyName("rootHash")]
    public required string RootHash { get; init; }

    [JsonPropertyName("keyId")]
    public required string KeyId { get; init; }

    [JsonPropertyName("timestamp")]
    public required string Timestamp { get; init; }
}

internal sealed class BatchInclusionDto
{
    [JsonPropertyName("index")]
    public required long Index { get; init; }

    [JsonPropertyName("treeSize")]
    public required long TreeSize { get; init; }

    [JsonPropertyName("proof")]
    public required List<string> Proof { get; init; }

    [JsonPropertyName("root")]
    public required DsseEnvelopeDto Root { get; init; }
}
