using System.ClientModel;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using OpenAI;
using OpenAI.Chat;
using OpenAI.Embeddings;

namespace OpenVerify.Extensions.AI.Tests;

/// <summary>
/// The verified wrappers of the OpenAI SDK's own clients (package OpenVerify.Extensions.AI.OpenAI): the real SDK against
/// the loopback server, results of the SDK's own types, receipts that verify and bind what was sent and received.
/// </summary>
[Collection(ChatCollection.Name)]
public sealed class OpenAISdkVerifiedTests(ChatFixture fixture)
{
    private VerifiedOpenAIChatClient Chat() => fixture.OpenAi().GetChatClient("gpt-test").AsVerified(fixture.Key);

    [Fact]
    public async Task CompleteChatAsync_ReturnsTheSdkCompletion_WithAReceiptBindingRequestAndAnswer()
    {
        var client = Chat();
        var options = new ChatCompletionOptions { Temperature = 0.5f, MaxOutputTokenCount = 32, StopSequences = { "END" } };

        ClientResult<ChatCompletion> completion = await client.CompleteChatAsync([new SystemChatMessage("Be brief."), new UserChatMessage("Hello SDK")], options);

        completion.Value.Content[0].Text.ShouldBe("Echo: Hello SDK");
        ChatCompletion value = completion;
        value.FinishReason.ShouldBe(ChatFinishReason.Stop);
        value.Model.ShouldBe(OpenAiCompatibleServer.AnsweringModel);
        value.Usage.OutputTokenCount.ShouldBe(7);
        completion.GetRawResponse().Status.ShouldBe(200);

        var receipt = completion.GetReceipt();
        value.GetReceipt().Id.ShouldBe(receipt.Id);
        var result = fixture.Verifier.Verify(receipt, "chat");
        result.Succeeded.ShouldBeTrue(result.ToString());
        var transcript = JsonNode.Parse(receipt.TranscriptJson!)!;
        transcript["client"]!["defaultModel"]!.GetValue<string>().ShouldBe("gpt-test");
        var sent = transcript["request"]!;
        sent["messages"]![0]!["role"]!.GetValue<string>().ShouldBe("system");
        sent["messages"]![1]!["contents"]![0]!["text"]!.GetValue<string>().ShouldBe("Hello SDK");
        sent["options"]!["temperature"]!.GetValue<double>().ShouldBe(0.5);
        sent["options"]!["maxOutputTokens"]!.GetValue<int>().ShouldBe(32);
        sent["options"]!["stopSequences"]![0]!.GetValue<string>().ShouldBe("END");
        var received = transcript["response"]!;
        received["id"]!.GetValue<string>().ShouldBe(value.Id);
        received["messages"]![0]!["contents"]![0]!["text"]!.GetValue<string>().ShouldBe(value.Content[0].Text);

        // The receipt binds the answer the caller read: another answer does not verify against it.
        var tampered = transcript.DeepClone();
        tampered["response"]!["messages"]![0]!["contents"]![0]!["text"] = "Echo: something else";
        fixture.Verifier.Verify(receipt.ToJson(), tampered.ToJsonString()).Succeeded.ShouldBeFalse();
    }

    [Fact]
    public void CompleteChat_Synchronous_ParamsForm_CarriesToolsAndToolChoice()
    {
        var client = Chat();
        var tool = ChatTool.CreateFunctionTool("get_weather", "The weather in a city.", BinaryData.FromString("""{"type":"object","properties":{"city":{"type":"string"}}}"""));
        var options = new ChatCompletionOptions { Tools = { tool }, ToolChoice = ChatToolChoice.CreateAutoChoice() };

        var completion = client.CompleteChat([new UserChatMessage("What is the weather?")], options);

        completion.Value.FinishReason.ShouldBe(ChatFinishReason.ToolCalls);
        completion.Value.ToolCalls[0].FunctionName.ShouldBe("get_weather");
        completion.Value.ToolCalls[0].FunctionArguments.ToString().ShouldBe("""{"city":"Paris"}""");
        var receipt = completion.GetReceipt();
        fixture.Verifier.Verify(receipt, "chat").Succeeded.ShouldBeTrue();
        var sent = JsonNode.Parse(receipt.TranscriptJson!)!["request"]!["options"]!;
        sent["tools"]![0]!["name"]!.GetValue<string>().ShouldBe("get_weather");
        sent["toolMode"]!.GetValue<string>().ShouldBe("auto");

        client.CompleteChat(new UserChatMessage("params form")).Value.Content[0].Text.ShouldBe("Echo: params form");
    }

    [Fact]
    public async Task CompleteChatStreamingAsync_StreamsSdkUpdates_AndTheReceiptCoversTheWholeAnswer()
    {
        var updates = Chat().CompleteChatStreamingAsync(new UserChatMessage("Stream this sentence please"));
        Should.Throw<InvalidOperationException>(() => updates.GetReceipt()).Message.ShouldContain("enumerate it first");

        var text = new StringBuilder();
        await foreach (StreamingChatCompletionUpdate update in updates)
        {
            foreach (var part in update.ContentUpdate)
            {
                text.Append(part.Text);
            }
        }

        text.ToString().ShouldBe("Echo: Stream this sentence please");
        var receipt = updates.GetReceipt();
        receipt.IsTruncated.ShouldBeFalse();
        fixture.Verifier.Verify(receipt, "chat").Succeeded.ShouldBeTrue();
        JsonNode.Parse(receipt.TranscriptJson!)!["response"]!["messages"]![0]!["contents"]![0]!["text"]!.GetValue<string>().ShouldBe(text.ToString());
    }

    [Fact]
    public void CompleteChatStreaming_Synchronous_StoppedEarly_GetsATruncatedReceipt()
    {
        var updates = Chat().CompleteChatStreaming([new UserChatMessage("slow please")]);
        var seen = 0;
        foreach (var update in updates)
        {
            if (update.ContentUpdate.Count > 0 && ++seen == 3)
            {
                break;
            }
        }

        var receipt = updates.GetReceipt();
        receipt.IsTruncated.ShouldBeTrue();
        fixture.Verifier.Verify(receipt, "chat").Succeeded.ShouldBeTrue();
    }

    [Fact]
    public async Task Embeddings_KeepTheSdkTypes_AndOneReceiptBindsTheBatch()
    {
        var client = fixture.OpenAi().GetEmbeddingClient("embed-test").AsVerified(fixture.Key);
        var options = new OpenAI.Embeddings.EmbeddingGenerationOptions { Dimensions = 8 };

        ClientResult<OpenAIEmbedding> single = await client.GenerateEmbeddingAsync("the cat", options);
        single.Value.ToFloats().ToArray().ShouldBe(OpenAiCompatibleServer.Vector("the cat", 8));
        var singleResult = fixture.Verifier.Verify(single.GetReceipt(), "embeddings");
        singleResult.Succeeded.ShouldBeTrue(singleResult.ToString());

        string[] inputs = ["the dog", "a bird"];
        ClientResult<OpenAIEmbeddingCollection> batch = client.GenerateEmbeddings(inputs, options);
        batch.Value.Count.ShouldBe(2);
        var receipt = batch.GetReceipt();
        batch.Value.GetReceipt().Id.ShouldBe(receipt.Id);
        batch.Value[1].GetReceipt().Id.ShouldBe(receipt.Id);
        fixture.Verifier.Verify(receipt, "embeddings").Succeeded.ShouldBeTrue();
        var transcript = JsonNode.Parse(receipt.TranscriptJson!)!;
        for (var i = 0; i < inputs.Length; i++)
        {
            batch.Value[i].Index.ShouldBe(i);
            var vector = batch.Value[i].ToFloats().ToArray();
            vector.ShouldBe(OpenAiCompatibleServer.Vector(inputs[i], 8));
            transcript["request"]!["inputs"]![i]!["text"]!.GetValue<string>().ShouldBe(inputs[i]);
            transcript["response"]!["embeddings"]![i]!["sha256"]!.GetValue<string>()
                .ShouldBe(Convert.ToHexStringLower(SHA256.HashData(MemoryMarshal.AsBytes(vector.AsSpan()))));
        }
    }

    [Fact]
    public async Task OptionsThatCannotBeCarried_AreRefusedBeforeAnythingIsSent()
    {
        var chat = Chat();
        var before = fixture.Server.ChatRequests;

        var logprobs = await Should.ThrowAsync<NotSupportedException>(() => chat.CompleteChatAsync([new UserChatMessage("x")], new ChatCompletionOptions { IncludeLogProbabilities = true }));
        logprobs.Message.ShouldContain("'logprobs'");
        Should.Throw<NotSupportedException>(() => chat.CompleteChatStreamingAsync([new UserChatMessage("x")], new ChatCompletionOptions { EndUserId = "u1" })).Message.ShouldContain("'user'");
        var strict = ChatTool.CreateFunctionTool("f", "d", BinaryData.FromString("""{"type":"object","properties":{}}"""), functionSchemaIsStrict: true);
        Should.Throw<NotSupportedException>(() => chat.CompleteChat([new UserChatMessage("x")], new ChatCompletionOptions { Tools = { strict } })).Message.ShouldContain("strict");
        fixture.Server.ChatRequests.ShouldBe(before);

        var embeddings = fixture.OpenAi().GetEmbeddingClient("embed-test").AsVerified(fixture.Key);
        Should.Throw<NotSupportedException>(() => embeddings.GenerateEmbedding("x", new OpenAI.Embeddings.EmbeddingGenerationOptions { EndUserId = "u1" })).Message.ShouldContain("EndUserId");
    }

    [Fact]
    public void TheLegacyMaxTokensName_IsRefused_NotSentAsMaxCompletionTokens()
    {
        // Azure.AI.OpenAI's SetNewMaxCompletionTokensPropertyEnabled(false) puts the limit on the wire as max_tokens, as
        // this does; Microsoft.Extensions.AI would send max_completion_tokens (or, here, no limit at all).
        var options = new ChatCompletionOptions();
#pragma warning disable SCME0001 // JsonPatch is experimental
        options.Patch.Set("$.max_tokens"u8, 16);
#pragma warning restore SCME0001
        var before = fixture.Server.ChatRequests;

        var error = Should.Throw<NotSupportedException>(() => Chat().CompleteChat([new UserChatMessage("x")], options));
        error.Message.ShouldContain("'max_tokens'");
        error.Message.ShouldContain("SetNewMaxCompletionTokensPropertyEnabled");
        fixture.Server.ChatRequests.ShouldBe(before);
    }

    [Fact]
    public async Task EachResult_HasItsOwnRawResponse()
    {
        var client = fixture.OpenAi().GetEmbeddingClient("embed-test").AsVerified(fixture.Key);
        var first = await client.GenerateEmbeddingAsync("one");
        var second = await client.GenerateEmbeddingsAsync(["two"]);

        first.GetRawResponse().ContentStream = new MemoryStream("replaced"u8.ToArray());

        first.GetRawResponse().Content.ToString().ShouldBe("replaced");
        second.GetRawResponse().Content.ToArray().ShouldBeEmpty();
        (await client.GenerateEmbeddingAsync("three")).GetRawResponse().Content.ToArray().ShouldBeEmpty();
    }

    [Fact]
    public async Task TryGetReceipt_OnAnEmbeddingAndACollection()
    {
        var client = fixture.OpenAi().GetEmbeddingClient("embed-test").AsVerified(fixture.Key);
        var single = await client.GenerateEmbeddingAsync("one");
        var batch = await client.GenerateEmbeddingsAsync(["two", "three"]);

        single.Value.TryGetReceipt(out var singleReceipt).ShouldBeTrue();
        singleReceipt.Id.ShouldBe(single.GetReceipt().Id);
        batch.Value.TryGetReceipt(out var batchReceipt).ShouldBeTrue();
        batchReceipt.Id.ShouldBe(batch.GetReceipt().Id);

        // Values the SDK built itself carry none.
        var foreign = OpenAIEmbeddingsModelFactory.OpenAIEmbedding(0, new float[] { 1f });
        foreign.TryGetReceipt(out var none).ShouldBeFalse();
        none.ShouldBeNull();
        OpenAIEmbeddingsModelFactory.OpenAIEmbeddingCollection([foreign]).TryGetReceipt(out _).ShouldBeFalse();
    }

    [Fact]
    public async Task ProviderErrors_ReachTheCaller_AsTheSdksException_AndForeignResultsHaveNoReceipt()
    {
        var wrongPath = new OpenAIClient(new ApiKeyCredential("test-key"), new OpenAIClientOptions { Endpoint = new Uri(fixture.Server.Endpoint, "/missing/"), NetworkTimeout = TimeSpan.FromSeconds(30) });
        var error = await Should.ThrowAsync<ClientResultException>(() => wrongPath.GetChatClient("gpt-test").AsVerified(fixture.Key).CompleteChatAsync(new UserChatMessage("x")));
        error.Status.ShouldBe(404);

        // A completion from the SDK's own client is not mistaken for a verified one.
        var plain = await fixture.OpenAi().GetChatClient("gpt-test").CompleteChatAsync(new UserChatMessage("unverified"));
        plain.TryGetReceipt(out _).ShouldBeFalse();
        Should.Throw<InvalidOperationException>(() => plain.Value.GetReceipt()).Message.ShouldContain("AsVerified()");
    }

    [Fact]
    public void WithoutASigner_AsVerifiedSaysWhereOneComesFrom()
    {
        // This test process sets no runtime signer (as the DI test above relies on too).
        var error = Should.Throw<InvalidOperationException>(() => fixture.OpenAi().GetChatClient("gpt-test").AsVerified());
        error.Message.ShouldContain("No receipt signer");
    }
}
