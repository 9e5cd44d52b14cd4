using Microsoft.ML;

namespace OpenVerify.ML.Tests;

/// <summary>One model under test, with its classes erased: predictions as (value, receipt, input and output tensors).</summary>
public sealed class Harness : IDisposable
{
    private readonly Func<object, InferenceOptions?, (object Value, Receipt Receipt)> _predict;
    private readonly Func<object, TensorSet> _inputs;
    private readonly Func<object, TensorSet> _outputs;
    private readonly Func<object, InferenceOptions?, (object Value, Receipt Receipt)> _poolPredict;
    private readonly IDisposable[] _owned;

    private Harness(TrainedModel trained, VerifiedMLModel model, Func<object, InferenceOptions?, (object, Receipt)> predict, Func<object, TensorSet> inputs,
        Func<object, TensorSet> outputs, Func<object, InferenceOptions?, (object, Receipt)> poolPredict, params IDisposable[] owned)
    {
        Trained = trained;
        Model = model;
        _predict = predict;
        _inputs = inputs;
        _outputs = outputs;
        _poolPredict = poolPredict;
        _owned = owned;
    }

    public static SigningKey Key { get; } = SigningKey.Generate();

    public static ReceiptVerifier Verifier { get; } = new(TrustStore.For(Key.PublicKey));

    public static InferenceOptions Signed { get; } = new() { Signer = Key };

    public TrainedModel Trained { get; }

    public VerifiedMLModel Model { get; }

    public object[] Rows => Trained.Rows;

    public static VerifiedMLModel Load(TrainedModel trained) => VerifiedMLModel.FromBytes(new MLContext(seed: 1), trained.Zip, trained.Name + ".zip", Sha256Digest.Compute(trained.Zip));

    public static Harness Create(string name)
    {
        var trained = TrainedModels.Get(name);
        var model = Load(trained);
        return name switch
        {
            "binary-sdca" or "binary-fasttree" => Typed<CancerRow, BinaryPrediction>(trained, model),
            "multiclass-sdca" => Typed<IrisRow, MulticlassPrediction>(trained, model),
            "regression-fasttree" or "regression-sdca" => Typed<HouseRow, RegressionPrediction>(trained, model),
            "text-sdca" => Typed<SentenceRow, TextPrediction>(trained, model),
            _ => throw new ArgumentOutOfRangeException(nameof(name)),
        };
    }

    private static Harness Typed<TIn, TOut>(TrainedModel trained, VerifiedMLModel model)
        where TIn : class
        where TOut : class, new()
    {
        var engine = model.CreatePredictionEngine<TIn, TOut>();
        var pool = model.CreatePredictionEnginePool<TIn, TOut>();
        return new Harness(
            trained,
            model,
            (row, options) => engine.Predict((TIn)row, options) is var a ? (a.Value, a.Receipt) : default,
            row => engine.ReadInputs((TIn)row),
            value => engine.ReadOutputs((TOut)value),
            (row, options) => pool.Predict((TIn)row, options) is var a ? (a.Value, a.Receipt) : default,
            engine,
            pool);
    }

    public (object Value, Receipt Receipt) Predict(object row, InferenceOptions? options = null) => _predict(row, options ?? Signed);

    public (object Value, Receipt Receipt) PoolPredict(object row) => _poolPredict(row, Signed);

    public TensorSet Inputs(object row) => _inputs(row);

    public TensorSet Outputs(object value) => _outputs(value);

    public void Dispose()
    {
        foreach (var owned in _owned)
        {
            owned.Dispose();
        }
    }
}
