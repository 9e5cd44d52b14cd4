using Microsoft.Extensions.Hosting;

namespace OpenVerify.Extensions.Hosting;

/// <summary>
/// Opens what <see cref="OpenVerifyOptions"/> names (the signing key, the trust store, the log key) once, for the
/// validator and the services alike, and keeps each failure as a message that names the setting. Messages never echo a
/// key reference a provider opens (it may carry a PIN's location in its query); a PEM path is named, as it is no
/// secret. It owns the signers it opened (a PKCS#11 signer holds token sessions and a module reference) and disposes
/// them with the service collection; a signer given in code stays the app's.
/// </summary>
internal sealed class OpenVerifyKeys(IEnumerable<ISignerProvider> providers, IHostEnvironment? environment = null) : IDisposable
{
    private readonly object _gate = new();
    private readonly ISignerProvider[] _providers = [.. providers];
    private Opened? _opened;

    /// <summary>A signer given in code (<c>AddOpenVerify(signer)</c>), which takes the place of the setting.</summary>
    public ISigner? CodeSigner { get; init; }

    /// <summary>What the options open to, or the failures, computed once.</summary>
    public Opened Open(OpenVerifyOptions options)
    {
        lock (_gate)
        {
            return _opened ??= OpenCore(options);
        }
    }

    /// <summary>Disposes the signers opened from the settings. The hosted service signs with the opened signer without
    /// resolving <see cref="ISigner"/>, so the container alone would never dispose it; disposing twice (when it did) is
    /// harmless.</summary>
    public void Dispose()
    {
        Opened? opened;
        lock (_gate)
        {
            opened = _opened;
        }

        if (opened is null)
        {
            return;
        }

        if (!ReferenceEquals(opened.Signer, CodeSigner))
        {
            (opened.Signer as IDisposable)?.Dispose();
        }

        if (!ReferenceEquals(opened.LogSigner, CodeSigner) && !ReferenceEquals(opened.LogSigner, opened.Signer))
        {
            (opened.LogSigner as IDisposable)?.Dispose();
        }
    }

    private Opened OpenCore(OpenVerifyOptions options)
    {
        var failures = new List<string>();
        var (signer, source) = OpenSigner(options, failures);
        ISigner? logSigner = null;
        if (!string.IsNullOrWhiteSpace(options.ReceiptLog.SigningKey))
        {
            logSigner = OpenReference("OpenVerify:ReceiptLog:SigningKey", options.ReceiptLog.SigningKey, failures).Signer;
        }

        var trust = signer is null ? null : OpenTrust(options, signer, failures);
        TrustStore? logTrust = null;
        if (logSigner is not null)
        {
            logTrust = PublicKeyOf(logSigner) is { } logKey
                ? TrustStore.For(logKey, KeyRole.Log)
                : Fail<TrustStore>(failures, "OpenVerify:ReceiptLog:SigningKey names a key whose public key cannot be read from the signer, so the log's tree heads could not be checked on reopen; use a PEM key, or a signer that exposes its PublicKey.");
        }

        if (options.Batching.MaxBatchSize < 1)
        {
            failures.Add($"OpenVerify:Batching:MaxBatchSize must be at least 1 (it is {options.Batching.MaxBatchSize}).");
        }

        if (options.Batching.MaxDelay <= TimeSpan.Zero)
        {
            failures.Add($"OpenVerify:Batching:MaxDelay must be positive (it is {options.Batching.MaxDelay}).");
        }

        if (options.ReceiptLog.Path is { Length: > 0 } logPath && Path.GetDirectoryName(Resolve(logPath)) is { } folder && !Directory.Exists(folder))
        {
            failures.Add($"OpenVerify:ReceiptLog:Path names a file in '{folder}', which does not exist; create the folder or point the setting elsewhere.");
        }

        if (options.ModelDirectory is { Length: > 0 } models && !Directory.Exists(Resolve(models)))
        {
            failures.Add($"OpenVerify:ModelDirectory names '{Resolve(models)}', which does not exist.");
        }

        return new Opened(signer, source, trust, logSigner, logTrust, failures);
    }

    private (ISigner? Signer, string Source) OpenSigner(OpenVerifyOptions options, List<string> failures)
    {
        if (CodeSigner is not null)
        {
            return (CodeSigner, "code (AddOpenVerify(signer))");
        }

        if (!string.IsNullOrWhiteSpace(options.SigningKey))
        {
            return OpenReference("OpenVerify:SigningKey", options.SigningKey, failures);
        }

        var fromEnvironment = Environment.GetEnvironmentVariable(OpenVerifyRuntime.SigningKeyEnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            var (signer, source) = OpenReference(OpenVerifyRuntime.SigningKeyEnvironmentVariable, fromEnvironment, failures);
            return (signer, source + " (from " + OpenVerifyRuntime.SigningKeyEnvironmentVariable + ")");
        }

        failures.Add(
            "OpenVerify:SigningKey is not set, so no receipt can be signed. Set it in appsettings.json (\"OpenVerify\": { \"SigningKey\": \"keys/receipts.key\" }) " +
            "or the environment (OpenVerify__SigningKey) to the path of a PKCS#8 PEM private key (create one with 'openverify keygen --out keys/receipts') " +
            "or to a key reference a registered ISignerProvider opens (a pkcs11: URI with OpenVerify.Pkcs11).");
        return (null, string.Empty);
    }

    private (ISigner? Signer, string Source) OpenReference(string setting, string reference, List<string> failures)
    {
        foreach (var provider in _providers)
        {
            if (!provider.CanOpen(reference))
            {
                continue;
            }

            try
            {
                return (provider.Open(reference), $"{provider.GetType().Name} ({SchemeOf(reference)} reference)");
            }
            catch (OpenVerifyException e)
            {
                return Fail<(ISigner?, string)>(failures, $"{setting} cannot be opened by {provider.GetType().Name}: {e.Message}");
            }
        }

        if (LooksLikeUri(reference))
        {
            return Fail<(ISigner?, string)>(failures,
                $"{setting} is a '{SchemeOf(reference)}' key reference, but no registered ISignerProvider opens it. Register the provider for it " +
                "(for pkcs11: URIs, services.AddSingleton<ISignerProvider, Pkcs11SignerProvider>() from OpenVerify.Pkcs11) or set a PEM key path.");
        }

        var path = Resolve(reference);
        try
        {
            return (SigningKey.Load(path), "PEM file " + path);
        }
        catch (OpenVerifyException e)
        {
            return Fail<(ISigner?, string)>(failures, $"{setting} cannot be loaded as a PKCS#8 PEM private key: {e.Message}");
        }
    }

    private TrustStore? OpenTrust(OpenVerifyOptions options, ISigner signer, List<string> failures)
    {
        if (string.IsNullOrWhiteSpace(options.TrustStore))
        {
            return PublicKeyOf(signer) is { } key
                ? TrustStore.For(key)
                : Fail<TrustStore>(failures, "OpenVerify:TrustStore is not set, and the signer's public key cannot be read from it; set it to a trust policy (openverify.trust.json) or the receipt signer's public key file.");
        }

        var path = Resolve(options.TrustStore);
        try
        {
            return path.EndsWith(".json", StringComparison.OrdinalIgnoreCase)
                ? ModelSignature.LoadTrustPolicy(path)
                : TrustStore.For(PublicKey.Load(path));
        }
        catch (Exception e) when (e is OpenVerifyException or IOException or UnauthorizedAccessException)
        {
            return Fail<TrustStore>(failures, $"OpenVerify:TrustStore cannot be loaded (a trust policy .json or an SPKI PEM public key): {e.Message}");
        }
    }

    /// <summary>The public key of a signer: a <see cref="SigningKey"/>'s, or a <c>PublicKey</c> property that signers of
    /// other providers (PKCS#11 tokens) expose.</summary>
    internal static PublicKey? PublicKeyOf(ISigner signer) =>
        signer is SigningKey key ? key.PublicKey : signer.GetType().GetProperty("PublicKey")?.GetValue(signer) as PublicKey;

    private string Resolve(string path) =>
        environment is null || Path.IsPathRooted(path) ? path : Path.GetFullPath(path, environment.ContentRootPath);

    private static bool LooksLikeUri(string reference)
    {
        var colon = reference.IndexOf(':', StringComparison.Ordinal);
        // "C:\keys\x.key" is a path, "pkcs11:token=…" a reference.
        return colon > 1 && reference[..colon].All(c => char.IsAsciiLetterOrDigit(c) || c is '+' or '-' or '.');
    }

    private static string SchemeOf(string reference)
    {
        var colon = reference.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 ? reference[..(colon + 1)] : "key";
    }

    private static T? Fail<T>(List<string> failures, string message)
    {
        failures.Add(message);
        return default;
    }

    /// <summary>What the options opened to.</summary>
    internal sealed record Opened(ISigner? Signer, string SignerSource, TrustStore? Trust, ISigner? LogSigner, TrustStore? LogTrust, IReadOnlyList<string> Failures)
    {
        public ISigner RequireSigner() => Signer ?? throw Unusable();

        public TrustStore RequireTrust() => Trust ?? throw Unusable();

        private OpenVerifyException Unusable() => new(
            "OpenVerify is not configured correctly: " + string.Join(" ", Failures));
    }
}
