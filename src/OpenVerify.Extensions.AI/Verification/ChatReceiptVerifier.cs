using System.Globalization;
using System.Text;
using System.Text.Json;
using OpenVerify.Extensions.AI.Canonical;

namespace OpenVerify.Extensions.AI;

/// <summary>The names of the checks a <see cref="ChatReceiptVerifier"/> reports beyond the runtime's
/// <see cref="VerificationChecks"/> (docs/spec/chat-v1.md §6).</summary>
public static class ChatVerificationChecks
{
    /// <summary>The transcript given is the one the receipt binds (its canonical digest), or the first field that differs.</summary>
    public const string Transcript = "transcript";

    /// <summary>The receipt's field digests are those of its transcript.</summary>
    public const string Fields = "fields";

    /// <summary>The receipt is the operation asked for (chat or embeddings).</summary>
    public const string Operation = "operation";

    /// <summary>The receipts of a conversation link up: same conversation, turns in order, each naming the one before.</summary>
    public const string Chain = "chain";
}

/// <summary>
/// Verifies chat and embeddings receipts: the payload type and a trusted <c>receipt-signer</c> signature through the
/// runtime's <see cref="ReceiptVerifier.VerifyEnvelope"/> (before the payload is read), the statement, and, given the
/// transcript, that it is exactly what was signed, naming the first field that differs. <see cref="VerifyChain"/>
/// checks that the receipts of a conversation form an unbroken chain.
/// </summary>
public sealed class ChatReceiptVerifier
{
    private readonly ReceiptVerifier _verifier;

    /// <summary>Creates a verifier over a trust store.</summary>
    public ChatReceiptVerifier(TrustStore trust) => _verifier = new ReceiptVerifier(trust ?? throw new ArgumentNullException(nameof(trust)));

    /// <summary>Creates a verifier that shares a <see cref="ReceiptVerifier"/> (and its cache of batch roots).</summary>
    public ChatReceiptVerifier(ReceiptVerifier verifier) => _verifier = verifier ?? throw new ArgumentNullException(nameof(verifier));

    /// <summary>Parses and verifies a receipt and, when given, its transcript. Malformed JSON is a failed <c>envelope</c> check.</summary>
    public ChatVerificationResult Verify(string receiptJson, string? transcriptJson = null)
    {
        ArgumentNullException.ThrowIfNull(receiptJson);
        DsseEnvelope envelope;
        try
        {
            envelope = DsseEnvelope.Parse(receiptJson);
        }
        catch (ReceiptFormatException e)
        {
            return new ChatVerificationResult([new VerificationCheck(VerificationChecks.Envelope, false, e.Message)], [], null, null, null);
        }

        return Verify(envelope, transcriptJson is null ? null : Encoding.UTF8.GetBytes(transcriptJson));
    }

    /// <summary>Verifies a receipt, with the transcript it carries (if any).</summary>
    public ChatVerificationResult Verify(ChatReceipt receipt, string? expectedOperation = null)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        return Verify(receipt.Envelope, receipt.Transcript, expectedOperation);
    }

    /// <summary>Verifies an envelope and, when given, the transcript bytes (transcript.json).</summary>
    /// <param name="envelope">The receipt's envelope.</param>
    /// <param name="transcript">The transcript's bytes; null to check the receipt alone (then <c>transcript</c> is not checked).</param>
    /// <param name="expectedOperation">The operation to require (<c>chat</c>, <c>embeddings</c>, <c>speech-to-text</c>, <c>text-to-speech</c>, <c>image-generation</c>, <c>moderation</c>); null for any.</param>
    public ChatVerificationResult Verify(DsseEnvelope envelope, byte[]? transcript, string? expectedOperation = null)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        var envelopeResult = _verifier.VerifyEnvelope(envelope, ChatReceipt.PayloadType);
        var checks = new List<VerificationCheck>(envelopeResult.Checks);
        var notChecked = new List<string>();
        var id = Sha256Digest.Compute(envelope.Payload);
        if (!envelopeResult.Succeeded)
        {
            return new ChatVerificationResult(checks, notChecked, null, null, null);
        }

        var signer = envelopeResult.Signer!.Key.KeyId;
        ChatStatement statement;
        try
        {
            statement = ChatReceipt.ParseStatement(envelope.Payload);
            checks.Add(new(VerificationChecks.Statement, true, "in-toto Statement v1 with the OpenVerify chat predicate"));
        }
        catch (ReceiptFormatException e)
        {
            checks.Add(new(VerificationChecks.Statement, false, e.Message));
            return new ChatVerificationResult(checks, notChecked, null, signer, id);
        }

        var predicate = statement.Predicate;
        var transcriptHex = predicate.Transcript.TryGetValue("sha256", out var hex) ? hex : null;
        var subjectOk = transcriptHex is not null && predicate.Transcript.Count == 1 && Sha256Digest.TryParseHex(transcriptHex, out _) && transcriptHex.All(c => !char.IsAsciiLetterUpper(c))
            && statement.Subject.Count == 1 && statement.Subject[0].Name == ChatReceipt.SubjectName
            && statement.Subject[0].Digest.Count == 1 && statement.Subject[0].Digest.TryGetValue("sha256", out var subjectHex) && subjectHex == transcriptHex;
        checks.Add(subjectOk
            ? new(VerificationChecks.Subject, true, $"the subject is {ChatReceipt.SubjectName} with the transcript digest")
            : new(VerificationChecks.Subject, false, $"The statement's subject must be exactly {ChatReceipt.SubjectName} with the predicate's transcript digest (sha256, lowercase hex)."));

        if (expectedOperation is not null)
        {
            var ok = predicate.Operation == expectedOperation;
            checks.Add(new(ChatVerificationChecks.Operation, ok, ok ? $"a {expectedOperation} receipt" : $"The receipt is an {predicate.Operation} receipt, not a {expectedOperation} receipt.", expectedOperation, predicate.Operation));
        }

        if (transcript is null)
        {
            notChecked.Add(ChatVerificationChecks.Transcript);
        }
        else if (subjectOk)
        {
            CheckTranscript(transcript, predicate, transcriptHex!, checks);
        }

        return new ChatVerificationResult(checks, notChecked, predicate, signer, id);
    }

    private static void CheckTranscript(byte[] transcript, ChatReceiptPredicate predicate, string expectedHex, List<VerificationCheck> checks)
    {
        byte[] canonical;
        List<TranscriptField> fields;
        try
        {
            canonical = JsonCanonicalizer.Canonicalize(transcript);
            fields = TranscriptFields.Compute(canonical);
        }
        catch (ChatTranscriptException e)
        {
            checks.Add(new(ChatVerificationChecks.Transcript, false, $"The transcript cannot be read as canonical JSON: {e.Message}"));
            return;
        }

        var actualHex = Sha256Digest.Compute(canonical).ToHex();
        if (actualHex == expectedHex)
        {
            var header = ReadHeader(canonical);
            var headerOk = header.Schema == predicate.Schema && header.Operation == predicate.Operation;
            var mediaProblem = headerOk ? MediaProblem(canonical, predicate.Operation) : null;
            checks.Add(!headerOk
                ? new(ChatVerificationChecks.Transcript, false, "The transcript's schema or operation is not the receipt's.", $"{predicate.Schema} {predicate.Operation}", $"{header.Schema} {header.Operation}")
                : mediaProblem is not null
                ? new(ChatVerificationChecks.Transcript, false, $"The {predicate.Operation} transcript is malformed: {mediaProblem}")
                : new(ChatVerificationChecks.Transcript, true, $"the transcript is the one signed (sha256:{actualHex}{(canonical.AsSpan().SequenceEqual(transcript) ? string.Empty : ", after canonicalization")})"));
            var fieldsOk = SameFields(fields, predicate.Fields);
            checks.Add(fieldsOk
                ? new(ChatVerificationChecks.Fields, true, $"the {fields.Count} field digests are the transcript's")
                : new(ChatVerificationChecks.Fields, false, "The receipt's field digests are not its transcript's: the signer wrote an inconsistent receipt."));
            return;
        }

        var (path, expected, actual) = FirstDifference(predicate.Fields, fields);
        checks.Add(new(ChatVerificationChecks.Transcript, false,
            path is null
                ? "The transcript is not the one signed (its digest differs), though every field digest matches the receipt's: the receipt is inconsistent."
                : $"The transcript differs from the one signed, first at {path}.",
            expected ?? $"sha256:{expectedHex}", actual ?? $"sha256:{actualHex}"));
    }

    /// <summary>The first field, in canonical order, whose path or digest differs; the digests are null for a field
    /// only one side has.</summary>
    internal static (string? Path, string? Expected, string? Actual) FirstDifference(IReadOnlyList<TranscriptField> signed, IReadOnlyList<TranscriptField> given)
    {
        for (var i = 0; i < Math.Max(signed.Count, given.Count); i++)
        {
            var s = i < signed.Count ? signed[i] : null;
            var g = i < given.Count ? given[i] : null;
            if (s is null)
            {
                return (g!.Path, "(absent)", "sha256:" + g.Sha256);
            }

            if (g is null)
            {
                return (s.Path, "sha256:" + s.Sha256, "(absent)");
            }

            if (s.Path != g.Path)
            {
                // A field missing on one side: name the one that comes first in canonical order.
                return string.CompareOrdinal(s.Path, g.Path) < 0 ? (s.Path, "sha256:" + s.Sha256, "(absent)") : (g.Path, "(absent)", "sha256:" + g.Sha256);
            }

            if (s.Sha256 != g.Sha256)
            {
                return (s.Path, "sha256:" + s.Sha256, "sha256:" + g.Sha256);
            }
        }

        return (null, null, null);
    }

    private static bool SameFields(List<TranscriptField> a, List<TranscriptField> b) =>
        a.Count == b.Count && a.Zip(b).All(p => p.First.Path == p.Second.Path && p.First.Sha256 == p.Second.Sha256);

    private static string? MediaProblem(byte[] canonical, string operation)
    {
        using var document = JsonDocument.Parse(canonical);
        return MediaTranscriptRules.Check(document.RootElement, operation);
    }

    private static (string? Schema, string? Operation) ReadHeader(byte[] canonical)
    {
        using var document = JsonDocument.Parse(canonical);
        var root = document.RootElement;
        string? Text(string name) => root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        return (Text("schema"), Text("operation"));
    }

    /// <summary>
    /// Verifies each receipt (with its transcript, when it carries one) and that together, in the order given, they are
    /// one conversation's unbroken chain: all chat receipts of the same conversation, the first at turn 1 naming no
    /// previous receipt, each next one at the next turn naming the id of the one before. A dropped, reordered or
    /// inserted turn, or a receipt of another conversation, fails the <c>chain</c> check at the first receipt that does
    /// not fit.
    /// </summary>
    public ChainVerificationResult VerifyChain(IEnumerable<ChatReceipt> receipts)
    {
        ArgumentNullException.ThrowIfNull(receipts);
        var list = receipts.ToList();
        var results = list.Select(r => Verify(r, "chat")).ToList();
        var chain = new List<VerificationCheck>();
        if (list.Count == 0)
        {
            chain.Add(new(ChatVerificationChecks.Chain, false, "There are no receipts to check."));
            return new ChainVerificationResult(results, chain);
        }

        for (var i = 0; i < list.Count; i++)
        {
            if (results[i].Predicate?.Chain is not { } link)
            {
                chain.Add(new(ChatVerificationChecks.Chain, false, Numbered(i, "did not verify, so its place in the chain is unknown")));
                return new ChainVerificationResult(results, chain);
            }

            var first = results[0].Predicate!.Chain!;
            var expectedTurn = (long)i + 1;
            var expectedPrevious = i == 0 ? null : list[i - 1].Id.ToString();
            if (link.Conversation != first.Conversation)
            {
                chain.Add(new(ChatVerificationChecks.Chain, false, Numbered(i, "belongs to another conversation: it was inserted"), first.Conversation, link.Conversation));
                return new ChainVerificationResult(results, chain);
            }

            if (link.Turn != expectedTurn || link.Previous != expectedPrevious)
            {
                var why = i == 0 && link.Turn != 1 ? $"starts at turn {link.Turn}: the turns before it were dropped, or the receipts are out of order"
                    : link.Turn > expectedTurn ? $"is turn {link.Turn} where turn {expectedTurn} comes next: a turn was dropped, or the receipts are out of order"
                    : link.Turn < expectedTurn ? $"is turn {link.Turn} where turn {expectedTurn} comes next: the receipts are out of order, or it was inserted"
                    : "does not name the receipt before it as its previous one: a turn was replaced or inserted";
                chain.Add(new(ChatVerificationChecks.Chain, false, Numbered(i, why),
                    string.Create(CultureInfo.InvariantCulture, $"turn {expectedTurn}, previous {expectedPrevious ?? "(none)"}"),
                    string.Create(CultureInfo.InvariantCulture, $"turn {link.Turn}, previous {link.Previous ?? "(none)"}")));
                return new ChainVerificationResult(results, chain);
            }
        }

        chain.Add(new(ChatVerificationChecks.Chain, true, string.Create(CultureInfo.InvariantCulture, $"{list.Count} turns of conversation {results[0].Predicate!.Chain!.Conversation}, each naming the one before")));
        return new ChainVerificationResult(results, chain);
    }

    private static string Numbered(int index, string what) => string.Create(CultureInfo.InvariantCulture, $"Receipt {index + 1} {what}.");
}

/// <summary>The result of verifying a chat or embeddings receipt.</summary>
public sealed class ChatVerificationResult
{
    internal ChatVerificationResult(IReadOnlyList<VerificationCheck> checks, IReadOnlyList<string> notChecked, ChatReceiptPredicate? predicate, string? signerKeyId, Sha256Digest? id)
    {
        Checks = checks;
        NotChecked = notChecked;
        Predicate = predicate;
        SignerKeyId = signerKeyId;
        Id = id;
    }

    /// <summary>True when at least one check was made and every check passed.</summary>
    public bool Succeeded => Checks.Count > 0 && Checks.All(c => c.Passed);

    /// <summary>Every check made, in order.</summary>
    public IReadOnlyList<VerificationCheck> Checks { get; }

    /// <summary>Checks not made for want of something to check against (<c>transcript</c>).</summary>
    public IReadOnlyList<string> NotChecked { get; }

    /// <summary>The predicate, when the signature verified and the statement parsed; null otherwise.</summary>
    public ChatReceiptPredicate? Predicate { get; }

    /// <summary>The id of the trusted key that verified.</summary>
    public string? SignerKeyId { get; }

    /// <summary>The receipt's id (SHA-256 of its payload), when its envelope parsed.</summary>
    public Sha256Digest? Id { get; }

    /// <summary>The first failed check, or null.</summary>
    public VerificationCheck? FirstFailure => Checks.FirstOrDefault(c => !c.Passed);

    /// <summary>A readable report: one line per check, then what was not checked.</summary>
    public override string ToString() =>
        (Succeeded ? "VERIFIED\n" : "NOT VERIFIED\n") + string.Concat(Checks.Select(c => $"  {c}\n"))
        + (NotChecked.Count > 0 ? $"  not checked: {string.Join(", ", NotChecked)}\n" : string.Empty);
}

/// <summary>The result of verifying a conversation's chain of receipts.</summary>
public sealed class ChainVerificationResult
{
    internal ChainVerificationResult(IReadOnlyList<ChatVerificationResult> receipts, IReadOnlyList<VerificationCheck> chain)
    {
        Receipts = receipts;
        ChainChecks = chain;
    }

    /// <summary>Each receipt's own result, in the order given.</summary>
    public IReadOnlyList<ChatVerificationResult> Receipts { get; }

    /// <summary>The <c>chain</c> check.</summary>
    public IReadOnlyList<VerificationCheck> ChainChecks { get; }

    /// <summary>True when every receipt verified and the chain is unbroken.</summary>
    public bool Succeeded => Receipts.Count > 0 && Receipts.All(r => r.Succeeded) && ChainChecks.All(c => c.Passed);

    /// <summary>The first failure: a receipt's, else the chain's.</summary>
    public VerificationCheck? FirstFailure => Receipts.Select(r => r.FirstFailure).FirstOrDefault(f => f is not null) ?? ChainChecks.FirstOrDefault(c => !c.Passed);
}
