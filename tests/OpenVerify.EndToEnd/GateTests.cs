namespace OpenVerify.EndToEnd;

/// <summary>
/// The build gate as a user meets it: a project with an unverified ONNX Runtime call that <c>.editorconfig</c>,
/// <c>NoWarn</c> and <c>#pragma</c> all turn down. Under <c>warn</c> that works; under <c>strict</c> the build fails.
/// </summary>
[Collection(PackedFeedCollection.Name)]
public sealed class GateTests(PackedFeed feed)
{
    private static readonly object Gate = new();
    private static string? _directory;

    [Fact]
    public void Under_warn_the_call_can_be_turned_down()
    {
        var build = feed.DotNetIn(Sample(), "build");
        build.ExitCode.ShouldBe(0, build.ToString());
        build.Output.ShouldContain("OpenVerify gate: warn");
        build.Output.ShouldNotContain("OV0001");
    }

    [Fact]
    public void Under_strict_the_unverified_call_fails_the_build_despite_editorconfig_NoWarn_and_pragma()
    {
        var build = feed.DotNetIn(Sample(), "build", "-p:OpenVerifyGate=strict");
        build.ExitCode.ShouldNotBe(0, build.ToString());
        build.Output.ShouldContain("OpenVerify gate: strict");
        build.Output.ShouldContain("error OV0001");
    }

    [Fact]
    public void Under_strict_turning_analyzers_off_fails_the_build()
    {
        var build = feed.DotNetIn(Sample(), "build", "-p:OpenVerifyGate=strict", "-p:RunAnalyzers=false");
        build.ExitCode.ShouldNotBe(0, build.ToString());
        build.Output.ShouldContain("error OV2008");
        build.Output.ShouldContain("analyzers are turned off");
    }

    [Fact]
    public void A_model_that_is_not_ONNX_fails_the_build_with_OV2003_naming_the_file()
    {
        var build = feed.DotNetIn(Sample(), "build", "-p:IncludeBrokenModel=true");
        build.ExitCode.ShouldNotBe(0, build.ToString());
        build.Output.ShouldContain("broken.onnx.bin");
        build.Output.ShouldContain("error OV2003");
        build.Output.ShouldContain("is not a valid ONNX model");
        build.Output.ShouldNotContain("   at ", customMessage: "no stack trace");
    }

    [Fact]
    public void An_MLNet_zip_is_pinned_by_the_lockfile_and_a_changed_one_fails_the_build_with_OV2001()
    {
        // Its own copy of the sample: the lockfile it writes must not reach the other tests' builds.
        var directory = Path.Combine(feed.Root, "GateAppMLNet");
        foreach (var file in Directory.EnumerateFiles(Path.Combine(AppContext.BaseDirectory, "Assets", "GateApp")))
        {
            Directory.CreateDirectory(directory);
            File.Copy(file, Path.Combine(directory, Path.GetFileName(file)), overwrite: true);
        }

        // A real model saved by MLContext.Model.Save: the committed ML.NET vectors carry their zips.
        using var vectors = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(feed.RepositoryRoot, "docs", "spec", "vectors", "mlnet-v1-vectors.json")));
        var zip = Convert.FromBase64String(vectors.RootElement.GetProperty("models").EnumerateObject().First().Value.GetProperty("zip").GetString()!);
        var model = Path.Combine(directory, "iris.zip");
        File.WriteAllBytes(model, zip);
        using (var plain = System.IO.Compression.ZipFile.Open(Path.Combine(directory, "plain.zip"), System.IO.Compression.ZipArchiveMode.Create))
        using (var writer = new StreamWriter(plain.CreateEntry("readme.txt").Open()))
        {
            writer.Write("not a model");
        }

        var locked = feed.DotNetIn(directory, "build", "-p:IncludeMLNetModel=true", "-p:OpenVerifyUpdateLock=true");
        locked.ExitCode.ShouldBe(0, locked.ToString());
        var lockfile = File.ReadAllText(Path.Combine(directory, "openverify.lock.json"));
        lockfile.ShouldContain("\"path\": \"iris.zip\"");
        lockfile.ShouldContain(Sha256Digest.Compute(zip).ToString());
        var manifest = Directory.EnumerateFiles(Path.Combine(directory, "obj"), "openverify.models.txt", SearchOption.AllDirectories).Single();
        File.ReadAllText(manifest).ShouldContain("path=iris.zip\tdigest=" + Sha256Digest.Compute(zip) + "\ttarget=iris.zip\tresource=\tformat=mlnet\n");

        var build = feed.DotNetIn(directory, "build", "-p:IncludeMLNetModel=true");
        build.ExitCode.ShouldBe(0, build.ToString());
        build.Output.ShouldNotContain("OV2003");

        zip[zip.Length / 2] ^= 1;
        File.WriteAllBytes(model, zip);
        var tampered = feed.DotNetIn(directory, "build", "-p:IncludeMLNetModel=true");
        tampered.ExitCode.ShouldNotBe(0, tampered.ToString());
        tampered.Output.ShouldContain("error OV2001");
        tampered.Output.ShouldContain("'iris.zip' differs from the lockfile");

        var notAModel = feed.DotNetIn(directory, "build", "-p:IncludePlainZip=true", "-p:OpenVerifyLocked=false");
        notAModel.ExitCode.ShouldNotBe(0, notAModel.ToString());
        notAModel.Output.ShouldContain("error OV2003");
        notAModel.Output.ShouldContain("nor an ML.NET model zip");
    }

    private string Sample()
    {
        lock (Gate)
        {
            if (_directory is null || !_directory.StartsWith(feed.Root, StringComparison.Ordinal))
            {
                _directory = feed.CreateSample("GateApp");
                var restore = feed.DotNetIn(_directory, "restore");
                restore.ExitCode.ShouldBe(0, restore.ToString());
            }

            return _directory;
        }
    }
}
