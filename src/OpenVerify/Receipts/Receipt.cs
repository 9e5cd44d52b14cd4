using System.Text.Json;

namespace OpenVerify;

/// <summary>
/// A signed inference receipt: a DSSE envelope around an in-toto statement with the OpenVerify inference predicate.
/// A receipt is the signing key holder's claim that this model, with these inputs, produced these outputs on this
/// runtime. Check it with <see cref="ReceiptVerifier"/>.
/// </summary>
public sealed class Receipt
{
    /// <summary>The DSSE payload type of receipts.</summary>
    public const string PayloadType = "application/vnd.in-toto.openverify-inference+json";

    /// <summary>The in-toto predicate type of receipts.</summary>
    public const string PredicateType = "https://openverify.dev/attestation/inference/v1";

    /// <summary>What <see cref="_statement"/> holds for a receipt produced here whose statement has not been read yet.</summary>
    private static readonly object ProducedHere = new();

    internal Receipt(DsseEnvelope envelope, InferenceStatement? statement)
    {
        Envelope = envelope;
        _statement = statement;
    }

    /// <summary>A receipt this process produced from a statement it wrote (the fast path keeps no object graph: the
    /// statement is read back from the payload when asked for).</summary>
    internal Receipt(DsseEnvelope envelope, bool producedHere)
    {
        Envelope = envelope;
        _statement = producedHere ? ProducedHere : null;
    }

    // The statement once read; ProducedHere before that for a receipt this process produced (one field, not two: a
    // batched receipt is kept per inference, and every field of it counts); null for a parsed receipt.
    private object? _statement;

    // Computed on first read: a receipt made on an inference's hot path is often never asked for its id. A race
    // computes the same digest twice and stores one array reference; either is the same value.
    private Sha256Digest _id;

    /// <summary>The envelope.</summary>
    public DsseEnvelope Envelope { get; }

    /// <summary>The receipt's identity: the SHA-256 of its payload (never the envelope bytes, since ECDSA signatures are
    /// malleable).</summary>
    public Sha256Digest Id => _id.IsEmpty ? _id = Sha256Digest.Compute(Envelope.Payload) : _id;

    /// <summary>The statement, when this process produced the receipt; null for parsed receipts (verify them first and
    /// read <see cref="VerificationResult.Statement"/>).</summary>
    internal InferenceStatement? LocalStatement => _statement switch
    {
        InferenceStatement statement => statement,
        null => null,
        _ => (InferenceStatement)(_statement = ParseStatement(Envelope.Payload)),
    };

    /// <summary>The envelope as JSON.</summary>
    public string ToJson() => Envelope.ToJson();

    /// <summary>
    /// Reads a receipt's envelope from JSON. It does not verify anything: pass the result to <see cref="ReceiptVerifier"/>.
    /// </summary>
    /// <exception cref="ReceiptFormatException">The JSON is not a DSSE envelope.</exception>
    public static Receipt Parse(string json) => new(DsseEnvelope.Parse(json), null);

    /// <summary>
    /// Parses the statement without checking any signature. For display and debugging only; never base a decision on it.
    /// </summary>
    /// <exception cref="ReceiptFormatException">The payload is not an OpenVerify inference statement.</exception>
    public InferenceStatement ReadStatementUnverified() => LocalStatement ?? ParseStatement(Envelope.Payload);

    internal static InferenceStatement ParseStatement(byte[] payload)
    {
        InferenceStatement? statement;
        try
        {
            statement = JsonSerializer.Deserialize(payload, OpenVerifyJsonContext.Strict.InferenceStatement);
        }
        catch (JsonException e)
        {
            throw new ReceiptFormatException($"The receipt's statement is malformed: {DsseEnvelope.DescribeJsonError(e)}", e);
        }

        if (statement is null)
        {
            throw new ReceiptFormatException("The receipt's statement is JSON null.");
        }

        if (statement.Type != InferenceStatement.StatementType)
        {
            throw new ReceiptFormatException($"The statement's _type is '{statement.Type}', expected '{InferenceStatement.StatementType}'.");
        }

        if (statement.PredicateType != PredicateType)
        {
            throw new ReceiptFormatException($"The statement's predicateType is '{statement.PredicateType}', expected '{PredicateType}'.");
        }

        if (FindNull(statement) is { } where)
        {
            throw new ReceiptFormatException($"The receipt's statement is malformed: {where} is null.");
        }

        if (FindFormError(statement) is { } error)
        {
            throw new ReceiptFormatException($"The receipt's statement is malformed: {error}.");
        }

        return statement;
    }

    /// <summary>
    /// The members with a format of their own (docs/spec/receipt-v1.md §7): the model's signature claims, the
    /// instance, sequence and timestamp. Digests, shapes, the subject and the session configuration are checked by the
    /// verifier, which reports each as its own check.
    /// </summary>
    private static string? FindFormError(InferenceStatement statement)
    {
        var predicate = statement.Predicate;
        return FindFormError(predicate.Model.PublisherKeyId, predicate.Model.SignatureDigest, predicate.Instance, predicate.Sequence, predicate.Timestamp);
    }

    /// <summary>The per-run members every receipt kind shares (the model's signature claims, instance, sequence,
    /// timestamp), checked for their formats.</summary>
    internal static string? FindFormError(string? publisherKeyId, IReadOnlyDictionary<string, string>? signatureDigest, string instance, long sequence, string timestamp)
    {
        if (publisherKeyId is { } publisher && !IsKeyId(publisher))
        {
            return $"$.predicate.model.publisherKeyId '{publisher}' is not a key id (sha256: and 64 lowercase hex digits)";
        }

        if (signatureDigest is { } signature && !DigestSets.TryRead(signature, "sha256", out _, out var digestError))
        {
            return $"$.predicate.model.signatureDigest is not a sha256 digest set: {digestError}";
        }

        if (!IsUuid(instance))
        {
            return $"$.predicate.instance '{instance}' is not a UUID (8-4-4-4-12 lowercase hex digits)";
        }

        if (sequence < 1)
        {
            return $"$.predicate.sequence is {sequence}; sequences start at 1";
        }

        if (!IsUtcTimestamp(timestamp))
        {
            return $"$.predicate.timestamp '{timestamp}' is not an RFC 3339 UTC time (yyyy-MM-ddTHH:mm:ss[.fraction]Z)";
        }

        return null;
    }

    /// <summary>The name of the statement's one subject, the output set.</summary>
    internal const string SubjectName = "outputs";

    /// <summary>The only execution provider v1 receipts name in <c>runtime.executionProvider</c>.</summary>
    internal const string CpuExecutionProvider = "CPUExecutionProvider";

    internal static bool IsKeyId(ReadOnlySpan<char> text) =>
        text.StartsWith(Sha256Digest.Prefix, StringComparison.Ordinal) && text.IndexOfAnyInRange('A', 'Z') < 0 && Sha256Digest.TryParseHex(text[Sha256Digest.Prefix.Length..], out _);

    internal static bool IsUuid(ReadOnlySpan<char> text)
    {
        if (text.Length != 36)
        {
            return false;
        }

        for (var i = 0; i < text.Length; i++)
        {
            if (!(i is 8 or 13 or 18 or 23 ? text[i] == '-' : char.IsAsciiHexDigitLower(text[i])))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>RFC 3339 in UTC: <c>yyyy-MM-ddTHH:mm:ss</c>, an optional fraction of 1 to 9 digits, then <c>Z</c>; a real
    /// calendar date and time (no leap second).</summary>
    internal static bool IsUtcTimestamp(ReadOnlySpan<char> text)
    {
        if (text.Length < 20 || text[^1] != 'Z'
            || !IsCalendarDateTime(text[..19]))
        {
            return false;
        }

        var fraction = text.Slice(19, text.Length - 20);
        return fraction.IsEmpty || (fraction[0] == '.' && fraction.Length is >= 2 and <= 10 && fraction[1..].IndexOfAnyExceptInRange('0', '9') < 0);
    }

    /// <summary>
    /// <c>yyyy-MM-ddTHH:mm:ss</c> in ASCII digits with an uppercase <c>T</c> (the spec, §7.2, and the Python verifier's
    /// pattern), holding a real date and time; written out rather than left to the culture-aware
    /// <c>DateTime.TryParseExact</c>, which costs more than the rest of a statement's checks (a test pins that both agree).
    /// </summary>
    internal static bool IsCalendarDateTime(ReadOnlySpan<char> text)
    {
        static int Digits(ReadOnlySpan<char> digits)
        {
            var value = 0;
            foreach (var c in digits)
            {
                if (!char.IsAsciiDigit(c))
                {
                    return -1;
                }

                value = (value * 10) + (c - '0');
            }

            return value;
        }

        if (text.Length != 19 || text[4] != '-' || text[7] != '-' || text[10] != 'T' || text[13] != ':' || text[16] != ':')
        {
            return false;
        }

        var (year, month, day) = (Digits(text[..4]), Digits(text[5..7]), Digits(text[8..10]));
        var (hour, minute, second) = (Digits(text[11..13]), Digits(text[14..16]), Digits(text[17..19]));
        return year is >= 1 and <= 9999 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month)
            && hour is >= 0 and <= 23 && minute is >= 0 and <= 59 && second is >= 0 and <= 59;
    }

    /// <summary>
    /// Nullable annotations do not reach list items and dictionary values, so the serializer lets <c>[null]</c> and
    /// <c>{"sha256": null}</c> through; refuse them here, so that no reader of a statement meets a null.
    /// </summary>
    private static string? FindNull(InferenceStatement statement)
    {
        static bool HasNullValue(IReadOnlyDictionary<string, string>? set) => set is not null && set.Values.Any(v => v is null);

        for (var i = 0; i < statement.Subject.Count; i++)
        {
            if (statement.Subject[i] is null || HasNullValue(statement.Subject[i].Digest))
            {
                return $"$.subject[{i}] or one of its digests";
            }
        }

        var predicate = statement.Predicate;
        if (HasNullValue(predicate.Model.Digest) || HasNullValue(predicate.Model.SignatureDigest))
        {
            return "a digest of $.predicate.model";
        }

        if (HasNullValue(predicate.Session.Digest))
        {
            return "a digest of $.predicate.session";
        }

        foreach (var (name, set) in new[] { ("inputs", predicate.Inputs), ("outputs", predicate.Outputs) })
        {
            if (HasNullValue(set.Digest))
            {
                return $"a digest of $.predicate.{name}";
            }

            for (var i = 0; i < set.Tensors.Count; i++)
            {
                if (set.Tensors[i] is null || HasNullValue(set.Tensors[i].Digest))
                {
                    return $"$.predicate.{name}.tensors[{i}] or one of its digests";
                }
            }
        }

        return null;
    }

    internal static byte[] SerializeStatement(InferenceStatement statement) =>
        JsonSerializer.SerializeToUtf8Bytes(statement, OpenVerifyJsonContext.Strict.InferenceStatement);
}

/// <summary>A result with its receipt.</summary>
/// <typeparam name="T">The result type.</typeparam>
/// <param name="Value">The result.</param>
/// <param name="Receipt">The signed receipt that binds the model, the inputs and this result.</param>
public sealed record Attested<T>(T Value, Receipt Receipt);
