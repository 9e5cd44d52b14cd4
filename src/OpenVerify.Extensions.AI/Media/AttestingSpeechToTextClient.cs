using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using OpenVerify.Extensions.AI.Canonical;

namespace OpenVerify.Extensions.AI;

/// <summary>
/// A delegating speech-to-text client that signs one receipt per call (docs/spec/chat-v1.md §8, operation
/// <c>speech-to-text</c>): the transcript binds the audio by media type, length and SHA-256 (never the audio itself),
/// the allow-listed options, the client metadata, and the response (id, model, times, usage, contents). The receipt
/// rides on the response (<see cref="MediaReceiptExtensions.GetReceipt(SpeechToTextResponse)"/>); a stream ends with one
/// more update that carries it, as chat streams do. Put it innermost (<c>UseOpenVerify()</c> last).
/// </summary>
/// <remarks>The audio is read once before the call to hash it: a seekable stream is rewound to where it was and passed
/// on as it is, any other is buffered in memory first.</remarks>
public sealed partial class AttestingSpeechToTextClient : DelegatingSpeechToTextClient
{
    private readonly ISigner _signer;
    private readonly ILogger _logger;

    /// <summary>Creates the client.</summary>
    /// <param name="innerClient">The provider's client (the attesting client should wrap it directly).</param>
    /// <param name="signer">The receipt-signing key.</param>
    /// <param name="logger">Where to log receipts signed (ids only, never content or keys).</param>
    public AttestingSpeechToTextClient(ISpeechToTextClient innerClient, ISigner signer, ILogger? logger = null)
        : base(innerClient)
    {
        _signer = signer ?? throw new ArgumentNullException(nameof(signer));
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>Called with every receipt signed, truncated ones (a stream stopped early, cancelled or failed) included.</summary>
    public Action<ChatReceipt>? ReceiptSigned { get; set; }

    internal ISpeechToTextClient Inner => InnerClient;

    /// <inheritdoc />
    public override async Task<SpeechToTextResponse> GetTextAsync(Stream audioSpeechStream, SpeechToTextOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(audioSpeechStream);
        var (audio, request) = await RequestAsync(audioSpeechStream, options, cancellationToken).ConfigureAwait(false);
        var response = await base.GetTextAsync(audio, options, cancellationToken).ConfigureAwait(false);
        var receipt = Sign(request, response, truncated: false);
        AttestingChatClient.Attach(response.AdditionalProperties ??= [], receipt);
        return response;
    }

    /// <inheritdoc />
    public override async IAsyncEnumerable<SpeechToTextResponseUpdate> GetStreamingTextAsync(Stream audioSpeechStream, SpeechToTextOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(audioSpeechStream);
        var (audio, request) = await RequestAsync(audioSpeechStream, options, cancellationToken).ConfigureAwait(false);
        var updates = new List<SpeechToTextResponseUpdate>();
        var completed = false;
        try
        {
            await foreach (var update in base.GetStreamingTextAsync(audio, options, cancellationToken).ConfigureAwait(false))
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
                // Stopped early, cancelled or failed: sign what was received, marked truncated.
                Sign(request, updates.ToSpeechToTextResponse(), truncated: true);
            }
        }

        var receipt = Sign(request, updates.ToSpeechToTextResponse(), truncated: false);
        var last = new SpeechToTextResponseUpdate { Kind = SpeechToTextResponseUpdateKind.SessionClose, AdditionalProperties = [] };
        AttestingChatClient.Attach(last.AdditionalProperties, receipt);
        yield return last;
    }

    /// <summary>Hashes the audio and captures the request before the call (middleware may change the options later).</summary>
    private static async Task<(Stream Audio, JsonObject Request)> RequestAsync(Stream audio, SpeechToTextOptions? options, CancellationToken cancellationToken)
    {
        byte[] bytes;
        string? name = audio switch
        {
            FileStream file => Path.GetFileName(file.Name),
            NamedAudioStream named => named.FileName, // the name a provider client uploads the bytes under
            _ => null,
        };
        if (audio.CanSeek)
        {
            var start = audio.Position;
            using var copy = new MemoryStream();
            await audio.CopyToAsync(copy, cancellationToken).ConfigureAwait(false);
            audio.Position = start;
            bytes = copy.ToArray();
        }
        else
        {
            using var copy = new MemoryStream();
            await audio.CopyToAsync(copy, cancellationToken).ConfigureAwait(false);
            bytes = copy.ToArray();
            audio = new MemoryStream(bytes, writable: false);
        }

        var request = new JsonObject
        {
            ["audio"] = MediaTranscriptWriter.Media(bytes, MediaTranscriptWriter.AudioMediaType(bytes.AsSpan(0, Math.Min(12, bytes.Length))), name),
            ["options"] = MediaTranscriptWriter.SpeechToTextOptions(options),
        };
        return (audio, request);
    }

    private ChatReceipt Sign(JsonObject request, SpeechToTextResponse response, bool truncated)
    {
        var metadata = InnerClient.GetService<SpeechToTextClientMetadata>();
        var client = TranscriptWriter.Client(metadata?.ProviderName, metadata?.ProviderUri, metadata?.DefaultModelId);
        var receipt = MediaReceipts.Sign(MediaTranscriptWriter.SpeechToText, client, request, MediaTranscriptWriter.SpeechToTextResponse(response), truncated, _signer);
        LogSigned(_logger, receipt.Id, truncated);
        ReceiptSigned?.Invoke(receipt);
        return receipt;
    }

    [LoggerMessage(EventId = 1303, Level = LogLevel.Debug, Message = "Signed speech-to-text receipt {ReceiptId} (truncated {Truncated})")]
    private static partial void LogSigned(ILogger logger, Sha256Digest receiptId, bool truncated);
}

/// <summary>
/// A speech-to-text client whose pipeline is known to attest every call: built only by
/// <see cref="OpenVerifyMediaBuilderExtensions.BuildVerified(SpeechToTextClientBuilder, IServiceProvider?)"/>, which
/// refuses a pipeline whose innermost step is not the <see cref="AttestingSpeechToTextClient"/>.
/// </summary>
public sealed class VerifiedSpeechToTextClient : ISpeechToTextClient
{
    private readonly ISpeechToTextClient _pipeline;
    private int _disposed;

    internal VerifiedSpeechToTextClient(ISpeechToTextClient pipeline, AttestingSpeechToTextClient attestation)
    {
        _pipeline = pipeline;
        Attestation = attestation;
    }

    /// <summary>The attesting step at the bottom of the pipeline.</summary>
    public AttestingSpeechToTextClient Attestation { get; }

    /// <summary>Transcribes (or translates) the audio; the response carries the receipt
    /// (<see cref="MediaReceiptExtensions.GetReceipt(SpeechToTextResponse)"/>).</summary>
    public Task<SpeechToTextResponse> GetTextAsync(Stream audioSpeechStream, SpeechToTextOptions? options = null, CancellationToken cancellationToken = default) =>
        _pipeline.GetTextAsync(audioSpeechStream, options, cancellationToken);

    /// <summary>Streams the text; the last update carries the receipt of the completed stream
    /// (<see cref="MediaReceiptExtensions.GetReceipt(IEnumerable{SpeechToTextResponseUpdate})"/>).</summary>
    public IAsyncEnumerable<SpeechToTextResponseUpdate> GetStreamingTextAsync(Stream audioSpeechStream, SpeechToTextOptions? options = null, CancellationToken cancellationToken = default) =>
        _pipeline.GetStreamingTextAsync(audioSpeechStream, options, cancellationToken);

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
