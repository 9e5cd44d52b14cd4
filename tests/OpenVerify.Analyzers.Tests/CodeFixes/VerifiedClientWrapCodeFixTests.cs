using OpenVerify.CodeFixes;
using Test = OpenVerify.Analyzers.Tests.CodeFixes.VerifiedMediaClientCodeFixTests.Test<OpenVerify.CodeFixes.VerifiedClientWrapCodeFixProvider>;

namespace OpenVerify.Analyzers.Tests.CodeFixes;

/// <summary>
/// "Verify the chat client / embedding generator where it is received (AsVerified)": before/after per shape, Fix All,
/// and where it is not offered (a registration found, a client built in place that the other fix re-types, no
/// package). The fixed code is compiled by the test framework against the real Microsoft.Extensions.AI, OpenAI and
/// OpenVerify.Extensions.AI assemblies (compiler errors fail the test).
/// </summary>
public class VerifiedClientWrapCodeFixTests
{
    [Fact]
    public Task A_constructor_injected_field_whose_registration_is_not_in_the_solution_is_wrapped_where_it_is_stored() => new Test("""
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;

        public sealed class ChatState
        {
            private readonly IChatClient _chatClient;

            public ChatState(IChatClient chatClient)
            {
                _ = chatClient.GetService<ChatClientMetadata>()?.DefaultModelId;
                _chatClient = chatClient;
            }

            public async Task<string> AskAsync(IList<ChatMessage> messages) => (await {|OV0003:_chatClient.GetResponseAsync(messages)|}).Text;
        }
        """, """
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;
        using OpenVerify.Extensions.AI;

        public sealed class ChatState
        {
            private readonly VerifiedChatClient _chatClient;

            public ChatState(IChatClient chatClient)
            {
                _ = chatClient.GetService<ChatClientMetadata>()?.DefaultModelId;
                _chatClient = chatClient.AsVerified();
            }

            public async Task<string> AskAsync(IList<ChatMessage> messages) => (await _chatClient.GetResponseAsync(messages)).Text;
        }
        """).RunAsync();

    [Fact]
    public Task An_optional_injected_generator_stays_optional_and_every_call_is_fixed_at_once() => new Test("""
        #nullable enable
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;

        public sealed class CatalogAI
        {
            private readonly IEmbeddingGenerator<string, Embedding<float>>? _embeddingGenerator;

            public CatalogAI(IEmbeddingGenerator<string, Embedding<float>>? embeddingGenerator = null)
            {
                _embeddingGenerator = embeddingGenerator;
            }

            public bool IsEnabled => _embeddingGenerator is not null;

            public async Task<int> CountAsync(IEnumerable<string> items) =>
                IsEnabled ? (await {|OV0004:_embeddingGenerator!.GenerateAsync(items)|}).Count : 0;

            public async Task<float[]?> EmbedAsync(string text) =>
                IsEnabled ? (await {|OV0004:_embeddingGenerator!.GenerateVectorAsync(text)|}).ToArray() : null;
        }
        """, """
        #nullable enable
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;
        using OpenVerify.Extensions.AI;

        public sealed class CatalogAI
        {
            private readonly VerifiedEmbeddingGenerator<string, Embedding<float>>? _embeddingGenerator;

            public CatalogAI(IEmbeddingGenerator<string, Embedding<float>>? embeddingGenerator = null)
            {
                _embeddingGenerator = embeddingGenerator?.AsVerified();
            }

            public bool IsEnabled => _embeddingGenerator is not null;

            public async Task<int> CountAsync(IEnumerable<string> items) =>
                IsEnabled ? (await _embeddingGenerator!.GenerateAsync(items)).Count : 0;

            public async Task<float[]?> EmbedAsync(string text) =>
                IsEnabled ? (await _embeddingGenerator!.GenerateVectorAsync(text)).ToArray() : null;
        }
        """)
    {
        CodeActionEquivalenceKey = VerifiedClientWrapCodeFixProvider.EmbeddingTitle,
        NumberOfFixAllIterations = 1,
    }.RunAsync();

    [Fact]
    public Task A_primary_constructor_parameter_gets_a_verified_field_of_its_name() => new Test("""
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;

        public sealed class SemanticSearch(IEmbeddingGenerator<string, Embedding<float>> embeddingGenerator, string collection)
        {
            public string Collection => collection;

            public async Task<float[]> SearchAsync(string searchTerm, CancellationToken cancellationToken)
            {
                var vector = await {|OV0004:embeddingGenerator.GenerateVectorAsync(searchTerm, cancellationToken: cancellationToken)|};
                return vector.ToArray();
            }

            public Task<GeneratedEmbeddings<Embedding<float>>> IngestAsync(string[] chunks) => {|OV0004:embeddingGenerator.GenerateAsync(chunks)|};
        }
        """, """
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;
        using OpenVerify.Extensions.AI;

        public sealed class SemanticSearch(IEmbeddingGenerator<string, Embedding<float>> embeddingGenerator, string collection)
        {
            private readonly VerifiedEmbeddingGenerator<string, Embedding<float>> embeddingGenerator = embeddingGenerator.AsVerified();

            public string Collection => collection;

            public async Task<float[]> SearchAsync(string searchTerm, CancellationToken cancellationToken)
            {
                var vector = await embeddingGenerator.GenerateVectorAsync(searchTerm, cancellationToken: cancellationToken);
                return vector.ToArray();
            }

            public Task<GeneratedEmbeddings<Embedding<float>>> IngestAsync(string[] chunks) => embeddingGenerator.GenerateAsync(chunks);
        }
        """)
    {
        CodeActionEquivalenceKey = VerifiedClientWrapCodeFixProvider.EmbeddingTitle,
        NumberOfFixAllIterations = 1,
    }.RunAsync();

    [Fact]
    public Task A_handler_parameter_is_wrapped_at_each_call_keeping_streaming_and_structured_output() => new Test("""
        using System.Collections.Generic;
        using System.Text;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;

        public sealed record Classification(bool AddressedToCustomer);

        public static class AssistantApi
        {
            public static async Task<string> ChatAsync(List<ChatMessage> messages, IChatClient chatClient, CancellationToken cancellationToken)
            {
                var answer = new StringBuilder();
                var streamingAnswer = {|OV0003:chatClient.GetStreamingResponseAsync(messages, new ChatOptions { Temperature = 0 }, cancellationToken)|};
                await foreach (var chunk in streamingAnswer)
                {
                    answer.Append(chunk.ToString());
                }

                var classification = await {|OV0003:chatClient.GetResponseAsync<Classification>($"Is this addressed to the customer: {answer}", cancellationToken: cancellationToken)|};
                return classification.TryGetResult(out var result) && result.AddressedToCustomer ? "yes" : answer.ToString();
            }
        }
        """, """
        using System.Collections.Generic;
        using System.Text;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;
        using OpenVerify.Extensions.AI;

        public sealed record Classification(bool AddressedToCustomer);

        public static class AssistantApi
        {
            public static async Task<string> ChatAsync(List<ChatMessage> messages, IChatClient chatClient, CancellationToken cancellationToken)
            {
                var answer = new StringBuilder();
                var streamingAnswer = chatClient.AsVerified().GetStreamingResponseAsync(messages, new ChatOptions { Temperature = 0 }, cancellationToken);
                await foreach (var chunk in streamingAnswer)
                {
                    answer.Append(chunk.ToString());
                }

                var classification = await chatClient.AsVerified().GetResponseAsync<Classification>($"Is this addressed to the customer: {answer}", cancellationToken: cancellationToken);
                return classification.TryGetResult(out var result) && result.AddressedToCustomer ? "yes" : answer.ToString();
            }
        }
        """)
    {
        CodeActionEquivalenceKey = VerifiedClientWrapCodeFixProvider.ChatTitle,
        NumberOfFixAllIterations = 1,
    }.RunAsync();

    [Fact]
    public Task A_minimal_api_lambda_parameter_is_wrapped_at_the_call() => new Test("""
        using System;
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;

        public static class Endpoints
        {
            public static Func<string, IChatClient, Task<string>> Ask = async (question, chat) => (await {|OV0003:chat.GetResponseAsync(question)|}).Text;
        }
        """, """
        using System;
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;
        using OpenVerify.Extensions.AI;

        public static class Endpoints
        {
            public static Func<string, IChatClient, Task<string>> Ask = async (question, chat) => (await chat.AsVerified().GetResponseAsync(question)).Text;
        }
        """).RunAsync();

    /// <summary>
    /// A file whose usings are sorted alphabetically, System among the others (microsoft/ai-dev-gallery's style): the
    /// new using takes its alphabetical place instead of going after the System ones.
    /// </summary>
    [Fact]
    public Task The_new_using_follows_a_file_that_does_not_place_system_first() => new Test("""
        using Microsoft.Extensions.AI;
        using System;
        using System.Threading.Tasks;
        using Windows.Storage;

        namespace Windows.Storage { public sealed class StorageFile { } }

        public static class Endpoints
        {
            public static Func<string, IChatClient, Task<string>> Ask = async (question, chat) => (await {|OV0003:chat.GetResponseAsync(question)|}).Text;
        }
        """, """
        using Microsoft.Extensions.AI;
        using OpenVerify.Extensions.AI;
        using System;
        using System.Threading.Tasks;
        using Windows.Storage;

        namespace Windows.Storage { public sealed class StorageFile { } }

        public static class Endpoints
        {
            public static Func<string, IChatClient, Task<string>> Ask = async (question, chat) => (await chat.AsVerified().GetResponseAsync(question)).Text;
        }
        """).RunAsync();

    /// <summary>
    /// A field of the user's own generator class (microsoft/ai-dev-gallery's ONNX Runtime <c>EmbeddingGenerator</c>):
    /// wrapped at the call as a person writes it, <c>_embeddings.AsVerified()</c>, not through a cast to the interface.
    /// </summary>
    [Fact]
    public Task A_field_of_a_class_implementing_the_generator_is_wrapped_at_the_call_without_a_cast() => new Test("""
        #nullable enable
        using System;
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;

        internal sealed class LocalEmbeddings : IEmbeddingGenerator<string, Embedding<float>>
        {
            public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default) =>
                Task.FromResult(new GeneratedEmbeddings<Embedding<float>>());

            public object? GetService(Type serviceType, object? serviceKey = null) => null;

            public void Dispose()
            {
            }
        }

        internal sealed class SearchPage
        {
            private LocalEmbeddings? _embeddings = new();

            public async Task<int> SearchAsync(string text)
            {
                if (_embeddings == null)
                {
                    return 0;
                }

                var vectors = await {|OV0004:_embeddings.GenerateAsync([text])|};
                _embeddings.Dispose();
                return vectors.Count;
            }
        }
        """, """
        #nullable enable
        using System;
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;
        using OpenVerify.Extensions.AI;

        internal sealed class LocalEmbeddings : IEmbeddingGenerator<string, Embedding<float>>
        {
            public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default) =>
                Task.FromResult(new GeneratedEmbeddings<Embedding<float>>());

            public object? GetService(Type serviceType, object? serviceKey = null) => null;

            public void Dispose()
            {
            }
        }

        internal sealed class SearchPage
        {
            private LocalEmbeddings? _embeddings = new();

            public async Task<int> SearchAsync(string text)
            {
                if (_embeddings == null)
                {
                    return 0;
                }

                var vectors = await _embeddings.AsVerified().GenerateAsync([text]);
                _embeddings.Dispose();
                return vectors.Count;
            }
        }
        """).RunAsync();

    /// <summary>
    /// A using inside <c>#if … #endif</c> (a multi-targeted or platform-specific file): the new using goes outside the
    /// region, where a build without the symbol sees it too, not after the last using that sorts before it.
    /// </summary>
    [Fact]
    public Task The_new_using_goes_outside_a_conditional_region() => new Test("""
        using System;
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;
        #if !LEGACY
        using Contoso.Tools;
        #endif

        namespace Contoso.Tools { public static class Marker { } }

        public static class Endpoints
        {
            public static Func<string, IChatClient, Task<string>> Ask = async (question, chat) => (await {|OV0003:chat.GetResponseAsync(question)|}).Text;
        }
        """, """
        using System;
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;
        using OpenVerify.Extensions.AI;
        #if !LEGACY
        using Contoso.Tools;
        #endif

        namespace Contoso.Tools { public static class Marker { } }

        public static class Endpoints
        {
            public static Func<string, IChatClient, Task<string>> Ask = async (question, chat) => (await chat.AsVerified().GetResponseAsync(question)).Text;
        }
        """).RunAsync();

    /// <summary>
    /// A file whose first using is inside <c>#if</c> and whose others sort after the new one: it goes first, before the
    /// region (and after the <c>#nullable</c> line in front of it), not into it.
    /// </summary>
    [Fact]
    public Task The_new_first_using_goes_before_a_conditional_region_that_opens_the_usings() => new Test("""
        #nullable enable
        #if !LEGACY
        using Contoso.Tools;
        #endif
        using System.Threading.Tasks;

        namespace Contoso.Tools { public static class Marker { } }

        public static class Endpoints
        {
            public static async Task<string> AskAsync(Microsoft.Extensions.AI.IChatClient chat, string question) => (await {|OV0003:chat.GetResponseAsync(new[] { new Microsoft.Extensions.AI.ChatMessage(Microsoft.Extensions.AI.ChatRole.User, question) })|}).Text;
        }
        """, """
        #nullable enable
        using OpenVerify.Extensions.AI;
        #if !LEGACY
        using Contoso.Tools;
        #endif
        using System.Threading.Tasks;

        namespace Contoso.Tools { public static class Marker { } }

        public static class Endpoints
        {
            public static async Task<string> AskAsync(Microsoft.Extensions.AI.IChatClient chat, string question) => (await chat.AsVerified().GetResponseAsync(new[] { new Microsoft.Extensions.AI.ChatMessage(Microsoft.Extensions.AI.ChatRole.User, question) })).Text;
        }
        """).RunAsync();

    /// <summary>
    /// A user class whose file imports an extension of the user's own named AsVerified for that class:
    /// <c>chat.AsVerified()</c> would bind to it, compile, and leave the call unverified (the fix then wrapped it twice),
    /// so the cast to the interface stays.
    /// </summary>
    [Fact]
    public Task A_class_with_an_imported_extension_of_that_name_keeps_the_cast() => new Test("""
        #nullable enable
        using System;
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using Contoso.Checks;
        using Microsoft.Extensions.AI;

        namespace Contoso.Checks
        {
            public static class ClientChecks
            {
                public static LocalChat AsVerified(this LocalChat client) => client;
            }
        }

        public abstract class LocalChat : IChatClient
        {
            public abstract Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> m, ChatOptions? o = null, CancellationToken t = default);
            public abstract IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> m, ChatOptions? o = null, CancellationToken t = default);
            public abstract object? GetService(Type s, object? k = null);
            public abstract void Dispose();
        }

        public static class Endpoints
        {
            public static async Task<string> AskAsync(LocalChat chat, string question) => (await {|OV0003:chat.GetResponseAsync(question)|}).Text;
        }
        """, """
        #nullable enable
        using System;
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using Contoso.Checks;
        using Microsoft.Extensions.AI;
        using OpenVerify.Extensions.AI;

        namespace Contoso.Checks
        {
            public static class ClientChecks
            {
                public static LocalChat AsVerified(this LocalChat client) => client;
            }
        }

        public abstract class LocalChat : IChatClient
        {
            public abstract Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> m, ChatOptions? o = null, CancellationToken t = default);
            public abstract IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> m, ChatOptions? o = null, CancellationToken t = default);
            public abstract object? GetService(Type s, object? k = null);
            public abstract void Dispose();
        }

        public static class Endpoints
        {
            public static async Task<string> AskAsync(LocalChat chat, string question) => (await ((IChatClient)chat).AsVerified().GetResponseAsync(question)).Text;
        }
        """).RunAsync();

    [Fact]
    public Task A_public_field_of_a_base_class_is_wrapped_at_the_call() => new Test("""
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;
        using OpenAI;

        public class GameActionProviderBase
        {
            public IChatClient chat = null!;

            public async Task<string> AnalyzeAsync(string frame) => (await {|OV0003:chat.GetResponseAsync(frame)|}).Text;
        }

        public class OpenAiGameActionProvider : GameActionProviderBase
        {
            public OpenAiGameActionProvider(string key) => chat = new OpenAIClient(key).GetChatClient("gpt-4o-mini").AsIChatClient();
        }
        """, """
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;
        using OpenAI;
        using OpenVerify.Extensions.AI;

        public class GameActionProviderBase
        {
            public IChatClient chat = null!;

            public async Task<string> AnalyzeAsync(string frame) => (await chat.AsVerified().GetResponseAsync(frame)).Text;
        }

        public class OpenAiGameActionProvider : GameActionProviderBase
        {
            public OpenAiGameActionProvider(string key) => chat = new OpenAIClient(key).GetChatClient("gpt-4o-mini").AsIChatClient();
        }
        """).RunAsync();

    [Fact]
    public Task A_top_level_local_built_in_place_and_passed_on_is_retyped_and_wrapped() => new Test("""
        using System;
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;
        using OpenAI;

        IEmbeddingGenerator<string, Embedding<float>> generator =
            new OpenAIClient("key").GetEmbeddingClient("text-embedding-3-small").AsIEmbeddingGenerator();
        var store = new VectorStore(generator);
        var vector = await {|OV0004:generator.GenerateVectorAsync("query")|};
        Console.WriteLine(vector.Length + store.Count);

        sealed class VectorStore(IEmbeddingGenerator<string, Embedding<float>> embeddings)
        {
            public int Count => embeddings.GetHashCode();
        }
        """, """
        using System;
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;
        using OpenAI;
        using OpenVerify.Extensions.AI;

        VerifiedEmbeddingGenerator<string, Embedding<float>> generator =
            new OpenAIClient("key").GetEmbeddingClient("text-embedding-3-small").AsIEmbeddingGenerator().AsVerified();
        var store = new VectorStore(generator);
        var vector = await generator.GenerateVectorAsync("query");
        Console.WriteLine(vector.Length + store.Count);

        sealed class VectorStore(IEmbeddingGenerator<string, Embedding<float>> embeddings)
        {
            public int Count => embeddings.GetHashCode();
        }
        """)
    {
        TestState = { OutputKind = Microsoft.CodeAnalysis.OutputKind.ConsoleApplication },
    }.RunAsync();

    [Fact]
    public Task A_builder_pipeline_passed_on_gets_the_attesting_step_innermost() => new Test("""
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;
        using OpenAI;

        class Host
        {
            static void Keep(IChatClient client) { }

            async Task<string> RunAsync(string key)
            {
                IChatClient client = new OpenAIClient(key).GetChatClient("gpt-4o-mini").AsIChatClient().AsBuilder().UseFunctionInvocation().Build();
                Keep(client);
                return (await {|OV0003:client.GetResponseAsync("hi")|}).Text;
            }
        }
        """, """
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;
        using OpenAI;
        using OpenVerify.Extensions.AI;

        class Host
        {
            static void Keep(IChatClient client) { }

            async Task<string> RunAsync(string key)
            {
                VerifiedChatClient client = new OpenAIClient(key).GetChatClient("gpt-4o-mini").AsIChatClient().AsBuilder().UseFunctionInvocation().UseOpenVerify().BuildVerified();
                Keep(client);
                return (await client.GetResponseAsync("hi")).Text;
            }
        }
        """).RunAsync();

    [Fact]
    public Task Not_offered_where_the_registration_is_in_the_solution_the_injection_fix_moves_it() => new Test(new[]
    {
        ("/0/Test0.cs", """
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;

            public sealed class Assistant(IChatClient chat)
            {
                public Task<ChatResponse> AskAsync(string question) => {|OV0003:chat.GetResponseAsync(question)|};
            }
            """),
        ("/0/Test1.cs", """
            using Microsoft.Extensions.AI;
            using Microsoft.Extensions.DependencyInjection;
            using OpenAI;

            static class Startup
            {
                public static void Configure(IServiceCollection services)
                {
                    services.AddChatClient(new OpenAIClient("key").GetChatClient("gpt-4o-mini").AsIChatClient());
                    services.AddSingleton<Assistant>();
                }
            }
            """),
    }).RunAsync();

    public static TheoryData<string> LeftToOtherFixesOrNotSafe() => new()
    {
        // Built in place and kept to itself: "Use a VerifiedChatClient" re-types it with the pipeline.
        "class A { async Task M(OpenAIClient o) { IChatClient c = o.GetChatClient(\"m\").AsIChatClient(); await {|OV0003:c.GetResponseAsync(\"q\")|}; } }",
        // A call on the client itself, from its own implementation.
        "abstract class A : IChatClient { public abstract Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> m, ChatOptions? o = null, CancellationToken t = default); public abstract IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> m, ChatOptions? o = null, CancellationToken t = default); public abstract object? GetService(Type s, object? k = null); public abstract void Dispose(); Task N() => {|OV0003:this.GetResponseAsync(\"q\")|}; }",
        // Through ?.: the wrapper would be built over null.
        "class A { Task<ChatResponse>? M(IChatClient? c) => c?{|OV0003:.GetResponseAsync(\"q\")|}; }",
    };

    [Theory]
    [MemberData(nameof(LeftToOtherFixesOrNotSafe))]
    public Task Not_offered_where_another_fix_is_or_the_wrap_is_not_safe(string source) => new Test("""
        #nullable enable
        using System;
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;
        using OpenAI;

        """ + source).RunAsync();

    [Fact]
    public Task Not_offered_without_the_package() => new Test("""
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;

        class A { Task M(IChatClient c) => {|OV0003:c.GetResponseAsync("q")|}; }
        """, withPackage: false).RunAsync();

    [Fact]
    public Task A_field_read_as_its_old_type_falls_back_to_wrapping_the_call() => new Test("""
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;

        class A
        {
            private IChatClient _c;
            A(IChatClient c) { _c = c; }
            void Swap(ref IChatClient other) { }
            void M() => Swap(ref _c);
            Task N() => {|OV0003:_c.GetResponseAsync("q")|};
        }
        """, """
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;
        using OpenVerify.Extensions.AI;

        class A
        {
            private IChatClient _c;
            A(IChatClient c) { _c = c; }
            void Swap(ref IChatClient other) { }
            void M() => Swap(ref _c);
            Task N() => _c.AsVerified().GetResponseAsync("q");
        }
        """).RunAsync();
}
