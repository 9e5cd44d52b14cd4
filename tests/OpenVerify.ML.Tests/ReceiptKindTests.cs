using System.Reflection;
using Microsoft.ML;
using Microsoft.ML.Data;
using OpenVerify.Testing;

namespace OpenVerify.ML.Tests;

/// <summary>The ML.NET kind is its own: never read as an ONNX inference receipt, or the reverse; batch scoring; rows as
/// tensors through the schema; refusals.</summary>
public sealed class ReceiptKindTests
{
    [SkippableFact]
    public void An_MLNet_receipt_is_never_read_as_an_ONNX_receipt_or_the_reverse()
    {
        using var harness = Harness.Create("binary-sdca");
        var (_, mlReceipt) = harness.Predict(harness.Rows[0]);
        using var onnx = VerifiedModel.FromBytes(TestModels.AddMul());
        var onnxReceipt = onnx.Run(new TensorSet([new("a", TensorValue.Create([1f, 2, 3, 4], 1, 4)), new("b", TensorValue.Create([1f, 2, 3, 4], 1, 4))]), new InferenceOptions { Signer = Harness.Key }).Receipt;

        // The same signed bytes under the other kind's payload type: the statement parser of that kind refuses them.
        var mlAsOnnx = Receipt.Parse(DsseEnvelope.Sign(Receipt.PayloadType, mlReceipt.Envelope.Payload, Harness.Key).ToJson());
        var r1 = Harness.Verifier.Verify(mlAsOnnx);
        r1.Checks.ShouldContain(c => c.Name == VerificationChecks.Statement && !c.Passed);
        r1.Succeeded.ShouldBeFalse();
        var onnxAsMl = Receipt.Parse(DsseEnvelope.Sign(MLNetReceipts.PayloadType, onnxReceipt.Envelope.Payload, Harness.Key).ToJson());
        var r2 = Harness.Verifier.Verify(onnxAsMl);
        r2.Checks.ShouldContain(c => c.Name == VerificationChecks.Statement && !c.Passed);
        r2.Succeeded.ShouldBeFalse();

        // A payload type swapped without re-signing breaks the signature (the PAE covers the type).
        var swapped = Receipt.Parse(new DsseEnvelope(Receipt.PayloadType, mlReceipt.Envelope.Payload, mlReceipt.Envelope.Signatures).ToJson());
        Harness.Verifier.Verify(swapped).Checks.ShouldContain(c => c.Name == VerificationChecks.Signature && !c.Passed);

        // Replay through the other kind's model is refused, never attempted.
        var viaOnnx = Harness.Verifier.Verify(mlReceipt, new ReceiptVerificationOptions { Inputs = harness.Inputs(harness.Rows[0]), ReplayModel = onnx });
        viaOnnx.Checks.ShouldContain(c => c.Name == VerificationChecks.Replay && !c.Passed);
        var viaMl = Harness.Verifier.Verify(onnxReceipt, new ReceiptVerificationOptions { Replayer = harness.Model });
        viaMl.Checks.Single(c => !c.Passed).Name.ShouldBe(VerificationChecks.Replay);
        Harness.Verifier.Verify(onnxReceipt).MLNetStatement.ShouldBeNull();
        Should.Throw<ReceiptFormatException>(() => MLNetReceipts.ReadStatementUnverified(onnxReceipt));
    }

    [SkippableFact]
    public void Batch_scoring_signs_one_receipt_per_row_or_one_Merkle_batch()
    {
        var trained = TrainedModels.Get("multiclass-sdca");
        var model = Harness.Load(trained);
        var data = model.Context.Data.LoadFromEnumerable(trained.Rows.Cast<IrisRow>().Take(20));
        var single = model.Score(data, ["PredictedLabel", "Score"], Harness.Signed);
        var batched = model.ScoreBatched(data, ["PredictedLabel", "Score"], Harness.Key);
        single.Count.ShouldBe(20);
        batched.Count.ShouldBe(20);
        batched.Select(b => b.Receipt.Envelope.Batch!.Root.ToJson()).Distinct().Count().ShouldBe(1);
        using var engine = model.CreatePredictionEngine<IrisRow, MulticlassPrediction>();
        for (var i = 0; i < 20; i++)
        {
            var row = (IrisRow)trained.Rows[i];
            foreach (var receipt in new[] { single[i].Receipt, batched[i].Receipt })
            {
                var result = Harness.Verifier.Verify(receipt.ToJson(), new ReceiptVerificationOptions { Inputs = engine.ReadInputs(row), Replayer = model, Require = RequiredChecks.Replay });
                result.Succeeded.ShouldBeTrue(string.Join("\n", result.Checks));
            }

            // The engine and the batch path map a row to the same tensors.
            engine.Predict(row, Harness.Signed).Receipt.ReadStatementUnverifiedMLNet().Predicate.Outputs.Digest
                .ShouldBe(MLNetReceipts.ReadStatementUnverified(single[i].Receipt).Predicate.Outputs.Digest);
        }
    }

    [SkippableFact]
    public void Rows_become_tensors_through_the_schema()
    {
        using var multiclass = Harness.Create("multiclass-sdca");
        var predicate = MLNetReceipts.ReadStatementUnverified(multiclass.Predict(multiclass.Rows[0]).Receipt).Predicate;
        Describe(predicate.Inputs).ShouldBe("Features:float[4] Label:float[]");
        Describe(predicate.Outputs).ShouldBe("PredictedLabel:uint32[] Score:float[3]"); // a key is its unsigned integer

        using var text = Harness.Create("text-sdca");
        var textPredicate = MLNetReceipts.ReadStatementUnverified(text.Predict(text.Rows[0]).Receipt).Predicate;
        Describe(textPredicate.Inputs).ShouldBe("Label:string[] Text:string[]");
        Describe(textPredicate.Outputs).ShouldBe("PredictedLabel:string[] Score:float[4]");

        using var binary = Harness.Create("binary-fasttree");
        Describe(MLNetReceipts.ReadStatementUnverified(binary.Predict(binary.Rows[0]).Receipt).Predicate.Outputs)
            .ShouldBe("PredictedLabel:bool[] Probability:float[] Score:float[]");

        // Column names are the schema's, not the C# property names (HouseRow.MedianValue is the column Label).
        using var regression = Harness.Create("regression-sdca");
        Describe(MLNetReceipts.ReadStatementUnverified(regression.Predict(regression.Rows[0]).Receipt).Predicate.Inputs).ShouldBe("Features:float[13] Label:float[]");
    }

    private static string Describe(TensorSetDescriptor set) => string.Join(" ", set.Tensors.Select(t => $"{t.Name}:{t.ElementType}[{string.Join(",", t.Shape)}]"));

    public sealed class Dated
    {
        public DateTime When { get; set; }

        public float Value { get; set; }
    }

    public sealed class DatedOut
    {
        public float Copy { get; set; }
    }

    [Fact]
    public void Unsupported_column_types_are_refused_clearly()
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(new[] { new Dated { When = DateTime.UnixEpoch, Value = 1 } });
        var transformer = ml.Transforms.CopyColumns("Copy", "Value").Fit(data);
        using var stream = new MemoryStream();
        ml.Model.Save(transformer, data.Schema, stream);
        var model = VerifiedMLModel.FromBytes(ml, stream.ToArray(), "dated.zip");
        model.Inputs.ShouldContain(c => c.Name == "When" && c.ElementType == null);
        var e = Should.Throw<ModelLoadException>(() => model.CreatePredictionEngine<Dated, DatedOut>());
        e.Message.ShouldContain("'When'");
        e.Message.ShouldContain("DateTime");
    }

    [Fact]
    public void Loading_pins_the_digest_before_MLNet_sees_the_bytes()
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(new[] { new DatedOut { Copy = 1 } });
        using var stream = new MemoryStream();
        ml.Model.Save(ml.Transforms.CopyColumns("Other", "Copy").Fit(data), data.Schema, stream);
        var bytes = stream.ToArray();
        var digest = Sha256Digest.Compute(bytes);
        using var folder = new TempFolder();
        var path = folder.File("model.zip");
        File.WriteAllBytes(path, bytes);

        VerifiedMLModel.Load(ml, path, digest).Digest.ShouldBe(digest);
        VerifiedMLModel.Load(ml, new MemoryStream(bytes), "model.zip", digest).Name.ShouldBe("model.zip");
        Should.Throw<ModelDigestMismatchException>(() => VerifiedMLModel.Load(ml, path, Sha256Digest.Compute([1, 2, 3])));
        Should.Throw<ModelLoadException>(() => VerifiedMLModel.Load(ml, folder.File("missing.zip"))).Message.ShouldContain("missing.zip");
        Should.Throw<ModelLoadException>(() => VerifiedMLModel.FromBytes(ml, TestModels.AddMul(), "model.onnx")).Message.ShouldContain("not a zip");
        Should.Throw<ModelLoadException>(() => VerifiedMLModel.LoadEmbedded(ml, Assembly.GetExecutingAssembly(), "nothing.zip")).Message.ShouldContain("nothing.zip");
    }
}

internal static class ReceiptExtensions
{
    public static MLNetStatement ReadStatementUnverifiedMLNet(this Receipt receipt) => MLNetReceipts.ReadStatementUnverified(receipt);
}

internal sealed class TempFolder : IDisposable
{
    public TempFolder() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "openverify-ml-tests-" + Guid.NewGuid().ToString("N"));

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
