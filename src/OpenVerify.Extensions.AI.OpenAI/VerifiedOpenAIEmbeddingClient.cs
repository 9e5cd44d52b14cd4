using System.ClientModel;
using Microsoft.Extensions.AI;
using OpenAI.Embeddings;
using SdkEmbeddingOptions = OpenAI.Embeddings.EmbeddingGenerationOptions;

namespace OpenVerify.Extensions.AI;

/// <summary>
/// An OpenAI SDK <see cref="EmbeddingClient"/> whose every call is attested. Its methods have the SDK's names,
/// parameters and result types (<c>embedding.Value.ToFloats()</c> keeps compiling and means the same); each call runs
/// through a <see cref="VerifiedEmbeddingGenerator{TInput, TEmbedding}"/> over the SDK client's
/// <c>AsIEmbeddingGenerator()</c>, so the receipt is an ordinary embeddings receipt
/// (<see cref="OpenAIReceiptExtensions.GetReceipt(ClientResult)"/>). Build it with
/// <see cref="OpenVerifyOpenAIClientExtensions.AsVerified(EmbeddingClient, ISigner?)"/>.
/// </summary>
/// <remarks>
/// The SDK has no conversion from Microsoft.Extensions.AI embeddings back to its own, so the results are rebuilt with the
/// SDK's model factory: the vectors, their order (as <see cref="OpenAIEmbedding.Index"/>), the model and the token usage
/// survive; the HTTP response does not (<see cref="ClientResult.GetRawResponse"/> is a reconstruction with status 200 and no content). Token-id inputs
/// and <see cref="SdkEmbeddingOptions.EndUserId"/> cannot be carried and are refused.
/// </remarks>
public sealed class VerifiedOpenAIEmbeddingClient
{
    internal VerifiedOpenAIEmbeddingClient(EmbeddingClient innerClient, VerifiedEmbeddingGenerator<string, Embedding<float>> verified)
    {
        InnerClient = innerClient;
        Verified = verified;
    }

    /// <summary>The SDK client the requests go to.</summary>
    public EmbeddingClient InnerClient { get; }

    /// <summary>The verified Microsoft.Extensions.AI generator the calls run through.</summary>
    public VerifiedEmbeddingGenerator<string, Embedding<float>> Verified { get; }

    /// <summary>Generates one embedding, as <see cref="EmbeddingClient.GenerateEmbedding(string, SdkEmbeddingOptions, CancellationToken)"/>.</summary>
    /// <exception cref="NotSupportedException">An option that cannot be carried through the verified path.</exception>
    public ClientResult<OpenAIEmbedding> GenerateEmbedding(string input, SdkEmbeddingOptions? options = null, CancellationToken cancellationToken = default) =>
        GenerateEmbeddingAsync(input, options, cancellationToken).GetAwaiter().GetResult();

    /// <summary>Generates one embedding, as <see cref="EmbeddingClient.GenerateEmbeddingAsync(string, SdkEmbeddingOptions, CancellationToken)"/>.</summary>
    /// <exception cref="NotSupportedException">An option that cannot be carried through the verified path.</exception>
    public async Task<ClientResult<OpenAIEmbedding>> GenerateEmbeddingAsync(string input, SdkEmbeddingOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var (collection, receipt) = await GenerateAsync([input], options, cancellationToken).ConfigureAwait(false);
        var embedding = collection[0];
        var result = ClientResult.FromValue(embedding, ReconstructedResponse.Empty());
        OpenAIReceiptExtensions.Attach(result, receipt);
        OpenAIReceiptExtensions.Attach(embedding, receipt);
        return result;
    }

    /// <summary>Generates embeddings, as <see cref="EmbeddingClient.GenerateEmbeddings(IEnumerable{string}, SdkEmbeddingOptions, CancellationToken)"/>.</summary>
    /// <exception cref="NotSupportedException">An option that cannot be carried through the verified path.</exception>
    public ClientResult<OpenAIEmbeddingCollection> GenerateEmbeddings(IEnumerable<string> inputs, SdkEmbeddingOptions? options = null, CancellationToken cancellationToken = default) =>
        GenerateEmbeddingsAsync(inputs, options, cancellationToken).GetAwaiter().GetResult();

    /// <summary>Generates embeddings, as <see cref="EmbeddingClient.GenerateEmbeddingsAsync(IEnumerable{string}, SdkEmbeddingOptions, CancellationToken)"/>.</summary>
    /// <exception cref="NotSupportedException">An option that cannot be carried through the verified path.</exception>
    public async Task<ClientResult<OpenAIEmbeddingCollection>> GenerateEmbeddingsAsync(IEnumerable<string> inputs, SdkEmbeddingOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var (collection, receipt) = await GenerateAsync(inputs, options, cancellationToken).ConfigureAwait(false);
        var result = ClientResult.FromValue(collection, ReconstructedResponse.Empty());
        OpenAIReceiptExtensions.Attach(result, receipt);
        OpenAIReceiptExtensions.Attach(collection, receipt);
        foreach (var embedding in collection)
        {
            OpenAIReceiptExtensions.Attach(embedding, receipt);
        }

        return result;
    }

    private async Task<(OpenAIEmbeddingCollection Collection, ChatReceipt Receipt)> GenerateAsync(IEnumerable<string> inputs, SdkEmbeddingOptions? options, CancellationToken cancellationToken)
    {
        var generated = await Verified.GenerateAsync(inputs, ToGenerationOptions(options), cancellationToken).ConfigureAwait(false);
        var receipt = generated.GetReceipt();
        var embeddings = generated.Select((embedding, index) => OpenAIEmbeddingsModelFactory.OpenAIEmbedding(index, embedding.Vector.ToArray())).ToList();
        var usage = generated.Usage is { } u
            ? OpenAIEmbeddingsModelFactory.EmbeddingTokenUsage((int)(u.InputTokenCount ?? 0), (int)(u.TotalTokenCount ?? 0))
            : null;
        var collection = OpenAIEmbeddingsModelFactory.OpenAIEmbeddingCollection(embeddings, generated.FirstOrDefault()?.ModelId, usage);
        return (collection, receipt);
    }

    private static Microsoft.Extensions.AI.EmbeddingGenerationOptions? ToGenerationOptions(SdkEmbeddingOptions? options)
    {
        if (options is null)
        {
            return null;
        }

        OpenAIPatches.Refuse(options);
        if (options.EndUserId is not null)
        {
            throw new NotSupportedException("The verified OpenAI embedding client cannot carry EmbeddingGenerationOptions.EndUserId ('user'): Microsoft.Extensions.AI's EmbeddingGenerationOptions has no counterpart, and a verified call does not drop options silently. Remove it, or call the SDK's EmbeddingClient directly and mark the call [AllowUnverifiedAi].");
        }

        return new Microsoft.Extensions.AI.EmbeddingGenerationOptions { Dimensions = options.Dimensions };
    }
}
