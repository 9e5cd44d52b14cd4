using Microsoft.CodeAnalysis.Testing;
using OpenVerify.Analyzers.Tests.Infrastructure;
using OpenVerify.CodeFixes;

namespace OpenVerify.Analyzers.Tests.CodeFixes;

/// <summary>
/// "Use a VerifiedOpenAIResponsesClient (AsVerified)": the OpenAI SDK's <c>ResponsesClient</c> re-typed to
/// OpenVerify.Extensions.AI.OpenAI's wrapper, the calls and declared result types kept. The fixed code is compiled by
/// the test framework against the real SDK and the real wrapper assembly (compiler errors fail the test).
/// </summary>
public class VerifiedOpenAIResponsesCodeFixTests
{
    private sealed class Test(string source, string? fixedSource = null, bool withPackage = true)
        : AiCallCodeFixTest<VerifiedClientCodeFixProvider>(source, fixedSource, withPackage ? TestReferences.WithOpenAiSdkWrappers : TestReferences.WithVerifiedClients);

    [Fact]
    public Task A_var_local_from_GetResponsesClient_gets_AsVerified_and_keeps_its_calls_and_result_types() => new Test("""
        #pragma warning disable OPENAI001
        using System.ClientModel;
        using System.Threading.Tasks;
        using OpenAI;
        using OpenAI.Responses;

        class Assistant
        {
            async Task<string> Ask(OpenAIClient openAi, string question)
            {
                var responses = openAi.GetResponsesClient();
                ClientResult<ResponseResult> response = await {|OV0003:responses.CreateResponseAsync("gpt-4o-mini", question)|};
                return response.Value.GetOutputText();
            }
        }
        """, """
        #pragma warning disable OPENAI001
        using System.ClientModel;
        using System.Threading.Tasks;
        using OpenAI;
        using OpenAI.Responses;
        using OpenVerify.Extensions.AI;

        class Assistant
        {
            async Task<string> Ask(OpenAIClient openAi, string question)
            {
                var responses = openAi.GetResponsesClient().AsVerified();
                ClientResult<ResponseResult> response = await responses.CreateResponseAsync("gpt-4o-mini", question);
                return response.Value.GetOutputText();
            }
        }
        """).RunAsync();

    [Fact]
    public Task A_private_field_built_with_new_is_retyped_and_streaming_with_options_built_in_the_call_keeps_its_update_type() => new Test("""
        #pragma warning disable OPENAI001
        using System.Text;
        using System.Threading.Tasks;
        using OpenAI.Responses;

        class Assistant
        {
            private readonly ResponsesClient _responses;

            public Assistant(string key) => _responses = new ResponsesClient(key);

            public string Ask(string question) => {|OV0003:_responses.CreateResponse("gpt-4o-mini", [ResponseItem.CreateUserMessageItem(question)])|}.Value.GetOutputText();

            public async Task<string> Stream(string question)
            {
                var text = new StringBuilder();
                await foreach (StreamingResponseUpdate update in await {|OV0003:_responses.CreateResponseStreamingAsync(new CreateResponseOptions("gpt-4o-mini", [ResponseItem.CreateUserMessageItem(question)]) { Instructions = "Be brief.", Temperature = 0.2f, StreamingEnabled = true })|})
                {
                    if (update is StreamingResponseOutputTextDeltaUpdate delta)
                    {
                        text.Append(delta.Delta);
                    }
                }

                return text.ToString();
            }
        }
        """, """
        #pragma warning disable OPENAI001
        using System.Text;
        using System.Threading.Tasks;
        using OpenAI.Responses;
        using OpenVerify.Extensions.AI;

        class Assistant
        {
            private readonly VerifiedOpenAIResponsesClient _responses;

            public Assistant(string key) => _responses = new ResponsesClient(key).AsVerified();

            public string Ask(string question) => _responses.CreateResponse("gpt-4o-mini", [ResponseItem.CreateUserMessageItem(question)]).Value.GetOutputText();

            public async Task<string> Stream(string question)
            {
                var text = new StringBuilder();
                await foreach (StreamingResponseUpdate update in await _responses.CreateResponseStreamingAsync(new CreateResponseOptions("gpt-4o-mini", [ResponseItem.CreateUserMessageItem(question)]) { Instructions = "Be brief.", Temperature = 0.2f, StreamingEnabled = true }))
                {
                    if (update is StreamingResponseOutputTextDeltaUpdate delta)
                    {
                        text.Append(delta.Delta);
                    }
                }

                return text.ToString();
            }
        }
        """).RunAsync();

    [Fact]
    public Task An_options_local_built_from_carried_members_and_filled_with_input_items_keeps_the_fix() => new Test("""
        #pragma warning disable OPENAI001
        using System;
        using System.Threading.Tasks;
        using OpenAI.Responses;

        class Assistant
        {
            async Task Ask(string key, string question)
            {
                ResponsesClient client = new(key);
                CreateResponseOptions options = new() { Model = "gpt-4o-mini", Instructions = "Be brief." };
                options.InputItems.Add(ResponseItem.CreateUserMessageItem(question));
                options.Temperature = 0.2f;
                ResponseResult response = await {|OV0003:client.CreateResponseAsync(options)|};
                Console.WriteLine(response.GetOutputText());
            }
        }
        """, """
        #pragma warning disable OPENAI001
        using System;
        using System.Threading.Tasks;
        using OpenAI.Responses;
        using OpenVerify.Extensions.AI;

        class Assistant
        {
            async Task Ask(string key, string question)
            {
                VerifiedOpenAIResponsesClient client = new ResponsesClient(key).AsVerified();
                CreateResponseOptions options = new() { Model = "gpt-4o-mini", Instructions = "Be brief." };
                options.InputItems.Add(ResponseItem.CreateUserMessageItem(question));
                options.Temperature = 0.2f;
                ResponseResult response = await client.CreateResponseAsync(options);
                Console.WriteLine(response.GetOutputText());
            }
        }
        """).RunAsync();

    [Fact]
    public Task Top_level_statements_with_a_target_typed_new() => new Test("""
        #pragma warning disable OPENAI001
        using System;
        using OpenAI.Responses;

        ResponsesClient responses = new("key");
        Console.WriteLine({|OV0003:responses.CreateResponse("gpt-4o-mini", "hello", null)|}.Value.GetOutputText());
        """, """
        #pragma warning disable OPENAI001
        using System;
        using OpenAI.Responses;
        using OpenVerify.Extensions.AI;

        VerifiedOpenAIResponsesClient responses = new ResponsesClient("key").AsVerified();
        Console.WriteLine(responses.CreateResponse("gpt-4o-mini", "hello", null).Value.GetOutputText());
        """)
    {
        TestState = { OutputKind = Microsoft.CodeAnalysis.OutputKind.ConsoleApplication },
    }.RunAsync();

    [Fact]
    public Task Fix_all_rewrites_each_responses_client_once_and_leaves_the_chat_client() => new Test("""
        #pragma warning disable OPENAI001
        using System.Threading.Tasks;
        using OpenAI;
        using OpenAI.Chat;
        using OpenAI.Responses;

        class Assistant
        {
            private readonly ResponsesClient _responses = new OpenAIClient("key").GetResponsesClient();
            private readonly ChatClient _chat = new OpenAIClient("key").GetChatClient("m");

            Task A() => {|OV0003:_responses.CreateResponseAsync("m", "a")|};
            Task B() => {|OV0003:_responses.CreateResponseAsync("m", "b")|};

            async Task C()
            {
                ResponsesClient local = new ResponsesClient("key");
                await {|OV0003:local.CreateResponseAsync("m", "c")|};
                await {|OV0003:_chat.CompleteChatAsync("c")|};
            }
        }
        """, """
        #pragma warning disable OPENAI001
        using System.Threading.Tasks;
        using OpenAI;
        using OpenAI.Chat;
        using OpenAI.Responses;
        using OpenVerify.Extensions.AI;

        class Assistant
        {
            private readonly VerifiedOpenAIResponsesClient _responses = new OpenAIClient("key").GetResponsesClient().AsVerified();
            private readonly ChatClient _chat = new OpenAIClient("key").GetChatClient("m");

            Task A() => _responses.CreateResponseAsync("m", "a");
            Task B() => _responses.CreateResponseAsync("m", "b");

            async Task C()
            {
                VerifiedOpenAIResponsesClient local = new ResponsesClient("key").AsVerified();
                await local.CreateResponseAsync("m", "c");
                await {|OV0003:_chat.CompleteChatAsync("c")|};
            }
        }
        """)
    {
        FixedState = { MarkupHandling = MarkupMode.Allow },
        CodeActionEquivalenceKey = VerifiedClientCodeFixProvider.SdkResponsesTitle,
        CodeActionIndex = 0,
        NumberOfFixAllIterations = 1,
    }.RunAsync();

    public static TheoryData<string> NotRewritable() => new()
    {
        // A parameter: whoever passes it decides how it is built.
        "class A { Task M(ResponsesClient c) => {|OV0003:c.CreateResponseAsync(\"m\", \"q\")|}; }",
        // Chained to a stored response: the wrapper refuses a previous response id.
        "class A { void M(OpenAIClient o, string id) { var c = o.GetResponsesClient(); {|OV0003:c.CreateResponse(\"m\", \"q\", id)|}; } }",
        "class A { void M(OpenAIClient o, string id) { var c = o.GetResponsesClient(); {|OV0003:c.CreateResponse(\"m\", \"q\", previousResponseId: id)|}; } }",
        // Options in a variable: what they hold is not known here.
        "class A { void M(OpenAIClient o, CreateResponseOptions options) { var c = o.GetResponsesClient(); {|OV0003:c.CreateResponse(options)|}; } }",
        // An options local that gets a member the wrapper may refuse, or is handed to code of yours.
        "class A { void M(OpenAIClient o) { var c = o.GetResponsesClient(); var options = new CreateResponseOptions(\"m\", []); options.Tools.Add(ResponseTool.CreateWebSearchTool()); {|OV0003:c.CreateResponse(options)|}; } }",
        "class A { void M(OpenAIClient o) { var c = o.GetResponsesClient(); var options = new CreateResponseOptions(\"m\", []); options.PreviousResponseId = \"resp_1\"; {|OV0003:c.CreateResponse(options)|}; } }",
        "class A { void M(OpenAIClient o) { var c = o.GetResponsesClient(); var options = new CreateResponseOptions(\"m\", []); Configure(options); {|OV0003:c.CreateResponse(options)|}; } void Configure(CreateResponseOptions options) { } }",
        // Options built in the call with a member the wrapper does not always carry (tools may be built-in ones, store is refused).
        "class A { void M(OpenAIClient o) { var c = o.GetResponsesClient(); {|OV0003:c.CreateResponse(new CreateResponseOptions { Model = \"m\", StoredOutputEnabled = false })|}; } }",
        "class A { void M(OpenAIClient o) { var c = o.GetResponsesClient(); {|OV0003:c.CreateResponse(new CreateResponseOptions(\"m\", []) { Tools = { ResponseTool.CreateWebSearchTool() } })|}; } }",
        // A protocol overload on the same variable: the wrapper has none, the rewrite would not compile.
        "class A { void M(OpenAIClient o) { var c = o.GetResponsesClient(); {|OV0003:c.CreateResponse(\"m\", \"q\")|}; {|OV0003:c.CreateResponse(BinaryContent.Create(BinaryData.FromString(\"{}\")), null)|}; } }",
        // Reading a stored response back: the wrapper has no GetResponse.
        "class A { void M(OpenAIClient o) { var c = o.GetResponsesClient(); {|OV0003:c.CreateResponse(\"m\", \"q\")|}; c.GetResponse(\"resp_1\"); } }",
        // Seen through the Microsoft.Extensions.AI adapter: that is the VerifiedChatClient fix's business.
        "class A { void M(OpenAIClient o) { var c = o.GetResponsesClient(); {|OV0003:c.CreateResponse(\"m\", \"q\")|}; c.AsIChatClient(\"m\"); } }",
    };

    [Theory]
    [MemberData(nameof(NotRewritable))]
    public Task Not_offered_where_the_rewrite_is_not_safe(string source) => new Test("""
        #pragma warning disable OPENAI001
        using System;
        using System.ClientModel;
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;
        using OpenAI;
        using OpenAI.Responses;

        """ + source).RunAsync();

    [Fact]
    public Task Not_offered_without_the_package() => new Test("""
        #pragma warning disable OPENAI001
        using System.ClientModel;
        using OpenAI;
        using OpenAI.Responses;

        class Assistant
        {
            ClientResult<ResponseResult> Ask(OpenAIClient openAi)
            {
                var responses = openAi.GetResponsesClient();
                return {|OV0003:responses.CreateResponse("m", "hello")|};
            }
        }
        """, withPackage: false).RunAsync();
}
