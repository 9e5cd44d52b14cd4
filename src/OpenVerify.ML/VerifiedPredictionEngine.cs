using System.Collections.Concurrent;
using System.Linq.Expressions;
using Microsoft.ML;
using Microsoft.ML.Data;
using OpenVerify.Batching;

namespace OpenVerify.ML;

/// <summary>
/// A prediction engine whose every prediction carries a signed ML.NET receipt binding the model's <c>.zip</c> digest, the
/// input row and the output row (docs/spec/mlnet-v1.md). Like ML.NET's <c>PredictionEngine</c>, one instance is not
/// thread-safe: use <see cref="VerifiedPredictionEnginePool{TIn, TOut}"/> from many threads.
/// </summary>
/// <typeparam name="TIn">The input class (its ML.NET column attributes apply).</typeparam>
/// <typeparam name="TOut">The output class.</typeparam>
public sealed class VerifiedPredictionEngine<TIn, TOut> : IDisposable
    where TIn : class
    where TOut : class, new()
{
    private readonly VerifiedMLModel _model;
    private readonly PredictionEngine<TIn, TOut> _engine;
    private readonly RowReader<TIn> _inputs;
    private readonly RowReader<TOut> _outputs;

    internal VerifiedPredictionEngine(VerifiedMLModel model)
    {
        _model = model;
        _inputs = RowReader<TIn>.Create(SchemaDefinition.Direction.Read, model.InputSchema, "input");
        _outputs = RowReader<TOut>.Create(SchemaDefinition.Direction.Write, model.OutputSchema, "output");
        try
        {
            _engine = model.Context.Model.CreatePredictionEngine<TIn, TOut>(model.Transformer, model.InputSchema);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or FormatException)
        {
            throw new ModelLoadException($"ML.NET cannot map {typeof(TIn).Name} and {typeof(TOut).Name} to '{model.Name}': {e.Message}", e);
        }
    }

    /// <summary>The model.</summary>
    public VerifiedMLModel Model => _model;

    /// <summary>
    /// Predicts and signs a receipt. The input row's tensors are read from <paramref name="example"/> just before ML.NET
    /// reads it; it must not change while the call runs.
    /// </summary>
    /// <exception cref="ModelInputException">A column value cannot be mapped to a tensor.</exception>
    /// <exception cref="SignerNotConfiguredException">No signer is configured.</exception>
    /// <exception cref="InferenceFailedException">ML.NET failed.</exception>
    public Attested<TOut> Predict(TIn example, InferenceOptions? options = null)
    {
        var (inputs, result, outputs) = Run(example);
        return new Attested<TOut>(result, _model.Writer.Sign(inputs, outputs, options));
    }

    /// <summary>Predicts and signs the receipt in a Merkle batch (<see cref="BatchingSigner"/>): the task completes when the
    /// batch's root is signed. <see cref="InferenceOptions.Signer"/> is not used. Do not release the result before the task
    /// completes: until then it was never acknowledged.</summary>
    public async Task<Attested<TOut>> PredictAsync(TIn example, BatchingSigner batchingSigner, InferenceOptions? options = null)
    {
        var (inputs, result, outputs) = Run(example);
        var receipt = await _model.Writer.SignAsync(inputs, outputs, batchingSigner, options).ConfigureAwait(false);
        return new Attested<TOut>(result, receipt);
    }

    /// <summary>The input row as receipts name it (the tensors a verifier compares or replays with).</summary>
    /// <exception cref="ModelInputException">A column value cannot be mapped to a tensor.</exception>
    public TensorSet ReadInputs(TIn example)
    {
        ArgumentNullException.ThrowIfNull(example);
        return _inputs.Read(example);
    }

    /// <summary>The output row as receipts name it.</summary>
    /// <exception cref="ModelInputException">A column value cannot be mapped to a tensor.</exception>
    public TensorSet ReadOutputs(TOut prediction)
    {
        ArgumentNullException.ThrowIfNull(prediction);
        return _outputs.Read(prediction);
    }

    private (TensorSet Inputs, TOut Result, TensorSet Outputs) Run(TIn example)
    {
        ArgumentNullException.ThrowIfNull(example);
        var inputs = _inputs.Read(example);
        TOut result;
        try
        {
            result = _engine.Predict(example);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or FormatException)
        {
            throw new InferenceFailedException($"ML.NET failed to run '{_model.Name}': {e.Message}", e);
        }

        return (inputs, result, _outputs.Read(result));
    }

    /// <inheritdoc />
    public void Dispose() => _engine.Dispose();
}

/// <summary>
/// A thread-safe pool of <see cref="VerifiedPredictionEngine{TIn, TOut}"/>: each call takes an engine (or creates one),
/// predicts, and returns it. The form for servers, where ML.NET users take <c>PredictionEnginePool</c>.
/// </summary>
/// <typeparam name="TIn">The input class.</typeparam>
/// <typeparam name="TOut">The output class.</typeparam>
public sealed class VerifiedPredictionEnginePool<TIn, TOut> : IDisposable
    where TIn : class
    where TOut : class, new()
{
    private readonly VerifiedMLModel _model;
    private readonly ConcurrentBag<VerifiedPredictionEngine<TIn, TOut>> _engines = [];

    internal VerifiedPredictionEnginePool(VerifiedMLModel model)
    {
        _model = model;
        // Create one now, so that a class that does not fit the model fails here rather than on the first request.
        _engines.Add(model.CreatePredictionEngine<TIn, TOut>());
    }

    /// <summary>The model.</summary>
    public VerifiedMLModel Model => _model;

    /// <summary>Predicts with a pooled engine and signs a receipt; safe from many threads at once.</summary>
    public Attested<TOut> Predict(TIn example, InferenceOptions? options = null)
    {
        var engine = Rent();
        try
        {
            return engine.Predict(example, options);
        }
        finally
        {
            _engines.Add(engine);
        }
    }

    /// <summary>Predicts with a pooled engine and signs the receipt in a Merkle batch; safe from many threads at once.</summary>
    public async Task<Attested<TOut>> PredictAsync(TIn example, BatchingSigner batchingSigner, InferenceOptions? options = null)
    {
        var engine = Rent();
        Task<Attested<TOut>> pending;
        try
        {
            pending = engine.PredictAsync(example, batchingSigner, options);
        }
        finally
        {
            // The engine's work is done once the statement is built; the task only waits for the batch's signature.
            _engines.Add(engine);
        }

        return await pending.ConfigureAwait(false);
    }

    private VerifiedPredictionEngine<TIn, TOut> Rent() => _engines.TryTake(out var engine) ? engine : _model.CreatePredictionEngine<TIn, TOut>();

    /// <inheritdoc />
    public void Dispose()
    {
        while (_engines.TryTake(out var engine))
        {
            engine.Dispose();
        }
    }
}

/// <summary>Reads the columns of a row class (by ML.NET's schema definition, so column attributes apply) as tensors,
/// typed by the model's schema.</summary>
internal sealed class RowReader<T>
{
    private readonly (string Name, DataViewType Type, Func<T, object?> Get)[] _columns;

    private RowReader((string Name, DataViewType Type, Func<T, object?> Get)[] columns) => _columns = columns;

    public static RowReader<T> Create(SchemaDefinition.Direction direction, DataViewSchema schema, string what)
    {
        SchemaDefinition definition;
        try
        {
            definition = SchemaDefinition.Create(typeof(T), direction);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            throw new ModelLoadException($"ML.NET cannot use {typeof(T).Name} as the {what} class: {e.Message}", e);
        }

        var columns = new List<(string, DataViewType, Func<T, object?>)>();
        foreach (var column in definition)
        {
            // Input classes often carry columns the model does not read (a label); receipts cover the model's columns.
            if (schema.GetColumnOrNull(column.ColumnName) is not { } modelColumn)
            {
                continue;
            }

            RowTensors.ElementTypeOf(column.ColumnName, modelColumn.Type);
            var row = Expression.Parameter(typeof(T), "row");
            var get = Expression.Lambda<Func<T, object?>>(Expression.Convert(Expression.PropertyOrField(row, column.MemberName), typeof(object)), row).Compile();
            columns.Add((column.ColumnName, modelColumn.Type, get));
        }

        if (columns.Count == 0)
        {
            throw new ModelLoadException($"None of the columns of {typeof(T).Name} is a column of the model's {what} schema ({string.Join(", ", schema.Where(c => !c.IsHidden).Select(c => c.Name))}).");
        }

        return new RowReader<T>([.. columns]);
    }

    public TensorSet Read(T row)
    {
        var tensors = new KeyValuePair<string, TensorValue>[_columns.Length];
        for (var i = 0; i < _columns.Length; i++)
        {
            var (name, type, get) = _columns[i];
            tensors[i] = new(name, RowTensors.FromValue(name, type, get(row)));
        }

        return new TensorSet(tensors);
    }
}
