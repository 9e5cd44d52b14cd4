using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.Text.Json;
using OpenVerify.Cli.Verbs;
using OpenVerify.Onnx;

namespace OpenVerify.Cli;

/// <summary>
/// The <c>openverify</c> command line. <see cref="RunAsync"/> runs one command in process, writing to the given
/// writers, so tests and hosts can call it without starting a process.
/// </summary>
public static class Cli
{
    /// <summary>The program name used in messages.</summary>
    public const string ProgramName = "openverify";

    /// <summary>
    /// Runs one command. Returns <see cref="ExitCodes.Success"/>, <see cref="ExitCodes.VerificationFailed"/> or
    /// <see cref="ExitCodes.UsageError"/>; a usage error or unreadable input writes exactly one line to
    /// <paramref name="stderr"/> and never a stack trace.
    /// </summary>
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);

        return await RunOnConsoleAsync(args, new CliConsole(stdout, stderr), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs one command on the given console (tests pass one that acts as a terminal).</summary>
    internal static async Task<int> RunOnConsoleAsync(string[] args, CliConsole console, CancellationToken cancellationToken = default)
    {
        var stdout = console.Out;
        var stderr = console.Error;
        try
        {
            var root = CreateRootCommand(console);
            var parse = root.Parse(args);
            if (parse.Action is ParseErrorAction && parse.Errors.Count > 0)
            {
                var verb = parse.CommandResult.Command == root ? string.Empty : " " + parse.CommandResult.Command.Name;
                // "Required command was not provided" is the least specific error; put an unknown verb or option first.
                var messages = parse.Errors.Select(e => e.Message).Distinct().OrderBy(m => m.StartsWith("Required command", StringComparison.Ordinal));
                return Fail(console, $"{string.Join(" ", messages)} (see '{ProgramName}{verb} --help')");
            }

            // --json means machine output: nothing else on standard output, progress included.
            console.WritesJson = parse.CommandResult.Command.Options.OfType<Option<bool>>().FirstOrDefault(o => o.Name == "--json") is { } jsonOption
                && parse.GetValue(jsonOption);
            var invocation = new InvocationConfiguration
            {
                Output = stdout,
                Error = stderr,
                EnableDefaultExceptionHandler = false,
            };
            return await parse.InvokeAsync(invocation, cancellationToken).ConfigureAwait(false);
        }
        catch (CliUsageException e)
        {
            return Fail(console, e.Message);
        }
        // Before OpenVerifyException, its base in the runtime: the message names what failed to parse.
        catch (OnnxFormatException e)
        {
            return Fail(console, $"The model is not a valid ONNX model: {e.Message}");
        }
        catch (OpenVerifyException e)
        {
            return Fail(console, e.Message);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Fail(console, e.Message);
        }
        catch (JsonException e)
        {
            return Fail(console, $"Malformed JSON: {e.Message}");
        }
        catch (OperationCanceledException)
        {
            return Fail(console, "Cancelled.");
        }
#pragma warning disable CA1031 // The tool's contract: any failure is one line and exit code 2, never a stack trace.
        catch (Exception e)
#pragma warning restore CA1031
        {
            return Fail(console, $"Unexpected error ({e.GetType().Name}): {e.Message}");
        }
    }

    /// <summary>Builds the command tree: one subcommand per registered verb.</summary>
    internal static Command CreateRootCommand(CliConsole console)
    {
        // A plain command rather than RootCommand, whose name is the host executable's (testhost, dotnet, ...): help
        // always says "openverify", in process or installed.
        var root = new Command(
            ProgramName,
            "OpenVerify: make keys, inspect ONNX models, run a model with a signed receipt, and verify receipts.\n" +
            "Exit codes: 0 success, 1 verification failed, 2 usage error or unreadable input.")
        {
            new HelpOption(),
            new VersionOption(),
        };
        foreach (var verb in VerbRegistry.All)
        {
            root.Add(verb.CreateCommand(console));
        }

        return root;
    }

    private static int Fail(CliConsole console, string message)
    {
        console.Error.WriteLine($"{ProgramName}: {OneLine(message)}");
        return ExitCodes.UsageError;
    }

    /// <summary>Collapses a message to one line (messages from ONNX Runtime and the OS can span several).</summary>
    internal static string OneLine(string message) =>
        string.Join(' ', message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
