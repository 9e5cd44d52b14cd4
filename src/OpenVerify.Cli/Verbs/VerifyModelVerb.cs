using System.CommandLine;
using System.Text.Json.Nodes;
using OpenVerify.ModelSigning;

namespace OpenVerify.Cli.Verbs;

/// <summary><c>openverify verify-model &lt;model&gt; (--trust &lt;file.pub&gt; ... [--scope ...] | --policy
/// &lt;openverify.trust.json&gt;) [--signature &lt;file&gt;] [--as &lt;path&gt;] [--json]</c>: checks the model's
/// signature bundle; exit 1 when it does not verify.</summary>
internal sealed class VerifyModelVerb : IVerb
{
    public Command CreateCommand(CliConsole console)
    {
        var model = new Argument<string>("model") { Description = "The model file.", HelpName = "model.onnx" };
        var trust = new Option<string[]>("--trust")
        {
            Description = "A public key (SPKI PEM) trusted as a model publisher; repeat for several.",
            HelpName = "file.pub",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var scope = new Option<string[]>("--scope")
        {
            Description = "Limit the --trust keys to models matching these path globs or sha256: digests (default: every model).",
            HelpName = "glob|sha256:…",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var policy = new Option<string?>("--policy") { Description = "A trust policy (openverify.trust.json) whose keys are trusted in their roles and scopes.", HelpName = "openverify.trust.json" };
        var signature = new Option<string?>("--signature") { Description = "The signature file (default: <model>.sig).", HelpName = "file" };
        var identity = new Option<string?>("--as")
        {
            Description = "The model's project-relative path, which scopes match (default: the path as given, with '/').",
            HelpName = "models/x.onnx",
        };
        var json = CommonOptions.Json();
        var command = new Command("verify-model", "Verify a model's publisher signature (<model>.sig) against trusted model-publisher keys.")
        {
            model, trust, scope, policy, signature, identity, json,
        };
        command.SetAction(parse => Run(console, new Request(
            parse.GetRequiredValue(model),
            parse.GetValue(trust) ?? [],
            parse.GetValue(scope) ?? [],
            parse.GetValue(policy),
            parse.GetValue(signature),
            parse.GetValue(identity),
            parse.GetValue(json))));
        return command;
    }

    private sealed record Request(string Model, string[] Trust, string[] Scope, string? Policy, string? Signature, string? Identity, bool Json);

    /// <summary>The policy's keys; an expired policy is refused here as the build gate refuses it.</summary>
    private static TrustStore PolicyStore(string path)
    {
        var policy = GateFiles.LoadPolicy(path);
        try
        {
            return policy.ToTrustStore();
        }
        catch (OpenVerifyException e)
        {
            throw new CliUsageException($"The trust policy '{path}' cannot be used: {e.Message}", e);
        }
    }

    private static int Run(CliConsole console, Request request)
    {
        if (request.Trust.Length == 0 && request.Policy is null)
        {
            throw new CliUsageException("Say whom to trust: --trust <publisher.pub> (repeatable) or --policy openverify.trust.json.");
        }

        if (request.Scope.Length > 0 && request.Trust.Length == 0)
        {
            throw new CliUsageException("--scope limits --trust keys; add --trust <publisher.pub>.");
        }

        var store = request.Policy is null ? new TrustStore() : PolicyStore(request.Policy);
        foreach (var path in request.Trust)
        {
            store.Add(PublicKey.Load(path), KeyRole.ModelPublisher, request.Scope);
        }

        if (!File.Exists(request.Model))
        {
            throw new CliUsageException($"The model '{request.Model}' does not exist.");
        }

        var signaturePath = request.Signature ?? ModelSignatureFormat.SignaturePathFor(request.Model);
        if (!File.Exists(signaturePath))
        {
            throw new CliUsageException($"The signature '{signaturePath}' does not exist; sign the model with `openverify sign-model` or pass --signature.");
        }

        var digest = Sha256Digest.ComputeFile(request.Model);
        var identity = request.Identity ?? request.Model.Replace('\\', '/');
        var check = ModelSignature.Verify(File.ReadAllBytes(signaturePath), signaturePath, identity, digest, store);
        if (request.Json)
        {
            console.Json(new JsonObject
            {
                ["verified"] = check.Verified,
                ["outcome"] = check.Outcome.ToString(),
                ["model"] = identity,
                ["modelDigest"] = digest.ToString(),
                ["signature"] = signaturePath,
                ["signatureDigest"] = check.SignatureDigest?.ToString(),
                ["publisherKeyId"] = check.PublisherKeyId,
                ["message"] = check.Message,
            });
        }
        else
        {
            console.Line($"{identity} ({digest})");
            console.Line($"  signature: {signaturePath} ({check.SignatureDigest})");
            if (check.PublisherKeyId is not null)
            {
                console.Line($"  signed by: {check.PublisherKeyId}");
            }

            console.Line($"  {Cli.OneLine(check.Message)}");
            console.Line(check.Verified ? "VERIFIED" : $"NOT VERIFIED ({check.Outcome})");
        }

        return check.Verified ? ExitCodes.Success : ExitCodes.VerificationFailed;
    }
}
