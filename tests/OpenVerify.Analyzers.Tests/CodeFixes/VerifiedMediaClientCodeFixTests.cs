using Microsoft.CodeAnalysis.CodeFixes;
using OpenVerify.Analyzers.Tests.Infrastructure;
using OpenVerify.CodeFixes;

namespace OpenVerify.Analyzers.Tests.CodeFixes;

/// <summary>
/// Microsoft.Extensions.AI's media clients (<c>ISpeechToTextClient</c>, <c>ITextToSpeechClient</c>, <c>IImageGenerator</c>)
/// through the three verified-client fixes chat and embeddings have: built in place ("Use a Verified…"), registered in
/// the solution ("Inject a Verified…") and received ("Verify … where it is received"). The fixed code is compiled by the
/// test framework against the real Microsoft.Extensions.AI, Microsoft.Extensions.AI.OpenAI, OpenAI and
/// OpenVerify.Extensions.AI assemblies (compiler errors, MEAI001 included, fail the test).
/// </summary>
public class VerifiedMediaClientCodeFixTests
{
    /// <summary>Against the verified clients' package, or (withPackage: false) only the OpenAI adapter; VerifiedClientWrapCodeFixTests uses it too.</summary>
    internal sealed class Test<TFix> : AiCallCodeFixTest<TFix>
        where TFix : CodeFixProvider, new()
    {
        public Test(string source, string? fixedSource = null, bool withPackage = true)
            : base(source, fixedSource, withPackage ? TestReferences.WithVerifiedClients : TestReferences.WithOpenAiAdapter)
        {
        }

        public Test((string Name, string Source)[] sources, (string Name, string Source)[]? fixedSources = null, bool withPackage = true)
            : base(sources, fixedSources, withPackage ? TestReferences.WithVerifiedClients : TestReferences.WithOpenAiAdapter)
        {
        }
    }

    // Built in place: "Use a Verified… (UseOpenVerify)".

    [Fact]
    public Task A_speech_to_text_local_built_from_the_OpenAI_SDK_is_retyped_and_wrapped() => new Test<VerifiedClientCodeFixProvider>("""
        #pragma warning disable MEAI001
        using System.IO;
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;
        using OpenAI;

        class Transcriber
        {
            async Task<string> Transcribe(OpenAIClient openAi, Stream audio)
            {
                ISpeechToTextClient client = openAi.GetAudioClient("whisper-1").AsISpeechToTextClient();
                var response = await {|OV0004:client.GetTextAsync(audio)|};
                return response.Text;
            }
        }
        """, """
        #pragma warning disable MEAI001
        using System.IO;
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;
        using OpenAI;
        using OpenVerify.Extensions.AI;

        class Transcriber
        {
            async Task<string> Transcribe(OpenAIClient openAi, Stream audio)
            {
                VerifiedSpeechToTextClient client = openAi.GetAudioClient("whisper-1").AsISpeechToTextClient().AsBuilder().UseOpenVerify().BuildVerified();
                var response = await client.GetTextAsync(audio);
                return response.Text;
            }
        }
        """).RunAsync();

    [Fact]
    public Task A_text_to_speech_var_local_keeps_var_and_gets_the_attesting_step() => new Test<VerifiedClientCodeFixProvider>("""
        #pragma warning disable MEAI001
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;
        using OpenAI;

        class Narrator
        {
            async Task<int> Speak(OpenAIClient openAi, string text)
            {
                var speaker = openAi.GetAudioClient("tts-1").AsITextToSpeechClient();
                var audio = await {|OV0004:speaker.GetAudioAsync(text)|};
                return audio.Contents.Count;
            }
        }
        """, """
        #pragma warning disable MEAI001
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;
        using OpenAI;
        using OpenVerify.Extensions.AI;

        class Narrator
        {
            async Task<int> Speak(OpenAIClient openAi, string text)
            {
                var speaker = openAi.GetAudioClient("tts-1").AsITextToSpeechClient().AsBuilder().UseOpenVerify().BuildVerified();
                var audio = await speaker.GetAudioAsync(text);
                return audio.Contents.Count;
            }
        }
        """).RunAsync();

    [Fact]
    public Task An_image_generator_field_built_with_a_builder_attests_innermost_and_Fix_All_rewrites_it_once() => new Test<VerifiedClientCodeFixProvider>("""
        #pragma warning disable MEAI001
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;
        using OpenAI;

        class Illustrator
        {
            private readonly IImageGenerator _images;

            public Illustrator(OpenAIClient openAi)
            {
                _images = openAi.GetImageClient("gpt-image-1").AsIImageGenerator().AsBuilder().ConfigureOptions(o => o.Count = 1).Build();
            }

            public Task<ImageGenerationResponse> Draw(string prompt) => {|OV0004:_images.GenerateImagesAsync(prompt)|};

            public Task<ImageGenerationResponse> Draw(ImageGenerationRequest request) => {|OV0004:_images.GenerateAsync(request)|};
        }
        """, """
        #pragma warning disable MEAI001
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;
        using OpenAI;
        using OpenVerify.Extensions.AI;

        class Illustrator
        {
            private readonly VerifiedImageGenerator _images;

            public Illustrator(OpenAIClient openAi)
            {
                _images = openAi.GetImageClient("gpt-image-1").AsIImageGenerator().AsBuilder().ConfigureOptions(o => o.Count = 1).UseOpenVerify().BuildVerified();
            }

            public Task<ImageGenerationResponse> Draw(string prompt) => _images.GenerateImagesAsync(prompt);

            public Task<ImageGenerationResponse> Draw(ImageGenerationRequest request) => _images.GenerateAsync(request);
        }
        """)
    {
        CodeActionEquivalenceKey = VerifiedClientCodeFixProvider.ImageGeneratorTitle,
        NumberOfFixAllIterations = 1,
    }.RunAsync();

    [Fact]
    public Task Built_in_place_is_not_offered_without_the_package() => new Test<VerifiedClientCodeFixProvider>("""
        #pragma warning disable MEAI001
        using System.IO;
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;
        using OpenAI;

        class Transcriber
        {
            Task<SpeechToTextResponse> Transcribe(OpenAIClient openAi, Stream audio)
            {
                ISpeechToTextClient client = openAi.GetAudioClient("whisper-1").AsISpeechToTextClient();
                return {|OV0004:client.GetTextAsync(audio)|};
            }
        }
        """, withPackage: false).RunAsync();

    [Fact]
    public Task Built_in_place_is_not_offered_for_a_class_serving_two_media_abstractions() => new Test<VerifiedClientCodeFixProvider>("""
        #pragma warning disable MEAI001
        using System;
        using System.Collections.Generic;
        using System.IO;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;

        class Voice : ISpeechToTextClient, ITextToSpeechClient
        {
            public Task<SpeechToTextResponse> GetTextAsync(Stream audioSpeechStream, SpeechToTextOptions? options = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();
            public IAsyncEnumerable<SpeechToTextResponseUpdate> GetStreamingTextAsync(Stream audioSpeechStream, SpeechToTextOptions? options = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();
            public Task<TextToSpeechResponse> GetAudioAsync(string text, TextToSpeechOptions? options = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();
            public IAsyncEnumerable<TextToSpeechResponseUpdate> GetStreamingAudioAsync(string text, TextToSpeechOptions? options = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();
            public object? GetService(Type serviceType, object? serviceKey = null) => null;
            public void Dispose() { }
        }

        class User
        {
            Task<SpeechToTextResponse> Hear(Stream audio)
            {
                var voice = new Voice();
                return {|OV0004:voice.GetTextAsync(audio)|};
            }
        }
        """).RunAsync();

    // Received: "Verify … where it is received (AsVerified)".

    [Fact]
    public Task A_primary_constructor_speech_to_text_parameter_gets_a_verified_field_of_its_name() => new Test<VerifiedClientWrapCodeFixProvider>("""
        #pragma warning disable MEAI001
        using System.IO;
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;

        public sealed class Transcriber(ISpeechToTextClient speechToText)
        {
            public async Task<string> TranscribeAsync(Stream audio) => (await {|OV0004:speechToText.GetTextAsync(audio)|}).Text;

            public async Task<string> TranslateAsync(Stream audio) =>
                (await {|OV0004:speechToText.GetTextAsync(audio, new SpeechToTextOptions { TextLanguage = "en" })|}).Text;
        }
        """, """
        #pragma warning disable MEAI001
        using System.IO;
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;
        using OpenVerify.Extensions.AI;

        public sealed class Transcriber(ISpeechToTextClient speechToText)
        {
            private readonly VerifiedSpeechToTextClient speechToText = speechToText.AsVerified();

            public async Task<string> TranscribeAsync(Stream audio) => (await speechToText.GetTextAsync(audio)).Text;

            public async Task<string> TranslateAsync(Stream audio) =>
                (await speechToText.GetTextAsync(audio, new SpeechToTextOptions { TextLanguage = "en" })).Text;
        }
        """)
    {
        CodeActionEquivalenceKey = VerifiedClientWrapCodeFixProvider.SpeechToTextTitle,
        NumberOfFixAllIterations = 1,
    }.RunAsync();

    [Fact]
    public Task A_method_parameter_is_wrapped_at_the_call() => new Test<VerifiedClientWrapCodeFixProvider>("""
        #pragma warning disable MEAI001
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;

        static class Endpoints
        {
            public static Task<TextToSpeechResponse> Speak(ITextToSpeechClient speaker, string text) => {|OV0004:speaker.GetAudioAsync(text)|};
        }
        """, """
        #pragma warning disable MEAI001
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;
        using OpenVerify.Extensions.AI;

        static class Endpoints
        {
            public static Task<TextToSpeechResponse> Speak(ITextToSpeechClient speaker, string text) => speaker.AsVerified().GetAudioAsync(text);
        }
        """).RunAsync();

    [Fact]
    public Task An_injected_image_generator_field_whose_registration_is_not_in_the_solution_is_wrapped_where_it_is_stored() => new Test<VerifiedClientWrapCodeFixProvider>("""
        #pragma warning disable MEAI001
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;

        public sealed class Gallery
        {
            private readonly IImageGenerator _images;

            public Gallery(IImageGenerator images)
            {
                _images = images;
            }

            public Task<ImageGenerationResponse> DrawAsync(string prompt) => {|OV0004:_images.GenerateImagesAsync(prompt)|};
        }
        """, """
        #pragma warning disable MEAI001
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;
        using OpenVerify.Extensions.AI;

        public sealed class Gallery
        {
            private readonly VerifiedImageGenerator _images;

            public Gallery(IImageGenerator images)
            {
                _images = images.AsVerified();
            }

            public Task<ImageGenerationResponse> DrawAsync(string prompt) => _images.GenerateImagesAsync(prompt);
        }
        """).RunAsync();

    [Fact]
    public Task Received_is_not_offered_without_the_package() => new Test<VerifiedClientWrapCodeFixProvider>("""
        #pragma warning disable MEAI001
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;

        static class Endpoints
        {
            public static Task<TextToSpeechResponse> Speak(ITextToSpeechClient speaker, string text) => {|OV0004:speaker.GetAudioAsync(text)|};
        }
        """, withPackage: false).RunAsync();

    // Registered in the solution: "Inject a Verified… (AddVerified…)".

    private static (string, string) Registration(string registration, bool verified = false) => ("/0/Test1.cs", $$"""
        #pragma warning disable MEAI001
        using Microsoft.Extensions.AI;
        using Microsoft.Extensions.DependencyInjection;
        using OpenAI;
        {{(verified ? "using OpenVerify.Extensions.AI;\n" : string.Empty)}}
        static class Startup
        {
            public static void Configure(IServiceCollection services)
            {
                {{registration}}
            }
        }
        """);

    [Fact]
    public Task A_constructor_injected_speech_to_text_field_and_its_AddSpeechToTextClient_pipeline_move_together() => new Test<VerifiedClientInjectionCodeFixProvider>(
        new[]
        {
            ("/0/Test0.cs", """
                #pragma warning disable MEAI001
                using System.IO;
                using System.Threading.Tasks;
                using Microsoft.Extensions.AI;

                public sealed class Transcriber
                {
                    private readonly ISpeechToTextClient _speechToText;

                    public Transcriber(ISpeechToTextClient speechToText)
                    {
                        _speechToText = speechToText;
                    }

                    public async Task<string> TranscribeAsync(Stream audio) => (await {|OV0004:_speechToText.GetTextAsync(audio)|}).Text;
                }
                """),
            Registration("""services.AddSpeechToTextClient(new OpenAIClient("key").GetAudioClient("whisper-1").AsISpeechToTextClient()).ConfigureOptions(o => o.SpeechLanguage ??= "en");"""),
        },
        new[]
        {
            ("/0/Test0.cs", """
                #pragma warning disable MEAI001
                using System.IO;
                using System.Threading.Tasks;
                using Microsoft.Extensions.AI;
                using OpenVerify.Extensions.AI;

                public sealed class Transcriber
                {
                    private readonly VerifiedSpeechToTextClient _speechToText;

                    public Transcriber(VerifiedSpeechToTextClient speechToText)
                    {
                        _speechToText = speechToText;
                    }

                    public async Task<string> TranscribeAsync(Stream audio) => (await _speechToText.GetTextAsync(audio)).Text;
                }
                """),
            Registration("""services.AddVerifiedSpeechToTextClient(new OpenAIClient("key").GetAudioClient("whisper-1").AsISpeechToTextClient()).ConfigureOptions(o => o.SpeechLanguage ??= "en");""", verified: true),
        }).RunAsync();

    [Fact]
    public Task A_primary_constructor_image_generator_and_a_scoped_factory_registration_move_together() => new Test<VerifiedClientInjectionCodeFixProvider>(
        new[]
        {
            ("/0/Test0.cs", """
                #pragma warning disable MEAI001
                using System.Threading.Tasks;
                using Microsoft.Extensions.AI;

                public sealed class Gallery(IImageGenerator images)
                {
                    public Task<ImageGenerationResponse> DrawAsync(string prompt) => {|OV0004:images.GenerateImagesAsync(prompt)|};
                }
                """),
            Registration("""services.AddImageGenerator(sp => new OpenAIClient("key").GetImageClient("gpt-image-1").AsIImageGenerator(), ServiceLifetime.Scoped);"""),
        },
        new[]
        {
            ("/0/Test0.cs", """
                #pragma warning disable MEAI001
                using System.Threading.Tasks;
                using Microsoft.Extensions.AI;
                using OpenVerify.Extensions.AI;

                public sealed class Gallery(VerifiedImageGenerator images)
                {
                    public Task<ImageGenerationResponse> DrawAsync(string prompt) => images.GenerateImagesAsync(prompt);
                }
                """),
            Registration("""services.AddVerifiedImageGenerator(sp => new OpenAIClient("key").GetImageClient("gpt-image-1").AsIImageGenerator(), lifetime: ServiceLifetime.Scoped);""", verified: true),
        }).RunAsync();

    [Fact]
    public Task A_text_to_speech_AddSingleton_and_a_keyed_speech_to_text_registration_move_with_Fix_All() => new Test<VerifiedClientInjectionCodeFixProvider>(
        new[]
        {
            ("/0/Test0.cs", """
                #pragma warning disable MEAI001
                using System.Threading.Tasks;
                using Microsoft.Extensions.AI;

                public sealed class Narrator(ITextToSpeechClient speaker)
                {
                    public Task<TextToSpeechResponse> SpeakAsync(string text) => {|OV0004:speaker.GetAudioAsync(text)|};

                    public Task<TextToSpeechResponse> WhisperAsync(string text) => {|OV0004:speaker.GetAudioAsync(text, new TextToSpeechOptions { Speed = 0.8f })|};
                }
                """),
            Registration("""services.AddSingleton<ITextToSpeechClient>(new OpenAIClient("key").GetAudioClient("tts-1").AsITextToSpeechClient());"""),
        },
        new[]
        {
            ("/0/Test0.cs", """
                #pragma warning disable MEAI001
                using System.Threading.Tasks;
                using Microsoft.Extensions.AI;
                using OpenVerify.Extensions.AI;

                public sealed class Narrator(VerifiedTextToSpeechClient speaker)
                {
                    public Task<TextToSpeechResponse> SpeakAsync(string text) => speaker.GetAudioAsync(text);

                    public Task<TextToSpeechResponse> WhisperAsync(string text) => speaker.GetAudioAsync(text, new TextToSpeechOptions { Speed = 0.8f });
                }
                """),
            Registration("""services.AddVerifiedTextToSpeechClient(new OpenAIClient("key").GetAudioClient("tts-1").AsITextToSpeechClient());""", verified: true),
        })
    {
        CodeActionEquivalenceKey = VerifiedClientInjectionCodeFixProvider.TextToSpeechTitle,
        CodeActionIndex = 0,
        NumberOfFixAllIterations = 1,
        NumberOfFixAllInDocumentIterations = 1,
        NumberOfFixAllInProjectIterations = 1,
    }.RunAsync();

    [Fact]
    public Task A_keyed_speech_to_text_consumer_moves_only_its_keyed_registration() => new Test<VerifiedClientInjectionCodeFixProvider>(
        new[]
        {
            ("/0/Test0.cs", """
                #pragma warning disable MEAI001
                using System.IO;
                using System.Threading.Tasks;
                using Microsoft.Extensions.AI;
                using Microsoft.Extensions.DependencyInjection;

                public sealed class Transcriber([FromKeyedServices("fast")] ISpeechToTextClient speechToText)
                {
                    public Task<SpeechToTextResponse> TranscribeAsync(Stream audio) => {|OV0004:speechToText.GetTextAsync(audio)|};
                }
                """),
            Registration("""services.AddSpeechToTextClient(new OpenAIClient("k").GetAudioClient("whisper-1").AsISpeechToTextClient()); services.AddKeyedSpeechToTextClient("fast", new OpenAIClient("k").GetAudioClient("gpt-4o-mini-transcribe").AsISpeechToTextClient());"""),
        },
        new[]
        {
            ("/0/Test0.cs", """
                #pragma warning disable MEAI001
                using System.IO;
                using System.Threading.Tasks;
                using Microsoft.Extensions.AI;
                using Microsoft.Extensions.DependencyInjection;
                using OpenVerify.Extensions.AI;

                public sealed class Transcriber([FromKeyedServices("fast")] VerifiedSpeechToTextClient speechToText)
                {
                    public Task<SpeechToTextResponse> TranscribeAsync(Stream audio) => speechToText.GetTextAsync(audio);
                }
                """),
            Registration("""services.AddSpeechToTextClient(new OpenAIClient("k").GetAudioClient("whisper-1").AsISpeechToTextClient()); services.AddKeyedVerifiedSpeechToTextClient("fast", new OpenAIClient("k").GetAudioClient("gpt-4o-mini-transcribe").AsISpeechToTextClient());""", verified: true),
        }).RunAsync();

    [Fact]
    public Task Injection_is_not_offered_where_the_solution_has_no_registration() => new Test<VerifiedClientInjectionCodeFixProvider>("""
        #pragma warning disable MEAI001
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;

        public sealed class Gallery(IImageGenerator images)
        {
            public Task<ImageGenerationResponse> DrawAsync(string prompt) => {|OV0004:images.GenerateImagesAsync(prompt)|};
        }
        """).RunAsync();
}
