using CsCheck;

namespace OpenVerify.Tests;

/// <summary>Bitwise-equal tensors have equal digests; any change of type, shape, name or value bits changes it.</summary>
public class DigestPropertyTests
{
    private static readonly Gen<long[]> Shapes = Gen.Int[0, 3].SelectMany(rank => Gen.Long[0, 4].Array[rank]);

    private static readonly Gen<(ElementType Type, long[] Shape, byte[] Bytes)> RawTensors =
        Gen.Select(
            Gen.OneOf(Tensors.Supported.Where(t => t != ElementType.String && t != ElementType.Bool).ToArray()),
            Shapes)
        .SelectMany(t => Gen.Byte.Array[(int)TensorValue.CheckedElementCount(t.Item2) * ElementTypes.SizeOf(t.Item1)].Select(bytes => (t.Item1, t.Item2, bytes)));

    [Fact]
    public void BitwiseEqualTensors_HaveEqualDigests()
    {
        RawTensors.Sample(t =>
            TensorDigest.ComputeRaw(t.Type, t.Shape, t.Bytes) == TensorDigest.ComputeRaw(t.Type, t.Shape.ToArray(), t.Bytes.ToArray()));
    }

    [Fact]
    public void AnyFlippedBit_ChangesTheDigest()
    {
        RawTensors.Where(t => t.Bytes.Length > 0).SelectMany(t => Gen.Int[0, t.Bytes.Length * 8 - 1].Select(bit => (t, bit))).Sample(x =>
        {
            var flipped = x.t.Bytes.ToArray();
            flipped[x.bit / 8] ^= (byte)(1 << (x.bit % 8));
            return TensorDigest.ComputeRaw(x.t.Type, x.t.Shape, x.t.Bytes) != TensorDigest.ComputeRaw(x.t.Type, x.t.Shape, flipped);
        });
    }

    [Fact]
    public void AnotherTypeOfTheSameSize_ChangesTheDigest()
    {
        var sameSize = Tensors.Supported.Where(t => t != ElementType.String && t != ElementType.Bool).GroupBy(ElementTypes.SizeOf).Where(g => g.Count() > 1).ToArray();
        Gen.OneOf(sameSize).SelectMany(group => Gen.Select(Gen.OneOf(group.ToArray()), Gen.OneOf(group.ToArray()), Shapes))
            .Where(t => t.Item1 != t.Item2)
            .SelectMany(t => Gen.Byte.Array[(int)TensorValue.CheckedElementCount(t.Item3) * ElementTypes.SizeOf(t.Item1)].Select(b => (t.Item1, t.Item2, t.Item3, b)))
            .Sample(t => TensorDigest.ComputeRaw(t.Item1, t.Item3, t.b) != TensorDigest.ComputeRaw(t.Item2, t.Item3, t.b));
    }

    [Fact]
    public void AnotherShapeOverTheSameBytes_ChangesTheDigest()
    {
        Gen.Select(Shapes, Shapes).Where(s => !s.Item1.SequenceEqual(s.Item2) && TensorValue.CheckedElementCount(s.Item1) == TensorValue.CheckedElementCount(s.Item2))
            .SelectMany(s => Gen.Byte.Array[(int)TensorValue.CheckedElementCount(s.Item1) * 4].Select(b => (s.Item1, s.Item2, b)))
            .Sample(t => TensorDigest.ComputeRaw(ElementType.Float, t.Item1, t.b) != TensorDigest.ComputeRaw(ElementType.Float, t.Item2, t.b));
    }

    [Fact]
    public void StringTensors_AreEqualExactlyWhenTheirStringsAre()
    {
        Gen.Select(Gen.String.Array[0, 4], Gen.String.Array[0, 4]).Where(s => s.Item1.All(IsWellFormed) && s.Item2.All(IsWellFormed)).Sample(s =>
        {
            var a = TensorDigest.Compute(TensorValue.CreateStrings(s.Item1, s.Item1.Length));
            var b = TensorDigest.Compute(TensorValue.CreateStrings(s.Item2, s.Item2.Length));
            return (a == b) == s.Item1.SequenceEqual(s.Item2, StringComparer.Ordinal);
        });

        static bool IsWellFormed(string s) => !s.EnumerateRunes().Any(r => r == System.Text.Rune.ReplacementChar) && System.Text.Encoding.UTF8.GetString(System.Text.Encoding.UTF8.GetBytes(s)) == s;
    }

    [Fact]
    public void SetDigests_DependOnNamesAndDigests_NotOnOrder()
    {
        Gen.Select(Gen.String[Gen.Char.AlphaNumeric, 1, 5].Array[1, 5], Gen.Int).Where(t => t.Item1.Distinct(StringComparer.Ordinal).Count() == t.Item1.Length).Sample(t =>
        {
            var entries = t.Item1.Select((name, i) => new KeyValuePair<string, Sha256Digest>(name, Sha256Digest.Compute(BitConverter.GetBytes(i + t.Item2)))).ToArray();
            var digest = TensorDigest.ComputeSet(entries);
            var shuffled = TensorDigest.ComputeSet(entries.Reverse());
            var renamed = entries.ToArray();
            renamed[0] = new(renamed[0].Key + "_", renamed[0].Value);
            var redigested = entries.ToArray();
            redigested[^1] = new(redigested[^1].Key, Sha256Digest.Compute([1, 2, 3]));
            return digest == shuffled && digest != TensorDigest.ComputeSet(renamed) && digest != TensorDigest.ComputeSet(redigested);
        });
    }
}
