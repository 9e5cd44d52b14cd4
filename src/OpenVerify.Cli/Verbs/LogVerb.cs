using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using OpenVerify.Logs;

namespace OpenVerify.Cli.Verbs;

/// <summary>
/// <c>openverify log verify &lt;log.jsonl&gt; --trust &lt;receipt-signer.pub&gt; ... --log-key &lt;log.pub&gt; ...
/// [--checkpoint &lt;kept.json&gt;] [--origin &lt;name&gt;] [--json]</c> checks a receipt log end to end and names the first bad entry (exit 1);
/// <c>openverify log prove &lt;log.jsonl&gt; --index &lt;i&gt; [--out proof.json]</c> prints an inclusion proof of receipt i
/// with the signed tree head it leads to, which <c>openverify verify</c> accepts on its own.
/// </summary>
internal sealed class LogVerb : IVerb
{
    public Command CreateCommand(CliConsole console) => new("log", "Receipt logs: verify one end to end, or prove that a receipt is in one.")
    {
        CreateVerify(console),
        CreateProve(console),
    };

    /// <summary><c>--trust</c> (receipt-signer keys) and <c>--log-key</c> (log keys), as <c>log verify</c> and
    /// <c>verify</c> take them.</summary>
    internal static Option<string[]> LogKeyOption() => new("--log-key")
    {
        Description = "A public key (SPKI PEM) trusted to sign log tree heads (role log); repeat for several.",
        HelpName = "log.pub",
        Arity = ArgumentArity.ZeroOrMore,
    };

    internal static TrustStore Trust(string[] receiptSigners, string[] logKeys)
    {
        var trust = new TrustStore();
        foreach (var path in receiptSigners)
        {
            trust.Add(PublicKey.Load(path), KeyRole.ReceiptSigner);
        }

        foreach (var path in logKeys)
        {
            trust.Add(PublicKey.Load(path), KeyRole.Log);
        }

        return trust;
    }

    private static Command CreateVerify(CliConsole console)
    {
        var file = new Argument<string>("log") { Description = "The receipt log (JSON Lines of receipts and signed tree heads).", HelpName = "log.jsonl" };
        var trust = new Option<string[]>("--trust")
        {
            Description = "A public key (SPKI PEM) trusted as a receipt signer; repeat for several.",
            HelpName = "file.pub",
            Required = true,
            Arity = ArgumentArity.OneOrMore,
        };
        var logKey = LogKeyOption();
        var checkpoint = new Option<string?>("--checkpoint") { Description = "A tree head kept outside the log (a checkpoint file): it must be of this log (--origin) and the log must extend it.", HelpName = "kept.json" };
        var origin = new Option<string>("--origin")
        {
            Description = $"The log's name: every tree head in it, and the kept checkpoint, must carry it (default {ReceiptLogOptions.DefaultOrigin}).",
            HelpName = "name",
            DefaultValueFactory = _ => ReceiptLogOptions.DefaultOrigin,
        };
        var json = CommonOptions.Json();
        var command = new Command("verify", "Check every receipt's signature or batch proof, and every tree head's signature, origin and size, with its signed root recomputed from the receipts before it (which proves each receipt's inclusion and that each head extends the previous one).")
        {
            file, trust, logKey, checkpoint, origin, json,
        };
        command.SetAction(parse => Verify(
            console,
            parse.GetRequiredValue(file),
            Trust(parse.GetValue(trust) ?? [], parse.GetValue(logKey) ?? []),
            parse.GetValue(checkpoint),
            parse.GetRequiredValue(origin),
            parse.GetValue(json)));
        return command;
    }

    private static int Verify(CliConsole console, string path, TrustStore trust, string? checkpointPath, string origin, bool json)
    {
        if (!File.Exists(path))
        {
            throw new CliUsageException($"The receipt log '{path}' does not exist.");
        }

        SignedTreeHead? kept = null;
        if (checkpointPath is not null)
        {
            if (!File.Exists(checkpointPath))
            {
                throw new CliUsageException($"The checkpoint file '{checkpointPath}' does not exist.");
            }

            try
            {
                kept = SignedTreeHead.Parse(File.ReadAllText(checkpointPath));
            }
            catch (ReceiptFormatException e)
            {
                throw new CliUsageException($"'{checkpointPath}' is not a checkpoint (a signed tree head): {e.Message}", e);
            }
        }

        var result = LogVerifier.Verify(path, trust, kept, origin);
        if (json)
        {
            console.Json(new JsonObject
            {
                ["verified"] = result.Succeeded,
                ["source"] = path,
                ["origin"] = origin,
                ["receipts"] = result.Receipts,
                ["treeHeads"] = result.TreeHeads,
                ["failure"] = result.Failure,
                ["failedReceiptIndex"] = result.FailedReceiptIndex,
                ["failedLine"] = result.FailedLine,
                ["notes"] = new JsonArray([.. result.Notes.Select(n => (JsonNode)n)]),
            });
        }
        else
        {
            console.Line(string.Create(CultureInfo.InvariantCulture, $"{path}: {result.Receipts} receipts and {result.TreeHeads} tree heads checked"));
            foreach (var note in result.Notes)
            {
                console.Line($"  note: {note}");
            }

            if (result.Failure is { } failure)
            {
                console.Line($"  first bad entry: {Cli.OneLine(failure)}");
            }

            console.Line(result.Succeeded ? "VERIFIED" : "NOT VERIFIED");
        }

        return result.Succeeded ? ExitCodes.Success : ExitCodes.VerificationFailed;
    }

    private static Command CreateProve(CliConsole console)
    {
        var file = new Argument<string>("log") { Description = "The receipt log.", HelpName = "log.jsonl" };
        var index = new Option<long>("--index") { Description = "The receipt's index in the log (0-based, counting receipts only).", HelpName = "i", Required = true };
        var output = new Option<string?>("--out") { Description = "Write the proof to this file instead of standard output.", HelpName = "proof.json" };
        var command = new Command("prove", "Print an inclusion proof of one receipt, with the signed tree head it leads to; 'openverify verify' accepts it on its own.")
        {
            file, index, output,
        };
        command.SetAction(parse => Prove(console, parse.GetRequiredValue(file), parse.GetValue(index), parse.GetValue(output)));
        return command;
    }

    private static int Prove(CliConsole console, string path, long index, string? output)
    {
        LogContents contents;
        try
        {
            contents = LogFile.Read(path);
        }
        catch (FileNotFoundException e)
        {
            throw new CliUsageException($"The receipt log '{path}' does not exist.", e);
        }

        LogInclusionProof proof;
        try
        {
            proof = LogInclusionProof.Create(contents, index);
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw new CliUsageException(e.Message.Split(" (Parameter", 2)[0], e);
        }

        var json = proof.ToJson();
        if (output is null)
        {
            console.Out.WriteLine(json);
        }
        else
        {
            File.WriteAllText(output, json + "\n");
            console.Line(string.Create(CultureInfo.InvariantCulture, $"Wrote the inclusion proof of receipt {index} (tree size {proof.TreeSize}) to {output}."));
        }

        return ExitCodes.Success;
    }
}
