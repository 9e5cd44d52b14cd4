using OpenVerify.Formats;
using OpenVerify.ModelSigning;

namespace OpenVerify;

/// <summary>
/// Signs and verifies model files in the OpenSSF model-signing bundle shape (docs/spec/model-signature.md): a detached
/// <c>&lt;model&gt;.sig</c> holding DSSE over an in-toto statement with predicate type
/// <c>https://model_signing/signature/v1.0</c>, signed with an ECDSA P-256 publisher key (DER signatures). The public key
/// hints inside a bundle only name the signer; trust comes from the <see cref="TrustStore"/> (a
/// <see cref="KeyRole.ModelPublisher"/> key whose scope covers the model). Verification runs the same code the build's
/// MSBuild task runs.
/// </summary>
public static class ModelSignature
{
    /// <summary>Signs a model file and returns the bundle JSON.</summary>
    /// <param name="modelPath">The model file.</param>
    /// <param name="signer">An ECDSA P-256 signer.</param>
    /// <param name="publicKey">The signer's public key; needed only when <paramref name="signer"/> is not a
    /// <see cref="SigningKey"/> (the bundle carries its hint).</param>
    /// <exception cref="ArgumentException">The signer is not P-256, or the public key is not the signer's.</exception>
    /// <exception cref="IOException">The model cannot be read.</exception>
    public static string Sign(string modelPath, ISigner signer, PublicKey? publicKey = null)
    {
        ArgumentNullException.ThrowIfNull(modelPath);
        var digest = Sha256Digest.ComputeFile(modelPath);
        return Sign(Path.GetFileName(modelPath), digest, signer, publicKey);
    }

    /// <summary>Signs a model, given its file name (the signed subject name) and the SHA-256 of its bytes.</summary>
    /// <exception cref="ArgumentException">The signer is not P-256, or the public key is not the signer's.</exception>
    public static string Sign(string modelFileName, Sha256Digest modelDigest, ISigner signer, PublicKey? publicKey = null)
    {
        ArgumentNullException.ThrowIfNull(modelFileName);
        ArgumentNullException.ThrowIfNull(signer);
        if (signer.Algorithm != KeyAlgorithm.EcdsaP256)
        {
            throw new ArgumentException($"Model signatures use ECDSA P-256 keys (the key type OpenSSF model signing verifies); this signer is {signer.Algorithm}. Create one with `openverify keygen --algorithm ecdsa-p256`.", nameof(signer));
        }

        publicKey ??= (signer as SigningKey)?.PublicKey
            ?? throw new ArgumentException("Pass the signer's public key: the bundle carries a hint of it.", nameof(publicKey));
        if (!string.Equals(publicKey.KeyId, signer.KeyId, StringComparison.Ordinal))
        {
            throw new ArgumentException($"The public key {publicKey.KeyId} is not the signer's ({signer.KeyId}).", nameof(publicKey));
        }

        var spki = publicKey.ExportSubjectPublicKeyInfo();
        var payload = ModelSignatureFormat.CreateStatement(modelFileName, modelDigest.Bytes.ToArray());
        var pae = DssePae.Encode(ModelSignatureFormat.PayloadType, payload);
        var signature = signer.Sign(pae);
        if (!GateCrypto.VerifyP256(spki, pae, signature))
        {
            throw new OpenVerifyException($"The signer {signer.KeyId} returned a signature that does not verify with its public key (is it DER-encoded ECDSA P-256 / SHA-256?).");
        }

        return ModelSignatureFormat.CreateBundle(payload, signature, spki);
    }

    /// <summary>Signs a model file and writes the bundle to <paramref name="signaturePath"/> (default
    /// <c>&lt;model&gt;.sig</c>), replacing an older one. Returns the path written.</summary>
    public static string SignFile(string modelPath, ISigner signer, string? signaturePath = null, PublicKey? publicKey = null)
    {
        var bundle = Sign(modelPath, signer, publicKey);
        signaturePath ??= ModelSignatureFormat.SignaturePathFor(modelPath);
        File.WriteAllText(signaturePath, bundle);
        return signaturePath;
    }

    /// <summary>
    /// Verifies a model file against its signature bundle and the trust store. Never throws for a bad or missing
    /// signature: the result says what failed.
    /// </summary>
    /// <param name="modelPath">The model file.</param>
    /// <param name="trust">The trusted keys: only a <see cref="KeyRole.ModelPublisher"/> P-256 key whose scope covers the
    /// model can vouch for it; revocation is checked against the key that verified.</param>
    /// <param name="signaturePath">The bundle (default <c>&lt;model&gt;.sig</c>).</param>
    /// <param name="modelIdentity">The model's project-relative path with <c>/</c>, which scope globs match and whose
    /// last segment must be the signed subject name (default: <paramref name="modelPath"/> with <c>/</c>).</param>
    /// <exception cref="IOException">The model cannot be read.</exception>
    public static ModelSignatureResult Verify(string modelPath, TrustStore trust, string? signaturePath = null, string? modelIdentity = null)
    {
        ArgumentNullException.ThrowIfNull(modelPath);
        ArgumentNullException.ThrowIfNull(trust);
        var digest = Sha256Digest.ComputeFile(modelPath);
        signaturePath ??= ModelSignatureFormat.SignaturePathFor(modelPath);
        byte[] bundle;
        try
        {
            bundle = File.ReadAllBytes(signaturePath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new ModelSignatureResult(new ModelSignatureCheck(ModelSigning.ModelSignatureOutcome.Malformed, $"The signature file '{signaturePath}' cannot be read: {e.Message}", string.Empty));
        }

        return Verify(bundle, signaturePath, modelIdentity ?? modelPath.Replace('\\', '/'), digest, trust);
    }

    /// <summary>Verifies a signature bundle for a model with this identity and digest.</summary>
    public static ModelSignatureResult Verify(byte[] bundle, string bundleSource, string modelIdentity, Sha256Digest modelDigest, TrustStore trust)
    {
        ArgumentNullException.ThrowIfNull(trust);
        return new ModelSignatureResult(ModelSignatureFormat.Verify(bundle, bundleSource, modelIdentity, modelDigest.Bytes.ToArray(), TrustKeys(trust)));
    }

    /// <summary>Loads a trust policy (<c>openverify.trust.json</c>, docs/spec/trust-policy.md) as a trust store holding
    /// its keys, with their roles and scopes, and its revocations; refused when the policy has expired. The policy's
    /// model rules (which models must be signed) are the build gate's; a store only says whom to trust for what.</summary>
    /// <param name="path">The policy file.</param>
    /// <exception cref="GateFileFormatException">The file is not a valid trust policy (the message names the file and line).</exception>
    /// <exception cref="KeyFormatException">A key of the policy is not a key OpenVerify can load.</exception>
    /// <exception cref="OpenVerifyException">The policy has expired (its <c>expires</c> is now or earlier).</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static TrustStore LoadTrustPolicy(string path) => LoadTrustPolicy(path, DateTimeOffset.UtcNow);

    /// <summary>Loads a trust policy as a trust store, refused when the policy has expired at <paramref name="now"/>.</summary>
    /// <inheritdoc cref="LoadTrustPolicy(string)"/>
    public static TrustStore LoadTrustPolicy(string path, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(path);
        return TrustPolicy.Load(path).ToTrustStore(now);
    }

    /// <summary>The trust store's keys as the shared verification core takes them.</summary>
    internal static List<ModelTrustKey> TrustKeys(TrustStore trust) =>
        [.. trust.Keys.Select(k => new ModelTrustKey(k.Key.ExportSubjectPublicKeyInfo(), KeyRoles.ToText(k.Role), k.Scope, trust.IsRevoked(k.Key.KeyId)))];

    /// <summary>A trust store holding a trust policy's keys (revocations included). The policy's model rules (which
    /// models must be signed) are the build gate's; a store only says whom to trust for what.</summary>
    /// <exception cref="KeyFormatException">A key of the policy is not a key OpenVerify can load.</exception>
    /// <exception cref="OpenVerifyException">The policy has expired (its <c>expires</c> is now or earlier).</exception>
    internal static TrustStore ToTrustStore(this TrustPolicy policy) => ToTrustStore(policy, DateTimeOffset.UtcNow);

    /// <summary>A trust store holding a trust policy's keys, refused when the policy has expired at <paramref name="now"/>:
    /// the build gate trusts no key of an expired policy, and neither does anything that verifies outside the build.</summary>
    /// <exception cref="KeyFormatException">A key of the policy is not a key OpenVerify can load.</exception>
    /// <exception cref="OpenVerifyException">The policy has expired at <paramref name="now"/>.</exception>
    internal static TrustStore ToTrustStore(this TrustPolicy policy, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(policy);
        if (policy.IsExpired(now))
        {
            throw new OpenVerifyException($"The trust policy expired at {policy.Expires!.Value.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture)}; no key in it is trusted until it is renewed (set a later 'expires').");
        }

        var store = new TrustStore();
        foreach (var key in policy.Keys)
        {
            if (!KeyRoles.TryParse(key.Role, out var role))
            {
                throw new KeyFormatException($"Unknown key role '{key.Role}'.");
            }

            store.Add(PublicKey.FromSubjectPublicKeyInfo(key.SubjectPublicKeyInfo), role, key.Scope);
        }

        foreach (var revoked in policy.Revoked)
        {
            store.Revoke(revoked);
        }

        return store;
    }
}
