using System.Security.Cryptography;
using OpenVerify.ModelSigning;

namespace OpenVerify.Tests.Shared;

/// <summary>
/// The one PEM reader (src/Shared/ModelSigning/Pem.cs) behind the runtime's key import and the trust policy's keys:
/// both callers see the same blocks, and differ only in what they allow around them (explanatory text before the block).
/// </summary>
public class PemTests
{
    private static readonly string PublicPem = ECDsa.Create(ECCurve.NamedCurves.nistP256).ExportSubjectPublicKeyInfoPem();

    [Fact]
    public void ReadsOneBlock_AndBothCallersAgreeOnItsBytes()
    {
        Pem.TryReadSingle(PublicPem, out var block, out var problem, out _).ShouldBeTrue();
        problem.ShouldBe(PemProblem.None);
        block!.Label.ShouldBe("PUBLIC KEY");
        GateCrypto.TryReadPublicKeyPem(PublicPem, out var der, out _).ShouldBeTrue();
        der.ShouldBe(block.Der);
        PemReader.ReadSingle(PublicPem, "PUBLIC KEY", "public key").ShouldBe(block.Der);
    }

    [Fact]
    public void TextBeforeTheBlock_IsExplanatoryTextForKeys_ButRefusedInAGateFile()
    {
        var withText = "Bag Attributes: made by openssl\n" + PublicPem;
        PemReader.ReadSingle(withText, "PUBLIC KEY", "public key").Length.ShouldBeGreaterThan(0);
        GateCrypto.TryReadPublicKeyPem(withText, out _, out var error).ShouldBeFalse();
        error.ShouldContain("text outside");
    }

    [Theory]
    [InlineData("", nameof(PemProblem.Empty))]
    [InlineData("-----BEGIN PUBLIC KEY-----\nAAAA\n", nameof(PemProblem.NoBlock))]
    [InlineData("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PRIVATE KEY-----\n", nameof(PemProblem.NoBlock))]
    [InlineData("-----BEGIN PUBLIC KEY---------END PUBLIC KEY-----", nameof(PemProblem.NoBlock))]
    [InlineData("-----BEGIN PUBLIC KEY-----\nA-_A\n-----END PUBLIC KEY-----\n", nameof(PemProblem.BadBase64))]
    [InlineData("-----BEGIN PUBLIC KEY-----\nAB==\n-----END PUBLIC KEY-----\n", nameof(PemProblem.BadBase64))]
    [InlineData("-----BEGIN A-----\nAAAA\n-----END A-----\n-----BEGIN B-----\nAAAA\n-----END B-----\n", nameof(PemProblem.MoreThanOneBlock))]
    public void MalformedText_IsAProblem_NeverAnException(string text, string expected)
    {
        Pem.TryReadSingle(text, out var block, out var problem, out _).ShouldBeFalse();
        block.ShouldBeNull();
        problem.ToString().ShouldBe(expected);
        Should.Throw<KeyFormatException>(() => PemReader.ReadSingle(text, "PUBLIC KEY", "public key"));
        GateCrypto.TryReadPublicKeyPem(text, out _, out _).ShouldBeFalse();
    }
}
