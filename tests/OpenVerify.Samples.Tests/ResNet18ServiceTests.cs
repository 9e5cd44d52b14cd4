using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using OpenVerify.Logs;
using OpenVerify.Samples.ResNet18;
using OpenVerify.Samples.ResNet18Service;

namespace OpenVerify.Samples.Tests;

[Collection(ServiceHostCollection.Name)]
public sealed class ResNet18ServiceTests(SharedService shared)
{
    private static readonly byte[] House = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "images", "house.ppm"));

    private static async Task<(JsonElement Body, HttpResponseMessage Response)> Score(HttpClient client, byte[] image)
    {
        var response = await client.PostAsync("/score", new ByteArrayContent(image));
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>(), response);
    }

    /// <summary>The house image with one pixel changed, so that each request has its own input.</summary>
    private static byte[] Variant(int i)
    {
        var image = House.ToArray();
        image[^(1 + i)] ^= 0x5a;
        return image;
    }

    [Fact]
    public async Task Score_ReturnsFeaturesWithTheReceipt_InBodyAndHeader_AndTheReceiptVerifies()
    {
        var client = shared.Factory.CreateClient();
        var (body, response) = await Score(client, House);

        var features = body.GetProperty("features").Deserialize<float[]>()!;
        features.Length.ShouldBe(512);
        var receiptJson = body.GetProperty("receipt").GetRawText();
        var fromHeader = Encoding.UTF8.GetString(Convert.FromBase64String(response.Headers.GetValues(ScoringService.ReceiptHeader).Single()));
        Receipt.Parse(fromHeader).Id.ShouldBe(Receipt.Parse(receiptJson).Id);
        response.Headers.GetValues(ScoringService.ReceiptIdHeader).Single().ShouldBe(body.GetProperty("receiptId").GetString());

        // As a third party: the public key, the model file and the image; inputs, outputs and a replay.
        using var model = VerifiedModel.Load(Path.Combine(AppContext.BaseDirectory, "models", "ResNet18.onnx"));
        var pixels = ImagePreprocessing.ToNormalizedChw(PortablePixmap.Parse(House, "house.ppm"), 224, 224);
        var verification = new ReceiptVerifier(TrustStore.For(shared.Factory.Key.PublicKey)).Verify(fromHeader, new ReceiptVerificationOptions
        {
            ExpectedModelDigest = model.Digest,
            Inputs = new TensorSet([new("Input247", TensorValue.Create(pixels, 1, 3, 224, 224))]),
            Outputs = ScoringService.Outputs(features),
            ReplayModel = model,
        });
        verification.Succeeded.ShouldBeTrue(verification.ToString());

        // And through the service's own POST /verify.
        var verified = await (await client.PostAsJsonAsync("/verify", new { receipt = body.GetProperty("receipt"), features })).Content.ReadFromJsonAsync<JsonElement>();
        verified.GetProperty("verified").GetBoolean().ShouldBeTrue(verified.ToString());
        features[7] += 0.001f;
        var forged = await (await client.PostAsJsonAsync("/verify", new { receipt = body.GetProperty("receipt"), features })).Content.ReadFromJsonAsync<JsonElement>();
        forged.GetProperty("verified").GetBoolean().ShouldBeFalse();
        forged.GetProperty("firstFailure").GetString()!.ShouldStartWith("FAIL outputs");
    }

    [Fact]
    public async Task ConcurrentRequests_EachGetTheirOwnReceipt_AllInTheLog_AndTheCheckpointCoversThem()
    {
        var client = shared.Factory.CreateClient();
        var scored = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Score(client, Variant(i))));
        var ids = scored.Select(s => s.Body.GetProperty("receiptId").GetString()).ToList();
        ids.Distinct().Count().ShouldBe(8);
        scored.Select(s => s.Body.GetProperty("logIndex").GetInt64()).Distinct().Count().ShouldBe(8);

        var verifier = new ReceiptVerifier(TrustStore.For(shared.Factory.Key.PublicKey));
        foreach (var (body, _) in scored)
        {
            verifier.Verify(body.GetProperty("receipt").GetRawText(), new ReceiptVerificationOptions
            {
                Outputs = ScoringService.Outputs(body.GetProperty("features").Deserialize<float[]>()!),
            }).Succeeded.ShouldBeTrue();
        }

        var note = await client.GetStringAsync("/checkpoint");
        var logKey = NoteVerifierKey.FromPublicKey(ReceiptLogOptions.DefaultOrigin, shared.Factory.LogKey.PublicKey);
        var checkpoint = Checkpoint.Open(note, [logKey]);
        var logged = LogFile.Read(shared.Factory.LogPath).Entries.Where(e => e.Kind == LogEntryKind.Receipt).ToList();
        checkpoint.TreeSize.ShouldBe(logged.Count);
        var loggedIds = logged.Select(e => e.Receipt!.Id.ToString()).ToHashSet();
        ids.ShouldAllBe(id => loggedIds.Contains(id!));
        LogVerifier.Verify(shared.Factory.LogPath, shared.Factory.Trust, checkpoint).Succeeded.ShouldBeTrue();
    }

    [Theory]
    [InlineData("P3\n1 1\n255\n0 0 0", "is not a binary PPM")]
    [InlineData("P6\n-4 2\n255\n", "bad width")]
    [InlineData("P6\n99999999 99999999\n255\n", "bad width")]
    [InlineData("P6\n64 64\n255\nabc", "is truncated")]
    public async Task MalformedImage_IsABadRequest_SayingWhatIsWrong(string image, string problem)
    {
        var response = await shared.Factory.CreateClient().PostAsync("/score", new ByteArrayContent(Encoding.ASCII.GetBytes(image)));
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain(problem);
    }
}

[Collection(ServiceHostCollection.Name)]
public sealed class ResNet18ServiceLifetimeTests
{
    [Fact]
    public async Task BadKeySetting_FailsStartup_WithAMessageNamingTheSetting()
    {
        var factory = new ServiceFactory(settings => settings["OpenVerify:SigningKey"] = "/nonexistent/receipts.key");
        var error = Should.Throw<OptionsValidationException>(() => factory.CreateClient());
        await factory.DisposeAsync();
        factory.RemoveFolder();
        error.Message.ShouldContain("OpenVerify:SigningKey cannot be loaded as a PKCS#8 PEM private key");
        error.Message.ShouldContain("/nonexistent/receipts.key");
    }

    [Fact]
    public async Task Shutdown_LosesNoAcknowledgedReceipt_AndSignsAFinalTreeHead()
    {
        var factory = new ServiceFactory();
        string[] acknowledged;
        try
        {
            var client = factory.CreateClient();
            var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => client.PostAsync("/score", new ByteArrayContent(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "images", "house.ppm"))))));
            responses.ShouldAllBe(r => r.StatusCode == HttpStatusCode.OK);
            acknowledged = [.. responses.Select(r => r.Headers.GetValues(ScoringService.ReceiptIdHeader).Single())];

            // Stops the host gracefully: the hosted service signs a tree head over every receipt and forces the log to disk.
            factory.Dispose();
            var contents = LogFile.Read(factory.LogPath);
            contents.Entries.Where(e => e.Kind == LogEntryKind.Receipt).Select(e => e.Receipt!.Id.ToString()).ShouldBe(acknowledged, ignoreOrder: true);
            contents.Entries[^1].Kind.ShouldBe(LogEntryKind.TreeHead);
            var finalHead = contents.Entries[^1].TreeHead!;
            finalHead.Verify(factory.Trust).Passed.ShouldBeTrue();
            finalHead.Head.TreeSize.ShouldBe(acknowledged.Length);
            var verified = LogVerifier.Verify(factory.LogPath, factory.Trust);
            verified.Succeeded.ShouldBeTrue(verified.Failure);
        }
        finally
        {
            await factory.DisposeAsync();
            factory.RemoveFolder();
        }
    }
}
