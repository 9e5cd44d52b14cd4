using System.ComponentModel;
using Microsoft.Extensions.AI;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using Microsoft.SemanticKernel.Connectors.OpenAI;
using Microsoft.SemanticKernel.Embeddings;
using OpenVerify;

#pragma warning disable SKEXP0010, SKEXP0001, CS0618 // Semantic Kernel's embedding service is obsolete and experimental; real code still asks for it.

namespace OpenVerify.Extensions.AI.Tests;

/// <summary>
/// Semantic Kernel services as the code fix "Verify the Semantic Kernel … service where it is received" wraps them,
/// through Semantic Kernel's own Microsoft.Extensions.AI bridges: an <c>IChatCompletionService</c> becomes
/// <c>service.AsChatClient().AsBuilder().UseKernelFunctionInvocation().UseOpenVerify().BuildVerified().AsChatCompletionService()</c>
/// and an <c>ITextEmbeddingGenerationService</c> <c>service.AsEmbeddingGenerator().AsVerified().AsTextEmbeddingGenerationService()</c>.
/// The services are Semantic Kernel's real OpenAI connectors against the loopback OpenAI-wire server; the wrapped ones
/// keep their answers, settings and automatic function calling, and every model round trip is signed.
/// </summary>
[Collection(ChatCollection.Name)]
public sealed class SemanticKernelServiceWrapTests(ChatFixture fixture)
{
    [Fact]
    public async Task ChatService_WrappedWhereReceived_SignsACompletionAndAStreamedOne()
    {
        var kernel = Kernel.CreateBuilder().AddOpenAIChatCompletion("gpt-test", fixture.OpenAi()).Build();
        var received = kernel.GetRequiredService<IChatCompletionService>();
        var receipts = new List<ChatReceipt>();
        ChatMessageContent answer;
        var streamed = new List<StreamingChatMessageContent>();
        using (OpenVerifyRuntime.UseSigner(fixture.Key))
        {
            var chat = Wrap(received, receipts);
            var history = new ChatHistory();
            history.AddUserMessage("Through the wrapped service");
            answer = await chat.GetChatMessageContentAsync(history, kernel: kernel);
            await foreach (var update in chat.GetStreamingChatMessageContentsAsync("Streamed through the wrapped service", kernel: kernel))
            {
                streamed.Add(update);
            }
        }

        answer.Content.ShouldBe("Echo: Through the wrapped service");
        string.Concat(streamed.Select(u => u.Content)).ShouldBe("Echo: Streamed through the wrapped service");
        receipts.Count.ShouldBe(2);
        receipts.ShouldAllBe(r => fixture.Verifier.Verify(r, null).Succeeded);

        // What the receipt binds is the Microsoft.Extensions.AI conversation Semantic Kernel converts the history to.
        receipts[0].TranscriptJson!.ShouldContain("Through the wrapped service");
        receipts[0].TranscriptJson!.ShouldContain("Echo: Through the wrapped service");
        receipts[1].TranscriptJson!.ShouldContain("Echo: Streamed through the wrapped service");
    }

    /// <summary>
    /// The execution settings reach the model through both bridges (PromptExecutionSettings → ChatOptions → the
    /// connector's settings) and are bound by the receipt; automatic function calling still runs the kernel's function,
    /// each round trip signed on its own (the attesting step is innermost, function invocation outside it).
    /// </summary>
    [Fact]
    public async Task ChatService_WrappedWhereReceived_KeepsSettingsAndAutomaticFunctionCalling()
    {
        var builder = Kernel.CreateBuilder().AddOpenAIChatCompletion("gpt-test", fixture.OpenAi());
        builder.Plugins.AddFromType<WeatherPlugin>();
        var kernel = builder.Build();
        var settings = new OpenAIPromptExecutionSettings { Temperature = 0.25, MaxTokens = 40, FunctionChoiceBehavior = FunctionChoiceBehavior.Auto() };
        var before = await kernel.GetRequiredService<IChatCompletionService>().GetChatMessageContentAsync("What is the weather?", settings, kernel);
        var receipts = new List<ChatReceipt>();
        ChatMessageContent after;
        using (OpenVerifyRuntime.UseSigner(fixture.Key))
        {
            after = await Wrap(kernel.GetRequiredService<IChatCompletionService>(), receipts).GetChatMessageContentAsync("What is the weather?", settings, kernel);
        }

        before.Content.ShouldBe("The weather is sunny in Paris");
        after.Content.ShouldBe(before.Content);
        receipts.Count.ShouldBe(2);
        receipts.ShouldAllBe(r => fixture.Verifier.Verify(r, null).Succeeded);
        receipts[0].TranscriptJson!.ShouldContain("\"temperature\":0.25");
        receipts[0].TranscriptJson!.ShouldContain("\"maxOutputTokens\":40");
        receipts[0].TranscriptJson!.ShouldContain("get_weather");
        receipts[1].TranscriptJson!.ShouldContain("sunny in Paris");

        // Without the kernel-aware function invocation in the bridge, the call would come back unanswered.
        var bare = fixture.OpenAi().GetChatClient("gpt-test").AsIChatClient().AsChatCompletionService();
        var unanswered = await bare.GetChatMessageContentAsync("What is the weather?", settings, kernel);
        unanswered.Items.OfType<Microsoft.SemanticKernel.FunctionCallContent>().ShouldNotBeEmpty();
    }

    [Fact]
    public async Task EmbeddingService_WrappedWhereReceived_ReturnsTheSameVectorAndSignsIt()
    {
        var kernel = Kernel.CreateBuilder().AddOpenAITextEmbeddingGeneration("embed-test", fixture.OpenAi()).Build();
        var received = kernel.GetRequiredService<ITextEmbeddingGenerationService>();
        var unsigned = await received.GenerateEmbeddingAsync("Embedded where received");
        var receipts = new List<ChatReceipt>();
        ReadOnlyMemory<float> vector;
        using (OpenVerifyRuntime.UseSigner(fixture.Key))
        {
            var generator = received.AsEmbeddingGenerator().AsVerified();
            generator.Attestation.ReceiptSigned = receipts.Add;
            vector = await generator.AsTextEmbeddingGenerationService().GenerateEmbeddingAsync("Embedded where received");
        }

        vector.ToArray().ShouldBe(unsigned.ToArray());
        var receipt = receipts.ShouldHaveSingleItem();
        var result = fixture.Verifier.Verify(receipt, "embeddings");
        result.Succeeded.ShouldBeTrue(result.ToString());
        receipt.TranscriptJson!.ShouldContain("Embedded where received");
    }

    /// <summary>The code fix's chat expression, with a hook on the verified client to collect its receipts.</summary>
    private static IChatCompletionService Wrap(IChatCompletionService service, List<ChatReceipt> receipts)
    {
        var verified = service.AsChatClient().AsBuilder().UseKernelFunctionInvocation().UseOpenVerify().BuildVerified();
        verified.Attestation.ReceiptSigned = receipts.Add;
        return verified.AsChatCompletionService();
    }

    public sealed class WeatherPlugin
    {
        [KernelFunction("get_weather")]
        [Description("The weather in a city")]
        public string GetWeather(string city) => "sunny in " + city;
    }
}
