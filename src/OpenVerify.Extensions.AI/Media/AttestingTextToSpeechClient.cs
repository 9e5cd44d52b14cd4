using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using OpenVerify.Extensions.AI.Canonical;

namespace OpenVerify.Extensions.AI;

/// <summary>
/// A delegating text-to-speech client that signs one receipt per call (docs/spec/chat-v1.md §8, operation
/// <c>text-to-speech</c>): the transcript binds the text, the allow-listed options, the client metadata and the audio
/// returned by media type, length and SHA-256 (never the audio itself). The receipt rides on the response
/// (<see cref="MediaReceiptExtensions.GetReceipt(TextToSpeechResponse)"/>); a stream ends with one more update that
/// carries it. Put it innermost (<c>UseOpenVerify()</c> last).
/// </summary>
public sealed partial class AttestingTextToSpeechClient : DelegatingTextToSpeechClient
{
    private readonly ISigner _signer;
    private readonly ILogger _logger;

    /// <summary>Creates the client.</summary>
    /// <param name="innerClient">The provider's client (the attesting client should wrap it directly).</param>
    /// <param name="signer">The receipt-signing key.</param>
    /// <param name="logger">Where to log receipts signed (ids only, never content or keys).</param>
    public AttestingTextToSpeechClient(ITextToSpeechClient innerClient, ISigner signer, ILogger? logger = null)
        : base(innerClient)
    {
        _signer = signer ?? throw new ArgumentNullException(nameof(signer));
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>Called with every receipt signed, truncated ones (a stream stopped early, cancelled or failed) included.</summary>
    public Action<ChatReceipt>? ReceiptSigned { get; set; }

    internal ITextToSpeechClient Inner => InnerClient;

    /// <inheritdoc />
    public override async Task<TextToSpeechResponse> GetAudioAsync(string text, TextToSpeechOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        var request = Request(text, options);
        var response = await base.GetAudioAsync(text, options, cancellationToken).ConfigureAwait(false);
        var receipt = Sign(request, response, truncated: false);
        AttestingChatClient.Attach(response.AdditionalProperties ??= [], receipt);
        return response;
    }

    /// <inheritdoc />
    public override async IAsyncEnumerable<TextToSpeechResponseUpdate> GetStreamingAudioAsync(string text, TextToSpeechOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        var request = Request(text, options);
        var updates = new List<TextToSpeechResponseUpdate>();
        var completed = false;
        try
        {
            await foreach (var update in base.GetStreamingAudioAsync(text, options, cancellationToken).ConfigureAwait(false))
            {
                updates.Add(update);
                yield return update;
            }

            completed = true;
        }
        finally
        {
            if (!completed)
            {
                Sign(request, updates.ToTextToSpeechResponse(), truncated: true);
            }
        }

        var receipt = Sign(request, updates.ToTextToSpeechResponse(), truncated: false);
        var last = new TextToSpeechResponseUpdate { Kind = TextToSpeechResponseUpdateKind.SessionClose, AdditionalProperties = [] };
        AttestingChatClient.Attach(last.AdditionalProperties, receipt);
        yield return last;
    }

    private static JsonObject Request(string text, TextToSpeechOptions? options) => new()
    {
        ["text"] = text,
        ["options"] = MediaTranscriptWriter.TextToSpeechOptions(options),
    };

    private ChatReceipt Sign(JsonObject request, TextToSpeechResponse response, bool truncated)
    {
        var metadata = InnerClient.GetService<TextToSpeechClientMetadata>();
        var client = TranscriptWriter.Client(metadata?.ProviderName, metadata?.ProviderUri, metadata?.DefaultModelId);
        var receipt = MediaReceipts.Sign(MediaTranscriptWriter.TextToSpeech, client, request, MediaTranscriptWriter.TextToSpeechResponse(response), truncated, _signer);
        LogSigned(_logger, receipt.Id, truncated);
        ReceiptSigned?.Invoke(receipt);
        return receipt;
    }

    [LoggerMessage(EventId = 1305, Level = LogLevel.Debug, Message = "Signed text-to-speech receipt {ReceiptId} (truncated {Truncated})")]
    private static partial void LogSigned(ILogger logger, Sha256Digest receiptId, bool truncated);
}

/// <summary>
/// A text-to-speech client whose pipeline is known to attest every call: built only by
/// <see cref="OpenVerifyMediaBuilderExtensions.BuildVerified(TextToSpeechClientBuilder, IServiceProvider?)"/>, which
/// refuses a pipeline whose innermost step is not the <see cref="AttestingTextToSpeechClient"/>.
/// </summary>
public sealed class VerifiedTextToSpeechClient : ITextToSpeechClient
{
    private readonly ITextToSpeechClient _pipeline;
    private int _disposed;

    internal VerifiedTextToSpeechClient(ITextToSpeechClient pipeline, AttestingTextToSpeechClient attestation)
    {
        _pipeline = pipeline;
        Attestation = attestation;
    }

    /// <summary>The attesting step at the bottom of the pipeline.</summary>
    public AttestingTextToSpeechClient Attestation { get; }

    /// <summary>Speaks the text; the response carries the receipt (<see cref="MediaReceiptExtensions.GetReceipt(TextToSpeechResponse)"/>).</summary>
    public Task<TextToSpeechResponse> GetAudioAsync(string text, TextToSpeechOptions? options = null, CancellationToken cancellationToken = default) =>
        _pipeline.GetAudioAsync(text, options, cancellationToken);

    /// <summary>Streams the audio; the last update carries the receipt of the completed stream.</summary>
    public IAsyncEnumerable<TextToSpeechResponseUpdate> GetStreamingAudioAsync(string text, TextToSpeechOptions? options = null, CancellationToken cancellationToken = default) =>
        _pipeline.GetStreamingAudioAsync(text, options, cancellationToken);

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
