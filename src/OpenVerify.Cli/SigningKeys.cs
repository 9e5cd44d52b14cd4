using OpenVerify.Pkcs11;

namespace OpenVerify.Cli;

/// <summary>A private key the tool signs with, opened from a key reference, with its public half.</summary>
internal sealed class OpenedKey(ISigner signer, PublicKey publicKey) : IDisposable
{
    public ISigner Signer { get; } = signer;

    public PublicKey PublicKey { get; } = publicKey;

    public string KeyId => Signer.KeyId;

    public KeyAlgorithm Algorithm => Signer.Algorithm;

    public void Dispose() => (Signer as IDisposable)?.Dispose();
}

/// <summary>
/// Opens what <c>--key</c> names wherever a verb signs: a <c>pkcs11:</c> URI (or another reference a
/// <see cref="ISignerProvider"/> claims), else a PKCS#8 PEM file, loaded with the owner-only check.
/// </summary>
internal static class SigningKeys
{
    /// <summary>The providers the tool knows, asked in order.</summary>
    private static readonly ISignerProvider[] Providers = [new Pkcs11SignerProvider()];

    /// <summary>Help text for a <c>--key</c> option.</summary>
    public const string ReferenceHelp = "a PKCS#8 PEM file (owner-only) or a pkcs11: URI of a key on a token (docs/pkcs11.md)";

    public static OpenedKey Open(string reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        foreach (var provider in Providers)
        {
            if (provider.CanOpen(reference))
            {
                var signer = provider.Open(reference);
                var publicKey = signer switch
                {
                    Pkcs11Signer token => token.PublicKey,
                    SigningKey key => key.PublicKey,
                    _ => null,
                };
                if (publicKey is null)
                {
                    (signer as IDisposable)?.Dispose();
                    throw new CliUsageException($"The key provider for '{Describe(reference)}' does not give the key's public half, which the tool needs.");
                }

                return new OpenedKey(signer, publicKey);
            }
        }

        var file = SigningKey.Load(reference);
        return new OpenedKey(file, file.PublicKey);
    }

    /// <summary>A reference as messages may show it: a URI without its query part (where a PIN's location lives).</summary>
    public static string Describe(string reference)
    {
        var question = reference.IndexOf('?', StringComparison.Ordinal);
        return Providers.Any(p => p.CanOpen(reference)) && question >= 0 ? reference[..question] : reference;
    }
}
