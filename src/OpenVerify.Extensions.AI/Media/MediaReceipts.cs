using System.Text.Json.Nodes;
using OpenVerify.Extensions.AI.Canonical;

namespace OpenVerify.Extensions.AI;

/// <summary>Signs the transcript of one media call (speech-to-text, text-to-speech, image generation) into a
/// <see cref="ChatReceipt"/>: same payload type, predicate type and signing rules as chat, no chain.</summary>
internal static class MediaReceipts
{
    public static ChatReceipt Sign(string operation, JsonObject client, JsonObject request, JsonObject response, bool truncated, ISigner signer)
    {
        var transcript = new JsonObject
        {
            ["schema"] = ChatReceipt.TranscriptSchema,
            ["operation"] = operation,
            ["client"] = client.DeepClone(),
            ["request"] = request.DeepClone(),
            ["response"] = response,
        };
        var canonical = ReceiptFactory.Canonicalize(transcript);
        var receipt = ReceiptFactory.Sign(operation, canonical, TranscriptFields.Compute(canonical), chain: null, truncated, RuntimeSigner.ForThisReceipt(signer));
        ReceiptSpanTags.Annotate(operation, receipt);
        return receipt;
    }
}
