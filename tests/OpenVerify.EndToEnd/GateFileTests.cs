using OpenVerify.ModelSigning;
using OpenVerify.Testing;

namespace OpenVerify.EndToEnd;

/// <summary>
/// The lockfile gate as a user meets it: a fresh project with ONNX models under <c>models/</c>, locked with
/// <c>dotnet build -p:OpenVerifyUpdateLock=true</c>, then built after the models or the lockfile changed. Each test has
/// its own copy of the project, so they do not depend on one another.
/// </summary>
[Collection(PackedFeedCollection.Name)]
public sealed class GateFileTests(PackedFeed feed)
{
    private const string LockFileName = "openverify.lock.json";

    [Fact]
    public void A_locked_project_whose_models_match_builds()
    {
        var directory = Sample("locked-matching");
        var update = feed.DotNetIn(directory, "build", "-p:OpenVerifyUpdateLock=true");
        update.ExitCode.ShouldBe(0, update.ToString());
        var lockText = File.ReadAllText(Path.Combine(directory, LockFileName));
        lockText.ShouldContain("\"path\": \"models/add_mul.onnx\"");
        lockText.ShouldContain("\"path\": \"models/tiny.onnx\"");
        lockText.ShouldContain("\"digest\": \"" + Digest(directory, "models/add_mul.onnx") + "\"");
        lockText.IndexOf("models/add_mul.onnx", StringComparison.Ordinal).ShouldBeLessThan(lockText.IndexOf("models/tiny.onnx", StringComparison.Ordinal), "stable ordering");

        var build = feed.DotNetIn(directory, "build");
        build.ExitCode.ShouldBe(0, build.ToString());
        build.Output.ShouldNotContain("error OV2");
        File.ReadAllText(Path.Combine(directory, LockFileName)).ShouldBe(lockText, "a check never rewrites the lockfile");
    }

    [Fact]
    public void A_model_changed_after_locking_fails_with_OV2001_naming_both_digests()
    {
        var directory = Sample("model-changed");
        var update = feed.DotNetIn(directory, "build", "-p:OpenVerifyUpdateLock=true");
        update.ExitCode.ShouldBe(0, update.ToString());
        var locked = Digest(directory, "models/tiny.onnx");
        File.WriteAllBytes(Path.Combine(directory, "models", "tiny.onnx"), TestModels.AddMul());

        var build = feed.DotNetIn(directory, "build");
        build.ExitCode.ShouldNotBe(0, build.ToString());
        build.Output.ShouldContain("error OV2001");
        build.Output.ShouldContain("'models/tiny.onnx' differs from the lockfile: locked " + locked + ", actual " + Digest(directory, "models/tiny.onnx"));
        build.Output.ShouldNotContain("   at ", customMessage: "no stack trace");
    }

    [Fact]
    public void A_lock_entry_whose_model_is_gone_fails_with_OV2002_and_a_new_model_with_OV2001()
    {
        var directory = Sample("stale-entry");
        var update = feed.DotNetIn(directory, "build", "-p:OpenVerifyUpdateLock=true");
        update.ExitCode.ShouldBe(0, update.ToString());
        File.Move(Path.Combine(directory, "models", "tiny.onnx"), Path.Combine(directory, "models", "renamed.onnx"));

        var build = feed.DotNetIn(directory, "build");
        build.ExitCode.ShouldNotBe(0, build.ToString());
        build.Output.ShouldContain("error OV2002");
        build.Output.ShouldContain("The lockfile pins 'models/tiny.onnx'");
        build.Output.ShouldContain("error OV2001");
        build.Output.ShouldContain("The model 'models/renamed.onnx' is not in the lockfile");
    }

    [Fact]
    public void Strict_without_a_lockfile_fails_with_OV2009()
    {
        var directory = Sample("strict-no-lock");
        var build = feed.DotNetIn(directory, "build", "-p:OpenVerifyGate=strict");
        build.ExitCode.ShouldNotBe(0, build.ToString());
        build.Output.ShouldContain("OpenVerify gate: strict");
        build.Output.ShouldContain("error OV2009");
        build.Output.ShouldContain("needs a lockfile");
    }

    [Fact]
    public void Updating_the_lock_in_a_CI_build_is_refused_with_OV2010()
    {
        var directory = Sample("update-in-ci");
        var build = feed.DotNetIn(directory, "build", "-p:OpenVerifyUpdateLock=true", "-p:ContinuousIntegrationBuild=true");
        build.ExitCode.ShouldNotBe(0, build.ToString());
        build.Output.ShouldContain("error OV2010");
        File.Exists(Path.Combine(directory, LockFileName)).ShouldBeFalse();
    }

    [Fact]
    public void A_multi_targeted_project_writes_the_lockfile_once_from_its_outer_build()
    {
        var directory = Sample("multi-targeted");
        var project = Path.Combine(directory, "LockApp.csproj");
        File.WriteAllText(project, File.ReadAllText(project).Replace("<TargetFramework>net10.0</TargetFramework>", "<TargetFrameworks>net10.0</TargetFrameworks>", StringComparison.Ordinal));

        var update = feed.DotNetIn(directory, "build", "-p:OpenVerifyUpdateLock=true");
        update.ExitCode.ShouldBe(0, update.ToString());
        System.Text.RegularExpressions.Regex.Matches(update.Output, "OpenVerify: wrote ").Count.ShouldBe(1, update.ToString());
        update.Output.ShouldNotContain("lockfile up to date");
        File.ReadAllText(Path.Combine(directory, LockFileName)).ShouldContain("\"path\": \"models/tiny.onnx\"");

        var ci = feed.DotNetIn(directory, "build", "-p:OpenVerifyUpdateLock=true", "-p:ContinuousIntegrationBuild=true");
        ci.ExitCode.ShouldNotBe(0, ci.ToString());
        ci.Output.ShouldContain("error OV2010");
    }

    [Fact]
    public void A_malformed_lockfile_fails_with_OV2007_naming_the_file_and_line()
    {
        var directory = Sample("malformed-lock");
        File.WriteAllText(Path.Combine(directory, LockFileName), "{\n  \"version\": 1,\n  \"models\": [\n    { \"path\": \"models/tiny.onnx\", \n");

        var build = feed.DotNetIn(directory, "build");
        build.ExitCode.ShouldNotBe(0, build.ToString());
        build.Output.ShouldContain("error OV2007");
        build.Output.ShouldMatch(@"openverify\.lock\.json\(\d+\)");
        build.Output.ShouldNotContain("   at ", customMessage: "no stack trace");
    }

    [Fact]
    public void Signatures_are_checked_against_the_trust_policy_OV2004_and_OV2005()
    {
        var directory = Sample("signatures");
        using var publisher = SigningKey.Generate(KeyAlgorithm.EcdsaP256);
        using var stranger = SigningKey.Generate(KeyAlgorithm.EcdsaP256);
        var model = Path.Combine(directory, "models", "add_mul.onnx");
        File.Delete(Path.Combine(directory, "models", "tiny.onnx"));
        Policy(directory, publisher, "model-publisher");

        // Unsigned under a policy that requires a signature.
        var unsigned = feed.DotNetIn(directory, "build");
        unsigned.ExitCode.ShouldNotBe(0, unsigned.ToString());
        unsigned.Output.ShouldContain("error OV2004");
        unsigned.Output.ShouldContain("requires a signature for 'models/add_mul.onnx'");

        // Signed by the trusted publisher.
        ModelSignature.SignFile(model, publisher);
        var trusted = feed.DotNetIn(directory, "build");
        trusted.ExitCode.ShouldBe(0, trusted.ToString());
        var manifest = File.ReadAllText(Path.Combine(directory, "obj", "Debug", "net10.0", "openverify.models.txt"));
        manifest.ShouldContain("\tsignature=sha256:");
        manifest.ShouldContain("\tpublisher=" + publisher.KeyId.Replace(":", "%3A", StringComparison.Ordinal));

        // Signed by a key the policy does not know.
        ModelSignature.SignFile(model, stranger);
        var untrusted = feed.DotNetIn(directory, "build");
        untrusted.ExitCode.ShouldNotBe(0, untrusted.ToString());
        untrusted.Output.ShouldContain("error OV2005");
        untrusted.Output.ShouldContain("UntrustedKey");

        // Signed by a key the policy trusts only to sign receipts.
        ModelSignature.SignFile(model, publisher);
        Policy(directory, publisher, "receipt-signer");
        var receiptSigner = feed.DotNetIn(directory, "build");
        receiptSigner.ExitCode.ShouldNotBe(0, receiptSigner.ToString());
        receiptSigner.Output.ShouldContain("error OV2005");
        receiptSigner.Output.ShouldContain("WrongRole");

        // Strict, locked, and no rule covers the model.
        Policy(directory, publisher, "model-publisher", match: "vision/**", required: false);
        feed.DotNetIn(directory, "build", "-p:OpenVerifyUpdateLock=true").ExitCode.ShouldBe(0);
        var uncovered = feed.DotNetIn(directory, "build", "-p:OpenVerifyGate=strict");
        uncovered.ExitCode.ShouldNotBe(0, uncovered.ToString());
        uncovered.Output.ShouldContain("error OV2004");
        uncovered.Output.ShouldContain("No rule of the trust policy covers 'models/add_mul.onnx'");
        uncovered.Output.ShouldNotContain("   at ", customMessage: "no stack trace");
    }

    private static void Policy(string directory, SigningKey key, string role, string match = "models/**", bool required = true) =>
        File.WriteAllText(Path.Combine(directory, TrustPolicy.DefaultFileName), new TrustPolicy(
            [new TrustPolicyKey(key.PublicKey.ExportSubjectPublicKeyInfo(), role, ["**"])],
            [new TrustPolicyRule([match], required)]).ToJson());

    private string Sample(string name)
    {
        var source = Path.Combine(AppContext.BaseDirectory, "Assets", "LockApp");
        var target = Path.Combine(feed.Root, "gate-" + name);
        Directory.CreateDirectory(Path.Combine(target, "models"));
        foreach (var file in Directory.EnumerateFiles(source))
        {
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)), overwrite: true);
        }

        File.WriteAllBytes(Path.Combine(target, "models", "add_mul.onnx"), TestModels.AddMul());
        File.WriteAllBytes(Path.Combine(target, "models", "tiny.onnx"), TestModels.Tiny());
        return target;
    }

    private static string Digest(string directory, string model) =>
        "sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(Path.Combine(directory, model))));
}
