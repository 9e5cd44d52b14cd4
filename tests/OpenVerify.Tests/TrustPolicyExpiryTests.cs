using OpenVerify.ModelSigning;

namespace OpenVerify.Tests;

/// <summary>An expired trust policy is refused outside the build as the build gate refuses it.</summary>
public class TrustPolicyExpiryTests
{
    private static TrustPolicy Policy(DateTimeOffset expires)
    {
        using var publisher = SigningKey.Generate(KeyAlgorithm.EcdsaP256);
        return new TrustPolicy([new TrustPolicyKey(publisher.PublicKey.ExportSubjectPublicKeyInfo(), "model-publisher", ["models/**"])], [], expires: expires);
    }

    [Fact]
    public void An_expired_policy_gives_no_trust_store()
    {
        var expires = new DateTimeOffset(2030, 1, 31, 0, 0, 0, TimeSpan.Zero);
        var policy = Policy(expires);

        policy.ToTrustStore(expires.AddSeconds(-1)).Keys.Count.ShouldBe(1);
        var atExpiry = Should.Throw<OpenVerifyException>(() => policy.ToTrustStore(expires));
        atExpiry.Message.ShouldContain("expired at 2030-01-31T00:00:00Z");
        Should.Throw<OpenVerifyException>(() => Policy(DateTimeOffset.UtcNow.AddDays(-1)).ToTrustStore()).Message.ShouldContain("no key in it is trusted");
        Policy(DateTimeOffset.UtcNow.AddDays(1)).ToTrustStore().Keys.Count.ShouldBe(1);
    }
}
