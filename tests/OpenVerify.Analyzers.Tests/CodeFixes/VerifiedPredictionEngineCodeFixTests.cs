using Microsoft.CodeAnalysis;
using OpenVerify.Analyzers.Tests.Infrastructure;
using OpenVerify.CodeFixes;

namespace OpenVerify.Analyzers.Tests.CodeFixes;

/// <summary>OV0002: <c>CreatePredictionEngine</c> + <c>Predict</c> on a model loaded from a path become OpenVerify.ML's
/// verified engine; the fixed code compiles against the real OpenVerify.ML.</summary>
public class VerifiedPredictionEngineCodeFixTests
{
    private sealed class Test : AiCallCodeFixTest<VerifiedPredictionEngineCodeFixProvider>
    {
        public Test(string source, string fixedSource, bool withOpenVerifyML = true)
            : base(source, fixedSource)
        {
            if (withOpenVerifyML)
            {
                TestState.AdditionalReferences.Add(MetadataReference.CreateFromFile(typeof(OpenVerify.ML.VerifiedMLModel).Assembly.Location));
                TestState.AdditionalReferences.Add(MetadataReference.CreateFromFile(typeof(OpenVerify.Receipt).Assembly.Location));
            }
        }
    }

    private const string Classes = """

        public sealed class Input { public float X { get; set; } }

        public sealed class Output { public float Score { get; set; } }
        """;

    [Fact]
    public Task Rewrites_the_engine_and_its_predictions() => new Test("""
        using Microsoft.ML;

        class Scorer
        {
            public float Score(MLContext mlContext, string path, Input input)
            {
                var model = mlContext.Model.Load(path, out _);
                var engine = mlContext.Model.CreatePredictionEngine<Input, Output>(model);
                var first = {|OV0002:engine.Predict(input)|};
                return first.Score + {|OV0002:engine.Predict(new Input { X = 2 })|}.Score;
            }
        }
        """ + Classes, """
        using Microsoft.ML;
        using OpenVerify.ML;

        class Scorer
        {
            public float Score(MLContext mlContext, string path, Input input)
            {
                var model = VerifiedMLModel.Load(mlContext, path);
                var engine = model.CreatePredictionEngine<Input, Output>();
                var first = engine.Predict(input).Value;
                return first.Score + engine.Predict(new Input { X = 2 }).Value.Score;
            }
        }
        """ + Classes).RunAsync();

    [Fact]
    public Task Explicit_types_become_var_and_an_unused_schema_goes() => new Test("""
        using Microsoft.ML;

        class Scorer
        {
            public Output Score(MLContext ml, Input input)
            {
                ITransformer model = ml.Model.Load("model.zip", out var schema);
                using PredictionEngine<Input, Output> engine = ml.Model.CreatePredictionEngine<Input, Output>(model);
                return {|OV0002:engine.Predict(input)|};
            }
        }
        """ + Classes, """
        using Microsoft.ML;
        using OpenVerify.ML;

        class Scorer
        {
            public Output Score(MLContext ml, Input input)
            {
                var model = VerifiedMLModel.Load(ml, "model.zip");
                using var engine = model.CreatePredictionEngine<Input, Output>();
                return engine.Predict(input).Value;
            }
        }
        """ + Classes).RunAsync();

    [Fact]
    public Task Fix_all_rewrites_every_engine_in_the_document()
    {
        const string before = """
            using Microsoft.ML;

            class Scorer
            {
                public float A(MLContext ml, Input input)
                {
                    var model = ml.Model.Load("a.zip", out _);
                    var engine = ml.Model.CreatePredictionEngine<Input, Output>(model);
                    return {|OV0002:engine.Predict(input)|}.Score;
                }

                public float B(MLContext ml, Input input)
                {
                    var model = ml.Model.Load("b.zip", out _);
                    var engine = ml.Model.CreatePredictionEngine<Input, Output>(model);
                    return {|OV0002:engine.Predict(input)|}.Score;
                }
            }
            """;
        const string after = """
            using Microsoft.ML;
            using OpenVerify.ML;

            class Scorer
            {
                public float A(MLContext ml, Input input)
                {
                    var model = VerifiedMLModel.Load(ml, "a.zip");
                    var engine = model.CreatePredictionEngine<Input, Output>();
                    return engine.Predict(input).Value.Score;
                }

                public float B(MLContext ml, Input input)
                {
                    var model = VerifiedMLModel.Load(ml, "b.zip");
                    var engine = model.CreatePredictionEngine<Input, Output>();
                    return engine.Predict(input).Value.Score;
                }
            }
            """;
        var test = new Test(before + Classes, after + Classes) { NumberOfFixAllIterations = 1 };
        return test.RunAsync();
    }

    [Fact]
    public Task Other_uses_of_the_model_go_through_its_transformer_and_the_schema_passed_on_goes() => new Test("""
        using Microsoft.ML;

        class Scorer
        {
            public float Score(MLContext ml, Input input, IDataView data)
            {
                var model = ml.Model.Load("model.zip", out var schema);
                var engine = ml.Model.CreatePredictionEngine<Input, Output>(model, schema);
                var scored = model.Transform(data);
                return {|OV0002:engine.Predict(input)|}.Score;
            }
        }
        """ + Classes, """
        using Microsoft.ML;
        using OpenVerify.ML;

        class Scorer
        {
            public float Score(MLContext ml, Input input, IDataView data)
            {
                var model = VerifiedMLModel.Load(ml, "model.zip");
                var engine = model.CreatePredictionEngine<Input, Output>();
                var scored = model.Transformer.Transform(data);
                return engine.Predict(input).Value.Score;
            }
        }
        """ + Classes).RunAsync();

    [Fact]
    public Task No_fix_when_the_model_is_stored_again() => new Test("""
        using Microsoft.ML;

        class Scorer
        {
            public float Score(MLContext ml, Input input, ITransformer other)
            {
                var model = ml.Model.Load("model.zip", out var schema);
                var engine = ml.Model.CreatePredictionEngine<Input, Output>(model, schema);
                model = other;
                return {|OV0002:engine.Predict(input)|}.Score;
            }
        }
        """ + Classes, """
        using Microsoft.ML;

        class Scorer
        {
            public float Score(MLContext ml, Input input, ITransformer other)
            {
                var model = ml.Model.Load("model.zip", out var schema);
                var engine = ml.Model.CreatePredictionEngine<Input, Output>(model, schema);
                model = other;
                return {|OV0002:engine.Predict(input)|}.Score;
            }
        }
        """ + Classes).RunAsync();

    [Fact]
    public Task No_fix_without_OpenVerify_ML() => new Test("""
        using Microsoft.ML;

        class Scorer
        {
            public float Score(MLContext ml, Input input)
            {
                var model = ml.Model.Load("model.zip", out _);
                var engine = ml.Model.CreatePredictionEngine<Input, Output>(model);
                return {|OV0002:engine.Predict(input)|}.Score;
            }
        }
        """ + Classes, """
        using Microsoft.ML;

        class Scorer
        {
            public float Score(MLContext ml, Input input)
            {
                var model = ml.Model.Load("model.zip", out _);
                var engine = ml.Model.CreatePredictionEngine<Input, Output>(model);
                return {|OV0002:engine.Predict(input)|}.Score;
            }
        }
        """ + Classes, withOpenVerifyML: false).RunAsync();
}
