using Microsoft.Extensions.Logging;
using OpenVerify.Telemetry;

namespace OpenVerify;

/// <summary>
/// Process-wide settings of the OpenVerify runtime: which signer signs receipts and where models are found.
/// </summary>
/// <remarks>
/// The signer is resolved in this order: the innermost <see cref="UseSigner"/> scope of the current async flow; the
/// <see cref="DefaultSigner"/>; the PKCS#8 PEM key file named by the environment variable
/// <c>OPENVERIFY_SIGNING_KEY</c> (loaded once, with the owner-only file check).
/// </remarks>
public static class OpenVerifyRuntime
{
    /// <summary>The environment variable naming a PEM private key file used when no signer is set in code.</summary>
    public const string SigningKeyEnvironmentVariable = "OPENVERIFY_SIGNING_KEY";

    /// <summary>The environment variable naming the folder models are loaded from.</summary>
    public const string ModelDirectoryEnvironmentVariable = "OPENVERIFY_MODEL_DIR";

    private static readonly AsyncLocal<ISigner?> ScopedSigner = new();
    private static readonly object EnvironmentKeyGate = new();
    private static (string Path, SigningKey Key)? _environmentKey;
    private static ILoggerFactory? _loggerFactory;

    /// <summary>The signer used when no scope overrides it. <c>AddOpenVerify()</c> (OpenVerify.Extensions.Hosting) sets
    /// it when the host starts.</summary>
    public static ISigner? DefaultSigner { get; set; }

    /// <summary>Where the runtime logs model loads, digest mismatches, verification failures, batch seals and log
    /// appends (event ids in docs/telemetry.md). Default: nowhere. <c>AddOpenVerify()</c> sets it to the host's logger
    /// factory when the host starts.</summary>
    public static ILoggerFactory? LoggerFactory
    {
        get => _loggerFactory;
        set
        {
            _loggerFactory = value;
            RuntimeLog.Use(value);
        }
    }

    /// <summary>The folder models are loaded from instead of <see cref="AppContext.BaseDirectory"/>. Safe to point
    /// anywhere: each model's digest is pinned. Falls back to <c>OPENVERIFY_MODEL_DIR</c>.</summary>
    public static string? ModelDirectory { get; set; }

    /// <summary>
    /// Uses a signer for the current async flow until the returned scope is disposed (scopes nest; parallel tests stay
    /// apart).
    /// </summary>
    public static IDisposable UseSigner(ISigner signer)
    {
        ArgumentNullException.ThrowIfNull(signer);
        var previous = ScopedSigner.Value;
        ScopedSigner.Value = signer;
        return new SignerScope(previous);
    }

    /// <summary>The signer that would sign now.</summary>
    /// <exception cref="SignerNotConfiguredException">No signer is configured.</exception>
    public static ISigner ResolveSigner()
    {
        var signer = ScopedSigner.Value ?? DefaultSigner ?? LoadEnvironmentSigner();
        return signer ?? throw new SignerNotConfiguredException(
            "No OpenVerify signer is configured, so no receipt can be signed. Set one of: " +
            "'using (OpenVerifyRuntime.UseSigner(key))' around the call, 'OpenVerifyRuntime.DefaultSigner = key' at startup " +
            "(services.AddOpenVerify() from OpenVerify.Extensions.Hosting does this), or the environment variable " + SigningKeyEnvironmentVariable +
            " to the path of a PKCS#8 PEM private key (create one with 'openverify keygen --out <prefix>').");
    }

    /// <summary>The folder models are resolved against.</summary>
    public static string ResolveModelDirectory()
    {
        if (!string.IsNullOrEmpty(ModelDirectory))
        {
            return ModelDirectory;
        }

        var fromEnvironment = Environment.GetEnvironmentVariable(ModelDirectoryEnvironmentVariable);
        return string.IsNullOrEmpty(fromEnvironment) ? AppContext.BaseDirectory : fromEnvironment;
    }

    private static SigningKey? LoadEnvironmentSigner()
    {
        var path = Environment.GetEnvironmentVariable(SigningKeyEnvironmentVariable);
        if (string.IsNullOrEmpty(path))
        {
            return null;
        }

        lock (EnvironmentKeyGate)
        {
            if (_environmentKey is { } cached && cached.Path == path)
            {
                return cached.Key;
            }

            var key = SigningKey.Load(path);
            _environmentKey = (path, key);
            return key;
        }
    }

    private sealed class SignerScope(ISigner? previous) : IDisposable
    {
        private bool _disposed;

        public void Dispose()
        {
            if (!_disposed)
            {
                ScopedSigner.Value = previous;
                _disposed = true;
            }
        }
    }
}
