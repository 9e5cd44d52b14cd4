using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.Embeddings;
using OpenVerify;

#pragma warning disable SKEXP0001, SKEXP0010, CS0618 // Semantic Kernel's embedding service is obsolete and experimental; real code still asks for it.

namespace OpenVerify.Extensions.AI.Tests;

/// <summary>
/// Semantic Kernel's <c>ITextEmbeddingGenerationService</c> as the OV0004 code fix "Build the kernel's embedding service on
/// a VerifiedEmbeddingGenerator" rewrites it: <c>AddOpenAITextEmbeddingGeneration(model, openAi)</c> becomes a verified
/// generator plus Semantic Kernel's adapter over it. The consumer keeps its type and call, gets the same vector as
/// Semantic Kernel's own connector, and each call is signed.
/// </summary>
[Collection(ChatCollection.Name)]
public sealed class SemanticKernelEmbeddingTests(ChatFixture fixture)
{
    [Fact]
    public async Task EmbeddingServiceRewrittenByTheCodeFix_ReturnsTheSameVectorAndSignsIt()
    {
        var before = Kernel.CreateBuilder().AddOpenAITextEmbeddingGeneration("embed-test", fixture.OpenAi()).Build();
        var unsigned = await before.GetRequiredService<ITextEmbeddingGenerationService>().GenerateEmbeddingAsync("Embedded through the kernel");
        before.Services.GetService<VerifiedEmbeddingGenerator<string, Embedding<float>>>().ShouldBeNull();

        var kernelBuilder = Kernel.CreateBuilder();
        kernelBuilder.Services.AddVerifiedEmbeddingGenerator(_ => fixture.OpenAi().GetEmbeddingClient("embed-test").AsIEmbeddingGenerator());
        kernelBuilder.Services.AddSingleton<ITextEmbeddingGenerationService>(sp => sp.GetRequiredService<VerifiedEmbeddingGenerator<string, Embedding<float>>>().AsTextEmbeddingGenerationService(sp));
        var kernel = kernelBuilder.Build();
        var receipts = new List<ChatReceipt>();
        ReadOnlyMemory<float> vector;
        using (OpenVerifyRuntime.UseSigner(fixture.Key))
        {
            // No ISigner in the kernel's services: the verified generator signs with the runtime's signer.
            kernel.GetRequiredService<VerifiedEmbeddingGenerator<string, Embedding<float>>>().Attestation.ReceiptSigned = receipts.Add;
            vector = await kernel.GetRequiredService<ITextEmbeddingGenerationService>().GenerateEmbeddingAsync("Embedded through the kernel");
        }

        vector.ToArray().ShouldBe(unsigned.ToArray());
        var receipt = receipts.ShouldHaveSingleItem();
        var result = fixture.Verifier.Verify(receipt, "embeddings");
        result.Succeeded.ShouldBeTrue(result.ToString());
        receipt.TranscriptJson!.ShouldContain("Embedded through the kernel");
    }

    /// <summary>
    /// The keyed form the fix writes for a <c>serviceId</c>: code that asks the kernel for the service without a key (as
    /// azure-search-openai-demo does) still finds the adapter, and its call is signed.
    /// </summary>
    [Fact]
    public async Task KeyedEmbeddingService_IsFoundWithoutAKeyAndSigns()
    {
        var kernelBuilder = Kernel.CreateBuilder();
        kernelBuilder.Services.AddSingleton<ISigner>(fixture.Key);
        kernelBuilder.Services.AddKeyedVerifiedEmbeddingGenerator("search", _ => fixture.OpenAi().GetEmbeddingClient("embed-test").AsIEmbeddingGenerator());
        kernelBuilder.Services.AddKeyedSingleton<ITextEmbeddingGenerationService>("search", (sp, key) => sp.GetRequiredKeyedService<VerifiedEmbeddingGenerator<string, Embedding<float>>>(key).AsTextEmbeddingGenerationService(sp));
        var kernel = kernelBuilder.Build();
        var receipts = new List<ChatReceipt>();
        kernel.Services.GetRequiredKeyedService<VerifiedEmbeddingGenerator<string, Embedding<float>>>("search").Attestation.ReceiptSigned = receipts.Add;

        var vector = await kernel.GetRequiredService<ITextEmbeddingGenerationService>().GenerateEmbeddingAsync("Keyed search");

        vector.Length.ShouldBeGreaterThan(0);
        fixture.Verifier.Verify(receipts.ShouldHaveSingleItem(), "embeddings").Succeeded.ShouldBeTrue();
    }
}
