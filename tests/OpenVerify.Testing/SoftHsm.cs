using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace OpenVerify.Testing;

/// <summary>
/// A SoftHSM2 configuration of its own (a temporary folder with a <c>softhsm2.conf</c> and a token folder) with tokens
/// the tests initialize through <c>softhsm2-util --init-token --free</c>, each with a random user PIN kept in an
/// owner-only file. Nothing here prints a PIN: the PINs go to softhsm2-util as arguments of a process whose output is
/// read and dropped, and to tests only as the file a <c>pin-source=file:</c> names.
/// </summary>
/// <remarks>
/// SoftHSM reads <c>SOFTHSM2_CONF</c> when the module is initialized, once per process; <see cref="Create"/> sets it for
/// the whole test process, so a test assembly uses one <see cref="SoftHsm"/> (a collection fixture) and initializes
/// every token it needs before the first key is opened.
/// </remarks>
public sealed class SoftHsm : IDisposable
{
    /// <summary>Debian's softhsm2 module.</summary>
    public const string ModulePath = "/usr/lib/softhsm/libsofthsm2.so";

    private const string Util = "/usr/bin/softhsm2-util";
    private readonly DirectoryInfo _root;

    private SoftHsm(DirectoryInfo root)
    {
        _root = root;
        TokenDirectory = Path.Combine(root.FullName, "tokens");
        Directory.CreateDirectory(TokenDirectory);
        ConfigPath = Path.Combine(root.FullName, "softhsm2.conf");
        File.WriteAllText(ConfigPath, $"directories.tokendir = {TokenDirectory}\nobjectstore.backend = file\nlog.level = ERROR\nslots.removable = false\n");
        Use();
    }

    /// <summary>Makes this configuration the process's <c>SOFTHSM2_CONF</c>, for the next time the module is
    /// initialized. The C library's environment, not only .NET's: SoftHSM reads it with getenv, and on Unix
    /// <see cref="Environment.SetEnvironmentVariable(string, string)"/> changes only .NET's copy.</summary>
    public void Use()
    {
        Environment.SetEnvironmentVariable("SOFTHSM2_CONF", ConfigPath);
        if (!OperatingSystem.IsWindows() && setenv("SOFTHSM2_CONF", ConfigPath, 1) != 0)
        {
            throw new InvalidOperationException("setenv(SOFTHSM2_CONF) failed.");
        }
    }

    [DllImport("libc")]
#pragma warning disable CA2101, SYSLIB1054 // ANSI (UTF-8 on Unix) is what setenv takes; a DllImport needs no source generator here.
    private static extern int setenv([MarshalAs(UnmanagedType.LPUTF8Str)] string name, [MarshalAs(UnmanagedType.LPUTF8Str)] string value, int overwrite);
#pragma warning restore CA2101, SYSLIB1054

    /// <summary>Why SoftHSM2 cannot run here (the module or softhsm2-util is missing), or null when it can.</summary>
    public static string? Missing =>
        File.Exists(ModulePath) && File.Exists(Util) ? null : "SoftHSM2 is not installed (apt-get install -y softhsm2)";

    /// <summary>The <c>softhsm2.conf</c> this instance set as <c>SOFTHSM2_CONF</c>.</summary>
    public string ConfigPath { get; }

    /// <summary>The token folder.</summary>
    public string TokenDirectory { get; }

    /// <summary>A new configuration in a temporary folder, made the process's <c>SOFTHSM2_CONF</c>.</summary>
    public static SoftHsm Create() => new(Directory.CreateTempSubdirectory("openverify-softhsm-"));

    /// <summary>Initializes a token in a free slot with a random user PIN, written to an owner-only file.</summary>
    public SoftHsmToken InitToken(string label)
    {
        var pin = RandomPin();
        var soPin = RandomPin();
        var pinFile = Path.Combine(_root.FullName, label + ".pin");
#pragma warning disable CA1416 // SoftHSM2 tests run on Linux only.
        using (var stream = new FileStream(pinFile, new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        }))
#pragma warning restore CA1416
        using (var writer = new StreamWriter(stream))
        {
            writer.Write(pin + "\n");
        }

        var (code, output) = RunUtil("--init-token", "--free", "--label", label, "--pin", pin, "--so-pin", soPin);
        if (code != 0)
        {
            // softhsm2-util does not echo the PINs; remove them anyway before showing its output.
            throw new InvalidOperationException($"softhsm2-util --init-token failed ({code}): {output.Replace(pin, "***", StringComparison.Ordinal).Replace(soPin, "***", StringComparison.Ordinal)}");
        }

        return new SoftHsmToken(this, label, pinFile, pin);
    }

    /// <summary>Deletes a token, as <c>softhsm2-util --delete-token</c> does.</summary>
    public void DeleteToken(string label)
    {
        var (code, output) = RunUtil("--delete-token", "--token", label);
        if (code != 0)
        {
            throw new InvalidOperationException($"softhsm2-util --delete-token failed ({code}): {output}");
        }
    }

    private (int Code, string Output) RunUtil(params string[] args)
    {
        var start = new ProcessStartInfo(Util) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["SOFTHSM2_CONF"] = ConfigPath;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result + stderr);
    }

    private static string RandomPin() => Convert.ToHexString(RandomNumberGenerator.GetBytes(8));

    /// <inheritdoc />
    public void Dispose()
    {
        try
        {
            _root.Delete(recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

/// <summary>A token of a <see cref="SoftHsm"/> configuration.</summary>
/// <param name="Hsm">The configuration.</param>
/// <param name="Label">The token label.</param>
/// <param name="PinFile">The owner-only file that holds the user PIN.</param>
/// <param name="Pin">The user PIN, for tests that check it never shows up in output; never print it.</param>
public sealed record SoftHsmToken(SoftHsm Hsm, string Label, string PinFile, string Pin)
{
    /// <summary>A <c>pkcs11:</c> URI of the key labelled <paramref name="objectLabel"/> on this token, with the module
    /// path and the PIN file in its query.</summary>
    public string Uri(string objectLabel, string? pinSource = null) =>
        $"pkcs11:token={Label};object={objectLabel}?module-path={SoftHsm.ModulePath}&pin-source={pinSource ?? "file:" + PinFile}";

    /// <summary>Hides the PIN from test output.</summary>
    public override string ToString() => $"SoftHSM token {Label}";
}
