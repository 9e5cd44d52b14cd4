using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using OpenVerify.Manifest;
using OpenVerify.ModelSigning;
using OpenVerify.Onnx;

namespace OpenVerify.Build
{
    /// <summary>
    /// Hashes every <c>VerifiedModel</c>, reads its graph inputs and outputs without loading its weights, and writes the
    /// line-based model manifest (docs/spec/model-manifest.md) that the generator and analyzers read. The manifest is
    /// rewritten only when its content changes, so an unchanged build does not recompile. A model that cannot be read,
    /// is not valid ONNX, keeps weights outside the file or needs custom operators is reported as OV2003 naming the file;
    /// the task never fails with a stack trace.
    /// </summary>
    public sealed class WriteModelManifest : Task
    {
        private static readonly string HelpLink = DiagnosticIds.HelpLink(DiagnosticIds.UnreadableModel);

        /// <summary>The models, with metadata <c>OpenVerifyModelPath</c> (the identity that <c>[VerifiedInference]</c>
        /// names), <c>OpenVerifyTargetPath</c> and, for embedded models, <c>OpenVerifyResourceName</c>.</summary>
        [Required]
        public ITaskItem[] Models { get; set; } = Array.Empty<ITaskItem>();

        /// <summary>Where the manifest goes (under <c>obj/</c>).</summary>
        [Required]
        public string ManifestPath { get; set; } = string.Empty;

        /// <summary>When false (design-time builds), a bad model is left out of the manifest with a message instead of
        /// an error: the OV2xxx gates run only in real builds.</summary>
        public bool ReportErrors { get; set; } = true;

        /// <summary>The trust policy (<c>OpenVerifyTrustPolicy</c>, absolute). When it exists, a model whose
        /// <c>&lt;model&gt;.sig</c> it accepts gets <c>signature=</c> and <c>publisher=</c> fields, which generated code
        /// passes to <c>VerifiedModelOptions</c>. Anything it does not accept is left out here and reported by
        /// <c>CheckModelGate</c> (OV2004, OV2005, OV2007).</summary>
        public string TrustPolicy { get; set; } = string.Empty;

        /// <summary>Whether the manifest file was written (its content changed).</summary>
        [Output]
        public bool ManifestWritten { get; set; }

        /// <inheritdoc />
        public override bool Execute()
        {
            var lines = new SortedDictionary<string, string>(StringComparer.Ordinal);
            _trustKeys = LoadTrustKeys();
            foreach (var model in Models)
            {
                var fullPath = model.GetMetadata("FullPath");
                var modelPath = NormalizeModelPath(model.GetMetadata("OpenVerifyModelPath"), model.ItemSpec);
                var targetPath = NormalizeModelPath(model.GetMetadata("OpenVerifyTargetPath"), modelPath);
                var resourceName = model.GetMetadata("OpenVerifyResourceName");
                var format = model.GetMetadata("Format");
                if (lines.ContainsKey(modelPath))
                {
                    Report(fullPath, $"two VerifiedModel items have the model path '{modelPath}'; give one of them another Link or remove the duplicate");
                    continue;
                }

                var line = DescribeModel(fullPath, modelPath, targetPath, resourceName, format);
                if (line != null)
                {
                    lines.Add(modelPath, line);
                }
            }

            if (ReportErrors && Log.HasLoggedErrors)
            {
                return false;
            }

            var text = new StringBuilder();
            text.Append(ManifestText.Header).Append('\n');
            foreach (var line in lines.Values)
            {
                text.Append(line).Append('\n');
            }

            try
            {
                ManifestWritten = WriteIfChanged(ManifestPath, text.ToString());
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                Log.LogError(null, DiagnosticIds.UnreadableModel, null, HelpLink, ManifestPath, 0, 0, 0, 0, "The OpenVerify model manifest cannot be written: {0}", e.Message);
                return false;
            }

            return !Log.HasLoggedErrors;
        }

        /// <summary>The manifest line of one model, or null (after reporting) when the model cannot be used.</summary>
        private string? DescribeModel(string fullPath, string modelPath, string targetPath, string resourceName, string declaredFormat)
        {
            string digest;
            OnnxModelInfo? info = null;
            try
            {
                using (var stream = new FileStream(fullPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16))
                using (var sha = SHA256.Create())
                {
                    digest = GateCrypto.DigestText(sha.ComputeHash(stream));
                    // An ML.NET zip is pinned by digest only: the ONNX reader is never run on it.
                    if (ModelFileFormat.Detect(stream, declaredFormat) == ModelFormat.Onnx)
                    {
                        info = OnnxModelReader.Read(stream);
                    }
                }
            }
            catch (OnnxFormatException e)
            {
                Report(fullPath, $"'{modelPath}' is not a valid ONNX model{NotMLNet(fullPath)}: {e.Message}");
                return null;
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is NotSupportedException || e is ArgumentException)
            {
                Report(fullPath, $"the model '{modelPath}' cannot be read: {e.Message}");
                return null;
            }
            catch (Exception e) when (!(e is OutOfMemoryException || e is StackOverflowException))
            {
                Report(fullPath, $"the model '{modelPath}' cannot be read ({e.GetType().Name}): {e.Message}");
                return null;
            }

            if (info == null)
            {
                return MLNetLine(fullPath, modelPath, targetPath, resourceName, digest);
            }

            if (info.HasExternalData)
            {
                Report(fullPath, $"'{modelPath}' keeps weights outside the model file (external data: {string.Join(", ", Take(info.ExternalDataTensors, 5))}); " +
                    "the model digest would not cover them, so a verified run refuses it. Save the model with its weights inside the file");
                return null;
            }

            if (info.CustomDomains.Count > 0)
            {
                Report(fullPath, $"'{modelPath}' uses operators from custom domains ({string.Join(", ", info.CustomDomains)}); " +
                    "custom operator libraries are outside the model digest, so a verified run refuses them");
                return null;
            }

            var line = new StringBuilder();
            line.Append(ManifestText.ModelKeyword);
            Field(line, "path", ManifestText.Escape(modelPath));
            Field(line, "digest", digest);
            Field(line, "target", ManifestText.Escape(targetPath));
            Field(line, "resource", ManifestText.Escape(resourceName));
            Field(line, "ir", info.IrVersion.ToString(CultureInfo.InvariantCulture));
            Field(line, "producer", ManifestText.Escape((info.ProducerName + " " + info.ProducerVersion).Trim()));
            var opsets = new List<string>();
            foreach (var opset in info.OpsetImports)
            {
                opsets.Add(ManifestText.Escape(opset.Key.Length == 0 ? "ai.onnx" : opset.Key) + ":" + opset.Value.ToString(CultureInfo.InvariantCulture));
            }

            Field(line, "opsets", string.Join(",", opsets));
            Field(line, "inputs", ManifestValueList.Format(info.Inputs));
            Field(line, "outputs", ManifestValueList.Format(info.Outputs));
            SignatureFields(line, fullPath, modelPath, digest);
            return line.ToString();
        }

        /// <summary>The manifest line of an ML.NET model: identity, digest and placement, marked <c>format=mlnet</c>; no
        /// ONNX fields (its schema needs ML.NET to read).</summary>
        private string MLNetLine(string fullPath, string modelPath, string targetPath, string resourceName, string digest)
        {
            var line = new StringBuilder();
            line.Append(ManifestText.ModelKeyword);
            Field(line, "path", ManifestText.Escape(modelPath));
            Field(line, "digest", digest);
            Field(line, "target", ManifestText.Escape(targetPath));
            Field(line, "resource", ManifestText.Escape(resourceName));
            Field(line, "format", ModelFileFormat.MLNetName);
            SignatureFields(line, fullPath, modelPath, digest);
            return line.ToString();
        }

        private void SignatureFields(StringBuilder line, string fullPath, string modelPath, string digest)
        {
            var signature = VerifiedSignature(fullPath, modelPath, digest);
            if (signature != null)
            {
                Field(line, "signature", signature.SignatureDigest);
                Field(line, "publisher", ManifestText.Escape(signature.PublisherKeyId!));
            }
        }

        /// <summary>For a <c>.zip</c>, says why it was read as ONNX: it is not an ML.NET model either.</summary>
        internal static string NotMLNet(string fullPath) =>
            fullPath.EndsWith(".zip", StringComparison.OrdinalIgnoreCase)
                ? " (nor an ML.NET model zip: it has no " + ModelFileFormat.MLNetKeyEntry + " entry; set Format=\"mlnet\" only on an ML.NET model)"
                : string.Empty;

        private IReadOnlyList<ModelTrustKey>? _trustKeys;

        /// <summary>The trust policy's keys, or null when there is none, or it is malformed or expired (CheckModelGate
        /// reports those).</summary>
        private IReadOnlyList<ModelTrustKey>? LoadTrustKeys()
        {
            if (string.IsNullOrEmpty(TrustPolicy) || !File.Exists(TrustPolicy))
            {
                return null;
            }

            try
            {
                var policy = ModelSigning.TrustPolicy.Load(TrustPolicy);
                return policy.IsExpired(DateTimeOffset.UtcNow) ? null : policy.TrustKeys();
            }
            catch (Exception e) when (e is GateFileFormatException || e is IOException || e is UnauthorizedAccessException)
            {
                return null;
            }
        }

        /// <summary>The model's signature when the trust policy accepts it, otherwise null.</summary>
        private ModelSignatureCheck? VerifiedSignature(string fullPath, string modelPath, string digest)
        {
            var signaturePath = ModelSignatureFormat.SignaturePathFor(fullPath);
            if (_trustKeys == null || !File.Exists(signaturePath) || !GateCrypto.TryParseDigest(digest, out var digestBytes))
            {
                return null;
            }

            try
            {
                var check = ModelSignatureFormat.Verify(File.ReadAllBytes(signaturePath), signaturePath, modelPath, digestBytes, _trustKeys);
                return check.Verified && check.PublisherKeyId != null ? check : null;
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                return null;
            }
        }

        private static void Field(StringBuilder line, string key, string value) =>
            line.Append(ManifestText.FieldSeparator).Append(key).Append('=').Append(value);

        private void Report(string file, string message)
        {
            if (ReportErrors)
            {
                Log.LogError(null, DiagnosticIds.UnreadableModel, null, HelpLink, file, 0, 0, 0, 0, "{0}", message);
            }
            else
            {
                Log.LogMessage(MessageImportance.Low, "{0}: {1} (left out of the manifest; the build reports it as {2})", file, message, DiagnosticIds.UnreadableModel);
            }
        }

        private static string NormalizeModelPath(string value, string fallback)
        {
            var path = string.IsNullOrEmpty(value) ? fallback : value;
            path = path.Replace('\\', '/');
            while (path.StartsWith("./", StringComparison.Ordinal))
            {
                path = path.Substring(2);
            }

            return path;
        }

        private static bool WriteIfChanged(string path, string content)
        {
            if (File.Exists(path) && string.Equals(File.ReadAllText(path, Encoding.UTF8), content, StringComparison.Ordinal))
            {
                return false;
            }

            var directory = Path.GetDirectoryName(path);
            if (!string.IsNullOrEmpty(directory))
            {
                Directory.CreateDirectory(directory);
            }

            File.WriteAllText(path, content, new UTF8Encoding(false));
            return true;
        }

        private static IEnumerable<string> Take(IList<string> items, int count)
        {
            for (var i = 0; i < items.Count && i < count; i++)
            {
                yield return items[i];
            }
        }
    }
}
