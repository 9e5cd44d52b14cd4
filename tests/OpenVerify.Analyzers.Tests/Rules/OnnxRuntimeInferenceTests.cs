using OpenVerify.Analyzers.Rules;
using OpenVerify.Analyzers.Tests.Infrastructure;

namespace OpenVerify.Analyzers.Tests.Rules;

public class OnnxRuntimeInferenceTests
{
    private const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading.Tasks;
        using Microsoft.ML.OnnxRuntime;

        """;

    private static AnalyzerTest<UnverifiedAiCallAnalyzer> Test(string source, params string[] extra) => new(Usings + source, extra);

    [Fact]
    public Task Run_is_reported() => Test("""
        class Scorer
        {
            float[] Score(InferenceSession session, IReadOnlyCollection<NamedOnnxValue> inputs)
            {
                using var results = {|#0:session.Run(inputs)|};
                return results.First().AsEnumerable<float>().ToArray();
            }
        }
        """).Expect(Expect.Call(Expect.Onnx, 0, "InferenceSession.Run")).RunAsync();

    [Fact]
    public Task Every_run_method_is_reported() => Test("""
        class Scorer
        {
            async Task Score(InferenceSession session, RunOptions options, OrtIoBinding binding, IReadOnlyCollection<string> names, IReadOnlyCollection<OrtValue> values, IReadOnlyCollection<OrtValue> outputs, IReadOnlyDictionary<string, OrtValue> map)
            {
                {|#0:session.Run(options, names, values, names)|};
                {|#1:session.Run(options, map, names)|};
                await {|#2:session.RunAsync(options, names, values, names, outputs)|};
                {|#3:session.RunWithBinding(options, binding)|};
                {|#4:session.RunWithBoundResults(options, binding)|};
                {|#5:session.RunWithBindingAndNames(options, binding, new string[0])|};
            }
        }
        """).Expect(
            Expect.Call(Expect.Onnx, 0, "InferenceSession.Run"),
            Expect.Call(Expect.Onnx, 1, "InferenceSession.Run"),
            Expect.Call(Expect.Onnx, 2, "InferenceSession.RunAsync"),
            Expect.Call(Expect.Onnx, 3, "InferenceSession.RunWithBinding"),
            Expect.Call(Expect.Onnx, 4, "InferenceSession.RunWithBoundResults"),
            Expect.Call(Expect.Onnx, 5, "InferenceSession.RunWithBindingAndNames")).RunAsync();

    [Fact]
    public Task Conditional_access_is_reported() => Test("""
        class Scorer
        {
            private InferenceSession? _session;

            int Count(IReadOnlyCollection<NamedOnnxValue> inputs) => _session?{|#0:.Run(inputs)|}.Count ?? 0;
        }
        """).Expect(Expect.Call(Expect.Onnx, 0, "InferenceSession.Run")).RunAsync();

    [Fact]
    public Task Method_group_and_delegate_are_reported() => Test("""
        class Scorer
        {
            void Bind(InferenceSession session)
            {
                Func<IReadOnlyCollection<NamedOnnxValue>, IDisposableReadOnlyCollection<DisposableNamedOnnxValue>> run = {|#0:session.Run|};
                Use({|#1:session.Run|});
            }

            void Use(Func<IReadOnlyCollection<NamedOnnxValue>, IDisposableReadOnlyCollection<DisposableNamedOnnxValue>> run) { }
        }
        """).Expect(
            Expect.Call(Expect.Onnx, 0, "InferenceSession.Run"),
            Expect.Call(Expect.Onnx, 1, "InferenceSession.Run")).RunAsync();

    [Fact]
    public Task Call_through_a_derived_type_is_reported() => Test("""
        class PinnedSession : InferenceSession
        {
            public PinnedSession(string path) : base(path) { }
        }

        class Scorer
        {
            void Score(PinnedSession session, IReadOnlyCollection<NamedOnnxValue> inputs) => {|#0:session.Run(inputs)|}.Dispose();
        }
        """).Expect(Expect.Call(Expect.Onnx, 0, "InferenceSession.Run")).RunAsync();

    [Fact]
    public Task Users_own_run_methods_are_not_reported() => Test("""
        class OrtInferenceSession
        {
            public void Run(IReadOnlyCollection<NamedOnnxValue> inputs) { }
        }

        interface IHost { void Run(); }

        class Scorer
        {
            async Task Work(OrtInferenceSession mine, IHost host, IReadOnlyCollection<NamedOnnxValue> inputs)
            {
                mine.Run(inputs);
                host.Run();
                await Task.Run(() => 1);
                _ = inputs.Count;
            }
        }
        """).RunAsync();

    [Fact]
    public Task A_wrapper_is_reported_once_at_the_real_call_not_at_its_callers() => Test("""
        class Scorer
        {
            private readonly InferenceSession _session = new("model.onnx");

            public IDisposableReadOnlyCollection<DisposableNamedOnnxValue> Score(IReadOnlyCollection<NamedOnnxValue> inputs) => {|#0:_session.Run(inputs)|};
        }

        class Caller
        {
            void Use(Scorer scorer, IReadOnlyCollection<NamedOnnxValue> inputs) => scorer.Score(inputs).Dispose();
        }
        """).Expect(Expect.Call(Expect.Onnx, 0, "InferenceSession.Run")).RunAsync();

    [Fact]
    public Task Generated_code_is_not_exempt() => Test("""
        class Scorer { }
        """,
        """
        // <auto-generated/>
        using System.Collections.Generic;
        using Microsoft.ML.OnnxRuntime;

        partial class Generated
        {
            void Score(InferenceSession session, IReadOnlyCollection<NamedOnnxValue> inputs) => {|#0:session.Run(inputs)|}.Dispose();
        }
        """).Expect(Expect.Call(Expect.Onnx, 0, "InferenceSession.Run")).RunAsync();

    [Fact]
    public Task A_call_that_does_not_bind_on_a_session_is_reported() => Test("""
        class Scorer
        {
            void Score(InferenceSession session, IReadOnlyCollection<NamedOnnxValue> inputs)
            {
                {|#0:session.RunLegacy(inputs)|};
                {|#1:session.Run(42, "wrong")|};
                session?{|#2:.Evaluate()|};
            }
        }
        """).IgnoringCompilerErrors().Expect(
            Expect.Unbound(Expect.Onnx, 0, "RunLegacy", "InferenceSession"),
            Expect.Unbound(Expect.Onnx, 1, "Run", "InferenceSession"),
            Expect.Unbound(Expect.Onnx, 2, "Evaluate", "InferenceSession")).RunAsync();

    [Fact]
    public Task A_call_that_does_not_bind_on_another_type_is_not_reported() => Test("""
        class Scorer
        {
            void Score(string text, IReadOnlyCollection<NamedOnnxValue> inputs)
            {
                text.RunLegacy(inputs);
                Missing.Run();
                undefinedSession.Run(inputs);
            }
        }
        """).IgnoringCompilerErrors().RunAsync();
}
