using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using OpenVerify.Extensions.AI.Canonical;

namespace OpenVerify.Extensions.AI;

/// <summary>
/// A delegating embedding generator that signs one receipt per batch (docs/spec/chat-v1.md, operation
/// <c>embeddings</c>): the transcript binds every input (text, or data as media type and SHA-256), the model id and
/// dimensions asked for, the client metadata, and each embedding's model, creation time, element type, dimensions and
/// the SHA-256 of its vector's little-endian bytes. The receipt rides on the result
/// (<see cref="ChatReceiptExtensions.GetReceipt{TEmbedding}(GeneratedEmbeddings{TEmbedding})"/>).
/// </summary>
/// <typeparam name="TInput">The input type: <see cref="string"/> or <see cref="DataContent"/>.</typeparam>
/// <typeparam name="TEmbedding">The embedding type: <see cref="Embedding{T}"/> of float, double, Half, byte or sbyte.</typeparam>
public sealed partial class AttestingEmbeddingGenerator<TInput, TEmbedding> : DelegatingEmbeddingGenerator<TInput, TEmbedding>
    where TEmbedding : Embedding
{
    private readonly ISigner _signer;
    private readonly ILogger _logger;

    /// <summary>Creates the generator.</summary>
    public AttestingEmbeddingGenerator(IEmbeddingGenerator<TInput, TEmbedding> innerGenerator, ISigner signer, ILogger? logger = null)
        : base(innerGenerator)
    {
        _signer = signer ?? throw new ArgumentNullException(nameof(signer));
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>Called with every receipt signed.</summary>
    public Action<ChatReceipt>? ReceiptSigned { get; set; }

    internal IEmbeddingGenerator<TInput, TEmbedding> Inner => InnerGenerator;

    /// <inheritdoc />
    public override async Task<GeneratedEmbeddings<TEmbedding>> GenerateAsync(IEnumerable<TInput> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        var inputs = values as IList<TInput> ?? [.. values];
        var request = new JsonObject
        {
            ["inputs"] = new JsonArray([.. inputs.Select(i => (JsonNode)TranscriptWriter.EmbeddingInput(i))]),
            ["options"] = Options(options),
        };
        var result = await base.GenerateAsync(inputs, options, cancellationToken).ConfigureAwait(false);
        var metadata = InnerGenerator.GetService<EmbeddingGeneratorMetadata>();
        var response = new JsonObject { ["embeddings"] = new JsonArray([.. result.Select(e => (JsonNode)TranscriptWriter.Embedding(e))]) };
        if (result.Usage is { } usage)
        {
            response["usage"] = TranscriptWriter.Usage(usage);
        }

        var transcript = new JsonObject
        {
            ["schema"] = ChatReceipt.TranscriptSchema,
            ["operation"] = "embeddings",
            ["client"] = TranscriptWriter.Client(metadata?.ProviderName, metadata?.ProviderUri, metadata?.DefaultModelId, metadata?.DefaultModelDimensions),
            ["request"] = request,
            ["response"] = response,
        };
        var canonical = ReceiptFactory.Canonicalize(transcript);
        var receipt = ReceiptFactory.Sign("embeddings", canonical, TranscriptFields.Compute(canonical), chain: null, truncated: false, RuntimeSigner.ForThisReceipt(_signer));
        LogSigned(_logger, receipt.Id, result.Count);
        ReceiptSpanTags.Annotate("embeddings", receipt);
        (result.AdditionalProperties ??= [])[AttestingChatClient.ReceiptKey] = receipt.ToJson();
        result.AdditionalProperties[AttestingChatClient.TranscriptKey] = receipt.TranscriptJson;
        ReceiptSigned?.Invoke(receipt);
        return result;
    }

    private static JsonObject Options(EmbeddingGenerationOptions? options)
    {
        var node = new JsonObject();
        if (options?.ModelId is { } model)
        {
            node["modelId"] = model;
        }

        if (options?.Dimensions is { } dimensions)
        {
            node["dimensions"] = dimensions;
        }

        return node;
    }

    [LoggerMessage(EventId = 1302, Level = LogLevel.Debug, Message = "Signed embeddings receipt {ReceiptId} ({Count} embeddings)")]
    private static partial void LogSigned(ILogger logger, Sha256Digest receiptId, int count);
}

/// <summary>
/// An embedding generator whose pipeline is known to attest every batch: built only by
/// <see cref="OpenVerifyEmbeddingGeneratorBuilderExtensions.BuildVerified{TInput, TEmbedding}"/> (or
/// <c>AddVerifiedEmbeddingGenerator</c>), which refuses a pipeline whose innermost step is not the
/// <see cref="AttestingEmbeddingGenerator{TInput, TEmbedding}"/>.
/// </summary>
/// <typeparam name="TInput">The input type.</typeparam>
/// <typeparam name="TEmbedding">The embedding type.</typeparam>
public sealed class VerifiedEmbeddingGenerator<TInput, TEmbedding> : IEmbeddingGenerator<TInput, TEmbedding>
    where TEmbedding : Embedding
{
    private readonly IEmbeddingGenerator<TInput, TEmbedding> _pipeline;
    private int _disposed;

    internal VerifiedEmbeddingGenerator(IEmbeddingGenerator<TInput, TEmbedding> pipeline, AttestingEmbeddingGenerator<TInput, TEmbedding> attestation)
    {
        _pipeline = pipeline;
        Attestation = attestation;
    }

    /// <summary>The attesting step at the bottom of the pipeline.</summary>
    public AttestingEmbeddingGenerator<TInput, TEmbedding> Attestation { get; }

    /// <inheritdoc />
    public Task<GeneratedEmbeddings<TEmbedding>> GenerateAsync(IEnumerable<TInput> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default) =>
        _pipeline.GenerateAsync(values, options, cancellationToken);

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is null && serviceType.IsInstanceOfType(this) ? this : _pipeline.GetService(serviceType, serviceKey);
    }

    /// <summary>Disposes the pipeline, and with it the provider's client, once: a second call does nothing (the service
    /// collection registrations hand out this instance as the verified type and as the interface, and the container
    /// disposes what each registration returned).</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _pipeline.Dispose();
        }
    }
}
