using System.Security.Cryptography;
using System.Text;
using OpenVerify.Batching;
using OpenVerify.Cli.Npy;
using OpenVerify.Extensions.AI;
using OpenVerify.Extensions.AI.Canonical;
using OpenVerify.Logs;
using OpenVerify.Analyzers.Manifest;
using OpenVerify.Manifest;
using OpenVerify.ModelSigning;
using OpenVerify.Onnx;

namespace OpenVerify.Fuzz;

/// <summary>
/// One fuzz target per parser that reads untrusted bytes. A target returns the parser's documented format exception
/// (null when the input parsed) and lets every other exception escape: that escape is what the fuzzer reports as a crash.
/// Each target is one call into the parser, so that it can follow the parser when the parser moves.
/// </summary>
public static class FuzzTargets
{
    // The model-signature seeds are the vectors of docs/spec/vectors/model-signature-v1.json; the target trusts their
    // publisher key for their model, so that the fuzzer reaches the checks after a bundle parses.

    /// <summary>The project-relative path of the vectors' model (its last segment is the signed subject name).</summary>
    public const string SignedModelPath = "models/vector-model.onnx";

    /// <summary>The vectors' model digest.</summary>
    public static byte[] SignedModelDigest { get; } = Convert.FromHexString("010c10f37288451eabc869237573fd7dc592ff4e085b1a91c8857e1961adb8f9");

    /// <summary>The vectors' publisher key (a test-only public key published in the spec), trusted for every model.
    /// Made on each call: under afl the instrumented OpenVerify code must not run before SharpFuzz maps its coverage
    /// memory, so no static initializer may call it.</summary>
    internal static IReadOnlyList<ModelTrustKey> SignedModelKeys =>
    [
        new ModelTrustKey(Convert.FromBase64String("MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE+tL2PllwllOuBYP2hQ43wDL/SsQ1g7ZOG8vq6B2rR6De0DbX7eLoUXhnAXZxWQklBcvthZVF2gjEE661BYMEWA=="), "model-publisher"),
    ];

    /// <summary>The checkpoint vectors' log key (docs/spec/vectors/checkpoint-v1-vectors.json), as a verifier key string.</summary>
    public const string CheckpointVerifierKey = "example.org/openverify/vector-log+b7bf711f+AVEtSbtqhIhP5SyN/ZDEMlIOphJAq203eDQ5o2A3+UFX";

    /// <summary>The targets by name.</summary>
    public static IReadOnlyDictionary<string, Func<byte[], Exception?>> All { get; } = new SortedDictionary<string, Func<byte[], Exception?>>(StringComparer.Ordinal)
    {
        // ONNX model files (the runtime, the MSBuild task and the CLI read them with the same reader).
        ["onnx"] = data => Expect<OnnxFormatException>(() => OnnxModelReader.Read(new MemoryStream(data, writable: false))),
        // Receipt, tree-head and batch-root envelopes, with a batch inclusion when present (receipt-v1 section 4).
        ["envelope"] = data => Expect<ReceiptFormatException>(() => DsseEnvelope.Parse(Text(data))),
        // The in-toto statement inside a receipt.
        ["statement"] = data => Expect<ReceiptFormatException>(() => Receipt.ParseStatement(data)),
        // The verifier's statement reader against the strict one: both refuse (the strict reader's exception is the
        // result), or both accept and read the same values; a disagreement escapes as a crash.
        ["statementdiff"] = data => Expect<ReceiptFormatException>(() =>
        {
            if (StatementReaderOracle.Agrees(data))
            {
                Receipt.ParseStatement(data);
            }
        }),
        // The ML.NET prediction statement (docs/spec/mlnet-v1.md).
        ["mlnetstatement"] = data => Expect<ReceiptFormatException>(() => MLNetReceipts.ParseStatement(data)),
        // The payloads of batch-root and tree-head envelopes (the same input is offered to both).
        ["payload"] = data => Each(Expect<ReceiptFormatException>(() => BatchRoot.ParsePayload(data)), Expect<ReceiptFormatException>(() => TreeHead.ParsePayload(data))),
        // Receipt log files (one JSON entry a line).
        ["log"] = data => Expect<LogCorruptException>(() => LogFile.Parse(data)),
        // Log inclusion proofs (`openverify log prove` output).
        ["logproof"] = data => Expect<ReceiptFormatException>(() => LogInclusionProof.Parse(Text(data))),
        // openverify.lock.json.
        ["lockfile"] = data => Expect<GateFileFormatException>(() => ModelLockFile.Parse(data, "fuzz.lock.json")),
        // openverify.trust.json.
        ["policy"] = data => Expect<GateFileFormatException>(() => TrustPolicy.Parse(data, "fuzz.trust.json")),
        // <model>.sig bundles: Verify never throws, a malformed bundle is an outcome.
        ["modelsig"] = data => NoThrow(() => ModelSignatureFormat.Verify(data, "model.onnx.sig", SignedModelPath, SignedModelDigest, SignedModelKeys)),
        // The model manifest the analyzers and generator read: Parse never throws, bad lines are skipped.
        ["manifest"] = data => NoThrow(() => ModelManifest.Parse(Text(data))),
        // .npy tensors (`openverify verify --inputs`).
        ["npy"] = data => Expect<NpyFormatException>(() => NpyFormat.Read(new MemoryStream(data, writable: false))),
        // C2SP signed-note checkpoints (`openverify log verify --checkpoint`) opened with the vectors' log key, and note
        // verifier key strings (`--checkpoint-key`).
        ["checkpoint"] = data => Each(
            Expect<NoteFormatException>(() => Checkpoint.Open(data, [NoteVerifierKey.Parse(CheckpointVerifierKey)])),
            Expect<KeyFormatException>(() => NoteVerifierKey.Parse(Text(data)))),
        // Tiled logs (C2SP tlog-tiles): entry bundles and each entry as a receipt envelope, and hash tiles of the width
        // the input's length suggests (`openverify log verify https://…`, `verify --log`).
        ["tiles"] = data => Each(
            Expect<TileFormatException>(() =>
            {
                foreach (var entry in TileLayout.ParseEntryBundle(data))
                {
                    TileLayout.ParseReceiptEntry(entry.Span);
                }
            }),
            Expect<TileFormatException>(() => TileLayout.ParseHashTile(data, Math.Clamp(data.Length / 32, 1, TileLayout.TileWidth)))),
        // Chat and embeddings receipts (docs/spec/chat-v1.md): the in-toto statement inside the envelope.
        ["chatstatement"] = data => Expect<ReceiptFormatException>(() => ChatReceipt.ParseStatement(data)),
        // Chat, embeddings, media and moderation transcripts (`openverify verify --transcript`): RFC 8785 canonical JSON,
        // the field digests, and the media and moderation rules (docs/spec/chat-v1.md §8.4, §9.2), which must answer,
        // never throw. ModerationTranscriptWriter.Response reads a provider's body the same way and is fuzzed too.
        ["transcript"] = data => Expect<ChatTranscriptException>(() =>
        {
            var canonical = JsonCanonicalizer.Canonicalize(data);
            TranscriptFields.Compute(canonical);
            using var document = System.Text.Json.JsonDocument.Parse(canonical);
            var root = document.RootElement;
            var operation = root.ValueKind == System.Text.Json.JsonValueKind.Object && root.TryGetProperty("operation", out var o) && o.ValueKind == System.Text.Json.JsonValueKind.String ? o.GetString()! : "speech-to-text";
            _ = MediaTranscriptRules.Check(root, operation);
        }),
        // The moderation response body as a provider sent it (the verified OpenAI moderation client binds it): a body it
        // cannot bind is refused with InvalidOperationException, never another exception.
        ["moderationbody"] = data => Expect<InvalidOperationException>(() => ModerationTranscriptWriter.Response(data)),
        // The build gate's model-format check (a .zip with an ML.NET Model.key entry is pinned as an ML.NET model): a
        // damaged or hostile zip directory is "not ML.NET", never an exception.
        ["modelzip"] = data => NoThrow(() => ModelFileFormat.Detect(new MemoryStream(data, writable: false), null)),
        // PEM public and private keys, and the DER inside them (the gate's PEM reader never throws).
        ["pem"] = data => Each(
            Expect<KeyFormatException>(() => PublicKey.ImportPem(Text(data))),
            Expect<KeyFormatException>(() => SigningKey.ImportPem(Text(data)).Dispose()),
            NoThrow(() => GateCrypto.TryReadPublicKeyPem(Text(data), out _, out _)),
            Expect<KeyFormatException>(() => PublicKey.FromSubjectPublicKeyInfo(data))),
    };

    /// <summary>
    /// The most a target may allocate for an input of <paramref name="inputLength"/> bytes: generous for what a parser
    /// builds from its input (strings, lists, keys), far below what a header declaring gigabytes in a few bytes makes a
    /// careless parser allocate. Program.cs turns more into a crash; FuzzRegressionTests checks it too.
    /// </summary>
    public static long MaxAllocation(int inputLength) => (16L << 20) + (256L * inputLength);

    /// <summary>Runs a target and fails when it allocated more than <see cref="MaxAllocation"/> on this thread.</summary>
    public static Exception? RunBounded(Func<byte[], Exception?> target, byte[] data)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        var result = target(data);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        if (allocated > MaxAllocation(data.Length))
        {
            throw new InvalidOperationException($"An input of {data.Length} bytes made the parser allocate {allocated} bytes.");
        }

        return result;
    }

    private static string Text(byte[] data) => Encoding.UTF8.GetString(data);

    private static Exception? Expect<T>(Action parse)
        where T : Exception
    {
        try
        {
            parse();
            return null;
        }
        catch (T e)
        {
            return e;
        }
    }

    /// <summary>Several parsers offered the same input (all of them run): the first one's format exception.</summary>
    private static Exception? Each(params Exception?[] results) => results.FirstOrDefault(e => e is not null);

    private static Exception? NoThrow(Action parse)
    {
        parse();
        return null;
    }
}
