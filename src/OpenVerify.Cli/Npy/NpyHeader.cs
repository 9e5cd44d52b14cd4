using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace OpenVerify.Cli.Npy;

/// <summary>The header of a <c>.npy</c> file: its element type (and string width) and shape, read from and written as
/// the magic string, the format version, the header length and the Python-literal dict NumPy writes.</summary>
/// <param name="Type">The element type.</param>
/// <param name="StringLength">For strings, the width of each element in code points; otherwise 0.</param>
/// <param name="Shape">The shape.</param>
internal sealed record NpyHeader(ElementType Type, int StringLength, long[] Shape)
{
    private static readonly byte[] Magic = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];
    private const int Alignment = 64;
    private const int MaxHeaderLength = 1 << 20;

    // NumPy leaves room after the header dict so the first axis can grow in place (GROWTH_AXIS_MAX_DIGITS).
    private const int GrowthAxisMaxDigits = 21;

    /// <summary>Reads the header from the start of <paramref name="stream"/>, leaving it at the first data byte.</summary>
    /// <param name="stream">The data.</param>
    /// <param name="name">The file or stream, for messages.</param>
    /// <exception cref="NpyFormatException">The header is not one OpenVerify reads, or is truncated.</exception>
    public static NpyHeader Read(Stream stream, string name)
    {
        Span<byte> prefix = stackalloc byte[Magic.Length + 2];
        if (NpyReader.ReadFully(stream, prefix) < prefix.Length || !prefix[..Magic.Length].SequenceEqual(Magic))
        {
            throw NpyFormatException.For(name, "is not a NumPy .npy file (it does not start with the \\x93NUMPY magic string)");
        }

        int major = prefix[Magic.Length], minor = prefix[Magic.Length + 1];
        int lengthSize = (major, minor) switch
        {
            (1, 0) => 2,
            (2, 0) => 4,
            _ => throw NpyFormatException.For(name, $"uses .npy format version {major}.{minor}; OpenVerify reads versions 1.0 and 2.0"),
        };

        Span<byte> lengthBytes = stackalloc byte[4];
        if (NpyReader.ReadFully(stream, lengthBytes[..lengthSize]) < lengthSize)
        {
            throw NpyFormatException.For(name, "is truncated inside its header");
        }

        var headerLength = lengthSize == 2 ? BinaryPrimitives.ReadUInt16LittleEndian(lengthBytes) : BinaryPrimitives.ReadUInt32LittleEndian(lengthBytes);
        if (headerLength > MaxHeaderLength)
        {
            throw NpyFormatException.For(name, $"declares a header of {headerLength} bytes; OpenVerify reads headers up to {MaxHeaderLength} bytes");
        }

        var headerBytes = new byte[headerLength];
        if (NpyReader.ReadFully(stream, headerBytes) < headerBytes.Length)
        {
            throw NpyFormatException.For(name, "is truncated inside its header");
        }

        return Parse(name, headerBytes);
    }

    /// <summary>The shape as NumPy prints it: <c>(2, 3)</c>, <c>(4,)</c>, <c>()</c>.</summary>
    public string ShapeText() => "(" + string.Join(", ", Shape) + (Shape.Length == 1 ? ",)" : ")");

    /// <summary>The header bytes (magic string to the closing newline) of an array with this descr and shape, as
    /// <c>numpy.save</c> writes them.</summary>
    public static byte[] Build(string descr, ReadOnlySpan<long> shape)
    {
        var shapeText = shape.Length switch
        {
            0 => "()",
            1 => $"({shape[0].ToString(CultureInfo.InvariantCulture)},)",
            _ => "(" + string.Join(", ", shape.ToArray().Select(d => d.ToString(CultureInfo.InvariantCulture))) + ")",
        };

        // The same text numpy.save writes: keys sorted, a trailing ", ", then growth room for the first axis.
        var dict = $"{{'descr': '{descr}', 'fortran_order': False, 'shape': {shapeText}, }}";
        if (shape.Length > 0)
        {
            dict += new string(' ', Math.Max(0, GrowthAxisMaxDigits - shape[0].ToString(CultureInfo.InvariantCulture).Length));
        }

        var dictBytes = Encoding.Latin1.GetBytes(dict);
        // Version 1.0 unless its two-byte header length cannot hold the header; then 2.0 with four bytes.
        var major = 1;
        var prefixLength = Magic.Length + 2 + 2;
        var headerLength = PaddedHeaderLength(prefixLength, dictBytes.Length, out var padding);
        if (headerLength > ushort.MaxValue)
        {
            major = 2;
            prefixLength = Magic.Length + 2 + 4;
            headerLength = PaddedHeaderLength(prefixLength, dictBytes.Length, out padding);
        }

        var result = new byte[prefixLength + headerLength];
        Magic.CopyTo(result, 0);
        result[Magic.Length] = (byte)major;
        result[Magic.Length + 1] = 0;
        if (major == 1)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(result.AsSpan(Magic.Length + 2), (ushort)headerLength);
        }
        else
        {
            BinaryPrimitives.WriteUInt32LittleEndian(result.AsSpan(Magic.Length + 2), (uint)headerLength);
        }

        dictBytes.CopyTo(result, prefixLength);
        result.AsSpan(prefixLength + dictBytes.Length, padding).Fill((byte)' ');
        result[^1] = (byte)'\n';
        return result;
    }

    private static int PaddedHeaderLength(int prefixLength, int dictLength, out int padding)
    {
        // Like NumPy: pad with spaces, then a newline, so the data starts on an alignment boundary (padding is never 0).
        padding = Alignment - ((prefixLength + dictLength + 1) % Alignment);
        return dictLength + padding + 1;
    }

    private static NpyHeader Parse(string name, byte[] headerBytes)
    {
        // Versions 1.0 and 2.0 encode the header as latin-1.
        var text = Encoding.Latin1.GetString(headerBytes);
        if (!text.EndsWith('\n'))
        {
            throw NpyFormatException.For(name, "has a header that does not end with a newline");
        }

        Dictionary<string, object> dict;
        try
        {
            dict = new NpyHeaderParser(text).ParseDict();
        }
        catch (FormatException e)
        {
            throw NpyFormatException.For(name, $"has a malformed header: {e.Message}");
        }

        if (dict.Count != 3 || !dict.TryGetValue("descr", out var descrValue) || !dict.TryGetValue("fortran_order", out var fortranValue)
            || !dict.TryGetValue("shape", out var shapeValue))
        {
            throw NpyFormatException.For(name, $"has a header with the keys {string.Join(", ", dict.Keys.Select(k => $"'{k}'"))}; a .npy header has exactly 'descr', 'fortran_order' and 'shape'");
        }

        if (fortranValue is not bool fortranOrder)
        {
            throw NpyFormatException.For(name, "has a header whose 'fortran_order' is not True or False");
        }

        if (fortranOrder)
        {
            throw NpyFormatException.For(name, "stores its array in Fortran (column-major) order; OpenVerify reads C-order arrays only (save it with numpy.ascontiguousarray first)");
        }

        if (shapeValue is not long[] shape)
        {
            throw NpyFormatException.For(name, "has a header whose 'shape' is not a tuple of integers");
        }

        if (descrValue is not string descr)
        {
            throw NpyFormatException.For(name, "has a structured dtype (its 'descr' is a list); OpenVerify reads plain numeric, bool and unicode arrays only");
        }

        var (type, stringLength) = NpyDescr.Parse(name, descr);
        return new NpyHeader(type, stringLength, shape);
    }
}
