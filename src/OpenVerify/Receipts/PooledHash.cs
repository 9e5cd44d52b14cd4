namespace OpenVerify;

/// <summary>
/// One SHA-256 <see cref="Sha256Hasher"/> per thread, reused: creating one costs more than hashing a small tensor or
/// a statement. A user appends, then calls <see cref="Finish(Sha256Hasher)"/>, which resets it; a user that can throw
/// between its first append and <see cref="Finish(Sha256Hasher)"/> must reset it on the way out (<see cref="Discard"/>).
/// </summary>
internal static class PooledHash
{
    [ThreadStatic]
    private static Sha256Hasher? _sha256;

    public static Sha256Hasher Sha256 => _sha256 ??= new Sha256Hasher();

    public static Sha256Digest Finish(Sha256Hasher hash)
    {
        Span<byte> digest = stackalloc byte[Sha256Digest.Length];
        hash.GetHashAndReset(digest);
        return Sha256Digest.FromBytes(digest);
    }

    /// <summary>
    /// Finishes into a caller's 32-byte buffer and returns a digest over that buffer, without a copy: for digests that
    /// live only while one run writes its statement (a thread's run buffers), which the next run overwrites.
    /// </summary>
    public static Sha256Digest Finish(Sha256Hasher hash, byte[] into)
    {
        hash.GetHashAndReset(into);
        return Sha256Digest.Wrap(into);
    }

    public static void Discard(Sha256Hasher hash) => hash.Reset();
}
