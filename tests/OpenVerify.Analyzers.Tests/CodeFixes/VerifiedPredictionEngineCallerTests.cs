using Microsoft.CodeAnalysis;
using Test = OpenVerify.Analyzers.Tests.CodeFixes.VerifiedPredictionEngineShapeTests.Test;

namespace OpenVerify.Analyzers.Tests.CodeFixes;

/// <summary>
/// OV0002's verified-engine fix where the model comes from elsewhere in the program: a method parameter (the method takes
/// the verified model and every caller passes one) and a transformer chain assembled by hand. Every fixed source compiles
/// against the real ML.NET and OpenVerify.ML.
/// </summary>
public class VerifiedPredictionEngineCallerTests
{
    [Fact]
    public Task A_model_passed_to_a_helper_method_is_trained_and_pinned_by_its_caller() => new Test("""
        using System;
        using Microsoft.ML;

        public static class Program
        {
            public static void Main()
            {
                var mlContext = new MLContext(seed: 0);
                var data = mlContext.Data.LoadFromEnumerable(new[] { new Input { X = 1 }, new Input { X = 2 } });
                var split = mlContext.Data.TrainTestSplit(data);
                ITransformer model = mlContext.Transforms.CopyColumns("Score", "X").Fit(split.TrainSet);
                Evaluate(model, split.TestSet);
                UseModelWithSingleItem(mlContext, model);
            }

            private static void Evaluate(ITransformer model, IDataView test) => Console.WriteLine(model.Transform(test).Schema.Count);

            private static void UseModelWithSingleItem(MLContext ml, ITransformer trained)
            {
                PredictionEngine<Input, Output> engine = ml.Model.CreatePredictionEngine<Input, Output>(trained);
                Console.WriteLine({|OV0002:engine.Predict(new Input { X = 3 })|}.Score);
                Console.WriteLine(trained.GetOutputSchema(ml.Data.LoadFromEnumerable(new[] { new Input() }).Schema).Count);
            }
        }
        """, """
        using System;
        using Microsoft.ML;
        using OpenVerify.ML;

        public static class Program
        {
            public static void Main()
            {
                var mlContext = new MLContext(seed: 0);
                var data = mlContext.Data.LoadFromEnumerable(new[] { new Input { X = 1 }, new Input { X = 2 } });
                var split = mlContext.Data.TrainTestSplit(data);
                var model = VerifiedMLModel.FromTransformer(mlContext, mlContext.Transforms.CopyColumns("Score", "X").Fit(split.TrainSet), split.TrainSet.Schema, "model");
                Evaluate(model.Transformer, split.TestSet);
                UseModelWithSingleItem(mlContext, model);
            }

            private static void Evaluate(ITransformer model, IDataView test) => Console.WriteLine(model.Transform(test).Schema.Count);

            private static void UseModelWithSingleItem(MLContext ml, VerifiedMLModel trained)
            {
                var engine = trained.CreatePredictionEngine<Input, Output>();
                Console.WriteLine(engine.Predict(new Input { X = 3 }).Value.Score);
                Console.WriteLine(trained.Transformer.GetOutputSchema(ml.Data.LoadFromEnumerable(new[] { new Input() }).Schema).Count);
            }
        }
        """).RunAsync();

    [Fact]
    public Task A_local_function_whose_callers_load_the_model_inline_or_by_name() => new Test("""
        using System;
        using System.IO;
        using Microsoft.ML;

        var ml = new MLContext();
        ITransformer model = ml.Model.Load("model.zip", out var schema);
        Console.WriteLine(Score(model, new Input { X = 1 }));
        Console.WriteLine(Score(input: new Input { X = 2 }, m: ml.Model.Load(File.OpenRead("other.zip"), out _)));

        float Score(ITransformer m, Input input)
        {
            var engine = ml.Model.CreatePredictionEngine<Input, Output>(m);
            return {|OV0002:engine.Predict(input)|}.Score;
        }
        """, """
        using System;
        using System.IO;
        using Microsoft.ML;
        using OpenVerify.ML;

        var ml = new MLContext();
        var model = VerifiedMLModel.Load(ml, "model.zip");
        Console.WriteLine(Score(model, new Input { X = 1 }));
        Console.WriteLine(Score(input: new Input { X = 2 }, m: VerifiedMLModel.Load(ml, "other.zip")));

        float Score(VerifiedMLModel m, Input input)
        {
            var engine = m.CreatePredictionEngine<Input, Output>();
            return engine.Predict(input).Value;
        }
        """.Replace("engine.Predict(input).Value;", "engine.Predict(input).Value.Score;", StringComparison.Ordinal))
    {
        TestState = { OutputKind = OutputKind.ConsoleApplication },
        FixedState = { OutputKind = OutputKind.ConsoleApplication },
    }.RunAsync();

    [Fact]
    public Task Fix_all_moves_two_helpers_that_share_one_model()
    {
        const string before = """
            using System;
            using Microsoft.ML;

            internal static class Program
            {
                private static void Main()
                {
                    var ml = new MLContext();
                    var model = ml.Model.Load("model.zip", out _);
                    First(ml, model);
                    Second(ml, model);
                }

                private static void First(MLContext ml, ITransformer model)
                {
                    var engine = ml.Model.CreatePredictionEngine<Input, Output>(model);
                    Console.WriteLine({|OV0002:engine.Predict(new Input { X = 1 })|}.Score);
                }

                private static void Second(MLContext ml, ITransformer model)
                {
                    var engine = ml.Model.CreatePredictionEngine<Input, Output>(model);
                    Console.WriteLine({|OV0002:engine.Predict(new Input { X = 2 })|}.Score);
                }
            }
            """;
        const string after = """
            using System;
            using Microsoft.ML;
            using OpenVerify.ML;

            internal static class Program
            {
                private static void Main()
                {
                    var ml = new MLContext();
                    var model = VerifiedMLModel.Load(ml, "model.zip");
                    First(ml, model);
                    Second(ml, model);
                }

                private static void First(MLContext ml, VerifiedMLModel model)
                {
                    var engine = model.CreatePredictionEngine<Input, Output>();
                    Console.WriteLine(engine.Predict(new Input { X = 1 }).Value.Score);
                }

                private static void Second(MLContext ml, VerifiedMLModel model)
                {
                    var engine = model.CreatePredictionEngine<Input, Output>();
                    Console.WriteLine(engine.Predict(new Input { X = 2 }).Value.Score);
                }
            }
            """;
        return new Test(before, after)
        {
            NumberOfFixAllIterations = 1,
            CodeActionEquivalenceKey = null,
            TestState = { OutputKind = OutputKind.ConsoleApplication },
            FixedState = { OutputKind = OutputKind.ConsoleApplication },
            BatchFixedState = { OutputKind = OutputKind.ConsoleApplication },
        }.RunAsync();
    }

    [Fact]
    public Task No_fix_for_a_public_library_method_a_caller_that_computes_the_model_or_a_caller_elsewhere() => new Test(Scorer, Scorer)
    {
        TestState = { Sources = { ("Other.cs", Other) } },
        FixedState = { Sources = { ("Other.cs", Other) } },
    }.RunAsync();

    private const string Scorer = """
        using Microsoft.ML;

        public class Scorer
        {
            // Callers in other assemblies would pass an ITransformer.
            public float Public(MLContext ml, ITransformer model, Input input) =>
                {|OV0002:ml.Model.CreatePredictionEngine<Input, Output>(model).Predict(input)|}.Score;

            // The caller passes what a method of its own returns: nothing here says how to pin it.
            private float Computed(MLContext ml, ITransformer model, Input input)
            {
                var engine = ml.Model.CreatePredictionEngine<Input, Output>(model);
                return {|OV0002:engine.Predict(input)|}.Score;
            }

            public float CallComputed(MLContext ml, Input input) => Computed(ml, LoadModel(ml), input);

            private static ITransformer LoadModel(MLContext ml) => ml.Model.Load("m.zip", out _);

            // Called from another file too.
            internal float Elsewhere(MLContext ml, ITransformer model, Input input)
            {
                var engine = ml.Model.CreatePredictionEngine<Input, Output>(model);
                return {|OV0002:engine.Predict(input)|}.Score;
            }
        }
        """;

    private const string Other = """
        using Microsoft.ML;

        class Other
        {
            float Run(Scorer s, MLContext ml) => s.Elsewhere(ml, ml.Model.Load("m.zip", out _), new Input());
        }
        """;

    [Fact]
    public Task A_chain_assembled_by_hand_is_pinned_with_its_first_transformer_s_data() => new Test("""
        using System;
        using Microsoft.ML;

        var ml = new MLContext(seed: 0);
        var data = ml.Data.LoadFromEnumerable(new[] { new Input { X = 1 }, new Input { X = 2 } });
        var transformer = ml.Transforms.CopyColumns("Y", "X").Fit(data);
        var scored = ml.Transforms.CopyColumns("Score", "Y").Fit(transformer.Transform(data));
        var chain = transformer.Append(scored);
        var engine = ml.Model.CreatePredictionEngine<Input, Output>(chain);
        Console.WriteLine({|OV0002:engine.Predict(new Input { X = 3 })|}.Score);
        """, """
        using System;
        using Microsoft.ML;
        using OpenVerify.ML;

        var ml = new MLContext(seed: 0);
        var data = ml.Data.LoadFromEnumerable(new[] { new Input { X = 1 }, new Input { X = 2 } });
        var transformer = ml.Transforms.CopyColumns("Y", "X").Fit(data);
        var scored = ml.Transforms.CopyColumns("Score", "Y").Fit(transformer.Transform(data));
        var chain = VerifiedMLModel.FromTransformer(ml, transformer.Append(scored), data.Schema, "chain");
        var engine = chain.CreatePredictionEngine<Input, Output>();
        Console.WriteLine(engine.Predict(new Input { X = 3 }).Value.Score);
        """)
    {
        TestState = { OutputKind = OutputKind.ConsoleApplication },
        FixedState = { OutputKind = OutputKind.ConsoleApplication },
    }.RunAsync();

    [Fact]
    public Task A_model_reloaded_after_training_moves_into_a_verified_local() => new Test("""
        using System;
        using System.IO;
        using Microsoft.ML;

        public static class SaveLoad
        {
            public static void FromAPath()
            {
                var ml = new MLContext();
                var data = ml.Data.LoadFromEnumerable(new[] { new Input { X = 1 } });
                ITransformer model = ml.Transforms.CopyColumns("Score", "X").Fit(data);
                ml.Model.Save(model, data.Schema, "model.zip");
                model = ml.Model.Load("model.zip", out DataViewSchema schema);
                var engine = ml.Model.CreatePredictionEngine<Input, Output>(model);
                Console.WriteLine({|OV0002:engine.Predict(new Input { X = 2 })|}.Score);
            }

            public static void FromAFile()
            {
                var ml = new MLContext();
                var data = ml.Data.LoadFromEnumerable(new[] { new Input { X = 1 } });
                ITransformer model = ml.Transforms.CopyColumns("Score", "X").Fit(data);
                ml.Model.Save(model, data.Schema, "model.zip");
                using (var file = File.OpenRead("model.zip"))
                    model = ml.Model.Load(file, out DataViewSchema schema);
                var engine = ml.Model.CreatePredictionEngine<Input, Output>(model);
                Console.WriteLine({|OV0002:engine.Predict(new Input { X = 2 })|}.Score);
            }
        }
        """, """
        using System;
        using System.IO;
        using Microsoft.ML;
        using OpenVerify.ML;

        public static class SaveLoad
        {
            public static void FromAPath()
            {
                var ml = new MLContext();
                var data = ml.Data.LoadFromEnumerable(new[] { new Input { X = 1 } });
                ITransformer model = ml.Transforms.CopyColumns("Score", "X").Fit(data);
                ml.Model.Save(model, data.Schema, "model.zip");
                var verifiedModel = VerifiedMLModel.Load(ml, "model.zip");
                var engine = verifiedModel.CreatePredictionEngine<Input, Output>();
                Console.WriteLine(engine.Predict(new Input { X = 2 }).Value.Score);
            }

            public static void FromAFile()
            {
                var ml = new MLContext();
                var data = ml.Data.LoadFromEnumerable(new[] { new Input { X = 1 } });
                ITransformer model = ml.Transforms.CopyColumns("Score", "X").Fit(data);
                ml.Model.Save(model, data.Schema, "model.zip");
                var verifiedModel = VerifiedMLModel.Load(ml, "model.zip");
                var engine = verifiedModel.CreatePredictionEngine<Input, Output>();
                Console.WriteLine(engine.Predict(new Input { X = 2 }).Value.Score);
            }
        }
        """) { NumberOfFixAllIterations = 1 }.RunAsync();

    [Fact]
    public Task No_fix_for_a_reloaded_model_read_again_later_or_stored_after_the_engine() => NoFix("""
        using System;
        using Microsoft.ML;

        public static class SaveLoad
        {
            public static void ReadLater(MLContext ml, IDataView data)
            {
                ITransformer model = ml.Transforms.CopyColumns("Score", "X").Fit(data);
                model = ml.Model.Load("model.zip", out _);
                var engine = ml.Model.CreatePredictionEngine<Input, Output>(model);
                Console.WriteLine({|OV0002:engine.Predict(new Input { X = 2 })|}.Score);
                Console.WriteLine(model.Transform(data).Schema.Count);
            }

            public static void StoredInALoop(MLContext ml, IDataView data, string[] paths)
            {
                ITransformer model = ml.Transforms.CopyColumns("Score", "X").Fit(data);
                foreach (var path in paths)
                {
                    model = ml.Model.Load(path, out _);
                }

                var engine = ml.Model.CreatePredictionEngine<Input, Output>(model);
                Console.WriteLine({|OV0002:engine.Predict(new Input { X = 2 })|}.Score);
            }
        }
        """).RunAsync();

    private static Test NoFix(string source) => new(source, source);
}
