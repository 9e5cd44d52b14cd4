using System.Text;
using System.Text.Json.Nodes;
using OpenVerify.Testing;

namespace OpenVerify.Tests.Spec;

/// <summary>
/// The two complete receipts of the spec vectors. Each comes from a real run of a test model; the statement then gets
/// fixed values for what differs per run (instance, sequence, timestamp, runtime facts), so the payload is the same on
/// every machine. Ed25519 signatures are deterministic; ECDSA ones are not, so the P-256 vector keeps the committed
/// envelope as long as it still signs exactly this payload with the test key.
/// </summary>
internal sealed record ReceiptVector(
    string Name,
    string KeyName,
    bool SignatureDeterministic,
    DsseEnvelope Envelope,
    string ModelName,
    byte[] ModelBytes,
    string? Nonce,
    string? Audience,
    TensorSet Inputs,
    TensorSet Outputs)
{
    public string Payload => Encoding.UTF8.GetString(Envelope.Payload);

    public JsonObject ToNode() => new()
    {
        ["name"] = Name,
        ["key"] = KeyName,
        ["signatureDeterministic"] = SignatureDeterministic,
        ["envelope"] = JsonNode.Parse(Envelope.ToJson()),
        ["payloadSha256"] = Sha256Digest.Compute(Envelope.Payload).ToHex(),
        ["paeSha256"] = Sha256Digest.Compute(Dsse.Pae(Envelope.PayloadType, Envelope.Payload)).ToHex(),
        ["expected"] = new JsonObject
        {
            ["model"] = ModelName,
            ["modelSha256"] = Sha256Digest.Compute(ModelBytes).ToHex(),
            ["nonce"] = Nonce,
            ["audience"] = Audience,
        },
        ["tensors"] = new JsonObject
        {
            ["inputs"] = Data(Inputs),
            ["outputs"] = Data(Outputs),
        },
    };

    private static JsonArray Data(TensorSet set) =>
        [.. set.Select(t => new JsonObject { ["name"] = t.Key, ["data"] = Convert.ToHexStringLower(SpecVectors.CanonicalBytes(t.Value)) })];
}

internal static class ReceiptVectors
{
    public const string AddMulName = "ed25519-add-mul";
    public const string MixedTypesName = "p256-mixed-types";

    private static readonly RuntimeDescriptor FixedRuntime = new()
    {
        OnnxRuntime = "1.31.1",
        ExecutionProvider = "CPUExecutionProvider",
        Os = "Linux (spec vector)",
        Architecture = "x64",
        Framework = ".NET 10.0 (spec vector)",
        OpenVerify = "0.1.0",
    };

    public static ReceiptVector AddMulEd25519(SigningKey key)
    {
        var modelBytes = TestModels.AddMul();
        var inputs = new TensorSet([
            new("a", TensorValue.Create(new float[] { 1, 2, 3, 4 }, 1, 4)),
            new("b", TensorValue.Create(new float[] { 10, 20, 30, 40 }, 1, 4)),
        ]);
        var (payload, outputs) = Run(modelBytes, "add_mul.onnx", inputs, key, "vector-nonce-0001", "https://verifier.example/", "OpenVerify.Spec.Vectors.AddMul", "00000000-0000-4000-8000-000000000001");
        outputs.Get<float>("sum").ToArray().ShouldBe([11f, 22, 33, 44]);
        outputs.Get<float>("product").ToArray().ShouldBe([10f, 40, 90, 160]);
        var envelope = DsseEnvelope.Sign(Receipt.PayloadType, payload, key);
        return new ReceiptVector(AddMulName, "ed25519", true, envelope, "add_mul.onnx", modelBytes, "vector-nonce-0001", "https://verifier.example/", inputs, outputs);
    }

    public static ReceiptVector MixedTypesP256(SigningKey key, JsonObject? committed)
    {
        var modelBytes = TestModels.MixedTypes();
        var inputs = new TensorSet([
            new("x", TensorValue.Create(new float[] { 1.5f, -2.75f }, 2)),
            new("y", TensorValue.Create(new int[] { 7, -8 }, 2)),
            new("z", TensorValue.Create(new bool[] { true, false }, 2)),
            new("s", TensorValue.CreateStrings(["h\u00e9llo", "\U0001F600"], 2)),
        ]);
        const string nonce = "nonce-\u00fc-\U0001F600";
        const string audience = "aud <&> '+' \"q\" \\";
        var (payload, outputs) = Run(modelBytes, "mixed_types.onnx", inputs, key, nonce, audience, null, "00000000-0000-4000-8000-000000000002");
        outputs.Get<long>("x_int64").ToArray().ShouldBe([1L, -2]);
        outputs.Get<bool>("z_not").ToArray().ShouldBe([false, true]);

        var envelope = CommittedEnvelope(committed, MixedTypesName, payload, key.PublicKey) ?? DsseEnvelope.Sign(Receipt.PayloadType, payload, key);
        return new ReceiptVector(MixedTypesName, "p256", false, envelope, "mixed_types.onnx", modelBytes, nonce, audience, inputs, outputs);
    }

    /// <summary>The committed envelope of a receipt vector, when it still carries this payload and verifies.</summary>
    private static DsseEnvelope? CommittedEnvelope(JsonObject? committed, string name, byte[] payload, PublicKey key)
    {
        var node = committed?["receipts"]?.AsArray().FirstOrDefault(r => r?["name"]?.GetValue<string>() == name)?["envelope"];
        if (node is null)
        {
            return null;
        }

        try
        {
            var envelope = DsseEnvelope.Parse(node.ToJsonString());
            var ok = envelope.PayloadType == Receipt.PayloadType && envelope.Payload.AsSpan().SequenceEqual(payload)
                && envelope.Signatures.Count == 1 && envelope.Signatures[0].KeyId == key.KeyId
                && key.Verify(Dsse.Pae(envelope.PayloadType, envelope.Payload), envelope.Signatures[0].Signature);
            return ok ? envelope : null;
        }
        catch (ReceiptFormatException)
        {
            return null;
        }
    }

    internal static (byte[] Payload, TensorSet Outputs) Run(byte[] modelBytes, string modelName, TensorSet inputs, SigningKey key, string? nonce, string? audience, string? method, string instance)
    {
        using var model = VerifiedModel.FromBytes(modelBytes, new VerifiedModelOptions { Name = modelName });
        var result = model.Run(inputs, new InferenceOptions { Signer = key, Nonce = nonce, Audience = audience, Method = method });
        var live = result.Receipt.LocalStatement ?? throw new InvalidOperationException("A fresh receipt has its statement.");
        var p = live.Predicate;
        var statement = new InferenceStatement
        {
            Type = live.Type,
            Subject = live.Subject,
            PredicateType = live.PredicateType,
            Predicate = new InferencePredicate
            {
                Model = p.Model,
                Inputs = p.Inputs,
                Outputs = p.Outputs,
                Session = p.Session,
                Runtime = FixedRuntime,
                Method = p.Method,
                Instance = instance,
                Sequence = 1,
                Timestamp = "2025-01-01T00:00:00.0000000Z",
                Nonce = p.Nonce,
                Audience = p.Audience,
            },
        };
        return (Receipt.SerializeStatement(statement), result.Value);
    }

    /// <summary>
    /// Receipts signed by the Ed25519 test key that parse but must fail one check (the name given), each made from the
    /// valid add_mul receipt; and envelopes whose text must be refused (<c>envelope</c>).
    /// </summary>
    public static IEnumerable<(string Name, string Check, string EnvelopeText)> RefusedReceipts(ReceiptVector valid, SigningKey key)
    {
        string Resign(Action<JsonNode> change)
        {
            var statement = JsonNode.Parse(valid.Envelope.Payload)!;
            change(statement);
            var payload = Encoding.UTF8.GetBytes(statement.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
            return DsseEnvelope.Sign(Receipt.PayloadType, payload, key).ToJson();
        }

        void Configure(JsonNode statement, string config)
        {
            statement["predicate"]!["session"]!["config"] = config;
            statement["predicate"]!["session"]!["digest"]!["sha256"] = SessionConfiguration.ComputeDigest(config).ToHex();
        }

        var defaultConfig = SessionConfiguration.Default.ToCanonicalText();
        yield return ("subject-not-outputs", "subject", Resign(s => s["subject"]![0]!["name"] = "result"));
        yield return ("shape-overflow", "input-set", Resign(s => s["predicate"]!["inputs"]!["tensors"]![0]!["shape"] = new JsonArray(4611686018427387904L, 4)));
        yield return ("provider-not-cpu", "session-config", Resign(s => Configure(s, defaultConfig.Replace("execution_provider=cpu", "execution_provider=cuda", StringComparison.Ordinal))));
        yield return ("runtime-provider-not-cpu", "session-config", Resign(s => s["predicate"]!["runtime"]!["executionProvider"] = "CUDAExecutionProvider"));
        yield return ("config-not-canonical", "session-config", Resign(s => Configure(s, defaultConfig.Replace("inter_op_threads=1", "inter_op_threads=01", StringComparison.Ordinal))));
        yield return ("byte-order-mark", "envelope", "\uFEFF" + valid.Envelope.ToJson());
    }

    /// <summary>Statements a verifier must refuse to parse (after the signature check), made from a valid payload.</summary>
    public static IEnumerable<(string Name, string Payload)> RefusedPayloads(string valid)
    {
        static string Edit(string text, string from, string to)
        {
            var index = text.IndexOf(from, StringComparison.Ordinal);
            return index < 0 ? throw new InvalidOperationException($"'{from}' is not in the payload.") : string.Concat(text.AsSpan(0, index), to, text.AsSpan(index + from.Length));
        }

        yield return ("duplicate-member", Edit(valid, "{\"_type\":", "{\"_type\":\"https://in-toto.io/Statement/v1\",\"_type\":"));
        yield return ("duplicate-member-nested", Edit(valid, "\"sequence\":1,", "\"sequence\":1,\"sequence\":2,"));
        yield return ("unknown-member", Edit(valid, "\"predicate\":{", "\"predicate\":{\"extra\":1,"));
        yield return ("unknown-member-top", Edit(valid, "{\"_type\":", "{\"comment\":\"x\",\"_type\":"));
        yield return ("wrong-case-member", Edit(valid, "\"sequence\":", "\"Sequence\":"));
        yield return ("missing-required", Edit(valid, "\"instance\":\"00000000-0000-4000-8000-000000000001\",", string.Empty));
        yield return ("null-required", Edit(valid, "\"timestamp\":\"2025-01-01T00:00:00.0000000Z\"", "\"timestamp\":null"));
        yield return ("sequence-not-integer", Edit(valid, "\"sequence\":1,", "\"sequence\":1.0,"));
        yield return ("sequence-exponent", Edit(valid, "\"sequence\":1,", "\"sequence\":1e0,"));
        yield return ("sequence-string", Edit(valid, "\"sequence\":1,", "\"sequence\":\"1\","));
        yield return ("sequence-too-large", Edit(valid, "\"sequence\":1,", "\"sequence\":9223372036854775808,"));
        yield return ("shape-not-integer", Edit(valid, "\"shape\":[1,4]", "\"shape\":[1,4.0]"));
        yield return ("wrong-statement-type", Edit(valid, "https://in-toto.io/Statement/v1", "https://in-toto.io/Statement/v0.1"));
        yield return ("wrong-predicate-type", Edit(valid, "https://openverify.dev/attestation/inference/v1", "https://openverify.dev/attestation/inference/v2"));
        yield return ("trailing-comma", Edit(valid, "\"sequence\":1,", "\"sequence\":1,,"));
        yield return ("comment", Edit(valid, "\"sequence\":1,", "\"sequence\":1,/* c */"));
        yield return ("trailing-content", valid + "{}");
        yield return ("nan-literal", Edit(valid, "\"sequence\":1,", "\"sequence\":NaN,"));
        yield return ("null-list-item", Edit(valid, "\"tensors\":[{", "\"tensors\":[null,{"));
        yield return ("null-subject", Edit(valid, "\"subject\":[{", "\"subject\":[null,{"));
        yield return ("null-digest-value", Edit(valid, "{\"sha256\":\"", "{\"sha256\":null,\"x\":\""));
        yield return ("null-shape-item", Edit(valid, "\"shape\":[1,4]", "\"shape\":[1,null]"));
        yield return ("lone-surrogate-escape", Edit(valid, "\"vector-nonce-0001\"", "\"\\ud800\""));
        yield return ("sequence-zero", Edit(valid, "\"sequence\":1,", "\"sequence\":0,"));
        yield return ("sequence-negative", Edit(valid, "\"sequence\":1,", "\"sequence\":-1,"));
        yield return ("timestamp-offset", Edit(valid, "2025-01-01T00:00:00.0000000Z", "2025-01-01T01:00:00+01:00"));
        yield return ("timestamp-lowercase", Edit(valid, "2025-01-01T00:00:00.0000000Z", "2025-01-01t00:00:00z"));
        yield return ("timestamp-not-a-date", Edit(valid, "2025-01-01T00:00:00.0000000Z", "2025-02-30T00:00:00Z"));
        yield return ("timestamp-leap-second", Edit(valid, "2025-01-01T00:00:00.0000000Z", "2016-12-31T23:59:60Z"));
        yield return ("timestamp-long-fraction", Edit(valid, "2025-01-01T00:00:00.0000000Z", "2025-01-01T00:00:00.0000000000Z"));
        yield return ("instance-not-uuid", Edit(valid, "\"00000000-0000-4000-8000-000000000001\"", "\"instance-1\""));
        yield return ("instance-uppercase", Edit(valid, "\"00000000-0000-4000-8000-000000000001\"", "\"00000000-0000-4000-8000-00000000000A\""));
        yield return ("instance-braces", Edit(valid, "\"00000000-0000-4000-8000-000000000001\"", "\"{00000000-0000-4000-8000-000000000001}\""));
        yield return ("publisher-key-id-malformed", Edit(valid, "\"name\":\"add_mul.onnx\",", "\"name\":\"add_mul.onnx\",\"publisherKeyId\":\"abc\","));
        yield return ("publisher-key-id-uppercase", Edit(valid, "\"name\":\"add_mul.onnx\",", "\"name\":\"add_mul.onnx\",\"publisherKeyId\":\"sha256:" + new string('A', 64) + "\","));
        yield return ("signature-digest-malformed", Edit(valid, "\"name\":\"add_mul.onnx\",", "\"name\":\"add_mul.onnx\",\"signatureDigest\":{\"sha256\":\"xyz\"},"));
        yield return ("signature-digest-other-algorithm", Edit(valid, "\"name\":\"add_mul.onnx\",", "\"name\":\"add_mul.onnx\",\"signatureDigest\":{\"sha512\":\"" + new string('0', 128) + "\"},"));
        yield return ("byte-order-mark", "\uFEFF" + valid);
        yield return ("control-character", Edit(valid, "vector-nonce-0001", "vector-nonce-000\u0001"));
        yield return ("json-null", "null");
        yield return ("not-an-object", "[]");
    }
}
