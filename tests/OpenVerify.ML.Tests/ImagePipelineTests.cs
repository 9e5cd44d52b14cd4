using Microsoft.ML;
using Microsoft.ML.Data;
using OpenVerify.Testing;

namespace OpenVerify.ML.Tests;

/// <summary>
/// Image and ONNX pipelines through the real Microsoft.ML.ImageAnalytics and Microsoft.ML.OnnxTransformer packages: which
/// bytes a receipt binds. A model that reads its images from files named by a column is refused (the receipt would bind
/// the path); an image carried in the row is bound with the row; an ONNX model applied in the pipeline is saved inside
/// the .zip, so the model digest binds its bytes.
/// </summary>
public sealed class ImagePipelineTests
{
    private const int Side = 4;

    [Fact]
    public void A_model_that_loads_images_by_path_is_refused_with_what_to_do()
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(new[] { new PathRow { ImagePath = "cat.png" } });
        var byPath = ml.Transforms.LoadImages("Image", imageFolder: Path.GetTempPath(), inputColumnName: nameof(PathRow.ImagePath))
            .Append(ml.Transforms.ResizeImages("Image", Side, Side))
            .Append(ml.Transforms.ExtractPixels("Pixels", "Image"))
            .Fit(data);

        var trained = Should.Throw<ModelLoadException>(() => VerifiedMLModel.FromTransformer(ml, byPath, data.Schema, "by-path"));
        trained.Message.ShouldContain("'ImagePath'");
        trained.Message.ShouldContain("a receipt would bind the path, not the image");
        trained.Message.ShouldContain("byte[] column");

        // The same model saved and loaded from its .zip (what VerifiedMLModel.Load reads) is refused as well.
        using var zip = new MemoryStream();
        ml.Model.Save(byPath, data.Schema, zip);
        Should.Throw<ModelLoadException>(() => VerifiedMLModel.FromBytes(ml, zip.ToArray(), "by-path.zip")).Message.ShouldContain("'ImagePath'");

        // LoadRawImageBytes inside the model reads the file too.
        var rawBytes = ml.Transforms.LoadRawImageBytes("Bytes", Path.GetTempPath(), nameof(PathRow.ImagePath)).Fit(data);
        Should.Throw<ModelLoadException>(() => VerifiedMLModel.FromTransformer(ml, rawBytes, data.Schema, "raw")).Message.ShouldContain("LoadRawImageBytes");
    }

    [Fact]
    public void An_image_carried_in_the_row_is_bound_by_the_receipt_and_replays()
    {
        var ml = new MLContext(seed: 1);
        var rows = Enumerable.Range(0, 3).Select(Image).ToArray();
        var data = ml.Data.LoadFromEnumerable(rows);
        var fitted = ml.Transforms.ConvertToImage(Side, Side, "Image", nameof(PixelRow.Pixels))
            .Append(ml.Transforms.ConvertToGrayscale("Gray", "Image"))
            .Append(ml.Transforms.ExtractPixels("Features", "Gray"))
            .Fit(data);

        var model = VerifiedMLModel.FromTransformer(ml, fitted, data.Schema, "pixels");
        using var engine = model.CreatePredictionEngine<PixelRow, GrayPrediction>();
        var plain = ml.Model.CreatePredictionEngine<PixelRow, GrayPrediction>(fitted);
        var replayer = VerifiedMLModel.FromBytes(new MLContext(seed: 1), Save(model), "pixels", model.Digest);
        var prediction = engine.Predict(rows[1], Harness.Signed);
        prediction.Value.Features.ShouldBe(plain.Predict(rows[1]).Features);

        var result = Harness.Verifier.Verify(prediction.Receipt.ToJson(), new ReceiptVerificationOptions
        {
            Inputs = engine.ReadInputs(rows[1]),
            Outputs = engine.ReadOutputs(prediction.Value),
            Replayer = replayer,
            Require = RequiredChecks.Model | RequiredChecks.Inputs | RequiredChecks.Outputs | RequiredChecks.Replay,
        });
        result.Succeeded.ShouldBeTrue(string.Join("\n", result.Checks));
        result.Replay!.Verdict.ShouldBe(ReplayVerdict.Exact);

        // The receipt binds the pixels: another image does not verify against it.
        Harness.Verifier.Verify(prediction.Receipt.ToJson(), new ReceiptVerificationOptions { Inputs = engine.ReadInputs(rows[2]), Require = RequiredChecks.Inputs })
            .Succeeded.ShouldBeFalse();
    }

    [Fact]
    public void Encoded_image_bytes_in_the_row_are_bound_byte_for_byte()
    {
        // ML.NET's ImageClassification trainer reads a byte[] column of encoded images (Microsoft.ML.Vision, not restorable
        // here); any model with such a column maps it to a uint8 tensor of exactly those bytes.
        var ml = new MLContext(seed: 1);
        var rows = new[] { new BytesRow { Image = [0x89, 0x50, 0x4E, 0x47, 1, 2, 3] }, new BytesRow { Image = [0x89, 0x50, 0x4E, 0x47, 1, 2, 4] } };
        var data = ml.Data.LoadFromEnumerable(rows);
        var fitted = ml.Transforms.Conversion.ConvertType("Features", nameof(BytesRow.Image), DataKind.Single).Fit(data);
        var model = VerifiedMLModel.FromTransformer(ml, fitted, data.Schema, "bytes");
        using var engine = model.CreatePredictionEngine<BytesRow, FeaturesPrediction>();

        var inputs = engine.ReadInputs(rows[0]);
        ((TensorValue<byte>)inputs["Image"]).ToArray().ShouldBe(rows[0].Image);
        var prediction = engine.Predict(rows[0], Harness.Signed);
        Harness.Verifier.Verify(prediction.Receipt.ToJson(), new ReceiptVerificationOptions { Inputs = inputs, Require = RequiredChecks.Inputs }).Succeeded.ShouldBeTrue();
        Harness.Verifier.Verify(prediction.Receipt.ToJson(), new ReceiptVerificationOptions { Inputs = engine.ReadInputs(rows[1]), Require = RequiredChecks.Inputs })
            .Succeeded.ShouldBeFalse();
    }

    [Fact]
    public void An_onnx_model_applied_in_the_pipeline_is_saved_in_the_zip_and_bound_by_its_digest()
    {
        var onnxPath = Path.Combine(Path.GetTempPath(), $"ov-tiny-{Guid.NewGuid():N}.onnx");
        File.WriteAllBytes(onnxPath, TestModels.Tiny());
        VerifiedMLModel model;
        var ml = new MLContext(seed: 1);
        var row = new TinyRow { X = [1, 2, 3, 4, 5, 6, 7, 8] };
        try
        {
            var data = ml.Data.LoadFromEnumerable(new[] { row });
            var fitted = ml.Transforms.ApplyOnnxModel("y", "x", onnxPath).Fit(data);
            model = VerifiedMLModel.FromTransformer(ml, fitted, data.Schema, "tiny-onnx");
        }
        finally
        {
            File.Delete(onnxPath);
        }

        // The .onnx file is gone: the model predicts, and a verifier replays, from the bytes its digest names.
        using var engine = model.CreatePredictionEngine<TinyRow, TinyPrediction>();
        var prediction = engine.Predict(row, Harness.Signed);
        prediction.Value.Y.ShouldBe(row.X.Zip(TestModels.TinyBias, (x, b) => x + b).ToArray());
        var replayer = VerifiedMLModel.FromBytes(new MLContext(seed: 1), Save(model), "tiny-onnx", model.Digest);
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

    private static byte[] Save(VerifiedMLModel model)
    {
        using var bytes = new MemoryStream();
        model.Save(bytes);
        return bytes.ToArray();
    }

    private static PixelRow Image(int seed) =>
        new() { Pixels = [.. Enumerable.Range(0, Side * Side * 3).Select(i => (float)((i * 37 + seed * 101) % 256))] };

    public sealed class PathRow
    {
        public string ImagePath { get; set; } = string.Empty;
    }

    public sealed class PixelRow
    {
        [VectorType(Side * Side * 3)]
        public float[] Pixels { get; set; } = [];
    }

    public sealed class GrayPrediction
    {
        public float[] Features { get; set; } = [];
    }

    public sealed class BytesRow
    {
        public byte[] Image { get; set; } = [];
    }

    public sealed class FeaturesPrediction
    {
        public float[] Features { get; set; } = [];
    }

    public sealed class TinyRow
    {
        [VectorType(8)]
        [ColumnName("x")]
        public float[] X { get; set; } = [];
    }

    public sealed class TinyPrediction
    {
        [ColumnName("y")]
        public float[] Y { get; set; } = [];
    }
}
