// This file is compiled into both the runtime (net10.0) and the MSBuild task (netstandard2.0, BCL only). It uses only
// APIs that netstandard2.0 has. The format is documented in docs/spec/trust-policy.md.
using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;

#pragma warning disable CA1510 // ArgumentNullException.ThrowIfNull is not in netstandard2.0, which this file also builds for.
#pragma warning disable CA1846, CA1870, CA2249 // span overloads, SearchValues and string.Contains(char) are not in netstandard2.0.
#pragma warning disable CA1865, CA1866, CA1847 // char overloads of StartsWith/Contains are not in netstandard2.0.

namespace OpenVerify.ModelSigning
{
    /// <summary>A key of a trust policy: its key id, role, SPKI and scope.</summary>
    internal sealed class TrustPolicyKey
    {
        /// <summary>Creates a key entry.</summary>
        public TrustPolicyKey(byte[] subjectPublicKeyInfo, string role, IReadOnlyList<string> scope, int line = 0)
        {
            SubjectPublicKeyInfo = subjectPublicKeyInfo ?? throw new ArgumentNullException(nameof(subjectPublicKeyInfo));
            Role = role ?? throw new ArgumentNullException(nameof(role));
            Scope = scope ?? throw new ArgumentNullException(nameof(scope));
            KeyId = GateCrypto.KeyId(subjectPublicKeyInfo);
            Line = line;
        }

        /// <summary><c>sha256:&lt;hex&gt;</c> of the DER SubjectPublicKeyInfo.</summary>
        public string KeyId { get; }

        /// <summary><c>model-publisher</c>, <c>receipt-signer</c> or <c>log</c>.</summary>
        public string Role { get; }

        /// <summary>The DER SubjectPublicKeyInfo.</summary>
        public byte[] SubjectPublicKeyInfo { get; }

        /// <summary>Model path globs and <c>sha256:</c> digests the key may sign for (empty only for non-publisher keys).</summary>
        public IReadOnlyList<string> Scope { get; }

        /// <summary>The line of the entry in the policy file (0 when built in code).</summary>
        public int Line { get; }
    }

    /// <summary>A model rule of a trust policy: the models it covers and whether they must be signed.</summary>
    internal sealed class TrustPolicyRule
    {
        /// <summary>Creates a rule.</summary>
        public TrustPolicyRule(IReadOnlyList<string> match, bool signatureRequired, int line = 0)
        {
            Match = match ?? throw new ArgumentNullException(nameof(match));
            SignatureRequired = signatureRequired;
            Line = line;
        }

        /// <summary>Model path globs and <c>sha256:</c> digests.</summary>
        public IReadOnlyList<string> Match { get; }

        /// <summary>Whether a covered model must carry a signature from a trusted publisher.</summary>
        public bool SignatureRequired { get; }

        /// <summary>The line of the rule in the policy file (0 when built in code).</summary>
        public int Line { get; }
    }

    /// <summary>
    /// <c>openverify.trust.json</c>: which keys the build trusts for which models (in which role), which keys are revoked,
    /// which models must be signed, and when the policy expires. Versioned (<c>"version": 1</c>); strict: unknown and
    /// duplicate properties are refused. See docs/spec/trust-policy.md.
    /// </summary>
    internal sealed class TrustPolicy
    {
        /// <summary>The default file name beside the project.</summary>
        public const string DefaultFileName = "openverify.trust.json";

        /// <summary>The format version this code reads and writes.</summary>
        public const int CurrentVersion = 1;

        private static readonly string[] Roles = { "model-publisher", "receipt-signer", "log" };
        private static readonly string[] ExpiresFormats = { "yyyy-MM-dd'T'HH:mm:ss'Z'", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", "yyyy-MM-dd'T'HH:mm:sszzz" };

        /// <summary>Creates a policy.</summary>
        public TrustPolicy(IReadOnlyList<TrustPolicyKey> keys, IReadOnlyList<TrustPolicyRule> models, IReadOnlyList<string>? revoked = null, DateTimeOffset? expires = null)
        {
            Keys = keys ?? throw new ArgumentNullException(nameof(keys));
            Models = models ?? throw new ArgumentNullException(nameof(models));
            Revoked = revoked ?? Array.Empty<string>();
            Expires = expires;
        }

        /// <summary>The keys, in file order.</summary>
        public IReadOnlyList<TrustPolicyKey> Keys { get; }

        /// <summary>The model rules, in file order.</summary>
        public IReadOnlyList<TrustPolicyRule> Models { get; }

        /// <summary>Revoked key ids.</summary>
        public IReadOnlyList<string> Revoked { get; }

        /// <summary>When the policy stops being valid, if it says.</summary>
        public DateTimeOffset? Expires { get; }

        /// <summary>Whether the key id is on the policy's revoked list.</summary>
        public bool IsRevoked(string keyId) => Contains(Revoked, keyId);

        /// <summary>Whether the policy has expired at the given time.</summary>
        public bool IsExpired(DateTimeOffset now) => Expires.HasValue && now >= Expires.Value;

        /// <summary>The keys as a model-signature check takes them (revocation applied).</summary>
        public IReadOnlyList<ModelTrustKey> TrustKeys()
        {
            var result = new List<ModelTrustKey>(Keys.Count);
            foreach (var key in Keys)
            {
                result.Add(new ModelTrustKey(key.SubjectPublicKeyInfo, key.Role, key.Scope, Contains(Revoked, key.KeyId)));
            }

            return result;
        }

        /// <summary>Whether any rule covers the model, and whether a covering rule requires a signature (the strictest
        /// rule wins).</summary>
        public bool Covers(string modelPath, string modelDigest, out bool signatureRequired)
        {
            var covered = false;
            signatureRequired = false;
            foreach (var rule in Models)
            {
                if (ModelTrustKey.ScopeCovers(rule.Match, modelPath, modelDigest))
                {
                    covered = true;
                    signatureRequired |= rule.SignatureRequired;
                }
            }

            return covered;
        }

        /// <summary>Reads a policy file.</summary>
        /// <exception cref="GateFileFormatException">The file is malformed (names the file and line).</exception>
        /// <exception cref="IOException">The file cannot be read.</exception>
        public static TrustPolicy Load(string path) => Parse(File.ReadAllBytes(path), path);

        /// <summary>Reads a policy from its bytes (UTF-8 JSON).</summary>
        /// <exception cref="GateFileFormatException">The text is malformed (names <paramref name="source"/> and the line).</exception>
        public static TrustPolicy Parse(byte[] bytes, string source)
        {
            if (bytes == null) throw new ArgumentNullException(nameof(bytes));
            var root = new GateJsonObject(source, GateJson.Parse(GateJson.DecodeUtf8(bytes, source), source), "The trust policy", "version", "expires", "keys", "revoked", "models");
            var version = root.RequireInteger("version", 0, int.MaxValue);
            if (version != CurrentVersion)
            {
                throw root.Error(root.Get("version")!.Line, "has version " + version.ToString(CultureInfo.InvariantCulture) + "; this OpenVerify reads version " + CurrentVersion.ToString(CultureInfo.InvariantCulture) + ".");
            }

            DateTimeOffset? expires = null;
            if (root.OptionalString("expires") is string expiresText)
            {
                if (!DateTimeOffset.TryParseExact(expiresText, ExpiresFormats,
                        CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
                {
                    throw root.Error(root.Get("expires")!.Line, "has 'expires' = '" + expiresText + "'; expected an RFC 3339 time such as 2027-01-31T00:00:00Z.");
                }

                expires = parsed;
            }

            var keys = new List<TrustPolicyKey>();
            var ids = new HashSet<string>(StringComparer.Ordinal);
            foreach (var item in root.Require("keys", GateJsonKind.Array).Items!)
            {
                var key = ReadKey(source, item);
                if (!ids.Add(key.KeyId + "\n" + key.Role))
                {
                    throw new GateFileFormatException(source, item.Line, "The key " + key.KeyId + " is listed twice with the role '" + key.Role + "'.");
                }

                keys.Add(key);
            }

            var revoked = new List<string>();
            foreach (var entry in root.OptionalStrings("revoked") ?? new List<KeyValuePair<int, string>>())
            {
                if (!GateCrypto.TryParseDigest(entry.Value, out _))
                {
                    throw new GateFileFormatException(source, entry.Key, "The trust policy's 'revoked' holds '" + entry.Value + "'; expected key ids (sha256: and 64 lowercase hex digits).");
                }

                revoked.Add(entry.Value);
            }

            var models = new List<TrustPolicyRule>();
            foreach (var item in root.Require("models", GateJsonKind.Array).Items!)
            {
                var rule = new GateJsonObject(source, item, "A model rule", "match", "signature");
                var match = ReadScope(source, rule, "match", required: true);
                var signature = rule.RequireString("signature");
                if (signature != "required" && signature != "optional")
                {
                    throw rule.Error(rule.Get("signature")!.Line, "has 'signature' = '" + signature + "'; expected 'required' or 'optional'.");
                }

                models.Add(new TrustPolicyRule(match, signature == "required", item.Line));
            }

            return new TrustPolicy(keys, models, revoked, expires);
        }

        private static TrustPolicyKey ReadKey(string source, GateJsonValue item)
        {
            var entry = new GateJsonObject(source, item, "A key entry", "keyId", "role", "publicKey", "scope");
            var keyId = entry.RequireString("keyId");
            var role = entry.RequireString("role");
            if (Array.IndexOf(Roles, role) < 0)
            {
                throw entry.Error(entry.Get("role")!.Line, "has 'role' = '" + role + "'; expected 'model-publisher', 'receipt-signer' or 'log'.");
            }

            var pem = entry.RequireString("publicKey");
            if (!GateCrypto.TryReadPublicKeyPem(pem, out var spki, out var error))
            {
                throw entry.Error(entry.Get("publicKey")!.Line, "has a 'publicKey' that cannot be read: " + error + ".");
            }

            var isPublisher = role == ModelSignatureFormat.PublisherRole;
            if (isPublisher && !GateCrypto.IsP256Spki(spki))
            {
                throw entry.Error(entry.Get("publicKey")!.Line, "is a model-publisher key that is not an uncompressed ECDSA P-256 key; model signatures use P-256 only.");
            }

            var actualId = GateCrypto.KeyId(spki);
            if (!string.Equals(keyId, actualId, StringComparison.Ordinal))
            {
                throw entry.Error(entry.Get("keyId")!.Line, "has 'keyId' = '" + keyId + "', but its public key's id is " + actualId + ".");
            }

            var scope = ReadScope(source, entry, "scope", required: isPublisher);
            return new TrustPolicyKey(spki, role, scope, item.Line);
        }

        private static List<string> ReadScope(string source, GateJsonObject entry, string name, bool required)
        {
            var items = entry.OptionalStrings(name);
            if (items == null || items.Count == 0)
            {
                if (required)
                {
                    throw entry.Error(entry.Line, "needs a non-empty '" + name + "' list of model path globs or sha256: digests (\"**\" for every model).");
                }

                return new List<string>();
            }

            var result = new List<string>(items.Count);
            foreach (var item in items)
            {
                var text = item.Value;
                var bad = text.Length == 0 ? "is empty"
                    : text.StartsWith(GateCrypto.Sha256Prefix, StringComparison.Ordinal) && !GateCrypto.TryParseDigest(text, out _) ? "is not sha256: and 64 lowercase hex digits"
                    : text.IndexOf('\\') >= 0 ? "uses '\\'; paths use '/'"
                    : text.StartsWith("/", StringComparison.Ordinal) || text.StartsWith("./", StringComparison.Ordinal) ? "must be relative to the project, without a leading '/' or './'"
                    : null;
                if (bad != null)
                {
                    throw new GateFileFormatException(source, item.Key, "The entry '" + text + "' of '" + name + "' " + bad + ".");
                }

                result.Add(text);
            }

            return result;
        }

        /// <summary>The policy as JSON, in the layout the parser reads (two-space indentation, <c>\n</c> line ends).</summary>
        public string ToJson()
        {
            var json = new GateJsonWriter(indented: true).StartObject().Property("version", CurrentVersion);
            if (Expires.HasValue)
            {
                json.Property("expires", Expires.Value.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
            }

            json.Name("keys").StartArray();
            foreach (var key in Keys)
            {
                json.StartObject()
                    .Property("keyId", key.KeyId)
                    .Property("role", key.Role)
                    .Property("publicKey", GateCrypto.PublicKeyPem(key.SubjectPublicKeyInfo));
                if (key.Scope.Count > 0)
                {
                    json.Strings("scope", key.Scope);
                }

                json.EndObject();
            }

            json.EndArray();
            if (Revoked.Count > 0)
            {
                json.Strings("revoked", Revoked);
            }

            json.Name("models").StartArray();
            foreach (var rule in Models)
            {
                json.StartObject().Strings("match", rule.Match).Property("signature", rule.SignatureRequired ? "required" : "optional").EndObject();
            }

            return json.EndArray().EndObject().ToString();
        }

        /// <summary>Writes the policy (<see cref="ToJson"/>) when its text differs from what is on disk. Returns whether it
        /// wrote.</summary>
        public bool Save(string path) => GateFileWriter.Save(path, ToJson());

        private static bool Contains(IReadOnlyList<string> list, string value)
        {
            foreach (var item in list)
            {
                if (string.Equals(item, value, StringComparison.Ordinal))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
