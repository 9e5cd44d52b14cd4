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

    internal Receipt(DsseEnvelope envelope, InferenceStatement? statement)
    {
        Envelope = envelope;
        LocalStatement = statement;
        Id = Sha256Digest.Compute(envelope.Payload);
    }

    /// <summary>The envelope.</summary>
    public DsseEnvelope Envelope { get; }

    /// <summary>The receipt's identity: the SHA-256 of its payload (never the envelope bytes, since ECDSA signatures are
    /// malleable).</summary>
    public Sha256Digest Id { get; }

    /// <summary>The statement, when this process produced the receipt; null for parsed receipts (verify them first and
    /// read <see cref="VerificationResult.Statement"/>).</summary>
    internal InferenceStatement? LocalStatement { get; }

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
            statement = JsonSerializer.Deserialize(payload, OpenVerifyJsonContext.Default.InferenceStatement);
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

        return statement;
    }

    internal static byte[] SerializeStatement(InferenceStatement statement) =>
        JsonSerializer.SerializeToUtf8Bytes(statement, OpenVerifyJsonContext.Default.InferenceStatement);
}

/// <summary>A result with its receipt.</summary>
/// <typeparam name="T">The result type.</typeparam>
/// <param name="Value">The result.</param>
/// <param name="Receipt">The signed receipt that binds the model, the inputs and this result.</param>
public sealed record Attested<T>(T Value, Receipt Receipt);
