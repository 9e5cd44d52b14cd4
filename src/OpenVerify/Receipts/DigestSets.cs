using System.Text;

namespace OpenVerify;

/// <summary>in-toto DigestSets as OpenVerify writes them.</summary>
internal static class DigestSets
{
    public static IReadOnlyDictionary<string, string> Sha256(Sha256Digest digest) => new Dictionary<string, string> { ["sha256"] = digest.ToHex() };

    public static IReadOnlyDictionary<string, string> Tensor(Sha256Digest digest) => new Dictionary<string, string> { [TensorDigest.TensorDigestKey] = digest.ToHex() };

    public static IReadOnlyDictionary<string, string> TensorSet(Sha256Digest digest) => new Dictionary<string, string> { [TensorDigest.TensorSetDigestKey] = digest.ToHex() };

    /// <summary>Reads the one digest under <paramref name="key"/>; a DigestSet with other keys or a malformed value is refused.</summary>
    public static bool TryRead(IReadOnlyDictionary<string, string>? set, string key, out Sha256Digest digest, out string error)
    {
        digest = default;
        if (set is null || set.Count == 0)
        {
            error = $"no digest (expected '{key}')";
            return false;
        }

        if (set.Count != 1 || !set.TryGetValue(key, out var hex))
        {
            error = $"digest keys {string.Join(", ", set.Keys)} (expected exactly '{key}')";
            return false;
        }

        // The lowercase-only hex reader of the shared kernel, which the gate files use too.
        if (!ModelSigning.GateCrypto.TryParseHex(hex, out var bytes))
        {
            error = $"'{hex}' is not 64 lowercase hex digits";
            return false;
        }

        // The reader returns a fresh array, so the digest can own it.
        digest = Sha256Digest.Wrap(bytes);
        error = string.Empty;
        return true;
    }
}

/// <summary>Orders strings by their UTF-8 bytes (which differs from UTF-16 ordinal order around surrogates).</summary>
internal static class Utf8Order
{
    public static int Compare(string a, string b) => Encoding.UTF8.GetBytes(a).AsSpan().SequenceCompareTo(Encoding.UTF8.GetBytes(b));
}
