using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using OpenVerify.Batching;
using OpenVerify.Telemetry;
using OpenVerify.Formats;
using OpenVerify.ModelSigning;

namespace OpenVerify;

/// <summary>A DSSE signature: the signer's key id hint and the signature bytes.</summary>
public sealed record DsseSignature(string KeyId, byte[] Signature);

/// <summary>
/// A DSSE envelope (https://github.com/secure-systems-lab/dsse, protocol v1): a payload type, the payload bytes and
/// signatures over <see cref="Dsse.Pae"/>. The key id in a signature is a hint; trust comes from the verifier's keys.
/// </summary>
public sealed class DsseEnvelope
{
    /// <summary>Creates an envelope.</summary>
    public DsseEnvelope(string payloadType, byte[] payload, IReadOnlyList<DsseSignature> signatures)
    {
        PayloadType = payloadType ?? throw new ArgumentNullException(nameof(payloadType));
        Payload = payload ?? throw new ArgumentNullException(nameof(payload));
        _signaturesOrBatch = signatures ?? throw new ArgumentNullException(nameof(signatures));
    }

    /// <summary>Creates a batched receipt's envelope: no signatures of its own, and the batch inclusion that proves it
    /// is a leaf under a signed batch root (docs/spec/batch-v1.md).</summary>
    public DsseEnvelope(string payloadType, byte[] payload, BatchInclusion batch)
    {
        PayloadType = payloadType ?? throw new ArgumentNullException(nameof(payloadType));
        Payload = payload ?? throw new ArgumentNullException(nameof(payload));
        _signaturesOrBatch = batch ?? throw new ArgumentNullException(nameof(batch));
    }

    // The signatures, or the batch inclusion of a batched envelope (which has no signatures of its own): one field,
    // since an envelope carries one or the other, and a batched receipt's envelope is kept per inference.
    private readonly object _signaturesOrBatch;

    /// <summary>The payload type.</summary>
    public string PayloadType { get; }

    /// <summary>The payload bytes (not yet trusted until a signature over them verified).</summary>
    public byte[] Payload { get; }

    /// <summary>The signatures (empty for a batched receipt, whose root envelope is signed instead).</summary>
    public IReadOnlyList<DsseSignature> Signatures => _signaturesOrBatch as IReadOnlyList<DsseSignature> ?? [];

    /// <summary>For a batched receipt: its leaf index, the tree size, its inclusion proof and the signed batch root;
    /// null for an envelope with its own signatures.</summary>
    public BatchInclusion? Batch => _signaturesOrBatch as BatchInclusion;

    /// <summary>The same envelope over a copy of the payload: what a verifier checks and later reads is then one set of
    /// bytes, whatever the caller does with its array meanwhile.</summary>
    internal DsseEnvelope WithPayloadCopy() =>
        Batch is { } batch ? new DsseEnvelope(PayloadType, [.. Payload], batch) : new DsseEnvelope(PayloadType, [.. Payload], Signatures);

    /// <summary>Signs a payload and wraps it in an envelope.</summary>
    public static DsseEnvelope Sign(string payloadType, byte[] payload, ISigner signer)
    {
        ArgumentNullException.ThrowIfNull(signer);
        ArgumentNullException.ThrowIfNull(payloadType);
        ArgumentNullException.ThrowIfNull(payload);
        var length = Dsse.PaeLength(payloadType, payload.Length);
        var buffer = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            Dsse.WritePae(payloadType, payload, buffer);
            return Sign(payloadType, payload, buffer.AsSpan(0, length), signer);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Signs a payload whose PAE the caller has written (<paramref name="pae"/> is
    /// <c>Dsse.Pae(payloadType, payload)</c>) and wraps it in an envelope.</summary>
    internal static DsseEnvelope Sign(string payloadType, byte[] payload, ReadOnlySpan<byte> pae, ISigner signer)
    {
        var started = RuntimeTelemetry.SigningStarted();
        var signature = signer.Sign(pae);
        RuntimeTelemetry.Signed(payloadType, started);
        return new DsseEnvelope(payloadType, payload, [new DsseSignature(signer.KeyId, signature)]);
    }

    /// <summary>The envelope as compact JSON: <c>{"payloadType","payload","signatures":[{"keyid","sig"}]}</c>.</summary>
    public string ToJson() => JsonSerializer.Serialize(ToDto(), OpenVerifyJsonContext.Strict.DsseEnvelopeDto);

    internal DsseEnvelopeDto ToDto() => new()
    {
        PayloadType = PayloadType,
        Payload = Convert.ToBase64String(Payload),
        Signatures = Signatures.Select(s => new DsseSignatureDto { KeyId = s.KeyId, Sig = Convert.ToBase64String(s.Signature) }).ToList(),
        Batch = Batch?.ToDto(),
    };

    /// <summary>
    /// Reads an envelope from JSON. Refuses duplicate property names, unknown properties, missing fields and
    /// malformed base64 (both alphabets are accepted, decoded strictly).
    /// </summary>
    /// <exception cref="ReceiptFormatException">The JSON is not a DSSE envelope.</exception>
    public static DsseEnvelope Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (json.StartsWith('\uFEFF'))
        {
            // docs/spec/receipt-v1.md §4: the text is UTF-8 without a byte-order mark.
            throw new ReceiptFormatException("The envelope starts with a byte-order mark (U+FEFF); receipts are UTF-8 without a BOM.");
        }

        DsseEnvelopeDto? dto;
        try
        {
            dto = JsonSerializer.Deserialize(json, OpenVerifyJsonContext.Strict.DsseEnvelopeDto);
        }
        catch (JsonException e)
        {
            throw new ReceiptFormatException($"The envelope is not valid DSSE JSON: {DescribeJsonError(e)}", e);
        }

        if (dto is null)
        {
            throw new ReceiptFormatException("The envelope is JSON null; expected a DSSE envelope object.");
        }

        return FromDto(dto);
    }

    internal static DsseEnvelope FromDto(DsseEnvelopeDto dto)
    {
        if (!GateCrypto.TryDecodeBase64(dto.Payload, out var payload, out var error))
        {
            throw new ReceiptFormatException($"The envelope's 'payload' is not valid base64: {error}.");
        }

        if (dto.Signatures.Count == 0 && dto.Batch is null)
        {
            throw new ReceiptFormatException("The envelope has no signatures.");
        }

        if (dto.Batch is not null && dto.Signatures.Count > 0)
        {
            throw new ReceiptFormatException("A batched envelope carries no signatures of its own ('signatures' must be empty); its batch root is signed.");
        }

        var signatures = new List<DsseSignature>(dto.Signatures.Count);
        for (var i = 0; i < dto.Signatures.Count; i++)
        {
            var s = dto.Signatures[i] ?? throw new ReceiptFormatException($"Signature {i} of the envelope is null.");
            if (!GateCrypto.TryDecodeBase64(s.Sig, out var sig, out error))
            {
                throw new ReceiptFormatException($"Signature {i}'s 'sig' is not valid base64: {error}.");
            }

            signatures.Add(new DsseSignature(s.KeyId ?? string.Empty, sig));
        }

        return dto.Batch is null
            ? new DsseEnvelope(dto.PayloadType, payload, signatures)
            : new DsseEnvelope(dto.PayloadType, payload, BatchInclusion.FromDto(dto.Batch));
    }

    internal static string DescribeJsonError(JsonException e)
    {
        var where = e.LineNumber is { } line ? string.Create(CultureInfo.InvariantCulture, $" (line {line + 1}, byte {e.BytePositionInLine + 1})") : string.Empty;
        var path = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? string.Empty : $" at {e.Path}";
        return $"{e.Message.Split(" Path:", 2)[0].TrimEnd('.')}{path}{where}";
    }
}

/// <summary>DSSE's pre-authentication encoding.</summary>
public static class Dsse
{
    /// <summary>
    /// <c>"DSSEv1" SP LEN(type) SP type SP LEN(body) SP body</c>, lengths as ASCII decimal of the byte count, type in
    /// UTF-8.
    /// </summary>
    public static byte[] Pae(string payloadType, ReadOnlySpan<byte> payload)
    {
        ArgumentNullException.ThrowIfNull(payloadType);
        var result = new byte[PaeLength(payloadType, payload.Length)];
        WritePae(payloadType, payload, result);
        return result;
    }

    // "DSSEv1 LEN(type) type " per payload type: the few types OpenVerify signs, each encoded once.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte[]> Prefixes = new(StringComparer.Ordinal);

    private static byte[] Prefix(string payloadType) => Prefixes.TryGetValue(payloadType, out var prefix)
        ? prefix
        : Prefixes.Count < 64 ? Prefixes.GetOrAdd(payloadType, MakePrefix) : MakePrefix(payloadType);

    private static byte[] MakePrefix(string payloadType)
    {
        // The shared kernel's header for an empty body ends in " 0 "; the prefix is everything before that.
        var header = DssePae.Header(payloadType, 0);
        return header[..^2];
    }

    /// <summary>The byte length of the PAE of a payload of <paramref name="payloadLength"/> bytes.</summary>
    internal static int PaeLength(string payloadType, int payloadLength)
    {
        var digits = 1;
        for (var n = payloadLength; n >= 10; n /= 10)
        {
            digits++;
        }

        return Prefix(payloadType).Length + digits + 1 + payloadLength;
    }

    /// <summary>Writes the PAE into <paramref name="destination"/> (at least <see cref="PaeLength"/> bytes); returns
    /// the length written.</summary>
    internal static int WritePae(string payloadType, ReadOnlySpan<byte> payload, Span<byte> destination)
    {
        var prefix = Prefix(payloadType);
        prefix.CopyTo(destination);
        var at = prefix.Length;
        payload.Length.TryFormat(destination[at..], out var digits, default, CultureInfo.InvariantCulture);
        at += digits;
        destination[at++] = (byte)' ';
        payload.CopyTo(destination[at..]);
        return at + payload.Length;
    }

    /// <summary>Writes the PAE header (everything before the body) into <paramref name="destination"/> (64 bytes
    /// more than the type's UTF-8 length is enough); returns its length.</summary>
    internal static int WritePaeHeader(string payloadType, int payloadLength, Span<byte> destination)
    {
        var prefix = Prefix(payloadType);
        prefix.CopyTo(destination);
        var at = prefix.Length;
        payloadLength.TryFormat(destination[at..], out var digits, default, CultureInfo.InvariantCulture);
        at += digits;
        destination[at++] = (byte)' ';
        return at;
    }
}

internal sealed class DsseEnvelopeDto
{
    [JsonPropertyName("payloadType")]
    public required string PayloadType { get; init; }

    [JsonPropertyName("payload")]
    public required string Payload { get; init; }

    [JsonPropertyName("signatures")]
    public required List<DsseSignatureDto> Signatures { get; init; }

    /// <summary>The batch extension of a batched receipt (docs/spec/batch-v1.md); absent otherwise.</summary>
    [JsonPropertyName("batch")]
    public BatchInclusionDto? Batch { get; init; }
}

internal sealed class DsseSignatureDto
{
    [JsonPropertyName("keyid")]
    public string? KeyId { get; init; }

    [JsonPropertyName("sig")]
    public required string Sig { get; init; }
}
