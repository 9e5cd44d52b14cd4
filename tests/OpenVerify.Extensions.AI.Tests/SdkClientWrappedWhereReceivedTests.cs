using System.ClientModel;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using OpenAI.Chat;
using OpenAI.Embeddings;
using MeaiChatMessage = Microsoft.Extensions.AI.ChatMessage;
using SdkChatMessage = OpenAI.Chat.ChatMessage;

namespace OpenVerify.Extensions.AI.Tests;

/// <summary>
/// What "Verify the OpenAI client where it is received (AsVerified)" leaves in an adapter shaped like
/// Microsoft.Extensions.AI.OpenAI's OpenAIChatClient / OpenAIEmbeddingGenerator (the SDK client injected through the
/// constructor, kept in a field that is handed out and passed on, so the call is wrapped where it is made; the code is
/// the fixed form that VerifiedSdkClientWrapCodeFixTests asserts) runs against the real SDK and the loopback server and
/// produces receipts that verify, with the runtime's signer and options built elsewhere.
/// </summary>
[Collection(ChatCollection.Name)]
public sealed class SdkClientWrappedWhereReceivedTests(ChatFixture fixture)
{
    [Fact]
    public async Task The_wrapped_adapter_call_returns_the_answer_with_a_receipt_that_verifies()
    {
        var adapter = new ChatAdapter(fixture.OpenAi().GetChatClient("gpt-test"));
        adapter.GetService(typeof(ChatClient)).ShouldBeOfType<ChatClient>();

        ChatResponse response;
        using (OpenVerifyRuntime.UseSigner(fixture.Key))
        {
            response = await adapter.GetResponseAsync([new MeaiChatMessage(ChatRole.User, "Hello adapter")], new ChatOptions { Temperature = 0.25f });
        }

        response.Text.ShouldBe("Echo: Hello adapter");
        var receipt = ((ChatCompletion)response.RawRepresentation!).GetReceipt();
        var result = fixture.Verifier.Verify(receipt, "chat");
        result.Succeeded.ShouldBeTrue(result.ToString());
        var sent = JsonNode.Parse(receipt.TranscriptJson!)!["request"]!;
        sent["messages"]![0]!["contents"]![0]!["text"]!.GetValue<string>().ShouldBe("Hello adapter");
        sent["options"]!["temperature"]!.GetValue<double>().ShouldBe(0.25);
    }

    [Fact]
    public async Task The_wrapped_streaming_call_gets_a_receipt_over_the_whole_answer()
    {
        var adapter = new ChatAdapter(fixture.OpenAi().GetChatClient("gpt-test"));
        var text = new StringBuilder();
        AsyncCollectionResult<StreamingChatCompletionUpdate> updates;
        using (OpenVerifyRuntime.UseSigner(fixture.Key))
        {
            updates = adapter.Stream("Stream via adapter", temperature: null);
            await foreach (var update in updates)
            {
                foreach (var part in update.ContentUpdate)
                {
                    text.Append(part.Text);
                }
            }
        }

        text.ToString().ShouldBe("Echo: Stream via adapter");
        fixture.Verifier.Verify(updates.GetReceipt(), "chat").Succeeded.ShouldBeTrue();
    }

    [Fact]
    public async Task The_wrapped_embedding_adapter_call_gets_one_receipt_for_the_batch()
    {
        var adapter = new EmbeddingAdapter(fixture.OpenAi().GetEmbeddingClient("embed-test"));
        OpenAIEmbeddingCollection embeddings;
        using (OpenVerifyRuntime.UseSigner(fixture.Key))
        {
            embeddings = await adapter.GenerateAsync(["one", "two"], dimensions: 8);
        }

        embeddings.Count.ShouldBe(2);
        embeddings[0].ToFloats().Length.ShouldBe(8);
        fixture.Verifier.Verify(embeddings.GetReceipt(), "embeddings").Succeeded.ShouldBeTrue();
    }

    [Fact]
    public async Task Options_the_wrapper_cannot_carry_are_refused_at_the_call_never_dropped()
    {
        var adapter = new ChatAdapter(fixture.OpenAi().GetChatClient("gpt-test"));
        using (OpenVerifyRuntime.UseSigner(fixture.Key))
        {
            var refused = await Should.ThrowAsync<NotSupportedException>(() => adapter.GetResponseAsync(
                [new MeaiChatMessage(ChatRole.User, "q")],
                new ChatOptions { RawRepresentationFactory = _ => new ChatCompletionOptions { EndUserId = "u1" } }));
            refused.Message.ShouldContain("'user'");
        }
    }

    /// <summary>The adapter shape after the fix: the field keeps its type (it is handed out and passed on), the call is wrapped.</summary>
    private sealed class ChatAdapter
    {
        private readonly ChatClient _chatClient;
        private readonly Func<ChatClient, IEnumerable<SdkChatMessage>, ChatCompletionOptions?, Task<ClientResult<ChatCompletion>>>? _override;

        public ChatAdapter(ChatClient chatClient, Func<ChatClient, IEnumerable<SdkChatMessage>, ChatCompletionOptions?, Task<ClientResult<ChatCompletion>>>? over = null)
        {
            _chatClient = chatClient;
            _override = over;
        }

        public object? GetService(Type serviceType) => serviceType == typeof(ChatClient) ? _chatClient : null;

        public async Task<ChatResponse> GetResponseAsync(IEnumerable<MeaiChatMessage> messages, ChatOptions? options, CancellationToken cancellationToken = default)
        {
            var openAIMessages = messages.Select(m => (SdkChatMessage)new UserChatMessage(m.Text)).ToList();
            var openAIOptions = ToOpenAIOptions(options);
            var task = _override is not null
                ? _override(_chatClient, openAIMessages, openAIOptions)
                : _chatClient.AsVerified().CompleteChatAsync(openAIMessages, openAIOptions, cancellationToken);
            var completion = (await task).Value;
            return new ChatResponse(new MeaiChatMessage(ChatRole.Assistant, completion.Content[0].Text)) { RawRepresentation = completion };
        }

        public AsyncCollectionResult<StreamingChatCompletionUpdate> Stream(string text, float? temperature) =>
            _chatClient.AsVerified().CompleteChatStreamingAsync([new UserChatMessage(text)], ToOpenAIOptions(new ChatOptions { Temperature = temperature }));

        private static ChatCompletionOptions ToOpenAIOptions(ChatOptions? options)
        {
            var result = options?.RawRepresentationFactory?.Invoke(null!) as ChatCompletionOptions ?? new ChatCompletionOptions();
            result.Temperature ??= options?.Temperature;
            return result;
        }
    }

    /// <summary>The embedding generator's shape after the fix.</summary>
    private sealed class EmbeddingAdapter(EmbeddingClient embeddingClient)
    {
        private readonly EmbeddingClient _embeddingClient = embeddingClient;

        public object? GetService(Type serviceType) => serviceType == typeof(EmbeddingClient) ? _embeddingClient : null;

        public async Task<OpenAIEmbeddingCollection> GenerateAsync(IEnumerable<string> values, int? dimensions, CancellationToken cancellationToken = default)
        {
            var openAIOptions = new OpenAI.Embeddings.EmbeddingGenerationOptions { Dimensions = dimensions };
            return (await _embeddingClient.AsVerified().GenerateEmbeddingsAsync(values, openAIOptions, cancellationToken)).Value;
        }
    }
}
