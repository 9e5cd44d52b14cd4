namespace OpenVerify.Internal;

/// <summary>
/// Base64 decoding that accepts the standard and the URL-safe alphabet (not mixed), with or without padding, and
/// refuses everything else: whitespace, stray characters, wrong padding, and non-canonical trailing bits. One
/// implementation serves the runtime and the MSBuild task (<see cref="ModelSigning.GateCrypto.TryDecodeBase64"/>,
/// netstandard2.0), so receipts and model signatures decode alike.
/// </summary>
internal static class StrictBase64
{
    public static bool TryDecode(string? text, out byte[] bytes, out string error) => ModelSigning.GateCrypto.TryDecodeBase64(text, out bytes, out error);
}
