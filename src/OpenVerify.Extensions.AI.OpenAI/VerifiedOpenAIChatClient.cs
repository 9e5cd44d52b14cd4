using System.ClientModel;
using System.ClientModel.Primitives;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using OpenAI.Chat;
using SdkChatMessage = OpenAI.Chat.ChatMessage;

namespace OpenVerify.Extensions.AI;

/// <summary>
/// An OpenAI SDK <see cref="ChatClient"/> whose every call is attested. Its methods have the SDK's names, parameters and
/// result types, so code written against <see cref="ChatClient"/> (<c>completion.Content[0].Text</c>,
/// <c>update.ContentUpdate</c>) keeps compiling and means the same; each call runs through a
/// <see cref="VerifiedChatClient"/> over the SDK client's <c>AsIChatClient()</c>, so the receipt is an ordinary chat
/// receipt binding the Microsoft.Extensions.AI view of the request and response
/// (<see cref="OpenAIReceiptExtensions.GetReceipt(ClientResult)"/>). Build it with
/// <see cref="OpenVerifyOpenAIClientExtensions.AsVerified(ChatClient, ISigner?)"/>.
/// </summary>
/// <remarks>
/// What is sent is what Microsoft.Extensions.AI.OpenAI builds from the carried options: <see cref="ChatCompletionOptions"/>
/// members with no <see cref="ChatOptions"/> counterpart are refused with <see cref="NotSupportedException"/>, never
/// dropped. The returned <see cref="ChatCompletion"/> and updates are the SDK's own objects; the
/// <see cref="ClientResult.GetRawResponse"/> is a reconstruction (status 200, no headers, the value's JSON).
/// </remarks>
public sealed class VerifiedOpenAIChatClient
{
    internal VerifiedOpenAIChatClient(ChatClient innerClient, VerifiedChatClient verified)
    {
        InnerClient = innerClient;
        Verified = verified;
    }

    /// <summary>The SDK client the requests go to.</summary>
    public ChatClient InnerClient { get; }

    /// <summary>The verified Microsoft.Extensions.AI pipeline the calls run through.</summary>
    public VerifiedChatClient Verified { get; }

    /// <summary>Generates a completion, as <see cref="ChatClient.CompleteChat(IEnumerable{SdkChatMessage}, ChatCompletionOptions, CancellationToken)"/>;
    /// the result carries the receipt.</summary>
    /// <exception cref="NotSupportedException">An option that cannot be carried through the verified path.</exception>
    public ClientResult<ChatCompletion> CompleteChat(IEnumerable<SdkChatMessage> messages, ChatCompletionOptions? options = null, CancellationToken cancellationToken = default) =>
        CompleteChatAsync(messages, options, cancellationToken).GetAwaiter().GetResult();

    /// <summary>Generates a completion for the messages; see <see cref="CompleteChat(IEnumerable{SdkChatMessage}, ChatCompletionOptions?, CancellationToken)"/>.</summary>
    public ClientResult<ChatCompletion> CompleteChat(params SdkChatMessage[] messages) => CompleteChat((IEnumerable<SdkChatMessage>)messages);

    /// <summary>Generates a completion, as <see cref="ChatClient.CompleteChatAsync(IEnumerable{SdkChatMessage}, ChatCompletionOptions, CancellationToken)"/>;
    /// the result carries the receipt.</summary>
    /// <exception cref="NotSupportedException">An option that cannot be carried through the verified path.</exception>
    public async Task<ClientResult<ChatCompletion>> CompleteChatAsync(IEnumerable<SdkChatMessage> messages, ChatCompletionOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var chatOptions = OpenAIChatOptionsMapping.ToChatOptions(options);
        var response = await Verified.GetResponseAsync(OpenAIPatches.Refuse(messages).AsChatMessages(), chatOptions, cancellationToken).ConfigureAwait(false);
        var receipt = response.GetReceipt();
        var completion = response.AsOpenAIChatCompletion();
        var result = ClientResult.FromValue(completion, ReconstructedResponse.Of(completion));
        OpenAIReceiptExtensions.Attach(result, receipt);
        OpenAIReceiptExtensions.Attach(completion, receipt);
        return result;
    }

    /// <summary>Generates a completion for the messages; see <see cref="CompleteChatAsync(IEnumerable{SdkChatMessage}, ChatCompletionOptions?, CancellationToken)"/>.</summary>
    public Task<ClientResult<ChatCompletion>> CompleteChatAsync(params SdkChatMessage[] messages) => CompleteChatAsync((IEnumerable<SdkChatMessage>)messages);

    /// <summary>Streams a completion, as <see cref="ChatClient.CompleteChatStreaming(IEnumerable{SdkChatMessage}, ChatCompletionOptions, CancellationToken)"/>.
    /// Once enumerated to its end (or stopped), the result carries the receipt
    /// (<see cref="OpenAIReceiptExtensions.GetReceipt(CollectionResult{StreamingChatCompletionUpdate})"/>), a stopped stream's marked truncated.</summary>
    /// <exception cref="NotSupportedException">An option that cannot be carried through the verified path.</exception>
    public CollectionResult<StreamingChatCompletionUpdate> CompleteChatStreaming(IEnumerable<SdkChatMessage> messages, ChatCompletionOptions? options = null, CancellationToken cancellationToken = default) =>
        new VerifiedStreamingUpdates(Stream(messages, options, cancellationToken));

    /// <summary>Streams a completion for the messages; see <see cref="CompleteChatStreaming(IEnumerable{SdkChatMessage}, ChatCompletionOptions?, CancellationToken)"/>.</summary>
    public CollectionResult<StreamingChatCompletionUpdate> CompleteChatStreaming(params SdkChatMessage[] messages) => CompleteChatStreaming((IEnumerable<SdkChatMessage>)messages);

    /// <summary>Streams a completion, as <see cref="ChatClient.CompleteChatStreamingAsync(IEnumerable{SdkChatMessage}, ChatCompletionOptions, CancellationToken)"/>.
    /// Once enumerated to its end (or stopped), the result carries the receipt
    /// (<see cref="OpenAIReceiptExtensions.GetReceipt(AsyncCollectionResult{StreamingChatCompletionUpdate})"/>), a stopped stream's marked truncated.</summary>
    /// <exception cref="NotSupportedException">An option that cannot be carried through the verified path.</exception>
    public AsyncCollectionResult<StreamingChatCompletionUpdate> CompleteChatStreamingAsync(IEnumerable<SdkChatMessage> messages, ChatCompletionOptions? options = null, CancellationToken cancellationToken = default) =>
        new VerifiedAsyncStreamingUpdates(Stream(messages, options, cancellationToken));

    /// <summary>Streams a completion for the messages; see <see cref="CompleteChatStreamingAsync(IEnumerable{SdkChatMessage}, ChatCompletionOptions?, CancellationToken)"/>.</summary>
    public AsyncCollectionResult<StreamingChatCompletionUpdate> CompleteChatStreamingAsync(params SdkChatMessage[] messages) => CompleteChatStreamingAsync((IEnumerable<SdkChatMessage>)messages);

    /// <summary>The options are checked when the call is made, as the SDK checks its own, not at the first enumeration.</summary>
    private StreamingCall Stream(IEnumerable<SdkChatMessage> messages, ChatCompletionOptions? options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var chatOptions = OpenAIChatOptionsMapping.ToChatOptions(options);
        var chatMessages = OpenAIPatches.Refuse(messages).AsChatMessages().ToList();
        return new StreamingCall(() => Verified.GetStreamingResponseAsync(chatMessages, chatOptions, cancellationToken), cancellationToken);
    }
}

/// <summary>One streamed call: each enumeration sends the request again (as the SDK's collection results do), and the
/// receipt is the last enumeration's.</summary>
internal sealed class StreamingCall(Func<VerifiedStreamingResponse> start, CancellationToken cancellationToken)
{
    private VerifiedStreamingResponse? _last;

    public ChatReceipt? Receipt => _last?.Receipt;

    public async IAsyncEnumerable<StreamingChatCompletionUpdate> Updates([EnumeratorCancellation] CancellationToken enumeratorCancellation = default)
    {
        var response = start();
        _last = response;
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, enumeratorCancellation);
        await foreach (var update in response.AsOpenAIStreamingChatCompletionUpdatesAsync(linked.Token).ConfigureAwait(false))
        {
            yield return update;
        }
    }
}

/// <summary>The verified stream as the SDK's asynchronous collection result: one page, the whole stream.</summary>
internal sealed class VerifiedAsyncStreamingUpdates(StreamingCall call) : AsyncCollectionResult<StreamingChatCompletionUpdate>
{
    public StreamingCall Call => call;

    public override async IAsyncEnumerable<ClientResult> GetRawPagesAsync()
    {
        await Task.CompletedTask.ConfigureAwait(false);
        yield return ClientResult.FromResponse(ReconstructedResponse.Empty());
    }

    public override ContinuationToken? GetContinuationToken(ClientResult page) => null;

    protected override IAsyncEnumerable<StreamingChatCompletionUpdate> GetValuesFromPageAsync(ClientResult page) => call.Updates();
}

/// <summary>The verified stream as the SDK's synchronous collection result: the asynchronous stream, waited on.</summary>
internal sealed class VerifiedStreamingUpdates(StreamingCall call) : CollectionResult<StreamingChatCompletionUpdate>
{
    public StreamingCall Call => call;

    public override IEnumerable<ClientResult> GetRawPages()
    {
        yield return ClientResult.FromResponse(ReconstructedResponse.Empty());
    }

    public override ContinuationToken? GetContinuationToken(ClientResult page) => null;

    protected override IEnumerable<StreamingChatCompletionUpdate> GetValuesFromPage(ClientResult page)
    {
        var updates = call.Updates().GetAsyncEnumerator();
        try
        {
            while (updates.MoveNextAsync().AsTask().GetAwaiter().GetResult())
            {
                yield return updates.Current;
            }
        }
        finally
        {
            updates.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }
}
