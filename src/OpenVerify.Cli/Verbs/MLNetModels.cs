using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.ML;
using OpenVerify.ML;

namespace OpenVerify.Cli.Verbs;

/// <summary>ML.NET models (<c>.zip</c>) in the CLI: <c>inspect</c> prints their schema, and <c>verify --replay</c> replays
/// ML.NET receipts through them from an input row given as JSON.</summary>
internal static class MLNetModels
{
    /// <summary>Whether the file is a zip archive (an ML.NET model), by its first bytes.</summary>
    public static bool IsZip(string path)
    {
        try
        {
            using var file = File.OpenRead(path);
            Span<byte> head = stackalloc byte[4];
            return file.ReadAtLeast(head, 4, throwOnEndOfStream: false) == 4 && head.SequenceEqual("PK\u0003\u0004"u8);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    public static VerifiedMLModel Load(string path)
    {
        try
        {
            return VerifiedMLModel.Load(new MLContext(seed: 0), path);
        }
        catch (ModelLoadException e)
        {
            throw new CliUsageException(e.Message, e);
        }
    }

    /// <summary>The input row of <c>--input-row</c>: a JSON file, or the JSON text itself.</summary>
    public static TensorSet ReadRow(VerifiedMLModel model, string row)
    {
        var text = row.TrimStart().StartsWith('{') ? row : ReadFile(row);
        try
        {
            return model.ReadInputRow(text);
        }
        catch (ModelInputException e)
        {
            throw new CliUsageException($"--input-row: {e.Message}", e);
        }
    }

    private static string ReadFile(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliUsageException($"Cannot read the input row file '{path}': {e.Message}", e);
        }
    }

    public static int Inspect(CliConsole console, string path, bool json)
    {
        var model = Load(path);
        var size = new FileInfo(path).Length;
        if (json)
        {
            console.Json(new JsonObject
            {
                ["path"] = path,
                ["digest"] = model.Digest.ToString(),
                ["sizeBytes"] = size,
                ["format"] = MLNetReceipts.ModelFormat,
                ["mlNet"] = VerifiedMLModel.MLNetVersion,
                ["inputs"] = Columns(model.Inputs),
                ["outputs"] = Columns(model.Outputs),
            });
            return ExitCodes.Success;
        }

        var summary = CliConsole.Table("Property", "Value");
        CliConsole.AddRow(summary, "File", path);
        CliConsole.AddRow(summary, "Digest", model.Digest.ToString());
        CliConsole.AddRow(summary, "Size", string.Create(CultureInfo.InvariantCulture, $"{size:N0} bytes"));
        CliConsole.AddRow(summary, "Format", $"{MLNetReceipts.ModelFormat} (ML.NET {VerifiedMLModel.MLNetVersion})");
        console.Ansi.Write(summary);
        var columns = CliConsole.Table("Direction", "Column", "ML.NET type", "In receipts");
        foreach (var (direction, list) in new[] { ("input", model.Inputs), ("output", model.Outputs) })
        {
            foreach (var column in list)
            {
                CliConsole.AddRow(columns, direction, column.Name, column.Type, column.ElementType is { } e ? ElementTypes.ToOnnxName(e) : "not covered");
            }
        }

        console.Ansi.Write(columns);
        var uncovered = model.Inputs.Concat(model.Outputs).Where(c => c.ElementType is null).Select(c => c.Name).ToList();
        console.Line(uncovered.Count == 0
            ? "Verified predictions: yes (every column maps to a tensor; docs/spec/mlnet-v1.md §2)."
            : $"Verified predictions: only with input and output classes that leave out {string.Join(", ", uncovered)} (types receipts cannot cover).");
        return ExitCodes.Success;
    }

    private static JsonArray Columns(IEnumerable<MLColumnInfo> columns) =>
        new([.. columns.Select(c => (JsonNode)new JsonObject
        {
            ["name"] = c.Name,
            ["type"] = c.Type,
            ["elementType"] = c.ElementType is { } e ? ElementTypes.ToOnnxName(e) : null,
        })]);
}
