using Test = OpenVerify.Analyzers.Tests.CodeFixes.VerifiedPredictionEngineShapeTests.Test;

namespace OpenVerify.Analyzers.Tests.CodeFixes;

/// <summary>
/// OV0002's verified-engine fix on image pipelines, compiled against the real ML.NET, Microsoft.ML.ImageAnalytics and
/// OpenVerify.ML: a model that takes the image's bytes in its input row is moved (the receipt binds the bytes), a model
/// that reads the image from a file named by a column is not (the receipt would bind the path).
/// </summary>
public class VerifiedPredictionEngineImageTests
{
    private const string ImageClasses = """

        public sealed class ImageData { public string ImagePath { get; set; } = ""; }

        public sealed class InMemoryImageData { public byte[] Image = new byte[0]; public string Label = ""; }

        public sealed class ImagePrediction { public float[] Features = new float[0]; }
        """;

    [Fact]
    public Task Bytes_loaded_into_the_rows_before_training_and_a_model_reloaded_through_a_using_file() => new Test("""
        using System;
        using System.IO;
        using Microsoft.ML;
        using Microsoft.ML.Data;

        public static class ImageClassification
        {
            public static void Example(MLContext mlContext, IDataView images, string folder)
            {
                // LoadRawImageBytes runs on the data, not in the model: the model takes the bytes in its "Image" column.
                var withBytes = mlContext.Transforms.LoadRawImageBytes("Image", folder, "ImagePath").Fit(images).Transform(images);
                var trainedModel = mlContext.Transforms.Conversion.ConvertType("Features", "Image", DataKind.Single).Fit(withBytes);
                mlContext.Model.Save(trainedModel, withBytes.Schema, "model.zip");

                ITransformer loadedModel;
                DataViewSchema schema;
                using (var file = File.OpenRead("model.zip"))
                    loadedModel = mlContext.Model.Load(file, out schema);

                Console.WriteLine(schema.Count);
                Evaluate(loadedModel, withBytes);
                TrySinglePrediction(mlContext, loadedModel, File.ReadAllBytes(Path.Combine(folder, "cat.jpg")));
            }

            private static void Evaluate(ITransformer model, IDataView data) => Console.WriteLine(model.Transform(data).Schema.Count);

            private static void TrySinglePrediction(MLContext mlContext, ITransformer trainedModel, byte[] image)
            {
                var predictionEngine = mlContext.Model.CreatePredictionEngine<InMemoryImageData, ImagePrediction>(trainedModel);
                var prediction = {|OV0002:predictionEngine.Predict(new InMemoryImageData { Image = image })|};
                Console.WriteLine(prediction.Features.Length);
            }
        }
        """ + ImageClasses, """
        using System;
        using System.IO;
        using Microsoft.ML;
        using Microsoft.ML.Data;
        using OpenVerify.ML;

        public static class ImageClassification
        {
            public static void Example(MLContext mlContext, IDataView images, string folder)
            {
                // LoadRawImageBytes runs on the data, not in the model: the model takes the bytes in its "Image" column.
                var withBytes = mlContext.Transforms.LoadRawImageBytes("Image", folder, "ImagePath").Fit(images).Transform(images);
                var trainedModel = mlContext.Transforms.Conversion.ConvertType("Features", "Image", DataKind.Single).Fit(withBytes);
                mlContext.Model.Save(trainedModel, withBytes.Schema, "model.zip");

                VerifiedMLModel loadedModel;
                using (var file = File.OpenRead("model.zip"))
                    loadedModel = VerifiedMLModel.Load(mlContext, "model.zip");

                Console.WriteLine(loadedModel.InputSchema.Count);
                Evaluate(loadedModel.Transformer, withBytes);
                TrySinglePrediction(mlContext, loadedModel, File.ReadAllBytes(Path.Combine(folder, "cat.jpg")));
            }

            private static void Evaluate(ITransformer model, IDataView data) => Console.WriteLine(model.Transform(data).Schema.Count);

            private static void TrySinglePrediction(MLContext mlContext, VerifiedMLModel trainedModel, byte[] image)
            {
                var predictionEngine = trainedModel.CreatePredictionEngine<InMemoryImageData, ImagePrediction>();
                var prediction = predictionEngine.Predict(new InMemoryImageData { Image = image }).Value;
                Console.WriteLine(prediction.Features.Length);
            }
        }
        """ + ImageClasses).WithImages().RunAsync();

    [Fact]
    public Task No_fix_where_the_model_reads_the_image_from_a_path_column() => NoFix("""
        using System;
        using Microsoft.ML;
        using Microsoft.ML.Data;

        public static class ByPath
        {
            public static void RawBytesInTheModel(MLContext ml, IDataView data, string folder)
            {
                var pipeline = ml.Transforms.LoadRawImageBytes("Image", folder, "ImagePath")
                    .Append(ml.Transforms.Conversion.ConvertType("Features", "Image", DataKind.Single));
                var model = pipeline.Fit(data);
                var engine = ml.Model.CreatePredictionEngine<ImageData, ImagePrediction>(model);
                Console.WriteLine({|OV0002:engine.Predict(new ImageData { ImagePath = "cat.jpg" })|}.Features.Length);
            }

            public static void PixelsFromAFile(MLContext ml, IDataView data, string folder)
            {
                var model = ml.Transforms.LoadImages("Image", folder, "ImagePath")
                    .Append(ml.Transforms.ResizeImages("Image", 8, 8))
                    .Append(ml.Transforms.ExtractPixels("Features", "Image"))
                    .Fit(data);
                var engine = ml.Model.CreatePredictionEngine<ImageData, ImagePrediction>(model);
                Console.WriteLine({|OV0002:engine.Predict(new ImageData { ImagePath = "cat.jpg" })|}.Features.Length);
            }
        }
        """ + ImageClasses).WithImages().RunAsync();

    [Fact]
    public Task No_fix_for_a_model_loaded_from_a_file_this_code_builds_with_an_image_loader_over_the_input_s_column() => NoFix("""
        using System;
        using System.IO;
        using Microsoft.ML;
        using Microsoft.ML.Data;

        public static class SavedWithTheLoader
        {
            public static void Train(MLContext ml, IDataView data, string folder)
            {
                var model = ml.Transforms.LoadRawImageBytes("Image", folder, nameof(ImageData.ImagePath))
                    .Append(ml.Transforms.Conversion.ConvertType("Features", "Image", DataKind.Single))
                    .Fit(data);
                ml.Model.Save(model, data.Schema, "model.zip");
            }

            public static void Predict(MLContext ml)
            {
                var loaded = ml.Model.Load("model.zip", out _);
                var engine = ml.Model.CreatePredictionEngine<ImageData, ImagePrediction>(loaded);
                Console.WriteLine({|OV0002:engine.Predict(new ImageData { ImagePath = "cat.jpg" })|}.Features.Length);
            }
        }
        """ + ImageClasses).WithImages().RunAsync();

    [Fact]
    public Task No_fix_where_the_schema_local_is_written_again() => NoFix("""
        using System;
        using Microsoft.ML;

        public static class Reload
        {
            public static void Example(MLContext ml, IDataView data)
            {
                ITransformer model;
                DataViewSchema schema;
                model = ml.Model.Load("model.zip", out schema);
                schema = data.Schema;
                var engine = ml.Model.CreatePredictionEngine<InMemoryImageData, ImagePrediction>(model);
                Console.WriteLine({|OV0002:engine.Predict(new InMemoryImageData())|}.Features.Length + schema.Count);
            }
        }
        """ + ImageClasses).WithImages().RunAsync();

    [Fact]
    public Task Fix_all_removes_each_schema_local_of_two_models_reloaded_in_one_block() => new Test("""
        using System;
        using Microsoft.ML;

        public static class TwoModels
        {
            public static void Example(MLContext ml)
            {
                ITransformer first;
                DataViewSchema firstSchema;
                first = ml.Model.Load("first.zip", out firstSchema);
                ITransformer second;
                DataViewSchema secondSchema;
                second = ml.Model.Load("second.zip", out secondSchema);
                Console.WriteLine(firstSchema.Count + secondSchema.Count);
                var a = ml.Model.CreatePredictionEngine<InMemoryImageData, ImagePrediction>(first);
                var b = ml.Model.CreatePredictionEngine<InMemoryImageData, ImagePrediction>(second);
                Console.WriteLine({|OV0002:a.Predict(new InMemoryImageData())|}.Features.Length);
                Console.WriteLine({|OV0002:b.Predict(new InMemoryImageData())|}.Features.Length);
            }
        }
        """ + ImageClasses, """
        using System;
        using Microsoft.ML;
        using OpenVerify.ML;

        public static class TwoModels
        {
            public static void Example(MLContext ml)
            {
                VerifiedMLModel first;
                first = VerifiedMLModel.Load(ml, "first.zip");
                VerifiedMLModel second;
                second = VerifiedMLModel.Load(ml, "second.zip");
                Console.WriteLine(first.InputSchema.Count + second.InputSchema.Count);
                var a = first.CreatePredictionEngine<InMemoryImageData, ImagePrediction>();
                var b = second.CreatePredictionEngine<InMemoryImageData, ImagePrediction>();
                Console.WriteLine(a.Predict(new InMemoryImageData()).Value.Features.Length);
                Console.WriteLine(b.Predict(new InMemoryImageData()).Value.Features.Length);
            }
        }
        """ + ImageClasses).WithImages().RunAsync();

    private static Test NoFix(string source) => new(source, source);
}
