using OpenVerify.Analyzers.Rules;
using OpenVerify.Analyzers.Tests.Infrastructure;

namespace OpenVerify.Analyzers.Tests.Rules;

public class ChatOrTextGenerationTests
{
    private const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;
        using Microsoft.SemanticKernel;
        using Microsoft.SemanticKernel.ChatCompletion;
        using Microsoft.SemanticKernel.TextGeneration;
        using OpenAI.Chat;
        using OpenAI.Responses;
        using ChatMessage = Microsoft.Extensions.AI.ChatMessage;

        """;

    private static AnalyzerTest<UnverifiedAiCallAnalyzer> Test(string source) => new(Usings + source, "public record Answer(string Text);");

    [Fact]
    public Task Chat_client_interface_and_extension_methods_are_reported() => Test("""
        class Assistant
        {
            async Task Ask(IChatClient client, List<ChatMessage> messages)
            {
                await {|#0:client.GetResponseAsync(messages)|};
                await {|#1:client.GetResponseAsync("hello")|};
                await {|#2:client.GetResponseAsync<Answer>("structured")|};
                await foreach (var update in {|#3:client.GetStreamingResponseAsync("stream")|}) { }
                await foreach (var update in {|#4:client.GetStreamingResponseAsync(messages)|}) { }
            }
        }
        """).Expect(
            Expect.Call(Expect.ChatClient, 0, "IChatClient.GetResponseAsync"),
            Expect.Call(Expect.ChatClient, 1, "ChatClientExtensions.GetResponseAsync"),
            Expect.Call(Expect.ChatClient, 2, "ChatClientStructuredOutputExtensions.GetResponseAsync"),
            Expect.Call(Expect.ChatClient, 3, "ChatClientExtensions.GetStreamingResponseAsync"),
            Expect.Call(Expect.ChatClient, 4, "IChatClient.GetStreamingResponseAsync")).RunAsync();

    [Fact]
    public Task Extension_called_as_a_static_method_and_as_a_method_group_are_reported() => Test("""
        class Assistant
        {
            Task<ChatResponse> Ask(IChatClient client) => {|#0:Microsoft.Extensions.AI.ChatClientExtensions.GetResponseAsync(client, "hello")|};

            Func<string, ChatOptions?, CancellationToken, Task<ChatResponse>> Bind(IChatClient client) => {|#1:client.GetResponseAsync|};
        }
        """).Expect(
            Expect.Call(Expect.ChatClient, 0, "ChatClientExtensions.GetResponseAsync"),
            Expect.Call(Expect.ChatClient, 1, "ChatClientExtensions.GetResponseAsync")).RunAsync();

    private const string OwnChatClient = """
        class OwnClient : IChatClient
        {
            public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();
            public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();
            public object? GetService(Type serviceType, object? serviceKey = null) => null;
            public void Dispose() { }
        }

        class ExplicitClient : IChatClient
        {
            Task<ChatResponse> IChatClient.GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options, CancellationToken cancellationToken) => throw new NotSupportedException();
            IAsyncEnumerable<ChatResponseUpdate> IChatClient.GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options, CancellationToken cancellationToken) => throw new NotSupportedException();
            object? IChatClient.GetService(Type serviceType, object? serviceKey) => null;
            void IDisposable.Dispose() { }
        }

        """;

    [Fact]
    public Task Calls_through_an_implementation_and_an_explicit_interface_are_reported() => Test(OwnChatClient + """
        class Assistant
        {
            async Task Ask(OwnClient own, ExplicitClient explicitClient, List<ChatMessage> messages)
            {
                await {|#0:own.GetResponseAsync(messages)|};
                await {|#1:((IChatClient)explicitClient).GetResponseAsync(messages)|};
                own.Dispose();
                own.GetService(typeof(string));
            }
        }
        """).Expect(
            Expect.Call(Expect.ChatClient, 0, "OwnClient.GetResponseAsync"),
            Expect.Call(Expect.ChatClient, 1, "IChatClient.GetResponseAsync")).RunAsync();

    [Fact]
    public Task A_delegating_client_forwarding_to_base_is_not_reported_but_its_callers_and_own_calls_are() => Test("""
        sealed class Redacting : DelegatingChatClient
        {
            public Redacting(IChatClient inner) : base(inner) { }

            public override Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
                => base.GetResponseAsync(messages, options, cancellationToken);

            public async Task<ChatResponse> Summarize(string text)
                => await {|#0:InnerClient.GetResponseAsync("summarize: " + text)|};
        }

        class Assistant
        {
            Task<ChatResponse> Ask(Redacting pipeline, List<ChatMessage> messages) => {|#1:pipeline.GetResponseAsync(messages)|};
        }
        """).Expect(
            Expect.Call(Expect.ChatClient, 0, "ChatClientExtensions.GetResponseAsync"),
            Expect.Call(Expect.ChatClient, 1, "Redacting.GetResponseAsync")).RunAsync();

    [Fact]
    public Task OpenAI_chat_and_responses_clients_and_derived_clients_are_reported() => Test("""
        class AzureLikeClient : ChatClient
        {
            public AzureLikeClient() : base("model", "key") { }
        }

        class Assistant
        {
            async Task Ask(ChatClient chat, AzureLikeClient azure, ResponsesClient responses)
            {
                {|#0:chat.CompleteChat("hello")|};
                await {|#1:chat.CompleteChatAsync("hello")|};
                foreach (var update in {|#2:chat.CompleteChatStreaming("hello")|}) { }
                await {|#3:azure.CompleteChatAsync("hello")|};
                await {|#4:responses.CreateResponseAsync("model", "hello")|};
            }
        }
        """).Expect(
            Expect.Call(Expect.OpenAiChat, 0, "ChatClient.CompleteChat"),
            Expect.Call(Expect.OpenAiChat, 1, "ChatClient.CompleteChatAsync"),
            Expect.Call(Expect.OpenAiChat, 2, "ChatClient.CompleteChatStreaming"),
            Expect.Call(Expect.OpenAiChat, 3, "ChatClient.CompleteChatAsync"),
            Expect.Call(Expect.OpenAiResponses, 4, "ResponsesClient.CreateResponseAsync")).RunAsync();

    [Fact]
    public Task OpenAI_assistant_runs_are_reported_and_assistant_data_calls_are_not() => Test("""
        #pragma warning disable OPENAI001
        using OpenAI.Assistants;

        class Helper
        {
            async Task Ask(AssistantClient assistants, string assistantId, string threadId)
            {
                var thread = await assistants.CreateThreadAsync();
                await assistants.CreateMessageAsync(threadId, OpenAI.Assistants.MessageRole.User, new[] { MessageContent.FromText("hello") });
                {|#0:assistants.CreateRun(threadId, assistantId)|};
                await {|#1:assistants.CreateThreadAndRunAsync(assistantId)|};
                await foreach (var update in await {|#2:assistants.CreateRunStreamingAsync(threadId, assistantId)|}) { }
                await assistants.GetRunAsync(threadId, "run");
            }
        }
        """).Expect(
            Expect.Call(Expect.Chat, 0, "AssistantClient.CreateRun"),
            Expect.Call(Expect.Chat, 1, "AssistantClient.CreateThreadAndRunAsync"),
            Expect.Call(Expect.Chat, 2, "AssistantClient.CreateRunStreamingAsync")).RunAsync();

    [Fact]
    public Task Semantic_kernel_services_and_kernel_invocations_are_reported() => Test("""
        class Assistant
        {
            async Task Ask(IChatCompletionService chat, ITextGenerationService text, Kernel kernel, KernelFunction function, ChatHistory history)
            {
                await {|#0:chat.GetChatMessageContentsAsync(history)|};
                await {|#1:chat.GetChatMessageContentAsync("hello")|};
                await {|#2:text.GetTextContentsAsync("hello")|};
                await {|#3:kernel.InvokeAsync(function)|};
                await {|#4:kernel.InvokePromptAsync("hello")|};
                await foreach (var update in {|#5:kernel.InvokePromptStreamingAsync("hello")|}) { }
                await foreach (var update in {|#6:kernel.InvokeStreamingAsync(function)|}) { }
                _ = kernel.Plugins;
            }
        }
        """).Expect(
            Expect.Call(Expect.KernelChat, 0, "IChatCompletionService.GetChatMessageContentsAsync"),
            Expect.Call(Expect.KernelChat, 1, "ChatCompletionServiceExtensions.GetChatMessageContentAsync"),
            Expect.Call(Expect.KernelChat, 2, "ITextGenerationService.GetTextContentsAsync"),
            Expect.Call(Expect.KernelChat, 3, "Kernel.InvokeAsync"),
            Expect.Call(Expect.KernelChat, 4, "KernelExtensions.InvokePromptAsync"),
            Expect.Call(Expect.KernelChat, 5, "KernelExtensions.InvokePromptStreamingAsync"),
            Expect.Call(Expect.KernelChat, 6, "Kernel.InvokeStreamingAsync")).RunAsync();

    [Fact]
    public Task A_kernel_function_invoked_directly_is_reported() => Test("""
        class Assistant
        {
            async Task Ask(Kernel kernel, KernelArguments arguments)
            {
                var function = kernel.CreateFunctionFromPrompt("Summarize {{$input}}");
                await {|#0:function.InvokeAsync(kernel, arguments)|};
                await {|#1:function.InvokeAsync<string>(kernel, arguments)|};
                await foreach (var update in {|#2:function.InvokeStreamingAsync(kernel, arguments)|}) { }
            }
        }
        """).Expect(
            Expect.Call(Expect.KernelChat, 0, "KernelFunction.InvokeAsync"),
            Expect.Call(Expect.KernelChat, 1, "KernelFunction.InvokeAsync"),
            Expect.Call(Expect.KernelChat, 2, "KernelFunction.InvokeStreamingAsync")).RunAsync();

    [Fact]
    public Task A_users_extension_class_with_the_same_simple_name_is_not_reported() => Test("""
        namespace MyCompany
        {
            static class ChatClientExtensions
            {
                public static Task<string> GetResponseAsync(this string prompt) => Task.FromResult(prompt);
            }

            class Assistant
            {
                Task<string> Ask() => "hello".GetResponseAsync();
            }
        }
        """).RunAsync();

    [Fact]
    public Task A_call_that_does_not_bind_on_a_chat_client_is_reported() => Test("""
        class Assistant
        {
            void Ask(IChatClient client, Microsoft.SemanticKernel.Kernel kernel)
            {
                {|#0:client.CompleteAsync("written against an older SDK")|};
                {|#1:kernel.InvokePromptAsync(42, 43, 44, 45, 46, 47, 48)|};
            }
        }
        """).IgnoringCompilerErrors().Expect(
            Expect.Unbound(Expect.Chat, 0, "CompleteAsync", "IChatClient"),
            Expect.Unbound(Expect.Chat, 1, "InvokePromptAsync", "KernelExtensions")).RunAsync();

    [Fact]
    public Task A_call_that_does_not_bind_on_a_type_deriving_from_an_ai_type_is_reported() => Test("""
        class AzureLikeClient : ChatClient
        {
            public AzureLikeClient() : base("model", "key") { }
        }

        class Assistant
        {
            void Ask(AzureLikeClient client) => {|#0:client.CompleteChatLegacy("hello")|};
        }
        """).IgnoringCompilerErrors().Expect(Expect.Unbound(Expect.Chat, 0, "CompleteChatLegacy", "AzureLikeClient")).RunAsync();
}
