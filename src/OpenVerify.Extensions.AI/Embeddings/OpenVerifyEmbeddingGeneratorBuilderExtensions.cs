using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace OpenVerify.Extensions.AI;

/// <summary>Adds receipts to an embedding generator pipeline.</summary>
public static class OpenVerifyEmbeddingGeneratorBuilderExtensions
{
    /// <summary>Adds an <see cref="AttestingEmbeddingGenerator{TInput, TEmbedding}"/> as the next stage; call it last, so
    /// that it wraps the provider's generator directly.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="signer">The receipt-signing key; when null, the <see cref="ISigner"/> registered in the service provider, else the runtime's (<see cref="OpenVerifyRuntime.ResolveSigner"/>).</param>
    /// <param name="configure">Configures the generator.</param>
    /// <returns><paramref name="builder"/>.</returns>
    public static EmbeddingGeneratorBuilder<TInput, TEmbedding> UseOpenVerify<TInput, TEmbedding>(this EmbeddingGeneratorBuilder<TInput, TEmbedding> builder, ISigner? signer = null, Action<AttestingEmbeddingGenerator<TInput, TEmbedding>>? configure = null)
        where TEmbedding : Embedding
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Use((innerGenerator, services) =>
        {
            var chosen = signer ?? services.GetService<ISigner>() ?? OpenVerifyChatClientBuilderExtensions.RuntimeSigner();
            var generator = new AttestingEmbeddingGenerator<TInput, TEmbedding>(innerGenerator, chosen, services.GetService<ILoggerFactory>()?.CreateLogger(typeof(AttestingEmbeddingGenerator<TInput, TEmbedding>)));
            configure?.Invoke(generator);
            return generator;
        });
    }

    /// <summary>Builds the pipeline as a <see cref="VerifiedEmbeddingGenerator{TInput, TEmbedding}"/>.</summary>
    /// <exception cref="InvalidOperationException">The pipeline has no <c>UseOpenVerify()</c>, or it is not innermost.</exception>
    public static VerifiedEmbeddingGenerator<TInput, TEmbedding> BuildVerified<TInput, TEmbedding>(this EmbeddingGeneratorBuilder<TInput, TEmbedding> builder, IServiceProvider? services = null)
        where TEmbedding : Embedding
    {
        ArgumentNullException.ThrowIfNull(builder);
        return Verify(builder.Build(services));
    }

    internal static VerifiedEmbeddingGenerator<TInput, TEmbedding> Verify<TInput, TEmbedding>(IEmbeddingGenerator<TInput, TEmbedding> pipeline)
        where TEmbedding : Embedding
    {
        var attesting = pipeline.GetService<AttestingEmbeddingGenerator<TInput, TEmbedding>>()
            ?? throw new InvalidOperationException("The embedding pipeline has no attesting step: add .UseOpenVerify() as its last step before BuildVerified().");
        if (attesting.Inner is DelegatingEmbeddingGenerator<TInput, TEmbedding> between)
        {
            throw new InvalidOperationException($"UseOpenVerify() must be the innermost step, directly around the provider's generator, but {between.GetType().Name} sits between them: call UseOpenVerify() last on the builder.");
        }

        return new VerifiedEmbeddingGenerator<TInput, TEmbedding>(pipeline, attesting);
    }
}

/// <summary>Registers verified embedding generators in a service collection.</summary>
public static class OpenVerifyEmbeddingGeneratorServiceCollectionExtensions
{
    /// <summary>Registers a <see cref="VerifiedEmbeddingGenerator{TInput, TEmbedding}"/> (and the
    /// <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/> as the same instance) with the attesting step built in,
    /// innermost; add other middleware to the returned builder. The signer is the registered <see cref="ISigner"/>, else the runtime's (<see cref="OpenVerifyRuntime.ResolveSigner"/>).</summary>
    public static EmbeddingGeneratorBuilder<TInput, TEmbedding> AddVerifiedEmbeddingGenerator<TInput, TEmbedding>(this IServiceCollection services, Func<IServiceProvider, IEmbeddingGenerator<TInput, TEmbedding>> innerGeneratorFactory, ServiceLifetime lifetime = ServiceLifetime.Singleton)
        where TEmbedding : Embedding
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(innerGeneratorFactory);
        var builder = Pipeline(innerGeneratorFactory);
        services.Add(new ServiceDescriptor(typeof(VerifiedEmbeddingGenerator<TInput, TEmbedding>), sp => OpenVerifyEmbeddingGeneratorBuilderExtensions.Verify(builder.Build(sp)), lifetime));
        services.Add(new ServiceDescriptor(typeof(IEmbeddingGenerator<TInput, TEmbedding>), sp => sp.GetRequiredService<VerifiedEmbeddingGenerator<TInput, TEmbedding>>(), lifetime));
        return builder;
    }

    /// <summary>Registers a <see cref="VerifiedEmbeddingGenerator{TInput, TEmbedding}"/> (and the
    /// <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/> as the same instance) under <paramref name="serviceKey"/>:
    /// the keyed form of <see cref="AddVerifiedEmbeddingGenerator{TInput, TEmbedding}"/>, for consumers that take
    /// <c>[FromKeyedServices(key)]</c>. The signer is the registered (unkeyed) <see cref="ISigner"/>, else the runtime's.</summary>
    public static EmbeddingGeneratorBuilder<TInput, TEmbedding> AddKeyedVerifiedEmbeddingGenerator<TInput, TEmbedding>(this IServiceCollection services, object? serviceKey, Func<IServiceProvider, IEmbeddingGenerator<TInput, TEmbedding>> innerGeneratorFactory, ServiceLifetime lifetime = ServiceLifetime.Singleton)
        where TEmbedding : Embedding
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(innerGeneratorFactory);
        var builder = Pipeline(innerGeneratorFactory);
        services.Add(new ServiceDescriptor(typeof(VerifiedEmbeddingGenerator<TInput, TEmbedding>), serviceKey, (sp, _) => OpenVerifyEmbeddingGeneratorBuilderExtensions.Verify(builder.Build(sp)), lifetime));
        services.Add(new ServiceDescriptor(typeof(IEmbeddingGenerator<TInput, TEmbedding>), serviceKey, (sp, key) => sp.GetRequiredKeyedService<VerifiedEmbeddingGenerator<TInput, TEmbedding>>(key), lifetime));
        return builder;
    }

    /// <summary>The attesting step over the provider's generator, signing with the registered signer or the runtime's.</summary>
    private static EmbeddingGeneratorBuilder<TInput, TEmbedding> Pipeline<TInput, TEmbedding>(Func<IServiceProvider, IEmbeddingGenerator<TInput, TEmbedding>> innerGeneratorFactory)
        where TEmbedding : Embedding =>
        new(sp => new AttestingEmbeddingGenerator<TInput, TEmbedding>(
            innerGeneratorFactory(sp),
            sp.GetService<ISigner>() ?? OpenVerifyChatClientBuilderExtensions.RuntimeSigner(),
            sp.GetService<ILoggerFactory>()?.CreateLogger(typeof(AttestingEmbeddingGenerator<TInput, TEmbedding>))));
}
