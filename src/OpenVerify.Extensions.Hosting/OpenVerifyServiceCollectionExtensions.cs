using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OpenVerify;
using OpenVerify.Batching;
using OpenVerify.Extensions.Hosting;
using OpenVerify.Logs;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers OpenVerify in an app's service collection (ASP.NET Core, the generic host, …).</summary>
public static class OpenVerifyServiceCollectionExtensions
{
    /// <summary>
    /// Registers OpenVerify configured from the <c>OpenVerify</c> section of the app's configuration
    /// (<see cref="OpenVerifyOptions"/>): the signer (<see cref="ISigner"/>), the <see cref="TrustStore"/>, a
    /// <see cref="ReceiptVerifier"/>, and, when configured, a <see cref="BatchingSigner"/>, a <see cref="ReceiptLog"/> and
    /// (with an Ed25519 log key) a <see cref="NoteSigner"/> that signs the log's C2SP checkpoints.
    /// The settings are validated when the host starts: a key that cannot be opened stops the host with a message that
    /// names the setting. Once started, the signer is <see cref="OpenVerifyRuntime.DefaultSigner"/> (what generated
    /// <c>[VerifiedInference]</c> methods sign with) and the runtime logs through the host's <c>ILoggerFactory</c>. On
    /// shutdown pending batches are signed and the log is forced to disk.
    /// </summary>
    /// <remarks>Key references other than PEM paths are opened by the <see cref="ISignerProvider"/>s registered in the
    /// service collection, in registration order.</remarks>
    public static IServiceCollection AddOpenVerify(this IServiceCollection services) => services.AddOpenVerify(configure: null);

    /// <summary>Registers OpenVerify as <see cref="AddOpenVerify(IServiceCollection)"/> does, then applies
    /// <paramref name="configure"/> to the options bound from configuration.</summary>
    public static IServiceCollection AddOpenVerify(this IServiceCollection services, Action<OpenVerifyOptions>? configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        var builder = services.AddOptions<OpenVerifyOptions>()
            .Configure<IServiceProvider>(static (options, provider) =>
            {
                if (provider.GetService<IConfiguration>() is { } configuration)
                {
                    configuration.GetSection(OpenVerifyOptions.SectionName).Bind(options);
                }
            });
        if (configure is not null)
        {
            builder.Configure(configure);
        }

        builder.ValidateOnStart();
        return services.AddOpenVerifyCore(codeSigner: null);
    }

    /// <summary>Registers OpenVerify with <paramref name="signer"/> as its signer, whatever the configuration says about
    /// <c>OpenVerify:SigningKey</c>; everything else is as <see cref="AddOpenVerify(IServiceCollection)"/> does.</summary>
    public static IServiceCollection AddOpenVerify(this IServiceCollection services, ISigner signer)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(signer);
        return services.AddOpenVerify(configure: null).AddOpenVerifyCore(signer);
    }

    /// <summary>Registers OpenVerify with <paramref name="signingKey"/> (a PEM key path or a key reference a registered
    /// <see cref="ISignerProvider"/> opens) as <c>OpenVerify:SigningKey</c>.</summary>
    public static IServiceCollection AddOpenVerify(this IServiceCollection services, string signingKey)
    {
        ArgumentNullException.ThrowIfNull(signingKey);
        return services.AddOpenVerify(options => options.SigningKey = signingKey);
    }

    private static IServiceCollection AddOpenVerifyCore(this IServiceCollection services, ISigner? codeSigner)
    {
        if (codeSigner is not null)
        {
            // An instance registration: the app owns the signer, so the container does not dispose it.
            services.RemoveAll<ISigner>();
            services.AddSingleton(codeSigner);
            services.RemoveAll<OpenVerifyKeys>();
            services.AddSingleton(provider => new OpenVerifyKeys(provider.GetServices<ISignerProvider>(), provider.GetService<IHostEnvironment>()) { CodeSigner = codeSigner });
            return services;
        }

        services.TryAddSingleton(provider => new OpenVerifyKeys(provider.GetServices<ISignerProvider>(), provider.GetService<IHostEnvironment>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<OpenVerifyOptions>, OpenVerifyOptionsValidator>());
        services.TryAddSingleton(provider => Opened(provider).RequireSigner());
        services.TryAddSingleton(provider => Opened(provider).RequireTrust());
        services.TryAddSingleton(provider => new ReceiptVerifier(provider.GetRequiredService<TrustStore>()));
        services.TryAddSingleton(provider => OpenLog(provider)!);
        services.TryAddSingleton(provider => CreateBatchingSigner(provider)!);
        services.TryAddSingleton(provider => CreateCheckpointSigner(provider)!);
        if (!services.Any(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(OpenVerifyHostedService)))
        {
            services.AddHostedService<OpenVerifyHostedService>();
        }

        return services;
    }

    private static OpenVerifyKeys.Opened Opened(IServiceProvider provider) =>
        provider.GetRequiredService<OpenVerifyKeys>().Open(provider.GetRequiredService<IOptions<OpenVerifyOptions>>().Value);

    private static ReceiptLog? OpenLog(IServiceProvider provider)
    {
        var settings = provider.GetRequiredService<IOptions<OpenVerifyOptions>>().Value.ReceiptLog;
        if (string.IsNullOrWhiteSpace(settings.Path))
        {
            return null;
        }

        var opened = Opened(provider);
        var environment = provider.GetService<IHostEnvironment>();
        var path = environment is null ? settings.Path : Path.GetFullPath(settings.Path, environment.ContentRootPath);
        return ReceiptLog.Open(path, new ReceiptLogOptions
        {
            Durability = settings.Durability,
            Origin = settings.Origin,
            TreeHeadSigner = opened.LogSigner,
            TreeHeadTrust = opened.LogTrust,
        });
    }

    /// <summary>The log key as a C2SP note signer under the log's origin, for publishing checkpoints; null without an
    /// Ed25519 log key (signed notes are Ed25519).</summary>
    private static NoteSigner? CreateCheckpointSigner(IServiceProvider provider)
    {
        var opened = Opened(provider);
        return opened.LogSigner is { Algorithm: KeyAlgorithm.Ed25519 } signer && OpenVerifyKeys.PublicKeyOf(signer) is { } key
            ? new NoteSigner(provider.GetRequiredService<IOptions<OpenVerifyOptions>>().Value.ReceiptLog.Origin, signer, key)
            : null;
    }

    private static BatchingSigner? CreateBatchingSigner(IServiceProvider provider)
    {
        var settings = provider.GetRequiredService<IOptions<OpenVerifyOptions>>().Value.Batching;
        return settings.Enabled
            ? new BatchingSigner(provider.GetRequiredService<ISigner>(), new BatchingSignerOptions
            {
                MaxBatchSize = settings.MaxBatchSize,
                MaxDelay = settings.MaxDelay,
                Log = provider.GetService<ReceiptLog>(),
            })
            : null;
    }
}
