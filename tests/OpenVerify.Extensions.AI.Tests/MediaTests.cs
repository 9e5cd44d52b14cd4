using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using OpenVerify.Extensions.AI.Canonical;

namespace OpenVerify.Extensions.AI.Tests;

/// <summary>
/// The verified media paths through the real Microsoft.Extensions.AI.OpenAI adapters (<c>AsISpeechToTextClient()</c>,
/// <c>AsITextToSpeechClient()</c>, <c>AsIImageGenerator()</c>) and the OpenAI SDK, against the loopback server's
/// <c>/audio/transcriptions</c>, <c>/audio/speech</c> and <c>/images/generations</c>.
/// </summary>
[Collection(ChatCollection.Name)]
public sealed class MediaTests(ChatFixture fixture)
{
    /// <summary>A short WAV file: RIFF/WAVE header and 64 samples.</summary>
    internal static readonly byte[] Wav = [.. "RIFF"u8, 100, 0, 0, 0, .. "WAVEfmt "u8, .. Enumerable.Range(0, 64).Select(i => (byte)(i * 3))];

    internal static ISpeechToTextClient ProviderSpeechToText(ChatFixture fixture) => fixture.OpenAi().GetAudioClient("whisper-test").AsISpeechToTextClient();

    internal static ITextToSpeechClient ProviderTextToSpeech(ChatFixture fixture) => fixture.OpenAi().GetAudioClient("tts-test").AsITextToSpeechClient();

    internal static IImageGenerator ProviderImages(ChatFixture fixture) => fixture.OpenAi().GetImageClient("image-test").AsIImageGenerator();

    [Fact]
    public async Task SpeechToText_ReceiptBindsTheAudioByDigest_NeverInline()
    {
        using var client = ProviderSpeechToText(fixture).AsBuilder().UseOpenVerify(fixture.Key).BuildVerified();

        var response = await client.GetTextAsync(new MemoryStream(Wav), new SpeechToTextOptions { SpeechLanguage = "en" });

        response.Text.ShouldBe(OpenAiCompatibleServer.HeardText(Wav));
        var receipt = response.GetReceipt();
        var result = fixture.Verifier.Verify(receipt, "speech-to-text");
        result.Succeeded.ShouldBeTrue(result.ToString());
        result.Predicate!.Chain.ShouldBeNull();
        var transcript = JsonNode.Parse(receipt.TranscriptJson!)!;
        var audio = transcript["request"]!["audio"]!;
        audio["sha256"]!.GetValue<string>().ShouldBe(Convert.ToHexStringLower(SHA256.HashData(Wav)));
        audio["length"]!.GetValue<int>().ShouldBe(Wav.Length);
        audio["mediaType"]!.GetValue<string>().ShouldBe("audio/wav");
        transcript["request"]!["options"]!["speechLanguage"]!.GetValue<string>().ShouldBe("en");
        transcript["response"]!["contents"]![0]!["text"]!.GetValue<string>().ShouldBe(response.Text);
        transcript["client"]!["provider"]!.GetValue<string>().ShouldBe("openai");
        receipt.TranscriptJson.ShouldNotContain(Convert.ToBase64String(Wav)[..16]);
        receipt.TranscriptJson.ShouldNotContain("test-key");

        // A changed transcription is named.
        var tampered = transcript.DeepClone();
        tampered["response"]!["contents"]![0]!["text"] = "something else";
        fixture.Verifier.Verify(receipt.ToJson(), tampered.ToJsonString()).FirstFailure!.Detail.ShouldContain("/response/contents/0");
    }

    [Fact]
    public async Task SpeechToText_ANonSeekableStream_IsBufferedAndSentWhole()
    {
        using var client = ProviderSpeechToText(fixture).AsBuilder().UseOpenVerify(fixture.Key).BuildVerified();
        using var pipe = new NonSeekableStream(Wav);

        var response = await client.GetTextAsync(pipe);

        response.Text.ShouldBe(OpenAiCompatibleServer.HeardText(Wav));
        JsonNode.Parse(response.GetReceipt().TranscriptJson!)!["request"]!["audio"]!["length"]!.GetValue<int>().ShouldBe(Wav.Length);
    }

    /// <remarks>Microsoft.Extensions.AI.OpenAI 10.11 streams through OpenAI SDK methods that 2.15 (this repository's
    /// version, the newest published) does not have: its streaming methods fail with MissingMethodException, translation
    /// included. <see cref="StreamedWhole"/> streams the real adapter's whole response as updates, as that adapter does
    /// where the provider cannot stream.</remarks>
    [Fact]
    public async Task SpeechToText_Streaming_OneReceiptForTheCompletedStream_AndTruncatedWhenStopped()
    {
        var signed = new List<ChatReceipt>();
        using var client = ((ISpeechToTextClient)new StreamedWhole(ProviderSpeechToText(fixture), ProviderTextToSpeech(fixture))).AsBuilder().UseOpenVerify(fixture.Key, c => c.ReceiptSigned = signed.Add).BuildVerified();
        var translate = new SpeechToTextOptions { SpeechLanguage = "fr", TextLanguage = "en" };

        var updates = new List<SpeechToTextResponseUpdate>();
        await foreach (var update in client.GetStreamingTextAsync(new MemoryStream(Wav), translate))
        {
            updates.Add(update);
        }

        signed.Count.ShouldBe(1);
        var receipt = updates.GetReceipt();
        receipt.Id.ShouldBe(signed[0].Id);
        receipt.IsTruncated.ShouldBeFalse();
        fixture.Verifier.Verify(receipt, "speech-to-text").Succeeded.ShouldBeTrue();
        var transcript = JsonNode.Parse(receipt.TranscriptJson!)!;
        transcript["request"]!["options"]!["textLanguage"]!.GetValue<string>().ShouldBe("en");
        var contents = transcript["response"]!["contents"]!.AsArray();
        string.Concat(contents.Where(c => (string?)c!["type"] == "text").Select(c => (string)c!["text"]!)).ShouldBe(OpenAiCompatibleServer.HeardText(Wav));

        await foreach (var update in client.GetStreamingTextAsync(new MemoryStream(Wav), translate))
        {
            break;
        }

        signed.Count.ShouldBe(2);
        signed[1].IsTruncated.ShouldBeTrue();
        fixture.Verifier.Verify(signed[1]).Succeeded.ShouldBeTrue();
    }

    [Fact]
    public async Task TextToSpeech_ReceiptBindsTheTextAndTheAudioByDigest()
    {
        using var client = ProviderTextToSpeech(fixture).AsBuilder().UseOpenVerify(fixture.Key).BuildVerified();

        var response = await client.GetAudioAsync("Hello from OpenVerify.", new TextToSpeechOptions { VoiceId = "alloy", Speed = 1.25f });

        var expected = OpenAiCompatibleServer.SpeechAudio("Hello from OpenVerify.");
        var audio = response.Contents.OfType<DataContent>().Single();
        audio.Data.ToArray().ShouldBe(expected);
        var receipt = response.GetReceipt();
        fixture.Verifier.Verify(receipt, "text-to-speech").Succeeded.ShouldBeTrue();
        var transcript = JsonNode.Parse(receipt.TranscriptJson!)!;
        transcript["request"]!["text"]!.GetValue<string>().ShouldBe("Hello from OpenVerify.");
        transcript["request"]!["options"]!["voiceId"]!.GetValue<string>().ShouldBe("alloy");
        transcript["request"]!["options"]!["speed"]!.GetValue<double>().ShouldBe(1.25);
        var bound = transcript["response"]!["contents"]![0]!;
        bound["sha256"]!.GetValue<string>().ShouldBe(Convert.ToHexStringLower(SHA256.HashData(expected)));
        bound["length"]!.GetValue<int>().ShouldBe(expected.Length);
        bound["mediaType"]!.GetValue<string>().ShouldBe("audio/mpeg");
    }

    [Fact]
    public async Task TextToSpeech_Streaming_ReceiptBindsTheAudioReceived()
    {
        var signed = new List<ChatReceipt>();
        using var client = ((ITextToSpeechClient)new StreamedWhole(ProviderSpeechToText(fixture), ProviderTextToSpeech(fixture))).AsBuilder().UseOpenVerify(fixture.Key, c => c.ReceiptSigned = signed.Add).BuildVerified();

        var updates = new List<TextToSpeechResponseUpdate>();
        await foreach (var update in client.GetStreamingAudioAsync("streamed speech"))
        {
            updates.Add(update);
        }

        updates[^1].TryGetReceipt(out var receipt).ShouldBeTrue();
        receipt!.Id.ShouldBe(signed.Single().Id);
        fixture.Verifier.Verify(receipt, "text-to-speech").Succeeded.ShouldBeTrue();
        var received = updates.SelectMany(u => u.Contents.OfType<DataContent>()).SelectMany(d => d.Data.ToArray()).ToArray();
        received.ShouldBe(OpenAiCompatibleServer.SpeechAudio("streamed speech"));
        var bound = JsonNode.Parse(receipt.TranscriptJson!)!["response"]!["contents"]!.AsArray().Where(c => (string?)c!["type"] == "data").ToList();
        bound.Sum(c => c!["length"]!.GetValue<int>()).ShouldBe(received.Length);

        await foreach (var update in client.GetStreamingAudioAsync("stopped speech"))
        {
            break;
        }

        signed.Count.ShouldBe(2);
        signed[1].IsTruncated.ShouldBeTrue();
    }

    [Fact]
    public async Task ImageGeneration_EveryImageBoundByDigest_AndEachCarriesTheReceipt()
    {
        var signed = new List<ChatReceipt>();
        using var generator = ProviderImages(fixture).AsBuilder().UseOpenVerify(fixture.Key, g => g.ReceiptSigned = signed.Add).BuildVerified();

        var response = await generator.GenerateImagesAsync("a lighthouse at dusk", new ImageGenerationOptions { Count = 2, ImageSize = new System.Drawing.Size(256, 256), ResponseFormat = ImageGenerationResponseFormat.Data });

        var images = response.Contents.OfType<DataContent>().ToList();
        images.Count.ShouldBe(2);
        var receipt = response.GetReceipt();
        receipt.Id.ShouldBe(signed.Single().Id);
        fixture.Verifier.Verify(receipt, "image-generation").Succeeded.ShouldBeTrue();
        var transcript = JsonNode.Parse(receipt.TranscriptJson!)!;
        transcript["request"]!["prompt"]!.GetValue<string>().ShouldBe("a lighthouse at dusk");
        transcript["request"]!["options"]!["imageSize"]!["width"]!.GetValue<int>().ShouldBe(256);
        transcript["request"]!["options"]!["responseFormat"]!.GetValue<string>().ShouldBe("data");
        for (var i = 0; i < 2; i++)
        {
            var expected = OpenAiCompatibleServer.ImageBytes("a lighthouse at dusk", i);
            images[i].Data.ToArray().ShouldBe(expected);
            transcript["response"]!["contents"]![i]!["sha256"]!.GetValue<string>().ShouldBe(Convert.ToHexStringLower(SHA256.HashData(expected)));
            images[i].AdditionalProperties![AttestingChatClient.ReceiptKey].ShouldBe(receipt.ToJson());
        }

        receipt.TranscriptJson.ShouldNotContain(Convert.ToBase64String(images[0].Data.ToArray())[..16]);
        var tampered = transcript.DeepClone();
        tampered["response"]!["contents"]![1]!["sha256"] = new string('0', 64);
        fixture.Verifier.Verify(receipt.ToJson(), tampered.ToJsonString()).FirstFailure!.Detail.ShouldContain("/response/contents/1");
    }

    [Fact]
    public async Task ImageGeneration_ImagesReturnedAsLinks_AreBoundByTheirUri()
    {
        using var generator = ProviderImages(fixture).AsBuilder().UseOpenVerify(fixture.Key).BuildVerified();

        var response = await generator.GenerateImagesAsync("linked", new ImageGenerationOptions { ResponseFormat = ImageGenerationResponseFormat.Uri });

        var link = response.Contents.OfType<UriContent>().Single();
        var receipt = response.GetReceipt();
        fixture.Verifier.Verify(receipt).Succeeded.ShouldBeTrue();
        JsonNode.Parse(receipt.TranscriptJson!)!["response"]!["contents"]![0]!["uri"]!.GetValue<string>().ShouldBe(link.Uri.ToString());
    }

    [Fact]
    public void BuildVerified_RefusesAPipelineWithoutTheAttestingStepInnermost()
    {
        Should.Throw<InvalidOperationException>(() => ProviderSpeechToText(fixture).AsBuilder().BuildVerified()).Message.ShouldContain("UseOpenVerify()");
        Should.Throw<InvalidOperationException>(() => ProviderTextToSpeech(fixture).AsBuilder().BuildVerified()).Message.ShouldContain("UseOpenVerify()");
        Should.Throw<InvalidOperationException>(() => ProviderImages(fixture).AsBuilder().BuildVerified()).Message.ShouldContain("UseOpenVerify()");
        Should.Throw<InvalidOperationException>(() => ProviderSpeechToText(fixture).AsBuilder().UseOpenVerify(fixture.Key).ConfigureOptions(_ => { }).BuildVerified()).Message.ShouldContain("innermost");
        Should.Throw<InvalidOperationException>(() => ProviderTextToSpeech(fixture).AsBuilder().UseOpenVerify(fixture.Key).ConfigureOptions(_ => { }).BuildVerified()).Message.ShouldContain("innermost");
        Should.Throw<InvalidOperationException>(() => ProviderImages(fixture).AsBuilder().UseOpenVerify(fixture.Key).ConfigureOptions(_ => { }).BuildVerified()).Message.ShouldContain("innermost");
    }

    [Fact]
    public void Verifier_RefusesUnknownOperations_AndMalformedMedia_SayingWhy()
    {
        var good = Transcript("speech-to-text", new JsonObject { ["audio"] = Media(), ["options"] = new JsonObject() });
        fixture.Verifier.Verify(Sign("speech-to-text", good)).Succeeded.ShouldBeTrue();

        var unknown = fixture.Verifier.Verify(Sign("video-generation", Transcript("video-generation", new JsonObject { ["options"] = new JsonObject() })));
        unknown.FirstFailure!.Name.ShouldBe(VerificationChecks.Statement);
        unknown.FirstFailure.Detail.ShouldContain("'video-generation', which this verifier does not know");

        foreach (var (change, message) in new (Action<JsonObject>, string)[]
        {
            (m => m.Remove("sha256"), "/request/audio/sha256 is missing"),
            (m => m["sha256"] = "ABC", "/request/audio/sha256 is missing or not 64 lowercase hex"),
            (m => m["length"] = -1, "/request/audio/length is missing or not a byte count"),
            (m => m["length"] = 1.5, "/request/audio/length is missing or not a byte count"),
            (m => m.Remove("mediaType"), "/request/audio/mediaType is missing"),
            (m => m["data"] = "UklGRg==", "/request/audio/data is not part of a media reference"),
        })
        {
            var media = Media();
            change(media);
            var result = fixture.Verifier.Verify(Sign("speech-to-text", Transcript("speech-to-text", new JsonObject { ["audio"] = media, ["options"] = new JsonObject() })));
            result.FirstFailure!.Name.ShouldBe(ChatVerificationChecks.Transcript);
            result.FirstFailure.Detail.ShouldContain(message);
        }

        var noAudio = fixture.Verifier.Verify(Sign("speech-to-text", Transcript("speech-to-text", new JsonObject { ["options"] = new JsonObject() })));
        noAudio.FirstFailure!.Detail.ShouldContain("/request/audio is missing");
    }

    [SkippableFact]
    public async Task FreshMediaReceipts_VerifyInPython_AndTamperingFails()
    {
        ChatVectorTests.RequirePython();
        var dir = Directory.CreateTempSubdirectory("openverify-media-interop-");
        try
        {
            using var speechToText = ProviderSpeechToText(fixture).AsBuilder().UseOpenVerify(fixture.Key).BuildVerified();
            using var textToSpeech = ProviderTextToSpeech(fixture).AsBuilder().UseOpenVerify(fixture.Key).BuildVerified();
            using var images = ProviderImages(fixture).AsBuilder().UseOpenVerify(fixture.Key).BuildVerified();
            var receipts = new Dictionary<string, ChatReceipt>
            {
                ["speech-to-text"] = (await speechToText.GetTextAsync(new MemoryStream(Wav))).GetReceipt(),
                ["text-to-speech"] = (await textToSpeech.GetAudioAsync("python listens")).GetReceipt(),
                ["image-generation"] = (await images.GenerateImagesAsync("python looks", new ImageGenerationOptions { Count = 2 })).GetReceipt(),
            };
            await File.WriteAllTextAsync(Path.Combine(dir.FullName, "signer.pub.pem"), fixture.Key.PublicKey.ExportPem());
            foreach (var (name, receipt) in receipts)
            {
                receipt.Save(Path.Combine(dir.FullName, $"{name}.receipt.json"), Path.Combine(dir.FullName, $"{name}.transcript.json"));
            }

            var run = ChatVectorTests.RunPython("--chat", dir.FullName);
            run.ExitCode.ShouldBe(0, run.Output);
            run.Output.ShouldContain("PASS image-generation.receipt.json: transcript");
            run.Output.ShouldContain("PASS speech-to-text.receipt.json: transcript");

            var transcript = Path.Combine(dir.FullName, "image-generation.transcript.json");
            var node = JsonNode.Parse(await File.ReadAllTextAsync(transcript))!;
            node["response"]!["contents"]![1]!["length"] = 41;
            await File.WriteAllTextAsync(transcript, node.ToJsonString());
            var tampered = ChatVectorTests.RunPython("--chat", dir.FullName);
            tampered.ExitCode.ShouldBe(1, tampered.Output);
            tampered.Output.ShouldContain("first at /response/contents/1.");
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [SkippableFact]
    public async Task Verifier_AndPython_AgreeOnAWholeLengthBeyond64Bits()
    {
        // §8.4: a length is "a whole number from 0"; canonical JSON writes 1e20 as 100000000000000000000, beyond a long.
        ChatVectorTests.RequirePython();
        var media = Media();
        media["length"] = 1e20;
        var receipt = Sign("speech-to-text", Transcript("speech-to-text", new JsonObject { ["audio"] = media, ["options"] = new JsonObject() }));
        var dir = Directory.CreateTempSubdirectory("openverify-media-length-");
        try
        {
            await File.WriteAllTextAsync(Path.Combine(dir.FullName, "signer.pub.pem"), fixture.Key.PublicKey.ExportPem());
            receipt.Save(Path.Combine(dir.FullName, "stt.receipt.json"), Path.Combine(dir.FullName, "stt.transcript.json"));
            var python = ChatVectorTests.RunPython("--chat", dir.FullName);
            var dotnet = fixture.Verifier.Verify(receipt);
            (python.ExitCode == 0).ShouldBe(dotnet.Succeeded, $"python: {python.Output}; .NET: {dotnet.FirstFailure?.Detail}");
            dotnet.Succeeded.ShouldBeTrue(dotnet.FirstFailure?.Detail);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private static JsonObject Media() => new() { ["type"] = "data", ["mediaType"] = "audio/wav", ["sha256"] = Convert.ToHexStringLower(SHA256.HashData(Wav)), ["length"] = Wav.Length };

    private static JsonObject Transcript(string operation, JsonObject request) => new()
    {
        ["schema"] = ChatReceipt.TranscriptSchema, ["operation"] = operation, ["client"] = new JsonObject(), ["request"] = request,
        ["response"] = new JsonObject { ["contents"] = new JsonArray(new JsonObject { ["type"] = "text", ["text"] = "x" }) },
    };

    /// <summary>A receipt a signer wrote for this transcript as given (consistent digests), to test what the verifier
    /// makes of its content.</summary>
    private ChatReceipt Sign(string operation, JsonObject transcript)
    {
        var canonical = ReceiptFactory.Canonicalize(transcript);
        return ReceiptFactory.Sign(operation, canonical, TranscriptFields.Compute(canonical), null, truncated: false, fixture.Key);
    }

    /// <summary>The real OpenAI adapters' whole responses streamed as updates (see the remarks on the streaming test).</summary>
    private sealed class StreamedWhole(ISpeechToTextClient speechToText, ITextToSpeechClient textToSpeech) : ISpeechToTextClient, ITextToSpeechClient
    {
        public Task<SpeechToTextResponse> GetTextAsync(Stream audioSpeechStream, SpeechToTextOptions? options = null, CancellationToken cancellationToken = default) =>
            speechToText.GetTextAsync(audioSpeechStream, options, cancellationToken);

        public async IAsyncEnumerable<SpeechToTextResponseUpdate> GetStreamingTextAsync(Stream audioSpeechStream, SpeechToTextOptions? options = null, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            foreach (var update in (await speechToText.GetTextAsync(audioSpeechStream, options, cancellationToken)).ToSpeechToTextResponseUpdates())
            {
                yield return update;
            }
        }

        public Task<TextToSpeechResponse> GetAudioAsync(string text, TextToSpeechOptions? options = null, CancellationToken cancellationToken = default) =>
            textToSpeech.GetAudioAsync(text, options, cancellationToken);

        public async IAsyncEnumerable<TextToSpeechResponseUpdate> GetStreamingAudioAsync(string text, TextToSpeechOptions? options = null, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            foreach (var update in (await textToSpeech.GetAudioAsync(text, options, cancellationToken)).ToTextToSpeechResponseUpdates())
            {
                yield return update;
            }
        }

        public object? GetService(Type serviceType, object? serviceKey = null) =>
            serviceType == typeof(SpeechToTextClientMetadata) ? speechToText.GetService(serviceType, serviceKey) : textToSpeech.GetService(serviceType, serviceKey);

        public void Dispose()
        {
            speechToText.Dispose();
            textToSpeech.Dispose();
        }
    }

    /// <summary>A stream that can be read once, front to back, as a network or pipe stream.</summary>
    internal sealed class NonSeekableStream(byte[] bytes) : Stream
    {
        private readonly MemoryStream _inner = new(bytes);

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, count);

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            _inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
