using OpenVerify.Analyzers.Tests.Infrastructure;
using OpenVerify.CodeFixes;

namespace OpenVerify.Analyzers.Tests.CodeFixes;

public class AllowUnverifiedAiCodeFixTests
{
    private sealed class Test(string source, string fixedSource)
        : AiCallCodeFixTest<AllowUnverifiedAiCodeFixProvider>(source, fixedSource);

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

    private static Test TopLevel(string source, string fixedSource) => new(source, fixedSource)
    {
        TestState = { OutputKind = Microsoft.CodeAnalysis.OutputKind.ConsoleApplication },
        FixedState = { OutputKind = Microsoft.CodeAnalysis.OutputKind.ConsoleApplication },
    };

    [Fact]
    public Task Top_level_onnx_call_is_extracted_into_a_local_function_with_the_attribute() => TopLevel("""
        using System;
        using Microsoft.ML.OnnxRuntime;

        var session = new InferenceSession("model.onnx");

        // Warm-up.
        {|OV0001:session.Run(Array.Empty<NamedOnnxValue>())|}.Dispose();
        """, """
        using System;
        using Microsoft.ML.OnnxRuntime;
        using OpenVerify;

        var session = new InferenceSession("model.onnx");

        // Warm-up.
        [AllowUnverifiedAi("")]
        IDisposableReadOnlyCollection<DisposableNamedOnnxValue> UnverifiedRun() => session.Run(Array.Empty<NamedOnnxValue>());
        UnverifiedRun().Dispose();
        """).RunAsync();

    [Fact]
    public Task Top_level_ml_net_prediction_in_a_block_is_extracted_there() => TopLevel("""
        using Microsoft.ML;

        PredictionEngine<Input, Output> engine = null!;
        if (args.Length > 0)
        {
            var input = new Input { X = args.Length };
            System.Console.WriteLine({|OV0002:engine.Predict(input)|}.Score);
        }

        public class Input { public float X { get; set; } }
        public class Output { public float Score { get; set; } }
        """, """
        using Microsoft.ML;
        using OpenVerify;

        PredictionEngine<Input, Output> engine = null!;
        if (args.Length > 0)
        {
            var input = new Input { X = args.Length };
            [AllowUnverifiedAi("")]
            Output UnverifiedPredict() => engine.Predict(input);
            System.Console.WriteLine(UnverifiedPredict().Score);
        }

        public class Input { public float X { get; set; } }
        public class Output { public float Score { get; set; } }
        """).RunAsync();

    [Fact]
    public Task Top_level_chat_call_in_a_lambda_gets_the_attribute_on_the_lambda() => TopLevel("""
        using System;
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;

        IChatClient client = null!;
        Func<string, Task<ChatResponse>> ask = question => {|OV0003:client.GetResponseAsync(question)|};
        Console.WriteLine(await ask("hi"));
        """, """
        using System;
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;
        using OpenVerify;

        IChatClient client = null!;
        Func<string, Task<ChatResponse>> ask = [AllowUnverifiedAi("")] (question) => client.GetResponseAsync(question);
        Console.WriteLine(await ask("hi"));
        """).RunAsync();

    [Fact]
    public Task Top_level_embedding_call_in_a_local_function_gets_the_attribute_on_it() => TopLevel("""
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;

        IEmbeddingGenerator<string, Embedding<float>> generator = null!;
        await Embed("a");

        async Task Embed(string text)
        {
            await {|OV0004:generator.GenerateAsync(text)|};
        }
        """, """
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;
        using OpenVerify;

        IEmbeddingGenerator<string, Embedding<float>> generator = null!;
        await Embed("a");

        [AllowUnverifiedAi("")]
        async Task Embed(string text)
        {
            await generator.GenerateAsync(text);
        }
        """).RunAsync();

    [Fact]
    public Task Fix_all_in_top_level_statements_extracts_each_call_under_its_own_name() => new Test("""
        using Microsoft.Extensions.AI;

        IChatClient client = null!;
        IEmbeddingGenerator<string, Embedding<float>> generator = null!;
        var first = await {|OV0003:client.GetResponseAsync("a")|};
        var second = await {|OV0003:client.GetResponseAsync(first.Text)|};
        var vector = await {|OV0004:generator.GenerateVectorAsync(second.Text)|};
        System.Console.WriteLine(vector.Length);
        """, """
        using Microsoft.Extensions.AI;
        using OpenVerify;

        IChatClient client = null!;
        IEmbeddingGenerator<string, Embedding<float>> generator = null!;
        [AllowUnverifiedAi("")]
        System.Threading.Tasks.Task<ChatResponse> UnverifiedGetResponseAsync() => client.GetResponseAsync("a");
        var first = await UnverifiedGetResponseAsync();
        [AllowUnverifiedAi("")]
        System.Threading.Tasks.Task<ChatResponse> UnverifiedGetResponseAsync2() => client.GetResponseAsync(first.Text);
        var second = await UnverifiedGetResponseAsync2();
        [AllowUnverifiedAi("")]
        System.Threading.Tasks.Task<System.ReadOnlyMemory<float>> UnverifiedGenerateVectorAsync() => generator.GenerateVectorAsync(second.Text);
        var vector = await UnverifiedGenerateVectorAsync();
        System.Console.WriteLine(vector.Length);
        """)
    {
        TestState = { OutputKind = Microsoft.CodeAnalysis.OutputKind.ConsoleApplication },
        FixedState = { OutputKind = Microsoft.CodeAnalysis.OutputKind.ConsoleApplication },
        NumberOfFixAllIterations = 1,
        CodeActionEquivalenceKey = AllowUnverifiedAiCodeFixProvider.Title,
    }.RunAsync();

    [Fact]
    public Task Top_level_calls_that_cannot_be_extracted_safely_get_no_fix()
    {
        // The loop variable is not in scope before the loop, and an await inside the call cannot move into a
        // non-async local function: a fix would break the build, so none is offered.
        const string Source = """
            using System.Threading.Tasks;
            using Microsoft.ML.OnnxRuntime;

            var session = new InferenceSession("model.onnx");
            foreach (var inputs in new[] { new NamedOnnxValue[0] })
                {|OV0001:session.Run(inputs)|}.Dispose();
            {|OV0001:session.Run(await Task.FromResult(new NamedOnnxValue[0]))|}.Dispose();
            """;
        return TopLevel(Source, Source).RunAsync();
    }
}
