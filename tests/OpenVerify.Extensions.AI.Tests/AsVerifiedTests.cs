using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace OpenVerify.Extensions.AI.Tests;

/// <summary>
/// <c>AsVerified()</c>, the shape the "Verify the client where it is received" code fix writes, through the real
/// Microsoft.Extensions.AI and OpenAI stack against the loopback OpenAI-wire server: an injected client gets receipts,
/// and one that already attests (registered verified, or a pipeline with <c>UseOpenVerify()</c>) is signed once.
/// </summary>
[Collection(ChatCollection.Name)]
public sealed class AsVerifiedTests(ChatFixture fixture)
{
    /// <summary>What the fix leaves: the injected client wrapped where the constructor stores it.</summary>
    private sealed class ChatState
    {
        private readonly VerifiedChatClient _chatClient;

        public ChatState(IChatClient chatClient) => _chatClient = chatClient.AsVerified();

        public VerifiedChatClient Client => _chatClient;

        public Task<ChatResponse> AskAsync(string question) => _chatClient.GetResponseAsync(question);
    }

    /// <summary>The primary-constructor shape: a field of the parameter's name over it.</summary>
    private sealed class SemanticSearch(IEmbeddingGenerator<string, Embedding<float>> embeddingGenerator)
    {
        private readonly VerifiedEmbeddingGenerator<string, Embedding<float>> embeddingGenerator = embeddingGenerator.AsVerified();

        public VerifiedEmbeddingGenerator<string, Embedding<float>> Generator => embeddingGenerator;

        public Task<GeneratedEmbeddings<Embedding<float>>> EmbedAsync(string text) => embeddingGenerator.GenerateAsync([text]);
    }

    [Fact]
    public async Task A_plain_injected_client_gets_receipts_for_answers_streams_structured_output_and_embeddings()
    {
        var signer = new CountingSigner(fixture.Key);
        using (OpenVerifyRuntime.UseSigner(signer))
        {
            var services = new ServiceCollection();
            services.AddChatClient(_ => fixture.ProviderChatClient());
            services.AddEmbeddingGenerator(_ => fixture.ProviderEmbeddingGenerator());
            services.AddSingleton<ChatState>();
            services.AddSingleton<SemanticSearch>();
            await using var provider = services.BuildServiceProvider();

            var chat = provider.GetRequiredService<ChatState>();
            var answer = await chat.AskAsync("hello");
            fixture.Verifier.Verify(answer.GetReceipt()).Succeeded.ShouldBeTrue();

            var stream = chat.Client.GetStreamingResponseAsync("stream please");
            await foreach (var _ in stream)
            {
            }

            stream.Receipts.Count.ShouldBe(1);
            fixture.Verifier.Verify(stream.Receipt!).Succeeded.ShouldBeTrue();

            var structured = await chat.Client.GetResponseAsync<string[]>("list three words");
            fixture.Verifier.Verify(structured.GetReceipt()).Succeeded.ShouldBeTrue();

            var search = provider.GetRequiredService<SemanticSearch>();
            var embeddings = await search.EmbedAsync("a query");
            fixture.Verifier.Verify(embeddings.GetReceipt()).Succeeded.ShouldBeTrue();
            signer.Signatures.ShouldBe(4);
        }
    }

    [Fact]
    public async Task A_client_registered_verified_is_kept_and_signed_once()
    {
        var signer = new CountingSigner(fixture.Key);
        var services = new ServiceCollection();
        services.AddSingleton<ISigner>(signer);
        services.AddVerifiedChatClient(_ => fixture.ProviderChatClient()).UseFunctionInvocation();
        services.AddVerifiedEmbeddingGenerator(_ => fixture.ProviderEmbeddingGenerator());
        services.AddSingleton<ChatState>();
        services.AddSingleton<SemanticSearch>();
        await using var provider = services.BuildServiceProvider();

        var chat = provider.GetRequiredService<ChatState>();
        chat.Client.ShouldBeSameAs(provider.GetRequiredService<VerifiedChatClient>());
        fixture.Verifier.Verify((await chat.AskAsync("once")).GetReceipt()).Succeeded.ShouldBeTrue();
        signer.Signatures.ShouldBe(1);

        var search = provider.GetRequiredService<SemanticSearch>();
        search.Generator.ShouldBeSameAs(provider.GetRequiredService<VerifiedEmbeddingGenerator<string, Embedding<float>>>());
        fixture.Verifier.Verify((await search.EmbedAsync("once")).GetReceipt()).Succeeded.ShouldBeTrue();
        signer.Signatures.ShouldBe(2);
    }

    [Fact]
    public async Task A_pipeline_that_already_attests_gets_no_second_attesting_step()
    {
        var signer = new CountingSigner(fixture.Key);
        IChatClient attesting = fixture.ProviderChatClient().AsBuilder().UseFunctionInvocation().UseOpenVerify(signer).Build();
        IEmbeddingGenerator<string, Embedding<float>> attestingGenerator = fixture.ProviderEmbeddingGenerator().AsBuilder().UseOpenVerify(signer).Build();

        var chat = attesting.AsVerified();
        chat.Attestation.ShouldBeSameAs(attesting.GetService<AttestingChatClient>());
        chat.AsVerified().ShouldBeSameAs(chat);
        fixture.Verifier.Verify((await chat.GetResponseAsync("once")).GetReceipt()).Succeeded.ShouldBeTrue();
        signer.Signatures.ShouldBe(1);

        var generator = attestingGenerator.AsVerified();
        generator.AsVerified().ShouldBeSameAs(generator);
        fixture.Verifier.Verify((await generator.GenerateAsync(["once"])).GetReceipt()).Succeeded.ShouldBeTrue();
        signer.Signatures.ShouldBe(2);
    }

    [Fact]
    public void A_pipeline_that_attests_above_another_step_is_refused_as_BuildVerified_refuses_it()
    {
        // Function invocation below the attesting step sends tool round trips the receipt never binds.
        var signer = new CountingSigner(fixture.Key);
        IChatClient outer = fixture.ProviderChatClient().AsBuilder().UseOpenVerify(signer).UseFunctionInvocation().Build();
        IEmbeddingGenerator<string, Embedding<float>> outerGenerator = fixture.ProviderEmbeddingGenerator().AsBuilder().UseOpenVerify(signer).Use(inner => new PassThroughGenerator(inner)).Build();

        Should.Throw<InvalidOperationException>(() => outer.AsVerified()).Message.ShouldContain("innermost");
        Should.Throw<InvalidOperationException>(() => outerGenerator.AsVerified()).Message.ShouldContain("innermost");
        signer.Signatures.ShouldBe(0);
    }

    private sealed class PassThroughGenerator(IEmbeddingGenerator<string, Embedding<float>> inner) : DelegatingEmbeddingGenerator<string, Embedding<float>>(inner);

    [Fact]
    public void Without_any_signer_it_says_what_to_configure()
    {
        var previous = OpenVerifyRuntime.DefaultSigner;
        var environment = Environment.GetEnvironmentVariable(OpenVerifyRuntime.SigningKeyEnvironmentVariable);
        // Nothing in this test assembly sets the runtime's signer (no host is started here); the environment variable
        // would, so a run with it set says so instead of passing without checking anything.
        previous.ShouldBeNull("no test in this assembly sets OpenVerifyRuntime.DefaultSigner");
        environment.ShouldBeNull($"this test checks the message given when no signer is configured: unset {OpenVerifyRuntime.SigningKeyEnvironmentVariable} to run it");

        Should.Throw<InvalidOperationException>(() => fixture.ProviderChatClient().AsVerified()).Message.ShouldContain("No receipt signer");
    }
}
