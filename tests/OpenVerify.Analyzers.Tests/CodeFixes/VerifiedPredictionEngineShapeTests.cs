using Microsoft.CodeAnalysis;
using OpenVerify.Analyzers.Tests.Infrastructure;
using OpenVerify.CodeFixes;

namespace OpenVerify.Analyzers.Tests.CodeFixes;

/// <summary>
/// OV0002's verified-engine fix on the shapes real code has: engines and models in fields and properties built in a
/// constructor or an initializer, models from streams and embedded resources, top-level statements. Every fixed
/// source is compiled against the real ML.NET and OpenVerify.ML (the test fails on any compiler error).
/// </summary>
public class VerifiedPredictionEngineShapeTests
{
    internal sealed class Test : AiCallCodeFixTest<VerifiedPredictionEngineCodeFixProvider>
    {
        public Test(string source, string fixedSource)
            : base(source + Classes, fixedSource + Classes)
        {
            TestState.AdditionalReferences.Add(MetadataReference.CreateFromFile(typeof(OpenVerify.ML.VerifiedMLModel).Assembly.Location));
            TestState.AdditionalReferences.Add(MetadataReference.CreateFromFile(typeof(OpenVerify.Receipt).Assembly.Location));

            // ML.NET's CustomMapping transform, for the pipelines that use one.
            TestState.AdditionalReferences.Add(MetadataReference.CreateFromFile(typeof(Microsoft.ML.CustomMappingCatalog).Assembly.Location));
        }

        /// <summary>Adds Microsoft.ML.ImageAnalytics (LoadImages, LoadRawImageBytes), for the image pipelines.</summary>
        public Test WithImages()
        {
            TestState.AdditionalReferences.Add(MetadataReference.CreateFromFile(typeof(Microsoft.ML.ImageEstimatorsCatalog).Assembly.Location));
            return this;
        }
    }

    private const string Classes = """

        public sealed class Input { public float X { get; set; } }

        public sealed class Output { public float Score { get; set; } }
        """;

    [Fact]
    public Task Fields_built_in_the_constructor() => new Test("""
        using System;
        using Microsoft.ML;

        public sealed class Scorer : IDisposable
        {
            private readonly MLContext _mlContext;
            private readonly ITransformer _model;
            private readonly PredictionEngine<Input, Output> _engine;

            public Scorer(string modelPath)
            {
                _mlContext = new MLContext();
                _model = _mlContext.Model.Load(modelPath, out var inputSchema);
                _engine = _mlContext.Model.CreatePredictionEngine<Input, Output>(_model, inputSchema);
            }

            public float Score(Input input) => {|OV0002:_engine.Predict(input)|}.Score;

            public void Warm(Input input)
            {
                {|OV0002:this._engine.Predict(input)|};
            }

            public void Dispose() => _engine.Dispose();
        }
        """, """
        using System;
        using Microsoft.ML;
        using OpenVerify.ML;

        public sealed class Scorer : IDisposable
        {
            private readonly MLContext _mlContext;
            private readonly VerifiedMLModel _model;
            private readonly VerifiedPredictionEngine<Input, Output> _engine;

            public Scorer(string modelPath)
            {
                _mlContext = new MLContext();
                _model = VerifiedMLModel.Load(_mlContext, modelPath);
                _engine = _model.CreatePredictionEngine<Input, Output>();
            }

            public float Score(Input input) => _engine.Predict(input).Value.Score;

            public void Warm(Input input)
            {
                this._engine.Predict(input);
            }

            public void Dispose() => _engine.Dispose();
        }
        """).RunAsync();

    [Fact]
    public Task Static_readonly_fields_with_initializers() => new Test("""
        using Microsoft.ML;

        public static class Sentiment
        {
            private const string ModelPath = "sentiment.zip";
            private static readonly MLContext Ml = new MLContext(seed: 0);
            private static readonly ITransformer Model = Ml.Model.Load(ModelPath, out _);
            private static readonly PredictionEngine<Input, Output> Engine = Ml.Model.CreatePredictionEngine<Input, Output>(Model);

            public static Output Predict(Input input) => {|OV0002:Engine.Predict(input)|};
        }
        """, """
        using Microsoft.ML;
        using OpenVerify.ML;

        public static class Sentiment
        {
            private const string ModelPath = "sentiment.zip";
            private static readonly MLContext Ml = new MLContext(seed: 0);
            private static readonly VerifiedMLModel Model = VerifiedMLModel.Load(Ml, ModelPath);
            private static readonly VerifiedPredictionEngine<Input, Output> Engine = Model.CreatePredictionEngine<Input, Output>();

            public static Output Predict(Input input) => Engine.Predict(input).Value;
        }
        """).RunAsync();

    [Fact]
    public Task Property_engine_with_the_model_loaded_inline_from_File_OpenRead() => new Test("""
        using System.IO;
        using Microsoft.ML;

        public class Scorer
        {
            public Scorer(MLContext ml, string path)
            {
                Engine = ml.Model.CreatePredictionEngine<Input, Output>(ml.Model.Load(File.OpenRead(path), out DataViewSchema schema));
            }

            private PredictionEngine<Input, Output> Engine { get; }

            public float Score(Input input)
            {
                var output = {|OV0002:Engine.Predict(input)|};
                return output.Score;
            }
        }
        """, """
        using System.IO;
        using Microsoft.ML;
        using OpenVerify.ML;

        public class Scorer
        {
            public Scorer(MLContext ml, string path)
            {
                Engine = VerifiedMLModel.Load(ml, path).CreatePredictionEngine<Input, Output>();
            }

            private VerifiedPredictionEngine<Input, Output> Engine { get; }

            public float Score(Input input)
            {
                var output = Engine.Predict(input).Value;
                return output.Score;
            }
        }
        """).RunAsync();

    [Fact]
    public Task Embedded_resource_and_other_streams() => new Test("""
        using System.IO;
        using System.Reflection;
        using Microsoft.ML;

        public class Scorer
        {
            private readonly PredictionEngine<Input, Output> _embedded;
            private readonly PredictionEngine<Input, Output> _streamed;

            public Scorer(MLContext ml, Stream modelStream)
            {
                var model = ml.Model.Load(typeof(Scorer).Assembly.GetManifestResourceStream("App.model.zip"), out _);
                _embedded = ml.Model.CreatePredictionEngine<Input, Output>(model);
                _streamed = ml.Model.CreatePredictionEngine<Input, Output>(ml.Model.Load(modelStream, out _));
            }

            public float Score(Input input) => {|OV0002:_embedded.Predict(input)|}.Score + {|OV0002:_streamed.Predict(input)|}.Score;
        }
        """, """
        using System.IO;
        using System.Reflection;
        using Microsoft.ML;
        using OpenVerify.ML;

        public class Scorer
        {
            private readonly VerifiedPredictionEngine<Input, Output> _embedded;
            private readonly VerifiedPredictionEngine<Input, Output> _streamed;

            public Scorer(MLContext ml, Stream modelStream)
            {
                var model = VerifiedMLModel.LoadEmbedded(ml, typeof(Scorer).Assembly, "App.model.zip");
                _embedded = model.CreatePredictionEngine<Input, Output>();
                _streamed = VerifiedMLModel.Load(ml, modelStream, "modelStream").CreatePredictionEngine<Input, Output>();
            }

            public float Score(Input input) => _embedded.Predict(input).Value.Score + _streamed.Predict(input).Value.Score;
        }
        """)
    {
        NumberOfFixAllIterations = 1,
    }.RunAsync();

    [Fact]
    public Task Other_uses_of_the_model_and_its_schema_go_through_the_verified_model() => new Test("""
        using Microsoft.ML;

        public class Scorer
        {
            private readonly MLContext _ml = new MLContext();
            private ITransformer _model;
            private DataViewSchema _schema;
            private PredictionEngine<Input, Output> _engine;

            public void Load(string path)
            {
                _model = _ml.Model.Load(path, out var schema);
                _schema = schema;
                _engine = _ml.Model.CreatePredictionEngine<Input, Output>(_model);
            }

            public IDataView ScoreAll(IDataView data) => _model.Transform(data);

            public Output Score(Input input) => {|OV0002:_engine.Predict(input)|};
        }
        """, """
        using Microsoft.ML;
        using OpenVerify.ML;

        public class Scorer
        {
            private readonly MLContext _ml = new MLContext();
            private VerifiedMLModel _model;
            private DataViewSchema _schema;
            private VerifiedPredictionEngine<Input, Output> _engine;

            public void Load(string path)
            {
                _model = VerifiedMLModel.Load(_ml, path);
                _schema = _model.InputSchema;
                _engine = _model.CreatePredictionEngine<Input, Output>();
            }

            public IDataView ScoreAll(IDataView data) => _model.Transformer.Transform(data);

            public Output Score(Input input) => _engine.Predict(input).Value;
        }
        """).RunAsync();

    [Fact]
    public Task Top_level_statements() => new Test("""
        using System;
        using Microsoft.ML;

        var ml = new MLContext();
        ITransformer model = ml.Model.Load("model.zip", out var schema);
        PredictionEngine<Input, Output> engine = ml.Model.CreatePredictionEngine<Input, Output>(model, schema);
        Console.WriteLine({|OV0002:engine.Predict(new Input { X = 1 })|}.Score);
        """, """
        using System;
        using Microsoft.ML;
        using OpenVerify.ML;

        var ml = new MLContext();
        var model = VerifiedMLModel.Load(ml, "model.zip");
        var engine = model.CreatePredictionEngine<Input, Output>();
        Console.WriteLine(engine.Predict(new Input { X = 1 }).Value.Score);
        """)
    {
        TestState = { OutputKind = OutputKind.ConsoleApplication },
        FixedState = { OutputKind = OutputKind.ConsoleApplication },
    }.RunAsync();

    [Fact]
    public Task Fix_all_rewrites_each_engine_once_and_a_shared_model_once()
    {
        const string before = """
            using Microsoft.ML;

            public class Scorer
            {
                private readonly ITransformer _model;
                private readonly PredictionEngine<Input, Output> _first;
                private readonly PredictionEngine<Input, Output> _second;

                public Scorer(MLContext ml)
                {
                    _model = ml.Model.Load("model.zip", out _);
                    _first = ml.Model.CreatePredictionEngine<Input, Output>(_model);
                    _second = ml.Model.CreatePredictionEngine<Input, Output>(_model);
                }

                public float A(Input input) => {|OV0002:_first.Predict(input)|}.Score + {|OV0002:_first.Predict(input)|}.Score;

                public float B(Input input) => {|OV0002:_second.Predict(input)|}.Score;
            }
            """;
        const string after = """
            using Microsoft.ML;
            using OpenVerify.ML;

            public class Scorer
            {
                private readonly VerifiedMLModel _model;
                private readonly VerifiedPredictionEngine<Input, Output> _first;
                private readonly VerifiedPredictionEngine<Input, Output> _second;

                public Scorer(MLContext ml)
                {
                    _model = VerifiedMLModel.Load(ml, "model.zip");
                    _first = _model.CreatePredictionEngine<Input, Output>();
                    _second = _model.CreatePredictionEngine<Input, Output>();
                }

                public float A(Input input) => _first.Predict(input).Value.Score + _first.Predict(input).Value.Score;

                public float B(Input input) => _second.Predict(input).Value.Score;
            }
            """;
        return new Test(before, after) { NumberOfFixAllIterations = 1 }.RunAsync();
    }

    [Fact]
    public Task One_engine_fixed_alone_leaves_the_other_on_the_model_s_transformer() => new Test("""
        using Microsoft.ML;

        public class Scorer
        {
            private readonly ITransformer _model;
            private readonly PredictionEngine<Input, Output> _first;
            private readonly PredictionEngine<Input, Output> _second;

            public Scorer(MLContext ml)
            {
                _model = ml.Model.Load("model.zip", out _);
                _first = ml.Model.CreatePredictionEngine<Input, Output>(_model);
                _second = ml.Model.CreatePredictionEngine<Input, Output>(_model);
            }

            public float A(Input input) => {|OV0002:_first.Predict(input)|}.Score;

            [OpenVerify.AllowUnverifiedAi("compared against the verified engine")]
            public float B(Input input) => _second.Predict(input).Score;
        }
        """, """
        using Microsoft.ML;
        using OpenVerify.ML;

        public class Scorer
        {
            private readonly VerifiedMLModel _model;
            private readonly VerifiedPredictionEngine<Input, Output> _first;
            private readonly PredictionEngine<Input, Output> _second;

            public Scorer(MLContext ml)
            {
                _model = VerifiedMLModel.Load(ml, "model.zip");
                _first = _model.CreatePredictionEngine<Input, Output>();
                _second = ml.Model.CreatePredictionEngine<Input, Output>(_model.Transformer);
            }

            public float A(Input input) => _first.Predict(input).Value.Score;

            [OpenVerify.AllowUnverifiedAi("compared against the verified engine")]
            public float B(Input input) => _second.Predict(input).Score;
        }
        """).RunAsync();

    [Fact]
    public Task A_schema_passed_by_name_in_an_event_handler() => new Test("""
        using System;
        using System.Threading.Tasks;
        using Microsoft.ML;

        public static class Handler
        {
            public static Task OnEvent(Input data)
            {
                var context = new MLContext();
                var model = context.Model.Load("./Model/housing-model.zip", out DataViewSchema inputSchema);
                var predictionEngine = context.Model.CreatePredictionEngine<Input, Output>(model, inputSchema: inputSchema);
                var prediction = {|OV0002:predictionEngine.Predict(data)|};
                Console.WriteLine($"Prediction is {prediction.Score}");
                return Task.CompletedTask;
            }
        }
        """, """
        using System;
        using System.Threading.Tasks;
        using Microsoft.ML;
        using OpenVerify.ML;

        public static class Handler
        {
            public static Task OnEvent(Input data)
            {
                var context = new MLContext();
                var model = VerifiedMLModel.Load(context, "./Model/housing-model.zip");
                var predictionEngine = model.CreatePredictionEngine<Input, Output>();
                var prediction = predictionEngine.Predict(data).Value;
                Console.WriteLine($"Prediction is {prediction.Score}");
                return Task.CompletedTask;
            }
        }
        """).RunAsync();

    private static Test NoFix(string source) => new(source, source);

    [Fact]
    public Task A_model_trained_in_the_program_is_pinned_from_its_saved_bytes() => new Test("""
        using System;
        using Microsoft.ML;

        var ml = new MLContext(seed: 0);
        var data = ml.Data.LoadFromEnumerable(new[] { new Input { X = 1 }, new Input { X = 2 } });
        var pipeline = ml.Transforms.CopyColumns("Score", "X");
        var model = pipeline.Fit(data);
        ml.Model.Save(model, data.Schema, "model.zip");
        var engine = ml.Model.CreatePredictionEngine<Input, Output>(model);
        Console.WriteLine({|OV0002:engine.Predict(new Input { X = 3 })|}.Score);

        var inline = ml.Model.CreatePredictionEngine<Input, Output>(pipeline.Fit(data), data.Schema);
        Console.WriteLine({|OV0002:inline.Predict(new Input { X = 4 })|}.Score);
        """, """
        using System;
        using Microsoft.ML;
        using OpenVerify.ML;

        var ml = new MLContext(seed: 0);
        var data = ml.Data.LoadFromEnumerable(new[] { new Input { X = 1 }, new Input { X = 2 } });
        var pipeline = ml.Transforms.CopyColumns("Score", "X");
        var model = VerifiedMLModel.FromTransformer(ml, pipeline.Fit(data), data.Schema, "model");
        model.Save("model.zip");
        var engine = model.CreatePredictionEngine<Input, Output>();
        Console.WriteLine(engine.Predict(new Input { X = 3 }).Value.Score);

        var inline = VerifiedMLModel.FromTransformer(ml, pipeline.Fit(data), data.Schema, "model").CreatePredictionEngine<Input, Output>();
        Console.WriteLine(inline.Predict(new Input { X = 4 }).Value.Score);
        """)
    {
        TestState = { OutputKind = OutputKind.ConsoleApplication },
        FixedState = { OutputKind = OutputKind.ConsoleApplication },
        NumberOfFixAllIterations = 1,
    }.RunAsync();

    [Fact]
    public Task No_fix_for_a_trained_model_saved_with_another_schema() => new Test("""
        using System;
        using Microsoft.ML;

        var ml = new MLContext(seed: 0);
        var data = ml.Data.LoadFromEnumerable(new[] { new Input { X = 1 }, new Input { X = 2 } });
        var other = ml.Data.LoadFromEnumerable(new[] { new Input { X = 5 } });
        var pipeline = ml.Transforms.CopyColumns("Score", "X");
        var model = pipeline.Fit(data);
        ml.Model.Save(model, other.Schema, "model.zip");
        var engine = ml.Model.CreatePredictionEngine<Input, Output>(model);
        Console.WriteLine({|OV0002:engine.Predict(new Input { X = 3 })|}.Score);
        """, """
        using System;
        using Microsoft.ML;

        var ml = new MLContext(seed: 0);
        var data = ml.Data.LoadFromEnumerable(new[] { new Input { X = 1 }, new Input { X = 2 } });
        var other = ml.Data.LoadFromEnumerable(new[] { new Input { X = 5 } });
        var pipeline = ml.Transforms.CopyColumns("Score", "X");
        var model = pipeline.Fit(data);
        ml.Model.Save(model, other.Schema, "model.zip");
        var engine = ml.Model.CreatePredictionEngine<Input, Output>(model);
        Console.WriteLine({|OV0002:engine.Predict(new Input { X = 3 })|}.Score);
        """)
    {
        TestState = { OutputKind = OutputKind.ConsoleApplication },
        FixedState = { OutputKind = OutputKind.ConsoleApplication },
    }.RunAsync();

    [Fact]
    public Task No_fix_for_a_model_passed_in_fitted_on_computed_data_or_with_a_custom_mapping() => NoFix("""
        using Microsoft.ML;

        public class Scorer
        {
            private readonly PredictionEngine<Input, Output> _given;
            private readonly PredictionEngine<Input, Output> _computed;

            public Scorer(MLContext ml, IEstimator<ITransformer> pipeline, ITransformer given)
            {
                _given = ml.Model.CreatePredictionEngine<Input, Output>(given);
                _computed = ml.Model.CreatePredictionEngine<Input, Output>(pipeline.Fit(ml.Data.LoadFromTextFile<Input>("train.csv")));
                var data = ml.Data.LoadFromEnumerable(new[] { new Input() });
                var mapping = ml.Transforms.CustomMapping<Input, Output>((i, o) => o.Score = i.X * 2, contractName: null);
                _custom = ml.Model.CreatePredictionEngine<Input, Output>(mapping.Fit(data));
            }

            // ML.NET saves a custom mapping only with a registered factory: pinning its saved bytes could fail at run time.
            private readonly PredictionEngine<Input, Output> _custom;

            public float Score(Input input) => {|OV0002:_given.Predict(input)|}.Score + {|OV0002:_computed.Predict(input)|}.Score + {|OV0002:_custom.Predict(input)|}.Score;
        }
        """).RunAsync();

    [Fact]
    public Task No_fix_when_a_column_has_a_type_receipts_do_not_cover() => NoFix("""
        using System;
        using Microsoft.ML;
        using Microsoft.ML.Data;

        public class Scorer
        {
            public float Score(MLContext ml, Reading reading)
            {
                var engine = ml.Model.CreatePredictionEngine<Reading, Output>(ml.Model.Load("sensor.zip", out _));
                return {|OV0002:engine.Predict(reading)|}.Score;
            }
        }

        public sealed class Reading
        {
            public float X { get; set; }

            public DateTime At { get; set; }

            [NoColumn]
            public object Tag { get; set; }
        }
        """).RunAsync();

    [Fact]
    public Task No_fix_when_the_engine_is_assigned_twice_shared_or_predicts_by_ref() => NoFix("""
        using Microsoft.ML;

        public class Scorer
        {
            private PredictionEngine<Input, Output> _reloaded;
            private readonly PredictionEngine<Input, Output> _shared;
            private readonly PredictionEngine<Input, Output> _byRef;

            public Scorer(MLContext ml)
            {
                _reloaded = ml.Model.CreatePredictionEngine<Input, Output>(ml.Model.Load("a.zip", out _));
                _shared = ml.Model.CreatePredictionEngine<Input, Output>(ml.Model.Load("b.zip", out _));
                _byRef = ml.Model.CreatePredictionEngine<Input, Output>(ml.Model.Load("c.zip", out _));
            }

            public void Reload(MLContext ml) => _reloaded = ml.Model.CreatePredictionEngine<Input, Output>(ml.Model.Load("a.zip", out _));

            public PredictionEngine<Input, Output> Shared => _shared;

            public float Score(Input input)
            {
                var output = new Output();
                {|OV0002:_byRef.Predict(input, ref output)|};
                return {|OV0002:_reloaded.Predict(input)|}.Score + {|OV0002:_shared.Predict(input)|}.Score + output.Score;
            }
        }
        """).RunAsync();

    [Fact]
    public Task No_fix_for_a_field_another_document_reaches() => new Test("""
        using Microsoft.ML;

        public class Scorer
        {
            internal PredictionEngine<Input, Output> Engine = new MLContext().Model.CreatePredictionEngine<Input, Output>(new MLContext().Model.Load("m.zip", out _));

            public Output Score(Input input) => {|OV0002:Engine.Predict(input)|};
        }
        """, """
        using Microsoft.ML;

        public class Scorer
        {
            internal PredictionEngine<Input, Output> Engine = new MLContext().Model.CreatePredictionEngine<Input, Output>(new MLContext().Model.Load("m.zip", out _));

            public Output Score(Input input) => {|OV0002:Engine.Predict(input)|};
        }
        """)
    {
        TestState = { Sources = { ("Other.cs", "class Other { void Reset(Scorer s) => s.Engine.Dispose(); }") } },
        FixedState = { Sources = { ("Other.cs", "class Other { void Reset(Scorer s) => s.Engine.Dispose(); }") } },
    }.RunAsync();

    [Fact]
    public Task No_fix_when_the_rewrite_would_not_compile() => NoFix("""
        using System.Collections.Generic;
        using Microsoft.ML;

        public class Scorer
        {
            private readonly PredictionEngine<Input, Output> _engine = new MLContext().Model.CreatePredictionEngine<Input, Output>(new MLContext().Model.Load("m.zip", out _));

            // A void lambda whose body would become `_engine.Predict(x).Value`, which is not a statement.
            public void Warm(List<Input> inputs) => inputs.ForEach(x => {|OV0002:_engine.Predict(x)|});
        }
        """).RunAsync();
}
