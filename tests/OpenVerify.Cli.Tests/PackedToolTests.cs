using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using OpenVerify.Cli.Npy;
using OpenVerify.Testing;

namespace OpenVerify.Cli.Tests;

/// <summary>
/// The tool as users meet it: packed into a local folder feed with a unique version, installed with
/// <c>dotnet tool install --tool-path</c>, and run as a process. Slow (a pack and an install), so there is one test,
/// which walks keygen → inspect → infer → verify.
/// </summary>
public sealed class PackedToolTests : IDisposable
{
    private readonly CliRunner _runner = new();

    public void Dispose() => _runner.Dispose();

    [Fact]
    public async Task The_installed_tool_runs_keygen_inspect_infer_and_verify()
    {
        var repoRoot = typeof(PackedToolTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepoRoot").Value!;
        var version = "0.1.0-e2e." + DateTime.UtcNow.Ticks.ToString(CultureInfo.InvariantCulture);
        var feed = _runner.PathOf("feed");
        var tools = _runner.PathOf("tools");
        var work = _runner.PathOf("work");
        Directory.CreateDirectory(work);

        // Build into a private artifacts folder so the pack never races other builds of the same projects.
        var pack = await Dotnet(repoRoot, "pack", Path.Combine(repoRoot, "src", "OpenVerify.Cli", "OpenVerify.Cli.csproj"),
            "-c", "Release", "-o", feed, "--artifacts-path", _runner.PathOf("artifacts"), $"-p:Version={version}", "-nologo");
        pack.ExitCode.ShouldBe(0, pack.Output);
        File.Exists(Path.Combine(feed, $"OpenVerify.Cli.{version}.nupkg")).ShouldBeTrue(pack.Output);

        // Only the local feed: the tool package carries its dependencies, so no other source is needed.
        var config = _runner.PathOf("nuget.config");
        File.WriteAllText(config, $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{feed}" />
              </packageSources>
            </configuration>
            """);
        var install = await Dotnet(work, "tool", "install", "OpenVerify.Cli", "--tool-path", tools, "--configfile", config, "--version", version);
        install.ExitCode.ShouldBe(0, install.Output);

        var tool = Path.Combine(tools, OperatingSystem.IsWindows() ? "openverify.exe" : "openverify");
        var keygen = await Exec(work, tool, "keygen", "--out", "keys/receipts");
        keygen.ExitCode.ShouldBe(0, keygen.Output);
        keygen.Output.ShouldContain("Key id: sha256:");
        if (!OperatingSystem.IsWindows())
        {
            File.GetUnixFileMode(Path.Combine(work, "keys", "receipts.key")).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        File.WriteAllBytes(Path.Combine(work, "add_mul.onnx"), TestModels.AddMul());
        NpyFormat.WriteFile(Path.Combine(work, "a.npy"), TensorValue.Create(new[] { 1f, 2f, 3f, 4f }, 1, 4));
        NpyFormat.WriteFile(Path.Combine(work, "b.npy"), TensorValue.Create(new[] { 4f, 3f, 2f, 1f }, 1, 4));

        var inspect = await Exec(work, tool, "inspect", "add_mul.onnx");
        inspect.ExitCode.ShouldBe(0, inspect.Output);
        inspect.Output.ShouldContain("Verified run: yes");
        inspect.Output.ShouldNotContain("\u001b[");

        var infer = await Exec(work, tool, "infer", "add_mul.onnx", "--key", "keys/receipts.key", "--input", "a=a.npy", "--input", "b=b.npy", "--out", "run", "--nonce", "n1");
        infer.ExitCode.ShouldBe(0, infer.Output);

        var verify = await Exec(work, tool, "verify", "run/receipt.json", "--trust", "keys/receipts.pub", "--model", "add_mul.onnx",
            "--input", "a=a.npy", "--input", "b=b.npy", "--output", "sum=run/sum.npy", "--output", "product=run/product.npy", "--replay", "--nonce", "n1");
        verify.ExitCode.ShouldBe(0, verify.Output);
        verify.Output.ShouldContain("replay: exact");

        var wrongNonce = await Exec(work, tool, "verify", "run/receipt.json", "--trust", "keys/receipts.pub", "--nonce", "n2");
        wrongNonce.ExitCode.ShouldBe(1, wrongNonce.Output);

        var usage = await Exec(work, tool, "verify", "run/receipt.json");
        usage.ExitCode.ShouldBe(2, usage.Output);
        usage.Output.Trim().Split('\n').Length.ShouldBe(1, usage.Output);
    }

    private sealed record ProcessResult(int ExitCode, string Output);

    private static Task<ProcessResult> Dotnet(string directory, params string[] args) => Exec(directory, "dotnet", args);

    private static async Task<ProcessResult> Exec(string directory, string file, params string[] args)
    {
        var start = new ProcessStartInfo(file)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        // The bound only keeps a hung process from hanging the run; a loaded 2-core machine packs slowly.
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(20));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"'{file} {string.Join(' ', args)}' did not finish in 20 minutes.");
        }

        return new ProcessResult(process.ExitCode, await stdout + await stderr);
    }
}
