using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace OpenVerify.Extensions.AI;

/// <summary>Adds receipts to a chat client pipeline.</summary>
public static class OpenVerifyChatClientBuilderExtensions
{
    /// <summary>
    /// Adds an <see cref="AttestingChatClient"/> as the next stage of the pipeline. Call it last, so that it sits
    /// innermost, directly around the provider's client (<c>.UseFunctionInvocation().UseOpenVerify()</c>): then every
    /// round trip gets its own receipt, and a cache added before it returns the stored receipt.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="signer">The receipt-signing key; when null, the <see cref="ISigner"/> registered in the service provider, else the runtime's (<see cref="OpenVerifyRuntime.ResolveSigner"/>).</param>
    /// <param name="configure">Configures the client (for example <see cref="AttestingChatClient.ReceiptSigned"/>).</param>
    /// <returns><paramref name="builder"/>.</returns>
    public static ChatClientBuilder UseOpenVerify(this ChatClientBuilder builder, ISigner? signer = null, Action<AttestingChatClient>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Use((innerClient, services) =>
        {
            var chosen = signer ?? services.GetService<ISigner>() ?? RuntimeSigner();
            var loggerFactory = services.GetService<ILoggerFactory>();
            var client = new AttestingChatClient(innerClient, chosen, loggerFactory?.CreateLogger(typeof(AttestingChatClient)));
            configure?.Invoke(client);
            return client;
        });
    }

    /// <summary>
    /// Builds the pipeline as a <see cref="VerifiedChatClient"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">The pipeline has no <c>UseOpenVerify()</c>, or another step sits
    /// between it and the provider's client (call <c>UseOpenVerify()</c> last).</exception>
    public static VerifiedChatClient BuildVerified(this ChatClientBuilder builder, IServiceProvider? services = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var pipeline = builder.Build(services);
        return Verify(pipeline);
    }

    internal static VerifiedChatClient Verify(IChatClient pipeline)
    {
        var attesting = pipeline.GetService<AttestingChatClient>()
            ?? throw new InvalidOperationException("The chat pipeline has no attesting step: add .UseOpenVerify() as its last step before BuildVerified().");
        if (attesting.Inner is DelegatingChatClient between)
        {
            throw new InvalidOperationException($"UseOpenVerify() must be the innermost step, directly around the provider's client, but {between.GetType().Name} sits between them: call UseOpenVerify() last on the builder.");
        }

        if (attesting.Inner.GetService<AttestingChatClient>() is not null)
        {
            throw new InvalidOperationException("The chat pipeline attests twice: call UseOpenVerify() once.");
        }

        return new VerifiedChatClient(pipeline, attesting);
    }

    /// <summary>
    /// The runtime's signer (a <c>UseSigner</c> scope, <see cref="OpenVerifyRuntime.DefaultSigner"/>, or the key named by
    /// <c>OPENVERIFY_SIGNING_KEY</c>) when none is passed or registered: a kernel or service collection built without
    /// OpenVerify's hosting still signs with the key the rest of the process uses. It is looked up for each receipt
    /// (<see cref="RuntimeSigner"/>); here it is only checked that one exists, so a client built with no signer anywhere
    /// fails when it is built, not at its first call.
    /// </summary>
    internal static ISigner RuntimeSigner()
    {
        try
        {
            _ = OpenVerifyRuntime.ResolveSigner();
            return global::OpenVerify.Extensions.AI.RuntimeSigner.Instance;
        }
        catch (SignerNotConfiguredException e)
        {
            throw new InvalidOperationException("No receipt signer: pass one to UseOpenVerify(signer), register an OpenVerify.ISigner in the service provider (for example with AddOpenVerify()), or set the runtime's signer (OpenVerifyRuntime.DefaultSigner, or the environment variable " + OpenVerifyRuntime.SigningKeyEnvironmentVariable + " naming a PEM private key).", e);
        }
    }
}

/// <summary>Registers verified chat clients in a service collection.</summary>
public static class OpenVerifyChatClientServiceCollectionExtensions
{
    /// <summary>
    /// Registers a <see cref="VerifiedChatClient"/> (and <see cref="IChatClient"/> as the same instance) over the
    /// provider's client. The attesting step is built in, innermost; add other middleware to the returned builder
    /// (<c>.UseFunctionInvocation()</c>, <c>.UseDistributedCache()</c>, <c>.UseLogging()</c>). The signer is the
    /// registered <see cref="ISigner"/>.
    /// </summary>
    public static ChatClientBuilder AddVerifiedChatClient(this IServiceCollection services, Func<IServiceProvider, IChatClient> innerClientFactory, Action<AttestingChatClient>? configure = null, ServiceLifetime lifetime = ServiceLifetime.Singleton)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(innerClientFactory);
        var builder = Pipeline(innerClientFactory, configure);
        services.Add(new ServiceDescriptor(typeof(VerifiedChatClient), sp => OpenVerifyChatClientBuilderExtensions.Verify(builder.Build(sp)), lifetime));
        services.Add(new ServiceDescriptor(typeof(IChatClient), sp => sp.GetRequiredService<VerifiedChatClient>(), lifetime));
        return builder;
    }

    /// <summary>Registers a <see cref="VerifiedChatClient"/> over a provider's client instance; see the factory overload.</summary>
    public static ChatClientBuilder AddVerifiedChatClient(this IServiceCollection services, IChatClient innerClient, Action<AttestingChatClient>? configure = null, ServiceLifetime lifetime = ServiceLifetime.Singleton)
    {
        ArgumentNullException.ThrowIfNull(innerClient);
        return services.AddVerifiedChatClient(_ => innerClient, configure, lifetime);
    }

    /// <summary>
    /// Registers a <see cref="VerifiedChatClient"/> (and <see cref="IChatClient"/> as the same instance) under
    /// <paramref name="serviceKey"/>, over the provider's client: the keyed form of
    /// <see cref="AddVerifiedChatClient(IServiceCollection, Func{IServiceProvider, IChatClient}, Action{AttestingChatClient}?, ServiceLifetime)"/>,
    /// for consumers that take <c>[FromKeyedServices(key)] IChatClient</c> or a Semantic Kernel <c>serviceId</c>.
    /// The signer is the registered (unkeyed) <see cref="ISigner"/>, else the runtime's.
    /// </summary>
    public static ChatClientBuilder AddKeyedVerifiedChatClient(this IServiceCollection services, object? serviceKey, Func<IServiceProvider, IChatClient> innerClientFactory, Action<AttestingChatClient>? configure = null, ServiceLifetime lifetime = ServiceLifetime.Singleton)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(innerClientFactory);
        var builder = Pipeline(innerClientFactory, configure);
        services.Add(new ServiceDescriptor(typeof(VerifiedChatClient), serviceKey, (sp, _) => OpenVerifyChatClientBuilderExtensions.Verify(builder.Build(sp)), lifetime));
        services.Add(new ServiceDescriptor(typeof(IChatClient), serviceKey, (sp, key) => sp.GetRequiredKeyedService<VerifiedChatClient>(key), lifetime));
        return builder;
    }

    /// <summary>Registers a <see cref="VerifiedChatClient"/> under <paramref name="serviceKey"/> over a provider's client instance; see the factory overload.</summary>
    public static ChatClientBuilder AddKeyedVerifiedChatClient(this IServiceCollection services, object? serviceKey, IChatClient innerClient, Action<AttestingChatClient>? configure = null, ServiceLifetime lifetime = ServiceLifetime.Singleton)
    {
        ArgumentNullException.ThrowIfNull(innerClient);
        return services.AddKeyedVerifiedChatClient(serviceKey, _ => innerClient, configure, lifetime);
    }

    /// <summary>The attesting step over the provider's client, signing with the registered signer or the runtime's.</summary>
    private static ChatClientBuilder Pipeline(Func<IServiceProvider, IChatClient> innerClientFactory, Action<AttestingChatClient>? configure) =>
        new(sp =>
        {
            var client = new AttestingChatClient(innerClientFactory(sp), sp.GetService<ISigner>() ?? OpenVerifyChatClientBuilderExtensions.RuntimeSigner(), sp.GetService<ILoggerFactory>()?.CreateLogger(typeof(AttestingChatClient)));
            configure?.Invoke(client);
            return client;
        });
}
