using System.Buffers.Binary;
using Google.Protobuf;
using OpenVerify.Testing.Onnx;
using DataType = OpenVerify.Testing.Onnx.TensorProto.Types.DataType;

namespace OpenVerify.Testing.Tests;

public sealed class TensorProtoReaderTests
{
    private static DecodedTensor RoundTrip(TensorProto tensor) => TensorProtoReader.Read(tensor.ToByteArray());

    private static TensorProto Typed(DataType type, long[] dims, Action<TensorProto> fill)
    {
        var t = new TensorProto { Name = "t", DataType = (int)type };
        t.Dims.Add(dims);
        fill(t);
        return t;
    }

    [Fact]
    public void Raw_data_is_returned_as_is()
    {
        var decoded = RoundTrip(OnnxTensors.Float("input_0", [2, 2], 1f, -2f, 3.5f, float.NegativeInfinity));
        Assert.Equal("input_0", decoded.Name);
        Assert.Equal((int)DataType.Float, decoded.ElementType);
        Assert.Equal([2L, 2L], decoded.Dims);
        Assert.Equal(4, decoded.ElementCount);
        Assert.Null(decoded.Strings);
        Assert.Equal([1f, -2f, 3.5f, float.NegativeInfinity],
            Enumerable.Range(0, 4).Select(i => BinaryPrimitives.ReadSingleLittleEndian(decoded.Data.AsSpan(i * 4))));
    }

    [Fact]
    public void Typed_fields_decode_to_the_same_bytes_as_raw_data()
    {
        // Each pair: a tensor written with the typed field, and the raw_data bytes ONNX defines for it.
        var cases = new (TensorProto Typed, byte[] Raw)[]
        {
            (Typed(DataType.Float, [3], t => t.FloatData.Add([1f, -0f, float.NaN])), Le(1f, -0f, float.NaN)),
            (Typed(DataType.Complex64, [1], t => t.FloatData.Add([1f, 2f])), Le(1f, 2f)),
            (Typed(DataType.Double, [2], t => t.DoubleData.Add([0.1, -7e300])), Le(0.1, -7e300)),
            (Typed(DataType.Complex128, [1], t => t.DoubleData.Add([3, 4])), Le(3.0, 4.0)),
            (Typed(DataType.Int64, [2], t => t.Int64Data.Add([long.MinValue, 5])), Le(long.MinValue, 5L)),
            (Typed(DataType.Int32, [2], t => t.Int32Data.Add([-1, int.MaxValue])), Le(-1, int.MaxValue)),
            (Typed(DataType.Int16, [2], t => t.Int32Data.Add([-2, 300])), Le((short)-2, (short)300)),
            (Typed(DataType.Uint16, [1], t => t.Int32Data.Add([65535])), Le((ushort)65535)),
            (Typed(DataType.Int8, [2], t => t.Int32Data.Add([-128, 127])), [0x80, 0x7F]),
            (Typed(DataType.Uint8, [2], t => t.Int32Data.Add([0, 255])), [0x00, 0xFF]),
            (Typed(DataType.Bool, [3], t => t.Int32Data.Add([1, 0, 1])), [1, 0, 1]),
            (Typed(DataType.Float16, [2], t => t.Int32Data.Add([0x3C00, 0xC000])), [0x00, 0x3C, 0x00, 0xC0]),
            (Typed(DataType.Bfloat16, [1], t => t.Int32Data.Add([0x3FC0])), [0xC0, 0x3F]),
            (Typed(DataType.Float8E4M3Fn, [2], t => t.Int32Data.Add([0x38, 0xB8])), [0x38, 0xB8]),
            (Typed(DataType.Int4, [3], t => t.Int32Data.Add([0x21, 0x0F])), [0x21, 0x0F]),
            (Typed(DataType.Uint32, [2], t => t.Uint64Data.Add([uint.MaxValue, 7])), Le(uint.MaxValue, 7u)),
            (Typed(DataType.Uint64, [1], t => t.Uint64Data.Add([ulong.MaxValue])), Le(ulong.MaxValue)),
        };

        foreach (var (typed, raw) in cases)
        {
            var fromTyped = RoundTrip(typed);
            Assert.True(raw.SequenceEqual(fromTyped.Data), $"type {typed.DataType}: {Convert.ToHexString(fromTyped.Data)} != {Convert.ToHexString(raw)}");

            var asRaw = OnnxTensors.Raw("t", typed.DataType, [.. typed.Dims], raw);
            var fromRaw = RoundTrip(asRaw);
            Assert.Equal(fromTyped, fromRaw with { Data = fromTyped.Data, Dims = fromTyped.Dims });
            Assert.Equal(fromTyped.Data, fromRaw.Data);
        }
    }

    [Fact]
    public void Strings_come_back_as_bytes()
    {
        var decoded = RoundTrip(OnnxTensors.String("s", [1, 3], "", "abc", "ñ"));
        Assert.Equal((int)DataType.String, decoded.ElementType);
        Assert.Empty(decoded.Data);
        Assert.Equal(["", "abc", "ñ"], decoded.Strings!.Select(b => System.Text.Encoding.UTF8.GetString(b)));
    }

    [Fact]
    public void Scalar_and_empty_tensors()
    {
        var scalar = RoundTrip(OnnxTensors.Int64("s", [], 42));
        Assert.Empty(scalar.Dims);
        Assert.Equal(1, scalar.ElementCount);
        Assert.Equal(Le(42L), scalar.Data);

        var empty = RoundTrip(OnnxTensors.Float("e", [0, 3]));
        Assert.Equal(0, empty.ElementCount);
        Assert.Empty(empty.Data);
    }

    [Fact]
    public void ReadFile_reads_a_pb_file()
    {
        string path = Path.Combine(Path.GetTempPath(), $"ovt_{Guid.NewGuid():N}.pb");
        try
        {
            File.WriteAllBytes(path, OnnxTensors.Int32("input_0", [2], 3, 4).ToByteArray());
            Assert.Equal(Le(3, 4), TensorProtoReader.ReadFile(path).Data);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void External_data_is_refused()
    {
        var tensor = OnnxTensors.External("w", (int)DataType.Float, [4], "openverify_missing_weights.bin", 0, 16);
        var error = Assert.Throws<NotSupportedException>(() => RoundTrip(tensor));
        Assert.Contains("openverify_missing_weights.bin", error.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(27)]
    [InlineData(1000)]
    public void Unsupported_types_are_refused(int type)
    {
        var tensor = new TensorProto { DataType = type, RawData = ByteString.CopyFrom(1, 2, 3, 4) };
        tensor.Dims.Add(1);
        var error = Assert.Throws<NotSupportedException>(() => RoundTrip(tensor));
        Assert.Contains(type.ToString(System.Globalization.CultureInfo.InvariantCulture), error.Message);
    }

    [Fact]
    public void Mismatched_data_is_refused()
    {
        Assert.Throws<InvalidDataException>(() => RoundTrip(OnnxTensors.Raw("x", (int)DataType.Float, [2], new byte[7])));
        Assert.Throws<InvalidDataException>(() => RoundTrip(Typed(DataType.Int64, [3], t => t.Int64Data.Add(1))));
        Assert.Throws<InvalidDataException>(() => RoundTrip(Typed(DataType.Float, [2], _ => { })));
        Assert.Throws<InvalidDataException>(() => RoundTrip(OnnxTensors.String("s", [3], "a")));
    }

    [Fact]
    public void Proto2_style_unpacked_encoding_is_accepted()
    {
        // onnx.proto (proto2) writers may emit int64_data unpacked: tag (7 << 3 | 0) per value.
        var output = new MemoryStream();
        var writer = new CodedOutputStream(output);
        writer.WriteTag(1, WireFormat.WireType.Varint); writer.WriteInt64(2); // dims = [2]
        writer.WriteTag(2, WireFormat.WireType.Varint); writer.WriteInt32((int)DataType.Int64);
        writer.WriteTag(7, WireFormat.WireType.Varint); writer.WriteInt64(-5);
        writer.WriteTag(7, WireFormat.WireType.Varint); writer.WriteInt64(9);
        writer.Flush();

        var decoded = TensorProtoReader.Read(output.ToArray());
        Assert.Equal([2L], decoded.Dims);
        Assert.Equal(Le(-5L, 9L), decoded.Data);
    }

    private static byte[] Le<T>(params T[] values)
        where T : unmanaged
    {
        Assert.True(BitConverter.IsLittleEndian);
        return System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()).ToArray();
    }
}
