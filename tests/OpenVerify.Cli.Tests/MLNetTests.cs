using System.Text.Json;
using Microsoft.ML;
using Microsoft.ML.Data;
using OpenVerify.ML;

namespace OpenVerify.Cli.Tests;

/// <summary><c>openverify inspect model.zip</c> and <c>openverify verify --model model.zip --replay --input-row</c>.</summary>
public sealed class MLNetTests : IDisposable
{
    private readonly CliRunner _runner = new();

    public void Dispose() => _runner.Dispose();

    public sealed class Row
    {
        [VectorType(3)]
        public float[] Features { get; set; } = [];

        public string Note { get; set; } = string.Empty;

        public float Label { get; set; }
    }

    public sealed class Prediction
    {
        public float Score { get; set; }
    }

    /// <summary>A small SDCA regression, y = 2a − b + c/2 with a text column that the model carries but does not use.</summary>
    private string TrainModel()
    {
        var ml = new MLContext(seed: 1);
        var rows = Enumerable.Range(0, 40).Select(i => new Row { Features = [i % 7, i % 5, i % 3], Note = $"row {i}", Label = 2f * (i % 7) - (i % 5) + (i % 3) / 2f }).ToArray();
        var data = ml.Data.LoadFromEnumerable(rows);
        var model = ml.Regression.Trainers.Sdca(maximumNumberOfIterations: 20).Fit(data);
        var path = _runner.PathOf("model.zip");
        ml.Model.Save(model, data.Schema, path);
        return path;
    }

    [Fact]
    public async Task Inspect_prints_the_schema_of_an_MLNet_model()
    {
        var path = TrainModel();
        var result = await CliRunner.Run("inspect", path);
        result.ExitCode.ShouldBe(0, result.ToString());
        result.Stdout.ShouldContain(Sha256Digest.Compute(File.ReadAllBytes(path)).ToString());
        result.Stdout.ShouldContain("mlnet-zip (ML.NET 5.0.1)");
        result.Stdout.ShouldContain("Features");
        result.Stdout.ShouldContain("Vector<Single, 3>");
        result.Stdout.ShouldContain("Score");
        result.Stdout.ShouldContain("Verified predictions: yes");

        var json = await CliRunner.Run("inspect", path, "--json");
        json.ExitCode.ShouldBe(0, json.ToString());
        using var document = JsonDocument.Parse(json.Stdout);
        var root = document.RootElement;
        root.GetProperty("format").GetString().ShouldBe("mlnet-zip");
        root.GetProperty("inputs").EnumerateArray().Select(c => $"{c.GetProperty("name").GetString()}:{c.GetProperty("elementType").GetString()}")
            .ShouldBe(["Features:float", "Note:string", "Label:float"]);
        root.GetProperty("outputs").EnumerateArray().ShouldContain(c => c.GetProperty("name").GetString() == "Score");
    }

    [Fact]
    public async Task Verify_checks_and_replays_an_MLNet_receipt_from_its_input_row()
    {
        var path = TrainModel();
        var (keyPath, pubPath) = await _runner.KeyPair();
        var key = SigningKey.Load(keyPath);
        var model = VerifiedMLModel.Load(new MLContext(seed: 1), path);
        using var engine = model.CreatePredictionEngine<Row, Prediction>();
        var row = new Row { Features = [3, 1, 2], Note = "héllo", Label = 0 };
        var receiptPath = _runner.PathOf("receipt.json");
        File.WriteAllText(receiptPath, engine.Predict(row, new InferenceOptions { Signer = key }).Receipt.ToJson());
        var rowJson = """{"Features": [3, 1, 2], "Note": "héllo", "Label": 0}""";

        var ok = await CliRunner.Run("verify", receiptPath, "--trust", pubPath, "--model", path, "--replay", "--input-row", rowJson);
        ok.ExitCode.ShouldBe(0, ok.ToString());
        ok.Stdout.ShouldContain("ML.NET model: model.zip");
        ok.Stdout.ShouldContain("exact");
        ok.Stdout.ShouldContain("VERIFIED");

        // The row in a file works the same; another row fails the inputs check and the replay.
        var rowFile = _runner.PathOf("row.json");
        File.WriteAllText(rowFile, rowJson.Replace("[3, 1, 2]", "[3, 1, 3]", StringComparison.Ordinal));
        var changed = await CliRunner.Run("verify", receiptPath, "--trust", pubPath, "--model", path, "--replay", "--input-row", rowFile);
        changed.ExitCode.ShouldBe(1, changed.ToString());
        changed.Stdout.ShouldContain("NOT VERIFIED");

        // A row that does not fit the schema is a usage error that says which column.
        var bad = await CliRunner.Run("verify", receiptPath, "--trust", pubPath, "--model", path, "--replay", "--input-row", """{"Nope": 1}""");
        bad.ExitCode.ShouldNotBe(0);
        bad.Stderr.ShouldContain("Nope");

        // Without a replay, verify still checks the ML.NET receipt's signature and model digest.
        var plain = await CliRunner.Run("verify", receiptPath, "--trust", pubPath, "--model", path);
        plain.ExitCode.ShouldBe(0, plain.ToString());
    }
}
