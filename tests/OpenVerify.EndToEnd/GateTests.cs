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
