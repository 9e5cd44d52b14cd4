using System.Text;
using System.Text.Json;
using OpenVerify.Testing;

namespace OpenVerify.Cli.Tests;

/// <summary>A receipts file long enough for a progress bar (verify shows one from 200 receipts), shared by the tests.</summary>
public sealed class LongReceiptsFixture : IDisposable
{
    private readonly CliRunner _runner = new();
    private readonly Lazy<Task<(string Receipts, string Pub)>> _file;

    public LongReceiptsFixture() => _file = new(Create);

    public Task<(string Receipts, string Pub)> File => _file.Value;

    public void Dispose() => _runner.Dispose();

    private async Task<(string Receipts, string Pub)> Create()
    {
        var (keyPath, pub) = await _runner.KeyPair();
        using var key = SigningKey.Load(keyPath);
        using var model = VerifiedModel.FromBytes(TestModels.AddMul());
        // One receipt, repeated: verify checks each line on its own, and one model run keeps the fixture fast.
        var inputs = new TensorSet([new("a", TensorValue.Create(new float[] { 0, 1, 2, 3 }, 1, 4)), new("b", TensorValue.Create(new float[] { 1, 1, 1, 1 }, 1, 4))]);
        var line = model.Run(inputs, new InferenceOptions { Signer = key }).Receipt.ToJson() + "\n";
        var lines = new StringBuilder();
        for (var i = 0; i < 210; i++)
        {
            lines.Append(line);
        }

        var path = _runner.PathOf("receipts.jsonl");
        System.IO.File.WriteAllText(path, lines.ToString());
        return (path, pub);
    }
}

/// <summary>Progress for long work: shown on a terminal, never with --json or when output is redirected.</summary>
public sealed class ProgressTests(LongReceiptsFixture fixture) : IClassFixture<LongReceiptsFixture>
{

    private static async Task<CliResult> RunOnTerminal(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await Cli.RunOnConsoleAsync(args, new CliConsole(stdout, stderr, isTerminal: true));
        return new CliResult(code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public async Task Verifying_a_long_file_shows_progress_on_a_terminal()
    {
        var (receipts, pub) = await fixture.File;

        var result = await RunOnTerminal("verify", receipts, "--trust", pub);

        result.ExitCode.ShouldBe(0, result.ToString());
        result.Stdout.ShouldContain("Verifying receipts");
        result.Stdout.ShouldContain("210 of 210 receipts verified.");
    }

    [Fact]
    public async Task Json_output_on_a_terminal_has_no_progress()
    {
        var (receipts, pub) = await fixture.File;

        var result = await RunOnTerminal("verify", receipts, "--trust", pub, "--json");

        result.ExitCode.ShouldBe(0, result.ToString());
        result.Stdout.ShouldNotContain("Verifying receipts");
        result.Stdout.ShouldNotContain("\u001b");
        using var json = JsonDocument.Parse(result.Stdout);
        json.RootElement.GetProperty("receipts").GetArrayLength().ShouldBe(210);
    }

    [Fact]
    public async Task Redirected_output_has_no_progress()
    {
        var (receipts, pub) = await fixture.File;

        var result = await CliRunner.Run("verify", receipts, "--trust", pub);

        result.ExitCode.ShouldBe(0, result.ToString());
        result.ShouldHaveNoControlCodes();
        result.Stdout.ShouldNotContain("Verifying receipts");
    }
}
