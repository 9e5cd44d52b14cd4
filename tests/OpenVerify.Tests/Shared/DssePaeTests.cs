using System.Text;
using OpenVerify.Formats;
using OpenVerify.ModelSigning;

namespace OpenVerify.Tests.Shared;

/// <summary>The one DSSE PAE (src/Shared/Formats/DssePae.cs) behind receipts and model signatures.</summary>
public class DssePaeTests
{
    // "ü" is one UTF-16 char and two UTF-8 bytes: a length counted in chars (the old model-signature PAE counted
    // PayloadType.Length) would write 22 here instead of 23.
    private const string NonAsciiType = "application/vnd.ü+json";

    [Fact]
    public void TypeLength_IsTheUtf8ByteCount_ForANonAsciiPayloadType()
    {
        DssePae.Encode(NonAsciiType, "hello"u8.ToArray())
            .ShouldBe([.. "DSSEv1 23 "u8, .. Encoding.UTF8.GetBytes(NonAsciiType), .. " 5 hello"u8]);
    }

    [Fact]
    public void ReceiptsAndModelSignatures_EncodeAlike()
    {
        var payload = Encoding.UTF8.GetBytes("{\"ü\":1}");
        Dsse.Pae(NonAsciiType, payload).ShouldBe(DssePae.Encode(NonAsciiType, payload));
        Dsse.Pae(ModelSignatureFormat.PayloadType, payload).ShouldBe(DssePae.Encode(ModelSignatureFormat.PayloadType, payload));
    }

    [Fact]
    public void MatchesTheDsseSpecVector()
    {
        Encoding.ASCII.GetString(DssePae.Encode("http://example.com/HelloWorld", "hello world"u8.ToArray()))
            .ShouldBe("DSSEv1 29 http://example.com/HelloWorld 11 hello world");
    }
}
