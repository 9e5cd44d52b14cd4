using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using OpenAI.Responses;

namespace OpenVerify.Extensions.AI;

/// <summary>
/// Microsoft.Extensions.AI.OpenAI's Responses <see cref="IChatClient"/>, with streaming that works on the OpenAI SDK this
/// package ships with. Microsoft.Extensions.AI.OpenAI 10.11 is built against OpenAI 2.14, whose
/// <c>CreateResponseStreamingAsync</c> returned an <c>AsyncCollectionResult</c>; 2.15 returns a
/// <c>Task&lt;AsyncStreamingResult&gt;</c>, so its streaming call fails with <see cref="MissingMethodException"/>
/// (a test pins this: remove the bridge once a release of Microsoft.Extensions.AI.OpenAI fixes it). Non-streaming calls
/// go to Microsoft.Extensions.AI.OpenAI unchanged; a streamed one is built from the same conversions it uses
/// (<c>AsOpenAIResponseItems</c>, <c>AsOpenAIResponseTool</c>, <c>AsOpenAIResponseTextFormat</c>), sent through the
/// SDK, and read back with its <c>AsChatResponseUpdatesAsync</c>, so both send the same request.
/// </summary>
/// <remarks>It is not a <see cref="DelegatingChatClient"/>: it is the provider's client the attesting step wraps directly.
/// It is only given the options <see cref="OpenAIResponseOptionsMapping"/> produces, and refuses any other.</remarks>
internal sealed class ResponsesStreamingBridge(ResponsesClient client) : IChatClient
{
    private readonly IChatClient _inner = client.AsIChatClient();

    public Task<ChatResponse> GetResponseAsync(IEnumerable<Microsoft.Extensions.AI.ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        _inner.GetResponseAsync(messages, options, cancellationToken);

    public object? GetService(Type serviceType, object? serviceKey = null) => _inner.GetService(serviceType, serviceKey);

    public void Dispose() => _inner.Dispose();

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<Microsoft.Extensions.AI.ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var request = Request(messages, options);
        await using var updates = await client.CreateResponseStreamingAsync(request, cancellationToken).ConfigureAwait(false);
        await foreach (var update in updates.AsChatResponseUpdatesAsync(request, cancellationToken).ConfigureAwait(false))
        {
            yield return update;
        }
    }

    /// <summary>What Microsoft.Extensions.AI.OpenAI's <c>AsCreateResponseOptions</c> builds from the members the mapping sets.</summary>
    private static CreateResponseOptions Request(IEnumerable<Microsoft.Extensions.AI.ChatMessage> messages, ChatOptions? options)
    {
        if (options is { ConversationId: not null } or { RawRepresentationFactory: not null } or { Reasoning: not null } or { AllowBackgroundResponses: not null }
            or { AdditionalProperties.Count: > 0 } or { StopSequences.Count: > 0 } or { Seed: not null } or { TopK: not null } or { FrequencyPenalty: not null } or { PresencePenalty: not null })
        {
            throw new NotSupportedException("The streaming bridge of the verified OpenAI responses client only carries the options its mapping produces.");
        }

        var request = new CreateResponseOptions
        {
            Model = options?.ModelId,
            Instructions = options?.Instructions,
            Temperature = options?.Temperature,
            TopP = options?.TopP,
            MaxOutputTokenCount = options?.MaxOutputTokens,
            StreamingEnabled = true,
        };
        if (options?.Tools is { Count: > 0 } tools)
        {
            foreach (var tool in tools)
            {
                request.Tools.Add(tool.AsOpenAIResponseTool() ?? throw new NotSupportedException($"The tool '{tool.Name}' has no Responses form."));
            }

            request.ParallelToolCallsEnabled = options.AllowMultipleToolCalls;
            request.ToolChoice = options.ToolMode switch
            {
                null => null,
                NoneChatToolMode => ResponseToolChoice.CreateNoneChoice(),
                AutoChatToolMode => ResponseToolChoice.CreateAutoChoice(),
                RequiredChatToolMode { RequiredFunctionName: { } name } => ResponseToolChoice.CreateFunctionChoice(name),
                RequiredChatToolMode => ResponseToolChoice.CreateRequiredChoice(),
                _ => throw new NotSupportedException($"The tool mode {options.ToolMode} has no Responses form."),
            };
        }

        if (options?.ResponseFormat?.AsOpenAIResponseTextFormat(options) is { } format)
        {
            request.TextOptions = new ResponseTextOptions { TextFormat = format };
        }

        foreach (var item in messages.AsOpenAIResponseItems(options))
        {
            request.InputItems.Add(item);
        }

        return request;
    }
}
