using System.ClientModel;
using Microsoft.Extensions.AI;
using OpenAI;

namespace OpenVerify.Extensions.AI.Tests;

/// <summary>One loopback server and one signing key for every test (starting Kestrel is the expensive part).</summary>
public sealed class ChatFixture : IAsyncLifetime
{
    public OpenAiCompatibleServer Server { get; private set; } = null!;

    public SigningKey Key { get; } = SigningKey.Generate();

    public TrustStore Trust => TrustStore.For(Key.PublicKey);

    public ChatReceiptVerifier Verifier => new(Trust);

    public async Task InitializeAsync() => Server = await OpenAiCompatibleServer.StartAsync();

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        Key.Dispose();
    }

    /// <summary>The real OpenAI SDK's client for the loopback server.</summary>
    public OpenAIClient OpenAi() =>
        new(new ApiKeyCredential("test-key"), new OpenAIClientOptions { Endpoint = Server.Endpoint, NetworkTimeout = TimeSpan.FromSeconds(30) });

    /// <summary>The provider's <see cref="IChatClient"/> through Microsoft.Extensions.AI.OpenAI.</summary>
    public IChatClient ProviderChatClient() => OpenAi().GetChatClient("gpt-test").AsIChatClient();

    public IEmbeddingGenerator<string, Embedding<float>> ProviderEmbeddingGenerator() => OpenAi().GetEmbeddingClient("embed-test").AsIEmbeddingGenerator();
}

[CollectionDefinition(Name)]
public sealed class ChatCollection : ICollectionFixture<ChatFixture>
{
    public const string Name = "loopback OpenAI-compatible server";
}
