using OpenVerify.Logs;

namespace OpenVerify.Extensions.Hosting;

/// <summary>
/// OpenVerify's settings, bound from the configuration section <see cref="SectionName"/> (<c>appsettings.json</c>,
/// environment variables such as <c>OpenVerify__SigningKey</c>, …) and validated when the host starts.
/// </summary>
public sealed class OpenVerifyOptions
{
    /// <summary>The configuration section the options are bound from.</summary>
    public const string SectionName = "OpenVerify";

    /// <summary>The key that signs receipts: the path of a PKCS#8 PEM private key (relative paths are resolved against
    /// the host's content root; the file must be owner-only), or a reference an <see cref="ISignerProvider"/> registered
    /// in the service collection opens (for example a <c>pkcs11:</c> URI with OpenVerify.Pkcs11). When unset, the
    /// environment variable <c>OPENVERIFY_SIGNING_KEY</c> is used; when that is unset too, the host does not start.</summary>
    public string? SigningKey { get; set; }

    /// <summary>What receipts are verified against: a trust policy (<c>openverify.trust.json</c>) or an SPKI PEM public
    /// key file (trusted as a receipt signer). Default: the public key of <see cref="SigningKey"/>.</summary>
    public string? TrustStore { get; set; }

    /// <summary>The folder models are loaded from instead of the app's base directory
    /// (<see cref="OpenVerifyRuntime.ModelDirectory"/>). Safe to point anywhere: each model's digest is pinned.</summary>
    public string? ModelDirectory { get; set; }

    /// <summary>Merkle batching of receipts (a <see cref="Batching.BatchingSigner"/> in the service collection).</summary>
    public OpenVerifyBatchingOptions Batching { get; set; } = new();

    /// <summary>The receipt log (a <see cref="Logs.ReceiptLog"/> in the service collection), when
    /// <see cref="OpenVerifyReceiptLogOptions.Path"/> is set.</summary>
    public OpenVerifyReceiptLogOptions ReceiptLog { get; set; } = new();
}

/// <summary>The <c>OpenVerify:Batching</c> settings.</summary>
public sealed class OpenVerifyBatchingOptions
{
    /// <summary>Whether a <see cref="Batching.BatchingSigner"/> over the signing key is registered. Default false.</summary>
    public bool Enabled { get; set; }

    /// <summary>A batch is signed as soon as it holds this many receipts. Default 1024.</summary>
    public int MaxBatchSize { get; set; } = 1024;

    /// <summary>A batch is signed at the latest this long after its first receipt. Default 10 ms.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromMilliseconds(10);
}

/// <summary>The <c>OpenVerify:ReceiptLog</c> settings.</summary>
public sealed class OpenVerifyReceiptLogOptions
{
    /// <summary>The log file (JSON Lines). Unset: no receipt log.</summary>
    public string? Path { get; set; }

    /// <summary>The key (role <c>log</c>) that signs tree heads, as <see cref="OpenVerifyOptions.SigningKey"/> names
    /// keys. Unset: the log keeps receipts but signs no tree heads.</summary>
    public string? SigningKey { get; set; }

    /// <summary>When writes are forced to disk. Default <see cref="LogDurability.EveryBatch"/>.</summary>
    public LogDurability Durability { get; set; } = LogDurability.EveryBatch;

    /// <summary>The log's name in its tree heads and checkpoints. Default <see cref="ReceiptLogOptions.DefaultOrigin"/>.</summary>
    public string Origin { get; set; } = ReceiptLogOptions.DefaultOrigin;
}
