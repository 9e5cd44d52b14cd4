using System.Security.Cryptography;

namespace OpenVerify;

internal static class PemReader
{
    /// <summary>Finds exactly one PEM block with the expected label and returns its DER bytes.</summary>
    public static byte[] ReadSingle(string? pem, string label, string what)
    {
        if (string.IsNullOrWhiteSpace(pem))
        {
            throw new KeyFormatException($"The {what} is empty; expected a PEM block '-----BEGIN {label}-----'.");
        }

        if (!PemEncoding.TryFind(pem, out var fields))
        {
            throw new KeyFormatException($"No complete PEM block was found; expected '-----BEGIN {label}-----' … '-----END {label}-----' (is the file truncated?).");
        }

        var found = pem.AsSpan()[fields.Label];
        if (!found.SequenceEqual(label))
        {
            var hint = found.SequenceEqual("PUBLIC KEY") ? " (this is a public key; a private key is needed here)"
                : found.Contains("PRIVATE KEY", StringComparison.Ordinal) ? " (this is a private key; use the matching .pub file)" : string.Empty;
            throw new KeyFormatException($"The PEM block is labelled '{found}', but a '{label}' block was expected{hint}.");
        }

        if (PemEncoding.TryFind(pem.AsSpan(fields.Location.End.GetOffset(pem.Length)), out _))
        {
            throw new KeyFormatException($"The {what} holds more than one PEM block; expected exactly one.");
        }

        var der = new byte[fields.DecodedDataLength];
        if (!Convert.TryFromBase64Chars(pem.AsSpan()[fields.Base64Data], der, out var written) || written != der.Length)
        {
            throw new KeyFormatException($"The {what}'s PEM body is not valid base64.");
        }

        return der;
    }
}
