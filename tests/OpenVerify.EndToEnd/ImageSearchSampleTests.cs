using System.Reflection;

namespace OpenVerify.EndToEnd;

/// <summary>
/// The second sample, run as README says (the app the solution build made): the ResNet18 featurizer through the
/// verified embedding generator finds each image's own kind as its nearest neighbour, and one receipt replays exactly.
/// </summary>
public class ImageSearchSampleTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    private static string SampleAssembly =>
        typeof(ImageSearchSampleTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "ImageSearchSample").Value!;

    [Fact]
    public void The_sample_finds_neighbours_of_the_same_kind_and_verifies_a_receipt_by_replay()
    {
        File.Exists(SampleAssembly).ShouldBeTrue($"{SampleAssembly} was not built; build samples/ImageSearch first");
        var run = DotNet.Start("dotnet", Path.GetDirectoryName(SampleAssembly)!, Timeout, SampleAssembly);

        run.ExitCode.ShouldBe(0, run.ToString());
        run.Output.ShouldContain("Embedded 7 images, 512 dimensions each, one receipt each", customMessage: run.Output);
        foreach (var (image, nearest) in new[] { ("boat-day", "boat-dusk"), ("boat-dusk", "boat-day"), ("house-day", "house"), ("tree-day", "trees-dusk"), ("trees-dusk", "tree-day") })
        {
            run.Output.ShouldContain($"  {image,-12} -> {nearest} ", customMessage: run.Output);
        }

        run.Output.ShouldContain("VERIFIED\n", customMessage: run.Output);
        run.Output.ShouldContain("pass replay: exact", customMessage: run.Output);
    }

    [Fact]
    public void A_folder_without_images_is_a_clear_error()
    {
        var empty = Directory.CreateTempSubdirectory("openverify-imagesearch-").FullName;
        try
        {
            var run = DotNet.Start("dotnet", Path.GetDirectoryName(SampleAssembly)!, Timeout, SampleAssembly, empty);
            run.ExitCode.ShouldBe(2, run.ToString());
            run.Output.ShouldContain("holds 0 .ppm image(s); a search needs at least two.", customMessage: run.Output);
        }
        finally
        {
            Directory.Delete(empty, recursive: true);
        }
    }
}
