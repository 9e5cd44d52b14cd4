using System.Diagnostics;

namespace OpenVerify.Extensions.AI;

/// <summary>
/// Adds a receipt's <c>openverify.*</c> attributes to the span Microsoft.Extensions.AI's <c>OpenTelemetryChatClient</c>
/// or <c>OpenTelemetryEmbeddingGenerator</c> already made for the call (<c>UseOpenTelemetry()</c> outside
/// <c>UseOpenVerify()</c>), instead of a second span for the same call (docs/telemetry.md).
/// </summary>
internal static class ReceiptSpanTags
{
    /// <summary>Tags the current activity when it is a GenAI span of <paramref name="operation"/> (<c>chat</c> or
    /// <c>embeddings</c>, as the GenAI conventions name the operation); any other span is left alone.</summary>
    public static void Annotate(string operation, ChatReceipt receipt)
    {
        var activity = Activity.Current;
        if (activity is not { IsAllDataRequested: true } || activity.GetTagItem("gen_ai.operation.name") as string != operation)
        {
            return;
        }

        activity.SetTag("openverify.receipt.id", receipt.Id.ToString());
        activity.SetTag("openverify.receipt.truncated", receipt.IsTruncated);
        if (receipt.Claims.Chain is { } chain)
        {
            activity.SetTag("openverify.chain.conversation", chain.Conversation);
            activity.SetTag("openverify.chain.turn", chain.Turn);
        }
    }
}
