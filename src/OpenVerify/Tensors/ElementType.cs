using OpenVerify.Onnx;

namespace OpenVerify;

/// <summary>
/// ONNX tensor element types, numbered with the ONNX <c>TensorProto.DataType</c> codes that the tensor digest hashes.
/// Only the types with a fixed byte layout in the OpenVerify encoding can be digested; <see cref="ElementTypes.IsSupported"/>
/// says which.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1720:Identifier contains type name", Justification = "The members mirror the ONNX data type names.")]
public enum ElementType
{
    /// <summary>Not a valid element type.</summary>
    Undefined = 0,
    /// <summary>32-bit IEEE float.</summary>
    Float = 1,
    /// <summary>Unsigned 8-bit integer.</summary>
    UInt8 = 2,
    /// <summary>Signed 8-bit integer.</summary>
    Int8 = 3,
    /// <summary>Unsigned 16-bit integer.</summary>
    UInt16 = 4,
    /// <summary>Signed 16-bit integer.</summary>
    Int16 = 5,
    /// <summary>Signed 32-bit integer.</summary>
    Int32 = 6,
    /// <summary>Signed 64-bit integer.</summary>
    Int64 = 7,
    /// <summary>UTF-8 string.</summary>
    String = 8,
    /// <summary>Boolean, one byte that is 0 or 1.</summary>
    Bool = 9,
    /// <summary>IEEE half-precision float (raw 16 bits).</summary>
    Float16 = 10,
    /// <summary>64-bit IEEE float.</summary>
    Double = 11,
    /// <summary>Unsigned 32-bit integer.</summary>
    UInt32 = 12,
    /// <summary>Unsigned 64-bit integer.</summary>
    UInt64 = 13,
    /// <summary>Complex of two floats. Refused by the digest (no fixed layout in v1).</summary>
    Complex64 = 14,
    /// <summary>Complex of two doubles. Refused by the digest (no fixed layout in v1).</summary>
    Complex128 = 15,
    /// <summary>bfloat16 (raw 16 bits).</summary>
    BFloat16 = 16,
    /// <summary>float8 E4M3FN. Refused by the digest.</summary>
    Float8E4M3FN = 17,
    /// <summary>float8 E4M3FNUZ. Refused by the digest.</summary>
    Float8E4M3FNUZ = 18,
    /// <summary>float8 E5M2. Refused by the digest.</summary>
    Float8E5M2 = 19,
    /// <summary>float8 E5M2FNUZ. Refused by the digest.</summary>
    Float8E5M2FNUZ = 20,
    /// <summary>Unsigned 4-bit integer. Refused by the digest.</summary>
    UInt4 = 21,
    /// <summary>Signed 4-bit integer. Refused by the digest.</summary>
    Int4 = 22,
    /// <summary>float4 E2M1. Refused by the digest.</summary>
    Float4E2M1 = 23,
}

/// <summary>Facts about <see cref="ElementType"/> values.</summary>
public static class ElementTypes
{
    /// <summary>Whether the OpenVerify tensor encoding (v1) defines a layout for this type.</summary>
    public static bool IsSupported(ElementType type) => type switch
    {
        ElementType.Float or ElementType.UInt8 or ElementType.Int8 or ElementType.UInt16 or ElementType.Int16
            or ElementType.Int32 or ElementType.Int64 or ElementType.String or ElementType.Bool or ElementType.Float16
            or ElementType.Double or ElementType.UInt32 or ElementType.UInt64 or ElementType.BFloat16 => true,
        _ => false,
    };

    /// <summary>Whether values of this type are floating point (compared with tolerance on replay).</summary>
    public static bool IsFloatingPoint(ElementType type) =>
        type is ElementType.Float or ElementType.Double or ElementType.Float16 or ElementType.BFloat16;

    /// <summary>The size of one element in bytes, or 0 for strings and unsupported types.</summary>
    public static int SizeOf(ElementType type) => type switch
    {
        ElementType.UInt8 or ElementType.Int8 or ElementType.Bool => 1,
        ElementType.UInt16 or ElementType.Int16 or ElementType.Float16 or ElementType.BFloat16 => 2,
        ElementType.Float or ElementType.Int32 or ElementType.UInt32 => 4,
        ElementType.Int64 or ElementType.UInt64 or ElementType.Double => 8,
        _ => 0,
    };

    /// <summary>The ONNX name of the type as used in receipts (<c>float</c>, <c>int64</c>, <c>bfloat16</c>, ...).</summary>
    public static string ToOnnxName(ElementType type) => OnnxElementTypes.Name((int)type);

    /// <summary>Reads an ONNX type name as written by <see cref="ToOnnxName"/>.</summary>
    public static bool TryParseOnnxName(string? name, out ElementType type)
    {
        var known = OnnxElementTypes.TryParse(name, out var code);
        type = (ElementType)code;
        return known;
    }

    /// <summary>Throws <see cref="TensorEncodingException"/> when the type has no v1 layout.</summary>
    internal static void EnsureSupported(ElementType type)
    {
        if (!IsSupported(type))
        {
            throw new TensorEncodingException(
                $"Element type {ToOnnxName(type)} (ONNX code {(int)type}) has no canonical encoding in OpenVerify v1 " +
                "(float8, int4, float4 and complex tensors are refused); receipts cannot cover it.");
        }
    }

    /// <summary>The element type for a CLR element type.</summary>
    internal static ElementType FromClrType(Type type)
    {
        if (type == typeof(float)) return ElementType.Float;
        if (type == typeof(byte)) return ElementType.UInt8;
        if (type == typeof(sbyte)) return ElementType.Int8;
        if (type == typeof(ushort)) return ElementType.UInt16;
        if (type == typeof(short)) return ElementType.Int16;
        if (type == typeof(int)) return ElementType.Int32;
        if (type == typeof(long)) return ElementType.Int64;
        if (type == typeof(bool)) return ElementType.Bool;
        if (type == typeof(Microsoft.ML.OnnxRuntime.Float16)) return ElementType.Float16;
        if (type == typeof(double)) return ElementType.Double;
        if (type == typeof(uint)) return ElementType.UInt32;
        if (type == typeof(ulong)) return ElementType.UInt64;
        if (type == typeof(Microsoft.ML.OnnxRuntime.BFloat16)) return ElementType.BFloat16;
        throw new TensorEncodingException(
            $"The CLR type {type} is not a tensor element type OpenVerify supports. Use float, double, sbyte, byte, short, ushort, int, uint, long, ulong, bool, " +
            "Microsoft.ML.OnnxRuntime.Float16, Microsoft.ML.OnnxRuntime.BFloat16, or string tensors.");
    }
}
