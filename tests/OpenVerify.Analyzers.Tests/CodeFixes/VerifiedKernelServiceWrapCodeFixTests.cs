using OpenVerify.Analyzers.Tests.Infrastructure;
using OpenVerify.CodeFixes;

namespace OpenVerify.Analyzers.Tests.CodeFixes;

/// <summary>
/// "Verify the Semantic Kernel chat / embedding service where it is received": an <c>IChatCompletionService</c> or
/// <c>ITextEmbeddingGenerationService</c> whose registration no kernel fix can rebuild (a connector the program cannot
/// map, a registration by type, a kernel handed in) is wrapped over a verified client through Semantic Kernel's own
/// bridges, keeps its type and calls, and the call is marked. Before/after per shape, Fix All, and where it is not
/// offered. The fixed code is compiled against the real Semantic Kernel and OpenVerify.Extensions.AI assemblies;
/// tests/OpenVerify.Extensions.AI.Tests SemanticKernelServiceWrapTests runs the same chains against a loopback server.
/// </summary>
public class VerifiedKernelServiceWrapCodeFixTests
{
    private const string ChatMark = "[AllowUnverifiedAi(\"the Semantic Kernel chat service is wrapped over a VerifiedChatClient where it is received: every model call is attested\")]";
    private const string EmbeddingMark = "[AllowUnverifiedAi(\"the Semantic Kernel embedding service is wrapped over a VerifiedEmbeddingGenerator where it is received: every model call is attested\")]";

    private sealed class Test(string source, string? fixedSource = null)
        : AiCallCodeFixTest<VerifiedClientWrapCodeFixProvider>(source, fixedSource, TestReferences.WithSemanticKernelOpenAi);

    /// <summary>A primary constructor's service (registered by a connector the program cannot map): a field of its name over a verified client.</summary>
    [Fact]
    public Task A_primary_constructor_chat_service_gets_a_verified_field_of_its_name() => new Test("""
        using System.Threading.Tasks;
        using Microsoft.SemanticKernel;
        using Microsoft.SemanticKernel.ChatCompletion;

        public sealed class SemanticSearch(IChatCompletionService chat)
        {
            public async Task<string?> SummarizeAsync(string text)
            {
                var history = new ChatHistory("Summarize the text.");
                history.AddUserMessage(text);
                var answer = await {|OV0003:chat.GetChatMessageContentAsync(history)|};
                return answer.Content;
            }
        }
        """, """
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;
        using Microsoft.SemanticKernel;
        using Microsoft.SemanticKernel.ChatCompletion;
        using OpenVerify.Extensions.AI;

        public sealed class SemanticSearch(IChatCompletionService chat)
        {
            private readonly IChatCompletionService chat = chat.AsChatClient().AsBuilder().UseKernelFunctionInvocation().UseOpenVerify().BuildVerified().AsChatCompletionService();

            public async Task<string?> SummarizeAsync(string text)
            {
                var history = new ChatHistory("Summarize the text.");
                history.AddUserMessage(text);
                var answer = await chat.GetChatMessageContentAsync(history);
                return answer.Content;
            }
        }
        """).RunAsync();

    /// <summary>The service asked of a kernel the code is handed (a process step's kernel): the local's value is wrapped.</summary>
    [Fact]
    public Task A_service_taken_from_a_kernel_handed_in_is_wrapped_where_it_is_taken() => new Test("""
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using Microsoft.SemanticKernel;
        using Microsoft.SemanticKernel.ChatCompletion;

        public sealed class GenerateDocumentationStep
        {
            public async IAsyncEnumerable<string?> GenerateAsync(Kernel kernel, string productInfo)
            {
                IChatCompletionService chatService = kernel.GetRequiredService<IChatCompletionService>();
                var history = new ChatHistory("Write the documentation.");
                history.AddUserMessage(productInfo);
                await foreach (var update in {|OV0003:chatService.GetStreamingChatMessageContentsAsync(history, kernel: kernel)|})
                {
                    yield return update.Content;
                }
            }
        }
        """, """
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;
        using Microsoft.SemanticKernel;
        using Microsoft.SemanticKernel.ChatCompletion;
        using OpenVerify.Extensions.AI;

        public sealed class GenerateDocumentationStep
        {
            public async IAsyncEnumerable<string?> GenerateAsync(Kernel kernel, string productInfo)
            {
                IChatCompletionService chatService = kernel.GetRequiredService<IChatCompletionService>().AsChatClient().AsBuilder().UseKernelFunctionInvocation().UseOpenVerify().BuildVerified().AsChatCompletionService();
                var history = new ChatHistory("Write the documentation.");
                history.AddUserMessage(productInfo);
                await foreach (var update in chatService.GetStreamingChatMessageContentsAsync(history, kernel: kernel))
                {
                    yield return update.Content;
                }
            }
        }
        """).RunAsync();

    /// <summary>
    /// A service made from a chat client by Semantic Kernel's adapter (microsoft/ai-dev-gallery's SemanticKernelChat
    /// sample): the client is verified before it is adapted, not adapted back and forth
    /// (<c>client.AsChatCompletionService().AsChatClient()…AsChatCompletionService()</c>).
    /// </summary>
    [Fact]
    public Task A_service_adapted_from_a_chat_client_verifies_the_client_before_the_adapter() => new Test("""
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;
        using Microsoft.SemanticKernel;
        using Microsoft.SemanticKernel.ChatCompletion;

        public sealed class ChatPage
        {
            private IChatCompletionService? _service;

            public void Load(IChatClient model)
            {
        #pragma warning disable SKEXP0001
                _service = model.AsChatCompletionService();
        #pragma warning restore SKEXP0001
            }

            public async Task<string?> AskAsync(ChatHistory history)
            {
                if (_service == null)
                {
                    return null;
                }

                var answer = await {|OV0003:_service.GetChatMessageContentAsync(history)|};
                return answer.Content;
            }
        }
        """, """
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;
        using Microsoft.SemanticKernel;
        using Microsoft.SemanticKernel.ChatCompletion;
        using OpenVerify.Extensions.AI;

        public sealed class ChatPage
        {
            private IChatCompletionService? _service;

            public void Load(IChatClient model)
            {
        #pragma warning disable SKEXP0001
                _service = model.AsBuilder().UseKernelFunctionInvocation().UseOpenVerify().BuildVerified().AsChatCompletionService();
        #pragma warning restore SKEXP0001
            }

            public async Task<string?> AskAsync(ChatHistory history)
            {
                if (_service == null)
                {
                    return null;
                }

                var answer = await _service.GetChatMessageContentAsync(history);
                return answer.Content;
            }
        }
        """).RunAsync();

    /// <summary>The same for an embedding service adapted from a generator: the generator is verified first.</summary>
    [Fact]
    public Task An_embedding_service_adapted_from_a_generator_verifies_the_generator_before_the_adapter() => new Test("""
        using System;
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;
        using Microsoft.SemanticKernel.Embeddings;

        public static class Search
        {
            public static async Task<ReadOnlyMemory<float>> EmbedAsync(IEmbeddingGenerator<string, Embedding<float>> generator, string text)
            {
        #pragma warning disable SKEXP0001
                var service = generator.AsTextEmbeddingGenerationService();
        #pragma warning restore SKEXP0001
                return await {|OV0004:service.GenerateEmbeddingAsync(text)|};
            }
        }
        """, """
        using System;
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;
        using Microsoft.SemanticKernel.Embeddings;
        using OpenVerify.Extensions.AI;

        public static class Search
        {
            public static async Task<ReadOnlyMemory<float>> EmbedAsync(IEmbeddingGenerator<string, Embedding<float>> generator, string text)
            {
        #pragma warning disable SKEXP0001
                var service = generator.AsVerified().AsTextEmbeddingGenerationService();
        #pragma warning restore SKEXP0001
                return await service.GenerateEmbeddingAsync(text);
            }
        }
        """).RunAsync();

    /// <summary>A method's (or a minimal-API handler's) parameter: wrapped at the call.</summary>
    [Fact]
    public Task An_embedding_service_parameter_is_wrapped_at_the_call() => new Test("""
        using System.Linq;
        using System.Threading.Tasks;
        using Microsoft.SemanticKernel.Embeddings;

        #pragma warning disable CS0618
        public static class CatalogApi
        {
            public static async Task<float[]> SearchAsync(string text, ITextEmbeddingGenerationService embedder)
            {
                var vector = await {|OV0004:embedder.GenerateEmbeddingAsync(text)|};
                return vector.ToArray();
            }
        }
        """, """
        using System.Linq;
        using System.Threading.Tasks;
        using Microsoft.SemanticKernel.Embeddings;
        using OpenVerify.Extensions.AI;

        #pragma warning disable CS0618
        public static class CatalogApi
        {
            public static async Task<float[]> SearchAsync(string text, ITextEmbeddingGenerationService embedder)
            {
                var vector = await embedder.AsEmbeddingGenerator().AsVerified().AsTextEmbeddingGenerationService().GenerateEmbeddingAsync(text);
                return vector.ToArray();
            }
        }
        """).RunAsync();

    /// <summary>
    /// A primary constructor's embedding service registered by type (<c>AddScoped&lt;ITextEmbeddingGenerationService, Local&gt;()</c>,
    /// which the kernel fix cannot map) read in two members: Fix All adds the field once and marks both calls.
    /// </summary>
    [Fact]
    public Task Fix_all_wraps_a_primary_constructor_embedding_service_once() => new Test("""
        using System;
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.SemanticKernel;
        using Microsoft.SemanticKernel.Embeddings;

        #pragma warning disable CS0618
        sealed class LocalEmbeddings : ITextEmbeddingGenerationService
        {
            public IReadOnlyDictionary<string, object?> Attributes { get; } = new Dictionary<string, object?>();
            public Task<IList<ReadOnlyMemory<float>>> GenerateEmbeddingsAsync(IList<string> data, Kernel? kernel = null, CancellationToken cancellationToken = default) => throw new NotImplementedException();
        }

        static class Startup
        {
            public static void Configure(IServiceCollection services) => services.AddScoped<ITextEmbeddingGenerationService, LocalEmbeddings>();
        }

        sealed class ProductManualSemanticSearch(ITextEmbeddingGenerationService embedder)
        {
            public Task<ReadOnlyMemory<float>> QueryAsync(string text) => {|OV0004:embedder.GenerateEmbeddingAsync(text)|};

            public Task<IList<ReadOnlyMemory<float>>> IndexAsync(IList<string> chunks) => {|OV0004:embedder.GenerateEmbeddingsAsync(chunks)|};
        }
        """, """
        using System;
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.SemanticKernel;
        using Microsoft.SemanticKernel.Embeddings;
        using OpenVerify.Extensions.AI;

        #pragma warning disable CS0618
        sealed class LocalEmbeddings : ITextEmbeddingGenerationService
        {
            public IReadOnlyDictionary<string, object?> Attributes { get; } = new Dictionary<string, object?>();
            public Task<IList<ReadOnlyMemory<float>>> GenerateEmbeddingsAsync(IList<string> data, Kernel? kernel = null, CancellationToken cancellationToken = default) => throw new NotImplementedException();
        }

        static class Startup
        {
            public static void Configure(IServiceCollection services) => services.AddScoped<ITextEmbeddingGenerationService, LocalEmbeddings>();
        }

        sealed class ProductManualSemanticSearch(ITextEmbeddingGenerationService embedder)
        {
            private readonly ITextEmbeddingGenerationService embedder = embedder.AsEmbeddingGenerator().AsVerified().AsTextEmbeddingGenerationService();

            public Task<ReadOnlyMemory<float>> QueryAsync(string text) => embedder.GenerateEmbeddingAsync(text);

            public Task<IList<ReadOnlyMemory<float>>> IndexAsync(IList<string> chunks) => embedder.GenerateEmbeddingsAsync(chunks);
        }
        """)
    {
        CodeActionEquivalenceKey = VerifiedClientWrapCodeFixProvider.KernelEmbeddingTitle,
        NumberOfFixAllIterations = 1,
    }.RunAsync();

    /// <summary>A private field given the injected service: its value wrapped; a field wrapped already gets only the mark.</summary>
    [Fact]
    public Task A_private_field_is_wrapped_where_it_is_given_its_value() => new Test("""
        using System.Collections.Generic;
        using Microsoft.SemanticKernel;
        using Microsoft.SemanticKernel.ChatCompletion;

        public sealed class Bot
        {
            private readonly IChatCompletionService _chat;

            public Bot(IChatCompletionService chat)
            {
                _chat = chat;
            }

            public IAsyncEnumerable<StreamingChatMessageContent> StreamAsync(ChatHistory history, PromptExecutionSettings settings, Kernel kernel) =>
                {|OV0003:_chat.GetStreamingChatMessageContentsAsync(history, settings, kernel)|};
        }
        """, """
        using System.Collections.Generic;
        using Microsoft.Extensions.AI;
        using Microsoft.SemanticKernel;
        using Microsoft.SemanticKernel.ChatCompletion;
        using OpenVerify.Extensions.AI;

        public sealed class Bot
        {
            private readonly IChatCompletionService _chat;

            public Bot(IChatCompletionService chat)
            {
                _chat = chat.AsChatClient().AsBuilder().UseKernelFunctionInvocation().UseOpenVerify().BuildVerified().AsChatCompletionService();
            }

            public IAsyncEnumerable<StreamingChatMessageContent> StreamAsync(ChatHistory history, PromptExecutionSettings settings, Kernel kernel) =>
                _chat.GetStreamingChatMessageContentsAsync(history, settings, kernel);
        }
        """).RunAsync();

    /// <summary>A field an earlier fix wrapped: the call in another member is marked, the value not wrapped twice.</summary>
    [Fact]
    public Task A_field_wrapped_already_is_not_reported() => new Test("""
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;
        using Microsoft.SemanticKernel;
        using Microsoft.SemanticKernel.ChatCompletion;
        using OpenVerify.Extensions.AI;

        public sealed class SemanticSearch(IChatCompletionService chat)
        {
            private readonly IChatCompletionService chat = chat.AsChatClient().AsBuilder().UseKernelFunctionInvocation().UseOpenVerify().BuildVerified().AsChatCompletionService();

            public async Task<string?> AskAsync(string question) => (await chat.GetChatMessageContentAsync(question)).Content;
        }
        """).RunAsync();

    /// <summary>
    /// A file that uses Semantic Kernel's <c>TextContent</c>: <c>using Microsoft.Extensions.AI;</c> would make it
    /// ambiguous, so the chain's extension classes are imported with <c>using static</c>.
    /// </summary>
    [Fact]
    public Task Where_a_using_would_make_a_name_ambiguous_the_extensions_are_imported_statically() => new Test("""
        using System.Threading.Tasks;
        using Microsoft.SemanticKernel;
        using Microsoft.SemanticKernel.ChatCompletion;

        public static class Ask
        {
            public static async Task<string?> RunAsync(IChatCompletionService chat, string question)
            {
                var history = new ChatHistory();
                history.AddUserMessage([new TextContent(question)]);
                return (await {|OV0003:chat.GetChatMessageContentAsync(history)|}).Content;
            }
        }
        """, """
        using System.Threading.Tasks;
        using Microsoft.SemanticKernel;
        using Microsoft.SemanticKernel.ChatCompletion;
        using static Microsoft.Extensions.AI.ChatClientBuilderChatClientExtensions;
        using static Microsoft.SemanticKernel.KernelFunctionInvokingChatClientBuilderExtensions;
        using static Microsoft.SemanticKernel.ChatCompletion.ChatCompletionServiceExtensions;
        using static Microsoft.SemanticKernel.ChatCompletion.ChatClientExtensions;
        using static OpenVerify.Extensions.AI.OpenVerifyChatClientBuilderExtensions;

        public static class Ask
        {
            public static async Task<string?> RunAsync(IChatCompletionService chat, string question)
            {
                var history = new ChatHistory();
                history.AddUserMessage([new TextContent(question)]);
                return (await chat.AsChatClient().AsBuilder().UseKernelFunctionInvocation().UseOpenVerify().BuildVerified().AsChatCompletionService().GetChatMessageContentAsync(history)).Content;
            }
        }
        """).RunAsync();

    /// <summary>
    /// A field of a partial type given its value in another file: the analyzer follows a variable's values in one
    /// file only, so the call keeps the mark there.
    /// </summary>
    [Fact]
    public Task A_field_of_a_partial_type_written_in_another_file_keeps_the_mark()
    {
        var test = new Test("""
            using System.Threading.Tasks;
            using Microsoft.SemanticKernel;
            using Microsoft.SemanticKernel.ChatCompletion;

            public sealed partial class Search
            {
                private readonly IChatCompletionService _chat;

                public async Task<string?> AskAsync(string question) => (await {|OV0003:_chat.GetChatMessageContentAsync(question)|}).Content;
            }
            """, """
            using System.Threading.Tasks;
            using Microsoft.SemanticKernel;
            using Microsoft.SemanticKernel.ChatCompletion;
            using OpenVerify;

            public sealed partial class Search
            {
                private readonly IChatCompletionService _chat;

                CHATMARK
                public async Task<string?> AskAsync(string question) => (await _chat.GetChatMessageContentAsync(question)).Content;
            }
            """.Replace("CHATMARK", ChatMark, StringComparison.Ordinal));
        test.TestState.Sources.Add(("Search.Ctor.cs", """
            using Microsoft.SemanticKernel;
            using Microsoft.SemanticKernel.ChatCompletion;

            public sealed partial class Search
            {
                public Search(Kernel kernel) => _chat = kernel.GetRequiredService<IChatCompletionService>();
            }
            """));
        test.FixedState.Sources.Add(("Search.Ctor.cs", """
            using Microsoft.Extensions.AI;
            using Microsoft.SemanticKernel;
            using Microsoft.SemanticKernel.ChatCompletion;
            using OpenVerify.Extensions.AI;

            public sealed partial class Search
            {
                public Search(Kernel kernel) => _chat = kernel.GetRequiredService<IChatCompletionService>().AsChatClient().AsBuilder().UseKernelFunctionInvocation().UseOpenVerify().BuildVerified().AsChatCompletionService();
            }
            """));
        return test.RunAsync();
    }

    /// <summary>
    /// A local wrapped already but also written through <c>out</c>: the analyzer reports the call (that value is not
    /// seen), and the fix neither marks it (which would hide the unverified value) nor wraps the call a second time.
    /// </summary>
    [Fact]
    public Task A_variable_written_through_out_is_neither_marked_nor_wrapped_twice() => new Test("""
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;
        using Microsoft.SemanticKernel;
        using Microsoft.SemanticKernel.ChatCompletion;
        using OpenVerify.Extensions.AI;

        public static class Ask
        {
            static bool TryGet(out IChatCompletionService service)
            {
                service = null!;
                return false;
            }

            public static async Task<string?> RunAsync(IChatCompletionService raw, string question)
            {
                IChatCompletionService chat = raw.AsChatClient().AsBuilder().UseKernelFunctionInvocation().UseOpenVerify().BuildVerified().AsChatCompletionService();
                TryGet(out chat);
                return (await {|OV0003:chat.GetChatMessageContentAsync(question)|}).Content;
            }
        }
        """).RunAsync();

    public static TheoryData<string> NotOffered() => new()
    {
        // A registration the kernel fix rebuilds: "Build the kernel on a VerifiedChatClient" is offered instead.
        """
        class A
        {
            static Kernel Build(string key)
            {
                var builder = Kernel.CreateBuilder();
                builder.AddOpenAIChatCompletion("gpt-4o-mini", key);
                return builder.Build();
            }
            Task<ChatMessageContent> M(Kernel kernel) => {|OV0003:kernel.GetRequiredService<IChatCompletionService>().GetChatMessageContentAsync("q")|};
        }
        """,
        // The same for embeddings: "Build the kernel's embedding service on a VerifiedEmbeddingGenerator" is offered.
        """
        class A(ITextEmbeddingGenerationService e)
        {
            static void Configure(IKernelBuilder b)
            {
                b.AddOpenAITextEmbeddingGeneration("m", "key");
            }

            Task<ReadOnlyMemory<float>> M() => {|OV0004:e.GenerateEmbeddingAsync("q")|};
        }
        """,
        // Through ?.: the null check is the code's to move.
        """
        class A
        {
            Task<ChatMessageContent>? M(IChatCompletionService? chat) => chat?{|OV0003:.GetChatMessageContentAsync("q")|};
        }
        """,
        // The service's own call.
        """
        abstract class Own : IChatCompletionService
        {
            public abstract IReadOnlyDictionary<string, object?> Attributes { get; }
            public abstract Task<IReadOnlyList<ChatMessageContent>> GetChatMessageContentsAsync(ChatHistory chatHistory, PromptExecutionSettings? executionSettings = null, Kernel? kernel = null, CancellationToken cancellationToken = default);
            public abstract IAsyncEnumerable<StreamingChatMessageContent> GetStreamingChatMessageContentsAsync(ChatHistory chatHistory, PromptExecutionSettings? executionSettings = null, Kernel? kernel = null, CancellationToken cancellationToken = default);
            Task<ChatMessageContent> M() => {|OV0003:this.GetChatMessageContentAsync("q")|};
        }
        """,
    };

    [Theory]
    [MemberData(nameof(NotOffered))]
    public Task Not_offered_where_another_fix_is_or_the_rewrite_is_not_safe(string source) => new Test("""
        using System;
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.SemanticKernel;
        using Microsoft.SemanticKernel.ChatCompletion;
        using Microsoft.SemanticKernel.Embeddings;

        #pragma warning disable SKEXP0010, SKEXP0001, CS0618

        """ + source).RunAsync();
}
