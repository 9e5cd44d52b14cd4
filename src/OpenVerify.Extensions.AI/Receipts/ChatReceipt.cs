using System.Text;
using System.Text.Json;
using OpenVerify.Extensions.AI.Canonical;

namespace OpenVerify.Extensions.AI;

/// <summary>
/// A signed chat or embeddings receipt (docs/spec/chat-v1.md): a DSSE envelope around an in-toto statement whose
/// predicate binds the digest of a transcript, the canonical JSON of exactly what was sent and received. For a remote
/// model it is the calling host's signed, tamper-evident record of the exchange, not proof of how the provider computed
/// the answer. Check it with <see cref="ChatReceiptVerifier"/>.
/// </summary>
public sealed class ChatReceipt
{
    /// <summary>The DSSE payload type of chat and embeddings receipts.</summary>
    public const string PayloadType = "application/vnd.in-toto.openverify-chat+json";

    /// <summary>The in-toto predicate type of chat and embeddings receipts.</summary>
    public const string PredicateType = "https://openverify.dev/attestation/chat/v1";

    /// <summary>The transcript schema this version writes and reads.</summary>
    public const string TranscriptSchema = "openverify.chat-transcript/v1";

    /// <summary>The operations this version reads (docs/spec/chat-v1.md §3.2, §8 and §9); a receipt of any other is refused.</summary>
    internal static readonly string[] Operations = ["chat", "embeddings", MediaTranscriptWriter.SpeechToText, MediaTranscriptWriter.TextToSpeech, MediaTranscriptWriter.ImageGeneration, ModerationTranscriptWriter.Moderation];

    /// <summary>The statement's one subject: the transcript file.</summary>
    internal const string SubjectName = "transcript.json";

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private ChatReceipt(DsseEnvelope envelope, ChatStatement statement, byte[]? transcript)
    {
        Envelope = envelope;
        Statement = statement;
        Transcript = transcript;
        Id = Sha256Digest.Compute(envelope.Payload);
    }

    /// <summary>The envelope.</summary>
    public DsseEnvelope Envelope { get; }

    /// <summary>The receipt's identity: the SHA-256 of its payload (the value the next receipt of a conversation names
    /// as <c>previous</c>).</summary>
    public Sha256Digest Id { get; }

    /// <summary>The transcript's canonical JSON bytes (transcript.json), when known; null for a receipt read without one.</summary>
    public byte[]? Transcript { get; }

    /// <summary>The transcript as text, when known.</summary>
    public string? TranscriptJson => Transcript is null ? null : Encoding.UTF8.GetString(Transcript);

    /// <summary>
    /// The predicate as the payload states it, read without checking the signature: for display, for the pipeline that
    /// made it, and for ordering. Never base a decision on it before <see cref="ChatReceiptVerifier"/> succeeded.
    /// </summary>
    public ChatReceiptPredicate Claims => Statement.Predicate;

    /// <summary>Whether the receipt says the exchange was cut short (unverified; see <see cref="Claims"/>).</summary>
    public bool IsTruncated => Statement.Predicate.Truncated;

    internal ChatStatement Statement { get; }

    /// <summary>The envelope as JSON (receipt.json).</summary>
    public string ToJson() => Envelope.ToJson();

    internal static ChatReceipt Create(DsseEnvelope envelope, ChatStatement statement, byte[] transcript) => new(envelope, statement, transcript);

    /// <summary>
    /// Reads a receipt (and optionally its transcript) from JSON. It verifies nothing: pass the result to
    /// <see cref="ChatReceiptVerifier"/>.
    /// </summary>
    /// <exception cref="ReceiptFormatException">The JSON is not a DSSE envelope of a chat receipt, or its statement is malformed.</exception>
    public static ChatReceipt Parse(string receiptJson, string? transcriptJson = null)
    {
        ArgumentNullException.ThrowIfNull(receiptJson);
        var envelope = DsseEnvelope.Parse(receiptJson);
        return FromEnvelope(envelope, transcriptJson is null ? null : Encoding.UTF8.GetBytes(transcriptJson));
    }

    /// <summary>Reads a receipt file and, when given, its transcript file.</summary>
    /// <exception cref="ReceiptFormatException">The receipt is malformed or a file is not UTF-8.</exception>
    public static ChatReceipt Load(string receiptPath, string? transcriptPath = null)
    {
        var receipt = ReadUtf8(receiptPath, "receipt");
        byte[]? transcript = null;
        if (transcriptPath is not null)
        {
            transcript = File.ReadAllBytes(transcriptPath);
        }

        return FromEnvelope(DsseEnvelope.Parse(receipt), transcript);
    }

    /// <summary>Writes receipt.json and transcript.json.</summary>
    public void Save(string receiptPath, string transcriptPath)
    {
        File.WriteAllText(receiptPath, ToJson() + "\n");
        File.WriteAllBytes(transcriptPath, Transcript ?? throw new InvalidOperationException("This receipt was read without its transcript; there is none to save."));
    }

    /// <summary>The same receipt with another transcript (for example one read from a file), unverified.</summary>
    public ChatReceipt WithTranscript(byte[] transcript) => new(Envelope, Statement, transcript ?? throw new ArgumentNullException(nameof(transcript)));

    internal static ChatReceipt FromEnvelope(DsseEnvelope envelope, byte[]? transcript)
    {
        if (envelope.PayloadType != PayloadType)
        {
            throw new ReceiptFormatException($"The envelope's payload type is '{envelope.PayloadType}', not a chat receipt's ('{PayloadType}'): {ReceiptVerifier.DescribePayloadType(envelope.PayloadType)}.");
        }

        return new ChatReceipt(envelope, ParseStatement(envelope.Payload), transcript);
    }

    internal static ChatStatement ParseStatement(byte[] payload)
    {
        ChatStatement? statement;
        try
        {
            statement = JsonSerializer.Deserialize(payload, ChatJsonContext.Strict.ChatStatement);
        }
        catch (JsonException e)
        {
            throw new ReceiptFormatException($"The chat receipt's statement is malformed: {e.Message}", e);
        }

        if (statement is null)
        {
            throw new ReceiptFormatException("The chat receipt's statement is JSON null.");
        }

        if (statement.Type != ChatStatement.StatementType)
        {
            throw new ReceiptFormatException($"The statement's _type is '{statement.Type}', expected '{ChatStatement.StatementType}'.");
        }

        if (statement.PredicateType != PredicateType)
        {
            throw new ReceiptFormatException($"The statement's predicateType is '{statement.PredicateType}', expected '{PredicateType}'.");
        }

        var predicate = statement.Predicate;
        if (predicate.Fields.Any(f => f is null) || statement.Subject.Any(s => s is null || s.Digest.Values.Any(v => v is null)) || predicate.Transcript.Values.Any(v => v is null))
        {
            throw new ReceiptFormatException("The chat receipt's statement holds a null where a value is required.");
        }

        if (predicate.Schema != TranscriptSchema)
        {
            throw new ReceiptFormatException($"The predicate's schema is '{predicate.Schema}'; this version reads '{TranscriptSchema}'.");
        }

        if (!Operations.Contains(predicate.Operation))
        {
            // Fail closed: an operation this version does not know binds what this version cannot check.
            throw new ReceiptFormatException($"The predicate's operation is '{predicate.Operation}', which this verifier does not know; it knows {string.Join(", ", Operations.Select(o => $"'{o}'"))}.");
        }

        if ((predicate.Operation == "chat") != (predicate.Chain is not null))
        {
            throw new ReceiptFormatException("A chat receipt carries a chain link and a receipt of any other operation none.");
        }

        return statement;
    }

    private static string ReadUtf8(string path, string what)
    {
        try
        {
            return StrictUtf8.GetString(File.ReadAllBytes(path));
        }
        catch (DecoderFallbackException e)
        {
            throw new ReceiptFormatException($"The {what} file '{path}' is not valid UTF-8.", e);
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"{Claims.Operation} receipt {Id}";
}
