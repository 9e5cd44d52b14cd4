// This file is compiled into both the runtime (net10.0) and the MSBuild task (netstandard2.0, BCL only), so a build can
// verify model signatures in every MSBuild. It uses only APIs that netstandard2.0 has. The format is documented in
// docs/spec/model-signature.md.
using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using OpenVerify.Formats;

#pragma warning disable CA1510 // ArgumentNullException.ThrowIfNull is not in netstandard2.0, which this file also builds for.
#pragma warning disable CA1846, CA1870, CA2249 // span overloads, SearchValues and string.Contains(char) are not in netstandard2.0.
#pragma warning disable CA1865, CA1866, CA1847 // char overloads of StartsWith/Contains are not in netstandard2.0.

namespace OpenVerify.ModelSigning
{
    /// <summary>A key a model-signature check may accept, with its role (<c>model-publisher</c>, <c>receipt-signer</c>
    /// or <c>log</c>), its scope (model path globs and <c>sha256:</c> digests; empty for every model) and whether it is
    /// revoked. Only an ECDSA P-256 <c>model-publisher</c> key whose scope covers the model can vouch for it.</summary>
    internal sealed class ModelTrustKey
    {
        /// <summary>Creates a key.</summary>
        public ModelTrustKey(byte[] subjectPublicKeyInfo, string role, IReadOnlyList<string>? scope = null, bool revoked = false)
        {
            SubjectPublicKeyInfo = subjectPublicKeyInfo ?? throw new ArgumentNullException(nameof(subjectPublicKeyInfo));
            Role = role ?? throw new ArgumentNullException(nameof(role));
            Scope = scope ?? Array.Empty<string>();
            Revoked = revoked;
            KeyId = GateCrypto.KeyId(subjectPublicKeyInfo);
        }

        /// <summary>The DER SubjectPublicKeyInfo.</summary>
        public byte[] SubjectPublicKeyInfo { get; }

        /// <summary><c>sha256:&lt;hex&gt;</c> of the DER SubjectPublicKeyInfo.</summary>
        public string KeyId { get; }

        /// <summary>The role's text form.</summary>
        public string Role { get; }

        /// <summary>Model path globs and digests; empty for every model.</summary>
        public IReadOnlyList<string> Scope { get; }

        /// <summary>Whether the key is revoked (nothing it signed verifies).</summary>
        public bool Revoked { get; }

        /// <summary>Whether the scope covers the model with this project-relative path and digest (<c>sha256:&lt;hex&gt;</c>).</summary>
        public bool Covers(string modelPath, string modelDigest) => ScopeCovers(Scope, modelPath, modelDigest);

        /// <summary>Whether a list of globs and digests covers the model; an empty list covers every model.</summary>
        internal static bool ScopeCovers(IReadOnlyList<string> scope, string modelPath, string modelDigest)
        {
            if (scope.Count == 0)
            {
                return true;
            }

            foreach (var entry in scope)
            {
                if (entry.StartsWith(GateCrypto.Sha256Prefix, StringComparison.Ordinal)
                    ? string.Equals(entry, modelDigest, StringComparison.OrdinalIgnoreCase)
                    : ModelPathGlob.IsMatch(entry, modelPath))
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>How a model-signature check ended.</summary>
    internal enum ModelSignatureOutcome
    {
        /// <summary>A trusted model-publisher key verified the signature and the signed statement names this model.</summary>
        Verified,

        /// <summary>The signature file is not a well-formed bundle (OV2007 at build).</summary>
        Malformed,

        /// <summary>The bundle uses something OpenVerify does not verify: certificates or Sigstore keyless signing, another
        /// hash, shard or directory serialization.</summary>
        Unsupported,

        /// <summary>No trusted key verifies the signature, and its hints name no trusted key.</summary>
        UntrustedKey,

        /// <summary>The signature does not verify with the trusted key its hints name (the bundle was changed).</summary>
        InvalidSignature,

        /// <summary>The key that verified is revoked.</summary>
        Revoked,

        /// <summary>The key that verified is trusted only in another role (a receipt key can never vouch for a model).</summary>
        WrongRole,

        /// <summary>The publisher key that verified is not trusted for this model (its scope does not cover it).</summary>
        OutOfScope,

        /// <summary>The signed statement names another model: another file name, another digest, or resources that do not
        /// hash to its subject digest.</summary>
        SubjectMismatch,
    }

    /// <summary>The result of checking one model signature. Fail closed: anything but <see cref="ModelSignatureOutcome.Verified"/> is a failure.</summary>
    internal sealed class ModelSignatureCheck
    {
        internal ModelSignatureCheck(ModelSignatureOutcome outcome, string message, string signatureDigest, string? publisherKeyId = null, int line = 0)
        {
            Outcome = outcome;
            Message = message;
            SignatureDigest = signatureDigest;
            PublisherKeyId = publisherKeyId;
            Line = line;
        }

        /// <summary>How it ended.</summary>
        public ModelSignatureOutcome Outcome { get; }

        /// <summary>Whether the signature verified.</summary>
        public bool Verified => Outcome == ModelSignatureOutcome.Verified;

        /// <summary>What was found, for people.</summary>
        public string Message { get; }

        /// <summary><c>sha256:&lt;hex&gt;</c> of the signature file's bytes.</summary>
        public string SignatureDigest { get; }

        /// <summary>The key id of the key whose signature verified (set when a trusted key verified, even if it was then
        /// refused for its role, scope or revocation).</summary>
        public string? PublisherKeyId { get; }

        /// <summary>For a malformed bundle, the 1-based line of the problem when known; otherwise 0.</summary>
        public int Line { get; }
    }

    /// <summary>
    /// The OpenSSF model-signing bundle format, as OpenVerify writes and verifies it for a single-file model: a Sigstore
    /// bundle (v0.3 media type, public-key verification material) around a DSSE envelope whose payload is an in-toto
    /// Statement v1 with predicate type <c>https://model_signing/signature/v1.0</c>, "files" serialization with SHA-256.
    /// </summary>
    internal static class ModelSignatureFormat
    {
        /// <summary>The in-toto predicate type.</summary>
        public const string PredicateType = "https://model_signing/signature/v1.0";

        /// <summary>The in-toto Statement type.</summary>
        public const string StatementType = "https://in-toto.io/Statement/v1";

        /// <summary>The DSSE payload type (the generic in-toto type, as OpenSSF model signing requires).</summary>
        public const string PayloadType = "application/vnd.in-toto+json";

        /// <summary>The Sigstore bundle media type OpenSSF model signing writes and requires.</summary>
        public const string BundleMediaType = "application/vnd.dev.sigstore.bundle.v0.3+json";

        /// <summary>The resource name OpenSSF's "files" serialization gives a model that is a single file (its path
        /// relative to itself).</summary>
        public const string SingleFileResourceName = ".";

        /// <summary>The role a key needs to vouch for a model.</summary>
        public const string PublisherRole = "model-publisher";

        /// <summary>The signature file beside a model: <c>&lt;model&gt;.sig</c>.</summary>
        public static string SignaturePathFor(string modelPath) => modelPath + ".sig";

        /// <summary>The subject digest of the "files" serialization: SHA-256 over the concatenated raw digests of the
        /// resources, in the order listed (sorted by name).</summary>
        public static byte[] RootDigest(IEnumerable<byte[]> resourceDigests)
        {
            using (var buffer = new MemoryStream())
            {
                foreach (var digest in resourceDigests)
                {
                    buffer.Write(digest, 0, digest.Length);
                }

                return GateCrypto.Sha256(buffer.ToArray());
            }
        }

        /// <summary>The in-toto statement (UTF-8 JSON) for a single-file model with this file name and SHA-256.</summary>
        public static byte[] CreateStatement(string modelFileName, byte[] modelDigest)
        {
            if (modelFileName == null) throw new ArgumentNullException(nameof(modelFileName));
            if (modelDigest == null || modelDigest.Length != 32) throw new ArgumentException("A SHA-256 digest is 32 bytes.", nameof(modelDigest));
            var json = new GateJsonWriter(indented: true)
                .StartObject()
                .Property("_type", StatementType)
                .Name("subject").StartArray()
                    .StartObject()
                    .Property("name", modelFileName)
                    .Name("digest").StartObject().Property("sha256", GateCrypto.Hex(RootDigest(new[] { modelDigest }))).EndObject()
                    .EndObject()
                .EndArray()
                .Property("predicateType", PredicateType)
                .Name("predicate").StartObject()
                    .Name("serialization").StartObject()
                        .Property("method", "files")
                        .Property("hash_type", "sha256")
                        .Property("allow_symlinks", false)
                    .EndObject()
                    .Name("resources").StartArray()
                        .StartObject()
                        .Property("name", SingleFileResourceName)
                        .Property("algorithm", "sha256")
                        .Property("digest", GateCrypto.Hex(modelDigest))
                        .EndObject()
                    .EndArray()
                .EndObject()
                .EndObject();
            return Encoding.UTF8.GetBytes(json.ToString());
        }

        /// <summary>The bundle JSON: the statement payload, its DER signature, OpenVerify's key id as the DSSE
        /// <c>keyid</c> hint, and OpenSSF's key hint (hex SHA-256 of the SPKI PEM text).</summary>
        public static string CreateBundle(byte[] payload, byte[] derSignature, byte[] publisherSpki)
        {
            var json = new GateJsonWriter(indented: false)
                .StartObject()
                .Property("mediaType", BundleMediaType)
                .Name("verificationMaterial").StartObject()
                    .Name("publicKey").StartObject().Property("hint", GateCrypto.OpenSsfKeyHint(publisherSpki)).EndObject()
                    .Name("tlogEntries").StartArray().EndArray()
                .EndObject()
                .Name("dsseEnvelope").StartObject()
                    .Property("payload", Convert.ToBase64String(payload))
                    .Property("payloadType", PayloadType)
                    .Name("signatures").StartArray()
                        .StartObject().Property("sig", Convert.ToBase64String(derSignature)).Property("keyid", GateCrypto.KeyId(publisherSpki)).EndObject()
                    .EndArray()
                .EndObject()
                .EndObject();
            return json.ToString() + "\n";
        }

        /// <summary>
        /// Verifies a signature bundle for a single-file model. The signature is checked first, against every key given
        /// (the bundle's key hints only choose what to say when none verifies); then the key's revocation, role and scope;
        /// then the signed statement: predicate type, "files" serialization with SHA-256, one resource <c>.</c> with the
        /// model's digest, a subject digest equal to the root over the resources, and a subject name equal to the model's
        /// file name. Never throws for bad input: a malformed bundle is <see cref="ModelSignatureOutcome.Malformed"/>.
        /// </summary>
        /// <param name="bundle">The signature file's bytes.</param>
        /// <param name="bundleSource">The signature file's name, for messages.</param>
        /// <param name="modelPath">The model's project-relative path with <c>/</c> (scope globs match it; its last
        /// segment must be the signed subject name).</param>
        /// <param name="modelDigest">The SHA-256 of the model file's bytes.</param>
        /// <param name="keys">The keys the policy holds, in any role.</param>
        public static ModelSignatureCheck Verify(byte[] bundle, string bundleSource, string modelPath, byte[] modelDigest, IEnumerable<ModelTrustKey> keys)
        {
            if (bundle == null) throw new ArgumentNullException(nameof(bundle));
            if (modelPath == null) throw new ArgumentNullException(nameof(modelPath));
            if (keys == null) throw new ArgumentNullException(nameof(keys));
            var signatureDigest = GateCrypto.DigestText(GateCrypto.Sha256(bundle));
            try
            {
                return VerifyCore(bundle, bundleSource, modelPath, modelDigest, keys, signatureDigest);
            }
            catch (GateFileFormatException e)
            {
                return new ModelSignatureCheck(ModelSignatureOutcome.Malformed, e.Message, signatureDigest, line: e.Line);
            }
        }

        private static ModelSignatureCheck VerifyCore(byte[] bundle, string source, string modelPath, byte[] modelDigest, IEnumerable<ModelTrustKey> keys, string signatureDigest)
        {
            var root = new GateJsonObject(source, GateJson.Parse(GateJson.DecodeUtf8(bundle, source), source), "The signature bundle", "mediaType", "verificationMaterial", "dsseEnvelope");
            var mediaType = root.RequireString("mediaType");
            var material = new GateJsonObject(source, root.Require("verificationMaterial", GateJsonKind.Object), "The bundle's 'verificationMaterial'",
                "publicKey", "tlogEntries", "certificate", "x509CertificateChain", "timestampVerificationData");
            if (material.Has("certificate") || material.Has("x509CertificateChain") || !material.Has("publicKey"))
            {
                return Fail(ModelSignatureOutcome.Unsupported, signatureDigest,
                    "The signature was made with a certificate (Sigstore keyless or X.509), not a public key; OpenVerify verifies model signatures made with an ECDSA P-256 key (`openverify sign-model` or `model_signing sign key`).");
            }

            var publicKey = new GateJsonObject(source, material.Require("publicKey", GateJsonKind.Object), "The bundle's 'publicKey'", "hint", "rawBytes", "keyDetails");
            var openSsfHint = publicKey.OptionalString("hint");
            material.Optional("tlogEntries", GateJsonKind.Array);
            var envelope = new GateJsonObject(source, root.Require("dsseEnvelope", GateJsonKind.Object), "The bundle's 'dsseEnvelope'", "payload", "payloadType", "signatures");
            var payloadType = envelope.RequireString("payloadType");
            var payloadText = envelope.RequireString("payload");
            var signatures = envelope.Require("signatures", GateJsonKind.Array);
            if (signatures.Items!.Count != 1)
            {
                throw envelope.Error(signatures.Line, "has " + signatures.Items.Count.ToString(CultureInfo.InvariantCulture) + " signatures; a model signature has exactly one.");
            }

            var signature = new GateJsonObject(source, signatures.Items[0], "The envelope's signature", "sig", "keyid");
            var sigText = signature.RequireString("sig");
            var keyIdHint = signature.OptionalString("keyid");
            if (!GateCrypto.TryDecodeBase64(payloadText, out var payload, out var error))
            {
                throw envelope.Error(envelope.Get("payload")!.Line, "has a 'payload' that is not valid base64: " + error + ".");
            }

            if (!GateCrypto.TryDecodeBase64(sigText, out var sig, out error))
            {
                throw signature.Error(signature.Get("sig")!.Line, "has a 'sig' that is not valid base64: " + error + ".");
            }

            if (!string.Equals(mediaType, BundleMediaType, StringComparison.Ordinal))
            {
                return Fail(ModelSignatureOutcome.Unsupported, signatureDigest, "The bundle's media type is '" + mediaType + "'; expected '" + BundleMediaType + "'.");
            }

            if (!string.Equals(payloadType, PayloadType, StringComparison.Ordinal))
            {
                return Fail(ModelSignatureOutcome.Unsupported, signatureDigest, "The envelope's payload type is '" + payloadType + "'; a model signature has '" + PayloadType + "'.");
            }

            // Verify before parsing: the statement is read only after a key verified the signature over it.
            var pae = DssePae.Encode(PayloadType, payload);
            var verifying = new List<ModelTrustKey>();
            var hinted = new List<ModelTrustKey>();
            foreach (var key in keys)
            {
                if (GateCrypto.VerifyP256(key.SubjectPublicKeyInfo, pae, sig))
                {
                    verifying.Add(key);
                }
                else if (string.Equals(key.KeyId, keyIdHint, StringComparison.Ordinal) || (GateCrypto.IsP256Spki(key.SubjectPublicKeyInfo) && string.Equals(GateCrypto.OpenSsfKeyHint(key.SubjectPublicKeyInfo), openSsfHint, StringComparison.Ordinal)))
                {
                    hinted.Add(key);
                }
            }

            if (verifying.Count == 0)
            {
                var hint = string.IsNullOrEmpty(keyIdHint) ? (string.IsNullOrEmpty(openSsfHint) ? "none" : "OpenSSF key hint " + openSsfHint) : keyIdHint!;
                return hinted.Count > 0
                    ? Fail(ModelSignatureOutcome.InvalidSignature, signatureDigest, "The signature does not verify with the trusted key " + hinted[0].KeyId + " that the bundle names: the signature file was altered or is not this key's.")
                    : Fail(ModelSignatureOutcome.UntrustedKey, signatureDigest, "No trusted key verifies the signature; it was made by a key the trust policy does not hold (the bundle's key hint: " + hint + ").");
            }

            var keyId = verifying[0].KeyId;
            ModelTrustKey? publisher = null;
            foreach (var key in verifying)
            {
                if (key.Revoked)
                {
                    return Fail(ModelSignatureOutcome.Revoked, signatureDigest, "The key " + key.KeyId + " that made the signature is revoked; nothing it signed is trusted.", key.KeyId);
                }

                if (string.Equals(key.Role, PublisherRole, StringComparison.Ordinal) && publisher == null)
                {
                    publisher = key;
                }
            }

            if (publisher == null)
            {
                return Fail(ModelSignatureOutcome.WrongRole, signatureDigest, "The key " + keyId + " that made the signature is trusted only as '" + verifying[0].Role + "'; only a '" + PublisherRole + "' key can vouch for a model (a receipt key never can).", keyId);
            }

            var digestText = GateCrypto.DigestText(modelDigest);
            ModelTrustKey? covering = null;
            foreach (var key in verifying)
            {
                if (string.Equals(key.Role, PublisherRole, StringComparison.Ordinal) && key.Covers(modelPath, digestText))
                {
                    covering = key;
                    break;
                }
            }

            if (covering == null)
            {
                return Fail(ModelSignatureOutcome.OutOfScope, signatureDigest, "The publisher key " + keyId + " is not trusted for '" + modelPath + "' (its scope: " + string.Join(", ", publisher.Scope) + ").", keyId);
            }

            return CheckStatement(payload, source + " (payload)", modelPath, modelDigest, signatureDigest, covering.KeyId);
        }

        private static ModelSignatureCheck CheckStatement(byte[] payload, string source, string modelPath, byte[] modelDigest, string signatureDigest, string keyId)
        {
            var statement = new GateJsonObject(source, GateJson.Parse(GateJson.DecodeUtf8(payload, source), source), "The signed statement", "_type", "subject", "predicateType", "predicate");
            var type = statement.RequireString("_type");
            var predicateType = statement.RequireString("predicateType");
            if (!string.Equals(type, StatementType, StringComparison.Ordinal) || !string.Equals(predicateType, PredicateType, StringComparison.Ordinal))
            {
                return Fail(ModelSignatureOutcome.Unsupported, signatureDigest, "The signed statement is '" + type + "' with predicate '" + predicateType + "'; a model signature is '" + StatementType + "' with '" + PredicateType + "'.", keyId);
            }

            var subjects = statement.Require("subject", GateJsonKind.Array);
            if (subjects.Items!.Count != 1)
            {
                throw statement.Error(subjects.Line, "has " + subjects.Items.Count.ToString(CultureInfo.InvariantCulture) + " subjects; a model signature has exactly one.");
            }

            var subject = new GateJsonObject(source, subjects.Items[0], "The statement's subject", "name", "digest");
            var subjectName = subject.RequireString("name");
            var subjectDigestSet = new GateJsonObject(source, subject.Require("digest", GateJsonKind.Object), "The subject's digest", "sha256");
            var subjectDigestHex = subjectDigestSet.RequireString("sha256");
            if (!GateCrypto.TryParseHex(subjectDigestHex, out var subjectDigest))
            {
                throw subjectDigestSet.Error(subjectDigestSet.Line, "has 'sha256' = '" + subjectDigestHex + "'; expected 64 lowercase hex digits.");
            }

            var predicate = new GateJsonObject(source, statement.Require("predicate", GateJsonKind.Object), "The predicate");
            var serialization = new GateJsonObject(source, predicate.Require("serialization", GateJsonKind.Object), "The predicate's 'serialization'",
                "method", "hash_type", "allow_symlinks", "ignore_paths", "shard_size");
            var method = serialization.RequireString("method");
            var hashType = serialization.RequireString("hash_type");
            if (serialization.OptionalBool("allow_symlinks") == null)
            {
                throw serialization.Error(serialization.Line, "has no 'allow_symlinks' property; it is required.");
            }

            serialization.OptionalStrings("ignore_paths");
            if (!string.Equals(method, "files", StringComparison.Ordinal) || !string.Equals(hashType, "sha256", StringComparison.Ordinal))
            {
                return Fail(ModelSignatureOutcome.Unsupported, signatureDigest, "The model was serialized with method '" + method + "' and hash '" + hashType + "'; OpenVerify verifies the 'files' method with 'sha256'.", keyId);
            }

            var resources = predicate.Require("resources", GateJsonKind.Array);
            var digests = new List<byte[]>();
            var names = new List<string>();
            foreach (var item in resources.Items!)
            {
                var resource = new GateJsonObject(source, item, "A resource", "name", "algorithm", "digest");
                var name = resource.RequireString("name");
                var algorithm = resource.RequireString("algorithm");
                var hex = resource.RequireString("digest");
                if (!string.Equals(algorithm, "sha256", StringComparison.Ordinal))
                {
                    return Fail(ModelSignatureOutcome.Unsupported, signatureDigest, "The resource '" + name + "' is hashed with '" + algorithm + "'; OpenVerify verifies 'sha256'.", keyId);
                }

                if (!GateCrypto.TryParseHex(hex, out var digest))
                {
                    throw resource.Error(resource.Line, "has 'digest' = '" + hex + "'; expected 64 lowercase hex digits.");
                }

                digests.Add(digest);
                names.Add(name);
            }

            if (!GateCrypto.BytesEqual(RootDigest(digests), subjectDigest))
            {
                return Fail(ModelSignatureOutcome.SubjectMismatch, signatureDigest, "The statement's subject digest " + subjectDigestHex + " is not the SHA-256 over its resources' digests; the statement is inconsistent.", keyId);
            }

            if (names.Count != 1 || !string.Equals(names[0], SingleFileResourceName, StringComparison.Ordinal))
            {
                return Fail(ModelSignatureOutcome.SubjectMismatch, signatureDigest, "The signature covers " + names.Count.ToString(CultureInfo.InvariantCulture) + " resource(s) (" + string.Join(", ", names) + "), not the single model file ('.'); sign the .onnx file itself, not a folder.", keyId);
            }

            var fileName = modelPath.Substring(modelPath.LastIndexOf('/') + 1);
            if (!string.Equals(subjectName, fileName, StringComparison.Ordinal))
            {
                return Fail(ModelSignatureOutcome.SubjectMismatch, signatureDigest, "The signature is for a model named '" + subjectName + "', not '" + fileName + "'.", keyId);
            }

            if (!GateCrypto.BytesEqual(digests[0], modelDigest))
            {
                return Fail(ModelSignatureOutcome.SubjectMismatch, signatureDigest, "The signature is for the digest sha256:" + GateCrypto.Hex(digests[0]) + ", but the model's digest is " + GateCrypto.DigestText(modelDigest) + ": the model changed after it was signed.", keyId);
            }

            return new ModelSignatureCheck(ModelSignatureOutcome.Verified, "Signed by the trusted publisher key " + keyId + ".", signatureDigest, keyId);
        }

        private static ModelSignatureCheck Fail(ModelSignatureOutcome outcome, string signatureDigest, string message, string? keyId = null) =>
            new ModelSignatureCheck(outcome, message, signatureDigest, keyId);
    }
}
