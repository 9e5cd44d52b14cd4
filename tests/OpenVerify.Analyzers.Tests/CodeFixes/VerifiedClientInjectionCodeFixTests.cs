using OpenVerify.Analyzers.Tests.Infrastructure;
using OpenVerify.CodeFixes;

namespace OpenVerify.Analyzers.Tests.CodeFixes;

/// <summary>
/// "Inject a VerifiedChatClient / VerifiedEmbeddingGenerator": the consumer and the registration change together, in a
/// workspace of several documents as an IDE applies it. The fixed documents are compiled by the test framework against
/// the real Microsoft.Extensions.AI, OpenAI and OpenVerify.Extensions.AI assemblies (compiler errors fail the test).
/// </summary>
public class VerifiedClientInjectionCodeFixTests
{
    private sealed class Test((string Name, string Source)[] sources, (string Name, string Source)[]? fixedSources = null)
        : AiCallCodeFixTest<VerifiedClientInjectionCodeFixProvider>(sources, fixedSources, TestReferences.WithVerifiedClients);

    private const string Registration = """
        using Microsoft.Extensions.AI;
        using Microsoft.Extensions.DependencyInjection;
        using OpenAI;

        static class Startup
        {
            public static void Configure(IServiceCollection services)
            {
                {0}
                services.AddSingleton<Assistant>();
            }
        }
        """;

    private const string VerifiedRegistration = """
        using Microsoft.Extensions.AI;
        using Microsoft.Extensions.DependencyInjection;
        using OpenAI;
        using OpenVerify.Extensions.AI;

        static class Startup
        {
            public static void Configure(IServiceCollection services)
            {
                {0}
                services.AddSingleton<Assistant>();
            }
        }
        """;

    private static (string, string) Program(string registration) => ("/0/Test1.cs", Registration.Replace("{0}", registration));

    private static (string, string) FixedProgram(string registration) => ("/0/Test1.cs", VerifiedRegistration.Replace("{0}", registration));

    [Fact]
    public Task A_constructor_injected_field_and_an_AddChatClient_pipeline_move_together() => new Test(
        new[]
        {
            ("/0/Test0.cs", """
                using System.Threading.Tasks;
                using Microsoft.Extensions.AI;

                public sealed class Assistant
                {
                    private readonly IChatClient _chat;

                    public Assistant(IChatClient chat)
                    {
                        _chat = chat ?? throw new System.ArgumentNullException(nameof(chat));
                    }

                    public async Task<string> AskAsync(string question) => (await {|OV0003:_chat.GetResponseAsync(question)|}).Text;
                }
                """),
            Program("""
                services.AddChatClient(new OpenAIClient("key").GetChatClient("gpt-4o-mini").AsIChatClient())
                            .UseFunctionInvocation();
                """),
        },
        new[]
        {
            ("/0/Test0.cs", """
                using System.Threading.Tasks;
                using Microsoft.Extensions.AI;
                using OpenVerify.Extensions.AI;

                public sealed class Assistant
                {
                    private readonly VerifiedChatClient _chat;

                    public Assistant(VerifiedChatClient chat)
                    {
                        _chat = chat ?? throw new System.ArgumentNullException(nameof(chat));
                    }

                    public async Task<string> AskAsync(string question) => (await _chat.GetResponseAsync(question)).Text;
                }
                """),
            FixedProgram("""
                services.AddVerifiedChatClient(new OpenAIClient("key").GetChatClient("gpt-4o-mini").AsIChatClient())
                            .UseFunctionInvocation();
                """),
        }).RunAsync();

    [Fact]
    public Task A_primary_constructor_parameter_and_a_scoped_factory_registration_move_together() => new Test(
        new[]
        {
            ("/0/Test0.cs", """
                using System.Threading.Tasks;
                using Microsoft.Extensions.AI;

                public sealed class Assistant(IChatClient chat)
                {
                    public Task<ChatResponse> AskAsync(string question) => {|OV0003:chat.GetResponseAsync(question)|};
                }
                """),
            Program("""services.AddScoped<IChatClient>(sp => new OpenAIClient("key").GetChatClient("gpt-4o-mini").AsIChatClient());"""),
        },
        new[]
        {
            ("/0/Test0.cs", """
                using System.Threading.Tasks;
                using Microsoft.Extensions.AI;
                using OpenVerify.Extensions.AI;

                public sealed class Assistant(VerifiedChatClient chat)
                {
                    public Task<ChatResponse> AskAsync(string question) => chat.GetResponseAsync(question);
                }
                """),
            FixedProgram("""services.AddVerifiedChatClient(sp => new OpenAIClient("key").GetChatClient("gpt-4o-mini").AsIChatClient(), lifetime: ServiceLifetime.Scoped);"""),
        }).RunAsync();

    [Fact]
    public Task An_injected_embedding_generator_registered_as_an_instance_gets_a_factory() => new Test(
        new[]
        {
            ("/0/Test0.cs", """
                using System.Threading.Tasks;
                using Microsoft.Extensions.AI;

                public sealed class Assistant
                {
                    private readonly IEmbeddingGenerator<string, Embedding<float>> _embeddings;

                    public Assistant(IEmbeddingGenerator<string, Embedding<float>> embeddings) => _embeddings = embeddings;

                    public async Task<float[]> EmbedAsync(string text) => (await {|OV0004:_embeddings.GenerateVectorAsync(text)|}).ToArray();
                }
                """),
            Program("""services.AddEmbeddingGenerator(new OpenAIClient("key").GetEmbeddingClient("text-embedding-3-small").AsIEmbeddingGenerator());"""),
        },
        new[]
        {
            ("/0/Test0.cs", """
                using System.Threading.Tasks;
                using Microsoft.Extensions.AI;
                using OpenVerify.Extensions.AI;

                public sealed class Assistant
                {
                    private readonly VerifiedEmbeddingGenerator<string, Embedding<float>> _embeddings;

                    public Assistant(VerifiedEmbeddingGenerator<string, Embedding<float>> embeddings) => _embeddings = embeddings;

                    public async Task<float[]> EmbedAsync(string text) => (await _embeddings.GenerateVectorAsync(text)).ToArray();
                }
                """),
            FixedProgram("""services.AddVerifiedEmbeddingGenerator<string, Embedding<float>>(_ => new OpenAIClient("key").GetEmbeddingClient("text-embedding-3-small").AsIEmbeddingGenerator());"""),
        }).RunAsync();

    [Fact]
    public Task Where_the_verified_client_is_registered_already_only_the_consumer_changes() => new Test(
        new[]
        {
            ("/0/Test0.cs", """
                using System.Threading.Tasks;
                using Microsoft.Extensions.AI;

                public sealed class Assistant(IChatClient chat)
                {
                    public Task<ChatResponse> AskAsync(string question) => {|OV0003:chat.GetResponseAsync(question)|};
                }
                """),
            FixedProgram("""services.AddVerifiedChatClient(new OpenAIClient("key").GetChatClient("gpt-4o-mini").AsIChatClient());"""),
        },
        new[]
        {
            ("/0/Test0.cs", """
                using System.Threading.Tasks;
                using Microsoft.Extensions.AI;
                using OpenVerify.Extensions.AI;

                public sealed class Assistant(VerifiedChatClient chat)
                {
                    public Task<ChatResponse> AskAsync(string question) => chat.GetResponseAsync(question);
                }
                """),
            FixedProgram("""services.AddVerifiedChatClient(new OpenAIClient("key").GetChatClient("gpt-4o-mini").AsIChatClient());"""),
        }).RunAsync();

    [Fact]
    public Task Fix_all_moves_every_consumer_and_rewrites_the_registration_once() => new Test(
        new[]
        {
            ("/0/Test0.cs", """
                using System.Threading.Tasks;
                using Microsoft.Extensions.AI;

                public sealed class Assistant(IChatClient chat)
                {
                    public Task<ChatResponse> AskAsync(string question) => {|OV0003:chat.GetResponseAsync(question)|};
                    public Task<ChatResponse> AgainAsync(string question) => {|OV0003:chat.GetResponseAsync(question)|};
                }

                public sealed class Summarizer
                {
                    private readonly IChatClient _client;
                    public Summarizer(IChatClient client) { _client = client; }
                    public Task<ChatResponse> SummarizeAsync(string text) => {|OV0003:_client.GetResponseAsync(text)|};
                }
                """),
            Program("""services.AddChatClient(sp => new OpenAIClient("key").GetChatClient("gpt-4o-mini").AsIChatClient()).UseLogging();"""),
        },
        new[]
        {
            ("/0/Test0.cs", """
                using System.Threading.Tasks;
                using Microsoft.Extensions.AI;
                using OpenVerify.Extensions.AI;

                public sealed class Assistant(VerifiedChatClient chat)
                {
                    public Task<ChatResponse> AskAsync(string question) => chat.GetResponseAsync(question);
                    public Task<ChatResponse> AgainAsync(string question) => chat.GetResponseAsync(question);
                }

                public sealed class Summarizer
                {
                    private readonly VerifiedChatClient _client;
                    public Summarizer(VerifiedChatClient client) { _client = client; }
                    public Task<ChatResponse> SummarizeAsync(string text) => _client.GetResponseAsync(text);
                }
                """),
            FixedProgram("""services.AddVerifiedChatClient(sp => new OpenAIClient("key").GetChatClient("gpt-4o-mini").AsIChatClient()).UseLogging();"""),
        })
    {
        CodeActionEquivalenceKey = VerifiedClientInjectionCodeFixProvider.ChatTitle,
        CodeActionIndex = 0,
        NumberOfFixAllIterations = 1,
        NumberOfFixAllInDocumentIterations = 1,
        NumberOfFixAllInProjectIterations = 1,
    }.RunAsync();

    [Fact]
    public Task Every_registration_is_rewritten_so_whichever_the_container_resolves_is_verified() => new Test(
        new[]
        {
            ("/0/Test0.cs", """
                using System.Threading.Tasks;
                using Microsoft.Extensions.AI;

                public sealed class Assistant(IChatClient chat)
                {
                    public Task<ChatResponse> AskAsync(string question) => {|OV0003:chat.GetResponseAsync(question)|};
                }
                """),
            Program("""
                if (System.Environment.GetEnvironmentVariable("USE_SMALL_MODEL") is null)
                        {
                            services.AddChatClient(new OpenAIClient("key").GetChatClient("gpt-4o").AsIChatClient());
                        }
                        else
                        {
                            services.AddSingleton<IChatClient>(new OpenAIClient("key").GetChatClient("gpt-4o-mini").AsIChatClient());
                        }
                """),
        },
        new[]
        {
            ("/0/Test0.cs", """
                using System.Threading.Tasks;
                using Microsoft.Extensions.AI;
                using OpenVerify.Extensions.AI;

                public sealed class Assistant(VerifiedChatClient chat)
                {
                    public Task<ChatResponse> AskAsync(string question) => chat.GetResponseAsync(question);
                }
                """),
            FixedProgram("""
                if (System.Environment.GetEnvironmentVariable("USE_SMALL_MODEL") is null)
                        {
                            services.AddVerifiedChatClient(new OpenAIClient("key").GetChatClient("gpt-4o").AsIChatClient());
                        }
                        else
                        {
                            services.AddVerifiedChatClient(new OpenAIClient("key").GetChatClient("gpt-4o-mini").AsIChatClient());
                        }
                """),
        }).RunAsync();

    [Fact]
    public Task Clients_taken_from_the_service_provider_ask_it_for_the_verified_type() => new Test(
        new[]
        {
            ("/0/Test0.cs", """
                using System;
                using System.Threading.Tasks;
                using Microsoft.Extensions.AI;
                using Microsoft.Extensions.DependencyInjection;

                public abstract class Generator
                {
                    protected Generator(IServiceProvider services)
                    {
                        ChatClient = services.GetRequiredService<IChatClient>();
                    }

                    public IChatClient ChatClient { get; }

                    public Task<ChatResponse> AskAsync(string question) => {|OV0003:ChatClient.GetResponseAsync(question)|};
                }

                public sealed class Assistant
                {
                    public async Task<string> SummarizeAsync(IServiceProvider services, string text)
                    {
                        using var scope = services.CreateScope();
                        var chatClient = scope.ServiceProvider.GetRequiredService<IChatClient>();
                        return (await {|OV0003:chatClient.GetResponseAsync("Summarize: " + text)|}).Text;
                    }
                }
                """),
            Program("""services.AddChatClient(new OpenAIClient("key").GetChatClient("gpt-4o-mini").AsIChatClient());"""),
        },
        new[]
        {
            ("/0/Test0.cs", """
                using System;
                using System.Threading.Tasks;
                using Microsoft.Extensions.AI;
                using Microsoft.Extensions.DependencyInjection;
                using OpenVerify.Extensions.AI;

                public abstract class Generator
                {
                    protected Generator(IServiceProvider services)
                    {
                        ChatClient = services.GetRequiredService<VerifiedChatClient>();
                    }

                    public VerifiedChatClient ChatClient { get; }

                    public Task<ChatResponse> AskAsync(string question) => ChatClient.GetResponseAsync(question);
                }

                public sealed class Assistant
                {
                    public async Task<string> SummarizeAsync(IServiceProvider services, string text)
                    {
                        using var scope = services.CreateScope();
                        var chatClient = scope.ServiceProvider.GetRequiredService<VerifiedChatClient>();
                        return (await chatClient.GetResponseAsync("Summarize: " + text)).Text;
                    }
                }
                """),
            FixedProgram("""services.AddVerifiedChatClient(new OpenAIClient("key").GetChatClient("gpt-4o-mini").AsIChatClient());"""),
        })
    {
        CodeActionEquivalenceKey = VerifiedClientInjectionCodeFixProvider.ChatTitle,
        CodeActionIndex = 0,
        NumberOfFixAllIterations = 1,
        NumberOfFixAllInDocumentIterations = 1,
        NumberOfFixAllInProjectIterations = 1,
    }.RunAsync();

    /// <summary>
    /// A keyed consumer (<c>[FromKeyedServices("fast")]</c>) and its keyed registration move together; the unkeyed
    /// registration and the one under another key serve other consumers and stay as they are.
    /// </summary>
    [Fact]
    public Task A_keyed_consumer_and_its_keyed_registration_move_together() => new Test(
        new[]
        {
            ("/0/Test0.cs", """
                using System.Threading.Tasks;
                using Microsoft.Extensions.AI;
                using Microsoft.Extensions.DependencyInjection;

                public sealed class Assistant([FromKeyedServices("fast")] IChatClient chat)
                {
                    public Task<ChatResponse> AskAsync(string question) => {|OV0003:chat.GetResponseAsync(question)|};
                }
                """),
            Program("""services.AddChatClient(new OpenAIClient("k").GetChatClient("gpt-4o").AsIChatClient()); services.AddKeyedChatClient("fast", new OpenAIClient("k").GetChatClient("gpt-4o-mini").AsIChatClient()); services.AddKeyedChatClient("slow", new OpenAIClient("k").GetChatClient("o3").AsIChatClient());"""),
        },
        new[]
        {
            ("/0/Test0.cs", """
                using System.Threading.Tasks;
                using Microsoft.Extensions.AI;
                using Microsoft.Extensions.DependencyInjection;
                using OpenVerify.Extensions.AI;

                public sealed class Assistant([FromKeyedServices("fast")] VerifiedChatClient chat)
                {
                    public Task<ChatResponse> AskAsync(string question) => chat.GetResponseAsync(question);
                }
                """),
            FixedProgram("""services.AddChatClient(new OpenAIClient("k").GetChatClient("gpt-4o").AsIChatClient()); services.AddKeyedVerifiedChatClient("fast", new OpenAIClient("k").GetChatClient("gpt-4o-mini").AsIChatClient()); services.AddKeyedChatClient("slow", new OpenAIClient("k").GetChatClient("o3").AsIChatClient());"""),
        }).RunAsync();

    /// <summary>
    /// <c>AddKeyedSingleton&lt;IChatClient&gt;(key, (sp, _) => …)</c>: the factory that does not read its key becomes the
    /// verified registration's; Fix All moves both keyed consumers (a field and a parameter) and rewrites it once.
    /// </summary>
    [Fact]
    public Task Fix_all_moves_keyed_consumers_of_a_keyed_singleton_factory_once() => new Test(
        new[]
        {
            ("/0/Test0.cs", """
                using System.Threading.Tasks;
                using Microsoft.Extensions.AI;
                using Microsoft.Extensions.DependencyInjection;

                public sealed class Assistant([FromKeyedServices("chat")] IChatClient chat)
                {
                    public Task<ChatResponse> AskAsync(string question) => {|OV0003:chat.GetResponseAsync(question)|};
                }

                public sealed class Summarizer
                {
                    private readonly IChatClient _client;

                    public Summarizer([FromKeyedServices("chat")] IChatClient client) => _client = client;

                    public Task<ChatResponse> SummarizeAsync(string text) => {|OV0003:_client.GetResponseAsync(text)|};
                }
                """),
            Program("""services.AddKeyedSingleton<IChatClient>("chat", (sp, _) => new OpenAIClient("k").GetChatClient("gpt-4o-mini").AsIChatClient());"""),
        },
        new[]
        {
            ("/0/Test0.cs", """
                using System.Threading.Tasks;
                using Microsoft.Extensions.AI;
                using Microsoft.Extensions.DependencyInjection;
                using OpenVerify.Extensions.AI;

                public sealed class Assistant([FromKeyedServices("chat")] VerifiedChatClient chat)
                {
                    public Task<ChatResponse> AskAsync(string question) => chat.GetResponseAsync(question);
                }

                public sealed class Summarizer
                {
                    private readonly VerifiedChatClient _client;

                    public Summarizer([FromKeyedServices("chat")] VerifiedChatClient client) => _client = client;

                    public Task<ChatResponse> SummarizeAsync(string text) => _client.GetResponseAsync(text);
                }
                """),
            FixedProgram("""services.AddKeyedVerifiedChatClient("chat", sp => new OpenAIClient("k").GetChatClient("gpt-4o-mini").AsIChatClient());"""),
        })
    {
        CodeActionEquivalenceKey = VerifiedClientInjectionCodeFixProvider.ChatTitle,
        CodeActionIndex = 0,
    }.RunAsync();

    /// <summary>A keyed embedding generator (<c>AddKeyedEmbeddingGenerator</c>) moves to <c>AddKeyedVerifiedEmbeddingGenerator</c>.</summary>
    [Fact]
    public Task A_keyed_embedding_generator_moves_to_the_keyed_verified_registration() => new Test(
        new[]
        {
            ("/0/Test0.cs", """
                using System.Threading.Tasks;
                using Microsoft.Extensions.AI;
                using Microsoft.Extensions.DependencyInjection;

                public sealed class Assistant([FromKeyedServices("search")] IEmbeddingGenerator<string, Embedding<float>> embedder)
                {
                    public Task<GeneratedEmbeddings<Embedding<float>>> EmbedAsync(string text) => {|OV0004:embedder.GenerateAsync([text])|};
                }
                """),
            Program("""services.AddKeyedEmbeddingGenerator("search", sp => new OpenAIClient("k").GetEmbeddingClient("text-embedding-3-small").AsIEmbeddingGenerator());"""),
        },
        new[]
        {
            ("/0/Test0.cs", """
                using System.Threading.Tasks;
                using Microsoft.Extensions.AI;
                using Microsoft.Extensions.DependencyInjection;
                using OpenVerify.Extensions.AI;

                public sealed class Assistant([FromKeyedServices("search")] VerifiedEmbeddingGenerator<string, Embedding<float>> embedder)
                {
                    public Task<GeneratedEmbeddings<Embedding<float>>> EmbedAsync(string text) => embedder.GenerateAsync([text]);
                }
                """),
            FixedProgram("""services.AddKeyedVerifiedEmbeddingGenerator<string, Embedding<float>>("search", sp => new OpenAIClient("k").GetEmbeddingClient("text-embedding-3-small").AsIEmbeddingGenerator());"""),
        }).RunAsync();

    /// <summary>An implementation the container builds by type, with a constructor dependency of its own.</summary>
    private const string OwnClients = """
        using System;
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;

        public sealed class Endpoint { public string Url { get; set; } = ""; }

        public sealed class OwnClient(Endpoint endpoint) : IChatClient
        {
            public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) => throw new NotSupportedException(endpoint.Url);
            public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();
            public object? GetService(Type serviceType, object? serviceKey = null) => null;
            public void Dispose() { }
        }

        public sealed class OwnGenerator(Endpoint endpoint) : IEmbeddingGenerator<string, Embedding<float>>
        {
            public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default) => throw new NotSupportedException(endpoint.Url);
            public object? GetService(Type serviceType, object? serviceKey = null) => null;
            public void Dispose() { }
        }
        """;

    private const string ChatConsumer = """
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;

        public sealed class Assistant(IChatClient chat)
        {
            public Task<ChatResponse> AskAsync(string question) => {|OV0003:chat.GetResponseAsync(question)|};
        }
        """;

    private const string FixedChatConsumer = """
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;
        using OpenVerify.Extensions.AI;

        public sealed class Assistant(VerifiedChatClient chat)
        {
            public Task<ChatResponse> AskAsync(string question) => chat.GetResponseAsync(question);
        }
        """;

    [Theory]
    [InlineData(
        "services.AddScoped<IChatClient, OwnClient>();",
        "services.AddVerifiedChatClient(sp => ActivatorUtilities.CreateInstance<OwnClient>(sp), lifetime: ServiceLifetime.Scoped);")]
    [InlineData(
        "services.AddSingleton<IChatClient, OwnClient>();",
        "services.AddVerifiedChatClient(sp => ActivatorUtilities.CreateInstance<OwnClient>(sp));")]
    [InlineData(
        "services.AddTransient<IChatClient, OwnClient>();",
        "services.AddVerifiedChatClient(sp => ActivatorUtilities.CreateInstance<OwnClient>(sp), lifetime: ServiceLifetime.Transient);")]
    // Every registration is rewritten, whichever form it has, so whichever the container resolves is verified.
    [InlineData(
        "services.AddChatClient(new OpenAIClient(\"k\").GetChatClient(\"a\").AsIChatClient()); services.AddSingleton<IChatClient, OwnClient>();",
        "services.AddVerifiedChatClient(new OpenAIClient(\"k\").GetChatClient(\"a\").AsIChatClient()); services.AddVerifiedChatClient(sp => ActivatorUtilities.CreateInstance<OwnClient>(sp));")]
    public Task A_registration_by_implementation_type_becomes_a_verified_factory_that_builds_it(string registration, string verified) => new Test(
        new[] { ("/0/Test0.cs", ChatConsumer), Program(registration), ("/0/Test2.cs", OwnClients) },
        new[] { ("/0/Test0.cs", FixedChatConsumer), FixedProgram(verified), ("/0/Test2.cs", OwnClients) }).RunAsync();

    [Fact]
    public Task A_keyed_registration_by_implementation_type_keeps_its_key_and_lifetime() => new Test(
        new[]
        {
            ("/0/Test0.cs", """
                using System.Threading.Tasks;
                using Microsoft.Extensions.AI;
                using Microsoft.Extensions.DependencyInjection;

                public sealed class Assistant([FromKeyedServices("fast")] IChatClient chat)
                {
                    public Task<ChatResponse> AskAsync(string question) => {|OV0003:chat.GetResponseAsync(question)|};
                }
                """),
            Program("""services.AddKeyedScoped<IChatClient, OwnClient>("fast");"""),
            ("/0/Test2.cs", OwnClients),
        },
        new[]
        {
            ("/0/Test0.cs", """
                using System.Threading.Tasks;
                using Microsoft.Extensions.AI;
                using Microsoft.Extensions.DependencyInjection;
                using OpenVerify.Extensions.AI;

                public sealed class Assistant([FromKeyedServices("fast")] VerifiedChatClient chat)
                {
                    public Task<ChatResponse> AskAsync(string question) => chat.GetResponseAsync(question);
                }
                """),
            FixedProgram("""services.AddKeyedVerifiedChatClient("fast", sp => ActivatorUtilities.CreateInstance<OwnClient>(sp), lifetime: ServiceLifetime.Scoped);"""),
            ("/0/Test2.cs", OwnClients),
        }).RunAsync();

    [Fact]
    public Task An_embedding_generator_registered_by_implementation_type_becomes_a_verified_factory() => new Test(
        new[]
        {
            ("/0/Test0.cs", """
                using System.Threading.Tasks;
                using Microsoft.Extensions.AI;

                public sealed class Assistant(IEmbeddingGenerator<string, Embedding<float>> embeddings)
                {
                    public async Task<float[]> EmbedAsync(string text) => (await {|OV0004:embeddings.GenerateVectorAsync(text)|}).ToArray();
                }
                """),
            Program("""services.AddTransient<IEmbeddingGenerator<string, Embedding<float>>, OwnGenerator>();"""),
            ("/0/Test2.cs", OwnClients),
        },
        new[]
        {
            ("/0/Test0.cs", """
                using System.Threading.Tasks;
                using Microsoft.Extensions.AI;
                using OpenVerify.Extensions.AI;

                public sealed class Assistant(VerifiedEmbeddingGenerator<string, Embedding<float>> embeddings)
                {
                    public async Task<float[]> EmbedAsync(string text) => (await embeddings.GenerateVectorAsync(text)).ToArray();
                }
                """),
            FixedProgram("""services.AddVerifiedEmbeddingGenerator<string, Embedding<float>>(sp => ActivatorUtilities.CreateInstance<OwnGenerator>(sp), lifetime: ServiceLifetime.Transient);"""),
            ("/0/Test2.cs", OwnClients),
        }).RunAsync();

    [Fact]
    public Task Fix_all_rewrites_a_registration_by_implementation_type_once() => new Test(
        new[]
        {
            ("/0/Test0.cs", """
                using System.Threading.Tasks;
                using Microsoft.Extensions.AI;

                public sealed class Assistant(IChatClient chat)
                {
                    public Task<ChatResponse> AskAsync(string question) => {|OV0003:chat.GetResponseAsync(question)|};
                }

                public sealed class Summarizer
                {
                    private readonly IChatClient _client;
                    public Summarizer(IChatClient client) { _client = client; }
                    public Task<ChatResponse> SummarizeAsync(string text) => {|OV0003:_client.GetResponseAsync(text)|};
                }
                """),
            Program("""services.AddScoped<IChatClient, OwnClient>();"""),
            ("/0/Test2.cs", OwnClients),
        },
        new[]
        {
            ("/0/Test0.cs", """
                using System.Threading.Tasks;
                using Microsoft.Extensions.AI;
                using OpenVerify.Extensions.AI;

                public sealed class Assistant(VerifiedChatClient chat)
                {
                    public Task<ChatResponse> AskAsync(string question) => chat.GetResponseAsync(question);
                }

                public sealed class Summarizer
                {
                    private readonly VerifiedChatClient _client;
                    public Summarizer(VerifiedChatClient client) { _client = client; }
                    public Task<ChatResponse> SummarizeAsync(string text) => _client.GetResponseAsync(text);
                }
                """),
            FixedProgram("""services.AddVerifiedChatClient(sp => ActivatorUtilities.CreateInstance<OwnClient>(sp), lifetime: ServiceLifetime.Scoped);"""),
            ("/0/Test2.cs", OwnClients),
        })
    {
        CodeActionEquivalenceKey = VerifiedClientInjectionCodeFixProvider.ChatTitle,
        CodeActionIndex = 0,
        NumberOfFixAllIterations = 1,
        NumberOfFixAllInDocumentIterations = 1,
        NumberOfFixAllInProjectIterations = 1,
    }.RunAsync();

    public static TheoryData<string, string> NotOffered() => new()
    {
        // No registration in the solution: whoever builds the client is not here.
        { "public sealed class Assistant(IChatClient chat) { public Task M() => {|OV0003:chat.GetResponseAsync(\"q\")|}; }", "" },
        // A registration by implementation type whose constructor takes its service key: ActivatorUtilities does not fill it.
        {
            "public sealed class Assistant([FromKeyedServices(\"fast\")] IChatClient chat) { public Task M() => {|OV0003:chat.GetResponseAsync(\"q\")|}; }",
            "services.AddKeyedSingleton<IChatClient, KeyedClient>(\"fast\");"
        },
        // A registration by type of Microsoft.Extensions.AI middleware: the verified registration refuses it as its inner client.
        {
            "public sealed class Assistant(IChatClient chat) { public Task M() => {|OV0003:chat.GetResponseAsync(\"q\")|}; }",
            "services.AddSingleton<IChatClient, MiddlewareClient>();"
        },
        // A keyed service registered under another key only.
        {
            "public sealed class Assistant([FromKeyedServices(\"fast\")] IChatClient chat) { public Task M() => {|OV0003:chat.GetResponseAsync(\"q\")|}; }",
            "services.AddKeyedChatClient(\"slow\", new OpenAIClient(\"k\").GetChatClient(\"a\").AsIChatClient());"
        },
        // A keyed registration whose key is not a constant: it may be the consumer's.
        {
            "public sealed class Assistant([FromKeyedServices(\"fast\")] IChatClient chat) { public Task M() => {|OV0003:chat.GetResponseAsync(\"q\")|}; }",
            "services.AddKeyedChatClient(\"fast\", new OpenAIClient(\"k\").GetChatClient(\"a\").AsIChatClient()); services.AddKeyedChatClient(System.Environment.MachineName, new OpenAIClient(\"k\").GetChatClient(\"b\").AsIChatClient());"
        },
        // A keyed factory that reads its key: the verified registration's factory is not handed one.
        {
            "public sealed class Assistant([FromKeyedServices(\"fast\")] IChatClient chat) { public Task M() => {|OV0003:chat.GetResponseAsync(\"q\")|}; }",
            "services.AddKeyedSingleton<IChatClient>(\"fast\", (sp, key) => new OpenAIClient(\"k\").GetChatClient((string)key!).AsIChatClient());"
        },
        // An unkeyed consumer: keyed registrations serve others.
        {
            "public sealed class Assistant(IChatClient chat) { public Task M() => {|OV0003:chat.GetResponseAsync(\"q\")|}; }",
            "services.AddKeyedChatClient(\"fast\", new OpenAIClient(\"k\").GetChatClient(\"a\").AsIChatClient());"
        },
        // A field that is also given a value not from the container.
        {
            "public sealed class Assistant { private IChatClient _c; public Assistant(IChatClient c) { _c = c; } public void Reset() { _c = new OwnClient(); } public Task M() => {|OV0003:_c.GetResponseAsync(\"q\")|}; }",
            "services.AddChatClient(new OpenAIClient(\"k\").GetChatClient(\"a\").AsIChatClient());"
        },
        // The consumer is also built by hand with a plain IChatClient: re-typing it would break that call.
        {
            "public sealed class Assistant(IChatClient chat) { public Task M() => {|OV0003:chat.GetResponseAsync(\"q\")|}; public static Assistant Make() => new Assistant(new OwnClient()); }",
            "services.AddChatClient(new OpenAIClient(\"k\").GetChatClient(\"a\").AsIChatClient());"
        },
        // A method parameter, not the container's.
        {
            "public sealed class Assistant { public Task M(IChatClient chat) => {|OV0003:chat.GetResponseAsync(\"q\")|}; }",
            "services.AddChatClient(new OpenAIClient(\"k\").GetChatClient(\"a\").AsIChatClient());"
        },
    };

    [Theory]
    [MemberData(nameof(NotOffered))]
    public Task Not_offered_where_the_move_is_not_safe(string consumer, string registration) => new Test(new[]
    {
        ("/0/Test0.cs", """
            using System;
            using System.Collections.Generic;
            using System.Threading;
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;
            using Microsoft.Extensions.DependencyInjection;

            """ + consumer + """

            public sealed class KeyedClient([ServiceKey] string key) : IChatClient
            {
                public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) => throw new NotSupportedException(key);
                public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();
                public object? GetService(Type serviceType, object? serviceKey = null) => null;
                public void Dispose() { }
            }

            public sealed class MiddlewareClient(OwnClient inner) : DelegatingChatClient(inner);

            public sealed class OwnClient : IChatClient
            {
                public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();
                public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();
                public object? GetService(Type serviceType, object? serviceKey = null) => null;
                public void Dispose() { }
            }
            """),
        Program(registration),
    }).RunAsync();
}
