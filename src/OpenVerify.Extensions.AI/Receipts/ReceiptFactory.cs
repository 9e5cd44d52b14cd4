using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using OpenVerify.Extensions.AI.Canonical;

namespace OpenVerify.Extensions.AI;

/// <summary>Builds, canonicalizes and signs a transcript into a <see cref="ChatReceipt"/> (docs/spec/chat-v1.md §4).</summary>
internal static class ReceiptFactory
{
    /// <summary>A random id of this process, so that (instance, sequence) names one receipt.</summary>
    private static readonly string Instance = Guid.NewGuid().ToString("D");
    private static long _sequence;

    /// <summary>The canonical bytes of a transcript object.</summary>
    public static byte[] Canonicalize(JsonObject transcript) =>
        JsonCanonicalizer.Canonicalize(JsonSerializer.SerializeToElement(transcript, ChatNodeJsonContext.Default.JsonObject));

    /// <summary>Signs a canonical transcript with its field digests and, for chat, its place in the conversation.</summary>
    public static ChatReceipt Sign(string operation, byte[] transcript, List<TranscriptField> fields, ChatChainLink? chain, bool truncated, ISigner signer)
    {
        var digest = Sha256Digest.Compute(transcript);
        var statement = new ChatStatement
        {
            Type = ChatStatement.StatementType,
            Subject = [new ChatSubject { Name = ChatReceipt.SubjectName, Digest = new() { ["sha256"] = digest.ToHex() } }],
            PredicateType = ChatReceipt.PredicateType,
            Predicate = new ChatReceiptPredicate
            {
                Schema = ChatReceipt.TranscriptSchema,
                Operation = operation,
                Transcript = new() { ["sha256"] = digest.ToHex() },
                Fields = fields,
                Chain = chain,
                Truncated = truncated,
                Instance = Instance,
                Sequence = Interlocked.Increment(ref _sequence),
                Timestamp = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture),
            },
        };
        var payload = JsonSerializer.SerializeToUtf8Bytes(statement, ChatJsonContext.Strict.ChatStatement);
        return ChatReceipt.Create(DsseEnvelope.Sign(ChatReceipt.PayloadType, payload, signer), statement, transcript);
    }
}

[System.Text.Json.Serialization.JsonSerializable(typeof(JsonObject))]
internal sealed partial class ChatNodeJsonContext : System.Text.Json.Serialization.JsonSerializerContext;
