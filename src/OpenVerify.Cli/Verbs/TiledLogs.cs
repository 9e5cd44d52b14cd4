using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using OpenVerify.Batching;
using OpenVerify.Logs;

namespace OpenVerify.Cli.Verbs;

/// <summary>
/// The CLI's side of tiled logs (C2SP tlog-tiles, docs/spec/tiles-v1.md): <c>log verify &lt;URL|folder&gt;</c>,
/// <c>log prove &lt;URL|folder&gt;</c>, <c>log migrate</c> and <c>verify --log</c>.
/// </summary>
internal static class TiledLogs
{
    /// <summary>Whether a log argument names a tiled log: an http(s) URL, or a folder.</summary>
    public static bool IsTiled(string source) =>
        source.StartsWith("https://", StringComparison.OrdinalIgnoreCase) || source.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || Directory.Exists(source);

    public static ITileSource Source(string source)
    {
        if (!source.StartsWith("https://", StringComparison.OrdinalIgnoreCase) && !source.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
        {
            return new DirectoryTileSource(source);
        }

        return Uri.TryCreate(source, UriKind.Absolute, out var uri)
            ? new HttpTileSource(uri)
            : throw new CliUsageException($"'{source}' is not a valid URL.");
    }

    public static TileLogClient Client(ITileSource source, string origin, IEnumerable<NoteVerifierKey> keys, string[]? witnesses = null, int requiredCosignatures = 0)
    {
        var list = keys.ToList();
        if (list.Count == 0)
        {
            throw new CliUsageException("A tiled log's checkpoint is checked with the log's note key: pass --checkpoint-key <vkey> ('openverify keygen --role log' prints it) or --log-key <log.pub> (an Ed25519 key, named by --origin).");
        }

        var cosigners = new List<CosignerKey>();
        foreach (var vkey in witnesses ?? [])
        {
            try
            {
                cosigners.Add(CosignerKey.Parse(vkey));
            }
            catch (KeyFormatException e)
            {
                throw new CliUsageException($"--witness '{vkey}' is not a cosigner key (name+id+base64(0x04 || key)): {e.Message}", e);
            }
        }

        if (requiredCosignatures < 0 || requiredCosignatures > cosigners.Count)
        {
            throw new CliUsageException($"--require-cosignatures {requiredCosignatures} needs at least that many --witness keys ({cosigners.Count} given).");
        }

        return new TileLogClient(source, origin, list) { Witnesses = cosigners, RequiredCosignatures = requiredCosignatures };
    }

    /// <summary><c>--witness</c> and <c>--require-cosignatures</c>, as <c>log verify</c> and <c>verify --log</c> take them.</summary>
    public static (Option<string[]> Witness, Option<int> Required) WitnessOptions() => (
        new Option<string[]>("--witness") { Description = "A witness's cosigner key (C2SP tlog-cosignature vkey, name+id+base64(0x04 || Ed25519 key)) whose cosignatures on a tiled log's checkpoints count; repeat for several.", HelpName = "vkey", Arity = ArgumentArity.ZeroOrMore },
        new Option<int>("--require-cosignatures") { Description = "How many of the --witness keys must have cosigned the checkpoint (default 0).", HelpName = "n" });

    /// <summary>Reads a kept checkpoint (a signed note) and opens it with the client's keys.</summary>
    public static Checkpoint? Kept(TileLogClient client, string? path)
    {
        if (path is null)
        {
            return null;
        }

        if (!File.Exists(path))
        {
            throw new CliUsageException($"The checkpoint file '{path}' does not exist.");
        }

        return client.OpenCheckpoint(File.ReadAllBytes(path), "the kept checkpoint " + path);
    }

    /// <summary><c>log verify &lt;URL|folder&gt;</c>: the current checkpoint (signature, origin, the tiles give its
    /// root), its consistency with a kept checkpoint, and with <c>--entries</c> every entry bundle (each entry a
    /// receipt that verifies with <c>--trust</c>, their root the checkpoint's).</summary>
    public static int Verify(CliConsole console, string source, TrustStore? trust, string? keptPath, List<NoteVerifierKey> keys, string origin, bool entries, string? savePath, bool json, string[]? witnesses = null, int requiredCosignatures = 0)
    {
        var tiles = Source(source);
        try
        {
            var client = Client(tiles, origin, keys, witnesses, requiredCosignatures);
            string? failure = null;
            Checkpoint? current = null;
            long receipts = 0;
            var notes = new List<string>();
            try
            {
                var kept = Kept(client, keptPath);
                current = client.VerifyCheckpointAsync(kept).GetAwaiter().GetResult();
                notes.Add(string.Create(CultureInfo.InvariantCulture, $"checkpoint of size {current.TreeSize} verified; the tiles give its root"));
                if (kept is not null)
                {
                    notes.Add(string.Create(CultureInfo.InvariantCulture, $"the log extends the kept checkpoint of size {kept.TreeSize}"));
                }

                if (requiredCosignatures > 0)
                {
                    notes.Add(string.Create(CultureInfo.InvariantCulture, $"cosigned by at least {requiredCosignatures} of the trusted witnesses"));
                }

                if (entries)
                {
                    receipts = VerifyEntries(client, current, trust ?? throw new CliUsageException("--entries verifies every receipt: pass the receipt signers' keys with --trust."));
                }
            }
            catch (TileLogException e)
            {
                failure = e.Message;
            }

            if (failure is null && current is not null && savePath is not null)
            {
                var note = tiles.GetAsync(TileLayout.CheckpointName).GetAwaiter().GetResult()!;
                File.WriteAllBytes(savePath, note);
                notes.Add($"saved the checkpoint to {savePath}");
            }

            if (json)
            {
                console.Json(new JsonObject
                {
                    ["verified"] = failure is null,
                    ["source"] = source,
                    ["origin"] = origin,
                    ["treeSize"] = current?.TreeSize,
                    ["rootHash"] = current?.RootHash.ToHex(),
                    ["receipts"] = receipts,
                    ["failure"] = failure,
                    ["notes"] = new JsonArray([.. notes.Select(n => (JsonNode)n)]),
                });
            }
            else
            {
                console.Line($"{source}: tiled log '{origin}'");
                foreach (var note in notes)
                {
                    console.Line($"  note: {note}");
                }

                if (failure is not null)
                {
                    console.Line($"  failed: {Cli.OneLine(failure)}");
                }

                console.Line(failure is null ? "VERIFIED" : "NOT VERIFIED");
            }

            return failure is null ? ExitCodes.Success : ExitCodes.VerificationFailed;
        }
        finally
        {
            (tiles as IDisposable)?.Dispose();
        }
    }

    private static long VerifyEntries(TileLogClient client, Checkpoint checkpoint, TrustStore trust)
    {
        var verifier = new ReceiptVerifier(trust);
        var tree = new MerkleTree();
        for (long number = 0; number * TileLayout.TileWidth < checkpoint.TreeSize; number++)
        {
            foreach (var entry in client.FetchEntriesAsync(number, checkpoint.TreeSize).GetAwaiter().GetResult())
            {
                Receipt receipt;
                try
                {
                    receipt = TileLayout.ParseReceiptEntry(entry.Span);
                }
                catch (TileFormatException e)
                {
                    throw new TileLogException(string.Create(CultureInfo.InvariantCulture, $"entry {tree.Size}: {e.Message}"), e);
                }

                var result = verifier.Verify(receipt);
                if (!result.Succeeded)
                {
                    throw new TileLogException(string.Create(CultureInfo.InvariantCulture, $"receipt {tree.Size}: {result.FirstFailure}"));
                }

                tree.Append(Merkle.HashReceiptLeaf(receipt));
            }
        }

        return tree.RootHash() == checkpoint.RootHash
            ? tree.Size
            : throw new TileLogException(string.Create(CultureInfo.InvariantCulture,
                $"the entries' root {tree.RootHash().ToHex()} is not the checkpoint's {checkpoint.RootHash.ToHex()}: an entry bundle was altered"));
    }

    /// <summary><c>log prove &lt;URL|folder&gt;</c>: an inclusion proof of entry i, or a consistency proof from an
    /// earlier size, against the current checkpoint, with the checkpoint note, as JSON (docs/spec/tiles-v1.md §6).</summary>
    public static int Prove(CliConsole console, string source, long? index, long? from, string? output)
    {
        if (index is null == from is null)
        {
            throw new CliUsageException("A tiled log proves either an entry (--index i) or consistency from an earlier size (--from m).");
        }

        var tiles = Source(source);
        try
        {
            var note = tiles.GetAsync(TileLayout.CheckpointName).GetAwaiter().GetResult()
                ?? throw new CliUsageException($"The log {tiles.Name} has no checkpoint.");

            // The proof is for others to check; here the checkpoint's body is read unverified, to say which size to prove against.
            var text = System.Text.Encoding.UTF8.GetString(note);
            var lines = text.Split('\n');
            if (lines.Length < 3 || !long.TryParse(lines[1], NumberStyles.None, CultureInfo.InvariantCulture, out var size))
            {
                throw new CliUsageException($"The log {tiles.Name} has no readable checkpoint.");
            }

            var client = new TileLogClient(tiles, lines[0], []);
            JsonObject proof;
            try
            {
                if (index is { } i)
                {
                    if (i < 0 || i >= size)
                    {
                        throw new CliUsageException(string.Create(CultureInfo.InvariantCulture, $"The log's checkpoint covers {size} entries; there is no entry {i}."));
                    }

                    var entry = client.FetchEntriesAsync(i / TileLayout.TileWidth, size).GetAwaiter().GetResult()[(int)(i % TileLayout.TileWidth)];
                    var path = client.ProveInclusionAsync(i, size).GetAwaiter().GetResult();
                    proof = new JsonObject
                    {
                        ["type"] = "openverify-tile-inclusion-v1",
                        ["index"] = i,
                        ["treeSize"] = size,
                        ["proof"] = new JsonArray([.. path.Select(h => (JsonNode)h.ToHex())]),
                        ["entry"] = System.Text.Encoding.UTF8.GetString(entry.Span),
                        ["checkpoint"] = text,
                    };
                }
                else
                {
                    var m = from!.Value;
                    if (m < 0 || m > size)
                    {
                        throw new CliUsageException(string.Create(CultureInfo.InvariantCulture, $"--from {m} is not between 0 and the checkpoint's size {size}."));
                    }

                    proof = new JsonObject
                    {
                        ["type"] = "openverify-tile-consistency-v1",
                        ["firstSize"] = m,
                        ["treeSize"] = size,
                        ["proof"] = new JsonArray([.. client.ProveConsistencyAsync(m, size).GetAwaiter().GetResult().Select(h => (JsonNode)h.ToHex())]),
                        ["checkpoint"] = text,
                    };
                }
            }
            catch (TileLogException e)
            {
                throw new CliUsageException($"Cannot build the proof from {tiles.Name}: {e.Message}", e);
            }

            var json = proof.ToJsonString();
            if (output is null)
            {
                console.Out.WriteLine(json);
            }
            else
            {
                File.WriteAllText(output, json + "\n");
                console.Line($"Wrote the proof to {output}.");
            }

            return ExitCodes.Success;
        }
        finally
        {
            (tiles as IDisposable)?.Dispose();
        }
    }

    public static Command CreateMigrate(CliConsole console)
    {
        var file = new Argument<string>("log") { Description = "The JSON Lines receipt log to migrate.", HelpName = "log.jsonl" };
        var target = new Argument<string>("folder") { Description = "The new tiled log's folder (must not hold a log yet).", HelpName = "folder" };
        var key = new Option<string>("--key") { Description = "The log's private key (PKCS#8 PEM, Ed25519, role log) that signed its tree heads; it signs the tiled log's checkpoint.", HelpName = "log.key", Required = true };
        var origin = new Option<string>("--origin")
        {
            Description = $"The log's name (default {ReceiptLogOptions.DefaultOrigin}): its tree heads' origin, the checkpoint's origin and key name.",
            HelpName = "name",
            DefaultValueFactory = _ => ReceiptLogOptions.DefaultOrigin,
        };
        var command = new Command("migrate", "Copy a JSON Lines receipt log into the C2SP tlog-tiles layout (a folder any static HTTP server serves). The tree, and so every root and proof, stays the same; the last tree head is checked against the copy.")
        {
            file, target, key, origin,
        };
        command.SetAction(parse => Migrate(console, parse.GetRequiredValue(file), parse.GetRequiredValue(target), parse.GetRequiredValue(key), parse.GetRequiredValue(origin)));
        return command;
    }

    private static int Migrate(CliConsole console, string path, string folder, string keyPath, string origin)
    {
        if (!File.Exists(path))
        {
            throw new CliUsageException($"The receipt log '{path}' does not exist.");
        }

        if (Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Any())
        {
            throw new CliUsageException($"The folder '{folder}' is not empty; migrate into a new folder.");
        }

        using var key = SigningKey.Load(keyPath);
        NoteSigner signer;
        try
        {
            signer = new NoteSigner(origin, key);
        }
        catch (KeyFormatException e)
        {
            throw new CliUsageException($"{e.Message} A tiled log's checkpoint is signed with the log's Ed25519 key.", e);
        }

        LogContents contents;
        try
        {
            contents = LogFile.Read(path);
        }
        catch (LogCorruptException e)
        {
            throw new CliUsageException($"The receipt log '{path}' cannot be migrated: {e.Message}", e);
        }

        // The last tree head, checked with this key and origin, must be the copy's root at its size.
        var trust = TrustStore.For(key.PublicKey, KeyRole.Log);
        var last = contents.Entries.LastOrDefault(e => e.Kind == LogEntryKind.TreeHead)?.TreeHead;
        if (last is not null && (!last.Verify(trust).Passed || last.Head.Origin != origin))
        {
            throw new CliUsageException($"The log's last tree head was not signed by this key for the log '{origin}'.");
        }

        var receipts = contents.Entries.Where(e => e.Kind == LogEntryKind.Receipt).Select(e => e.Receipt!).ToList();
        using var tiled = TileLog.Open(folder, new TileLogOptions { Origin = origin, CheckpointSigner = signer });
        foreach (var chunk in receipts.Chunk(1024))
        {
            tiled.AppendBatch(chunk);
        }

        if (last is not null && tiled.RootHash(last.Head.TreeSize) != last.Head.RootHash)
        {
            throw new CliUsageException("The migrated tree does not have the last tree head's root; the log is not what its tree head signed.");
        }

        tiled.SignCheckpoint();
        console.Line(string.Create(CultureInfo.InvariantCulture, $"Migrated {receipts.Count} receipts from {path} into the tiled log {folder} (same tree: root {tiled.RootHash(tiled.Size).ToHex()}); serve the folder as the log's URL prefix. Checkpoint key: {signer.VerifierKey}"));
        return ExitCodes.Success;
    }

    /// <summary><c>verify --log</c>: adds the receipt's inclusion in a tiled log to its checks.</summary>
    public static VerificationResult AddLogChecks(VerificationResult result, Receipt receipt, TileLogClient client, Checkpoint? kept, long? index)
    {
        var (checks, _) = client.CheckReceiptAsync(receipt, kept, index).GetAwaiter().GetResult();
        return new VerificationResult([.. result.Checks, .. checks], result.NotChecked, result.Statement, result.SignerKeyId, result.Replay);
    }
}
