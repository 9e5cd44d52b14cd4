using System.Collections.Concurrent;
using System.ComponentModel;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;

namespace OpenVerify.Extensions.AI.Tests;

[Collection(ChatCollection.Name)]
public sealed class ToolChainTests(ChatFixture fixture)
{
    [Description("Gets the weather of a city.")]
    private static string GetWeather(string city) => $"sunny in {city}";

    private (VerifiedChatClient Client, List<ChatReceipt> Receipts) ToolClient()
    {
        var receipts = new List<ChatReceipt>();
        var client = fixture.ProviderChatClient().AsBuilder()
            .UseFunctionInvocation()
            .UseOpenVerify(fixture.Key, c => c.ReceiptSigned = r => { lock (receipts) { receipts.Add(r); } })
            .BuildVerified();
        return (client, receipts);
    }

    private static ChatOptions Tools() => new() { Tools = [AIFunctionFactory.Create(GetWeather)] };

    [Fact]
    public async Task ToolLoop_EveryRoundTripGetsAReceipt_AndTheConversationIsOneChain()
    {
        var (client, receipts) = ToolClient();
        using var owned = client;
        List<ChatMessage> history = [new(ChatRole.User, "What's the weather like?")];

        var response = await client.GetResponseAsync(history, Tools());
        response.Text.ShouldBe("The weather is \"sunny in Paris\"");
        receipts.Count.ShouldBe(2);
        response.GetReceipt().Id.ShouldBe(receipts[1].Id);

        // Turn 1 asked for the tool; turn 2 carried the call and its result.
        var first = JsonNode.Parse(receipts[0].TranscriptJson!)!;
        first["response"]!["finishReason"]!.GetValue<string>().ShouldBe("tool_calls");
        var call = first["response"]!["messages"]![0]!["contents"]![0]!;
        call["type"]!.GetValue<string>().ShouldBe("function-call");
        call["name"]!.GetValue<string>().ShouldBe("GetWeather");
        call["arguments"]!["city"]!.GetValue<string>().ShouldBe("Paris");
        first["request"]!["options"]!["tools"]![0]!["schema"]!["properties"]!["city"].ShouldNotBeNull();
        var second = JsonNode.Parse(receipts[1].TranscriptJson!)!;
        var result = second["request"]!["messages"]![2]!["contents"]![0]!;
        result["type"]!.GetValue<string>().ShouldBe("function-result");
        result["result"]!.GetValue<string>().ShouldBe("sunny in Paris");

        // The user's next turn continues the same chain.
        history.AddMessages(response);
        history.Add(new(ChatRole.User, "Thanks!"));
        await client.GetResponseAsync(history, Tools());
        receipts.Count.ShouldBe(3);

        var chain = fixture.Verifier.VerifyChain(receipts);
        chain.Succeeded.ShouldBeTrue(chain.FirstFailure?.ToString());
        receipts.Select(r => r.Claims.Chain!.Turn).ShouldBe([1L, 2, 3]);
        receipts[1].Claims.Chain!.Previous.ShouldBe(receipts[0].Id.ToString());
        receipts[2].Claims.Chain!.Previous.ShouldBe(receipts[1].Id.ToString());
    }

    [Fact]
    public async Task StreamingToolLoop_ChainsTooAndTheStreamHoldsEveryReceipt()
    {
        var (client, receipts) = ToolClient();
        using var owned = client;
        List<ChatMessage> history = [new(ChatRole.User, "Streaming weather report?")];
        var stream = client.GetStreamingResponseAsync(history, Tools());
        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in stream)
        {
            updates.Add(update);
        }

        updates.ToChatResponse().Text.ShouldContain("The weather is \"sunny in Paris\"");
        stream.Receipts.Select(r => r.Id).ShouldBe(receipts.Select(r => r.Id));
        stream.Receipts.Count.ShouldBe(2);
        updates.Count(u => u.TryGetReceipt(out _)).ShouldBe(2);

        history.AddMessages(updates);
        history.Add(new(ChatRole.User, "And tomorrow?"));
        await foreach (var update in client.GetStreamingResponseAsync(history, Tools()))
        {
        }

        receipts.Count.ShouldBe(3);
        fixture.Verifier.VerifyChain(receipts).Succeeded.ShouldBeTrue();
    }

    [Fact]
    public async Task Chain_RefusesDroppedReorderedAndInsertedTurns()
    {
        var (client, signed) = ToolClient();
        using var owned = client;
        var receipts = signed;
        List<ChatMessage> history = [new(ChatRole.User, "weather for the chain test")];
        history.AddMessages(await client.GetResponseAsync(history, Tools()));
        history.Add(new(ChatRole.User, "once more"));
        await client.GetResponseAsync(history, Tools());
        receipts.Count.ShouldBe(3);
        var chainOf3 = receipts.ToList();
        var other = (await client.GetResponseAsync("an unrelated conversation")).GetReceipt();
        receipts = chainOf3;

        var whole = fixture.Verifier.VerifyChain(receipts);
        whole.Succeeded.ShouldBeTrue(whole.FirstFailure?.ToString());
        Refused([receipts[0], receipts[2]], "dropped");
        Refused([receipts[1], receipts[2]], "dropped");
        Refused([receipts[0], receipts[2], receipts[1]], "out of order");
        Refused([receipts[0], receipts[1], other, receipts[2]], "inserted");
        Refused([receipts[1], receipts[0]], "dropped");

        void Refused(List<ChatReceipt> chain, string word)
        {
            var result = fixture.Verifier.VerifyChain(chain);
            result.Succeeded.ShouldBeFalse();
            result.FirstFailure!.Name.ShouldBe(ChatVerificationChecks.Chain);
            result.FirstFailure.Detail.ShouldContain(word);
        }
    }

    [Fact]
    public async Task ManyConversationsInParallel_EachKeepsAnIntactChain()
    {
        var (client, receipts) = ToolClient();
        using var owned = client;
        const int Conversations = 12;
        await Parallel.ForAsync(0, Conversations, async (n, cancellationToken) =>
        {
            List<ChatMessage> history = [new(ChatRole.User, $"conversation {n}: what is the weather?")];
            history.AddMessages(await client.GetResponseAsync(history, Tools(), cancellationToken));
            history.Add(new(ChatRole.User, $"conversation {n}: thanks"));
            await client.GetResponseAsync(history, Tools(), cancellationToken);
        });

        receipts.Count.ShouldBe(Conversations * 3);
        var byConversation = receipts.GroupBy(r => r.Claims.Chain!.Conversation).ToList();
        byConversation.Count.ShouldBe(Conversations);
        foreach (var conversation in byConversation)
        {
            var ordered = conversation.OrderBy(r => r.Claims.Chain!.Turn).ToList();
            ordered.Count.ShouldBe(3);
            var result = fixture.Verifier.VerifyChain(ordered);
            result.Succeeded.ShouldBeTrue(result.FirstFailure?.ToString());
        }
    }

    [Fact]
    public async Task CacheHit_ReturnsTheOriginalReceipt_WithoutANewSignature()
    {
        var cache = new Microsoft.Extensions.Caching.Distributed.MemoryDistributedCache(
            Microsoft.Extensions.Options.Options.Create(new Microsoft.Extensions.Caching.Memory.MemoryDistributedCacheOptions()));
        var signed = new ConcurrentBag<ChatReceipt>();
        using var client = fixture.ProviderChatClient().AsBuilder()
            .UseDistributedCache(cache)
            .UseOpenVerify(fixture.Key, c => c.ReceiptSigned = signed.Add)
            .BuildVerified();
        var before = fixture.Server.ChatRequests;

        var first = await client.GetResponseAsync("cache me");
        var second = await client.GetResponseAsync("cache me");

        fixture.Server.ChatRequests.ShouldBe(before + 1);
        signed.Count.ShouldBe(1);
        var original = first.GetReceipt();
        var cached = second.GetReceipt();
        cached.Id.ShouldBe(original.Id);
        cached.ToJson().ShouldBe(original.ToJson());
        cached.TranscriptJson.ShouldBe(original.TranscriptJson);
        fixture.Verifier.Verify(cached).Succeeded.ShouldBeTrue();

        // Streaming through the cache: the stored stream ends with the same receipt.
        var streamed = new List<ChatResponseUpdate>();
        await foreach (var update in client.GetStreamingResponseAsync("cache my stream"))
        {
            streamed.Add(update);
        }

        var replayed = new List<ChatResponseUpdate>();
        await foreach (var update in client.GetStreamingResponseAsync("cache my stream"))
        {
            replayed.Add(update);
        }

        replayed.GetReceipt().Id.ShouldBe(streamed.GetReceipt().Id);
        signed.Count.ShouldBe(2);
    }
}
