using System.Security.Cryptography;

namespace OpenVerify.Pkcs11.Tests;

/// <summary>The token's raw r‖s ECDSA signatures become the DER our P-256 format requires (no token needed).</summary>
public sealed class TokenKeyEncodingTests
{
    [Fact]
    public void Raw_signatures_whose_r_or_s_has_leading_zero_bytes_convert_to_verifiable_der()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var publicKey = PublicKey.FromSubjectPublicKeyInfo(key.ExportSubjectPublicKeyInfo());
        var data = new byte[32];
        bool sawLeadingZeroR = false, sawLeadingZeroS = false, sawHighBit = false;
        for (var i = 0; i < 20_000 && !(sawLeadingZeroR && sawLeadingZeroS && sawHighBit); i++)
        {
            RandomNumberGenerator.Fill(data);
            var raw = key.SignData(data, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
            var interesting = raw[0] == 0 || raw[32] == 0 || raw[0] >= 0x80;
            if (!interesting)
            {
                continue;
            }

            sawLeadingZeroR |= raw[0] == 0;
            sawLeadingZeroS |= raw[32] == 0;
            sawHighBit |= raw[0] >= 0x80;
            var der = TokenKeyEncoding.EcdsaToDer(raw);
            der.ShouldBe(ToDer(raw));
            publicKey.Verify(data, der).ShouldBeTrue();
        }

        sawLeadingZeroR.ShouldBeTrue();
        sawLeadingZeroS.ShouldBeTrue();
        sawHighBit.ShouldBeTrue();
    }

    [Fact]
    public void A_signature_of_the_wrong_length_is_refused() =>
        Should.Throw<Pkcs11SignerException>(() => TokenKeyEncoding.EcdsaToDer(new byte[63])).Message.ShouldContain("expected 64");

    /// <summary>The BCL's own P1363 → DER conversion, as the reference.</summary>
    private static byte[] ToDer(byte[] raw)
    {
        var r = new System.Numerics.BigInteger(raw.AsSpan(0, 32), isUnsigned: true, isBigEndian: true);
        var s = new System.Numerics.BigInteger(raw.AsSpan(32, 32), isUnsigned: true, isBigEndian: true);
        var writer = new System.Formats.Asn1.AsnWriter(System.Formats.Asn1.AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteInteger(r);
            writer.WriteInteger(s);
        }

        return writer.Encode();
    }
}
