using System.Text;
using OpenVerify.Cli.Npy;

namespace OpenVerify.Cli.Tests;

/// <summary>The result of one in-process run of the tool.</summary>
internal sealed record CliResult(int ExitCode, string Stdout, string Stderr)
{
    public string[] StderrLines => Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    public override string ToString() => $"exit {ExitCode}\n--- stdout ---\n{Stdout}\n--- stderr ---\n{Stderr}";
}

/// <summary>Runs the tool in process, and gives each test its own temporary folder.</summary>
internal sealed class CliRunner : IDisposable
{
    public CliRunner()
    {
        Directory = Path.Combine(Path.GetTempPath(), "openverify-cli-tests", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
    }

    public string Directory { get; }

    public string PathOf(params string[] parts) => Path.Combine([Directory, .. parts]);

    public static async Task<CliResult> Run(params string[] args)
    {
        using var stdout = new StringWriter(new StringBuilder());
        using var stderr = new StringWriter(new StringBuilder());
        var code = await Cli.RunAsync(args, stdout, stderr);
        return new CliResult(code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Writes a model from OpenVerify.Testing to a file.</summary>
    public string WriteModel(string name, byte[] bytes)
    {
        var path = PathOf(name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    public string WriteNpy(string name, TensorValue tensor)
    {
        var path = PathOf(name);
        NpyFormat.WriteFile(path, tensor);
        return path;
    }

    /// <summary>Creates a key pair with the tool and returns the paths.</summary>
    public async Task<(string Key, string Pub)> KeyPair(string prefix = "signer", string algorithm = "ed25519")
    {
        var result = await Run("keygen", "--out", PathOf(prefix), "--algorithm", algorithm);
        result.ExitCode.ShouldBe(0, result.ToString());
        return (PathOf(prefix + ".key"), PathOf(prefix + ".pub"));
    }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

internal static class CliAssertions
{
    /// <summary>A usage error: exit 2, exactly one line on stderr, no stack trace.</summary>
    public static void ShouldBeUsageError(this CliResult result, string? containing = null)
    {
        result.ExitCode.ShouldBe(2, result.ToString());
        result.StderrLines.Length.ShouldBe(1, result.ToString());
        result.Stderr.ShouldStartWith("openverify: ");
        result.Stderr.ShouldNotContain("   at ");
        result.Stderr.ShouldNotContain("Exception:");
        if (containing is not null)
        {
            result.Stderr.ShouldContain(containing, Case.Insensitive, result.ToString());
        }
    }

    /// <summary>No ANSI escape or other control codes besides line breaks.</summary>
    public static void ShouldHaveNoControlCodes(this CliResult result)
    {
        foreach (var c in result.Stdout + result.Stderr)
        {
            if (char.IsControl(c) && c is not '\n' and not '\r')
            {
                throw new ShouldAssertException($"Output holds the control character U+{(int)c:X4}:\n{result}");
            }
        }
    }
}
