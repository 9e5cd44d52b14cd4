using System.IO.Compression;
using System.Security.Cryptography;
using System.Xml.Linq;
using OpenVerify.Testing;

namespace OpenVerify.EndToEnd;

/// <summary>
/// A fresh console app outside the repository that references the packed OpenVerify package, with an ONNX model file
/// (copied to the output) and an embedded one: build, run (the receipt verifies), swap the model (refused), publish.
/// </summary>
[Collection(PackedFeedCollection.Name)]
public sealed class ConsoleAppTests(PackedFeed feed)
{
    private static readonly object Gate = new();
    private static (string Directory, string Digest, ProcessResult Build)? _built;

    [Fact]
    public void The_runtime_package_depends_on_the_analyzers_package_with_no_excluded_assets()
    {
        using var package = ZipFile.OpenRead(feed.PackagePath("OpenVerify"));
        var nuspecEntry = package.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal));
        using var stream = nuspecEntry.Open();
        var nuspec = XDocument.Load(stream);
        var dependency = nuspec.Descendants().Where(e => e.Name.LocalName == "dependency")
            .Single(e => (string?)e.Attribute("id") == "OpenVerify.Analyzers");
        ((string?)dependency.Attribute("version")).ShouldBe(feed.Version);
        ((string?)dependency.Attribute("exclude") ?? string.Empty).ShouldBeEmpty("the gate and the model pipeline would disappear");
        ((string?)dependency.Attribute("include") ?? "All").ShouldBe("All", StringCompareShould.IgnoreCase);
    }

    [Fact]
    public void The_analyzers_package_holds_the_attributes_analyzers_build_assets_and_task()
    {
        using var package = ZipFile.OpenRead(feed.PackagePath("OpenVerify.Analyzers"));
        var files = package.Entries.Select(e => e.FullName).ToHashSet(StringComparer.Ordinal);
        files.ShouldContain("lib/netstandard2.0/OpenVerify.Abstractions.dll");
        files.ShouldContain("analyzers/dotnet/cs/OpenVerify.Analyzers.dll");
        files.ShouldContain("analyzers/dotnet/cs/OpenVerify.CodeFixes.dll");
        files.ShouldContain("buildTransitive/OpenVerify.Analyzers.props");
        files.ShouldContain("buildTransitive/OpenVerify.Analyzers.targets");
        files.ShouldContain("build/OpenVerify.Analyzers.props");
        files.ShouldContain("build/OpenVerify.Analyzers.targets");
        files.ShouldContain("tasks/netstandard2.0/OpenVerify.Build.dll");
        files.ShouldNotContain(f => f.StartsWith("lib/", StringComparison.Ordinal) && f.Contains("Analyzers.dll", StringComparison.Ordinal));
    }

    [Fact]
    public void The_build_pins_the_model_and_the_run_returns_a_receipt_that_verifies()
    {
        var (directory, digest, build) = BuildOnce();
        build.Output.ShouldContain("OpenVerify gate: warn");
        var manifest = File.ReadAllText(Path.Combine(directory, "obj", "Release", "net10.0", "openverify.models.txt"));
        manifest.ShouldContain("path=models/add_mul.onnx\tdigest=" + digest);
        manifest.ShouldContain("resource=OpenVerify.Models/models/embedded/identity.onnx");
        File.Exists(Path.Combine(directory, "bin", "Release", "net10.0", "models", "add_mul.onnx")).ShouldBeTrue();
        File.Exists(Path.Combine(directory, "bin", "Release", "net10.0", "models", "embedded", "identity.onnx")).ShouldBeFalse("an embedded model is not copied");

        var run = DotNet.Run(directory, PackedFeed.BuildTimeout, Path.Combine("bin", "Release", "net10.0", "ConsoleApp.dll"), digest);
        run.ExitCode.ShouldBe(0, run.ToString());
        run.Output.ShouldContain("receipt verified; sum=11,22,33,44 product=10,40,90,160 async-sum=11,22,33,44 echo=5,6");
    }

    [Fact]
    public void A_model_replaced_in_the_output_folder_is_refused()
    {
        var (directory, digest, _) = BuildOnce();
        var copy = Path.Combine(feed.Root, "swapped-output");
        CopyDirectory(Path.Combine(directory, "bin", "Release", "net10.0"), copy);
        File.WriteAllBytes(Path.Combine(copy, "models", "add_mul.onnx"), TestModels.Tiny());

        var run = DotNet.Run(copy, PackedFeed.BuildTimeout, "ConsoleApp.dll", digest);
        run.ExitCode.ShouldBe(3, run.ToString());
        run.Output.ShouldContain("refused: The model 'models/add_mul.onnx' has digest sha256:");
        run.Output.ShouldContain("but " + digest + " was expected");
    }

    [Fact]
    public void The_published_app_runs()
    {
        var (directory, digest, _) = BuildOnce();
        var output = Path.Combine(feed.Root, "published");
        var manifest = Path.Combine(directory, "obj", "Release", "net10.0", "openverify.models.txt");
        var written = File.GetLastWriteTimeUtc(manifest);
        var publish = feed.DotNetIn(directory, "publish", "-c", "Release", "--no-restore", "-o", output);
        publish.ExitCode.ShouldBe(0, publish.ToString());
        File.GetLastWriteTimeUtc(manifest).ShouldBe(written, "an unchanged model must not rewrite the manifest (that would recompile)");
        File.Exists(Path.Combine(output, "models", "add_mul.onnx")).ShouldBeTrue();

        var run = DotNet.Run(output, PackedFeed.BuildTimeout, "ConsoleApp.dll", digest);
        run.ExitCode.ShouldBe(0, run.ToString());
        run.Output.ShouldContain("receipt verified");
    }

    private (string Directory, string Digest, ProcessResult Build) BuildOnce()
    {
        lock (Gate)
        {
            if (_built is { } built && built.Directory.StartsWith(feed.Root, StringComparison.Ordinal))
            {
                return built;
            }

            var directory = feed.CreateSample("ConsoleApp");
            Directory.CreateDirectory(Path.Combine(directory, "models", "embedded"));
            var model = TestModels.AddMul();
            File.WriteAllBytes(Path.Combine(directory, "models", "add_mul.onnx"), model);
            File.WriteAllBytes(Path.Combine(directory, "models", "embedded", "identity.onnx"), TestModels.Identity(1, [2]));
            var digest = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(model));

            var build = feed.DotNetIn(directory, "build", "-c", "Release");
            build.ExitCode.ShouldBe(0, build.ToString());
            _built = (directory, digest, build);
            return _built.Value;
        }
    }

    private static void CopyDirectory(string source, string target)
    {
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination, overwrite: true);
        }
    }
}
