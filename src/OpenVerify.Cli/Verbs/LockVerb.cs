using System.CommandLine;
using System.Text.Json.Nodes;
using OpenVerify.ModelSigning;

namespace OpenVerify.Cli.Verbs;

/// <summary>
/// <c>openverify lock [project] [--lockfile &lt;file&gt;] [--policy &lt;file&gt;] [--check] [--json]</c>: writes
/// <c>openverify.lock.json</c> for the project's models (path, digest, size, I/O signature digest, and the publisher key
/// id when a signature verifies under the trust policy). <c>--check</c> writes nothing and exits 1 when the lockfile is
/// not what it would write, or when the build's model gate (the kernel's <see cref="ModelGate"/>, run on the same
/// models, lockfile and policy) would report a model: a signature the policy requires that is missing (OV2004), or
/// one it does not accept (OV2005). Lock and build so never disagree on what a signed model needs.
/// </summary>
internal sealed class LockVerb : IVerb
{
    public Command CreateCommand(CliConsole console)
    {
        var project = new Argument<string?>("project")
        {
            Description = "The project file or folder (default: the current folder).",
            HelpName = "project",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var lockfile = new Option<string?>("--lockfile") { Description = $"The lockfile (default: {ModelLockFile.DefaultFileName} beside the project).", HelpName = "file" };
        var policy = new Option<string?>("--policy") { Description = $"The trust policy that signatures are verified against (default: {TrustPolicy.DefaultFileName} beside the project, when present).", HelpName = "file" };
        var check = new Option<bool>("--check") { Description = "Write nothing; exit 1 when the lockfile is missing or differs from what lock would write." };
        var json = CommonOptions.Json();
        var command = new Command("lock", "Pin the project's models in openverify.lock.json (digest, size, I/O signature, verified publisher).")
        {
            project, lockfile, policy, check, json,
        };
        command.SetAction(parse => Run(console, parse.GetValue(project), parse.GetValue(lockfile), parse.GetValue(policy), parse.GetValue(check), parse.GetValue(json)));
        return command;
    }

    private static int Run(CliConsole console, string? project, string? lockfileOption, string? policyOption, bool check, bool json)
    {
        var directory = ProjectDirectory(project ?? Directory.GetCurrentDirectory());
        var lockPath = lockfileOption ?? Path.Combine(directory, ModelLockFile.DefaultFileName);
        var policyPath = policyOption ?? Path.Combine(directory, TrustPolicy.DefaultFileName);
        var policy = policyOption is not null || File.Exists(policyPath) ? GateFiles.LoadPolicy(policyPath) : null;
        if (policy is not null && policy.IsExpired(DateTimeOffset.UtcNow))
        {
            throw new CliUsageException($"The trust policy '{policyPath}' expired at {policy.Expires:u}; renew it before locking signed models.");
        }

        var (source, models) = ProjectModels.Find(directory);
        var entries = new List<ModelLockEntry>();
        var notes = new List<string>();
        foreach (var model in models)
        {
            entries.Add(new ModelLockEntry(model.Path, model.Digest.ToString(), model.Size, model.IoSignature, Publisher(model, policy, notes)));
        }

        var lockfile = new ModelLockFile(entries);
        var text = lockfile.ToJson();
        var current = File.Exists(lockPath) ? File.ReadAllText(lockPath) : null;
        var upToDate = string.Equals(current, text, StringComparison.Ordinal);
        if (!check && !upToDate)
        {
            lockfile.Save(lockPath);
        }

        // What the build would say about these models with this lockfile and policy (a strict gate is not assumed).
        var gate = ModelGate.Evaluate(
            [.. models.Select(m => new GateModel(m.Path, m.File, m.Digest.ToString(), m.Size, m.IoSignature))],
            lockPath, locked: check, policy is null ? string.Empty : policyPath, strict: false, DateTimeOffset.UtcNow).Diagnostics
            .Where(d => d.Id is Diagnostics.DiagnosticIds.SignatureRequired or Diagnostics.DiagnosticIds.SignatureInvalid)
            .ToList();

        if (json)
        {
            console.Json(new JsonObject
            {
                ["lockfile"] = lockPath,
                ["source"] = source,
                ["upToDate"] = upToDate,
                ["written"] = !check && !upToDate,
                ["models"] = new JsonArray([.. lockfile.Models.Select(m => (JsonNode)new JsonObject
                {
                    ["path"] = m.Path,
                    ["digest"] = m.Digest,
                    ["size"] = m.Size,
                    ["ioSignature"] = m.IoSignature,
                    ["publisherKeyId"] = m.PublisherKeyId,
                })]),
                ["notes"] = new JsonArray([.. notes.Select(n => (JsonNode)n)]),
                ["build"] = new JsonArray([.. gate.Select(d => (JsonNode)new JsonObject { ["id"] = d.Id, ["file"] = d.File, ["message"] = d.Message })]),
            });
        }
        else
        {
            console.Line($"Models from {source}:");
            var table = CliConsole.Table("Model", "Digest", "Size", "Publisher");
            foreach (var m in lockfile.Models)
            {
                CliConsole.AddRow(table, m.Path, m.Digest, m.Size.ToString(System.Globalization.CultureInfo.InvariantCulture), m.PublisherKeyId ?? "(unsigned)");
            }

            console.Ansi.Write(table);
            foreach (var note in notes)
            {
                console.Line($"note: {note}");
            }

            foreach (var diagnostic in gate)
            {
                console.Line($"build: {diagnostic.Id}: {Cli.OneLine(diagnostic.Message)}");
            }

            console.Line(check
                ? (upToDate ? $"{lockPath} is up to date." : $"{lockPath} is {(current is null ? "missing" : "out of date")}; run `openverify lock` and review the diff.")
                : (upToDate ? $"{lockPath} is up to date; nothing written." : $"Wrote {lockPath} ({lockfile.Models.Count} model(s)); review the diff and commit it."));
        }

        return check && (!upToDate || gate.Count > 0) ? ExitCodes.VerificationFailed : ExitCodes.Success;
    }

    /// <summary>The publisher key id to lock: the signature beside the model must verify under the policy, or lock
    /// refuses (a lock never records a signature that fails).</summary>
    private static string? Publisher(ProjectModel model, TrustPolicy? policy, List<string> notes)
    {
        var signaturePath = ModelSignatureFormat.SignaturePathFor(model.File);
        if (!File.Exists(signaturePath))
        {
            return null;
        }

        if (policy is null)
        {
            notes.Add($"{model.Path} has a signature, but there is no trust policy to verify it against; its publisher is not locked.");
            return null;
        }

        var check = ModelSignatureFormat.Verify(File.ReadAllBytes(signaturePath), signaturePath, model.Path, model.Digest.Bytes.ToArray(), policy.TrustKeys());
        if (!check.Verified)
        {
            throw new CliUsageException($"The signature of '{model.Path}' does not verify ({check.Outcome}): {check.Message} Fix or remove '{signaturePath}' before locking.");
        }

        return check.PublisherKeyId;
    }

    private static string ProjectDirectory(string project)
    {
        if (Directory.Exists(project))
        {
            return Path.GetFullPath(project);
        }

        if (File.Exists(project) && project.EndsWith("proj", StringComparison.OrdinalIgnoreCase))
        {
            return Path.GetDirectoryName(Path.GetFullPath(project))!;
        }

        throw new CliUsageException($"'{project}' is neither a project file nor a folder.");
    }
}
