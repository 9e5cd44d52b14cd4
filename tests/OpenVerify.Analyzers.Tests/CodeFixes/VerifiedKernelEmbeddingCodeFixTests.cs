using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using OpenVerify.Analyzers.Rules;
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
    private sealed class Test : CSharpCodeFixTest<UnverifiedAiCallAnalyzer, VerifiedKernelEmbeddingCodeFixProvider, DefaultVerifier>
    {
        public Test(string source, string? fixedSource = null)
        {
            TestCode = source;
            FixedCode = fixedSource ?? source;
            OfflineSetup.Apply(this);
            TestState.AdditionalReferences.Clear();
            TestState.AdditionalReferences.AddRange(TestReferences.WithSemanticKernelOpenAi);
            MarkupOptions = MarkupOptions.UseFirstDescriptor;
        }
    }

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
}
