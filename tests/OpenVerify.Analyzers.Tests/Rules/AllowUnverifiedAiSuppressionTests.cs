using OpenVerify.Analyzers.Rules;
using OpenVerify.Analyzers.Tests.Infrastructure;

namespace OpenVerify.Analyzers.Tests.Rules;

public class AllowUnverifiedAiSuppressionTests
{
    private const string Usings = """
        using System;
        using System.Collections.Generic;
        using Microsoft.ML.OnnxRuntime;
        using OpenVerify;

        """;

    private static AnalyzerTest<UnverifiedAiCallAnalyzer> Test(string source) => new(Usings + source);

    [Fact]
    public Task The_attribute_on_a_method_type_nested_type_property_field_and_local_function_suppresses() => Test("""
        class OnMethod
        {
            [AllowUnverifiedAi("benchmark baseline")]
            void Score(InferenceSession s, IReadOnlyCollection<NamedOnnxValue> i) => s.Run(i).Dispose();
        }

        [AllowUnverifiedAi("legacy scorer, replaced in 2.0")]
        class OnType
        {
            void Score(InferenceSession s, IReadOnlyCollection<NamedOnnxValue> i) => s.Run(i).Dispose();

            class Nested
            {
                void Score(InferenceSession s, IReadOnlyCollection<NamedOnnxValue> i) => s.Run(i).Dispose();
            }
        }

        class OnMembers
        {
            private static readonly InferenceSession Session = new("model.onnx");
            private static readonly IReadOnlyCollection<NamedOnnxValue> Inputs = Array.Empty<NamedOnnxValue>();

            [AllowUnverifiedAi("warm-up only")]
            int Warm => Session.Run(Inputs).Count;

            [AllowUnverifiedAi("warm-up only")]
            private readonly int _warmed = Session.Run(Inputs).Count;

            void Local()
            {
                [AllowUnverifiedAi("health probe")]
                int Probe() => Session.Run(Inputs).Count;

                Func<int> lambda = [AllowUnverifiedAi("health probe")] () => Session.Run(Inputs).Count;
                _ = Probe() + lambda() + {|#0:Session.Run(Inputs)|}.Count;
            }
        }
        """).Expect(Expect.Call(Expect.Onnx, 0, "InferenceSession.Run")).RunAsync();

    [Fact]
    public Task The_attribute_is_matched_by_metadata_name_from_any_assembly() => new AnalyzerTest<UnverifiedAiCallAnalyzer>("""
        using System.Collections.Generic;
        using Microsoft.ML.OnnxRuntime;

        namespace OpenVerify
        {
            [System.AttributeUsage(System.AttributeTargets.All)]
            sealed class AllowUnverifiedAiAttribute : System.Attribute
            {
                public AllowUnverifiedAiAttribute(string justification) { }
            }
        }

        namespace Audit
        {
            class Scorer
            {
                [OpenVerify.AllowUnverifiedAi("audited code base without the OpenVerify package")]
                void Score(InferenceSession s, IReadOnlyCollection<NamedOnnxValue> i) => s.Run(i).Dispose();
            }
        }
        """).WithReferences(TestReferences.All.Where(r => !r.Display!.EndsWith("OpenVerify.Abstractions.dll", StringComparison.Ordinal))).RunAsync();

    [Fact]
    public Task An_attribute_with_the_same_simple_name_in_another_namespace_does_not_suppress() => new AnalyzerTest<UnverifiedAiCallAnalyzer>("""
        using System.Collections.Generic;
        using Microsoft.ML.OnnxRuntime;

        namespace Other
        {
            sealed class AllowUnverifiedAiAttribute : System.Attribute
            {
                public AllowUnverifiedAiAttribute(string justification) { }
            }

            class Scorer
            {
                [AllowUnverifiedAi("not ours")]
                void Score(InferenceSession s, IReadOnlyCollection<NamedOnnxValue> i) => {|#0:s.Run(i)|}.Dispose();
            }
        }
        """).Expect(Expect.Call(Expect.Onnx, 0, "InferenceSession.Run")).RunAsync();
}
