using OpenVerify.Analyzers.Tests.Infrastructure;
using OpenVerify.CodeFixes;

namespace OpenVerify.Analyzers.Tests.CodeFixes;

/// <summary>
/// "Verify the OpenAI client where it is received (AsVerified)": OpenAI SDK clients injected through constructors, held in
/// fields, received as parameters or properties. Before/after per shape, Fix All, and where it is not offered. The fixed
/// code is compiled by the test framework against the real OpenAI SDK and OpenVerify.Extensions.AI.OpenAI (compiler
/// errors fail the test).
/// </summary>
public class VerifiedSdkClientWrapCodeFixTests
{
    private const string Usings = """
        using System;
        using System.ClientModel;
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using OpenAI;
        using OpenAI.Chat;
        using OpenAI.Embeddings;
        using OpenAI.Responses;

        """;

    private sealed class Test(string source, string? fixedSource = null, bool withPackage = true)
        : AiCallCodeFixTest<VerifiedSdkClientWrapCodeFixProvider>(source, fixedSource, withPackage ? TestReferences.WithOpenAiSdkWrappers : TestReferences.WithVerifiedClients);

    [Fact]
    public Task A_constructor_injected_field_only_called_on_is_retyped_and_its_assignment_wrapped() => new Test(Usings + """
        sealed class Summarizer
        {
            private readonly ChatClient _chat;

            public Summarizer(ChatClient chat)
            {
                _chat = chat ?? throw new ArgumentNullException(nameof(chat));
            }

            public async Task<string> SummarizeAsync(string text, CancellationToken cancellationToken)
            {
                ClientResult<ChatCompletion> result = await {|OV0003:_chat.CompleteChatAsync([new UserChatMessage(text)], null, cancellationToken)|};
                return result.Value.Content[0].Text;
            }

            public string Title(string text) => {|OV0003:_chat.CompleteChat(text)|}.Value.Content[0].Text;
        }
        """, Usings.Replace("using OpenAI.Responses;\n", "using OpenAI.Responses;\nusing OpenVerify.Extensions.AI;\n") + """
        sealed class Summarizer
        {
            private readonly VerifiedOpenAIChatClient _chat;

            public Summarizer(ChatClient chat)
            {
                _chat = (chat ?? throw new ArgumentNullException(nameof(chat))).AsVerified();
            }

            public async Task<string> SummarizeAsync(string text, CancellationToken cancellationToken)
            {
                ClientResult<ChatCompletion> result = await _chat.CompleteChatAsync([new UserChatMessage(text)], null, cancellationToken);
                return result.Value.Content[0].Text;
            }

            public string Title(string text) => _chat.CompleteChat(text).Value.Content[0].Text;
        }
        """).RunAsync();

    /// <summary>The adapter shape: the field is handed out by a GetService-style ternary and passed to a delegate, so it keeps its type.</summary>
    [Fact]
    public Task An_adapter_field_that_is_handed_out_and_passed_on_is_wrapped_at_the_call() => new Test(Usings + """
        sealed class ChatAdapter
        {
            private readonly ChatClient _chatClient;
            private readonly Func<ChatClient, IEnumerable<ChatMessage>, ChatCompletionOptions?, Task<ClientResult<ChatCompletion>>>? _override;

            public ChatAdapter(ChatClient chatClient, Func<ChatClient, IEnumerable<ChatMessage>, ChatCompletionOptions?, Task<ClientResult<ChatCompletion>>>? over = null)
            {
                _chatClient = chatClient;
                _override = over;
            }

            public object? GetService(Type serviceType) => serviceType == typeof(ChatClient) ? _chatClient : null;

            public async Task<string> GetResponseAsync(IEnumerable<ChatMessage> messages, float? temperature, CancellationToken cancellationToken)
            {
                var options = ToOptions(temperature);
                var task = _override is not null
                    ? _override(_chatClient, messages, options)
                    : {|OV0003:_chatClient.CompleteChatAsync(messages, options, cancellationToken)|};
                return (await task).Value.Content[0].Text;
            }

            private static ChatCompletionOptions ToOptions(float? temperature) => new() { Temperature = temperature };
        }
        """, Usings.Replace("using OpenAI.Responses;\n", "using OpenAI.Responses;\nusing OpenVerify.Extensions.AI;\n") + """
        sealed class ChatAdapter
        {
            private readonly ChatClient _chatClient;
            private readonly Func<ChatClient, IEnumerable<ChatMessage>, ChatCompletionOptions?, Task<ClientResult<ChatCompletion>>>? _override;

            public ChatAdapter(ChatClient chatClient, Func<ChatClient, IEnumerable<ChatMessage>, ChatCompletionOptions?, Task<ClientResult<ChatCompletion>>>? over = null)
            {
                _chatClient = chatClient;
                _override = over;
            }

            public object? GetService(Type serviceType) => serviceType == typeof(ChatClient) ? _chatClient : null;

            public async Task<string> GetResponseAsync(IEnumerable<ChatMessage> messages, float? temperature, CancellationToken cancellationToken)
            {
                var options = ToOptions(temperature);
                var task = _override is not null
                    ? _override(_chatClient, messages, options)
                    : _chatClient.AsVerified().CompleteChatAsync(messages, options, cancellationToken);
                return (await task).Value.Content[0].Text;
            }

            private static ChatCompletionOptions ToOptions(float? temperature) => new() { Temperature = temperature };
        }
        """).RunAsync();

    [Fact]
    public Task An_embedding_client_from_a_primary_constructor_is_wrapped_at_the_call() => new Test(Usings + """
        sealed class Indexer(EmbeddingClient embeddings)
        {
            public async Task<ReadOnlyMemory<float>> EmbedAsync(string text) => (await {|OV0004:embeddings.GenerateEmbeddingAsync(text)|}).Value.ToFloats();
        }
        """, Usings.Replace("using OpenAI.Responses;\n", "using OpenAI.Responses;\nusing OpenVerify.Extensions.AI;\n") + """
        sealed class Indexer(EmbeddingClient embeddings)
        {
            public async Task<ReadOnlyMemory<float>> EmbedAsync(string text) => (await embeddings.AsVerified().GenerateEmbeddingAsync(text)).Value.ToFloats();
        }
        """).RunAsync();

    [Fact]
    public Task Parameters_lambda_parameters_base_class_fields_and_properties_are_wrapped_at_the_call_with_fix_all() => new Test(Usings + """
        abstract class Agent
        {
            protected ChatClient Chat = null!;

            public ChatClient Backup { get; set; } = null!;
        }

        sealed class Helper : Agent
        {
            public string Ask(ChatClient client, string q) => {|OV0003:client.CompleteChat(q)|}.Value.Content[0].Text;

            public string Again(string q) => {|OV0003:Chat.CompleteChat(q)|}.Value.Content[0].Text;

            public string Spare(string q) => {|OV0003:this.Backup.CompleteChat(q)|}.Value.Content[0].Text;

            public Func<ChatClient, Task<ClientResult<ChatCompletion>>> Later(string q) => c => {|OV0003:c.CompleteChatAsync(q)|};

            public Task<ClientResult<OpenAIEmbeddingCollection>> Embed(EmbeddingClient e) => {|OV0004:e.GenerateEmbeddingsAsync(["a", "b"])|};
        }
        """, Usings.Replace("using OpenAI.Responses;\n", "using OpenAI.Responses;\nusing OpenVerify.Extensions.AI;\n") + """
        abstract class Agent
        {
            protected ChatClient Chat = null!;

            public ChatClient Backup { get; set; } = null!;
        }

        sealed class Helper : Agent
        {
            public string Ask(ChatClient client, string q) => client.AsVerified().CompleteChat(q).Value.Content[0].Text;

            public string Again(string q) => Chat.AsVerified().CompleteChat(q).Value.Content[0].Text;

            public string Spare(string q) => this.Backup.AsVerified().CompleteChat(q).Value.Content[0].Text;

            public Func<ChatClient, Task<ClientResult<ChatCompletion>>> Later(string q) => c => c.AsVerified().CompleteChatAsync(q);

            public Task<ClientResult<OpenAIEmbeddingCollection>> Embed(EmbeddingClient e) => e.AsVerified().GenerateEmbeddingsAsync(["a", "b"]);
        }
        """)
    {
        CodeActionEquivalenceKey = VerifiedSdkClientWrapCodeFixProvider.Title,
        NumberOfFixAllIterations = 1,
        NumberOfFixAllInDocumentIterations = 1,
        NumberOfFixAllInProjectIterations = 1,
    }.RunAsync();

    [Fact]
    public Task A_responses_stream_with_options_built_by_a_helper_is_wrapped_at_the_call() => new Test(Usings + """
        #pragma warning disable OPENAI001
        sealed class ResponsesAdapter
        {
            private readonly ResponsesClient _responses;

            public ResponsesAdapter(ResponsesClient responses) => _responses = responses;

            public object? GetService(Type type) => type == typeof(ResponsesClient) ? _responses : null;

            public Task<AsyncStreamingResult<StreamingResponseUpdate>> Stream(string text)
            {
                var options = Build(text);
                options.StreamingEnabled = true;
                return {|OV0003:_responses.CreateResponseStreamingAsync(options)|};
            }

            private static CreateResponseOptions Build(string text) => new("gpt-4o-mini", [ResponseItem.CreateUserMessageItem(text)]);
        }
        """, Usings.Replace("using OpenAI.Responses;\n", "using OpenAI.Responses;\nusing OpenVerify.Extensions.AI;\n") + """
        #pragma warning disable OPENAI001
        sealed class ResponsesAdapter
        {
            private readonly ResponsesClient _responses;

            public ResponsesAdapter(ResponsesClient responses) => _responses = responses;

            public object? GetService(Type type) => type == typeof(ResponsesClient) ? _responses : null;

            public Task<AsyncStreamingResult<StreamingResponseUpdate>> Stream(string text)
            {
                var options = Build(text);
                options.StreamingEnabled = true;
                return _responses.AsVerified().CreateResponseStreamingAsync(options);
            }

            private static CreateResponseOptions Build(string text) => new("gpt-4o-mini", [ResponseItem.CreateUserMessageItem(text)]);
        }
        """).RunAsync();

    public static TheoryData<string> NotOffered() => new()
    {
        // A protocol overload sends raw JSON the wrapper cannot read.
        "class A { private readonly ChatClient _c; A(ChatClient c) => _c = c; ClientResult M(BinaryContent body) => {|OV0003:_c.CompleteChat(body, null)|}; }",
        // Options built here with a member the wrapper refuses (NotSupportedException at run time).
        "class A { string M(ChatClient c) => {|OV0003:c.CompleteChat([new UserChatMessage(\"q\")], new ChatCompletionOptions { EndUserId = \"u\" })|}.Value.Content[0].Text; }",
        "class A { string M(ChatClient c) { var o = new ChatCompletionOptions(); o.EndUserId = \"u\"; return {|OV0003:c.CompleteChat([new UserChatMessage(\"q\")], o)|}.Value.Content[0].Text; } }",
        // A previous response id chains to a conversation the provider holds.
        "#pragma warning disable OPENAI001\nclass A { Task M(ResponsesClient r, string id) => {|OV0003:r.CreateResponseAsync(\"m\", \"q\", id)|}; }",
        // A call the wrapper does not have (token-id inputs).
        "class A { void M(EmbeddingClient e) => {|OV0004:e.GenerateEmbeddings(new[] { new ReadOnlyMemory<int>(new[] { 1, 2 }) })|}; }",
        // Built in place: "Use a VerifiedOpenAIChatClient" re-types it instead.
        "class A { string M(OpenAIClient o) { var c = o.GetChatClient(\"m\"); return {|OV0003:c.CompleteChat(\"q\")|}.Value.Content[0].Text; } }",
        // Behind a conditional access.
        "class A { string? M(ChatClient? c) => c?{|OV0003:.CompleteChat(\"q\")|}.Value.Content[0].Text; }",
    };

    [Theory]
    [MemberData(nameof(NotOffered))]
    public Task Not_offered_where_the_wrapper_refuses_the_call_or_another_fix_applies(string source) => new Test(Usings + source).RunAsync();

    [Fact]
    public Task Not_offered_without_OpenVerify_Extensions_AI_OpenAI() => new Test(Usings + """
        class A { string M(ChatClient c) => {|OV0003:c.CompleteChat("q")|}.Value.Content[0].Text; }
        """, withPackage: false).RunAsync();

    [Fact]
    public Task A_user_class_named_ChatClient_is_neither_flagged_nor_fixed() => new Test("""
        namespace MyApp
        {
            public sealed class ChatClient
            {
                public string CompleteChat(string q) => q;
            }

            sealed class Uses
            {
                private readonly ChatClient _c;

                public Uses(ChatClient c) => _c = c;

                public string Ask() => _c.CompleteChat("q");
            }
        }
        """).RunAsync();

    [Fact]
    public Task A_field_set_by_an_expression_bodied_constructor_is_retyped() => new Test(Usings + """
        sealed class Search
        {
            private readonly EmbeddingClient _embeddings;

            public Search(EmbeddingClient embeddings) => _embeddings = embeddings;

            public Task<ClientResult<OpenAIEmbedding>> EmbedAsync(string text) => {|OV0004:_embeddings.GenerateEmbeddingAsync(text)|};
        }
        """, Usings.Replace("using OpenAI.Responses;\n", "using OpenAI.Responses;\nusing OpenVerify.Extensions.AI;\n") + """
        sealed class Search
        {
            private readonly VerifiedOpenAIEmbeddingClient _embeddings;

            public Search(EmbeddingClient embeddings) => _embeddings = embeddings.AsVerified();

            public Task<ClientResult<OpenAIEmbedding>> EmbedAsync(string text) => _embeddings.GenerateEmbeddingAsync(text);
        }
        """).RunAsync();

    /// <summary>The audio wrapper came in a later package change: the fix finds its AsVerified by symbol, with no change here.</summary>
    [Fact]
    public Task An_injected_audio_client_is_wrapped_at_the_call() => new Test(Usings + """
        sealed class Transcriber(OpenAI.Audio.AudioClient audio)
        {
            public string Transcribe(string path) => {|OV0004:audio.TranscribeAudio(path)|}.Value.Text;
        }
        """, Usings.Replace("using OpenAI.Responses;\n", "using OpenAI.Responses;\nusing OpenVerify.Extensions.AI;\n") + """
        sealed class Transcriber(OpenAI.Audio.AudioClient audio)
        {
            public string Transcribe(string path) => audio.AsVerified().TranscribeAudio(path).Value.Text;
        }
        """).RunAsync();

    /// <summary>A field re-typed would still compile where it is compared or tested with <c>is</c>, but mean something else: it keeps its type.</summary>
    [Fact]
    public Task A_field_that_is_compared_keeps_its_type() => new Test(Usings + """
        sealed class Holder
        {
            private readonly ChatClient _chat;

            public Holder(ChatClient chat) => _chat = chat;

            public bool Same(object other) => other is ChatClient c && c == _chat;

            public string Ask(string q) => {|OV0003:_chat.CompleteChat(q)|}.Value.Content[0].Text;
        }
        """, Usings.Replace("using OpenAI.Responses;\n", "using OpenAI.Responses;\nusing OpenVerify.Extensions.AI;\n") + """
        sealed class Holder
        {
            private readonly ChatClient _chat;

            public Holder(ChatClient chat) => _chat = chat;

            public bool Same(object other) => other is ChatClient c && c == _chat;

            public string Ask(string q) => _chat.AsVerified().CompleteChat(q).Value.Content[0].Text;
        }
        """).RunAsync();

    /// <summary>Given a value after construction, the field keeps its type (a later value could come from anywhere).</summary>
    [Fact]
    public Task A_field_assigned_outside_constructors_is_wrapped_at_the_call() => new Test(Usings + """
        sealed class Switchable
        {
            private ChatClient _chat;

            public Switchable(ChatClient chat) => _chat = chat;

            public void Use(ChatClient other) => _chat = other;

            public string Ask(string q) => {|OV0003:_chat.CompleteChat(q)|}.Value.Content[0].Text;
        }
        """, Usings.Replace("using OpenAI.Responses;\n", "using OpenAI.Responses;\nusing OpenVerify.Extensions.AI;\n") + """
        sealed class Switchable
        {
            private ChatClient _chat;

            public Switchable(ChatClient chat) => _chat = chat;

            public void Use(ChatClient other) => _chat = other;

            public string Ask(string q) => _chat.AsVerified().CompleteChat(q).Value.Content[0].Text;
        }
        """).RunAsync();
}
