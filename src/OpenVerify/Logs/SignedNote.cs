using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using NSecAlgorithm = NSec.Cryptography.SignatureAlgorithm;
using NSecFormat = NSec.Cryptography.KeyBlobFormat;
using NSecPublicKey = NSec.Cryptography.PublicKey;

namespace OpenVerify.Logs;

/// <summary>A signed note (C2SP <c>signed-note</c> v1) is malformed or does not verify: not UTF-8, a control character
/// other than newline, no blank line before the signatures, a malformed signature line, too large, no signature from a
/// known key, or a known key's signature that fails. The message says which.</summary>
public sealed class NoteFormatException : OpenVerifyException
{
    /// <summary>Creates the exception.</summary>
    public NoteFormatException(string message, Exception? innerException = null) : base(message, innerException) { }
}

/// <summary>One signature line of a signed note: <c>— &lt;key name&gt; base64(key id ‖ signature)</c>.</summary>
/// <param name="KeyName">The key name.</param>
/// <param name="KeyId">The 32-bit key id (big-endian on the wire).</param>
/// <param name="Signature">The signature bytes after the key id.</param>
public sealed record NoteSignature(string KeyName, uint KeyId, ReadOnlyMemory<byte> Signature);

/// <summary>
/// A note verifier key (C2SP <c>signed-note</c> v1, Ed25519, signature type <c>0x01</c>):
/// <c>&lt;name&gt;+&lt;hex key id&gt;+&lt;base64(0x01 ‖ 32-byte public key)&gt;</c>. The key id is the first four bytes of
/// SHA-256(name ‖ 0x0A ‖ 0x01 ‖ public key), read big-endian.
/// </summary>
public sealed class NoteVerifierKey
{
    /// <summary>The signature type byte of Ed25519 note signatures.</summary>
    public const byte Ed25519Type = 0x01;

    private readonly byte[] _publicKey;
    private readonly NSecPublicKey _key;

    private NoteVerifierKey(string name, byte[] publicKey, NSecPublicKey key)
    {
        Name = name;
        _publicKey = publicKey;
        _key = key;
        KeyId = ComputeKeyId(name, publicKey);
    }

    /// <summary>The key name.</summary>
    public string Name { get; }

    /// <summary>The key id.</summary>
    public uint KeyId { get; }

    /// <summary>The raw 32-byte Ed25519 public key (RFC 8032 encoding).</summary>
    public ReadOnlySpan<byte> PublicKey => _publicKey;

    /// <summary>The key id as eight lowercase hex digits, as a vkey writes it.</summary>
    public string KeyIdHex => KeyId.ToString("x8", CultureInfo.InvariantCulture);

    /// <summary>The vkey string.</summary>
    public override string ToString() => $"{Name}+{KeyIdHex}+{Convert.ToBase64String([Ed25519Type, .. _publicKey])}";

    /// <summary>The Ed25519 key id: SHA-256(name ‖ 0x0A ‖ 0x01 ‖ public key)[:4], big-endian.</summary>
    /// <exception cref="KeyFormatException">The name is not a valid key name or the key is not 32 bytes.</exception>
    public static uint ComputeKeyId(string name, ReadOnlySpan<byte> ed25519PublicKey)
    {
        RequireValidName(name);
        if (ed25519PublicKey.Length != NSecAlgorithm.Ed25519.PublicKeySize)
        {
            throw new KeyFormatException($"An Ed25519 public key is {NSecAlgorithm.Ed25519.PublicKeySize} bytes, not {ed25519PublicKey.Length}.");
        }

        byte[] input = [.. Encoding.UTF8.GetBytes(name), 0x0A, Ed25519Type, .. ed25519PublicKey];
        return BinaryPrimitives.ReadUInt32BigEndian(SHA256.HashData(input));
    }

    /// <summary>The verifier key of an Ed25519 public key under a name.</summary>
    /// <exception cref="KeyFormatException">The key is not Ed25519 or the name is not a valid key name.</exception>
    public static NoteVerifierKey FromPublicKey(string name, PublicKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        RequireValidName(name);
        if (key.Algorithm != KeyAlgorithm.Ed25519)
        {
            throw new KeyFormatException($"Signed notes here use Ed25519 keys; key {key.KeyId} is {key.Algorithm}.");
        }

        // An Ed25519 SubjectPublicKeyInfo ends with the 32-byte RFC 8032 key.
        var spki = key.ExportSubjectPublicKeyInfo();
        return FromRaw(name, spki.AsSpan(spki.Length - NSecAlgorithm.Ed25519.PublicKeySize).ToArray());
    }

    /// <summary>Reads a vkey string strictly: a valid name, exactly eight lowercase or uppercase hex digits that equal
    /// the key id computed from the name and key, and base64 of <c>0x01</c> and a 32-byte Ed25519 key.</summary>
    /// <exception cref="KeyFormatException">The text is not such a key; the message says why.</exception>
    public static NoteVerifierKey Parse(string vkey)
    {
        ArgumentNullException.ThrowIfNull(vkey);
        var parts = vkey.Split('+');
        // Base64 may itself contain '+', so the name and id are the first two parts and the rest is the key.
        if (parts.Length < 3)
        {
            throw new KeyFormatException("A note verifier key is '<name>+<8 hex key id>+<base64 key>'; this one has fewer than three '+'-separated parts.");
        }

        var name = parts[0];
        var idHex = parts[1];
        var keyText = string.Join('+', parts[2..]);
        RequireValidName(name);
        if (idHex.Length != 8 || !uint.TryParse(idHex, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var id))
        {
            throw new KeyFormatException($"The verifier key's id '{idHex}' is not eight hex digits.");
        }

        if (!NoteText.TryDecodeBase64(keyText, out var keyBytes))
        {
            throw new KeyFormatException("The verifier key's key part is not canonical standard base64.");
        }

        if (keyBytes.Length == 0 || keyBytes[0] != Ed25519Type)
        {
            throw new KeyFormatException($"The verifier key has signature type {(keyBytes.Length == 0 ? "(none)" : "0x" + keyBytes[0].ToString("x2", CultureInfo.InvariantCulture))}; only Ed25519 (0x01) is supported.");
        }

        if (keyBytes.Length != 1 + NSecAlgorithm.Ed25519.PublicKeySize)
        {
            throw new KeyFormatException($"An Ed25519 verifier key holds 0x01 and 32 key bytes, not {keyBytes.Length - 1} key bytes.");
        }

        var key = FromRaw(name, keyBytes[1..]);
        if (key.KeyId != id)
        {
            throw new KeyFormatException($"The verifier key's id {idHex} does not match its name and key (expected {key.KeyIdHex}).");
        }

        return key;
    }

    private static NoteVerifierKey FromRaw(string name, byte[] raw)
    {
        if (!NSecPublicKey.TryImport(NSecAlgorithm.Ed25519, raw, NSecFormat.RawPublicKey, out var key) || key is null)
        {
            throw new KeyFormatException("The verifier key's bytes are not a valid Ed25519 public key.");
        }

        return new NoteVerifierKey(name, raw, key);
    }

    internal bool Verify(ReadOnlySpan<byte> text, ReadOnlySpan<byte> signature) =>
        signature.Length == NSecAlgorithm.Ed25519.SignatureSize && NSecAlgorithm.Ed25519.Verify(_key, text, signature);

    internal static void RequireValidName(string name)
    {
        if (!NoteText.IsValidKeyName(name))
        {
            throw new KeyFormatException($"'{name}' is not a valid note key name: it must be non-empty, without spaces, '+' or control characters below U+0020.");
        }
    }
}

/// <summary>Signs notes with an Ed25519 key under a key name (C2SP <c>signed-note</c> v1).</summary>
public sealed class NoteSigner
{
    private readonly ISigner _signer;

    /// <summary>A signer for a key held here.</summary>
    /// <exception cref="KeyFormatException">The key is not Ed25519 or the name is not a valid key name.</exception>
    public NoteSigner(string name, SigningKey key)
        : this(name, key ?? throw new ArgumentNullException(nameof(key)), key.PublicKey)
    {
    }

    /// <summary>A signer for any Ed25519 <see cref="ISigner"/> (a key in a KMS or HSM) whose public key is given.</summary>
    /// <exception cref="KeyFormatException">The key is not Ed25519, the name is not valid, or the signer is not the key's.</exception>
    public NoteSigner(string name, ISigner signer, PublicKey publicKey)
    {
        ArgumentNullException.ThrowIfNull(signer);
        ArgumentNullException.ThrowIfNull(publicKey);
        if (signer.Algorithm != KeyAlgorithm.Ed25519 || signer.KeyId != publicKey.KeyId)
        {
            throw new KeyFormatException($"A note signer needs an Ed25519 signer and its own public key (signer {signer.KeyId}, {signer.Algorithm}; key {publicKey.KeyId}).");
        }

        _signer = signer;
        VerifierKey = NoteVerifierKey.FromPublicKey(name, publicKey);
    }

    /// <summary>The verifier key that checks this signer's signatures; its string is what others configure.</summary>
    public NoteVerifierKey VerifierKey { get; }

    /// <summary>The key name.</summary>
    public string Name => VerifierKey.Name;

    /// <summary>The key id.</summary>
    public uint KeyId => VerifierKey.KeyId;

    internal string SignatureLine(byte[] text)
    {
        var signature = _signer.Sign(text);
        var blob = new byte[4 + signature.Length];
        BinaryPrimitives.WriteUInt32BigEndian(blob, KeyId);
        signature.CopyTo(blob, 4);
        return $"\u2014 {Name} {Convert.ToBase64String(blob)}\n";
    }
}

/// <summary>
/// A signed note (C2SP <c>signed-note</c> v1) whose signatures have been checked: the text (ending in a newline), every
/// signature line, and the known keys whose signatures verified. Only <see cref="Open(ReadOnlySpan{byte}, IEnumerable{NoteVerifierKey})"/>
/// makes one, so a note's text is never handed out before a trusted key's signature over it has verified.
/// </summary>
public sealed class SignedNote
{
    /// <summary>The largest note read, in bytes: room for the text and well over the 16 signatures the spec asks every
    /// verifier to accept, including post-quantum ones of nearly 5 kB.</summary>
    public const int MaxNoteBytes = 1 << 20;

    /// <summary>The most signature lines read.</summary>
    public const int MaxSignatures = 100;

    private SignedNote(string text, IReadOnlyList<NoteSignature> signatures, IReadOnlyList<NoteVerifierKey> verifiedBy)
    {
        Text = text;
        Signatures = signatures;
        VerifiedBy = verifiedBy;
    }

    /// <summary>The signed text, including its final newline (not the blank line).</summary>
    public string Text { get; }

    /// <summary>Every signature line, known keys or not, in order.</summary>
    public IReadOnlyList<NoteSignature> Signatures { get; }

    /// <summary>The known keys whose signatures verified (at least one).</summary>
    public IReadOnlyList<NoteVerifierKey> VerifiedBy { get; }

    /// <summary>Signs a text (which must end in a newline and follow the note rules) with one or more signers and
    /// returns the note.</summary>
    /// <exception cref="NoteFormatException">The text cannot be a note text.</exception>
    public static string Sign(string text, params IEnumerable<NoteSigner> signers)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(signers);
        NoteText.RequireNoteText(text);
        var bytes = Encoding.UTF8.GetBytes(text);
        var note = new StringBuilder(text).Append('\n');
        var count = 0;
        foreach (var signer in signers)
        {
            note.Append(signer.SignatureLine(bytes));
            count++;
        }

        if (count == 0)
        {
            throw new ArgumentException("A signed note needs at least one signer.", nameof(signers));
        }

        return note.ToString();
    }

    /// <summary>Reads and verifies a note: checks its form strictly, ignores signatures of unknown keys (a known key is
    /// the same name and id), verifies every signature of a known key, and refuses the note when one of them fails or
    /// none is there.</summary>
    /// <exception cref="NoteFormatException">The note is malformed or does not verify; the message says why.</exception>
    public static SignedNote Open(ReadOnlySpan<byte> note, IEnumerable<NoteVerifierKey> knownKeys)
    {
        ArgumentNullException.ThrowIfNull(knownKeys);
        var keys = knownKeys.ToList();
        var (text, textBytes, signatures) = Split(note);
        var verified = new List<NoteVerifierKey>();
        foreach (var signature in signatures)
        {
            // A known key is the same name and the same id; a key sharing only one of them is someone else's.
            var key = keys.FirstOrDefault(k => k.Name == signature.KeyName && k.KeyId == signature.KeyId);
            if (key is null)
            {
                continue;
            }

            // Every signature of a known key is verified, repeated ones too: one that fails refuses the whole note.
            if (!key.Verify(textBytes, signature.Signature.Span))
            {
                throw new NoteFormatException($"The signature of known key '{key.Name}' ({key.KeyIdHex}) does not verify: the note was changed or signed by another key.");
            }

            if (!verified.Contains(key))
            {
                verified.Add(key);
            }
        }

        if (verified.Count == 0)
        {
            throw new NoteFormatException(
                $"No signature on the note is from a known key (signed by: {string.Join(", ", signatures.Select(s => $"{s.KeyName} {s.KeyId:x8}"))}; known: {(keys.Count == 0 ? "none" : string.Join(", ", keys.Select(k => $"{k.Name} {k.KeyIdHex}")))}).");
        }

        return new SignedNote(text, signatures, verified);
    }

    /// <summary>Reads and verifies a note given as text (see <see cref="Open(ReadOnlySpan{byte}, IEnumerable{NoteVerifierKey})"/>).</summary>
    /// <exception cref="NoteFormatException">The note is malformed or does not verify.</exception>
    public static SignedNote Open(string note, IEnumerable<NoteVerifierKey> knownKeys)
    {
        ArgumentNullException.ThrowIfNull(note);
        return Open(Encoding.UTF8.GetBytes(note), knownKeys);
    }

    private static (string Text, byte[] TextBytes, List<NoteSignature> Signatures) Split(ReadOnlySpan<byte> note)
    {
        if (note.Length > MaxNoteBytes)
        {
            throw new NoteFormatException($"The note is {note.Length} bytes; at most {MaxNoteBytes} are read.");
        }

        string all;
        try
        {
            all = new UTF8Encoding(false, true).GetString(note);
        }
        catch (DecoderFallbackException e)
        {
            throw new NoteFormatException("The note is not valid UTF-8.", e);
        }

        NoteText.RequireNoControl(all, "note");

        // The text ends at the last blank line: everything after it is signature lines.
        var split = all.LastIndexOf("\n\n", StringComparison.Ordinal);
        if (split < 0)
        {
            throw new NoteFormatException("The note has no blank line between its text and its signatures.");
        }

        var text = all[..(split + 1)];
        var lines = all[(split + 2)..];
        if (lines.Length == 0 || lines[^1] != '\n')
        {
            throw new NoteFormatException(lines.Length == 0 ? "The note has no signature lines." : "The note's last signature line does not end in a newline.");
        }

        var signatures = new List<NoteSignature>();
        var lineNumber = text.Count(c => c == '\n') + 1;
        foreach (var line in lines[..^1].Split('\n'))
        {
            lineNumber++;
            if (signatures.Count == MaxSignatures)
            {
                throw new NoteFormatException($"The note has more than {MaxSignatures} signatures.");
            }

            signatures.Add(ParseSignatureLine(line, lineNumber));
        }

        return (text, Encoding.UTF8.GetBytes(text), signatures);
    }

    private static NoteSignature ParseSignatureLine(string line, int lineNumber)
    {
        const string Dash = "\u2014 ";
        if (!line.StartsWith(Dash, StringComparison.Ordinal))
        {
            throw new NoteFormatException($"Line {lineNumber} of the note is not a signature line ('\u2014 <key name> <base64>').");
        }

        var rest = line[Dash.Length..];
        var space = rest.IndexOf(' ', StringComparison.Ordinal);
        if (space < 0)
        {
            throw new NoteFormatException($"Signature line {lineNumber} has no space between the key name and the signature.");
        }

        var name = rest[..space];
        if (!NoteText.IsValidKeyName(name))
        {
            throw new NoteFormatException($"Signature line {lineNumber} has an invalid key name (empty, or with spaces or '+').");
        }

        if (!NoteText.TryDecodeBase64(rest[(space + 1)..], out var blob) || blob.Length < 5)
        {
            throw new NoteFormatException($"Signature line {lineNumber}'s signature is not canonical base64 of a 4-byte key id and a signature.");
        }

        return new NoteSignature(name, BinaryPrimitives.ReadUInt32BigEndian(blob), blob.AsMemory(4));
    }
}

/// <summary>The character rules of signed notes.</summary>
internal static class NoteText
{
    public static bool IsValidKeyName(string? name)
    {
        if (string.IsNullOrEmpty(name) || name.Contains('+', StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var rune in name.EnumerateRunes())
        {
            // Spaces as Unicode defines them; C0 controls are refused in every part of a note.
            if (Rune.IsWhiteSpace(rune) || rune.Value < 0x20)
            {
                return false;
            }
        }

        return !HasLoneSurrogate(name);
    }

    public static void RequireNoControl(string text, string what)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] < 0x20 && text[i] != '\n')
            {
                throw new NoteFormatException($"The {what} contains control character U+{(int)text[i]:X4} at character {i}; only newline is allowed.");
            }
        }
    }

    public static void RequireNoteText(string text)
    {
        if (text.Length == 0 || text[^1] != '\n')
        {
            throw new NoteFormatException("A note text must end in a newline.");
        }

        RequireNoControl(text, "note text");
        if (HasLoneSurrogate(text))
        {
            throw new NoteFormatException("The note text is not valid Unicode (a lone surrogate).");
        }
    }

    /// <summary>Standard base64 (RFC 4648 §4) with padding and nothing else: no whitespace, no non-canonical trailing
    /// bits, since .NET's decoder would otherwise accept spaces inside.</summary>
    public static bool TryDecodeBase64(string text, out byte[] bytes)
    {
        // The kernel's strict decoder (src/Shared), narrowed to what C2SP notes allow: the standard alphabet, padded.
        if (text.Length == 0 || text.Length % 4 != 0 || text.AsSpan().IndexOfAny('-', '_') >= 0)
        {
            bytes = [];
            return false;
        }

        return ModelSigning.GateCrypto.TryDecodeBase64(text, out bytes, out _);
    }

    private static bool HasLoneSurrogate(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return true;
            }
        }

        return false;
    }
}
