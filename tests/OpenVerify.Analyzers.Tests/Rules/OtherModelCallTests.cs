using OpenVerify.Analyzers.Rules;
using OpenVerify.Analyzers.Tests.Infrastructure;

namespace OpenVerify.Analyzers.Tests.Rules;

public class OtherModelCallTests
{
    private const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.IO;
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;

        """;

    private static AnalyzerTest<UnverifiedAiCallAnalyzer> Test(string source) => new(Usings + source);

    [Fact]
    public Task Embedding_generators_and_their_extensions_are_reported() => Test("""
        class Indexer
        {
            async Task Index(IEmbeddingGenerator<string, Embedding<float>> generator)
            {
                await {|#0:generator.GenerateAsync(new[] { "a", "b" })|};
                await {|#1:generator.GenerateAsync("a")|};
                await {|#2:generator.GenerateVectorAsync("a")|};
            }
        }
        """).Expect(
            Expect.Call(Expect.EmbeddingGenerator, 0, "IEmbeddingGenerator.GenerateAsync"),
            Expect.Call(Expect.EmbeddingGenerator, 1, "EmbeddingGeneratorExtensions.GenerateAsync"),
            Expect.Call(Expect.EmbeddingGenerator, 2, "EmbeddingGeneratorExtensions.GenerateVectorAsync")).RunAsync();

    [Fact]
    public Task Image_speech_to_text_and_text_to_speech_clients_are_reported() => Test("""
        class Media
        {
            async Task Use(IImageGenerator images, ISpeechToTextClient listener, ITextToSpeechClient speaker, Stream audio)
            {
                await {|#0:images.GenerateImagesAsync("a cat")|};
                await {|#1:listener.GetTextAsync(audio)|};
                await {|#2:speaker.GetAudioAsync("hello")|};
            }
        }
        """).Expect(
            Expect.Call(Expect.ImageGenerator, 0, "ImageGeneratorExtensions.GenerateImagesAsync"),
            Expect.Call(Expect.SpeechToText, 1, "ISpeechToTextClient.GetTextAsync"),
            Expect.Call(Expect.TextToSpeech, 2, "ITextToSpeechClient.GetAudioAsync")).RunAsync();

    [Fact]
    public Task OpenAI_embedding_client_is_reported() => Test("""
        using OpenAI.Embeddings;

        class Indexer
        {
            async Task Index(EmbeddingClient client)
            {
                {|#0:client.GenerateEmbedding("a")|};
                await {|#1:client.GenerateEmbeddingsAsync(new[] { "a" })|};
            }
        }
        """).Expect(
            Expect.Call(Expect.OpenAiEmbedding, 0, "EmbeddingClient.GenerateEmbedding"),
            Expect.Call(Expect.OpenAiEmbedding, 1, "EmbeddingClient.GenerateEmbeddingsAsync")).RunAsync();

    [Fact]
    public Task OpenAI_streaming_transcription_is_reported() => Test("""
        using OpenAI.Audio;

        class Transcriber
        {
            async Task Transcribe(AudioClient client, Stream audio)
            {
                await {|#0:client.TranscribeAudioStreamingAsync(audio, "speech.wav")|};
            }
        }
        """).Expect(
            Expect.Call(Expect.OpenAiAudio, 0, "AudioClient.TranscribeAudioStreamingAsync")).RunAsync();

    [Fact]
    public Task OpenAI_moderation_and_realtime_calls_are_reported_and_their_data_calls_are_not() => Test("""
        #pragma warning disable OPENAI001, OPENAI002
        using OpenAI.Moderations;
        using OpenAI.Realtime;

        class Media
        {
            async Task Use(ModerationClient moderation, RealtimeClient realtime, Stream audio)
            {
                {|#0:moderation.ClassifyText("a text")|};
                await {|#1:moderation.ClassifyTextAsync(new[] { "a", "b" })|};
                using var session = await {|#2:realtime.StartConversationSessionAsync("gpt-realtime")|};
                await {|#3:session.SendInputAudioAsync(audio)|};
                await {|#4:session.StartResponseAsync()|};
                await session.CancelResponseAsync();
            }
        }
        """).Expect(
            Expect.Call(Expect.OpenAiModeration, 0, "ModerationClient.ClassifyText"),
            Expect.Call(Expect.OpenAiModeration, 1, "ModerationClient.ClassifyTextAsync"),
            Expect.Call(Expect.Model, 2, "RealtimeClient.StartConversationSessionAsync"),
            Expect.Call(Expect.Model, 3, "RealtimeSessionClient.SendInputAudioAsync"),
            Expect.Call(Expect.Model, 4, "RealtimeSessionClient.StartResponseAsync")).RunAsync();

    [Fact]
    public Task A_user_implementation_of_a_generic_embedding_generator_is_reported() => Test("""
        using System.Threading;

        class Hashing<T> : IEmbeddingGenerator<string, Embedding<T>>
        {
            public Task<GeneratedEmbeddings<Embedding<T>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();
            public object? GetService(Type serviceType, object? serviceKey = null) => null;
            public void Dispose() { }
        }

        class Indexer
        {
            Task Index(Hashing<float> hashing) => {|#0:hashing.GenerateAsync(new[] { "a" })|};
        }
        """).Expect(Expect.Call(Expect.EmbeddingGenerator, 0, "Hashing.GenerateAsync")).RunAsync();
}
