using System.Text.Json;
using System.Text.Json.Nodes;
using OpenVerify.Batching;

namespace OpenVerify;

/// <summary>
/// A receipt as a Sigstore bundle (v0.3, <c>application/vnd.dev.sigstore.bundle.v0.3+json</c>): the receipt's DSSE
/// envelope with a public-key hint (the signer's key id), no certificate and no transparency-log entry, so Sigstore's
/// verifiers (<c>@sigstore/verify</c>, <c>cosign verify-blob-attestation --key</c>) check it with a key-based trust root
/// (docs/spec/receipt-bundle.md). A batched receipt has no signature of its own: its bundle holds the signed batch
/// root, what a bundle can hold; the receipt's statement and inclusion proof stay in the receipt file.
/// </summary>
public static class ReceiptBundle
{
    /// <summary>The bundle media type written and read.</summary>
    public const string MediaType = "application/vnd.dev.sigstore.bundle.v0.3+json";

    /// <summary>Writes a receipt (or, for a batched receipt, its signed batch root) as a bundle.</summary>
    public static string Create(Receipt receipt)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        var envelope = receipt.Envelope.Batch?.Root ?? receipt.Envelope;
        var signature = envelope.Signatures[0];
        var json = new JsonObject
        {
            ["mediaType"] = MediaType,
            ["verificationMaterial"] = new JsonObject
            {
                ["publicKey"] = new JsonObject { ["hint"] = signature.KeyId },
                ["tlogEntries"] = new JsonArray(),
            },
            ["dsseEnvelope"] = new JsonObject
            {
                ["payload"] = Convert.ToBase64String(envelope.Payload),
                ["payloadType"] = envelope.PayloadType,
                ["signatures"] = new JsonArray([.. envelope.Signatures.Select(s => (JsonNode)new JsonObject
                {
                    ["sig"] = Convert.ToBase64String(s.Signature),
                    ["keyid"] = s.KeyId,
                })]),
            },
        };
        return json.ToJsonString() + "\n";
    }

    /// <summary>Whether a JSON text is a Sigstore bundle: a top-level <c>mediaType</c> of a Sigstore bundle.</summary>
    public static bool IsBundle(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("mediaType", out var type)
                && type.ValueKind == JsonValueKind.String
                && type.GetString()!.StartsWith("application/vnd.dev.sigstore.bundle", StringComparison.Ordinal);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>Reads a bundle and returns the receipt in it; nothing is verified yet. A key-based v0.1–v0.3 bundle with
    /// a DSSE envelope; transparency-log entries and timestamps are not read (a receipt's trust comes from the
    /// verifier's keys, never from the bundle), and certificates (keyless signing) are refused.</summary>
    /// <exception cref="ReceiptFormatException">The text is not such a bundle, or its envelope is not a receipt envelope.</exception>
    public static Receipt Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { AllowDuplicateProperties = false });
        }
        catch (JsonException e)
        {
            throw new ReceiptFormatException("The bundle is not JSON: " + DsseEnvelope.DescribeJsonError(e), e);
        }

        if (root is not JsonObject bundle || bundle["mediaType"] is not JsonValue mediaType || mediaType.GetValueKind() != JsonValueKind.String
            || !mediaType.GetValue<string>().StartsWith("application/vnd.dev.sigstore.bundle", StringComparison.Ordinal))
        {
            throw new ReceiptFormatException("The JSON is not a Sigstore bundle (no mediaType 'application/vnd.dev.sigstore.bundle…').");
        }

        foreach (var (name, _) in bundle)
        {
            if (name is not ("mediaType" or "verificationMaterial" or "dsseEnvelope"))
            {
                throw new ReceiptFormatException(name == "messageSignature"
                    ? "The bundle holds a message signature, not a DSSE envelope; a receipt is a DSSE envelope."
                    : $"The bundle has the member '{name}', which a Sigstore bundle does not have.");
            }
        }

        if (bundle["verificationMaterial"] is JsonObject material && (material["certificate"] is not null || material["x509CertificateChain"] is not null))
        {
            throw new ReceiptFormatException("The bundle carries a certificate (Sigstore keyless signing); OpenVerify verifies receipts against the keys it trusts, so only public-key bundles are read.");
        }

        if (bundle["dsseEnvelope"] is not JsonObject envelope)
        {
            throw new ReceiptFormatException("The bundle has no dsseEnvelope.");
        }

        // Sigstore tools write an empty keyid for key-based signatures: an empty one is as good as none.
        foreach (var signature in envelope["signatures"] as JsonArray ?? [])
        {
            if (signature is JsonObject s && s["keyid"] is JsonValue id && id.GetValueKind() == JsonValueKind.String && id.GetValue<string>().Length == 0)
            {
                s.Remove("keyid");
            }
        }

        return Receipt.Parse(envelope.ToJsonString());
    }

    /// <summary>Whether a bundle's envelope is a batch root (the bundle of a batched receipt), which is not a receipt.</summary>
    internal static bool IsBatchRoot(Receipt receipt) => receipt.Envelope.PayloadType == BatchRoot.PayloadType;
}
