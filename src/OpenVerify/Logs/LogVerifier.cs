using System.Globalization;
using System.Text.Json;
using OpenVerify.Batching;

namespace OpenVerify.Logs;

/// <summary>The outcome of checking a whole receipt log.</summary>
/// <param name="Succeeded">Whether every entry verified.</param>
/// <param name="Receipts">The receipts checked.</param>
/// <param name="TreeHeads">The tree heads checked.</param>
/// <param name="Failure">What failed first, naming the entry (receipt index or tree head) and its line; null on success.</param>
/// <param name="FailedReceiptIndex">The index of the first bad receipt, when a receipt failed.</param>
/// <param name="FailedLine">The line of the first bad entry.</param>
/// <param name="Notes">What was not an error but is worth saying (cut bytes, receipts no tree head covers yet).</param>
public sealed record LogVerificationResult(
    bool Succeeded, long Receipts, long TreeHeads, string? Failure, long? FailedReceiptIndex, long? FailedLine, IReadOnlyList<string> Notes);

/// <summary>
/// Checks a receipt log end to end: every receipt's signature or batch proof (<see cref="ReceiptVerifier"/>); every
/// tree head's signature by a trusted <c>log</c> key (before its payload is parsed), its origin (the log's, always),
/// that it covers exactly the receipts before it, and that its signed root equals the RFC 9162 root recomputed from
/// those stored receipts; and a kept checkpoint the same way. It stops at the first bad entry and names it.
/// <para>
/// There is deliberately no separate per-receipt inclusion check or head-to-head consistency check: with every
/// receipt at hand, recomputing each signed root from the receipts is the whole proof. Inclusion and consistency
/// proofs built from the same receipts and checked against those same roots could not fail (an earlier version ran
/// them and reported them as checks). Proofs matter to whoever does <b>not</b> hold the log: a receipt's
/// <see cref="LogInclusionProof"/>, and <see cref="ReceiptLog.ProveConsistency"/> between a kept checkpoint and a
/// newer head, checked with <see cref="SignedTreeHead.VerifyConsistency"/>.
/// </para>
/// </summary>
public static class LogVerifier
{
    // A log that cannot be read is a failed verification that names the line, not an exception.
    private static LogVerificationResult? Read(string path, out LogContents contents)
    {
        try
        {
            contents = LogFile.Read(path);
            return null;
        }
        catch (LogCorruptException e)
        {
            contents = null!;
            return new(false, 0, 0, e.Message, null, e.Line, []);
        }
    }

    /// <summary>Verifies a log file. <paramref name="keptHead"/>, when given, is a checkpoint kept outside: the log must
    /// extend it. <paramref name="origin"/> is the log's name: every tree head in the log, and the kept checkpoint,
    /// must carry it.</summary>
    public static LogVerificationResult Verify(string path, TrustStore trust, SignedTreeHead? keptHead = null, string origin = ReceiptLogOptions.DefaultOrigin)
    {
        ArgumentNullException.ThrowIfNull(trust);
        return Read(path, out var contents) ?? Verify(contents, trust, keptHead, origin);
    }

    /// <summary>Verifies a log already read.</summary>
    public static LogVerificationResult Verify(LogContents contents, TrustStore trust, SignedTreeHead? keptHead = null, string origin = ReceiptLogOptions.DefaultOrigin) =>
        Verify(contents, trust, origin, keptHead is null ? null : tree => CheckHead(keptHead, trust, origin, tree, null) is { } why ? (why, 0) : (null, keptHead.Head.TreeSize));

    /// <summary>Verifies a log file against a kept checkpoint in the C2SP signed-note form (docs/spec/checkpoint-v1.md),
    /// already opened with <see cref="Checkpoint.Open(string, IEnumerable{NoteVerifierKey})"/>: its origin must be
    /// <paramref name="origin"/>, and the log must extend it (its first <c>TreeSize</c> receipts have its root).</summary>
    /// <exception cref="ArgumentException">The checkpoint was not opened from a signed note, so nothing vouches for it.</exception>
    public static LogVerificationResult Verify(string path, TrustStore trust, Checkpoint keptCheckpoint, string origin = ReceiptLogOptions.DefaultOrigin)
    {
        ArgumentNullException.ThrowIfNull(trust);
        return Read(path, out var contents) ?? Verify(contents, trust, keptCheckpoint, origin);
    }

    /// <summary>Verifies a log already read against a kept signed-note checkpoint (see
    /// <see cref="Verify(string, TrustStore, Checkpoint, string)"/>).</summary>
    /// <exception cref="ArgumentException">The checkpoint was not opened from a signed note.</exception>
    public static LogVerificationResult Verify(LogContents contents, TrustStore trust, Checkpoint keptCheckpoint, string origin = ReceiptLogOptions.DefaultOrigin)
    {
        ArgumentNullException.ThrowIfNull(keptCheckpoint);
        if (keptCheckpoint.Note is null)
        {
            throw new ArgumentException("A kept checkpoint must be one read with Checkpoint.Open, whose signature verified.", nameof(keptCheckpoint));
        }

        return Verify(contents, trust, origin, tree => CheckCheckpoint(keptCheckpoint, origin, tree) is { } why ? (why, 0) : (null, keptCheckpoint.TreeSize));
    }

    /// <summary>The walk over the log; <paramref name="checkKept"/> checks a kept checkpoint against the whole tree and
    /// returns why it fails, or the size it covers.</summary>
    private static LogVerificationResult Verify(LogContents contents, TrustStore trust, string origin, Func<MerkleTree, (string? Why, long Size)>? checkKept)
    {
        ArgumentNullException.ThrowIfNull(contents);
        ArgumentNullException.ThrowIfNull(trust);
        ArgumentNullException.ThrowIfNull(origin);
        var notes = new List<string>();
        if (contents.CutBytes > 0)
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"{contents.CutBytes} bytes after the last complete line (an unterminated line or trailing zeros) are not part of the log; a writer cuts them on open."));
        }

        var verifier = new ReceiptVerifier(trust);
        var tree = new MerkleTree();
        SignedTreeHead? previous = null;
        long heads = 0;
        LogVerificationResult Fail(LogEntry entry, string why) => new(
            false, tree.Size, heads,
            entry.Kind == LogEntryKind.Receipt
                ? string.Create(CultureInfo.InvariantCulture, $"receipt {entry.ReceiptIndex} (line {entry.Line}): {why}")
                : string.Create(CultureInfo.InvariantCulture, $"tree head after receipt {entry.ReceiptIndex} (line {entry.Line}): {why}"),
            entry.Kind == LogEntryKind.Receipt ? entry.ReceiptIndex : null, entry.Line, notes);

        foreach (var entry in contents.Entries)
        {
            if (entry.Kind == LogEntryKind.Receipt)
            {
                var result = verifier.Verify(entry.Receipt!);
                if (!result.Succeeded)
                {
                    return Fail(entry, result.FirstFailure?.ToString() ?? "the receipt did not verify");
                }

                tree.Append(Merkle.HashReceiptLeaf(entry.Receipt!));
                continue;
            }

            var head = entry.TreeHead!;
            if (CheckHead(head, trust, origin, tree, tree.Size) is { } why)
            {
                return Fail(entry, why);
            }

            previous = head;
            heads++;
        }

        if (checkKept is not null)
        {
            var (why, keptSize) = checkKept(tree);
            if (why is not null)
            {
                return new(false, tree.Size, heads, "the kept checkpoint: " + why, null, null, notes);
            }

            notes.Add(string.Create(CultureInfo.InvariantCulture, $"the log extends the kept checkpoint of size {keptSize}"));
        }

        var uncovered = tree.Size - (previous?.Head.TreeSize ?? 0);
        if (uncovered > 0)
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"{uncovered} receipts after the last tree head are not yet covered by a signed tree head."));
        }

        return new(true, tree.Size, heads, null, null, null, notes);
    }

    /// <summary>Checks a signed-note checkpoint (its signature already verified) against the whole log: origin, size,
    /// root. Returns why it fails, or null.</summary>
    internal static string? CheckCheckpoint(Checkpoint checkpoint, string origin, MerkleTree tree)
    {
        if (checkpoint.Origin != origin)
        {
            return $"it is a checkpoint of the log '{checkpoint.Origin}', not of this log '{origin}'";
        }

        if (checkpoint.TreeSize > tree.Size)
        {
            return string.Create(CultureInfo.InvariantCulture,
                $"the log holds {tree.Size} receipts, fewer than the {checkpoint.TreeSize} the checkpoint covers: it was truncated or rolled back");
        }

        var root = tree.RootHash(checkpoint.TreeSize);
        return checkpoint.RootHash == root
            ? null
            : string.Create(CultureInfo.InvariantCulture,
                $"its signed root {checkpoint.RootHash.ToHex()} is not the root {root.ToHex()} of the log's first {checkpoint.TreeSize} receipts: they were changed or rewritten");
    }

    /// <summary>Checks a tree head against the receipts read so far: signature first, then origin, size and root.
    /// <paramref name="expectedSize"/> is the size a head in the log must have (the receipts before it); a kept
    /// checkpoint (null) may cover any prefix. Returns why it fails, or null.</summary>
    internal static string? CheckHead(SignedTreeHead head, TrustStore trust, string origin, MerkleTree tree, long? expectedSize)
    {
        var signature = head.Verify(trust);
        if (!signature.Passed)
        {
            return signature.ToString();
        }

        var claim = head.Head;
        if (claim.Origin != origin)
        {
            return $"it is a tree head of the log '{claim.Origin}', not of this log '{origin}'";
        }

        if (expectedSize is { } size && claim.TreeSize != size)
        {
            return string.Create(CultureInfo.InvariantCulture, $"it covers {claim.TreeSize} receipts, but {size} come before it");
        }

        if (claim.TreeSize > tree.Size)
        {
            return string.Create(CultureInfo.InvariantCulture,
                $"the log holds {tree.Size} receipts, fewer than the {claim.TreeSize} the head covers: it was truncated or rolled back");
        }

        var root = tree.RootHash(claim.TreeSize);
        return claim.RootHash == root
            ? null
            : string.Create(CultureInfo.InvariantCulture,
                $"its signed root {claim.RootHash.ToHex()} is not the root {root.ToHex()} of the log's first {claim.TreeSize} receipts: they were changed or rewritten");
    }
}

/// <summary>
/// A receipt's inclusion in a log, provable on its own: the receipt, its index, the tree size, the inclusion proof and
/// the signed tree head it leads to (<c>{"type":"openverify-log-inclusion-v1",…}</c>; docs/spec/batch-v1.md).
/// </summary>
/// <param name="Index">The receipt's index in the log.</param>
/// <param name="TreeSize">The tree head's size.</param>
/// <param name="Proof">The RFC 9162 inclusion proof.</param>
/// <param name="Receipt">The receipt.</param>
/// <param name="TreeHead">The signed tree head.</param>
public sealed record LogInclusionProof(long Index, long TreeSize, IReadOnlyList<Sha256Digest> Proof, Receipt Receipt, SignedTreeHead TreeHead)
{
    /// <summary>Builds the proof of receipt <paramref name="index"/> from a log read from disk, against the first tree
    /// head that covers it.</summary>
    /// <exception cref="ArgumentOutOfRangeException">No receipt has that index, or no tree head covers it yet.</exception>
    public static LogInclusionProof Create(LogContents contents, long index)
    {
        ArgumentNullException.ThrowIfNull(contents);
        var receipts = contents.Entries.Where(e => e.Kind == LogEntryKind.Receipt).Select(e => e.Receipt!).ToList();
        if (index < 0 || index >= receipts.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, string.Create(CultureInfo.InvariantCulture, $"The log holds {receipts.Count} receipts; there is no receipt {index}."));
        }

        // A head's place in the log (the receipts before it) gives its size without parsing its unverified payload;
        // whoever checks the proof verifies the head's signature and that its signed size is this one.
        var entry = contents.Entries.FirstOrDefault(e => e.Kind == LogEntryKind.TreeHead && e.ReceiptIndex > index)
            ?? throw new ArgumentOutOfRangeException(nameof(index), index, string.Create(CultureInfo.InvariantCulture, $"No signed tree head covers receipt {index} yet; sign a tree head first."));
        var size = entry.ReceiptIndex;
        var tree = MerkleTree.FromLeafHashes(receipts.Take((int)size).Select(Merkle.HashReceiptLeaf));
        return new LogInclusionProof(index, size, tree.InclusionProof(index, size), receipts[(int)index], entry.TreeHead!);
    }

    /// <summary>The proof as JSON.</summary>
    public string ToJson() => JsonSerializer.Serialize(
        new LogInclusionProofDto
        {
            Type = LogInclusionProofDto.ProofType,
            Index = Index,
            TreeSize = TreeSize,
            Proof = HashText.ToList(Proof),
            Receipt = Receipt.Envelope.ToDto(),
            TreeHead = TreeHead.Envelope.ToDto(),
        },
        OpenVerifyJsonContext.Strict.LogInclusionProofDto);

    /// <summary>Whether a JSON text is a log inclusion proof (rather than a receipt): its top-level <c>type</c>.</summary>
    public static bool IsProof(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("type", out var type)
                && type.ValueKind == JsonValueKind.String
                && type.GetString() == LogInclusionProofDto.ProofType;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>Reads a proof strictly. Nothing is verified yet.</summary>
    /// <exception cref="ReceiptFormatException">The text is not a log inclusion proof.</exception>
    public static LogInclusionProof Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var dto = StrictJson.Parse(System.Text.Encoding.UTF8.GetBytes(json), OpenVerifyJsonContext.Strict.LogInclusionProofDto, "log inclusion proof");
        if (dto.Type != LogInclusionProofDto.ProofType)
        {
            throw new ReceiptFormatException($"The JSON is not a log inclusion proof (type '{LogInclusionProofDto.ProofType}').");
        }

        return new LogInclusionProof(
            dto.Index, dto.TreeSize, HashText.ParseList(dto.Proof, "proof"),
            new Receipt(DsseEnvelope.FromDto(dto.Receipt), null),
            SignedTreeHead.FromEnvelope(DsseEnvelope.FromDto(dto.TreeHead)));
    }
}
