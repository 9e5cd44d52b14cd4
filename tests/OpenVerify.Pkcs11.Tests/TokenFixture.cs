using OpenVerify.Testing;

namespace OpenVerify.Pkcs11.Tests;

/// <summary>
/// One SoftHSM2 configuration for the whole test assembly (SoftHSM reads it once per process): a token with an Ed25519
/// and a P-256 key generated on it, and a second token that a test deletes. Without SoftHSM2 the tests skip, except
/// under OPENVERIFY_CI=1, where they fail.
/// </summary>
public sealed class TokenFixture : IDisposable
{
    public const string Ed25519Label = "receipts-ed25519";
    public const string P256Label = "publisher-p256";

    public TokenFixture()
    {
        if (SoftHsm.Missing is not null)
        {
            return;
        }

        Hsm = SoftHsm.Create();
        Main = Hsm.InitToken("openverify-tests");
        Doomed = Hsm.InitToken("openverify-doomed");
        using (Pkcs11Signer.Generate(Main.Uri(Ed25519Label), KeyAlgorithm.Ed25519))
        using (Pkcs11Signer.Generate(Main.Uri(P256Label), KeyAlgorithm.EcdsaP256))
        using (Pkcs11Signer.Generate(Doomed.Uri("doomed"), KeyAlgorithm.Ed25519))
        {
        }
    }

    public SoftHsm? Hsm { get; }

    public SoftHsmToken Main { get; } = null!;

    public SoftHsmToken Doomed { get; } = null!;

    /// <summary>Skips the test when SoftHSM2 is missing, or fails it under OPENVERIFY_CI=1.</summary>
    public void Require()
    {
        if (SoftHsm.Missing is not { } missing)
        {
            return;
        }

        if (Environment.GetEnvironmentVariable("OPENVERIFY_CI") == "1")
        {
            Assert.Fail($"OPENVERIFY_CI=1 and the PKCS#11 tests cannot run: {missing}");
        }

        Skip.If(true, missing);
    }

    public string Uri(KeyAlgorithm algorithm) => Main.Uri(algorithm == KeyAlgorithm.Ed25519 ? Ed25519Label : P256Label);

    public void Dispose() => Hsm?.Dispose();
}

[CollectionDefinition(Name)]
public sealed class SoftHsmCollection : ICollectionFixture<TokenFixture>
{
    /// <summary>Every test that opens a PKCS#11 key is in this collection: they run one after another, since the module's
    /// configuration is per process.</summary>
    public const string Name = "SoftHSM";
}
