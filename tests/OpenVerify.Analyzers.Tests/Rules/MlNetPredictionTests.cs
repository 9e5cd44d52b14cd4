using Microsoft.CodeAnalysis;
using OpenVerify.Analyzers.Configuration;
using OpenVerify.Analyzers.Rules;
using OpenVerify.Analyzers.Tests.Infrastructure;

namespace OpenVerify.Analyzers.Tests.Rules;

public class MlNetPredictionTests
{
    /// <summary>Microsoft.Extensions.ML and the time-series package are not served here: their types, under the same metadata names.</summary>
    private const string UnservedTypes = """
        namespace Microsoft.Extensions.ML
        {
            public class PredictionEnginePool<TData, TPrediction> where TData : class where TPrediction : class, new()
            {
                public TPrediction Predict(TData example) => new TPrediction();
                public TPrediction Predict(string modelName, TData example) => new TPrediction();
            }
        }

        namespace Microsoft.ML.Transforms.TimeSeries
        {
            public sealed class TimeSeriesPredictionEngine<TSrc, TDst> where TSrc : class where TDst : class, new()
            {
                public TDst Predict(TSrc example, int? horizon = null, float? confidenceLevel = null) => new TDst();
                public void Predict(TSrc example, ref TDst prediction, int? horizon = null, float? confidenceLevel = null) { }
                public void CheckPoint(Microsoft.ML.Runtime.IHostEnvironment env, string modelPath) { }
            }
        }

        public class Input { public float X { get; set; } }
        public class Output { public float Score { get; set; } }
        """;

    private const string Usings = """
        using System;
        using Microsoft.ML;
        using Microsoft.Extensions.ML;
        using Microsoft.ML.Transforms.TimeSeries;

        """;

    private static AnalyzerTest<UnverifiedAiCallAnalyzer> Test(string source) => new(Usings + source, UnservedTypes);

    [Fact]
    public Task Both_prediction_engine_overloads_are_reported() => Test("""
        class Predictor
        {
            Output Predict(PredictionEngine<Input, Output> engine, PredictionEngineBase<Input, Output> baseEngine, Input input)
            {
                var output = new Output();
                {|#0:engine.Predict(input, ref output)|};
                {|#1:baseEngine.Predict(input, ref output)|};
                return {|#2:engine.Predict(input)|};
            }
        }
        """).Expect(
            Expect.Call(Expect.MlNet, 0, "PredictionEngine.Predict"),
            Expect.Call(Expect.MlNet, 1, "PredictionEngineBase.Predict"),
            Expect.Call(Expect.MlNet, 2, "PredictionEngineBase.Predict")).RunAsync();

    [Fact]
    public Task Prediction_engine_pool_and_time_series_are_reported() => Test("""
        class Predictor
        {
            void Predict(PredictionEnginePool<Input, Output> pool, TimeSeriesPredictionEngine<Input, Output> forecast, Input input)
            {
                {|#0:pool.Predict(input)|};
                {|#1:pool.Predict("fraud", input)|};
                {|#2:forecast.Predict(input, horizon: 3)|};
                forecast.CheckPoint(null!, "model.zip");
            }
        }
        """).Expect(
            Expect.Call(Expect.MlNetPool, 0, "PredictionEnginePool.Predict"),
            Expect.Call(Expect.MlNetPool, 1, "PredictionEnginePool.Predict"),
            Expect.Call(Expect.MlNetTimeSeries, 2, "TimeSeriesPredictionEngine.Predict")).RunAsync();

    [Fact]
    public Task An_image_no_receipt_would_bind_is_named_in_the_message()
    {
        const string accept = "; or accept the call with [AllowUnverifiedAi(\"why\")] and pin the model file as a VerifiedModel item";
        var test = Test("""
            using Microsoft.ML.Data;

            class Images
            {
                void ImageObject(PredictionEngine<PictureInput, Output> engine) => {|#0:engine.Predict(new PictureInput())|};

                void ByPath(MLContext ml, IDataView data)
                {
                    var pipeline = ml.Transforms.LoadImages("Image", null, "Path").Append(ml.Transforms.ExtractPixels("Features", "Image"));
                    var model = pipeline.Fit(data);
                    var engine = ml.Model.CreatePredictionEngine<Input, Output>(model);
                    {|#1:engine.Predict(new Input())|};
                }

                void BytesInTheRow(MLContext ml, IDataView data, PredictionEngine<Input, Output> engine)
                {
                    var bytes = ml.Transforms.LoadRawImageBytes("Image", null, "Path").Fit(data).Transform(data);
                    {|#2:engine.Predict(new Input())|};
                }
            }

            class Loaded
            {
                void FromAFile(PredictionEngine<PathInput, Output> engine) => {|#3:engine.Predict(new PathInput())|};
            }

            class PictureInput { public MLImage? Picture { get; set; } }

            class PathInput { public string Path { get; set; } = ""; }
            """).Expect(
                new Microsoft.CodeAnalysis.Testing.DiagnosticResult(Expect.MlNetImage.Call.For(GateMode.Warn)).WithLocation(0).WithArguments(
                    "PredictionEngineBase.Predict",
                    "its input class 'PictureInput' holds the image as 'Picture' (MLImage), which a receipt cannot cover: put the encoded image bytes in a byte[] column, " +
                    "or the pixels in a float[] column that ConvertToImage turns into an image inside the model, so that the receipt binds them" + accept),
                new Microsoft.CodeAnalysis.Testing.DiagnosticResult(Expect.MlNetImage.Call.For(GateMode.Warn)).WithLocation(1).WithArguments(
                    "PredictionEngineBase.Predict",
                    "its model reads the image from the file named by a column (LoadImages in the pipeline), so a receipt would bind the path, not the image: " +
                    "run LoadRawImageBytes on the data before training so that the model takes the bytes in its input row, as ML.NET's ImageClassification samples do " +
                    "(OpenVerify.ML refuses a model that loads files)" + accept),
                Expect.Call(Expect.MlNet, 2, "PredictionEngineBase.Predict"),
                new Microsoft.CodeAnalysis.Testing.DiagnosticResult(Expect.MlNetImage.Call.For(GateMode.Warn)).WithLocation(3).WithArguments(
                    "PredictionEngineBase.Predict",
                    "its input class 'PathInput' carries 'Path', the column LoadImages in this file reads an image file from, so the model may read the image by its path " +
                    "and a receipt would bind the path, not the image: " +
                    "run LoadRawImageBytes on the data before training so that the model takes the bytes in its input row, as ML.NET's ImageClassification samples do " +
                    "(OpenVerify.ML refuses a model that loads files)" + accept));
        test.TestState.AdditionalReferences.Add(MetadataReference.CreateFromFile(typeof(Microsoft.ML.ImageEstimatorsCatalog).Assembly.Location));
        return test.RunAsync();
    }

    private const string Accept = "; or accept the call with [AllowUnverifiedAi(\"why\")] and pin the model file as a VerifiedModel item";

    [Fact]
    public Task A_column_no_receipt_covers_is_named_in_the_message() => Test("""
        class Dated
        {
            void ByDate(PredictionEngine<DatedInput, Output> engine) => {|#0:engine.Predict(new DatedInput())|};

            void ToDate(PredictionEngine<Input, DatedOutput> engine) => {|#1:engine.Predict(new Input())|};

            void Ignored(PredictionEngine<IgnoredInput, Output> engine) => {|#2:engine.Predict(new IgnoredInput())|};
        }

        class DatedInput { public float X { get; set; } public DateTime When { get; set; } }

        class DatedOutput { public DateTime Until; }

        class IgnoredInput { public float X { get; set; } [Microsoft.ML.Data.NoColumn] public DateTime When { get; set; } }
        """).Expect(
            Expect.HeldBack(Expect.MlNetHeldBack, 0, "PredictionEngineBase.Predict", Uncovered("input", "DatedInput", "When", "DateTime")),
            Expect.HeldBack(Expect.MlNetHeldBack, 1, "PredictionEngineBase.Predict", Uncovered("output", "DatedOutput", "Until", "DateTime")),
            Expect.Call(Expect.MlNet, 2, "PredictionEngineBase.Predict")).RunAsync();

    private static string Uncovered(string role, string type, string column, string columnType) =>
        $"its {role} class '{type}' has the column '{column}' of type '{columnType}', which a receipt cannot cover " +
        "(receipts cover numbers, Boolean and text, as scalars, arrays or VBuffers), so the verified engine refuses the class: " +
        "map the value to one of those types (a date as its ticks, an image as its encoded bytes in a byte[] column), or mark a member that is no column [NoColumn]" + Accept;

    [Fact]
    public Task A_model_fitted_with_a_custom_mapping_is_named_in_the_message()
    {
        var test = Test("""
        class Mapped
        {
            void Inline(MLContext ml, IDataView data, Action<Input, Output> map)
            {
                var model = ml.Transforms.Concatenate("Features", "X").Append(ml.Transforms.CustomMapping(map, "Map")).Fit(data);
                var engine = ml.Model.CreatePredictionEngine<Input, Output>(model);
                {|#0:engine.Predict(new Input())|};
            }

            void ThroughALocal(MLContext ml, IDataView data, Action<Input, Output> map)
            {
                var pipeline = ml.Transforms.CustomMapping(map, contractName: null);
                var engine = ml.Model.CreatePredictionEngine<Input, Output>(pipeline.Fit(data));
                {|#1:engine.Predict(new Input())|};
            }

            void Plain(MLContext ml, IDataView data)
            {
                var model = ml.Transforms.Concatenate("Features", "X").Fit(data);
                var engine = ml.Model.CreatePredictionEngine<Input, Output>(model);
                {|#2:engine.Predict(new Input())|};
            }
        }
        """).Expect(
            Expect.HeldBack(Expect.MlNetHeldBack, 0, "PredictionEngineBase.Predict", CustomMapping),
            Expect.HeldBack(Expect.MlNetHeldBack, 1, "PredictionEngineBase.Predict", CustomMapping),
            Expect.Call(Expect.MlNet, 2, "PredictionEngineBase.Predict"));
        test.TestState.AdditionalReferences.Add(MetadataReference.CreateFromFile(typeof(Microsoft.ML.CustomMappingCatalog).Assembly.Location));
        return test.RunAsync();
    }

    private const string CustomMapping =
        "its model is fitted in this code from a pipeline with a custom mapping (CustomMapping), which ML.NET saves only with a registered factory, so its saved bytes cannot pin it: " +
        "give the mapping a factory (a CustomMappingFactory<In, Out> with [CustomMappingFactoryAttribute]), register its assembly with mlContext.ComponentCatalog.RegisterAssembly, " +
        "save the model with mlContext.Model.Save(model, data.Schema, path) and predict through VerifiedMLModel.Load(mlContext, path, digest).CreatePredictionEngine<In, Out>() (OpenVerify.ML)" + Accept;

    [Fact]
    public Task An_engine_used_for_more_than_predicting_is_named_in_the_message() => Test("""
        class Labelled
        {
            void Schema(MLContext ml)
            {
                var model = ml.Model.Load("model.zip", out var schema);
                var engine = ml.Model.CreatePredictionEngine<Input, Output>(model);
                var labels = engine.OutputSchema["Score"];
                {|#0:engine.Predict(new Input())|};
                engine.Dispose();
            }

            void PassedOn(MLContext ml)
            {
                var model = ml.Model.Load("model.zip", out var schema);
                var engine = ml.Model.CreatePredictionEngine<Input, Output>(model);
                Keep(engine);
                {|#1:engine.Predict(new Input())|};
            }

            void Keep(PredictionEngine<Input, Output> engine) { }
        }
        """).Expect(
            Expect.HeldBack(Expect.MlNetHeldBack, 0, "PredictionEngineBase.Predict", EngineUse("engine.OutputSchema")),
            Expect.HeldBack(Expect.MlNetHeldBack, 1, "PredictionEngineBase.Predict", EngineUse("Keep(engine)"))).RunAsync();

    private static string EngineUse(string use) =>
        $"its engine is also used for '{use}', which OpenVerify.ML's VerifiedPredictionEngine does not offer: read it from the VerifiedMLModel instead " +
        "(OutputSchema, InputSchema, Transformer), then create the engine with VerifiedMLModel.Load(mlContext, path, digest).CreatePredictionEngine<In, Out>() " +
        "(or VerifiedMLModel.FromTransformer for a model trained in the program) and predict with engine.Predict(input).Value";

    [Fact]
    public Task A_model_whose_type_did_not_bind_is_named_in_the_message() => Test("""
        class Chained
        {
            void Score(MLContext ml, IDataView data)
            {
                var model = MissingTrainers.Ols(ml).Fit(data);
                var engine = ml.Model.CreatePredictionEngine<Input, Output>(model);
                {|#0:engine.Predict(new Input())|};
            }
        }
        """).IgnoringCompilerErrors().Expect(
            Expect.HeldBack(Expect.MlNetHeldBack, 0, "PredictionEngineBase.Predict",
                "its model 'model' has a type that did not bind here (a package reference missing, or code being typed), so no fix can tell what the model holds: " +
                "once it binds, the fix moves a model loaded, trained or chained in this code; by hand, pin it with VerifiedMLModel.FromTransformer(mlContext, model, data.Schema, name) " +
                "(a model trained in the program) or VerifiedMLModel.Load(mlContext, path, digest), and create the engine from that VerifiedMLModel" + Accept)).RunAsync();

    [Fact]
    public Task Transform_is_lazy_and_not_reported() => Test("""
        class Pipeline
        {
            IDataView Score(ITransformer model, IDataView data) => model.Transform(data);
        }
        """).RunAsync();

    [Fact]
    public Task A_users_own_predict_method_is_not_reported_only_the_engine_call_inside_it() => Test("""
        class FraudModel
        {
            private readonly PredictionEngine<Input, Output> _engine;

            public FraudModel(PredictionEngine<Input, Output> engine) => _engine = engine;

            public Output Predict(Input input) => {|#0:_engine.Predict(input)|};
        }

        class Caller
        {
            Output Use(FraudModel model) => model.Predict(new Input());
        }
        """).Expect(Expect.Call(Expect.MlNet, 0, "PredictionEngineBase.Predict")).RunAsync();

    [Fact]
    public Task A_method_group_of_predict_is_reported() => Test("""
        class Predictor
        {
            Func<Input, Output> Bind(PredictionEngine<Input, Output> engine) => {|#0:engine.Predict|};
        }
        """).Expect(Expect.Call(Expect.MlNet, 0, "PredictionEngineBase.Predict")).RunAsync();
}
