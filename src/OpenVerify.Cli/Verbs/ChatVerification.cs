using System.Text.Json;
using OpenVerify.Extensions.AI;

namespace OpenVerify.Cli.Verbs;

/// <summary>Chat and embeddings receipts (docs/spec/chat-v1.md) in <c>verify</c> and <c>verify-chain</c>: checked by
/// <see cref="ChatReceiptVerifier"/>, reported like inference receipts.</summary>
internal static class ChatVerification
{
    /// <summary>Whether the text is an envelope of the chat payload type (read without trusting it: it only picks the
    /// verifier, which checks the signature first).</summary>
    public static bool IsChatReceipt(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("payloadType", out var type)
                && type.ValueKind == JsonValueKind.String && type.GetString() == ChatReceipt.PayloadType;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    public static byte[] ReadTranscript(string path)
    {
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliUsageException($"Cannot read the transcript '{path}': {e.Message}", e);
        }
    }

    public static VerifyVerb.ReceiptResult VerifyOne(ChatReceiptVerifier verifier, int? line, string text, byte[]? transcript)
    {
        DsseEnvelope envelope;
        try
        {
            envelope = DsseEnvelope.Parse(text);
        }
        catch (ReceiptFormatException e)
        {
            return new VerifyVerb.ReceiptResult(line, null, new VerificationResult([new VerificationCheck(VerificationChecks.Envelope, false, e.Message)], [], null, null, null));
        }

        var result = verifier.Verify(envelope, transcript);
        return new VerifyVerb.ReceiptResult(line, result.Id, AsResult(result));
    }

    public static VerificationResult AsResult(ChatVerificationResult result) => new(result.Checks, result.NotChecked, null, result.SignerKeyId, null);
}
