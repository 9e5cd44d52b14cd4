using System.Buffers.Binary;
using System.Globalization;
using OpenVerify.Testing.Onnx;
using DataType = OpenVerify.Testing.Onnx.TensorProto.Types.DataType;

namespace OpenVerify.Testing;

/// <summary>A decoded ONNX tensor: its name, element type, shape and element bytes.</summary>
/// <param name="Name">The tensor's name (may be empty).</param>
/// <param name="ElementType">ONNX element type code (<see cref="TensorProto.Types.DataType"/>).</param>
/// <param name="Dims">Shape; empty for a scalar.</param>
/// <param name="Data">
/// Element bytes exactly as ONNX <c>raw_data</c> defines them: fixed width, little-endian, row-major;
/// BOOL one byte per element; FLOAT16/BFLOAT16 as their 16-bit patterns; COMPLEX64/128 as (real, imaginary)
/// pairs; 4-bit types two elements per byte (first in the low nibble), 2-bit types four per byte.
/// Empty for STRING.
/// </param>
/// <param name="Strings">For STRING tensors, each element's bytes (UTF-8 by convention); otherwise <see langword="null"/>.</param>
public sealed record DecodedTensor(string Name, int ElementType, long[] Dims, byte[] Data, byte[][]? Strings)
{
    /// <summary>The number of elements: the product of <see cref="Dims"/> (1 for a scalar).</summary>
    public long ElementCount => Dims.Aggregate(1L, (a, d) => checked(a * d));
}

/// <summary>
/// Decodes a serialized ONNX <see cref="TensorProto"/> (for example a <c>.pb</c> input/output file of
/// the ONNX backend test data) into a <see cref="DecodedTensor"/>, converting the typed
/// <c>*_data</c> fields into <c>raw_data</c>-layout element bytes.
/// </summary>
public static class TensorProtoReader
{
    /// <summary>Decodes a serialized TensorProto.</summary>
    /// <exception cref="Google.Protobuf.InvalidProtocolBufferException">The bytes are not a protobuf message.</exception>
    /// <exception cref="NotSupportedException">External or segmented data, or an element type this reader does not know.</exception>
    /// <exception cref="InvalidDataException">The data does not match the type and shape.</exception>
    public static DecodedTensor Read(ReadOnlySpan<byte> serialized) => Read(TensorProto.Parser.ParseFrom(serialized));

    /// <summary>Reads and decodes a TensorProto file (e.g. <c>test_data_set_0/input_0.pb</c>).</summary>
    /// <inheritdoc cref="Read(ReadOnlySpan{byte})" path="/exception"/>
    public static DecodedTensor ReadFile(string path) => Read(File.ReadAllBytes(path));

    /// <summary>Decodes a parsed TensorProto.</summary>
    /// <inheritdoc cref="Read(ReadOnlySpan{byte})" path="/exception"/>
    public static DecodedTensor Read(TensorProto tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        string label = tensor.Name.Length > 0 ? $"Tensor '{tensor.Name}'" : "Tensor";

        if (tensor.DataLocation == TensorProto.Types.DataLocation.External || tensor.ExternalData.Count > 0)
        {
            string location = tensor.ExternalData.FirstOrDefault(e => e.Key == "location")?.Value ?? "(no location)";
            throw new NotSupportedException($"{label} keeps its data externally (location '{location}'); external data is not supported.");
        }

        if (tensor.Segment is not null)
        {
            throw new NotSupportedException($"{label} is a segment of a larger tensor; segmented tensors are not supported.");
        }

        int type = tensor.DataType;
        long[] dims = [.. tensor.Dims];
        if (dims.Any(d => d < 0))
        {
            throw new InvalidDataException($"{label} has a negative dimension: [{string.Join(",", dims)}].");
        }

        long count;
        try
        {
            count = dims.Aggregate(1L, (a, d) => checked(a * d));
        }
        catch (OverflowException)
        {
            throw new InvalidDataException($"{label} has dims [{string.Join(",", dims)}], whose element count overflows a 64-bit integer.");
        }

        if (type == (int)DataType.String)
        {
            if (!tensor.RawData.IsEmpty)
            {
                throw new InvalidDataException($"{label} is STRING but uses raw_data; strings must be in string_data.");
            }

            Expect(label, "string_data", tensor.StringData.Count, count);
            return new DecodedTensor(tensor.Name, type, dims, [], [.. tensor.StringData.Select(s => s.ToByteArray())]);
        }

        var (bitsPerElement, typeName) = Describe(type)
            ?? throw new NotSupportedException($"{label} has element type {type.ToString(CultureInfo.InvariantCulture)}, which this reader does not support (UNDEFINED or unknown).");
        long byteCount;
        try
        {
            byteCount = checked((count * bitsPerElement + 7) / 8);
        }
        catch (OverflowException)
        {
            throw new InvalidDataException($"{label} ({typeName}, dims [{string.Join(",", dims)}]) would need more than 2^63 bytes.");
        }

        if (!tensor.RawData.IsEmpty)
        {
            if (tensor.RawData.Length != byteCount)
            {
                throw new InvalidDataException($"{label} ({typeName}, dims [{string.Join(",", dims)}]) has {tensor.RawData.Length} bytes of raw_data; expected {byteCount}.");
            }

            return new DecodedTensor(tensor.Name, type, dims, tensor.RawData.ToByteArray(), null);
        }

        // Check the typed field's length before allocating, so that a bogus shape (for example a SequenceProto or
        // OptionalProto parsed as a TensorProto) fails as invalid data rather than allocating gigabytes or overflowing.
        var (field, entries, expectedEntries) = (DataType)type switch
        {
            DataType.Float => ("float_data", tensor.FloatData.Count, count),
            DataType.Complex64 => ("float_data", tensor.FloatData.Count, count > long.MaxValue / 2 ? -1 : count * 2),
            DataType.Double => ("double_data", tensor.DoubleData.Count, count),
            DataType.Complex128 => ("double_data", tensor.DoubleData.Count, count > long.MaxValue / 2 ? -1 : count * 2),
            DataType.Int64 => ("int64_data", tensor.Int64Data.Count, count),
            DataType.Uint64 or DataType.Uint32 => ("uint64_data", tensor.Uint64Data.Count, count),
            _ => ("int32_data", tensor.Int32Data.Count, bitsPerElement >= 8 ? count : byteCount),
        };
        Expect(label, field, entries, expectedEntries);

        var data = new byte[byteCount];
        switch ((DataType)type)
        {
            case DataType.Float:
            case DataType.Complex64:
                Expect(label, "float_data", tensor.FloatData.Count, count * (type == (int)DataType.Complex64 ? 2 : 1));
                for (int i = 0; i < tensor.FloatData.Count; i++)
                {
                    BinaryPrimitives.WriteSingleLittleEndian(data.AsSpan(i * 4), tensor.FloatData[i]);
                }

                break;

            case DataType.Double:
            case DataType.Complex128:
                Expect(label, "double_data", tensor.DoubleData.Count, count * (type == (int)DataType.Complex128 ? 2 : 1));
                for (int i = 0; i < tensor.DoubleData.Count; i++)
                {
                    BinaryPrimitives.WriteDoubleLittleEndian(data.AsSpan(i * 8), tensor.DoubleData[i]);
                }

                break;

            case DataType.Int64:
                Expect(label, "int64_data", tensor.Int64Data.Count, count);
                for (int i = 0; i < tensor.Int64Data.Count; i++)
                {
                    BinaryPrimitives.WriteInt64LittleEndian(data.AsSpan(i * 8), tensor.Int64Data[i]);
                }

                break;

            case DataType.Uint64:
            case DataType.Uint32:
                Expect(label, "uint64_data", tensor.Uint64Data.Count, count);
                for (int i = 0; i < tensor.Uint64Data.Count; i++)
                {
                    if (type == (int)DataType.Uint64)
                    {
                        BinaryPrimitives.WriteUInt64LittleEndian(data.AsSpan(i * 8), tensor.Uint64Data[i]);
                    }
                    else
                    {
                        BinaryPrimitives.WriteUInt32LittleEndian(data.AsSpan(i * 4), unchecked((uint)tensor.Uint64Data[i]));
                    }
                }

                break;

            default:
                // INT32, INT16, INT8, UINT16, UINT8, BOOL, FLOAT16, BFLOAT16, FLOAT8*: one element per
                // int32_data entry, its low bits. Sub-byte types (INT4, UINT4, FLOAT4E2M1, INT2, UINT2):
                // one entry per packed byte.
                int bytesPerEntry = Math.Max(1, bitsPerElement / 8);
                Expect(label, "int32_data", tensor.Int32Data.Count, bitsPerElement >= 8 ? count : byteCount);
                for (int i = 0; i < tensor.Int32Data.Count; i++)
                {
                    int value = tensor.Int32Data[i];
                    var span = data.AsSpan(i * bytesPerEntry, bytesPerEntry);
                    switch (bytesPerEntry)
                    {
                        case 4: BinaryPrimitives.WriteInt32LittleEndian(span, value); break;
                        case 2: BinaryPrimitives.WriteUInt16LittleEndian(span, unchecked((ushort)value)); break;
                        default: span[0] = unchecked((byte)value); break;
                    }
                }

                break;
        }

        return new DecodedTensor(tensor.Name, type, dims, data, null);
    }

    private static void Expect(string label, string field, int actual, long expected)
    {
        if (actual != expected)
        {
            string what = actual == 0 ? "no data (neither raw_data nor " + field + ")" : $"{actual} {field} values";
            throw new InvalidDataException($"{label} has {what}; expected {expected} {field} values for its type and shape.");
        }
    }

    private static (int Bits, string Name)? Describe(int type) => (DataType)type switch
    {
        DataType.Float => (32, "FLOAT"),
        DataType.Uint8 => (8, "UINT8"),
        DataType.Int8 => (8, "INT8"),
        DataType.Uint16 => (16, "UINT16"),
        DataType.Int16 => (16, "INT16"),
        DataType.Int32 => (32, "INT32"),
        DataType.Int64 => (64, "INT64"),
        DataType.Bool => (8, "BOOL"),
        DataType.Float16 => (16, "FLOAT16"),
        DataType.Double => (64, "DOUBLE"),
        DataType.Uint32 => (32, "UINT32"),
        DataType.Uint64 => (64, "UINT64"),
        DataType.Complex64 => (64, "COMPLEX64"),
        DataType.Complex128 => (128, "COMPLEX128"),
        DataType.Bfloat16 => (16, "BFLOAT16"),
        DataType.Float8E4M3Fn => (8, "FLOAT8E4M3FN"),
        DataType.Float8E4M3Fnuz => (8, "FLOAT8E4M3FNUZ"),
        DataType.Float8E5M2 => (8, "FLOAT8E5M2"),
        DataType.Float8E5M2Fnuz => (8, "FLOAT8E5M2FNUZ"),
        DataType.Uint4 => (4, "UINT4"),
        DataType.Int4 => (4, "INT4"),
        DataType.Float4E2M1 => (4, "FLOAT4E2M1"),
        DataType.Float8E8M0 => (8, "FLOAT8E8M0"),
        DataType.Uint2 => (2, "UINT2"),
        DataType.Int2 => (2, "INT2"),
        _ => null,
    };
}
