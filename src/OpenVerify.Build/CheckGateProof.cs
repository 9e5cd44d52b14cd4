using System;
using System.Collections.Generic;
using System.IO;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using OpenVerify.ModelSigning;

namespace OpenVerify.Build
{
    /// <summary>
    /// Under <c>OpenVerifyGate=strict</c>, after compiling: proves from the compiler's own error log (SARIF, which the
    /// targets turn on) that the OpenVerify analyzers ran on the assembly just compiled, under the strict gate. The
    /// proof is the OV2011 entry the analyzers report once per compilation; it is missing whenever they did not run on
    /// that compilation, however that came about (Analyzer items removed by a target, <c>ExcludeAssets="analyzers"</c>,
    /// analyzers skipped, <c>OpenVerifyGate</c> lowered before compiling). An OpenVerify diagnostic the log shows as
    /// suppressed (in source or by a <c>DiagnosticSuppressor</c>) fails the build too. Both are OV2008.
    /// </summary>
    public sealed class CheckGateProof : Task
    {
        private static readonly string HelpLink = DiagnosticIds.HelpLink(DiagnosticIds.StrictGateWithoutAnalyzers);

        /// <summary>The <c>ErrorLog</c> the compiler was given: <c>path[,version=…]</c>.</summary>
        [Required]
        public string ErrorLog { get; set; } = string.Empty;

        /// <summary>The compiled assembly's name (<c>AssemblyName</c>), which the proof names.</summary>
        [Required]
        public string AssemblyName { get; set; } = string.Empty;

        /// <summary>The project folder, against which a relative log path is resolved.</summary>
        [Required]
        public string ProjectDirectory { get; set; } = string.Empty;

        /// <inheritdoc />
        public override bool Execute()
        {
            var logPath = ErrorLog;
            var comma = logPath.IndexOf(",version=", StringComparison.OrdinalIgnoreCase);
            if (comma >= 0)
            {
                logPath = logPath.Substring(0, comma);
            }

            logPath = logPath.Trim();
            if (logPath.Length == 0)
            {
                return Fail(string.Empty, 0, "OpenVerifyGate is strict, but the compiler wrote no error log (ErrorLog is empty), so nothing shows that the OpenVerify analyzers ran on '" + AssemblyName + "'. Leave ErrorLog to OpenVerify or set it to a file path.");
            }

            logPath = Path.IsPathRooted(logPath) ? Path.GetFullPath(logPath) : Path.GetFullPath(Path.Combine(ProjectDirectory, logPath));
            if (!File.Exists(logPath))
            {
                return Fail(logPath, 0, "OpenVerifyGate is strict, but the compiler's error log '" + logPath + "' does not exist, so nothing shows that the OpenVerify analyzers ran on '" + AssemblyName + "'. Rebuild; if it persists, something removed ErrorLog from the compilation.");
            }

            GateJsonValue root;
            try
            {
                root = GateJson.Parse(GateJson.DecodeUtf8(File.ReadAllBytes(logPath), logPath), logPath);
            }
            catch (GateFileFormatException e)
            {
                return Fail(logPath, e.Line, "OpenVerifyGate is strict, but the compiler's error log cannot be read: " + e.Reason);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                return Fail(logPath, 0, "OpenVerifyGate is strict, but the compiler's error log cannot be read: " + e.Message);
            }

            var proof = "'" + AssemblyName + "' under OpenVerifyGate=strict";
            var proven = false;
            foreach (var result in Results(root))
            {
                var ruleId = Text(Member(result, "ruleId")) ?? string.Empty;
                if (!IsOpenVerifyId(ruleId))
                {
                    continue;
                }

                var message = Text(Member(result, "message")) ?? Text(Member(Member(result, "message"), "text")) ?? string.Empty;
                if (IsSuppressed(result))
                {
                    Location(result, out var file, out var line);
                    Log.LogError(null, DiagnosticIds.StrictGateWithoutAnalyzers, null, HelpLink, file, line, 0, 0, 0,
                        "OpenVerifyGate is strict, but {0} was suppressed in this compilation (a [SuppressMessage] or a DiagnosticSuppressor): {1}. No OpenVerify diagnostic may be suppressed under a strict gate; remove the suppression.",
                        ruleId, message);
                }
                else if (string.Equals(ruleId, DiagnosticIds.GateProof, StringComparison.Ordinal) && message.IndexOf(proof, StringComparison.Ordinal) >= 0)
                {
                    proven = true;
                }
            }

            if (!proven)
            {
                Fail(logPath, 0,
                    "OpenVerifyGate is strict, but the OpenVerify analyzers did not run on '" + AssemblyName + "' (the compiler's error log has no " + DiagnosticIds.GateProof +
                    " entry for it), so no AI call was checked. Something removed OpenVerify.Analyzers from the compilation (an <Analyzer Remove> in a target, ExcludeAssets=\"analyzers\"), skipped analyzers, or lowered OpenVerifyGate before compiling. Undo that, or choose OpenVerifyGate=warn or off openly.");
            }

            return !Log.HasLoggedErrors;
        }

        private bool Fail(string file, int line, string message)
        {
            Log.LogError(null, DiagnosticIds.StrictGateWithoutAnalyzers, null, HelpLink, file, line, 0, 0, 0, "{0}", message);
            return false;
        }

        /// <summary>Every <c>runs[].results[]</c> entry (SARIF 1.0 and 2.1 share this shape).</summary>
        private static IEnumerable<GateJsonValue> Results(GateJsonValue root)
        {
            foreach (var run in Member(root, "runs")?.Items ?? new List<GateJsonValue>())
            {
                foreach (var result in Member(run, "results")?.Items ?? new List<GateJsonValue>())
                {
                    yield return result;
                }
            }
        }

        /// <summary>SARIF 2.1: a non-empty <c>suppressions</c> array; SARIF 1.0: a non-empty <c>suppressionStates</c>.</summary>
        private static bool IsSuppressed(GateJsonValue result) =>
            (Member(result, "suppressions")?.Items?.Count ?? 0) > 0 || (Member(result, "suppressionStates")?.Items?.Count ?? 0) > 0;

        private static void Location(GateJsonValue result, out string file, out int line)
        {
            file = string.Empty;
            line = 0;
            var locations = Member(result, "locations")?.Items;
            if (locations == null || locations.Count == 0)
            {
                return;
            }

            // 2.1: physicalLocation.artifactLocation.uri and region.startLine; 1.0: resultFile.uri and region.startLine.
            var physical = Member(locations[0], "physicalLocation");
            var uri = Text(Member(Member(physical, "artifactLocation"), "uri")) ?? Text(Member(Member(locations[0], "resultFile"), "uri"));
            var region = Member(physical, "region") ?? Member(Member(locations[0], "resultFile"), "region");
            if (uri != null && Uri.TryCreate(uri, UriKind.Absolute, out var parsed) && parsed.IsFile)
            {
                file = parsed.LocalPath;
            }

            if (int.TryParse(Member(region, "startLine")?.Text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var start))
            {
                line = start;
            }
        }

        private static bool IsOpenVerifyId(string id)
        {
            if (id.Length != 6 || !id.StartsWith("OV", StringComparison.Ordinal))
            {
                return false;
            }

            for (var i = 2; i < id.Length; i++)
            {
                if (id[i] < '0' || id[i] > '9')
                {
                    return false;
                }
            }

            return true;
        }

        private static GateJsonValue? Member(GateJsonValue? value, string name)
        {
            if (value?.Members == null)
            {
                return null;
            }

            foreach (var member in value.Members)
            {
                if (member.Key == name)
                {
                    return member.Value;
                }
            }

            return null;
        }

        private static string? Text(GateJsonValue? value) => value?.Kind == GateJsonKind.String ? value.Text : null;
    }
}
