using Microsoft.ML.OnnxRuntime;

namespace OpenVerify.Tests;

/// <summary>Exact replay is bitwise; a non-zero tolerance compares values (docs/spec/receipt-v1.md §8.1).</summary>
public class ReplayToleranceTests
{
    private static TensorSetDescriptor Describe(string name, TensorValue claimed) => new()
    {
        Digest = new Dictionary<string, string> { [TensorDigest.TensorSetDigestKey] = TensorDigest.ComputeSet([new KeyValuePair<string, TensorValue>(name, claimed)]).ToHex() },
        Tensors =
        [
            new TensorDescriptor
            {
                Name = name,
                ElementType = ElementTypes.ToOnnxName(claimed.ElementType),
                Shape = [.. claimed.Shape],
                Digest = new Dictionary<string, string> { [TensorDigest.TensorDigestKey] = TensorDigest.Compute(claimed).ToHex() },
            },
        ],
    };

    private static TensorValue<T> Vector<T>(params T[] values) where T : unmanaged => TensorValue.Create(values, values.Length);

    private static ReplayResult Compare(TensorValue claimed, TensorValue replayed, ReplayTolerance tolerance) =>
        ReplayComparer.Compare(Describe("y", claimed), Tensors.Set(("y", replayed)), Tensors.Set(("y", claimed)), tolerance);

    public static TheoryData<string, TensorValue, TensorValue, string, string> BitDifferences => new()
    {
        { "float -0.0 vs 0.0", Vector(1f, -0f), Vector(1f, 0f), "0x80000000", "0x00000000" },
        { "float NaN payloads", Vector(BitConverter.Int32BitsToSingle(0x7fc00001)), Vector(float.NaN), "0x7fc00001", "0xffc00000" },
        { "float NaN signs", Vector(BitConverter.Int32BitsToSingle(0x7fc00000)), Vector(BitConverter.Int32BitsToSingle(unchecked((int)0xffc00000))), "0x7fc00000", "0xffc00000" },
        { "double -0.0 vs 0.0", Vector(-0d), Vector(0d), "0x8000000000000000", "0x0000000000000000" },
        { "float16 NaN payloads", Vector(new Float16(0x7e01)), Vector(new Float16(0x7e00)), "0x7e01", "0x7e00" },
        { "bfloat16 -0.0 vs 0.0", Vector(new BFloat16(0x8000)), Vector(new BFloat16(0x0000)), "0x8000", "0x0000" },
    };

    [Theory]
    [MemberData(nameof(BitDifferences))]
    public void Exact_is_bitwise_and_a_tolerance_compares_values(string what, TensorValue claimed, TensorValue replayed, string claimedBits, string replayedBits)
    {
        var exact = Compare(claimed, replayed, ReplayTolerance.Exact);
        exact.Verdict.ShouldBe(ReplayVerdict.Mismatch, what);
        exact.Detail.ShouldContain($"claimed bits {claimedBits}, replayed bits {replayedBits}");
        Compare(claimed, replayed, new ReplayTolerance(0, 0)).Verdict.ShouldBe(ReplayVerdict.Mismatch, what);

        var tolerant = Compare(claimed, replayed, new ReplayTolerance(1e-6, 0));
        tolerant.Verdict.ShouldBe(ReplayVerdict.WithinTolerance, what);
        tolerant.LargestDeviation.ShouldBe(0);
    }

    [Fact]
    public void Equal_bits_are_exact_and_NaN_still_matches_only_NaN_within_a_tolerance()
    {
        var nan = Vector(float.NaN, 1f);
        Compare(nan, Vector(float.NaN, 1f), ReplayTolerance.Exact).Verdict.ShouldBe(ReplayVerdict.Exact);
        Compare(nan, Vector(0f, 1f), new ReplayTolerance(1e30, 1)).Verdict.ShouldBe(ReplayVerdict.Mismatch);
        Compare(Vector(float.PositiveInfinity), Vector(float.NegativeInfinity), new ReplayTolerance(1e30, 1)).Verdict.ShouldBe(ReplayVerdict.Mismatch);
    }
}
