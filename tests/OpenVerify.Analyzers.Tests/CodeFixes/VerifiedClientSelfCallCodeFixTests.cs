using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using OpenVerify.Analyzers.Rules;
using OpenVerify.Analyzers.Tests.Infrastructure;
using OpenVerify.CodeFixes;

namespace OpenVerify.Analyzers.Tests.CodeFixes;

/// <summary>
/// Calls a Microsoft.Extensions.AI client implementation makes on itself: a leaf client's own call goes through
/// <c>this.AsVerified()</c> ("Verify this client's own call"), a middleware (<c>DelegatingChatClient</c> and friends)
/// gets its inner client verified in every constructor ("Verify the delegating client's inner client"), which the
/// analyzer then recognizes. The fixed code is compiled by the test framework against the real
/// Microsoft.Extensions.AI, OpenAI and OpenVerify.Extensions.AI assemblies (compiler errors fail the test).
/// </summary>
public class VerifiedClientSelfCallCodeFixTests
{
    private const string Usings = """
        #nullable enable
        #pragma warning disable MEAI001
        using System;
        using System.Collections.Generic;
        using System.IO;
        using System.Linq;
        using System.Runtime.CompilerServices;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;
        using OpenAI.Audio;

        """;

    private sealed class Test : CSharpCodeFixTest<UnverifiedAiCallAnalyzer, VerifiedClientWrapCodeFixProvider, DefaultVerifier>
    {
        public Test(string source, string? fixedSource = null)
        {
            TestCode = Usings + source;
            FixedCode = fixedSource is null ? Usings + source : Usings.Replace("using OpenAI.Audio;", "using OpenAI.Audio;\nusing OpenVerify.Extensions.AI;") + fixedSource;
            OfflineSetup.Apply(this);
            TestState.AdditionalReferences.Clear();
            TestState.AdditionalReferences.AddRange(TestReferences.WithVerifiedClients);
            MarkupOptions = MarkupOptions.UseFirstDescriptor;

            // A leaf's own provider call is still reported after the fix (another fix's business).
            FixedState.MarkupHandling = MarkupMode.Allow;
        }
    }

    // The shape of Microsoft.Extensions.AI.OpenAI's speech-to-text client: its stream, for a translation, calls its own GetTextAsync.
    private const string SpeechToTextLeaf = """
        sealed class Transcriber(AudioClient audio) : ISpeechToTextClient
        {
            public async Task<SpeechToTextResponse> GetTextAsync(Stream speech, SpeechToTextOptions? options = null, CancellationToken cancellationToken = default) =>
                new((await {|OV0004:audio.TranscribeAudioAsync(speech, "speech.wav", cancellationToken: cancellationToken)|}).Value.Text);

            public async IAsyncEnumerable<SpeechToTextResponseUpdate> GetStreamingTextAsync(Stream speech, SpeechToTextOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
            {
                foreach (var update in (await {|OV0004:GetTextAsync(speech, options, cancellationToken)|}).ToSpeechToTextResponseUpdates())
                {
                    yield return update;
                }
            }

            public object? GetService(Type serviceType, object? serviceKey = null) => serviceType.IsInstanceOfType(this) ? this : null;

            public void Dispose() { }
        }
        """;

    [Fact]
    public Task A_leaf_clients_implicit_self_call_goes_through_this_AsVerified() => new Test(SpeechToTextLeaf,
        SpeechToTextLeaf.Replace("{|OV0004:GetTextAsync(speech, options, cancellationToken)|}", "this.AsVerified().GetTextAsync(speech, options, cancellationToken)"))
    {
        CodeActionEquivalenceKey = VerifiedClientWrapCodeFixProvider.SelfCallTitle,
    }.RunAsync();

    private const string ChatLeaf = """
        sealed class Answers(OpenAI.Chat.ChatClient chat) : IChatClient
        {
            public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
                new(new ChatMessage(ChatRole.Assistant, (await {|OV0003:chat.CompleteChatAsync(messages.Select(m => (OpenAI.Chat.ChatMessage)new OpenAI.Chat.UserChatMessage(m.Text)), cancellationToken: cancellationToken)|}).Value.Content[0].Text));

            public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
            {
                foreach (var update in (await {|OV0003:this.GetResponseAsync(messages, options, cancellationToken)|}).ToChatResponseUpdates())
                {
                    yield return update;
                }
            }

            public Task<ChatResponse> AskAsync(string question) => {|OV0003:this.GetResponseAsync(question)|};

            public object? GetService(Type serviceType, object? serviceKey = null) => null;

            public void Dispose() { }
        }
        """;

    [Fact]
    public Task A_leaf_clients_explicit_self_calls_and_extension_calls_are_fixed_at_once() => new Test(ChatLeaf,
        ChatLeaf.Replace("{|OV0003:this.GetResponseAsync(messages, options, cancellationToken)|}", "this.AsVerified().GetResponseAsync(messages, options, cancellationToken)")
            .Replace("{|OV0003:this.GetResponseAsync(question)|}", "this.AsVerified().GetResponseAsync(question)"))
    {
        CodeActionEquivalenceKey = VerifiedClientWrapCodeFixProvider.SelfCallTitle,
        NumberOfFixAllIterations = 1,
    }.RunAsync();

    public static TheoryData<string> NotALeaf() => new()
    {
        // It holds another client: it forwards, and its own request may differ from the one sent.
        "sealed class A(IChatClient inner) : IChatClient { public IChatClient Inner => inner; public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> m, ChatOptions? o = null, CancellationToken t = default) => Task.FromResult(new ChatResponse()); public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> m, ChatOptions? o = null, CancellationToken t = default) => Stream(m); async IAsyncEnumerable<ChatResponseUpdate> Stream(IEnumerable<ChatMessage> m) { foreach (var u in (await {|OV0003:GetResponseAsync(m)|}).ToChatResponseUpdates()) yield return u; } public object? GetService(Type s, object? k = null) => null; public void Dispose() { } }",
        // The call reaches the member it is made from: through the wrapper it would run again.
        "sealed class A : IChatClient { public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> m, ChatOptions? o = null, CancellationToken t = default) => o is null ? {|OV0003:GetResponseAsync(m, new ChatOptions(), t)|} : Task.FromResult(new ChatResponse()); public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> m, ChatOptions? o = null, CancellationToken t = default) => throw new NotSupportedException(); public object? GetService(Type s, object? k = null) => null; public void Dispose() { } }",
        // A middleware with a constructor whose base argument cannot be wrapped (null).
        "sealed class A : DelegatingChatClient { public A(IChatClient inner) : base(inner) { } public A() : base(null!) { } Task<ChatResponse> N() => {|OV0003:this.GetResponseAsync(\"q\")|}; }",
    };

    [Theory]
    [MemberData(nameof(NotALeaf))]
    public Task Not_offered_where_the_call_may_not_end_at_the_model(string source) => new Test(source).RunAsync();

    // The eshopsupport shape: the stream calls the class's own GetResponseAsync override, which rewrites a role and calls base.
    private const string Middleware = """
        sealed class PreventStreamingWithFunctions(IChatClient innerClient) : DelegatingChatClient(innerClient)
        {
            public override Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> chatMessages, ChatOptions? options = null, CancellationToken cancellationToken = default)
            {
                ChatMessage[] messages = [.. chatMessages];
                if (messages.Length > 1 && messages[^1].Role == ChatRole.System)
                {
                    messages[^1].Role = ChatRole.User;
                }

                return base.GetResponseAsync(messages, options, cancellationToken);
            }

            public override IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> chatMessages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
                options?.Tools is null or [] ? base.GetStreamingResponseAsync(chatMessages, options, cancellationToken) : Stream(chatMessages, options, cancellationToken);

            private async IAsyncEnumerable<ChatResponseUpdate> Stream(IEnumerable<ChatMessage> chatMessages, ChatOptions options, [EnumeratorCancellation] CancellationToken cancellationToken)
            {
                var result = await {|OV0003:GetResponseAsync(chatMessages, options, cancellationToken)|};
                foreach (var update in result.ToChatResponseUpdates())
                {
                    yield return update;
                }
            }

            public Task<ChatResponse> AskAsync(string question) => {|OV0003:this.GetResponseAsync(question)|};
        }
        """;

    [Fact]
    public Task A_middleware_is_verified_at_its_inner_client_and_its_self_calls_are_then_not_reported() => new Test(Middleware,
        Middleware.Replace("DelegatingChatClient(innerClient)", "DelegatingChatClient(innerClient.AsVerified())")
            .Replace("{|OV0003:GetResponseAsync(chatMessages, options, cancellationToken)|}", "GetResponseAsync(chatMessages, options, cancellationToken)")
            .Replace("{|OV0003:this.GetResponseAsync(question)|}", "this.GetResponseAsync(question)"))
    {
        CodeActionEquivalenceKey = VerifiedClientWrapCodeFixProvider.InnerClientTitle,
        NumberOfFixAllIterations = 1,
    }.RunAsync();

    private const string MiddlewareConstructors = """
        sealed class Rewriting : DelegatingSpeechToTextClient
        {
            public Rewriting(ISpeechToTextClient inner) : base(inner) { }

            public Rewriting(AudioClient audio) : base(audio.AsISpeechToTextClient()) { }

            public Rewriting(AudioClient audio, string language) : this(audio) { }

            public Task<SpeechToTextResponse> TranscribeAsync(Stream speech) => {|OV0004:GetTextAsync(speech, new SpeechToTextOptions { SpeechLanguage = "en" })|};
        }
        """;

    [Fact]
    public Task Every_constructor_of_a_middleware_passes_a_verified_inner_client() => new Test(MiddlewareConstructors,
        MiddlewareConstructors.Replace(": base(inner)", ": base(inner.AsVerified())").Replace(": base(audio.AsISpeechToTextClient())", ": base(audio.AsISpeechToTextClient().AsVerified())")
            .Replace("{|OV0004:GetTextAsync(speech, new SpeechToTextOptions { SpeechLanguage = \"en\" })|}", "GetTextAsync(speech, new SpeechToTextOptions { SpeechLanguage = \"en\" })"))
    {
        CodeActionEquivalenceKey = VerifiedClientWrapCodeFixProvider.InnerClientTitle,
    }.RunAsync();

    public static TheoryData<string> HoldsAClientAnotherWay() => new()
    {
        // a list of clients
        "sealed class A(IReadOnlyList<IChatClient> inner) : IChatClient { public IReadOnlyList<IChatClient> Inner => inner; public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> m, ChatOptions? o = null, CancellationToken t = default) => Task.FromResult(new ChatResponse()); public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> m, ChatOptions? o = null, CancellationToken t = default) => Stream(m); async IAsyncEnumerable<ChatResponseUpdate> Stream(IEnumerable<ChatMessage> m) { foreach (var u in (await {|OV0003:GetResponseAsync(m)|}).ToChatResponseUpdates()) yield return u; } public object? GetService(Type s, object? k = null) => null; public void Dispose() { } }",
        // an array
        "sealed class A : IChatClient { private readonly IChatClient[] _inner = []; public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> m, ChatOptions? o = null, CancellationToken t = default) => Task.FromResult(new ChatResponse()); public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> m, ChatOptions? o = null, CancellationToken t = default) => Stream(m); async IAsyncEnumerable<ChatResponseUpdate> Stream(IEnumerable<ChatMessage> m) { foreach (var u in (await {|OV0003:GetResponseAsync(m)|}).ToChatResponseUpdates()) yield return u; } public object? GetService(Type s, object? k = null) => null; public void Dispose() { } }",
        // a factory
        "sealed class A(Func<IChatClient> inner) : IChatClient { private readonly Func<IChatClient> _inner = inner; public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> m, ChatOptions? o = null, CancellationToken t = default) => Task.FromResult(new ChatResponse()); public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> m, ChatOptions? o = null, CancellationToken t = default) => Stream(m); async IAsyncEnumerable<ChatResponseUpdate> Stream(IEnumerable<ChatMessage> m) { foreach (var u in (await {|OV0003:GetResponseAsync(m)|}).ToChatResponseUpdates()) yield return u; } public object? GetService(Type s, object? k = null) => null; public void Dispose() { } }",
        // a lazy client
        "sealed class A(Lazy<IChatClient> inner) : IChatClient { private readonly Lazy<IChatClient> _inner = inner; public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> m, ChatOptions? o = null, CancellationToken t = default) => Task.FromResult(new ChatResponse()); public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> m, ChatOptions? o = null, CancellationToken t = default) => Stream(m); async IAsyncEnumerable<ChatResponseUpdate> Stream(IEnumerable<ChatMessage> m) { foreach (var u in (await {|OV0003:GetResponseAsync(m)|}).ToChatResponseUpdates()) yield return u; } public object? GetService(Type s, object? k = null) => null; public void Dispose() { } }",
        // a generic client
        "sealed class A<T>(T inner) : IChatClient where T : IChatClient { private readonly T _inner = inner; public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> m, ChatOptions? o = null, CancellationToken t = default) => Task.FromResult(new ChatResponse()); public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> m, ChatOptions? o = null, CancellationToken t = default) => Stream(m); async IAsyncEnumerable<ChatResponseUpdate> Stream(IEnumerable<ChatMessage> m) { foreach (var u in (await {|OV0003:GetResponseAsync(m)|}).ToChatResponseUpdates()) yield return u; } public object? GetService(Type s, object? k = null) => null; public void Dispose() { } }",
        // a type parameter whose constraint names it (looked into once)
        "class Node<T> where T : Node<T> { } sealed class A<T>(Func<T> nodes) : IChatClient where T : Node<T> { private readonly Func<T> _nodes = nodes; private readonly IChatClient[] _inner = []; public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> m, ChatOptions? o = null, CancellationToken t = default) => Task.FromResult(new ChatResponse()); public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> m, ChatOptions? o = null, CancellationToken t = default) => Stream(m); async IAsyncEnumerable<ChatResponseUpdate> Stream(IEnumerable<ChatMessage> m) { foreach (var u in (await {|OV0003:GetResponseAsync(m)|}).ToChatResponseUpdates()) yield return u; } public object? GetService(Type s, object? k = null) => null; public void Dispose() { } }",
    };

    [Theory]
    [MemberData(nameof(HoldsAClientAnotherWay))]
    public Task Not_offered_on_a_class_holding_a_client_in_a_collection_factory_or_type_parameter(string source) => new Test(source).RunAsync();

    [Fact]
    public Task Not_offered_on_a_class_whose_base_from_another_assembly_may_hold_a_client()
    {
        // A reference shows no private members: the base's client field cannot be seen from the derived class.
        var library = Microsoft.CodeAnalysis.CSharp.CSharpCompilation.Create("ClientBaseLibrary", [Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText("""
            namespace ClientBaseLibrary;

            public abstract class ClientBase
            {
                private readonly Microsoft.Extensions.AI.IChatClient _inner = null!;

                protected ClientBase(string endpoint) { }
            }
            """)], TestReferences.All, new Microsoft.CodeAnalysis.CSharp.CSharpCompilationOptions(Microsoft.CodeAnalysis.OutputKind.DynamicallyLinkedLibrary));
        using var image = new MemoryStream();
        Assert.True(library.Emit(image).Success);

        var test = new Test("sealed class A() : ClientBaseLibrary.ClientBase(\"https://example.test\"), IChatClient { public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> m, ChatOptions? o = null, CancellationToken t = default) => Task.FromResult(new ChatResponse()); public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> m, ChatOptions? o = null, CancellationToken t = default) => Stream(m); async IAsyncEnumerable<ChatResponseUpdate> Stream(IEnumerable<ChatMessage> m) { foreach (var u in (await {|OV0003:GetResponseAsync(m)|}).ToChatResponseUpdates()) yield return u; } public object? GetService(Type s, object? k = null) => null; public void Dispose() { } }");
        test.TestState.AdditionalReferences.Add(Microsoft.CodeAnalysis.MetadataReference.CreateFromImage(image.ToArray()));
        return test.RunAsync();
    }

    public static TheoryData<string> ReachesItsCallerThroughHelpers() => new()
    {
        // through a helper method
        "sealed class A : IChatClient { public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> m, ChatOptions? o = null, CancellationToken t = default) => o is null ? WithDefaults(m, t) : Task.FromResult(new ChatResponse()); private Task<ChatResponse> WithDefaults(IEnumerable<ChatMessage> m, CancellationToken t) => {|OV0003:GetResponseAsync(m, new ChatOptions(), t)|}; public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> m, ChatOptions? o = null, CancellationToken t = default) => throw new NotSupportedException(); public object? GetService(Type s, object? k = null) => null; public void Dispose() { } }",
        // through two helpers, one a method group
        "sealed class A : IChatClient { public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> m, ChatOptions? o = null, CancellationToken t = default) => o is null ? Run(First, m) : Task.FromResult(new ChatResponse()); static Task<ChatResponse> Run(Func<IEnumerable<ChatMessage>, Task<ChatResponse>> f, IEnumerable<ChatMessage> m) => f(m); private Task<ChatResponse> First(IEnumerable<ChatMessage> m) => Second(m); private Task<ChatResponse> Second(IEnumerable<ChatMessage> m) => {|OV0003:this.GetResponseAsync(m, new ChatOptions())|}; public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> m, ChatOptions? o = null, CancellationToken t = default) => throw new NotSupportedException(); public object? GetService(Type s, object? k = null) => null; public void Dispose() { } }",
    };

    [Theory]
    [MemberData(nameof(ReachesItsCallerThroughHelpers))]
    public Task Not_offered_where_the_call_reaches_the_member_it_is_made_from_through_the_class_own_methods(string source) => new Test(source).RunAsync();
}
