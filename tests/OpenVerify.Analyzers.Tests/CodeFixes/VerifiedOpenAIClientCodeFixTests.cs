using Microsoft.CodeAnalysis.Testing;
using OpenVerify.Analyzers.Tests.Infrastructure;
using OpenVerify.CodeFixes;

namespace OpenVerify.Analyzers.Tests.CodeFixes;

/// <summary>
/// "Use a VerifiedOpenAIChatClient / VerifiedOpenAIEmbeddingClient": the OpenAI SDK's own clients re-typed to
/// OpenVerify.Extensions.AI.OpenAI's wrappers, the calls and declared result types kept. The fixed code is compiled by
/// the test framework against the real SDK and the real wrapper assembly (compiler errors fail the test).
/// </summary>
public class VerifiedOpenAIClientCodeFixTests
{
    private sealed class Test(string source, string? fixedSource = null, bool withPackage = true)
        : AiCallCodeFixTest<VerifiedClientCodeFixProvider>(source, fixedSource, withPackage ? TestReferences.WithOpenAiSdkWrappers : TestReferences.WithVerifiedClients);

    [Fact]
    public Task A_var_local_from_GetChatClient_gets_AsVerified_and_keeps_its_calls_and_result_types() => new Test("""
        using System.ClientModel;
        using System.Threading.Tasks;
        using OpenAI;
        using OpenAI.Chat;

        class Assistant
        {
            async Task<string> Ask(OpenAIClient openAi, string question)
            {
                var chat = openAi.GetChatClient("gpt-4o-mini");
                ClientResult<ChatCompletion> completion = await {|OV0003:chat.CompleteChatAsync([new UserChatMessage(question)], new ChatCompletionOptions { Temperature = 0.2f })|};
                return completion.Value.Content[0].Text;
            }
        }
        """, """
        using System.ClientModel;
        using System.Threading.Tasks;
        using OpenAI;
        using OpenAI.Chat;
        using OpenVerify.Extensions.AI;

        class Assistant
        {
            async Task<string> Ask(OpenAIClient openAi, string question)
            {
                var chat = openAi.GetChatClient("gpt-4o-mini").AsVerified();
                ClientResult<ChatCompletion> completion = await chat.CompleteChatAsync([new UserChatMessage(question)], new ChatCompletionOptions { Temperature = 0.2f });
                return completion.Value.Content[0].Text;
            }
        }
        """).RunAsync();

    [Fact]
    public Task A_private_field_built_with_new_is_retyped_and_streaming_keeps_its_update_type() => new Test("""
        using System.Text;
        using System.Threading.Tasks;
        using OpenAI.Chat;

        class Assistant
        {
            private readonly ChatClient _chat;

            public Assistant(string key) => _chat = new ChatClient("gpt-4o-mini", key);

            public string Ask(string question) => {|OV0003:_chat.CompleteChat(question)|}.Value.Content[0].Text;

            public async Task<string> Stream(string question)
            {
                var text = new StringBuilder();
                await foreach (StreamingChatCompletionUpdate update in {|OV0003:_chat.CompleteChatStreamingAsync(question)|})
                {
                    foreach (var part in update.ContentUpdate)
                    {
                        text.Append(part.Text);
                    }
                }

                return text.ToString();
            }
        }
        """, """
        using System.Text;
        using System.Threading.Tasks;
        using OpenAI.Chat;
        using OpenVerify.Extensions.AI;

        class Assistant
        {
            private readonly VerifiedOpenAIChatClient _chat;

            public Assistant(string key) => _chat = new ChatClient("gpt-4o-mini", key).AsVerified();

            public string Ask(string question) => _chat.CompleteChat(question).Value.Content[0].Text;

            public async Task<string> Stream(string question)
            {
                var text = new StringBuilder();
                await foreach (StreamingChatCompletionUpdate update in _chat.CompleteChatStreamingAsync(question))
                {
                    foreach (var part in update.ContentUpdate)
                    {
                        text.Append(part.Text);
                    }
                }

                return text.ToString();
            }
        }
        """).RunAsync();

    [Fact]
    public Task An_embedding_client_in_top_level_statements_keeps_ToFloats() => new Test("""
        using System;
        using OpenAI.Embeddings;

        EmbeddingClient embeddings = new("text-embedding-3-small", "key");
        var vector = {|OV0004:embeddings.GenerateEmbedding("hello")|}.Value.ToFloats();
        Console.WriteLine(vector.Length);
        """, """
        using System;
        using OpenAI.Embeddings;
        using OpenVerify.Extensions.AI;

        VerifiedOpenAIEmbeddingClient embeddings = new EmbeddingClient("text-embedding-3-small", "key").AsVerified();
        var vector = embeddings.GenerateEmbedding("hello").Value.ToFloats();
        Console.WriteLine(vector.Length);
        """)
    {
        TestState = { OutputKind = Microsoft.CodeAnalysis.OutputKind.ConsoleApplication },
    }.RunAsync();

    [Fact]
    public Task Fix_all_rewrites_each_client_once() => new Test("""
        using System.Threading.Tasks;
        using OpenAI;
        using OpenAI.Chat;
        using OpenAI.Embeddings;

        class Assistant
        {
            private readonly ChatClient _chat = new OpenAIClient("key").GetChatClient("m");
            private readonly EmbeddingClient _embeddings = new OpenAIClient("key").GetEmbeddingClient("e");

            Task A() => {|OV0003:_chat.CompleteChatAsync("a")|};
            Task B() => {|OV0003:_chat.CompleteChatAsync("b")|};

            async Task C()
            {
                ChatClient local = new OpenAIClient("key").GetChatClient("m");
                await {|OV0003:local.CompleteChatAsync("c")|};
                await {|OV0004:_embeddings.GenerateEmbeddingsAsync(["c"])|};
            }
        }
        """, """
        using System.Threading.Tasks;
        using OpenAI;
        using OpenAI.Chat;
        using OpenAI.Embeddings;
        using OpenVerify.Extensions.AI;

        class Assistant
        {
            private readonly VerifiedOpenAIChatClient _chat = new OpenAIClient("key").GetChatClient("m").AsVerified();
            private readonly EmbeddingClient _embeddings = new OpenAIClient("key").GetEmbeddingClient("e");

            Task A() => _chat.CompleteChatAsync("a");
            Task B() => _chat.CompleteChatAsync("b");

            async Task C()
            {
                VerifiedOpenAIChatClient local = new OpenAIClient("key").GetChatClient("m").AsVerified();
                await local.CompleteChatAsync("c");
                await {|OV0004:_embeddings.GenerateEmbeddingsAsync(["c"])|};
            }
        }
        """)
    {
        FixedState = { MarkupHandling = MarkupMode.Allow },
        CodeActionEquivalenceKey = VerifiedClientCodeFixProvider.SdkChatTitle,
        CodeActionIndex = 0,
        NumberOfFixAllIterations = 1,
    }.RunAsync();

    public static TheoryData<string> NotRewritable() => new()
    {
        // A parameter: whoever passes it decides how it is built.
        "class A { Task M(ChatClient c) => {|OV0003:c.CompleteChatAsync(\"q\")|}; }",
        // Returned: it escapes.
        "class A { ChatClient M(OpenAIClient o) { var c = o.GetChatClient(\"m\"); {|OV0003:c.CompleteChat(\"q\")|}; return c; } }",
        // A call form the wrapper lacks: the protocol method (the rewrite would not compile).
        "class A { void M(OpenAIClient o) { var c = o.GetChatClient(\"m\"); {|OV0003:c.CompleteChat(\"q\")|}; {|OV0003:c.CompleteChat(BinaryContent.Create(BinaryData.FromString(\"{}\")), null)|}; } }",
        // Token-id inputs.
        "class A { void M(OpenAIClient o) { var e = o.GetEmbeddingClient(\"m\"); {|OV0004:e.GenerateEmbeddings(new[] { new ReadOnlyMemory<int>(new[] { 1, 2 }) })|}; } }",
        // Seen through the Microsoft.Extensions.AI adapter: that is the VerifiedChatClient fix's business, not this one's.
        "class A { void M(OpenAIClient o) { var c = o.GetChatClient(\"m\"); {|OV0003:c.CompleteChat(\"q\")|}; c.AsIChatClient(); } }",
        // Options the wrapper refuses at run time (NotSupportedException): the rewrite would break a working call.
        "class A { void M(OpenAIClient o) { var c = o.GetChatClient(\"m\"); {|OV0003:c.CompleteChat([new UserChatMessage(\"q\")], new ChatCompletionOptions { EndUserId = \"u\" })|}; } }",
        // Options in a variable: what they hold is not known here.
        "class A { void M(OpenAIClient o, ChatCompletionOptions options) { var c = o.GetChatClient(\"m\"); {|OV0003:c.CompleteChat(\"q\")|}; {|OV0003:c.CompleteChat([new UserChatMessage(\"q\")], options)|}; } }",
        "class A { void M(OpenAIClient o, OpenAI.Embeddings.EmbeddingGenerationOptions options) { var e = o.GetEmbeddingClient(\"m\"); {|OV0004:e.GenerateEmbedding(\"q\", options)|}; } }",
        // The same behind a conditional access whose result is read on.
        "class A { ChatClient? _c = new OpenAIClient(\"k\").GetChatClient(\"m\"); string? M() => _c?{|OV0003:.CompleteChat([new UserChatMessage(\"q\")], new ChatCompletionOptions { EndUserId = \"u\" })|}.Value.Content[0].Text; }",
        // A method group: the options its callers pass are not seen.
        "class A { void M(OpenAIClient o) { var c = o.GetChatClient(\"m\"); {|OV0003:c.CompleteChat(\"q\")|}; Func<System.Collections.Generic.IEnumerable<OpenAI.Chat.ChatMessage>, ChatCompletionOptions, System.Threading.CancellationToken, ClientResult<ChatCompletion>> f = {|OV0003:c.CompleteChat|}; } }",
    };

    [Theory]
    [MemberData(nameof(NotRewritable))]
    public Task Not_offered_where_the_rewrite_is_not_safe(string source) => new Test("""
        using System;
        using System.ClientModel;
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;
        using OpenAI;
        using OpenAI.Chat;

        """ + source).RunAsync();

    [Fact]
    public Task Offered_for_a_literal_null_options_argument() => new Test("""
        using OpenAI;
        using OpenAI.Chat;

        class Assistant
        {
            void Ask(OpenAIClient openAi)
            {
                var chat = openAi.GetChatClient("m");
                {|OV0003:chat.CompleteChat([new UserChatMessage("hello")], null)|};
            }
        }
        """, """
        using OpenAI;
        using OpenAI.Chat;
        using OpenVerify.Extensions.AI;

        class Assistant
        {
            void Ask(OpenAIClient openAi)
            {
                var chat = openAi.GetChatClient("m").AsVerified();
                chat.CompleteChat([new UserChatMessage("hello")], null);
            }
        }
        """).RunAsync();

    [Fact]
    public Task Offered_for_options_built_in_the_call_with_carried_members_only() => new Test("""
        using OpenAI;
        using OpenAI.Embeddings;

        class Assistant
        {
            void Ask(OpenAIClient openAi)
            {
                var embeddings = openAi.GetEmbeddingClient("e");
                {|OV0004:embeddings.GenerateEmbedding("hello", new EmbeddingGenerationOptions { Dimensions = 8 })|};
            }
        }
        """, """
        using OpenAI;
        using OpenAI.Embeddings;
        using OpenVerify.Extensions.AI;

        class Assistant
        {
            void Ask(OpenAIClient openAi)
            {
                var embeddings = openAi.GetEmbeddingClient("e").AsVerified();
                embeddings.GenerateEmbedding("hello", new EmbeddingGenerationOptions { Dimensions = 8 });
            }
        }
        """).RunAsync();

    [Fact]
    public Task Not_offered_without_the_package() => new Test("""
        using System.ClientModel;
        using OpenAI;
        using OpenAI.Chat;

        class Assistant
        {
            ClientResult<ChatCompletion> Ask(OpenAIClient openAi)
            {
                var chat = openAi.GetChatClient("m");
                return {|OV0003:chat.CompleteChat("hello")|};
            }
        }
        """, withPackage: false).RunAsync();
}
