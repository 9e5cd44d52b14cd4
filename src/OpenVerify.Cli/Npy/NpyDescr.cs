using System.Globalization;

namespace OpenVerify.Cli.Npy;

/// <summary>NumPy <c>descr</c> strings and the element types they hold: the NumPy kind of each fixed-size type, with
/// its item size from the runtime's element-type table (<see cref="ElementTypes.SizeOf"/>), for reading and writing
/// alike. bfloat16 is the two-byte void type (see <see cref="NpyFormat"/>).</summary>
internal static class NpyDescr
{
    /// <summary>The fixed-size element types a <c>.npy</c> file can hold.</summary>
    private static readonly ElementType[] FixedSizeTypes =
    [
        ElementType.Float16, ElementType.Float, ElementType.Double,
        ElementType.Int8, ElementType.Int16, ElementType.Int32, ElementType.Int64,
        ElementType.UInt8, ElementType.UInt16, ElementType.UInt32, ElementType.UInt64,
        ElementType.Bool, ElementType.BFloat16,
    ];

    /// <summary>The NumPy kind character of a fixed-size element type; null for a type with no <c>.npy</c> form.</summary>
    private static char? KindOf(ElementType type) => type switch
    {
        ElementType.Float16 or ElementType.Float or ElementType.Double => 'f',
        ElementType.Int8 or ElementType.Int16 or ElementType.Int32 or ElementType.Int64 => 'i',
        ElementType.UInt8 or ElementType.UInt16 or ElementType.UInt32 or ElementType.UInt64 => 'u',
        ElementType.Bool => 'b',
        ElementType.BFloat16 => 'V',
        _ => null,
    };

    /// <summary>The <c>descr</c> OpenVerify writes for an element type; <c>&lt;U</c> (to be followed by the width) for
    /// strings.</summary>
    /// <exception cref="NpyFormatException">The type has no <c>.npy</c> form in OpenVerify.</exception>
    public static string For(ElementType type)
    {
        if (type == ElementType.String)
        {
            return "<U";
        }

        if (KindOf(type) is not { } kind)
        {
            throw new NpyFormatException($"Element type {ElementTypes.ToOnnxName(type)} has no .npy form in OpenVerify.");
        }

        var size = ElementTypes.SizeOf(type);
        return string.Create(CultureInfo.InvariantCulture, $"{(size == 1 ? '|' : '<')}{kind}{size}");
    }

    /// <summary>The element type a header's <c>descr</c> names, and for strings their width in code points.</summary>
    /// <param name="name">The file or stream, for messages.</param>
    /// <param name="descr">The header's <c>descr</c>.</param>
    /// <exception cref="NpyFormatException">OpenVerify does not read this dtype.</exception>
    public static (ElementType Type, int StringLength) Parse(string name, string descr)
    {
        if (descr.Length < 2)
        {
            throw NpyFormatException.For(name, $"has the unknown dtype '{descr}'");
        }

        var order = descr[0];
        var kind = descr[1];
        var sizeText = descr[2..];
        if (order is not ('<' or '>' or '|' or '='))
        {
            throw NpyFormatException.For(name, $"has the dtype '{descr}' without a byte-order character");
        }

        if (!int.TryParse(sizeText, NumberStyles.None, CultureInfo.InvariantCulture, out var size) || size <= 0)
        {
            throw NpyFormatException.For(name, kind == 'O'
                ? "holds Python objects (dtype 'O'); OpenVerify reads numeric, bool and unicode arrays only and never unpickles"
                : $"has the dtype '{descr}', which OpenVerify does not read");
        }

        if (kind == 'U')
        {
            RequireLittleEndian(name, descr, order, multiByte: true);
            if (size > Array.MaxLength / 4)
            {
                throw NpyFormatException.For(name, $"has strings of {size} characters, more than OpenVerify reads");
            }

            return (ElementType.String, size);
        }

        var match = Array.FindIndex(FixedSizeTypes, t => KindOf(t) == kind && ElementTypes.SizeOf(t) == size);
        ElementType? type = match >= 0 ? FixedSizeTypes[match] : null;
        if (type is not { } found)
        {
            throw NpyFormatException.For(name, kind switch
            {
                'O' => "holds Python objects (dtype 'O'); OpenVerify reads numeric, bool and unicode arrays only and never unpickles",
                'S' or 'a' => $"holds byte strings (dtype '{descr}'); save strings as NumPy unicode (dtype '<U') instead",
                'c' => $"holds complex numbers (dtype '{descr}'); OpenVerify v1 has no encoding for complex tensors",
                _ => $"has the dtype '{descr}', which OpenVerify does not read (it reads float16/32/64, int8-64, uint8-64, bool, '<V2' or '|V2' as bfloat16, and '<U' strings)",
            });
        }

        // A void type has no byte order, so NumPy writes '|V2' for a plain 2-byte void; ml_dtypes' bfloat16 arrays are
        // written as '<V2'. Both hold the raw little-endian bfloat16 bits.
        RequireLittleEndian(name, descr, order, multiByte: size > 1 && !(kind == 'V' && order == '|'));
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
            throw NpyFormatException.For(name, $"is big-endian (dtype '{descr}'); OpenVerify reads little-endian data only (convert it with array.astype(array.dtype.newbyteorder('<')))");
        }

        if (order != '<')
        {
            throw NpyFormatException.For(name, $"has the dtype '{descr}' without an explicit little-endian byte order ('<')");
        }
    }
}
