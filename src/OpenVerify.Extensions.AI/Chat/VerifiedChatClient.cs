using Microsoft.Extensions.AI;

namespace OpenVerify.Extensions.AI;

/// <summary>
/// A chat client whose pipeline is known to attest every round trip: it can only be built by
/// <see cref="OpenVerifyChatClientBuilderExtensions.BuildVerified"/> (or <c>AddVerifiedChatClient</c>), which refuses a
/// pipeline whose innermost step is not the <see cref="AttestingChatClient"/> wrapping the provider's client. Code that
/// holds this type, rather than <see cref="IChatClient"/>, is known at compile time to produce receipts, so the
/// OpenVerify analyzers do not report its calls.
/// </summary>
public sealed class VerifiedChatClient : IChatClient
{
    private readonly IChatClient _pipeline;
    private int _disposed;

    internal VerifiedChatClient(IChatClient pipeline, AttestingChatClient attestation)
    {
        _pipeline = pipeline;
        Attestation = attestation;
    }

    /// <summary>The attesting step at the bottom of the pipeline.</summary>
    public AttestingChatClient Attestation { get; }

    /// <summary>Sends the messages through the pipeline; the response carries the receipt of its (last) round trip
    /// (<see cref="ChatReceiptExtensions.GetReceipt(ChatResponse)"/>).</summary>
    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        // A call of its own: receipts of this call never go to a stream that happens to be in the caller's flow.
        ReceiptSink.Current = null;
        return await _pipeline.GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Streams the response. The returned <see cref="VerifiedStreamingResponse"/> is enumerated like any stream; once the
    /// enumeration has ended, normally, by <c>break</c>, by cancellation or by an error, its
    /// <see cref="VerifiedStreamingResponse.Receipts"/> hold the receipt of every round trip, the last one marked truncated
    /// when the stream did not reach its end.
    /// </summary>
    public VerifiedStreamingResponse GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        new(_pipeline.GetStreamingResponseAsync(messages, options, cancellationToken));

    /// <summary>Streams the response to one user message; see <see cref="GetStreamingResponseAsync(IEnumerable{ChatMessage}, ChatOptions?, CancellationToken)"/>.</summary>
    public VerifiedStreamingResponse GetStreamingResponseAsync(string chatMessage, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        GetStreamingResponseAsync([new ChatMessage(ChatRole.User, chatMessage)], options, cancellationToken);

    /// <summary>Streams the response to one message; see <see cref="GetStreamingResponseAsync(IEnumerable{ChatMessage}, ChatOptions?, CancellationToken)"/>.</summary>
    public VerifiedStreamingResponse GetStreamingResponseAsync(ChatMessage chatMessage, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        GetStreamingResponseAsync([chatMessage ?? throw new ArgumentNullException(nameof(chatMessage))], options, cancellationToken);

    IAsyncEnumerable<ChatResponseUpdate> IChatClient.GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options, CancellationToken cancellationToken) =>
        GetStreamingResponseAsync(messages, options, cancellationToken);

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

/// <summary>
/// An attested stream of chat updates. Its receipts are complete when the enumeration has ended: after the
/// <c>await foreach</c> returns, breaks, or throws (a cancelled or stopped stream's last receipt is marked truncated).
/// Each round trip's last update also carries its receipt (<see cref="ChatReceiptExtensions.TryGetReceipt(ChatResponseUpdate, out ChatReceipt?)"/>)
/// when the stream reaches it.
/// </summary>
public sealed class VerifiedStreamingResponse : IAsyncEnumerable<ChatResponseUpdate>
{
    private readonly IAsyncEnumerable<ChatResponseUpdate> _updates;
    private readonly ReceiptSink _sink = new();

    internal VerifiedStreamingResponse(IAsyncEnumerable<ChatResponseUpdate> updates) => _updates = updates;

    /// <summary>The receipt of every round trip signed so far, in order.</summary>
    public IReadOnlyList<ChatReceipt> Receipts => _sink.Snapshot();

    /// <summary>The last round trip's receipt, or null before one was signed.</summary>
    public ChatReceipt? Receipt => Receipts is { Count: > 0 } receipts ? receipts[^1] : null;

    /// <inheritdoc />
    public async IAsyncEnumerator<ChatResponseUpdate> GetAsyncEnumerator(CancellationToken cancellationToken = default)
    {
        // The sink must be in the flow whenever a middleware step may start a round trip, and each MoveNextAsync runs in
        // the consumer's flow: so it is set again before every step, and before the disposal that signs a truncated
        // receipt.
        ReceiptSink.Current = _sink;
        var inner = _updates.GetAsyncEnumerator(cancellationToken);
        try
        {
            while (true)
            {
                ReceiptSink.Current = _sink;
                if (!await inner.MoveNextAsync().ConfigureAwait(false))
                {
                    break;
                }

                yield return inner.Current;
            }
        }
        finally
        {
            ReceiptSink.Current = _sink;
            await inner.DisposeAsync().ConfigureAwait(false);
        }
    }
}
