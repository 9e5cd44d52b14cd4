using System.CommandLine;
using System.Text.Json.Nodes;
using OpenVerify.ModelSigning;

namespace OpenVerify.Cli.Verbs;

/// <summary><c>openverify sign-model &lt;model&gt; --key &lt;file.key&gt; [--out &lt;file&gt;] [--json]</c>: writes
/// <c>&lt;model&gt;.sig</c>, an OpenSSF model-signing bundle (docs/spec/model-signature.md) signed with an ECDSA P-256
/// publisher key.</summary>
internal sealed class SignModelVerb : IVerb
{
    public Command CreateCommand(CliConsole console)
    {
        var model = new Argument<string>("model") { Description = "The model file to sign.", HelpName = "model.onnx" };
        var key = new Option<string>("--key")
        {
            Description = $"The publisher's ECDSA P-256 private key: {SigningKeys.ReferenceHelp} (`openverify keygen --algorithm ecdsa-p256`).",
            HelpName = "file.key|pkcs11:uri",
            Required = true,
        };
        var output = new Option<string?>("--out") { Description = "Where to write the signature (default: <model>.sig beside the model).", HelpName = "file" };
        var json = CommonOptions.Json();
        var command = new Command("sign-model", "Sign a model as its publisher: writes <model>.sig (OpenSSF model-signing bundle, ECDSA P-256).")
        {
            model, key, output, json,
        };
        command.SetAction(parse => Run(console, parse.GetRequiredValue(model), parse.GetRequiredValue(key), parse.GetValue(output), parse.GetValue(json)));
        return command;
    }

    private static int Run(CliConsole console, string modelPath, string keyPath, string? output, bool json)
    {
        if (!File.Exists(modelPath))
        {
            throw new CliUsageException($"The model '{modelPath}' does not exist.");
        }

        using var key = SigningKeys.Open(keyPath);
        if (key.Algorithm != KeyAlgorithm.EcdsaP256)
        {
            throw new CliUsageException($"'{SigningKeys.Describe(keyPath)}' is an {key.Algorithm} key; model signatures use ECDSA P-256 publisher keys (`openverify keygen --algorithm ecdsa-p256`).");
        }

        var path = ModelSignature.SignFile(modelPath, key.Signer, output, key.PublicKey);
        var digest = Sha256Digest.ComputeFile(modelPath);
        var signatureDigest = Sha256Digest.ComputeFile(path);
        if (json)
        {
            console.Json(new JsonObject
            {
                ["model"] = modelPath,
                ["modelDigest"] = digest.ToString(),
                ["signature"] = path,
                ["signatureDigest"] = signatureDigest.ToString(),
                ["publisherKeyId"] = key.KeyId,
                ["predicateType"] = ModelSignatureFormat.PredicateType,
            });
        }
        else
        {
            console.Line($"Signed {modelPath} ({digest})");
            console.Line($"Publisher key id: {key.KeyId}");
            console.Line($"Wrote {path} (signature digest {signatureDigest})");
        }

        return ExitCodes.Success;
    }
}
