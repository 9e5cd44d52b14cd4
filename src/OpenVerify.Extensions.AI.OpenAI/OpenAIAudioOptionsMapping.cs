using Microsoft.Extensions.AI;
using OpenAI.Audio;

namespace OpenVerify.Extensions.AI;

/// <summary>
/// The OpenAI SDK's audio options as Microsoft.Extensions.AI's speech options, which the receipt binds. A member with no
/// counterpart is refused (<see cref="NotSupportedException"/> naming it) before anything is sent: sending it anyway
/// would leave the receipt silent about something that changes the answer, and dropping it would change the call.
/// </summary>
internal static class OpenAIAudioOptionsMapping
{
    /// <summary>What the receipt records of a translation: the text is asked for in English (the only language the
    /// OpenAI translation endpoint writes), whatever the speech.</summary>
    public const string TranslationLanguage = "en";

    public static SpeechToTextOptions? Transcription(AudioTranscriptionOptions? options)
    {
        if (options is null)
        {
            return null;
        }

        Refuse(options.Temperature is not null, "AudioTranscriptionOptions.Temperature", "temperature");
        Refuse(options.Prompt is not null, "AudioTranscriptionOptions.Prompt", "prompt");
        Refuse(options.ResponseFormat is { } format && format != AudioTranscriptionFormat.Simple, "AudioTranscriptionOptions.ResponseFormat (other than Simple)", "response_format");
        Refuse(options.TimestampGranularities != AudioTimestampGranularities.Default, "AudioTranscriptionOptions.TimestampGranularities", "timestamp_granularities");
        Refuse(options.Includes != AudioTranscriptionIncludes.Default, "AudioTranscriptionOptions.Includes", "include");
        Refuse(options.ChunkingStrategy is not null, "AudioTranscriptionOptions.ChunkingStrategy", "chunking_strategy");
        Refuse(options.KnownSpeakerNames.Count > 0 || options.KnownSpeakerReferenceUris.Count > 0, "AudioTranscriptionOptions.KnownSpeakerNames/KnownSpeakerReferenceUris", "known_speaker_names");
        return new SpeechToTextOptions { SpeechLanguage = options.Language };
    }

    public static SpeechToTextOptions Translation(AudioTranslationOptions? options)
    {
        if (options is not null)
        {
            Refuse(options.Temperature is not null, "AudioTranslationOptions.Temperature", "temperature");
            Refuse(options.Prompt is not null, "AudioTranslationOptions.Prompt", "prompt");
            Refuse(options.ResponseFormat is { } format && format != AudioTranslationFormat.Simple, "AudioTranslationOptions.ResponseFormat (other than Simple)", "response_format");
        }

        return new SpeechToTextOptions { TextLanguage = TranslationLanguage };
    }

    public static TextToSpeechOptions Speech(GeneratedSpeechVoice voice, SpeechGenerationOptions? options)
    {
        Refuse(options?.Instructions is not null, "SpeechGenerationOptions.Instructions", "instructions");
        return new TextToSpeechOptions { VoiceId = voice.ToString(), Speed = options?.SpeedRatio, AudioFormat = options?.ResponseFormat?.ToString() };
    }

    private static void Refuse(bool present, string member, string wireName)
    {
        if (present)
        {
            throw new NotSupportedException($"The verified OpenAI audio client cannot carry {member} ('{wireName}'): Microsoft.Extensions.AI's speech options have no counterpart, so the receipt could not bind it, and a verified call does not drop options silently. Remove it, or call the SDK's AudioClient directly and mark the call [AllowUnverifiedAi].");
        }
    }
}
