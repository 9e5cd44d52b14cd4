using System.ClientModel;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using OpenAI.Audio;

namespace OpenVerify.Extensions.AI;

/// <summary>
/// The audio a verified OpenAI audio call uploads: the caller's bytes, read once, with the file name the caller gave the
/// SDK method (the SDK sends it in the multipart request, and the service reads the format from its extension).
/// </summary>
internal sealed class AudioUpload(byte[] bytes, string fileName) : NamedAudioStream(bytes, fileName)
{
    public static async Task<AudioUpload> ReadAsync(Stream audio, string fileName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(audio);
        ArgumentException.ThrowIfNullOrEmpty(fileName, "audioFilename");
        using var copy = new MemoryStream();
        await audio.CopyToAsync(copy, cancellationToken).ConfigureAwait(false);
        return new AudioUpload(copy.ToArray(), fileName);
    }

    public static async Task<AudioUpload> ReadFileAsync(string audioFilePath, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(audioFilePath);
        return new AudioUpload(await File.ReadAllBytesAsync(audioFilePath, cancellationToken).ConfigureAwait(false), Path.GetFileName(audioFilePath));
    }
}

/// <summary>
/// The speech-to-text client the attesting step of a <see cref="VerifiedOpenAIAudioClient"/> wraps: the OpenAI SDK's
/// transcription and translation calls, read back as Microsoft.Extensions.AI.OpenAI's <c>AsISpeechToTextClient()</c>
/// reads them (text, start and end times, usage), with two differences it needs. It sends the caller's file name (that
/// adapter makes one up from the audio's first bytes, "audio.mp3" when it does not know them), and it streams through
/// OpenAI 2.15's <c>TranscribeAudioStreamingAsync</c>: Microsoft.Extensions.AI.OpenAI 10.11 is built against OpenAI 2.14,
/// whose method returned an <c>AsyncCollectionResult</c>, so its streaming fails with <see cref="MissingMethodException"/>
/// (a test pins this: drop the streaming part once a release fixes it). Its raw representations are the SDK's
/// <see cref="ClientResult{T}"/> (whole calls) and updates (streamed ones), so the caller gets the SDK's own objects.
/// </summary>
/// <remarks>Only given the options <see cref="OpenAIAudioOptionsMapping"/> produces, and an <see cref="AudioUpload"/>.</remarks>
internal sealed class OpenAISpeechToTextBridge(AudioClient client) : ISpeechToTextClient
{
    private readonly ISpeechToTextClient _adapter = client.AsISpeechToTextClient();

    public async Task<SpeechToTextResponse> GetTextAsync(Stream audioSpeechStream, SpeechToTextOptions? options = null, CancellationToken cancellationToken = default)
    {
        var upload = Upload(audioSpeechStream, options);
        if (IsTranslation(options))
        {
            var translated = await client.TranslateAudioAsync(upload, upload.FileName, new AudioTranslationOptions(), cancellationToken).ConfigureAwait(false);
            return Response(translated.Value.Text, translated.Value.Segments, [], null, translated);
        }

        var transcribed = await client.TranscribeAudioAsync(upload, upload.FileName, TranscriptionOptions(options), cancellationToken).ConfigureAwait(false);
        var usage = transcribed.Value.Usage is AudioTranscriptionTokenUsage tokens ? Usage(tokens) : null;
        return Response(transcribed.Value.Text, transcribed.Value.Segments, transcribed.Value.Words, usage, transcribed);
    }

    public async IAsyncEnumerable<SpeechToTextResponseUpdate> GetStreamingTextAsync(Stream audioSpeechStream, SpeechToTextOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var upload = Upload(audioSpeechStream, options);
        if (IsTranslation(options))
        {
            throw new NotSupportedException("The OpenAI SDK has no streamed translation.");
        }

        await using var updates = await client.TranscribeAudioStreamingAsync(upload, upload.FileName, TranscriptionOptions(options), cancellationToken).ConfigureAwait(false);
        await foreach (var item in updates.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            var update = new SpeechToTextResponseUpdate { ModelId = options?.ModelId, RawRepresentation = item };
            switch (item)
            {
                case StreamingAudioTranscriptionTextDeltaUpdate delta:
                    update.Kind = SpeechToTextResponseUpdateKind.TextUpdated;
                    update.Contents = [new TextContent(delta.Delta)];
                    break;
                case StreamingAudioTranscriptionTextSegmentUpdate segment:
                    update.Kind = SpeechToTextResponseUpdateKind.TextUpdated;
                    update.StartTime = segment.StartTime;
                    update.EndTime = segment.EndTime;
                    break;
                case StreamingAudioTranscriptionTextDoneUpdate done:
                    update.Kind = SpeechToTextResponseUpdateKind.SessionClose;
                    if (done.Usage is { } usage)
                    {
                        update.Contents = [new UsageContent(Usage(usage))];
                    }

                    break;
            }

            yield return update;
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => _adapter.GetService(serviceType, serviceKey);

    public void Dispose() => _adapter.Dispose();

    private static AudioUpload Upload(Stream audio, SpeechToTextOptions? options)
    {
        if (options is { RawRepresentationFactory: not null } or { AdditionalProperties.Count: > 0 } or { SpeechSampleRate: not null } or { ModelId: not null })
        {
            throw new NotSupportedException("The speech-to-text bridge of the verified OpenAI audio client only carries the options its mapping produces.");
        }

        return audio as AudioUpload ?? throw new NotSupportedException("The speech-to-text bridge of the verified OpenAI audio client only sends audio it read itself.");
    }

    /// <summary>As Microsoft.Extensions.AI.OpenAI decides: a text language other than the speech's asks for a translation.</summary>
    private static bool IsTranslation(SpeechToTextOptions? options) =>
        options?.TextLanguage is { } text && (options.SpeechLanguage is null || options.SpeechLanguage != text);

    private static AudioTranscriptionOptions TranscriptionOptions(SpeechToTextOptions? options) => new() { Language = options?.SpeechLanguage };

    private static SpeechToTextResponse Response(string text, IReadOnlyList<TranscribedSegment> segments, IReadOnlyList<TranscribedWord> words, UsageDetails? usage, object raw)
    {
        var response = new SpeechToTextResponse([new TextContent(text)]) { RawRepresentation = raw, Usage = usage };
        if (segments.Count > 0)
        {
            response.StartTime = segments[0].StartTime;
            response.EndTime = segments[^1].EndTime;
        }
        else if (words.Count > 0)
        {
            response.StartTime = words[0].StartTime;
            response.EndTime = words[^1].EndTime;
        }

        return response;
    }

    private static UsageDetails Usage(AudioTranscriptionTokenUsage usage) => new()
    {
        InputTokenCount = usage.InputTokenCount,
        OutputTokenCount = usage.OutputTokenCount,
        TotalTokenCount = usage.TotalTokenCount,
        InputAudioTokenCount = usage.InputTokenDetails?.AudioTokenCount,
        InputTextTokenCount = usage.InputTokenDetails?.TextTokenCount,
    };
}

/// <summary>
/// The text-to-speech client the attesting step of a <see cref="VerifiedOpenAIAudioClient"/> wraps: whole calls go to
/// Microsoft.Extensions.AI.OpenAI's <c>AsITextToSpeechClient()</c> unchanged (its raw representation is the SDK's
/// <see cref="ClientResult{T}"/> of the audio); streamed ones are sent through OpenAI 2.15's
/// <c>GenerateSpeechStreamingAsync</c> with the options that adapter builds and read back as it reads them, for the same
/// reason as <see cref="OpenAISpeechToTextBridge"/>.
/// </summary>
internal sealed class OpenAITextToSpeechBridge(AudioClient client) : ITextToSpeechClient
{
    private readonly ITextToSpeechClient _adapter = client.AsITextToSpeechClient();

    public Task<TextToSpeechResponse> GetAudioAsync(string text, TextToSpeechOptions? options = null, CancellationToken cancellationToken = default)
    {
        Check(options);
        return _adapter.GetAudioAsync(text, options, cancellationToken);
    }

    public async IAsyncEnumerable<TextToSpeechResponseUpdate> GetStreamingAudioAsync(string text, TextToSpeechOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        Check(options);
        var format = options?.AudioFormat is { } audioFormat ? new GeneratedSpeechFormat(audioFormat) : (GeneratedSpeechFormat?)null;
        var request = new SpeechGenerationOptions { SpeedRatio = options?.Speed, ResponseFormat = format };
        var model = options?.ModelId ?? client.Model;
        var mediaType = MediaType(format);
        await using var updates = await client.GenerateSpeechStreamingAsync(text, new GeneratedSpeechVoice(options?.VoiceId ?? "alloy"), request, cancellationToken).ConfigureAwait(false);
        await foreach (var item in updates.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            switch (item)
            {
                case StreamingSpeechAudioDeltaUpdate delta:
                    yield return new TextToSpeechResponseUpdate
                    {
                        Kind = TextToSpeechResponseUpdateKind.AudioUpdating, ModelId = model, RawRepresentation = delta,
                        Contents = [new DataContent(delta.AudioBytes.ToMemory(), mediaType)],
                    };
                    break;
                case StreamingSpeechAudioDoneUpdate done:
                    yield return new TextToSpeechResponseUpdate
                    {
                        Kind = TextToSpeechResponseUpdateKind.SessionClose, ModelId = model, RawRepresentation = done,
                        Contents = done.Usage is { } usage ? [new UsageContent(new UsageDetails { InputTokenCount = usage.InputTokenCount, OutputTokenCount = usage.OutputTokenCount, TotalTokenCount = usage.TotalTokenCount })] : [],
                    };
                    break;
            }
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => _adapter.GetService(serviceType, serviceKey);

    public void Dispose() => _adapter.Dispose();

    private static void Check(TextToSpeechOptions? options)
    {
        if (options is { RawRepresentationFactory: not null } or { AdditionalProperties.Count: > 0 } or { Language: not null } or { Pitch: not null } or { Volume: not null } or { ModelId: not null })
        {
            throw new NotSupportedException("The text-to-speech bridge of the verified OpenAI audio client only carries the options its mapping produces.");
        }
    }

    /// <summary>The media type Microsoft.Extensions.AI.OpenAI gives the audio of each format.</summary>
    private static string MediaType(GeneratedSpeechFormat? format) => format?.ToString() switch
    {
        null or "mp3" => "audio/mpeg",
        "opus" => "audio/opus",
        "aac" => "audio/aac",
        "flac" => "audio/flac",
        "wav" => "audio/wav",
        "pcm" => "audio/l16",
        _ => "application/octet-stream",
    };
}
