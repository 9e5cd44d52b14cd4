using System.Globalization;
using System.Text;

namespace OpenVerify.Logs;

/// <summary>
/// A transparency log checkpoint (C2SP <c>tlog-checkpoint</c> v1): the body of a signed note made of the log's origin,
/// its tree size in decimal, the base64 RFC 6962 root hash and optional extension lines. This is the published form of
/// a receipt log's tree head (docs/spec/checkpoint-v1.md); tools we did not write (Go's <c>sumdb/note</c>, witnesses)
/// read it.
/// </summary>
public sealed class Checkpoint
{
    /// <summary>Creates a checkpoint body.</summary>
    /// <exception cref="ArgumentException">The origin is empty or not one line, the size is negative, or an
    /// extension line is empty or not one line.</exception>
    public Checkpoint(string origin, long treeSize, Sha256Digest rootHash, IReadOnlyList<string>? extensions = null)
    {
        ArgumentNullException.ThrowIfNull(origin);
        ArgumentOutOfRangeException.ThrowIfNegative(treeSize);
        if (rootHash.IsEmpty)
        {
            throw new ArgumentException("A checkpoint needs a root hash.", nameof(rootHash));
        }

        RequireLine(origin, nameof(origin));
        extensions ??= [];
        foreach (var line in extensions)
        {
            RequireLine(line, nameof(extensions));
        }

        Origin = origin;
        TreeSize = treeSize;
        RootHash = rootHash;
        Extensions = [.. extensions];
    }

    /// <summary>The log's identity (the first line).</summary>
    public string Origin { get; }

    /// <summary>The number of leaves.</summary>
    public long TreeSize { get; }

    /// <summary>The RFC 6962 root over them.</summary>
    public Sha256Digest RootHash { get; }

    /// <summary>The extension lines, opaque.</summary>
    public IReadOnlyList<string> Extensions { get; }

    /// <summary>The note that carried this checkpoint, when it was read by <see cref="Open(string, IEnumerable{NoteVerifierKey})"/>.</summary>
    public SignedNote? Note { get; private init; }

    /// <summary>The note text: origin, size, root and extensions, one per line, each ending in a newline.</summary>
    public string ToNoteText()
    {
        var text = new StringBuilder()
            .Append(Origin).Append('\n')
            .Append(TreeSize.ToString(CultureInfo.InvariantCulture)).Append('\n')
            .Append(Convert.ToBase64String(RootHash.Bytes)).Append('\n');
        foreach (var line in Extensions)
        {
            text.Append(line).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>Signs the checkpoint and returns the signed note. The log's key name should be its origin.</summary>
    public string Sign(params IEnumerable<NoteSigner> signers) => SignedNote.Sign(ToNoteText(), signers);

    /// <summary>Reads a checkpoint: verifies the note with the known keys first (<see cref="SignedNote.Open(ReadOnlySpan{byte}, IEnumerable{NoteVerifierKey})"/>),
    /// then, and only then, parses its text strictly.</summary>
    /// <exception cref="NoteFormatException">The note does not verify or its text is not a checkpoint.</exception>
    public static Checkpoint Open(ReadOnlySpan<byte> note, IEnumerable<NoteVerifierKey> knownKeys)
    {
        var signed = SignedNote.Open(note, knownKeys);
        var body = ParseText(signed.Text);
        return new Checkpoint(body.Origin, body.TreeSize, body.RootHash, body.Extensions) { Note = signed };
    }

    /// <summary>Reads a checkpoint given as text (see <see cref="Open(ReadOnlySpan{byte}, IEnumerable{NoteVerifierKey})"/>).</summary>
    /// <exception cref="NoteFormatException">The note does not verify or its text is not a checkpoint.</exception>
    public static Checkpoint Open(string note, IEnumerable<NoteVerifierKey> knownKeys)
    {
        ArgumentNullException.ThrowIfNull(note);
        return Open(Encoding.UTF8.GetBytes(note), knownKeys);
    }

    private static Checkpoint ParseText(string text)
    {
        // The note text ends in a newline, so the last split element is empty.
        var lines = text.Split('\n')[..^1];
        if (lines.Length < 3)
        {
            throw new NoteFormatException($"A checkpoint has at least three lines (origin, tree size, root hash); this one has {lines.Length}.");
        }

        if (lines[0].Length == 0)
        {
            throw new NoteFormatException("The checkpoint's origin (line 1) is empty.");
        }

        var size = lines[1];
        if (size.Length == 0 || size.Length > 19 || !size.All(char.IsAsciiDigit) || (size.Length > 1 && size[0] == '0')
            || !long.TryParse(size, NumberStyles.None, CultureInfo.InvariantCulture, out var treeSize))
        {
            throw new NoteFormatException($"The checkpoint's tree size (line 2) '{size}' is not a decimal number without leading zeros.");
        }

        if (!NoteText.TryDecodeBase64(lines[2], out var root) || root.Length != Sha256Digest.Length)
        {
            throw new NoteFormatException("The checkpoint's root hash (line 3) is not base64 of 32 bytes.");
        }

        for (var i = 3; i < lines.Length; i++)
        {
            if (lines[i].Length == 0)
            {
                throw new NoteFormatException($"The checkpoint's extension line {i + 1} is empty.");
            }
        }

        return new Checkpoint(lines[0], treeSize, Sha256Digest.FromBytes(root), lines[3..]);
    }

    private static void RequireLine(string line, string parameter)
    {
        if (line.Length == 0 || line.Any(c => c < 0x20))
        {
            throw new ArgumentException("Checkpoint lines are non-empty and hold no newline or other control character.", parameter);
        }
    }
}
