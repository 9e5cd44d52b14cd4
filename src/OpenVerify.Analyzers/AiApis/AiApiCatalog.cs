using System.Collections.Immutable;
using OpenVerify.Analyzers.Diagnostics;

namespace OpenVerify.Analyzers.AiApis;

/// <summary>
/// The AI APIs OpenVerify knows, by metadata name. A method matches when it is one of the named methods of the
/// type, overrides one, or implements one of an interface; extension classes are named by their full metadata name
/// because several libraries use the same simple name (<c>ChatClientExtensions</c>).
/// </summary>
internal static class AiApiCatalog
{
    public static readonly ImmutableArray<AiApiEntry> Entries = ImmutableArray.Create(
        // OV0001: ONNX Runtime.
        Entry(DiagnosticDescriptors.OnnxRuntimeInference, "Microsoft.ML.OnnxRuntime.InferenceSession",
            "Run", "RunAsync", "RunWithBinding", "RunWithBoundResults", "RunWithBindingAndNames"),

        // OV0002: ML.NET. Predict is declared on the base type; ITransformer.Transform is lazy and is not a prediction.
        Entry(DiagnosticDescriptors.MlNetPrediction, "Microsoft.ML.PredictionEngineBase`2", "Predict"),
        Entry(DiagnosticDescriptors.MlNetPoolPrediction, "Microsoft.Extensions.ML.PredictionEnginePool`2", "Predict"),
        Entry(DiagnosticDescriptors.MlNetTimeSeriesPrediction, "Microsoft.ML.Transforms.TimeSeries.TimeSeriesPredictionEngine`2", "Predict"),

        // OV0003: Microsoft.Extensions.AI chat.
        Entry(DiagnosticDescriptors.ChatClientCall, "Microsoft.Extensions.AI.IChatClient", "GetResponseAsync", "GetStreamingResponseAsync"),
        Entry(DiagnosticDescriptors.ChatClientCall, "Microsoft.Extensions.AI.ChatClientExtensions", "GetResponseAsync", "GetStreamingResponseAsync"),
        Entry(DiagnosticDescriptors.ChatClientCall, "Microsoft.Extensions.AI.ChatClientStructuredOutputExtensions", "GetResponseAsync"),

        // OV0003: the OpenAI SDK (Azure OpenAI's clients derive from these).
        Entry(DiagnosticDescriptors.OpenAiChatCall, "OpenAI.Chat.ChatClient",
            "CompleteChat", "CompleteChatAsync", "CompleteChatStreaming", "CompleteChatStreamingAsync"),
        Entry(DiagnosticDescriptors.OpenAiResponsesCall, "OpenAI.Responses.ResponsesClient",
            "CreateResponse", "CreateResponseAsync", "CreateResponseStreaming", "CreateResponseStreamingAsync"),
        Entry(DiagnosticDescriptors.OpenAiResponsesCall, "OpenAI.Responses.OpenAIResponseClient",
            "CreateResponse", "CreateResponseAsync", "CreateResponseStreaming", "CreateResponseStreamingAsync"),
        // The Assistants API: a run is where the model answers (threads, messages and assistants are only data). No
        // Microsoft.Extensions.AI client maps onto it, so the message names no verified path.
        Entry(DiagnosticDescriptors.ChatOrTextGeneration, "OpenAI.Assistants.AssistantClient",
            "CreateRun", "CreateRunAsync", "CreateRunStreaming", "CreateRunStreamingAsync",
            "CreateThreadAndRun", "CreateThreadAndRunAsync", "CreateThreadAndRunStreaming", "CreateThreadAndRunStreamingAsync",
            "SubmitToolOutputsToRun", "SubmitToolOutputsToRunAsync", "SubmitToolOutputsToRunStreaming", "SubmitToolOutputsToRunStreamingAsync"),

        // OV0003: Semantic Kernel. A kernel function may be native code; Kernel.Invoke* is reported all the same,
        // because the analyzer cannot tell a prompt function from a native one.
        Entry(DiagnosticDescriptors.KernelChatCall, "Microsoft.SemanticKernel.ChatCompletion.IChatCompletionService",
            "GetChatMessageContentsAsync", "GetStreamingChatMessageContentsAsync"),
        Entry(DiagnosticDescriptors.KernelChatCall, "Microsoft.SemanticKernel.ChatCompletion.ChatCompletionServiceExtensions",
            "GetChatMessageContentAsync", "GetChatMessageContentsAsync", "GetStreamingChatMessageContentsAsync"),
        Entry(DiagnosticDescriptors.KernelChatCall, "Microsoft.SemanticKernel.TextGeneration.ITextGenerationService",
            "GetTextContentsAsync", "GetStreamingTextContentsAsync"),
        Entry(DiagnosticDescriptors.KernelChatCall, "Microsoft.SemanticKernel.TextGeneration.TextGenerationExtensions",
            "GetTextContentAsync", "GetTextContentsWithDefaultParserAsync", "GetStreamingTextContentsWithDefaultParserAsync"),
        Entry(DiagnosticDescriptors.ChatClientCall, "Microsoft.SemanticKernel.ChatCompletion.ChatClientExtensions",
            "GetResponseAsync", "GetStreamingResponseAsync"),
        Entry(DiagnosticDescriptors.KernelChatCall, "Microsoft.SemanticKernel.Kernel",
            "InvokeAsync", "InvokeStreamingAsync"),
        // A function is also invoked directly (function.InvokeAsync(kernel)): real code does it with prompt functions.
        Entry(DiagnosticDescriptors.KernelChatCall, "Microsoft.SemanticKernel.KernelFunction",
            "InvokeAsync", "InvokeStreamingAsync"),
        Entry(DiagnosticDescriptors.KernelChatCall, "Microsoft.SemanticKernel.KernelExtensions",
            "InvokePromptAsync", "InvokePromptStreamingAsync"),

        // OV0004: embeddings, images, speech and realtime in Microsoft.Extensions.AI.
        Entry(DiagnosticDescriptors.EmbeddingGeneratorCall, "Microsoft.Extensions.AI.IEmbeddingGenerator`2", "GenerateAsync"),
        Entry(DiagnosticDescriptors.EmbeddingGeneratorCall, "Microsoft.Extensions.AI.EmbeddingGeneratorExtensions",
            "GenerateAsync", "GenerateVectorAsync", "GenerateAndZipAsync", "GenerateEmbeddingAsync", "GenerateEmbeddingVectorAsync"),
        Entry(DiagnosticDescriptors.ImageGeneratorCall, "Microsoft.Extensions.AI.IImageGenerator", "GenerateAsync"),
        Entry(DiagnosticDescriptors.ImageGeneratorCall, "Microsoft.Extensions.AI.ImageGeneratorExtensions",
            "GenerateImagesAsync", "EditImageAsync", "EditImagesAsync"),
        Entry(DiagnosticDescriptors.SpeechToTextCall, "Microsoft.Extensions.AI.ISpeechToTextClient", "GetTextAsync", "GetStreamingTextAsync"),
        Entry(DiagnosticDescriptors.SpeechToTextCall, "Microsoft.Extensions.AI.SpeechToTextClientExtensions", "GetTextAsync", "GetStreamingTextAsync"),
        Entry(DiagnosticDescriptors.TextToSpeechCall, "Microsoft.Extensions.AI.ITextToSpeechClient", "GetAudioAsync", "GetStreamingAudioAsync"),
        Entry(DiagnosticDescriptors.TextToSpeechCall, "Microsoft.Extensions.AI.TextToSpeechClientExtensions", "GetAudioAsync", "GetStreamingAudioAsync"),
        Entry(DiagnosticDescriptors.OtherModelCall, "Microsoft.Extensions.AI.IRealtimeClientSession", "SendAsync", "GetStreamingResponseAsync"),

        // OV0004: the OpenAI SDK's other model clients.
        Entry(DiagnosticDescriptors.OpenAiEmbeddingCall, "OpenAI.Embeddings.EmbeddingClient",
            "GenerateEmbedding", "GenerateEmbeddingAsync", "GenerateEmbeddings", "GenerateEmbeddingsAsync"),
        Entry(DiagnosticDescriptors.OpenAiImageCall, "OpenAI.Images.ImageClient",
            "GenerateImage", "GenerateImageAsync", "GenerateImages", "GenerateImagesAsync",
            "GenerateImageEdit", "GenerateImageEditAsync", "GenerateImageEdits", "GenerateImageEditsAsync",
            "GenerateImageVariation", "GenerateImageVariationAsync", "GenerateImageVariations", "GenerateImageVariationsAsync"),
        Entry(DiagnosticDescriptors.OpenAiAudioCall, "OpenAI.Audio.AudioClient",
            "GenerateSpeech", "GenerateSpeechAsync", "GenerateSpeechStreamingAsync", "TranscribeAudio", "TranscribeAudioAsync",
            "TranscribeAudioStreaming", "TranscribeAudioStreamingAsync",
            "TranscribeAudioDiarized", "TranscribeAudioDiarizedAsync", "TranslateAudio", "TranslateAudioAsync"),
        Entry(DiagnosticDescriptors.OpenAiModerationCall, "OpenAI.Moderations.ModerationClient",
            "ClassifyText", "ClassifyTextAsync", "ClassifyInputs", "ClassifyInputsAsync"),
        // Realtime: opening a session binds it to a model; audio sent and responses asked for are what it answers.
        Entry(DiagnosticDescriptors.OtherModelCall, "OpenAI.Realtime.RealtimeClient",
            "StartConversationSessionAsync", "StartTranscriptionSessionAsync", "StartSessionAsync"),
        Entry(DiagnosticDescriptors.OtherModelCall, "OpenAI.Realtime.RealtimeSessionClient",
            "SendInputAudioAsync", "StartResponseAsync"),

        // OV0004: Semantic Kernel's other services.
        Entry(DiagnosticDescriptors.KernelEmbeddingCall, "Microsoft.SemanticKernel.Embeddings.IEmbeddingGenerationService`2", "GenerateEmbeddingsAsync"),
        Entry(DiagnosticDescriptors.KernelEmbeddingCall, "Microsoft.SemanticKernel.Embeddings.EmbeddingGenerationExtensions", "GenerateEmbeddingAsync"),
        Entry(DiagnosticDescriptors.OtherModelCall, "Microsoft.SemanticKernel.TextToImage.ITextToImageService", "GetImageContentsAsync"),
        Entry(DiagnosticDescriptors.OtherModelCall, "Microsoft.SemanticKernel.TextToImage.TextToImageServiceExtensions", "GenerateImageAsync"),
        Entry(DiagnosticDescriptors.OtherModelCall, "Microsoft.SemanticKernel.AudioToText.IAudioToTextService", "GetTextContentsAsync"),
        Entry(DiagnosticDescriptors.OtherModelCall, "Microsoft.SemanticKernel.AudioToText.AudioToTextServiceExtensions", "GetTextContentAsync"),
        Entry(DiagnosticDescriptors.OtherModelCall, "Microsoft.SemanticKernel.TextToAudio.ITextToAudioService", "GetAudioContentsAsync"),
        Entry(DiagnosticDescriptors.OtherModelCall, "Microsoft.SemanticKernel.TextToAudio.TextToAudioServiceExtensions", "GetAudioContentAsync"),
        Entry(DiagnosticDescriptors.OtherModelCall, "Microsoft.SemanticKernel.ImageToText.IImageToTextService", "GetTextContentsAsync"),
        Entry(DiagnosticDescriptors.OtherModelCall, "Microsoft.SemanticKernel.ImageToText.ImageToTextExtensions", "GetTextContentAsync"));

    /// <summary>
    /// Microsoft.Extensions.AI middleware bases. A <c>base.X(...)</c> call inside an override of <c>X</c> in a subclass
    /// only forwards a call that is already reported where the pipeline is called, so it is not reported again.
    /// </summary>
    public static readonly ImmutableArray<string> DelegatingTypes = ImmutableArray.Create(
        "Microsoft.Extensions.AI.DelegatingChatClient",
        "Microsoft.Extensions.AI.DelegatingEmbeddingGenerator`2",
        "Microsoft.Extensions.AI.DelegatingImageGenerator",
        "Microsoft.Extensions.AI.DelegatingSpeechToTextClient",
        "Microsoft.Extensions.AI.DelegatingTextToSpeechClient",
        "Microsoft.Extensions.AI.DelegatingRealtimeClient");

    /// <summary>
    /// The verified client types of the OpenVerify.Extensions.AI package, whose every response carries a receipt (the
    /// attesting step is innermost in their pipeline; the local ONNX embedding generator signs an inference receipt
    /// for each embedding). A call whose receiver has one of these as its static type is not
    /// reported. Matched by metadata name and assembly name, so the analyzers never reference the package and a type of
    /// yours that borrows the name is still reported.
    /// </summary>
    public static readonly ImmutableArray<string> VerifiedClientTypes = ImmutableArray.Create(
        "OpenVerify.Extensions.AI.VerifiedChatClient",
        "OpenVerify.Extensions.AI.VerifiedEmbeddingGenerator`2",
        "OpenVerify.Extensions.AI.VerifiedSpeechToTextClient",
        "OpenVerify.Extensions.AI.VerifiedTextToSpeechClient",
        "OpenVerify.Extensions.AI.VerifiedImageGenerator",
        "OpenVerify.Extensions.AI.Local.VerifiedOnnxEmbeddingGenerator");

    /// <summary>The assembly the verified client types must come from.</summary>
    public const string VerifiedClientAssembly = "OpenVerify.Extensions.AI";

    private static AiApiEntry Entry(AiCallRule rule, string typeMetadataName, params string[] methodNames) =>
        new(rule, typeMetadataName, ImmutableHashSet.Create(methodNames));
}

/// <summary>A type whose named methods (all ordinary methods when <see cref="MethodNames"/> is null) are AI calls.</summary>
internal sealed class AiApiEntry
{
    public AiApiEntry(AiCallRule rule, string typeMetadataName, ImmutableHashSet<string>? methodNames)
    {
        Rule = rule;
        TypeMetadataName = typeMetadataName;
        MethodNames = methodNames;
    }

    public AiCallRule Rule { get; }

    public string TypeMetadataName { get; }

    public ImmutableHashSet<string>? MethodNames { get; }
}
