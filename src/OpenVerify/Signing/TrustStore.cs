namespace OpenVerify;

/// <summary>What a trusted key may sign. A verifier accepts a signature only from a key whose role fits what is signed:
/// a receipt key can never vouch for a model.</summary>
public enum KeyRole
{
    /// <summary>Signs inference receipts (<c>receipt-signer</c>).</summary>
    ReceiptSigner,

    /// <summary>Signs models (<c>model-publisher</c>).</summary>
    ModelPublisher,

    /// <summary>Signs receipt-log tree heads (<c>log</c>).</summary>
    Log,
}

/// <summary>Text forms of <see cref="KeyRole"/>.</summary>
public static class KeyRoles
{
    /// <summary>The text form: <c>receipt-signer</c>, <c>model-publisher</c> or <c>log</c>.</summary>
    public static string ToText(KeyRole role) => role switch
    {
        KeyRole.ReceiptSigner => "receipt-signer",
        KeyRole.ModelPublisher => "model-publisher",
        KeyRole.Log => "log",
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "Unknown key role."),
    };

    /// <summary>Reads the text form.</summary>
    public static bool TryParse(string? text, out KeyRole role)
    {
        foreach (var candidate in Enum.GetValues<KeyRole>())
        {
            if (string.Equals(ToText(candidate), text, StringComparison.Ordinal))
            {
                role = candidate;
                return true;
            }
        }

        role = default;
        return false;
    }
}

/// <summary>
/// A key the verifier trusts, with its role and scope. The scope lists what the key may speak for: model digests
/// (<c>sha256:&lt;hex&gt;</c>) and model path globs (case-sensitive, <c>/</c> separators, <c>*</c> within a segment,
/// <c>**</c> across segments, <c>?</c> one character). An empty scope covers every model. A path glob covers a receipt
/// only when the verifier knows the model's path and digest and the receipt names that model; otherwise it fails closed.
/// </summary>
public sealed class TrustedKey
{
    internal TrustedKey(PublicKey key, KeyRole role, IReadOnlyList<string> scope)
    {
        Key = key;
        Role = role;
        Scope = scope;
    }

    /// <summary>The public key.</summary>
    public PublicKey Key { get; }

    /// <summary>The role.</summary>
    public KeyRole Role { get; }

    /// <summary>Model digests and path globs; empty for every model.</summary>
    public IReadOnlyList<string> Scope { get; }

    // The passing checks a verifier reports for this key, made once: their texts depend only on the key, which is
    // immutable, so every receipt it verifies can share them.
    private VerificationCheck? _receiptSignaturePassed;
    private VerificationCheck? _anyModelScopePassed;

    /// <summary>The passed <c>signature</c> check of a receipt this key signed.</summary>
    internal VerificationCheck ReceiptSignaturePassed =>
        _receiptSignaturePassed ??= new(VerificationChecks.Signature, true, $"signed by trusted receipt-signer key {Key.KeyId} ({Key.Algorithm})");

    /// <summary>The passed <c>key-scope</c> check of a key whose scope is empty.</summary>
    internal VerificationCheck AnyModelScopePassed =>
        _anyModelScopePassed ??= new(VerificationChecks.KeyScope, true, $"key {Key.KeyId} may sign receipts for any model");

    /// <summary>The scope's path globs (every entry that is not a <c>sha256:</c> digest).</summary>
    internal IReadOnlyList<string> PathGlobs => [.. Scope.Where(entry => !entry.StartsWith(Sha256Digest.Prefix, StringComparison.Ordinal))];

    /// <summary>Whether the scope is empty or names this model digest.</summary>
    internal bool CoversDigest(Sha256Digest modelDigest) =>
        Scope.Count == 0 || Scope.Any(entry => entry.StartsWith(Sha256Digest.Prefix, StringComparison.Ordinal) && Sha256Digest.TryParse(entry, out var digest) && digest == modelDigest);

    /// <summary>
    /// Whether the scope covers a model with this digest and (when known) project-relative path. The caller vouches
    /// that the path is the model's: a receipt verifier ties the path to the receipt's model digest and name before it
    /// counts a path glob (see <see cref="ReceiptVerifier"/>).
    /// </summary>
    public bool Covers(Sha256Digest modelDigest, string? modelPath)
    {
        if (Scope.Count == 0)
        {
            return true;
        }

        foreach (var entry in Scope)
        {
            if (entry.StartsWith(Sha256Digest.Prefix, StringComparison.Ordinal))
            {
                if (Sha256Digest.TryParse(entry, out var digest) && digest == modelDigest)
                {
                    return true;
                }
            }
            else if (modelPath is not null && ModelSigning.ModelPathGlob.IsMatch(entry, modelPath))
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>
/// The keys a verifier trusts, each with a role and a scope, and the key ids that are revoked. Revocation is checked
/// against the key that actually verified a signature, never against an envelope's key id hint; without a trusted
/// time source a revoked key invalidates everything it signed. Thread-safe.
/// </summary>
public sealed class TrustStore
{
    private readonly object _gate = new();
    private List<TrustedKey> _keys = [];
    private HashSet<string> _revoked = new(StringComparer.Ordinal);

    /// <summary>Raised after any change (a key added or revoked), so caches of verified results can be dropped.</summary>
    public event EventHandler? Changed;

    /// <summary>Increases with every change.</summary>
    public long Version { get; private set; }

    /// <summary>The trusted keys.</summary>
    public IReadOnlyList<TrustedKey> Keys
    {
        get
        {
            lock (_gate)
            {
                return _keys;
            }
        }
    }

    /// <summary>Trusts a key for a role, optionally limited to a scope of model digests and path globs.</summary>
    public TrustStore Add(PublicKey key, KeyRole role, IEnumerable<string>? scope = null)
    {
        ArgumentNullException.ThrowIfNull(key);
        var entry = new TrustedKey(key, role, scope?.ToArray() ?? []);
        lock (_gate)
        {
            _keys = [.. _keys, entry];
            Version++;
        }

        Changed?.Invoke(this, EventArgs.Empty);
        return this;
    }

    /// <summary>Revokes a key id (<c>sha256:&lt;hex&gt;</c>): nothing it signed verifies any more.</summary>
    public TrustStore Revoke(string keyId)
    {
        ArgumentNullException.ThrowIfNull(keyId);
        lock (_gate)
        {
            _revoked = new HashSet<string>(_revoked, StringComparer.Ordinal) { keyId };
            Version++;
        }

        Changed?.Invoke(this, EventArgs.Empty);
        return this;
    }

    /// <summary>Whether the key id is revoked.</summary>
    public bool IsRevoked(string keyId)
    {
        lock (_gate)
        {
            return _revoked.Contains(keyId);
        }
    }

    /// <summary>A trust store holding one key in one role.</summary>
    public static TrustStore For(PublicKey key, KeyRole role = KeyRole.ReceiptSigner) => new TrustStore().Add(key, role);
}
