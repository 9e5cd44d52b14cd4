namespace OpenVerify.Pkcs11;

/// <summary>
/// A PKCS#11 key cannot be opened, created or used: a malformed or refused <c>pkcs11:</c> URI, a module that does not
/// load, no matching token or key, a PIN the token refuses, or a token that went away. The message says what to fix; it
/// never contains the PIN, the URI's query part (where the PIN's location and the module path live) or key material.
/// </summary>
public sealed class Pkcs11SignerException : OpenVerifyException
{
    /// <summary>Creates the exception.</summary>
    public Pkcs11SignerException(string message) : base(message) { }

    /// <summary>Creates the exception with the exception that caused it.</summary>
    public Pkcs11SignerException(string message, Exception? innerException) : base(message, innerException) { }

    /// <summary>The PKCS#11 return value the token gave (for example <c>CKR_PIN_INCORRECT</c>), when one did.</summary>
    public string? ReturnValue { get; init; }
}
