namespace OpenVerify;

/// <summary>
/// The base of every exception OpenVerify throws on purpose. Catch this type to handle every documented failure:
/// bad models, bad tensors, bad receipts, bad keys and missing configuration. Messages say what is wrong and what to do;
/// they never contain private key material.
/// </summary>
public class OpenVerifyException : Exception
{
    /// <summary>Creates the exception.</summary>
    public OpenVerifyException(string message) : base(message) { }

    /// <summary>Creates the exception with the exception that caused it.</summary>
    public OpenVerifyException(string message, Exception? innerException) : base(message, innerException) { }
}

/// <summary>A tensor cannot be encoded canonically (an unsupported element type, a bool byte other than 0 or 1,
/// a string that is not valid UTF-16, a shape with a negative dimension or an element count that overflows, or data
/// whose length does not match the shape).</summary>
public sealed class TensorEncodingException : OpenVerifyException
{
    /// <summary>Creates the exception.</summary>
    public TensorEncodingException(string message) : base(message) { }
}

/// <summary>A model file cannot be read, is not a valid ONNX model, or uses something a verified run refuses
/// (external-data weights, custom operator libraries, injected initializers).</summary>
public sealed class ModelLoadException : OpenVerifyException
{
    /// <summary>Creates the exception.</summary>
    public ModelLoadException(string message, Exception? innerException = null) : base(message, innerException) { }
}

/// <summary>The model's bytes do not have the digest the caller pinned.</summary>
public sealed class ModelDigestMismatchException : OpenVerifyException
{
    /// <summary>Creates the exception.</summary>
    public ModelDigestMismatchException(string source, Sha256Digest expected, Sha256Digest actual)
        : base($"The model '{source}' has digest {actual}, but {expected} was expected. The file was changed or replaced; refusing to run it.")
    {
        Expected = expected;
        Actual = actual;
    }

    /// <summary>The pinned digest.</summary>
    public Sha256Digest Expected { get; }

    /// <summary>The digest of the bytes that were read.</summary>
    public Sha256Digest Actual { get; }
}

/// <summary>The inputs given to a model do not fit it: an unknown or missing name, a wrong element type, or a wrong shape.</summary>
public sealed class ModelInputException : OpenVerifyException
{
    /// <summary>Creates the exception.</summary>
    public ModelInputException(string message, Exception? innerException = null) : base(message, innerException) { }
}

/// <summary>A receipt (DSSE envelope, in-toto statement or predicate) is malformed: invalid JSON, duplicate property
/// names, bad base64, missing or mistyped fields.</summary>
public sealed class ReceiptFormatException : OpenVerifyException
{
    /// <summary>Creates the exception.</summary>
    public ReceiptFormatException(string message, Exception? innerException = null) : base(message, innerException) { }
}

/// <summary>A key cannot be read: a malformed or truncated PEM, an unsupported algorithm or curve, or an unknown key id.</summary>
public sealed class KeyFormatException : OpenVerifyException
{
    /// <summary>Creates the exception.</summary>
    public KeyFormatException(string message, Exception? innerException = null) : base(message, innerException) { }
}

/// <summary>A private key file is not protected as it must be (readable by group or others, not owned by the current
/// user, or a symbolic link), or a key file would overwrite an existing file.</summary>
public sealed class KeyFileSecurityException : OpenVerifyException
{
    /// <summary>Creates the exception.</summary>
    public KeyFileSecurityException(string message) : base(message) { }
}

/// <summary>An inference was asked for a receipt but no signer is configured.</summary>
public sealed class SignerNotConfiguredException : OpenVerifyException
{
    /// <summary>Creates the exception.</summary>
    public SignerNotConfiguredException(string message) : base(message) { }
}

/// <summary>Running the model failed inside ONNX Runtime.</summary>
public sealed class InferenceFailedException : OpenVerifyException
{
    /// <summary>Creates the exception.</summary>
    public InferenceFailedException(string message, Exception? innerException = null) : base(message, innerException) { }
}
