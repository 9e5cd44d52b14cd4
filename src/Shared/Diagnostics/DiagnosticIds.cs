// The one registry of OpenVerify's diagnostic ids (docs/architecture.md, "How to add a rule"): the analyzers, the
// MSBuild task and the gate take their ids from here, and tests/OpenVerify.Architecture.Tests checks every OV id in
// src/, build/, README.md and docs/ against it. Adding a rule is one entry: a const with its [DiagnosticRule].
using static OpenVerify.Diagnostics.DiagnosticReporter;
using static OpenVerify.Diagnostics.DiagnosticRuleSeverity;

namespace OpenVerify.Diagnostics
{
    /// <summary>Every diagnostic id that OpenVerify reports. Each one has a page at <c>docs/rules/&lt;id&gt;.md</c>.</summary>
    internal static class DiagnosticIds
    {
        /// <summary>ONNX Runtime inference outside verified code.</summary>
        [DiagnosticRule("ONNX Runtime inference outside verified code", Warning, Analyzer)]
        public const string OnnxRuntimeInference = "OV0001";

        /// <summary>ML.NET prediction outside verified code.</summary>
        [DiagnosticRule("ML.NET prediction outside verified code", Warning, Analyzer)]
        public const string MlNetPrediction = "OV0002";

        /// <summary>Chat or text generation without a receipt.</summary>
        [DiagnosticRule("Chat or text generation without a receipt", Warning, Analyzer)]
        public const string ChatOrTextGeneration = "OV0003";

        /// <summary>Embeddings and other model calls without a receipt.</summary>
        [DiagnosticRule("Embedding or other model call without a receipt", Warning, Analyzer)]
        public const string OtherModelCall = "OV0004";

        /// <summary>A <c>[VerifiedInference]</c> method is not partial.</summary>
        [DiagnosticRule("[VerifiedInference] method must be partial", Error, Analyzer)]
        public const string MethodNotPartial = "OV1001";

        /// <summary>A type containing a <c>[VerifiedInference]</c> method is not partial.</summary>
        [DiagnosticRule("Type containing a [VerifiedInference] method must be partial", Error, Analyzer)]
        public const string ContainingTypeNotPartial = "OV1002";

        /// <summary>The path in <c>[VerifiedInference]</c> names no <c>VerifiedModel</c> item.</summary>
        [DiagnosticRule("[VerifiedInference] names no VerifiedModel item", Error, Analyzer)]
        public const string UnknownModel = "OV1003";

        /// <summary>A parameter with no matching model input, or a model input with no parameter.</summary>
        [DiagnosticRule("Parameters do not match the model's inputs", Error, Analyzer)]
        public const string InputMismatch = "OV1004";

        /// <summary>A parameter's or result member's element type differs from the model's.</summary>
        [DiagnosticRule("Element type does not match the model", Error, Analyzer)]
        public const string ElementTypeMismatch = "OV1005";

        /// <summary>A parameter or return type a generated method cannot carry.</summary>
        [DiagnosticRule("Unsupported parameter or return type for verified inference", Error, Analyzer)]
        public const string UnsupportedType = "OV1006";

        /// <summary>A rank or static shape that differs from the model's, or a shape that needs <c>[Shape]</c>.</summary>
        [DiagnosticRule("Rank or shape does not match the model", Error, Analyzer)]
        public const string ShapeMismatch = "OV1007";

        /// <summary>Result members that do not match the model's outputs.</summary>
        [DiagnosticRule("Result members do not match the model's outputs", Error, Analyzer)]
        public const string OutputMismatch = "OV1008";

        /// <summary><c>[AllowUnverifiedAi]</c> with an empty or whitespace justification.</summary>
        [DiagnosticRule("[AllowUnverifiedAi] needs a justification", Warning, Analyzer)]
        public const string EmptyJustification = "OV1009";

        /// <summary><c>[SuppressMessage]</c> of an OpenVerify rule (on a member, a type, or the assembly or module).</summary>
        [DiagnosticRule("[SuppressMessage] of an OpenVerify rule", Info, Analyzer)]
        public const string SuppressedRule = "OV1010";

        /// <summary>A model missing from the lock, or whose digest or publisher differs.</summary>
        [DiagnosticRule("Model not in the lockfile, or its digest or publisher differs", Error, MsBuildTask)]
        public const string LockMismatch = "OV2001";

        /// <summary>A lock entry whose model is gone.</summary>
        [DiagnosticRule("Lock entry whose model is gone", Error, MsBuildTask)]
        public const string StaleLockEntry = "OV2002";

        /// <summary>A model that cannot be read, is not valid ONNX, or keeps weights outside the file (reported by the MSBuild task).</summary>
        [DiagnosticRule("Model cannot be read or is not supported", Error, MsBuildTask)]
        public const string UnreadableModel = "OV2003";

        /// <summary>A required signature is missing, or (strict) no rule covers the model.</summary>
        [DiagnosticRule("Model signature required", Error, MsBuildTask)]
        public const string SignatureRequired = "OV2004";

        /// <summary>A signature does not verify, or its key is not trusted for the model.</summary>
        [DiagnosticRule("Model signature not accepted", Error, MsBuildTask)]
        public const string SignatureInvalid = "OV2005";

        /// <summary>The model manifest is missing: the package's build assets were not imported (reported once).</summary>
        [DiagnosticRule("The OpenVerify model manifest is missing", Error, Analyzer)]
        public const string ManifestMissing = "OV2006";

        /// <summary>A malformed lockfile, trust policy or signature.</summary>
        [DiagnosticRule("Malformed lockfile, trust policy or signature file", Error, MsBuildTask)]
        public const string MalformedGateFile = "OV2007";

        /// <summary><c>OpenVerifyGate=strict</c> without proof that the analyzers ran (reported by the MSBuild targets and task).</summary>
        [DiagnosticRule("Strict gate without proof that the analyzers ran", Error, MsBuildTask | MsBuildTargets)]
        public const string StrictGateWithoutAnalyzers = "OV2008";

        /// <summary>Strict gate without a lockfile, or without a trust policy for its models.</summary>
        [DiagnosticRule("Strict gate without a lockfile or trust policy", Error, MsBuildTask)]
        public const string StrictWithoutLock = "OV2009";

        /// <summary><c>OpenVerifyUpdateLock=true</c> refused in a CI build.</summary>
        [DiagnosticRule("Lockfile update refused in a CI build", Error, MsBuildTask)]
        public const string UpdateLockInCi = "OV2010";

        /// <summary>The strict gate's proof that the analyzers ran on the compilation (an Info the build checks for).</summary>
        [DiagnosticRule("OpenVerify analyzers ran (strict gate proof)", Info, Analyzer)]
        public const string GateProof = "OV2011";

        /// <summary>The ids of the unverified-call rules, which the "allow" code fix handles.</summary>
        public static readonly string[] UnverifiedCalls = { OnnxRuntimeInference, MlNetPrediction, ChatOrTextGeneration, OtherModelCall };

        /// <summary>The help link of a rule's docs page.</summary>
        public static string HelpLink(string id) => DiagnosticRule.HelpLinkBase + id + ".md";
    }
}
