namespace OpenVerify;

/// <summary>
/// Opens a signer from a key reference that is not a PEM file path: a <c>pkcs11:</c> URI (the OpenVerify.Pkcs11
/// package), or a key service of your own. Hosting (<c>AddOpenVerify</c>) and the <c>openverify</c> tool ask each
/// provider they know, in order, and load a PKCS#8 PEM file when none claims the reference.
/// </summary>
/// <remarks>
/// A reference may carry secrets' locations (a PIN file, an environment variable's name) but never a secret itself.
/// Implementations must not echo the reference's query part, a PIN or key material in exceptions or logs.
/// </remarks>
public interface ISignerProvider
{
    /// <summary>Whether this provider handles <paramref name="keyReference"/> (for example by its URI scheme).</summary>
    bool CanOpen(string keyReference);

    /// <summary>Opens the signer that <paramref name="keyReference"/> names. Failures throw an
    /// <see cref="OpenVerifyException"/> whose message says what to fix without echoing secrets.</summary>
    ISigner Open(string keyReference);
}
