using OpenVerify.ModelSigning;
using OpenVerify.Testing;

namespace OpenVerify.EndToEnd;

/// <summary>
/// The strict gate against every way a project could lower it (issue 12, defects 7, 9 and 10): a locked project with a
/// trust policy and an unverified <c>InferenceSession.Run</c>, built with <c>-p:OpenVerifyGate=strict</c> after the
/// project removes our analyzers, suppresses our diagnostics or re-declares the gate. Each must fail; a clean project
/// must still build, with the analyzers' proof in the compiler's error log.
/// </summary>
[Collection(PackedFeedCollection.Name)]
public sealed class GateProofTests(PackedFeed feed)
{
    private const string DropAnalyzers = """
        <Target Name="DropOV" BeforeTargets="CoreCompile"><ItemGroup><Analyzer Remove="@(Analyzer)" Condition="$([System.String]::Copy('%(Filename)').StartsWith('OpenVerify'))" /></ItemGroup></Target>
        """;

    private const string UnverifiedCall = """
        using Microsoft.ML.OnnxRuntime;

        if (args.Length > 0)
        {
            using var session = new InferenceSession(args[0]);
            using var results = session.Run(new List<NamedOnnxValue>());
        }
        """;

    [Fact]
    public void A_clean_strict_project_builds_and_the_error_log_holds_the_analyzers_proof()
    {
        var directory = Sample("clean", program: "Console.WriteLine(\"clean\");");
        var build = Strict(directory);
        build.ExitCode.ShouldBe(0, build.ToString());
        File.ReadAllText(Path.Combine(directory, "obj", "Debug", "net10.0", "openverify.gate.sarif")).ShouldContain("OV2011");

        var again = Strict(directory);
        again.ExitCode.ShouldBe(0, again.ToString());
    }

    [Fact]
    public void Removing_the_analyzers_in_a_target_fails_with_OV2008_in_the_project_and_in_Directory_Build_targets()
    {
        var inProject = Sample("drop-in-project", projectExtra: DropAnalyzers);
        var build = Strict(inProject);
        build.ExitCode.ShouldNotBe(0, build.ToString());
        build.Output.ShouldContain("error OV2008");
        build.Output.ShouldContain("the OpenVerify analyzers did not run on 'LockApp'");

        var inDirectoryTargets = Sample("drop-in-directory-targets");
        File.WriteAllText(Path.Combine(inDirectoryTargets, "Directory.Build.targets"), "<Project>" + DropAnalyzers + "</Project>\n");
        var fromTargets = Strict(inDirectoryTargets);
        fromTargets.ExitCode.ShouldNotBe(0, fromTargets.ToString());
        fromTargets.Output.ShouldContain("error OV2008");
    }

    [Fact]
    public void SuppressMessage_of_an_OpenVerify_rule_fails_with_OV1010_under_strict()
    {
        var directory = Sample("suppress-message", program: UnverifiedCall.Replace("if (args", "[System.Diagnostics.CodeAnalysis.SuppressMessage(\"OpenVerify\", \"OV0001\")] static void Nothing() { }\nif (args", StringComparison.Ordinal));
        File.WriteAllText(Path.Combine(directory, "GlobalSuppressions.cs"), "[assembly: System.Diagnostics.CodeAnalysis.SuppressMessage(\"OpenVerify\", \"OV0001:ONNX Runtime inference outside verified code\")]\n");
        var build = Strict(directory);
        build.ExitCode.ShouldNotBe(0, build.ToString());
        build.Output.ShouldContain("GlobalSuppressions.cs(1,");
        build.Output.ShouldContain("error OV1010");
    }

    [Fact]
    public void A_DiagnosticSuppressor_in_the_users_own_analyzer_does_not_lower_the_gate()
    {
        var directory = Sample("suppressor", projectExtra: """
            <ItemGroup><ProjectReference Include="Suppressor/Suppressor.csproj" OutputItemType="Analyzer" ReferenceOutputAssembly="false" /></ItemGroup>
            <ItemGroup><Compile Remove="Suppressor/**" /></ItemGroup>
            """);
        Directory.CreateDirectory(Path.Combine(directory, "Suppressor"));
        File.WriteAllText(Path.Combine(directory, "Suppressor", "Suppressor.csproj"), """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup><TargetFramework>netstandard2.0</TargetFramework><EnforceExtendedAnalyzerRules>true</EnforceExtendedAnalyzerRules><NoWarn>$(NoWarn);RS2008</NoWarn></PropertyGroup>
              <ItemGroup><PackageReference Include="Microsoft.CodeAnalysis.CSharp" Version="4.8.0" PrivateAssets="all" /></ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(directory, "Suppressor", "Suppressor.cs"), """
            using System.Collections.Immutable;
            using Microsoft.CodeAnalysis;
            using Microsoft.CodeAnalysis.Diagnostics;

            [DiagnosticAnalyzer(LanguageNames.CSharp)]
            public sealed class QuietOpenVerify : DiagnosticSuppressor
            {
                private static readonly SuppressionDescriptor Quiet = new SuppressionDescriptor("QUIET1", "OV0001", "we trust ourselves");

                public override ImmutableArray<SuppressionDescriptor> SupportedSuppressions => ImmutableArray.Create(Quiet);

                public override void ReportSuppressions(SuppressionAnalysisContext context)
                {
                    foreach (var diagnostic in context.ReportedDiagnostics)
                    {
                        context.ReportSuppression(Suppression.Create(Quiet, diagnostic));
                    }
                }
            }
            """);

        // The suppressor works: under warn it silences OV0001.
        var warn = feed.DotNetIn(directory, "build", "-p:OpenVerifyGate=warn");
        warn.ExitCode.ShouldBe(0, warn.ToString());
        warn.Output.ShouldNotContain("OV0001");

        // Under strict it cannot: a DiagnosticSuppressor never suppresses a NotConfigurable error.
        var build = Strict(directory);
        build.ExitCode.ShouldNotBe(0, build.ToString());
        build.Output.ShouldContain("error OV0001");
    }

    [Fact]
    public void ExcludeAssets_analyzers_on_a_direct_OpenVerify_Analyzers_reference_does_not_lower_the_gate()
    {
        var directory = Sample("exclude-analyzers", projectExtra: """
            <ItemGroup><PackageReference Include="OpenVerify.Analyzers" Version="$(OpenVerifyVersion)" ExcludeAssets="analyzers" /></ItemGroup>
            """);
        var build = Strict(directory);
        build.ExitCode.ShouldNotBe(0, build.ToString());
        (build.Output.Contains("error OV0001", StringComparison.Ordinal) || build.Output.Contains("error OV2008", StringComparison.Ordinal)).ShouldBeTrue(build.ToString());
    }

    [Fact]
    public void A_project_that_sets_the_gate_itself_cannot_lower_a_strict_gate_from_the_command_line()
    {
        var plain = Sample("sets-off", projectProperties: "<OpenVerifyGate>off</OpenVerifyGate>");
        var build = Strict(plain);
        build.ExitCode.ShouldNotBe(0, build.ToString());
        build.Output.ShouldContain("OpenVerify gate: strict");
        build.Output.ShouldContain("error OV0001");

        // TreatAsLocalProperty lets a project override a global property; the gate from before the project still holds.
        var local = Sample("treat-as-local", projectProperties: "<OpenVerifyGate>off</OpenVerifyGate>");
        var project = Path.Combine(local, "LockApp.csproj");
        File.WriteAllText(project, File.ReadAllText(project).Replace("<Project Sdk=\"Microsoft.NET.Sdk\">", "<Project Sdk=\"Microsoft.NET.Sdk\" TreatAsLocalProperty=\"OpenVerifyGate\">", StringComparison.Ordinal));
        var localBuild = Strict(local);
        localBuild.ExitCode.ShouldNotBe(0, localBuild.ToString());
        localBuild.Output.ShouldContain("error OV0001");

        // Lowered by a target just before compiling: the analyzers then see 'off', and the missing proof fails the build.
        var late = Sample("lowered-in-target", projectExtra: """
            <Target Name="Lower" BeforeTargets="GenerateMSBuildEditorConfigFileShouldRun;GenerateMSBuildEditorConfigFileCore"><PropertyGroup><OpenVerifyGate>off</OpenVerifyGate></PropertyGroup></Target>
            """);
        project = Path.Combine(late, "LockApp.csproj");
        File.WriteAllText(project, File.ReadAllText(project).Replace("<Project Sdk=\"Microsoft.NET.Sdk\">", "<Project Sdk=\"Microsoft.NET.Sdk\" TreatAsLocalProperty=\"OpenVerifyGate\">", StringComparison.Ordinal));
        var lateBuild = Strict(late);
        lateBuild.ExitCode.ShouldNotBe(0, lateBuild.ToString());
        (lateBuild.Output.Contains("error OV0001", StringComparison.Ordinal) || lateBuild.Output.Contains("error OV2008", StringComparison.Ordinal)).ShouldBeTrue(lateBuild.ToString());
    }

    [Fact]
    public void A_locked_publisher_replaced_or_removed_fails_with_OV2001_and_strict_without_a_policy_with_OV2009()
    {
        using var publisher = SigningKey.Generate(KeyAlgorithm.EcdsaP256);
        using var second = SigningKey.Generate(KeyAlgorithm.EcdsaP256);
        var directory = Sample("publisher", program: "Console.WriteLine(\"publisher\");", sign: false);
        var model = Path.Combine(directory, "models", "tiny.onnx");
        File.WriteAllText(Path.Combine(directory, TrustPolicy.DefaultFileName), new TrustPolicy(
            [new TrustPolicyKey(publisher.PublicKey.ExportSubjectPublicKeyInfo(), "model-publisher", ["**"]),
             new TrustPolicyKey(second.PublicKey.ExportSubjectPublicKeyInfo(), "model-publisher", ["**"])],
            [new TrustPolicyRule(["models/**"], signatureRequired: false)]).ToJson());
        ModelSignature.SignFile(model, publisher);
        feed.DotNetIn(directory, "build", "-p:OpenVerifyUpdateLock=true").ExitCode.ShouldBe(0);
        File.ReadAllText(Path.Combine(directory, "openverify.lock.json")).ShouldContain("\"publisherKeyId\": \"" + publisher.KeyId + "\"");
        var locked = feed.DotNetIn(directory, "build");
        locked.ExitCode.ShouldBe(0, locked.ToString());

        ModelSignature.SignFile(model, second);
        var replaced = feed.DotNetIn(directory, "build");
        replaced.ExitCode.ShouldNotBe(0, replaced.ToString());
        replaced.Output.ShouldContain("error OV2001");
        replaced.Output.ShouldContain("The publisher of 'models/tiny.onnx' differs from the lockfile: locked " + publisher.KeyId + ", actual " + second.KeyId);

        File.Delete(model + ".sig");
        var removed = feed.DotNetIn(directory, "build");
        removed.ExitCode.ShouldNotBe(0, removed.ToString());
        removed.Output.ShouldContain("error OV2001");
        removed.Output.ShouldContain("locked " + publisher.KeyId + ", actual (unsigned");

        var noPolicy = Sample("strict-no-policy", program: "Console.WriteLine(\"no policy\");");
        File.Delete(Path.Combine(noPolicy, TrustPolicy.DefaultFileName));
        var strict = Strict(noPolicy);
        strict.ExitCode.ShouldNotBe(0, strict.ToString());
        strict.Output.ShouldContain("error OV2009");
        strict.Output.ShouldContain("needs a trust policy");
    }

    private ProcessResult Strict(string directory) => feed.DotNetIn(directory, "build", "-p:OpenVerifyGate=strict");

    /// <summary>A locked project (models/tiny.onnx) with a trust policy covering it and, by default, an unverified call.</summary>
    private string Sample(string name, string projectExtra = "", string projectProperties = "", string program = UnverifiedCall, bool sign = true)
    {
        var source = Path.Combine(AppContext.BaseDirectory, "Assets", "LockApp");
        var target = Path.Combine(feed.Root, "proof-" + name);
        Directory.CreateDirectory(Path.Combine(target, "models"));
        var project = File.ReadAllText(Path.Combine(source, "LockApp.csproj"))
            .Replace("<Nullable>enable</Nullable>", "<Nullable>enable</Nullable>" + projectProperties, StringComparison.Ordinal)
            .Replace("</Project>", projectExtra + "\n</Project>", StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(target, "LockApp.csproj"), project);
        File.WriteAllText(Path.Combine(target, "Program.cs"), program);
        File.WriteAllBytes(Path.Combine(target, "models", "tiny.onnx"), TestModels.Tiny());
        if (sign)
        {
            using var publisher = SigningKey.Generate(KeyAlgorithm.EcdsaP256);
            File.WriteAllText(Path.Combine(target, TrustPolicy.DefaultFileName), new TrustPolicy(
                [new TrustPolicyKey(publisher.PublicKey.ExportSubjectPublicKeyInfo(), "model-publisher", ["**"])],
                [new TrustPolicyRule(["models/**"], signatureRequired: true)]).ToJson());
            ModelSignature.SignFile(Path.Combine(target, "models", "tiny.onnx"), publisher);
            var update = feed.DotNetIn(target, "build", "-p:OpenVerifyUpdateLock=true", "-p:OpenVerifyGate=warn");
            update.Output.ShouldContain("OpenVerify: wrote", customMessage: update.ToString());
        }

        return target;
    }
}
