using System.Runtime.InteropServices;
using System.Text;
using Google.Protobuf;
using OpenVerify.Testing.Onnx;

namespace OpenVerify.Testing;

/// <summary>
/// Factories for <see cref="TensorProto"/> values (initializers, node attributes, and
/// test data in the ONNX backend test format). Numeric values are stored in
/// <c>raw_data</c> (little-endian) unless the method says otherwise.
/// </summary>
public static class OnnxTensors
{
    /// <summary>A tensor whose elements are given as raw little-endian bytes, exactly as ONNX <c>raw_data</c>.</summary>
    /// <param name="name">Tensor name (the initializer name when used in a graph).</param>
    /// <param name="elementType">ONNX element type code (<see cref="TensorProto.Types.DataType"/>); not STRING.</param>
    /// <param name="dims">Shape; empty for a scalar.</param>
    /// <param name="rawData">Element bytes.</param>
    public static TensorProto Raw(string name, int elementType, long[] dims, ReadOnlySpan<byte> rawData)
    {
        if (elementType == (int)TensorProto.Types.DataType.String)
        {
            throw new ArgumentException("STRING tensors cannot use raw_data; use OnnxTensors.String.", nameof(elementType));
        }

        var tensor = Header(name, elementType, dims);
        tensor.RawData = ByteString.CopyFrom(rawData);
        return tensor;
    }

    /// <summary>A FLOAT tensor stored in <c>raw_data</c>.</summary>
    public static TensorProto Float(string name, long[] dims, params float[] values) =>
        Raw(name, (int)TensorProto.Types.DataType.Float, dims, LittleEndian(values));

    /// <summary>A DOUBLE tensor stored in <c>raw_data</c>.</summary>
    public static TensorProto Double(string name, long[] dims, params double[] values) =>
        Raw(name, (int)TensorProto.Types.DataType.Double, dims, LittleEndian(values));

    /// <summary>An INT32 tensor stored in <c>raw_data</c>.</summary>
    public static TensorProto Int32(string name, long[] dims, params int[] values) =>
        Raw(name, (int)TensorProto.Types.DataType.Int32, dims, LittleEndian(values));

    /// <summary>An INT64 tensor stored in <c>raw_data</c>.</summary>
    public static TensorProto Int64(string name, long[] dims, params long[] values) =>
        Raw(name, (int)TensorProto.Types.DataType.Int64, dims, LittleEndian(values));

    /// <summary>A BOOL tensor stored in <c>raw_data</c> (one byte per element, 0 or 1).</summary>
    public static TensorProto Bool(string name, long[] dims, params bool[] values) =>
        Raw(name, (int)TensorProto.Types.DataType.Bool, dims, values.Select(v => v ? (byte)1 : (byte)0).ToArray());

    /// <summary>A STRING tensor; each element is stored UTF-8 encoded in <c>string_data</c>.</summary>
    public static TensorProto String(string name, long[] dims, params string[] values)
    {
        var tensor = Header(name, (int)TensorProto.Types.DataType.String, dims);
        foreach (var value in values)
        {
            tensor.StringData.Add(ByteString.CopyFrom(Encoding.UTF8.GetBytes(value)));
        }

        return tensor;
    }

    /// <summary>
    /// A tensor whose data lives outside the model (<c>data_location = EXTERNAL</c>) with
    /// <c>external_data</c> entries <c>location</c>, <c>offset</c> and <c>length</c>. Models holding
    /// one cannot be loaded from bytes alone; meant for negative tests.
    /// </summary>
    /// <param name="name">Tensor name.</param>
    /// <param name="elementType">ONNX element type code.</param>
    /// <param name="dims">Shape.</param>
    /// <param name="location">Path of the data file, relative to the model file.</param>
    /// <param name="offset">Byte offset of the data in that file.</param>
    /// <param name="length">Byte length of the data; <see langword="null"/> leaves the entry out.</param>
    public static TensorProto External(string name, int elementType, long[] dims, string location, long offset = 0, long? length = null)
    {
        var tensor = Header(name, elementType, dims);
        tensor.DataLocation = TensorProto.Types.DataLocation.External;
        tensor.ExternalData.Add(new StringStringEntryProto { Key = "location", Value = location });
        tensor.ExternalData.Add(new StringStringEntryProto { Key = "offset", Value = offset.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        if (length is { } len)
        {
            tensor.ExternalData.Add(new StringStringEntryProto { Key = "length", Value = len.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        }

        return tensor;
    }

    private static TensorProto Header(string name, int elementType, long[] dims)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(dims);
        var tensor = new TensorProto { Name = name, DataType = elementType };
        tensor.Dims.Add(dims);
        return tensor;
    }

    private static byte[] LittleEndian<T>(T[] values)
        where T : unmanaged
    {
        var bytes = MemoryMarshal.AsBytes(values.AsSpan()).ToArray();
        if (!BitConverter.IsLittleEndian)
        {
            int size = Marshal.SizeOf<T>();
            for (int i = 0; i < bytes.Length; i += size)
            {
                Array.Reverse(bytes, i, size);
            }
        }

        return bytes;
    }
}
