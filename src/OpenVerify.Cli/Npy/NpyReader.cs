using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.ML.OnnxRuntime;

namespace OpenVerify.Cli.Npy;

/// <summary>Reads a <c>.npy</c> file's data, after its <see cref="NpyHeader"/>, into a tensor of the header's type and
/// shape; refuses data that is truncated, longer than the header says, or not valid for its type.</summary>
internal static class NpyReader
{
    /// <summary>Reads <c>.npy</c> data from a stream, to its end.</summary>
    /// <param name="stream">The data.</param>
    /// <param name="name">The file (quoted) or stream, for messages.</param>
    /// <exception cref="NpyFormatException">The data is not <c>.npy</c> data OpenVerify can read, or is truncated.</exception>
    public static TensorValue Read(Stream stream, string name)
    {
        var header = NpyHeader.Read(stream, name);
        long count;
        try
        {
            count = TensorValue.CheckedElementCount(header.Shape);
        }
        catch (TensorEncodingException e)
        {
            throw NpyFormatException.For(name, $"has an invalid shape: {e.Message}");
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

    private static TensorValue<T> ReadNumeric<T>(Stream stream, string name, NpyHeader header, long count) where T : unmanaged
    {
        var data = AllocateElements<T>(stream, name, header, count, Marshal.SizeOf<T>());
        ReadData(stream, name, MemoryMarshal.AsBytes(data.AsSpan()), header, count);
        return new TensorValue<T>(data, header.Shape);
    }

    private static TensorValue<bool> ReadBool(Stream stream, string name, NpyHeader header, long count)
    {
        var data = AllocateElements<bool>(stream, name, header, count, 1);
        var bytes = MemoryMarshal.AsBytes(data.AsSpan());
        ReadData(stream, name, bytes, header, count);
        var bad = bytes.IndexOfAnyExcept((byte)0, (byte)1);
        if (bad >= 0)
        {
            throw NpyFormatException.For(name, $"holds the byte {bytes[bad]} in bool element {bad}; a bool must be 0 or 1");
        }

        return new TensorValue<bool>(data, header.Shape);
    }

    private static StringTensorValue ReadStrings(Stream stream, string name, NpyHeader header, long count)
    {
        var width = header.StringLength;
        long byteCount;
        try
        {
            byteCount = checked(count * width * 4);
        }
        catch (OverflowException)
        {
            throw NpyFormatException.For(name, "declares more string data than OpenVerify can hold");
        }

        if (byteCount > Array.MaxLength)
        {
            throw NpyFormatException.For(name, $"holds {byteCount} bytes of strings; OpenVerify reads at most {Array.MaxLength} bytes into one tensor");
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
                    throw NpyFormatException.For(name, string.Create(CultureInfo.InvariantCulture, $"holds the value 0x{codePoint:X} in string element {i}, which is not a Unicode scalar value"));
                }

                text.Append(new Rune((int)codePoint).ToString());
            }

            values[i] = text.ToString();
        }

        return new StringTensorValue(values, header.Shape);
    }

    private static T[] AllocateElements<T>(Stream stream, string name, NpyHeader header, long count, int size)
    {
        if (count > Array.MaxLength / size)
        {
            throw NpyFormatException.For(name, $"holds {count} elements; OpenVerify reads at most {Array.MaxLength / size} elements of this type into one tensor");
        }

        RequireData(stream, name, header, count, count * size);
        return new T[count];
    }

    // A header of a few bytes can declare gigabytes of data: where the stream knows its length, a truncated file is
    // refused before the data is allocated, not after (found by fuzzing: a 128-byte file made the reader allocate 2 GB).
    private static void RequireData(Stream stream, string name, NpyHeader header, long count, long byteCount)
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

    private static NpyFormatException Truncated(string name, NpyHeader header, long count, long byteCount, long read) =>
        NpyFormatException.For(name, $"is truncated: its header declares shape {header.ShapeText()} ({count} elements, {byteCount} bytes of data), but only {read} bytes of data follow");

    private static void ReadData(Stream stream, string name, Span<byte> destination, NpyHeader header, long count)
    {
        var read = ReadFully(stream, destination);
        if (read < destination.Length)
        {
            throw Truncated(name, header, count, destination.Length, read);
        }

        Span<byte> extra = stackalloc byte[1];
        if (ReadFully(stream, extra) > 0)
        {
            throw NpyFormatException.For(name, $"has more data than its header declares (shape {header.ShapeText()}, {destination.Length} bytes of data); the header does not match the data");
        }
    }

    /// <summary>Reads until <paramref name="buffer"/> is full or the stream ends; returns the bytes read.</summary>
    internal static int ReadFully(Stream stream, Span<byte> buffer)
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
}
