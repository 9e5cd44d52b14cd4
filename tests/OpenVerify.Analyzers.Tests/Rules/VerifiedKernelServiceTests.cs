using OpenVerify.Analyzers.Rules;
using OpenVerify.Analyzers.Tests.Infrastructure;

namespace OpenVerify.Analyzers.Tests.Rules;

/// <summary>
/// OV0003/OV0004 on a Semantic Kernel service over a verified client: not reported where the analyzer sees the
/// verified chain (at the call, or in every value of a local or private field written in the file), reported again
/// as soon as one value is not wrapped, so removing a wrapping brings the diagnostic back.
/// </summary>
public class VerifiedKernelServiceTests
{
    private const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;
        using Microsoft.SemanticKernel;
        using Microsoft.SemanticKernel.ChatCompletion;
        using Microsoft.SemanticKernel.Embeddings;
        using OpenVerify.Extensions.AI;

        #pragma warning disable SKEXP0001, CS0618

        """;

    private static AnalyzerTest<UnverifiedAiCallAnalyzer> Test(string source) =>
        new AnalyzerTest<UnverifiedAiCallAnalyzer>(Usings + source).WithReferences(TestReferences.WithSemanticKernelOpenAi);

    [Fact]
    public Task The_verified_chain_at_the_call_or_in_every_value_is_not_reported() => Test("""
        class Search(IChatCompletionService chat)
        {
            private readonly IChatCompletionService chat = chat.AsChatClient().AsBuilder().UseKernelFunctionInvocation().UseOpenVerify().BuildVerified().AsChatCompletionService();
            private IChatCompletionService? _maybe;

            void Set(IChatCompletionService service) => _maybe = service?.AsChatClient().AsBuilder().UseOpenVerify().BuildVerified().AsChatCompletionService();

            async Task Ask(IChatCompletionService service, ITextEmbeddingGenerationService embeddings)
            {
                await chat.GetChatMessageContentAsync("field");
                await (_maybe?.GetChatMessageContentAsync("nullable field") ?? Task.FromResult<ChatMessageContent>(null!));
                await service.AsChatClient().AsBuilder().UseOpenVerify().BuildVerified().AsChatCompletionService().GetChatMessageContentAsync("at the call");
                IChatCompletionService local = service.AsChatClient().AsBuilder().UseOpenVerify().BuildVerified().AsChatCompletionService();
                await local.GetChatMessageContentsAsync(new ChatHistory());
                var vectors = embeddings.AsEmbeddingGenerator().AsVerified().AsTextEmbeddingGenerationService();
                await vectors.GenerateEmbeddingAsync("embedding");
            }
        }
        """).RunAsync();

    [Fact]
    public Task A_value_left_unwrapped_or_written_otherwise_is_reported() => Test("""
        class Search
        {
            private IChatCompletionService _chat = null!;
            private IChatCompletionService _byRef = null!;
            public IChatCompletionService Public = null!;

            void Set(IChatCompletionService service)
            {
                _chat = service.AsChatClient().AsBuilder().UseOpenVerify().BuildVerified().AsChatCompletionService();
                _chat = service;
                Swap(ref _byRef, service);
                Public = service.AsChatClient().AsBuilder().UseOpenVerify().BuildVerified().AsChatCompletionService();
            }

            static void Swap(ref IChatCompletionService target, IChatCompletionService value) => target = value;

            async Task Ask(IChatCompletionService service)
            {
                var local = service.AsChatClient().AsBuilder().UseOpenVerify().BuildVerified().AsChatCompletionService();
                local = service;
                await {|#0:local.GetChatMessageContentAsync("reassigned")|};
                await {|#1:_chat.GetChatMessageContentAsync("one value unwrapped")|};
                await {|#2:_byRef.GetChatMessageContentAsync("written through ref")|};
                await {|#3:Public.GetChatMessageContentAsync("not private")|};
                await {|#4:service.AsChatClient().AsBuilder().UseOpenVerify().Build().AsChatCompletionService().GetChatMessageContentAsync("built without the verified type")|};
            }
        }
        """).Expect(
            Expect.Call(Expect.KernelChat, 0, "ChatCompletionServiceExtensions.GetChatMessageContentAsync"),
            Expect.Call(Expect.KernelChat, 1, "ChatCompletionServiceExtensions.GetChatMessageContentAsync"),
            Expect.Call(Expect.KernelChat, 2, "ChatCompletionServiceExtensions.GetChatMessageContentAsync"),
            Expect.Call(Expect.KernelChat, 3, "ChatCompletionServiceExtensions.GetChatMessageContentAsync"),
            Expect.Call(Expect.KernelChat, 4, "ChatCompletionServiceExtensions.GetChatMessageContentAsync")).RunAsync();
}
