using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;
using OpenVerify.Extensions.AI.Canonical;

namespace OpenVerify.Extensions.AI.Tests;

/// <summary>
/// docs/spec/vectors/chat-v1-vectors.json: canonical JSON cases (deterministic, compared byte for byte), and receipts
/// with their transcripts made by the real pipeline under a TEST-ONLY key, with what a verifier must say about each
/// (valid, a tampered transcript and the field it names, another kind, a chain and its broken orders). The .NET
/// verifier and tests/interop/verify_receipts.py must both agree with the file. Regenerate with
/// OPENVERIFY_REGENERATE_VECTORS=1 dotnet test tests/OpenVerify.Extensions.AI.Tests --filter FullyQualifiedName~ChatVector.
/// </summary>
[Collection(ChatCollection.Name)]
public sealed partial class ChatVectorTests(ChatFixture fixture)
{
    private const string Python = "/usr/bin/python3";

    private static readonly JsonSerializerOptions WriteOptions = new() { WriteIndented = true, IndentSize = 2, NewLine = "\n", Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string RepoRoot { get; } = FindRepoRoot();

    private static string VectorsPath => Path.Combine(RepoRoot, "docs", "spec", "vectors", "chat-v1-vectors.json");

    private static string Script => Path.Combine(RepoRoot, "tests", "interop", "verify_receipts.py");

    /// <summary>TEST-ONLY Ed25519 key: seed = SHA-256("OpenVerify chat-v1 TEST-ONLY Ed25519 key"). Never trust it.</summary>
    private static SigningKey TestKey()
    {
        var seed = SHA256.HashData("OpenVerify chat-v1 TEST-ONLY Ed25519 key"u8);
        var pkcs8 = Convert.FromHexString("302e020100300506032b657004220420").Concat(seed).ToArray();
        return SigningKey.ImportPem(PemEncoding.WriteString("PRIVATE KEY", pkcs8));
    }

    /// <summary>Canonical JSON cases: input text → RFC 8785 output.</summary>
    private static readonly string[] JcsInputs =
    [
        """{"b":1,"a":2,"c":{"z":[3,2,1],"y":null}}""",
        """[1.0, 1e21, 1e20, 123456789012345680000, 1e-7, 0.000001, -0.0, 0.7, 9007199254740993, 5e-324, 1.7976931348623157e308, 100, 1.5e-10]""",
        """{"\u20ac":"euro","\r":"cr","\ud83d\ude00":"emoji","\ufb33":"hebrew","a":"x"}""",
        "\"control \\u0001\\u001f \\b\\f\\n\\r\\t \\\" \\\\ / \\u007f é \U0001F600 \\u2028\"",
        """{"nested":{"deep":[{"b":true,"a":false}]},"empty":{},"list":[]}""",
    ];

    [Fact]
    public async Task Vectors_AreWhatThisVerifierComputes()
    {
        if (Environment.GetEnvironmentVariable("OPENVERIFY_REGENERATE_VECTORS") == "1" || !File.Exists(VectorsPath))
        {
            await File.WriteAllTextAsync(VectorsPath, (await GenerateAsync()).ToJsonString(WriteOptions) + "\n");
        }
        else if (Environment.GetEnvironmentVariable("OPENVERIFY_REGENERATE_MEDIA_VECTORS") == "1" || !(await File.ReadAllTextAsync(VectorsPath)).Contains("\"speech-to-text\"", StringComparison.Ordinal))
        {
            // The media vectors were added to a published file: regenerate only them, every earlier vector byte for byte.
            var existing = JsonNode.Parse(await File.ReadAllTextAsync(VectorsPath))!.AsObject();
            var kept = existing["receipts"]!.AsArray().Where(r => !MediaVectorNames.Contains(r!["name"]!.GetValue<string>())).Select(r => r!.DeepClone()).ToList();
            using var key = TestKey();
            existing["receipts"] = new JsonArray([.. kept, .. await MediaVectorsAsync(key)]);
            await File.WriteAllTextAsync(VectorsPath, existing.ToJsonString(WriteOptions) + "\n");
        }

        if (Environment.GetEnvironmentVariable("OPENVERIFY_REGENERATE_MODERATION_VECTORS") == "1" || !(await File.ReadAllTextAsync(VectorsPath)).Contains("\"moderation\"", StringComparison.Ordinal))
        {
            // The moderation vectors were added after the media ones: regenerate only them, every earlier vector byte for byte.
            var existing = JsonNode.Parse(await File.ReadAllTextAsync(VectorsPath))!.AsObject();
            var kept = existing["receipts"]!.AsArray().Where(r => !ModerationVectorNames.Contains(r!["name"]!.GetValue<string>())).Select(r => r!.DeepClone()).ToList();
            using var key = TestKey();
            existing["receipts"] = new JsonArray([.. kept, .. await ModerationVectorsAsync(key)]);
            await File.WriteAllTextAsync(VectorsPath, existing.ToJsonString(WriteOptions) + "\n");
        }

        var vectors = JsonNode.Parse(await File.ReadAllTextAsync(VectorsPath))!;
        foreach (var jcs in vectors["jcs"]!.AsArray())
        {
            Encoding.UTF8.GetString(JsonCanonicalizer.Canonicalize(Encoding.UTF8.GetBytes(jcs!["input"]!.GetValue<string>())))
                .ShouldBe(jcs["canonical"]!.GetValue<string>(), jcs["input"]!.GetValue<string>());
        }

        var trust = TrustStore.For(PublicKey.ImportPem(vectors["publicKeyPem"]!.GetValue<string>()));
        var verifier = new ChatReceiptVerifier(trust);
        foreach (var receipt in vectors["receipts"]!.AsArray())
        {
            var result = verifier.Verify(receipt!["receipt"]!.GetValue<string>(), receipt["transcript"]?.GetValue<string>());
            var expect = receipt["expect"]!;
            result.Succeeded.ShouldBe(expect["valid"]!.GetValue<bool>(), $"{receipt["name"]}: {result}");
            if (expect["failure"] is { } failure)
            {
                result.FirstFailure!.Name.ShouldBe(failure.GetValue<string>(), receipt["name"]!.GetValue<string>());
            }

            if (expect["path"] is { } path)
            {
                result.FirstFailure!.Detail.ShouldContain($"first at {path.GetValue<string>()}.");
            }
        }

        var all = vectors["receipts"]!.AsArray().ToDictionary(r => r!["name"]!.GetValue<string>());
        foreach (var chain in vectors["chains"]!.AsArray())
        {
            var receipts = chain!["receipts"]!.AsArray().Select(n => all[n!.GetValue<string>()]!).Select(r => ChatReceipt.Parse(r["receipt"]!.GetValue<string>(), r["transcript"]!.GetValue<string>()));
            verifier.VerifyChain(receipts).Succeeded.ShouldBe(chain["valid"]!.GetValue<bool>(), chain["name"]!.GetValue<string>());
        }
    }

    private async Task<JsonObject> GenerateAsync()
    {
        using var key = TestKey();
        var signed = new List<ChatReceipt>();
        using var client = fixture.ProviderChatClient().AsBuilder().UseFunctionInvocation().UseOpenVerify(key, c => c.ReceiptSigned = signed.Add).BuildVerified();
        var tools = new ChatOptions { Tools = [AIFunctionFactory.Create((string city) => $"sunny in {city}", "get_weather", "Gets the weather of a city.")], Temperature = 0.2f, Seed = 42 };
        List<ChatMessage> history = [new(ChatRole.System, "You are terse."), new(ChatRole.User, [new TextContent("What is the weather? \u00e9\U0001F600"), new DataContent(new byte[] { 137, 80, 78, 71 }, "image/png")])];
        history.AddMessages(await client.GetResponseAsync(history, tools));
        history.Add(new(ChatRole.User, "Thanks."));
        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in client.GetStreamingResponseAsync(history, tools))
        {
            updates.Add(update);
        }

        history.AddMessages(updates);
        history.Add(new(ChatRole.User, "And tomorrow?"));
        await client.GetResponseAsync(history, tools);

        var stopped = client.GetStreamingResponseAsync("slow vector");
        await foreach (var update in stopped)
        {
            break;
        }

        using var embedder = fixture.ProviderEmbeddingGenerator().AsBuilder().UseOpenVerify(key).BuildVerified();
        var embeddings = (await embedder.GenerateAsync(["vector one", "vector two"])).GetReceipt();
        using var model = VerifiedModel.FromBytes(OpenVerify.Testing.TestModels.AddMul());
        var inference = model.Run([new("a", TensorValue.Create([1f, 2, 3, 4], 1, 4)), new("b", TensorValue.Create([1f, 1, 1, 1], 1, 4))], new InferenceOptions { Signer = key }).Receipt;

        var receipts = new JsonArray
        {
            Vector("tool-call-turn-1", signed[0].ToJson(), signed[0].TranscriptJson, true),
            Vector("tool-result-turn-2", signed[1].ToJson(), signed[1].TranscriptJson, true),
            Vector("streamed-turn-3", signed[2].ToJson(), signed[2].TranscriptJson, true),
            Vector("turn-4", signed[3].ToJson(), signed[3].TranscriptJson, true),
            Vector("truncated-stream", stopped.Receipt!.ToJson(), stopped.Receipt.TranscriptJson, true),
            Vector("embeddings", embeddings.ToJson(), embeddings.TranscriptJson, true),
            Vector("receipt-without-transcript", signed[0].ToJson(), null, true),
            Vector("tampered-answering-model", signed[1].ToJson(), Tamper(signed[1], t => t["response"]!["modelId"] = "gpt-test"), false, "transcript", "/response/modelId"),
            Vector("tampered-function-call", signed[0].ToJson(), Tamper(signed[0], t => t["response"]!["messages"]![0]!["contents"]![0]!["arguments"]!["city"] = "Rome"), false, "transcript", "/response/messages/0"),
            Vector("tampered-option", signed[0].ToJson(), Tamper(signed[0], t => t["request"]!["options"]!["temperature"] = 1.0), false, "transcript", "/request/options/temperature"),
            Vector("tampered-data-digest", signed[0].ToJson(), Tamper(signed[0], t => t["request"]!["messages"]![1]!["contents"]![1]!["sha256"] = new string('0', 64)), false, "transcript", "/request/messages/1"),
            Vector("tampered-vector", embeddings.ToJson(), Tamper(embeddings, t => t["response"]!["embeddings"]![1]!["sha256"] = new string('1', 64)), false, "transcript", "/response/embeddings/1"),
            Vector("inference-receipt-is-another-kind", inference.ToJson(), null, false, "payload-type"),
            Vector("altered-payload", AlterPayload(signed[0]), signed[0].TranscriptJson, false, "signature"),
        };
        foreach (var media in await MediaVectorsAsync(key))
        {
            receipts.Add(media);
        }

        foreach (var moderation in await ModerationVectorsAsync(key))
        {
            receipts.Add(moderation);
        }

        return new JsonObject
        {
            ["description"] = "OpenVerify chat-v1 test vectors (docs/spec/chat-v1.md). Generated by tests/OpenVerify.Extensions.AI.Tests/ChatVectorTests.cs against the loopback OpenAI-compatible server; regenerate with OPENVERIFY_REGENERATE_VECTORS=1. The key is TEST-ONLY: seed = SHA-256(\"OpenVerify chat-v1 TEST-ONLY Ed25519 key\").",
            ["version"] = 1,
            ["publicKeyPem"] = key.PublicKey.ExportPem(),
            ["jcs"] = new JsonArray([.. JcsInputs.Select(i => (JsonNode)new JsonObject { ["input"] = i, ["canonical"] = Encoding.UTF8.GetString(JsonCanonicalizer.Canonicalize(Encoding.UTF8.GetBytes(i))) })]),
            ["receipts"] = receipts,
            ["chains"] = new JsonArray
            {
                Chain("whole-conversation", true, "tool-call-turn-1", "tool-result-turn-2", "streamed-turn-3", "turn-4"),
                Chain("turn-dropped", false, "tool-call-turn-1", "streamed-turn-3", "turn-4"),
                Chain("turns-reordered", false, "tool-call-turn-1", "streamed-turn-3", "tool-result-turn-2", "turn-4"),
                Chain("turn-inserted", false, "tool-call-turn-1", "tool-result-turn-2", "truncated-stream", "streamed-turn-3"),
                Chain("first-turn-dropped", false, "tool-result-turn-2", "streamed-turn-3"),
            },
        };

        static JsonObject Chain(string name, bool valid, params string[] receipts) =>
            new() { ["name"] = name, ["valid"] = valid, ["receipts"] = new JsonArray([.. receipts.Select(r => (JsonNode)r)]) };
    }

    private static readonly HashSet<string> MediaVectorNames =
    [
        "speech-to-text", "speech-to-text-translation", "text-to-speech", "image-generation", "tampered-audio-digest", "tampered-speech-text",
        "tampered-image-digest", "unknown-operation", "media-without-digest", "media-with-negative-length", "media-inline",
    ];

    /// <summary>The media operations' vectors (docs/spec/chat-v1.md §8): receipts made through the real
    /// Microsoft.Extensions.AI.OpenAI adapters, tampered transcripts, and receipts a faulty signer wrote (consistent
    /// digests over a transcript that breaks §8.4, or an operation no verifier knows) that a verifier must refuse.</summary>
    private async Task<List<JsonObject>> MediaVectorsAsync(SigningKey key)
    {
        using var speechToText = MediaTests.ProviderSpeechToText(fixture).AsBuilder().UseOpenVerify(key).BuildVerified();
        var transcription = (await speechToText.GetTextAsync(new MemoryStream(MediaTests.Wav), new SpeechToTextOptions { SpeechLanguage = "en" })).GetReceipt();
        var translated = (await speechToText.GetTextAsync(new MemoryStream(MediaTests.Wav), new SpeechToTextOptions { SpeechLanguage = "fr", TextLanguage = "en" })).GetReceipt();
        using var textToSpeech = MediaTests.ProviderTextToSpeech(fixture).AsBuilder().UseOpenVerify(key).BuildVerified();
        var speech = (await textToSpeech.GetAudioAsync("Vectors speak.", new TextToSpeechOptions { VoiceId = "alloy", Speed = 1.25f })).GetReceipt();
        using var images = MediaTests.ProviderImages(fixture).AsBuilder().UseOpenVerify(key).BuildVerified();
        var image = (await images.GenerateImagesAsync("a vector lighthouse", new ImageGenerationOptions { Count = 2, ImageSize = new System.Drawing.Size(256, 256) })).GetReceipt();

        ChatReceipt Signed(string operation, ChatReceipt from, Action<JsonNode> change) => FaultySigner(key, operation, from, change);

        var unknown = Signed("video-generation", image, _ => { });
        var noDigest = Signed("speech-to-text", transcription, t => t["request"]!["audio"]!.AsObject().Remove("sha256"));
        var negative = Signed("speech-to-text", transcription, t => t["request"]!["audio"]!["length"] = -1);
        var inline = Signed("text-to-speech", speech, t => t["response"]!["contents"]![0]!["data"] = Convert.ToBase64String(OpenAiCompatibleServer.SpeechAudio("Vectors speak.")));
        return
        [
            Vector("speech-to-text", transcription.ToJson(), transcription.TranscriptJson, true),
            Vector("speech-to-text-translation", translated.ToJson(), translated.TranscriptJson, true),
            Vector("text-to-speech", speech.ToJson(), speech.TranscriptJson, true),
            Vector("image-generation", image.ToJson(), image.TranscriptJson, true),
            Vector("tampered-audio-digest", transcription.ToJson(), Tamper(transcription, t => t["request"]!["audio"]!["sha256"] = new string('0', 64)), false, "transcript", "/request/audio/sha256"),
            Vector("tampered-speech-text", speech.ToJson(), Tamper(speech, t => t["request"]!["text"] = "Vectors lie."), false, "transcript", "/request/text"),
            Vector("tampered-image-digest", image.ToJson(), Tamper(image, t => t["response"]!["contents"]![1]!["sha256"] = new string('1', 64)), false, "transcript", "/response/contents/1"),
            Vector("unknown-operation", unknown.ToJson(), unknown.TranscriptJson, false, "statement"),
            Vector("media-without-digest", noDigest.ToJson(), noDigest.TranscriptJson, false, "transcript"),
            Vector("media-with-negative-length", negative.ToJson(), negative.TranscriptJson, false, "transcript"),
            Vector("media-inline", inline.ToJson(), inline.TranscriptJson, false, "transcript"),
        ];
    }

    private static readonly HashSet<string> ModerationVectorNames =
    [
        "moderation", "moderation-batch", "tampered-moderation-verdict", "tampered-moderation-score", "tampered-moderation-input",
        "moderation-results-miscounted", "moderation-without-verdict",
    ];

    /// <summary>The moderation operation's vectors (docs/spec/chat-v1.md §9): receipts made through the real OpenAI SDK's
    /// ModerationClient and its verified wrapper, tampered transcripts, and receipts a faulty signer wrote over a
    /// transcript that breaks §9.2.</summary>
    private async Task<List<JsonObject>> ModerationVectorsAsync(SigningKey key)
    {
        var client = fixture.OpenAi().GetModerationClient("omni-moderation-latest").AsVerified(key);
        var single = (await client.ClassifyTextAsync("Vectors attack at dawn.")).GetReceipt();
        var batch = (await client.ClassifyTextAsync(["a calm vector", "a vector attack"])).GetReceipt();
        var miscounted = FaultySigner(key, "moderation", batch, t => t["response"]!["results"]!.AsArray().RemoveAt(1));
        var noVerdict = FaultySigner(key, "moderation", single, t => t["response"]!["results"]![0]!.AsObject().Remove("flagged"));
        return
        [
            Vector("moderation", single.ToJson(), single.TranscriptJson, true),
            Vector("moderation-batch", batch.ToJson(), batch.TranscriptJson, true),
            Vector("tampered-moderation-verdict", batch.ToJson(), Tamper(batch, t => t["response"]!["results"]![1]!["flagged"] = false), false, "transcript", "/response/results/1"),
            Vector("tampered-moderation-score", single.ToJson(), Tamper(single, t => t["response"]!["results"]![0]!["categoryScores"]!["violence"] = 0.01), false, "transcript", "/response/results/0"),
            Vector("tampered-moderation-input", batch.ToJson(), Tamper(batch, t => t["request"]!["inputs"]![1] = "a vector picnic"), false, "transcript", "/request/inputs/1"),
            Vector("moderation-results-miscounted", miscounted.ToJson(), miscounted.TranscriptJson, false, "transcript"),
            Vector("moderation-without-verdict", noVerdict.ToJson(), noVerdict.TranscriptJson, false, "transcript"),
        ];
    }

    /// <summary>A receipt a faulty signer wrote: consistent digests over a changed transcript, signed with the test key.</summary>
    private static ChatReceipt FaultySigner(SigningKey key, string operation, ChatReceipt from, Action<JsonNode> change)
    {
        var node = JsonNode.Parse(from.TranscriptJson!)!;
        change(node);
        node["operation"] = operation;
        var canonical = ReceiptFactory.Canonicalize(node.AsObject());
        return ReceiptFactory.Sign(operation, canonical, TranscriptFields.Compute(canonical), null, truncated: false, key);
    }

    private static JsonObject Vector(string name, string receipt, string? transcript, bool valid, string? failure = null, string? path = null) => new()
    {
        ["name"] = name,
        ["receipt"] = receipt,
        ["transcript"] = transcript,
        ["expect"] = new JsonObject { ["valid"] = valid, ["failure"] = failure, ["path"] = path },
    };

    private static string Tamper(ChatReceipt receipt, Action<JsonNode> change)
    {
        var node = JsonNode.Parse(receipt.TranscriptJson!)!;
        change(node);
        return Encoding.UTF8.GetString(JsonCanonicalizer.Canonicalize(Encoding.UTF8.GetBytes(node.ToJsonString())));
    }

    private static string AlterPayload(ChatReceipt receipt)
    {
        var payload = (byte[])receipt.Envelope.Payload.Clone();
        payload[10] ^= 0x20;
        return new DsseEnvelope(receipt.Envelope.PayloadType, payload, receipt.Envelope.Signatures).ToJson();
    }

    [SkippableFact]
    public void Vectors_CheckOutInPython()
    {
        RequirePython();
        var run = RunPython("--chat-vectors", VectorsPath);
        run.ExitCode.ShouldBe(0, run.Output);
        Summary(run.Output).Failed.ShouldBe(0, run.Output);
    }

    [SkippableFact]
    public async Task FreshReceipts_VerifyInPython_AndTamperingFails()
    {
        RequirePython();
        var dir = Directory.CreateTempSubdirectory("openverify-chat-interop-");
        try
        {
            var signed = new List<ChatReceipt>();
            using var client = fixture.ProviderChatClient().AsBuilder().UseFunctionInvocation().UseOpenVerify(fixture.Key, c => c.ReceiptSigned = signed.Add).BuildVerified();
            var response = await client.GetResponseAsync("python weather check", new ChatOptions { Tools = [AIFunctionFactory.Create((string city) => city, "get_weather")] });
            signed.Count.ShouldBe(2);
            await File.WriteAllTextAsync(Path.Combine(dir.FullName, "signer.pub.pem"), fixture.Key.PublicKey.ExportPem());
            for (var i = 0; i < signed.Count; i++)
            {
                signed[i].Save(Path.Combine(dir.FullName, $"turn-{i + 1}.receipt.json"), Path.Combine(dir.FullName, $"turn-{i + 1}.transcript.json"));
            }

            var run = RunPython("--chat", dir.FullName);
            run.ExitCode.ShouldBe(0, run.Output);
            run.Output.ShouldContain("chain");

            var transcript = Path.Combine(dir.FullName, "turn-2.transcript.json");
            await File.WriteAllTextAsync(transcript, (await File.ReadAllTextAsync(transcript)).Replace("Paris", "Rome", StringComparison.Ordinal));
            var tampered = RunPython("--chat", dir.FullName);
            tampered.ExitCode.ShouldBe(1, tampered.Output);
            tampered.Output.ShouldContain("/request/messages/");
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    internal static void RequirePython()
    {
        var ready = File.Exists(Python) && RunProcess(["-c", "import cryptography.hazmat.primitives.asymmetric.ed25519"]).ExitCode == 0;
        if (!ready && Environment.GetEnvironmentVariable("OPENVERIFY_CI") == "1")
        {
            Assert.Fail("OPENVERIFY_CI=1 and the Python interop check cannot run: apt-get install -y python3-cryptography");
        }

        Skip.IfNot(ready, "install python3-cryptography to run the interop check");
    }

    internal static (int ExitCode, string Output) RunPython(params string[] args) => RunProcess([Script, .. args]);

    private static (int ExitCode, string Output) RunProcess(string[] args)
    {
        var start = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result + stderr);
    }

    private static (int Passed, int Failed) Summary(string output)
    {
        var match = SummaryLine().Match(output);
        match.Success.ShouldBeTrue(output);
        return (int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), int.Parse(match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture));
    }

    [GeneratedRegex(@"summary: (\d+) passed, (\d+) failed")]
    private static partial Regex SummaryLine();

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "OpenVerify.Analyzers.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (OpenVerify.Analyzers.sln) was not found above " + AppContext.BaseDirectory);
    }
}
