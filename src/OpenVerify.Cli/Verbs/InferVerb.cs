using System.CommandLine;
using System.Text.Json.Nodes;
using OpenVerify.Cli.Npy;

namespace OpenVerify.Cli.Verbs;

/// <summary>
/// <c>openverify infer &lt;model.onnx&gt; --key &lt;file.key&gt; --input &lt;name&gt;=&lt;file.npy&gt; ... [--nonce]
/// [--audience] [--out &lt;dir&gt;]</c>: runs the model through <see cref="VerifiedModel"/> and writes each output to
/// <c>&lt;dir&gt;/&lt;sanitized name&gt;.npy</c>, <c>&lt;dir&gt;/outputs.json</c> (output name → file) and the receipt
/// to <c>&lt;dir&gt;/receipt.json</c>.
/// </summary>
internal sealed class InferVerb : IVerb
{
    /// <summary>The method name recorded in receipts the tool signs.</summary>
    internal const string MethodName = "openverify infer";

    public Command CreateCommand(CliConsole console)
    {
        var model = new Argument<string>("model") { Description = "The ONNX model file." };
        var key = new Option<string>("--key")
        {
            Description = $"The receipt signing key: {SigningKeys.ReferenceHelp}, as 'openverify keygen' makes.",
            HelpName = "file.key|pkcs11:uri",
            Required = true,
        };
        var inputs = CommonOptions.Tensors("--input", "model input");
        var nonce = CommonOptions.Nonce("A nonce to record in the receipt (a verifier can require it).");
        var audience = CommonOptions.Audience("An audience to record in the receipt.");
        var output = new Option<string>("--out")
        {
            Description = "The folder for outputs and the receipt; created if needed. Default: the current folder.",
            HelpName = "dir",
            DefaultValueFactory = _ => ".",
        };
        var json = CommonOptions.Json();

        var command = new Command("infer", "Run a model with a signed receipt: writes <dir>/<output>.npy, <dir>/outputs.json and <dir>/receipt.json.")
        {
            model, key, inputs, nonce, audience, output, json,
        };
        command.SetAction(parse => Run(
            console,
            parse.GetRequiredValue(model),
            parse.GetRequiredValue(key),
            parse.GetValue(inputs) ?? [],
            parse.GetValue(nonce),
            parse.GetValue(audience),
            parse.GetRequiredValue(output),
            parse.GetValue(json)));
        return command;
    }

    private static int Run(CliConsole console, string modelPath, string keyPath, string[] inputArguments, string? nonce, string? audience, string outputDirectory, bool json)
    {
        // Read everything the run needs before running it, so a bad argument costs nothing.
        var inputs = TensorFiles.Read(inputArguments, "--input") ?? new TensorSet([]);
        using var key = SigningKeys.Open(keyPath);
        using var model = VerifiedModel.Load(modelPath);

        var attested = model.Run(inputs, new InferenceOptions
        {
            Nonce = nonce,
            Audience = audience,
            Signer = key.Signer,
            Method = MethodName,
        });

        Directory.CreateDirectory(outputDirectory);
        var outputs = attested.Value;
        var fileNames = TensorFiles.OutputFileNames(outputs.Keys);
        var map = new JsonObject();
        var rows = new List<(string Name, TensorValue Tensor, string Path)>();
        var i = 0;
        foreach (var (name, tensor) in outputs)
        {
            var fileName = fileNames[i++];
            var path = Path.Combine(outputDirectory, fileName);
            NpyFormat.WriteFile(path, tensor);
            map[name] = fileName;
            rows.Add((name, tensor, path));
        }

        var mapPath = Path.Combine(outputDirectory, "outputs.json");
        File.WriteAllText(mapPath, map.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }) + "\n");
        var receiptPath = Path.Combine(outputDirectory, "receipt.json");
        File.WriteAllText(receiptPath, attested.Receipt.ToJson() + "\n");

        if (json)
        {
            console.Json(new JsonObject
            {
                ["model"] = new JsonObject { ["path"] = modelPath, ["digest"] = model.Digest.ToString() },
                ["receipt"] = new JsonObject { ["path"] = receiptPath, ["id"] = attested.Receipt.Id.ToString(), ["keyId"] = key.KeyId },
                ["outputsFile"] = mapPath,
                ["outputs"] = new JsonArray([.. rows.Select(r => (JsonNode)new JsonObject
                {
                    ["name"] = r.Name,
                    ["elementType"] = ElementTypes.ToOnnxName(r.Tensor.ElementType),
                    ["shape"] = new JsonArray([.. r.Tensor.Shape.Select(d => (JsonNode)d)]),
                    ["file"] = r.Path,
                })]),
            });
            return ExitCodes.Success;
        }

        console.Line($"Ran {modelPath} ({model.Digest}).");
        var table = CliConsole.Table("Output", "Type", "File");
        foreach (var (name, tensor, path) in rows)
        {
            CliConsole.AddRow(table, name, TensorFiles.Describe(tensor), path);
        }

        console.Ansi.Write(table);
        console.Line($"Outputs map: {mapPath}");
        console.Line($"Receipt: {receiptPath} (id {attested.Receipt.Id}, signed by {key.KeyId})");
        return ExitCodes.Success;
    }
}
