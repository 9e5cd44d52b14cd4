#pragma warning disable OPENAI001 // The Responses API types are marked evaluation-only by the SDK; they are what is tested here.
#pragma warning disable SCME0001 // The SDK's JsonPatch is marked evaluation-only; what a verified client does with it is what is tested here.
using System.Reflection;
using OpenAI.Audio;
using OpenAI.Chat;
using OpenAI.Images;
using OpenAI.Moderations;
using OpenAI.Responses;
using SdkEmbeddingOptions = OpenAI.Embeddings.EmbeddingGenerationOptions;

namespace OpenVerify.Extensions.AI.Tests;

/// <summary>
/// The OpenAI SDK's <c>Patch</c> (a JSON patch on an options or input object that adds or changes request fields) through
/// the verified SDK-typed clients: a receipt binds what was sent, and the verified path sends what Microsoft.Extensions.AI
/// builds from the carried members, so a set Patch would be dropped (or sent unbound): it is refused, naming the object
/// that holds it, before anything reaches the loopback server.
/// </summary>
[Collection(ChatCollection.Name)]
public sealed class OpenAIPatchTests(ChatFixture fixture)
{
    private VerifiedOpenAIChatClient Chat() => fixture.OpenAi().GetChatClient("gpt-test").AsVerified(fixture.Key);

    private VerifiedOpenAIResponsesClient Responses() => fixture.OpenAi().GetResponsesClient().AsVerified(fixture.Key);

    [Fact]
    public async Task Chat_OptionsPatchOverACarriedMember_IsRefusedBeforeSending_NotDropped()
    {
        var options = new ChatCompletionOptions { Temperature = 0.5f };
        options.Patch.Set("$.temperature"u8, 0.9);
        var before = fixture.Server.ChatRequests;

        var refused = await Should.ThrowAsync<NotSupportedException>(() => Chat().CompleteChatAsync([new UserChatMessage("patched temperature")], options));
        refused.Message.ShouldContain("ChatCompletionOptions.Patch");
        refused.Message.ShouldContain("/temperature");
        Should.Throw<NotSupportedException>(() => Chat().CompleteChatStreaming([new UserChatMessage("patched temperature")], options)).Message.ShouldContain("ChatCompletionOptions.Patch");
        fixture.Server.ChatRequests.ShouldBe(before);
    }

    [Fact]
    public async Task Chat_OptionsPatchAddingAMember_IsRefusedNamingThePatch()
    {
        var options = new ChatCompletionOptions();
        options.Patch.Set("$.service_tier"u8, "flex");

        var refused = await Should.ThrowAsync<NotSupportedException>(() => Chat().CompleteChatAsync([new UserChatMessage("patched tier")], options));
        refused.Message.ShouldContain("ChatCompletionOptions.Patch");
        refused.Message.ShouldContain("/service_tier");
    }

    [Fact]
    public async Task Chat_MessageContentAndToolPatches_AreRefusedBeforeSending()
    {
        var before = fixture.Server.ChatRequests;
        var named = new UserChatMessage("patched name");
        named.Patch.Set("$.name"u8, "mallory");
        var refused = await Should.ThrowAsync<NotSupportedException>(() => Chat().CompleteChatAsync([new SystemChatMessage("Be brief."), named]));
        refused.Message.ShouldContain("messages[1].Patch");
        refused.Message.ShouldContain("/name");
        Should.Throw<NotSupportedException>(() => Chat().CompleteChatStreamingAsync([named])).Message.ShouldContain("messages[0].Patch");

        var part = ChatMessageContentPart.CreateTextPart("patched part");
        part.Patch.Set("$.text"u8, "something else");
        (await Should.ThrowAsync<NotSupportedException>(() => Chat().CompleteChatAsync(new UserChatMessage(part)))).Message.ShouldContain("messages[0].Content[0].Patch");

        var tool = ChatTool.CreateFunctionTool("get_weather", "The weather in a city.", BinaryData.FromString("""{"type":"object","properties":{"city":{"type":"string"}}}"""));
        tool.Patch.Set("$.function.strict"u8, true);
        var options = new ChatCompletionOptions { Tools = { tool } };
        var toolRefused = await Should.ThrowAsync<NotSupportedException>(() => Chat().CompleteChatAsync([new UserChatMessage("patched tool weather")], options));
        toolRefused.Message.ShouldContain("ChatCompletionOptions.Tools[0].Patch");
        toolRefused.Message.ShouldContain("\"strict\":true");

        var call = ChatToolCall.CreateFunctionToolCall("call_1", "get_weather", BinaryData.FromString("""{"city":"Paris"}"""));
        call.Patch.Set("$.function.name"u8, "delete_files");
        List<ChatMessage> history = [new UserChatMessage("weather?"), new AssistantChatMessage([call]), new ToolChatMessage("call_1", "sunny")];
        (await Should.ThrowAsync<NotSupportedException>(() => Chat().CompleteChatAsync(history))).Message.ShouldContain("messages[1].ToolCalls[0].Patch");

        fixture.Server.ChatRequests.ShouldBe(before);
    }

    [Fact]
    public async Task Chat_AnAssistantAudioReference_IsRefusedBeforeSending_PatchedOrNot()
    {
        // Microsoft.Extensions.AI has no content for it, so the message went out from its SDK form with the reference
        // while the receipt bound an empty assistant message.
        var before = fixture.Server.ChatRequests;
        var reference = new AssistantChatMessage(new ChatOutputAudioReference("audio_1"));
        var refused = await Should.ThrowAsync<NotSupportedException>(() => Chat().CompleteChatAsync([new UserChatMessage("hi"), reference, new UserChatMessage("next")]));
        refused.Message.ShouldContain("messages[1].OutputAudioReference");

        // A patch under the reference is handed on to it: the message's own Patch stays empty, yet the patched id is written.
        var patched = new AssistantChatMessage(new ChatOutputAudioReference("audio_1"));
        patched.Patch.Set("$.audio.id"u8, "audio_2");
        patched.Patch.ToString("JP").ShouldBe("[]");
        Should.Throw<NotSupportedException>(() => Chat().CompleteChatStreamingAsync([new UserChatMessage("hi"), patched])).Message.ShouldContain("messages[1].OutputAudioReference");
        fixture.Server.ChatRequests.ShouldBe(before);
    }

    [Fact]
    public async Task Embeddings_OptionsPatch_IsRefusedBeforeSending_NotDropped()
    {
        var options = new SdkEmbeddingOptions { Dimensions = 4 };
        options.Patch.Set("$.user"u8, "end-user-7");
        var before = fixture.Server.EmbeddingRequests;
        var client = fixture.OpenAi().GetEmbeddingClient("embed-test").AsVerified(fixture.Key);

        var refused = await Should.ThrowAsync<NotSupportedException>(() => client.GenerateEmbeddingsAsync(["patched"], options));
        refused.Message.ShouldContain("EmbeddingGenerationOptions.Patch");
        refused.Message.ShouldContain("/user");
        Should.Throw<NotSupportedException>(() => client.GenerateEmbedding("patched", options));
        fixture.Server.EmbeddingRequests.ShouldBe(before);
    }

    [Fact]
    public async Task Responses_OptionsToolAndItemPatches_AreRefusedBeforeSending()
    {
        var before = fixture.Server.ResponsesRequests;
        var options = new CreateResponseOptions("gpt-test", [ResponseItem.CreateUserMessageItem("patched responses")]) { Temperature = 0.2f };
        options.Patch.Set("$.temperature"u8, 0.9);
        var refused = await Should.ThrowAsync<NotSupportedException>(() => Responses().CreateResponseAsync(options));
        refused.Message.ShouldContain("CreateResponseOptions.Patch");
        refused.Message.ShouldContain("/temperature");
        options.StreamingEnabled = true;
        (await Should.ThrowAsync<NotSupportedException>(() => Responses().CreateResponseStreamingAsync(options))).Message.ShouldContain("CreateResponseOptions.Patch");

        var tool = (FunctionTool)ResponseTool.CreateFunctionTool("get_weather", BinaryData.FromString("""{"type":"object","properties":{"city":{"type":"string"}}}"""), strictModeEnabled: null);
        tool.Patch.Set("$.description"u8, "Patched description.");
        var withTool = new CreateResponseOptions("gpt-test", [ResponseItem.CreateUserMessageItem("patched tool weather")]) { Tools = { tool } };
        (await Should.ThrowAsync<NotSupportedException>(() => Responses().CreateResponseAsync(withTool))).Message.ShouldContain("CreateResponseOptions.Tools[0].Patch");

        var item = ResponseItem.CreateUserMessageItem("patched item");
        item.Patch.Set("$.role"u8, "developer");
        (await Should.ThrowAsync<NotSupportedException>(() => Responses().CreateResponseAsync("gpt-test", [item]))).Message.ShouldContain("InputItems[0].Patch");

        fixture.Server.ResponsesRequests.ShouldBe(before);
    }

    [Fact]
    public async Task Responses_AReasoningSummaryPartPatch_IsRefusedBeforeSending()
    {
        // The item's own Patch stays empty; the part's patch went out while the receipt bound the summary's text.
        var before = fixture.Server.ResponsesRequests;
        var reasoning = ResponseItem.CreateReasoningItem("summary one");
        ((ReasoningSummaryTextPart)reasoning.SummaryParts[0]).Patch.Set("$.text"u8, "patched summary");
        reasoning.Patch.ToString("JP").ShouldBe("[]");
        var refused = await Should.ThrowAsync<NotSupportedException>(() => Responses().CreateResponseAsync("gpt-test", [reasoning, ResponseItem.CreateUserMessageItem("patched reasoning")]));
        refused.Message.ShouldContain("InputItems[0].SummaryParts[0].Patch");
        refused.Message.ShouldContain("patched summary");
        fixture.Server.ResponsesRequests.ShouldBe(before);
    }

    /// <summary>
    /// The audio, image and moderation request types have no Patch in the SDK served here (their requests are multipart
    /// forms or built from the wrapper's own inputs), so the verified clients have nothing to check. Should an SDK
    /// update add one, this fails: the wrapper must then refuse a set Patch as the chat, embeddings and Responses ones do.
    /// </summary>
    [Fact]
    public void MediaAndModerationRequestTypes_HaveNoPatch_ForTheVerifiedClientsToMiss()
    {
        Type[] requestTypes =
        [
            typeof(AudioTranscriptionOptions), typeof(AudioTranslationOptions), typeof(SpeechGenerationOptions),
            typeof(ImageGenerationOptions), typeof(ImageEditOptions), typeof(ImageVariationOptions),
            typeof(ModerationInputPart),
        ];
        requestTypes.Where(t => t.GetProperty("Patch", BindingFlags.Public | BindingFlags.Instance) is not null).ShouldBeEmpty();

        // The check sees a Patch where there is one.
        typeof(ChatCompletionOptions).GetProperty("Patch", BindingFlags.Public | BindingFlags.Instance).ShouldNotBeNull();
    }
}
