using System.Text.Json;
using Microsoft.ML;
using OpenVerify.ModelSigning;
using OpenVerify.Testing;

namespace OpenVerify.Cli.Tests;

/// <summary><c>sign-model</c>, <c>verify-model</c> and <c>lock</c>.</summary>
public sealed class ModelGateTests : IDisposable
{
    private readonly CliRunner _runner = new();

    public void Dispose() => _runner.Dispose();

    private string Project()
    {
        Directory.CreateDirectory(_runner.PathOf("app", "models"));
        File.WriteAllText(_runner.PathOf("app", "App.csproj"), "<Project Sdk=\"Microsoft.NET.Sdk\" />");
        File.WriteAllBytes(_runner.PathOf("app", "models", "add_mul.onnx"), TestModels.AddMul());
        File.WriteAllBytes(_runner.PathOf("app", "models", "mixed.onnx"), TestModels.MixedTypes());
        return _runner.PathOf("app");
    }

    private void WritePolicy(string directory, string publisherPub, string role = "model-publisher", string scope = "models/**", string signature = "required")
    {
        var key = PublicKey.Load(publisherPub);
        var policy = new TrustPolicy([new TrustPolicyKey(key.ExportSubjectPublicKeyInfo(), role, [scope])], [new TrustPolicyRule(["models/**"], signature == "required")]);
        File.WriteAllText(Path.Combine(directory, TrustPolicy.DefaultFileName), policy.ToJson());
    }

    [Fact]
    public async Task Sign_model_then_verify_model_round_trip()
    {
        var (key, pub) = await _runner.KeyPair("publisher", "ecdsa-p256");
        var model = _runner.WriteModel("add_mul.onnx", TestModels.AddMul());

        var sign = await CliRunner.Run("sign-model", model, "--key", key);
        sign.ExitCode.ShouldBe(0, sign.ToString());
        sign.ShouldHaveNoControlCodes();
        File.Exists(model + ".sig").ShouldBeTrue();
        sign.Stdout.ShouldContain($"Publisher key id: {PublicKey.Load(pub).KeyId}");

        var verify = await CliRunner.Run("verify-model", model, "--trust", pub, "--json");
        verify.ExitCode.ShouldBe(0, verify.ToString());
        using var json = JsonDocument.Parse(verify.Stdout);
        json.RootElement.GetProperty("verified").GetBoolean().ShouldBeTrue();
        json.RootElement.GetProperty("publisherKeyId").GetString().ShouldBe(PublicKey.Load(pub).KeyId);
        json.RootElement.GetProperty("signatureDigest").GetString().ShouldBe(Sha256Digest.ComputeFile(model + ".sig").ToString());
    }

    [Fact]
    public async Task Sign_model_writes_to_out_and_refuses_an_ed25519_key()
    {
        var (key, pub) = await _runner.KeyPair("publisher", "ecdsa-p256");
        var (edKey, _) = await _runner.KeyPair("receipts", "ed25519");
        var model = _runner.WriteModel("m.onnx", TestModels.AddMul());
        var output = _runner.PathOf("elsewhere.sig");

        (await CliRunner.Run("sign-model", model, "--key", key, "--out", output)).ExitCode.ShouldBe(0);
        File.Exists(output).ShouldBeTrue();
        (await CliRunner.Run("verify-model", model, "--trust", pub, "--signature", output)).ExitCode.ShouldBe(0);

        (await CliRunner.Run("sign-model", model, "--key", edKey)).ShouldBeUsageError("ECDSA P-256");
    }

    [Fact]
    public async Task Verify_model_fails_for_an_untrusted_key_a_receipt_key_a_scope_and_a_changed_model()
    {
        var (key, pub) = await _runner.KeyPair("publisher", "ecdsa-p256");
        var (_, otherPub) = await _runner.KeyPair("other", "ecdsa-p256");
        var model = _runner.WriteModel("add_mul.onnx", TestModels.AddMul());
        (await CliRunner.Run("sign-model", model, "--key", key)).ExitCode.ShouldBe(0);

        var untrusted = await CliRunner.Run("verify-model", model, "--trust", otherPub);
        untrusted.ExitCode.ShouldBe(1, untrusted.ToString());
        untrusted.Stdout.ShouldContain("NOT VERIFIED (UntrustedKey)");

        WritePolicy(_runner.Directory, pub, role: "receipt-signer");
        var receiptKey = await CliRunner.Run("verify-model", model, "--policy", _runner.PathOf(TrustPolicy.DefaultFileName));
        receiptKey.ExitCode.ShouldBe(1, receiptKey.ToString());
        receiptKey.Stdout.ShouldContain("NOT VERIFIED (WrongRole)");

        var scope = await CliRunner.Run("verify-model", model, "--trust", pub, "--scope", "vision/**", "--as", "models/add_mul.onnx");
        scope.ExitCode.ShouldBe(1, scope.ToString());
        scope.Stdout.ShouldContain("OutOfScope");

        File.AppendAllText(model, "x");
        var changed = await CliRunner.Run("verify-model", model, "--trust", pub);
        changed.ExitCode.ShouldBe(1, changed.ToString());
        changed.Stdout.ShouldContain("SubjectMismatch");
    }

    [Fact]
    public async Task Verify_model_refuses_an_expired_trust_policy_as_the_gate_does()
    {
        var (key, pub) = await _runner.KeyPair("publisher", "ecdsa-p256");
        var model = _runner.WriteModel("add_mul.onnx", TestModels.AddMul());
        (await CliRunner.Run("sign-model", model, "--key", key)).ExitCode.ShouldBe(0);
        var publisher = PublicKey.Load(pub).ExportSubjectPublicKeyInfo();
        var expired = new TrustPolicy([new TrustPolicyKey(publisher, "model-publisher", ["models/**"])], [], expires: new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero));
        File.WriteAllText(_runner.PathOf("expired.json"), expired.ToJson());

        var result = await CliRunner.Run("verify-model", model, "--policy", _runner.PathOf("expired.json"), "--as", "models/add_mul.onnx");
        result.ShouldBeUsageError("expired at 2020-01-01T00:00:00Z");
        result.Stdout.ShouldNotContain("VERIFIED");

        var renewed = new TrustPolicy(expired.Keys, [], expires: DateTimeOffset.UtcNow.AddDays(30));
        File.WriteAllText(_runner.PathOf("renewed.json"), renewed.ToJson());
        var ok = await CliRunner.Run("verify-model", model, "--policy", _runner.PathOf("renewed.json"), "--as", "models/add_mul.onnx");
        ok.ExitCode.ShouldBe(0, ok.ToString());
    }

    [Fact]
    public async Task Verify_model_usage_errors()
    {
        var (_, pub) = await _runner.KeyPair("publisher", "ecdsa-p256");
        var model = _runner.WriteModel("add_mul.onnx", TestModels.AddMul());

        (await CliRunner.Run("verify-model", model)).ShouldBeUsageError("--trust");
        (await CliRunner.Run("verify-model", model, "--trust", pub)).ShouldBeUsageError("does not exist");
        File.WriteAllText(_runner.PathOf("bad.trust.json"), "{\n  \"version\": 1,\n  \"keys\": [],\n  \"keys\": []\n}");
        (await CliRunner.Run("verify-model", model, "--policy", _runner.PathOf("bad.trust.json"))).ShouldBeUsageError("bad.trust.json(4)");
    }

    [Fact]
    public async Task Lock_writes_a_stable_lockfile_from_the_models_and_check_catches_a_change()
    {
        var project = Project();
        Directory.CreateDirectory(Path.Combine(project, "bin"));
        File.WriteAllBytes(Path.Combine(project, "bin", "copy.onnx"), TestModels.AddMul());

        var first = await CliRunner.Run("lock", Path.Combine(project, "App.csproj"));
        first.ExitCode.ShouldBe(0, first.ToString());
        var lockPath = Path.Combine(project, ModelLockFile.DefaultFileName);
        var lockfile = ModelLockFile.Load(lockPath);
        lockfile.Models.Select(m => m.Path).ShouldBe(["models/add_mul.onnx", "models/mixed.onnx"]);
        var entry = lockfile.Models[0];
        entry.Digest.ShouldBe(Sha256Digest.Compute(TestModels.AddMul()).ToString());
        entry.Size.ShouldBe(TestModels.AddMul().Length);
        entry.PublisherKeyId.ShouldBeNull();
        entry.IoSignature.ShouldBe(ModelLockFile.IoSignatureDigest("a:float[1,4];b:float[1,4]", "sum:float[1,4];product:float[1,4]"));

        var again = await CliRunner.Run("lock", project);
        again.Stdout.ShouldContain("up to date");
        (await CliRunner.Run("lock", project, "--check")).ExitCode.ShouldBe(0);

        File.WriteAllBytes(Path.Combine(project, "models", "mixed.onnx"), TestModels.AddMul());
        var check = await CliRunner.Run("lock", project, "--check");
        check.ExitCode.ShouldBe(1, check.ToString());
        check.Stdout.ShouldContain("out of date");
        ModelLockFile.Load(lockPath).Models[1].Digest.ShouldBe(Sha256Digest.Compute(TestModels.MixedTypes()).ToString());
    }

    [Fact]
    public async Task Lock_check_fails_where_the_build_would_on_a_missing_required_signature()
    {
        // The policy requires signatures for models/**; only add_mul.onnx is signed. The lockfile alone would be "up to
        // date", but the build's gate reports mixed.onnx (OV2004): lock --check must agree with the build.
        var project = Project();
        var (key, pub) = await _runner.KeyPair("publisher", "ecdsa-p256");
        WritePolicy(project, pub);
        (await CliRunner.Run("sign-model", Path.Combine(project, "models", "add_mul.onnx"), "--key", key)).ExitCode.ShouldBe(0);

        var locked = await CliRunner.Run("lock", project);
        locked.ExitCode.ShouldBe(0, locked.ToString());
        locked.Stdout.ShouldContain("build: OV2004");

        var lockPath = Path.Combine(project, ModelLockFile.DefaultFileName);
        var gateModels = ModelLockFile.Load(lockPath).Models
            .Select(m => new GateModel(m.Path, Path.Combine(project, m.Path), m.Digest, m.Size, m.IoSignature)).ToList();
        var build = ModelGate.Evaluate(gateModels, lockPath, locked: true, Path.Combine(project, TrustPolicy.DefaultFileName), strict: false, DateTimeOffset.UtcNow);
        build.Diagnostics.ShouldHaveSingleItem().Id.ShouldBe(OpenVerify.Diagnostics.DiagnosticIds.SignatureRequired);

        var check = await CliRunner.Run("lock", project, "--check", "--json");
        check.ExitCode.ShouldBe(1, check.ToString());
        using (var json = JsonDocument.Parse(check.Stdout))
        {
            json.RootElement.GetProperty("upToDate").GetBoolean().ShouldBeTrue();
            var reported = json.RootElement.GetProperty("build").EnumerateArray().ShouldHaveSingleItem();
            reported.GetProperty("id").GetString().ShouldBe("OV2004");
            reported.GetProperty("message").GetString()!.ShouldContain("models/mixed.onnx");
        }

        // Signed and locked again, lock --check and the build both accept it.
        (await CliRunner.Run("sign-model", Path.Combine(project, "models", "mixed.onnx"), "--key", key)).ExitCode.ShouldBe(0);
        (await CliRunner.Run("lock", project)).ExitCode.ShouldBe(0);
        var after = await CliRunner.Run("lock", project, "--check");
        after.ExitCode.ShouldBe(0, after.ToString());
        ModelGate.Evaluate(gateModels, lockPath, locked: true, Path.Combine(project, TrustPolicy.DefaultFileName), strict: false, DateTimeOffset.UtcNow)
            .Diagnostics.ShouldBeEmpty();
    }

    [Fact]
    public async Task Lock_records_the_verified_publisher_and_refuses_a_bad_signature()
    {
        var project = Project();
        var (key, pub) = await _runner.KeyPair("publisher", "ecdsa-p256");
        WritePolicy(project, pub);
        var model = Path.Combine(project, "models", "add_mul.onnx");
        (await CliRunner.Run("sign-model", model, "--key", key)).ExitCode.ShouldBe(0);

        var locked = await CliRunner.Run("lock", project, "--json");
        locked.ExitCode.ShouldBe(0, locked.ToString());
        var lockfile = ModelLockFile.Load(Path.Combine(project, ModelLockFile.DefaultFileName));
        lockfile.Find("models/add_mul.onnx")!.PublisherKeyId.ShouldBe(PublicKey.Load(pub).KeyId);
        lockfile.Find("models/mixed.onnx")!.PublisherKeyId.ShouldBeNull();

        var (otherKey, _) = await _runner.KeyPair("other", "ecdsa-p256");
        (await CliRunner.Run("sign-model", model, "--key", otherKey)).ExitCode.ShouldBe(0);
        (await CliRunner.Run("lock", project)).ShouldBeUsageError("does not verify (UntrustedKey)");
    }

    [Fact]
    public async Task Lock_prefers_the_build_manifest()
    {
        var project = Project();
        var digest = Sha256Digest.Compute(TestModels.AddMul());
        Directory.CreateDirectory(Path.Combine(project, "obj", "Debug", "net10.0"));
        File.WriteAllText(Path.Combine(project, "obj", "Debug", "net10.0", "openverify.models.txt"),
            "# openverify-model-manifest v1\n" +
            $"model\tpath=models/add_mul.onnx\tdigest={digest}\ttarget=models/add_mul.onnx\tresource=\tir=8\tproducer=x\topsets=ai.onnx:17\tinputs=a:float[1,4]\toutputs=sum:float[1,4]\n");

        var result = await CliRunner.Run("lock", project);

        result.ExitCode.ShouldBe(0, result.ToString());
        result.Stdout.ShouldContain("obj/Debug/net10.0/openverify.models.txt");
        var lockfile = ModelLockFile.Load(Path.Combine(project, ModelLockFile.DefaultFileName));
        lockfile.Models.Count.ShouldBe(1);
        lockfile.Models[0].IoSignature.ShouldBe(ModelLockFile.IoSignatureDigest("a:float[1,4]", "sum:float[1,4]"));
    }
}

/// <summary>The gate over an ML.NET model zip: detected by content, pinned by digest, signed and checked like an ONNX model.</summary>
public sealed class MLNetModelGateTests : IDisposable
{
    private readonly CliRunner _runner = new();

    public void Dispose() => _runner.Dispose();

    public sealed class Row
    {
        [Microsoft.ML.Data.VectorType(2)]
        public float[] Features { get; set; } = [];

        public float Label { get; set; }
    }

    /// <summary>A real model saved by <c>MLContext.Model.Save</c>.</summary>
    private static readonly Lazy<byte[]> Trained = new(() =>
    {
        var ml = new Microsoft.ML.MLContext(seed: 1);
        var rows = Enumerable.Range(0, 20).Select(i => new Row { Features = [i % 5, i % 3], Label = (i % 5) - (i % 3) }).ToArray();
        var data = ml.Data.LoadFromEnumerable(rows);
        var model = ml.Regression.Trainers.Sdca(maximumNumberOfIterations: 5).Fit(data);
        using var stream = new MemoryStream();
        ml.Model.Save(model, data.Schema, stream);
        return stream.ToArray();
    });

    private static byte[] PlainZip()
    {
        using var stream = new MemoryStream();
        using (var archive = new System.IO.Compression.ZipArchive(stream, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        using (var writer = new StreamWriter(archive.CreateEntry("readme.txt").Open()))
        {
            writer.Write("not a model");
        }

        return stream.ToArray();
    }

    [Fact]
    public void An_MLNet_zip_is_detected_by_content_or_by_metadata_and_nothing_else_is()
    {
        using (var mlnet = new MemoryStream(Trained.Value))
        {
            ModelFileFormat.IsMLNetZip(mlnet).ShouldBeTrue();
            mlnet.Position.ShouldBe(0);
            ModelFileFormat.Detect(mlnet, null).ShouldBe(ModelFormat.MLNet);
            ModelFileFormat.Detect(mlnet, "onnx").ShouldBe(ModelFormat.Onnx);
        }

        using (var onnx = new MemoryStream(TestModels.AddMul()))
        {
            ModelFileFormat.Detect(onnx, string.Empty).ShouldBe(ModelFormat.Onnx);
            ModelFileFormat.Detect(onnx, "MLNet").ShouldBe(ModelFormat.MLNet);
            Should.Throw<ArgumentException>(() => ModelFileFormat.Detect(onnx, "tensorflow")).Message.ShouldContain("'onnx' or 'mlnet'");
        }

        using (var plain = new MemoryStream(PlainZip()))
        {
            ModelFileFormat.IsMLNetZip(plain).ShouldBeFalse();
        }

        // A truncated zip (the magic, then garbage) is not ML.NET; the ONNX reader then reports it as unreadable.
        using (var broken = new MemoryStream([0x50, 0x4B, 0x03, 0x04, 1, 2, 3]))
        {
            ModelFileFormat.IsMLNetZip(broken).ShouldBeFalse();
        }
    }

    [Fact]
    public async Task Sign_model_and_verify_model_work_on_an_MLNet_zip()
    {
        var (key, pub) = await _runner.KeyPair("publisher", "ecdsa-p256");
        var model = _runner.WriteModel("sdca.zip", Trained.Value);

        var sign = await CliRunner.Run("sign-model", model, "--key", key);
        sign.ExitCode.ShouldBe(0, sign.ToString());
        var verify = await CliRunner.Run("verify-model", model, "--trust", pub, "--json");
        verify.ExitCode.ShouldBe(0, verify.ToString());
        using (var json = JsonDocument.Parse(verify.Stdout))
        {
            json.RootElement.GetProperty("verified").GetBoolean().ShouldBeTrue();
        }

        var changed = (byte[])Trained.Value.Clone();
        changed[changed.Length / 2] ^= 1;
        File.WriteAllBytes(model, changed);
        (await CliRunner.Run("verify-model", model, "--trust", pub)).ExitCode.ShouldNotBe(0);
    }

    [Fact]
    public async Task Lock_pins_an_MLNet_zip_and_the_gate_reports_a_changed_one()
    {
        var project = _runner.PathOf("app");
        Directory.CreateDirectory(Path.Combine(project, "models"));
        File.WriteAllText(Path.Combine(project, "App.csproj"), "<Project Sdk=\"Microsoft.NET.Sdk\" />");
        var zip = Path.Combine(project, "models", "sdca.zip");
        File.WriteAllBytes(zip, Trained.Value);
        var digest = Sha256Digest.Compute(Trained.Value);
        // The line WriteModelManifest writes for an ML.NET model (docs/spec/model-manifest.md).
        Directory.CreateDirectory(Path.Combine(project, "obj", "Debug", "net10.0"));
        File.WriteAllText(Path.Combine(project, "obj", "Debug", "net10.0", "openverify.models.txt"),
            $"# openverify-model-manifest v1\nmodel\tpath=models/sdca.zip\tdigest={digest}\ttarget=models/sdca.zip\tresource=\tformat=mlnet\n");

        var locked = await CliRunner.Run("lock", project);
        locked.ExitCode.ShouldBe(0, locked.ToString());
        var lockPath = Path.Combine(project, ModelLockFile.DefaultFileName);
        var entry = ModelLockFile.Load(lockPath).Models.ShouldHaveSingleItem();
        entry.Path.ShouldBe("models/sdca.zip");
        entry.Digest.ShouldBe(digest.ToString());
        entry.Size.ShouldBe(Trained.Value.Length);
        entry.IoSignature.ShouldBe(ModelLockFile.IoSignatureDigest(string.Empty, string.Empty));
        (await CliRunner.Run("lock", project, "--check")).ExitCode.ShouldBe(0);

        // What CheckModelGate does in the build: hash the file as it is now and evaluate it against the lockfile.
        var changed = (byte[])Trained.Value.Clone();
        changed[changed.Length / 2] ^= 1;
        File.WriteAllBytes(zip, changed);
        var now = new GateModel("models/sdca.zip", zip, Sha256Digest.Compute(changed).ToString(), changed.Length, ModelLockFile.IoSignatureDigest(string.Empty, string.Empty));
        var gate = ModelGate.Evaluate([now], lockPath, locked: true, string.Empty, strict: false, DateTimeOffset.UtcNow);
        var diagnostic = gate.Diagnostics.ShouldHaveSingleItem();
        diagnostic.Id.ShouldBe(OpenVerify.Diagnostics.DiagnosticIds.LockMismatch);
        diagnostic.Message.ShouldContain("models/sdca.zip");
        (await CliRunner.Run("lock", project, "--check")).ExitCode.ShouldNotBe(0);
    }
}
