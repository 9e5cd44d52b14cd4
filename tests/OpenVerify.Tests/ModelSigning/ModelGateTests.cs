using OpenVerify.ModelSigning;

namespace OpenVerify.Tests.ModelSigning;

/// <summary>The build gate's decision logic, one case per outcome of issue 7 (the MSBuild wiring calls this).</summary>
public sealed class ModelGateTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("openverify-gate-");
    private readonly SigningKey _publisher = SigningKey.Generate(KeyAlgorithm.EcdsaP256);

    public void Dispose()
    {
        _publisher.Dispose();
        _dir.Delete(recursive: true);
    }

    private string LockPath => Path.Combine(_dir.FullName, ModelLockFile.DefaultFileName);

    private string PolicyPath => Path.Combine(_dir.FullName, TrustPolicy.DefaultFileName);

    private GateModel Model(string name, string content)
    {
        var file = Path.Combine(_dir.FullName, name);
        File.WriteAllText(file, content);
        return new GateModel("models/" + name, file, Sha256Digest.ComputeFile(file).ToString(), content.Length, "sha256:" + new string('0', 64));
    }

    private void Lock(params GateModel[] models) => new ModelLockFile(models.Select(m => new ModelLockEntry(m.Path, m.Digest, m.Size, m.IoSignature))).Save(LockPath);

    private void Policy(string role = "model-publisher", bool required = true, string match = "models/**", DateTimeOffset? expires = null) =>
        File.WriteAllText(PolicyPath, new TrustPolicy(
            [new TrustPolicyKey(_publisher.PublicKey.ExportSubjectPublicKeyInfo(), role, ["**"])],
            [new TrustPolicyRule([match], required)], null, expires).ToJson());

    private GateResult Evaluate(bool strict = false, params GateModel[] models) => ModelGate.Evaluate(models, LockPath, locked: true, PolicyPath, strict, Now);

    [Fact]
    public void Locked_and_matching_passes_model_changed_missing_and_stale_fail()
    {
        var a = Model("a.onnx", "a");
        var b = Model("b.onnx", "b");
        Lock(a, b);
        Evaluate(false, a, b).Diagnostics.ShouldBeEmpty();

        var changed = Model("a.onnx", "a2");
        var d = Evaluate(false, changed, b).Diagnostics.Single();
        d.Id.ShouldBe("OV2001");
        d.Message.ShouldContain(a.Digest);
        d.Message.ShouldContain(changed.Digest);
        d.Line.ShouldBe(4);

        var c = Model("c.onnx", "c");
        Evaluate(false, a, b, c).Diagnostics.Single().Id.ShouldBe("OV2001");
        Evaluate(false, a).Diagnostics.Single().Id.ShouldBe("OV2002");
    }

    [Fact]
    public void Strict_without_lockfile_fails()
    {
        Evaluate(true, Model("a.onnx", "a")).Diagnostics.Select(x => x.Id).ShouldContain("OV2009");
    }

    [Fact]
    public void Signatures_trusted_untrusted_receipt_role_and_missing()
    {
        var a = Model("a.onnx", "a");
        Policy();
        Evaluate(false, a).Diagnostics.Single().Id.ShouldBe("OV2004");

        ModelSignature.SignFile(a.File, _publisher);
        var ok = Evaluate(false, a);
        ok.Diagnostics.ShouldBeEmpty();
        ok.Signatures["models/a.onnx"].PublisherKeyId.ShouldBe(_publisher.KeyId);

        using var other = SigningKey.Generate(KeyAlgorithm.EcdsaP256);
        ModelSignature.SignFile(a.File, other);
        Evaluate(false, a).Diagnostics.Single().Message.ShouldContain("UntrustedKey");

        ModelSignature.SignFile(a.File, _publisher);
        Policy(role: "receipt-signer");
        var role = Evaluate(false, a).Diagnostics.Single();
        role.Id.ShouldBe("OV2005");
        role.Message.ShouldContain("WrongRole");
    }

    [Fact]
    public void Strict_uncovered_model_malformed_files_and_expired_policy()
    {
        var a = Model("a.onnx", "a");
        Lock(a);
        Policy(match: "vision/**", required: false);
        Evaluate(true, a).Diagnostics.Single().Id.ShouldBe("OV2004");

        File.WriteAllText(a.File + ".sig", "{\n  \"mediaType\": 1,\n  \"mediaType\": 2\n}");
        Policy();
        var sig = Evaluate(false, a).Diagnostics.Single();
        sig.Id.ShouldBe("OV2007");
        sig.Line.ShouldBe(3);

        File.WriteAllText(LockPath, "{\n  \"version\": 1,\n  \"models\": 5\n}");
        var lockDiagnostic = Evaluate(false, a).Diagnostics.First();
        lockDiagnostic.Id.ShouldBe("OV2007");
        lockDiagnostic.File.ShouldBe(LockPath);
        lockDiagnostic.Line.ShouldBe(3);

        File.Delete(LockPath);
        File.Delete(a.File + ".sig");
        Policy(expires: Now.AddDays(-1));
        Evaluate(false, a).Diagnostics.Single().Message.ShouldContain("expired");
    }

    [Fact]
    public void A_locked_publisher_replaced_by_another_trusted_publisher_or_removed_fails_like_a_digest_change()
    {
        using var second = SigningKey.Generate(KeyAlgorithm.EcdsaP256);
        var a = Model("a.onnx", "a");
        File.WriteAllText(PolicyPath, new TrustPolicy(
            [new TrustPolicyKey(_publisher.PublicKey.ExportSubjectPublicKeyInfo(), "model-publisher", ["**"]),
             new TrustPolicyKey(second.PublicKey.ExportSubjectPublicKeyInfo(), "model-publisher", ["**"])],
            [new TrustPolicyRule(["models/**"], signatureRequired: false)]).ToJson());
        ModelSignature.SignFile(a.File, _publisher);
        new ModelLockFile([new ModelLockEntry(a.Path, a.Digest, a.Size, a.IoSignature, _publisher.KeyId)]).Save(LockPath);
        Evaluate(true, a).Diagnostics.ShouldBeEmpty();

        // Both publishers are trusted, so the signature alone verifies; only the lock knows who was reviewed.
        ModelSignature.SignFile(a.File, second);
        var replaced = Evaluate(false, a).Diagnostics.Single();
        replaced.Id.ShouldBe("OV2001");
        replaced.File.ShouldBe(LockPath);
        replaced.Line.ShouldBe(4);
        replaced.Message.ShouldContain("The publisher of 'models/a.onnx' differs from the lockfile: locked " + _publisher.KeyId + ", actual " + second.KeyId);

        // The model is optional under the policy, so a deleted signature is no OV2004; the lock still catches it.
        File.Delete(a.File + ".sig");
        var removed = Evaluate(false, a).Diagnostics.Single();
        removed.Id.ShouldBe("OV2001");
        removed.Message.ShouldContain("locked " + _publisher.KeyId + ", actual (unsigned:");

        // Signed where the lock says unsigned is a change too.
        ModelSignature.SignFile(a.File, second);
        Lock(a);
        Evaluate(false, a).Diagnostics.Single().Message.ShouldContain("locked (unsigned), actual " + second.KeyId);

        // A recorded publisher with the policy gone cannot be checked: refused, not skipped.
        new ModelLockFile([new ModelLockEntry(a.Path, a.Digest, a.Size, a.IoSignature, second.KeyId)]).Save(LockPath);
        Evaluate(false, a).Diagnostics.ShouldBeEmpty();
        File.Delete(PolicyPath);
        var noPolicy = Evaluate(false, a).Diagnostics.Single();
        noPolicy.Id.ShouldBe("OV2001");
        noPolicy.Message.ShouldContain("no trust policy to verify who signed");
    }

    [Fact]
    public void Strict_without_a_trust_policy_fails_with_OV2009_when_there_are_models()
    {
        var a = Model("a.onnx", "a");
        Lock(a);
        var missing = Evaluate(true, a).Diagnostics.Single();
        missing.Id.ShouldBe("OV2009");
        missing.File.ShouldBe(PolicyPath);
        missing.Message.ShouldContain("needs a trust policy");
        Evaluate(false, a).Diagnostics.ShouldBeEmpty("warn without a policy checks the lock only");

        Policy(required: false);
        Evaluate(true, a).Diagnostics.ShouldBeEmpty();

        new ModelLockFile([]).Save(LockPath);
        File.Delete(PolicyPath);
        Evaluate(true).Diagnostics.ShouldBeEmpty("no model, nothing to sign");
    }
}
