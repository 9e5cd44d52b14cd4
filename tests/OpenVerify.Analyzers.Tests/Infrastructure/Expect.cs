using Microsoft.CodeAnalysis.Testing;
using OpenVerify.Analyzers.Configuration;
using OpenVerify.Analyzers.Diagnostics;

namespace OpenVerify.Analyzers.Tests.Infrastructure;

/// <summary>Expected diagnostics, located by <c>{|#n:...|}</c> markup.</summary>
internal static class Expect
{
    public static DiagnosticResult Call(AiCallRule rule, int location, string method, GateMode gate = GateMode.Warn) =>
        new DiagnosticResult(rule.Call.For(gate)).WithLocation(location).WithArguments(method);

    /// <summary>A call whose message says why no fix moves it (<paramref name="reason"/> is the message's second argument).</summary>
    public static DiagnosticResult HeldBack(AiCallRule rule, int location, string method, string reason) =>
        new DiagnosticResult(rule.Call.For(GateMode.Warn)).WithLocation(location).WithArguments(method, reason);

    public static DiagnosticResult Unbound(AiCallRule rule, int location, string method, string receiverType, GateMode gate = GateMode.Warn) =>
        new DiagnosticResult(rule.UnboundCall.For(gate)).WithLocation(location).WithArguments(method, receiverType);

    public static DiagnosticResult EmptyJustification(int location, string member, GateMode gate = GateMode.Warn) =>
        new DiagnosticResult(DiagnosticDescriptors.EmptyJustification.For(gate)).WithLocation(location).WithArguments(member);

    public static AiCallRule Onnx => DiagnosticDescriptors.OnnxRuntimeInference;

    public static AiCallRule MlNet => DiagnosticDescriptors.MlNetPrediction;

    // OV0002 on the APIs no code fix moves: the same id, messages that say what to do by hand.
    public static AiCallRule MlNetPool => DiagnosticDescriptors.MlNetPoolPrediction;

    public static AiCallRule MlNetTimeSeries => DiagnosticDescriptors.MlNetTimeSeriesPrediction;

    public static AiCallRule MlNetImage => DiagnosticDescriptors.MlNetHeldBackPrediction;

    public static AiCallRule MlNetHeldBack => DiagnosticDescriptors.MlNetHeldBackPrediction;

    public static AiCallRule OnnxHeldBack => DiagnosticDescriptors.OnnxRuntimeHeldBack;

    public static AiCallRule OnnxConfiguredSession => DiagnosticDescriptors.OnnxRuntimeConfiguredSession;

    public static AiCallRule Chat => DiagnosticDescriptors.ChatOrTextGeneration;

    public static AiCallRule Model => DiagnosticDescriptors.OtherModelCall;

    // OV0003/OV0004 for the API families with a verified path: the same ids, messages that name the path.
    public static AiCallRule ChatClient => DiagnosticDescriptors.ChatClientCall;

    public static AiCallRule OpenAiChat => DiagnosticDescriptors.OpenAiChatCall;

    public static AiCallRule OpenAiResponses => DiagnosticDescriptors.OpenAiResponsesCall;

    public static AiCallRule ImageGenerator => DiagnosticDescriptors.ImageGeneratorCall;

    public static AiCallRule SpeechToText => DiagnosticDescriptors.SpeechToTextCall;

    public static AiCallRule TextToSpeech => DiagnosticDescriptors.TextToSpeechCall;

    public static AiCallRule OpenAiImage => DiagnosticDescriptors.OpenAiImageCall;

    public static AiCallRule OpenAiAudio => DiagnosticDescriptors.OpenAiAudioCall;

    public static AiCallRule OpenAiModeration => DiagnosticDescriptors.OpenAiModerationCall;

    public static AiCallRule KernelChat => DiagnosticDescriptors.KernelChatCall;

    public static AiCallRule EmbeddingGenerator => DiagnosticDescriptors.EmbeddingGeneratorCall;

    public static AiCallRule OpenAiEmbedding => DiagnosticDescriptors.OpenAiEmbeddingCall;

    public static AiCallRule KernelEmbedding => DiagnosticDescriptors.KernelEmbeddingCall;
}
