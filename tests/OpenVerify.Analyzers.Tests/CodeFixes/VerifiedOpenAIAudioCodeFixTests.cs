using Microsoft.CodeAnalysis.Testing;
using OpenVerify.Analyzers.Tests.Infrastructure;
using OpenVerify.CodeFixes;

namespace OpenVerify.Analyzers.Tests.CodeFixes;

/// <summary>
/// "Use a VerifiedOpenAIAudioClient (AsVerified)": the OpenAI SDK's <c>AudioClient</c> re-typed to
/// OpenVerify.Extensions.AI.OpenAI's wrapper, the calls and declared result types kept. The fixed code is compiled by
/// the test framework against the real SDK and the real wrapper assembly (compiler errors fail the test).
/// </summary>
public class VerifiedOpenAIAudioCodeFixTests
{
    private sealed class Test(string source, string? fixedSource = null, bool withPackage = true)
        : AiCallCodeFixTest<VerifiedClientCodeFixProvider>(source, fixedSource, withPackage ? TestReferences.WithOpenAiSdkWrappers : TestReferences.WithVerifiedClients);

    [Fact]
    public Task A_var_local_from_GetAudioClient_gets_AsVerified_and_keeps_its_calls_and_result_types() => new Test("""
        using System.ClientModel;
        using System.IO;
        using System.Threading.Tasks;
        using OpenAI;
        using OpenAI.Audio;

        class Transcriber
        {
            async Task<string> Transcribe(OpenAIClient openAi, Stream recording)
            {
                var audio = openAi.GetAudioClient("whisper-1");
                ClientResult<AudioTranscription> result = await {|OV0004:audio.TranscribeAudioAsync(recording, "recording.wav", new AudioTranscriptionOptions { Language = "en" })|};
                return result.Value.Text;
            }
        }
        """, """
        using System.ClientModel;
        using System.IO;
        using System.Threading.Tasks;
        using OpenAI;
        using OpenAI.Audio;
        using OpenVerify.Extensions.AI;

        class Transcriber
        {
            async Task<string> Transcribe(OpenAIClient openAi, Stream recording)
            {
                var audio = openAi.GetAudioClient("whisper-1").AsVerified();
                ClientResult<AudioTranscription> result = await audio.TranscribeAudioAsync(recording, "recording.wav", new AudioTranscriptionOptions { Language = "en" });
                return result.Value.Text;
            }
        }
        """).RunAsync();

    [Fact]
    public Task A_private_field_built_with_new_is_retyped_with_speech_streaming_and_file_path_calls() => new Test("""
        #pragma warning disable OPENAI001
        using System;
        using System.IO;
        using System.Threading.Tasks;
        using OpenAI.Audio;

        class Narrator
        {
            private readonly AudioClient _audio;

            public Narrator(string key) => _audio = new AudioClient("tts-1", key);

            public BinaryData Speak(string text) => {|OV0004:_audio.GenerateSpeech(text, GeneratedSpeechVoice.Alloy, new SpeechGenerationOptions { SpeedRatio = 1.25f, ResponseFormat = GeneratedSpeechFormat.Wav })|}.Value;

            public string Translate(string path) => {|OV0004:_audio.TranslateAudio(path)|}.Value.Text;

            public async Task Stream(string text, Stream output)
            {
                await foreach (StreamingSpeechUpdate update in await {|OV0004:_audio.GenerateSpeechStreamingAsync(text, GeneratedSpeechVoice.Nova)|})
                {
                    if (update is StreamingSpeechAudioDeltaUpdate delta)
                    {
                        output.Write(delta.AudioBytes.ToArray());
                    }
                }
            }
        }
        """, """
        #pragma warning disable OPENAI001
        using System;
        using System.IO;
        using System.Threading.Tasks;
        using OpenAI.Audio;
        using OpenVerify.Extensions.AI;

        class Narrator
        {
            private readonly VerifiedOpenAIAudioClient _audio;

            public Narrator(string key) => _audio = new AudioClient("tts-1", key).AsVerified();

            public BinaryData Speak(string text) => _audio.GenerateSpeech(text, GeneratedSpeechVoice.Alloy, new SpeechGenerationOptions { SpeedRatio = 1.25f, ResponseFormat = GeneratedSpeechFormat.Wav }).Value;

            public string Translate(string path) => _audio.TranslateAudio(path).Value.Text;

            public async Task Stream(string text, Stream output)
            {
                await foreach (StreamingSpeechUpdate update in await _audio.GenerateSpeechStreamingAsync(text, GeneratedSpeechVoice.Nova))
                {
                    if (update is StreamingSpeechAudioDeltaUpdate delta)
                    {
                        output.Write(delta.AudioBytes.ToArray());
                    }
                }
            }
        }
        """).RunAsync();

    [Fact]
    public Task Top_level_statements_with_a_target_typed_new() => new Test("""
        using System;
        using OpenAI.Audio;

        AudioClient audio = new("whisper-1", "key");
        Console.WriteLine({|OV0004:audio.TranscribeAudio("meeting.mp3")|}.Value.Text);
        """, """
        using System;
        using OpenAI.Audio;
        using OpenVerify.Extensions.AI;

        VerifiedOpenAIAudioClient audio = new AudioClient("whisper-1", "key").AsVerified();
        Console.WriteLine(audio.TranscribeAudio("meeting.mp3").Value.Text);
        """)
    {
        TestState = { OutputKind = Microsoft.CodeAnalysis.OutputKind.ConsoleApplication },
    }.RunAsync();

    [Fact]
    public Task Fix_all_rewrites_each_audio_client_once_and_leaves_the_embedding_client() => new Test("""
        using System.IO;
        using System.Threading.Tasks;
        using OpenAI;
        using OpenAI.Audio;
        using OpenAI.Embeddings;

        class Studio
        {
            private readonly AudioClient _audio = new OpenAIClient("key").GetAudioClient("whisper-1");
            private readonly EmbeddingClient _embeddings = new OpenAIClient("key").GetEmbeddingClient("m");

            Task A(Stream s) => {|OV0004:_audio.TranscribeAudioAsync(s, "a.wav")|};
            Task B(Stream s) => {|OV0004:_audio.TranslateAudioAsync(s, "b.wav")|};

            async Task C()
            {
                AudioClient local = new AudioClient("tts-1", "key");
                await {|OV0004:local.GenerateSpeechAsync("c", GeneratedSpeechVoice.Echo)|};
                await {|OV0004:_embeddings.GenerateEmbeddingAsync("c")|};
            }
        }
        """, """
        using System.IO;
        using System.Threading.Tasks;
        using OpenAI;
        using OpenAI.Audio;
        using OpenAI.Embeddings;
        using OpenVerify.Extensions.AI;

        class Studio
        {
            private readonly VerifiedOpenAIAudioClient _audio = new OpenAIClient("key").GetAudioClient("whisper-1").AsVerified();
            private readonly EmbeddingClient _embeddings = new OpenAIClient("key").GetEmbeddingClient("m");

            Task A(Stream s) => _audio.TranscribeAudioAsync(s, "a.wav");
            Task B(Stream s) => _audio.TranslateAudioAsync(s, "b.wav");

            async Task C()
            {
                VerifiedOpenAIAudioClient local = new AudioClient("tts-1", "key").AsVerified();
                await local.GenerateSpeechAsync("c", GeneratedSpeechVoice.Echo);
                await {|OV0004:_embeddings.GenerateEmbeddingAsync("c")|};
            }
        }
        """)
    {
        FixedState = { MarkupHandling = MarkupMode.Allow },
        CodeActionEquivalenceKey = VerifiedClientCodeFixProvider.SdkAudioTitle,
        CodeActionIndex = 0,
        NumberOfFixAllIterations = 1,
    }.RunAsync();

    public static TheoryData<string> NotRewritable() => new()
    {
        // A parameter: whoever passes it decides how it is built.
        "class A { Task M(AudioClient c, Stream s) => {|OV0004:c.TranscribeAudioAsync(s, \"a.wav\")|}; }",
        // Options the wrapper refuses (the receipt could not bind them), or options whose content is not known here.
        "class A { void M(OpenAIClient o, Stream s) { var c = o.GetAudioClient(\"m\"); {|OV0004:c.TranscribeAudio(s, \"a.wav\", new AudioTranscriptionOptions { Prompt = \"names\" })|}; } }",
        "class A { void M(OpenAIClient o, Stream s) { var c = o.GetAudioClient(\"m\"); {|OV0004:c.TranscribeAudio(s, \"a.wav\", new AudioTranscriptionOptions { ResponseFormat = AudioTranscriptionFormat.Verbose })|}; } }",
        "class A { void M(OpenAIClient o) { var c = o.GetAudioClient(\"m\"); {|OV0004:c.GenerateSpeech(\"q\", GeneratedSpeechVoice.Alloy, new SpeechGenerationOptions { Instructions = \"whisper\" })|}; } }",
        "class A { void M(OpenAIClient o, AudioTranslationOptions options) { var c = o.GetAudioClient(\"m\"); {|OV0004:c.TranslateAudio(\"a.wav\", options)|}; } }",
        // A diarized transcription on the same variable: the wrapper has none, the rewrite would not compile.
        "class A { void M(OpenAIClient o) { var c = o.GetAudioClient(\"m\"); {|OV0004:c.TranscribeAudio(\"a.wav\")|}; {|OV0004:c.TranscribeAudioDiarized(\"a.wav\")|}; } }",
        // Seen through the Microsoft.Extensions.AI adapter: the client escapes.
        "class A { void M(OpenAIClient o) { var c = o.GetAudioClient(\"m\"); {|OV0004:c.TranscribeAudio(\"a.wav\")|}; c.AsISpeechToTextClient(); } }",
    };

    [Theory]
    [MemberData(nameof(NotRewritable))]
    public Task Not_offered_where_the_rewrite_is_not_safe(string source) => new Test("""
        #pragma warning disable OPENAI001, MEAI001
        using System;
        using System.IO;
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;
        using OpenAI;
        using OpenAI.Audio;

        """ + source).RunAsync();

    [Fact]
    public Task Not_offered_without_the_package() => new Test("""
        using System.ClientModel;
        using OpenAI;
        using OpenAI.Audio;

        class Transcriber
        {
            ClientResult<AudioTranscription> Transcribe(OpenAIClient openAi)
            {
                var audio = openAi.GetAudioClient("whisper-1");
                return {|OV0004:audio.TranscribeAudio("meeting.mp3")|};
            }
        }
        """, withPackage: false).RunAsync();
}
