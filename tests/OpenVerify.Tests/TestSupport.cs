using Microsoft.ML.OnnxRuntime;

namespace OpenVerify.Tests;

/// <summary>Builders of tensors for every element type, shared by the tests.</summary>
internal static class Tensors
{
    public static readonly ElementType[] Supported =
    [
        ElementType.Float, ElementType.UInt8, ElementType.Int8, ElementType.UInt16, ElementType.Int16, ElementType.Int32,
        ElementType.Int64, ElementType.String, ElementType.Bool, ElementType.Float16, ElementType.Double, ElementType.UInt32,
        ElementType.UInt64, ElementType.BFloat16,
    ];

    /// <summary>A tensor of the type whose elements are derived from <paramref name="seed"/> (bools stay 0/1, strings
    /// include non-ASCII text).</summary>
    public static TensorValue Sample(ElementType type, long[] shape, int seed = 1)
    {
        var count = (int)TensorValue.CheckedElementCount(shape);
        var random = new Random(seed);
        T[] Fill<T>(Func<T> next) => Enumerable.Range(0, count).Select(_ => next()).ToArray();
        return type switch
        {
            ElementType.Float => TensorValue.Create(Fill(() => (float)(random.NextDouble() * 200 - 100)), shape),
            ElementType.UInt8 => TensorValue.Create(Fill(() => (byte)random.Next(256)), shape),
            ElementType.Int8 => TensorValue.Create(Fill(() => (sbyte)random.Next(-128, 128)), shape),
            ElementType.UInt16 => TensorValue.Create(Fill(() => (ushort)random.Next(65536)), shape),
            ElementType.Int16 => TensorValue.Create(Fill(() => (short)random.Next(-32768, 32768)), shape),
            ElementType.Int32 => TensorValue.Create(Fill(() => random.Next(int.MinValue, int.MaxValue)), shape),
            ElementType.Int64 => TensorValue.Create(Fill(() => random.NextInt64(long.MinValue, long.MaxValue)), shape),
            ElementType.String => TensorValue.CreateStrings(Fill(() => random.Next(4) switch { 0 => "", 1 => "héllo", 2 => "数据" + random.Next(), _ => "🙂x" }), shape),
            ElementType.Bool => TensorValue.Create(Fill(() => random.Next(2) == 1), shape),
            ElementType.Float16 => TensorValue.Create(Fill(() => new Float16((ushort)random.Next(0, 0x7C00))), shape),
            ElementType.Double => TensorValue.Create(Fill(() => random.NextDouble() * 1e6 - 5e5), shape),
            ElementType.UInt32 => TensorValue.Create(Fill(() => (uint)random.NextInt64(0, uint.MaxValue)), shape),
            ElementType.UInt64 => TensorValue.Create(Fill(() => (ulong)random.NextInt64()), shape),
            ElementType.BFloat16 => TensorValue.Create(Fill(() => new BFloat16((ushort)random.Next(0, 0x7F80))), shape),
            _ => throw new ArgumentOutOfRangeException(nameof(type)),
        };
    }

    public static TensorSet Set(params (string Name, TensorValue Tensor)[] tensors) =>
        new(tensors.Select(t => new KeyValuePair<string, TensorValue>(t.Name, t.Tensor)));

    public static TensorSet AddMulInputs(float[]? a = null, float[]? b = null) => Set(
        ("a", TensorValue.Create(a ?? [1f, 2, 3, 4], 1, 4)),
        ("b", TensorValue.Create(b ?? [10f, 20, 30, 40], 1, 4)));
}

/// <summary>A temporary folder deleted after the test.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "openverify-tests-" + Guid.NewGuid().ToString("N"));

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
