using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using OpenAI.Chat;
using ChatMessage = Microsoft.Extensions.AI.ChatMessage;

namespace OpenVerify.Extensions.AI.Tests;

/// <summary>
/// What the self-call fixes leave, run through the real OpenAI SDK against the loopback OpenAI-wire server: a leaf
/// client whose stream calls its own <c>GetResponseAsync</c> through <c>this.AsVerified()</c> signs one receipt per model
/// call and does not run its own method again, and a middleware over <c>inner.AsVerified()</c> signs the request it
/// sends (its rewrite included), once.
/// </summary>
[Collection(ChatCollection.Name)]
public sealed class SelfCallTests(ChatFixture fixture)
{
    /// <summary>A leaf: the model call happens here, on the OpenAI SDK; the stream is the answer in one piece, through the fix's <c>this.AsVerified()</c>.</summary>
    private sealed class SdkLeafChatClient(ChatClient chat) : IChatClient
    {
        public int Calls;

        public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref Calls);
            var completion = (await chat.CompleteChatAsync(messages.Select(m => (OpenAI.Chat.ChatMessage)new UserChatMessage(m.Text)), cancellationToken: cancellationToken)).Value;
            return new ChatResponse(new ChatMessage(ChatRole.Assistant, completion.Content[0].Text)) { ModelId = completion.Model, ResponseId = completion.Id };
        }

        public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            foreach (var update in (await this.AsVerified().GetResponseAsync(messages, options, cancellationToken)).ToChatResponseUpdates())
            {
                yield return update;
            }
        }

        public object? GetService(Type serviceType, object? serviceKey = null) => serviceKey is null && serviceType.IsInstanceOfType(this) ? this : null;

        public void Dispose()
        {
        }
    }

    /// <summary>The eshopsupport middleware as the inner-client fix leaves it: a trailing schema prompt becomes a user message.</summary>
    private sealed class PreventStreamingWithFunctions(IChatClient innerClient) : DelegatingChatClient(innerClient.AsVerified())
    {
        public override Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> chatMessages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            ChatMessage[] messages = [.. chatMessages];
            if (messages.Length > 1 && messages[^1] is { } last && last.Role == ChatRole.System && last.Text.Contains("$schema", StringComparison.Ordinal))
            {
                last.Role = ChatRole.User;
            }

            return base.GetResponseAsync(messages, options, cancellationToken);
        }

        public override IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> chatMessages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            options?.Tools is null or [] ? base.GetStreamingResponseAsync(chatMessages, options, cancellationToken) : NonStreaming(chatMessages, options, cancellationToken);

        private async IAsyncEnumerable<ChatResponseUpdate> NonStreaming(IEnumerable<ChatMessage> chatMessages, ChatOptions options, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            foreach (var update in (await GetResponseAsync(chatMessages, options, cancellationToken)).ToChatResponseUpdates())
            {
                yield return update;
            }
        }
    }

    [Fact]
    public async Task A_leaf_streaming_through_its_own_verified_call_signs_one_receipt_and_calls_the_model_once()
    {
        var signer = new CountingSigner(fixture.Key);
        using (OpenVerifyRuntime.UseSigner(signer))
        {
            var leaf = new SdkLeafChatClient(fixture.OpenAi().GetChatClient("gpt-test"));
            var requests = fixture.Server.ChatRequests;
            var updates = new List<ChatResponseUpdate>();
            await foreach (var update in leaf.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "from the stream")]))
            {
                updates.Add(update);
            }

            // The wrapper's attesting step called the leaf's GetResponseAsync, which went to the model: not the stream again.
            leaf.Calls.ShouldBe(1);
            (fixture.Server.ChatRequests - requests).ShouldBe(1);
            signer.Signatures.ShouldBe(1);
            updates.ToChatResponse().Text.ShouldBe("Echo: from the stream");
            var receipt = updates.GetReceipt();
            fixture.Verifier.Verify(receipt).Succeeded.ShouldBeTrue();
            var transcript = JsonNode.Parse(receipt.TranscriptJson!)!;
            transcript["request"]!["messages"]![0]!["contents"]![0]!["text"]!.GetValue<string>().ShouldBe("from the stream");
            transcript["response"]!["messages"]![0]!["contents"]![0]!["text"]!.GetValue<string>().ShouldBe("Echo: from the stream");

            // Through a verified pipeline of its own, the leaf's answer is signed once too.
            var answer = await leaf.AsVerified().GetResponseAsync("through the pipeline");
            fixture.Verifier.Verify(answer.GetReceipt()).Succeeded.ShouldBeTrue();
            leaf.Calls.ShouldBe(2);
            signer.Signatures.ShouldBe(2);
        }
    }

    [Fact]
    public async Task A_middleware_over_a_verified_inner_client_signs_the_rewritten_request_once_per_model_call()
    {
        var signer = new CountingSigner(fixture.Key);
        using (OpenVerifyRuntime.UseSigner(signer))
        {
            using var middleware = new PreventStreamingWithFunctions(fixture.ProviderChatClient());
            var requests = fixture.Server.ChatRequests;
            var options = new ChatOptions { Tools = [AIFunctionFactory.Create(() => "noon", "clock")] };
            List<ChatMessage> messages =
            [
                new(ChatRole.User, "what time is it"),
                new(ChatRole.System, "reply as JSON matching {\"$schema\":\"x\"}"),
            ];
            var updates = new List<ChatResponseUpdate>();
            await foreach (var update in middleware.GetStreamingResponseAsync(messages, options))
            {
                updates.Add(update);
            }

            (fixture.Server.ChatRequests - requests).ShouldBe(1);
            signer.Signatures.ShouldBe(1);

            // The server answered the rewritten request (its last user message is the former system prompt), and the receipt binds that request.
            updates.ToChatResponse().Text.ShouldBe("Echo: reply as JSON matching {\"$schema\":\"x\"}");
            var receipt = updates.GetReceipt();
            fixture.Verifier.Verify(receipt).Succeeded.ShouldBeTrue();
            var sent = JsonNode.Parse(receipt.TranscriptJson!)!["request"]!["messages"]!.AsArray();
            sent.Count.ShouldBe(2);
            sent[1]!["role"]!.GetValue<string>().ShouldBe("user");

            // Without tools the stream goes straight down the verified inner client: one more receipt for one more call.
            var streamed = new List<ChatResponseUpdate>();
            await foreach (var update in middleware.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "plain stream")]))
            {
                streamed.Add(update);
            }

            fixture.Verifier.Verify(streamed.GetReceipt()).Succeeded.ShouldBeTrue();
            (fixture.Server.ChatRequests - requests).ShouldBe(2);
            signer.Signatures.ShouldBe(2);
        }
    }
}
