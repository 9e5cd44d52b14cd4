using System.Security.Cryptography;

namespace OpenVerify;

/// <summary>
/// A SHA-256 digest. Shown as text as <c>sha256:&lt;64 lowercase hex digits&gt;</c>.
/// </summary>
public readonly struct Sha256Digest : IEquatable<Sha256Digest>
{
    /// <summary>The length of a SHA-256 digest in bytes.</summary>
    public const int Length = 32;

    /// <summary>The prefix of the text form.</summary>
    public const string Prefix = "sha256:";

    private readonly byte[]? _bytes;

    private Sha256Digest(byte[] bytes) => _bytes = bytes;

    /// <summary>The 32 digest bytes.</summary>
    public ReadOnlySpan<byte> Bytes => _bytes ?? throw new InvalidOperationException("The digest is the default value and holds no bytes.");

    /// <summary>Whether this is the default value that holds no digest.</summary>
    public bool IsEmpty => _bytes is null;

    /// <summary>Wraps 32 digest bytes.</summary>
    /// <exception cref="ArgumentException">The span is not 32 bytes long.</exception>
    public static Sha256Digest FromBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Length)
        {
            throw new ArgumentException($"A SHA-256 digest is {Length} bytes, not {bytes.Length}.", nameof(bytes));
        }

        return new Sha256Digest(bytes.ToArray());
    }

    /// <summary>Wraps 32 bytes the caller owns, without a copy (see <see cref="PooledHash.Finish(Sha256Hasher, byte[])"/>).</summary>
    internal static Sha256Digest Wrap(byte[] bytes)
    {
        System.Diagnostics.Debug.Assert(bytes.Length == Length, "A SHA-256 digest is 32 bytes.");
        return new Sha256Digest(bytes);
    }

    /// <summary>Hashes the given bytes.</summary>
    public static Sha256Digest Compute(ReadOnlySpan<byte> data)
    {
        var digest = new byte[Length];
        Sha256Hasher.HashData(data, digest);
        return new(digest);
    }

    /// <summary>Hashes a file's bytes as they are (so the digest equals <c>sha256sum</c>).</summary>
    public static Sha256Digest ComputeFile(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        return new Sha256Digest(SHA256.HashData(stream));
    }

    /// <summary>Hashes a stream's bytes from its position to its end (a caller can wrap the stream to report progress
    /// while a large model is hashed).</summary>
    public static Sha256Digest Compute(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return new Sha256Digest(SHA256.HashData(stream));
    }

    /// <summary>The lowercase hex form, without prefix.</summary>
    public string ToHex() => Convert.ToHexStringLower(Bytes);

    /// <summary>The text form <c>sha256:&lt;hex&gt;</c>.</summary>
    public override string ToString() => _bytes is null ? "(none)" : Prefix + ToHex();

    /// <summary>Reads <c>sha256:&lt;hex&gt;</c> or 64 bare hex digits (lowercase or uppercase).</summary>
    /// <exception cref="FormatException">The text is not a SHA-256 digest.</exception>
    public static Sha256Digest Parse(string text)
    {
        if (TryParse(text, out var digest))
        {
            return digest;
        }

        throw new FormatException($"'{Shorten(text)}' is not a SHA-256 digest; expected 'sha256:' followed by 64 hex digits.");
    }

    /// <summary>Tries to read <c>sha256:&lt;hex&gt;</c> or 64 bare hex digits.</summary>
    public static bool TryParse(string? text, out Sha256Digest digest)
    {
        digest = default;
        if (text is null)
        {
            return false;
        }

        var hex = text.StartsWith(Prefix, StringComparison.Ordinal) ? text.AsSpan(Prefix.Length) : text.AsSpan();
        return TryParseHex(hex, out digest);
    }

    /// <summary>Tries to read exactly 64 hex digits.</summary>
    public static bool TryParseHex(ReadOnlySpan<char> hex, out Sha256Digest digest)
    {
        digest = default;
        if (hex.Length != Length * 2)
        {
            return false;
        }

        foreach (var c in hex)
        {
            if (!char.IsAsciiHexDigit(c))
            {
                return false;
            }
        }

        digest = new Sha256Digest(Convert.FromHexString(hex));
        return true;
    }

    /// <inheritdoc />
    public bool Equals(Sha256Digest other) =>
        _bytes is null ? other._bytes is null : other._bytes is not null && CryptographicOperations.FixedTimeEquals(_bytes, other._bytes);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Sha256Digest other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => _bytes is null ? 0 : BitConverter.ToInt32(_bytes, 0);

    /// <summary>Compares two digests.</summary>
    public static bool operator ==(Sha256Digest left, Sha256Digest right) => left.Equals(right);

    /// <summary>Compares two digests.</summary>
    public static bool operator !=(Sha256Digest left, Sha256Digest right) => !left.Equals(right);

    internal static string Shorten(string text) => text.Length <= 80 ? text : text[..80] + "…";
}
