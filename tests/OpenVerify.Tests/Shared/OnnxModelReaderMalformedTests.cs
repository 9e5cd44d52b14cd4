using System.Text;
using OpenVerify.Onnx;

namespace OpenVerify.Tests.Shared;

/// <summary>
/// The ONNX reader (src/Shared/Onnx/OnnxModelReader.cs) parses untrusted bytes in the runtime, the CLI and the MSBuild
/// task. Every malformed protobuf gives its <see cref="OnnxFormatException"/> with a clear message: never another
/// exception, a stack overflow, a huge allocation or a hang.
/// </summary>
public class OnnxModelReaderMalformedTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public void TheWellFormedBaseline_Reads()
    {
        // The malformed cases below are this model with one thing broken; it must read, or they would prove nothing.
        var info = Read(ValidModel());
        info.IrVersion.ShouldBe(8);
        info.Inputs.Select(i => i.Name).ShouldBe(["x"]);
        info.Inputs[0].ElementType.ShouldBe(1);
        info.Inputs[0].Shape!.Select(d => d.Value).ShouldBe([1L, 4L]);
        info.Outputs.Select(o => o.Name).ShouldBe(["y"]);
    }

    [Fact]
    public void AnEmptyFile_IsRefused() => Refused([], "empty");

    [Fact]
    public void ATruncatedVarint_IsRefused() => Refused([0x08, 0x80, 0x80], "ends early");

    [Fact]
    public void AVarintLongerThanTenBytes_IsRefused() =>
        Refused([0x08, .. Enumerable.Repeat((byte)0xFF, 11), 0x01], "too long");

    [Fact]
    public void ATruncatedTag_IsRefused() => Refused([0x80], "ends early");

    [Fact]
    public void ALengthPastTheEndOfTheFile_IsRefused() =>
        Refused([.. Tag(7, 2), .. Varint(100), 0x0A, 0x01, 0x78], "claims 100 bytes");

    [Fact]
    public void AHugeDeclaredLength_IsRefusedWithoutAllocating()
    {
        // A length near 2^64 (and one near 2^63, which overflows a signed addition) must fail on the length check,
        // before any buffer of that size is asked for.
        Refused([.. VarintField(1, 8), .. Tag(2, 2), .. Varint(ulong.MaxValue)], "more than remain");
        Refused([.. VarintField(1, 8), .. Tag(2, 2), .. Varint(long.MaxValue), 0x41], "more than remain");
        Refused([.. VarintField(1, 8), .. Tag(7, 2), .. Varint((ulong)int.MaxValue + 1)], "more than remain");
    }

    [Fact]
    public void AFieldThatRunsPastItsParentMessage_IsRefused()
    {
        // The graph claims 4 bytes; its first field (a node) claims 10, which the file has but the graph does not.
        var node = LengthField(1, [.. LengthField(1, Encoding.UTF8.GetBytes("abcdefgh"))]);
        var graphBody = node;
        byte[] model = [.. VarintField(1, 8), .. Tag(7, 2), .. Varint(4), .. graphBody];
        Refused(model, "more than remain");
    }

    [Fact]
    public void AFixedWidthFieldPastItsEnd_IsRefused()
    {
        Refused([.. VarintField(1, 8), .. Tag(9, 1), 0x01, 0x02, 0x03], "runs past");
        Refused([.. VarintField(1, 8), .. Tag(9, 5), 0x01], "runs past");
    }

    [Theory]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(6)]
    [InlineData(7)]
    public void AnUnsupportedWireType_IsRefused(int wire) =>
        Refused([.. VarintField(1, 8), .. Tag(9, wire), 0x00], $"wire type {wire}");

    [Fact]
    public void FieldNumberZero_IsRefused() => Refused([0x00, 0x01], "field number");

    [Fact]
    public void AFieldNumberBeyondProtobufsRange_IsRefused() =>
        Refused([.. Varint(((ulong)int.MaxValue + 1) << 3), 0x00], "field number");

    [Fact]
    public void AKnownFieldWithTheWrongWireType_IsSkippedAndTheModelRefusedForWhatItLacks()
    {
        // ir_version as a length-delimited field and the graph as a varint are not those fields: protobuf skips
        // them, and the model then lacks an IR version or a graph.
        Refused([.. LengthField(1, [0x08]), .. LengthField(7, Graph())], "no IR version");
        Refused([.. VarintField(1, 8), .. VarintField(7, 1)], "no graph");
    }

    [Fact]
    public void AnElementTypeOfTheWrongWireType_IsSkipped()
    {
        // elem_type as fixed32 inside a tensor type: skipped, so the element type stays unknown (0), not garbage.
        var tensorType = LengthField(1, [.. Tag(1, 5), 0xFF, 0xFF, 0xFF, 0x7F]);
        var valueInfo = LengthField(11, [.. LengthField(1, "x"u8.ToArray()), .. LengthField(2, tensorType)]);
        var info = Read([.. VarintField(1, 8), .. LengthField(7, valueInfo)]);
        info.Inputs.Single().ElementType.ShouldBe(0);
    }

    [Fact]
    public void AnOversizedElementTypeVarint_DoesNotCrash()
    {
        // A 10-byte varint where an int is expected: the reader keeps the low bits; the runtime refuses the type later.
        var tensorType = LengthField(1, [.. VarintField(1, ulong.MaxValue)]);
        var valueInfo = LengthField(11, [.. LengthField(1, "x"u8.ToArray()), .. LengthField(2, tensorType)]);
        Read([.. VarintField(1, 8), .. LengthField(7, valueInfo)]).Inputs.Single().Name.ShouldBe("x");
    }

    [Fact]
    public void AStringThatIsNotUtf8_IsRefused()
    {
        var valueInfo = LengthField(11, LengthField(1, [0xC3, 0x28]));
        Refused([.. VarintField(1, 8), .. LengthField(7, valueInfo)], "not valid UTF-8");
    }

    [Theory]
    [InlineData(100)]
    [InlineData(20_000)]
    public void NestedSubgraphs_BeyondTheDepthLimit_AreRefusedWithoutAStackOverflow(int depth)
    {
        // graph { node { attribute { g: graph { node { ... } } } } }, built from the inside out.
        byte[] graph = [];
        for (var i = 0; i < depth; i++)
        {
            var attribute = LengthField(6, graph);
            var node = LengthField(5, attribute);
            graph = LengthField(1, node);
        }

        Refused([.. VarintField(1, 8), .. LengthField(7, graph)], "nested too deeply");
    }

    [Fact]
    public void DeeplyNestedUnknownMessages_AreSkippedFlat()
    {
        // Unknown fields are skipped by length, never descended into, so nesting there costs no stack.
        byte[] blob = [];
        for (var i = 0; i < 20_000; i++)
        {
            blob = LengthField(99, blob);
        }

        Read([.. VarintField(1, 8), .. LengthField(7, Graph()), .. blob]).Inputs.Count.ShouldBe(1);
    }

    [Fact]
    public void TextThatIsNotAProtobuf_IsRefused() =>
        Should.Throw<OnnxFormatException>(() => ReadWithin("this is not an ONNX model\n"u8.ToArray()));

    [Fact]
    public void EveryTruncationOfAValidModel_IsRefusedOrReadsThePrefix()
    {
        var model = ValidModel();
        for (var length = 1; length < model.Length; length++)
        {
            var prefix = model[..length];
            try
            {
                ReadWithin(prefix);
            }
            catch (OnnxFormatException e)
            {
                e.Message.ShouldNotBeNullOrWhiteSpace();
            }
        }

        // Cut inside the graph: that prefix cannot be read.
        Should.Throw<OnnxFormatException>(() => ReadWithin(model[..(model.Length - 3)])).Message.ShouldContain("truncated");
    }

    [Fact]
    public void RandomCorruption_GivesAFormatErrorOrAModel()
    {
        // A seeded mutation run over the valid model (the fuzz targets go further; this runs in every test pass).
        var random = new Random(20261127);
        var model = ValidModel();
        for (var run = 0; run < 3000; run++)
        {
            var mutated = (byte[])model.Clone();
            for (var flips = random.Next(1, 4); flips > 0; flips--)
            {
                mutated[random.Next(mutated.Length)] = (byte)random.Next(256);
            }

            try
            {
                ReadWithin(mutated);
            }
            catch (OnnxFormatException)
            {
            }
        }
    }

    private static void Refused(byte[] bytes, string expected)
    {
        var error = Should.Throw<OnnxFormatException>(() => ReadWithin(bytes));
        error.Message.ShouldContain(expected, Case.Insensitive);
    }

    private static OnnxModelInfo Read(byte[] bytes) => ReadWithin(bytes);

    /// <summary>Reads on a thread-pool thread (default stack size) and fails on a hang; the reader's own exception
    /// comes out unwrapped.</summary>
    private static OnnxModelInfo ReadWithin(byte[] bytes)
    {
        var task = Task.Run(() => OnnxModelReader.Read(new MemoryStream(bytes, writable: false)));
        if (Task.WaitAny([task], Patience) < 0)
        {
            throw new TimeoutException($"The reader did not finish within {Patience.TotalSeconds} s on {bytes.Length} bytes.");
        }

        return task.GetAwaiter().GetResult();
    }

    private static byte[] ValidModel()
    {
        byte[] output = LengthField(12, ValueInfo("y"));
        return [.. VarintField(1, 8), .. LengthField(2, "test"u8.ToArray()), .. LengthField(7, [.. Graph(), .. output]), .. LengthField(8, [.. VarintField(2, 17)])];
    }

    private static byte[] Graph() => LengthField(11, ValueInfo("x"));

    private static byte[] ValueInfo(string name)
    {
        byte[] dims = [.. LengthField(1, VarintField(1, 1)), .. LengthField(1, VarintField(1, 4))];
        byte[] tensorType = [.. VarintField(1, 1), .. LengthField(2, dims)];
        return [.. LengthField(1, Encoding.UTF8.GetBytes(name)), .. LengthField(2, LengthField(1, tensorType))];
    }

    private static byte[] Varint(ulong value)
    {
        var bytes = new List<byte>();
        do
        {
            var b = (byte)(value & 0x7F);
            value >>= 7;
            bytes.Add(value == 0 ? b : (byte)(b | 0x80));
        }
        while (value != 0);
        return [.. bytes];
    }

    private static byte[] Tag(int field, int wire) => Varint(((ulong)field << 3) | (uint)wire);

    private static byte[] VarintField(int field, ulong value) => [.. Tag(field, 0), .. Varint(value)];

    private static byte[] LengthField(int field, byte[] body) => [.. Tag(field, 2), .. Varint((ulong)body.Length), .. body];
}
