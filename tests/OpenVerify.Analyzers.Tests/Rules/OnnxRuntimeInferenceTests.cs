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
            Expect.HeldBack(Expect.OnnxHeldBack, 3, "InferenceSession.RunWithBinding", IoBinding("RunWithBinding") + CreateWhereMade),
            Expect.HeldBack(Expect.OnnxHeldBack, 4, "InferenceSession.RunWithBoundResults", IoBinding("RunWithBoundResults") + CreateWhereMade),
            Expect.HeldBack(Expect.OnnxHeldBack, 5, "InferenceSession.RunWithBindingAndNames", IoBinding("RunWithBindingAndNames") + CreateWhereMade)).RunAsync();

    private const string CreateWhereMade = "; create the VerifiedModel where the session is created (VerifiedModel.Load(path), with VerifiedModelOptions.Session for its SessionOptions)";

    private static string IoBinding(string run) =>
        $"it runs on an IoBinding ({run}), whose outputs ONNX Runtime writes into values bound beforehand, and a receipt can attest only the outputs " +
        "a verified run returns: drop the binding and pass the input OrtValues to VerifiedModel's Run(runOptions, inputNames, inputValues, outputNames) " +
        "(OpenVerify), which returns the outputs as AttestedOnnxValues<OrtValue> with the run's Receipt, and read the outputs from there instead of the bound buffers";

    private static string HandedIn(string member, string type, string parameter) =>
        $"its session '{member}' is handed in: '{type}' stores its constructor parameter '{parameter}' in it, " +
        $"so the session is made by the code that constructs '{type}', which no fix here changes: create a VerifiedModel where that session is created " +
        "(VerifiedModel.Load(path), with VerifiedModelOptions.Session for its SessionOptions), hand it in instead of the InferenceSession, " +
        "and keep the Run calls (OpenVerify's VerifiedModelOnnxRuntimeExtensions return the receipt beside the outputs)";

    [Fact]
    public Task A_session_handed_in_through_a_constructor_is_named_in_the_message() => Test("""
        class Detector : DetectorBase
        {
            public Detector(InferenceSession session) : base(session) { }

            void Detect(RunOptions options, IReadOnlyCollection<OrtValue> values)
            {
                using var outputs = {|#0:_session.Run(options, _session.InputNames, values, _session.OutputNames)|};
            }
        }

        class Primary(InferenceSession session)
        {
            private readonly InferenceSession _session = session;

            void Score(IReadOnlyCollection<NamedOnnxValue> inputs) => {|#1:_session.Run(inputs)|}.Dispose();
        }

        class Guarded
        {
            private InferenceSession Session { get; }

            public Guarded(InferenceSession given) => Session = given ?? throw new ArgumentNullException(nameof(given));

            void Score(IReadOnlyCollection<NamedOnnxValue> inputs) => {|#2:this.Session.Run(inputs)|}.Dispose();
        }
        """,
        // The base class in another file: its constructor stores the parameter.
        """
        using Microsoft.ML.OnnxRuntime;

        class DetectorBase
        {
            protected readonly InferenceSession _session;

            public DetectorBase(InferenceSession session)
            {
                this._session = session;
            }
        }
        """).Expect(
            Expect.HeldBack(Expect.OnnxHeldBack, 0, "InferenceSession.Run", HandedIn("_session", "DetectorBase", "session")),
            Expect.HeldBack(Expect.OnnxHeldBack, 1, "InferenceSession.Run", HandedIn("_session", "Primary", "session")),
            Expect.HeldBack(Expect.OnnxHeldBack, 2, "InferenceSession.Run", HandedIn("Session", "Guarded", "given"))).RunAsync();

    [Fact]
    public Task A_binding_run_on_a_session_handed_in_names_both_reasons_and_a_session_made_here_keeps_the_plain_message() => Test("""
        class Bound
        {
            private readonly InferenceSession _session;
            private readonly OrtIoBinding _binding;

            public Bound(InferenceSession session)
            {
                _session = session;
                _binding = _session.CreateIoBinding();
            }

            void Detect(RunOptions options) => {|#0:_session.RunWithBinding(options, _binding)|};
        }

        class Made
        {
            private readonly InferenceSession _session;

            public Made(string path)
            {
                _session = new InferenceSession(path);
            }

            void Score(IReadOnlyCollection<NamedOnnxValue> inputs) => {|#1:_session.Run(inputs)|}.Dispose();
        }
        """).Expect(
            Expect.HeldBack(Expect.OnnxHeldBack, 0, "InferenceSession.RunWithBinding", IoBinding("RunWithBinding") + "; " + HandedIn("_session", "Bound", "session")),
            Expect.Call(Expect.Onnx, 1, "InferenceSession.Run")).RunAsync();

    [Fact]
    public Task A_session_made_on_a_worker_thread_names_its_options() => Test("""
        class Loaded
        {
            private SessionOptions _options;
            private InferenceSession _session;

            async Task Load(string path, Func<SessionOptions> provider)
            {
                _options = provider();
                _session = await Task.Run(() => new InferenceSession(path, _options));
            }

            void Score(IReadOnlyCollection<NamedOnnxValue> inputs) => {|#0:_session.Run(inputs)|}.Dispose();
        }
        """).Expect(
            Expect.HeldBack(Expect.OnnxConfiguredSession, 0, "InferenceSession.Run",
                "SessionOptions '_options' from 'provider()' (set the same values in VerifiedModelOptions.Session where the session is created)")).RunAsync();

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
