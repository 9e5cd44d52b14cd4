using System.Diagnostics;
using System.Reflection;
using OpenVerify.Testing;

namespace OpenVerify.Pkcs11.Tests;

[Collection(SoftHsmCollection.Name)]
public sealed class Pkcs11SignerTests(TokenFixture token) : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("openverify-pkcs11-");

    public void Dispose() => _dir.Delete(recursive: true);

    private static TensorSet AddMulInputs() => new([
        new("a", TensorValue.Create(new float[] { 1.25f, -2f, 3f, 4f }, 1, 4)),
        new("b", TensorValue.Create(new float[] { 10, 20, 30, 40 }, 1, 4)),
    ]);

    [SkippableTheory]
    [InlineData(KeyAlgorithm.Ed25519)]
    [InlineData(KeyAlgorithm.EcdsaP256)]
    public void Key_id_is_the_sha256_of_the_token_public_keys_spki(KeyAlgorithm algorithm)
    {
        token.Require();
        using var signer = Pkcs11Signer.Open(token.Uri(algorithm));

        signer.Algorithm.ShouldBe(algorithm);
        signer.KeyId.ShouldBe(Sha256Digest.Compute(signer.PublicKey.ExportSubjectPublicKeyInfo()).ToString());
        // The same id a file key of this public key has: through its PEM, as a trust store or policy reads it.
        PublicKey.ImportPem(signer.PublicKey.ExportPem()).KeyId.ShouldBe(signer.KeyId);
        signer.TokenLabel.ShouldBe(token.Main.Label);
        signer.ToString().ShouldNotContain("?");
    }

    [SkippableTheory]
    [InlineData(KeyAlgorithm.Ed25519)]
    [InlineData(KeyAlgorithm.EcdsaP256)]
    public void Receipts_signed_on_the_token_verify_with_the_ordinary_verifier(KeyAlgorithm algorithm)
    {
        token.Require();
        using var signer = Pkcs11Signer.Open(token.Uri(algorithm));
        using var model = VerifiedModel.FromBytes(TestModels.AddMul(), new VerifiedModelOptions { Name = "add_mul.onnx" });
        var inputs = AddMulInputs();

        var result = model.Run(inputs, new InferenceOptions { Signer = signer, Nonce = "n-1" });

        result.Receipt.Envelope.Signatures.Single().KeyId.ShouldBe(signer.KeyId);
        var verifier = new ReceiptVerifier(TrustStore.For(signer.PublicKey));
        var options = new ReceiptVerificationOptions { Inputs = inputs, Outputs = result.Value, ExpectedNonce = "n-1", ExpectedModelDigest = model.Digest };
        verifier.Verify(result.Receipt.ToJson(), options).Succeeded.ShouldBeTrue();

        // A receipt that a different key signed does not verify under the token's key.
        using var other = SigningKey.Generate(algorithm);
        var forged = model.Run(inputs, new InferenceOptions { Signer = other, Nonce = "n-1" });
        verifier.Verify(forged.Receipt.ToJson(), options).Succeeded.ShouldBeFalse();
    }

    [SkippableFact]
    public void P256_signatures_are_der_and_ed25519_signatures_are_raw()
    {
        token.Require();
        using var p256 = Pkcs11Signer.Open(token.Uri(KeyAlgorithm.EcdsaP256));
        using var ed25519 = Pkcs11Signer.Open(token.Uri(KeyAlgorithm.Ed25519));
        var data = "DSSEv1 4 test 3 abc"u8.ToArray();

        var der = p256.Sign(data);
        der[0].ShouldBe((byte)0x30);
        p256.PublicKey.Verify(data, der).ShouldBeTrue();
        p256.PublicKey.Verify("other"u8, der).ShouldBeFalse();

        var raw = ed25519.Sign(data);
        raw.Length.ShouldBe(64);
        ed25519.PublicKey.Verify(data, raw).ShouldBeTrue();
        // Ed25519 is deterministic: the token signs the same bytes the same way.
        ed25519.Sign(data).ShouldBe(raw);
    }

    [SkippableFact]
    public void Receipts_signed_on_the_token_verify_in_the_python_verifier()
    {
        token.Require();
        const string Python = "/usr/bin/python3";
        if (!File.Exists(Python))
        {
            if (Environment.GetEnvironmentVariable("OPENVERIFY_CI") == "1")
            {
                Assert.Fail("OPENVERIFY_CI=1 and python3 is missing for the interop check.");
            }

            Skip.If(true, "python3 is not installed");
        }

        var files = new List<string>();
        foreach (var algorithm in new[] { KeyAlgorithm.Ed25519, KeyAlgorithm.EcdsaP256 })
        {
            using var signer = Pkcs11Signer.Open(token.Uri(algorithm));
            using var model = VerifiedModel.FromBytes(TestModels.AddMul(), new VerifiedModelOptions { Name = "add_mul.onnx" });
            var receipt = model.Run(AddMulInputs(), new InferenceOptions { Signer = signer }).Receipt;
            var stem = Path.Combine(_dir.FullName, algorithm.ToString());
            File.WriteAllText(stem + ".pub.pem", signer.PublicKey.ExportPem());
            File.WriteAllText(stem + ".receipt.json", receipt.ToJson());
            files.Add(stem);
        }

        var start = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(RepoRoot, "tests", "interop", "verify_receipts.py"));
        foreach (var stem in files)
        {
            start.ArgumentList.Add("--key");
            start.ArgumentList.Add(stem + ".pub.pem");
        }

        foreach (var stem in files)
        {
            start.ArgumentList.Add(stem + ".receipt.json");
        }

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd() + stderr.Result;
        process.WaitForExit();
        process.ExitCode.ShouldBe(0, output);
        output.ShouldContain(" 0 failed", Case.Sensitive, output);
    }

    [SkippableFact]
    public void Several_threads_sign_at_once_through_the_session_pool()
    {
        token.Require();
        using var ed25519 = Pkcs11Signer.Open(token.Uri(KeyAlgorithm.Ed25519));
        using var p256 = Pkcs11Signer.Open(token.Uri(KeyAlgorithm.EcdsaP256));
        const int Threads = 8;
        const int PerThread = 20;
        var failures = 0;
        using var start = new Barrier(Threads);
        var threads = Enumerable.Range(0, Threads).Select(t => new Thread(() =>
        {
            start.SignalAndWait();
            for (var i = 0; i < PerThread; i++)
            {
                var signer = (t + i) % 2 == 0 ? (ISigner)ed25519 : p256;
                var key = signer == ed25519 ? ed25519.PublicKey : p256.PublicKey;
                var data = System.Text.Encoding.UTF8.GetBytes($"thread {t} message {i}");
                if (!key.Verify(data, signer.Sign(data)))
                {
                    Interlocked.Increment(ref failures);
                }
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());

        failures.ShouldBe(0);
    }

    [SkippableFact]
    public void A_pin_from_an_environment_variable_works_and_a_missing_one_is_named()
    {
        token.Require();
        var variable = "OPENVERIFY_TEST_PIN_" + Guid.NewGuid().ToString("N");
        var uri = token.Main.Uri(TokenFixture.Ed25519Label, "env:" + variable);
        var error = Should.Throw<Pkcs11SignerException>(() => Pkcs11Signer.Open(uri));
        error.Message.ShouldContain("environment variable");
        ShouldNotLeak(error, uri);

        Environment.SetEnvironmentVariable(variable, token.Main.Pin);
        try
        {
            using var signer = Pkcs11Signer.Open(uri);
            signer.Algorithm.ShouldBe(KeyAlgorithm.Ed25519);
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }

    [SkippableFact]
    public void A_wrong_pin_is_refused_with_a_clear_message()
    {
        token.Require();
        var wrong = WritePinFile("wrong.pin", "not-the-pin-" + Guid.NewGuid().ToString("N"));
        var uri = token.Main.Uri(TokenFixture.Ed25519Label, "file:" + wrong);

        var error = Should.Throw<Pkcs11SignerException>(() => Pkcs11Signer.Open(uri));

        error.Message.ShouldContain("refused the PIN");
        error.ReturnValue.ShouldBe("CKR_PIN_INCORRECT");
        ShouldNotLeak(error, uri);
        error.Message.ShouldNotContain(wrong);
    }

    [SkippableFact]
    public void A_pin_file_others_can_read_is_refused()
    {
        token.Require();
        var loose = WritePinFile("loose.pin", token.Main.Pin);
        File.SetUnixFileMode(loose, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);
        var uri = token.Main.Uri(TokenFixture.Ed25519Label, "file:" + loose);

        var error = Should.Throw<Pkcs11SignerException>(() => Pkcs11Signer.Open(uri));

        error.Message.ShouldContain("chmod 600");
        ShouldNotLeak(error, uri);
    }

    [SkippableFact]
    public void A_missing_object_is_named_by_the_uri_path()
    {
        token.Require();
        var uri = token.Main.Uri("no-such-key");

        var error = Should.Throw<Pkcs11SignerException>(() => Pkcs11Signer.Open(uri));

        error.Message.ShouldContain("holds no private key");
        error.Message.ShouldContain($"pkcs11:token={token.Main.Label};object=no-such-key");
        ShouldNotLeak(error, uri);
    }

    [SkippableFact]
    public void Without_a_pin_source_the_login_is_asked_for()
    {
        token.Require();
        var uri = $"pkcs11:token={token.Main.Label};object={TokenFixture.Ed25519Label}?module-path={SoftHsm.ModulePath}";

        var error = Should.Throw<Pkcs11SignerException>(() => Pkcs11Signer.Open(uri));

        error.Message.ShouldContain("needs a login");
        error.Message.ShouldContain("pin-source=file:");
    }

    [SkippableFact]
    public void A_deleted_token_gives_a_clear_error_while_open_and_on_the_next_open()
    {
        token.Require();
        var uri = token.Doomed.Uri("doomed");
        using (var signer = Pkcs11Signer.Open(uri))
        {
            signer.Sign("before"u8).Length.ShouldBe(64);
            token.Hsm!.DeleteToken(token.Doomed.Label);

            var during = Should.Throw<Pkcs11SignerException>(() => signer.Sign("after"u8));
            ShouldNotLeak(during, uri);
        }

        var after = Should.Throw<Pkcs11SignerException>(() => Pkcs11Signer.Open(uri));
        after.Message.ShouldContain("No token matches");
        after.Message.ShouldContain(token.Main.Label);
        ShouldNotLeak(after, uri);
    }

    [SkippableFact]
    public void A_token_missing_from_the_configuration_is_reported()
    {
        token.Require();
        using var empty = SoftHsm.Create();
        try
        {
            var error = Should.Throw<Pkcs11SignerException>(() => Pkcs11Signer.Open(token.Uri(KeyAlgorithm.Ed25519)));
            error.Message.ShouldContain("No token matches");
            error.Message.ShouldContain("present: none");
        }
        finally
        {
            token.Hsm!.Use();
        }

        using var back = Pkcs11Signer.Open(token.Uri(KeyAlgorithm.Ed25519));
        back.Sign("x"u8).Length.ShouldBe(64);
    }

    [SkippableFact]
    public void Keygen_never_replaces_a_key()
    {
        token.Require();
        var error = Should.Throw<Pkcs11SignerException>(() => Pkcs11Signer.Generate(token.Uri(KeyAlgorithm.Ed25519), KeyAlgorithm.Ed25519));
        error.Message.ShouldContain("already holds a key");
    }

    [SkippableFact]
    public void A_generated_key_has_an_id_and_opens_by_it()
    {
        token.Require();
        var uri = $"pkcs11:token={token.Main.Label};object=by-id;id=%01%02%03?module-path={SoftHsm.ModulePath}&pin-source=file:{token.Main.PinFile}";
        string keyId;
        using (var created = Pkcs11Signer.Generate(uri, KeyAlgorithm.EcdsaP256))
        {
            keyId = created.KeyId;
        }

        using var byId = Pkcs11Signer.Open($"pkcs11:token={token.Main.Label};id=%01%02%03?module-path={SoftHsm.ModulePath}&pin-source=file:{token.Main.PinFile}");
        byId.KeyId.ShouldBe(keyId);
    }

    [SkippableFact]
    public void The_provider_claims_pkcs11_uris_and_opens_them()
    {
        token.Require();
        var provider = new Pkcs11SignerProvider();
        provider.CanOpen("PKCS11:token=x").ShouldBeTrue();
        provider.CanOpen("keys/receipts.key").ShouldBeFalse();

        var signer = provider.Open(token.Uri(KeyAlgorithm.EcdsaP256));
        try
        {
            signer.Algorithm.ShouldBe(KeyAlgorithm.EcdsaP256);
        }
        finally
        {
            ((IDisposable)signer).Dispose();
        }

        Should.Throw<ObjectDisposedException>(() => signer.Sign("x"u8));
    }

    private string WritePinFile(string name, string pin)
    {
        var path = Path.Combine(_dir.FullName, name);
        File.WriteAllText(path, pin + "\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return path;
    }

    /// <summary>No message in the chain holds a PIN or a value of the URI's query part. Checked without Shouldly's
    /// "should not contain X", whose failure message would print the PIN.</summary>
    private void ShouldNotLeak(Exception error, string uri)
    {
        var query = uri[(uri.IndexOf('?', StringComparison.Ordinal) + 1)..];
        var secrets = query.Split('&').Select(part => part[(part.IndexOf('=', StringComparison.Ordinal) + 1)..]).Append(token.Main.Pin).Append(token.Doomed.Pin);
        for (var e = error; e is not null; e = e.InnerException)
        {
            var leaks = secrets.Count(secret => e.Message.Contains(secret, StringComparison.Ordinal));
            Assert.True(leaks == 0, $"A {e.GetType().Name} message holds {leaks} PIN(s) or query value(s).");
        }
    }

    internal static string RepoRoot => typeof(Pkcs11SignerTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepoRoot").Value!;
}
