#pragma warning disable OPENAI001 // The Responses API types are marked evaluation-only by the SDK; they are what is tested here.
using System.ClientModel;
using System.ClientModel.Primitives;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using OpenAI.Responses;

namespace OpenVerify.Extensions.AI.Tests;

/// <summary>
/// The verified wrapper of the OpenAI SDK's <see cref="ResponsesClient"/> (package OpenVerify.Extensions.AI.OpenAI): the
/// real SDK against the loopback server's /v1/responses, results of the SDK's own types, receipts that verify and bind
/// what was sent and received, and the request on the wire the same as the SDK's own client sends.
/// </summary>
[Collection(ChatCollection.Name)]
public sealed class OpenAIResponsesVerifiedTests(ChatFixture fixture)
{
    private const string Model = "gpt-test";

    private ResponsesClient Sdk() => fixture.OpenAi().GetResponsesClient();

    private VerifiedOpenAIResponsesClient Verified() => Sdk().AsVerified(fixture.Key);

    private static FunctionTool Weather() =>
        (FunctionTool)ResponseTool.CreateFunctionTool("get_weather", BinaryData.FromString("""{"type":"object","properties":{"city":{"type":"string"}}}"""), strictModeEnabled: null, functionDescription: "The weather in a city.");

    [Fact]
    public async Task CreateResponseAsync_ReturnsTheSdkResponse_WithAReceiptBindingRequestAndAnswer()
    {
        var options = new CreateResponseOptions(Model, [ResponseItem.CreateUserMessageItem("Hello responses")])
        {
            Instructions = "Be brief.", Temperature = 0.5f, MaxOutputTokenCount = 32,
        };

        ClientResult<ResponseResult> result = await Verified().CreateResponseAsync(options);

        ResponseResult response = result;
        response.GetOutputText().ShouldBe("Echo: Hello responses");
        response.Model.ShouldBe(OpenAiCompatibleServer.AnsweringModel);
        response.Status.ShouldBe(ResponseStatus.Completed);
        response.Usage.OutputTokenCount.ShouldBe(7);
        result.GetRawResponse().Status.ShouldBe(200);

        var receipt = result.GetReceipt();
        response.GetReceipt().Id.ShouldBe(receipt.Id);
        var verification = fixture.Verifier.Verify(receipt, "chat");
        verification.Succeeded.ShouldBeTrue(verification.ToString());
        var transcript = JsonNode.Parse(receipt.TranscriptJson!)!;
        var sent = transcript["request"]!;
        sent["messages"]![0]!["contents"]![0]!["text"]!.GetValue<string>().ShouldBe("Hello responses");
        sent["options"]!["modelId"]!.GetValue<string>().ShouldBe(Model);
        sent["options"]!["instructions"]!.GetValue<string>().ShouldBe("Be brief.");
        sent["options"]!["temperature"]!.GetValue<double>().ShouldBe(0.5);
        sent["options"]!["maxOutputTokens"]!.GetValue<int>().ShouldBe(32);
        var received = transcript["response"]!;
        received["id"]!.GetValue<string>().ShouldBe(response.Id);
        received["modelId"]!.GetValue<string>().ShouldBe(OpenAiCompatibleServer.AnsweringModel);
        received["messages"]![0]!["contents"]![0]!["text"]!.GetValue<string>().ShouldBe(response.GetOutputText());

        var tampered = transcript.DeepClone();
        tampered["response"]!["messages"]![0]!["contents"]![0]!["text"] = "Echo: something else";
        fixture.Verifier.Verify(receipt.ToJson(), tampered.ToJsonString()).Succeeded.ShouldBeFalse();
    }

    [Fact]
    public async Task TheRequestOnTheWire_IsTheOneTheSdksOwnClientSends_StreamedOrNot()
    {
        CreateResponseOptions Options(string text, bool stream) => new(Model, [ResponseItem.CreateSystemMessageItem("sys"), ResponseItem.CreateUserMessageItem(text)])
        {
            Instructions = "Be brief.", Temperature = 0.25f, TopP = 0.5f, MaxOutputTokenCount = 64, StreamingEnabled = stream ? true : null,
        };

        await Sdk().CreateResponseAsync(Options("wire direct", stream: false));
        await Verified().CreateResponseAsync(Options("wire verified", stream: false));
        await using (var streamed = await Verified().CreateResponseStreamingAsync(Options("wire streamed", stream: true)))
        {
            await foreach (var update in streamed)
            {
            }
        }

        var bodies = fixture.Server.ResponsesBodies;
        string Normal(JsonObject body, string text)
        {
            var copy = (JsonObject)body.DeepClone();
            copy["input"]![1]!["content"]![0]!["text"] = text;
            copy.Remove("stream");
            return Canonical(copy);
        }

        Normal(bodies["wire verified"], "x").ShouldBe(Normal(bodies["wire direct"], "x"));
        Normal(bodies["wire streamed"], "x").ShouldBe(Normal(bodies["wire direct"], "x"));
        bodies["wire streamed"]["stream"]!.GetValue<bool>().ShouldBeTrue();
    }

    [Fact]
    public void CreateResponse_Synchronous_WithAFunctionTool_ReturnsTheCall_AndTheToolResultAnswers()
    {
        var client = Verified();
        var options = new CreateResponseOptions(Model, [ResponseItem.CreateUserMessageItem("What is the weather?")])
        {
            ToolChoice = ResponseToolChoice.CreateAutoChoice(),
            Tools = { Weather() },
        };

        var first = client.CreateResponse(options);

        var call = first.Value.OutputItems.OfType<FunctionCallResponseItem>().Single();
        call.FunctionName.ShouldBe("get_weather");
        call.FunctionArguments.ToString().ShouldBe("""{"city":"Paris"}""");
        var receipt = first.GetReceipt();
        fixture.Verifier.Verify(receipt, "chat").Succeeded.ShouldBeTrue();
        var sent = JsonNode.Parse(receipt.TranscriptJson!)!["request"]!["options"]!;
        sent["tools"]![0]!["name"]!.GetValue<string>().ShouldBe("get_weather");
        sent["toolMode"]!.GetValue<string>().ShouldBe("auto");

        // The caller runs the tool and sends the history back, as with the SDK's own client.
        var next = new CreateResponseOptions(Model, [ResponseItem.CreateUserMessageItem("What is the weather?"), call, ResponseItem.CreateFunctionCallOutputItem(call.CallId, "sunny")])
        {
            Tools = { Weather() },
        };
        var second = client.CreateResponse(next);
        second.Value.GetOutputText().ShouldBe("The weather is sunny");
        var chained = second.GetReceipt();
        fixture.Verifier.Verify(chained, "chat").Succeeded.ShouldBeTrue();
        chained.Claims.Chain!.Conversation.ShouldBe(receipt.Claims.Chain!.Conversation);
        chained.Claims.Chain.Previous.ShouldBe(receipt.Id.ToString());

        client.CreateResponse(Model, "convenience form").Value.GetOutputText().ShouldBe("Echo: convenience form");
    }

    [Fact]
    public async Task CreateResponseStreamingAsync_YieldsTheSdksOwnUpdates_AndTheReceiptCoversTheWholeAnswer()
    {
        var kinds = new List<string>();
        await using (var direct = await Sdk().CreateResponseStreamingAsync(Model, "Stream this sentence please"))
        {
            await foreach (var update in direct)
            {
                kinds.Add(update.GetType().Name);
            }
        }

        var updates = await Verified().CreateResponseStreamingAsync(Model, "Stream this sentence please");
        Should.Throw<InvalidOperationException>(() => updates.GetReceipt()).Message.ShouldContain("enumerate it first");
        var text = new StringBuilder();
        var verifiedKinds = new List<string>();
        await foreach (var update in updates)
        {
            verifiedKinds.Add(update.GetType().Name);
            if (update is StreamingResponseOutputTextDeltaUpdate delta)
            {
                text.Append(delta.Delta);
            }
        }

        verifiedKinds.ShouldBe(kinds);
        text.ToString().ShouldBe("Echo: Stream this sentence please");
        var receipt = updates.GetReceipt();
        receipt.IsTruncated.ShouldBeFalse();
        fixture.Verifier.Verify(receipt, "chat").Succeeded.ShouldBeTrue();
        JsonNode.Parse(receipt.TranscriptJson!)!["response"]!["messages"]![0]!["contents"]![0]!["text"]!.GetValue<string>().ShouldBe(text.ToString());
    }

    [Fact]
    public async Task CreateResponseStreamingAsync_StoppedEarly_GetsATruncatedReceipt_AndToolCallsStream()
    {
        var updates = await Verified().CreateResponseStreamingAsync(Model, [ResponseItem.CreateUserMessageItem("slow please")]);
        var seen = 0;
        await foreach (var update in updates)
        {
            if (update is StreamingResponseOutputTextDeltaUpdate && ++seen == 3)
            {
                break;
            }
        }

        var truncated = updates.GetReceipt();
        truncated.IsTruncated.ShouldBeTrue();
        fixture.Verifier.Verify(truncated, "chat").Succeeded.ShouldBeTrue();

        var options = new CreateResponseOptions(Model, [ResponseItem.CreateUserMessageItem("weather while streaming?")]) { StreamingEnabled = true, Tools = { Weather() } };
        await using var tools = await Verified().CreateResponseStreamingAsync(options);
        FunctionCallResponseItem? call = null;
        await foreach (var update in tools)
        {
            call ??= (update as StreamingResponseOutputItemDoneUpdate)?.Item as FunctionCallResponseItem;
        }

        call!.FunctionArguments.ToString().ShouldBe("""{"city":"Paris"}""");
        var transcript = JsonNode.Parse(tools.GetReceipt().TranscriptJson!)!;
        transcript["response"]!["messages"]![0]!["contents"]![0]!["name"]!.GetValue<string>().ShouldBe("get_weather");
    }

    [Fact]
    public async Task OptionsThatCannotBeCarried_AreRefusedBeforeAnythingIsSent_NamingThem()
    {
        var client = Verified();
        var before = fixture.Server.ResponsesRequests;
        CreateResponseOptions Options() => new(Model, [ResponseItem.CreateUserMessageItem("x")]);

        var chained = Should.Throw<NotSupportedException>(() => client.CreateResponse(Model, "x", previousResponseId: "resp_1"));
        chained.Message.ShouldContain("'previous_response_id'");
        chained.Message.ShouldContain("input items");
        var background = Options();
        background.BackgroundModeEnabled = true;
        (await Should.ThrowAsync<NotSupportedException>(() => client.CreateResponseAsync(background))).Message.ShouldContain("'background'");
        var stored = Options();
        stored.StoredOutputEnabled = false;
        stored.Metadata["k"] = "v";
        var storedError = Should.Throw<NotSupportedException>(() => client.CreateResponse(stored));
        storedError.Message.ShouldContain("'store'");
        storedError.Message.ShouldContain("'metadata'");
        var webSearch = Options();
        webSearch.StreamingEnabled = true;
        webSearch.Tools.Add(ResponseTool.CreateWebSearchTool());
        (await Should.ThrowAsync<NotSupportedException>(() => client.CreateResponseStreamingAsync(webSearch))).Message.ShouldContain("'web_search'");
        var reasoning = Options();
        reasoning.ReasoningOptions = new ResponseReasoningOptions { ReasoningEffortLevel = ResponseReasoningEffortLevel.Low };
        Should.Throw<NotSupportedException>(() => client.CreateResponse(reasoning)).Message.ShouldContain("'reasoning'");
        var strict = Options();
        strict.Tools.Add(ResponseTool.CreateFunctionTool("f", BinaryData.FromString("""{"type":"object","properties":{}}"""), strictModeEnabled: true));
        Should.Throw<NotSupportedException>(() => client.CreateResponse(strict)).Message.ShouldContain("strict");
        var reference = new CreateResponseOptions(Model, [ResponseItem.CreateReferenceItem("msg_123")]);
        Should.Throw<NotSupportedException>(() => client.CreateResponse(reference)).Message.ShouldContain("input item 0");

        // The SDK's own rule on StreamingEnabled holds too.
        Should.Throw<InvalidOperationException>(() => client.CreateResponseStreamingAsync(Options())).Message.ShouldContain("StreamingEnabled");
        fixture.Server.ResponsesRequests.ShouldBe(before);
    }

    [Fact]
    public async Task ForeignResults_HaveNoReceipt_AndProviderErrorsReachTheCaller()
    {
        var plain = await Sdk().CreateResponseAsync(Model, "unverified");
        plain.TryGetReceipt(out _).ShouldBeFalse();
        plain.Value.TryGetReceipt(out var none).ShouldBeFalse();
        none.ShouldBeNull();
        Should.Throw<InvalidOperationException>(() => plain.Value.GetReceipt()).Message.ShouldContain("AsVerified()");
        await using var plainStream = await Sdk().CreateResponseStreamingAsync(Model, "unverified stream");
        plainStream.TryGetReceipt(out _).ShouldBeFalse();
        Should.Throw<InvalidOperationException>(() => plainStream.GetReceipt()).Message.ShouldContain("AsVerified()");

        var wrongPath = new ResponsesClient(new ApiKeyCredential("test-key"), new ResponsesClientOptions { Endpoint = new Uri(fixture.Server.Endpoint, "/missing/") });
        var error = await Should.ThrowAsync<ClientResultException>(() => wrongPath.AsVerified(fixture.Key).CreateResponseAsync(Model, "x"));
        error.Status.ShouldBe(404);
    }

    [Fact]
    public async Task MicrosoftExtensionsAIOpenAI_10_11_CannotStreamResponsesOnOpenAI_2_15_SoTheBridgeDoes()
    {
        // Pins why ResponsesStreamingBridge exists: when this stops throwing, stream through AsIChatClient() directly.
        var plain = Sdk().AsIChatClient(Model);
        await Should.ThrowAsync<MissingMethodException>(async () =>
        {
            await foreach (var update in plain.GetStreamingResponseAsync("x"))
            {
            }
        });
    }

    private static string Canonical(JsonNode node) => node switch
    {
        JsonObject o => "{" + string.Join(",", o.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => "\"" + p.Key + "\":" + (p.Value is null ? "null" : Canonical(p.Value)))) + "}",
        JsonArray a => "[" + string.Join(",", a.Select(i => i is null ? "null" : Canonical(i))) + "]",
        _ => node.ToJsonString(),
    };
}
