using System.Collections.Concurrent;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace OpenVerify.Extensions.AI.Tests;

/// <summary>
/// The verified registrations resolve the verified type and its Microsoft.Extensions.AI interface to one instance, which
/// the container then holds twice for disposal (once per registration): the provider's client under it must still be
/// disposed once. A real service provider and scopes, over the real OpenAI adapters against the loopback server, each
/// behind a wrapper that counts its disposals.
/// </summary>
[Collection(ChatCollection.Name)]
public sealed class DisposeOnceTests(ChatFixture fixture)
{
    private const string Key = "verified";

    public static TheoryData<ServiceLifetime, bool> Registrations => new()
    {
        { ServiceLifetime.Singleton, false },
        { ServiceLifetime.Scoped, false },
        { ServiceLifetime.Transient, false },
        { ServiceLifetime.Singleton, true },
        { ServiceLifetime.Scoped, true },
    };

    [Theory]
    [MemberData(nameof(Registrations))]
    public Task A_verified_chat_client_disposes_the_providers_client_once(ServiceLifetime lifetime, bool keyed) =>
        Check<VerifiedChatClient, IChatClient>(lifetime, keyed, fixture.ProviderChatClient, (services, inner) =>
            _ = keyed ? services.AddKeyedVerifiedChatClient(Key, inner, lifetime: lifetime) : services.AddVerifiedChatClient(inner, lifetime: lifetime));

    [Theory]
    [MemberData(nameof(Registrations))]
    public Task A_verified_embedding_generator_disposes_the_providers_generator_once(ServiceLifetime lifetime, bool keyed) =>
        Check<VerifiedEmbeddingGenerator<string, Embedding<float>>, IEmbeddingGenerator<string, Embedding<float>>>(lifetime, keyed, fixture.ProviderEmbeddingGenerator, (services, inner) =>
            _ = keyed ? services.AddKeyedVerifiedEmbeddingGenerator(Key, inner, lifetime) : services.AddVerifiedEmbeddingGenerator(inner, lifetime));

    [Theory]
    [MemberData(nameof(Registrations))]
    public Task A_verified_speech_to_text_client_disposes_the_providers_client_once(ServiceLifetime lifetime, bool keyed) =>
        Check<VerifiedSpeechToTextClient, ISpeechToTextClient>(lifetime, keyed, () => MediaTests.ProviderSpeechToText(fixture), (services, inner) =>
            _ = keyed ? services.AddKeyedVerifiedSpeechToTextClient(Key, inner, lifetime: lifetime) : services.AddVerifiedSpeechToTextClient(inner, lifetime: lifetime));

    [Theory]
    [MemberData(nameof(Registrations))]
    public Task A_verified_text_to_speech_client_disposes_the_providers_client_once(ServiceLifetime lifetime, bool keyed) =>
        Check<VerifiedTextToSpeechClient, ITextToSpeechClient>(lifetime, keyed, () => MediaTests.ProviderTextToSpeech(fixture), (services, inner) =>
            _ = keyed ? services.AddKeyedVerifiedTextToSpeechClient(Key, inner, lifetime: lifetime) : services.AddVerifiedTextToSpeechClient(inner, lifetime: lifetime));

    [Theory]
    [MemberData(nameof(Registrations))]
    public Task A_verified_image_generator_disposes_the_providers_generator_once(ServiceLifetime lifetime, bool keyed) =>
        Check<VerifiedImageGenerator, IImageGenerator>(lifetime, keyed, () => MediaTests.ProviderImages(fixture), (services, inner) =>
            _ = keyed ? services.AddKeyedVerifiedImageGenerator(Key, inner, lifetime: lifetime) : services.AddVerifiedImageGenerator(inner, lifetime: lifetime));

    /// <summary>Registers the verified client with <paramref name="register"/> over the provider's client (a new real
    /// adapter, behind a counting wrapper, each time the container builds one), then resolves and disposes.</summary>
    private Task Check<TVerified, TInterface>(ServiceLifetime lifetime, bool keyed, Func<TInterface> provider, Action<ServiceCollection, Func<IServiceProvider, TInterface>> register)
        where TVerified : class, TInterface
        where TInterface : class, IDisposable
    {
        var inners = new ConcurrentQueue<CountingDisposals>();
        var services = new ServiceCollection();
        services.AddSingleton<ISigner>(fixture.Key);
        register(services, _ =>
        {
            var inner = new CountingDisposals(provider());
            inners.Enqueue(inner);
            return (TInterface)(object)inner;
        });
        return ResolveAndDispose<TVerified, TInterface>(services, lifetime, keyed, inners);
    }

    /// <summary>Resolves the verified type and the interface in a scope, then disposes the scope and the provider: every
    /// provider client built meanwhile must have been disposed exactly once.</summary>
    private static async Task ResolveAndDispose<TVerified, TInterface>(ServiceCollection services, ServiceLifetime lifetime, bool keyed, ConcurrentQueue<CountingDisposals> inners)
        where TVerified : class, TInterface
        where TInterface : class
    {
        await using (var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true }))
        {
            await using var scope = provider.CreateAsyncScope();
            var verified = keyed ? scope.ServiceProvider.GetRequiredKeyedService<TVerified>(Key) : scope.ServiceProvider.GetRequiredService<TVerified>();
            var viaInterface = keyed ? scope.ServiceProvider.GetRequiredKeyedService<TInterface>(Key) : scope.ServiceProvider.GetRequiredService<TInterface>();
            viaInterface.ShouldBeOfType<TVerified>();
            if (lifetime != ServiceLifetime.Transient)
            {
                viaInterface.ShouldBeSameAs(verified, "the interface resolves to the verified instance");
            }

            inners.ShouldAllBe(inner => inner.Disposals == 0, "nothing is disposed while the scope is in use");
        }

        inners.Count.ShouldBe(lifetime == ServiceLifetime.Transient ? 2 : 1);
        inners.Select(inner => inner.Disposals).ShouldAllBe(disposals => disposals == 1, "each provider client is disposed once");
    }

    /// <summary>A provider's client (the real OpenAI adapter of any kind) that counts how often it is disposed. It is no
    /// delegating client: the verified builders want the attesting step directly around the provider.</summary>
    private sealed class CountingDisposals(IDisposable provider)
        : IChatClient, IEmbeddingGenerator<string, Embedding<float>>, ISpeechToTextClient, ITextToSpeechClient, IImageGenerator
    {
        private int _disposals;

        public int Disposals => Volatile.Read(ref _disposals);

        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            ((IChatClient)provider).GetResponseAsync(messages, options, cancellationToken);

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            ((IChatClient)provider).GetStreamingResponseAsync(messages, options, cancellationToken);

        public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default) =>
            ((IEmbeddingGenerator<string, Embedding<float>>)provider).GenerateAsync(values, options, cancellationToken);

        public Task<SpeechToTextResponse> GetTextAsync(Stream audioSpeechStream, SpeechToTextOptions? options = null, CancellationToken cancellationToken = default) =>
            ((ISpeechToTextClient)provider).GetTextAsync(audioSpeechStream, options, cancellationToken);

        public IAsyncEnumerable<SpeechToTextResponseUpdate> GetStreamingTextAsync(Stream audioSpeechStream, SpeechToTextOptions? options = null, CancellationToken cancellationToken = default) =>
            ((ISpeechToTextClient)provider).GetStreamingTextAsync(audioSpeechStream, options, cancellationToken);

        public Task<TextToSpeechResponse> GetAudioAsync(string text, TextToSpeechOptions? options = null, CancellationToken cancellationToken = default) =>
            ((ITextToSpeechClient)provider).GetAudioAsync(text, options, cancellationToken);

        public IAsyncEnumerable<TextToSpeechResponseUpdate> GetStreamingAudioAsync(string text, TextToSpeechOptions? options = null, CancellationToken cancellationToken = default) =>
            ((ITextToSpeechClient)provider).GetStreamingAudioAsync(text, options, cancellationToken);

        public Task<ImageGenerationResponse> GenerateAsync(ImageGenerationRequest request, ImageGenerationOptions? options = null, CancellationToken cancellationToken = default) =>
            ((IImageGenerator)provider).GenerateAsync(request, options, cancellationToken);

        public object? GetService(Type serviceType, object? serviceKey = null) => provider switch
        {
            IChatClient chat => chat.GetService(serviceType, serviceKey),
            IEmbeddingGenerator embeddings => embeddings.GetService(serviceType, serviceKey),
            ISpeechToTextClient speechToText => speechToText.GetService(serviceType, serviceKey),
            ITextToSpeechClient textToSpeech => textToSpeech.GetService(serviceType, serviceKey),
            IImageGenerator images => images.GetService(serviceType, serviceKey),
            _ => null,
        };

        public void Dispose()
        {
            Interlocked.Increment(ref _disposals);
            provider.Dispose();
        }
    }
}
