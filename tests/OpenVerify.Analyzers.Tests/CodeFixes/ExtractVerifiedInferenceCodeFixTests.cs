using Microsoft.CodeAnalysis.Testing;
using OpenVerify.Analyzers.Tests.Infrastructure;
using OpenVerify.CodeFixes;

namespace OpenVerify.Analyzers.Tests.CodeFixes;

/// <summary>
/// "Extract into a [VerifiedInference] method". The generated body is the source generator's work and is not part of
/// the fix, so the fixed code carries CS8795 (a partial method without an implementation) on the new method's name.
/// </summary>
public class ExtractVerifiedInferenceCodeFixTests
{
    /// <summary>The runtime's result type, under its metadata name; the attributes come from OpenVerify.Abstractions.</summary>
    private const string AttestedSource = """
        namespace OpenVerify
        {
            public sealed record Attested<T>(T Value, string Receipt);
        }
        """;

    private sealed class Test : AiCallCodeFixTest<ExtractVerifiedInferenceCodeFixProvider>
    {
        public Test(string source, string fixedSource, bool withRuntime = true)
            : base(source, fixedSource)
        {
            if (withRuntime)
            {
                TestState.Sources.Add(("Attested.cs", AttestedSource));
                FixedState.Sources.Add(("Attested.cs", AttestedSource));
            }
        }
    }

    [Fact]
    public Task Extracts_a_named_onnx_value_call_with_one_output_read_as_an_array() => new Test("""
        using System.Linq;
        using Microsoft.ML.OnnxRuntime;
        using Microsoft.ML.OnnxRuntime.Tensors;

        class Digits
        {
            public float[] Classify(float[] pixels)
            {
                using var session = new InferenceSession("models/mnist-8.onnx");
                var tensor = new DenseTensor<float>(pixels, new[] { 1, 1, 28, 28 });
                using var results = {|OV0001:session.Run(new[] { NamedOnnxValue.CreateFromTensor("Input3", tensor) })|};
                return results.First().AsTensor<float>().ToArray();
            }
        }
        """, """
        using System.Linq;
        using Microsoft.ML.OnnxRuntime;
        using Microsoft.ML.OnnxRuntime.Tensors;
        using OpenVerify;

        partial class Digits
        {
            public float[] Classify(float[] pixels)
            {
                var tensor = new DenseTensor<float>(pixels, new[] { 1, 1, 28, 28 });
                var results = RunMnist8(tensor);
                return results.Value;
            }

            [VerifiedInference("models/mnist-8.onnx")]
            private static partial Attested<float[]> {|CS8795:RunMnist8|}([ModelInput("Input3")] DenseTensor<float> input3);
        }
        """).RunAsync();

    [Fact]
    public Task Extracts_an_inputs_list_and_named_outputs_read_as_tensors() => new Test("""
        using System.Collections.Generic;
        using System.Linq;
        using Microsoft.ML.OnnxRuntime;
        using Microsoft.ML.OnnxRuntime.Tensors;

        namespace Shop
        {
            public static class Outer
            {
                internal sealed class Ranker
                {
                    public float Rank(DenseTensor<float> features, Tensor<long> ids, SessionOptions options)
                    {
                        var session = new InferenceSession(@"models\ranker.onnx", new SessionOptions { LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_WARNING });
                        var inputs = new List<NamedOnnxValue>
                        {
                            NamedOnnxValue.CreateFromTensor("features", features),
                            NamedOnnxValue.CreateFromTensor("item.ids", ids),
                        };
                        using var results = {|OV0001:session.Run(inputs, new[] { "scores", "labels" })|};
                        var scores = results[0].AsTensor<float>();
                        var labels = results.First(r => r.Name == "labels").AsTensor<long>();
                        return scores[0, 0] + labels[0];
                    }
                }
            }
        }
        """, """
        using System.Collections.Generic;
        using System.Linq;
        using Microsoft.ML.OnnxRuntime;
        using Microsoft.ML.OnnxRuntime.Tensors;
        using OpenVerify;

        namespace Shop
        {
            public static partial class Outer
            {
                internal sealed partial class Ranker
                {
                    public float Rank(DenseTensor<float> features, Tensor<long> ids, SessionOptions options)
                    {
                        var results = RunRanker(features, ids.ToDenseTensor());
                        var scores = results.Value.scores;
                        var labels = results.Value.labels;
                        return scores[0, 0] + labels[0];
                    }

                    [VerifiedInference("models/ranker.onnx")]
                    private static partial Attested<(DenseTensor<float> scores, DenseTensor<long> labels)> {|CS8795:RunRanker|}(DenseTensor<float> features, [ModelInput("item.ids")] DenseTensor<long> itemIds);
                }
            }
        }
        """).RunAsync();

    [Fact]
    public Task Extracts_the_ort_value_form_with_a_shape() => new Test("""
        using Microsoft.ML.OnnxRuntime;

        class Embedder
        {
            public float[] Embed(float[] data)
            {
                using var session = new InferenceSession("models/embed.onnx");
                using var runOptions = new RunOptions();
                using var input = OrtValue.CreateTensorValueFromMemory(data, new long[] { 1, data.Length / 4, 4 });
                using var outputs = {|OV0001:session.Run(runOptions, new[] { "x" }, new[] { input }, new[] { "embedding" })|};
                return outputs[0].GetTensorDataAsSpan<float>().ToArray();
            }
        }
        """, """
        using Microsoft.ML.OnnxRuntime;
        using OpenVerify;

        partial class Embedder
        {
            public float[] Embed(float[] data)
            {
                var outputs = RunEmbed(data);
                return outputs.Value;
            }

            [VerifiedInference("models/embed.onnx")]
            [return: ModelOutput("embedding")]
            private static partial Attested<float[]> {|CS8795:RunEmbed|}([Shape(1, -1, 4)] float[] x);
        }
        """).RunAsync();

    [Fact]
    public Task Replaces_a_read_chained_onto_the_call() => new Test("""
        using System.Linq;
        using Microsoft.ML.OnnxRuntime;
        using Microsoft.ML.OnnxRuntime.Tensors;

        struct Scorer
        {
            public long Score(DenseTensor<float> x)
            {
                using var session = new InferenceSession("models/score.onnx");
                var metadata = session.InputMetadata.Count;
                return {|OV0001:session.Run([NamedOnnxValue.CreateFromTensor("x", x)], ["label"])|}.Single().AsTensor<long>()[0] + metadata;
            }
        }
        """, """
        using System.Linq;
        using Microsoft.ML.OnnxRuntime;
        using Microsoft.ML.OnnxRuntime.Tensors;
        using OpenVerify;

        partial struct Scorer
        {
            public long Score(DenseTensor<float> x)
            {
                using var session = new InferenceSession("models/score.onnx");
                var metadata = session.InputMetadata.Count;
                return RunScore(x).Value[0] + metadata;
            }

            [VerifiedInference("models/score.onnx")]
            [return: ModelOutput("label")]
            private static partial Attested<DenseTensor<long>> {|CS8795:RunScore|}(DenseTensor<float> x);
        }
        """).RunAsync();

    [Fact]
    public Task Adds_only_the_declaration_where_run_options_carry_settings() => new Test("""
        using System.Linq;
        using Microsoft.ML.OnnxRuntime;
        using Microsoft.ML.OnnxRuntime.Tensors;

        class Tagger
        {
            public float[] Tag(DenseTensor<float> x)
            {
                using var session = new InferenceSession("models/tagger.onnx");
                using var options = new RunOptions { LogId = "tagger" };
                using var results = {|OV0001:session.Run(new[] { NamedOnnxValue.CreateFromTensor("x", x) }, new[] { "y" }, options)|};
                return results.First().AsTensor<float>().ToArray();
            }
        }
        """, """
        using System.Linq;
        using Microsoft.ML.OnnxRuntime;
        using Microsoft.ML.OnnxRuntime.Tensors;
        using OpenVerify;

        partial class Tagger
        {
            public float[] Tag(DenseTensor<float> x)
            {
                using var session = new InferenceSession("models/tagger.onnx");
                using var options = new RunOptions { LogId = "tagger" };
                using var results = {|OV0001:session.Run(new[] { NamedOnnxValue.CreateFromTensor("x", x) }, new[] { "y" }, options)|};
                return results.First().AsTensor<float>().ToArray();
            }

            [VerifiedInference("models/tagger.onnx")]
            [return: ModelOutput("y")]
            private static partial Attested<float[]> {|CS8795:RunTagger|}(DenseTensor<float> x);
        }
        """)
    {
        // The call stays, so OV0001 stays; the fix is not offered again once the type declares a method for the model.
        NumberOfIncrementalIterations = 1,
        FixedState = { MarkupHandling = MarkupMode.Allow },
    }.RunAsync();

    [Theory]
    [InlineData("Session_is_a_field", """
        private readonly InferenceSession _session = new("models/m.onnx");

        public float[] F(DenseTensor<float> x)
        {
            using var results = {|OV0001:_session.Run(new[] { NamedOnnxValue.CreateFromTensor("x", x) })|};
            return results.First().AsTensor<float>().ToArray();
        }
        """)]
    [InlineData("Model_path_is_not_a_constant", """
        public float[] F(string path, DenseTensor<float> x)
        {
            using var session = new InferenceSession(path);
            using var results = {|OV0001:session.Run(new[] { NamedOnnxValue.CreateFromTensor("x", x) })|};
            return results.First().AsTensor<float>().ToArray();
        }
        """)]
    [InlineData("Model_path_is_outside_the_project", """
        public float[] F(DenseTensor<float> x)
        {
            using var session = new InferenceSession("../shared/m.onnx");
            using var results = {|OV0001:session.Run(new[] { NamedOnnxValue.CreateFromTensor("x", x) })|};
            return results.First().AsTensor<float>().ToArray();
        }
        """)]
    [InlineData("Session_is_reassigned", """
        public float[] F(DenseTensor<float> x, InferenceSession other)
        {
            var session = new InferenceSession("models/m.onnx");
            session = other;
            using var results = {|OV0001:session.Run(new[] { NamedOnnxValue.CreateFromTensor("x", x) })|};
            return results.First().AsTensor<float>().ToArray();
        }
        """)]
    [InlineData("Input_name_is_not_a_constant", """
        public float[] F(string name, DenseTensor<float> x)
        {
            using var session = new InferenceSession("models/m.onnx");
            using var results = {|OV0001:session.Run(new[] { NamedOnnxValue.CreateFromTensor(name, x) })|};
            return results.First().AsTensor<float>().ToArray();
        }
        """)]
    [InlineData("Inputs_come_from_elsewhere", """
        public float[] F(IReadOnlyCollection<NamedOnnxValue> inputs)
        {
            using var session = new InferenceSession("models/m.onnx");
            using var results = {|OV0001:session.Run(inputs)|};
            return results.First().AsTensor<float>().ToArray();
        }
        """)]
    [InlineData("String_tensor_input", """
        public float[] F(DenseTensor<string> text)
        {
            using var session = new InferenceSession("models/m.onnx");
            using var results = {|OV0001:session.Run(new[] { NamedOnnxValue.CreateFromTensor("text", text) })|};
            return results.First().AsTensor<float>().ToArray();
        }
        """)]
    [InlineData("Results_are_enumerated", """
        public int F(DenseTensor<float> x)
        {
            using var session = new InferenceSession("models/m.onnx");
            using var results = {|OV0001:session.Run(new[] { NamedOnnxValue.CreateFromTensor("x", x) })|};
            var count = 0;
            foreach (var r in results) { count += r.AsTensor<float>().Length > 0 ? 1 : 0; }
            return count;
        }
        """)]
    [InlineData("Second_output_without_output_names", """
        public float[] F(DenseTensor<float> x)
        {
            using var session = new InferenceSession("models/m.onnx");
            using var results = {|OV0001:session.Run(new[] { NamedOnnxValue.CreateFromTensor("x", x) })|};
            return results.ElementAt(1).AsTensor<float>().ToArray();
        }
        """)]
    [InlineData("First_output_and_a_named_output_without_output_names", """
        public float F(DenseTensor<float> x)
        {
            using var session = new InferenceSession("models/m.onnx");
            using var results = {|OV0001:session.Run(new[] { NamedOnnxValue.CreateFromTensor("x", x) })|};
            return results.First().AsTensor<float>()[0] + results.First(r => r.Name == "y").AsTensor<float>()[0];
        }
        """)]
    [InlineData("Ort_value_with_two_open_dimensions", """
        public float[] F(float[] data, long rows)
        {
            using var session = new InferenceSession("models/m.onnx");
            using var input = OrtValue.CreateTensorValueFromMemory(data, new long[] { rows, data.Length / rows });
            using var outputs = {|OV0001:session.Run(new RunOptions(), new[] { "x" }, new[] { input }, new[] { "y" })|};
            return outputs[0].GetTensorDataAsSpan<float>().ToArray();
        }
        """)]
    [InlineData("Output_name_not_requested", """
        public float[] F(DenseTensor<float> x)
        {
            using var session = new InferenceSession("models/m.onnx");
            using var results = {|OV0001:session.Run(new[] { NamedOnnxValue.CreateFromTensor("x", x) }, new[] { "y" })|};
            return results.First(r => r.Name == "z").AsTensor<float>().ToArray();
        }
        """)]
    public Task Is_not_offered(string because, string members)
    {
        _ = because;
        var source = $$"""
            using System.Collections.Generic;
            using System.Linq;
            using Microsoft.ML.OnnxRuntime;
            using Microsoft.ML.OnnxRuntime.Tensors;

            class C
            {
            {{members}}
            }
            """;
        return new Test(source, source).RunAsync();
    }

    [Fact]
    public Task Is_not_offered_for_sessions_with_configured_or_passed_in_session_options() => new Test("""
        using System.Linq;
        using Microsoft.ML.OnnxRuntime;
        using Microsoft.ML.OnnxRuntime.Tensors;

        class C
        {
            public float[] F(DenseTensor<float> x, SessionOptions given)
            {
                var options = new SessionOptions();
                options.AppendExecutionProvider_CUDA(0);
                using var gpu = new InferenceSession("models/gpu.onnx", options);
                using var threads = new InferenceSession("models/threads.onnx", new SessionOptions { IntraOpNumThreads = 4 });
                using var passed = new InferenceSession("models/passed.onnx", given);
                var inputs = new[] { NamedOnnxValue.CreateFromTensor("x", x) };
                using var a = {|OV0001:gpu.Run(inputs)|};
                using var b = {|OV0001:threads.Run(inputs)|};
                using var c = {|OV0001:passed.Run(inputs)|};
                return a.First().AsTensor<float>().ToArray().Concat(b.First().AsTensor<float>()).Concat(c.First().AsTensor<float>()).ToArray();
            }
        }
        """, """
        using System.Linq;
        using Microsoft.ML.OnnxRuntime;
        using Microsoft.ML.OnnxRuntime.Tensors;

        class C
        {
            public float[] F(DenseTensor<float> x, SessionOptions given)
            {
                var options = new SessionOptions();
                options.AppendExecutionProvider_CUDA(0);
                using var gpu = new InferenceSession("models/gpu.onnx", options);
                using var threads = new InferenceSession("models/threads.onnx", new SessionOptions { IntraOpNumThreads = 4 });
                using var passed = new InferenceSession("models/passed.onnx", given);
                var inputs = new[] { NamedOnnxValue.CreateFromTensor("x", x) };
                using var a = {|OV0001:gpu.Run(inputs)|};
                using var b = {|OV0001:threads.Run(inputs)|};
                using var c = {|OV0001:passed.Run(inputs)|};
                return a.First().AsTensor<float>().ToArray().Concat(b.First().AsTensor<float>()).Concat(c.First().AsTensor<float>()).ToArray();
            }
        }
        """).RunAsync();

    [Fact]
    public Task Is_not_offered_without_the_runtime() => new Test("""
        using System.Linq;
        using Microsoft.ML.OnnxRuntime;
        using Microsoft.ML.OnnxRuntime.Tensors;

        class C
        {
            public float[] F(DenseTensor<float> x)
            {
                using var session = new InferenceSession("models/m.onnx");
                using var results = {|OV0001:session.Run(new[] { NamedOnnxValue.CreateFromTensor("x", x) })|};
                return results.First().AsTensor<float>().ToArray();
            }
        }
        """, """
        using System.Linq;
        using Microsoft.ML.OnnxRuntime;
        using Microsoft.ML.OnnxRuntime.Tensors;

        class C
        {
            public float[] F(DenseTensor<float> x)
            {
                using var session = new InferenceSession("models/m.onnx");
                using var results = {|OV0001:session.Run(new[] { NamedOnnxValue.CreateFromTensor("x", x) })|};
                return results.First().AsTensor<float>().ToArray();
            }
        }
        """, withRuntime: false).RunAsync();
}
