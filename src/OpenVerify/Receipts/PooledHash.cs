namespace OpenVerify;

/// <summary>
/// One SHA-256 <see cref="Sha256Hasher"/> per thread, reused: creating one costs more than hashing a small tensor or
/// a statement. A user appends, then calls <see cref="Finish(Sha256Hasher)"/>, which resets it; a user that can throw
/// between its first append and <see cref="Finish(Sha256Hasher)"/> must reset it on the way out (<see cref="Discard"/>).
/// </summary>
/// <remarks>
/// Between its first append and its finish a user runs none of the caller's code: no read of a caller's tensor memory
/// (a <c>MemoryManager</c>'s <c>GetSpan</c> or <c>Pin</c>), no signer, callback, listener or enumeration of a
/// caller's collection. Such code may hash on the same thread (a digest, a verified run), and it would take this same
/// hasher half-way through and reset it. So a user reads what the caller's code gives first and hashes after, as
/// <see cref="TensorDigest.Compute(TensorValue)"/> does; that keeps the thread's one hasher without an in-use flag.
/// </remarks>
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
