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
        CreateCheckpoint(console),
        TiledLogs.CreateMigrate(console),
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
        var file = new Argument<string>("log")
        {
            Description = "The receipt log: a JSON Lines file of receipts and signed tree heads, or a tiled log (C2SP tlog-tiles) as a folder or an http(s) URL prefix.",
            HelpName = "log.jsonl|folder|URL",
        };
        var trust = new Option<string[]>("--trust")
        {
            Description = "A public key (SPKI PEM) trusted as a receipt signer; repeat for several. Needed for a JSON Lines log and for --entries.",
            HelpName = "file.pub",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var entries = new Option<bool>("--entries") { Description = "Tiled logs: also fetch every entry bundle and verify every receipt (--trust) and that they give the checkpoint's root." };
        var (witness, requireCosignatures) = TiledLogs.WitnessOptions();
        var save = new Option<string?>("--save-checkpoint") { Description = "Tiled logs: once verified, write the log's current checkpoint here (keep it, and pass it as --checkpoint next time).", HelpName = "file" };
        var logKey = LogKeyOption();
        var checkpoint = new Option<string?>("--checkpoint")
        {
            Description = "A checkpoint kept outside the log: a C2SP signed-note checkpoint ('openverify log checkpoint'; checked with --checkpoint-key, or the --log-key keys under the --origin name) or a JSON signed tree head. It must be of this log (--origin) and the log must extend it.",
            HelpName = "kept",
        };
        var checkpointKey = new Option<string[]>("--checkpoint-key")
        {
            Description = "A note verifier key (name+id+key, as 'openverify keygen --role log' prints) trusted to sign a signed-note checkpoint; repeat for several.",
            HelpName = "vkey",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var origin = new Option<string>("--origin")
        {
            Description = $"The log's name: every tree head in it, and the kept checkpoint, must carry it (default {ReceiptLogOptions.DefaultOrigin}).",
            HelpName = "name",
            DefaultValueFactory = _ => ReceiptLogOptions.DefaultOrigin,
        };
        var json = CommonOptions.Json();
        var command = new Command("verify", "Check every receipt's signature or batch proof, and every tree head's signature, origin and size, with its signed root recomputed from the receipts before it (which proves each receipt's inclusion and that each head extends the previous one).")
        {
            file, trust, logKey, checkpoint, checkpointKey, origin, entries, save, witness, requireCosignatures, json,
        };
        command.SetAction(parse => TiledLogs.IsTiled(parse.GetRequiredValue(file))
            ? TiledLogs.Verify(
                console,
                parse.GetRequiredValue(file),
                parse.GetValue(trust) is { Length: > 0 } signers ? Trust(signers, []) : null,
                parse.GetValue(checkpoint),
                NoteKeys(parse.GetValue(checkpointKey) ?? [], parse.GetValue(logKey) ?? [], parse.GetRequiredValue(origin)),
                parse.GetRequiredValue(origin),
                parse.GetValue(entries),
                parse.GetValue(save),
                parse.GetValue(json),
                parse.GetValue(witness),
                parse.GetValue(requireCosignatures))
            : Verify(
            console,
            parse.GetRequiredValue(file),
            Trust(parse.GetValue(trust) ?? [], parse.GetValue(logKey) ?? []),
            parse.GetValue(checkpoint),
            NoteKeys(parse.GetValue(checkpointKey) ?? [], parse.GetValue(logKey) ?? [], parse.GetRequiredValue(origin)),
            parse.GetRequiredValue(origin),
            parse.GetValue(json)));
        return command;
    }

    /// <summary>The note verifier keys a signed-note checkpoint is checked with: the given vkeys, and every Ed25519
    /// log key under the log's origin as key name (the name 'openverify log checkpoint' signs with).</summary>
    internal static List<NoteVerifierKey> NoteKeys(string[] vkeys, string[] logKeys, string origin)
    {
        var keys = new List<NoteVerifierKey>();
        foreach (var vkey in vkeys)
        {
            try
            {
                keys.Add(NoteVerifierKey.Parse(vkey));
            }
            catch (KeyFormatException e)
            {
                throw new CliUsageException($"--checkpoint-key '{vkey}' is not a note verifier key: {e.Message}", e);
            }
        }

        foreach (var path in logKeys)
        {
            var key = PublicKey.Load(path);
            try
            {
                keys.Add(NoteVerifierKey.FromPublicKey(origin, key));
            }
            catch (KeyFormatException)
            {
                // A P-256 log key, or an origin that cannot be a key name: such a key signs no note; --checkpoint-key can.
            }
        }

        return keys;
    }

    private static int Verify(CliConsole console, string path, TrustStore trust, string? checkpointPath, List<NoteVerifierKey> noteKeys, string origin, bool json)
    {
        if (!File.Exists(path))
        {
            throw new CliUsageException($"The receipt log '{path}' does not exist.");
        }

        if (!trust.Keys.Any(k => k.Role == KeyRole.ReceiptSigner))
        {
            throw new CliUsageException("A JSON Lines log's receipts are verified: pass the receipt signers' keys with --trust.");
        }

        LogVerificationResult result;
        if (checkpointPath is null)
        {
            result = LogVerifier.Verify(path, trust, (SignedTreeHead?)null, origin);
        }
        else if (!File.Exists(checkpointPath))
        {
            throw new CliUsageException($"The checkpoint file '{checkpointPath}' does not exist.");
        }
        else
        {
            var bytes = File.ReadAllBytes(checkpointPath);
            if (bytes.Length > 0 && bytes[0] == (byte)'{')
            {
                SignedTreeHead kept;
                try
                {
                    kept = SignedTreeHead.Parse(System.Text.Encoding.UTF8.GetString(bytes));
                }
                catch (ReceiptFormatException e)
                {
                    throw new CliUsageException($"'{checkpointPath}' is not a checkpoint (a signed tree head): {e.Message}", e);
                }

                result = LogVerifier.Verify(path, trust, kept, origin);
            }
            else
            {
                // A signed note: its signature is checked first, and a note that does not verify fails the log check.
                try
                {
                    result = LogVerifier.Verify(path, trust, Checkpoint.Open(bytes, noteKeys), origin);
                }
                catch (NoteFormatException e)
                {
                    result = new LogVerificationResult(false, 0, 0, $"the kept checkpoint {checkpointPath}: {e.Message}", null, null, []);
                }
            }
        }

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

    private static Command CreateCheckpoint(CliConsole console)
    {
        var file = new Argument<string>("log") { Description = "The receipt log.", HelpName = "log.jsonl" };
        var key = new Option<string>("--key") { Description = "The log's private key (PKCS#8 PEM, Ed25519, role log) that signed its tree heads.", HelpName = "log.key", Required = true };
        var origin = new Option<string>("--origin")
        {
            Description = $"The log's name: the checkpoint's origin line and key name (default {ReceiptLogOptions.DefaultOrigin}).",
            HelpName = "name",
            DefaultValueFactory = _ => ReceiptLogOptions.DefaultOrigin,
        };
        var output = new Option<string?>("--out") { Description = "Write the checkpoint to this file instead of standard output.", HelpName = "checkpoint" };
        var command = new Command("checkpoint", "Print the log's current checkpoint as a C2SP signed note (tlog-checkpoint): its last signed tree head, signed again by the same key in the form other tools read.")
        {
            file, key, origin, output,
        };
        command.SetAction(parse => PrintCheckpoint(console, parse.GetRequiredValue(file), parse.GetRequiredValue(key), parse.GetRequiredValue(origin), parse.GetValue(output)));
        return command;
    }

    private static int PrintCheckpoint(CliConsole console, string path, string keyPath, string origin, string? output)
    {
        if (!File.Exists(path))
        {
            throw new CliUsageException($"The receipt log '{path}' does not exist.");
        }

        using var key = SigningKey.Load(keyPath);
        NoteSigner signer;
        try
        {
            signer = new NoteSigner(origin, key);
        }
        catch (KeyFormatException e)
        {
            throw new CliUsageException($"{e.Message} A checkpoint is signed with the log's Ed25519 key under the log's origin as key name.", e);
        }

        // The checkpoint republishes the last tree head the log signed, once that head's signature and origin check out.
        var last = LogFile.Read(path).Entries.LastOrDefault(e => e.Kind == LogEntryKind.TreeHead)?.TreeHead
            ?? throw new CliUsageException($"The log '{path}' has no signed tree head yet; sign one (ReceiptLog.SignTreeHead) first.");
        var check = last.Verify(TrustStore.For(key.PublicKey, KeyRole.Log));
        if (!check.Passed)
        {
            throw new CliUsageException($"The log's last tree head was not signed by this key: {check}");
        }

        if (last.Head.Origin != origin)
        {
            throw new CliUsageException($"The log's tree heads are of the log '{last.Head.Origin}', not '{origin}'; pass --origin '{last.Head.Origin}'.");
        }

        var note = new Checkpoint(origin, last.Head.TreeSize, last.Head.RootHash).Sign(signer);
        if (output is null)
        {
            console.Out.Write(note);
        }
        else
        {
            File.WriteAllText(output, note, new System.Text.UTF8Encoding(false));
            console.Line(string.Create(CultureInfo.InvariantCulture, $"Wrote the checkpoint of size {last.Head.TreeSize} to {output}; check it with the verifier key {signer.VerifierKey}."));
        }

        return ExitCodes.Success;
    }

    private static Command CreateProve(CliConsole console)
    {
        var file = new Argument<string>("log") { Description = "The receipt log: a JSON Lines file, or a tiled log (folder or URL).", HelpName = "log.jsonl|folder|URL" };
        var index = new Option<long?>("--index") { Description = "The receipt's index in the log (0-based, counting receipts only).", HelpName = "i" };
        var from = new Option<long?>("--from") { Description = "Tiled logs: print the consistency proof from this earlier size to the current checkpoint instead.", HelpName = "m" };
        var output = new Option<string?>("--out") { Description = "Write the proof to this file instead of standard output.", HelpName = "proof.json" };
        var command = new Command("prove", "Print an inclusion proof of one receipt, with the signed tree head (or, for a tiled log, the checkpoint) it leads to; 'openverify verify' accepts a JSON Lines log's proof on its own.")
        {
            file, index, from, output,
        };
        command.SetAction(parse => TiledLogs.IsTiled(parse.GetRequiredValue(file))
            ? TiledLogs.Prove(console, parse.GetRequiredValue(file), parse.GetValue(index), parse.GetValue(from), parse.GetValue(output))
            : Prove(console, parse.GetRequiredValue(file), parse.GetValue(index) ?? throw new CliUsageException("--index is required."), parse.GetValue(output)));
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
