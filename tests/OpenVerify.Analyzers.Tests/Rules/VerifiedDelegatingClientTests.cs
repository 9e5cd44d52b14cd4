using MarkupOptions = Microsoft.CodeAnalysis.Testing.MarkupOptions;
using OpenVerify.Analyzers.Rules;
using OpenVerify.Analyzers.Tests.Infrastructure;

namespace OpenVerify.Analyzers.Tests.Rules;

/// <summary>
/// OV0003/OV0004 on the calls a Microsoft.Extensions.AI middleware makes on itself: not reported where every
/// constructor passes its base a verified client (<c>inner.AsVerified()</c>, a <c>Verified…</c> typed value, or a
/// chain to a constructor that does), reported as soon as one constructor passes another value, and always reported in
/// a class that is no middleware (the analyzer does not take a leaf's own call on trust).
/// </summary>
public class VerifiedDelegatingClientTests
{
    private const string Usings = """
        #nullable enable
        #pragma warning disable MEAI001
        using System.Collections.Generic;
        using System.IO;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;
        using OpenVerify.Extensions.AI;

        """;

    private static AnalyzerTest<UnverifiedAiCallAnalyzer> Test(string source)
    {
        var test = new AnalyzerTest<UnverifiedAiCallAnalyzer>(Usings + source).WithReferences(TestReferences.WithVerifiedClients);
        test.MarkupOptions = MarkupOptions.UseFirstDescriptor;
        return test;
    }

    [Fact]
    public Task A_middleware_over_a_verified_inner_client_is_not_reported_calling_itself() => Test("""
        sealed class Primary(IChatClient inner) : DelegatingChatClient(inner.AsVerified())
        {
            public override Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
                base.GetResponseAsync(messages, options, cancellationToken);

            Task<ChatResponse> Implicit() => GetResponseAsync([new ChatMessage(ChatRole.User, "q")]);
            Task<ChatResponse> Explicit() => this.GetResponseAsync("q");
            IAsyncEnumerable<ChatResponseUpdate> Base() => base.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "q")]);
        }

        sealed class Constructors : DelegatingSpeechToTextClient
        {
            public Constructors(VerifiedSpeechToTextClient verified) : base(verified) { }
            public Constructors(ISpeechToTextClient inner) : base(inner.AsBuilder().UseOpenVerify().BuildVerified()) { }
            public Constructors(ISpeechToTextClient inner, string language) : this(inner) { }

            Task<SpeechToTextResponse> Transcribe(Stream speech) => GetTextAsync(speech);
        }
        """).RunAsync();

    [Fact]
    public Task One_constructor_not_verified_or_a_class_that_is_no_middleware_is_reported() => Test("""
        sealed class OneLeftOut : DelegatingChatClient
        {
            public OneLeftOut(IChatClient inner) : base(inner.AsVerified()) { }
            public OneLeftOut(IChatClient inner, bool raw) : base(inner) { }

            Task<ChatResponse> Ask() => {|OV0003:this.GetResponseAsync("q")|};
        }

        sealed class Unwrapped(IChatClient inner) : DelegatingChatClient(inner)
        {
            Task<ChatResponse> Ask() => {|OV0003:GetResponseAsync([new ChatMessage(ChatRole.User, "q")])|};
        }

        abstract class Leaf : IChatClient
        {
            public abstract Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default);
            public abstract IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default);
            public abstract object? GetService(System.Type serviceType, object? serviceKey = null);
            public void Dispose() { }
            Task<ChatResponse> Ask() => {|OV0003:this.GetResponseAsync("q")|};
        }
        """).RunAsync();

    [Fact]
    public Task A_call_of_another_kind_on_a_verified_middleware_is_reported() => Test("""
        sealed class ChatAndEmbeddings : DelegatingChatClient, IEmbeddingGenerator<string, Embedding<float>>
        {
            public ChatAndEmbeddings(IChatClient inner) : base(inner.AsVerified()) { }

            // Its own embeddings: the verified inner client is a chat client, which these never reach.
            public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default) =>
                Task.FromResult(new GeneratedEmbeddings<Embedding<float>>());

            Task<GeneratedEmbeddings<Embedding<float>>> Embed() => {|OV0004:this.GenerateAsync(["q"])|};
            Task<Embedding<float>> EmbedOne() => {|OV0004:this.GenerateAsync("q")|};
            Task<GeneratedEmbeddings<Embedding<float>>> Implicit() => {|OV0004:GenerateAsync(["q"])|};
            Task<ChatResponse> Chat() => this.GetResponseAsync("q");
        }
        """).RunAsync();

    [Fact]
    public Task A_partial_middleware_with_a_constructor_in_another_file_is_reported()
    {
        var test = Test("""
            sealed partial class Split : DelegatingChatClient
            {
                public Split(IChatClient inner) : base(inner.AsVerified()) { }
                Task<ChatResponse> Ask() => {|OV0003:this.GetResponseAsync("q")|};
            }
            """);
        test.TestState.Sources.Add(("Other.cs", Usings + """
            sealed partial class Split
            {
                public Split(IChatClient inner, bool raw) : base(inner) { }
            }
            """));
        return test.RunAsync();
    }

    [Fact]
    public Task An_extension_call_on_a_middleware_that_reimplements_the_interface_is_reported() => Test("""
        sealed class Reimplemented : DelegatingChatClient, IChatClient
        {
            public Reimplemented(IChatClient inner) : base(inner.AsVerified()) { }

            // Through the interface, the extension runs this, not the verified inner client.
            Task<ChatResponse> IChatClient.GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options, CancellationToken cancellationToken) =>
                Task.FromResult(new ChatResponse());

            Task<ChatResponse> Extension() => {|OV0003:this.GetResponseAsync("q")|};
            Task<ChatResponse> Instance() => GetResponseAsync([new ChatMessage(ChatRole.User, "q")]);
        }
        """).RunAsync();
}
