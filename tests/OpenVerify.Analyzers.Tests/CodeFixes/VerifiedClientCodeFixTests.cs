using Microsoft.CodeAnalysis.Testing;
using OpenVerify.Analyzers.Tests.Infrastructure;
using OpenVerify.CodeFixes;

namespace OpenVerify.Analyzers.Tests.CodeFixes;

/// <summary>
/// "Use a VerifiedChatClient / VerifiedEmbeddingGenerator": before/after, Fix All, and where it is not offered. The
/// fixed code is compiled by the test framework (compiler errors fail the test), against the verified client API.
/// </summary>
public class VerifiedClientCodeFixTests
{
    private sealed class Test(string source, string? fixedSource = null, bool withPackage = true)
        : AiCallCodeFixTest<VerifiedClientCodeFixProvider>(source, fixedSource, withPackage ? TestReferences.WithVerifiedClients : TestReferences.WithOpenAiAdapter);

    [Fact]
    public Task A_local_built_from_the_OpenAI_SDK_is_retyped_and_wrapped() => new Test("""
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;
        using OpenAI;

        class Assistant
        {
            async Task<string> Ask(OpenAIClient openAi, string question)
            {
                IChatClient client = openAi.GetChatClient("gpt-4o-mini").AsIChatClient();
                var response = await {|OV0003:client.GetResponseAsync(question)|};
                return response.Text;
            }
        }
        """, """
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;
        using OpenAI;
        using OpenVerify.Extensions.AI;

        class Assistant
        {
            async Task<string> Ask(OpenAIClient openAi, string question)
            {
                VerifiedChatClient client = openAi.GetChatClient("gpt-4o-mini").AsIChatClient().AsBuilder().UseOpenVerify().BuildVerified();
                var response = await client.GetResponseAsync(question);
                return response.Text;
            }
        }
        """).RunAsync();

    private const string OwnClient = """
        sealed class LocalModelClient : IChatClient
        {
            public LocalModelClient(string endpoint) { }
            public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();
            public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();
            public object? GetService(Type serviceType, object? serviceKey = null) => null;
            public void Dispose() { }
        }
        """;

    [Fact]
    public Task A_private_field_built_in_the_constructor_is_retyped_and_every_call_fixed_at_once() => new Test("""
        using System;
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;

        class Assistant : IDisposable
        {
            private readonly IChatClient _client;

            public Assistant(string endpoint)
            {
                _client = new LocalModelClient(endpoint);
            }

            public Task<ChatResponse> Ask(string question) => {|OV0003:_client.GetResponseAsync(question)|};

            public async Task Stream(string question)
            {
                await foreach (var update in {|OV0003:this._client.GetStreamingResponseAsync(question)|}) { }
            }

            public void Dispose() => _client.Dispose();
        }

        """ + OwnClient, """
        using System;
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;
        using OpenVerify.Extensions.AI;

        class Assistant : IDisposable
        {
            private readonly VerifiedChatClient _client;

            public Assistant(string endpoint)
            {
                _client = new LocalModelClient(endpoint).AsBuilder().UseOpenVerify().BuildVerified();
            }

            public Task<ChatResponse> Ask(string question) => _client.GetResponseAsync(question);

            public async Task Stream(string question)
            {
                await foreach (var update in this._client.GetStreamingResponseAsync(question)) { }
            }

            public void Dispose() => _client.Dispose();
        }

        """ + OwnClient).RunAsync();

    [Fact]
    public Task A_builder_pipeline_gets_the_attesting_step_innermost() => new Test("""
        using System;
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;

        class Assistant
        {
            private IChatClient _client = null!;

            public void Configure(IChatClient inner, IServiceProvider services)
            {
                _client = inner.AsBuilder().UseFunctionInvocation().Build(services);
            }

            public Task<ChatResponse> Ask(string question) => {|OV0003:_client.GetResponseAsync(question)|};
        }
        """, """
        using System;
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;
        using OpenVerify.Extensions.AI;

        class Assistant
        {
            private VerifiedChatClient _client = null!;

            public void Configure(IChatClient inner, IServiceProvider services)
            {
                _client = inner.AsBuilder().UseFunctionInvocation().UseOpenVerify().BuildVerified(services);
            }

            public Task<ChatResponse> Ask(string question) => _client.GetResponseAsync(question);
        }
        """).RunAsync();

    [Fact]
    public Task An_embedding_generator_in_top_level_statements_is_retyped_with_its_type_arguments() => new Test("""
        using Microsoft.Extensions.AI;
        using OpenAI;

        var openAi = new OpenAIClient("key");
        IEmbeddingGenerator<string, Embedding<float>> generator = openAi.GetEmbeddingClient("text-embedding-3-small").AsIEmbeddingGenerator();
        var vector = await {|OV0004:generator.GenerateVectorAsync("hello")|};
        System.Console.WriteLine(vector.Length);
        """, """
        using Microsoft.Extensions.AI;
        using OpenAI;
        using OpenVerify.Extensions.AI;

        var openAi = new OpenAIClient("key");
        VerifiedEmbeddingGenerator<string, Embedding<float>> generator = openAi.GetEmbeddingClient("text-embedding-3-small").AsIEmbeddingGenerator().AsBuilder().UseOpenVerify().BuildVerified();
        var vector = await generator.GenerateVectorAsync("hello");
        System.Console.WriteLine(vector.Length);
        """) { TestState = { OutputKind = Microsoft.CodeAnalysis.OutputKind.ConsoleApplication } }.RunAsync();

    [Fact]
    public Task A_local_onnx_generator_seen_through_the_interface_only_gets_its_type_back() => new Test("""
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;
        using OpenVerify.Extensions.AI.Local;

        class Indexer
        {
            private readonly IEmbeddingGenerator<OpenVerify.TensorValue, Embedding<float>> _generator = new VerifiedOnnxEmbeddingGenerator(null!);

            Task Index(OpenVerify.TensorValue image) => {|OV0004:_generator.GenerateVectorAsync(image)|};
        }
        """, """
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;
        using OpenVerify.Extensions.AI.Local;

        class Indexer
        {
            private readonly VerifiedOnnxEmbeddingGenerator _generator = new VerifiedOnnxEmbeddingGenerator(null!);

            Task Index(OpenVerify.TensorValue image) => _generator.GenerateVectorAsync(image);
        }
        """).RunAsync();

    [Fact]
    public Task A_var_local_keeps_var_and_an_awaited_factory_is_parenthesized() => new Test("""
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;
        using OpenVerify.Extensions.AI;

        class Assistant
        {
            static Task<IChatClient> ConnectAsync() => throw new System.NotSupportedException();

            async Task Ask()
            {
                var client = await ConnectAsync();
                await {|OV0003:client.GetResponseAsync("hello")|};
            }
        }
        """, """
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;
        using OpenVerify.Extensions.AI;

        class Assistant
        {
            static Task<IChatClient> ConnectAsync() => throw new System.NotSupportedException();

            async Task Ask()
            {
                var client = (await ConnectAsync()).AsBuilder().UseOpenVerify().BuildVerified();
                await client.GetResponseAsync("hello");
            }
        }
        """).RunAsync();

    [Fact]
    public Task Fix_all_retypes_each_variable_once_across_members() => new Test("""
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;
        using OpenAI;

        class Assistant
        {
            private readonly IChatClient _chat = new OpenAIClient("key").GetChatClient("m").AsIChatClient();
            private readonly IEmbeddingGenerator<string, Embedding<float>> _embeddings = new OpenAIClient("key").GetEmbeddingClient("e").AsIEmbeddingGenerator();

            Task A() => {|OV0003:_chat.GetResponseAsync("a")|};
            Task B() => {|OV0003:_chat.GetResponseAsync("b")|};

            async Task C()
            {
                IChatClient local = new OpenAIClient("key").GetChatClient("m").AsIChatClient();
                await {|OV0003:local.GetResponseAsync("c")|};
                await {|OV0004:_embeddings.GenerateVectorAsync("c")|};
            }
        }
        """, """
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;
        using OpenAI;
        using OpenVerify.Extensions.AI;

        class Assistant
        {
            private readonly VerifiedChatClient _chat = new OpenAIClient("key").GetChatClient("m").AsIChatClient().AsBuilder().UseOpenVerify().BuildVerified();
            private readonly IEmbeddingGenerator<string, Embedding<float>> _embeddings = new OpenAIClient("key").GetEmbeddingClient("e").AsIEmbeddingGenerator();

            Task A() => _chat.GetResponseAsync("a");
            Task B() => _chat.GetResponseAsync("b");

            async Task C()
            {
                VerifiedChatClient local = new OpenAIClient("key").GetChatClient("m").AsIChatClient().AsBuilder().UseOpenVerify().BuildVerified();
                await local.GetResponseAsync("c");
                await {|OV0004:_embeddings.GenerateVectorAsync("c")|};
            }
        }
        """)
    {
        FixedState = { MarkupHandling = MarkupMode.Allow },
        CodeActionEquivalenceKey = VerifiedClientCodeFixProvider.ChatTitle,
        CodeActionIndex = 0,
        NumberOfFixAllIterations = 1,
    }.RunAsync();

    public static TheoryData<string> NotRewritable() => new()
    {
        // Injected: whoever passes it decides how it is built.
        "class A { readonly IChatClient _c; A(IChatClient c) { _c = c; } Task M() => {|OV0003:_c.GetResponseAsync(\"q\")|}; }",
        "class A { Task M(IChatClient c) => {|OV0003:c.GetResponseAsync(\"q\")|}; }",
        // Returned, passed on, or stored elsewhere: it escapes.
        "class A { IChatClient M(OpenAIClient o) { IChatClient c = o.GetChatClient(\"m\").AsIChatClient(); {|OV0003:c.GetResponseAsync(\"q\")|}; return c; } }",
        "class A { void Use(IChatClient c) { } void M(OpenAIClient o) { IChatClient c = o.GetChatClient(\"m\").AsIChatClient(); {|OV0003:c.GetResponseAsync(\"q\")|}; Use(c); } }",
        "class A { object? _o; void M(OpenAIClient o) { IChatClient c = o.GetChatClient(\"m\").AsIChatClient(); {|OV0003:c.GetResponseAsync(\"q\")|}; _o = c; } }",
        // Also given a value that is not built here.
        "class A { IChatClient _c = new OpenAIClient(\"k\").GetChatClient(\"m\").AsIChatClient(); void Set(IChatClient c) { _c = c; } Task M() => {|OV0003:_c.GetResponseAsync(\"q\")|}; }",
        // Not private: other types may read or assign it.
        "class A { public IChatClient C = new OpenAIClient(\"k\").GetChatClient(\"m\").AsIChatClient(); Task M() => {|OV0003:C.GetResponseAsync(\"q\")|}; }",
        // Two variables in one declaration.
        "class A { Task M(OpenAIClient o) { IChatClient a = o.GetChatClient(\"m\").AsIChatClient(), b = a; return {|OV0003:b.GetResponseAsync(\"q\")|}; } }",
        // The OpenAI SDK's own client: the message points to AsIChatClient(); the call itself cannot be re-typed.
        "class A { void M(OpenAIClient o) { var chat = o.GetChatClient(\"m\"); {|OV0003:chat.CompleteChat(\"q\")|}; } }",
        // Semantic Kernel: the kernel's services are not a variable of ours.
        "class A { Task M(Microsoft.SemanticKernel.Kernel k) => {|OV0003:k.InvokePromptAsync(\"q\")|}; }",
    };

    [Theory]
    [MemberData(nameof(NotRewritable))]
    public Task Not_offered_where_the_rewrite_is_not_safe(string source) => new Test("""
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;
        using Microsoft.SemanticKernel;
        using OpenAI;

        """ + source).RunAsync();

    [Fact]
    public Task Not_offered_where_the_rewrite_would_not_compile() => new Test("""
        using System;
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;

        class Assistant
        {
            async Task Ask()
            {
                // A member only the concrete type has: the verified type would not have it.
                var client = new LocalModelClient("http://localhost");
                await {|OV0003:client.GetResponseAsync("hello")|};
                client.Reconnect();
            }
        }

        sealed class LocalModelClient : IChatClient
        {
            public LocalModelClient(string endpoint) { }
            public void Reconnect() { }
            public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();
            public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();
            public object? GetService(Type serviceType, object? serviceKey = null) => null;
            public void Dispose() { }
        }
        """).RunAsync();

    [Fact]
    public Task Not_offered_without_the_package() => new Test("""
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;
        using OpenAI;

        class Assistant
        {
            Task Ask(OpenAIClient openAi)
            {
                IChatClient client = openAi.GetChatClient("m").AsIChatClient();
                return {|OV0003:client.GetResponseAsync("hello")|};
            }
        }
        """, withPackage: false).RunAsync();
}
