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

    /// <summary>A <c>[VerifiedInference]</c> method is not partial.</summary>
    public const string MethodNotPartial = "OV1001";

    /// <summary>A type containing a <c>[VerifiedInference]</c> method is not partial.</summary>
    public const string ContainingTypeNotPartial = "OV1002";

    /// <summary>The path in <c>[VerifiedInference]</c> names no <c>VerifiedModel</c> item.</summary>
    public const string UnknownModel = "OV1003";

    /// <summary>A parameter with no matching model input, or a model input with no parameter.</summary>
    public const string InputMismatch = "OV1004";

    /// <summary>A parameter's or result member's element type differs from the model's.</summary>
    public const string ElementTypeMismatch = "OV1005";

    /// <summary>A parameter or return type a generated method cannot carry.</summary>
    public const string UnsupportedType = "OV1006";

    /// <summary>A rank or static shape that differs from the model's, or a shape that needs <c>[Shape]</c>.</summary>
    public const string ShapeMismatch = "OV1007";

    /// <summary>Result members that do not match the model's outputs.</summary>
    public const string OutputMismatch = "OV1008";

    /// <summary><c>[AllowUnverifiedAi]</c> with an empty or whitespace justification.</summary>
    public const string EmptyJustification = "OV1009";

    /// <summary><c>[SuppressMessage]</c> of an OpenVerify rule (on a member, a type, or the assembly or module).</summary>
    public const string SuppressedRule = "OV1010";

    /// <summary>A model that cannot be read, is not valid ONNX, or keeps weights outside the file (reported by the MSBuild task).</summary>
    public const string UnreadableModel = "OV2003";

    /// <summary>The model manifest is missing: the package's build assets were not imported (reported once).</summary>
    public const string ManifestMissing = "OV2006";

    /// <summary><c>OpenVerifyGate=strict</c> without proof that the analyzers ran (reported by the MSBuild targets and task).</summary>
    public const string StrictGateWithoutAnalyzers = "OV2008";

    /// <summary>The strict gate's proof that the analyzers ran on the compilation (an Info the build checks for).</summary>
    public const string GateProof = "OV2011";

    /// <summary>The ids of the unverified-call rules, which the "allow" code fix handles.</summary>
    public static readonly string[] UnverifiedCalls = { OnnxRuntimeInference, MlNetPrediction, ChatOrTextGeneration, OtherModelCall };

    /// <summary>The help link of a rule's docs page.</summary>
    public static string HelpLink(string id) => "https://github.com/openverify/openverify/blob/main/docs/rules/" + id + ".md";
}
