using System.Globalization;
using Microsoft.ML.OnnxRuntime;

namespace OpenVerify;

/// <summary>Compares replayed outputs (the reference) with a receipt and, when given, the claimed output values.</summary>
internal static class ReplayComparer
{
    public static ReplayResult Compare(TensorSetDescriptor receipt, TensorSet replayed, TensorSet? claimed, ReplayTolerance tolerance)
    {
        var names = receipt.Tensors.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        if (!names.SetEquals(replayed.Keys))
        {
            return Mismatch($"the replay produced outputs {string.Join(", ", replayed.Keys)}, the receipt names {string.Join(", ", names)}");
        }

        var verdict = ReplayVerdict.Exact;
        double largest = 0;
        bool? decisionChanged = null;
        foreach (var descriptor in receipt.Tensors)
        {
            var reference = replayed[descriptor.Name];
            var typeName = ElementTypes.ToOnnxName(reference.ElementType);
            if (typeName != descriptor.ElementType || !reference.Shape.SequenceEqual(descriptor.Shape))
            {
                return Mismatch($"output '{descriptor.Name}' replayed as {reference}, the receipt has {descriptor.ElementType}[{string.Join(",", descriptor.Shape)}]");
            }

            if (TensorDigest.Compute(reference).ToHex() == descriptor.Digest.GetValueOrDefault(TensorDigest.TensorDigestKey))
            {
                if (claimed is not null && ElementTypes.IsFloatingPoint(reference.ElementType))
                {
                    decisionChanged ??= false;
                }

                continue;
            }

            if (claimed is null || !claimed.TryGetValue(descriptor.Name, out var value))
            {
                return Mismatch($"output '{descriptor.Name}' differs from the receipt; give the claimed output values to measure the deviation");
            }

            if (TensorDigest.Compute(value).ToHex() != descriptor.Digest.GetValueOrDefault(TensorDigest.TensorDigestKey))
            {
                return Mismatch($"the claimed output '{descriptor.Name}' is not the one the receipt names");
            }

            if (!ElementTypes.IsFloatingPoint(reference.ElementType))
            {
                return Mismatch($"output '{descriptor.Name}' ({typeName}) differs, and {typeName} outputs are compared exactly");
            }

            if (tolerance.IsExact)
            {
                // Exact means bitwise, as the digests are: -0.0 is not 0.0, and NaNs differ by sign and payload.
                var index = FirstBitDifference(value, reference);
                return new ReplayResult(ReplayVerdict.Mismatch, 0,
                    string.Create(CultureInfo.InvariantCulture, $"output '{descriptor.Name}' element {index}: claimed bits {ElementBits(value, index)}, replayed bits {ElementBits(reference, index)}; the tolerance is exact, so elements must be equal bit for bit (give --atol/--rtol to compare values)"),
                    ArgMax(ToDoubles(value)) != ArgMax(ToDoubles(reference)));
            }

            var a = ToDoubles(value);
            var r = ToDoubles(reference);
            for (var i = 0; i < r.Length; i++)
            {
                if (!Matches(a[i], r[i], tolerance, out var deviation))
                {
                    return new ReplayResult(ReplayVerdict.Mismatch, Math.Max(largest, deviation),
                        string.Create(CultureInfo.InvariantCulture, $"output '{descriptor.Name}' element {i}: claimed {a[i]:R}, replayed {r[i]:R} (deviation {deviation:G6}, tolerance atol {tolerance.Absolute}, rtol {tolerance.Relative})"),
                        ArgMax(a) != ArgMax(r));
                }

                largest = Math.Max(largest, deviation);
            }

            verdict = ReplayVerdict.WithinTolerance;
            decisionChanged = (decisionChanged ?? false) | (ArgMax(a) != ArgMax(r));
        }

        return new ReplayResult(verdict, largest, verdict == ReplayVerdict.Exact ? "bit for bit" : "within tolerance", decisionChanged);

        static ReplayResult Mismatch(string detail) => new(ReplayVerdict.Mismatch, 0, detail);
    }

    /// <summary>The index of the first element whose raw bits differ (the tensors have one type and shape, and their
    /// digests differ, so there is one).</summary>
    private static long FirstBitDifference(TensorValue claimed, TensorValue reference)
    {
        var size = ElementTypes.SizeOf(reference.ElementType);
        var offset = claimed.RawBytes.CommonPrefixLength(reference.RawBytes);
        return offset / size;
    }

    /// <summary>An element's raw bits as little-endian hex digits, most significant first (<c>0x80000000</c> for
    /// float -0.0).</summary>
    private static string ElementBits(TensorValue tensor, long index)
    {
        var size = ElementTypes.SizeOf(tensor.ElementType);
        var bytes = tensor.RawBytes.Slice(checked((int)(index * size)), size).ToArray();
        Array.Reverse(bytes);
        return "0x" + Convert.ToHexStringLower(bytes);
    }

    private static bool Matches(double claimed, double reference, ReplayTolerance tolerance, out double deviation)
    {
        deviation = 0;
        if (double.IsNaN(reference) || double.IsNaN(claimed))
        {
            return double.IsNaN(reference) && double.IsNaN(claimed);
        }

        if (double.IsInfinity(reference) || double.IsInfinity(claimed))
        {
            return reference.Equals(claimed);
        }

        deviation = Math.Abs(claimed - reference);
        return deviation <= tolerance.Absolute + tolerance.Relative * Math.Abs(reference);
    }

    private static int ArgMax(double[] values)
    {
        var best = -1;
        for (var i = 0; i < values.Length; i++)
        {
            if (!double.IsNaN(values[i]) && (best < 0 || values[i] > values[best]))
            {
                best = i;
            }
        }

        return best;
    }

    private static double[] ToDoubles(TensorValue tensor) => tensor switch
    {
        TensorValue<float> f => [.. f.ToArray().Select(v => (double)v)],
        TensorValue<double> d => d.ToArray(),
        TensorValue<Float16> h => [.. h.ToArray().Select(v => (double)v.ToFloat())],
        TensorValue<BFloat16> b => [.. b.ToArray().Select(v => (double)v.ToFloat())],
        _ => throw new InvalidOperationException($"{tensor} is not floating point."),
    };
}
