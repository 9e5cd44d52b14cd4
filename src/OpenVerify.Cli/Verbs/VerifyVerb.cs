using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using OpenVerify.Extensions.AI;

namespace OpenVerify.Cli.Verbs;

/// <summary>
/// <c>openverify verify &lt;receipt.json | receipts.jsonl&gt; --trust &lt;file.pub&gt; ... [--model] [--input ...]
/// [--output ...] [--replay] [--atol] [--rtol] [--nonce] [--audience] [--require model,inputs,outputs] [--json]</c>:
/// checks each receipt with <see cref="ReceiptVerifier"/>, prints every check and what was not checked, and exits 1
/// when any check of any receipt failed.
/// </summary>
internal sealed class VerifyVerb : IVerb
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Receipt logs at least this long show a progress bar on a terminal.</summary>
    private const int ProgressThreshold = 200;

    public Command CreateCommand(CliConsole console)
    {
        var receipt = new Argument<string>("receipts")
        {
            Description = "A receipt (receipt.json) or a JSON Lines file of receipts (*.jsonl, one per line).",
            HelpName = "receipt.json|receipts.jsonl",
        };
        var trust = new Option<string[]>("--trust")
        {
            Description = "A public key (SPKI PEM) trusted as a receipt signer; repeat for several.",
            HelpName = "file.pub",
            Required = true,
            Arity = ArgumentArity.OneOrMore,
        };
        var model = new Option<string?>("--model") { Description = "The model: its digest must be the one the receipt names.", HelpName = "model.onnx" };
        var inputs = CommonOptions.Tensors("--input", "input the receipt must name");
        var outputs = CommonOptions.Tensors("--output", "output the receipt must name");
        var replay = new Option<bool>("--replay") { Description = "Re-run the model (--model) on the inputs (--input; for an ML.NET model.zip, --input-row) and compare with the receipt's outputs." };
        var inputRow = new Option<string?>("--input-row") { Description = "ML.NET receipts: the input row as a JSON object (column: value), or a file holding it.", HelpName = "row.json" };
        var atol = new Option<double?>("--atol") { Description = "Replay: absolute tolerance for floating-point outputs (default 0: exact).", HelpName = "x" };
        var rtol = new Option<double?>("--rtol") { Description = "Replay: relative tolerance for floating-point outputs (default 0: exact).", HelpName = "y" };
        var nonce = CommonOptions.Nonce("The nonce the receipt must carry.");
        var audience = CommonOptions.Audience("The audience the receipt must carry.");
        var require = new Option<string[]>("--require")
        {
            Description = "Checks that must be made (comma-separated: model, inputs, outputs, replay); a missing one fails.",
            HelpName = "model,inputs,outputs",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var logKey = LogVerb.LogKeyOption();
        var transcript = new Option<string?>("--transcript")
        {
            Description = "For a chat or embeddings receipt: its transcript; the receipt must bind exactly it, and the first field that differs is named.",
            HelpName = "transcript.json",
        };
        var log = new Option<string?>("--log")
        {
            Description = "A tiled receipt log (C2SP tlog-tiles: an http(s) URL prefix or a folder) that must include the receipt: its checkpoint is verified (with --checkpoint-key, or --log-key under --origin) and only the tiles the proof needs are fetched.",
            HelpName = "URL|folder",
        };
        var logCheckpoint = new Option<string?>("--log-checkpoint") { Description = "A checkpoint of the --log kept earlier (a signed note): the log's current checkpoint must extend it.", HelpName = "kept" };
        var logIndex = new Option<long?>("--log-index") { Description = "The receipt's index in the --log; without it the level-0 tiles are searched for its leaf hash.", HelpName = "i" };
        var checkpointKey = new Option<string[]>("--checkpoint-key") { Description = "A note verifier key trusted to sign the --log's checkpoints; repeat for several.", HelpName = "vkey", Arity = ArgumentArity.ZeroOrMore };
        var origin = new Option<string>("--origin") { Description = $"The --log's origin (default {Logs.ReceiptLogOptions.DefaultOrigin}).", HelpName = "name", DefaultValueFactory = _ => Logs.ReceiptLogOptions.DefaultOrigin };
        var (witness, requireCosignatures) = TiledLogs.WitnessOptions();
        var json = CommonOptions.Json();

        var command = new Command("verify", "Verify receipts: signature, model, inputs, outputs, nonce, audience, and optionally a replay; chat and embeddings receipts against their transcript.")
        {
            receipt, trust, model, inputs, outputs, replay, atol, rtol, nonce, audience, require, logKey, log, logCheckpoint, logIndex, checkpointKey, origin, witness, requireCosignatures, transcript, json, inputRow,
        };
        command.SetAction(parse => Run(console, new Request(
            parse.GetRequiredValue(receipt),
            parse.GetValue(trust) ?? [],
            parse.GetValue(model),
            parse.GetValue(inputs) ?? [],
            parse.GetValue(outputs) ?? [],
            parse.GetValue(replay),
            parse.GetValue(atol),
            parse.GetValue(rtol),
            parse.GetValue(nonce),
            parse.GetValue(audience),
            parse.GetValue(require) ?? [],
            parse.GetValue(logKey) ?? [],
            parse.GetValue(transcript),
            parse.GetValue(json),
            parse.GetValue(inputRow))
        {
            Log = parse.GetValue(log) is { } source
                ? new LogRequest(source, parse.GetValue(logCheckpoint), parse.GetValue(logIndex), LogVerb.NoteKeys(parse.GetValue(checkpointKey) ?? [], parse.GetValue(logKey) ?? [], parse.GetRequiredValue(origin)), parse.GetRequiredValue(origin))
                {
                    Witnesses = parse.GetValue(witness) ?? [],
                    RequiredCosignatures = parse.GetValue(requireCosignatures),
                }
                : null,
        }));
        return command;
    }

    private sealed record Request(
        string ReceiptPath, string[] Trust, string? Model, string[] Inputs, string[] Outputs, bool Replay,
        double? Atol, double? Rtol, string? Nonce, string? Audience, string[] Require, string[] LogKeys, string? Transcript, bool Json, string? InputRow = null)
    {
        public LogRequest? Log { get; init; }
    }

    private sealed record LogRequest(string Source, string? Kept, long? Index, List<Logs.NoteVerifierKey> Keys, string Origin)
    {
        public string[] Witnesses { get; init; } = [];

        public int RequiredCosignatures { get; init; }
    }

    internal sealed record ReceiptResult(int? Line, Sha256Digest? Id, VerificationResult Result);

    private static int Run(CliConsole console, Request request)
    {
        var required = ParseRequired(request.Require);
        var tolerance = ParseTolerance(request);
        var mlnet = request.Model is not null && MLNetModels.IsZip(request.Model);
        if (request.Replay && (request.Model is null || (mlnet ? request.InputRow is null : request.Inputs.Length == 0)))
        {
            throw new CliUsageException("--replay needs the model (--model) and the inputs (--input name=file.npy; for an ML.NET model.zip, --input-row row.json).");
        }

        var trust = LogVerb.Trust(request.Trust, request.LogKeys);

        var receipts = ReadReceipts(request.ReceiptPath);
        if (request.Transcript is not null && receipts.Count != 1)
        {
            throw new CliUsageException("--transcript goes with one receipt; verify a chain's transcripts with 'openverify verify-chain <folder>'.");
        }

        var transcript = request.Transcript is null ? null : ChatVerification.ReadTranscript(request.Transcript);
        var mlModel = mlnet && (request.Replay || request.InputRow is not null) ? MLNetModels.Load(request.Model!) : null;
        var inputs = mlModel is not null && request.InputRow is not null ? MLNetModels.ReadRow(mlModel, request.InputRow) : TensorFiles.Read(request.Inputs, "--input");
        var outputs = TensorFiles.Read(request.Outputs, "--output");

        using var replayModel = request.Replay && !mlnet ? VerifiedModel.Load(request.Model!) : null;
        Sha256Digest? modelDigest = request.Model is null ? null : replayModel?.Digest ?? mlModel?.Digest ?? ModelFiles.Digest(console, request.Model);

        var options = new ReceiptVerificationOptions
        {
            ExpectedModelDigest = modelDigest,
            Inputs = inputs,
            Outputs = outputs,
            ExpectedNonce = request.Nonce,
            ExpectedAudience = request.Audience,
            ReplayModel = replayModel,
            Replayer = request.Replay ? mlModel : null,
            Tolerance = tolerance,
            Require = required,
        };

        var verifier = new ReceiptVerifier(trust);
        var chatVerifier = new ChatReceiptVerifier(verifier);
        using var tiles = request.Log is { } logRequest ? TiledLogs.Source(logRequest.Source) as IDisposable : null;
        Logs.TileLogClient? client = null;
        Logs.Checkpoint? kept = null;
        if (request.Log is { } l)
        {
            client = TiledLogs.Client((Logs.ITileSource?)tiles ?? TiledLogs.Source(l.Source), l.Origin, l.Keys, l.Witnesses, l.RequiredCosignatures);
            try
            {
                kept = TiledLogs.Kept(client, l.Kept);
            }
            catch (Logs.TileLogException e)
            {
                throw new CliUsageException(e.Message, e);
            }

            if (l.Index is not null && receipts.Count != 1)
            {
                throw new CliUsageException("--log-index names one receipt's index; give one receipt.");
            }
        }

        var results = console.WithProgress("Verifying receipts", receipts.Count >= ProgressThreshold ? receipts.Count : 0, progress =>
        {
            var list = new List<ReceiptResult>(receipts.Count);
            foreach (var (line, text) in receipts)
            {
                if (ChatVerification.IsChatReceipt(text))
                {
                    list.Add(ChatVerification.VerifyOne(chatVerifier, line, text, transcript));
                    progress?.Report(list.Count);
                    continue;
                }

                if (transcript is not null)
                {
                    throw new CliUsageException("--transcript applies to chat and embeddings receipts; this is not one.");
                }

                var one = VerifyOne(verifier, line, text, options);
                if (client is not null && one.Result.Succeeded && !Logs.LogInclusionProof.IsProof(text))
                {
                    var logged = ReceiptBundle.IsBundle(text) ? ReceiptBundle.Parse(text) : Receipt.Parse(text);
                    one = one with { Result = TiledLogs.AddLogChecks(one.Result, logged, client, kept, request.Log!.Index) };
                }

                list.Add(one);
                progress?.Report(list.Count);
            }

            return list;
        });

        var verified = results.All(r => r.Result.Succeeded);
        if (request.Json)
        {
            WriteJson(console, request.ReceiptPath, results, verified);
        }
        else
        {
            WriteReport(console, request.ReceiptPath, results, verified);
        }

        return verified ? ExitCodes.Success : ExitCodes.VerificationFailed;
    }

    private static ReceiptResult VerifyOne(ReceiptVerifier verifier, int? line, string text, ReceiptVerificationOptions options)
    {
        if (Logs.LogInclusionProof.IsProof(text))
        {
            // A log inclusion proof ('openverify log prove'): the receipt, its tree head and the proof between them.
            var result = verifier.VerifyLogInclusion(text, options, out var proof);
            return new ReceiptResult(line, proof?.Receipt.Id, result);
        }

        Receipt receipt;
        try
        {
            // A Sigstore bundle ('openverify bundle', or a Sigstore tool's key-based DSSE bundle) holds the envelope.
            receipt = ReceiptBundle.IsBundle(text) ? ReceiptBundle.Parse(text) : Receipt.Parse(text);
        }
        catch (ReceiptFormatException e)
        {
            // The verifier reports a malformed envelope as a failed check, with the reason.
            return new ReceiptResult(line, null, ReceiptBundle.IsBundle(text)
                ? new VerificationResult([new VerificationCheck(VerificationChecks.Envelope, false, "The Sigstore bundle: " + e.Message)], [], null, null, null)
                : verifier.Verify(text, options));
        }

        if (ReceiptBundle.IsBatchRoot(receipt))
        {
            return new ReceiptResult(line, null, new VerificationResult(
                [new VerificationCheck(VerificationChecks.PayloadType, false, "This bundle holds the signed batch root of a batched receipt ('openverify bundle' of a batched receipt), not a receipt: verify the receipt file itself, which carries the statement and its inclusion proof.")],
                [], null, null, null));
        }

        return new ReceiptResult(line, receipt.Id, verifier.Verify(receipt, options));
    }

    /// <summary>One receipt from a <c>.json</c> file, or one per non-blank line of a <c>.jsonl</c>/<c>.ndjson</c> file.</summary>
    internal static List<(int? Line, string Text)> ReadReceipts(string path)
    {
        string text;
        try
        {
            // Decoded strictly and with any byte-order mark kept, so that the envelope parser refuses it
            // (docs/spec/receipt-v1.md §4); File.ReadAllText would drop a BOM and replace invalid UTF-8.
            text = StrictUtf8.GetString(File.ReadAllBytes(path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliUsageException($"Cannot read the receipts file '{path}': {e.Message}", e);
        }
        catch (DecoderFallbackException e)
        {
            throw new CliUsageException($"The receipts file '{path}' is not valid UTF-8 (byte {e.Index.ToString(CultureInfo.InvariantCulture)}); receipts are UTF-8 JSON.", e);
        }

        var extension = Path.GetExtension(path);
        var isLines = extension.Equals(".jsonl", StringComparison.OrdinalIgnoreCase) || extension.Equals(".ndjson", StringComparison.OrdinalIgnoreCase);
        var receipts = new List<(int? Line, string Text)>();
        if (isLines)
        {
            var lines = text.Split('\n');
            for (var i = 0; i < lines.Length; i++)
            {
                if (!string.IsNullOrWhiteSpace(lines[i]))
                {
                    receipts.Add((i + 1, lines[i].TrimEnd('\r')));
                }
            }
        }
        else if (!string.IsNullOrWhiteSpace(text))
        {
            receipts.Add((null, text));
        }

        if (receipts.Count == 0)
        {
            throw new CliUsageException($"'{path}' holds no receipts.");
        }

        if (isLines && LogLineType(receipts[0].Text) is { } type)
        {
            throw new CliUsageException(
                $"'{path}' is a receipt log (line {receipts[0].Line.GetValueOrDefault().ToString(CultureInfo.InvariantCulture)} is a \"{type}\" line that ReceiptLog writes), not a file of receipts. " +
                $"Check it with 'openverify log verify {path} --trust <receipts.pub> --log-key <log.pub>'; for one receipt in it, 'openverify log prove {path} --index <i> --out proof.json' and verify the proof.");
        }

        return receipts;
    }

    /// <summary>The <c>type</c> of a receipt log line (<c>receipt</c> or <c>tree-head</c>), or null for anything else
    /// (a DSSE envelope has no <c>type</c> member, and malformed text is left to the verifier to report).</summary>
    private static string? LogLineType(string line)
    {
        try
        {
            var reader = new System.Text.Json.Utf8JsonReader(Encoding.UTF8.GetBytes(line));
            if (!reader.Read() || reader.TokenType != System.Text.Json.JsonTokenType.StartObject)
            {
                return null;
            }

            while (reader.Read() && reader.TokenType == System.Text.Json.JsonTokenType.PropertyName)
            {
                var isType = reader.ValueTextEquals("type"u8);
                reader.Read();
                if (isType)
                {
                    var value = reader.TokenType == System.Text.Json.JsonTokenType.String ? reader.GetString() : null;
                    return value is "receipt" or "tree-head" ? value : null;
                }

                reader.Skip();
            }
        }
        catch (System.Text.Json.JsonException)
        {
        }

        return null;
    }

    private static RequiredChecks ParseRequired(string[] values)
    {
        var required = RequiredChecks.None;
        foreach (var item in values.SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            required |= item switch
            {
                VerificationChecks.Model => RequiredChecks.Model,
                VerificationChecks.Inputs => RequiredChecks.Inputs,
                VerificationChecks.Outputs => RequiredChecks.Outputs,
                VerificationChecks.Replay => RequiredChecks.Replay,
                _ => throw new CliUsageException($"--require does not know the check '{item}'; use model, inputs, outputs or replay (comma-separated)."),
            };
        }

        return required;
    }

    private static ReplayTolerance ParseTolerance(Request request)
    {
        if ((request.Atol is not null || request.Rtol is not null) && !request.Replay)
        {
            throw new CliUsageException("--atol and --rtol apply to a replay; add --replay (with --model and --input).");
        }

        foreach (var (name, value) in new[] { ("--atol", request.Atol), ("--rtol", request.Rtol) })
        {
            if (value is { } v && (!double.IsFinite(v) || v < 0))
            {
                throw new CliUsageException($"{name} must be a finite number of zero or more, not {v.ToString(CultureInfo.InvariantCulture)}.");
            }
        }

        var atol = request.Atol ?? 0;
        var rtol = request.Rtol ?? 0;
        return atol == 0 && rtol == 0 ? ReplayTolerance.Exact : new ReplayTolerance(atol, rtol);
    }

    private static string Label(string path, ReceiptResult result) => result.Line is { } line ? $"{path}:{line.ToString(CultureInfo.InvariantCulture)}" : path;

    private static void WriteReport(CliConsole console, string path, List<ReceiptResult> results, bool verified)
    {
        foreach (var item in results)
        {
            var result = item.Result;
            console.Line($"{Label(path, item)}: {(result.Succeeded ? "VERIFIED" : "NOT VERIFIED")}");
            if (item.Id is { } id)
            {
                console.Line($"  receipt id: {id}");
            }

            if (result.Statement?.Predicate is { } predicate)
            {
                var modelDigest = predicate.Model.Digest.TryGetValue("sha256", out var hex) ? $"sha256:{hex}" : "(none)";
                console.Line($"  model: {predicate.Model.Name} ({modelDigest})");
                console.Line($"  signed at (the signer's clock): {predicate.Timestamp}");
            }
            else if (result.MLNetStatement?.Predicate is { } mlPredicate)
            {
                var modelDigest = mlPredicate.Model.Digest.TryGetValue("sha256", out var hex) ? $"sha256:{hex}" : "(none)";
                console.Line($"  ML.NET model: {mlPredicate.Model.Name} ({modelDigest}, ML.NET {mlPredicate.Runtime.MLNet})");
                console.Line($"  signed at (the signer's clock): {mlPredicate.Timestamp}");
            }

            var table = CliConsole.Table("Check", "Result", "Detail");
            foreach (var check in result.Checks)
            {
                var detail = check.Passed || (check.Expected is null && check.Actual is null)
                    ? check.Detail
                    : $"{check.Detail} (expected {check.Expected ?? "-"}, actual {check.Actual ?? "-"})";
                CliConsole.AddRow(table, check.Name, check.Passed ? "pass" : "FAIL", detail);
            }

            console.Ansi.Write(table);
            if (result.NotChecked.Count > 0)
            {
                console.Line($"  not checked: {string.Join(", ", result.NotChecked)}");
            }

            if (result.Replay is { } replay)
            {
                console.Line(string.Create(CultureInfo.InvariantCulture, $"  replay: {ReceiptVerifier.VerdictText(replay.Verdict)}; largest deviation {replay.LargestDeviation:G6}"));
            }

            if (result.FirstFailure is { } failure)
            {
                console.Line($"  failed: {failure.Name}: {Cli.OneLine(failure.Detail)}");
            }
        }

        if (results.Count > 1)
        {
            console.Line($"{results.Count(r => r.Result.Succeeded)} of {results.Count} receipts verified.");
        }

        console.Line(verified ? "VERIFIED" : "NOT VERIFIED");
    }

    private static void WriteJson(CliConsole console, string path, List<ReceiptResult> results, bool verified)
    {
        console.Json(new JsonObject
        {
            ["verified"] = verified,
            ["source"] = path,
            ["receipts"] = new JsonArray([.. results.Select(r => (JsonNode)ToJson(r))]),
        });
    }

    private static JsonObject ToJson(ReceiptResult item)
    {
        var result = item.Result;
        var predicate = result.Statement?.Predicate;
        return new JsonObject
        {
            ["line"] = item.Line,
            ["id"] = item.Id?.ToString(),
            ["verified"] = result.Succeeded,
            ["signerKeyId"] = result.SignerKeyId,
            ["model"] = predicate is null ? null : new JsonObject
            {
                ["name"] = predicate.Model.Name,
                ["digest"] = predicate.Model.Digest.TryGetValue("sha256", out var hex) ? $"sha256:{hex}" : null,
            },
            ["timestamp"] = predicate?.Timestamp,
            ["nonce"] = predicate?.Nonce,
            ["audience"] = predicate?.Audience,
            ["checks"] = new JsonArray([.. result.Checks.Select(c => (JsonNode)new JsonObject
            {
                ["name"] = c.Name,
                ["passed"] = c.Passed,
                ["detail"] = c.Detail,
                ["expected"] = c.Expected,
                ["actual"] = c.Actual,
            })]),
            ["notChecked"] = new JsonArray([.. result.NotChecked.Select(n => (JsonNode)n)]),
            ["replay"] = result.Replay is { } replay
                ? new JsonObject
                {
                    ["verdict"] = ReceiptVerifier.VerdictText(replay.Verdict),
                    ["largestDeviation"] = double.IsFinite(replay.LargestDeviation) ? replay.LargestDeviation : null,
                    ["detail"] = replay.Detail,
                }
                : null,
            ["failure"] = result.FirstFailure is { } failure ? $"{failure.Name}: {failure.Detail}" : null,
        };
    }
}
