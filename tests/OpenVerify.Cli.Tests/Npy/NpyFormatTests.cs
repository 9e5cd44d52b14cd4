using System.Buffers.Binary;
using System.Text;
using Microsoft.ML.OnnxRuntime;
using OpenVerify.Cli.Npy;

namespace OpenVerify.Cli.Tests.Npy;

public sealed class NpyFormatTests
{
    public static TheoryData<string> ElementTypeNames =>
    [
        "float", "double", "float16", "bfloat16", "int8", "int16", "int32", "int64",
        "uint8", "uint16", "uint32", "uint64", "bool", "string",
    ];

    /// <summary>A small tensor of each type, with edge values (NaN payloads, -0, extremes, non-BMP text).</summary>
    internal static TensorValue Sample(string type, long[]? shape = null)
    {
        shape ??= [2, 3];
        return type switch
        {
            "float" => TensorValue.Create(new[] { 1.5f, -0f, float.NaN, BitConverter.Int32BitsToSingle(0x7FC00123), float.PositiveInfinity, float.Epsilon }, shape),
            "double" => TensorValue.Create(new[] { 1.5, -0.0, double.NaN, double.MaxValue, double.NegativeInfinity, double.Epsilon }, shape),
            "float16" => TensorValue.Create(new[] { (Float16)1.5f, (Float16)(-2f), (Float16)0f, (Float16)65504f, new Float16(0x7E01), new Float16(0x8000) }, shape),
            "bfloat16" => TensorValue.Create(new[] { (BFloat16)1.5f, (BFloat16)(-2f), (BFloat16)0f, (BFloat16)3e38f, new BFloat16(0x7FC1), new BFloat16(0x8000) }, shape),
            "int8" => TensorValue.Create(new sbyte[] { sbyte.MinValue, -1, 0, 1, 2, sbyte.MaxValue }, shape),
            "int16" => TensorValue.Create(new short[] { short.MinValue, -1, 0, 1, 2, short.MaxValue }, shape),
            "int32" => TensorValue.Create(new[] { int.MinValue, -1, 0, 1, 2, int.MaxValue }, shape),
            "int64" => TensorValue.Create(new[] { long.MinValue, -1, 0, 1, 2, long.MaxValue }, shape),
            "uint8" => TensorValue.Create(new byte[] { 0, 1, 2, 127, 128, byte.MaxValue }, shape),
            "uint16" => TensorValue.Create(new ushort[] { 0, 1, 2, 127, 128, ushort.MaxValue }, shape),
            "uint32" => TensorValue.Create(new uint[] { 0, 1, 2, 127, 128, uint.MaxValue }, shape),
            "uint64" => TensorValue.Create(new ulong[] { 0, 1, 2, 127, 128, ulong.MaxValue }, shape),
            "bool" => TensorValue.Create(new[] { true, false, true, true, false, false }, shape),
            "string" => TensorValue.CreateStrings(["", "a", "héllo", "日本語", "emoji 😀", "with\0inside"], shape),
            _ => throw new ArgumentOutOfRangeException(nameof(type)),
        };
    }

    internal static byte[] Bytes(TensorValue tensor)
    {
        using var stream = new MemoryStream();
        NpyFormat.Write(stream, tensor);
        return stream.ToArray();
    }

    private static TensorValue Read(byte[] bytes) => NpyFormat.Read(new MemoryStream(bytes));

    private static string HeaderText(byte[] file)
    {
        var length = file[6] == 1 ? BinaryPrimitives.ReadUInt16LittleEndian(file.AsSpan(8)) : (int)BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(8));
        var start = file[6] == 1 ? 10 : 12;
        return Encoding.Latin1.GetString(file, start, length);
    }

    /// <summary>Builds a .npy file by hand, as NumPy or another writer might.</summary>
    internal static byte[] Handmade(string dict, ReadOnlySpan<byte> data, int major = 1)
    {
        var prefix = major == 1 ? 10 : 12;
        var padding = 64 - ((prefix + dict.Length + 1) % 64);
        var header = dict + new string(' ', padding) + "\n";
        var file = new byte[prefix + header.Length + data.Length];
        Encoding.Latin1.GetBytes("\u0093NUMPY").CopyTo(file, 0);
        file[6] = (byte)major;
        file[7] = 0;
        if (major == 1)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(file.AsSpan(8), (ushort)header.Length);
        }
        else
        {
            BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(8), (uint)header.Length);
        }

        Encoding.Latin1.GetBytes(header).CopyTo(file, prefix);
        data.CopyTo(file.AsSpan(prefix + header.Length));
        return file;
    }

    [Theory]
    [MemberData(nameof(ElementTypeNames))]
    public void Every_element_type_round_trips_bit_for_bit(string type)
    {
        var tensor = Sample(type);
        var back = Read(Bytes(tensor));

        back.ElementType.ShouldBe(tensor.ElementType);
        back.Shape.ShouldBe(tensor.Shape);
        Bytes(back).ShouldBe(Bytes(tensor));
        if (tensor is StringTensorValue strings)
        {
            ((StringTensorValue)back).Values.ShouldBe(strings.Values);
        }
    }

    [Theory]
    [MemberData(nameof(ElementTypeNames))]
    public void Every_element_type_round_trips_through_a_file_in_several_shapes(string type)
    {
        using var runner = new CliRunner();
        foreach (var shape in new long[][] { [6], [1, 2, 3], [6, 1] })
        {
            var path = runner.PathOf($"{type}.npy");
            NpyFormat.WriteFile(path, Sample(type, shape));
            var back = NpyFormat.ReadFile(path);
            back.Shape.ShouldBe(shape);
            back.ElementType.ShouldBe(Sample(type).ElementType);
        }
    }

    [Fact]
    public void Writes_the_header_numpy_writes()
    {
        var file = Bytes(TensorValue.Create(new float[6], 2, 3));

        file.AsSpan(0, 8).ToArray().ShouldBe(new byte[] { 0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0 });
        var header = HeaderText(file);
        header.ShouldStartWith("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }");
        header.ShouldEndWith("\n");
        header.TrimEnd('\n').TrimEnd(' ').Length.ShouldBe("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }".Length);
        ((10 + header.Length) % 64).ShouldBe(0);
        file.Length.ShouldBe(10 + header.Length + 24);
    }

    [Theory]
    [InlineData("float", "<f4")]
    [InlineData("double", "<f8")]
    [InlineData("float16", "<f2")]
    [InlineData("bfloat16", "<V2")]
    [InlineData("int8", "|i1")]
    [InlineData("int16", "<i2")]
    [InlineData("int32", "<i4")]
    [InlineData("int64", "<i8")]
    [InlineData("uint8", "|u1")]
    [InlineData("uint16", "<u2")]
    [InlineData("uint32", "<u4")]
    [InlineData("uint64", "<u8")]
    [InlineData("bool", "|b1")]
    [InlineData("string", "<U11")]
    public void Writes_numpy_descr(string type, string descr) =>
        HeaderText(Bytes(Sample(type))).ShouldContain($"'descr': '{descr}'");

    [Fact]
    public void Scalars_and_vectors_use_python_tuple_syntax()
    {
        HeaderText(Bytes(TensorValue.Scalar(1f))).ShouldContain("'shape': ()");
        HeaderText(Bytes(TensorValue.Create(new float[3], 3))).ShouldContain("'shape': (3,)");
        var scalar = Read(Bytes(TensorValue.Scalar(2.5)));
        scalar.Shape.ShouldBeEmpty();
        ((TensorValue<double>)scalar).Span[0].ShouldBe(2.5);
    }

    [Fact]
    public void Empty_tensors_keep_their_shape()
    {
        var back = Read(Bytes(TensorValue.Create(Array.Empty<float>(), 0, 5)));
        back.Shape.ShouldBe([0L, 5L]);
        Read(Bytes(TensorValue.CreateStrings([], 5, 0))).Shape.ShouldBe([5L, 0L]);
    }

    [Fact]
    public void Reads_format_version_2()
    {
        var file = Handmade("{'descr': '<i4', 'fortran_order': False, 'shape': (3,), }", MemoryBytes(new[] { 7, 8, 9 }), major: 2);
        var tensor = (TensorValue<int>)Read(file);
        tensor.ToArray().ShouldBe([7, 8, 9]);
    }

    [Fact]
    public void Writes_version_2_only_when_the_header_needs_it()
    {
        Bytes(Sample("int32"))[6].ShouldBe((byte)1);
        var shape = Enumerable.Repeat(1L, 25_000).ToArray();
        var file = Bytes(TensorValue.Create(new[] { 42 }, shape));
        file[6].ShouldBe((byte)2);
        var back = (TensorValue<int>)Read(file);
        back.Shape.Length.ShouldBe(25_000);
        back.Span[0].ShouldBe(42);
    }

    [Fact]
    public void Reads_headers_from_other_writers()
    {
        // Double quotes, no trailing comma, Python 2 long suffixes, no growth padding.
        var file = Handmade("{\"descr\": \"<u2\", \"shape\": (2L, 1L), \"fortran_order\": False}", MemoryBytes(new ushort[] { 1, 2 }));
        var tensor = (TensorValue<ushort>)Read(file);
        tensor.Shape.ShouldBe([2L, 1L]);
        tensor.ToArray().ShouldBe(new ushort[] { 1, 2 });
    }

    [Fact]
    public void Strips_trailing_nuls_from_unicode_strings()
    {
        var data = new byte[2 * 3 * 4];
        BinaryPrimitives.WriteUInt32LittleEndian(data.AsSpan(0), 'a');
        BinaryPrimitives.WriteUInt32LittleEndian(data.AsSpan(4), 'b');
        BinaryPrimitives.WriteUInt32LittleEndian(data.AsSpan(12), 0x1F600);
        var tensor = (StringTensorValue)Read(Handmade("{'descr': '<U3', 'fortran_order': False, 'shape': (2,), }", data));
        tensor.Values.ShouldBe(["ab", "😀"]);
    }

    [Fact]
    public void Refuses_a_string_that_ends_with_nul() =>
        Should.Throw<NpyFormatException>(() => Bytes(TensorValue.CreateStrings(["x\0"], 1))).Message.ShouldContain("NUL");

    [Fact]
    public void Reads_void2_as_bfloat16()
    {
        var tensor = (TensorValue<BFloat16>)Read(Handmade("{'descr': '<V2', 'fortran_order': False, 'shape': (1,), }", [0xC0, 0x3F]));
        tensor.Span[0].ToFloat().ShouldBe(1.5f);
    }

    [Theory]
    [InlineData("<V2")]
    [InlineData("|V2")]
    public void Reads_little_endian_and_unordered_void2_as_bfloat16(string descr)
    {
        // NumPy writes a plain 2-byte void as '|V2' (a void has no byte order); ml_dtypes' bfloat16 as '<V2'.
        var tensor = (TensorValue<BFloat16>)Read(Handmade("{'descr': '" + descr + "', 'fortran_order': False, 'shape': (2,), }", [0xC0, 0x3F, 0x80, 0xBF]));
        tensor.ToArray().Select(v => v.ToFloat()).ShouldBe([1.5f, -1f]);
    }

    public static TheoryData<string, string> RefusedHeaders => new()
    {
        { "{'descr': '>V2', 'fortran_order': False, 'shape': (1,), }", "big-endian" },
        { "{'descr': '<f4', 'fortran_order': True, 'shape': (2, 2), }", "Fortran" },
        { "{'descr': '>f4', 'fortran_order': False, 'shape': (2, 2), }", "big-endian" },
        { "{'descr': '>U1', 'fortran_order': False, 'shape': (4,), }", "big-endian" },
        { "{'descr': '|O', 'fortran_order': False, 'shape': (2, 2), }", "Python objects" },
        { "{'descr': '|S4', 'fortran_order': False, 'shape': (4,), }", "byte strings" },
        { "{'descr': '<c8', 'fortran_order': False, 'shape': (2,), }", "complex" },
        { "{'descr': [('a', '<f4')], 'fortran_order': False, 'shape': (4,), }", "structured" },
        { "{'descr': '<f4', 'shape': (4,), }", "exactly" },
        { "{'descr': '<f4', 'fortran_order': False, 'shape': (4,), 'extra': 1, }", "malformed" },
        { "{'descr': '<f4', 'fortran_order': False, 'shape': (-4,), }", "negative" },
        { "{'descr': '<f4', 'fortran_order': False, 'shape': (4,), 'descr': '<f4', }", "twice" },
        { "not a dict", "malformed" },
    };

    [Theory]
    [MemberData(nameof(RefusedHeaders))]
    public void Refuses_headers_it_cannot_read_faithfully(string dict, string reason)
    {
        var error = Should.Throw<NpyFormatException>(() => Read(Handmade(dict, new byte[16])));
        error.Message.ShouldContain(reason, Case.Insensitive);
        error.ShouldBeAssignableTo<OpenVerifyException>();
    }

    [Fact]
    public void Refuses_truncated_data_and_names_the_file()
    {
        using var runner = new CliRunner();
        var file = Bytes(TensorValue.Create(new float[6], 2, 3));
        var path = runner.PathOf("short.npy");
        File.WriteAllBytes(path, file[..^5]);

        var error = Should.Throw<NpyFormatException>(() => NpyFormat.ReadFile(path));
        error.Message.ShouldContain("truncated");
        error.Message.ShouldContain(path);
    }

    [Fact]
    public void Refuses_more_data_than_the_header_declares()
    {
        var file = Bytes(TensorValue.Create(new float[6], 2, 3));
        Should.Throw<NpyFormatException>(() => Read([.. file, 0, 0, 0, 0])).Message.ShouldContain("does not match");
    }

    [Fact]
    public void Refuses_a_truncated_header() =>
        Should.Throw<NpyFormatException>(() => Read(Bytes(Sample("int8"))[..20])).Message.ShouldContain("truncated");

    [Fact]
    public void Refuses_a_file_that_is_not_npy() =>
        Should.Throw<NpyFormatException>(() => Read("PK\u0003\u0004 not numpy"u8.ToArray())).Message.ShouldContain("magic");

    [Fact]
    public void Refuses_unknown_format_versions()
    {
        var file = Bytes(Sample("int8"));
        file[6] = 3;
        Should.Throw<NpyFormatException>(() => Read(file)).Message.ShouldContain("version 3.0");
    }

    [Fact]
    public void Refuses_bool_bytes_other_than_0_and_1() =>
        Should.Throw<NpyFormatException>(() => Read(Handmade("{'descr': '|b1', 'fortran_order': False, 'shape': (2,), }", [1, 2])))
            .Message.ShouldContain("bool");

    [Fact]
    public void Refuses_invalid_code_points_in_strings()
    {
        var data = new byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(data, 0xD800);
        Should.Throw<NpyFormatException>(() => Read(Handmade("{'descr': '<U1', 'fortran_order': False, 'shape': (1,), }", data)))
            .Message.ShouldContain("not a Unicode scalar");
    }

    private static byte[] MemoryBytes<T>(T[] values) where T : unmanaged =>
        System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()).ToArray();
}
