using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace OpenVerify.Extensions.AI.Tests;

/// <summary>
/// What the "Inject a VerifiedChatClient (AddVerifiedChatClient)" fix leaves for a registration by implementation type
/// (<c>AddScoped&lt;IChatClient, OwnChatClient&gt;()</c>): a verified factory that builds the implementation with
/// <c>ActivatorUtilities.CreateInstance</c>, resolved from a real service provider, through the real Microsoft.Extensions.AI
/// and OpenAI stack against the loopback OpenAI-wire server.
/// </summary>
[Collection(ChatCollection.Name)]
public sealed class ByTypeRegistrationTests(ChatFixture fixture)
{
    /// <summary>Where the app's own client gets its provider from: a service the container fills its constructor with.</summary>
    private sealed class Upstream(IChatClient client)
    {
        public IChatClient Client { get; } = client;
    }

    /// <summary>The app's own client, registered by type before the fix (a provider adapter, not middleware).</summary>
    private sealed class OwnChatClient(Upstream upstream) : IChatClient
    {
        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            upstream.Client.GetResponseAsync(messages, options, cancellationToken);

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            upstream.Client.GetStreamingResponseAsync(messages, options, cancellationToken);

        public object? GetService(Type serviceType, object? serviceKey = null) =>
            serviceKey is null && serviceType.IsInstanceOfType(this) ? this : upstream.Client.GetService(serviceType, serviceKey);

        public void Dispose()
        {
        }
    }

    /// <summary>The consumer as the fix leaves it: re-typed to the verified client.</summary>
    private sealed class Assistant(VerifiedChatClient chat)
    {
        public VerifiedChatClient Chat => chat;

        public Task<ChatResponse> AskAsync(string question) => chat.GetResponseAsync(question);
    }

    [Fact]
    public async Task The_rewritten_registration_builds_the_implementation_per_scope_and_signs_one_receipt_per_call()
    {
        var signer = new CountingSigner(fixture.Key);
        var services = new ServiceCollection();
        services.AddSingleton<ISigner>(signer);
        services.AddSingleton(new Upstream(fixture.ProviderChatClient()));
        services.AddVerifiedChatClient(sp => ActivatorUtilities.CreateInstance<OwnChatClient>(sp), lifetime: ServiceLifetime.Scoped);
        services.AddScoped<Assistant>();
        await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });

        VerifiedChatClient first;
        await using (var scope = provider.CreateAsyncScope())
        {
            var assistant = scope.ServiceProvider.GetRequiredService<Assistant>();
            first = assistant.Chat;
            assistant.Chat.GetService<OwnChatClient>().ShouldNotBeNull("the implementation registered by type is the inner client");
            scope.ServiceProvider.GetRequiredService<IChatClient>().ShouldBeSameAs(assistant.Chat, "the interface resolves to the same verified instance");

            fixture.Verifier.Verify((await assistant.AskAsync("one")).GetReceipt()).Succeeded.ShouldBeTrue();
            signer.Signatures.ShouldBe(1);
            fixture.Verifier.Verify((await assistant.AskAsync("two")).GetReceipt()).Succeeded.ShouldBeTrue();
            signer.Signatures.ShouldBe(2);
        }

        await using (var scope = provider.CreateAsyncScope())
        {
            var assistant = scope.ServiceProvider.GetRequiredService<Assistant>();
            assistant.Chat.ShouldNotBeSameAs(first, "a scoped registration stays scoped");
            fixture.Verifier.Verify((await assistant.AskAsync("three")).GetReceipt()).Succeeded.ShouldBeTrue();
            signer.Signatures.ShouldBe(3);
        }
    }
}
