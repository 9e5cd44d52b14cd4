// This file is compiled into both the runtime (net10.0) and, once wired, the MSBuild task (netstandard2.0, BCL only).
// It is the build gate's decision logic, free of MSBuild types so it can be tested directly: the task hashes the models,
// calls Evaluate, and logs each GateDiagnostic as an error with its id, file and line.
using System;
using System.Collections.Generic;
using System.IO;

#pragma warning disable CA1510 // ArgumentNullException.ThrowIfNull is not in netstandard2.0, which this file also builds for.
#pragma warning disable CA1846, CA1870, CA2249 // span overloads, SearchValues and string.Contains(char) are not in netstandard2.0.

namespace OpenVerify.ModelSigning
{
    /// <summary>A model the build uses: identity, file, digest, size and I/O signature digest.</summary>
    internal sealed class GateModel
    {
        /// <summary>Creates a model.</summary>
        public GateModel(string path, string file, string digest, long size, string ioSignature)
        {
            Path = path ?? throw new ArgumentNullException(nameof(path));
            File = file ?? throw new ArgumentNullException(nameof(file));
            Digest = digest ?? throw new ArgumentNullException(nameof(digest));
            Size = size;
            IoSignature = ioSignature ?? throw new ArgumentNullException(nameof(ioSignature));
        }

        /// <summary>The identity (project-relative path with <c>/</c>, or the item's <c>Link</c>).</summary>
        public string Path { get; }

        /// <summary>The file on disk.</summary>
        public string File { get; }

        /// <summary><c>sha256:&lt;hex&gt;</c> of the file's bytes.</summary>
        public string Digest { get; }

        /// <summary>The file's size.</summary>
        public long Size { get; }

        /// <summary>The I/O signature digest.</summary>
        public string IoSignature { get; }
    }

    /// <summary>One gate failure: a diagnostic id, the file it is about, the line (0 when none) and the message.</summary>
    internal sealed class GateDiagnostic
    {
        /// <summary>Creates a diagnostic.</summary>
        public GateDiagnostic(string id, string file, int line, string message)
        {
            Id = id;
            File = file;
            Line = line;
            Message = message;
        }

        /// <summary>OV2001, OV2002, OV2004, OV2005, OV2007 or OV2009.</summary>
        public string Id { get; }

        /// <summary>The file the diagnostic points at.</summary>
        public string File { get; }

        /// <summary>The 1-based line, or 0.</summary>
        public int Line { get; }

        /// <summary>The message.</summary>
        public string Message { get; }

        /// <inheritdoc />
        public override string ToString() => Id + " " + File + (Line > 0 ? "(" + Line.ToString(System.Globalization.CultureInfo.InvariantCulture) + ")" : string.Empty) + ": " + Message;
    }

    /// <summary>What the gate decided: the diagnostics, and each model's verified signature (digest and publisher key
    /// id) for the manifest and the generated code.</summary>
    internal sealed class GateResult
    {
        internal GateResult(List<GateDiagnostic> diagnostics, Dictionary<string, ModelSignatureCheck> signatures)
        {
            Diagnostics = diagnostics;
            Signatures = signatures;
        }

        /// <summary>Every failure, in model order.</summary>
        public IReadOnlyList<GateDiagnostic> Diagnostics { get; }

        /// <summary>The verified signatures by model path.</summary>
        public IReadOnlyDictionary<string, ModelSignatureCheck> Signatures { get; }
    }

    /// <summary>The build gate over the lockfile and the trust policy (docs/spec/lockfile.md, docs/spec/trust-policy.md).</summary>
    internal static class ModelGate
    {
        /// <summary>
        /// Evaluates the gate. <paramref name="lockPath"/> and <paramref name="policyPath"/> are read when the files
        /// exist; <paramref name="locked"/> says whether the lock is enforced (default: when the file exists);
        /// <paramref name="strict"/> is <c>OpenVerifyGate=strict</c>.
        /// </summary>
        public static GateResult Evaluate(IReadOnlyList<GateModel> models, string lockPath, bool locked, string policyPath, bool strict, DateTimeOffset now)
        {
            if (models == null) throw new ArgumentNullException(nameof(models));
            var diagnostics = new List<GateDiagnostic>();
            var signatures = new Dictionary<string, ModelSignatureCheck>(StringComparer.Ordinal);
            var lockExists = File.Exists(lockPath);
            if (strict && !lockExists)
            {
                diagnostics.Add(new GateDiagnostic(DiagnosticIds.StrictWithoutLock, lockPath, 0, "OpenVerifyGate=strict needs a lockfile, and '" + lockPath + "' does not exist. Create it with `openverify lock` or `dotnet build -p:OpenVerifyUpdateLock=true` and commit it."));
            }

            var lockfile = (locked || strict) && lockExists ? TryRead(lockPath, ModelLockFile.Load, diagnostics) : null;
            if (lockfile != null)
            {
                CheckLock(models, lockPath, lockfile, diagnostics);
            }

            var policyExists = !string.IsNullOrEmpty(policyPath) && File.Exists(policyPath);
            if (strict && !policyExists && models.Count > 0)
            {
                // Without a policy no signature is checked and no model is covered, so strict would quietly mean unsigned.
                diagnostics.Add(new GateDiagnostic(DiagnosticIds.StrictWithoutLock, string.IsNullOrEmpty(policyPath) ? lockPath : policyPath, 0,
                    "OpenVerifyGate=strict needs a trust policy for the project's " + models.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) + " model(s), and '" + policyPath +
                    "' does not exist. Write it (docs/spec/trust-policy.md) with a rule covering every model and commit it, or point OpenVerifyTrustPolicy at it."));
            }

            TrustPolicy? policy = policyExists ? TryRead(policyPath, TrustPolicy.Load, diagnostics) : null;
            if (policy != null && policy.IsExpired(now))
            {
                diagnostics.Add(new GateDiagnostic(DiagnosticIds.SignatureInvalid, policyPath, 0, "The trust policy expired at " + policy.Expires!.Value.ToString("u", System.Globalization.CultureInfo.InvariantCulture) + "; no key in it is trusted until it is renewed."));
                return new GateResult(diagnostics, signatures);
            }

            var keys = policy?.TrustKeys() ?? new List<ModelTrustKey>();
            var unverified = new HashSet<string>(StringComparer.Ordinal);
            foreach (var model in models)
            {
                var covered = false;
                var required = false;
                if (policy != null)
                {
                    covered = policy.Covers(model.Path, model.Digest, out required);
                }

                var signaturePath = ModelSignatureFormat.SignaturePathFor(model.File);
                if (!File.Exists(signaturePath))
                {
                    if (required)
                    {
                        diagnostics.Add(new GateDiagnostic(DiagnosticIds.SignatureRequired, model.File, 0, "The trust policy requires a signature for '" + model.Path + "', and '" + signaturePath + "' does not exist. Sign it with `openverify sign-model`."));
                    }
                    else if (strict && policyExists && !covered)
                    {
                        diagnostics.Add(new GateDiagnostic(DiagnosticIds.SignatureRequired, model.File, 0, "No rule of the trust policy covers '" + model.Path + "' (" + model.Digest + "); under OpenVerifyGate=strict every model must be covered."));
                    }

                    continue;
                }

                if (policy == null)
                {
                    continue; // A signature without a policy has no one to trust; the lock still pins the bytes.
                }

                var check = ModelSignatureFormat.Verify(System.IO.File.ReadAllBytes(signaturePath), signaturePath, model.Path, HexDigest(model.Digest), keys);
                if (check.Verified)
                {
                    signatures[model.Path] = check;
                }
                else
                {
                    unverified.Add(model.Path);
                    diagnostics.Add(new GateDiagnostic(check.Outcome == ModelSignatureOutcome.Malformed ? DiagnosticIds.MalformedGateFile : DiagnosticIds.SignatureInvalid, signaturePath, check.Line,
                        "The signature of '" + model.Path + "' is not accepted (" + check.Outcome.ToString() + "): " + check.Message));
                }

                if (strict && policyExists && !covered)
                {
                    diagnostics.Add(new GateDiagnostic(DiagnosticIds.SignatureRequired, model.File, 0, "No rule of the trust policy covers '" + model.Path + "' (" + model.Digest + "); under OpenVerifyGate=strict every model must be covered."));
                }
            }

            if (lockfile != null)
            {
                CheckPublishers(models, lockPath, lockfile, policy != null, signatures, unverified, diagnostics);
            }

            return new GateResult(diagnostics, signatures);
        }

        /// <summary>
        /// A model's publisher is part of what was reviewed: another trusted publisher's signature, or none where one was
        /// locked, is a change like a change of digest (OV2001). A signature that does not verify is already OV2005.
        /// </summary>
        private static void CheckPublishers(IReadOnlyList<GateModel> models, string lockPath, ModelLockFile lockfile, bool hasPolicy,
            Dictionary<string, ModelSignatureCheck> signatures, HashSet<string> unverified, List<GateDiagnostic> diagnostics)
        {
            foreach (var model in models)
            {
                var entry = lockfile.Find(model.Path);
                if (entry == null || !string.Equals(entry.Digest, model.Digest, StringComparison.Ordinal) || unverified.Contains(model.Path))
                {
                    continue; // Reported above.
                }

                var signaturePath = ModelSignatureFormat.SignaturePathFor(model.File);
                var signed = File.Exists(signaturePath);
                if (signed && !hasPolicy)
                {
                    if (entry.PublisherKeyId != null)
                    {
                        diagnostics.Add(new GateDiagnostic(DiagnosticIds.LockMismatch, lockPath, entry.Line, "The lockfile records '" + model.Path + "' as signed by " + entry.PublisherKeyId +
                            ", and there is no trust policy to verify who signed '" + signaturePath + "'. Restore the trust policy."));
                    }

                    continue;
                }

                signatures.TryGetValue(model.Path, out var check);
                var actual = check?.PublisherKeyId;
                if (string.Equals(entry.PublisherKeyId, actual, StringComparison.Ordinal))
                {
                    continue;
                }

                diagnostics.Add(new GateDiagnostic(DiagnosticIds.LockMismatch, lockPath, entry.Line, "The publisher of '" + model.Path + "' differs from the lockfile: locked " +
                    (entry.PublisherKeyId ?? "(unsigned)") + ", actual " + (actual ?? (signed ? "(signed, not verified)" : "(unsigned: '" + signaturePath + "' does not exist)")) +
                    ". Review the change, then run `openverify lock`."));
            }
        }

        private static void CheckLock(IReadOnlyList<GateModel> models, string lockPath, ModelLockFile lockfile, List<GateDiagnostic> diagnostics)
        {
            var present = new HashSet<string>(StringComparer.Ordinal);
            foreach (var model in models)
            {
                present.Add(model.Path);
                var entry = lockfile.Find(model.Path);
                if (entry == null)
                {
                    diagnostics.Add(new GateDiagnostic(DiagnosticIds.LockMismatch, lockPath, 0, "The model '" + model.Path + "' is not in the lockfile (actual digest " + model.Digest + "). Review it, then run `openverify lock`."));
                }
                else if (!string.Equals(entry.Digest, model.Digest, StringComparison.Ordinal))
                {
                    diagnostics.Add(new GateDiagnostic(DiagnosticIds.LockMismatch, lockPath, entry.Line, "The model '" + model.Path + "' differs from the lockfile: locked " + entry.Digest + ", actual " + model.Digest + "."));
                }
            }

            foreach (var entry in lockfile.Models)
            {
                if (!present.Contains(entry.Path))
                {
                    diagnostics.Add(new GateDiagnostic(DiagnosticIds.StaleLockEntry, lockPath, entry.Line, "The lockfile pins '" + entry.Path + "' (" + entry.Digest + "), which is no longer a VerifiedModel of this project. Remove the entry with `openverify lock`."));
                }
            }
        }

        private static T? TryRead<T>(string path, Func<string, T> load, List<GateDiagnostic> diagnostics)
            where T : class
        {
            try
            {
                return load(path);
            }
            catch (GateFileFormatException e)
            {
                diagnostics.Add(new GateDiagnostic(DiagnosticIds.MalformedGateFile, path, e.Line, e.Reason));
            }
            catch (IOException e)
            {
                diagnostics.Add(new GateDiagnostic(DiagnosticIds.MalformedGateFile, path, 0, "The file cannot be read: " + e.Message));
            }
            catch (UnauthorizedAccessException e)
            {
                diagnostics.Add(new GateDiagnostic(DiagnosticIds.MalformedGateFile, path, 0, "The file cannot be read: " + e.Message));
            }

            return null;
        }

        private static byte[] HexDigest(string digest) => GateCrypto.TryParseDigest(digest, out var bytes) ? bytes : throw new ArgumentException("Not a sha256: digest: " + digest, nameof(digest));
    }
}
