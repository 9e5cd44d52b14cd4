using Microsoft.CodeAnalysis;
using OpenVerify.Analyzers.Tests.Infrastructure;
using OpenVerify.CodeFixes;

namespace OpenVerify.Analyzers.Tests.CodeFixes;

/// <summary>
/// OV0001 "Run through a VerifiedModel": the InferenceSession a call runs on, kept in a field, property or local and
/// created here from a path or bytes, becomes a VerifiedModel; the calls keep their inputs and reads and bind to the
/// runtime's InferenceSession-shaped overloads. The fixed code is compiled against the real ONNX Runtime and the real
/// OpenVerify runtime (a compiler error in it fails the test).
/// </summary>
public class VerifiedModelCodeFixTests
{
    private sealed class Test : AiCallCodeFixTest<VerifiedModelCodeFixProvider>
    {
        public Test(string source, string fixedSource, bool withRuntime = true)
            : base(source, fixedSource)
        {
            if (withRuntime)
            {
                TestState.AdditionalReferences.Add(MetadataReference.CreateFromFile(typeof(OpenVerify.VerifiedModel).Assembly.Location));
            }
        }
    }

    [Fact]
    public Task Readonly_field_built_in_the_constructor_from_a_path_parameter() => new Test("""
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using Microsoft.ML.OnnxRuntime;
        using Microsoft.ML.OnnxRuntime.Tensors;

        sealed class Classifier : IDisposable
        {
            private readonly InferenceSession _session;

            public Classifier(string modelPath)
            {
                _session = new InferenceSession(modelPath);
            }

            public float[] Classify(DenseTensor<float> image)
            {
                var inputs = new List<NamedOnnxValue> { NamedOnnxValue.CreateFromTensor("input", image) };
                using var results = {|OV0001:_session.Run(inputs)|};
                return results.First().AsTensor<float>().ToArray();
            }

            public void Dispose() => _session.Dispose();
        }
        """, """
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using Microsoft.ML.OnnxRuntime;
        using Microsoft.ML.OnnxRuntime.Tensors;
        using OpenVerify;

        sealed class Classifier : IDisposable
        {
            private readonly VerifiedModel _session;

            public Classifier(string modelPath)
            {
                _session = VerifiedModel.Load(modelPath);
            }

            public float[] Classify(DenseTensor<float> image)
            {
                var inputs = new List<NamedOnnxValue> { NamedOnnxValue.CreateFromTensor("input", image) };
                using var results = _session.Run(inputs);
                return results.First().AsTensor<float>().ToArray();
            }

            public void Dispose() => _session.Dispose();
        }
        """).RunAsync();

    [Fact]
    public Task Static_field_from_a_constant_path_with_results_read_in_place_gets_a_results_local() => new Test("""
        using System.Linq;
        using Microsoft.ML.OnnxRuntime;
        using Microsoft.ML.OnnxRuntime.Tensors;

        static class Embedder
        {
            private const string ModelPath = "models/embed.onnx";
            private static readonly InferenceSession Session = new InferenceSession(ModelPath, new SessionOptions());

            public static float[] Embed(DenseTensor<long> ids)
            {
                var inputs = new[] { NamedOnnxValue.CreateFromTensor("input_ids", ids) };
                return {|OV0001:Session.Run(inputs)|}[0].AsEnumerable<float>().ToArray();
            }
        }
        """, """
        using System.Linq;
        using Microsoft.ML.OnnxRuntime;
        using Microsoft.ML.OnnxRuntime.Tensors;
        using OpenVerify;

        static class Embedder
        {
            private const string ModelPath = "models/embed.onnx";
            private static readonly VerifiedModel Session = VerifiedModel.Load(ModelPath);

            public static float[] Embed(DenseTensor<long> ids)
            {
                var inputs = new[] { NamedOnnxValue.CreateFromTensor("input_ids", ids) };
                var results = Session.Run(inputs);
                return results[0].AsEnumerable<float>().ToArray();
            }
        }
        """).RunAsync();

    [Fact]
    public Task Property_built_from_embedded_resource_bytes() => new Test("""
        using System.IO;
        using System.Linq;
        using Microsoft.ML.OnnxRuntime;
        using Microsoft.ML.OnnxRuntime.Tensors;

        class Detector
        {
            private InferenceSession Session { get; }

            public Detector()
            {
                using var stream = typeof(Detector).Assembly.GetManifestResourceStream("Detector.model.onnx")!;
                using var memory = new MemoryStream();
                stream.CopyTo(memory);
                Session = new InferenceSession(memory.ToArray());
            }

            public Tensor<float> Detect(Tensor<float> image)
            {
                using var results = {|OV0001:Session.Run(new[] { NamedOnnxValue.CreateFromTensor("images", image) }, new[] { "boxes" })|};
                return results.First().AsTensor<float>();
            }
        }
        """, """
        using System.IO;
        using System.Linq;
        using Microsoft.ML.OnnxRuntime;
        using Microsoft.ML.OnnxRuntime.Tensors;
        using OpenVerify;

        class Detector
        {
            private VerifiedModel Session { get; }

            public Detector()
            {
                using var stream = typeof(Detector).Assembly.GetManifestResourceStream("Detector.model.onnx")!;
                using var memory = new MemoryStream();
                stream.CopyTo(memory);
                Session = VerifiedModel.FromBytes(memory.ToArray());
            }

            public Tensor<float> Detect(Tensor<float> image)
            {
                using var results = Session.Run(new[] { NamedOnnxValue.CreateFromTensor("images", image) }, new[] { "boxes" });
                return results.First().AsTensor<float>();
            }
        }
        """).RunAsync();

    [Fact]
    public Task OrtValue_dictionary_with_run_options_and_output_names() => new Test("""
        using System.Collections.Generic;
        using Microsoft.ML.OnnxRuntime;

        class Scorer
        {
            private readonly InferenceSession _session;
            private readonly RunOptions _runOptions = new RunOptions();

            public Scorer(IConfiguration configuration) => _session = new InferenceSession(configuration.ModelPath);

            public float Score(float[] features)
            {
                using var input = OrtValue.CreateTensorValueFromMemory(features, new long[] { 1, features.Length });
                var inputs = new Dictionary<string, OrtValue> { ["features"] = input };
                using var outputs = {|OV0001:_session.Run(_runOptions, inputs, _session.OutputNames)|};
                return outputs[0].GetTensorDataAsSpan<float>()[0];
            }
        }

        interface IConfiguration { string ModelPath { get; } }
        """, """
        using System.Collections.Generic;
        using Microsoft.ML.OnnxRuntime;
        using OpenVerify;

        class Scorer
        {
            private readonly VerifiedModel _session;
            private readonly RunOptions _runOptions = new RunOptions();

            public Scorer(IConfiguration configuration) => _session = VerifiedModel.Load(configuration.ModelPath);

            public float Score(float[] features)
            {
                using var input = OrtValue.CreateTensorValueFromMemory(features, new long[] { 1, features.Length });
                var inputs = new Dictionary<string, OrtValue> { ["features"] = input };
                using var outputs = _session.Run(_runOptions, inputs, _session.OutputNames);
                return outputs[0].GetTensorDataAsSpan<float>()[0];
            }
        }

        interface IConfiguration { string ModelPath { get; } }
        """).RunAsync();

    [Fact]
    public Task Local_session_from_a_path_variable_with_typed_results_and_a_dropped_run() => new Test("""
        using System.Linq;
        using Microsoft.ML.OnnxRuntime;
        using Microsoft.ML.OnnxRuntime.Tensors;

        class Tool
        {
            public float[] Run(string path, DenseTensor<float> x)
            {
                using var session = new InferenceSession(path);
                var inputs = new[] { NamedOnnxValue.CreateFromTensor("x", x) };
                {|OV0001:session.Run(inputs)|};
                using IDisposableReadOnlyCollection<DisposableNamedOnnxValue> results = {|OV0001:session.Run(inputs)|};
                return results.First().AsTensor<float>().ToArray();
            }
        }
        """, """
        using System.Linq;
        using Microsoft.ML.OnnxRuntime;
        using Microsoft.ML.OnnxRuntime.Tensors;
        using OpenVerify;

        class Tool
        {
            public float[] Run(string path, DenseTensor<float> x)
            {
                using var session = VerifiedModel.Load(path);
                var inputs = new[] { NamedOnnxValue.CreateFromTensor("x", x) };
                var results2 = session.Run(inputs);
                using var results = session.Run(inputs);
                return results.First().AsTensor<float>().ToArray();
            }
        }
        """).RunAsync();

    [Fact]
    public Task Lazily_created_session_with_a_conditional_run() => new Test("""
        using System.Linq;
        using Microsoft.ML.OnnxRuntime;
        using Microsoft.ML.OnnxRuntime.Tensors;

        class Lazy
        {
            private InferenceSession? _session;

            public float First(string path, DenseTensor<float> x)
            {
                _session ??= new InferenceSession(path);
                if (_session is null) return 0;
                var output = _session?{|OV0001:.Run(new[] { NamedOnnxValue.CreateFromTensor("x", x) })|};
                return output!.First().AsTensor<float>()[0];
            }
        }
        """, """
        using System.Linq;
        using Microsoft.ML.OnnxRuntime;
        using Microsoft.ML.OnnxRuntime.Tensors;
        using OpenVerify;

        class Lazy
        {
            private VerifiedModel? _session;

            public float First(string path, DenseTensor<float> x)
            {
                _session ??= VerifiedModel.Load(path);
                if (_session is null) return 0;
                var output = _session?.Run(new[] { NamedOnnxValue.CreateFromTensor("x", x) });
                return output!.First().AsTensor<float>()[0];
            }
        }
        """).RunAsync();

    [Fact]
    public Task Fix_all_rewrites_each_session_once_however_many_calls_it_has()
    {
        const string before = """
            using System.Linq;
            using Microsoft.ML.OnnxRuntime;
            using Microsoft.ML.OnnxRuntime.Tensors;

            class A
            {
                private readonly InferenceSession _session = new InferenceSession("a.onnx");

                public float One(DenseTensor<float> x) => {|OV0001:_session.Run(new[] { NamedOnnxValue.CreateFromTensor("x", x) })|}.First().AsTensor<float>()[0] + Two(x);

                public float Two(DenseTensor<float> x)
                {
                    var first = {|OV0001:_session.Run(new[] { NamedOnnxValue.CreateFromTensor("x", x) })|}.First().AsTensor<float>()[0];
                    var second = {|OV0001:_session.Run(new[] { NamedOnnxValue.CreateFromTensor("x", x) })|}.First().AsTensor<float>()[0];
                    return first + second;
                }
            }

            class B
            {
                private static InferenceSession Session { get; } = new InferenceSession(System.IO.File.ReadAllBytes("b.onnx"));

                public float Three(DenseTensor<float> x)
                {
                    using var results = {|OV0001:Session.Run(new[] { NamedOnnxValue.CreateFromTensor("x", x) })|};
                    return results.First().AsTensor<float>()[0];
                }
            }
            """;
        const string after = """
            using System.Linq;
            using Microsoft.ML.OnnxRuntime;
            using Microsoft.ML.OnnxRuntime.Tensors;
            using OpenVerify;

            class A
            {
                private readonly VerifiedModel _session = VerifiedModel.Load("a.onnx");

                public float One(DenseTensor<float> x)
                {
                    var results = _session.Run(new[] { NamedOnnxValue.CreateFromTensor("x", x) });
                    return results.First().AsTensor<float>()[0] + Two(x);
                }

                public float Two(DenseTensor<float> x)
                {
                    var results = _session.Run(new[] { NamedOnnxValue.CreateFromTensor("x", x) });
                    var first = results.First().AsTensor<float>()[0];
                    var results2 = _session.Run(new[] { NamedOnnxValue.CreateFromTensor("x", x) });
                    var second = results2.First().AsTensor<float>()[0];
                    return first + second;
                }
            }

            class B
            {
                private static VerifiedModel Session { get; } = VerifiedModel.FromBytes(System.IO.File.ReadAllBytes("b.onnx"));

                public float Three(DenseTensor<float> x)
                {
                    using var results = Session.Run(new[] { NamedOnnxValue.CreateFromTensor("x", x) });
                    return results.First().AsTensor<float>()[0];
                }
            }
            """;
        return new Test(before, after) { NumberOfFixAllIterations = 1 }.RunAsync();
    }

    private static Task NotOffered(string source, bool withRuntime = true) => new Test(source, source, withRuntime).RunAsync();

    [Fact]
    public Task Metadata_reads_are_kept() => new Test("""
        using System.Linq;
        using Microsoft.ML.OnnxRuntime;
        using Microsoft.ML.OnnxRuntime.Tensors;

        class Reader
        {
            private readonly InferenceSession _session = new InferenceSession("m.onnx");

            public float Read(float[] data)
            {
                var name = _session.InputMetadata.Keys.First();
                var tensor = new DenseTensor<float>(data, _session.InputMetadata[name].Dimensions);
                using var results = {|OV0001:_session.Run(new[] { NamedOnnxValue.CreateFromTensor(name, tensor) })|};
                return results.First().AsTensor<float>()[0];
            }
        }
        """, """
        using System.Linq;
        using Microsoft.ML.OnnxRuntime;
        using Microsoft.ML.OnnxRuntime.Tensors;
        using OpenVerify;

        class Reader
        {
            private readonly VerifiedModel _session = VerifiedModel.Load("m.onnx");

            public float Read(float[] data)
            {
                var name = _session.InputMetadata.Keys.First();
                var tensor = new DenseTensor<float>(data, _session.InputMetadata[name].Dimensions);
                using var results = _session.Run(new[] { NamedOnnxValue.CreateFromTensor(name, tensor) });
                return results.First().AsTensor<float>()[0];
            }
        }
        """).RunAsync();

    [Fact]
    public Task Not_offered_for_a_session_injected_through_the_constructor() => NotOffered("""
        using System.Linq;
        using Microsoft.ML.OnnxRuntime;
        using Microsoft.ML.OnnxRuntime.Tensors;

        class Injected
        {
            private readonly InferenceSession _session;

            public Injected(InferenceSession session) => _session = session;

            public float Score(DenseTensor<float> x)
            {
                using var results = {|OV0001:_session.Run(new[] { NamedOnnxValue.CreateFromTensor("x", x) })|};
                return results.First().AsTensor<float>()[0];
            }
        }
        """);

    [Fact]
    public Task Not_offered_for_a_session_that_escapes_or_is_bound_for_IoBinding() => NotOffered("""
        using System.Linq;
        using Microsoft.ML.OnnxRuntime;
        using Microsoft.ML.OnnxRuntime.Tensors;

        class Escapes
        {
            private readonly InferenceSession _session = new InferenceSession("m.onnx");
            private readonly InferenceSession _bound = new InferenceSession("b.onnx");

            public InferenceSession Session => _session;

            public float Score(DenseTensor<float> x)
            {
                using var binding = _bound.CreateIoBinding();
                using var bound = {|OV0001:_bound.Run(new[] { NamedOnnxValue.CreateFromTensor("x", x) })|};
                using var results = {|OV0001:_session.Run(new[] { NamedOnnxValue.CreateFromTensor("x", x) })|};
                return results.First().AsTensor<float>()[0] + bound.First().AsTensor<float>()[0];
            }
        }
        """);

    [Fact]
    public Task Not_offered_where_the_results_local_would_change_what_runs_or_the_code_would_not_compile() => NotOffered("""
        using System.Collections.Generic;
        using System.Linq;
        using Microsoft.ML.OnnxRuntime;
        using Microsoft.ML.OnnxRuntime.Tensors;

        class Batches
        {
            private readonly InferenceSession _session = new InferenceSession("m.onnx");
            private readonly InferenceSession _typed = new InferenceSession("t.onnx");

            public float[] All(IEnumerable<DenseTensor<float>> items) =>
                items.Select(x => {|OV0001:_session.Run(new[] { NamedOnnxValue.CreateFromTensor("x", x) })|}.First().AsTensor<float>()[0]).ToArray();

            public IDisposableReadOnlyCollection<DisposableNamedOnnxValue> Raw(DenseTensor<float> x) =>
                {|OV0001:_typed.Run(new[] { NamedOnnxValue.CreateFromTensor("x", x) })|};
        }
        """);

    [Fact]
    public Task Not_offered_for_a_model_that_needs_custom_operators() => NotOffered("""
        using System.Linq;
        using Microsoft.ML.OnnxRuntime;
        using Microsoft.ML.OnnxRuntime.Tensors;

        static class Tokenizer
        {
            public static long[] Tokenize(string path, string text)
            {
                var options = new SessionOptions();
                options.RegisterOrtExtensions();
                var session = new InferenceSession(path, options);
                var input = new[] { NamedOnnxValue.CreateFromTensor("text", new DenseTensor<string>(new[] { text }, new[] { 1 })) };
                var tokens = {|OV0001:session.Run(input)|};
                return tokens.First().AsEnumerable<long>().ToArray();
            }
        }
        """);

    [Fact]
    public Task Not_offered_for_sessions_created_with_configured_session_options() => NotOffered("""
        using System.Linq;
        using Microsoft.ML.OnnxRuntime;
        using Microsoft.ML.OnnxRuntime.Tensors;

        class Configured
        {
            private readonly InferenceSession _gpu;
            private readonly InferenceSession _profiled = new InferenceSession("t.onnx", new SessionOptions { IntraOpNumThreads = 2, EnableProfiling = true });
            private readonly InferenceSession _given;

            public Configured(SessionOptions options)
            {
                var gpu = new SessionOptions();
                gpu.AppendExecutionProvider_CUDA(0);
                _gpu = new InferenceSession("g.onnx", gpu);
                _given = new InferenceSession("o.onnx", options);
            }

            public float Score(DenseTensor<float> x)
            {
                var inputs = new[] { NamedOnnxValue.CreateFromTensor("x", x) };
                using var a = {|OV0001:_gpu.Run(inputs)|};
                using var b = {|OV0001:_profiled.Run(inputs)|};
                using var c = {|OV0001:_given.Run(inputs)|};
                return a.First().AsTensor<float>()[0] + b.First().AsTensor<float>()[0] + c.First().AsTensor<float>()[0];
            }
        }
        """);

    [Fact]
    public Task Not_offered_for_runs_with_run_options() => NotOffered("""
        using System.Collections.Generic;
        using System.Linq;
        using Microsoft.ML.OnnxRuntime;
        using Microsoft.ML.OnnxRuntime.Tensors;

        class Cancellable
        {
            private readonly InferenceSession _session = new InferenceSession("m.onnx");
            private readonly InferenceSession _other = new InferenceSession("o.onnx");
            private readonly RunOptions _runOptions = new RunOptions();

            public void Cancel() => _runOptions.Terminate = true;

            public float Score(DenseTensor<float> x, RunOptions given)
            {
                var inputs = new[] { NamedOnnxValue.CreateFromTensor("x", x) };
                using var a = {|OV0001:_session.Run(inputs, new[] { "y" }, _runOptions)|};
                using var b = {|OV0001:_other.Run(inputs, new[] { "y" }, given)|};
                return a.First().AsTensor<float>()[0] + b.First().AsTensor<float>()[0];
            }
        }
        """);

    [Fact]
    public Task Offered_with_session_and_run_options_left_as_they_are_made() => new Test("""
        using System.Linq;
        using Microsoft.ML.OnnxRuntime;
        using Microsoft.ML.OnnxRuntime.Tensors;

        class Plain
        {
            public float Score(string path, DenseTensor<float> x)
            {
                using var options = new SessionOptions();
                using var session = new InferenceSession(path, options);
                var inputs = new[] { NamedOnnxValue.CreateFromTensor("x", x) };
                using var results = {|OV0001:session.Run(inputs, new[] { "y" }, new RunOptions())|};
                return results.First().AsTensor<float>()[0];
            }
        }
        """, """
        using System.Linq;
        using Microsoft.ML.OnnxRuntime;
        using Microsoft.ML.OnnxRuntime.Tensors;
        using OpenVerify;

        class Plain
        {
            public float Score(string path, DenseTensor<float> x)
            {
                using var options = new SessionOptions();
                using var session = VerifiedModel.Load(path);
                var inputs = new[] { NamedOnnxValue.CreateFromTensor("x", x) };
                using var results = session.Run(inputs, new[] { "y" }, new RunOptions());
                return results.First().AsTensor<float>()[0];
            }
        }
        """).RunAsync();

    [Fact]
    public Task Not_offered_without_the_OpenVerify_runtime() => NotOffered("""
        using System.Linq;
        using Microsoft.ML.OnnxRuntime;
        using Microsoft.ML.OnnxRuntime.Tensors;

        class NoRuntime
        {
            private readonly InferenceSession _session = new InferenceSession("m.onnx");

            public float Score(DenseTensor<float> x)
            {
                using var results = {|OV0001:_session.Run(new[] { NamedOnnxValue.CreateFromTensor("x", x) })|};
                return results.First().AsTensor<float>()[0];
            }
        }
        """, withRuntime: false);
}
