using System.ClientModel;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using OpenAI.Chat;

namespace OpenVerify.Extensions.AI;

/// <summary>
/// Reads the receipt of a verified OpenAI SDK call (<see cref="VerifiedOpenAIChatClient"/>,
/// <see cref="VerifiedOpenAIEmbeddingClient"/>) from what it returned: the <see cref="ClientResult"/>, or its value
/// (<see cref="ChatCompletion"/>, <c>OpenAIEmbedding</c>, <c>OpenAIEmbeddingCollection</c>), or a streamed result once
/// enumerated. The SDK's types have no property bag, so the receipt is held beside the object, for as long as the object
/// lives (it does not survive serializing the object). Reading a receipt verifies nothing: check it with
/// <see cref="ChatReceiptVerifier"/>.
/// </summary>
public static class OpenAIReceiptExtensions
{
    private static readonly ConditionalWeakTable<object, ChatReceipt> Receipts = [];

    /// <summary>The receipt of the call that returned this result.</summary>
    /// <exception cref="InvalidOperationException">The result did not come from a verified OpenAI client.</exception>
    public static ChatReceipt GetReceipt(this ClientResult result) => Get(result, "This ClientResult");

    /// <summary>The receipt of the call that returned this completion.</summary>
    /// <exception cref="InvalidOperationException">The value did not come from a verified OpenAI client.</exception>
    public static ChatReceipt GetReceipt(this ChatCompletion completion) => Get(completion, "This ChatCompletion");

    /// <summary>The receipt of one embedding, or of an embedding collection (one receipt binds the whole batch).</summary>
    /// <exception cref="InvalidOperationException">The value did not come from a verified OpenAI client.</exception>
    public static ChatReceipt GetReceipt(this OpenAI.Embeddings.OpenAIEmbedding embedding) => Get(embedding, "This OpenAIEmbedding");

    /// <inheritdoc cref="GetReceipt(OpenAI.Embeddings.OpenAIEmbedding)"/>
    public static ChatReceipt GetReceipt(this OpenAI.Embeddings.OpenAIEmbeddingCollection embeddings) => Get(embeddings, "This OpenAIEmbeddingCollection");

    /// <summary>The receipt of a streamed call, once the stream has been enumerated (to its end, or stopped: then it is
    /// marked truncated); with several enumerations, the last one's.</summary>
    /// <exception cref="InvalidOperationException">The stream did not come from a verified OpenAI client, or has not been enumerated.</exception>
    public static ChatReceipt GetReceipt(this AsyncCollectionResult<StreamingChatCompletionUpdate> updates) =>
        TryGetReceipt(updates, out var receipt) ? receipt : throw NotYet(updates is VerifiedAsyncStreamingUpdates);

    /// <inheritdoc cref="GetReceipt(AsyncCollectionResult{StreamingChatCompletionUpdate})"/>
    public static ChatReceipt GetReceipt(this CollectionResult<StreamingChatCompletionUpdate> updates) =>
        TryGetReceipt(updates, out var receipt) ? receipt : throw NotYet(updates is VerifiedStreamingUpdates);

    /// <summary>Gets the receipt of the call that returned this result, when it came from a verified OpenAI client.</summary>
    public static bool TryGetReceipt(this ClientResult result, [NotNullWhen(true)] out ChatReceipt? receipt) => TryGet(result, out receipt);

    /// <summary>Gets the receipt of the call that returned this completion, when it came from a verified OpenAI client.</summary>
    public static bool TryGetReceipt(this ChatCompletion completion, [NotNullWhen(true)] out ChatReceipt? receipt) => TryGet(completion, out receipt);

    /// <summary>Gets the receipt of the call that returned this embedding, when it came from a verified OpenAI client.</summary>
    public static bool TryGetReceipt(this OpenAI.Embeddings.OpenAIEmbedding embedding, [NotNullWhen(true)] out ChatReceipt? receipt) => TryGet(embedding, out receipt);

    /// <summary>Gets the receipt of the call that returned this embedding collection (one receipt binds the whole batch),
    /// when it came from a verified OpenAI client.</summary>
    public static bool TryGetReceipt(this OpenAI.Embeddings.OpenAIEmbeddingCollection embeddings, [NotNullWhen(true)] out ChatReceipt? receipt) => TryGet(embeddings, out receipt);

    /// <summary>Gets the receipt of a streamed call once it has been enumerated.</summary>
    public static bool TryGetReceipt(this AsyncCollectionResult<StreamingChatCompletionUpdate> updates, [NotNullWhen(true)] out ChatReceipt? receipt)
    {
        ArgumentNullException.ThrowIfNull(updates);
        receipt = (updates as VerifiedAsyncStreamingUpdates)?.Call.Receipt;
        return receipt is not null;
    }

    /// <inheritdoc cref="TryGetReceipt(AsyncCollectionResult{StreamingChatCompletionUpdate}, out ChatReceipt?)"/>
    public static bool TryGetReceipt(this CollectionResult<StreamingChatCompletionUpdate> updates, [NotNullWhen(true)] out ChatReceipt? receipt)
    {
        ArgumentNullException.ThrowIfNull(updates);
        receipt = (updates as VerifiedStreamingUpdates)?.Call.Receipt;
        return receipt is not null;
    }

    internal static void Attach(object value, ChatReceipt receipt) => Receipts.AddOrUpdate(value, receipt);

    internal static bool TryGetAttached(object value, [NotNullWhen(true)] out ChatReceipt? receipt) => TryGet(value, out receipt);

    private static bool TryGet(object value, [NotNullWhen(true)] out ChatReceipt? receipt)
    {
        ArgumentNullException.ThrowIfNull(value);
        return Receipts.TryGetValue(value, out receipt);
    }

    private static ChatReceipt Get(object value, string what) =>
        TryGet(value, out var receipt)
            ? receipt
            : throw new InvalidOperationException($"{what} carries no OpenVerify receipt: it did not come from a verified OpenAI client (chatClient.AsVerified() / embeddingClient.AsVerified()).");

    private static InvalidOperationException NotYet(bool verified) => new(verified
        ? "This stream has no receipt yet: the receipt is signed when the enumeration ends; enumerate it first."
        : "This stream carries no OpenVerify receipt: it did not come from a verified OpenAI client (chatClient.AsVerified()).");
}
