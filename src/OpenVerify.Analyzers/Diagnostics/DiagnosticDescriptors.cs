using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace OpenVerify.Analyzers.Diagnostics;

/// <summary>The descriptors of every OpenVerify rule, each in its <c>warn</c> and its <c>strict</c> form.</summary>
internal static class DiagnosticDescriptors
{
    public const string Category = "OpenVerify";

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

    public static readonly AiCallRule MlNetPrediction = new(
        DiagnosticIds.MlNetPrediction,
        "ML.NET prediction outside verified code",
        "'{0}' makes an ML.NET prediction without a receipt");

    public static readonly AiCallRule ChatOrTextGeneration = new(
        DiagnosticIds.ChatOrTextGeneration,
        "Chat or text generation without a receipt",
        "'{0}' calls a chat or text generation model without a receipt");

    public static readonly AiCallRule OtherModelCall = new(
        DiagnosticIds.OtherModelCall,
        "Embedding or other model call without a receipt",
        "'{0}' calls an AI model without a receipt");

    public static readonly GatedDescriptor EmptyJustification = GatedDescriptor.Create(
        DiagnosticIds.EmptyJustification,
        "[AllowUnverifiedAi] needs a justification",
        "[AllowUnverifiedAi] on '{0}' has no justification; say why this code may call AI without a receipt",
        "An accepted unverified AI call must say why it is acceptable, so a reviewer can judge it. Write the reason as the attribute's argument.");

    public static readonly ImmutableArray<AiCallRule> AiCallRules =
        ImmutableArray.Create(OnnxRuntimeInference, MlNetPrediction, ChatOrTextGeneration, OtherModelCall);

    /// <summary>Every descriptor, in both gate forms, for <c>SupportedDiagnostics</c> and for the tests.</summary>
    public static IEnumerable<DiagnosticDescriptor> All =>
        AiCallRules.SelectMany(r => new[] { r.Call, r.UnboundCall })
            .Append(EmptyJustification)
            .SelectMany(d => new[] { d.Warn, d.Strict });

    public static AiCallRule? FindAiCallRule(string id) =>
        AiCallRules.FirstOrDefault(r => string.Equals(r.Id, id, System.StringComparison.OrdinalIgnoreCase));
}
