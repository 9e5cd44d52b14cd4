namespace OpenVerify;

/// <summary>How a model-signature check ended (docs/spec/model-signature.md).</summary>
public enum ModelSignatureOutcome
{
    /// <summary>A trusted model-publisher key verified the signature and the signed statement names this model.</summary>
    Verified,

    /// <summary>The signature file is not a well-formed bundle (OV2007 at build).</summary>
    Malformed,

    /// <summary>The bundle uses something OpenVerify does not verify: certificates or Sigstore keyless signing, another
    /// hash, shard or directory serialization.</summary>
    Unsupported,

    /// <summary>No trusted key verifies the signature, and its hints name no trusted key.</summary>
    UntrustedKey,

    /// <summary>The signature does not verify with the trusted key its hints name (the bundle was changed).</summary>
    InvalidSignature,

    /// <summary>The key that verified is revoked.</summary>
    Revoked,

    /// <summary>The key that verified is trusted only in another role (a receipt key can never vouch for a model).</summary>
    WrongRole,

    /// <summary>The publisher key that verified is not trusted for this model (its scope does not cover it).</summary>
    OutOfScope,

    /// <summary>The signed statement names another model: another file name, another digest, or resources that do not
    /// hash to its subject digest.</summary>
    SubjectMismatch,
}

/// <summary>The result of checking one model signature with <see cref="ModelSignature.Verify(string, TrustStore, string?, string?)"/>.
/// Fail closed: anything but <see cref="ModelSignatureOutcome.Verified"/> is a failure.</summary>
public sealed class ModelSignatureResult
{
    internal ModelSignatureResult(ModelSigning.ModelSignatureCheck check)
    {
        // The shared kernel's outcome lists the same cases in the same order (ModelSignatureResultTests checks it).
        Outcome = (ModelSignatureOutcome)(int)check.Outcome;
        Message = check.Message;
        SignatureDigest = Sha256Digest.TryParse(check.SignatureDigest, out var digest) ? digest : null;
        PublisherKeyId = check.PublisherKeyId;
        Line = check.Line;
    }

    /// <summary>How it ended.</summary>
    public ModelSignatureOutcome Outcome { get; }

    /// <summary>Whether the signature verified.</summary>
    public bool Verified => Outcome == ModelSignatureOutcome.Verified;

    /// <summary>What was found, for people.</summary>
    public string Message { get; }

    /// <summary>The SHA-256 of the signature file's bytes; null when the file could not be read.</summary>
    public Sha256Digest? SignatureDigest { get; }

    /// <summary>The key id of the key whose signature verified (set when a trusted key verified, even if it was then
    /// refused for its role, scope or revocation).</summary>
    public string? PublisherKeyId { get; }

    /// <summary>For a malformed bundle, the 1-based line of the problem when known; otherwise 0.</summary>
    internal int Line { get; }

    /// <inheritdoc />
    public override string ToString() => $"{Outcome}: {Message}";
}
