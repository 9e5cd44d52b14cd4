using Microsoft.ML;
using Microsoft.ML.Data;

namespace OpenVerify.ML.Tests;

/// <summary>
/// <see cref="VerifiedMLModel.FromTransformer"/>: a model trained in the program (the OV0002 fix's target for
/// <c>pipeline.Fit(data)</c>) predicts with receipts that a verifier replays from the bytes <c>Save</c> wrote.
/// </summary>
public sealed class TrainedInProgramTests
{
    [SkippableFact]
    public void A_model_fitted_in_the_program_predicts_with_receipts_a_verifier_replays_from_its_saved_bytes()
    {
        var rows = SklearnData.Numbers("breast_cancer.csv", 1)
            .Select(r => new CancerRow { Features = [.. r[..30].Select(v => (float)v)], Label = r[30] == 1 }).ToArray();
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(rows);
        var pipeline = ml.Transforms.NormalizeMinMax("Features").Append(ml.BinaryClassification.Trainers.SdcaLogisticRegression());
        var fitted = pipeline.Fit(data);

        var model = VerifiedMLModel.FromTransformer(ml, fitted, data.Schema, "cancer");
        using var engine = model.CreatePredictionEngine<CancerRow, BinaryPrediction>();
        var plain = ml.Model.CreatePredictionEngine<CancerRow, BinaryPrediction>(fitted);
        var path = Path.Combine(Path.GetTempPath(), $"ov-trained-{Guid.NewGuid():N}.zip");
        try
        {
            model.Save(path);
            Sha256Digest.Compute(File.ReadAllBytes(path)).ShouldBe(model.Digest);
            var replayer = VerifiedMLModel.Load(new MLContext(seed: 1), path, model.Digest);
            foreach (var row in rows.Take(8))
            {
                var prediction = engine.Predict(row, Harness.Signed);

                // The round trip through the saved bytes predicts what the fitted transformer predicts.
                prediction.Value.Probability.ShouldBe(plain.Predict(row).Probability);
                var result = Harness.Verifier.Verify(prediction.Receipt.ToJson(), new ReceiptVerificationOptions
                {
                    Inputs = engine.ReadInputs(row),
                    Outputs = engine.ReadOutputs(prediction.Value),
                    Replayer = replayer,
                    Require = RequiredChecks.Model | RequiredChecks.Inputs | RequiredChecks.Outputs | RequiredChecks.Replay,
                });
                result.Succeeded.ShouldBeTrue(string.Join("\n", result.Checks));
                result.Replay!.Verdict.ShouldBe(ReplayVerdict.Exact);
            }
        }
        finally
        {
            File.Delete(path);
        }
    }

    [SkippableFact]
    public void A_chain_assembled_by_hand_is_pinned_with_its_first_transformer_s_data_and_predicts_as_before()
    {
        // The OV0002 fix's shape for `fitted.Append(trainer.Fit(fitted.Transform(data)))`: the chain reads what its
        // first transformer reads, so data.Schema is its input schema.
        var rows = SklearnData.Numbers("breast_cancer.csv", 1)
            .Select(r => new CancerRow { Features = [.. r[..30].Select(v => (float)v)], Label = r[30] == 1 }).ToArray();
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(rows);
        var normalize = ml.Transforms.NormalizeMinMax("Features").Fit(data);
        var linear = ml.BinaryClassification.Trainers.SdcaLogisticRegression().Fit(normalize.Transform(data));
        var chain = normalize.Append(linear);

        var model = VerifiedMLModel.FromTransformer(ml, chain, data.Schema, "chain");
        using var engine = model.CreatePredictionEngine<CancerRow, BinaryPrediction>();
        var plain = ml.Model.CreatePredictionEngine<CancerRow, BinaryPrediction>(chain);
        foreach (var row in rows.Take(4))
        {
            var prediction = engine.Predict(row, Harness.Signed);
            prediction.Value.Probability.ShouldBe(plain.Predict(row).Probability);
            var result = Harness.Verifier.Verify(prediction.Receipt.ToJson(), new ReceiptVerificationOptions
            {
                Inputs = engine.ReadInputs(row),
                Outputs = engine.ReadOutputs(prediction.Value),
                Replayer = model,
                Require = RequiredChecks.Model | RequiredChecks.Inputs | RequiredChecks.Outputs | RequiredChecks.Replay,
            });
            result.Succeeded.ShouldBeTrue(string.Join("\n", result.Checks));
        }
    }

    [SkippableFact]
    public void A_model_keeps_its_own_copy_of_the_bytes_it_was_given()
    {
        var zip = (byte[])TrainedModels.Get("regression-sdca").Zip.Clone();
        var model = VerifiedMLModel.FromBytes(new MLContext(seed: 1), zip, "houses.zip", Sha256Digest.Compute(zip));
        Array.Clear(zip);
        using var saved = new MemoryStream();
        model.Save(saved);
        Sha256Digest.Compute(saved.ToArray()).ShouldBe(model.Digest);
    }

    [Fact]
    public void A_model_that_cannot_be_saved_is_refused_with_its_name() =>
        Should.Throw<ModelLoadException>(() => VerifiedMLModel.FromTransformer(new MLContext(), new NotSaveable(), new MLContext().Data.LoadFromEnumerable(Array.Empty<CancerRow>()).Schema, "custom"))
            .Message.ShouldContain("'custom'");

    /// <summary>A transformer of the user's own that ML.NET cannot save.</summary>
    private sealed class NotSaveable : ITransformer
    {
        public bool IsRowToRowMapper => false;

        public DataViewSchema GetOutputSchema(DataViewSchema inputSchema) => inputSchema;

        public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema) => throw new NotSupportedException();

        public IDataView Transform(IDataView input) => input;

        void ICanSaveModel.Save(ModelSaveContext ctx) => throw new NotSupportedException("not saveable");
    }
}
