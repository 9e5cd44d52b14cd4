using System.Collections.Immutable;
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.ML.OnnxRuntime;

namespace OpenVerify;

/// <summary>
/// A dense tensor: an element type, a shape and the elements in row-major (C) order. Numeric tensors wrap the caller's
/// memory without copying it; the memory must not change while a call that uses it is running (the digest and the
/// inference read the same bytes).
/// </summary>
public abstract class TensorValue
{
    private protected TensorValue(ElementType elementType, ReadOnlySpan<long> shape, long dataLength)
    {
        ElementTypes.EnsureSupported(elementType);
        ElementType = elementType;
        Shape = ImmutableArray.Create(shape.ToArray());
        var elementCount = CheckedElementCount(shape);
        if (elementCount != dataLength)
        {
            throw new TensorEncodingException(
                $"The shape [{string.Join(", ", Shape)}] holds {elementCount} elements, but {dataLength} were given.");
        }
    }

    /// <summary>A tensor whose shape was checked before (a model's static output shape, shared by its runs) against
    /// the data's length.</summary>
    private protected TensorValue(ElementType elementType, ImmutableArray<long> shape)
    {
        ElementType = elementType;
        Shape = shape;
    }

    /// <summary>The element type.</summary>
    public ElementType ElementType { get; }

    /// <summary>The dimensions. Empty for a scalar (rank 0), which differs from shape [1].</summary>
    public ImmutableArray<long> Shape { get; }

    /// <summary>The number of elements (the product of the dimensions; 1 for a scalar).</summary>
    public long ElementCount => DataLength;

    /// <summary>The number of elements the data holds, which the constructors checked equals the shape's product (the
    /// count is not stored twice: a tensor is made per output of every run).</summary>
    private protected abstract int DataLength { get; }

    /// <summary>Wraps an array as a tensor of the given shape, without copying.</summary>
    public static TensorValue<T> Create<T>(T[] data, params long[] shape) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(shape);
        return new TensorValue<T>(data, shape);
    }

    /// <summary>Wraps memory as a tensor of the given shape, without copying.</summary>
    public static TensorValue<T> Create<T>(Memory<T> data, ReadOnlySpan<long> shape) where T : unmanaged => new(data, shape);

    /// <summary>A rank-0 tensor holding one value.</summary>
    public static TensorValue<T> Scalar<T>(T value) where T : unmanaged => new(new[] { value }, ReadOnlySpan<long>.Empty);

    /// <summary>A string tensor. Strings are encoded as UTF-8 strictly: a lone surrogate is refused.</summary>
    public static StringTensorValue CreateStrings(string[] data, params long[] shape)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(shape);
        return new StringTensorValue(data, shape);
    }

    /// <summary>
    /// The product of the dimensions, refusing negative dimensions and a product above <see cref="long.MaxValue"/>. A
    /// shape with a zero dimension holds zero elements wherever the zero stands ([2^62, 4, 0] as well as [0, 2^62, 4]).
    /// </summary>
    public static long CheckedElementCount(ReadOnlySpan<long> shape)
    {
        foreach (var dim in shape)
        {
            if (dim < 0)
            {
                throw new TensorEncodingException($"A tensor dimension is {dim}; dimensions must not be negative.");
            }
        }

        if (shape.Contains(0L))
        {
            return 0;
        }

        long count = 1;
        foreach (var dim in shape)
        {
            try
            {
                count = checked(count * dim);
            }
            catch (OverflowException)
            {
                throw new TensorEncodingException($"The shape [{string.Join(", ", shape.ToArray())}] has more elements than a 64-bit count can hold.");
            }
        }

        return count;
    }

    /// <summary>The elements' raw little-endian bytes (numeric and bool tensors; empty for strings).</summary>
    internal virtual ReadOnlySpan<byte> RawBytes => ReadOnlySpan<byte>.Empty;

    /// <summary>Creates the ONNX Runtime value a run reads (see <see cref="TensorValue{T}"/>'s remarks on alignment).</summary>
    internal abstract OrtInput ToOrtInput();

    /// <summary>An ONNX Runtime tensor that owns a copy of the elements (nothing pinned), for callers that keep it.</summary>
    internal static OrtValue ToOwnedOrtValue(TensorValue tensor)
    {
        if (tensor is StringTensorValue)
        {
            // ONNX Runtime allocates string tensors itself; there is no pin to release.
            return tensor.ToOrtInput().Value;
        }

        var value = OrtValue.CreateAllocatedTensorValue(OrtAllocator.DefaultInstance, (Microsoft.ML.OnnxRuntime.Tensors.TensorElementType)(int)tensor.ElementType, tensor.Shape.ToArray());
        try
        {
            tensor.RawBytes.CopyTo(value.GetTensorMutableRawData());
            return value;
        }
        catch
        {
            value.Dispose();
            throw;
        }
    }

    /// <summary>Copies an ONNX Runtime tensor into a managed tensor.</summary>
    internal static TensorValue FromOrtValue(OrtValue value)
    {
        if (!value.IsTensor)
        {
            throw new TensorEncodingException($"The model returned a {value.OnnxType} value; OpenVerify v1 covers dense tensors only.");
        }

        var info = value.GetTensorTypeAndShape();
        var shape = info.Shape;
        var type = (ElementType)(int)info.ElementDataType;
        return type switch
        {
            ElementType.Float => Copy<float>(value, shape),
            ElementType.UInt8 => Copy<byte>(value, shape),
            ElementType.Int8 => Copy<sbyte>(value, shape),
            ElementType.UInt16 => Copy<ushort>(value, shape),
            ElementType.Int16 => Copy<short>(value, shape),
            ElementType.Int32 => Copy<int>(value, shape),
            ElementType.Int64 => Copy<long>(value, shape),
            ElementType.Bool => Copy<bool>(value, shape),
            ElementType.Float16 => Copy<Float16>(value, shape),
            ElementType.Double => Copy<double>(value, shape),
            ElementType.UInt32 => Copy<uint>(value, shape),
            ElementType.UInt64 => Copy<ulong>(value, shape),
            ElementType.BFloat16 => Copy<BFloat16>(value, shape),
            ElementType.String => CopyStrings(value, shape),
            _ => throw new TensorEncodingException($"The model returned a tensor of type {ElementTypes.ToOnnxName(type)}, which OpenVerify v1 cannot encode."),
        };
    }

    private static TensorValue<T> Copy<T>(OrtValue value, long[] shape) where T : unmanaged =>
        new(value.GetTensorDataAsSpan<T>().ToArray(), shape);

    /// <summary>
    /// Copies element bytes ONNX Runtime wrote (numeric and bool types) into a managed tensor of a shape checked before;
    /// <paramref name="bytes"/> holds exactly <paramref name="elementCount"/> elements.
    /// </summary>
    internal static TensorValue CopyRaw(ElementType type, ReadOnlySpan<byte> bytes, ImmutableArray<long> shape, long elementCount) => type switch
    {
        ElementType.Float => CopyRaw<float>(bytes, shape, elementCount),
        ElementType.UInt8 => CopyRaw<byte>(bytes, shape, elementCount),
        ElementType.Int8 => CopyRaw<sbyte>(bytes, shape, elementCount),
        ElementType.UInt16 => CopyRaw<ushort>(bytes, shape, elementCount),
        ElementType.Int16 => CopyRaw<short>(bytes, shape, elementCount),
        ElementType.Int32 => CopyRaw<int>(bytes, shape, elementCount),
        ElementType.Int64 => CopyRaw<long>(bytes, shape, elementCount),
        ElementType.Bool => CopyRaw<bool>(bytes, shape, elementCount),
        ElementType.Float16 => CopyRaw<Float16>(bytes, shape, elementCount),
        ElementType.Double => CopyRaw<double>(bytes, shape, elementCount),
        ElementType.UInt32 => CopyRaw<uint>(bytes, shape, elementCount),
        ElementType.UInt64 => CopyRaw<ulong>(bytes, shape, elementCount),
        ElementType.BFloat16 => CopyRaw<BFloat16>(bytes, shape, elementCount),
        _ => throw new TensorEncodingException($"The model returned a tensor of type {ElementTypes.ToOnnxName(type)}, which has no raw layout."),
    };

    private static TensorValue<T> CopyRaw<T>(ReadOnlySpan<byte> bytes, ImmutableArray<long> shape, long elementCount) where T : unmanaged =>
        new(MemoryMarshal.Cast<byte, T>(bytes).ToArray(), shape, elementCount);

    private static StringTensorValue CopyStrings(OrtValue value, long[] shape)
    {
        var count = CheckedElementCount(shape);
        var strings = new string[count];
        for (var i = 0; i < strings.Length; i++)
        {
            try
            {
                strings[i] = StringTensorValue.StrictUtf8.GetString(value.GetStringElementAsSpan(i));
            }
            catch (DecoderFallbackException)
            {
                throw new TensorEncodingException($"String element {i} returned by the model is not valid UTF-8.");
            }
        }

        return new StringTensorValue(strings, shape);
    }

    /// <inheritdoc />
    public override string ToString() => $"{ElementTypes.ToOnnxName(ElementType)}[{string.Join(",", Shape)}]";
}

/// <summary>A numeric or bool tensor over memory of <typeparamref name="T"/>.</summary>
/// <typeparam name="T">float, double, sbyte, byte, short, ushort, int, uint, long, ulong, bool, <see cref="Float16"/> or <see cref="BFloat16"/>.</typeparam>
public sealed class TensorValue<T> : TensorValue where T : unmanaged
{
    internal TensorValue(Memory<T> data, ReadOnlySpan<long> shape)
        : base(ElementTypes.FromClrType(typeof(T)), shape, data.Length) => Memory = data;

    /// <summary>Wraps a copy whose shape was checked before (see the base class's constructor of that form).</summary>
    internal TensorValue(T[] data, ImmutableArray<long> shape, long elementCount)
        : base(ElementTypes.FromClrType(typeof(T)), shape)
    {
        Debug.Assert(data.Length == elementCount, "the data holds the shape's elements");
        Memory = data;
    }

    /// <summary>The elements in row-major order (the caller's memory, not a copy).</summary>
    public Memory<T> Memory { get; }

    private protected override int DataLength => Memory.Length;

    /// <summary>The elements in row-major order.</summary>
    public ReadOnlySpan<T> Span => Memory.Span;

    /// <summary>A copy of the elements.</summary>
    public T[] ToArray() => Memory.ToArray();

    internal override ReadOnlySpan<byte> RawBytes => MemoryMarshal.AsBytes(Memory.Span);

    /// <remarks>
    /// ONNX Runtime's CPU kernels (MLAS) take different vectorized paths for differently aligned inputs, so the same
    /// model and the same input bits can give different float outputs depending on where the input lies in memory (found
    /// by the ONNX conformance suite: LayerNormalization, BatchNormalization and ReduceSum cases gave one result per input
    /// address mod 64, and an exact replay in the same process could report a mismatch). So a caller's buffer goes to ONNX
    /// Runtime as is only when it is 64-byte aligned (it stays pinned until the run ends); otherwise the elements are
    /// copied into a buffer ONNX Runtime allocates, which is aligned. Either way the digest is taken from the bytes ONNX
    /// Runtime reads (<see cref="OrtInput.ElementBytes"/>), so what is hashed is what runs.
    /// </remarks>
    internal override unsafe OrtInput ToOrtInput()
    {
        var type = (Microsoft.ML.OnnxRuntime.Tensors.TensorElementType)(int)ElementType;
        var shape = Shape.ToArray();
        if (ElementCount > 0)
        {
            var pin = Memory.Pin();
            if ((nint)pin.Pointer % OrtInput.Alignment == 0)
            {
                try
                {
                    var length = (long)Memory.Length * sizeof(T);
                    return new OrtInput(OrtValue.CreateTensorValueWithData(OrtMemoryInfo.DefaultInstance, type, shape, (nint)pin.Pointer, length), pin);
                }
                catch
                {
                    pin.Dispose();
                    throw;
                }
            }

            pin.Dispose();
        }

        var value = OrtValue.CreateAllocatedTensorValue(OrtAllocator.DefaultInstance, type, shape);
        try
        {
            Span.CopyTo(value.GetTensorMutableDataAsSpan<T>());
            return new OrtInput(value, default);
        }
        catch
        {
            value.Dispose();
            throw;
        }
    }
}

/// <summary>A tensor of strings, encoded as strict UTF-8.</summary>
public sealed class StringTensorValue : TensorValue
{
    internal static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly string[] _values;

    internal StringTensorValue(string[] values, ReadOnlySpan<long> shape)
        : base(ElementType.String, shape, values.Length)
    {
        for (var i = 0; i < values.Length; i++)
        {
            if (values[i] is null)
            {
                throw new TensorEncodingException($"String element {i} is null; string tensors hold non-null strings.");
            }
        }

        _values = values;
    }

    /// <summary>The strings in row-major order.</summary>
    public IReadOnlyList<string> Values => _values;

    private protected override int DataLength => _values.Length;

    internal static byte[] EncodeStrict(string value, int index)
    {
        try
        {
            return StrictUtf8.GetBytes(value);
        }
        catch (EncoderFallbackException)
        {
            throw new TensorEncodingException($"String element {index} contains a lone surrogate and is not valid Unicode; it cannot be encoded as UTF-8.");
        }
    }

    /// <summary>Appends the element bytes of the canonical encoding (u64 length ‖ UTF-8 per string); the numeric
    /// types' raw bits are hashed by <see cref="TensorDigest.ComputeRaw(ElementType, ReadOnlySpan{long}, ReadOnlySpan{byte})"/>.</summary>
    internal void AppendElementBytes(Sha256Hasher hash)
    {
        Span<byte> length = stackalloc byte[8];
        for (var i = 0; i < _values.Length; i++)
        {
            var utf8 = EncodeStrict(_values[i], i);
            System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)utf8.Length);
            hash.AppendData(length);
            hash.AppendData(utf8);
        }
    }

    internal override OrtInput ToOrtInput()
    {
        var value = OrtValue.CreateTensorWithEmptyStrings(OrtAllocator.DefaultInstance, Shape.ToArray());
        try
        {
            for (var i = 0; i < _values.Length; i++)
            {
                value.StringTensorSetElementAt(EncodeStrict(_values[i], i).AsSpan(), i);
            }

            return new OrtInput(value, default);
        }
        catch
        {
            value.Dispose();
            throw;
        }
    }
}

/// <summary>
/// An input as ONNX Runtime reads it: the value and, when it runs on the caller's memory, the pin that keeps that
/// memory in place until the run ends.
/// </summary>
internal sealed class OrtInput(OrtValue value, System.Buffers.MemoryHandle pin) : IDisposable
{
    /// <summary>The alignment ONNX Runtime's own allocations have, and that a caller's buffer needs to be run in place.</summary>
    public const int Alignment = 64;

    public OrtValue Value { get; } = value;

    /// <summary>The element bytes ONNX Runtime reads (numeric and bool tensors).</summary>
    public ReadOnlySpan<byte> ElementBytes => Value.GetTensorMutableRawData();

    public void Dispose()
    {
        Value.Dispose();
        pin.Dispose();
    }
}
