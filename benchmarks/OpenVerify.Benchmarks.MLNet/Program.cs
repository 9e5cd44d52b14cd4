using System.Diagnostics;
using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using OpenVerify;
using OpenVerify.Batching;
using OpenVerify.ML;

// dotnet run -c Release --project benchmarks/OpenVerify.Benchmarks.MLNet [-- <sklearn datasets folder>]
// Trains an SDCA logistic regression and a FastTree classifier on scikit-learn's breast cancer data (Debian's
// python3-sklearn, as the tests use it), then times, in alternating rounds so that machine load hits every case alike:
// ML.NET's plain PredictionEngine, the verified engine (one Ed25519 receipt per prediction) and the verified engine
// with Merkle-batched receipts. Prints the median time per prediction and the ratio to the plain engine.
var folder = args.FirstOrDefault() ?? Environment.GetEnvironmentVariable("OPENVERIFY_SKLEARN_DATA") ?? "/tmp/sk/usr/lib/python3/dist-packages/sklearn/datasets";
var rows = File.ReadLines(Path.Combine(folder, "data", "breast_cancer.csv")).Skip(1)
    .Select(l => l.Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray())
    .Select(r => new Cancer { Features = [.. r[..30].Select(v => (float)v)], Label = r[30] == 1 })
    .ToArray();
var ml = new MLContext(seed: 1);
var data = ml.Data.LoadFromEnumerable(rows);
using var key = SigningKey.Generate();
var options = new InferenceOptions { Signer = key };
Console.WriteLine($"{Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, {System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}, ML.NET {VerifiedMLModel.MLNetVersion}");
foreach (var (name, trainer) in new (string, IEstimator<ITransformer>)[]
{
    ("SDCA logistic regression", ml.BinaryClassification.Trainers.SdcaLogisticRegression()),
    ("FastTree (20 trees)", ml.BinaryClassification.Trainers.FastTree(numberOfLeaves: 8, numberOfTrees: 20)),
})
{
    using var zip = new MemoryStream();
    ml.Model.Save(ml.Transforms.NormalizeMinMax("Features").Append(trainer).Fit(data), data.Schema, zip);
    var model = VerifiedMLModel.FromBytes(ml, zip.ToArray(), "cancer.zip");
    using var plain = ml.Model.CreatePredictionEngine<Cancer, Prediction>(model.Transformer, model.InputSchema);
    using var verified = model.CreatePredictionEngine<Cancer, Prediction>();
    await using var batching = new BatchingSigner(key, new BatchingSignerOptions { MaxBatchSize = 256 });
    const int ops = 512;
    var cases = new (string Name, Action Body)[]
    {
        ("plain PredictionEngine", () => { for (var i = 0; i < ops; i++) { plain.Predict(rows[i % rows.Length]); } }),
        ("verified, receipt per prediction", () => { for (var i = 0; i < ops; i++) { verified.Predict(rows[i % rows.Length], options); } }),
        ("verified, batched receipts", () => Task.WhenAll(Enumerable.Range(0, ops).Select(i => verified.PredictAsync(rows[i % rows.Length], batching))).GetAwaiter().GetResult()),
    };
    foreach (var (_, body) in cases)
    {
        body(); // warm up
    }

    var samples = cases.Select(_ => new List<double>()).ToArray();
    for (var round = 0; round < 15; round++)
    {
        for (var c = 0; c < cases.Length; c++)
        {
            var watch = Stopwatch.StartNew();
            cases[c].Body();
            samples[c].Add(watch.Elapsed.TotalMicroseconds / ops);
        }
    }

    // Where the time goes: the row mapping, and the receipt (statement, JSON, signature) on its own.
    var row = rows[0];
    var inputs = verified.ReadInputs(row);
    var outputs = verified.ReadOutputs(plain.Predict(row));
    var writer = new MLNetReceiptWriter("cancer.zip", model.Digest, VerifiedMLModel.MLNetVersion);
    var parts = new (string Name, Action Body)[]
    {
        ("  part: read the input row as tensors", () => { for (var i = 0; i < ops; i++) { verified.ReadInputs(row); } }),
        ("  part: build and sign the receipt", () => { for (var i = 0; i < ops; i++) { writer.Sign(inputs, outputs, options); } }),
        ("  part: Ed25519 signature alone", () => { for (var i = 0; i < ops; i++) { key.Sign(inputs.Count == 0 ? [] : new byte[600]); } }),
    };
    foreach (var (partName, body) in parts)
    {
        body();
        var watch = Stopwatch.StartNew();
        body();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{partName,-36} {watch.Elapsed.TotalMicroseconds / ops,9:F2} us"));
    }

    double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
    Console.WriteLine(name);
    for (var c = 0; c < cases.Length; c++)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {cases[c].Name,-34} {Median(samples[c]),9:F2} us/prediction   ratio {Median(samples[c]) / Median(samples[0]),6:F2}"));
    }
}

public sealed class Cancer
{
    [VectorType(30)]
    public float[] Features { get; set; } = [];

    public bool Label { get; set; }
}

public sealed class Prediction
{
    public bool PredictedLabel { get; set; }

    public float Score { get; set; }

    public float Probability { get; set; }
}
