using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using OpenVerify.Extensions.AI;

namespace OpenVerify.Cli.Verbs;

/// <summary>
/// <c>openverify verify-chain &lt;folder | receipts.jsonl&gt; --trust &lt;file.pub&gt; [--json]</c>: checks that chat
/// receipts form one conversation's unbroken chain (docs/spec/chat-v1.md §5). A folder holds <c>*.receipt.json</c>,
/// taken in file-name order, each with an optional <c>*.transcript.json</c> beside it that must be the one signed; a
/// JSON Lines file holds one receipt per line, in order. A dropped, reordered or inserted turn fails.
/// </summary>
internal sealed class VerifyChainVerb : IVerb
{
    private const string ReceiptSuffix = ".receipt.json";
    private const string TranscriptSuffix = ".transcript.json";

    public Command CreateCommand(CliConsole console)
    {
        var source = new Argument<string>("chain")
        {
            Description = "A folder of NNN.receipt.json (with NNN.transcript.json beside each, when kept), or a JSON Lines file of receipts in conversation order.",
            HelpName = "folder|receipts.jsonl",
        };
        var trust = new Option<string[]>("--trust")
        {
            Description = "A public key (SPKI PEM) trusted as a receipt signer; repeat for several.",
            HelpName = "file.pub",
            Required = true,
            Arity = ArgumentArity.OneOrMore,
        };
        var json = CommonOptions.Json();
        var command = new Command("verify-chain", "Verify that chat receipts form one conversation's unbroken chain: no turn dropped, reordered or inserted.") { source, trust, json };
        command.SetAction(parse => Run(console, parse.GetRequiredValue(source), parse.GetValue(trust) ?? [], parse.GetValue(json)));
        return command;
    }

    private static int Run(CliConsole console, string path, string[] trustFiles, bool json)
    {
        var trust = LogVerb.Trust(trustFiles, []);
        var items = Read(path);
        var receipts = new List<ChatReceipt>();
        foreach (var (label, text, transcript) in items)
        {
            try
            {
                receipts.Add(ChatReceipt.Parse(text).WithTranscriptOrSelf(transcript));
            }
            catch (ReceiptFormatException e)
            {
                throw new CliUsageException($"{label}: not a chat receipt: {e.Message}", e);
            }
        }

        var result = new ChatReceiptVerifier(trust).VerifyChain(receipts);
        if (json)
        {
            console.Json(new JsonObject
            {
                ["verified"] = result.Succeeded,
                ["source"] = path,
                ["receipts"] = new JsonArray([.. result.Receipts.Select((r, i) => (JsonNode)new JsonObject
                {
                    ["source"] = items[i].Label,
                    ["id"] = r.Id?.ToString(),
                    ["verified"] = r.Succeeded,
                    ["turn"] = r.Predicate?.Chain?.Turn,
                    ["failure"] = r.FirstFailure is { } f ? $"{f.Name}: {f.Detail}" : null,
                })]),
                ["chain"] = result.ChainChecks.FirstOrDefault(c => !c.Passed) is { } broken ? $"{broken.Detail}" : "unbroken",
            });
        }
        else
        {
            for (var i = 0; i < result.Receipts.Count; i++)
            {
                var r = result.Receipts[i];
                var turn = r.Predicate?.Chain?.Turn is { } t ? t.ToString(CultureInfo.InvariantCulture) : "?";
                console.Line($"{items[i].Label}: {(r.Succeeded ? "VERIFIED" : "NOT VERIFIED")} (turn {turn}{(r.Predicate?.Truncated == true ? ", truncated" : string.Empty)})");
                if (r.FirstFailure is { } failure)
                {
                    console.Line($"  failed: {failure.Name}: {Cli.OneLine(failure.Detail)}");
                }
            }

            foreach (var check in result.ChainChecks)
            {
                console.Line($"{(check.Passed ? "pass" : "FAIL")} chain: {Cli.OneLine(check.Detail)}");
            }

            console.Line(result.Succeeded ? "VERIFIED" : "NOT VERIFIED");
        }

        return result.Succeeded ? ExitCodes.Success : ExitCodes.VerificationFailed;
    }

    private static List<(string Label, string Text, byte[]? Transcript)> Read(string path)
    {
        if (Directory.Exists(path))
        {
            var files = Directory.GetFiles(path, "*" + ReceiptSuffix).Order(StringComparer.Ordinal).ToList();
            if (files.Count == 0)
            {
                throw new CliUsageException($"The folder '{path}' holds no *{ReceiptSuffix} files.");
            }

            return [.. files.Select(f =>
            {
                var transcript = f[..^ReceiptSuffix.Length] + TranscriptSuffix;
                return (Path.GetFileName(f), VerifyVerb.ReadReceipts(f)[0].Text, File.Exists(transcript) ? ChatVerification.ReadTranscript(transcript) : null);
            })];
        }

        if (!File.Exists(path))
        {
            throw new CliUsageException($"'{path}' is neither a folder nor a file.");
        }

        return [.. VerifyVerb.ReadReceipts(path).Select(r => ($"{path}:{r.Line?.ToString(CultureInfo.InvariantCulture) ?? "1"}", r.Text, (byte[]?)null))];
    }
}

file static class ChatReceiptCliExtensions
{
    public static ChatReceipt WithTranscriptOrSelf(this ChatReceipt receipt, byte[]? transcript) => transcript is null ? receipt : receipt.WithTranscript(transcript);
}
