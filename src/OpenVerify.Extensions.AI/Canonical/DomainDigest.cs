using System.Buffers;
using System.Text;

namespace OpenVerify.Extensions.AI.Canonical;

/// <summary>
/// SHA-256 of a domain-separated preimage, joined in a pooled buffer and hashed in one call to the runtime's
/// <see cref="Sha256Digest.Compute(ReadOnlySpan{byte})"/>: on Linux that is OpenSSL's low-level SHA-256
/// (the runtime's <c>Sha256Hasher</c>, which is internal to it: a package reaches another through its public API), without
/// the native context an <c>IncrementalHash</c> makes and frees per digest. Same bytes, same digest.
/// </summary>
internal static class DomainDigest
{
    /// <summary>SHA-256 of <paramref name="domain"/> ‖ <paramref name="value"/>.</summary>
    public static Sha256Digest Compute(ReadOnlySpan<byte> domain, ReadOnlySpan<byte> value) => Compute(domain, null, value);

    /// <summary>SHA-256 of <paramref name="domain"/> ‖ UTF-8 <paramref name="path"/> ‖ <c>0x00</c> ‖
    /// <paramref name="value"/>; without a path, of <paramref name="domain"/> ‖ <paramref name="value"/>.</summary>
    public static Sha256Digest Compute(ReadOnlySpan<byte> domain, string? path, ReadOnlySpan<byte> value)
    {
        var length = checked(domain.Length + (path is null ? 0 : Encoding.UTF8.GetByteCount(path) + 1) + value.Length);
        var rented = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var buffer = rented.AsSpan(0, length);
            domain.CopyTo(buffer);
            var at = domain.Length;
            if (path is not null)
            {
                at += Encoding.UTF8.GetBytes(path, buffer[at..]);
                buffer[at++] = 0;
            }

            value.CopyTo(buffer[at..]);
            return Sha256Digest.Compute(buffer);
        }
        finally
        {
            // Cleared: the preimage is a prompt's or a response's text, which must not linger in buffers other code rents.
            ArrayPool<byte>.Shared.Return(rented, clearArray: true);
        }
    }
}
