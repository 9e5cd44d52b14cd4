namespace OpenVerify.Pkcs11;

/// <summary>
/// Opens <c>pkcs11:</c> key references (RFC 7512 URIs) as <see cref="Pkcs11Signer"/>s, for hosts and the
/// <c>openverify</c> tool that resolve key references through <see cref="ISignerProvider"/>.
/// </summary>
public sealed class Pkcs11SignerProvider : ISignerProvider
{
    /// <summary>The URI scheme this provider claims.</summary>
    public const string Scheme = "pkcs11:";

    /// <inheritdoc />
    public bool CanOpen(string keyReference) =>
        keyReference is not null && keyReference.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc />
    /// <exception cref="Pkcs11SignerException">The key cannot be opened; the message says why.</exception>
    public ISigner Open(string keyReference) => Pkcs11Signer.Open(keyReference);
}
