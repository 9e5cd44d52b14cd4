using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.ML.OnnxRuntime;

namespace OpenVerify;

/// <summary>A NumPy <c>.npy</c> file cannot be read or written: a bad magic string or header, an unsupported format
/// version or element type, Fortran order, big-endian data, a truncated file, or data whose length does not match the
/// header. The message names the file.</summary>
public sealed class NpyFormatException : OpenVerifyException
{
    /// <summary>Creates the exception.</summary>
    public NpyFormatException(string message, Exception? innerException = null) : base(message, innerException) { }
}

/// <summary>
/// Reads and writes NumPy <c>.npy</c> files (format versions 1.0 and 2.0; see numpy.lib.format) for every element type
/// OpenVerify encodes. Data is little-endian and in C (row-major) order; Fortran-order and big-endian files are refused,
/// never reordered or byte-swapped silently.
/// </summary>
/// <remarks>
/// <para>Element types and their NumPy <c>descr</c>: float <c>&lt;f4</c>, double <c>&lt;f8</c>, float16 <c>&lt;f2</c>
/// (as <see cref="Float16"/>), int8 <c>|i1</c>, int16 <c>&lt;i2</c>, int32 <c>&lt;i4</c>, int64 <c>&lt;i8</c>, uint8
/// <c>|u1</c>, uint16 <c>&lt;u2</c>, uint32 <c>&lt;u4</c>, uint64 <c>&lt;u8</c>, bool <c>|b1</c> (each byte 0 or 1),
/// and strings as NumPy unicode <c>&lt;U{n}</c> (n UTF-32LE code points per element, trailing NULs stripped on read;
/// a string that itself ends in NUL cannot be written, since NumPy would strip it).</para>
/// <para>bfloat16 has no NumPy dtype. OpenVerify writes it as the two-byte void type <c>&lt;V2</c> holding the raw
/// little-endian bits, which is what <c>numpy.save</c> writes for an <c>ml_dtypes.bfloat16</c> array; NumPy loads it as
/// <c>V2</c> and <c>array.view(ml_dtypes.bfloat16)</c> recovers the values. On read, <c>&lt;V2</c> (or <c>|V2</c>) is
/// taken as bfloat16.</para>
/// <para>Files are written in format 1.0 unless the header is longer than 65535 bytes, then 2.0. Headers are padded so
/// the data starts on a 64-byte boundary, as NumPy does.</para>
/// </remarks>
public static class NpyFormat
{
    private static readonly byte[] Magic = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];
    private const int Alignment = 64;

    // The NumPy kind and item size of each fixed-size element type, for reading and writing alike. bfloat16 is the
    // two-byte void type (see the remarks).
    private static readonly (ElementType Type, char Kind, int Size)[] Dtypes =
    [
        (ElementType.Float16, 'f', 2), (ElementType.Float, 'f', 4), (ElementType.Double, 'f', 8),
        (ElementType.Int8, 'i', 1), (ElementType.Int16, 'i', 2), (ElementType.Int32, 'i', 4), (ElementType.Int64, 'i', 8),
        (ElementType.UInt8, 'u', 1), (ElementType.UInt16, 'u', 2), (ElementType.UInt32, 'u', 4), (ElementType.UInt64, 'u', 8),
        (ElementType.Bool, 'b', 1), (ElementType.BFloat16, 'V', 2),
    ];
    private const int MaxHeaderLength = 1 << 20;

    // NumPy leaves room after the header dict so the first axis can grow in place (GROWTH_AXIS_MAX_DIGITS).
    private const int GrowthAxisMaxDigits = 21;

    /// <summary>The default name used in messages when a stream has none.</summary>
    private const string StreamName = "the .npy data";

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
        var name = sourceName == StreamName ? sourceName : $"'{sourceName}'";

        Span<byte> prefix = stackalloc byte[Magic.Length + 2];
        if (ReadFully(stream, prefix) < prefix.Length || !prefix[..Magic.Length].SequenceEqual(Magic))
        {
            throw Fail(name, "is not a NumPy .npy file (it does not start with the \\x93NUMPY magic string)");
        }

        int major = prefix[Magic.Length], minor = prefix[Magic.Length + 1];
        int lengthSize = (major, minor) switch
        {
            (1, 0) => 2,
            (2, 0) => 4,
            _ => throw Fail(name, $"uses .npy format version {major}.{minor}; OpenVerify reads versions 1.0 and 2.0"),
        };

        Span<byte> lengthBytes = stackalloc byte[4];
        if (ReadFully(stream, lengthBytes[..lengthSize]) < lengthSize)
        {
            throw Fail(name, "is truncated inside its header");
        }

        var headerLength = lengthSize == 2 ? BinaryPrimitives.ReadUInt16LittleEndian(lengthBytes) : BinaryPrimitives.ReadUInt32LittleEndian(lengthBytes);
        if (headerLength > MaxHeaderLength)
        {
            throw Fail(name, $"declares a header of {headerLength} bytes; OpenVerify reads headers up to {MaxHeaderLength} bytes");
        }

        var headerBytes = new byte[headerLength];
        if (ReadFully(stream, headerBytes) < headerBytes.Length)
        {
            throw Fail(name, "is truncated inside its header");
        }

        var header = ParseHeader(name, headerBytes);
        long count;
        try
        {
            count = TensorValue.CheckedElementCount(header.Shape);
        }
        catch (TensorEncodingException e)
        {
            throw Fail(name, $"has an invalid shape: {e.Message}");
        }

        return header.Type switch
        {
            ElementType.Float => ReadNumeric<float>(stream, name, header, count),
            ElementType.Double => ReadNumeric<double>(stream, name, header, count),
            ElementType.Float16 => ReadNumeric<Float16>(stream, name, header, count),
            ElementType.BFloat16 => ReadNumeric<BFloat16>(stream, name, header, count),
            ElementType.Int8 => ReadNumeric<sbyte>(stream, name, header, count),
            ElementType.Int16 => ReadNumeric<short>(stream, name, header, count),
            ElementType.Int32 => ReadNumeric<int>(stream, name, header, count),
            ElementType.Int64 => ReadNumeric<long>(stream, name, header, count),
            ElementType.UInt8 => ReadNumeric<byte>(stream, name, header, count),
            ElementType.UInt16 => ReadNumeric<ushort>(stream, name, header, count),
            ElementType.UInt32 => ReadNumeric<uint>(stream, name, header, count),
            ElementType.UInt64 => ReadNumeric<ulong>(stream, name, header, count),
            ElementType.Bool => ReadBool(stream, name, header, count),
            _ => ReadStrings(stream, name, header, count),
        };
    }

    /// <summary>Writes a tensor as a <c>.npy</c> file, replacing an existing file.</summary>
    /// <exception cref="NpyFormatException">The tensor cannot be written as <c>.npy</c>.</exception>
    public static void WriteFile(string path, TensorValue tensor)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(tensor);

        // Encode first so that a tensor that cannot be written leaves no half-written file behind.
        var bytes = Encode(tensor, $"'{path}'");
        File.WriteAllBytes(path, bytes);
    }

    /// <summary>Writes a tensor as <c>.npy</c> data to a stream.</summary>
    /// <exception cref="NpyFormatException">The tensor cannot be written as <c>.npy</c>.</exception>
    public static void Write(Stream stream, TensorValue tensor)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(tensor);
        stream.Write(Encode(tensor, StreamName));
    }

    /// <summary>The NumPy <c>descr</c> OpenVerify writes for an element type (<c>&lt;f4</c>, <c>|b1</c>, <c>&lt;V2</c>
    /// for bfloat16, ...); strings take <c>&lt;U{n}</c> with n from the data.</summary>
    /// <exception cref="NpyFormatException">The type has no <c>.npy</c> form in OpenVerify.</exception>
    public static string DescrFor(ElementType type)
    {
        if (type == ElementType.String)
        {
            return "<U";
        }

        var match = Array.FindIndex(Dtypes, d => d.Type == type);
        if (match < 0)
        {
            throw new NpyFormatException($"Element type {ElementTypes.ToOnnxName(type)} has no .npy form in OpenVerify.");
        }

        var (_, kind, size) = Dtypes[match];
        return string.Create(CultureInfo.InvariantCulture, $"{(size == 1 ? '|' : '<')}{kind}{size}");
    }

    private sealed record Header(ElementType Type, int StringLength, long[] Shape);

    private static TensorValue<T> ReadNumeric<T>(Stream stream, string name, Header header, long count) where T : unmanaged
    {
        var data = AllocateElements<T>(stream, name, header, count, Marshal.SizeOf<T>());
        ReadData(stream, name, MemoryMarshal.AsBytes(data.AsSpan()), header, count);
        return new TensorValue<T>(data, header.Shape);
    }

    private static TensorValue<bool> ReadBool(Stream stream, string name, Header header, long count)
    {
        var data = AllocateElements<bool>(stream, name, header, count, 1);
        var bytes = MemoryMarshal.AsBytes(data.AsSpan());
        ReadData(stream, name, bytes, header, count);
        var bad = bytes.IndexOfAnyExcept((byte)0, (byte)1);
        if (bad >= 0)
        {
            throw Fail(name, $"holds the byte {bytes[bad]} in bool element {bad}; a bool must be 0 or 1");
        }

        return new TensorValue<bool>(data, header.Shape);
    }

    private static StringTensorValue ReadStrings(Stream stream, string name, Header header, long count)
    {
        var width = header.StringLength;
        long byteCount;
        try
        {
            byteCount = checked(count * width * 4);
        }
        catch (OverflowException)
        {
            throw Fail(name, "declares more string data than OpenVerify can hold");
        }

        if (byteCount > Array.MaxLength)
        {
            throw Fail(name, $"holds {byteCount} bytes of strings; OpenVerify reads at most {Array.MaxLength} bytes into one tensor");
        }

        RequireData(stream, name, header, count, byteCount);
        var bytes = new byte[byteCount];
        ReadData(stream, name, bytes, header, count);
        var values = new string[count];
        var text = new StringBuilder();
        for (var i = 0; i < values.Length; i++)
        {
            text.Clear();
            var element = bytes.AsSpan(checked(i * width * 4), width * 4);
            var length = width;
            while (length > 0 && BinaryPrimitives.ReadUInt32LittleEndian(element[((length - 1) * 4)..]) == 0)
            {
                length--;
            }

            for (var c = 0; c < length; c++)
            {
                var codePoint = BinaryPrimitives.ReadUInt32LittleEndian(element[(c * 4)..]);
                if (codePoint > 0x10FFFF || !Rune.IsValid((int)codePoint))
                {
                    throw Fail(name, string.Create(CultureInfo.InvariantCulture, $"holds the value 0x{codePoint:X} in string element {i}, which is not a Unicode scalar value"));
                }

                text.Append(new Rune((int)codePoint).ToString());
            }

            values[i] = text.ToString();
        }

        return new StringTensorValue(values, header.Shape);
    }

    private static T[] AllocateElements<T>(Stream stream, string name, Header header, long count, int size)
    {
        if (count > Array.MaxLength / size)
        {
            throw Fail(name, $"holds {count} elements; OpenVerify reads at most {Array.MaxLength / size} elements of this type into one tensor");
        }

        RequireData(stream, name, header, count, count * size);
        return new T[count];
    }

    // A header of a few bytes can declare gigabytes of data: where the stream knows its length, a truncated file is
    // refused before the data is allocated, not after.
    private static void RequireData(Stream stream, string name, Header header, long count, long byteCount)
    {
        if (!stream.CanSeek)
        {
            return;
        }

        var remaining = stream.Length - stream.Position;
        if (remaining < byteCount)
        {
            throw Truncated(name, header, count, byteCount, remaining);
        }
    }

    private static void ReadData(Stream stream, string name, Span<byte> destination, Header header, long count)
    {
        var read = ReadFully(stream, destination);
        if (read < destination.Length)
        {
            throw Truncated(name, header, count, destination.Length, read);
        }

        Span<byte> extra = stackalloc byte[1];
        if (ReadFully(stream, extra) > 0)
        {
            throw Fail(name, $"has more data than its header declares (shape {ShapeText(header.Shape)}, {destination.Length} bytes of data); the header does not match the data");
        }
    }

    private static NpyFormatException Truncated(string name, Header header, long count, long byteCount, long read) =>
        Fail(name, $"is truncated: its header declares shape {ShapeText(header.Shape)} ({count} elements, {byteCount} bytes of data), but only {read} bytes of data follow");

    private static int ReadFully(Stream stream, Span<byte> buffer)
    {
        var total = 0;
        while (total < buffer.Length)
        {
            var n = stream.Read(buffer[total..]);
            if (n == 0)
            {
                break;
            }

            total += n;
        }

        return total;
    }

    private static Header ParseHeader(string name, byte[] headerBytes)
    {
        // Versions 1.0 and 2.0 encode the header as latin-1.
        var text = Encoding.Latin1.GetString(headerBytes);
        if (!text.EndsWith('\n'))
        {
            throw Fail(name, "has a header that does not end with a newline");
        }

        Dictionary<string, object> dict;
        try
        {
            dict = new HeaderParser(text).ParseDict();
        }
        catch (FormatException e)
        {
            throw Fail(name, $"has a malformed header: {e.Message}");
        }

        if (dict.Count != 3 || !dict.TryGetValue("descr", out var descrValue) || !dict.TryGetValue("fortran_order", out var fortranValue)
            || !dict.TryGetValue("shape", out var shapeValue))
        {
            throw Fail(name, $"has a header with the keys {string.Join(", ", dict.Keys.Select(k => $"'{k}'"))}; a .npy header has exactly 'descr', 'fortran_order' and 'shape'");
        }

        if (fortranValue is not bool fortranOrder)
        {
            throw Fail(name, "has a header whose 'fortran_order' is not True or False");
        }

        if (fortranOrder)
        {
            throw Fail(name, "stores its array in Fortran (column-major) order; OpenVerify reads C-order arrays only (save it with numpy.ascontiguousarray first)");
        }

        if (shapeValue is not long[] shape)
        {
            throw Fail(name, "has a header whose 'shape' is not a tuple of integers");
        }

        if (descrValue is not string descr)
        {
            throw Fail(name, "has a structured dtype (its 'descr' is a list); OpenVerify reads plain numeric, bool and unicode arrays only");
        }

        var (type, stringLength) = ParseDescr(name, descr);
        return new Header(type, stringLength, shape);
    }

    private static (ElementType Type, int StringLength) ParseDescr(string name, string descr)
    {
        if (descr.Length < 2)
        {
            throw Fail(name, $"has the unknown dtype '{descr}'");
        }

        var order = descr[0];
        var kind = descr[1];
        var sizeText = descr[2..];
        if (order is not ('<' or '>' or '|' or '='))
        {
            throw Fail(name, $"has the dtype '{descr}' without a byte-order character");
        }

        if (!int.TryParse(sizeText, NumberStyles.None, CultureInfo.InvariantCulture, out var size) || size <= 0)
        {
            throw Fail(name, kind == 'O'
                ? "holds Python objects (dtype 'O'); OpenVerify reads numeric, bool and unicode arrays only and never unpickles"
                : $"has the dtype '{descr}', which OpenVerify does not read");
        }

        if (kind == 'U')
        {
            RequireLittleEndian(name, descr, order, multiByte: true);
            if (size > Array.MaxLength / 4)
            {
                throw Fail(name, $"has strings of {size} characters, more than OpenVerify reads");
            }

            return (ElementType.String, size);
        }

        var match = Array.FindIndex(Dtypes, d => d.Kind == kind && d.Size == size);
        ElementType? type = match >= 0 ? Dtypes[match].Type : null;
        if (type is not { } found)
        {
            throw Fail(name, kind switch
            {
                'O' => "holds Python objects (dtype 'O'); OpenVerify reads numeric, bool and unicode arrays only and never unpickles",
                'S' or 'a' => $"holds byte strings (dtype '{descr}'); save strings as NumPy unicode (dtype '<U') instead",
                'c' => $"holds complex numbers (dtype '{descr}'); OpenVerify v1 has no encoding for complex tensors",
                _ => $"has the dtype '{descr}', which OpenVerify does not read (it reads float16/32/64, int8-64, uint8-64, bool, '<V2' as bfloat16, and '<U' strings)",
            });
        }

        RequireLittleEndian(name, descr, order, multiByte: size > 1);
        return (found, 0);
    }

    private static void RequireLittleEndian(string name, string descr, char order, bool multiByte)
    {
        if (!multiByte)
        {
            return;
        }

        if (order == '>')
        {
            throw Fail(name, $"is big-endian (dtype '{descr}'); OpenVerify reads little-endian data only (convert it with array.astype(array.dtype.newbyteorder('<')))");
        }

        if (order != '<')
        {
            throw Fail(name, $"has the dtype '{descr}' without an explicit little-endian byte order ('<')");
        }
    }

    private static byte[] Encode(TensorValue tensor, string name)
    {
        var descr = DescrFor(tensor.ElementType);
        ReadOnlySpan<byte> data;
        byte[]? stringData = null;
        if (tensor is StringTensorValue strings)
        {
            (descr, stringData) = EncodeStrings(strings, name);
            data = stringData;
        }
        else
        {
            // Every numeric and bool tensor exposes its raw little-endian element bytes.
            data = tensor.RawBytes;
            if (data.Length != tensor.ElementCount * ElementTypes.SizeOf(tensor.ElementType))
            {
                throw new NpyFormatException($"Cannot write {name}: the tensor type {tensor.GetType().Name} is not supported.");
            }

            if (tensor.ElementType == ElementType.Bool && data.IndexOfAnyExcept((byte)0, (byte)1) is var bad and >= 0)
            {
                throw new NpyFormatException($"Cannot write {name}: bool element {bad} holds the byte {data[bad]}; a bool must be 0 or 1.");
            }
        }

        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("OpenVerify's .npy writer needs a little-endian machine.");
        }

        var header = BuildHeader(descr, tensor.Shape.AsSpan());
        var result = new byte[checked(header.Length + data.Length)];
        header.CopyTo(result, 0);
        data.CopyTo(result.AsSpan(header.Length));
        return result;
    }

    private static (string Descr, byte[] Data) EncodeStrings(StringTensorValue strings, string name)
    {
        var runes = new List<Rune[]>(strings.Values.Count);
        var width = 1;
        for (var i = 0; i < strings.Values.Count; i++)
        {
            var value = strings.Values[i];
            if (value.EndsWith('\0'))
            {
                throw new NpyFormatException($"Cannot write {name}: string element {i} ends with a NUL character, which NumPy's unicode type strips; it would not read back the same.");
            }

            var elementRunes = new List<Rune>(value.Length);
            var index = 0;
            while (index < value.Length)
            {
                if (Rune.DecodeFromUtf16(value.AsSpan(index), out var rune, out var used) != System.Buffers.OperationStatus.Done)
                {
                    throw new NpyFormatException($"Cannot write {name}: string element {i} contains a lone surrogate and is not valid Unicode.");
                }

                elementRunes.Add(rune);
                index += used;
            }

            runes.Add([.. elementRunes]);
            width = Math.Max(width, elementRunes.Count);
        }

        var data = new byte[checked(runes.Count * width * 4)];
        for (var i = 0; i < runes.Count; i++)
        {
            var element = data.AsSpan(i * width * 4, width * 4);
            for (var c = 0; c < runes[i].Length; c++)
            {
                BinaryPrimitives.WriteUInt32LittleEndian(element[(c * 4)..], (uint)runes[i][c].Value);
            }
        }

        return ("<U" + width.ToString(CultureInfo.InvariantCulture), data);
    }

    private static byte[] BuildHeader(string descr, ReadOnlySpan<long> shape)
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

    private static string ShapeText(long[] shape) => "(" + string.Join(", ", shape) + (shape.Length == 1 ? ",)" : ")");

    private static NpyFormatException Fail(string name, string what) => new($"{char.ToUpperInvariant(name[0])}{name[1..]} {what}.");

    /// <summary>A parser for the Python literal subset that <c>.npy</c> headers use: a dict of string keys whose values
    /// are strings, <c>True</c>/<c>False</c>, tuples of integers, or (for structured dtypes) lists.</summary>
    private sealed class HeaderParser(string text)
    {
        private readonly string _text = text;
        private int _position;

        public Dictionary<string, object> ParseDict()
        {
            var result = new Dictionary<string, object>(StringComparer.Ordinal);
            SkipSpace();
            ParseItems('{', '}', () =>
            {
                var key = ParseString();
                SkipSpace();
                Expect(':');
                SkipSpace();
                if (!result.TryAdd(key, ParseValue()))
                {
                    throw new FormatException($"the key '{key}' appears twice");
                }
            });

            SkipSpace();
            if (_position != _text.Length)
            {
                throw new FormatException("text follows the header dict");
            }

            return result;
        }

        /// <summary>Reads <paramref name="open"/> item, item, ... <paramref name="close"/>, allowing a trailing comma.</summary>
        private void ParseItems(char open, char close, Action parseItem)
        {
            Expect(open);
            while (true)
            {
                SkipSpace();
                if (TryTake(close))
                {
                    return;
                }

                parseItem();
                SkipSpace();
                if (!TryTake(','))
                {
                    SkipSpace();
                    Expect(close);
                    return;
                }
            }
        }

        private object ParseValue()
        {
            if (Peek() is '\'' or '"')
            {
                return ParseString();
            }

            if (TryTakeWord("True"))
            {
                return true;
            }

            if (TryTakeWord("False"))
            {
                return false;
            }

            if (Peek() == '(')
            {
                return ParseTuple();
            }

            if (Peek() == '[')
            {
                SkipBracketed();
                return new List<object>();
            }

            throw new FormatException($"unexpected '{Peek()}' at offset {_position}");
        }

        private long[] ParseTuple()
        {
            var items = new List<long>();
            ParseItems('(', ')', () => items.Add(ParseInteger()));
            return [.. items];
        }

        private long ParseInteger()
        {
            var start = _position;
            if (Peek() == '-')
            {
                _position++;
            }

            while (_position < _text.Length && char.IsAsciiDigit(_text[_position]))
            {
                _position++;
            }

            var digits = _text.AsSpan(start, _position - start);

            // Python 2 wrote long integers with an L suffix.
            if (_position < _text.Length && _text[_position] == 'L')
            {
                _position++;
            }

            if (!long.TryParse(digits, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
            {
                throw new FormatException($"'{digits}' at offset {start} is not an integer that fits in 64 bits");
            }

            if (value < 0)
            {
                throw new FormatException($"the shape has the negative dimension {value}");
            }

            return value;
        }

        private string ParseString()
        {
            var quote = Peek();
            if (quote is not ('\'' or '"'))
            {
                throw new FormatException($"expected a quoted string at offset {_position}");
            }

            _position++;
            var end = _text.IndexOf(quote, _position);
            if (end < 0)
            {
                throw new FormatException("a string is not closed");
            }

            var value = _text[_position..end];
            if (value.Contains('\\', StringComparison.Ordinal))
            {
                throw new FormatException("escape sequences are not supported in header strings");
            }

            _position = end + 1;
            return value;
        }

        private void SkipBracketed()
        {
            var depth = 0;
            while (_position < _text.Length)
            {
                var c = _text[_position++];
                if (c is '[' or '(')
                {
                    depth++;
                }
                else if (c is ']' or ')' && --depth == 0)
                {
                    return;
                }
            }

            throw new FormatException("a list is not closed");
        }

        private char Peek() => _position < _text.Length ? _text[_position] : '\0';

        private bool TryTake(char c)
        {
            if (Peek() != c)
            {
                return false;
            }

            _position++;
            return true;
        }

        private bool TryTakeWord(string word)
        {
            if (string.CompareOrdinal(_text, _position, word, 0, word.Length) != 0)
            {
                return false;
            }

            _position += word.Length;
            return true;
        }

        private void Expect(char c)
        {
            if (!TryTake(c))
            {
                throw new FormatException(_position < _text.Length ? $"expected '{c}' at offset {_position} but found '{_text[_position]}'" : $"expected '{c}' but the header ended");
            }
        }

        private void SkipSpace()
        {
            while (_position < _text.Length && _text[_position] is ' ' or '\t' or '\n' or '\r')
            {
                _position++;
            }
        }
    }
}
