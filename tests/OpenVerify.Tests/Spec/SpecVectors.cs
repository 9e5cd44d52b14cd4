using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.ML.OnnxRuntime;
using OpenVerify.ModelSigning;

namespace OpenVerify.Tests.Spec;

/// <summary>
/// Builds docs/spec/vectors/receipt-v1-vectors.json from the runtime. Every value is computed twice: once by the
/// runtime, once by the few lines of <see cref="Spec"/> that follow docs/spec/receipt-v1.md literally; the builder
/// throws when they disagree.
/// </summary>
internal static class SpecVectors
{
    public const string RegenerateVariable = "OPENVERIFY_REGENERATE_VECTORS";

    private static readonly JsonSerializerOptions WriteOptions = new()
    {
        WriteIndented = true,
        IndentSize = 2,
        NewLine = "\n",
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string RepoRoot { get; } = FindRepoRoot();

    public static string VectorsPath => Path.Combine(RepoRoot, "docs", "spec", "vectors", "receipt-v1-vectors.json");

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "OpenVerify.Analyzers.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No OpenVerify.Analyzers.sln above {AppContext.BaseDirectory}.");
    }

    public static string ToText(JsonNode node) => node.ToJsonString(WriteOptions) + "\n";

    // ---- tensors -------------------------------------------------------------------------------------------------

    public sealed record TensorCase(string Name, ElementType Type, long[] Shape, byte[] Data, string[]? Strings = null, string? Note = null);

    public sealed record RefusedTensorCase(string Name, int Code, long[] Shape, byte[] Data, string[]? StringsUtf16Hex, string Reason);

    private static byte[] Bytes<T>(params T[] values) where T : unmanaged => MemoryMarshal.AsBytes(values.AsSpan()).ToArray();

    private static byte[] U16(params ushort[] bits) => Bytes(bits);

    private static TensorCase Str(string name, long[] shape, string[] values, string? note = null) =>
        new(name, ElementType.String, shape, Spec.EncodeStrings(values), values, note);

    public static IReadOnlyList<TensorCase> TensorCases { get; } =
    [
        new("float", ElementType.Float, [2, 2], Bytes(1f, -2.5f, float.MaxValue, float.Epsilon), Note: "1, -2.5, max, smallest subnormal"),
        new("float-nan-quiet", ElementType.Float, [1], Bytes(0x7fc00000u), Note: "NaN 0x7fc00000"),
        new("float-nan-payload-1", ElementType.Float, [1], Bytes(0x7fc00001u), Note: "NaN 0x7fc00001: another payload, another digest"),
        new("float-nan-negative", ElementType.Float, [1], Bytes(0xffc00000u), Note: "NaN 0xffc00000 (sign bit set)"),
        new("float-positive-zero", ElementType.Float, [1], Bytes(0f)),
        new("float-negative-zero", ElementType.Float, [1], Bytes(-0f), Note: "-0.0 is not canonicalized"),
        new("float-rank0", ElementType.Float, [], Bytes(1f), Note: "a scalar: rank 0, one element"),
        new("float-shape-1", ElementType.Float, [1], Bytes(1f), Note: "shape [1] differs from rank 0"),
        new("float-shape-1x1", ElementType.Float, [1, 1], Bytes(1f)),
        new("float-empty-0x5", ElementType.Float, [0, 5], []),
        new("float-empty-5x0", ElementType.Float, [5, 0], [], Note: "[5,0] differs from [0,5]"),
        new("float-empty-huge-dims", ElementType.Float, [4611686018427387904, 4, 0], [], Note: "a zero dimension makes the count 0 wherever it stands; partial products are not checked"),
        new("uint8", ElementType.UInt8, [3], Bytes<byte>(0, 127, 255)),
        new("int8", ElementType.Int8, [3], Bytes<sbyte>(-128, 0, 127)),
        new("uint16", ElementType.UInt16, [2], Bytes<ushort>(0, 65535)),
        new("int16", ElementType.Int16, [3], Bytes<short>(-32768, 1, 32767)),
        new("int32", ElementType.Int32, [2, 2], Bytes(int.MinValue, -1, 0, int.MaxValue)),
        new("int64", ElementType.Int64, [3], Bytes(long.MinValue, 1L, long.MaxValue)),
        Str("string", [3], ["", "hello", "h\u00e9llo \u2713"]),
        Str("string-non-ascii", [2, 2], ["\u65e5\u672c\u8a9e", "\U0001F600", "\u00e9", "e\u0301"], "no Unicode normalization: U+00E9 and e U+0301 stay different"),
        Str("string-empty-rank0", [], [""], "one empty string, rank 0"),
        Str("string-empty-tensor", [0], []),
        new("bool", ElementType.Bool, [4], Bytes<byte>(0, 1, 1, 0)),
        new("float16", ElementType.Float16, [4], U16(0x3c00, 0x8000, 0x7e01, 0x7c00), Note: "1.0, -0.0, NaN with payload, +inf as raw bits"),
        new("double", ElementType.Double, [3], Bytes(1.0, -0.0, BitConverter.Int64BitsToDouble(0x7ff8000000000001))),
        new("uint32", ElementType.UInt32, [2], Bytes(0u, uint.MaxValue)),
        new("uint64", ElementType.UInt64, [2], Bytes(0ul, ulong.MaxValue)),
        new("bfloat16", ElementType.BFloat16, [4], U16(0x3f80, 0x8000, 0x7fc1, 0xff80), Note: "1.0, -0.0, NaN with payload, -inf as raw bits"),
    ];

    public static IReadOnlyList<RefusedTensorCase> RefusedTensorCases { get; } =
    [
        new("bool-byte-2", (int)ElementType.Bool, [2], [0, 2], null, "a bool byte must be 0 or 1"),
        new("string-lone-surrogate", (int)ElementType.String, [1], [], ["d800"], "a lone surrogate has no UTF-8 encoding"),
        new("negative-dimension", (int)ElementType.Float, [-1], [], null, "dimensions must not be negative"),
        new("count-overflow", (int)ElementType.Float, [4294967296, 4294967296], [], null, "the element count exceeds 2^63-1"),
        new("count-times-size-overflow", (int)ElementType.Float, [4611686018427387904], [], null, "2^62 floats need 2^64 bytes; byte counts must not wrap"),
        new("data-length-mismatch", (int)ElementType.Float, [2], Bytes(1f), null, "the data holds one float, the shape needs two"),
        new("undefined", 0, [1], [0], null, "code 0 is not a type"),
        new("complex64", (int)ElementType.Complex64, [1], new byte[8], null, "complex has no v1 layout"),
        new("complex128", (int)ElementType.Complex128, [1], new byte[16], null, "complex has no v1 layout"),
        new("float8e4m3fn", (int)ElementType.Float8E4M3FN, [1], [0], null, "float8 has no v1 layout"),
        new("float8e4m3fnuz", (int)ElementType.Float8E4M3FNUZ, [1], [0], null, "float8 has no v1 layout"),
        new("float8e5m2", (int)ElementType.Float8E5M2, [1], [0], null, "float8 has no v1 layout"),
        new("float8e5m2fnuz", (int)ElementType.Float8E5M2FNUZ, [1], [0], null, "float8 has no v1 layout"),
        new("uint4", (int)ElementType.UInt4, [2], [0], null, "int4 has no v1 layout"),
        new("int4", (int)ElementType.Int4, [2], [0], null, "int4 has no v1 layout"),
        new("float4e2m1", (int)ElementType.Float4E2M1, [2], [0], null, "float4 has no v1 layout"),
        new("code-24", 24, [1], [0], null, "codes v1 does not list are refused"),
    ];

    /// <summary>Builds a runtime tensor from canonical element bytes.</summary>
    public static TensorValue ToTensor(ElementType type, long[] shape, byte[] data, string[]? strings = null) => type switch
    {
        ElementType.Float => TensorValue.Create(MemoryMarshal.Cast<byte, float>(data).ToArray(), shape),
        ElementType.UInt8 => TensorValue.Create(data.ToArray(), shape),
        ElementType.Int8 => TensorValue.Create(MemoryMarshal.Cast<byte, sbyte>(data).ToArray(), shape),
        ElementType.UInt16 => TensorValue.Create(MemoryMarshal.Cast<byte, ushort>(data).ToArray(), shape),
        ElementType.Int16 => TensorValue.Create(MemoryMarshal.Cast<byte, short>(data).ToArray(), shape),
        ElementType.Int32 => TensorValue.Create(MemoryMarshal.Cast<byte, int>(data).ToArray(), shape),
        ElementType.Int64 => TensorValue.Create(MemoryMarshal.Cast<byte, long>(data).ToArray(), shape),
        ElementType.Bool => TensorValue.Create(MemoryMarshal.Cast<byte, bool>(data).ToArray(), shape),
        ElementType.Float16 => TensorValue.Create(MemoryMarshal.Cast<byte, Float16>(data).ToArray(), shape),
        ElementType.Double => TensorValue.Create(MemoryMarshal.Cast<byte, double>(data).ToArray(), shape),
        ElementType.UInt32 => TensorValue.Create(MemoryMarshal.Cast<byte, uint>(data).ToArray(), shape),
        ElementType.UInt64 => TensorValue.Create(MemoryMarshal.Cast<byte, ulong>(data).ToArray(), shape),
        ElementType.BFloat16 => TensorValue.Create(MemoryMarshal.Cast<byte, BFloat16>(data).ToArray(), shape),
        ElementType.String => TensorValue.CreateStrings(strings ?? throw new ArgumentNullException(nameof(strings)), shape),
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    /// <summary>The canonical element bytes of a runtime tensor (what interop tests write to .bin files).</summary>
    public static byte[] CanonicalBytes(TensorValue tensor) => tensor switch
    {
        StringTensorValue s => Spec.EncodeStrings([.. s.Values]),
        TensorValue<float> t => t.RawBytes.ToArray(),
        TensorValue<byte> t => t.RawBytes.ToArray(),
        TensorValue<sbyte> t => t.RawBytes.ToArray(),
        TensorValue<ushort> t => t.RawBytes.ToArray(),
        TensorValue<short> t => t.RawBytes.ToArray(),
        TensorValue<int> t => t.RawBytes.ToArray(),
        TensorValue<long> t => t.RawBytes.ToArray(),
        TensorValue<bool> t => t.RawBytes.ToArray(),
        TensorValue<Float16> t => t.RawBytes.ToArray(),
        TensorValue<double> t => t.RawBytes.ToArray(),
        TensorValue<uint> t => t.RawBytes.ToArray(),
        TensorValue<ulong> t => t.RawBytes.ToArray(),
        TensorValue<BFloat16> t => t.RawBytes.ToArray(),
        _ => throw new ArgumentOutOfRangeException(nameof(tensor), tensor, null),
    };

    /// <summary>The runtime's tensor digest, checked against the spec's formula.</summary>
    public static Sha256Digest TensorDigestOf(TensorCase c)
    {
        var runtime = TensorDigest.Compute(ToTensor(c.Type, c.Shape, c.Data, c.Strings));
        if (c.Type != ElementType.String && TensorDigest.ComputeRaw(c.Type, c.Shape, c.Data) != runtime)
        {
            throw new InvalidOperationException($"{c.Name}: ComputeRaw and Compute disagree.");
        }

        var spec = Spec.TensorDigest((int)c.Type, c.Shape, c.Data);
        return spec == runtime ? runtime : throw new InvalidOperationException($"{c.Name}: the runtime gives {runtime}, the spec formula {spec}.");
    }

    /// <summary>Whether the runtime refuses the case (with the documented exception).</summary>
    public static bool RuntimeRefuses(RefusedTensorCase c)
    {
        if (c.StringsUtf16Hex is not null)
        {
            var strings = c.StringsUtf16Hex.Select(h => new string([.. Enumerable.Range(0, h.Length / 4).Select(i => (char)Convert.ToUInt16(h.Substring(i * 4, 4), 16))])).ToArray();
            return Throws<TensorEncodingException>(() => TensorDigest.Compute(TensorValue.CreateStrings(strings, c.Shape)));
        }

        var type = (ElementType)c.Code;
        var rawRefused = Throws<TensorEncodingException>(() => TensorDigest.ComputeRaw(type, c.Shape, c.Data));
        var tensorRefused = !ElementTypes.IsSupported(type) || c.Data.Length % ElementTypes.SizeOf(type) != 0
            || Throws<TensorEncodingException>(() => TensorDigest.Compute(ToTensor(type, c.Shape, c.Data)));
        return rawRefused && tensorRefused;
    }

    // ---- tensor sets ---------------------------------------------------------------------------------------------

    public sealed record SetCase(string Name, (string Name, string TensorCase)[] Entries, bool Refused = false, string? Note = null);

    public static IReadOnlyList<SetCase> SetCases { get; } =
    [
        new("empty", []),
        new("two-unsorted", [("product", "float"), ("a", "int32")], Note: "entries are hashed sorted, whatever order they are given in"),
        new("utf8-order-differs-from-utf16", [("\U0001F600", "uint8"), ("\uFF61", "int8")],
            Note: "UTF-16 puts U+1F600 (D83D DE00) before U+FF61; UTF-8 puts U+FF61 (EF BD A1) before U+1F600 (F0 9F 98 80)"),
        new("byte-order-and-prefixes", [("ab", "bool"), ("a", "bool"), ("B", "bool"), ("", "bool")], Note: "bytewise: '' < 'B' < 'a' < 'ab'"),
        new("no-normalization", [("\u00e9", "float"), ("e\u0301", "float")], Note: "U+00E9 and e U+0301 are two names"),
        new("duplicate-name", [("x", "float"), ("x", "int32")], Refused: true),
        new("duplicate-name-same-digest", [("x", "float"), ("x", "float")], Refused: true),
    ];

    // ---- everything ----------------------------------------------------------------------------------------------

    public static JsonObject Build(JsonObject? committed)
    {
        var tensorDigests = new Dictionary<string, Sha256Digest>(StringComparer.Ordinal);
        var tensors = new JsonArray();
        foreach (var c in TensorCases)
        {
            var digest = TensorDigestOf(c);
            tensorDigests.Add(c.Name, digest);
            var node = new JsonObject
            {
                ["name"] = c.Name,
                ["elementType"] = ElementTypes.ToOnnxName(c.Type),
                ["code"] = (int)c.Type,
                ["shape"] = new JsonArray([.. c.Shape.Select(d => JsonValue.Create(d))]),
            };
            if (c.Strings is not null)
            {
                node["strings"] = new JsonArray([.. c.Strings.Select(s => JsonValue.Create(s))]);
            }

            node["data"] = Convert.ToHexStringLower(c.Data);
            node["digest"] = digest.ToHex();
            if (c.Note is not null)
            {
                node["note"] = c.Note;
            }

            tensors.Add(node);
        }

        Require(tensorDigests["float-nan-quiet"] != tensorDigests["float-nan-payload-1"], "NaN payloads");
        Require(tensorDigests["float-positive-zero"] != tensorDigests["float-negative-zero"], "-0.0");
        Require(tensorDigests["float-rank0"] != tensorDigests["float-shape-1"], "rank 0 vs [1]");
        Require(tensorDigests["float-empty-0x5"] != tensorDigests["float-empty-5x0"], "[0,5] vs [5,0]");

        var refused = new JsonArray();
        foreach (var c in RefusedTensorCases)
        {
            Require(RuntimeRefuses(c), $"the runtime accepts refused tensor {c.Name}");
            var node = new JsonObject
            {
                ["name"] = c.Name,
                ["code"] = c.Code,
                ["shape"] = new JsonArray([.. c.Shape.Select(d => JsonValue.Create(d))]),
            };
            if (c.StringsUtf16Hex is not null)
            {
                node["stringsUtf16Hex"] = new JsonArray([.. c.StringsUtf16Hex.Select(s => JsonValue.Create(s))]);
            }
            else
            {
                node["data"] = Convert.ToHexStringLower(c.Data);
            }

            node["reason"] = c.Reason;
            refused.Add(node);
        }

        var sets = new JsonArray();
        foreach (var c in SetCases)
        {
            var entries = c.Entries.Select(e => new KeyValuePair<string, Sha256Digest>(e.Name, tensorDigests[e.TensorCase])).ToList();
            var node = new JsonObject
            {
                ["name"] = c.Name,
                ["entries"] = new JsonArray([.. entries.Select(e => new JsonObject { ["name"] = e.Key, ["digest"] = e.Value.ToHex() })]),
            };
            if (c.Refused)
            {
                Require(Throws<TensorEncodingException>(() => TensorDigest.ComputeSet(entries)), $"the runtime accepts set {c.Name}");
                node["refused"] = true;
            }
            else
            {
                var digest = TensorDigest.ComputeSet(entries);
                Require(digest == Spec.SetDigest(entries), $"set {c.Name}: runtime and spec formula disagree");
                node["sortedNames"] = new JsonArray([.. Spec.SortUtf8(entries).Select(e => JsonValue.Create(e.Key))]);
                node["digest"] = digest.ToHex();
            }

            if (c.Note is not null)
            {
                node["note"] = c.Note;
            }

            sets.Add(node);
        }

        var pae = new JsonArray();
        foreach (var (type, payload) in new[] { ("http://example.com/HelloWorld", "hello world"), ("", ""), (Receipt.PayloadType, "{}") })
        {
            var bytes = Dsse.Pae(type, Encoding.UTF8.GetBytes(payload));
            Require(bytes.AsSpan().SequenceEqual(Spec.Pae(type, Encoding.UTF8.GetBytes(payload))), "PAE");
            pae.Add(new JsonObject { ["payloadType"] = type, ["payload"] = payload, ["pae"] = Encoding.UTF8.GetString(bytes), ["paeHex"] = Convert.ToHexStringLower(bytes) });
        }

        Require(pae[0]!["pae"]!.GetValue<string>() == "DSSEv1 29 http://example.com/HelloWorld 11 hello world", "the DSSE spec's PAE vector");

        var configs = new JsonArray();
        foreach (var config in new[] { SessionConfiguration.Default, new SessionConfiguration { GraphOptimization = GraphOptimization.Basic, IntraOpThreads = 4, InterOpThreads = 2, ParallelExecution = true } })
        {
            var text = config.ToCanonicalText();
            var digest = config.ComputeDigest();
            Require(digest == Sha256Digest.Compute(Encoding.UTF8.GetBytes(SessionConfiguration.DigestDomain + text)), "session config");
            Require(SessionConfiguration.ParseCanonicalText(text) == config, "session config round trip");
            configs.Add(new JsonObject { ["config"] = text, ["digest"] = digest.ToHex() });
        }

        var base64 = new JsonArray();
        foreach (var text in Base64Cases)
        {
            var ok = GateCrypto.TryDecodeBase64(text, out var decoded, out _);
            base64.Add(ok ? new JsonObject { ["text"] = text, ["bytes"] = Convert.ToHexStringLower(decoded) } : new JsonObject { ["text"] = text, ["refused"] = true });
        }

        using var ed25519 = SigningKey.ImportPem(TestKeys.Ed25519PrivateKeyPem);
        using var p256 = SigningKey.ImportPem(TestKeys.P256PrivateKeyPem);
        Require(ed25519.PublicKey.ExportPem() == TestKeys.Ed25519PublicKeyPem && p256.PublicKey.ExportPem() == TestKeys.P256PublicKeyPem, "test public keys");
        var keys = new JsonObject
        {
            ["ed25519"] = KeyNode(ed25519, TestKeys.Ed25519PrivateKeyPem, "Ed25519"),
            ["p256"] = KeyNode(p256, TestKeys.P256PrivateKeyPem, "ECDSA P-256"),
        };

        var addMul = ReceiptVectors.AddMulEd25519(ed25519);
        var mixed = ReceiptVectors.MixedTypesP256(p256, committed);
        var models = new JsonArray();
        var receipts = new JsonArray();
        foreach (var receipt in new[] { addMul, mixed })
        {
            models.Add(new JsonObject { ["name"] = receipt.ModelName, ["bytes"] = Convert.ToBase64String(receipt.ModelBytes), ["sha256"] = Sha256Digest.Compute(receipt.ModelBytes).ToHex() });
            receipts.Add(receipt.ToNode());
        }

        var refusedPayloads = new JsonArray();
        foreach (var (name, payload) in ReceiptVectors.RefusedPayloads(addMul.Payload))
        {
            Require(Throws<ReceiptFormatException>(() => Receipt.ParseStatement(Encoding.UTF8.GetBytes(payload))), $"the runtime accepts refused payload {name}");
            refusedPayloads.Add(new JsonObject { ["name"] = name, ["payload"] = payload });
        }

        var refusedReceipts = new JsonArray();
        foreach (var (name, check, envelope) in ReceiptVectors.RefusedReceipts(addMul, ed25519))
        {
            var result = new ReceiptVerifier(TrustStore.For(ed25519.PublicKey)).Verify(envelope);
            Require(!result.Succeeded && result.FirstFailure!.Name == check, $"the runtime does not refuse receipt {name} in its {check} check ({result.FirstFailure?.Name ?? "verified"})");
            refusedReceipts.Add(envelope.StartsWith('\uFEFF')
                ? new JsonObject { ["name"] = name, ["key"] = "ed25519", ["check"] = check, ["envelopeText"] = envelope }
                : new JsonObject { ["name"] = name, ["key"] = "ed25519", ["check"] = check, ["envelope"] = JsonNode.Parse(envelope) });
        }

        return new JsonObject
        {
            ["description"] = "OpenVerify receipt v1 test vectors (docs/spec/receipt-v1.md). Generated by tests/OpenVerify.Tests/Spec/SpecVectorTests.cs; " +
                $"regenerate with {RegenerateVariable}=1 dotnet test tests/OpenVerify.Tests --filter FullyQualifiedName~Spec. Hex is lowercase; 'data' is the canonical element bytes.",
            ["version"] = 1,
            ["tensors"] = tensors,
            ["refusedTensors"] = refused,
            ["tensorSets"] = sets,
            ["pae"] = pae,
            ["sessionConfigs"] = configs,
            ["base64"] = base64,
            ["keys"] = keys,
            ["modelFiles"] = models,
            ["receipts"] = receipts,
            ["refusedPayloads"] = refusedPayloads,
            ["refusedReceipts"] = refusedReceipts,
        };
    }

    /// <summary>Strict base64 cases: each is accepted (with its bytes) or refused by the runtime.</summary>
    public static IReadOnlyList<string> Base64Cases { get; } =
    [
        "aGVsbG8=", "aGVsbG8", "+/+/", "-_-_", "+/8=", "-_8", "", "AA==",
        "aGVsbG8==", "aGVsbG9=", "aGVs bG8=", "aGVsbG8=\n", "+_8=", "aGVsbG8=aA==", "a", "A===",
    ];

    private static JsonObject KeyNode(SigningKey key, string privatePem, string algorithm) => new()
    {
        ["testOnly"] = "TEST-ONLY KEY: published in the spec on purpose; never trust it.",
        ["algorithm"] = algorithm,
        ["privateKeyPem"] = privatePem,
        ["publicKeyPem"] = key.PublicKey.ExportPem(),
        ["spkiDer"] = Convert.ToHexStringLower(key.PublicKey.ExportSubjectPublicKeyInfo()),
        ["keyId"] = key.KeyId,
    };

    private static void Require(bool condition, string what)
    {
        if (!condition)
        {
            throw new InvalidOperationException($"Spec vector check failed: {what}.");
        }
    }

    private static bool Throws<TException>(Action action) where TException : Exception
    {
        try
        {
            action();
            return false;
        }
        catch (TException)
        {
            return true;
        }
    }

    /// <summary>The encodings written straight from docs/spec/receipt-v1.md, independent of the runtime.</summary>
    public static class Spec
    {
        public static byte[] EncodeStrings(IEnumerable<string> values)
        {
            var strict = new UTF8Encoding(false, true);
            var output = new List<byte>();
            foreach (var value in values)
            {
                var utf8 = strict.GetBytes(value);
                var length = new byte[8];
                BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)utf8.Length);
                output.AddRange(length);
                output.AddRange(utf8);
            }

            return [.. output];
        }

        public static Sha256Digest TensorDigest(int code, long[] shape, byte[] data)
        {
            var bytes = new List<byte>(Encoding.ASCII.GetBytes("OpenVerify/tensor/v1\0"));
            bytes.AddRange(BitConverter.GetBytes((uint)code));
            bytes.AddRange(BitConverter.GetBytes((uint)shape.Length));
            foreach (var dim in shape)
            {
                bytes.AddRange(BitConverter.GetBytes((ulong)dim));
            }

            bytes.AddRange(data);
            return Sha256Digest.FromBytes(SHA256.HashData([.. bytes]));
        }

        public static List<KeyValuePair<string, Sha256Digest>> SortUtf8(IEnumerable<KeyValuePair<string, Sha256Digest>> entries) =>
            [.. entries.OrderBy(e => Convert.ToHexStringLower(Encoding.UTF8.GetBytes(e.Key)), StringComparer.Ordinal)];

        public static Sha256Digest SetDigest(IEnumerable<KeyValuePair<string, Sha256Digest>> entries)
        {
            var sorted = SortUtf8(entries);
            var bytes = new List<byte>(Encoding.ASCII.GetBytes("OpenVerify/tensor-set/v1\0"));
            bytes.AddRange(BitConverter.GetBytes((uint)sorted.Count));
            foreach (var (name, digest) in sorted)
            {
                var utf8 = Encoding.UTF8.GetBytes(name);
                bytes.AddRange(BitConverter.GetBytes((uint)utf8.Length));
                bytes.AddRange(utf8);
                bytes.AddRange(digest.Bytes.ToArray());
            }

            return Sha256Digest.FromBytes(SHA256.HashData([.. bytes]));
        }

        public static byte[] Pae(string type, byte[] payload)
        {
            var typeBytes = Encoding.UTF8.GetBytes(type);
            return [.. Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"DSSEv1 {typeBytes.Length} ")), .. typeBytes,
                .. Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $" {payload.Length} ")), .. payload];
        }
    }
}
