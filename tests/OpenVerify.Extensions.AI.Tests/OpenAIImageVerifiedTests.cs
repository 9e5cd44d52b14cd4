#pragma warning disable OPENAI001 // The SDK marks GPT image members (output format, input fidelity, usage, "auto" size) as evaluation-only; the tests use them on purpose.
using System.ClientModel;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using OpenAI.Images;

namespace OpenVerify.Extensions.AI.Tests;

/// <summary>
/// <c>imageClient.AsVerified()</c>: the OpenAI SDK's <see cref="ImageClient"/> calls with their own names and result
/// types, run through the verified image generator against the loopback server; each result carries an
/// image-generation receipt that verifies and binds the prompt, the edited image's bytes and every image returned.
/// </summary>
[Collection(ChatCollection.Name)]
public sealed class OpenAIImageVerifiedTests(ChatFixture fixture)
{
    private static readonly byte[] Photo = [137, 80, 78, 71, 13, 10, 26, 10, 1, 2, 3, 4, 5, 6, 7, 8];

    private VerifiedOpenAIImageClient Images() => fixture.OpenAi().GetImageClient("image-test").AsVerified(fixture.Key);

    [Fact]
    public async Task GenerateImageAsync_ReturnsTheSdkImage_WithEverythingTheServerSent_AndAReceiptBindingIt()
    {
        var options = new ImageGenerationOptions { Size = GeneratedImageSize.W256xH256, ResponseFormat = GeneratedImageFormat.Bytes, OutputFileFormat = GeneratedImageFileFormat.Png };

        ClientResult<GeneratedImage> result = await Images().GenerateImageAsync("a lighthouse at dusk", options);

        GeneratedImage image = result;
        var expected = OpenAiCompatibleServer.ImageBytes("a lighthouse at dusk", 0);
        image.ImageBytes.ToArray().ShouldBe(expected);
        image.RevisedPrompt.ShouldBe("a lighthouse at dusk, revised");
        result.GetRawResponse().Status.ShouldBe(200);
        JsonNode.Parse(result.GetRawResponse().Content.ToString())!["created"]!.GetValue<long>().ShouldBe(1_767_225_600L);
        var wire = fixture.Server.LastImageRequest!;
        wire["size"]!.GetValue<string>().ShouldBe("256x256");
        wire["response_format"]!.GetValue<string>().ShouldBe("b64_json");
        wire["output_format"]!.GetValue<string>().ShouldBe("png");
        wire["n"]!.GetValue<int>().ShouldBe(1);

        var receipt = result.GetReceipt();
        image.GetReceipt().Id.ShouldBe(receipt.Id);
        fixture.Verifier.Verify(receipt, "image-generation").Succeeded.ShouldBeTrue();
        var transcript = JsonNode.Parse(receipt.TranscriptJson!)!;
        transcript["client"]!["defaultModel"]!.GetValue<string>().ShouldBe("image-test");
        transcript["request"]!["prompt"]!.GetValue<string>().ShouldBe("a lighthouse at dusk");
        transcript["request"]!["options"]!["count"]!.GetValue<int>().ShouldBe(1);
        transcript["request"]!["options"]!["imageSize"]!["width"]!.GetValue<int>().ShouldBe(256);
        transcript["request"]!["options"]!["mediaType"]!.GetValue<string>().ShouldBe("image/png");
        transcript["request"]!["options"]!["responseFormat"]!.GetValue<string>().ShouldBe("data");
        transcript["response"]!["contents"]![0]!["sha256"]!.GetValue<string>().ShouldBe(Convert.ToHexStringLower(SHA256.HashData(expected)));

        var tampered = transcript.DeepClone();
        tampered["response"]!["contents"]![0]!["sha256"] = new string('0', 64);
        fixture.Verifier.Verify(receipt.ToJson(), tampered.ToJsonString()).Succeeded.ShouldBeFalse();
    }

    [Fact]
    public void GenerateImage_Synchronous_AsALink_IsBoundByItsUri()
    {
        var result = Images().GenerateImage("linked", new ImageGenerationOptions { ResponseFormat = GeneratedImageFormat.Uri });

        result.Value.ImageUri.ShouldNotBeNull();
        result.Value.ImageBytes.ShouldBeNull();
        var receipt = result.Value.GetReceipt();
        fixture.Verifier.Verify(receipt).Succeeded.ShouldBeTrue();
        JsonNode.Parse(receipt.TranscriptJson!)!["response"]!["contents"]![0]!["uri"]!.GetValue<string>().ShouldBe(result.Value.ImageUri.ToString());
    }

    [Fact]
    public async Task GenerateImages_SyncAndAsync_ReturnTheSdkCollection_EveryImageCarryingTheOneReceipt()
    {
        var client = Images();

        ClientResult<GeneratedImageCollection> asynchronous = await client.GenerateImagesAsync("three otters", 3);
        var synchronous = client.GenerateImages("two otters", 2);

        foreach (var (result, prompt, count) in new[] { (asynchronous, "three otters", 3), (synchronous, "two otters", 2) })
        {
            GeneratedImageCollection images = result;
            images.Count.ShouldBe(count);
            images.CreatedAt.ShouldBe(DateTimeOffset.FromUnixTimeSeconds(1_767_225_600L));
            images.Usage.OutputTokenCount.ShouldBe(100 * count);
            var receipt = images.GetReceipt();
            result.GetReceipt().Id.ShouldBe(receipt.Id);
            fixture.Verifier.Verify(receipt, "image-generation").Succeeded.ShouldBeTrue();
            var transcript = JsonNode.Parse(receipt.TranscriptJson!)!;
            transcript["request"]!["options"]!["count"]!.GetValue<int>().ShouldBe(count);
            transcript["response"]!["usage"]!["outputTokens"]!.GetValue<long>().ShouldBe(100 * count);
            for (var i = 0; i < count; i++)
            {
                images[i].ImageBytes.ToArray().ShouldBe(OpenAiCompatibleServer.ImageBytes(prompt, i));
                images[i].TryGetReceipt(out var own).ShouldBeTrue();
                own!.Id.ShouldBe(receipt.Id);
                transcript["response"]!["contents"]![i]!["sha256"]!.GetValue<string>().ShouldBe(Convert.ToHexStringLower(SHA256.HashData(images[i].ImageBytes.ToArray())));
            }
        }

        asynchronous.GetReceipt().Id.ShouldNotBe(synchronous.GetReceipt().Id);
    }

    [Fact]
    public async Task GenerateImageEdit_FromAStream_BindsTheUploadedBytes_AndSendsThemUnchanged()
    {
        using var photo = new MemoryStream([0xFF, 0xFF, .. Photo]);
        photo.Position = 2; // the SDK uploads from the stream's position: so does the verified client, and binds those bytes

        ClientResult<GeneratedImage> result = await Images().GenerateImageEditAsync(photo, "photo.png", "add a hat", new ImageEditOptions { Size = new GeneratedImageSize(512, 512) });

        result.Value.ImageBytes.ToArray().ShouldBe(OpenAiCompatibleServer.EditedImageBytes(Photo, "add a hat", 0));
        var wire = fixture.Server.LastImageRequest!;
        wire["image_sha256"]!.GetValue<string>().ShouldBe(Convert.ToHexStringLower(SHA256.HashData(Photo)));
        wire["image_filename"]!.GetValue<string>().ShouldBe("photo.png");
        wire["size"]!.GetValue<string>().ShouldBe("512x512");
        wire["prompt"]!.GetValue<string>().ShouldBe("add a hat");

        var receipt = result.GetReceipt();
        fixture.Verifier.Verify(receipt, "image-generation").Succeeded.ShouldBeTrue();
        var original = JsonNode.Parse(receipt.TranscriptJson!)!["request"]!["originalImages"]![0]!;
        original["sha256"]!.GetValue<string>().ShouldBe(Convert.ToHexStringLower(SHA256.HashData(Photo)));
        original["mediaType"]!.GetValue<string>().ShouldBe("image/png");
        original["length"]!.GetValue<long>().ShouldBe(Photo.Length);
        original["name"]!.GetValue<string>().ShouldBe("photo.png"); // the file name sent (above) is the name bound
    }

    [Fact]
    public async Task GenerateImageEdit_AndEdits_FromAFile_SyncAndAsync()
    {
        var path = Path.Combine(Path.GetTempPath(), $"ov-edit-{Guid.NewGuid():N}.png");
        await File.WriteAllBytesAsync(path, Photo);
        try
        {
            var client = Images();
            var single = client.GenerateImageEdit(path, "paint it blue");
            var several = await client.GenerateImageEditsAsync(path, "paint it red", 2);
            var severalSync = client.GenerateImageEdits(path, "paint it green", 1);
            var singleAsync = await client.GenerateImageEditAsync(path, "paint it gold");

            single.Value.ImageBytes.ToArray().ShouldBe(OpenAiCompatibleServer.EditedImageBytes(Photo, "paint it blue", 0));
            several.Value.Count.ShouldBe(2);
            several.Value[1].ImageBytes.ToArray().ShouldBe(OpenAiCompatibleServer.EditedImageBytes(Photo, "paint it red", 1));
            severalSync.Value.Single().ImageBytes.ToArray().ShouldBe(OpenAiCompatibleServer.EditedImageBytes(Photo, "paint it green", 0));
            singleAsync.Value.ImageBytes.ToArray().ShouldBe(OpenAiCompatibleServer.EditedImageBytes(Photo, "paint it gold", 0));
            fixture.Server.LastImageRequest!["image_filename"]!.GetValue<string>().ShouldBe(Path.GetFileName(path));
            foreach (var receipt in new[] { single.GetReceipt(), several.Value.GetReceipt(), severalSync.GetReceipt(), singleAsync.Value.GetReceipt() })
            {
                fixture.Verifier.Verify(receipt, "image-generation").Succeeded.ShouldBeTrue();
                JsonNode.Parse(receipt.TranscriptJson!)!["request"]!["originalImages"]![0]!["sha256"]!.GetValue<string>().ShouldBe(Convert.ToHexStringLower(SHA256.HashData(Photo)));
            }

            using var stream = new MemoryStream(Photo);
            var streamed = client.GenerateImageEdits(stream, "photo.webp", "crop", 1);
            JsonNode.Parse(streamed.GetReceipt().TranscriptJson!)!["request"]!["originalImages"]![0]!["mediaType"]!.GetValue<string>().ShouldBe("image/webp");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task OptionsThatCannotBeCarried_AreRefused_NamingTheSdkMember_BeforeAnyRequest()
    {
        var client = Images();
        var before = fixture.Server.MediaRequests;

        Should.Throw<NotSupportedException>(() => client.GenerateImage("x", new ImageGenerationOptions { Quality = GeneratedImageQuality.High }))
            .Message.ShouldContain("ImageGenerationOptions.Quality");
        (await Should.ThrowAsync<NotSupportedException>(() => client.GenerateImagesAsync("x", 2, new ImageGenerationOptions { Style = GeneratedImageStyle.Vivid, EndUserId = "u1" })))
            .Message.ShouldContain("ImageGenerationOptions.Style, EndUserId");
        Should.Throw<NotSupportedException>(() => client.GenerateImage("x", new ImageGenerationOptions { Size = GeneratedImageSize.Auto }))
            .Message.ShouldContain("ImageGenerationOptions.Size");
        using var photo = new MemoryStream(Photo);
        Should.Throw<NotSupportedException>(() => client.GenerateImageEdit(photo, "p.png", "x", new ImageEditOptions { InputFidelity = ImageInputFidelity.High }))
            .Message.ShouldContain("ImageEditOptions.InputFidelity");
        Should.Throw<NotSupportedException>(() => client.GenerateImageEdit(photo, "p.png", "x", photo, "mask.png"))
            .Message.ShouldContain("ImageClient.GenerateImageEdit with a mask");
        (await Should.ThrowAsync<NotSupportedException>(() => client.GenerateImageVariationsAsync(photo, "p.png", 2)))
            .Message.ShouldContain("ImageClient.GenerateImageVariationsAsync");
        Should.Throw<NotSupportedException>(() => client.GenerateImageVariation("p.png")).Message.ShouldContain("[AllowUnverifiedAi]");

        fixture.Server.MediaRequests.ShouldBe(before);

        // "auto" is the API's default quality: carried by not sending it, so the request on the wire is what is bound.
        var auto = client.GenerateImage("x", new ImageGenerationOptions { Quality = "auto" });
        fixture.Server.LastImageRequest!.ContainsKey("quality").ShouldBeFalse();
        fixture.Verifier.Verify(auto.GetReceipt()).Succeeded.ShouldBeTrue();
    }

    [Fact]
    public async Task ForeignResults_HaveNoReceipt()
    {
        var plain = await fixture.OpenAi().GetImageClient("image-test").GenerateImageAsync("unverified");

        plain.Value.ImageBytes.ShouldNotBeNull();
        plain.Value.TryGetReceipt(out _).ShouldBeFalse();
        ((ClientResult)plain).TryGetReceipt(out _).ShouldBeFalse();
        Should.Throw<InvalidOperationException>(() => plain.Value.GetReceipt()).Message.ShouldContain("imageClient.AsVerified()");
        var built = OpenAIImagesModelFactory.GeneratedImageCollection(DateTimeOffset.UnixEpoch, [OpenAIImagesModelFactory.GeneratedImage(BinaryData.FromBytes(Photo), null, null)]);
        built.TryGetReceipt(out _).ShouldBeFalse();
        Should.Throw<InvalidOperationException>(() => built.GetReceipt()).Message.ShouldContain("GeneratedImageCollection");
    }
}
