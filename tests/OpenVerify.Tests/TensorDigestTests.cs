using Microsoft.ML.OnnxRuntime;
using OpenVerify.Testing;

namespace OpenVerify.Tests;

public class TensorDigestTests
{
    public static TheoryData<ElementType> SupportedTypes() => new(Tensors.Supported);

    [Theory]
    [MemberData(nameof(SupportedTypes))]
    public void EveryElementType_RoundTripsThroughOnnxRuntime_WithEqualDigests(ElementType type)
    {
        using var key = SigningKey.Generate();
        long[] shape = [2, 3];
        using var model = VerifiedModel.FromBytes(TestModels.Identity((int)type, shape));
        var input = Tensors.Sample(type, shape, seed: (int)type);
        var result = model.Run(Tensors.Set(("x", input)), new InferenceOptions { Signer = key });

        var output = result.Value["y"];
        output.ElementType.ShouldBe(type);
        output.Shape.ShouldBe(input.Shape);
        TensorDigest.Compute(output).ShouldBe(TensorDigest.Compute(input));

        var statement = result.Receipt.ReadStatementUnverified();
        statement.Predicate.Inputs.Tensors.Single().ElementType.ShouldBe(ElementTypes.ToOnnxName(type));
        statement.Predicate.Outputs.Tensors.Single().Digest[TensorDigest.TensorDigestKey]
            .ShouldBe(statement.Predicate.Inputs.Tensors.Single().Digest[TensorDigest.TensorDigestKey]);

        var verification = new ReceiptVerifier(TrustStore.For(key.PublicKey)).Verify(result.Receipt.ToJson(), new ReceiptVerificationOptions
        {
            Inputs = Tensors.Set(("x", input)),
            Outputs = result.Value,
            ReplayModel = model,
        });
        verification.Succeeded.ShouldBeTrue(verification.ToString());
    }

    [Fact]
    public void Header_IsDomainSeparated_AsTheSpecSays()
    {
        var tensor = TensorValue.Create(new int[] { 1, 2 }, 2);
        var expected = System.Security.Cryptography.SHA256.HashData(
            [.. "OpenVerify/tensor/v1\0"u8, 6, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0]);
        TensorDigest.Compute(tensor).Bytes.ToArray().ShouldBe(expected);
    }

    [Fact]
    public void StringElements_AreLengthPrefixedUtf8()
    {
        var tensor = TensorValue.CreateStrings(["é", ""], 2);
        var expected = System.Security.Cryptography.SHA256.HashData(
            [.. "OpenVerify/tensor/v1\0"u8, 8, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0xC3, 0xA9, 0, 0, 0, 0, 0, 0, 0, 0]);
        TensorDigest.Compute(tensor).Bytes.ToArray().ShouldBe(expected);
    }

    [Fact]
    public void NaNPayloads_AndNegativeZero_GiveDifferentDigests()
    {
        var quietNaN = BitConverter.Int32BitsToSingle(0x7FC00000);
        var otherNaN = BitConverter.Int32BitsToSingle(0x7FC00001);
        Digest(quietNaN).ShouldNotBe(Digest(otherNaN));
        Digest(0.0f).ShouldNotBe(Digest(-0.0f));
        Digest(quietNaN).ShouldBe(Digest(BitConverter.Int32BitsToSingle(0x7FC00000)));

        static Sha256Digest Digest(float value) => TensorDigest.Compute(TensorValue.Create(new[] { value }, 1));
    }

    [Fact]
    public void Rank0_DiffersFromShapeOne_AndDimensionOrderMatters()
    {
        TensorDigest.Compute(TensorValue.Scalar(1f)).ShouldNotBe(TensorDigest.Compute(TensorValue.Create(new[] { 1f }, 1)));
        TensorDigest.Compute(TensorValue.Create(Array.Empty<float>(), 0, 5))
            .ShouldNotBe(TensorDigest.Compute(TensorValue.Create(Array.Empty<float>(), 5, 0)));
    }

    [Fact]
    public void BoolByteOtherThanZeroOrOne_IsRefused()
    {
        var bytes = new byte[] { 1, 2 };
        var bools = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, bool>(bytes).ToArray();
        var tensor = TensorValue.Create(bools, 2);
        Should.Throw<TensorEncodingException>(() => TensorDigest.Compute(tensor)).Message.ShouldContain("must be 0 or 1");
        Should.Throw<TensorEncodingException>(() => TensorDigest.ComputeRaw(ElementType.Bool, [2], bytes));
    }

    [Fact]
    public void LoneSurrogate_IsRefused_NotReplaced()
    {
        var tensor = TensorValue.CreateStrings(["ok", "bad\uD800"], 2);
        Should.Throw<TensorEncodingException>(() => TensorDigest.Compute(tensor)).Message.ShouldContain("lone surrogate");
    }

    [Fact]
    public void OverflowingOrNegativeShape_IsRefused()
    {
        Should.Throw<TensorEncodingException>(() => TensorValue.CheckedElementCount([long.MaxValue, 2])).Message.ShouldContain("64-bit");
        Should.Throw<TensorEncodingException>(() => TensorValue.CheckedElementCount([3, -1]));
        Should.Throw<TensorEncodingException>(() => TensorValue.Create(new float[4], 1 << 31, 1 << 31, 1 << 2));
        Should.Throw<TensorEncodingException>(() => TensorValue.Create(new float[3], 2, 2)).Message.ShouldContain("holds 4 elements");
    }

    [Theory]
    [InlineData(ElementType.Complex64)]
    [InlineData(ElementType.Complex128)]
    [InlineData(ElementType.Float8E4M3FN)]
    [InlineData(ElementType.Float8E5M2FNUZ)]
    [InlineData(ElementType.Int4)]
    [InlineData(ElementType.UInt4)]
    [InlineData(ElementType.Float4E2M1)]
    [InlineData(ElementType.Undefined)]
    public void TypesWithoutCanonicalLayout_AreRefused(ElementType type)
    {
        ElementTypes.IsSupported(type).ShouldBeFalse();
        Should.Throw<TensorEncodingException>(() => TensorDigest.ComputeRaw(type, [1], new byte[8])).Message.ShouldContain("no canonical encoding");
    }

    [Fact]
    public void RawDigest_EqualsTypedDigest()
    {
        foreach (var type in Tensors.Supported.Where(t => t != ElementType.String))
        {
            var tensor = Tensors.Sample(type, [3, 2], seed: 7);
            var raw = tensor.RawBytes.ToArray();
            TensorDigest.ComputeRaw(type, [3, 2], raw).ShouldBe(TensorDigest.Compute(tensor), type.ToString());
        }
    }

    [Fact]
    public void SetDigest_SortsByUtf8Bytes_NotUtf16()
    {
        // U+FF61 sorts after U+1F600 in UTF-16 code units (0xFF61 > 0xD83D) but before it in UTF-8 (EF BD A1 < F0 9F 98 80).
        var a = new KeyValuePair<string, Sha256Digest>("\uFF61", Sha256Digest.Compute([1]));
        var b = new KeyValuePair<string, Sha256Digest>("\U0001F600", Sha256Digest.Compute([2]));
        var digest = TensorDigest.ComputeSet(new[] { a, b });
        TensorDigest.ComputeSet(new[] { b, a }).ShouldBe(digest);

        var expected = System.Security.Cryptography.SHA256.HashData(
            [.. "OpenVerify/tensor-set/v1\0"u8, 2, 0, 0, 0, 3, 0, 0, 0, 0xEF, 0xBD, 0xA1, .. a.Value.Bytes, 4, 0, 0, 0, 0xF0, 0x9F, 0x98, 0x80, .. b.Value.Bytes]);
        digest.Bytes.ToArray().ShouldBe(expected);
    }

    [Fact]
    public void SetDigest_RefusesDuplicateNames()
    {
        var d = Sha256Digest.Compute([1]);
        Should.Throw<TensorEncodingException>(() => TensorDigest.ComputeSet(new KeyValuePair<string, Sha256Digest>[] { new("x", d), new("x", d) })).Message.ShouldContain("appears twice");
    }

    [Fact]
    public void Sha256Digest_ParsesAndPrints()
    {
        var digest = Sha256Digest.Compute("abc"u8);
        digest.ToString().ShouldBe("sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        Sha256Digest.Parse(digest.ToString()).ShouldBe(digest);
        Sha256Digest.Parse(digest.ToHex().ToUpperInvariant()).ShouldBe(digest);
        Should.Throw<FormatException>(() => Sha256Digest.Parse("sha256:abc"));
    }
    /// <summary>The spec's preimage, hashed in one piece: what every path of the digest must equal.</summary>
    private static byte[] SpecTensorDigest(ElementType type, long[] shape, byte[] elements)
    {
        var preimage = new List<byte>("OpenVerify/tensor/v1\0"u8.ToArray());
        preimage.AddRange(BitConverter.GetBytes((uint)type));
        preimage.AddRange(BitConverter.GetBytes((uint)shape.Length));
        foreach (var dim in shape)
        {
            preimage.AddRange(BitConverter.GetBytes((ulong)dim));
        }

        preimage.AddRange(elements);
        return System.Security.Cryptography.SHA256.HashData([.. preimage]);
    }

    [Theory]
    [InlineData(1, 0)]
    [InlineData(1, 1020)]
    [InlineData(1, 1024)]
    [InlineData(1, 1028)]
    [InlineData(64, 1024)]
    [InlineData(65, 8)]
    [InlineData(130, 8)]
    public void RawDigest_OfSmallAndLargeTensorsAndHighRanks_IsTheSpecsPreimageHash(int rank, int elementBytes)
    {
        // Small tensors are hashed with their header in one append, larger ones and ranks above 64 in pieces.
        var shape = Enumerable.Repeat(1L, rank).ToArray();
        shape[0] = elementBytes / 4;
        var elements = new byte[elementBytes];
        new Random(rank + elementBytes).NextBytes(elements);
        var into = new byte[32];
        TensorDigest.ComputeRaw(ElementType.Float, shape, elements).Bytes.ToArray().ShouldBe(SpecTensorDigest(ElementType.Float, shape, elements));
        TensorDigest.ComputeRaw(ElementType.Float, shape, elements, into).Bytes.ToArray().ShouldBe(SpecTensorDigest(ElementType.Float, shape, elements));
    }

    [Theory]
    [InlineData(1, 3)]
    [InlineData(3, 300)]
    [InlineData(2, 2000)]
    public void SortedSetDigest_WithShortOrLongNames_EqualsTheSetDigest(int count, int nameLength)
    {
        // Short names go to the hash in one append, long ones (over the one-buffer size) entry by entry.
        var named = Enumerable.Range(0, count)
            .Select(i => new KeyValuePair<string, Sha256Digest>(new string((char)('a' + i), nameLength), Sha256Digest.Compute([(byte)i])))
            .ToArray();
        var names = named.Select(n => System.Text.Encoding.UTF8.GetBytes(n.Key)).ToArray();
        TensorDigest.ComputeSetSorted(names, named.Select(n => n.Value).ToArray()).ShouldBe(TensorDigest.ComputeSet(named));
    }
}
