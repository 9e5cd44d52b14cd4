using System.ClientModel;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using OpenAI.Responses;

namespace OpenVerify.Extensions.AI;

/// <summary>
/// An OpenAI SDK <see cref="ResponsesClient"/> whose every response is attested. Its <c>CreateResponse</c> methods have
/// the SDK's names, parameters and result types, so code written against <see cref="ResponsesClient"/>
/// (<c>response.Value.GetOutputText()</c>, <c>await foreach (StreamingResponseUpdate update in ...)</c>) keeps compiling
/// and means the same; each call runs through a <see cref="VerifiedChatClient"/> over Microsoft.Extensions.AI.OpenAI's
/// Responses <c>IChatClient</c>, so the receipt is an ordinary chat receipt binding the Microsoft.Extensions.AI view of
/// the request and response (<see cref="OpenAIReceiptExtensions.GetReceipt(ClientResult)"/>,
/// <see cref="OpenVerifyOpenAIResponsesExtensions.GetReceipt(ResponseResult)"/>). Build it with
/// <see cref="OpenVerifyOpenAIResponsesExtensions.AsVerified(ResponsesClient, ISigner?)"/>.
/// </summary>
/// <remarks>
/// What is sent is what Microsoft.Extensions.AI.OpenAI builds from the carried options and input items:
/// <see cref="CreateResponseOptions"/> members with no <see cref="ChatOptions"/> counterpart (a previous response id or
/// a stored conversation, background mode, built-in tools, reasoning options, metadata, ...) and input items the
/// conversion would change are refused with <see cref="NotSupportedException"/> before anything is sent, never dropped.
/// Function tool and JSON schemas go out as Microsoft.Extensions.AI writes them (it closes object schemas with
/// <c>additionalProperties: false</c>), as with <see cref="VerifiedOpenAIChatClient"/>. The returned
/// <see cref="ResponseResult"/> and updates are the SDK's own objects, as the provider sent them; the
/// <see cref="ClientResult.GetRawResponse"/> and the streaming result's status and headers are a reconstruction
/// (status 200, no headers). The protocol methods (<c>BinaryContent</c> in, <c>ClientResult</c> out) and the calls that
/// read stored responses are not offered: call them on <see cref="InnerClient"/>, unverified.
/// </remarks>
public sealed class VerifiedOpenAIResponsesClient
{
    internal VerifiedOpenAIResponsesClient(ResponsesClient innerClient, VerifiedChatClient verified)
    {
        InnerClient = innerClient;
        Verified = verified;
    }

    /// <summary>The SDK client the requests go to.</summary>
    public ResponsesClient InnerClient { get; }

    /// <summary>The verified Microsoft.Extensions.AI pipeline the calls run through.</summary>
    public VerifiedChatClient Verified { get; }

    /// <summary>Creates a response, as <see cref="ResponsesClient.CreateResponse(CreateResponseOptions, CancellationToken)"/>; the result carries the receipt.</summary>
    /// <exception cref="NotSupportedException">An option or input item that cannot be carried through the verified path.</exception>
    public ClientResult<ResponseResult> CreateResponse(CreateResponseOptions options, CancellationToken cancellationToken = default) =>
        CreateResponseAsync(options, cancellationToken).GetAwaiter().GetResult();

    /// <summary>Creates a response, as <see cref="ResponsesClient.CreateResponseAsync(CreateResponseOptions, CancellationToken)"/>; the result carries the receipt.</summary>
    /// <exception cref="NotSupportedException">An option or input item that cannot be carried through the verified path.</exception>
    public async Task<ClientResult<ResponseResult>> CreateResponseAsync(CreateResponseOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.StreamingEnabled == true)
        {
            // As the SDK says it.
            throw new InvalidOperationException("StreamingEnabled must not be set to true when calling CreateResponseAsync. For streaming scenarios, call CreateResponseStreamingAsync instead.");
        }

        var (messages, chatOptions) = OpenAIResponseOptionsMapping.ToChat(options);
        var response = await Verified.GetResponseAsync(messages, chatOptions, cancellationToken).ConfigureAwait(false);
        var receipt = response.GetReceipt();
        var value = response.AsOpenAIResponseResult(chatOptions);
        var result = ClientResult.FromValue(value, ReconstructedResponse.Of(value));
        OpenAIReceiptExtensions.Attach(result, receipt);
        OpenVerifyOpenAIResponsesExtensions.Attach(value, receipt);
        return result;
    }

    /// <summary>Creates a response to the input items, as <see cref="ResponsesClient.CreateResponse(string, IEnumerable{ResponseItem}, string, CancellationToken)"/>.</summary>
    /// <exception cref="NotSupportedException">A <paramref name="previousResponseId"/>, or an input item that cannot be carried.</exception>
    public ClientResult<ResponseResult> CreateResponse(string model, IEnumerable<ResponseItem> inputItems, string? previousResponseId = null, CancellationToken cancellationToken = default) =>
        CreateResponse(Options(model, inputItems, previousResponseId, streaming: false), cancellationToken);

    /// <summary>Creates a response to the input items, as <see cref="ResponsesClient.CreateResponseAsync(string, IEnumerable{ResponseItem}, string, CancellationToken)"/>.</summary>
    /// <exception cref="NotSupportedException">A <paramref name="previousResponseId"/>, or an input item that cannot be carried.</exception>
    public Task<ClientResult<ResponseResult>> CreateResponseAsync(string model, IEnumerable<ResponseItem> inputItems, string? previousResponseId = null, CancellationToken cancellationToken = default) =>
        CreateResponseAsync(Options(model, inputItems, previousResponseId, streaming: false), cancellationToken);

    /// <summary>Creates a response to one user message, as <see cref="ResponsesClient.CreateResponse(string, string, string, CancellationToken)"/>.</summary>
    /// <exception cref="NotSupportedException">A <paramref name="previousResponseId"/>.</exception>
    public ClientResult<ResponseResult> CreateResponse(string model, string userInputText, string? previousResponseId = null, CancellationToken cancellationToken = default) =>
        CreateResponse(Options(model, userInputText, previousResponseId, streaming: false), cancellationToken);

    /// <summary>Creates a response to one user message, as <see cref="ResponsesClient.CreateResponseAsync(string, string, string, CancellationToken)"/>.</summary>
    /// <exception cref="NotSupportedException">A <paramref name="previousResponseId"/>.</exception>
    public Task<ClientResult<ResponseResult>> CreateResponseAsync(string model, string userInputText, string? previousResponseId = null, CancellationToken cancellationToken = default) =>
        CreateResponseAsync(Options(model, userInputText, previousResponseId, streaming: false), cancellationToken);

    /// <summary>
    /// Streams a response, as <see cref="ResponsesClient.CreateResponseStreamingAsync(CreateResponseOptions, CancellationToken)"/>
    /// (<see cref="CreateResponseOptions.StreamingEnabled"/> must be true, as there). The updates are the SDK's own; the
    /// request is sent when the enumeration starts (the SDK sends it before returning), so a provider error surfaces
    /// there. Once enumerated to its end (or stopped: then it is marked truncated), the result carries the receipt
    /// (<see cref="OpenVerifyOpenAIResponsesExtensions.GetReceipt(AsyncStreamingResult{StreamingResponseUpdate})"/>).
    /// </summary>
    /// <exception cref="NotSupportedException">An option or input item that cannot be carried through the verified path.</exception>
    public Task<AsyncStreamingResult<StreamingResponseUpdate>> CreateResponseStreamingAsync(CreateResponseOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.StreamingEnabled != true)
        {
            throw new InvalidOperationException("StreamingEnabled must be set to true when calling CreateResponseStreamingAsync. For non-streaming scenarios, call CreateResponseAsync instead.");
        }

        // The options are checked now, as the SDK checks its own, not at the first enumeration.
        var (messages, chatOptions) = OpenAIResponseOptionsMapping.ToChat(options);
        var call = new ResponsesStreamingCall(() => Verified.GetStreamingResponseAsync(messages, chatOptions, cancellationToken));
        var result = AsyncStreamingResult.Create(ReconstructedResponse.Empty(), (_, token) => call.Updates(token), cancellationToken);
        OpenVerifyOpenAIResponsesExtensions.Attach(result, call);
        return Task.FromResult(result);
    }

    /// <summary>Streams a response to the input items, as <see cref="ResponsesClient.CreateResponseStreamingAsync(string, IEnumerable{ResponseItem}, string, CancellationToken)"/>.</summary>
    /// <exception cref="NotSupportedException">A <paramref name="previousResponseId"/>, or an input item that cannot be carried.</exception>
    public Task<AsyncStreamingResult<StreamingResponseUpdate>> CreateResponseStreamingAsync(string model, IEnumerable<ResponseItem> inputItems, string? previousResponseId = null, CancellationToken cancellationToken = default) =>
        CreateResponseStreamingAsync(Options(model, inputItems, previousResponseId, streaming: true), cancellationToken);

    /// <summary>Streams a response to one user message, as <see cref="ResponsesClient.CreateResponseStreamingAsync(string, string, string, CancellationToken)"/>.</summary>
    /// <exception cref="NotSupportedException">A <paramref name="previousResponseId"/>.</exception>
    public Task<AsyncStreamingResult<StreamingResponseUpdate>> CreateResponseStreamingAsync(string model, string userInputText, string? previousResponseId = null, CancellationToken cancellationToken = default) =>
        CreateResponseStreamingAsync(Options(model, userInputText, previousResponseId, streaming: true), cancellationToken);

    /// <summary>The options the SDK's convenience overloads build.</summary>
    private static CreateResponseOptions Options(string model, IEnumerable<ResponseItem> inputItems, string? previousResponseId, bool streaming)
    {
        ArgumentException.ThrowIfNullOrEmpty(model);
        ArgumentNullException.ThrowIfNull(inputItems);
        var options = new CreateResponseOptions { Model = model, PreviousResponseId = previousResponseId, StreamingEnabled = streaming ? true : null };
        foreach (var item in inputItems)
        {
            options.InputItems.Add(item);
        }

        return options;
    }

    private static CreateResponseOptions Options(string model, string userInputText, string? previousResponseId, bool streaming)
    {
        ArgumentException.ThrowIfNullOrEmpty(userInputText);
        return Options(model, [ResponseItem.CreateUserMessageItem(userInputText)], previousResponseId, streaming);
    }
}

/// <summary>One streamed call: the SDK's updates as the provider sent them, and the receipt once the stream has ended.</summary>
internal sealed class ResponsesStreamingCall(Func<VerifiedStreamingResponse> start)
{
    private VerifiedStreamingResponse? _response;

    public ChatReceipt? Receipt => _response?.Receipt;

    public bool Started => _response is not null;

    public async IAsyncEnumerable<StreamingResponseUpdate> Updates([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        _response = start();
        await foreach (var update in _response.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            // Each update of Microsoft.Extensions.AI.OpenAI's stream wraps one of the SDK's; the attesting step's own
            // last update (the receipt) wraps none.
            if (update.RawRepresentation is StreamingResponseUpdate raw)
            {
                yield return raw;
            }
        }
    }
}
