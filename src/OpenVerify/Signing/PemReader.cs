using OpenVerify.ModelSigning;

namespace OpenVerify;

/// <summary>The runtime's words for the shared PEM reader's problems (src/Shared/ModelSigning/Pem.cs), as <see cref="KeyFormatException"/>.</summary>
internal static class PemReader
{
    /// <summary>Finds exactly one PEM block with the expected label and returns its DER bytes.</summary>
    public static byte[] ReadSingle(string? pem, string label, string what)
    {
        if (!Pem.TryReadSingle(pem, out var block, out var problem, out _))
        {
            throw new KeyFormatException(problem switch
            {
                PemProblem.Empty => $"The {what} is empty; expected a PEM block '-----BEGIN {label}-----'.",
                PemProblem.MoreThanOneBlock => $"The {what} holds more than one PEM block; expected exactly one.",
                // The reason is not quoted: it may name a character of a private key's body.
                PemProblem.BadBase64 => $"The {what}'s PEM body is not valid base64.",
                _ => $"No complete PEM block was found; expected '-----BEGIN {label}-----' … '-----END {label}-----' (is the file truncated?).",
            });
        }

        var found = block!.Label;
        if (found != label)
        {
            var hint = found == "PUBLIC KEY" ? " (this is a public key; a private key is needed here)"
                : found.Contains("PRIVATE KEY", StringComparison.Ordinal) ? " (this is a private key; use the matching .pub file)" : string.Empty;
            throw new KeyFormatException($"The PEM block is labelled '{found}', but a '{label}' block was expected{hint}.");
        }

        return block.Der;
    }
}
