using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsCheck;
using OpenVerify.Fuzz;
using OpenVerify.Tests.Spec;

namespace OpenVerify.Tests.Receipts;

/// <summary>
/// The verifier's statement reader (<see cref="StatementReader"/>) against the strict reader
/// (<see cref="Receipt.ParseStatement"/>): on generated statements, on structural and byte-level mutations of them, on
/// the spec's refused payloads and on the fuzz seeds, both accept or both refuse, and on an accepted statement they read
/// the same values (<see cref="StatementReaderOracle"/>, which the fuzz target <c>statementdiff</c> runs too).
/// </summary>
public class StatementReaderDifferentialTests
{
    [Fact]
    public void GeneratedStatements_BothReadersAgree()
    {
        int fast = 0, other = 0;
        StatementGen.Statements.Sample(payload =>
        {
            var agrees = StatementReaderOracle.Agrees(payload);
            var reader = StatementReader.ForThread;
            if (reader.Read(payload) && reader.Fast)
            {
                Interlocked.Increment(ref fast);
            }
            else
            {
                Interlocked.Increment(ref other);
            }

            return agrees;
        }, iter: 3000);

        // Most generated statements are valid and take the fast path; the odd variants (digest sets with other keys,
        // unsupported element types, negative shapes, another provider, two subjects) do not.
        fast.ShouldBeGreaterThan(400, $"{fast} on the fast path, {other} not");
        other.ShouldBeGreaterThan(300, $"{fast} on the fast path, {other} not");
    }

    [Fact]
    public void MutatedStatements_BothReadersAgree()
    {
        // Counted, so that the property cannot pass on mutations that are all refused (or all accepted).
        int accepted = 0, fast = 0, refused = 0;
        StatementGen.Mutated.Sample(payload =>
        {
            var agrees = StatementReaderOracle.Agrees(payload);
            var reader = StatementReader.ForThread;
            if (!reader.Read(payload))
            {
                Interlocked.Increment(ref refused);
            }
            else if (reader.Fast)
            {
                Interlocked.Increment(ref fast);
            }
            else
            {
                Interlocked.Increment(ref accepted);
            }

            return agrees;
        }, iter: 6000);

        var counts = $"{refused} refused, {accepted} accepted off the fast path, {fast} on it";
        refused.ShouldBeGreaterThan(1000, counts);
        (accepted + fast).ShouldBeGreaterThan(150, counts);
        fast.ShouldBeGreaterThan(20, counts);
    }

    [Fact]
    public void SpecPayloadsAndFuzzSeeds_BothReadersAgree()
    {
        var vectors = JsonNode.Parse(File.ReadAllText(SpecVectors.VectorsPath))!;
        var payloads = vectors["refusedPayloads"]!.AsArray().Select(p => Encoding.UTF8.GetBytes(p!["payload"]!.GetValue<string>()))
            .Concat(vectors["receipts"]!.AsArray().Select(r => Convert.FromBase64String(r!["envelope"]!["payload"]!.GetValue<string>())))
            .Concat(Directory.EnumerateFiles(Path.Combine(SpecVectors.RepoRoot, "fuzz", "corpus", "statement")).Select(File.ReadAllBytes))
            .ToList();
        payloads.Count.ShouldBeGreaterThan(40);
        foreach (var payload in payloads)
        {
            StatementReaderOracle.Agrees(payload).ShouldBeTrue(Encoding.UTF8.GetString(payload));
        }

        // The refused payloads are refused by both; the vectors' receipts are read by both, on the fast path.
        foreach (var refused in vectors["refusedPayloads"]!.AsArray())
        {
            StatementReader.ForThread.Read(Encoding.UTF8.GetBytes(refused!["payload"]!.GetValue<string>())).ShouldBeFalse(refused["name"]!.GetValue<string>());
        }

        foreach (var receipt in vectors["receipts"]!.AsArray())
        {
            var reader = StatementReader.ForThread;
            reader.Read(Convert.FromBase64String(receipt!["envelope"]!["payload"]!.GetValue<string>())).ShouldBeTrue();
            reader.Fast.ShouldBeTrue();
        }
    }

    [Fact]
    public void TheTimestampCheck_AgreesWithTryParseExact()
    {
        // Digits anywhere (months 13-99, day 31 of every month, hour 24, second 60, year 0000 included), with the
        // literal characters as writers emit them: the check answers what TryParseExact answers, and refuses a lowercase
        // 't' as the spec and the Python verifier do.
        static bool Exact(string text) => DateTime.TryParseExact(text, "yyyy-MM-dd'T'HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out _);
        Gen.Select(Gen.Select(Gen.Int[0, 9999], Gen.Int[0, 19], Gen.Int[0, 39]), Gen.Select(Gen.Int[0, 29], Gen.Int[0, 69], Gen.Int[0, 69]))
            .Select(t => FormattableString.Invariant($"{t.Item1.Item1:D4}-{t.Item1.Item2:D2}-{t.Item1.Item3:D2}T{t.Item2.Item1:D2}:{t.Item2.Item2:D2}:{t.Item2.Item3:D2}"))
            .Sample(text => Receipt.IsCalendarDateTime(text) == Exact(text) && Receipt.IsUtcTimestamp(text + "Z") == Exact(text), iter: 20000);
        foreach (var text in new[] { "2024-02-29T23:59:59", "2023-02-29T00:00:00", "0000-01-01T00:00:00", "9999-12-31T23:59:59", "2025-01-02t03:04:05", "2025-01-02T03:04:60" })
        {
            Receipt.IsUtcTimestamp(text + "Z").ShouldBe(Exact(text), text);
        }
    }

    [Theory]
    [InlineData("\"\\u005ftype\"", true)]                  // an escaped name is the same name
    [InlineData("\"_Type\"", false)]                      // names are case-sensitive
    [InlineData("\"\\ud800\"", false)]                     // a lone surrogate in a name
    public void EscapedMemberNames(string typeName, bool accepted)
    {
        var payload = Encoding.UTF8.GetBytes(StatementGen.Minimal().Replace("\"_type\"", typeName, StringComparison.Ordinal));
        StatementReaderOracle.Agrees(payload).ShouldBeTrue();
        StatementReader.ForThread.Read(payload).ShouldBe(accepted);
    }

    [Theory]
    [InlineData("{\"sha256\":\"00\",\"sha256\":\"00\"}")]          // a duplicate key in a digest set
    [InlineData("{\"sha256\":\"00\",\"sha\\u0032\\u00356\":\"00\"}")] // the same key, escaped
    [InlineData("{\"sha256\":null}")]                              // a null digest value
    [InlineData("{\"sha256\":1}")]                                 // a digest value that is not a string
    [InlineData("{\"\\udc00\":\"00\"}")]                           // a lone surrogate as a key
    public void DigestSetsTheStrictReaderRefuses_AreRefused(string digestSet)
    {
        var payload = Encoding.UTF8.GetBytes(StatementGen.Minimal().Replace("{\"sha256\":\"" + StatementGen.Hex(7) + "\"}", digestSet, StringComparison.Ordinal));
        StatementReaderOracle.Agrees(payload).ShouldBeTrue();
        StatementReader.ForThread.Read(payload).ShouldBeFalse();
    }
}

/// <summary>Generated statements: valid ones with every optional member and awkward text, and mutations of them.</summary>
internal static class StatementGen
{
    public static string Hex(int seed) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(BitConverter.GetBytes(seed)));

    /// <summary>A small valid statement, compact, with model digest <c>Hex(7)</c>.</summary>
    public static string Minimal() => Build(7, "m.onnx", [("x", "float", [1, 2])], [("y", "float", [1])], null, null, true, 0).ToJsonString();

    private static Gen<T> Pick<T>(T[] values) => Gen.Int[0, values.Length - 1].Select(i => values[i]);

    private static readonly string[] Texts = ["x", "model.onnx", "a\"b", "back\\slash", "é", "😀", "line\nbreak", "tab\t", "\u2028", "<&>", "+", "outputs", "", "\u0000", "\u00ff\u0100"];
    private static readonly string[] ElementTypeNames = ["float", "int64", "string", "bool", "float16", "bfloat16", "double", "uint8", "float32", "FLOAT", "complex64", "float8e4m3fn", "int4", ""];

    private static readonly Gen<string> Text = Gen.OneOf(Pick(Texts), Gen.String[Gen.Char.AlphaNumeric, 0, 6]);

    private static readonly Gen<(string, string, long[])> TensorGen =
        Gen.Select(Text, Gen.Frequency((12, Gen.Const("float")), (2, Pick(ElementTypeNames))), Gen.Frequency((16, Gen.Long[0, 5].Array[0, 3]), (1, Pick(new long[][] { [-1], [long.MaxValue, 2], [0, long.MaxValue] }))));

    private static readonly Gen<string?> OptionalText = Gen.OneOf(Gen.Const((string?)null), Text.Select(t => (string?)t));

    private static readonly Gen<JsonObject> Objects =
        Gen.Select(Gen.Select(Gen.Int[0, 1000], Text, TensorGen.List[0, 3]), Gen.Select(TensorGen.List[0, 3], OptionalText, OptionalText), Gen.Select(Gen.Bool, Gen.Frequency((12, Gen.Const(0)), (12, Gen.Int[1, 12]))))
            .Select(t => Build(t.Item1.Item1, t.Item1.Item2, t.Item1.Item3, t.Item2.Item1, t.Item2.Item2, t.Item2.Item3, t.Item3.Item1, t.Item3.Item2));

    public static readonly Gen<byte[]> Statements = Gen.Select(Objects, Gen.Bool).Select(t => Write(t.Item1, t.Item2));

    /// <summary>A statement with one or two structural mutations, then sometimes one text or byte mutation.</summary>
    public static readonly Gen<byte[]> Mutated =
        Gen.Select(Objects, Gen.Select(Gen.Int[1, 2], Gen.Int[0, int.MaxValue]), Gen.Select(Gen.Bool, Gen.Int[0, 9]))
            .Select(t =>
            {
                var random = new Random(t.Item2.Item2);
                for (var i = 0; i < t.Item2.Item1; i++)
                {
                    MutateStructure(t.Item1, random);
                }

                var bytes = Write(t.Item1, t.Item3.Item1);
                return t.Item3.Item2 < 6 ? MutateText(bytes, random) : bytes;
            });

    private static byte[] Write(JsonNode node, bool relaxed) =>
        Encoding.UTF8.GetBytes(node.ToJsonString(new JsonSerializerOptions { Encoder = relaxed ? JavaScriptEncoder.UnsafeRelaxedJsonEscaping : JavaScriptEncoder.Default }));

    private static JsonObject Build(int seed, string modelName, IList<(string, string, long[])> inputs, IList<(string, string, long[])> outputs, string? nonce, string? audience, bool optional, int variant)
    {
        JsonObject Set(IList<(string Name, string Type, long[] Shape)> tensors, int salt)
        {
            var names = tensors.Select(t => t.Name).ToList();
            var digests = tensors.Select((t, i) => new KeyValuePair<string, Sha256Digest>(t.Name, Sha256Digest.FromBytes(Convert.FromHexString(Hex(seed + salt + i))))).ToList();
            // The set digest is right when the names are distinct, so that the verifier's fast path runs through too.
            var setDigest = names.Distinct(StringComparer.Ordinal).Count() == names.Count ? TensorDigest.ComputeSet(digests).ToHex() : Hex(seed + salt + 99);
            return new JsonObject
            {
                ["digest"] = Digests(TensorDigest.TensorSetDigestKey, setDigest, variant == 1 && salt == 1),
                ["tensors"] = new JsonArray(tensors.Select((t, i) => (JsonNode?)new JsonObject
                {
                    ["name"] = t.Name,
                    ["elementType"] = t.Type,
                    ["shape"] = new JsonArray(t.Shape.Select(d => (JsonNode?)JsonValue.Create(d)).ToArray()),
                    ["digest"] = Digests(TensorDigest.TensorDigestKey, digests[i].Value.ToHex(), variant == 2 && i == 0),
                }).ToArray()),
            };
        }

        var outputSet = Set(outputs, 1);
        var predicate = new JsonObject
        {
            ["model"] = new JsonObject { ["name"] = modelName, ["digest"] = Digests("sha256", Hex(seed), variant == 3) },
            ["inputs"] = Set(inputs, 2),
            ["outputs"] = outputSet,
            ["session"] = new JsonObject
            {
                ["config"] = "execution_provider=cpu\nintra_op_threads=1\ninter_op_threads=1\ngraph_optimization=all\ndeterministic_compute=true",
                ["digest"] = Digests("sha256", Hex(seed + 5), variant == 4),
            },
            ["runtime"] = new JsonObject { ["onnxRuntime"] = "1.22.0", ["executionProvider"] = variant == 5 ? "CUDAExecutionProvider" : "CPUExecutionProvider", ["os"] = "Linux", ["architecture"] = "x64", ["framework"] = ".NET 10", ["openVerify"] = "1.0.0" },
            ["instance"] = variant == 6 ? "00000000-0000-4000-8000-00000000000A" : "00000000-0000-4000-8000-000000000001",
            ["sequence"] = variant == 7 ? 0 : seed + 1,
            ["timestamp"] = variant == 8 ? "2025-02-30T00:00:00Z" : "2025-01-02T03:04:05.1234567Z",
        };
        if (optional)
        {
            predicate["model"]!["signatureDigest"] = Digests("sha256", Hex(seed + 3), variant == 9);
            predicate["model"]!["publisherKeyId"] = "sha256:" + (variant == 10 ? Hex(seed).ToUpperInvariant() : Hex(seed + 4));
            predicate["method"] = "Demo.Run";
        }

        if (nonce is not null)
        {
            predicate["nonce"] = nonce;
        }

        if (audience is not null)
        {
            predicate["audience"] = audience;
        }

        var subjectDigest = outputSet["digest"]!.DeepClone();
        return new JsonObject
        {
            ["_type"] = InferenceStatement.StatementType,
            ["subject"] = variant == 11 ? new JsonArray() : new JsonArray(new JsonObject { ["name"] = variant == 12 ? "Outputs" : "outputs", ["digest"] = subjectDigest }),
            ["predicateType"] = Receipt.PredicateType,
            ["predicate"] = predicate,
        };
    }

    /// <summary>A digest set, or with <paramref name="odd"/> one the strict reader accepts but the checks do not read
    /// (another key, two keys, uppercase or short hex, empty).</summary>
    private static JsonObject Digests(string key, string hex, bool odd) => (odd ? hex[0] % 5 : -1) switch
    {
        0 => new JsonObject { ["sha512"] = hex },
        1 => new JsonObject { [key] = hex, ["sha1"] = hex[..40] },
        2 => new JsonObject { [key] = hex.ToUpperInvariant() },
        3 => new JsonObject { [key] = hex[..63] },
        4 => new JsonObject(),
        _ => new JsonObject { [key] = hex },
    };

    private static readonly JsonNode?[] Replacements = [null, 1, "1", 1.5, true, new JsonArray(), new JsonObject(), -1, long.MaxValue, "x"];

    private static void MutateStructure(JsonObject root, Random random)
    {
        var places = new List<(JsonNode Parent, object Key)>();
        void Walk(JsonNode? node)
        {
            switch (node)
            {
                case JsonObject o:
                    foreach (var (k, v) in o)
                    {
                        places.Add((o, k));
                        Walk(v);
                    }

                    break;
                case JsonArray a:
                    for (var i = 0; i < a.Count; i++)
                    {
                        places.Add((a, i));
                        Walk(a[i]);
                    }

                    break;
            }
        }

        Walk(root);
        var (parent, key) = places[random.Next(places.Count)];
        var replacement = Replacements[random.Next(Replacements.Length)]?.DeepClone();
        switch (parent, key, random.Next(5))
        {
            case (JsonObject o, string k, 0):
                o.Remove(k);
                break;
            case (JsonObject o, string k, 1):
                var value = o[k]?.DeepClone();
                o.Remove(k);
                o[random.Next(2) == 0 ? k.ToUpperInvariant() : k + "x"] = value;
                break;
            case (JsonObject o, string, 2):
                o["unknown" + random.Next(3)] = replacement;
                break;
            case (JsonObject o, string k, _):
                o[k] = replacement;
                break;
            case (JsonArray a, int i, 0):
                a.RemoveAt(i);
                break;
            case (JsonArray a, int i, 1):
                a.Add(a[i]?.DeepClone());
                break;
            case (JsonArray a, int i, _):
                a[i] = replacement;
                break;
        }
    }

    private static readonly string[] Insertions = ["\"", "{", "}", "[", "]", ",", ":", "\\", "\\u0000", "\\ud800", "\\udc00", "\\ud83d\\ude00", " ", "/*c*/", "null", "1", "-0", "1e2", "1.0", "\u00e9", "\uFEFF"];

    private static byte[] MutateText(byte[] bytes, Random random)
    {
        var text = Encoding.UTF8.GetString(bytes);
        switch (random.Next(8))
        {
            case 0:
            {
                // Duplicate a member: copy "name":value (a simple value) right after itself.
                var members = System.Text.RegularExpressions.Regex.Matches(text, "\"[A-Za-z_]+\":(\"[^\"\\\\]*\"|-?[0-9]+|null|true|false|\\{[^{}]*\\})");
                if (members.Count > 0)
                {
                    var m = members[random.Next(members.Count)];
                    text = text.Insert(m.Index + m.Length, "," + m.Value);
                }

                break;
            }

            case 1:
            {
                // Escape one character of a member name (the same name, written differently).
                var names = System.Text.RegularExpressions.Regex.Matches(text, "\"([A-Za-z_]+)\":");
                if (names.Count > 0)
                {
                    var m = names[random.Next(names.Count)];
                    var at = m.Index + 1 + random.Next(m.Groups[1].Length);
                    text = text[..at] + $"\\u{(int)text[at]:x4}" + text[(at + 1)..];
                }

                break;
            }

            case 2:
                text = "\uFEFF" + text;
                break;
            case 3:
                text += random.Next(2) == 0 ? " \n" : " {}";
                break;
            case 4:
            {
                var at = random.Next(text.Length);
                text = text.Insert(at, Insertions[random.Next(Insertions.Length)]);
                break;
            }

            default:
            {
                // A byte: removed, replaced or flipped (invalid UTF-8 included).
                var copy = bytes.ToList();
                var at = random.Next(copy.Count);
                switch (random.Next(3))
                {
                    case 0:
                        copy.RemoveAt(at);
                        break;
                    case 1:
                        copy[at] = (byte)random.Next(256);
                        break;
                    default:
                        copy.Insert(at, (byte)(0x80 + random.Next(0x80)));
                        break;
                }

                return [.. copy];
            }
        }

        return Encoding.UTF8.GetBytes(text);
    }
}
