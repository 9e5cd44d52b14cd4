#pragma warning disable SKEXP0010, SKEXP0001 // Semantic Kernel's OpenAI settings used here are experimental; real code sets them.
using Microsoft.Extensions.AI;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using Microsoft.SemanticKernel.Connectors.OpenAI;

namespace OpenVerify.Extensions.AI.Tests;

/// <summary>
/// Semantic Kernel's OpenAI-specific execution settings sent through its OpenAI connector directly and through the chain
/// the received-service fix writes (<c>service.AsChatClient().AsBuilder().UseKernelFunctionInvocation().UseOpenVerify()
/// .BuildVerified().AsChatCompletionService()</c>), against the loopback server: the request bodies are compared. Where
/// the chain would send another request (a setting dropped on the way), the verified path refuses the call instead.
/// </summary>
[Collection(ChatCollection.Name)]
public sealed class SemanticKernelSettingsTests(ChatFixture fixture)
{
    public static TheoryData<string> CarriedSettings() =>
    [
        "None", "ChatSystemPrompt", "ChatDeveloperPrompt", "Logprobs", "TopLogprobs", "Seed", "User", "ResponseFormatJsonObject", "StopSequences",
        "Temperature", "TopP", "MaxTokens", "PresencePenalty", "FrequencyPenalty", "TokenSelectionBiases", "Store", "Metadata",
    ];

    [Theory]
    [MemberData(nameof(CarriedSettings))]
    public async Task Setting_ReachesTheWire_AsTheConnectorAloneSendsIt(string setting)
    {
        var (kernel, direct, verified) = Services();
        await direct.GetChatMessageContentAsync("settings " + setting, Settings(setting), kernel);
        var sentDirectly = fixture.Server.LastChatRequest!.ToJsonString();

        await verified.GetChatMessageContentAsync("settings " + setting, Settings(setting), kernel);

        fixture.Server.LastChatRequest!.ToJsonString().ShouldBe(sentDirectly);
    }

    [Fact]
    public async Task ReasoningEffort_DroppedByTheBridge_IsRefusedBeforeSending()
    {
        var (kernel, direct, verified) = Services();
        await direct.GetChatMessageContentAsync("settings reasoning", Settings("ReasoningEffort"), kernel);
        fixture.Server.LastChatRequest!["reasoning_effort"]!.GetValue<string>().ShouldBe("low");
        var before = fixture.Server.ChatRequests;

        var refused = await Should.ThrowAsync<NotSupportedException>(() => verified.GetChatMessageContentAsync("settings reasoning", Settings("ReasoningEffort"), kernel));
        refused.Message.ShouldContain("ReasoningEffort");
        await Should.ThrowAsync<NotSupportedException>(async () =>
        {
            await foreach (var _ in verified.GetStreamingChatMessageContentsAsync("settings reasoning", Settings("ReasoningEffort"), kernel))
            {
            }
        });
        fixture.Server.ChatRequests.ShouldBe(before);
    }

    /// <summary>A response format given as a .NET type: Semantic Kernel's own bridge cannot serialize it and throws
    /// before anything is sent (its message, not ours: the settings never reach OpenVerify).</summary>
    [Fact]
    public async Task ResponseFormatAsAType_IsRefusedBySemanticKernelsBridge_BeforeSending()
    {
        var (kernel, _, verified) = Services();
        var before = fixture.Server.ChatRequests;

        await Should.ThrowAsync<NotSupportedException>(() => verified.GetChatMessageContentAsync("settings type format", new OpenAIPromptExecutionSettings { ResponseFormat = typeof(Forecast) }, kernel));
        fixture.Server.ChatRequests.ShouldBe(before);
    }

    private (Kernel Kernel, IChatCompletionService Direct, IChatCompletionService Verified) Services()
    {
        var kernel = Kernel.CreateBuilder().AddOpenAIChatCompletion("gpt-test", fixture.OpenAi()).Build();
        var direct = kernel.GetRequiredService<IChatCompletionService>();
        var verified = direct.AsChatClient().AsBuilder().UseKernelFunctionInvocation().UseOpenVerify(fixture.Key).BuildVerified().AsChatCompletionService();
        return (kernel, direct, verified);
    }

    private static OpenAIPromptExecutionSettings Settings(string setting) => setting switch
    {
        "None" => new(),
        "ChatSystemPrompt" => new() { ChatSystemPrompt = "Be terse." },
        "ChatDeveloperPrompt" => new() { ChatDeveloperPrompt = "The developer says." },
        "Logprobs" => new() { Logprobs = true },
        "TopLogprobs" => new() { Logprobs = true, TopLogprobs = 3 },
        "ReasoningEffort" => new() { ReasoningEffort = "low" },
        "Seed" => new() { Seed = 42 },
        "User" => new() { User = "end-user-1" },
        "ResponseFormatJsonObject" => new() { ResponseFormat = "json_object" },
        "StopSequences" => new() { StopSequences = ["END"] },
        "Temperature" => new() { Temperature = 0.3 },
        "TopP" => new() { TopP = 0.7 },
        "MaxTokens" => new() { MaxTokens = 20 },
        "PresencePenalty" => new() { PresencePenalty = 0.5 },
        "FrequencyPenalty" => new() { FrequencyPenalty = 0.5 },
        "TokenSelectionBiases" => new() { TokenSelectionBiases = new Dictionary<int, int> { [5] = 10 } },
        "Store" => new() { Store = true },
        "Metadata" => new() { Metadata = new Dictionary<string, string> { ["k"] = "v" } },
        _ => throw new ArgumentOutOfRangeException(nameof(setting), setting, null),
    };

    public sealed class Forecast
    {
        public string? City { get; set; }
    }
}
