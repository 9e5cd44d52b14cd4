using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using OpenVerify.Analyzers.Rules;
using OpenVerify.Analyzers.Tests.Infrastructure;
using OpenVerify.CodeFixes;

namespace OpenVerify.Analyzers.Tests.CodeFixes;

public class AllowUnverifiedAiCodeFixTests
{
    private sealed class Test : CSharpCodeFixTest<UnverifiedAiCallAnalyzer, AllowUnverifiedAiCodeFixProvider, DefaultVerifier>
    {
        public Test(string source, string fixedSource)
        {
            TestCode = source;
            FixedCode = fixedSource;
            OfflineSetup.Apply(this);

            // {|OV0001:...|} stands for the warn form, listed first; the strict form shares its id.
            MarkupOptions = MarkupOptions.UseFirstDescriptor;
        }
    }

    [Fact]
    public Task Adds_the_attribute_and_the_using_to_the_enclosing_method() => new Test("""
        using System.Collections.Generic;
        using Microsoft.ML.OnnxRuntime;

        class Scorer
        {
            /// <summary>Scores.</summary>
            public int Score(InferenceSession session, IReadOnlyCollection<NamedOnnxValue> inputs)
            {
                return {|OV0001:session.Run(inputs)|}.Count;
            }
        }
        """, """
        using System.Collections.Generic;
        using Microsoft.ML.OnnxRuntime;
        using OpenVerify;

        class Scorer
        {
            /// <summary>Scores.</summary>
            [AllowUnverifiedAi("")]
            public int Score(InferenceSession session, IReadOnlyCollection<NamedOnnxValue> inputs)
            {
                return session.Run(inputs).Count;
            }
        }
        """).RunAsync();

    [Fact]
    public Task Goes_after_existing_attributes_on_a_property() => new Test("""
        using System;
        using System.Collections.Generic;
        using Microsoft.ML.OnnxRuntime;
        using OpenVerify;

        class Scorer
        {
            private readonly InferenceSession _session = new("model.onnx");

            [Obsolete("use Score2")]
            public int Warm => {|OV0001:_session.Run(Array.Empty<NamedOnnxValue>())|}.Count;
        }
        """, """
        using System;
        using System.Collections.Generic;
        using Microsoft.ML.OnnxRuntime;
        using OpenVerify;

        class Scorer
        {
            private readonly InferenceSession _session = new("model.onnx");

            [Obsolete("use Score2")]
            [AllowUnverifiedAi("")]
            public int Warm => _session.Run(Array.Empty<NamedOnnxValue>()).Count;
        }
        """).RunAsync();

    [Fact]
    public Task Fix_all_adds_one_attribute_per_member_not_one_per_call() => new Test("""
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;
        using OpenVerify;

        class Assistant
        {
            async Task Ask(IChatClient client)
            {
                await {|OV0003:client.GetResponseAsync("a")|};
                await {|OV0003:client.GetResponseAsync("b")|};
            }

            async Task Embed(IEmbeddingGenerator<string, Embedding<float>> generator)
            {
                await {|OV0004:generator.GenerateAsync("a")|};
                await {|OV0004:generator.GenerateVectorAsync("b")|};
            }
        }
        """, """
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;
        using OpenVerify;

        class Assistant
        {
            [AllowUnverifiedAi("")]
            async Task Ask(IChatClient client)
            {
                await client.GetResponseAsync("a");
                await client.GetResponseAsync("b");
            }

            [AllowUnverifiedAi("")]
            async Task Embed(IEmbeddingGenerator<string, Embedding<float>> generator)
            {
                await generator.GenerateAsync("a");
                await generator.GenerateVectorAsync("b");
            }
        }
        """)
    {
        NumberOfFixAllIterations = 1,
        CodeActionEquivalenceKey = AllowUnverifiedAiCodeFixProvider.Title,
    }.RunAsync();

    [Fact]
    public Task Calls_in_top_level_statements_get_no_fix() => new Test("""
        using System;
        using Microsoft.ML.OnnxRuntime;

        var session = new InferenceSession("model.onnx");
        {|OV0001:session.Run(Array.Empty<NamedOnnxValue>())|}.Dispose();
        """, """
        using System;
        using Microsoft.ML.OnnxRuntime;

        var session = new InferenceSession("model.onnx");
        {|OV0001:session.Run(Array.Empty<NamedOnnxValue>())|}.Dispose();
        """)
    {
        TestState = { OutputKind = Microsoft.CodeAnalysis.OutputKind.ConsoleApplication },
        FixedState = { OutputKind = Microsoft.CodeAnalysis.OutputKind.ConsoleApplication },
    }.RunAsync();
}
