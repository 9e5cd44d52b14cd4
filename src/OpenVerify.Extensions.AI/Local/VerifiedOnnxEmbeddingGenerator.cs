using Microsoft.Extensions.AI;

namespace OpenVerify.Extensions.AI.Local;

/// <summary>Which input and output of an ONNX model an <see cref="VerifiedOnnxEmbeddingGenerator"/> uses, and how it signs.</summary>
public sealed class VerifiedOnnxEmbeddingGeneratorOptions
{
    /// <summary>The model input each value is passed as. Null: the model's only input.</summary>
    public string? InputName { get; init; }

    /// <summary>The model output that is the vector (float). Null: the model's only output.</summary>
    public string? OutputName { get; init; }

    /// <summary>The signer of the receipts. Null: <see cref="OpenVerifyRuntime.ResolveSigner"/> at each call.</summary>
    public ISigner? Signer { get; init; }

    /// <summary>Recorded in each receipt as the method that ran the model. Null: none.</summary>
    public string? Method { get; init; }
}

/// <summary>
/// A Microsoft.Extensions.AI embedding generator over a local ONNX model whose output is a vector (an image or text
/// featurizer, a sentence encoder): each value is one tensor, passed as the model's input; the embedding is the
/// chosen float output, flattened in row-major order (a [1, 512, 1, 1] output is a 512-dimension vector). Every
/// embedding carries an ordinary ONNX inference receipt (<see cref="EmbeddingReceiptExtensions.GetReceipt{T}"/>), so a
/// verifier holding the model and the input replays it exactly with <see cref="ReceiptVerifier"/>.
/// </summary>
/// <remarks>
/// Each value is run on its own, so each embedding has its own receipt and replays alone; the tensor's element type
/// and shape must fit the model's input (for a model with a batch dimension, a batch of one). The generator does not
/// own the model: disposing it leaves the <see cref="VerifiedModel"/> open.
/// </remarks>
public sealed class VerifiedOnnxEmbeddingGenerator : IEmbeddingGenerator<TensorValue, Embedding<float>>
{
    /// <summary>The provider name in <see cref="EmbeddingGeneratorMetadata"/>.</summary>
    public const string ProviderName = "openverify-onnx";

    private readonly VerifiedOnnxEmbeddingGeneratorOptions _options;
    private readonly EmbeddingGeneratorMetadata _metadata;

    /// <summary>Creates a generator over <paramref name="model"/>.</summary>
    /// <exception cref="ModelInputException">The model has no single input or float output to use, or a named one is not there.</exception>
    public VerifiedOnnxEmbeddingGenerator(VerifiedModel model, VerifiedOnnxEmbeddingGeneratorOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        Model = model;
        _options = options ?? new VerifiedOnnxEmbeddingGeneratorOptions();
        InputName = Pick(model, model.Inputs, _options.InputName, "input", nameof(VerifiedOnnxEmbeddingGeneratorOptions.InputName)).Name;
        var output = Pick(model, model.Outputs, _options.OutputName, "output", nameof(VerifiedOnnxEmbeddingGeneratorOptions.OutputName));
        if (output.ElementType != ElementType.Float)
        {
            throw new ModelInputException(
                $"The output '{output.Name}' of '{model.Name}' is {output.ElementType}, not a float vector; name a float output in {nameof(VerifiedOnnxEmbeddingGeneratorOptions)}.{nameof(VerifiedOnnxEmbeddingGeneratorOptions.OutputName)}.");
        }

        OutputName = output.Name;
        var dimensions = output.Shape.All(d => d > 0) ? (int?)output.Shape.Aggregate(1L, (a, d) => a * d) : null;
        _metadata = new EmbeddingGeneratorMetadata(ProviderName, providerUri: null, defaultModelId: model.Name, defaultModelDimensions: dimensions);
    }

    /// <summary>The model every embedding comes from.</summary>
    public VerifiedModel Model { get; }

    /// <summary>The model input each value is passed as.</summary>
    public string InputName { get; }

    /// <summary>The model output that is the vector.</summary>
    public string OutputName { get; }

    /// <summary>Runs the model once per value; each embedding carries its receipt.</summary>
    /// <exception cref="ModelInputException">A value does not fit the model's input.</exception>
    /// <exception cref="SignerNotConfiguredException">No signer is given or configured.</exception>
    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<TensorValue> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        var inference = new InferenceOptions { Signer = _options.Signer, Method = _options.Method };
        var embeddings = new List<Embedding<float>>();
        foreach (var value in values)
        {
            cancellationToken.ThrowIfCancellationRequested();
            ArgumentNullException.ThrowIfNull(value, nameof(values));
            var result = Model.Run(new TensorSet([new(InputName, value)]), inference);
            var vector = result.Value.Get<float>(OutputName).ToArray();
            embeddings.Add(new Embedding<float>(vector)
            {
                ModelId = Model.Name,
                CreatedAt = DateTimeOffset.UtcNow,
                AdditionalProperties = new AdditionalPropertiesDictionary { [EmbeddingReceiptExtensions.ReceiptKey] = result.Receipt },
            });
        }

        return Task.FromResult(new GeneratedEmbeddings<Embedding<float>>(embeddings));
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? null
            : serviceType == typeof(EmbeddingGeneratorMetadata) ? _metadata
            : serviceType == typeof(VerifiedModel) ? Model
            : serviceType.IsInstanceOfType(this) ? this
            : null;
    }

    /// <summary>Does nothing: the model belongs to whoever loaded it.</summary>
    public void Dispose()
    {
    }

    private static ModelTensorInfo Pick(VerifiedModel model, IReadOnlyList<ModelTensorInfo> tensors, string? name, string kind, string option)
    {
        if (name is not null)
        {
            return tensors.FirstOrDefault(t => t.Name == name)
                ?? throw new ModelInputException($"'{model.Name}' has no {kind} '{name}'; its {kind}s are: {string.Join(", ", tensors.Select(t => t.Name))}.");
        }

        return tensors.Count == 1
            ? tensors[0]
            : throw new ModelInputException(
                $"'{model.Name}' has {tensors.Count} {kind}s ({string.Join(", ", tensors.Select(t => t.Name))}); name the one to use in {nameof(VerifiedOnnxEmbeddingGeneratorOptions)}.{option}.");
    }
}
