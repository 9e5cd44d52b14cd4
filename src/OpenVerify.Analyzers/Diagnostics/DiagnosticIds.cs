namespace OpenVerify.Analyzers.Diagnostics;

/// <summary>Every diagnostic id that OpenVerify reports. Each one has a page at <c>docs/rules/&lt;id&gt;.md</c>.</summary>
public static class DiagnosticIds
{
    /// <summary>ONNX Runtime inference outside verified code.</summary>
    public const string OnnxRuntimeInference = "OV0001";

    /// <summary>ML.NET prediction outside verified code.</summary>
    public const string MlNetPrediction = "OV0002";

    /// <summary>Chat or text generation without a receipt.</summary>
    public const string ChatOrTextGeneration = "OV0003";

    /// <summary>Embeddings and other model calls without a receipt.</summary>
    public const string OtherModelCall = "OV0004";

    /// <summary><c>[AllowUnverifiedAi]</c> with an empty or whitespace justification.</summary>
    public const string EmptyJustification = "OV1009";

    /// <summary>The ids of the unverified-call rules, which the "allow" code fix handles.</summary>
    public static readonly string[] UnverifiedCalls = { OnnxRuntimeInference, MlNetPrediction, ChatOrTextGeneration, OtherModelCall };

    /// <summary>The help link of a rule's docs page.</summary>
    public static string HelpLink(string id) => "https://github.com/openverify/openverify/blob/main/docs/rules/" + id + ".md";
}
