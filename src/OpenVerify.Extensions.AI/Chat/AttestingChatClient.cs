using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using OpenVerify.Extensions.AI.Canonical;

namespace OpenVerify.Extensions.AI;

/// <summary>
/// A delegating chat client that signs a receipt for every round trip to the client it wraps (docs/spec/chat-v1.md):
/// the transcript of the request (messages, allow-listed options, client metadata) and the response (id, answering
/// model, finish reason, usage, creation time, messages), canonical JSON signed as DSSE. The receipt rides on the
/// response (<see cref="ChatReceiptExtensions.GetReceipt(ChatResponse)"/>); a stream ends with one more update that
/// carries it. Put it innermost (<c>builder.UseFunctionInvocation().UseOpenVerify()</c>), so it sees every round trip
/// and what the provider really returned; a cache outside it returns the receipt it stored.
/// </summary>
/// <remarks>
/// <para>Receipts of one conversation form a hash chain: each names the previous receipt's id (see
/// <see cref="ChatChainLink"/>; how a conversation is recognised is in docs/spec/chat-v1.md §5).</para>
/// <para>A stream the consumer stops early, cancels, or that fails gets a receipt marked truncated over what was
/// received; it cannot ride on the stream any more, so it reaches <see cref="ReceiptSigned"/> and the
/// <see cref="VerifiedStreamingResponse"/> of a <see cref="VerifiedChatClient"/>.</para>
/// <para>This client is thread-safe if the inner client is.</para>
/// </remarks>
public sealed partial class AttestingChatClient : DelegatingChatClient
{
    /// <summary>The <see cref="ChatResponse.AdditionalProperties"/> key of the receipt (its envelope JSON).</summary>
    public const string ReceiptKey = "openverify.receipt";

    /// <summary>The <see cref="ChatResponse.AdditionalProperties"/> key of the transcript (its canonical JSON).</summary>
    public const string TranscriptKey = "openverify.transcript";

    private static readonly byte[] MessageDomain = "OpenVerify/chat-message/v1\0"u8.ToArray();

    private readonly ISigner _signer;
    private readonly ILogger _logger;
    private readonly ConversationTracker _conversations = new();
    private readonly bool _innerIsSemanticKernelBridge;
    private JsonObject? _client;

    /// <summary>Creates the client.</summary>
    /// <param name="innerClient">The provider's client (the attesting client should wrap it directly).</param>
    /// <param name="signer">The receipt-signing key.</param>
    /// <param name="logger">Where to log receipts signed (ids only, never content or keys).</param>
    public AttestingChatClient(IChatClient innerClient, ISigner signer, ILogger? logger = null)
        : base(innerClient)
    {
        _signer = signer ?? throw new ArgumentNullException(nameof(signer));
        _logger = logger ?? NullLogger.Instance;
        // Semantic Kernel's bridge is internal to it: known by its name (OpenVerify.Extensions.AI does not reference Semantic Kernel).
        _innerIsSemanticKernelBridge = innerClient.GetType().FullName == "Microsoft.SemanticKernel.ChatCompletion.ChatCompletionServiceChatClient";
    }

    /// <summary>Called with every receipt signed, truncated ones included, in the order they were signed (for example
    /// to append them to a chain file). It runs on the caller's thread; an exception from it reaches the caller.</summary>
    public Action<ChatReceipt>? ReceiptSigned { get; set; }

    /// <summary>
    /// Reads a provider's own attestation of a response (for example a TEE signature over request and response
    /// hashes) so that the receipt carries it as evidence, in the transcript's <c>evidence</c> field
    /// (docs/spec/chat-v1.md §3.4). Null: none.
    /// </summary>
    public Func<ChatResponse, IEnumerable<ProviderEvidence>>? ProviderEvidence { get; set; }

    /// <summary>How many conversation ends are remembered for chaining (default 10,000); the oldest are forgotten first.</summary>
    public int ConversationCapacity
    {
        get => _conversations.Capacity;
        set => _conversations.Capacity = value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "The capacity must be positive.");
    }

    internal IChatClient Inner => InnerClient;

    /// <summary>
    /// Semantic Kernel's bridge from a chat service (<c>service.AsChatClient()</c>, the inner client of a received
    /// service verified in place) turns the options back into execution settings without <see cref="ChatOptions.Reasoning"/>
    /// (what <c>OpenAIPromptExecutionSettings.ReasoningEffort</c> becomes on the way in): the service would call the model
    /// without it, a change nobody would see. Refused before anything is sent; every other OpenAI setting reaches the
    /// wire as the connector alone sends it (SemanticKernelSettingsTests compares them).
    /// </summary>
    private void RefuseWhatTheBridgeDrops(ChatOptions? options)
    {
        if (_innerIsSemanticKernelBridge && options?.Reasoning is not null)
        {
            throw new NotSupportedException(
                "The verified chat pipeline cannot pass ChatOptions.Reasoning (Semantic Kernel's OpenAIPromptExecutionSettings.ReasoningEffort) to a Semantic Kernel service " +
                "bridged with AsChatClient(): that bridge drops it, so the model would run without it. Remove the setting, or verify the IChatClient the service is built on " +
                "(\"Build the kernel on a VerifiedChatClient\") instead of the received service (docs/semantic-kernel.md).");
        }
    }

    /// <inheritdoc />
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        RefuseWhatTheBridgeDrops(options);
        var materialized = messages as IList<ChatMessage> ?? [.. messages];
        var request = Request(materialized, options);
        var response = await base.GetResponseAsync(materialized, options, cancellationToken).ConfigureAwait(false);
        var receipt = Sign(request, options, response, truncated: false, ReceiptSink.Current);
        Attach(response.AdditionalProperties ??= [], receipt);
        return response;
    }

    /// <inheritdoc />
    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        RefuseWhatTheBridgeDrops(options);
        var materialized = messages as IList<ChatMessage> ?? [.. messages];
        var request = Request(materialized, options);
        var sink = ReceiptSink.Current;
        var updates = new List<ChatResponseUpdate>();
        var completed = false;
        try
        {
            await foreach (var update in base.GetStreamingResponseAsync(materialized, options, cancellationToken).ConfigureAwait(false))
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
                Sign(request, options, updates.ToChatResponse(), truncated: true, sink);
            }
        }

        var receipt = Sign(request, options, updates.ToChatResponse(), truncated: false, sink);
        var last = new ChatResponseUpdate { AdditionalProperties = [] };
        Attach(last.AdditionalProperties, receipt);
        yield return last;
    }

    private static JsonObject Request(IEnumerable<ChatMessage> messages, ChatOptions? options) => new()
    {
        // Captured before the call: middleware or the caller may change the list or the options afterwards.
        ["messages"] = TranscriptWriter.Messages(messages),
        ["options"] = TranscriptWriter.Options(options),
    };

    private JsonObject ClientMetadata()
    {
        if (_client is null)
        {
            var metadata = InnerClient.GetService<ChatClientMetadata>();
            _client = TranscriptWriter.Client(metadata?.ProviderName, metadata?.ProviderUri, metadata?.DefaultModelId);
        }

        return (JsonObject)_client.DeepClone();
    }

    private ChatReceipt Sign(JsonObject request, ChatOptions? options, ChatResponse response, bool truncated, ReceiptSink? sink)
    {
        var transcript = new JsonObject
        {
            ["schema"] = ChatReceipt.TranscriptSchema,
            ["operation"] = "chat",
            ["client"] = ClientMetadata(),
            ["request"] = request.DeepClone(),
            ["response"] = TranscriptWriter.Response(response),
        };
        if (ProviderEvidence?.Invoke(response) is { } evidence && evidence.Any())
        {
            transcript["evidence"] = new JsonArray([.. evidence.Select(e => (JsonNode)e.ToJson())]);
        }

        var canonical = ReceiptFactory.Canonicalize(transcript);
        var fields = TranscriptFields.Compute(canonical);
        var (requestMessages, responseMessages) = MessageDigests(canonical);
        ChatReceipt? receipt = null;
        _conversations.Link(options?.ConversationId, requestMessages, responseMessages, link =>
        {
            receipt = ReceiptFactory.Sign("chat", canonical, fields, link, truncated, RuntimeSigner.ForThisReceipt(_signer));
            return receipt.Id;
        });
        if (response.ConversationId is { } conversationId && conversationId != options?.ConversationId)
        {
            _conversations.RememberConversationId(conversationId, receipt!.Claims.Chain!, receipt.Id);
        }

        LogSigned(_logger, receipt!.Id, receipt.Claims.Chain!.Conversation, receipt.Claims.Chain.Turn, truncated);
        ReceiptSpanTags.Annotate("chat", receipt);
        sink?.Add(receipt);
        ReceiptSigned?.Invoke(receipt);
        return receipt;
    }

    /// <summary>Path-independent digests of the request's and the response's messages, for recognising a history.</summary>
    private static (List<string> Request, List<string> Response) MessageDigests(byte[] canonical)
    {
        using var document = JsonDocument.Parse(canonical);
        List<string> Digests(string section)
        {
            var list = new List<string>();
            foreach (var message in document.RootElement.GetProperty(section).GetProperty("messages").EnumerateArray())
            {
                list.Add(DomainDigest.Compute(MessageDomain, JsonCanonicalizer.Canonicalize(message)).ToHex());
            }

            return list;
        }

        return (Digests("request"), Digests("response"));
    }

    internal static void Attach(AdditionalPropertiesDictionary properties, ChatReceipt receipt)
    {
        properties[ReceiptKey] = receipt.ToJson();
        properties[TranscriptKey] = receipt.TranscriptJson;
    }

    [LoggerMessage(EventId = 1301, Level = LogLevel.Debug, Message = "Signed chat receipt {ReceiptId} (conversation {Conversation}, turn {Turn}, truncated {Truncated})")]
    private static partial void LogSigned(ILogger logger, Sha256Digest receiptId, string conversation, long turn, bool truncated);
}
