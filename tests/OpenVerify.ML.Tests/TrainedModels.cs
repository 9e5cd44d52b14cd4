using Microsoft.ML;
using Microsoft.ML.Data;

namespace OpenVerify.ML.Tests;

/// <summary>Breast cancer Wisconsin (binary): 30 measurements, benign or not.</summary>
public sealed class CancerRow
{
    [VectorType(30)]
    public float[] Features { get; set; } = [];

    public bool Label { get; set; }
}

public sealed class BinaryPrediction
{
    public bool PredictedLabel { get; set; }

    public float Score { get; set; }

    public float Probability { get; set; }
}

/// <summary>Iris (multiclass): 4 measurements, species 0..2.</summary>
public sealed class IrisRow
{
    [VectorType(4)]
    public float[] Features { get; set; } = [];

    public float Label { get; set; }
}

public sealed class MulticlassPrediction
{
    /// <summary>The predicted class as its key (ML.NET's underlying unsigned integer, 1-based).</summary>
    public uint PredictedLabel { get; set; }

    public float[] Score { get; set; } = [];
}

/// <summary>Boston house prices (regression): 13 features, median value.</summary>
public sealed class HouseRow
{
    [VectorType(13)]
    public float[] Features { get; set; } = [];

    [ColumnName("Label")]
    public float MedianValue { get; set; }
}

public sealed class RegressionPrediction
{
    public float Score { get; set; }
}

/// <summary>A sentence of a dataset description (text), labelled with the description it comes from.</summary>
public sealed class SentenceRow
{
    public string Text { get; set; } = string.Empty;

    public string Label { get; set; } = string.Empty;
}

public sealed class TextPrediction
{
    public string PredictedLabel { get; set; } = string.Empty;

    public float[] Score { get; set; } = [];
}

/// <summary>One trained model: its saved .zip bytes and sample rows.</summary>
public sealed record TrainedModel(string Name, byte[] Zip, object[] Rows);

/// <summary>
/// Trains each model once for the whole test run on the real data (seconds): SDCA and FastTree binary classifiers,
/// an SDCA maximum-entropy multiclass classifier, FastTree and SDCA regressions, and a FeaturizeText + SDCA text classifier.
/// </summary>
public sealed class TrainedModels
{
    private static readonly Lazy<TrainedModels> Shared = new(() => new TrainedModels());

    private readonly Dictionary<string, Lazy<TrainedModel>> _models;

    private TrainedModels()
    {
        _models = new(StringComparer.Ordinal)
        {
            ["binary-sdca"] = new(() => Binary("binary-sdca", ml => ml.BinaryClassification.Trainers.SdcaLogisticRegression())),
            ["binary-fasttree"] = new(() => Binary("binary-fasttree", ml => ml.BinaryClassification.Trainers.FastTree(numberOfLeaves: 8, numberOfTrees: 20, minimumExampleCountPerLeaf: 5))),
            ["multiclass-sdca"] = new(Multiclass),
            ["regression-fasttree"] = new(() => Regression("regression-fasttree", ml => ml.Regression.Trainers.FastTree(numberOfLeaves: 8, numberOfTrees: 20, minimumExampleCountPerLeaf: 5))),
            ["regression-sdca"] = new(() => Regression("regression-sdca", ml => ml.Regression.Trainers.Sdca())),
            ["text-sdca"] = new(Text),
        };
    }

    public static TrainedModel Get(string name) => Shared.Value._models[name].Value;

    public static IReadOnlyList<string> Names { get; } = ["binary-sdca", "binary-fasttree", "multiclass-sdca", "regression-fasttree", "regression-sdca", "text-sdca"];

    private static MLContext Context() => new(seed: 1);

    private static byte[] Save(MLContext ml, ITransformer model, DataViewSchema schema)
    {
        using var stream = new MemoryStream();
        ml.Model.Save(model, schema, stream);
        return stream.ToArray();
    }

    private static TrainedModel Binary(string name, Func<MLContext, IEstimator<ITransformer>> trainer)
    {
        var rows = SklearnData.Numbers("breast_cancer.csv", 1).Select(r => new CancerRow { Features = [.. r[..30].Select(v => (float)v)], Label = r[30] == 1 }).ToArray();
        var ml = Context();
        var data = ml.Data.LoadFromEnumerable(rows);
        var pipeline = ml.Transforms.NormalizeMinMax("Features").Append(trainer(ml));
        return new(name, Save(ml, pipeline.Fit(data), data.Schema), rows);
    }

    private static TrainedModel Multiclass()
    {
        var rows = SklearnData.Numbers("iris.csv", 1).Select(r => new IrisRow { Features = [.. r[..4].Select(v => (float)v)], Label = (float)r[4] }).ToArray();
        var ml = Context();
        var data = ml.Data.LoadFromEnumerable(rows);
        var pipeline = ml.Transforms.Conversion.MapValueToKey("Label")
            .Append(ml.Transforms.NormalizeMinMax("Features"))
            .Append(ml.MulticlassClassification.Trainers.SdcaMaximumEntropy());
        return new("multiclass-sdca", Save(ml, pipeline.Fit(data), data.Schema), rows);
    }

    private static TrainedModel Regression(string name, Func<MLContext, IEstimator<ITransformer>> trainer)
    {
        var rows = SklearnData.Numbers("boston_house_prices.csv", 2).Select(r => new HouseRow { Features = [.. r[..13].Select(v => (float)v)], MedianValue = (float)r[13] }).ToArray();
        var ml = Context();
        var data = ml.Data.LoadFromEnumerable(rows);
        var pipeline = ml.Transforms.NormalizeMeanVariance("Features").Append(trainer(ml));
        return new(name, Save(ml, pipeline.Fit(data), data.Schema), rows);
    }

    private static TrainedModel Text()
    {
        var rows = SklearnData.DescriptionSentences("iris", "wine_data", "breast_cancer", "diabetes").Select(s => new SentenceRow { Text = s.Text, Label = s.Label }).ToArray();
        var ml = Context();
        var data = ml.Data.LoadFromEnumerable(rows);
        var pipeline = ml.Transforms.Conversion.MapValueToKey("Label")
            .Append(ml.Transforms.Text.FeaturizeText("Features", "Text"))
            .Append(ml.MulticlassClassification.Trainers.SdcaMaximumEntropy(maximumNumberOfIterations: 20))
            .Append(ml.Transforms.Conversion.MapKeyToValue("PredictedLabel"));
        return new("text-sdca", Save(ml, pipeline.Fit(data), data.Schema), rows);
    }
}
