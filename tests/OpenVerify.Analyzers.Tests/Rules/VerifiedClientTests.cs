using DiagnosticResult = Microsoft.CodeAnalysis.Testing.DiagnosticResult;
using OpenVerify.Analyzers.Rules;
using OpenVerify.Analyzers.Tests.Infrastructure;

namespace OpenVerify.Analyzers.Tests.Rules;

/// <summary>
/// OV0003/OV0004 and OpenVerify.Extensions.AI's verified client types: calls whose receiver's static type is
/// <c>VerifiedChatClient</c> or <c>VerifiedEmbeddingGenerator&lt;,&gt;</c> carry receipts and are not reported; the
/// same object seen as a plain interface is; and each message names the verified path.
/// </summary>
public class VerifiedClientTests
{
    private const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;
        using OpenVerify.Extensions.AI;
        using OpenVerify.Extensions.AI.Local;

        """;

    private static AnalyzerTest<UnverifiedAiCallAnalyzer> Test(string source) =>
        new AnalyzerTest<UnverifiedAiCallAnalyzer>(Usings + source, "public record Answer(string Text);")
            .WithReferences(TestReferences.WithVerifiedClients);

    [Fact]
    public Task Every_form_of_call_on_a_verified_chat_client_is_not_reported() => Test("""
        class Assistant
        {
            private readonly VerifiedChatClient _client;
            private readonly VerifiedChatClient? _maybe;

            Assistant(IChatClient inner)
            {
                _client = inner.AsBuilder().UseOpenVerify().BuildVerified();
                _maybe = null;
            }

            async Task Ask(List<ChatMessage> messages)
            {
                await _client.GetResponseAsync(messages);
                await _client.GetResponseAsync("hello");
                await _client.GetResponseAsync<Answer>("structured");
                await foreach (var update in _client.GetStreamingResponseAsync("stream")) { }
                await Microsoft.Extensions.AI.ChatClientExtensions.GetResponseAsync(_client, "static form");
                await (_maybe?.GetResponseAsync(messages) ?? Task.FromResult(new ChatResponse()));
                Func<string, ChatOptions?, CancellationToken, Task<ChatResponse>> bound = _client.GetResponseAsync;
                Func<IEnumerable<ChatMessage>, ChatOptions?, CancellationToken, Task<ChatResponse>> instance = _client.GetResponseAsync;
            }
        }
        """).RunAsync();

    [Fact]
    public Task Every_form_of_call_on_a_verified_embedding_generator_is_not_reported() => Test("""
        class Indexer
        {
            async Task Index(IEmbeddingGenerator<string, Embedding<float>> inner)
            {
                var generator = inner.AsBuilder().UseOpenVerify().BuildVerified();
                VerifiedEmbeddingGenerator<string, Embedding<float>> typed = generator;
                await generator.GenerateAsync(new[] { "a", "b" });
                await generator.GenerateAsync("a");
                await typed.GenerateVectorAsync("a");
                await typed.GenerateAndZipAsync(new[] { "a" });
            }

            async Task Local(VerifiedOnnxEmbeddingGenerator local)
            {
                await local.GenerateAsync(new[] { OpenVerify.TensorValue.Create(new float[8], 1, 8) });
                await local.GenerateVectorAsync((OpenVerify.TensorValue)OpenVerify.TensorValue.Create(new float[8], 1, 8));
            }
        }
        """).RunAsync();

    [Fact]
    public Task Calls_on_the_verified_media_clients_are_not_reported_but_through_their_interfaces_they_are() => Test("""
        #pragma warning disable MEAI001 // Microsoft.Extensions.AI's media abstractions are experimental.
        class Media
        {
            async Task Use(VerifiedSpeechToTextClient listener, VerifiedTextToSpeechClient speaker, VerifiedImageGenerator images, System.IO.Stream audio)
            {
                await listener.GetTextAsync(audio);
                await foreach (var update in listener.GetStreamingTextAsync(audio)) { }
                await speaker.GetAudioAsync("hello");
                await images.GenerateImagesAsync("a cat");
                ISpeechToTextClient plain = listener;
                await {|#0:plain.GetTextAsync(audio)|};
                await {|#1:((IImageGenerator)images).GenerateImagesAsync("a dog")|};
            }
        }
        """).Expect(
            Expect.Call(Expect.SpeechToText, 0, "ISpeechToTextClient.GetTextAsync"),
            Expect.Call(Expect.ImageGenerator, 1, "ImageGeneratorExtensions.GenerateImagesAsync")).RunAsync();

    [Fact]
    public Task The_same_client_through_the_plain_interface_is_reported() => Test("""
        class Assistant
        {
            IChatClient Plain(VerifiedChatClient client) => client;

            async Task Ask(VerifiedChatClient client, VerifiedEmbeddingGenerator<string, Embedding<float>> generator)
            {
                await {|#0:((IChatClient)client).GetResponseAsync("cast")|};
                await {|#1:Plain(client).GetResponseAsync("returned as IChatClient")|};
                IEmbeddingGenerator<string, Embedding<float>> plain = generator;
                await {|#2:plain.GenerateVectorAsync("a")|};
                await {|#3:client.AsBuilder().UseLogging().Build().GetResponseAsync("rebuilt without the verified type")|};
            }
        }
        """).Expect(
            Expect.Call(Expect.ChatClient, 0, "ChatClientExtensions.GetResponseAsync"),
            Expect.Call(Expect.ChatClient, 1, "ChatClientExtensions.GetResponseAsync"),
            Expect.Call(Expect.EmbeddingGenerator, 2, "EmbeddingGeneratorExtensions.GenerateVectorAsync"),
            Expect.Call(Expect.ChatClient, 3, "ChatClientExtensions.GetResponseAsync")).RunAsync();

    [Fact]
    public Task A_call_that_does_not_bind_on_a_verified_client_is_not_reported_but_on_the_interface_it_is() => Test("""
        class Assistant
        {
            void Ask(VerifiedChatClient client)
            {
                client.CompleteAsync("written against an older SDK");
                {|#0:((IChatClient)client).CompleteAsync("written against an older SDK")|};
            }
        }
        """).IgnoringCompilerErrors().Expect(Expect.Unbound(Expect.Chat, 0, "CompleteAsync", "IChatClient")).RunAsync();

    [Fact]
    public Task A_type_of_yours_named_like_the_verified_client_is_still_reported() =>
        new AnalyzerTest<UnverifiedAiCallAnalyzer>("""
            using System;
            using System.Collections.Generic;
            using System.Threading;
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;

            namespace OpenVerify.Extensions.AI
            {
                sealed class VerifiedChatClient : DelegatingChatClient
                {
                    public VerifiedChatClient(IChatClient inner) : base(inner) { }
                }

                class Assistant
                {
                    Task<ChatResponse> Ask(VerifiedChatClient client) => {|#0:client.GetResponseAsync("no receipt here")|};
                }
            }
            """).Expect(Expect.Call(Expect.ChatClient, 0, "ChatClientExtensions.GetResponseAsync")).RunAsync();

    [Fact]
    public Task Semantic_kernel_embedding_services_point_to_a_verified_generator() =>
        new AnalyzerTest<UnverifiedAiCallAnalyzer>("""
            using System.Threading.Tasks;
            using Microsoft.SemanticKernel.Embeddings;

            #pragma warning disable CS0618 // Semantic Kernel marks its embedding services obsolete; code still calls them.
            class Indexer
            {
                Task Index(ITextEmbeddingGenerationService service) => {|#0:service.GenerateEmbeddingAsync("a")|};
            }
            """).Expect(Expect.Call(Expect.KernelEmbedding, 0, "EmbeddingGenerationExtensions.GenerateEmbeddingAsync")).RunAsync();

    public static TheoryData<string, string, string, string> Messages() => new()
    {
        {
            "Microsoft.Extensions.AI.IChatClient client", "client.GetResponseAsync(\"q\")", "OV0003",
            "'ChatClientExtensions.GetResponseAsync' calls a chat or text generation model without a receipt; call it on a VerifiedChatClient: client.AsBuilder().UseOpenVerify().BuildVerified() (OpenVerify.Extensions.AI)"
        },
        {
            "OpenAI.Chat.ChatClient client", "client.CompleteChat(\"q\")", "OV0003",
            "'ChatClient.CompleteChat' calls a chat or text generation model without a receipt; call it through a verified client: chatClient.AsVerified() keeps the SDK's calls and result types (OpenVerify.Extensions.AI.OpenAI), or openAiClient.AsIChatClient().AsBuilder().UseOpenVerify().BuildVerified() (Microsoft.Extensions.AI.OpenAI, OpenVerify.Extensions.AI)"
        },
        {
            "OpenAI.Responses.ResponsesClient client", "client.CreateResponse(\"m\", \"q\")", "OV0003",
            "'ResponsesClient.CreateResponse' calls a chat or text generation model without a receipt; call it through a verified client: responsesClient.AsVerified() keeps the SDK's calls and result types (OpenVerify.Extensions.AI.OpenAI; no previous response id, background mode, stored conversation or built-in tools), or responsesClient.AsIChatClient(model).AsBuilder().UseOpenVerify().BuildVerified() (Microsoft.Extensions.AI.OpenAI, OpenVerify.Extensions.AI)"
        },
        {
            "OpenAI.Responses.ResponsesClient client", "client.CreateResponse(System.ClientModel.BinaryContent.Create(System.BinaryData.FromString(\"{}\")), null)", "OV0003",
            "'ResponsesClient.CreateResponse' calls a chat or text generation model without a receipt; this protocol overload sends raw JSON that no verified client can read, so no fix moves it: build the request as CreateResponseOptions and call responsesClient.AsVerified().CreateResponseAsync(options) (OpenVerify.Extensions.AI.OpenAI), or accept the call with [AllowUnverifiedAi(\"why\")]"
        },
        {
            "Microsoft.SemanticKernel.Kernel kernel", "kernel.InvokePromptAsync(\"q\")", "OV0003",
            "'KernelExtensions.InvokePromptAsync' calls a chat or text generation model without a receipt; build the kernel on a VerifiedChatClient (docs/semantic-kernel.md) and accept this call with [AllowUnverifiedAi(\"why\")]"
        },
        {
            "IEmbeddingGenerator<string, Embedding<float>> generator", "generator.GenerateVectorAsync(\"q\")", "OV0004",
            "'EmbeddingGeneratorExtensions.GenerateVectorAsync' calls an AI model without a receipt; call it on a VerifiedEmbeddingGenerator: generator.AsBuilder().UseOpenVerify().BuildVerified() (OpenVerify.Extensions.AI)"
        },
        {
            "OpenAI.Embeddings.EmbeddingClient client", "client.GenerateEmbedding(\"q\")", "OV0004",
            "'EmbeddingClient.GenerateEmbedding' calls an AI model without a receipt; call it through a verified client: embeddingClient.AsVerified() keeps the SDK's calls and result types (OpenVerify.Extensions.AI.OpenAI), or embeddingClient.AsIEmbeddingGenerator().AsBuilder().UseOpenVerify().BuildVerified() (Microsoft.Extensions.AI.OpenAI, OpenVerify.Extensions.AI)"
        },
        {
            "Microsoft.Extensions.AI.IImageGenerator images", "images.GenerateImagesAsync(\"q\")", "OV0004",
            "'ImageGeneratorExtensions.GenerateImagesAsync' calls an AI model without a receipt; call it on a VerifiedImageGenerator: generator.AsBuilder().UseOpenVerify().BuildVerified() (OpenVerify.Extensions.AI)"
        },
        {
            "Microsoft.Extensions.AI.ISpeechToTextClient listener", "listener.GetTextAsync(System.IO.Stream.Null)", "OV0004",
            "'ISpeechToTextClient.GetTextAsync' calls an AI model without a receipt; call it on a VerifiedSpeechToTextClient: client.AsBuilder().UseOpenVerify().BuildVerified() (OpenVerify.Extensions.AI)"
        },
        {
            "Microsoft.Extensions.AI.ITextToSpeechClient speaker", "speaker.GetAudioAsync(\"q\")", "OV0004",
            "'ITextToSpeechClient.GetAudioAsync' calls an AI model without a receipt; call it on a VerifiedTextToSpeechClient: client.AsBuilder().UseOpenVerify().BuildVerified() (OpenVerify.Extensions.AI)"
        },
        {
            "OpenAI.Images.ImageClient client", "client.GenerateImage(\"q\")", "OV0004",
            "'ImageClient.GenerateImage' calls an AI model without a receipt; call it through a verified client: imageClient.AsVerified() keeps the SDK's calls and result types (OpenVerify.Extensions.AI.OpenAI; no mask, and of the options only size, response format, output file format and quality \"auto\"), or imageClient.AsIImageGenerator().AsBuilder().UseOpenVerify().BuildVerified() (Microsoft.Extensions.AI.OpenAI, OpenVerify.Extensions.AI)"
        },
        {
            "OpenAI.Images.ImageClient client", "client.GenerateImageVariation(\"a.png\")", "OV0004",
            "'ImageClient.GenerateImageVariation' calls an AI model without a receipt; no verified client makes image variations (Microsoft.Extensions.AI has no variation request), so no fix moves it: describe the variation in a prompt and call imageClient.AsVerified().GenerateImageEdit(image, imageFilename, prompt) (OpenVerify.Extensions.AI.OpenAI), or accept the call with [AllowUnverifiedAi(\"why\")]"
        },
        {
            "OpenAI.Audio.AudioClient client", "client.TranscribeAudio(System.IO.Stream.Null, \"a.wav\")", "OV0004",
            "'AudioClient.TranscribeAudio' calls an AI model without a receipt; call it through a verified client: audioClient.AsVerified() keeps the SDK's calls and result types (OpenVerify.Extensions.AI.OpenAI; no prompt, temperature, timestamp granularities, log probabilities, response format other than Simple or speech instructions, and no diarized transcription), or audioClient.AsISpeechToTextClient() (transcription, translation) or audioClient.AsITextToSpeechClient() (speech), then .AsBuilder().UseOpenVerify().BuildVerified() (Microsoft.Extensions.AI.OpenAI, OpenVerify.Extensions.AI)"
        },
    };

    [Theory]
    [MemberData(nameof(Messages))]
    public Task Each_message_names_the_verified_path_of_its_api_family(string field, string call, string id, string message) =>
        new AnalyzerTest<UnverifiedAiCallAnalyzer>("using Microsoft.Extensions.AI;\nusing Microsoft.SemanticKernel;\nclass C { " + field + "; object M() => {|#0:" + call + "|}; }")
            .Expect(new DiagnosticResult(id, Microsoft.CodeAnalysis.DiagnosticSeverity.Warning).WithLocation(0).WithMessage(message))
            .RunAsync();
}
