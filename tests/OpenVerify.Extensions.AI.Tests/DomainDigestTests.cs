using System.Security.Cryptography;
using System.Text;
using OpenVerify.Extensions.AI.Canonical;

namespace OpenVerify.Extensions.AI.Tests;

/// <summary>
/// The transcript's field and message digests (one pooled preimage, one SHA-256) against SHA-256 of the preimage spelled
/// out here: paths of non-ASCII, multi-byte and unpaired-surrogate text, and values larger than the pool's buckets.
/// </summary>
public sealed class DomainDigestTests
{
    private static readonly byte[] FieldDomain = "OpenVerify/chat-field/v1\0"u8.ToArray();

    [Theory]
    [InlineData("/messages/0/content", 0)]
    [InlineData("/options/additionalProperties/température", 17)]
    [InlineData("/tools/0/名前/~1路径", 4096)]
    [InlineData("/emoji/😀😀", 1 << 20)]
    [InlineData("/lone/\ud800", 3 << 20)]
    [InlineData("", 1)]
    public void FieldDigest_IsSha256OfDomainPathZeroValue(string path, int valueLength)
    {
        var value = new byte[valueLength];
        new Random(valueLength).NextBytes(value);
        var expected = SHA256.HashData([.. FieldDomain, .. Encoding.UTF8.GetBytes(path), 0, .. value]);

        TranscriptFields.Digest(path, value).Bytes.ToArray().ShouldBe(expected);
        DomainDigest.Compute(FieldDomain, path, value).Bytes.ToArray().ShouldBe(expected, "the same digest again, from a buffer the pool had lent before");
    }

    [Fact]
    public void WithoutAPath_TheDigestIsSha256OfDomainAndValue()
    {
        var value = new byte[(1 << 20) + 3];
        new Random(3).NextBytes(value);
        DomainDigest.Compute("OpenVerify/chat-message/v1\0"u8, value).Bytes.ToArray()
            .ShouldBe(SHA256.HashData([.. "OpenVerify/chat-message/v1\0"u8, .. value]));
    }
}
