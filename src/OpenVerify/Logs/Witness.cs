using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using OpenVerify.Batching;
using NSecAlgorithm = NSec.Cryptography.SignatureAlgorithm;
using NSecFormat = NSec.Cryptography.KeyBlobFormat;
using NSecPublicKey = NSec.Cryptography.PublicKey;

namespace OpenVerify.Logs;

/// <summary>
/// A witness's Ed25519 cosigner key (C2SP <c>tlog-cosignature</c>, <c>cosignature/v1</c>): name and 32-byte public key;
/// the key id is SHA-256(name ‖ 0x0A ‖ 0x04 ‖ key)[:4], its vkey <c>name+&lt;8 hex&gt;+base64(0x04 ‖ key)</c>.
/// </summary>
public sealed class CosignerKey
{
    /// <summary>The signature type byte of Ed25519 cosignatures.</summary>
    public const byte CosignatureType = 0x04;

    private readonly byte[] _publicKey;
    private readonly NSecPublicKey _key;

    private CosignerKey(string name, byte[] publicKey)
    {
        NoteVerifierKey.RequireValidName(name);
        if (!NSecPublicKey.TryImport(NSecAlgorithm.Ed25519, publicKey, NSecFormat.RawPublicKey, out var key) || key is null)
        {
            throw new KeyFormatException("The cosigner key's bytes are not a valid Ed25519 public key.");
        }

        Name = name;
        _publicKey = publicKey;
        _key = key;
        KeyId = BinaryPrimitives.ReadUInt32BigEndian(SHA256.HashData([.. Encoding.UTF8.GetBytes(name), 0x0A, CosignatureType, .. publicKey]));
    }

    /// <summary>The cosigner's name.</summary>
    public string Name { get; }

    /// <summary>The key id.</summary>
    public uint KeyId { get; }

    /// <summary>The vkey string.</summary>
    public override string ToString() =>
        $"{Name}+{KeyId.ToString("x8", CultureInfo.InvariantCulture)}+{Convert.ToBase64String([CosignatureType, .. _publicKey])}";

    /// <summary>The cosigner key of an Ed25519 public key under a name.</summary>
    /// <exception cref="KeyFormatException">The key is not Ed25519 or the name is not a valid key name.</exception>
    public static CosignerKey FromPublicKey(string name, PublicKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var note = NoteVerifierKey.FromPublicKey(name, key);
        return new CosignerKey(name, note.PublicKey.ToArray());
    }

    /// <summary>Reads a cosigner vkey strictly (type 0x04, the id must match).</summary>
    /// <exception cref="KeyFormatException">It is not one.</exception>
    public static CosignerKey Parse(string vkey)
    {
        ArgumentNullException.ThrowIfNull(vkey);
        var parts = vkey.Split('+');
        if (parts.Length < 3 || parts[1].Length != 8 || !uint.TryParse(parts[1], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var id))
        {
            throw new KeyFormatException("A cosigner key is '<name>+<8 hex key id>+<base64(0x04 || key)>'.");
        }

        if (!NoteText.TryDecodeBase64(string.Join('+', parts[2..]), out var bytes) || bytes.Length != 33 || bytes[0] != CosignatureType)
        {
            throw new KeyFormatException("A cosigner key's key part is canonical base64 of 0x04 and a 32-byte Ed25519 key.");
        }

        var key = new CosignerKey(parts[0], bytes[1..]);
        return key.KeyId == id ? key : throw new KeyFormatException($"The cosigner key's id {parts[1]} does not match its name and key.");
    }

    /// <summary>The signed message: <c>cosignature/v1\ntime &lt;t&gt;\n</c> then the checkpoint's note text.</summary>
    internal static byte[] Message(string noteText, ulong time) =>
        Encoding.UTF8.GetBytes("cosignature/v1\ntime " + time.ToString(CultureInfo.InvariantCulture) + "\n" + noteText);

    /// <summary>The timestamp of this key's valid cosignature among a note's signatures, or null when there is none.</summary>
    public ulong? FindCosignature(SignedNote note)
    {
        ArgumentNullException.ThrowIfNull(note);
        foreach (var signature in note.Signatures)
        {
            if (signature.KeyName != Name || signature.KeyId != KeyId || signature.Signature.Length != 8 + NSecAlgorithm.Ed25519.SignatureSize)
            {
                continue;
            }

            var time = BinaryPrimitives.ReadUInt64BigEndian(signature.Signature.Span);
            if (time <= long.MaxValue && NSecAlgorithm.Ed25519.Verify(_key, Message(note.Text, time), signature.Signature.Span[8..]))
            {
                return time;
            }
        }

        return null;
    }
}

/// <summary>Signs Ed25519 <c>cosignature/v1</c> lines over checkpoints, as a witness does.</summary>
public sealed class Cosigner
{
    private readonly SigningKey _signer;

    /// <summary>A cosigner with an Ed25519 key held here.</summary>
    /// <exception cref="KeyFormatException">The key is not Ed25519 or the name is not a valid key name.</exception>
    public Cosigner(string name, SigningKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        _signer = key;
        Key = CosignerKey.FromPublicKey(name, key.PublicKey);
    }

    /// <summary>The key verifiers configure.</summary>
    public CosignerKey Key { get; }

    /// <summary>The cosignature line (<c>— name base64(id ‖ time ‖ signature)\n</c>) over a checkpoint's note text at
    /// <paramref name="time"/>.</summary>
    public string Cosign(string noteText, DateTimeOffset time)
    {
        ArgumentNullException.ThrowIfNull(noteText);
        var seconds = (ulong)time.ToUnixTimeSeconds();
        var signature = _signer.Sign(CosignerKey.Message(noteText, seconds));
        var blob = new byte[4 + 8 + signature.Length];
        BinaryPrimitives.WriteUInt32BigEndian(blob, Key.KeyId);
        BinaryPrimitives.WriteUInt64BigEndian(blob.AsSpan(4), seconds);
        signature.CopyTo(blob, 12);
        return $"\u2014 {Key.Name} {Convert.ToBase64String(blob)}\n";
    }
}

/// <summary>A witness refused a checkpoint (C2SP <c>tlog-witness</c>): the HTTP status says why (403 a bad signature,
/// 404 an unknown log, 409 another old size, 422 an inconsistent checkpoint: a fork or a rolled-back log).</summary>
public sealed class WitnessException : OpenVerifyException
{
    /// <summary>Creates the exception.</summary>
    public WitnessException(string message, HttpStatusCode status, long? latestSize = null) : base(message)
    {
        Status = status;
        LatestSize = latestSize;
    }

    /// <summary>The witness's answer.</summary>
    public HttpStatusCode Status { get; }

    /// <summary>For 409 Conflict: the size of the latest checkpoint the witness cosigned.</summary>
    public long? LatestSize { get; }
}

/// <summary>The client side of C2SP <c>tlog-witness</c>: submits checkpoints with consistency proofs and collects
/// cosignatures.</summary>
/// <param name="http">The HTTP client to post with.</param>
public sealed class WitnessClient(HttpClient http)
{
    /// <summary>Posts <c>add-checkpoint</c> (old size, consistency proof, checkpoint) and returns the cosignature lines.</summary>
    /// <exception cref="WitnessException">The witness refused it.</exception>
    public async Task<IReadOnlyList<string>> AddCheckpointAsync(Uri submissionPrefix, long oldSize, IReadOnlyList<Sha256Digest> proof, string checkpointNote, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(submissionPrefix);
        ArgumentNullException.ThrowIfNull(proof);
        ArgumentNullException.ThrowIfNull(checkpointNote);
        var body = new StringBuilder("old ").Append(oldSize.ToString(CultureInfo.InvariantCulture)).Append('\n');
        foreach (var hash in proof)
        {
            body.Append(Convert.ToBase64String(hash.Bytes)).Append('\n');
        }

        body.Append('\n').Append(checkpointNote);
        using var content = new StringContent(body.ToString(), new UTF8Encoding(false), "text/plain");
        var uri = new Uri(submissionPrefix.AbsoluteUri.TrimEnd('/') + "/add-checkpoint");
        using var response = await http.PostAsync(uri, content, cancellationToken).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.Conflict)
        {
            var size = long.TryParse(text.TrimEnd('\n'), NumberStyles.None, CultureInfo.InvariantCulture, out var latest) ? latest : (long?)null;
            throw new WitnessException($"The witness {uri} has cosigned a checkpoint of size {text.TrimEnd('\n')}, not {oldSize}.", response.StatusCode, size);
        }

        if (!response.IsSuccessStatusCode)
        {
            throw new WitnessException(string.Create(CultureInfo.InvariantCulture, $"The witness {uri} refused the checkpoint: HTTP {(int)response.StatusCode} {text.TrimEnd('\n')}"), response.StatusCode);
        }

        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l + "\n").ToList();
        return lines.Count > 0 && lines.All(l => l.StartsWith("\u2014 ", StringComparison.Ordinal))
            ? lines
            : throw new WitnessException($"The witness {uri} answered with something other than signature lines.", response.StatusCode);
    }

    /// <summary>Gets a checkpoint cosigned: submits it from the size the witness last cosigned (learned from a 409 when
    /// <paramref name="knownSize"/> is wrong), with the consistency proof <paramref name="prove"/> gives from that size.
    /// Returns the cosignature lines.</summary>
    /// <exception cref="WitnessException">The witness refused it.</exception>
    public async Task<IReadOnlyList<string>> CosignAsync(Uri submissionPrefix, string checkpointNote, Func<long, IReadOnlyList<Sha256Digest>> prove, long knownSize = 0, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(prove);
        try
        {
            return await AddCheckpointAsync(submissionPrefix, knownSize, knownSize == 0 ? [] : prove(knownSize), checkpointNote, cancellationToken).ConfigureAwait(false);
        }
        catch (WitnessException e) when (e.Status == HttpStatusCode.Conflict && e.LatestSize is { } latest && latest != knownSize)
        {
            return await AddCheckpointAsync(submissionPrefix, latest, latest == 0 ? [] : prove(latest), checkpointNote, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Reads an <c>add-checkpoint</c> request body: old size, proof lines, blank line, the checkpoint note.</summary>
    /// <exception cref="FormatException">The body is malformed.</exception>
    public static (long OldSize, IReadOnlyList<Sha256Digest> Proof, string Note) ParseRequest(string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var split = body.IndexOf("\n\n", StringComparison.Ordinal);
        if (split < 0 || !body.StartsWith("old ", StringComparison.Ordinal))
        {
            throw new FormatException("An add-checkpoint body is 'old <size>', proof lines, a blank line and the checkpoint.");
        }

        var lines = body[..split].Split('\n');
        var size = lines[0]["old ".Length..];
        if (size.Length == 0 || (size.Length > 1 && size[0] == '0') || !long.TryParse(size, NumberStyles.None, CultureInfo.InvariantCulture, out var oldSize))
        {
            throw new FormatException($"The old size '{size}' is not a decimal number without leading zeros.");
        }

        if (lines.Length - 1 > 63)
        {
            throw new FormatException("A consistency proof has at most 63 hashes.");
        }

        var proof = new List<Sha256Digest>();
        foreach (var line in lines[1..])
        {
            proof.Add(NoteText.TryDecodeBase64(line, out var hash) && hash.Length == Sha256Digest.Length
                ? Sha256Digest.FromBytes(hash)
                : throw new FormatException("A consistency proof line is not base64 of 32 bytes."));
        }

        return (oldSize, proof, body[(split + 2)..]);
    }
}
