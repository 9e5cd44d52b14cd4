using System.Text.Json.Serialization;

namespace OpenVerify.Extensions.AI;

/// <summary>The in-toto Statement v1 of a chat or embeddings receipt (docs/spec/chat-v1.md §4).</summary>
internal sealed class ChatStatement
{
    public const string StatementType = "https://in-toto.io/Statement/v1";

    [JsonPropertyName("_type")]
    public required string Type { get; init; }

    [JsonPropertyName("subject")]
    public required List<ChatSubject> Subject { get; init; }

    [JsonPropertyName("predicateType")]
    public required string PredicateType { get; init; }

    [JsonPropertyName("predicate")]
    public required ChatReceiptPredicate Predicate { get; init; }
}

internal sealed class ChatSubject
{
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    [JsonPropertyName("digest")]
    public required Dictionary<string, string> Digest { get; init; }
}

/// <summary>
/// The predicate of a chat or embeddings receipt (docs/spec/chat-v1.md §4): the transcript's digest and the digest of
/// each of its fields (so a verifier can name the first field that differs), the conversation chain, whether the
/// exchange was cut short, and the signer's instance, sequence and clock.
/// </summary>
public sealed class ChatReceiptPredicate
{
    /// <summary>The transcript schema: <c>openverify.chat-transcript/v1</c>.</summary>
    [JsonPropertyName("schema")]
    public required string Schema { get; init; }

    /// <summary><c>chat</c> or <c>embeddings</c>.</summary>
    [JsonPropertyName("operation")]
    public required string Operation { get; init; }

    /// <summary>The SHA-256 of the canonical transcript bytes (the bytes of transcript.json), as a digest set.</summary>
    [JsonPropertyName("transcript")]
    public required Dictionary<string, string> Transcript { get; init; }

    /// <summary>Each field of the transcript with its digest, in canonical order (docs/spec/chat-v1.md §3.3).</summary>
    [JsonPropertyName("fields")]
    public required List<TranscriptField> Fields { get; init; }

    /// <summary>The conversation chain (chat only).</summary>
    [JsonPropertyName("chain")]
    public ChatChainLink? Chain { get; init; }

    /// <summary>True when the response did not reach its end: a stream the consumer stopped early or cancelled, or one
    /// that failed. The transcript holds what was received until then.</summary>
    [JsonPropertyName("truncated")]
    public required bool Truncated { get; init; }

    /// <summary>A random id of the signing process (UUID).</summary>
    [JsonPropertyName("instance")]
    public required string Instance { get; init; }

    /// <summary>This receipt's number among those the instance signed, from 1.</summary>
    [JsonPropertyName("sequence")]
    public required long Sequence { get; init; }

    /// <summary>When it was signed, by the signer's clock (RFC 3339 UTC): a claim, nothing more.</summary>
    [JsonPropertyName("timestamp")]
    public required string Timestamp { get; init; }
}

/// <summary>One field of a transcript and its digest.</summary>
public sealed class TranscriptField
{
    /// <summary>The field's JSON Pointer (RFC 6901) in the transcript, for example <c>/request/messages/0</c>.</summary>
    [JsonPropertyName("path")]
    public required string Path { get; init; }

    /// <summary>Lowercase hex SHA-256 of <c>"OpenVerify/chat-field/v1\0"</c> ‖ path ‖ <c>0x00</c> ‖ the field's canonical
    /// JSON.</summary>
    [JsonPropertyName("sha256")]
    public required string Sha256 { get; init; }
}

/// <summary>A chat receipt's place in its conversation: each receipt names the previous receipt of the conversation.</summary>
public sealed class ChatChainLink
{
    /// <summary>The conversation's id: a random UUID given at its first turn.</summary>
    [JsonPropertyName("conversation")]
    public required string Conversation { get; init; }

    /// <summary>The round trip's number in the conversation, from 1.</summary>
    [JsonPropertyName("turn")]
    public required long Turn { get; init; }

    /// <summary>The id (<c>sha256:</c> of the payload) of the conversation's previous receipt; absent at turn 1.</summary>
    [JsonPropertyName("previous")]
    public string? Previous { get; init; }
}
