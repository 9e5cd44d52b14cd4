using System.CommandLine;

namespace OpenVerify.Cli.Verbs;

/// <summary>
/// <c>openverify bundle &lt;receipt.json&gt; [--out file]</c> writes the receipt as a Sigstore bundle (v0.3, DSSE,
/// public-key hint) to <c>&lt;name&gt;.sigstore.json</c>, which Sigstore's verifiers check with a key-based trust root
/// and <c>openverify verify</c> reads like the receipt itself (docs/spec/receipt-bundle.md).
/// </summary>
internal sealed class BundleVerb : IVerb
{
    public Command CreateCommand(CliConsole console)
    {
        var file = new Argument<string>("receipt") { Description = "The receipt (a DSSE envelope).", HelpName = "receipt.json" };
        var output = new Option<string?>("--out") { Description = "Write the bundle here (default: <name>.sigstore.json beside the receipt).", HelpName = "bundle.json" };
        var command = new Command("bundle", "Write a receipt as a Sigstore bundle (v0.3, DSSE, public-key hint) that Sigstore tools verify with the signer's key. A batched receipt's bundle holds its signed batch root; keep the receipt for its statement and inclusion proof.")
        {
            file, output,
        };
        command.SetAction(parse => Write(console, parse.GetRequiredValue(file), parse.GetValue(output)));
        return command;
    }

    private static int Write(CliConsole console, string path, string? output)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliUsageException($"Cannot read the receipt '{path}': {e.Message}", e);
        }

        Receipt receipt;
        try
        {
            receipt = Receipt.Parse(text.TrimEnd('\n', '\r'));
        }
        catch (ReceiptFormatException e)
        {
            throw new CliUsageException($"'{path}' is not a receipt: {e.Message}", e);
        }

        var name = Path.GetFileName(path);
        name = name.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? name[..^5] : name;
        output ??= Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, name + ".sigstore.json");
        File.WriteAllText(output, ReceiptBundle.Create(receipt));
        console.Line(receipt.Envelope.Batch is null
            ? $"Wrote the receipt as a Sigstore bundle to {output}."
            : $"Wrote the batched receipt's signed batch root as a Sigstore bundle to {output}; the receipt's statement and inclusion proof stay in {path}.");
        return ExitCodes.Success;
    }
}
