using System.Text.Json.Nodes;

namespace OpenVerify.Cli.Tests;

/// <summary>
/// <c>openverify verify --transcript</c> and <c>openverify verify-chain</c> on the chat-v1 spec vectors
/// (docs/spec/vectors/chat-v1-vectors.json: receipts the real OpenAI SDK pipeline produced, under a TEST-ONLY key).
/// </summary>
public sealed class ChatVerifyTests : IDisposable
{
    private readonly CliRunner _runner = new();
    private readonly JsonNode _vectors;
    private readonly string _pub;

    public ChatVerifyTests()
    {
        _vectors = JsonNode.Parse(File.ReadAllText(Path.Combine(RepoRoot(), "docs", "spec", "vectors", "chat-v1-vectors.json")))!;
        _pub = _runner.PathOf("vectors.pub");
        File.WriteAllText(_pub, _vectors["publicKeyPem"]!.GetValue<string>());
    }

    public void Dispose() => _runner.Dispose();

    private JsonNode Vector(string name) => _vectors["receipts"]!.AsArray().Single(r => r!["name"]!.GetValue<string>() == name)!;

    private (string Receipt, string Transcript) Write(string name, string? folder = null, string? prefix = null)
    {
        var vector = Vector(name);
        var dir = folder is null ? _runner.Directory : _runner.PathOf(folder);
        Directory.CreateDirectory(dir);
        var receipt = Path.Combine(dir, (prefix ?? name) + ".receipt.json");
        var transcript = Path.Combine(dir, (prefix ?? name) + ".transcript.json");
        File.WriteAllText(receipt, vector["receipt"]!.GetValue<string>());
        if (vector["transcript"] is { } text)
        {
            File.WriteAllText(transcript, text.GetValue<string>());
        }

        return (receipt, transcript);
    }

    [Fact]
    public async Task Verify_WithTranscript_ChecksTheWholeExchange()
    {
        var (receipt, transcript) = Write("tool-result-turn-2");

        var result = await CliRunner.Run("verify", receipt, "--trust", _pub, "--transcript", transcript);

        result.ExitCode.ShouldBe(0, result.ToString());
        result.Stdout.ShouldContain("transcript");
        result.Stdout.ShouldContain("VERIFIED");
    }

    [Fact]
    public async Task Verify_WithoutTranscript_SaysTheTranscriptWasNotChecked()
    {
        var (receipt, _) = Write("embeddings");
        var result = await CliRunner.Run("verify", receipt, "--trust", _pub);
        result.ExitCode.ShouldBe(0, result.ToString());
        result.Stdout.ShouldContain("not checked: transcript");
    }

    [Theory]
    [InlineData("tampered-answering-model", "/response/modelId")]
    [InlineData("tampered-function-call", "/response/messages/0")]
    [InlineData("tampered-option", "/request/options/temperature")]
    public async Task Verify_TamperedTranscript_NamesTheFirstFieldThatDiffers(string name, string path)
    {
        var (receipt, transcript) = Write(name);

        var result = await CliRunner.Run("verify", receipt, "--trust", _pub, "--transcript", transcript);

        result.ExitCode.ShouldBe(1, result.ToString());
        result.Stdout.ShouldContain($"failed: transcript: The transcript differs from the one signed, first at {path}.");
    }

    [Theory]
    [InlineData("speech-to-text", 0, "VERIFIED")]
    [InlineData("speech-to-text-translation", 0, "VERIFIED")]
    [InlineData("text-to-speech", 0, "VERIFIED")]
    [InlineData("image-generation", 0, "VERIFIED")]
    [InlineData("tampered-audio-digest", 1, "first at /request/audio/sha256.")]
    [InlineData("tampered-image-digest", 1, "first at /response/contents/1.")]
    [InlineData("unknown-operation", 1, "'video-generation', which this verifier does not know")]
    [InlineData("media-without-digest", 1, "/request/audio/sha256 is missing")]
    [InlineData("media-with-negative-length", 1, "/request/audio/length is missing or not a byte count")]
    [InlineData("media-inline", 1, "/response/contents/0/data is not part of a media reference")]
    public async Task Verify_MediaReceipts_AsTheVectorsSay(string name, int exitCode, string says)
    {
        var (receipt, transcript) = Write(name);

        var result = await CliRunner.Run("verify", receipt, "--trust", _pub, "--transcript", transcript);

        result.ExitCode.ShouldBe(exitCode, result.ToString());
        result.Stdout.ShouldContain(says);
    }

    [Theory]
    [InlineData("moderation", 0, "VERIFIED")]
    [InlineData("moderation-batch", 0, "VERIFIED")]
    [InlineData("tampered-moderation-verdict", 1, "first at /response/results/1.")]
    [InlineData("tampered-moderation-input", 1, "first at /request/inputs/1.")]
    [InlineData("moderation-results-miscounted", 1, "/response/results has 1 results for 2")]
    [InlineData("moderation-without-verdict", 1, "/response/results/0/flagged is missing")]
    public async Task Verify_ModerationReceipts_AsTheVectorsSay(string name, int exitCode, string says)
    {
        var (receipt, transcript) = Write(name);

        var result = await CliRunner.Run("verify", receipt, "--trust", _pub, "--transcript", transcript);

        result.ExitCode.ShouldBe(exitCode, result.ToString());
        result.Stdout.ShouldContain(says);
    }

    [Fact]
    public async Task Verify_TranscriptOnAnInferenceReceipt_IsAUsageError()
    {
        var (receipt, _) = Write("inference-receipt-is-another-kind");
        var (_, transcript) = Write("turn-4");
        var result = await CliRunner.Run("verify", receipt, "--trust", _pub, "--transcript", transcript);
        result.ExitCode.ShouldBe(2, result.ToString());
        result.Stderr.ShouldContain("--transcript applies to chat and embeddings receipts");
    }

    [Fact]
    public async Task VerifyChain_Folder_AcceptsTheConversation_AndRefusesADroppedTurn()
    {
        string[] turns = ["tool-call-turn-1", "tool-result-turn-2", "streamed-turn-3", "turn-4"];
        for (var i = 0; i < turns.Length; i++)
        {
            Write(turns[i], "chain", $"{i + 1:000}");
        }

        var ok = await CliRunner.Run("verify-chain", _runner.PathOf("chain"), "--trust", _pub);
        ok.ExitCode.ShouldBe(0, ok.ToString());
        ok.Stdout.ShouldContain("pass chain: 4 turns");

        File.Delete(_runner.PathOf("chain", "002.receipt.json"));
        var dropped = await CliRunner.Run("verify-chain", _runner.PathOf("chain"), "--trust", _pub);
        dropped.ExitCode.ShouldBe(1, dropped.ToString());
        dropped.Stdout.ShouldContain("a turn was dropped");
    }

    [Fact]
    public async Task VerifyChain_Folder_RefusesATamperedTranscript()
    {
        string[] turns = ["tool-call-turn-1", "tool-result-turn-2"];
        for (var i = 0; i < turns.Length; i++)
        {
            Write(turns[i], "chain", $"{i + 1:000}");
        }

        var transcript = _runner.PathOf("chain", "002.transcript.json");
        File.WriteAllText(transcript, File.ReadAllText(transcript).Replace("sunny", "rainy", StringComparison.Ordinal));
        var result = await CliRunner.Run("verify-chain", _runner.PathOf("chain"), "--trust", _pub);
        result.ExitCode.ShouldBe(1, result.ToString());
        result.Stdout.ShouldContain("failed: transcript");
    }

    [Theory]
    [InlineData(true, "tool-call-turn-1", "tool-result-turn-2", "streamed-turn-3", "turn-4")]
    [InlineData(false, "tool-call-turn-1", "streamed-turn-3", "tool-result-turn-2", "turn-4")]
    [InlineData(false, "tool-call-turn-1", "tool-result-turn-2", "truncated-stream", "streamed-turn-3")]
    public async Task VerifyChain_JsonLines_RefusesReorderedAndInsertedTurns(bool valid, params string[] order)
    {
        var file = _runner.PathOf("chain.jsonl");
        File.WriteAllLines(file, order.Select(n => Vector(n)["receipt"]!.GetValue<string>()));

        var result = await CliRunner.Run("verify-chain", file, "--trust", _pub, "--json");

        result.ExitCode.ShouldBe(valid ? 0 : 1, result.ToString());
        JsonNode.Parse(result.Stdout)!["verified"]!.GetValue<bool>().ShouldBe(valid);
    }

    [Fact]
    public async Task VerifyChain_OfAnInferenceReceipt_SaysItIsNotAChatReceipt()
    {
        var (receipt, _) = Write("inference-receipt-is-another-kind");
        var file = _runner.PathOf("one.jsonl");
        File.WriteAllText(file, File.ReadAllText(receipt));
        var result = await CliRunner.Run("verify-chain", file, "--trust", _pub);
        result.ExitCode.ShouldBe(2, result.ToString());
        result.Stderr.ShouldContain("not a chat receipt");
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "OpenVerify.Analyzers.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("The repository root was not found.");
    }
}
