using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Security.Cryptography;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using OpenVerify.Manifest;
using OpenVerify.ModelSigning;
using OpenVerify.Onnx;

namespace OpenVerify.Build
{
    /// <summary>
    /// The build gate over the lockfile and the trust policy (docs/spec/lockfile.md, docs/spec/trust-policy.md). Hashes
    /// every <c>VerifiedModel</c>, then either checks the models against the lockfile and the trust policy
    /// (<see cref="ModelGate.Evaluate"/>: OV2001, OV2002, OV2004, OV2005, OV2007, OV2009) or, with
    /// <see cref="UpdateLock"/>, writes the lockfile (refused with OV2010 in CI builds). Runs in real builds only; every
    /// failure is an MSBuild error with its id, file and line, never a stack trace.
    /// </summary>
    public sealed class CheckModelGate : Task
    {
        /// <summary>The models, with metadata <c>OpenVerifyModelPath</c> (their identity).</summary>
        [Required]
        public ITaskItem[] Models { get; set; } = Array.Empty<ITaskItem>();

        /// <summary>The lockfile (<c>OpenVerifyLockFile</c>), made absolute against <see cref="ProjectDirectory"/>.</summary>
        [Required]
        public string LockFile { get; set; } = string.Empty;

        /// <summary>The trust policy (<c>OpenVerifyTrustPolicy</c>), made absolute against <see cref="ProjectDirectory"/>.</summary>
        public string TrustPolicy { get; set; } = string.Empty;

        /// <summary>The project folder.</summary>
        [Required]
        public string ProjectDirectory { get; set; } = string.Empty;

        /// <summary><c>OpenVerifyLocked</c>: <c>true</c>, <c>false</c>, or empty for the default (locked when the
        /// lockfile exists).</summary>
        public string Locked { get; set; } = string.Empty;

        /// <summary>The gate mode that applied: <c>off</c>, <c>warn</c> or <c>strict</c>.</summary>
        public string Gate { get; set; } = string.Empty;

        /// <summary><c>OpenVerifyUpdateLock</c>: write the lockfile instead of checking it.</summary>
        public bool UpdateLock { get; set; }

        /// <summary><c>ContinuousIntegrationBuild</c>: refuses <see cref="UpdateLock"/>.</summary>
        public bool ContinuousIntegrationBuild { get; set; }

        /// <summary>Whether the lockfile was written.</summary>
        [Output]
        public bool LockWritten { get; set; }

        /// <inheritdoc />
        public override bool Execute()
        {
            try
            {
                return Run();
            }
            catch (Exception e) when (!(e is OutOfMemoryException || e is StackOverflowException))
            {
                // The gate never crashes the build with a stack trace; this names the failure instead.
                Log.LogError(null, DiagnosticIds.MalformedGateFile, null, DiagnosticIds.HelpLink(DiagnosticIds.MalformedGateFile), LockFile, 0, 0, 0, 0,
                    "The OpenVerify build gate could not complete ({0}): {1}", e.GetType().Name, e.Message);
                return false;
            }
        }

        private bool Run()
        {
            var lockPath = Absolute(LockFile);
            var policyPath = string.IsNullOrEmpty(TrustPolicy) ? string.Empty : Absolute(TrustPolicy);
            var strict = string.Equals(Gate, "strict", StringComparison.OrdinalIgnoreCase);
            if (UpdateLock && ContinuousIntegrationBuild)
            {
                Log.LogError(null, DiagnosticIds.UpdateLockInCi, null, DiagnosticIds.HelpLink(DiagnosticIds.UpdateLockInCi), lockPath, 0, 0, 0, 0,
                    "OpenVerifyUpdateLock=true is refused in a CI build (ContinuousIntegrationBuild=true): the lockfile records what was reviewed, so it is updated on a developer machine and committed, never rewritten by CI.");
                return false;
            }

            var models = ReadModels();
            if (models == null)
            {
                return false;
            }

            if (UpdateLock)
            {
                return WriteLock(models, lockPath, policyPath);
            }

            bool locked;
            if (string.IsNullOrWhiteSpace(Locked))
            {
                locked = File.Exists(lockPath);
            }
            else if (!bool.TryParse(Locked.Trim(), out locked))
            {
                Log.LogError(null, DiagnosticIds.MalformedGateFile, null, DiagnosticIds.HelpLink(DiagnosticIds.MalformedGateFile), string.Empty, 0, 0, 0, 0,
                    "OpenVerifyLocked is '{0}'; it must be true, false or empty.", Locked);
                return false;
            }

            var result = ModelGate.Evaluate(models, lockPath, locked, policyPath, strict, DateTimeOffset.UtcNow);
            foreach (var diagnostic in result.Diagnostics)
            {
                Log.LogError(null, diagnostic.Id, null, DiagnosticIds.HelpLink(diagnostic.Id), diagnostic.File, diagnostic.Line, 0, 0, 0, "{0}", diagnostic.Message);
            }

            if (result.Diagnostics.Count == 0)
            {
                Log.LogMessage(MessageImportance.Normal, "OpenVerify gate: {0} model(s) checked{1}{2}.", models.Count,
                    locked || strict ? " against " + lockPath : string.Empty,
                    File.Exists(policyPath) ? " and " + policyPath : string.Empty);
            }

            return !Log.HasLoggedErrors;
        }

        private bool WriteLock(List<GateModel> models, string lockPath, string policyPath)
        {
            // The publisher of a signed model is recorded only when its signature verifies under the trust policy.
            var publishers = new Dictionary<string, string>(StringComparer.Ordinal);
            if (File.Exists(policyPath))
            {
                var result = ModelGate.Evaluate(models, lockPath, locked: false, policyPath, strict: false, DateTimeOffset.UtcNow);
                foreach (var diagnostic in result.Diagnostics)
                {
                    Log.LogError(null, diagnostic.Id, null, DiagnosticIds.HelpLink(diagnostic.Id), diagnostic.File, diagnostic.Line, 0, 0, 0, "{0}", diagnostic.Message);
                }

                if (Log.HasLoggedErrors)
                {
                    return false;
                }

                foreach (var signature in result.Signatures)
                {
                    if (signature.Value.PublisherKeyId != null)
                    {
                        publishers[signature.Key] = signature.Value.PublisherKeyId;
                    }
                }
            }

            var entries = new List<ModelLockEntry>();
            foreach (var model in models)
            {
                publishers.TryGetValue(model.Path, out var publisher);
                entries.Add(new ModelLockEntry(model.Path, model.Digest, model.Size, model.IoSignature, publisher));
            }

            try
            {
                LockWritten = new ModelLockFile(entries).Save(lockPath);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                Log.LogError(null, DiagnosticIds.MalformedGateFile, null, DiagnosticIds.HelpLink(DiagnosticIds.MalformedGateFile), lockPath, 0, 0, 0, 0,
                    "The lockfile cannot be written: {0}", e.Message);
                return false;
            }

            Log.LogMessage(MessageImportance.High, "OpenVerify: {0} {1} ({2} model(s)).", LockWritten ? "wrote" : "lockfile up to date:", lockPath, entries.Count);
            return true;
        }

        /// <summary>Hashes the models and reads their I/O signatures; null (after reporting OV2003) when one cannot be read.</summary>
        private List<GateModel>? ReadModels()
        {
            var models = new List<GateModel>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var item in Models)
            {
                var fullPath = item.GetMetadata("FullPath");
                var modelPath = item.GetMetadata("OpenVerifyModelPath");
                if (string.IsNullOrEmpty(modelPath))
                {
                    modelPath = item.ItemSpec.Replace('\\', '/');
                }

                while (modelPath.StartsWith("./", StringComparison.Ordinal))
                {
                    modelPath = modelPath.Substring(2);
                }

                if (!seen.Add(modelPath))
                {
                    continue; // WriteModelManifest reports the duplicate as OV2003.
                }

                try
                {
                    using (var stream = new FileStream(fullPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16))
                    using (var sha = SHA256.Create())
                    {
                        var digest = GateCrypto.DigestText(sha.ComputeHash(stream));
                        var size = stream.Length;
                        string io;
                        if (ModelFileFormat.Detect(stream, item.GetMetadata("Format")) == ModelFormat.MLNet)
                        {
                            // Pinned by digest; its schema is not read at build time, so its I/O signature is that of
                            // empty fields (docs/spec/lockfile.md).
                            io = ModelLockFile.IoSignatureDigest(string.Empty, string.Empty);
                        }
                        else
                        {
                            var info = OnnxModelReader.Read(stream);
                            io = ModelLockFile.IoSignatureDigest(ManifestValueList.Format(info.Inputs), ManifestValueList.Format(info.Outputs));
                        }

                        models.Add(new GateModel(modelPath, fullPath, digest, size, io));
                    }
                }
                catch (Exception e) when (!(e is OutOfMemoryException || e is StackOverflowException))
                {
                    Log.LogError(null, DiagnosticIds.UnreadableModel, null, DiagnosticIds.HelpLink(DiagnosticIds.UnreadableModel), fullPath, 0, 0, 0, 0,
                        "the model '{0}' cannot be read ({1}){2}: {3}", modelPath, e.GetType().Name, WriteModelManifest.NotMLNet(fullPath), e.Message);
                }
            }

            return Log.HasLoggedErrors ? null : models;
        }

        private string Absolute(string path) =>
            Path.IsPathRooted(path) ? Path.GetFullPath(path) : Path.GetFullPath(Path.Combine(ProjectDirectory, path));
    }
}
