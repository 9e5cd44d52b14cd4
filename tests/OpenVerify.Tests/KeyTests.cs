using System.Security.Cryptography;

namespace OpenVerify.Tests;

public class KeyTests
{
    [Theory]
    [InlineData(KeyAlgorithm.Ed25519)]
    [InlineData(KeyAlgorithm.EcdsaP256)]
    public void PemRoundTrip_KeepsKeyIdAndSignatures(KeyAlgorithm algorithm)
    {
        using var key = SigningKey.Generate(algorithm);
        using var reloaded = SigningKey.ImportPem(key.ExportPkcs8Pem());
        reloaded.KeyId.ShouldBe(key.KeyId);
        var publicKey = PublicKey.ImportPem(key.PublicKey.ExportPem());
        publicKey.ShouldBe(key.PublicKey);
        var signature = reloaded.Sign("data"u8);
        publicKey.Verify("data"u8, signature).ShouldBeTrue();
        publicKey.Verify("datb"u8, signature).ShouldBeFalse();
        if (algorithm == KeyAlgorithm.Ed25519)
        {
            signature.Length.ShouldBe(64);
        }
        else
        {
            signature[0].ShouldBe((byte)0x30, "ECDSA signatures are DER sequences");
        }
    }

    [Theory]
    [InlineData(KeyAlgorithm.Ed25519)]
    [InlineData(KeyAlgorithm.EcdsaP256)]
    public void KeyId_IsSha256OfDerSpki(KeyAlgorithm algorithm)
    {
        using var key = SigningKey.Generate(algorithm);
        var der = key.PublicKey.ExportSubjectPublicKeyInfo();
        key.KeyId.ShouldBe("sha256:" + Convert.ToHexStringLower(SHA256.HashData(der)));
        key.KeyId.ShouldNotBe("sha256:" + Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(key.PublicKey.ExportPem()))));
    }

    [Fact]
    public void EcdsaKey_FromTheBcl_HasTheSameIdAsOurs()
    {
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var key = SigningKey.ImportPem(ecdsa.ExportPkcs8PrivateKeyPem());
        key.KeyId.ShouldBe("sha256:" + Convert.ToHexStringLower(SHA256.HashData(ecdsa.ExportSubjectPublicKeyInfo())));
        ecdsa.VerifyData("m"u8, key.Sign("m"u8), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence).ShouldBeTrue();
    }

    [Fact]
    public void OtherCurvesAndAlgorithms_AreRefused()
    {
        using var p384 = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        Should.Throw<KeyFormatException>(() => SigningKey.ImportPem(p384.ExportPkcs8PrivateKeyPem())).Message.ShouldContain("P-256");
        Should.Throw<KeyFormatException>(() => PublicKey.ImportPem(p384.ExportSubjectPublicKeyInfoPem())).Message.ShouldContain("P-256");
        using var rsa = RSA.Create(2048);
        Should.Throw<KeyFormatException>(() => SigningKey.ImportPem(rsa.ExportPkcs8PrivateKeyPem())).Message.ShouldContain("Ed25519");
    }

    [Fact]
    public void WrongPemKinds_GiveActionableMessages()
    {
        using var key = SigningKey.Generate();
        Should.Throw<KeyFormatException>(() => SigningKey.ImportPem(key.PublicKey.ExportPem())).Message.ShouldContain("public key");
        Should.Throw<KeyFormatException>(() => PublicKey.ImportPem(key.ExportPkcs8Pem())).Message.ShouldContain("private key");
        Should.Throw<KeyFormatException>(() => PublicKey.ImportPem("")).Message.ShouldContain("empty");
        var pem = key.ExportPkcs8Pem();
        Should.Throw<KeyFormatException>(() => SigningKey.ImportPem(pem[..(pem.Length / 2)])).Message.ShouldContain("truncated");
    }

    [Fact]
    public void Secrets_NeverAppearInToStringOrExceptions()
    {
        using var key = SigningKey.Generate();
        var pem = key.ExportPkcs8Pem();
        var body = pem.Split('\n')[1];
        key.ToString().ShouldNotContain(body);
        // A key whose DER is cut short inside a well-formed PEM block: always refused, and the message quotes nothing of it.
        var der = Convert.FromBase64String(string.Concat(pem.Split('\n').Where(l => l.Length > 0 && !l.StartsWith("-----", StringComparison.Ordinal))));
        var truncated = PemEncoding.WriteString("PRIVATE KEY", der[..^5]);
        var error = Should.Throw<KeyFormatException>(() => SigningKey.ImportPem(truncated));
        foreach (var line in truncated.Split('\n').Where(l => !l.StartsWith("-----", StringComparison.Ordinal) && l.Length >= 16))
        {
            error.ToString().ShouldNotContain(line[..16]);
        }
    }

    [Fact]
    public void Save_CreatesOwnerOnlyFile_AndNeverOverwrites()
    {
        using var folder = new TempFolder();
        using var key = SigningKey.Generate();
        var path = folder.File("k.key");
        key.Save(path);
        if (!OperatingSystem.IsWindows())
        {
            File.GetUnixFileMode(path).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        Should.Throw<KeyFileSecurityException>(() => key.Save(path)).Message.ShouldContain("already exists");
        using var loaded = SigningKey.Load(path);
        loaded.KeyId.ShouldBe(key.KeyId);
    }

    [Fact]
    public void Load_RefusesGroupReadableFiles_AndSymlinks_UnlessTheCallerOptsOut()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        using var folder = new TempFolder();
        using var key = SigningKey.Generate();
        var path = folder.File("k.key");
        key.Save(path);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);
        Should.Throw<KeyFileSecurityException>(() => SigningKey.Load(path)).Message.ShouldContain("chmod 600");
        using (var loaded = SigningKey.Load(path, KeyFileCheck.SkipPermissionCheck))
        {
            loaded.KeyId.ShouldBe(key.KeyId);
        }

        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var link = folder.File("link.key");
        File.CreateSymbolicLink(link, path);
        Should.Throw<KeyFileSecurityException>(() => SigningKey.Load(link)).Message.ShouldContain("symbolic link");
    }

    [Fact]
    public void Load_RefusesAKeyFileOwnedByAnotherUser_WithTheOwnerInTheMessage()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        using var folder = new TempFolder();
        using var key = SigningKey.Generate();
        var path = folder.File("other.key");
        key.Save(path);
        using (var own = SigningKey.Load(path))
        {
            own.KeyId.ShouldBe(key.KeyId);
        }

        // The tests run as root, who may give the file away; nobody (65534) is never the test's user.
        var nobody = 65534u;
        geteuid().ShouldNotBe(nobody);
        chown(path, nobody, uint.MaxValue).ShouldBe(0, "chown needs root: run the tests as root");
        var error = Should.Throw<KeyFileSecurityException>(() => SigningKey.Load(path));
        error.Message.ShouldContain("is owned by user id 65534, not by the current user (" + geteuid() + ")");
        error.Message.ShouldContain("KeyFileCheck.SkipPermissionCheck");
        error.Message.ShouldNotContain("-----BEGIN");
        using var loaded = SigningKey.Load(path, KeyFileCheck.SkipPermissionCheck);
        loaded.KeyId.ShouldBe(key.KeyId);
    }

    [Fact]
    public void EveryOwnerLookupTheCLibraryOffers_ReadsTheSameOwner()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        using var folder = new TempFolder();
        var path = folder.File("owned");
        File.WriteAllText(path, "x");
        chown(path, 4242, 4243).ShouldBe(0, "chown needs root: run the tests as root");
        using var handle = File.OpenHandle(path);
        var available = 0;
        foreach (var lookup in Enum.GetValues<KeyFilePermissions.OwnerLookup>())
        {
            var uid = KeyFilePermissions.TryGetOwner(handle, lookup, out var failure);
            if (uid is null)
            {
                // Only a symbol this C library lacks is a reason to skip a lookup; a failing call is a bug.
                failure.ShouldContain("not exported", customMessage: lookup.ToString());
                continue;
            }

            available++;
            uid.ShouldBe(4242u, lookup.ToString());
        }

        available.ShouldBeGreaterThan(0);
        KeyFilePermissions.TryGetOwner(handle, KeyFilePermissions.OwnerLookup.Statx, out _).ShouldBe(4242u, "glibc 2.28+ and musl 1.2.5+ export statx");
        KeyFilePermissions.GetOwner(handle, path).ShouldBe(4242u);
    }

    [Fact]
    public void MissingFiles_GiveKeyFormatException_WithThePath()
    {
        Should.Throw<KeyFormatException>(() => SigningKey.Load("/nonexistent/x.key")).Message.ShouldContain("/nonexistent/x.key");
        Should.Throw<KeyFormatException>(() => PublicKey.Load("/nonexistent/x.pub")).Message.ShouldContain("/nonexistent/x.pub");
    }

    [Fact]
    public void TrustStore_GlobScopes_AreCaseSensitiveWithSlashSeparators()
    {
        using var key = SigningKey.Generate();
        var digest = Sha256Digest.Compute([1]);
        var store = new TrustStore().Add(key.PublicKey, KeyRole.ModelPublisher, ["models/*.onnx", "vision/**/x.onnx", digest.ToString()]);
        var trusted = store.Keys.Single();
        trusted.Covers(Sha256Digest.Compute([2]), "models/a.onnx").ShouldBeTrue();
        trusted.Covers(Sha256Digest.Compute([2]), "Models/a.onnx").ShouldBeFalse();
        trusted.Covers(Sha256Digest.Compute([2]), "models/sub/a.onnx").ShouldBeFalse();
        trusted.Covers(Sha256Digest.Compute([2]), "vision/a/b/x.onnx").ShouldBeTrue();
        trusted.Covers(Sha256Digest.Compute([2]), "vision/x.onnx").ShouldBeTrue();
        trusted.Covers(digest, null).ShouldBeTrue();
        trusted.Covers(Sha256Digest.Compute([2]), null).ShouldBeFalse();
    }

    [System.Runtime.InteropServices.DllImport("libc", SetLastError = true)]
    private static extern int chown(string path, uint owner, uint group);

    [System.Runtime.InteropServices.DllImport("libc")]
    private static extern uint geteuid();
}
