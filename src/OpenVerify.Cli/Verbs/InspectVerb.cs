using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using OpenVerify.Onnx;

namespace OpenVerify.Cli.Verbs;

/// <summary><c>openverify inspect &lt;model.onnx&gt; [--json]</c>: the digest, opset imports, producer, and inputs and
/// outputs of a model, read without loading it (so it works for models a verified run refuses), and a plain statement
/// of whether a verified run can use it.</summary>
internal sealed class InspectVerb : IVerb
{
    public Command CreateCommand(CliConsole console)
    {
        var model = new Argument<string>("model") { Description = "The ONNX model file, or an ML.NET model (.zip)." };
        var json = CommonOptions.Json();
        var command = new Command("inspect", "Show a model's digest, opsets, producer, inputs and outputs, and whether it can run verified.")
        {
            model, json,
        };
        command.SetAction(parse => Run(console, parse.GetRequiredValue(model), parse.GetValue(json)));
        return command;
    }

    private static int Run(CliConsole console, string path, bool json)
    {
        if (MLNetModels.IsZip(path))
        {
            return MLNetModels.Inspect(console, path, json);
        }

        OnnxModelInfo info;
        try
        {
            info = OnnxModelReader.ReadFile(path);
        }
        catch (OnnxFormatException e)
        {
            throw new CliUsageException($"'{path}' is not a valid ONNX model: {e.Message}", e);
        }

        var digest = ModelFiles.Digest(console, path);
        var size = new FileInfo(path).Length;
        var problems = Problems(info);

        if (json)
        {
            console.Json(new JsonObject
            {
                ["path"] = path,
                ["digest"] = digest.ToString(),
                ["sizeBytes"] = size,
                ["irVersion"] = info.IrVersion,
                ["producer"] = new JsonObject { ["name"] = info.ProducerName, ["version"] = info.ProducerVersion },
                ["opsetImports"] = new JsonArray([.. info.OpsetImports.Select(o => (JsonNode)new JsonObject { ["domain"] = o.Key, ["version"] = o.Value })]),
                ["inputs"] = Values(info.Inputs),
                ["outputs"] = Values(info.Outputs),
                ["externalDataTensors"] = new JsonArray([.. info.ExternalDataTensors.Select(t => (JsonNode)t)]),
                ["customDomains"] = new JsonArray([.. info.CustomDomains.Select(d => (JsonNode)d)]),
                ["verifiedRunSupported"] = problems.Count == 0,
                ["problems"] = new JsonArray([.. problems.Select(p => (JsonNode)p)]),
            });
            return ExitCodes.Success;
        }

        var summary = CliConsole.Table("Property", "Value");
        CliConsole.AddRow(summary, "File", path);
        CliConsole.AddRow(summary, "Digest", digest.ToString());
        CliConsole.AddRow(summary, "Size", string.Create(CultureInfo.InvariantCulture, $"{size:N0} bytes"));
        CliConsole.AddRow(summary, "IR version", info.IrVersion.ToString(CultureInfo.InvariantCulture));
        CliConsole.AddRow(summary, "Producer", $"{info.ProducerName} {info.ProducerVersion}".Trim() is { Length: > 0 } p ? p : "(none)");
        CliConsole.AddRow(summary, "Opset imports", info.OpsetImports.Count == 0
            ? "(none)"
            : string.Join(", ", info.OpsetImports.Select(o => $"{(o.Key.Length == 0 ? "ai.onnx" : o.Key)} {o.Value.ToString(CultureInfo.InvariantCulture)}")));
        console.Ansi.Write(summary);

        var values = CliConsole.Table("Direction", "Name", "Element type", "Shape");
        foreach (var (direction, list) in new[] { ("input", info.Inputs), ("output", info.Outputs) })
        {
            foreach (var value in list)
            {
                CliConsole.AddRow(values, direction, value.Name, TypeText(value), ShapeText(value.Shape));
            }
        }

        console.Ansi.Write(values);
        if (problems.Count == 0)
        {
            console.Line("Verified run: yes (weights inside the file, standard operators, dense tensor inputs and outputs).");
        }
        else
        {
            console.Line("Verified run: NO. OpenVerify refuses this model:");
            foreach (var problem in problems)
            {
                console.Line($"  - {problem}");
            }
        }

        return ExitCodes.Success;
    }

    /// <summary>Why a verified run would refuse the model (the same rules <see cref="VerifiedModel"/> applies).</summary>
    internal static List<string> Problems(OnnxModelInfo info)
    {
        var problems = new List<string>();
        if (info.HasExternalData)
        {
            problems.Add($"it keeps weights outside the model file (external data: {string.Join(", ", info.ExternalDataTensors)}), which the model digest would not cover");
        }

        if (info.CustomDomains.Count > 0)
        {
            problems.Add($"it uses custom operators (domains: {string.Join(", ", info.CustomDomains)}), whose libraries the model digest would not cover");
        }

        foreach (var (direction, list) in new[] { ("input", info.Inputs), ("output", info.Outputs) })
        {
            foreach (var value in list)
            {
                if (value.Kind != "tensor")
                {
                    problems.Add($"its {direction} '{value.Name}' is a {value.Kind}; OpenVerify v1 covers dense tensors only");
                }
                else if (!ElementTypes.IsSupported((ElementType)value.ElementType))
                {
                    problems.Add($"its {direction} '{value.Name}' has element type {TypeText(value)}, which receipts cannot cover");
                }
            }
        }

        return problems;
    }

    private static JsonArray Values(IEnumerable<OnnxValueInfo> values) =>
        new([.. values.Select(v => (JsonNode)new JsonObject
        {
            ["name"] = v.Name,
            ["kind"] = v.Kind,
            ["elementType"] = v.Kind == "tensor" ? TypeText(v) : null,
            ["shape"] = v.Shape is null ? null : new JsonArray([.. v.Shape.Select(d => d.Value is { } n ? JsonValue.Create(n) : (JsonNode?)JsonValue.Create(d.Symbol))]),
        })]);

    private static string TypeText(OnnxValueInfo value) =>
        value.Kind != "tensor" ? value.Kind : value.ElementType == 0 ? "(unknown)" : ElementTypes.ToOnnxName((ElementType)value.ElementType);

    private static string ShapeText(IReadOnlyList<OnnxDimension>? shape) =>
        shape is null ? "(unknown rank)" : $"[{string.Join(",", shape.Select(d => d.ToString()))}]";
}
