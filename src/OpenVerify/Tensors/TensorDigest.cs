using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace OpenVerify;

/// <summary>
/// The canonical digests of tensors and named tensor sets (spec: docs/spec/receipt-v1.md, "Digests").
/// </summary>
public static class TensorDigest
{
    /// <summary>The domain-separation prefix of a tensor digest.</summary>
    public const string TensorDomain = "OpenVerify/tensor/v1\0";

    /// <summary>The domain-separation prefix of a named tensor set digest.</summary>
    public const string TensorSetDomain = "OpenVerify/tensor-set/v1\0";

    /// <summary>The in-toto DigestSet key for tensor set digests.</summary>
    public const string TensorSetDigestKey = "openverify-tensor-set-v1";

    /// <summary>The in-toto DigestSet key for single tensor digests.</summary>
    public const string TensorDigestKey = "openverify-tensor-v1";

    /// <summary>
    /// SHA-256 of <c>"OpenVerify/tensor/v1\0" ‖ u32 type ‖ u32 rank ‖ u64 dims ‖ element bytes</c>, hashed from the
    /// tensor's own memory.
    /// </summary>
    public static Sha256Digest Compute(TensorValue tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        if (tensor is not StringTensorValue strings)
        {
            if (!BitConverter.IsLittleEndian)
            {
                throw new PlatformNotSupportedException("OpenVerify's tensor encoding is little-endian and needs a little-endian machine.");
            }

            // The element bytes are read before the thread's pooled hasher is taken: reading a tensor over a caller's
            // MemoryManager runs the caller's GetSpan, which may hash on this thread too (another digest, a verified
            // run) and would otherwise append to, and reset, the hash this digest is half-way through.
            return ComputeRaw(tensor.ElementType, tensor.Shape.AsSpan(), tensor.RawBytes, into: null);
        }

        // A string tensor's elements are the tensor's own strings: no caller's code runs while they are appended.
        var hash = PooledHash.Sha256;
        try
        {
            AppendHeader(hash, strings.ElementType, strings.Shape.AsSpan());
            strings.AppendElementBytes(hash);
            return PooledHash.Finish(hash);
        }
        catch
        {
            PooledHash.Discard(hash);
            throw;
        }
    }

    /// <summary>
    /// The tensor digest over element bytes that are already in the canonical layout (little-endian raw bits; not for
    /// strings). Used by readers of other formats (ONNX <c>TensorProto</c>, NumPy) to check that both sides agree.
    /// </summary>
    public static Sha256Digest ComputeRaw(ElementType elementType, ReadOnlySpan<long> shape, ReadOnlySpan<byte> elementBytes) =>
        ComputeRaw(elementType, shape, elementBytes, into: null);

    /// <summary><see cref="ComputeRaw(ElementType, ReadOnlySpan{long}, ReadOnlySpan{byte})"/>, the digest written into
    /// <paramref name="into"/> when given (see <see cref="PooledHash.Finish(Sha256Hasher, byte[])"/>).</summary>
    internal static Sha256Digest ComputeRaw(ElementType elementType, ReadOnlySpan<long> shape, ReadOnlySpan<byte> elementBytes, byte[]? into)
    {
        ElementTypes.EnsureSupported(elementType);
        if (elementType == ElementType.String)
        {
            throw new TensorEncodingException("String tensors have no raw layout; build a StringTensorValue instead.");
        }

        var count = TensorValue.CheckedElementCount(shape);
        var size = ElementTypes.SizeOf(elementType);

        // Compare counts, not byte lengths: count * size can overflow (a [2^62] float tensor would need 2^64 bytes).
        if (elementBytes.Length % size != 0 || count != elementBytes.Length / size)
        {
            throw new TensorEncodingException(
                $"A {ElementTypes.ToOnnxName(elementType)} tensor of shape [{string.Join(", ", shape.ToArray())}] holds {count} elements of {size} bytes, but {elementBytes.Length} bytes were given.");
        }

        if (elementType == ElementType.Bool && elementBytes.IndexOfAnyExcept((byte)0, (byte)1) is var bad and >= 0)
        {
            throw new TensorEncodingException($"Bool element {bad} holds the byte {elementBytes[bad]}; a bool must be 0 or 1.");
        }

        var hash = PooledHash.Sha256;
        if (shape.Length <= MaxInlineRank && elementBytes.Length <= MaxInlineElementBytes)
        {
            // A small tensor goes to the hash in one append, header and elements together: with the platform's hash
            // (IncrementalHash, where the low-level one is not used) each call has a fixed cost larger than copying a
            // kilobyte. The buffer is sized to what it holds: the runtime zeroes it, and zeroing a fixed 1.6 KB cost
            // more than the call it saves.
            Span<byte> buffer = stackalloc byte[TensorDomainBytes.Length + 8 + (8 * shape.Length) + elementBytes.Length];
            var at = WriteHeader(buffer, elementType, shape.Length, shape);
            elementBytes.CopyTo(buffer[at..]);
            hash.AppendData(buffer[..(at + elementBytes.Length)]);
        }
        else
        {
            try
            {
                AppendHeader(hash, elementType, shape);
            }
            catch
            {
                PooledHash.Discard(hash);
                throw;
            }

            hash.AppendData(elementBytes);
        }

        return into is null ? PooledHash.Finish(hash) : PooledHash.Finish(hash, into);
    }

    /// <summary>The largest element byte count hashed in one append with its header (see <see cref="ComputeRaw(ElementType, ReadOnlySpan{long}, ReadOnlySpan{byte}, byte[])"/>).</summary>
    private const int MaxInlineElementBytes = 1024;

    /// <summary>The largest rank whose header <see cref="WriteHeader"/> writes into one buffer.</summary>
    private const int MaxInlineRank = 64;

    /// <summary>The domain (21 bytes), type and rank, and <see cref="MaxInlineRank"/> dimensions.</summary>
    private const int HeaderCapacity = 21 + 8 + (8 * MaxInlineRank);

    /// <summary>Writes the header (domain, type, rank, dimensions) of a tensor of rank at most <see cref="MaxInlineRank"/>;
    /// returns its length.</summary>
    private static int WriteHeader(Span<byte> buffer, ElementType type, int rank, ReadOnlySpan<long> dimensions)
    {
        TensorDomainBytes.CopyTo(buffer);
        var at = TensorDomainBytes.Length;
        BinaryPrimitives.WriteUInt32LittleEndian(buffer[at..], (uint)type);
        BinaryPrimitives.WriteUInt32LittleEndian(buffer[(at + 4)..], (uint)rank);
        at += 8;
        return at + WriteDimensions(buffer[at..], dimensions);
    }

    /// <summary>Writes dimensions as u64 little-endian; refuses a negative one.</summary>
    private static int WriteDimensions(Span<byte> buffer, ReadOnlySpan<long> dimensions)
    {
        var at = 0;
        foreach (var dim in dimensions)
        {
            if (dim < 0)
            {
                throw new TensorEncodingException($"A tensor dimension is {dim}; dimensions must not be negative.");
            }

            BinaryPrimitives.WriteUInt64LittleEndian(buffer[at..], (ulong)dim);
            at += 8;
        }

        return at;
    }

    private static ReadOnlySpan<byte> TensorDomainBytes => "OpenVerify/tensor/v1\0"u8;

    private static ReadOnlySpan<byte> TensorSetDomainBytes => "OpenVerify/tensor-set/v1\0"u8;

    /// <summary>The header (domain, type, rank, dimensions) in one append; a rank above 64 goes in pieces.</summary>
    private static void AppendHeader(Sha256Hasher hash, ElementType type, ReadOnlySpan<long> shape)
    {
        Span<byte> buffer = stackalloc byte[HeaderCapacity];
        var first = shape[..Math.Min(shape.Length, MaxInlineRank)];
        hash.AppendData(buffer[..WriteHeader(buffer, type, shape.Length, first)]);
        for (var rest = shape[first.Length..]; !rest.IsEmpty; rest = rest[Math.Min(rest.Length, MaxInlineRank)..])
        {
            var piece = rest[..Math.Min(rest.Length, MaxInlineRank)];
            hash.AppendData(buffer[..WriteDimensions(buffer, piece)]);
        }
    }

    /// <summary>
    /// The set digest over names already encoded as UTF-8, unique and in byte order (what a loaded model knows of its
    /// own inputs and outputs), with their digests in the same order.
    /// </summary>
    internal static Sha256Digest ComputeSetSorted(IReadOnlyList<byte[]> sortedUtf8Names, ReadOnlySpan<Sha256Digest> digests, byte[]? into = null)
    {
        // Entry by entry: with the low-level hasher an append costs a few nanoseconds, less than assembling the preimage
        // in one buffer first (measured, issue 15 sixth session).
        var hash = StartSet(digests.Length);
        for (var i = 0; i < digests.Length; i++)
        {
            AppendSetEntry(hash, sortedUtf8Names[i], digests[i].Bytes);
        }

        return into is null ? PooledHash.Finish(hash) : PooledHash.Finish(hash, into);
    }

    /// <summary>The thread's pooled hash, started on a set digest of <paramref name="count"/> entries; append each
    /// entry with <see cref="AppendSetEntry"/> in the UTF-8 byte order of the names, then finish it.</summary>
    internal static Sha256Hasher StartSet(int count)
    {
        var hash = PooledHash.Sha256;
        Span<byte> buffer = stackalloc byte[TensorSetDomainBytes.Length + 4];
        TensorSetDomainBytes.CopyTo(buffer);
        BinaryPrimitives.WriteUInt32LittleEndian(buffer[TensorSetDomainBytes.Length..], (uint)count);
        hash.AppendData(buffer);
        return hash;
    }

    /// <summary>The length of what a set digest starts with: the domain and the u32 count.</summary>
    internal static int SetHeaderLength => TensorSetDomainBytes.Length + 4;

    /// <summary>The length of one set digest entry.</summary>
    internal static int SetEntryLength(int utf8NameLength) => 4 + utf8NameLength + Sha256Digest.Length;

    /// <summary>Writes what <see cref="StartSet"/> hashes first into <paramref name="into"/> (<see cref="SetHeaderLength"/> bytes).</summary>
    internal static void WriteSetHeader(Span<byte> into, int count)
    {
        TensorSetDomainBytes.CopyTo(into);
        BinaryPrimitives.WriteUInt32LittleEndian(into[TensorSetDomainBytes.Length..], (uint)count);
    }

    /// <summary>Writes one entry as <see cref="AppendSetEntry"/> hashes it; returns its length.</summary>
    internal static int WriteSetEntry(Span<byte> into, ReadOnlySpan<byte> utf8Name, ReadOnlySpan<byte> digest)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(into, (uint)utf8Name.Length);
        utf8Name.CopyTo(into[4..]);
        digest[..Sha256Digest.Length].CopyTo(into[(4 + utf8Name.Length)..]);
        return SetEntryLength(utf8Name.Length);
    }

    /// <summary>One set digest entry: u32 name length ‖ UTF-8 name ‖ 32-byte digest.</summary>
    internal static void AppendSetEntry(Sha256Hasher hash, ReadOnlySpan<byte> utf8Name, ReadOnlySpan<byte> digest)
    {
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(length, (uint)utf8Name.Length);
        hash.AppendData(length);
        hash.AppendData(utf8Name);
        hash.AppendData(digest);
    }

    /// <summary>
    /// SHA-256 of <c>"OpenVerify/tensor-set/v1\0" ‖ u32 count ‖ (u32 name length ‖ UTF-8 name ‖ 32-byte digest)*</c>,
    /// entries sorted by the UTF-8 bytes of their names. Duplicate names are refused.
    /// </summary>
    public static Sha256Digest ComputeSet(IEnumerable<KeyValuePair<string, Sha256Digest>> namedDigests)
    {
        ArgumentNullException.ThrowIfNull(namedDigests);
        var entries = new List<(byte[] Name, Sha256Digest Digest)>();
        foreach (var (name, digest) in namedDigests)
        {
            if (name is null)
            {
                throw new TensorEncodingException("A tensor in a set has no name.");
            }

            if (digest.IsEmpty)
            {
                throw new TensorEncodingException($"The tensor '{name}' has no digest.");
            }

            byte[] utf8;
            try
            {
                utf8 = StringTensorValue.StrictUtf8.GetBytes(name);
            }
            catch (EncoderFallbackException)
            {
                throw new TensorEncodingException("A tensor name contains a lone surrogate and cannot be encoded as UTF-8.");
            }

            entries.Add((utf8, digest));
        }

        entries.Sort(static (a, b) => a.Name.AsSpan().SequenceCompareTo(b.Name));
        for (var i = 1; i < entries.Count; i++)
        {
            if (entries[i].Name.AsSpan().SequenceEqual(entries[i - 1].Name))
            {
                throw new TensorEncodingException($"The tensor name '{Encoding.UTF8.GetString(entries[i].Name)}' appears twice in one set; names must be unique.");
            }
        }

        var hash = StartSet(entries.Count);
        foreach (var (name, digest) in entries)
        {
            AppendSetEntry(hash, name, digest.Bytes);
        }

        return PooledHash.Finish(hash);
    }

    /// <summary>The set digest of named tensors (each hashed with <see cref="Compute(TensorValue)"/>).</summary>
    public static Sha256Digest ComputeSet(IEnumerable<KeyValuePair<string, TensorValue>> tensors)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        return ComputeSet(tensors.Select(t => new KeyValuePair<string, Sha256Digest>(t.Key, Compute(t.Value))));
    }
}
