using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace OpenVerify.Extensions.AI;

/// <summary>
/// Registers verified speech-to-text, text-to-speech and image generation clients in a service collection, as
/// <see cref="OpenVerifyChatClientServiceCollectionExtensions"/> does for chat: the verified type and the
/// Microsoft.Extensions.AI interface resolve to the same instance, the attesting step is built in innermost, and the
/// signer is the registered <see cref="ISigner"/>, else the runtime's (<see cref="OpenVerifyRuntime.ResolveSigner"/>).
/// </summary>
public static class OpenVerifyMediaServiceCollectionExtensions
{
    /// <summary>
    /// Registers a <see cref="VerifiedSpeechToTextClient"/> (and <see cref="ISpeechToTextClient"/> as the same instance) over the provider's
    /// speech-to-text client. The attesting step is built in, innermost; add other middleware to the returned builder.
    /// </summary>
    public static SpeechToTextClientBuilder AddVerifiedSpeechToTextClient(this IServiceCollection services, Func<IServiceProvider, ISpeechToTextClient> innerClientFactory, Action<AttestingSpeechToTextClient>? configure = null, ServiceLifetime lifetime = ServiceLifetime.Singleton)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(innerClientFactory);
        var builder = Pipeline(innerClientFactory, configure);
        Register<VerifiedSpeechToTextClient, ISpeechToTextClient>(services, null, sp => OpenVerifyMediaBuilderExtensions.Verify(builder.Build(sp)), lifetime, keyed: false);
        return builder;
    }

    /// <summary>Registers a <see cref="VerifiedSpeechToTextClient"/> over a provider's speech-to-text client instance; see the factory overload.</summary>
    public static SpeechToTextClientBuilder AddVerifiedSpeechToTextClient(this IServiceCollection services, ISpeechToTextClient innerClient, Action<AttestingSpeechToTextClient>? configure = null, ServiceLifetime lifetime = ServiceLifetime.Singleton)
    {
        ArgumentNullException.ThrowIfNull(innerClient);
        return services.AddVerifiedSpeechToTextClient(_ => innerClient, configure, lifetime);
    }

    /// <summary>
    /// Registers a <see cref="VerifiedSpeechToTextClient"/> (and <see cref="ISpeechToTextClient"/> as the same instance) under
    /// <paramref name="serviceKey"/>: the keyed form of <c>AddVerifiedSpeechToTextClient</c>, for consumers that take
    /// <c>[FromKeyedServices(key)]</c>. The signer is the registered (unkeyed) <see cref="ISigner"/>, else the runtime's.
    /// </summary>
    public static SpeechToTextClientBuilder AddKeyedVerifiedSpeechToTextClient(this IServiceCollection services, object? serviceKey, Func<IServiceProvider, ISpeechToTextClient> innerClientFactory, Action<AttestingSpeechToTextClient>? configure = null, ServiceLifetime lifetime = ServiceLifetime.Singleton)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(innerClientFactory);
        var builder = Pipeline(innerClientFactory, configure);
        Register<VerifiedSpeechToTextClient, ISpeechToTextClient>(services, serviceKey, sp => OpenVerifyMediaBuilderExtensions.Verify(builder.Build(sp)), lifetime, keyed: true);
        return builder;
    }

    /// <summary>Registers a <see cref="VerifiedSpeechToTextClient"/> under <paramref name="serviceKey"/> over a provider's speech-to-text client instance; see the factory overload.</summary>
    public static SpeechToTextClientBuilder AddKeyedVerifiedSpeechToTextClient(this IServiceCollection services, object? serviceKey, ISpeechToTextClient innerClient, Action<AttestingSpeechToTextClient>? configure = null, ServiceLifetime lifetime = ServiceLifetime.Singleton)
    {
        ArgumentNullException.ThrowIfNull(innerClient);
        return services.AddKeyedVerifiedSpeechToTextClient(serviceKey, _ => innerClient, configure, lifetime);
    }

    /// <summary>
    /// Registers a <see cref="VerifiedTextToSpeechClient"/> (and <see cref="ITextToSpeechClient"/> as the same instance) over the provider's
    /// text-to-speech client. The attesting step is built in, innermost; add other middleware to the returned builder.
    /// </summary>
    public static TextToSpeechClientBuilder AddVerifiedTextToSpeechClient(this IServiceCollection services, Func<IServiceProvider, ITextToSpeechClient> innerClientFactory, Action<AttestingTextToSpeechClient>? configure = null, ServiceLifetime lifetime = ServiceLifetime.Singleton)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(innerClientFactory);
        var builder = Pipeline(innerClientFactory, configure);
        Register<VerifiedTextToSpeechClient, ITextToSpeechClient>(services, null, sp => OpenVerifyMediaBuilderExtensions.Verify(builder.Build(sp)), lifetime, keyed: false);
        return builder;
    }

    /// <summary>Registers a <see cref="VerifiedTextToSpeechClient"/> over a provider's text-to-speech client instance; see the factory overload.</summary>
    public static TextToSpeechClientBuilder AddVerifiedTextToSpeechClient(this IServiceCollection services, ITextToSpeechClient innerClient, Action<AttestingTextToSpeechClient>? configure = null, ServiceLifetime lifetime = ServiceLifetime.Singleton)
    {
        ArgumentNullException.ThrowIfNull(innerClient);
        return services.AddVerifiedTextToSpeechClient(_ => innerClient, configure, lifetime);
    }

    /// <summary>
    /// Registers a <see cref="VerifiedTextToSpeechClient"/> (and <see cref="ITextToSpeechClient"/> as the same instance) under
    /// <paramref name="serviceKey"/>: the keyed form of <c>AddVerifiedTextToSpeechClient</c>, for consumers that take
    /// <c>[FromKeyedServices(key)]</c>. The signer is the registered (unkeyed) <see cref="ISigner"/>, else the runtime's.
    /// </summary>
    public static TextToSpeechClientBuilder AddKeyedVerifiedTextToSpeechClient(this IServiceCollection services, object? serviceKey, Func<IServiceProvider, ITextToSpeechClient> innerClientFactory, Action<AttestingTextToSpeechClient>? configure = null, ServiceLifetime lifetime = ServiceLifetime.Singleton)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(innerClientFactory);
        var builder = Pipeline(innerClientFactory, configure);
        Register<VerifiedTextToSpeechClient, ITextToSpeechClient>(services, serviceKey, sp => OpenVerifyMediaBuilderExtensions.Verify(builder.Build(sp)), lifetime, keyed: true);
        return builder;
    }

    /// <summary>Registers a <see cref="VerifiedTextToSpeechClient"/> under <paramref name="serviceKey"/> over a provider's text-to-speech client instance; see the factory overload.</summary>
    public static TextToSpeechClientBuilder AddKeyedVerifiedTextToSpeechClient(this IServiceCollection services, object? serviceKey, ITextToSpeechClient innerClient, Action<AttestingTextToSpeechClient>? configure = null, ServiceLifetime lifetime = ServiceLifetime.Singleton)
    {
        ArgumentNullException.ThrowIfNull(innerClient);
        return services.AddKeyedVerifiedTextToSpeechClient(serviceKey, _ => innerClient, configure, lifetime);
    }

    /// <summary>
    /// Registers a <see cref="VerifiedImageGenerator"/> (and <see cref="IImageGenerator"/> as the same instance) over the provider's
    /// image generator. The attesting step is built in, innermost; add other middleware to the returned builder.
    /// </summary>
    public static ImageGeneratorBuilder AddVerifiedImageGenerator(this IServiceCollection services, Func<IServiceProvider, IImageGenerator> innerGeneratorFactory, Action<AttestingImageGenerator>? configure = null, ServiceLifetime lifetime = ServiceLifetime.Singleton)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(innerGeneratorFactory);
        var builder = Pipeline(innerGeneratorFactory, configure);
        Register<VerifiedImageGenerator, IImageGenerator>(services, null, sp => OpenVerifyMediaBuilderExtensions.Verify(builder.Build(sp)), lifetime, keyed: false);
        return builder;
    }

    /// <summary>Registers a <see cref="VerifiedImageGenerator"/> over a provider's image generator instance; see the factory overload.</summary>
    public static ImageGeneratorBuilder AddVerifiedImageGenerator(this IServiceCollection services, IImageGenerator innerGenerator, Action<AttestingImageGenerator>? configure = null, ServiceLifetime lifetime = ServiceLifetime.Singleton)
    {
        ArgumentNullException.ThrowIfNull(innerGenerator);
        return services.AddVerifiedImageGenerator(_ => innerGenerator, configure, lifetime);
    }

    /// <summary>
    /// Registers a <see cref="VerifiedImageGenerator"/> (and <see cref="IImageGenerator"/> as the same instance) under
    /// <paramref name="serviceKey"/>: the keyed form of <c>AddVerifiedImageGenerator</c>, for consumers that take
    /// <c>[FromKeyedServices(key)]</c>. The signer is the registered (unkeyed) <see cref="ISigner"/>, else the runtime's.
    /// </summary>
    public static ImageGeneratorBuilder AddKeyedVerifiedImageGenerator(this IServiceCollection services, object? serviceKey, Func<IServiceProvider, IImageGenerator> innerGeneratorFactory, Action<AttestingImageGenerator>? configure = null, ServiceLifetime lifetime = ServiceLifetime.Singleton)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(innerGeneratorFactory);
        var builder = Pipeline(innerGeneratorFactory, configure);
        Register<VerifiedImageGenerator, IImageGenerator>(services, serviceKey, sp => OpenVerifyMediaBuilderExtensions.Verify(builder.Build(sp)), lifetime, keyed: true);
        return builder;
    }

    /// <summary>Registers a <see cref="VerifiedImageGenerator"/> under <paramref name="serviceKey"/> over a provider's image generator instance; see the factory overload.</summary>
    public static ImageGeneratorBuilder AddKeyedVerifiedImageGenerator(this IServiceCollection services, object? serviceKey, IImageGenerator innerGenerator, Action<AttestingImageGenerator>? configure = null, ServiceLifetime lifetime = ServiceLifetime.Singleton)
    {
        ArgumentNullException.ThrowIfNull(innerGenerator);
        return services.AddKeyedVerifiedImageGenerator(serviceKey, _ => innerGenerator, configure, lifetime);
    }

    // The attesting step is the builder's inner client, not a Use() stage: middleware added to the returned builder then
    // sits outside it, so it stays innermost whatever the caller adds.
    private static SpeechToTextClientBuilder Pipeline(Func<IServiceProvider, ISpeechToTextClient> innerClientFactory, Action<AttestingSpeechToTextClient>? configure) =>
        new(sp => Configured(new AttestingSpeechToTextClient(innerClientFactory(sp), OpenVerifyMediaBuilderExtensions.Signer(null, sp), sp.GetService<ILoggerFactory>()?.CreateLogger(typeof(AttestingSpeechToTextClient))), configure));

    private static TextToSpeechClientBuilder Pipeline(Func<IServiceProvider, ITextToSpeechClient> innerClientFactory, Action<AttestingTextToSpeechClient>? configure) =>
        new(sp => Configured(new AttestingTextToSpeechClient(innerClientFactory(sp), OpenVerifyMediaBuilderExtensions.Signer(null, sp), sp.GetService<ILoggerFactory>()?.CreateLogger(typeof(AttestingTextToSpeechClient))), configure));

    private static ImageGeneratorBuilder Pipeline(Func<IServiceProvider, IImageGenerator> innerGeneratorFactory, Action<AttestingImageGenerator>? configure) =>
        new(sp => Configured(new AttestingImageGenerator(innerGeneratorFactory(sp), OpenVerifyMediaBuilderExtensions.Signer(null, sp), sp.GetService<ILoggerFactory>()?.CreateLogger(typeof(AttestingImageGenerator))), configure));

    // The verified type and the Microsoft.Extensions.AI interface it implements resolve to one instance, keyed or not.
    private static void Register<TVerified, TInterface>(IServiceCollection services, object? serviceKey, Func<IServiceProvider, TVerified> create, ServiceLifetime lifetime, bool keyed)
        where TVerified : class, TInterface
        where TInterface : class
    {
        if (keyed)
        {
            services.Add(new ServiceDescriptor(typeof(TVerified), serviceKey, (sp, _) => create(sp), lifetime));
            services.Add(new ServiceDescriptor(typeof(TInterface), serviceKey, (sp, key) => sp.GetRequiredKeyedService<TVerified>(key), lifetime));
        }
        else
        {
            services.Add(new ServiceDescriptor(typeof(TVerified), sp => create(sp), lifetime));
            services.Add(new ServiceDescriptor(typeof(TInterface), sp => sp.GetRequiredService<TVerified>(), lifetime));
        }
    }

    private static T Configured<T>(T attesting, Action<T>? configure)
    {
        configure?.Invoke(attesting);
        return attesting;
    }
}
