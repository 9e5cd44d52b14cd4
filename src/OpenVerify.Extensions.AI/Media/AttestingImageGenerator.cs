using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using OpenVerify.Extensions.AI.Canonical;

namespace OpenVerify.Extensions.AI;

/// <summary>
/// A delegating image generator that signs one receipt per call (docs/spec/chat-v1.md §8, operation
/// <c>image-generation</c>): the transcript binds the prompt, the original images of an edit and every image returned
/// by media type, length and SHA-256 (never the bytes; an image returned as a link is bound by its URI), the
/// allow-listed options and the client metadata. <see cref="ImageGenerationResponse"/> has no property bag, so the
/// receipt rides on each returned image's <c>AdditionalProperties</c>
/// (<see cref="MediaReceiptExtensions.GetReceipt(ImageGenerationResponse)"/>). Put it innermost.
/// </summary>
public sealed partial class AttestingImageGenerator : DelegatingImageGenerator
{
    private readonly ISigner _signer;
    private readonly ILogger _logger;

    /// <summary>Creates the generator.</summary>
    /// <param name="innerGenerator">The provider's generator (the attesting generator should wrap it directly).</param>
    /// <param name="signer">The receipt-signing key.</param>
    /// <param name="logger">Where to log receipts signed (ids only, never content or keys).</param>
    public AttestingImageGenerator(IImageGenerator innerGenerator, ISigner signer, ILogger? logger = null)
        : base(innerGenerator)
    {
        _signer = signer ?? throw new ArgumentNullException(nameof(signer));
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>Called with every receipt signed.</summary>
    public Action<ChatReceipt>? ReceiptSigned { get; set; }

    internal IImageGenerator Inner => InnerGenerator;

    /// <inheritdoc />
    public override async Task<ImageGenerationResponse> GenerateAsync(ImageGenerationRequest request, ImageGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var requestNode = MediaTranscriptWriter.ImageRequest(request, options);
        var response = await base.GenerateAsync(request, options, cancellationToken).ConfigureAwait(false);
        var metadata = InnerGenerator.GetService<ImageGeneratorMetadata>();
        var client = TranscriptWriter.Client(metadata?.ProviderName, metadata?.ProviderUri, metadata?.DefaultModelId);
        var receipt = MediaReceipts.Sign(MediaTranscriptWriter.ImageGeneration, client, requestNode, MediaTranscriptWriter.ImageResponse(response), truncated: false, _signer);
        LogSigned(_logger, receipt.Id, response.Contents.Count);
        MediaReceiptExtensions.Attach(response, receipt);
        ReceiptSigned?.Invoke(receipt);
        return response;
    }

    [LoggerMessage(EventId = 1304, Level = LogLevel.Debug, Message = "Signed image-generation receipt {ReceiptId} ({Count} images)")]
    private static partial void LogSigned(ILogger logger, Sha256Digest receiptId, int count);
}

/// <summary>
/// An image generator whose pipeline is known to attest every call: built only by
/// <see cref="OpenVerifyMediaBuilderExtensions.BuildVerified(ImageGeneratorBuilder, IServiceProvider?)"/>, which refuses a
/// pipeline whose innermost step is not the <see cref="AttestingImageGenerator"/>.
/// </summary>
public sealed class VerifiedImageGenerator : IImageGenerator
{
    private readonly IImageGenerator _pipeline;
    private int _disposed;

    internal VerifiedImageGenerator(IImageGenerator pipeline, AttestingImageGenerator attestation)
    {
        _pipeline = pipeline;
        Attestation = attestation;
    }

    /// <summary>The attesting step at the bottom of the pipeline.</summary>
    public AttestingImageGenerator Attestation { get; }

    /// <summary>Generates (or edits) images; the response carries the receipt
    /// (<see cref="MediaReceiptExtensions.GetReceipt(ImageGenerationResponse)"/>).</summary>
    public Task<ImageGenerationResponse> GenerateAsync(ImageGenerationRequest request, ImageGenerationOptions? options = null, CancellationToken cancellationToken = default) =>
        _pipeline.GenerateAsync(request, options, cancellationToken);

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
