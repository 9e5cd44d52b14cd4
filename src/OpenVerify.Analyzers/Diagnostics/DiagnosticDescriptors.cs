using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace OpenVerify.Analyzers.Diagnostics;

/// <summary>The descriptors of every OpenVerify rule, each in its <c>warn</c> and its <c>strict</c> form.</summary>
internal static class DiagnosticDescriptors
{
    public const string Category = DiagnosticRule.OpenVerifyCategory;

    /// <summary>Marks the error form a strict gate reports, so tools can tell it apart from a configured error.</summary>
    public const string StrictGateTag = "OpenVerifyStrictGate";

    internal const string CallDescription =
        "The call runs an AI model without a signed receipt, so nobody can later check which model produced the result. " +
        "Move it into a [VerifiedInference] partial method, or mark the enclosing member or type [AllowUnverifiedAi(\"why\")] to accept it on purpose.";

    internal const string UnboundMessage =
        "The call to '{0}' on '{1}' did not bind; it is reported because '{1}' is an AI type whose calls run without a receipt";

    internal const string UnboundDescription =
        "The call did not bind (code written against another version of the SDK, or code being typed), but its receiver is an AI type, " +
        "so it is reported under the rule of that type instead of slipping past the gate.";

    public static readonly AiCallRule OnnxRuntimeInference = new(
        DiagnosticIds.OnnxRuntimeInference,
        "ONNX Runtime inference outside verified code",
        "'{0}' runs an ONNX Runtime model outside verified code");

    /// <summary>
    /// OV0001 on a run whose session is created with <c>SessionOptions</c> a <c>VerifiedModel</c> cannot carry over
    /// (a GPU execution provider, custom operators, options passed in): the message names the setting, since the code
    /// fix holds back there.
    /// </summary>
    public static readonly AiCallRule OnnxRuntimeConfiguredSession = new(
        DiagnosticIds.OnnxRuntimeInference,
        "ONNX Runtime inference outside verified code",
        "'{0}' runs an ONNX Runtime model outside verified code; its session is created with SessionOptions that a VerifiedModel cannot carry over, so no fix moves it: {1}");

    /// <summary>
    /// OV0001 on a run the code fix holds back for a reason other than session options (an IoBinding, a session handed
    /// in through a constructor): the message says why and what to do by hand.
    /// </summary>
    public static readonly AiCallRule OnnxRuntimeHeldBack = new(
        DiagnosticIds.OnnxRuntimeInference,
        "ONNX Runtime inference outside verified code",
        "'{0}' runs an ONNX Runtime model outside verified code, and no fix moves it to a VerifiedModel because {1}");

    public static readonly AiCallRule MlNetPrediction = new(
        DiagnosticIds.MlNetPrediction,
        "ML.NET prediction outside verified code",
        "'{0}' makes an ML.NET prediction without a receipt; load the model with OpenVerify.ML's VerifiedMLModel.Load and predict through its CreatePredictionEngine (or CreatePredictionEnginePool) to get a signed receipt");

    /// <summary>OV0002 on Microsoft.Extensions.ML's pool, which loads models by itself: no code fix can move it.</summary>
    public static readonly AiCallRule MlNetPoolPrediction = new(
        DiagnosticIds.MlNetPrediction,
        "ML.NET prediction outside verified code",
        "'{0}' makes an ML.NET prediction through Microsoft.Extensions.ML's PredictionEnginePool, which loads models without a pinned digest or a receipt; register VerifiedMLModel.Load(mlContext, path, digest).CreatePredictionEnginePool<In, Out>() as a singleton and inject VerifiedPredictionEnginePool<In, Out> instead (OpenVerify.ML; by hand, see the rule page)");

    /// <summary>
    /// OV0002 on a prediction the code fix holds back (an image no receipt would bind, a column of a type no receipt
    /// covers, a model fitted with a custom mapping, an engine used for more than predicting): the message says why and
    /// what to do by hand.
    /// </summary>
    public static readonly AiCallRule MlNetHeldBackPrediction = new(
        DiagnosticIds.MlNetPrediction,
        "ML.NET prediction outside verified code",
        "'{0}' makes an ML.NET prediction without a receipt, and no fix moves it to OpenVerify.ML's verified engine because {1}");

    /// <summary>OV0002 on ML.NET's time-series engines, which keep state between calls and have no verified form.</summary>
    public static readonly AiCallRule MlNetTimeSeriesPrediction = new(
        DiagnosticIds.MlNetPrediction,
        "ML.NET prediction outside verified code",
        "'{0}' makes an ML.NET time-series prediction without a receipt; OpenVerify.ML has no verified time-series engine (the engine keeps state between calls), so accept the call with [AllowUnverifiedAi(\"why\")] and pin the model file as a VerifiedModel item");

    public static readonly AiCallRule ChatOrTextGeneration = new(
        DiagnosticIds.ChatOrTextGeneration,
        "Chat or text generation without a receipt",
        "'{0}' calls a chat or text generation model without a receipt");

    public static readonly AiCallRule OtherModelCall = new(
        DiagnosticIds.OtherModelCall,
        "Embedding or other model call without a receipt",
        "'{0}' calls an AI model without a receipt");

    internal const string VerifiedClientDescription =
        "The call runs an AI model without a signed receipt, so nobody can later check what was sent and received. " +
        "Call it on a verified client of the OpenVerify.Extensions.AI package (VerifiedChatClient, VerifiedEmbeddingGenerator, " +
        "VerifiedSpeechToTextClient, VerifiedTextToSpeechClient, VerifiedImageGenerator), " +
        "whose every response carries a receipt; calls whose receiver is one of those types are not reported. " +
        "Or mark the enclosing member or type [AllowUnverifiedAi(\"why\")] to accept the call on purpose.";

    internal const string SemanticKernelDescription =
        "The call runs an AI model through Semantic Kernel, whose services the analyzer cannot see through. " +
        "Build the kernel on a VerifiedChatClient or VerifiedEmbeddingGenerator (OpenVerify.Extensions.AI): every model call " +
        "then carries a receipt at run time; accept the kernel call with [AllowUnverifiedAi(\"why\")] naming that client.";

    // The same rules for the API families that have a verified path (OpenVerify.Extensions.AI): the message names it.

    /// <summary>OV0003 on Microsoft.Extensions.AI's <c>IChatClient</c> and its extension methods.</summary>
    public static readonly AiCallRule ChatClientCall = ChatOrTextGeneration.WithFix(
        "call it on a VerifiedChatClient: client.AsBuilder().UseOpenVerify().BuildVerified() (OpenVerify.Extensions.AI)",
        VerifiedClientDescription);

    /// <summary>OV0003 on the OpenAI SDK's chat and responses clients.</summary>
    public static readonly AiCallRule OpenAiChatCall = ChatOrTextGeneration.WithFix(
        "call it through a verified client: chatClient.AsVerified() keeps the SDK's calls and result types (OpenVerify.Extensions.AI.OpenAI), or openAiClient.AsIChatClient().AsBuilder().UseOpenVerify().BuildVerified() (Microsoft.Extensions.AI.OpenAI, OpenVerify.Extensions.AI)",
        VerifiedClientDescription);

    /// <summary>OV0003 on the OpenAI SDK's responses client.</summary>
    public static readonly AiCallRule OpenAiResponsesCall = ChatOrTextGeneration.WithFix(
        "call it through a verified client: responsesClient.AsVerified() keeps the SDK's calls and result types (OpenVerify.Extensions.AI.OpenAI; no previous response id, background mode, stored conversation or built-in tools), or responsesClient.AsIChatClient(model).AsBuilder().UseOpenVerify().BuildVerified() (Microsoft.Extensions.AI.OpenAI, OpenVerify.Extensions.AI)",
        VerifiedClientDescription);

    /// <summary>OV0003 on the responses client's protocol overloads (BinaryContent in, ClientResult out), which no verified client mirrors.</summary>
    public static readonly AiCallRule OpenAiResponsesProtocolCall = ChatOrTextGeneration.WithFix(
        "this protocol overload sends raw JSON that no verified client can read, so no fix moves it: build the request as CreateResponseOptions and call responsesClient.AsVerified().CreateResponseAsync(options) (OpenVerify.Extensions.AI.OpenAI), or accept the call with [AllowUnverifiedAi(\"why\")]",
        VerifiedClientDescription);

    /// <summary>OV0003 on Semantic Kernel's chat and text services and kernel invocations.</summary>
    public static readonly AiCallRule KernelChatCall = ChatOrTextGeneration.WithFix(
        "build the kernel on a VerifiedChatClient (docs/semantic-kernel.md) and accept this call with [AllowUnverifiedAi(\"why\")]",
        SemanticKernelDescription);

    /// <summary>OV0004 on Microsoft.Extensions.AI's <c>IEmbeddingGenerator</c> and its extension methods.</summary>
    public static readonly AiCallRule EmbeddingGeneratorCall = OtherModelCall.WithFix(
        "call it on a VerifiedEmbeddingGenerator: generator.AsBuilder().UseOpenVerify().BuildVerified() (OpenVerify.Extensions.AI)",
        VerifiedClientDescription);

    /// <summary>OV0004 on the OpenAI SDK's embedding client.</summary>
    public static readonly AiCallRule OpenAiEmbeddingCall = OtherModelCall.WithFix(
        "call it through a verified client: embeddingClient.AsVerified() keeps the SDK's calls and result types (OpenVerify.Extensions.AI.OpenAI), or embeddingClient.AsIEmbeddingGenerator().AsBuilder().UseOpenVerify().BuildVerified() (Microsoft.Extensions.AI.OpenAI, OpenVerify.Extensions.AI)",
        VerifiedClientDescription);

    /// <summary>OV0004 on Microsoft.Extensions.AI's <c>IImageGenerator</c> and its extension methods.</summary>
    public static readonly AiCallRule ImageGeneratorCall = OtherModelCall.WithFix(
        "call it on a VerifiedImageGenerator: generator.AsBuilder().UseOpenVerify().BuildVerified() (OpenVerify.Extensions.AI)",
        VerifiedClientDescription);

    /// <summary>OV0004 on Microsoft.Extensions.AI's <c>ISpeechToTextClient</c> and its extension methods.</summary>
    public static readonly AiCallRule SpeechToTextCall = OtherModelCall.WithFix(
        "call it on a VerifiedSpeechToTextClient: client.AsBuilder().UseOpenVerify().BuildVerified() (OpenVerify.Extensions.AI)",
        VerifiedClientDescription);

    /// <summary>OV0004 on Microsoft.Extensions.AI's <c>ITextToSpeechClient</c> and its extension methods.</summary>
    public static readonly AiCallRule TextToSpeechCall = OtherModelCall.WithFix(
        "call it on a VerifiedTextToSpeechClient: client.AsBuilder().UseOpenVerify().BuildVerified() (OpenVerify.Extensions.AI)",
        VerifiedClientDescription);

    /// <summary>OV0004 on the OpenAI SDK's image client's generations and edits.</summary>
    public static readonly AiCallRule OpenAiImageCall = OtherModelCall.WithFix(
        "call it through a verified client: imageClient.AsVerified() keeps the SDK's calls and result types (OpenVerify.Extensions.AI.OpenAI; no mask, and of the options only size, response format, output file format and quality \"auto\"), or imageClient.AsIImageGenerator().AsBuilder().UseOpenVerify().BuildVerified() (Microsoft.Extensions.AI.OpenAI, OpenVerify.Extensions.AI)",
        VerifiedClientDescription);

    /// <summary>OV0004 on the OpenAI SDK's image variations, which no verified client makes (Microsoft.Extensions.AI has no variation request).</summary>
    public static readonly AiCallRule OpenAiImageVariationCall = OtherModelCall.WithFix(
        "no verified client makes image variations (Microsoft.Extensions.AI has no variation request), so no fix moves it: describe the variation in a prompt and call imageClient.AsVerified().GenerateImageEdit(image, imageFilename, prompt) (OpenVerify.Extensions.AI.OpenAI), or accept the call with [AllowUnverifiedAi(\"why\")]",
        VerifiedClientDescription);

    /// <summary>OV0004 on the OpenAI SDK's audio client (speech, transcription, translation).</summary>
    public static readonly AiCallRule OpenAiAudioCall = OtherModelCall.WithFix(
        "call it through a verified client: audioClient.AsVerified() keeps the SDK's calls and result types (OpenVerify.Extensions.AI.OpenAI; no prompt, temperature, timestamp granularities, log probabilities, response format other than Simple or speech instructions, and no diarized transcription), or audioClient.AsISpeechToTextClient() (transcription, translation) or audioClient.AsITextToSpeechClient() (speech), then .AsBuilder().UseOpenVerify().BuildVerified() (Microsoft.Extensions.AI.OpenAI, OpenVerify.Extensions.AI)",
        VerifiedClientDescription);

    /// <summary>OV0004 on the OpenAI SDK's moderation client.</summary>
    public static readonly AiCallRule OpenAiModerationCall = OtherModelCall.WithFix(
        "call it through a verified client: moderationClient.AsVerified() keeps the SDK's calls and result types (OpenVerify.Extensions.AI.OpenAI; text inputs only: an image input is refused)",
        VerifiedClientDescription);

    /// <summary>OV0004 on Semantic Kernel's embedding services, which Microsoft.Extensions.AI's IEmbeddingGenerator replaces.</summary>
    public static readonly AiCallRule KernelEmbeddingCall = OtherModelCall.WithFix(
        "use a VerifiedEmbeddingGenerator instead of Semantic Kernel's embedding service: generator.AsBuilder().UseOpenVerify().BuildVerified() (OpenVerify.Extensions.AI)",
        VerifiedClientDescription);

    public static readonly GatedDescriptor EmptyJustification = GatedDescriptor.Create(
        DiagnosticIds.EmptyJustification,
        "[AllowUnverifiedAi] needs a justification",
        "[AllowUnverifiedAi] on '{0}' has no justification; say why this code may call AI without a receipt",
        "An accepted unverified AI call must say why it is acceptable, so a reviewer can judge it. Write the reason as the attribute's argument.");

    internal const string BindingDescription =
        "A [VerifiedInference] method must match its model: the generated body passes each parameter as the model input of " +
        "the same name (ignoring case and _ . : /, or as [ModelInput] says) and builds the result from the outputs. When it does not " +
        "match, the generated body throws, so this is an error.";

    public static readonly GatedDescriptor MethodNotPartial = GatedDescriptor.CreateError(
        DiagnosticIds.MethodNotPartial,
        "[VerifiedInference] method must be partial",
        "The [VerifiedInference] method '{0}' must be declared partial without a body, so OpenVerify can generate its body",
        "The source generator writes the method's body; that needs a partial method declaration without a body.");

    public static readonly GatedDescriptor ContainingTypeNotPartial = GatedDescriptor.CreateError(
        DiagnosticIds.ContainingTypeNotPartial,
        "Type containing a [VerifiedInference] method must be partial",
        "The type '{0}' contains the [VerifiedInference] method '{1}' and must be partial, so OpenVerify can generate the method's body",
        "The generated body is written into another part of each containing type, so every containing type must be partial.");

    public static readonly GatedDescriptor UnknownModel = GatedDescriptor.CreateError(
        DiagnosticIds.UnknownModel,
        "[VerifiedInference] names no VerifiedModel item",
        "'{0}' names no VerifiedModel item of this project; its models are: {1}",
        "The path in [VerifiedInference] is the project-relative path (with '/') of a VerifiedModel item, by default any .onnx file in the project folder.");

    public static readonly GatedDescriptor InputMismatch = GatedDescriptor.CreateError(
        DiagnosticIds.InputMismatch, "Parameters do not match the model's inputs", "{0}", BindingDescription);

    public static readonly GatedDescriptor ElementTypeMismatch = GatedDescriptor.CreateError(
        DiagnosticIds.ElementTypeMismatch, "Element type does not match the model", "{0}", BindingDescription);

    public static readonly GatedDescriptor UnsupportedType = GatedDescriptor.CreateError(
        DiagnosticIds.UnsupportedType, "Unsupported parameter or return type for verified inference", "{0}", BindingDescription);

    public static readonly GatedDescriptor ShapeMismatch = GatedDescriptor.CreateError(
        DiagnosticIds.ShapeMismatch, "Rank or shape does not match the model", "{0}", BindingDescription);

    public static readonly GatedDescriptor OutputMismatch = GatedDescriptor.CreateError(
        DiagnosticIds.OutputMismatch, "Result members do not match the model's outputs", "{0}", BindingDescription);

    public static readonly GatedDescriptor ManifestMissing = GatedDescriptor.CreateError(
        DiagnosticIds.ManifestMissing,
        "The OpenVerify model manifest is missing",
        "The project has [VerifiedInference] methods but no OpenVerify model manifest ({0}), so no model was pinned; reference the OpenVerify or OpenVerify.Analyzers package so its build assets run, and rebuild",
        "The MSBuild task of the OpenVerify.Analyzers package hashes the models and writes the manifest the generator reads. Without it (the analyzers loaded without the package's build assets) nothing can be generated. Reported once per project.");

    public static readonly GatedDescriptor SuppressedRule = GatedDescriptor.CreateInfo(
        DiagnosticIds.SuppressedRule,
        "[SuppressMessage] of an OpenVerify rule",
        "[SuppressMessage] turns down the OpenVerify rule {0}; under OpenVerifyGate=strict no OpenVerify rule may be suppressed",
        "The compiler honours [SuppressMessage] (on a member, a type, or as a global suppression in GlobalSuppressions.cs) even for " +
        "errors that .editorconfig, NoWarn and #pragma cannot turn down, so under a strict gate each such suppression is an error. " +
        "Accept an AI call on purpose with [AllowUnverifiedAi(\"why\")] instead, which reviewers and OV1009 see.");

    /// <summary>
    /// The strict gate's proof: reported once per compilation under <c>strict</c>, and looked for by the build in the
    /// compiler's error log. Turning it down only makes the build fail (OV2008), so it may stay configurable.
    /// </summary>
    public static readonly DiagnosticDescriptor GateProof = new(
        DiagnosticIds.GateProof,
        "OpenVerify analyzers ran (strict gate proof)",
        "OpenVerify analyzers ran on '{0}' under OpenVerifyGate={1}",
        Category,
        DiagnosticSeverity.Info,
        isEnabledByDefault: true,
        description: "The build reads this from the compiler's error log to prove that the OpenVerify analyzers ran on the assembly it produced; without it a strict build fails with OV2008.",
        helpLinkUri: DiagnosticIds.HelpLink(DiagnosticIds.GateProof),
        customTags: new[] { WellKnownDiagnosticTags.CompilationEnd, WellKnownDiagnosticTags.NotConfigurable });

    /// <summary>The binding rules, by id, for the analyzer that reports the binder's problems.</summary>
    public static GatedDescriptor ForBindingProblem(string id) => id switch
    {
        DiagnosticIds.InputMismatch => InputMismatch,
        DiagnosticIds.ElementTypeMismatch => ElementTypeMismatch,
        DiagnosticIds.UnsupportedType => UnsupportedType,
        DiagnosticIds.ShapeMismatch => ShapeMismatch,
        _ => OutputMismatch,
    };

    public static readonly ImmutableArray<GatedDescriptor> VerifiedInferenceRules = ImmutableArray.Create(
        MethodNotPartial, ContainingTypeNotPartial, UnknownModel, InputMismatch, ElementTypeMismatch, UnsupportedType,
        ShapeMismatch, OutputMismatch, ManifestMissing);

    /// <summary>Every AI-call rule; the plain form of each id comes first (<see cref="FindAiCallRule"/> returns it).</summary>
    public static readonly ImmutableArray<AiCallRule> AiCallRules =
        ImmutableArray.Create(
            OnnxRuntimeInference, MlNetPrediction, ChatOrTextGeneration, OtherModelCall,
            ChatClientCall, OpenAiChatCall, OpenAiResponsesCall, KernelChatCall, EmbeddingGeneratorCall, OpenAiEmbeddingCall, KernelEmbeddingCall,
            ImageGeneratorCall, SpeechToTextCall, TextToSpeechCall, OpenAiImageCall, OpenAiAudioCall,
            MlNetPoolPrediction, MlNetTimeSeriesPrediction, OnnxRuntimeConfiguredSession, MlNetHeldBackPrediction, OpenAiResponsesProtocolCall, OpenAiModerationCall,
            OpenAiImageVariationCall, OnnxRuntimeHeldBack);

    /// <summary>Every descriptor, in both gate forms, for <c>SupportedDiagnostics</c> and for the tests.</summary>
    public static IEnumerable<DiagnosticDescriptor> All =>
        AiCallRules.SelectMany(r => new[] { r.Call, r.UnboundCall }).Distinct()
            .Append(EmptyJustification)
            .Append(SuppressedRule)
            .Concat(VerifiedInferenceRules)
            .SelectMany(d => new[] { d.Warn, d.Strict });

    public static AiCallRule? FindAiCallRule(string id) =>
        AiCallRules.FirstOrDefault(r => string.Equals(r.Id, id, System.StringComparison.OrdinalIgnoreCase));
}
