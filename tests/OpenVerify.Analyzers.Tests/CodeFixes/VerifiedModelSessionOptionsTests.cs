using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using OpenVerify.Analyzers.Configuration;
using OpenVerify.Analyzers.Diagnostics;
using OpenVerify.Analyzers.Tests.Infrastructure;
using OpenVerify.CodeFixes;

namespace OpenVerify.Analyzers.Tests.CodeFixes;

/// <summary>
/// OV0001 "Run through a VerifiedModel" on sessions created with configured <c>SessionOptions</c>: the settings a
/// <c>SessionConfiguration</c> has (graph optimization, intra/inter-op threads, execution mode, the CPU provider) carry
/// over into <c>VerifiedModelOptions.Session</c>; logging and memory settings go; anything else (a GPU provider, custom
/// operators, config entries, options from elsewhere) holds the fix back, and OV0001's message names it. The fixed
/// code is compiled against the real ONNX Runtime and OpenVerify runtime.
/// </summary>
public class VerifiedModelSessionOptionsTests
{
    private sealed class Test : AiCallCodeFixTest<VerifiedModelCodeFixProvider>
    {
        public Test(string source, string fixedSource)
            : base(source, fixedSource)
        {
            TestState.AdditionalReferences.Add(MetadataReference.CreateFromFile(typeof(OpenVerify.VerifiedModel).Assembly.Location));
        }
    }

    [Fact]
    public Task Options_configured_by_statements_before_the_session_carry_over_and_go() => new Test("""
        using System.Linq;
        using Microsoft.ML.OnnxRuntime;
        using Microsoft.ML.OnnxRuntime.Tensors;

        sealed class Detector
        {
            private readonly InferenceSession _session;

            public Detector(string modelPath)
            {
                var options = new SessionOptions { LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_WARNING };
                options.GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_EXTENDED;
                options.ExecutionMode = ExecutionMode.ORT_PARALLEL;
                options.InterOpNumThreads = 2;
                options.IntraOpNumThreads = 4;
                options.EnableMemoryPattern = false;
                options.AppendExecutionProvider_CPU(0);
                _session = new InferenceSession(modelPath, options);
            }

            public float Detect(DenseTensor<float> image)
            {
                using var results = {|OV0001:_session.Run(new[] { NamedOnnxValue.CreateFromTensor("images", image) })|};
                return results.First().AsTensor<float>()[0];
            }
        }
        """, """
        using System.Linq;
        using Microsoft.ML.OnnxRuntime;
        using Microsoft.ML.OnnxRuntime.Tensors;
        using OpenVerify;

        sealed class Detector
        {
            private readonly VerifiedModel _session;

            public Detector(string modelPath)
            {
                _session = VerifiedModel.Load(modelPath, new VerifiedModelOptions { Session = new SessionConfiguration { GraphOptimization = GraphOptimization.Extended, IntraOpThreads = 4, InterOpThreads = 2, ParallelExecution = true } });
            }

            public float Detect(DenseTensor<float> image)
            {
                using var results = _session.Run(new[] { NamedOnnxValue.CreateFromTensor("images", image) });
                return results.First().AsTensor<float>()[0];
            }
        }
        """).RunAsync();

    /// <summary>
    /// Options and session made in the same block inside a lambda (microsoft/ai-dev-gallery loads each sample's model
    /// in <c>Task.Run(() => { … })</c>): the statements run in order there as in a method, so the settings carry over;
    /// the lambda around both once held the fix back as if the options were set in another member.
    /// </summary>
    [Fact]
    public Task Options_and_session_made_in_one_lambda_block_carry_over() => new Test("""
        using System.Linq;
        using System.Threading.Tasks;
        using Microsoft.ML.OnnxRuntime;
        using Microsoft.ML.OnnxRuntime.Tensors;

        sealed class Classifier
        {
            private InferenceSession _session;

            public Task InitAsync(string modelPath) => Task.Run(() =>
            {
                var options = new SessionOptions();
                options.GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_EXTENDED;
                _session = new InferenceSession(modelPath, options);
            });

            public float Classify(DenseTensor<float> image)
            {
                using var results = {|OV0001:_session.Run(new[] { NamedOnnxValue.CreateFromTensor("images", image) })|};
                return results.First().AsTensor<float>()[0];
            }
        }
        """, """
        using System.Linq;
        using System.Threading.Tasks;
        using Microsoft.ML.OnnxRuntime;
        using Microsoft.ML.OnnxRuntime.Tensors;
        using OpenVerify;

        sealed class Classifier
        {
            private VerifiedModel _session;

            public Task InitAsync(string modelPath) => Task.Run(() =>
            {
                _session = VerifiedModel.Load(modelPath, new VerifiedModelOptions { Session = new SessionConfiguration { GraphOptimization = GraphOptimization.Extended } });
            });

            public float Classify(DenseTensor<float> image)
            {
                using var results = _session.Run(new[] { NamedOnnxValue.CreateFromTensor("images", image) });
                return results.First().AsTensor<float>()[0];
            }
        }
        """).RunAsync();

    /// <summary>
    /// Options made outside a lambda (or a loop) that makes a session each time it runs: a statement after the creation
    /// in the lambda's block changes the options the next session gets, so it is not "after the session" and the fix
    /// holds back rather than drop it.
    /// </summary>
    [Fact]
    public Task Options_changed_after_the_session_in_a_lambda_or_loop_that_runs_again_get_no_fix()
    {
        const string source = """
            using System;
            using System.Linq;
            using Microsoft.ML.OnnxRuntime;
            using Microsoft.ML.OnnxRuntime.Tensors;

            class Pool
            {
                private InferenceSession _lambda;
                private InferenceSession _loop;

                public Pool(string[] paths)
                {
                    var options = new SessionOptions();
                    Action<string> load = path =>
                    {
                        _lambda = new InferenceSession(path, options);
                        options.IntraOpNumThreads = 4;
                    };
                    load(paths[0]);
                    load(paths[1]);

                    var looped = new SessionOptions();
                    foreach (var path in paths)
                    {
                        _loop = new InferenceSession(path, looped);
                        looped.InterOpNumThreads = 2;
                    }
                }

                public float Score(DenseTensor<float> x)
                {
                    var inputs = new[] { NamedOnnxValue.CreateFromTensor("x", x) };
                    using var a = {|#0:_lambda.Run(inputs)|};
                    using var b = {|#1:_loop.Run(inputs)|};
                    return a.First().AsTensor<float>()[0] + b.Count;
                }
            }
            """;
        var test = new Test(source, source);
        test.ExpectedDiagnostics.AddRange(new[]
        {
            Held(0, "'options.IntraOpNumThreads = 4' where the fix cannot tell whether it applies to the session (in a branch, a loop or another member)"),
            Held(1, "'looped.InterOpNumThreads = 2' where the fix cannot tell whether it applies to the session (in a branch, a loop or another member)"),
        });
        test.FixedState.ExpectedDiagnostics.AddRange(test.ExpectedDiagnostics);
        return test.RunAsync();
    }

    [Fact]
    public Task An_initializer_in_the_call_with_a_variable_thread_count_carries_over() => new Test("""
        using System;
        using System.Linq;
        using Microsoft.ML.OnnxRuntime;
        using Microsoft.ML.OnnxRuntime.Tensors;

        class Embedder
        {
            private static readonly InferenceSession Session = new InferenceSession(
                System.IO.File.ReadAllBytes("embed.onnx"),
                new SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL, IntraOpNumThreads = Environment.ProcessorCount, ExecutionMode = ExecutionMode.ORT_SEQUENTIAL });

            public static float[] Embed(DenseTensor<long> ids)
            {
                using var results = {|OV0001:Session.Run(new[] { NamedOnnxValue.CreateFromTensor("input_ids", ids) })|};
                return results.First().AsEnumerable<float>().ToArray();
            }
        }
        """, """
        using System;
        using System.Linq;
        using Microsoft.ML.OnnxRuntime;
        using Microsoft.ML.OnnxRuntime.Tensors;
        using OpenVerify;

        class Embedder
        {
            private static readonly VerifiedModel Session = VerifiedModel.FromBytes(
                System.IO.File.ReadAllBytes("embed.onnx"),
                new VerifiedModelOptions { Session = new SessionConfiguration { GraphOptimization = GraphOptimization.All, IntraOpThreads = Environment.ProcessorCount } });

            public static float[] Embed(DenseTensor<long> ids)
            {
                using var results = Session.Run(new[] { NamedOnnxValue.CreateFromTensor("input_ids", ids) });
                return results.First().AsEnumerable<float>().ToArray();
            }
        }
        """).RunAsync();

    [Fact]
    public Task Options_made_by_a_helper_method_carry_over_and_the_helper_stays() => new Test("""
        using System.Linq;
        using Microsoft.ML.OnnxRuntime;
        using Microsoft.ML.OnnxRuntime.Tensors;

        sealed class FaceDetector
        {
            private readonly InferenceSession _session;

            public FaceDetector(string path) => _session = new InferenceSession(path, CreateOptions());

            private static SessionOptions CreateOptions()
            {
                var options = new SessionOptions { ExecutionMode = ExecutionMode.ORT_SEQUENTIAL };
                options.GraphOptimizationLevel = GraphOptimizationLevel.ORT_DISABLE_ALL;
                options.IntraOpNumThreads = 2;
                options.AppendExecutionProvider_CPU();
                return options;
            }

            public float[] Detect(DenseTensor<float> image) =>
                {|OV0001:_session.Run(new[] { NamedOnnxValue.CreateFromTensor("input", image) })|}.First().AsTensor<float>().ToArray();
        }
        """, """
        using System.Linq;
        using Microsoft.ML.OnnxRuntime;
        using Microsoft.ML.OnnxRuntime.Tensors;
        using OpenVerify;

        sealed class FaceDetector
        {
            private readonly VerifiedModel _session;

            public FaceDetector(string path) => _session = VerifiedModel.Load(path, new VerifiedModelOptions { Session = new SessionConfiguration { GraphOptimization = GraphOptimization.Disabled, IntraOpThreads = 2 } });

            private static SessionOptions CreateOptions()
            {
                var options = new SessionOptions { ExecutionMode = ExecutionMode.ORT_SEQUENTIAL };
                options.GraphOptimizationLevel = GraphOptimizationLevel.ORT_DISABLE_ALL;
                options.IntraOpNumThreads = 2;
                options.AppendExecutionProvider_CPU();
                return options;
            }

            public float[] Detect(DenseTensor<float> image)
            {
                var results = _session.Run(new[] { NamedOnnxValue.CreateFromTensor("input", image) });
                return results.First().AsTensor<float>().ToArray();
            }
        }
        """).RunAsync();

    [Fact]
    public Task Fix_all_rewrites_sessions_that_share_a_private_options_field_and_keeps_the_field()
    {
        const string before = """
            using System.Linq;
            using Microsoft.ML.OnnxRuntime;
            using Microsoft.ML.OnnxRuntime.Tensors;

            class Pipeline
            {
                private readonly SessionOptions _options = new SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_BASIC, IntraOpNumThreads = 1 };
                private readonly InferenceSession _encoder;
                private readonly InferenceSession _decoder;

                public Pipeline(string encoder, string decoder)
                {
                    _encoder = new InferenceSession(encoder, _options);
                    _decoder = new InferenceSession(decoder, _options);
                }

                public float Run(DenseTensor<float> x)
                {
                    using var encoded = {|OV0001:_encoder.Run(new[] { NamedOnnxValue.CreateFromTensor("x", x) })|};
                    using var decoded = {|OV0001:_decoder.Run(new[] { NamedOnnxValue.CreateFromTensor("h", encoded.First().AsTensor<float>()) })|};
                    return decoded.First().AsTensor<float>()[0];
                }
            }
            """;
        const string after = """
            using System.Linq;
            using Microsoft.ML.OnnxRuntime;
            using Microsoft.ML.OnnxRuntime.Tensors;
            using OpenVerify;

            class Pipeline
            {
                private readonly SessionOptions _options = new SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_BASIC, IntraOpNumThreads = 1 };
                private readonly VerifiedModel _encoder;
                private readonly VerifiedModel _decoder;

                public Pipeline(string encoder, string decoder)
                {
                    _encoder = VerifiedModel.Load(encoder, new VerifiedModelOptions { Session = new SessionConfiguration { GraphOptimization = GraphOptimization.Basic, IntraOpThreads = 1 } });
                    _decoder = VerifiedModel.Load(decoder, new VerifiedModelOptions { Session = new SessionConfiguration { GraphOptimization = GraphOptimization.Basic, IntraOpThreads = 1 } });
                }

                public float Run(DenseTensor<float> x)
                {
                    using var encoded = _encoder.Run(new[] { NamedOnnxValue.CreateFromTensor("x", x) });
                    using var decoded = _decoder.Run(new[] { NamedOnnxValue.CreateFromTensor("h", encoded.First().AsTensor<float>()) });
                    return decoded.First().AsTensor<float>()[0];
                }
            }
            """;
        // One at a time, the second fix finds the field used by nothing else and removes it with its settings, now in
        // the configuration; Fix All rewrites both against the original code and keeps it (unused, harmless).
        var removed = after.Replace("    private readonly SessionOptions _options = new SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_BASIC, IntraOpNumThreads = 1 };\n", string.Empty, StringComparison.Ordinal);
        return new Test(before, removed) { BatchFixedCode = after, NumberOfFixAllIterations = 1 }.RunAsync();
    }

    /// <summary>Each session holds a setting no SessionConfiguration has: no fix, and the message names the setting.</summary>
    [Fact]
    public Task Held_back_settings_are_named_in_the_message_and_get_no_fix()
    {
        const string source = """
            using System.Linq;
            using Microsoft.ML.OnnxRuntime;
            using Microsoft.ML.OnnxRuntime.Tensors;

            class Held
            {
                private readonly InferenceSession _cuda;
                private readonly InferenceSession _cudaFactory = new InferenceSession("f.onnx", SessionOptions.MakeSessionOptionWithCudaProvider(0));
                private readonly InferenceSession _extensions;
                private readonly InferenceSession _entry;
                private readonly InferenceSession _profiling = new InferenceSession("p.onnx", new SessionOptions { EnableProfiling = true });
                private readonly InferenceSession _given;
                private readonly InferenceSession _helper = new InferenceSession("h.onnx", MakeOptions(true));
                private readonly InferenceSession _branch;

                public Held(SessionOptions given, bool gpu)
                {
                    var cuda = new SessionOptions();
                    cuda.AppendExecutionProvider_CUDA(0);
                    _cuda = new InferenceSession("c.onnx", cuda);
                    var extensions = new SessionOptions();
                    extensions.RegisterOrtExtensions();
                    _extensions = new InferenceSession("e.onnx", extensions);
                    var entry = new SessionOptions();
                    entry.AddSessionConfigEntry("session.use_env_allocators", "1");
                    _entry = new InferenceSession("s.onnx", entry);
                    _given = new InferenceSession("g.onnx", given ?? new SessionOptions());
                    var branch = new SessionOptions();
                    if (gpu) branch.AppendExecutionProvider_DML(0);
                    _branch = new InferenceSession("b.onnx", branch);
                }

                private static SessionOptions MakeOptions(bool gpu) => new SessionOptions();

                public float Score(DenseTensor<float> x)
                {
                    var inputs = new[] { NamedOnnxValue.CreateFromTensor("x", x) };
                    using var a = {|#0:_cuda.Run(inputs)|};
                    using var b = {|#1:_cudaFactory.Run(inputs)|};
                    using var c = {|#2:_extensions.Run(inputs)|};
                    using var d = {|#3:_entry.Run(inputs)|};
                    using var e = {|#4:_profiling.Run(inputs)|};
                    using var f = {|#5:_given.Run(inputs)|};
                    using var g = {|#6:_helper.Run(inputs)|};
                    using var h = {|#7:_branch.Run(inputs)|};
                    return a.First().AsTensor<float>()[0] + b.Count + c.Count + d.Count + e.Count + f.Count + g.Count + h.Count;
                }
            }
            """;
        var test = new Test(source, source);
        test.ExpectedDiagnostics.AddRange(new[]
        {
            Held(0, "the CUDA execution provider (AppendExecutionProvider_CUDA): a VerifiedModel runs on the CPU only; keep the call unverified with [AllowUnverifiedAi(\"why\")] or run the model on the CPU"),
            Held(1, "the CUDA execution provider (SessionOptions.MakeSessionOptionWithCudaProvider): a VerifiedModel runs on the CPU only"),
            Held(2, "custom operators (RegisterOrtExtensions): their code is outside the model's digest, so a VerifiedModel refuses them"),
            Held(3, "a session config entry (entry.AddSessionConfigEntry(\"session.use_env_allocators\", \"1\")): a VerifiedModel takes no free-form config entries"),
            Held(4, "EnableProfiling = true: a VerifiedModel writes no profile; remove it to profile an unverified session instead"),
            Held(5, "SessionOptions passed in as the parameter 'given' (create the VerifiedModel where the options are made, with VerifiedModelOptions.Session)"),
            Held(6, "SessionOptions from 'MakeOptions(true)' (set the same values in VerifiedModelOptions.Session where the session is created)"),
            Held(7, "'branch.AppendExecutionProvider_DML(0)' where the fix cannot tell whether it applies to the session (in a branch, a loop or another member)"),
        });
        test.FixedState.ExpectedDiagnostics.AddRange(test.ExpectedDiagnostics);
        return test.RunAsync();
    }

    /// <summary>
    /// A private options field of a partial type declared in two files: the other file's statements (a GPU provider,
    /// a config entry) are out of the fix's sight, so it holds back rather than drop them or remove a field they use.
    /// </summary>
    [Fact]
    public Task Options_field_of_a_partial_type_in_several_files_gets_no_fix()
    {
        const string model = """
            using System.Linq;
            using Microsoft.ML.OnnxRuntime;
            using Microsoft.ML.OnnxRuntime.Tensors;

            partial class Model
            {
                private readonly SessionOptions _opts = new() { IntraOpNumThreads = 2 };
                private readonly InferenceSession _session;

                public Model(string path) : this() => _session = new InferenceSession(path, _opts);

                public float Score(DenseTensor<float> x)
                {
                    using var results = {|#0:_session.Run(new[] { NamedOnnxValue.CreateFromTensor("x", x) })|};
                    return results.First().AsTensor<float>()[0];
                }
            }

            partial class Tuned
            {
                private readonly SessionOptions _opts = new SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL };
                private readonly InferenceSession _session;

                public Tuned(string path)
                {
                    Configure();
                    _session = new InferenceSession(path, _opts);
                }

                public int Score(DenseTensor<float> x)
                {
                    using var results = {|#1:_session.Run(new[] { NamedOnnxValue.CreateFromTensor("x", x) })|};
                    return results.Count;
                }
            }
            """;
        const string gpu = """
            partial class Model
            {
                private Model() => _opts.AppendExecutionProvider_CUDA(0);
            }

            partial class Tuned
            {
                private void Configure() => _opts.AddSessionConfigEntry("session.disable_prepacking", "1");
            }
            """;
        var test = new Test(model, model);
        test.TestState.Sources.Add(("Model.Gpu.cs", gpu));
        test.FixedState.Sources.Add(("Model.Gpu.cs", gpu));
        test.ExpectedDiagnostics.AddRange(new[]
        {
            Held(0, "SessionOptions '_opts' of the partial type 'Model', whose other parts may configure it (set the same values in VerifiedModelOptions.Session where the session is created)"),
            Held(1, "SessionOptions '_opts' of the partial type 'Tuned', whose other parts may configure it (set the same values in VerifiedModelOptions.Session where the session is created)"),
        });
        test.FixedState.ExpectedDiagnostics.AddRange(test.ExpectedDiagnostics);
        return test.RunAsync();
    }

    /// <summary>A partial type declared once has all its uses of the field in sight: the fix is offered.</summary>
    [Fact]
    public Task Options_field_of_a_partial_type_declared_once_carries_over()
    {
        const string other = """
            partial class Other
            {
                private readonly object _opts = new object();
            }
            """;
        var test = new Test("""
            using System.Linq;
            using Microsoft.ML.OnnxRuntime;
            using Microsoft.ML.OnnxRuntime.Tensors;

            partial class Model
            {
                private readonly SessionOptions _opts = new() { IntraOpNumThreads = 2 };
                private readonly InferenceSession _session;

                public Model(string path) => _session = new InferenceSession(path, _opts);

                public float Score(DenseTensor<float> x)
                {
                    using var results = {|OV0001:_session.Run(new[] { NamedOnnxValue.CreateFromTensor("x", x) })|};
                    return results.First().AsTensor<float>()[0];
                }
            }
            """, """
            using System.Linq;
            using Microsoft.ML.OnnxRuntime;
            using Microsoft.ML.OnnxRuntime.Tensors;
            using OpenVerify;

            partial class Model
            {
                private readonly VerifiedModel _session;

                public Model(string path) => _session = VerifiedModel.Load(path, new VerifiedModelOptions { Session = new SessionConfiguration { IntraOpThreads = 2 } });

                public float Score(DenseTensor<float> x)
                {
                    using var results = _session.Run(new[] { NamedOnnxValue.CreateFromTensor("x", x) });
                    return results.First().AsTensor<float>()[0];
                }
            }
            """);
        test.TestState.Sources.Add(("Other.cs", other));
        test.FixedState.Sources.Add(("Other.cs", other));
        return test.RunAsync();
    }

    private static DiagnosticResult Held(int location, string reason) =>
        new DiagnosticResult(DiagnosticDescriptors.OnnxRuntimeConfiguredSession.Call.For(GateMode.Warn)).WithLocation(location).WithArguments("InferenceSession.Run", reason);
}
