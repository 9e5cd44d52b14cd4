using System.Text;
using OpenVerify.ModelSigning;

namespace OpenVerify.Tests;

public class EnvelopeTests
{
    [Fact]
    public void Pae_MatchesTheDsseSpecVector()
    {
        Encoding.ASCII.GetString(Dsse.Pae("http://example.com/HelloWorld", "hello world"u8))
            .ShouldBe("DSSEv1 29 http://example.com/HelloWorld 11 hello world");
    }

    [Fact]
    public void Pae_CountsBytesNotCharacters()
    {
        Dsse.Pae("t", "é"u8).ShouldBe("DSSEv1 1 t 2 é"u8.ToArray());
    }

    [Theory]
    [InlineData("aGVsbG8=", "hello")]
    [InlineData("aGVsbG8", "hello")]
    [InlineData("", "")]
    [InlineData("-_-_", "\u00FB\u00FF\u00BF")]
    [InlineData("+/+/", "\u00FB\u00FF\u00BF")]
    public void Base64_AcceptsBothAlphabets(string text, string latin1)
    {
        GateCrypto.TryDecodeBase64(text, out var bytes, out var error).ShouldBeTrue(error);
        bytes.ShouldBe(Encoding.Latin1.GetBytes(latin1));
    }

    [Theory]
    [InlineData("aGVs bG8=")]
    [InlineData("aGVsbG8=\n")]
    [InlineData("aGVsbG9=")]
    [InlineData("aGVsbG8==")]
    [InlineData("a")]
    [InlineData("aG=VsbG8")]
    [InlineData("+_AA")]
    [InlineData("aGVsbG8===")]
    [InlineData("aGVs*G8=")]
    public void Base64_IsStrict(string text)
    {
        GateCrypto.TryDecodeBase64(text, out _, out var error).ShouldBeFalse();
        error.ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public void Envelope_RoundTrips_AndRefusesDuplicateAndUnknownProperties()
    {
        using var key = SigningKey.Generate();
        var envelope = DsseEnvelope.Sign("t", "p"u8.ToArray(), key);
        var json = envelope.ToJson();
        var parsed = DsseEnvelope.Parse(json);
        parsed.PayloadType.ShouldBe("t");
        parsed.Payload.ShouldBe("p"u8.ToArray());
        parsed.Signatures.Single().KeyId.ShouldBe(key.KeyId);

        var duplicate = json.Replace("{\"payloadType\":\"t\"", "{\"payloadType\":\"t\",\"payloadType\":\"u\"", StringComparison.Ordinal);
        Should.Throw<ReceiptFormatException>(() => DsseEnvelope.Parse(duplicate)).Message.ShouldContain("payloadType");
        var unknown = json.Replace("{\"payloadType\"", "{\"extra\":1,\"payloadType\"", StringComparison.Ordinal);
        Should.Throw<ReceiptFormatException>(() => DsseEnvelope.Parse(unknown));
        Should.Throw<ReceiptFormatException>(() => DsseEnvelope.Parse("{\"payloadType\":\"t\",\"payload\":\"cA==\",\"signatures\":[]}")).Message.ShouldContain("no signatures");
        Should.Throw<ReceiptFormatException>(() => DsseEnvelope.Parse("{\"payloadType\":\"t\",\"payload\":\"c A==\",\"signatures\":[{\"sig\":\"AA==\"}]}")).Message.ShouldContain("base64");
        Should.Throw<ReceiptFormatException>(() => DsseEnvelope.Parse("{\"payload\":\"cA==\",\"signatures\":[{\"sig\":\"AA==\"}]}")).Message.ShouldContain("payloadType");
        Should.Throw<ReceiptFormatException>(() => DsseEnvelope.Parse("null"));
        Should.Throw<ReceiptFormatException>(() => DsseEnvelope.Parse("{\"payloadType\":\"t\",")).Message.ShouldContain("line 1");
    }

    [Fact]
    public void UrlSafeEnvelope_IsAccepted()
    {
        using var key = SigningKey.Generate();
        var envelope = DsseEnvelope.Sign("t", new byte[] { 0xFB, 0xFF, 0xBF }, key);
        var json = envelope.ToJson().Replace("+/+/", "-_-_", StringComparison.Ordinal);
        json.ShouldContain("-_-_");
        DsseEnvelope.Parse(json).Payload.ShouldBe(new byte[] { 0xFB, 0xFF, 0xBF });
    }
}
