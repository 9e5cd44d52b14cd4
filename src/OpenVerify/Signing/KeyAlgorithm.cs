namespace OpenVerify;

/// <summary>Signature algorithms OpenVerify keys use.</summary>
public enum KeyAlgorithm
{
    /// <summary>Ed25519 (RFC 8032) through NSec/libsodium; signatures are the raw 64 bytes. The default for receipts.</summary>
    Ed25519,

    /// <summary>ECDSA over NIST P-256 with SHA-256 through the .NET base library; signatures are DER
    /// (<c>Rfc3279DerSequence</c>). Required for model-publisher keys.</summary>
    EcdsaP256,
}

/// <summary>Whether a private key file's protection is checked when it is loaded.</summary>
public enum KeyFileCheck
{
    /// <summary>Refuse a key file that is a symbolic link, is not owned by the current user, or can be read or written by
    /// group or others (Unix). The default.</summary>
    OwnerOnly,

    /// <summary>Load the key file without checking its protection. An explicit API choice; no environment variable turns
    /// the check off.</summary>
    SkipPermissionCheck,
}

/// <summary>Produces signatures. Implement it to plug in hardware or cloud keys; <see cref="SigningKey"/> is the
/// in-process implementation.</summary>
public interface ISigner
{
    /// <summary>The key id: <c>sha256:&lt;hex&gt;</c> of the public key's DER SubjectPublicKeyInfo.</summary>
    string KeyId { get; }

    /// <summary>The signature algorithm.</summary>
    KeyAlgorithm Algorithm { get; }

    /// <summary>Signs the bytes (for DSSE, the PAE encoding) and returns the signature (raw for Ed25519, DER for ECDSA).</summary>
    byte[] Sign(ReadOnlySpan<byte> data);
}
