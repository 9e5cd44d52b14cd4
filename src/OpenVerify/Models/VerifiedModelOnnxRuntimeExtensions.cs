using System.Collections;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace OpenVerify;

/// <summary>
/// <see cref="InferenceSession"/>-shaped runs on a <see cref="VerifiedModel"/>: code written against ONNX Runtime keeps
/// its inputs (<see cref="NamedOnnxValue"/>s, <see cref="OrtValue"/>s) and its reads of the outputs
/// (<c>results[0].AsTensor&lt;float&gt;()</c>, <c>outputs[0].GetTensorDataAsSpan&lt;float&gt;()</c>), and every run
/// returns its receipt beside the outputs. This is what OV0001's "Run through a VerifiedModel" code fix rewrites to.
/// </summary>
/// <remarks>
/// The inputs are copied into <see cref="TensorValue"/>s and the run is <see cref="VerifiedModel.Run"/>: the receipt
/// covers every model output, whichever the caller asks for. Run options are not applied: the verified run uses its
/// own, and the session configuration is the model's allow-listed one.
/// </remarks>
public static class VerifiedModelOnnxRuntimeExtensions
{
    /// <summary>Runs the model on <see cref="NamedOnnxValue"/> tensors; returns every output in the model's order.</summary>
    /// <exception cref="ModelInputException">An input is not a dense tensor, or unknown, missing or mistyped.</exception>
    /// <exception cref="TensorEncodingException">An output has an element type that a <see cref="NamedOnnxValue"/> cannot hold.</exception>
    public static AttestedOnnxValues<NamedOnnxValue> Run(this VerifiedModel model, IReadOnlyCollection<NamedOnnxValue> inputs) =>
        Run(model, inputs, outputNames: null, options: null);

    /// <summary>Runs the model on <see cref="NamedOnnxValue"/> tensors; returns the named outputs, in that order.</summary>
    /// <exception cref="ModelInputException">An input is not a dense tensor, or unknown, missing or mistyped; or an output name is unknown.</exception>
    /// <exception cref="TensorEncodingException">An output has an element type that a <see cref="NamedOnnxValue"/> cannot hold.</exception>
    public static AttestedOnnxValues<NamedOnnxValue> Run(this VerifiedModel model, IReadOnlyCollection<NamedOnnxValue> inputs, IReadOnlyCollection<string> outputNames) =>
        Run(model, inputs, outputNames, options: null);

    /// <summary>Runs the model on <see cref="NamedOnnxValue"/> tensors; returns the named outputs, in that order.
    /// <paramref name="options"/> are not applied (see the remarks on <see cref="VerifiedModelOnnxRuntimeExtensions"/>).</summary>
    /// <exception cref="ModelInputException">An input is not a dense tensor, or unknown, missing or mistyped; or an output name is unknown.</exception>
    /// <exception cref="TensorEncodingException">An output has an element type that a <see cref="NamedOnnxValue"/> cannot hold.</exception>
    public static AttestedOnnxValues<NamedOnnxValue> Run(this VerifiedModel model, IReadOnlyCollection<NamedOnnxValue> inputs, IReadOnlyCollection<string>? outputNames, RunOptions? options)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(inputs);
        var tensors = new List<KeyValuePair<string, TensorValue>>(inputs.Count);
        foreach (var input in inputs)
        {
            ArgumentNullException.ThrowIfNull(input, nameof(inputs));
            tensors.Add(new(input.Name, FromNamedOnnxValue(input)));
        }

        var result = model.Run(tensors);
        var selected = Select(model, result.Value, outputNames);
        return new AttestedOnnxValues<NamedOnnxValue>([.. selected.Select(o => ToNamedOnnxValue(o.Key, o.Value))], result.Value, result.Receipt);
    }

    /// <summary>Runs the model on <see cref="OrtValue"/> tensors by name; returns the named outputs, in that order.
    /// <paramref name="runOptions"/> are not applied (see the remarks on <see cref="VerifiedModelOnnxRuntimeExtensions"/>).</summary>
    /// <exception cref="ModelInputException">An input is not a tensor, or unknown, missing or mistyped; or an output name is unknown.</exception>
    public static AttestedOnnxValues<OrtValue> Run(this VerifiedModel model, RunOptions? runOptions, IReadOnlyDictionary<string, OrtValue> inputs, IReadOnlyCollection<string> outputNames)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        return RunOrt(model, inputs, outputNames);
    }

    /// <summary>Runs the model on <see cref="OrtValue"/> tensors given as names and values; returns the named outputs,
    /// in that order. <paramref name="runOptions"/> are not applied (see the remarks on <see cref="VerifiedModelOnnxRuntimeExtensions"/>).</summary>
    /// <exception cref="ArgumentException">There are not as many input names as input values.</exception>
    /// <exception cref="ModelInputException">An input is not a tensor, or unknown, missing or mistyped; or an output name is unknown.</exception>
    public static AttestedOnnxValues<OrtValue> Run(this VerifiedModel model, RunOptions? runOptions, IReadOnlyCollection<string> inputNames, IReadOnlyCollection<OrtValue> inputValues, IReadOnlyCollection<string> outputNames)
    {
        ArgumentNullException.ThrowIfNull(inputNames);
        ArgumentNullException.ThrowIfNull(inputValues);
        if (inputNames.Count != inputValues.Count)
        {
            throw new ArgumentException($"{inputNames.Count} input names were given for {inputValues.Count} input values.", nameof(inputValues));
        }

        return RunOrt(model, inputNames.Zip(inputValues, (name, value) => new KeyValuePair<string, OrtValue>(name, value)), outputNames);
    }

    private static AttestedOnnxValues<OrtValue> RunOrt(VerifiedModel model, IEnumerable<KeyValuePair<string, OrtValue>> inputs, IReadOnlyCollection<string> outputNames)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(outputNames);
        var tensors = new List<KeyValuePair<string, TensorValue>>();
        foreach (var (name, value) in inputs)
        {
            ArgumentNullException.ThrowIfNull(value, nameof(inputs));
            if (!value.IsTensor)
            {
                throw new ModelInputException($"The input '{name}' is a {value.OnnxType}; OpenVerify v1 covers dense tensors only.");
            }

            tensors.Add(new(name, TensorValue.FromOrtValue(value)));
        }

        var result = model.Run(tensors);
        var values = new List<OrtValue>();
        try
        {
            foreach (var (_, tensor) in Select(model, result.Value, outputNames))
            {
                values.Add(TensorValue.ToOwnedOrtValue(tensor));
            }
        }
        catch
        {
            values.ForEach(v => v.Dispose());
            throw;
        }

        return new AttestedOnnxValues<OrtValue>(values, result.Value, result.Receipt);
    }

    private static IEnumerable<KeyValuePair<string, TensorValue>> Select(VerifiedModel model, TensorSet outputs, IReadOnlyCollection<string>? names)
    {
        if (names is null)
        {
            return outputs;
        }

        return names.Select(name => outputs.TryGetValue(name, out var tensor)
            ? new KeyValuePair<string, TensorValue>(name, tensor)
            : throw new ModelInputException($"'{model.Name}' has no output named '{name}'. Its outputs are: {string.Join("; ", model.Outputs)}."));
    }

    /// <summary>The input's tensor, without a copy where it is already a row-major <see cref="DenseTensor{T}"/>.</summary>
    private static TensorValue FromNamedOnnxValue(NamedOnnxValue input) => input.Value switch
    {
        Tensor<float> t => FromTensor(t),
        Tensor<byte> t => FromTensor(t),
        Tensor<sbyte> t => FromTensor(t),
        Tensor<ushort> t => FromTensor(t),
        Tensor<short> t => FromTensor(t),
        Tensor<int> t => FromTensor(t),
        Tensor<long> t => FromTensor(t),
        Tensor<bool> t => FromTensor(t),
        Tensor<Float16> t => FromTensor(t),
        Tensor<double> t => FromTensor(t),
        Tensor<uint> t => FromTensor(t),
        Tensor<ulong> t => FromTensor(t),
        Tensor<BFloat16> t => FromTensor(t),
        Tensor<string> t => TensorValue.CreateStrings(t.ToArray(), [.. t.Dimensions.ToArray().Select(d => (long)d)]),
        _ => throw new ModelInputException($"The input '{input.Name}' is a {input.ValueType} of {input.Value?.GetType().Name ?? "null"}; OpenVerify v1 covers dense tensors only."),
    };

    private static TensorValue FromTensor<T>(Tensor<T> tensor)
        where T : unmanaged
    {
        var dense = tensor as DenseTensor<T> is { IsReversedStride: false } rowMajor ? rowMajor : tensor.ToDenseTensor();
        return Hosting.GeneratedModels.Input(dense, nameof(tensor));
    }

    private static NamedOnnxValue ToNamedOnnxValue(string name, TensorValue tensor) => tensor switch
    {
        TensorValue<float> t => Named(name, t),
        TensorValue<byte> t => Named(name, t),
        TensorValue<sbyte> t => Named(name, t),
        TensorValue<ushort> t => Named(name, t),
        TensorValue<short> t => Named(name, t),
        TensorValue<int> t => Named(name, t),
        TensorValue<long> t => Named(name, t),
        TensorValue<bool> t => Named(name, t),
        TensorValue<Float16> t => Named(name, t),
        TensorValue<double> t => Named(name, t),
        TensorValue<uint> t => Named(name, t),
        TensorValue<ulong> t => Named(name, t),
        TensorValue<BFloat16> t => Named(name, t),
        StringTensorValue s => NamedOnnxValue.CreateFromTensor(name, new DenseTensor<string>(s.Values.ToArray(), Dimensions(s))),
        _ => throw new TensorEncodingException($"The output '{name}' is {tensor}, which OpenVerify v1 cannot return as a NamedOnnxValue."),
    };

    private static NamedOnnxValue Named<T>(string name, TensorValue<T> tensor)
        where T : unmanaged =>
        NamedOnnxValue.CreateFromTensor(name, new DenseTensor<T>(tensor.Memory, Dimensions(tensor)));

    private static int[] Dimensions(TensorValue tensor) => [.. tensor.Shape.Select(d => checked((int)d))];
}

/// <summary>
/// A verified run's outputs in the shape ONNX Runtime returns them (a read-only list of <see cref="NamedOnnxValue"/>s or
/// <see cref="OrtValue"/>s, disposed after use), with the run's signed <see cref="Receipt"/>.
/// </summary>
/// <typeparam name="T"><see cref="NamedOnnxValue"/> or <see cref="OrtValue"/>.</typeparam>
public sealed class AttestedOnnxValues<T> : IDisposableReadOnlyCollection<T>
    where T : class
{
    private readonly IReadOnlyList<T> _values;

    internal AttestedOnnxValues(IReadOnlyList<T> values, TensorSet outputs, Receipt receipt)
    {
        _values = values;
        Outputs = outputs;
        Receipt = receipt;
    }

    /// <summary>The signed receipt of the run: it names the model and binds every input and output.</summary>
    public Receipt Receipt { get; }

    /// <summary>Every output of the model, as the receipt covers them (also those the caller did not ask for).</summary>
    public TensorSet Outputs { get; }

    /// <inheritdoc />
    public T this[int index] => _values[index];

    /// <inheritdoc />
    public int Count => _values.Count;

    /// <inheritdoc />
    public IEnumerator<T> GetEnumerator() => _values.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Disposes the <see cref="OrtValue"/>s (a <see cref="NamedOnnxValue"/> holds managed memory only).</summary>
    public void Dispose()
    {
        foreach (var value in _values)
        {
            (value as IDisposable)?.Dispose();
        }
    }
}
