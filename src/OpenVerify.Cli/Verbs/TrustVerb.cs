using System.CommandLine;
using System.Text.Json.Nodes;
using OpenVerify.ModelSigning;

namespace OpenVerify.Cli.Verbs;

/// <summary>
/// <c>openverify trust add|remove|list|require</c>: edits <c>openverify.trust.json</c> (docs/spec/trust-policy.md)
/// through the kernel's reader and writer, so a key's id and PEM are never pasted by hand and the file keeps the
/// stable layout <see cref="TrustPolicy.ToJson"/> writes. Every change is read back by the parser before it is written:
/// the tool never writes a policy the build would refuse.
/// </summary>
internal sealed class TrustVerb : IVerb
{
    private static readonly string[] Roles = ["model-publisher", "receipt-signer", "log"];

    public Command CreateCommand(CliConsole console) => new("trust", $"Manage the trust policy ({TrustPolicy.DefaultFileName}): which keys are trusted, in which role, for which models, and which models must be signed.")
    {
        CreateAdd(console),
        CreateRemove(console),
        CreateList(console),
        CreateRequire(console),
    };

    private static Option<string> PolicyOption() => new("--policy")
    {
        Description = $"The trust policy file (default: {TrustPolicy.DefaultFileName} in the current folder).",
        HelpName = "file",
        DefaultValueFactory = _ => TrustPolicy.DefaultFileName,
    };

    private static Command CreateAdd(CliConsole console)
    {
        var key = new Argument<string>("key")
        {
            Description = "The public key (SPKI PEM, as 'openverify keygen' writes <prefix>.pub), or a pkcs11: URI of a key on a token whose public key is read from it.",
            HelpName = "key.pub",
        };
        var role = new Option<string>("--role")
        {
            Description = "model-publisher (signs models; ECDSA P-256; needs --scope), receipt-signer or log.",
            HelpName = "role",
            Required = true,
        };
        role.AcceptOnlyFromAmong(Roles);
        var scope = new Option<string[]>("--scope")
        {
            Description = "A model path glob ('models/**') or sha256: digest the key may sign for; repeat for several. Required for model-publisher.",
            HelpName = "glob",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var policy = PolicyOption();
        var json = CommonOptions.Json();
        var command = new Command("add", "Trust a public key in a role (and, for a model publisher, for the models its --scope names). Creates the policy file when it does not exist.")
        {
            key, role, scope, policy, json,
        };
        command.SetAction(parse => Add(console, parse.GetRequiredValue(key), parse.GetRequiredValue(role), parse.GetValue(scope) ?? [], parse.GetRequiredValue(policy), parse.GetValue(json)));
        return command;
    }

    private static Command CreateRemove(CliConsole console)
    {
        var key = new Argument<string>("key") { Description = "The key id (sha256:<hex>) or the public key file.", HelpName = "key-id|key.pub" };
        var role = new Option<string?>("--role") { Description = "Remove the key from this role only (default: every role).", HelpName = "role" };
        role.AcceptOnlyFromAmong(Roles);
        var policy = PolicyOption();
        var json = CommonOptions.Json();
        var command = new Command("remove", "Stop trusting a key (in every role, or in --role). To distrust what a key already signed, revoke it instead (the policy's 'revoked' list).")
        {
            key, role, policy, json,
        };
        command.SetAction(parse => Remove(console, parse.GetRequiredValue(key), parse.GetValue(role), parse.GetRequiredValue(policy), parse.GetValue(json)));
        return command;
    }

    private static Command CreateList(CliConsole console)
    {
        var policy = PolicyOption();
        var json = CommonOptions.Json();
        var command = new Command("list", "Show the policy: trusted keys with their roles and scopes, revoked keys, model rules and expiry.")
        {
            policy, json,
        };
        command.SetAction(parse => List(console, parse.GetRequiredValue(policy), parse.GetValue(json)));
        return command;
    }

    private static Command CreateRequire(CliConsole console)
    {
        var match = new Argument<string>("match") { Description = "A model path glob ('models/**') or a sha256: model digest.", HelpName = "glob" };
        var optional = new Option<bool>("--optional") { Description = "Cover the models without requiring a signature (a present signature is still verified)." };
        var policy = PolicyOption();
        var json = CommonOptions.Json();
        var command = new Command("require", "Require a trusted publisher's signature on the models a glob matches (a model rule; a rule with the same glob is updated).")
        {
            match, optional, policy, json,
        };
        command.SetAction(parse => Require(console, parse.GetRequiredValue(match), parse.GetValue(optional), parse.GetRequiredValue(policy), parse.GetValue(json)));
        return command;
    }

    private static TrustPolicy LoadOrEmpty(string path) =>
        File.Exists(path) ? GateFiles.LoadPolicy(path) : new TrustPolicy([], []);

    private static TrustPolicy LoadExisting(string path) => GateFiles.LoadPolicy(path);

    private static int Add(CliConsole console, string keyReference, string role, string[] scope, string path, bool json)
    {
        var policy = LoadOrEmpty(path);
        var publicKey = ReadPublicKey(keyReference);
        if (role == ModelSignatureFormat.PublisherRole)
        {
            if (publicKey.Algorithm != KeyAlgorithm.EcdsaP256)
            {
                throw new CliUsageException($"'{SigningKeys.Describe(keyReference)}' is an {publicKey.Algorithm} key; a model-publisher key is ECDSA P-256 (`openverify keygen --algorithm ecdsa-p256`).");
            }

            if (scope.Length == 0)
            {
                throw new CliUsageException("A model-publisher key needs --scope: the model path globs or sha256: digests it may sign for ('models/**'; '**' for every model, said out loud).");
            }
        }

        if (policy.Keys.Any(k => k.KeyId == publicKey.KeyId && k.Role == role))
        {
            throw new CliUsageException($"{publicKey.KeyId} is already trusted as {role} in '{path}'; to change its scope, 'openverify trust remove {publicKey.KeyId} --role {role}' and add it again.");
        }

        var entry = new TrustPolicyKey(publicKey.ExportSubjectPublicKeyInfo(), role, scope);
        var updated = new TrustPolicy([.. policy.Keys, entry], policy.Models, policy.Revoked, policy.Expires);
        Write(updated, path);
        Report(console, json, path, "added", new JsonObject { ["keyId"] = entry.KeyId, ["role"] = role, ["scope"] = Strings(scope) },
            $"Trusted {entry.KeyId} ({publicKey.Algorithm}) as {role}{(scope.Length > 0 ? $" for {string.Join(", ", scope)}" : string.Empty)} in {path}.");
        if (!json && policy.IsRevoked(entry.KeyId))
        {
            console.Line($"note: {entry.KeyId} is listed as revoked in {path}; it verifies nothing until it is taken off 'revoked'.");
        }

        return ExitCodes.Success;
    }

    private static int Remove(CliConsole console, string key, string? role, string path, bool json)
    {
        var policy = LoadExisting(path);
        var keyId = key.StartsWith("sha256:", StringComparison.Ordinal) && !File.Exists(key) ? key : ReadPublicKey(key).KeyId;
        var removed = policy.Keys.Where(k => k.KeyId == keyId && (role is null || k.Role == role)).ToList();
        if (removed.Count == 0)
        {
            throw new CliUsageException($"'{path}' does not trust {keyId}{(role is null ? string.Empty : " as " + role)}; 'openverify trust list' shows the keys it holds.");
        }

        var updated = new TrustPolicy([.. policy.Keys.Except(removed)], policy.Models, policy.Revoked, policy.Expires);
        Write(updated, path);
        var roles = string.Join(", ", removed.Select(k => k.Role));
        Report(console, json, path, "removed", new JsonObject { ["keyId"] = keyId, ["roles"] = Strings(removed.Select(k => k.Role)) },
            $"Removed {keyId} ({roles}) from {path}.");
        return ExitCodes.Success;
    }

    private static int Require(CliConsole console, string match, bool optional, string path, bool json)
    {
        var policy = LoadOrEmpty(path);
        var rules = policy.Models.ToList();
        var index = rules.FindIndex(r => r.Match.Count == 1 && r.Match[0] == match);
        var rule = new TrustPolicyRule([match], signatureRequired: !optional);
        if (index >= 0)
        {
            rules[index] = rule;
        }
        else
        {
            rules.Add(rule);
        }

        Write(new TrustPolicy(policy.Keys, rules, policy.Revoked, policy.Expires), path);
        var signature = optional ? "optional" : "required";
        Report(console, json, path, index >= 0 ? "updated" : "added", new JsonObject { ["match"] = match, ["signature"] = signature },
            $"Models matching {match}: signature {signature} ({(index >= 0 ? "rule updated" : "rule added")} in {path}).");
        if (!json && !optional && !policy.Keys.Any(k => k.Role == ModelSignatureFormat.PublisherRole && ModelTrustKey.ScopeCovers(k.Scope, match, match)))
        {
            console.Line($"note: no model-publisher key in {path} has {match} in its scope yet; add one with 'openverify trust add <publisher.pub> --role model-publisher --scope '{match}''.");
        }

        return ExitCodes.Success;
    }

    private static int List(CliConsole console, string path, bool json)
    {
        var policy = LoadExisting(path);
        if (json)
        {
            console.Json(new JsonObject
            {
                ["policy"] = path,
                ["version"] = TrustPolicy.CurrentVersion,
                ["expires"] = policy.Expires?.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
                ["expired"] = policy.IsExpired(DateTimeOffset.UtcNow),
                ["keys"] = new JsonArray([.. policy.Keys.Select(k => (JsonNode)new JsonObject
                {
                    ["keyId"] = k.KeyId,
                    ["role"] = k.Role,
                    ["algorithm"] = Algorithm(k),
                    ["scope"] = Strings(k.Scope),
                    ["revoked"] = policy.IsRevoked(k.KeyId),
                })]),
                ["revoked"] = Strings(policy.Revoked),
                ["models"] = new JsonArray([.. policy.Models.Select(r => (JsonNode)new JsonObject
                {
                    ["match"] = Strings(r.Match),
                    ["signature"] = r.SignatureRequired ? "required" : "optional",
                })]),
            });
            return ExitCodes.Success;
        }

        console.Line($"{path} (version {TrustPolicy.CurrentVersion}{(policy.Expires is { } expires ? $", expires {expires.ToUniversalTime():u}{(policy.IsExpired(DateTimeOffset.UtcNow) ? ": EXPIRED" : string.Empty)}" : string.Empty)})");
        var keys = CliConsole.Table("Key id", "Role", "Algorithm", "Scope");
        foreach (var k in policy.Keys)
        {
            CliConsole.AddRow(keys, k.KeyId + (policy.IsRevoked(k.KeyId) ? " (revoked)" : string.Empty), k.Role, Algorithm(k), k.Scope.Count == 0 ? "-" : string.Join(", ", k.Scope));
        }

        console.Ansi.Write(keys);
        var models = CliConsole.Table("Models", "Signature");
        foreach (var r in policy.Models)
        {
            CliConsole.AddRow(models, string.Join(", ", r.Match), r.SignatureRequired ? "required" : "optional");
        }

        console.Ansi.Write(models);
        foreach (var id in policy.Revoked)
        {
            console.Line($"revoked: {id}");
        }

        return ExitCodes.Success;
    }

    /// <summary>Reads the changed policy back with the parser the build uses before writing it, so the file never
    /// holds what the build would refuse (a bad glob, a duplicate key).</summary>
    private static void Write(TrustPolicy policy, string path)
    {
        var text = policy.ToJson();
        try
        {
            TrustPolicy.Parse(System.Text.Encoding.UTF8.GetBytes(text), path);
        }
        catch (GateFileFormatException e)
        {
            throw new CliUsageException($"The change would make the trust policy invalid, so '{path}' was left as it was: {e.Message}", e);
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        policy.Save(path);
    }

    private static PublicKey ReadPublicKey(string reference)
    {
        if (reference.StartsWith(Pkcs11.Pkcs11SignerProvider.Scheme, StringComparison.OrdinalIgnoreCase))
        {
            using var key = SigningKeys.Open(reference);
            return key.PublicKey;
        }

        if (!File.Exists(reference))
        {
            throw new CliUsageException($"The public key file '{reference}' does not exist.");
        }

        return PublicKey.Load(reference);
    }

    private static string Algorithm(TrustPolicyKey key)
    {
        try
        {
            return PublicKey.FromSubjectPublicKeyInfo(key.SubjectPublicKeyInfo).Algorithm == KeyAlgorithm.Ed25519 ? "ed25519" : "ecdsa-p256";
        }
        catch (KeyFormatException)
        {
            return "?";
        }
    }

    private static JsonArray Strings(IEnumerable<string> values) => new([.. values.Select(v => (JsonNode)v)]);

    private static void Report(CliConsole console, bool json, string path, string change, JsonObject detail, string line)
    {
        if (json)
        {
            detail["policy"] = path;
            detail["change"] = change;
            console.Json(detail);
        }
        else
        {
            console.Line(line);
        }
    }
}
