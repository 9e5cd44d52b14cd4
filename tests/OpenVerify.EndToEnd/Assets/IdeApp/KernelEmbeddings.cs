using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.Embeddings;
using OpenAI;

#pragma warning disable SKEXP0010, SKEXP0001, CS0618 // Semantic Kernel's embedding service is marked experimental and obsolete

// OV0004 ("Build the kernel's embedding service on a VerifiedEmbeddingGenerator"): the kernel's embedding service is
// Semantic Kernel's OpenAI connector; the fix registers a verified generator and Semantic Kernel's adapter over it, so
// the caller keeps its type and result.
public sealed class KernelSearch
{
    private readonly Kernel _kernel;

    public KernelSearch(OpenAIClient client)
    {
        var builder = Kernel.CreateBuilder();
        builder.AddOpenAITextEmbeddingGeneration("text-embedding-3-small", client);
        _kernel = builder.Build();
    }

    public async Task<float[]> EmbedAsync(string text)
    {
        var embedding = _kernel.GetRequiredService<ITextEmbeddingGenerationService>();
        return (await embedding.GenerateEmbeddingAsync(text)).ToArray();
    }
}

// OV0004 ("Verify the Semantic Kernel embedding service where it is received"): a service handed to a method (a
// minimal-API handler's parameter, say) is wrapped at the call over a verified generator, and the call is marked.
public static class ManualSearch
{
    public static async Task<float[]> EmbedAsync(ITextEmbeddingGenerationService embedder, string text) =>
        (await embedder.GenerateEmbeddingAsync(text)).ToArray();
}
