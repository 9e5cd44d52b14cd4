using Microsoft.Extensions.AI;
using OpenAI.Chat;
using OpenAI.Embeddings;

namespace OpenVerify.Extensions.AI;

/// <summary>Makes OpenAI SDK clients verified while keeping their call shapes.</summary>
public static class OpenVerifyOpenAIClientExtensions
{
    /// <summary>
    /// Wraps the SDK chat client so that every call is attested: <c>chatClient.AsVerified().CompleteChat(...)</c> returns
    /// what <c>chatClient.CompleteChat(...)</c> does, with a receipt. The pipeline is
    /// <c>chatClient.AsIChatClient().AsBuilder().UseOpenVerify(signer).BuildVerified()</c>.
    /// </summary>
    /// <param name="client">The SDK client (an Azure OpenAI client's chat client too).</param>
    /// <param name="signer">The receipt-signing key; when null, the runtime's (<see cref="OpenVerifyRuntime.ResolveSigner"/>), looked up for each receipt.</param>
    /// <exception cref="InvalidOperationException">No signer is passed and the runtime has none.</exception>
    public static VerifiedOpenAIChatClient AsVerified(this ChatClient client, ISigner? signer = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        return new VerifiedOpenAIChatClient(client, client.AsIChatClient().AsBuilder().UseOpenVerify(signer).BuildVerified());
    }

    /// <summary>
    /// Wraps the SDK embedding client so that every call is attested: <c>embeddingClient.AsVerified().GenerateEmbedding(...)</c>
    /// returns what <c>embeddingClient.GenerateEmbedding(...)</c> does, with a receipt.
    /// </summary>
    /// <param name="client">The SDK client (an Azure OpenAI client's embedding client too).</param>
    /// <param name="signer">The receipt-signing key; when null, the runtime's (<see cref="OpenVerifyRuntime.ResolveSigner"/>), looked up for each receipt.</param>
    /// <exception cref="InvalidOperationException">No signer is passed and the runtime has none.</exception>
    public static VerifiedOpenAIEmbeddingClient AsVerified(this EmbeddingClient client, ISigner? signer = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        return new VerifiedOpenAIEmbeddingClient(client, client.AsIEmbeddingGenerator().AsBuilder().UseOpenVerify(signer).BuildVerified());
    }
}
