using System.Diagnostics.CodeAnalysis;
using OpenAI.Moderations;

namespace OpenVerify.Extensions.AI;

/// <summary>Makes the OpenAI SDK's moderation client verified while keeping its call shapes, and reads the receipts of
/// its results.</summary>
public static class OpenVerifyOpenAIModerationExtensions
{
    /// <summary>
    /// Wraps the SDK moderation client so that every call is attested: <c>moderationClient.AsVerified().ClassifyText(...)</c>
    /// returns what <c>moderationClient.ClassifyText(...)</c> does, with a receipt of operation <c>moderation</c>
    /// (docs/spec/chat-v1.md §9).
    /// </summary>
    /// <param name="client">The SDK client (an Azure OpenAI client's moderation client too).</param>
    /// <param name="signer">The receipt-signing key; when null, the runtime's (<see cref="OpenVerifyRuntime.ResolveSigner"/>), looked up for each receipt.</param>
    public static VerifiedOpenAIModerationClient AsVerified(this ModerationClient client, ISigner? signer = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        return new VerifiedOpenAIModerationClient(client, signer);
    }

    /// <summary>The receipt of the call that returned this result (a result of a batch: the batch's one receipt).</summary>
    /// <exception cref="InvalidOperationException">The result did not come from a verified moderation client.</exception>
    public static ChatReceipt GetReceipt(this ModerationResult result) =>
        TryGetReceipt(result, out var receipt) ? receipt : throw NoReceipt("This ModerationResult");

    /// <summary>The receipt of the call that returned these results (one receipt binds the whole batch).</summary>
    /// <exception cref="InvalidOperationException">The results did not come from a verified moderation client.</exception>
    public static ChatReceipt GetReceipt(this ModerationResultCollection results) =>
        TryGetReceipt(results, out var receipt) ? receipt : throw NoReceipt("This ModerationResultCollection");

    /// <summary>Gets the receipt of the call that returned this result, when it came from a verified moderation client.</summary>
    public static bool TryGetReceipt(this ModerationResult result, [NotNullWhen(true)] out ChatReceipt? receipt) =>
        OpenAIReceiptExtensions.TryGetAttached(result, out receipt);

    /// <summary>Gets the receipt of the call that returned these results, when they came from a verified moderation client.</summary>
    public static bool TryGetReceipt(this ModerationResultCollection results, [NotNullWhen(true)] out ChatReceipt? receipt) =>
        OpenAIReceiptExtensions.TryGetAttached(results, out receipt);

    private static InvalidOperationException NoReceipt(string what) =>
        new($"{what} carries no OpenVerify receipt: it did not come from a verified moderation client (moderationClient.AsVerified()).");
}
