namespace OpenVerify.Cli.Npy;

/// <summary>
/// Reads and writes NumPy <c>.npy</c> files (format versions 1.0 and 2.0; see numpy.lib.format and
/// docs/spec/npy-tensors.md) for every element type OpenVerify encodes. Data is little-endian and in C (row-major)
/// order; Fortran-order and big-endian files are refused, never reordered or byte-swapped silently.
/// </summary>
/// <remarks>
/// <para>The work is split by responsibility: <see cref="NpyHeader"/> reads and writes the header (its Python-literal
/// dict through <see cref="NpyHeaderParser"/>), <see cref="NpyDescr"/> maps NumPy <c>descr</c> strings to element
/// types, <see cref="NpyReader"/> reads the data and <see cref="NpyWriter"/> encodes it.</para>
/// <para>Element types and their NumPy <c>descr</c>: float <c>&lt;f4</c>, double <c>&lt;f8</c>, float16 <c>&lt;f2</c>
/// (as <see cref="Microsoft.ML.OnnxRuntime.Float16"/>), int8 <c>|i1</c>, int16 <c>&lt;i2</c>, int32 <c>&lt;i4</c>,
/// int64 <c>&lt;i8</c>, uint8 <c>|u1</c>, uint16 <c>&lt;u2</c>, uint32 <c>&lt;u4</c>, uint64 <c>&lt;u8</c>, bool
/// <c>|b1</c> (each byte 0 or 1), and strings as NumPy unicode <c>&lt;U{n}</c> (n UTF-32LE code points per element,
/// trailing NULs stripped on read; a string that itself ends in NUL cannot be written, since NumPy would strip it).</para>
/// <para>bfloat16 has no NumPy dtype. OpenVerify writes it as the two-byte void type <c>&lt;V2</c> holding the raw
/// little-endian bits, which is what <c>numpy.save</c> writes for an <c>ml_dtypes.bfloat16</c> array; NumPy loads it as
/// <c>V2</c> and <c>array.view(ml_dtypes.bfloat16)</c> recovers the values. On read, <c>&lt;V2</c> (or <c>|V2</c>) is
/// taken as bfloat16.</para>
/// <para>Files are written in format 1.0 unless the header is longer than 65535 bytes, then 2.0. Headers are padded so
/// the data starts on a 64-byte boundary, as NumPy does.</para>
/// </remarks>
internal static class NpyFormat
{
    /// <summary>The default name used in messages when a stream has none.</summary>
    internal const string StreamName = "the .npy data";

    /// <summary>Reads a <c>.npy</c> file.</summary>
    /// <exception cref="NpyFormatException">The file is not a <c>.npy</c> file OpenVerify can read, or is truncated.</exception>
    /// <exception cref="IOException">The file cannot be opened.</exception>
    public static TensorValue ReadFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        return Read(stream, path);
    }

    /// <summary>Reads <c>.npy</c> data from a stream, to its end.</summary>
    /// <exception cref="NpyFormatException">The data is not <c>.npy</c> data OpenVerify can read, or is truncated.</exception>
    public static TensorValue Read(Stream stream) => Read(stream, StreamName);

    /// <summary>Reads <c>.npy</c> data from a stream, to its end; <paramref name="sourceName"/> names it in messages.</summary>
    /// <exception cref="NpyFormatException">The data is not <c>.npy</c> data OpenVerify can read, or is truncated.</exception>
    public static TensorValue Read(Stream stream, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(sourceName);
        return NpyReader.Read(stream, sourceName == StreamName ? sourceName : $"'{sourceName}'");
    }

    /// <summary>Writes a tensor as a <c>.npy</c> file, replacing an existing file.</summary>
    /// <exception cref="NpyFormatException">The tensor cannot be written as <c>.npy</c>.</exception>
    public static void WriteFile(string path, TensorValue tensor)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(tensor);

        // Encode first so that a tensor that cannot be written leaves no half-written file behind.
        var bytes = NpyWriter.Encode(tensor, $"'{path}'");
        File.WriteAllBytes(path, bytes);
    }

    /// <summary>Writes a tensor as <c>.npy</c> data to a stream.</summary>
    /// <exception cref="NpyFormatException">The tensor cannot be written as <c>.npy</c>.</exception>
    public static void Write(Stream stream, TensorValue tensor)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(tensor);
        stream.Write(NpyWriter.Encode(tensor, StreamName));
    }

    /// <summary>The NumPy <c>descr</c> OpenVerify writes for an element type (<c>&lt;f4</c>, <c>|b1</c>, <c>&lt;V2</c>
    /// for bfloat16, ...); strings take <c>&lt;U{n}</c> with n from the data.</summary>
    /// <exception cref="NpyFormatException">The type has no <c>.npy</c> form in OpenVerify.</exception>
    public static string DescrFor(ElementType type) => NpyDescr.For(type);
}
