using OpenVerify.Analyzers.Tests.Infrastructure;
using OpenVerify.CodeFixes;

namespace OpenVerify.Analyzers.Tests.CodeFixes;

/// <summary>
/// "Build the kernel's embedding service on a VerifiedEmbeddingGenerator": Semantic Kernel's OpenAI / Azure OpenAI text
/// embedding registration becomes a verified generator behind Semantic Kernel's own adapter
/// (<c>AsTextEmbeddingGenerationService</c>), so the code asking for <c>ITextEmbeddingGenerationService</c> keeps its type
/// and calls; the call is marked. The fixed code is compiled against the real Semantic Kernel, OpenAI and
/// OpenVerify.Extensions.AI assemblies; tests/OpenVerify.Extensions.AI.Tests runs the rewritten shape against a loopback
/// server and checks its receipts.
/// </summary>
public class VerifiedKernelEmbeddingCodeFixTests
{
    private sealed class Test(string source, string? fixedSource = null)
        : AiCallCodeFixTest<VerifiedKernelEmbeddingCodeFixProvider>(source, fixedSource, TestReferences.WithSemanticKernelOpenAi);

    [Fact]
    public Task An_embedding_service_asked_of_the_kernel_is_rebuilt_on_a_verified_generator() => new Test("""
        using System;
        using System.Threading.Tasks;
        using Microsoft.SemanticKernel;
        using Microsoft.SemanticKernel.Embeddings;
        using OpenAI;

        #pragma warning disable SKEXP0010, SKEXP0001, CS0618
        class Search
        {
            private readonly Kernel _kernel;

            public Search(OpenAIClient client)
            {
                var builder = Kernel.CreateBuilder();
                builder.AddOpenAITextEmbeddingGeneration("text-embedding-3-small", client);
                _kernel = builder.Build();
            }

            public async Task<float[]> EmbedAsync(string text)
            {
                var embedding = _kernel.GetRequiredService<ITextEmbeddingGenerationService>();
                return (await {|OV0004:embedding.GenerateEmbeddingAsync(text)|}).ToArray();
            }
        }
        """, """
        using System;
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.SemanticKernel;
        using Microsoft.SemanticKernel.Embeddings;
        using OpenAI;
        using OpenVerify;
        using OpenVerify.Extensions.AI;

        #pragma warning disable SKEXP0010, SKEXP0001, CS0618
        class Search
        {
            private readonly Kernel _kernel;

            public Search(OpenAIClient client)
            {
                var builder = Kernel.CreateBuilder();
                builder.Services.AddVerifiedEmbeddingGenerator(_ => client.GetEmbeddingClient("text-embedding-3-small").AsIEmbeddingGenerator());
                builder.Services.AddSingleton<ITextEmbeddingGenerationService>(sp => sp.GetRequiredService<VerifiedEmbeddingGenerator<string, Embedding<float>>>().AsTextEmbeddingGenerationService(sp));
                _kernel = builder.Build();
            }

            [AllowUnverifiedAi("the kernel's embedding service is Semantic Kernel's adapter over a VerifiedEmbeddingGenerator: every model call is attested")]
            public async Task<float[]> EmbedAsync(string text)
            {
                var embedding = _kernel.GetRequiredService<ITextEmbeddingGenerationService>();
                return (await embedding.GenerateEmbeddingAsync(text)).ToArray();
            }
        }
        """).RunAsync();

    /// <summary>
    /// The shape of azure-search-openai-demo's chat service: one kernel builder with a chat and an embedding service, in
    /// a file that uses the app's own <c>ChatMessage</c> (imported by a using, as Microsoft.Extensions.AI's would be). A
    /// <c>using Microsoft.Extensions.AI;</c> would make <c>ChatMessage</c> ambiguous, so the fix writes the names it adds
    /// qualified and imports the extension methods with <c>using static</c>. Keyed by the <c>serviceId</c>.
    /// </summary>
    [Fact]
    public Task Where_a_using_would_make_a_name_ambiguous_the_added_names_are_qualified() => new Test("""
        using System.Linq;
        using System.Threading.Tasks;
        using App.Models;
        using Microsoft.SemanticKernel;
        using Microsoft.SemanticKernel.Embeddings;

        #pragma warning disable SKEXP0010, SKEXP0001, CS0618
        namespace App.Models
        {
            public record ChatMessage(string Role, string Content);
        }

        namespace App.Services
        {
            public class ChatService
            {
                private readonly Kernel _kernel;

                public ChatService(string endpoint, string apiKey)
                {
                    var kernelBuilder = Kernel.CreateBuilder();
                    kernelBuilder = kernelBuilder.AddAzureOpenAITextEmbeddingGeneration("embedding", endpoint, apiKey, serviceId: "search");
                    _kernel = kernelBuilder.Build();
                }

                public async Task<float[]> EmbedAsync(ChatMessage[] history)
                {
                    var embedding = _kernel.GetRequiredService<ITextEmbeddingGenerationService>();
                    return (await {|OV0004:embedding.GenerateEmbeddingAsync(history.Last().Content)|}).ToArray();
                }
            }
        }
        """, """
        using System.Linq;
        using System.Threading.Tasks;
        using App.Models;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.SemanticKernel;
        using Microsoft.SemanticKernel.Embeddings;
        using OpenVerify;
        using static Microsoft.Extensions.AI.OpenAIClientExtensions;
        using static OpenVerify.Extensions.AI.OpenVerifyEmbeddingGeneratorServiceCollectionExtensions;

        #pragma warning disable SKEXP0010, SKEXP0001, CS0618
        namespace App.Models
        {
            public record ChatMessage(string Role, string Content);
        }

        namespace App.Services
        {
            public class ChatService
            {
                private readonly Kernel _kernel;

                public ChatService(string endpoint, string apiKey)
                {
                    var kernelBuilder = Kernel.CreateBuilder();
                    kernelBuilder.Services.AddKeyedVerifiedEmbeddingGenerator("search", _ => new Azure.AI.OpenAI.AzureOpenAIClient(new System.Uri(endpoint), new System.ClientModel.ApiKeyCredential(apiKey)).GetEmbeddingClient("embedding").AsIEmbeddingGenerator());
                    kernelBuilder.Services.AddKeyedSingleton<ITextEmbeddingGenerationService>("search", (sp, key) => sp.GetRequiredKeyedService<OpenVerify.Extensions.AI.VerifiedEmbeddingGenerator<string, Microsoft.Extensions.AI.Embedding<float>>>(key).AsTextEmbeddingGenerationService(sp));
                    _kernel = kernelBuilder.Build();
                }

                [AllowUnverifiedAi("the kernel's embedding service is Semantic Kernel's adapter over a VerifiedEmbeddingGenerator: every model call is attested")]
                public async Task<float[]> EmbedAsync(ChatMessage[] history)
                {
                    var embedding = _kernel.GetRequiredService<ITextEmbeddingGenerationService>();
                    return (await embedding.GenerateEmbeddingAsync(history.Last().Content)).ToArray();
                }
            }
        }
        """).RunAsync();

    /// <summary>
    /// Top-level statements with an organization id and two calls on the service: Fix All rewrites the registration once
    /// and marks both calls (each in a local function, as top-level statements have no member for the attribute).
    /// </summary>
    [Fact]
    public Task Fix_all_in_top_level_statements_rewrites_the_registration_once() => new Test("""
        using Microsoft.SemanticKernel;
        using Microsoft.SemanticKernel.Embeddings;

        #pragma warning disable SKEXP0010, SKEXP0001, CS0618
        var apiKey = System.Environment.GetEnvironmentVariable("OPENAI_API_KEY")!;
        var kernel = Kernel.CreateBuilder()
            .AddOpenAITextEmbeddingGeneration("text-embedding-3-small", apiKey, "org")
            .Build();
        var embedder = kernel.GetRequiredService<ITextEmbeddingGenerationService>();
        var first = await {|OV0004:embedder.GenerateEmbeddingAsync("first")|};
        var second = await {|OV0004:embedder.GenerateEmbeddingAsync("second")|};
        System.Console.WriteLine(first.Length + second.Length);
        """, """
        using Microsoft.Extensions.AI;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.SemanticKernel;
        using Microsoft.SemanticKernel.Embeddings;
        using OpenAI;
        using OpenVerify;
        using OpenVerify.Extensions.AI;

        #pragma warning disable SKEXP0010, SKEXP0001, CS0618
        var apiKey = System.Environment.GetEnvironmentVariable("OPENAI_API_KEY")!;
        var kernelBuilder = Kernel.CreateBuilder();
        kernelBuilder.Services.AddVerifiedEmbeddingGenerator(_ => new OpenAIClient(new System.ClientModel.ApiKeyCredential(apiKey), new OpenAIClientOptions { OrganizationId = "org" }).GetEmbeddingClient("text-embedding-3-small").AsIEmbeddingGenerator());
        kernelBuilder.Services.AddSingleton<ITextEmbeddingGenerationService>(sp => sp.GetRequiredService<VerifiedEmbeddingGenerator<string, Embedding<float>>>().AsTextEmbeddingGenerationService(sp));
        var kernel = kernelBuilder.Build();
        var embedder = kernel.GetRequiredService<ITextEmbeddingGenerationService>();
        [AllowUnverifiedAi("the kernel's embedding service is Semantic Kernel's adapter over a VerifiedEmbeddingGenerator: every model call is attested")]
        System.Threading.Tasks.Task<System.ReadOnlyMemory<float>> UnverifiedGenerateEmbeddingAsync() => embedder.GenerateEmbeddingAsync("first");
        var first = await UnverifiedGenerateEmbeddingAsync();
        [AllowUnverifiedAi("the kernel's embedding service is Semantic Kernel's adapter over a VerifiedEmbeddingGenerator: every model call is attested")]
        System.Threading.Tasks.Task<System.ReadOnlyMemory<float>> UnverifiedGenerateEmbeddingAsync2() => embedder.GenerateEmbeddingAsync("second");
        var second = await UnverifiedGenerateEmbeddingAsync2();
        System.Console.WriteLine(first.Length + second.Length);
        """)
    {
        TestState = { OutputKind = Microsoft.CodeAnalysis.OutputKind.ConsoleApplication },
        CodeActionEquivalenceKey = VerifiedKernelEmbeddingCodeFixProvider.Title,
        CodeActionIndex = 0,
    }.RunAsync();

    /// <summary>A constructor-injected service (eshopsupport's shape) registered on a service collection.</summary>
    [Fact]
    public Task An_injected_embedding_service_registered_on_a_service_collection_is_rewritten() => new Test("""
        using System;
        using System.Threading.Tasks;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.SemanticKernel;
        using Microsoft.SemanticKernel.Embeddings;

        #pragma warning disable SKEXP0010, SKEXP0001, CS0618
        static class Startup
        {
            public static void Configure(IServiceCollection services, string apiKey)
            {
                services.AddOpenAITextEmbeddingGeneration("text-embedding-3-small", apiKey);
                services.AddSingleton<ManualSearch>();
            }
        }

        class ManualSearch(ITextEmbeddingGenerationService embedder)
        {
            public Task<ReadOnlyMemory<float>> EmbedAsync(string query) => {|OV0004:embedder.GenerateEmbeddingAsync(query)|};
        }
        """, """
        using System;
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.SemanticKernel;
        using Microsoft.SemanticKernel.Embeddings;
        using OpenAI;
        using OpenVerify;
        using OpenVerify.Extensions.AI;

        #pragma warning disable SKEXP0010, SKEXP0001, CS0618
        static class Startup
        {
            public static void Configure(IServiceCollection services, string apiKey)
            {
                services.AddVerifiedEmbeddingGenerator(_ => new OpenAIClient(apiKey).GetEmbeddingClient("text-embedding-3-small").AsIEmbeddingGenerator());
                services.AddSingleton<ITextEmbeddingGenerationService>(sp => sp.GetRequiredService<VerifiedEmbeddingGenerator<string, Embedding<float>>>().AsTextEmbeddingGenerationService(sp));
                services.AddSingleton<ManualSearch>();
            }
        }

        class ManualSearch(ITextEmbeddingGenerationService embedder)
        {
            [AllowUnverifiedAi("the kernel's embedding service is Semantic Kernel's adapter over a VerifiedEmbeddingGenerator: every model call is attested")]
            public Task<ReadOnlyMemory<float>> EmbedAsync(string query) => embedder.GenerateEmbeddingAsync(query);
        }
        """).RunAsync();

    public static TheoryData<string> NotOffered() => new()
    {
        // A local embedding service registered by type (eshopsupport's LocalTextEmbeddingGenerationService): no model to map.
        """
        class Local : ITextEmbeddingGenerationService
        {
            public IReadOnlyDictionary<string, object?> Attributes { get; } = new Dictionary<string, object?>();
            public Task<IList<ReadOnlyMemory<float>>> GenerateEmbeddingsAsync(IList<string> data, Kernel? kernel = null, CancellationToken cancellationToken = default) => throw new NotImplementedException();
        }
        class A(ITextEmbeddingGenerationService e)
        {
            static void Configure(IServiceCollection s) => s.AddScoped<ITextEmbeddingGenerationService, Local>();
            Task M() => {|OV0004:e.GenerateEmbeddingAsync("q")|};
        }
        """,
        // Dimensions: an argument the verified generator has no place for.
        """
        class A(ITextEmbeddingGenerationService e)
        {
            static void Configure(IKernelBuilder b) => b.AddOpenAITextEmbeddingGeneration("m", "key", dimensions: 256);
            Task M() => {|OV0004:e.GenerateEmbeddingAsync("q")|};
        }
        """,
        // An IEmbeddingGenerator registered too: the verified registration would replace it for its own consumers.
        """
        class A(ITextEmbeddingGenerationService e)
        {
            static void Configure(IKernelBuilder b, IEmbeddingGenerator<string, Embedding<float>> g)
            {
                b.AddOpenAITextEmbeddingGeneration("m", "key");
                b.Services.AddSingleton(g);
                b.Services.AddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(g);
            }
            Task M() => {|OV0004:e.GenerateEmbeddingAsync("q")|};
        }
        """,
        // A service built in place, not the container's.
        """
        class A
        {
            static void Configure(IKernelBuilder b) => b.AddOpenAITextEmbeddingGeneration("m", "key");
            Task M() { ITextEmbeddingGenerationService e = new Microsoft.SemanticKernel.Connectors.OpenAI.OpenAITextEmbeddingGenerationService("m", "key"); return {|OV0004:e.GenerateEmbeddingAsync("q")|}; }
        }
        """,
        // No registration in the program: the service comes from elsewhere.
        "class A(ITextEmbeddingGenerationService e) { Task M() => {|OV0004:e.GenerateEmbeddingAsync(\"q\")|}; }",
    };

    [Theory]
    [MemberData(nameof(NotOffered))]
    public Task Not_offered_where_the_rewrite_is_not_safe(string source) => new Test("""
        using System;
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.SemanticKernel;
        using Microsoft.SemanticKernel.Embeddings;

        #pragma warning disable SKEXP0010, SKEXP0001, CS0618

        """ + source).RunAsync();
}
