#pragma warning disable OPENAI001 // the SDK marks audio streaming, speech instructions and log probabilities evaluation-only; they are what is tested here.
using System.ClientModel;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using OpenAI.Audio;

namespace OpenVerify.Extensions.AI.Tests;

/// <summary>
/// The verified wrapper of the OpenAI SDK's <see cref="AudioClient"/> (package OpenVerify.Extensions.AI.OpenAI): the real
/// SDK against the loopback server's /audio/transcriptions, /audio/translations and /audio/speech, results of the SDK's
/// own types, and speech-to-text / text-to-speech receipts that verify and bind the audio by digest.
/// </summary>
[Collection(ChatCollection.Name)]
public sealed class OpenAIAudioVerifiedTests(ChatFixture fixture)
{
    private static readonly byte[] Wav = MediaTests.Wav;

    private AudioClient Sdk(string model = "whisper-test") => fixture.OpenAi().GetAudioClient(model);

    private VerifiedOpenAIAudioClient Verified(string model = "whisper-test") => Sdk(model).AsVerified(fixture.Key);

    [Fact]
    public async Task TranscribeAudio_ReturnsTheSdkTranscription_WithAReceiptBindingTheAudioByDigest()
    {
        ClientResult<AudioTranscription> result = await Verified().TranscribeAudioAsync(new MemoryStream(Wav), "meeting.wav", new AudioTranscriptionOptions { Language = "en", ResponseFormat = AudioTranscriptionFormat.Simple });

        AudioTranscription transcription = result;
        transcription.Text.ShouldBe(OpenAiCompatibleServer.HeardText(Wav));
        fixture.Server.LastAudioFileName.ShouldBe("meeting.wav");
        result.GetRawResponse().Status.ShouldBe(200);
        var receipt = result.GetReceipt();
        transcription.GetReceipt().Id.ShouldBe(receipt.Id);
        var verification = fixture.Verifier.Verify(receipt, "speech-to-text");
        verification.Succeeded.ShouldBeTrue(verification.ToString());
        var transcript = JsonNode.Parse(receipt.TranscriptJson!)!;
        transcript["request"]!["audio"]!["sha256"]!.GetValue<string>().ShouldBe(Convert.ToHexStringLower(SHA256.HashData(Wav)));
        transcript["request"]!["audio"]!["length"]!.GetValue<int>().ShouldBe(Wav.Length);
        // The file name the SDK sent with the bytes (the service reads the format from it) is the name bound.
        transcript["request"]!["audio"]!["name"]!.GetValue<string>().ShouldBe("meeting.wav");
        transcript["request"]!["options"]!["speechLanguage"]!.GetValue<string>().ShouldBe("en");
        transcript["response"]!["contents"]![0]!["text"]!.GetValue<string>().ShouldBe(transcription.Text);
        transcript["response"]!["usage"]!["inputTokens"]!.GetValue<int>().ShouldBe(Wav.Length / 4);
        transcript["client"]!["defaultModel"]!.GetValue<string>().ShouldBe("whisper-test");

        // The sync form, from a stream that cannot seek: read once, and the bytes hashed are the bytes sent.
        using var pipe = new MediaTests.NonSeekableStream(Wav);
        var sync = Verified().TranscribeAudio(pipe, "pipe.wav");
        sync.Value.Text.ShouldBe(OpenAiCompatibleServer.HeardText(Wav));
        JsonNode.Parse(sync.GetReceipt().TranscriptJson!)!["request"]!["audio"]!["length"]!.GetValue<int>().ShouldBe(Wav.Length);
    }

    [Fact]
    public async Task FilePathOverloads_ReadTheFileOnce_AndSendItsName_TranscribedAndTranslated()
    {
        var dir = Directory.CreateTempSubdirectory("openverify-audio-");
        try
        {
            var path = Path.Combine(dir.FullName, "interview.wav");
            await File.WriteAllBytesAsync(path, Wav);
            var verified = Verified();

            var transcribed = verified.TranscribeAudio(path);
            fixture.Server.LastAudioFileName.ShouldBe("interview.wav");
            var asyncTranscribed = await verified.TranscribeAudioAsync(path);
            var translated = verified.TranslateAudio(path);
            ClientResult<AudioTranslation> asyncTranslated = await verified.TranslateAudioAsync(new MemoryStream(Wav), "french.wav");
            fixture.Server.LastAudioFileName.ShouldBe("french.wav");

            foreach (var result in new ClientResult[] { transcribed, asyncTranscribed, translated, asyncTranslated })
            {
                fixture.Verifier.Verify(result.GetReceipt(), "speech-to-text").Succeeded.ShouldBeTrue();
            }

            JsonNode.Parse(translated.GetReceipt().TranscriptJson!)!["request"]!["audio"]!["name"]!.GetValue<string>().ShouldBe("interview.wav");
            JsonNode.Parse(asyncTranslated.GetReceipt().TranscriptJson!)!["request"]!["audio"]!["name"]!.GetValue<string>().ShouldBe("french.wav");

            transcribed.Value.Text.ShouldBe(OpenAiCompatibleServer.HeardText(Wav));
            translated.Value.Text.ShouldBe(OpenAiCompatibleServer.HeardText(Wav));
            translated.Value.GetReceipt().Id.ShouldBe(translated.GetReceipt().Id);
            var options = JsonNode.Parse(asyncTranslated.GetReceipt().TranscriptJson!)!["request"]!["options"]!;
            options["textLanguage"]!.GetValue<string>().ShouldBe("en");
            JsonNode.Parse(transcribed.GetReceipt().TranscriptJson!)!["request"]!["options"]!.AsObject().ContainsKey("textLanguage").ShouldBeFalse();
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task TranscribeAudioStreaming_YieldsTheSdksUpdates_AndOneReceiptOnceEnumerated_TruncatedWhenStopped()
    {
        var verified = Verified();
        await using var updates = await verified.TranscribeAudioStreamingAsync(new MemoryStream(Wav), "stream.wav");
        updates.TryGetReceipt(out _).ShouldBeFalse();
        Should.Throw<InvalidOperationException>(() => updates.GetReceipt()).Message.ShouldContain("enumerate it first");

        var text = "";
        StreamingAudioTranscriptionTextDoneUpdate? done = null;
        await foreach (StreamingAudioTranscriptionUpdate update in updates)
        {
            text += (update as StreamingAudioTranscriptionTextDeltaUpdate)?.Delta;
            done = update as StreamingAudioTranscriptionTextDoneUpdate ?? done;
        }

        text.ShouldBe(OpenAiCompatibleServer.HeardText(Wav));
        done!.Usage.OutputTokenCount.ShouldBe(5);
        var receipt = updates.GetReceipt();
        receipt.IsTruncated.ShouldBeFalse();
        fixture.Verifier.Verify(receipt, "speech-to-text").Succeeded.ShouldBeTrue();
        var contents = JsonNode.Parse(receipt.TranscriptJson!)!["response"]!["contents"]!.AsArray();
        string.Concat(contents.Where(c => (string?)c!["type"] == "text").Select(c => (string)c!["text"]!)).ShouldBe(text);

        var dir = Directory.CreateTempSubdirectory("openverify-audio-stream-");
        try
        {
            var path = Path.Combine(dir.FullName, "stopped.wav");
            await File.WriteAllBytesAsync(path, Wav);
            var stopped = await verified.TranscribeAudioStreamingAsync(path);
            await foreach (var update in stopped)
            {
                break;
            }

            stopped.GetReceipt().IsTruncated.ShouldBeTrue();
            fixture.Verifier.Verify(stopped.GetReceipt()).Succeeded.ShouldBeTrue();
            fixture.Server.LastAudioFileName.ShouldBe("stopped.wav");
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task GenerateSpeech_ReturnsTheSdksAudio_WithAReceiptBindingTextOptionsAndAudio()
    {
        var verified = Verified("tts-test");
        ClientResult<BinaryData> speech = await verified.GenerateSpeechAsync("Hello audio.", GeneratedSpeechVoice.Nova, new SpeechGenerationOptions { SpeedRatio = 1.5f, ResponseFormat = GeneratedSpeechFormat.Wav });

        var expected = OpenAiCompatibleServer.SpeechAudio("Hello audio.");
        speech.Value.ToArray().ShouldBe(expected);
        speech.GetRawResponse().Headers.TryGetValue("Content-Type", out var contentType).ShouldBeTrue();
        contentType.ShouldBe("audio/wav");
        var receipt = speech.GetReceipt();
        fixture.Verifier.Verify(receipt, "text-to-speech").Succeeded.ShouldBeTrue();
        var transcript = JsonNode.Parse(receipt.TranscriptJson!)!;
        transcript["request"]!["text"]!.GetValue<string>().ShouldBe("Hello audio.");
        transcript["request"]!["options"]!["voiceId"]!.GetValue<string>().ShouldBe("nova");
        transcript["request"]!["options"]!["speed"]!.GetValue<double>().ShouldBe(1.5);
        transcript["request"]!["options"]!["audioFormat"]!.GetValue<string>().ShouldBe("wav");
        var bound = transcript["response"]!["contents"]![0]!;
        bound["sha256"]!.GetValue<string>().ShouldBe(Convert.ToHexStringLower(SHA256.HashData(expected)));
        bound["mediaType"]!.GetValue<string>().ShouldBe("audio/wav");

        var sync = verified.GenerateSpeech("sync speech", GeneratedSpeechVoice.Alloy);
        sync.Value.ToArray().ShouldBe(OpenAiCompatibleServer.SpeechAudio("sync speech"));
        fixture.Verifier.Verify(sync.GetReceipt(), "text-to-speech").Succeeded.ShouldBeTrue();
    }

    [Fact]
    public async Task GenerateSpeechStreaming_YieldsTheSdksUpdates_AndTheReceiptBindsTheAudioReceived()
    {
        await using var updates = await Verified("tts-test").GenerateSpeechStreamingAsync("streamed audio", GeneratedSpeechVoice.Echo);

        var audio = new List<byte>();
        SpeechTokenUsage? usage = null;
        await foreach (StreamingSpeechUpdate update in updates)
        {
            if (update is StreamingSpeechAudioDeltaUpdate delta)
            {
                audio.AddRange(delta.AudioBytes.ToArray());
            }

            usage = (update as StreamingSpeechAudioDoneUpdate)?.Usage ?? usage;
        }

        audio.ToArray().ShouldBe(OpenAiCompatibleServer.SpeechAudio("streamed audio"));
        usage!.OutputTokenCount.ShouldBe(audio.Count);
        var receipt = updates.GetReceipt();
        fixture.Verifier.Verify(receipt, "text-to-speech").Succeeded.ShouldBeTrue();
        var transcript = JsonNode.Parse(receipt.TranscriptJson!)!;
        transcript["request"]!["options"]!["voiceId"]!.GetValue<string>().ShouldBe("echo");
        transcript["response"]!["contents"]!.AsArray().Where(c => (string?)c!["type"] == "data").Sum(c => c!["length"]!.GetValue<int>()).ShouldBe(audio.Count);
    }

    [Fact]
    public async Task OptionsTheReceiptCannotBind_AreRefusedNamingTheSdkMember_BeforeAnythingIsSent()
    {
        var verified = Verified();
        var before = fixture.Server.MediaRequests;
        foreach (var (options, member) in new (AudioTranscriptionOptions, string)[]
        {
            (new() { Prompt = "names: Ada" }, "AudioTranscriptionOptions.Prompt"),
            (new() { Temperature = 0.2f }, "AudioTranscriptionOptions.Temperature"),
            (new() { ResponseFormat = AudioTranscriptionFormat.Verbose }, "AudioTranscriptionOptions.ResponseFormat"),
            (new() { TimestampGranularities = AudioTimestampGranularities.Word }, "AudioTranscriptionOptions.TimestampGranularities"),
            (new() { Includes = AudioTranscriptionIncludes.Logprobs }, "AudioTranscriptionOptions.Includes"),
        })
        {
            (await Should.ThrowAsync<NotSupportedException>(() => verified.TranscribeAudioAsync(new MemoryStream(Wav), "x.wav", options))).Message.ShouldContain(member);
            (await Should.ThrowAsync<NotSupportedException>(() => verified.TranscribeAudioStreamingAsync(new MemoryStream(Wav), "x.wav", options))).Message.ShouldContain(member);
        }

        Should.Throw<NotSupportedException>(() => verified.TranslateAudio(new MemoryStream(Wav), "x.wav", new AudioTranslationOptions { Prompt = "p" })).Message.ShouldContain("AudioTranslationOptions.Prompt");
        Should.Throw<NotSupportedException>(() => verified.TranslateAudio(new MemoryStream(Wav), "x.wav", new AudioTranslationOptions { ResponseFormat = AudioTranslationFormat.Srt })).Message.ShouldContain("AudioTranslationOptions.ResponseFormat");
        Should.Throw<NotSupportedException>(() => verified.GenerateSpeech("x", GeneratedSpeechVoice.Alloy, new SpeechGenerationOptions { Instructions = "whisper" })).Message.ShouldContain("SpeechGenerationOptions.Instructions");
        Should.Throw<NotSupportedException>(() => verified.GenerateSpeechStreamingAsync("x", GeneratedSpeechVoice.Alloy, new SpeechGenerationOptions { Instructions = "whisper" })).Message.ShouldContain("[AllowUnverifiedAi]");
        fixture.Server.MediaRequests.ShouldBe(before);
    }

    [Fact]
    public async Task ForeignResults_CarryNoReceipt_AndSaySo()
    {
        var plain = await Sdk().TranscribeAudioAsync(new MemoryStream(Wav), "plain.wav");
        plain.TryGetReceipt(out _).ShouldBeFalse();
        plain.Value.TryGetReceipt(out var none).ShouldBeFalse();
        none.ShouldBeNull();
        Should.Throw<InvalidOperationException>(() => plain.Value.GetReceipt()).Message.ShouldContain("audioClient.AsVerified()");
        var translation = OpenAIAudioModelFactory.AudioTranslation("en", null, "built by hand", []);
        translation.TryGetReceipt(out _).ShouldBeFalse();
        var stream = await Sdk("tts-test").GenerateSpeechStreamingAsync("plain", GeneratedSpeechVoice.Alloy);
        Should.Throw<InvalidOperationException>(() => stream.GetReceipt()).Message.ShouldContain("did not come from a verified OpenAI audio client");
        await stream.DisposeAsync();
        Should.Throw<InvalidOperationException>(() => fixture.OpenAi().GetAudioClient("x").AsVerified()).Message.ShouldContain("No receipt signer");
    }

    /// <summary>Why the verified client streams through its own bridge: Microsoft.Extensions.AI.OpenAI 10.11 calls the
    /// streaming methods of OpenAI 2.14, which 2.15 changed. When this fails, a fixed release is out: drop the bridge's
    /// streaming code.</summary>
    [Fact]
    public async Task MicrosoftExtensionsAIOpenAI_StreamingAudio_StillFailsOnTheSdkThisPackageShipsWith()
    {
        await Should.ThrowAsync<MissingMethodException>(async () =>
        {
            await foreach (var update in Sdk().AsISpeechToTextClient().GetStreamingTextAsync(new MemoryStream(Wav)))
            {
            }
        });
        await Should.ThrowAsync<MissingMethodException>(async () =>
        {
            await foreach (var update in Sdk("tts-test").AsITextToSpeechClient().GetStreamingAudioAsync("x"))
            {
            }
        });
    }
}
