namespace OpenVerify.Tests.Spec;

/// <summary>
/// TEST-ONLY keys of the receipt-v1 spec vectors (docs/spec/receipt-v1.md, "Test keys"). They are public on purpose:
/// never trust them for anything. Both are derived from fixed strings, so anyone can recreate them:
/// the Ed25519 seed is SHA-256("OpenVerify receipt-v1 TEST-ONLY Ed25519 key"); the P-256 scalar is
/// SHA-256("OpenVerify receipt-v1 TEST-ONLY P-256 key") read big-endian, modulo the group order.
/// </summary>
internal static class TestKeys
{
    public const string Ed25519PrivateKeyPem =
        "-----BEGIN PRIVATE KEY-----\n" +
        "MC4CAQAwBQYDK2VwBCIEIJhlKyrFgGLsSy7IWfkZMH6OVu0ryjQKgyUK427SklzV\n" +
        "-----END PRIVATE KEY-----\n";

    public const string Ed25519PublicKeyPem =
        "-----BEGIN PUBLIC KEY-----\n" +
        "MCowBQYDK2VwAyEAn5WSgdgnfGJRt4Nlrpa/lJI3ZWz/Alv3yXIpJaflqNo=\n" +
        "-----END PUBLIC KEY-----\n";

    public const string P256PrivateKeyPem =
        "-----BEGIN PRIVATE KEY-----\n" +
        "MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgaOnmgTREparoHwCp\n" +
        "+yXAoK7PE0zNEXsZf9z/SxHl/E6hRANCAAT60vY+WXCWU64Fg/aFDjfAMv9KxDWD\n" +
        "tk4by+roHatHoN7QNtft4uhReGcBdnFZCSUFy+2FlUXaCMQTrrUFgwRY\n" +
        "-----END PRIVATE KEY-----\n";

    public const string P256PublicKeyPem =
        "-----BEGIN PUBLIC KEY-----\n" +
        "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE+tL2PllwllOuBYP2hQ43wDL/SsQ1\n" +
        "g7ZOG8vq6B2rR6De0DbX7eLoUXhnAXZxWQklBcvthZVF2gjEE661BYMEWA==\n" +
        "-----END PUBLIC KEY-----\n";
}
