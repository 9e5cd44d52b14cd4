using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.ML;
using Microsoft.ML.Data;
using OpenVerify.Testing;

namespace OpenVerify.ML.Tests;

/// <summary>
/// docs/spec/vectors/mlnet-v1-vectors.json: rows as tensors (cells), receipts from real ML.NET runs (with their model
/// .zip, so that they replay), and receipts that must be refused. The committed file is checked here (every receipt
/// verifies and replays exactly; every refused one fails at the named check) and by the Python verifier. ML.NET writes
/// a new .zip on every save, so the file is rewritten only with OPENVERIFY_REGENERATE_VECTORS=1.
/// </summary>
public sealed class MLNetVectorTests
{
    private const string Ed25519PrivateKeyPem = "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIJhlKyrFgGLsSy7IWfkZMH6OVu0ryjQKgyUK427SklzV\n-----END PRIVATE KEY-----\n";
    private const string Ed25519PublicKeyPem = "-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEAn5WSgdgnfGJRt4Nlrpa/lJI3ZWz/Alv3yXIpJaflqNo=\n-----END PUBLIC KEY-----\n";

    public static string RepoRoot { get; } = FindRoot();

    private static string VectorsPath => Path.Combine(RepoRoot, "docs", "spec", "vectors", "mlnet-v1-vectors.json");

    private static string FindRoot()
    {
        var dir = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(dir, "OpenVerify.Analyzers.sln")))
        {
            dir = Path.GetDirectoryName(dir) ?? throw new InvalidOperationException("The repository root was not found.");
        }

        return dir;
    }

    public sealed class MixedRow
    {
        public string Word { get; set; } = string.Empty;

        public int Count { get; set; }

        public bool Flag { get; set; }

        public double[] Weights { get; set; } = [];
    }

    public sealed class MixedOut
    {
        public uint WordKey { get; set; }

        public double CountAsDouble { get; set; }

        public bool FlagCopy { get; set; }

        public double[] WeightsCopy { get; set; } = [];

        public string WordBack { get; set; } = string.Empty;
    }

    [SkippableFact]
    public void Committed_vectors_verify_replay_and_refuse()
    {
        if (Environment.GetEnvironmentVariable("OPENVERIFY_REGENERATE_VECTORS") == "1")
        {
            File.WriteAllText(VectorsPath, Generate().ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n");
        }

        var vectors = JsonNode.Parse(File.ReadAllText(VectorsPath))!;
        var key = PublicKey.ImportPem(Ed25519PublicKeyPem);
        var verifier = new ReceiptVerifier(TrustStore.For(key));
        var ml = new MLContext(seed: 1);
        var models = vectors["models"]!.AsObject().ToDictionary(m => m.Key, m => VerifiedMLModel.FromBytes(ml, Convert.FromBase64String((string)m.Value!["zip"]!), m.Key + ".zip", Sha256Digest.Parse("sha256:" + (string)m.Value!["sha256"]!)));
        foreach (var cell in vectors["cells"]!.AsArray())
        {
            var tensor = CellTensor(cell!);
            TensorDigest.Compute(tensor).ToHex().ShouldBe((string)cell!["digest"]!, (string)cell["name"]!);
        }

        foreach (var r in vectors["receipts"]!.AsArray())
        {
            var receipt = Receipt.Parse(r!["envelope"]!.ToJsonString());
            var result = verifier.Verify(receipt, new ReceiptVerificationOptions
            {
                Inputs = Tensors(r["inputs"]!),
                Outputs = Tensors(r["outputs"]!),
                Replayer = models[(string)r["model"]!],
                ExpectedNonce = (string?)r["expected"]!["nonce"],
                ExpectedAudience = (string?)r["expected"]!["audience"],
                Require = RequiredChecks.Inputs | RequiredChecks.Outputs | RequiredChecks.Replay | RequiredChecks.Model,
            });
            result.Succeeded.ShouldBeTrue(string.Join("\n", result.Checks));
            result.Replay!.Verdict.ShouldBe(ReplayVerdict.Exact);
            receipt.Id.ToHex().ShouldBe((string)r["payloadSha256"]!);
        }

        foreach (var r in vectors["refusedReceipts"]!.AsArray())
        {
            var result = verifier.Verify(r!["envelope"]!.ToJsonString());
            result.Checks.First(c => !c.Passed).Name.ShouldBe((string)r["check"]!, (string)r["name"]!);
        }

        var (exit, output) = Python("--mlnet-vectors", VectorsPath);
        if (exit is null)
        {
            return;
        }

        exit.ShouldBe(0, output);
        output.ShouldContain("mlnet receipt iris-sdca");
    }

    [SkippableFact]
    public void The_Python_verifier_checks_fresh_receipts_and_refuses_altered_ones()
    {
        using var harness = Harness.Create("text-sdca");
        using var folder = new TempFolder();
        File.WriteAllText(folder.File("signer.pub.pem"), Harness.Key.PublicKey.ExportPem());
        for (var i = 0; i < 3; i++)
        {
            File.WriteAllText(folder.File($"r{i}.receipt.json"), harness.Predict(harness.Rows[i]).Receipt.ToJson());
        }

        var (exit, output) = Python(folder.Path);
        if (exit is null)
        {
            return;
        }

        exit.ShouldBe(0, output);
        output.ShouldContain("payload-type: " + MLNetReceipts.PayloadType);
        var json = File.ReadAllText(folder.File("r0.receipt.json"));
        var envelope = JsonNode.Parse(json)!;
        var payload = Convert.FromBase64String((string)envelope["payload"]!);
        payload[payload.Length / 3] ^= 1;
        envelope["payload"] = Convert.ToBase64String(payload);
        File.WriteAllText(folder.File("r0.receipt.json"), envelope.ToJsonString());
        Python(folder.Path).ExitCode.ShouldBe(1);
    }

    private static (int? ExitCode, string Output) Python(params string[] args)
    {
        const string python = "/usr/bin/python3";
        var ci = Environment.GetEnvironmentVariable("OPENVERIFY_CI") == "1";
        if (!File.Exists(python))
        {
            if (ci)
            {
                Assert.Fail("OPENVERIFY_CI=1 and /usr/bin/python3 is missing.");
            }

            Skip.If(true, "install python3 and python3-cryptography to run the Python verifier");
        }

        var start = new ProcessStartInfo(python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in (string[])[Path.Combine(RepoRoot, "tests", "interop", "verify_receipts.py"), .. args])
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["PYTHONIOENCODING"] = "utf-8";
        start.Environment["PYTHONDONTWRITEBYTECODE"] = "1";
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        var output = stdout + stderr.Result;
        if (output.Contains("No module named 'cryptography'", StringComparison.Ordinal))
        {
            if (ci)
            {
                Assert.Fail("OPENVERIFY_CI=1 and python3-cryptography is missing.");
            }

            Skip.If(true, "install python3-cryptography to run the Python verifier");
        }

        return (process.ExitCode, output);
    }

    private static TensorValue CellTensor(JsonNode cell)
    {
        var shape = cell["shape"]!.AsArray().Select(d => (long)d!).ToArray();
        var type = (string)cell["elementType"]!;
        if (type == "string")
        {
            return TensorValue.CreateStrings([.. cell["strings"]!.AsArray().Select(s => (string)s!)], shape);
        }

        var bytes = Convert.FromHexString((string)cell["data"]!);
        return type switch
        {
            "float" => TensorValue.Create(MemoryMarshal.Cast<byte, float>(bytes).ToArray(), shape),
            "double" => TensorValue.Create(MemoryMarshal.Cast<byte, double>(bytes).ToArray(), shape),
            "int8" => TensorValue.Create(MemoryMarshal.Cast<byte, sbyte>(bytes).ToArray(), shape),
            "uint8" => TensorValue.Create(bytes, shape),
            "int16" => TensorValue.Create(MemoryMarshal.Cast<byte, short>(bytes).ToArray(), shape),
            "uint16" => TensorValue.Create(MemoryMarshal.Cast<byte, ushort>(bytes).ToArray(), shape),
            "int32" => TensorValue.Create(MemoryMarshal.Cast<byte, int>(bytes).ToArray(), shape),
            "uint32" => TensorValue.Create(MemoryMarshal.Cast<byte, uint>(bytes).ToArray(), shape),
            "int64" => TensorValue.Create(MemoryMarshal.Cast<byte, long>(bytes).ToArray(), shape),
            "uint64" => TensorValue.Create(MemoryMarshal.Cast<byte, ulong>(bytes).ToArray(), shape),
            "bool" => TensorValue.Create(MemoryMarshal.Cast<byte, bool>(bytes).ToArray(), shape),
            _ => throw new InvalidOperationException(type),
        };
    }

    private static TensorSet Tensors(JsonNode node) => new(node.AsObject().Select(t => new KeyValuePair<string, TensorValue>(t.Key, CellTensor(t.Value!))));

    // ---- generation (OPENVERIFY_REGENERATE_VECTORS=1) ----

    private static JsonObject Cell(string name, DataViewType type, object? value)
    {
        var tensor = RowTensors.FromValue(name, type, value);
        var node = new JsonObject
        {
            ["name"] = name,
            ["mlnetType"] = type.ToString(),
            ["elementType"] = ElementTypes.ToOnnxName(tensor.ElementType),
            ["shape"] = new JsonArray([.. tensor.Shape.Select(d => (JsonNode)d)]),
        };
        if (tensor is StringTensorValue s)
        {
            node["strings"] = new JsonArray([.. s.Values.Select(v => (JsonNode)v)]);
        }
        else
        {
            node["data"] = Convert.ToHexStringLower(ElementBytes(tensor));
        }

        node["digest"] = TensorDigest.Compute(tensor).ToHex();
        return node;
    }

    private static byte[] ElementBytes(TensorValue tensor) => tensor switch
    {
        TensorValue<float> t => MemoryMarshal.AsBytes(t.Span).ToArray(),
        TensorValue<double> t => MemoryMarshal.AsBytes(t.Span).ToArray(),
        TensorValue<sbyte> t => MemoryMarshal.AsBytes(t.Span).ToArray(),
        TensorValue<byte> t => t.Span.ToArray(),
        TensorValue<short> t => MemoryMarshal.AsBytes(t.Span).ToArray(),
        TensorValue<ushort> t => MemoryMarshal.AsBytes(t.Span).ToArray(),
        TensorValue<int> t => MemoryMarshal.AsBytes(t.Span).ToArray(),
        TensorValue<uint> t => MemoryMarshal.AsBytes(t.Span).ToArray(),
        TensorValue<long> t => MemoryMarshal.AsBytes(t.Span).ToArray(),
        TensorValue<ulong> t => MemoryMarshal.AsBytes(t.Span).ToArray(),
        TensorValue<bool> t => MemoryMarshal.AsBytes(t.Span).ToArray(),
        _ => throw new InvalidOperationException(),
    };

    private static JsonObject TensorData(TensorSet set) =>
        new(set.Select(t => new KeyValuePair<string, JsonNode?>(t.Key, t.Value is StringTensorValue s
            ? new JsonObject { ["elementType"] = "string", ["shape"] = new JsonArray([.. s.Shape.Select(d => (JsonNode)d)]), ["strings"] = new JsonArray([.. s.Values.Select(v => (JsonNode)v)]) }
            : new JsonObject { ["elementType"] = ElementTypes.ToOnnxName(t.Value.ElementType), ["shape"] = new JsonArray([.. t.Value.Shape.Select(d => (JsonNode)d)]), ["data"] = Convert.ToHexStringLower(ElementBytes(t.Value)) })));

    private static JsonObject Generate()
    {
        var signer = SigningKey.ImportPem(Ed25519PrivateKeyPem);
        var options = new InferenceOptions { Signer = signer, Nonce = "nonce-\u00fc", Audience = "aud <&>" };
        var ml = new MLContext(seed: 1);

        // A real trained model (iris, SDCA maximum entropy) and a mixed-type pipeline (text, int32, bool, double
        // vectors, a key), both small enough to carry in the file.
        var iris = TrainedModels.Get("multiclass-sdca");
        var irisModel = VerifiedMLModel.FromBytes(ml, iris.Zip, "iris-sdca.zip");
        var mixedRows = new[] { new MixedRow { Word = "héllo ✓", Count = -3, Flag = true, Weights = [0.5, -0.0, double.MaxValue] }, new MixedRow { Word = "world", Count = 7, Flag = false, Weights = [] } };
        var mixedData = ml.Data.LoadFromEnumerable(mixedRows);
        var pipeline = ml.Transforms.Conversion.MapValueToKey("WordKey", "Word")
            .Append(ml.Transforms.Conversion.ConvertType("CountAsDouble", "Count", DataKind.Double))
            .Append(ml.Transforms.CopyColumns("FlagCopy", "Flag"))
            .Append(ml.Transforms.CopyColumns("WeightsCopy", "Weights"))
            .Append(ml.Transforms.Conversion.MapKeyToValue("WordBack", "WordKey"));
        using var mixedZip = new MemoryStream();
        ml.Model.Save(pipeline.Fit(mixedData), mixedData.Schema, mixedZip);
        var mixedModel = VerifiedMLModel.FromBytes(ml, mixedZip.ToArray(), "mixed-types.zip");

        var receipts = new JsonArray();
        using (var engine = irisModel.CreatePredictionEngine<IrisRow, MulticlassPrediction>())
        {
            var row = (IrisRow)iris.Rows[60];
            var a = engine.Predict(row, options);
            receipts.Add(ReceiptVector("iris-sdca", "iris-sdca", a.Receipt, engine.ReadInputs(row), engine.ReadOutputs(a.Value), options));
        }

        Receipt mixedReceipt;
        using (var engine = mixedModel.CreatePredictionEngine<MixedRow, MixedOut>())
        {
            var a = engine.Predict(mixedRows[0], options);
            mixedReceipt = a.Receipt;
            receipts.Add(ReceiptVector("mixed-types", "mixed-types", a.Receipt, engine.ReadInputs(mixedRows[0]), engine.ReadOutputs(a.Value), options));
        }

        using var onnx = VerifiedModel.FromBytes(TestModels.AddMul());
        var onnxReceipt = onnx.Run(new TensorSet([new("a", TensorValue.Create([1f, 2, 3, 4], 1, 4)), new("b", TensorValue.Create([1f, 2, 3, 4], 1, 4))]), new InferenceOptions { Signer = signer }).Receipt;
        JsonNode Statement() => JsonNode.Parse(mixedReceipt.Envelope.Payload)!;
        JsonObject Refused(string name, string check, string payloadType, byte[] payload) => new()
        {
            ["name"] = name,
            ["key"] = "ed25519",
            ["check"] = check,
            ["envelope"] = JsonNode.Parse(DsseEnvelope.Sign(payloadType, payload, signer).ToJson()),
        };
        byte[] Edited(Action<JsonNode> edit)
        {
            var statement = Statement();
            edit(statement);
            return Encoding.UTF8.GetBytes(statement.ToJsonString());
        }

        var refused = new JsonArray
        {
            Refused("mlnet-statement-under-the-inference-payload-type", VerificationChecks.Statement, Receipt.PayloadType, mixedReceipt.Envelope.Payload),
            Refused("inference-statement-under-the-mlnet-payload-type", VerificationChecks.Statement, MLNetReceipts.PayloadType, onnxReceipt.Envelope.Payload),
            Refused("model-format-not-mlnet-zip", VerificationChecks.Statement, MLNetReceipts.PayloadType, Edited(s => s["predicate"]!["model"]!["format"] = "onnx")),
            Refused("session-member-from-the-inference-kind", VerificationChecks.Statement, MLNetReceipts.PayloadType, Edited(s => s["predicate"]!.AsObject()["session"] = new JsonObject())),
            Refused("empty-mlnet-version", VerificationChecks.Statement, MLNetReceipts.PayloadType, Edited(s => s["predicate"]!["runtime"]!["mlNet"] = "")),
            Refused("input-set-digest-wrong", VerificationChecks.InputSet, MLNetReceipts.PayloadType, Edited(s => s["predicate"]!["inputs"]!["digest"]!["openverify-tensor-set-v1"] = new string('0', 64))),
            Refused("subject-not-the-output-set", VerificationChecks.Subject, MLNetReceipts.PayloadType, Edited(s => s["subject"]![0]!["digest"]!["openverify-tensor-set-v1"] = new string('0', 64))),
        };

        var text = TextDataViewType.Instance;
        var cells = new JsonArray
        {
            Cell("float-scalar", NumberDataViewType.Single, 1.5f),
            Cell("double-scalar", NumberDataViewType.Double, -0.0),
            Cell("int64-scalar", NumberDataViewType.Int64, long.MinValue),
            Cell("uint8-scalar", NumberDataViewType.Byte, (byte)200),
            Cell("bool-scalar", BooleanDataViewType.Instance, true),
            Cell("text-scalar", text, "héllo ✓".AsMemory()),
            Cell("text-null-is-empty", text, null),
            Cell("key-u4-scalar", new KeyDataViewType(typeof(uint), 10), 3u),
            Cell("key-u1-scalar", new KeyDataViewType(typeof(byte), 10), (byte)0),
            Cell("float-vector-known-size", new VectorDataViewType(NumberDataViewType.Single, 3), new VBuffer<float>(3, 1, [2.5f], [1])),
            Cell("float-vector-2x2", new VectorDataViewType(NumberDataViewType.Single, 2, 2), new[] { 1f, 2, 3, 4 }),
            Cell("int32-vector-variable", new VectorDataViewType(NumberDataViewType.Int32), new[] { 7, -1 }),
            Cell("int32-vector-variable-empty", new VectorDataViewType(NumberDataViewType.Int32), Array.Empty<int>()),
            Cell("text-vector", new VectorDataViewType(text), new[] { "a", "", "数据" }),
            Cell("key-vector", new VectorDataViewType(new KeyDataViewType(typeof(uint), 5), 2), new[] { 1u, 5u }),
        };

        JsonObject RefusedType(DataViewType type)
        {
            try
            {
                RowTensors.ElementTypeOf("c", type);
                throw new InvalidOperationException($"{type} was accepted");
            }
            catch (ModelLoadException e)
            {
                return new JsonObject { ["mlnetType"] = type.ToString(), ["reason"] = e.Message };
            }
        }

        return new JsonObject
        {
            ["description"] = "OpenVerify ML.NET prediction receipt vectors (docs/spec/mlnet-v1.md). TEST-ONLY keys.",
            ["keys"] = new JsonObject { ["ed25519"] = Ed25519PublicKeyPem },
            ["coveredTypes"] = new JsonArray([.. cells.Select(c => (JsonNode)(string)c!["mlnetType"]!).Select(n => (string)n!).Distinct().Select(n => (JsonNode)n)]),
            ["cells"] = cells,
            ["refusedTypes"] = new JsonArray(RefusedType(DateTimeDataViewType.Instance), RefusedType(DateTimeOffsetDataViewType.Instance), RefusedType(TimeSpanDataViewType.Instance), RefusedType(RowIdDataViewType.Instance)),
            ["models"] = new JsonObject
            {
                ["iris-sdca"] = new JsonObject { ["sha256"] = irisModel.Digest.ToHex(), ["zip"] = Convert.ToBase64String(iris.Zip) },
                ["mixed-types"] = new JsonObject { ["sha256"] = mixedModel.Digest.ToHex(), ["zip"] = Convert.ToBase64String(mixedZip.ToArray()) },
            },
            ["receipts"] = receipts,
            ["refusedReceipts"] = refused,
        };
    }

    private static JsonObject ReceiptVector(string name, string model, Receipt receipt, TensorSet inputs, TensorSet outputs, InferenceOptions options)
    {
        var statement = MLNetReceipts.ReadStatementUnverified(receipt);
        return new JsonObject
        {
            ["name"] = name,
            ["model"] = model,
            ["key"] = "ed25519",
            ["envelope"] = JsonNode.Parse(receipt.ToJson()),
            ["payloadSha256"] = receipt.Id.ToHex(),
            ["expected"] = new JsonObject { ["modelSha256"] = statement.Predicate.Model.Digest["sha256"], ["nonce"] = options.Nonce, ["audience"] = options.Audience },
            ["inputs"] = TensorData(inputs),
            ["outputs"] = TensorData(outputs),
        };
    }
}
