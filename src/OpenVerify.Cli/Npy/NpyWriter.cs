using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace OpenVerify.Cli.Npy;

/// <summary>Encodes a tensor as <c>.npy</c> bytes (header and data), as <c>numpy.save</c> writes them.</summary>
internal static class NpyWriter
{
    /// <summary>The whole <c>.npy</c> file for <paramref name="tensor"/>.</summary>
    /// <param name="tensor">The tensor.</param>
    /// <param name="name">The file (quoted) or stream, for messages.</param>
    /// <exception cref="NpyFormatException">The tensor cannot be written as <c>.npy</c>.</exception>
    public static byte[] Encode(TensorValue tensor, string name)
    {
        var descr = NpyDescr.For(tensor.ElementType);
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

        var header = NpyHeader.Build(descr, tensor.Shape.AsSpan());
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
}
