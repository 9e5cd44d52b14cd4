using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace OpenVerify;

/// <summary>
/// A tensor in memory ONNX Runtime allocated (so 64-byte aligned, see <see cref="TensorValue{T}"/>'s remarks on
/// alignment), kept from run to run: its value, its shape, and its element bytes, located once.
/// </summary>
internal sealed unsafe class NativeTensor : IDisposable
{
    private readonly byte* _data;

    public NativeTensor(ElementType type, long[] shape)
    {
        Value = OrtValue.CreateAllocatedTensorValue(OrtAllocator.DefaultInstance, (TensorElementType)(int)type, shape);
        Shape = shape;
        var bytes = Value.GetTensorMutableRawData();
        _data = (byte*)Unsafe.AsPointer(ref MemoryMarshal.GetReference(bytes));
        Length = bytes.Length;
    }

    public OrtValue Value { get; }

    public long[] Shape { get; }

    public int Length { get; }

    public Span<byte> Bytes => new(_data, Length);

    public void Dispose() => Value.Dispose();
}

/// <summary>What a model's output is when its declared shape is static: element type, shape and sizes, computed once.</summary>
internal sealed record StaticOutput(ElementType ElementType, long[] Shape, ImmutableArray<long> SharedShape, long ElementCount);

/// <summary>
/// One set of buffers for runs of one model, rented from the model's pool for one run and returned after it (a run is
/// synchronous and holds its set alone), so they are reused from run to run:
/// <list type="bullet">
/// <item>an input value per model input that the caller's elements are copied into (numeric and bool inputs up to
/// <see cref="MaxReusedBytes"/>): creating an <c>OrtValue</c> per run (a native allocation, a finalizable wrapper and
/// a type query) cost more on a small model than copying its input;</item>
/// <item>when every output has a static shape, an output value per output that ONNX Runtime writes into, so no output
/// is allocated, wrapped, disposed and asked for its type and shape per run; the outputs are hashed there and copied
/// out once;</item>
/// <item>the scratch arrays a receipt's statement is described from.</item>
/// </list>
/// </summary>
internal sealed class RunBuffers : IDisposable
{
    /// <summary>Inputs (and static outputs) larger than this run from values made per run (see
    /// <see cref="TensorValue.ToOrtInput"/>) rather than keep buffers of their size in every pooled set until the model
    /// is disposed (a ResNet input, 588 KiB, is still reused).</summary>
    public const int MaxReusedBytes = 1 << 20;

    private readonly NativeTensor?[] _inputs;
    private readonly NativeTensor?[] _boundInputs;
    private NativeTensor[]? _outputs;
    private OrtIoBinding? _binding;

    public RunBuffers(int inputs, int outputs)
    {
        _inputs = new NativeTensor?[inputs];
        _boundInputs = new NativeTensor?[inputs];
        Values = new OrtValue[inputs];
        Prepared = new OrtInput?[inputs];
        InputTensors = new StatementWriter.Tensor[inputs];
        InputDigests = new Sha256Digest[inputs];
        OutputTensors = new StatementWriter.Tensor[outputs];
        OutputDigests = new Sha256Digest[outputs];
        ModelOrderOutputDigests = new Sha256Digest[outputs];
        OutputValues = new OrtValue[outputs];
        InputDigestBytes = DigestBuffers(inputs);
        OutputDigestBytes = DigestBuffers(outputs);
    }

    private static byte[][] DigestBuffers(int count)
    {
        var buffers = new byte[count][];
        for (var i = 0; i < count; i++)
        {
            buffers[i] = new byte[Sha256Digest.Length];
        }

        return buffers;
    }

    /// <summary>Where the run's input digests are written (in the order of <see cref="InputDigests"/>): they live only
    /// while the run writes its statement, so they need no allocation of their own.</summary>
    public byte[][] InputDigestBytes { get; }

    /// <summary>Where the run's output digests are written, in the model's output order.</summary>
    public byte[][] OutputDigestBytes { get; }

    /// <summary>Where the input and output set digests are written.</summary>
    public byte[] InputSetDigest { get; } = new byte[Sha256Digest.Length];

    /// <inheritdoc cref="InputSetDigest"/>
    public byte[] OutputSetDigest { get; } = new byte[Sha256Digest.Length];

    /// <summary>The input values of the run, in the order of the session's input names.</summary>
    public OrtValue[] Values { get; }

    /// <summary>Inputs made for this run only (strings, large inputs); disposed when it ends.</summary>
    public OrtInput?[] Prepared { get; }

    public StatementWriter.Tensor[] InputTensors { get; }

    public Sha256Digest[] InputDigests { get; }

    public StatementWriter.Tensor[] OutputTensors { get; }

    public Sha256Digest[] OutputDigests { get; }

    /// <summary>The output digests of a run into <see cref="Outputs"/>, in the model's output order.</summary>
    public Sha256Digest[] ModelOrderOutputDigests { get; }

    public OrtValue[] OutputValues { get; }

    /// <summary>The buffer input <paramref name="index"/> is copied into, made or remade for the tensor's shape;
    /// null where the input runs from a value made per run.</summary>
    public NativeTensor? Input(int index, TensorValue tensor)
    {
        if (tensor.ElementType == ElementType.String
            || tensor.ElementCount > MaxReusedBytes / ElementTypes.SizeOf(tensor.ElementType))
        {
            return null;
        }

        var held = _inputs[index];
        if (held is not null && held.Shape.AsSpan().SequenceEqual(tensor.Shape.AsSpan()))
        {
            return held;
        }

        held?.Dispose();
        _inputs[index] = null;
        return _inputs[index] = new NativeTensor(tensor.ElementType, tensor.Shape.ToArray());
    }

    /// <summary>The output buffers for a model whose outputs all have static shapes (made on first use).</summary>
    public NativeTensor[] Outputs(StaticOutput[] outputs)
    {
        if (_outputs is null)
        {
            var made = new NativeTensor[outputs.Length];
            try
            {
                for (var o = 0; o < outputs.Length; o++)
                {
                    made[o] = new NativeTensor(outputs[o].ElementType, outputs[o].Shape);
                    OutputValues[o] = made[o].Value;
                }
            }
            catch
            {
                foreach (var tensor in made)
                {
                    tensor?.Dispose();
                }

                throw;
            }

            _outputs = made;
        }

        return _outputs;
    }

    /// <summary>
    /// The set's I/O binding: its inputs and outputs are this set's buffers, bound once and rebound only when an
    /// input buffer is remade for another shape, so a run passes no names and no value arrays to ONNX Runtime.
    /// </summary>
    public OrtIoBinding Binding(InferenceSession session, string[] inputNames, string[] outputNames)
    {
        if (_binding is null)
        {
            _binding = session.CreateIoBinding();
            for (var o = 0; o < outputNames.Length; o++)
            {
                _binding.BindOutput(outputNames[o], _outputs![o].Value);
            }
        }

        for (var i = 0; i < inputNames.Length; i++)
        {
            if (!ReferenceEquals(_boundInputs[i], _inputs[i]))
            {
                _binding.BindInput(inputNames[i], _inputs[i]!.Value);
                _boundInputs[i] = _inputs[i];
            }
        }

        return _binding;
    }

    public void Dispose()
    {
        _binding?.Dispose();
        foreach (var input in _inputs)
        {
            input?.Dispose();
        }

        foreach (var output in _outputs ?? [])
        {
            output.Dispose();
        }
    }
}
