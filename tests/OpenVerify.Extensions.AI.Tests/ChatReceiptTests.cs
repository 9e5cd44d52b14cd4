using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;

namespace OpenVerify.Extensions.AI.Tests;

[Collection(ChatCollection.Name)]
public sealed class ChatReceiptTests(ChatFixture fixture)
{
    private VerifiedChatClient Verified(Action<AttestingChatClient>? configure = null) =>
        fixture.ProviderChatClient().AsBuilder().UseOpenVerify(fixture.Key, configure).BuildVerified();

    [Fact]
    public async Task Plain_ResponseCarriesAReceipt_ThatBindsRequestAndResponse()
    {
        using var client = Verified();
        var options = new ChatOptions { Temperature = 0.7f, TopP = 0.9f, Seed = 9_007_199_254_740_993, MaxOutputTokens = 64, StopSequences = ["END"], Instructions = "Be brief." };

        var response = await client.GetResponseAsync("Hello there", options);

        response.Text.ShouldBe("Echo: Hello there");
        var receipt = response.GetReceipt();
        var result = fixture.Verifier.Verify(receipt, "chat");
        result.Succeeded.ShouldBeTrue(result.ToString());
        result.NotChecked.ShouldBeEmpty();
        result.Predicate!.Chain!.Turn.ShouldBe(1);
        result.Predicate.Chain.Previous.ShouldBeNull();
        receipt.IsTruncated.ShouldBeFalse();

        var transcript = JsonNode.Parse(receipt.TranscriptJson!)!;
        transcript["client"]!["provider"]!.GetValue<string>().ShouldBe("openai");
        transcript["client"]!["defaultModel"]!.GetValue<string>().ShouldBe("gpt-test");
        transcript["client"]!["endpoint"]!.GetValue<string>().ShouldStartWith(fixture.Server.Endpoint.ToString().TrimEnd('/'));
        var sent = transcript["request"]!;
        sent["messages"]![0]!["contents"]![0]!["text"]!.GetValue<string>().ShouldBe("Hello there");
        sent["options"]!["temperature"]!.GetValue<double>().ShouldBe(0.7);
        sent["options"]!["seed"]!.GetValue<string>().ShouldBe("9007199254740993");
        sent["options"]!["instructions"]!.GetValue<string>().ShouldBe("Be brief.");
        var received = transcript["response"]!;
        received["modelId"]!.GetValue<string>().ShouldBe(OpenAiCompatibleServer.AnsweringModel);
        received["id"]!.GetValue<string>().ShouldStartWith("chatcmpl-");
        received["finishReason"]!.GetValue<string>().ShouldBe("stop");
        received["usage"]!["outputTokens"]!.GetValue<long>().ShouldBe(7);
        received["createdAt"]!.GetValue<string>().ShouldEndWith("Z");
        received["messages"]![0]!["contents"]![0]!["text"]!.GetValue<string>().ShouldBe("Echo: Hello there");
    }

    [Fact]
    public async Task Streaming_LastUpdateCarriesTheReceipt_OverTheWholeAnswer()
    {
        using var client = Verified();
        var stream = client.GetStreamingResponseAsync("Stream this sentence please");
        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in stream)
        {
            updates.Add(update);
        }

        updates.ToChatResponse().Text.ShouldBe("Echo: Stream this sentence please");
        var receipt = updates.GetReceipt();
        receipt.Id.ShouldBe(stream.Receipt!.Id);
        stream.Receipts.Count.ShouldBe(1);
        receipt.IsTruncated.ShouldBeFalse();
        fixture.Verifier.Verify(receipt).Succeeded.ShouldBeTrue();
        var received = JsonNode.Parse(receipt.TranscriptJson!)!["response"]!;
        received["messages"]![0]!["contents"]![0]!["text"]!.GetValue<string>().ShouldBe("Echo: Stream this sentence please");
        received["finishReason"]!.GetValue<string>().ShouldBe("stop");
    }

    [Fact]
    public async Task StreamStoppedEarly_GetsATruncatedReceipt_OverWhatWasReceived()
    {
        using var client = Verified();
        var stream = client.GetStreamingResponseAsync("slow answer");
        var seen = 0;
        await foreach (var update in stream)
        {
            if (++seen == 4)
            {
                break;
            }
        }

        var receipt = stream.Receipt.ShouldNotBeNull();
        receipt.IsTruncated.ShouldBeTrue();
        fixture.Verifier.Verify(receipt).Succeeded.ShouldBeTrue();
        var text = JsonNode.Parse(receipt.TranscriptJson!)!["response"]!["messages"]![0]!["contents"]![0]!["text"]!.GetValue<string>();
        text.ShouldStartWith("w0 w1");
        text.ShouldNotContain("w39");
    }

    [Fact]
    public async Task CancelledStream_GetsATruncatedReceipt()
    {
        using var client = Verified();
        using var cancel = new CancellationTokenSource();
        var stream = client.GetStreamingResponseAsync("slow answer again", cancellationToken: cancel.Token);
        var seen = 0;
        await Should.ThrowAsync<OperationCanceledException>(async () =>
        {
            await foreach (var update in stream)
            {
                if (++seen == 3)
                {
                    await cancel.CancelAsync();
                }
            }
        });

        var receipt = stream.Receipt.ShouldNotBeNull();
        receipt.IsTruncated.ShouldBeTrue();
        fixture.Verifier.Verify(receipt).Succeeded.ShouldBeTrue();
    }

    [Fact]
    public async Task ReceiptSignedCallback_SeesTruncatedReceipts_ThroughThePlainInterface()
    {
        var signed = new List<ChatReceipt>();
        IChatClient client = fixture.ProviderChatClient().AsBuilder().UseOpenVerify(fixture.Key, c => c.ReceiptSigned = signed.Add).Build();
        await foreach (var update in client.GetStreamingResponseAsync("slow and interface"))
        {
            break;
        }

        signed.ShouldHaveSingleItem().IsTruncated.ShouldBeTrue();
    }

    [Fact]
    public void BuildVerified_RefusesAPipeline_WhoseAttestingStepIsNotInnermost()
    {
        Should.Throw<InvalidOperationException>(() => fixture.ProviderChatClient().AsBuilder().UseFunctionInvocation().BuildVerified())
            .Message.ShouldContain("UseOpenVerify()");
        Should.Throw<InvalidOperationException>(() => fixture.ProviderChatClient().AsBuilder().UseOpenVerify(fixture.Key).UseFunctionInvocation().BuildVerified())
            .Message.ShouldContain("FunctionInvokingChatClient");
    }
}
