using OpenVerify;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers OpenVerify in an app's service collection (ASP.NET Core, the generic host, …).</summary>
public static class OpenVerifyServiceCollectionExtensions
{
    /// <summary>
    /// Makes <paramref name="signer"/> the process-wide default signer that generated <c>[VerifiedInference]</c> methods
    /// use (<see cref="OpenVerifyRuntime.DefaultSigner"/>), and registers it as <see cref="ISigner"/>. A
    /// <see cref="OpenVerifyRuntime.UseSigner"/> scope still overrides it for its async flow.
    /// </summary>
    public static IServiceCollection AddOpenVerify(this IServiceCollection services, ISigner signer)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(signer);
        OpenVerifyRuntime.DefaultSigner = signer;
        services.Add(ServiceDescriptor.Singleton(signer));
        return services;
    }

    /// <summary>
    /// Loads the PKCS#8 PEM private key at <paramref name="signingKeyPath"/> (with the owner-only file check) and makes
    /// it the default signer, as <see cref="AddOpenVerify(IServiceCollection, ISigner)"/> does.
    /// </summary>
    public static IServiceCollection AddOpenVerify(this IServiceCollection services, string signingKeyPath)
    {
        ArgumentNullException.ThrowIfNull(signingKeyPath);
        return services.AddOpenVerify(SigningKey.Load(signingKeyPath));
    }

    /// <summary>
    /// Registers OpenVerify without setting a signer in code: generated methods then sign with the key named by the
    /// environment variable <c>OPENVERIFY_SIGNING_KEY</c>, or a <see cref="OpenVerifyRuntime.UseSigner"/> scope.
    /// </summary>
    public static IServiceCollection AddOpenVerify(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        return services;
    }
}
