using System.Diagnostics;

namespace OpenVerify.Interop;

/// <summary>
/// tests/interop/go/notecheck, built once per test run offline from Debian's golang-go and golang-golang-x-mod-dev
/// (<c>GO111MODULE=off GOPATH=/usr/share/gocode</c>): Go's <c>sumdb/note</c> and <c>sumdb/tlog</c>, code OpenVerify
/// did not write. Shared by the test projects that check our notes, proofs and tiles with it (linked source).
/// </summary>
internal static class GoChecker
{
    public const string SkipMessage = "install golang-go and golang-golang-x-mod-dev (apt-get install -y golang-go golang-golang-x-mod-dev) to run the Go interop checks";

    private const string Go = "/usr/bin/go";
    private const string GoPath = "/usr/share/gocode";

    private static readonly Lazy<string?> Checker = new(Build);

    /// <summary>The checker's path; null when Go or x/mod is not installed. A build that fails with both installed
    /// throws, never skips.</summary>
    public static string? Path => Checker.Value;

    /// <summary>Whether a missing checker must fail (CI) rather than skip.</summary>
    public static bool Required => Environment.GetEnvironmentVariable("OPENVERIFY_CI") == "1";

    private static string? Build()
    {
        if (!File.Exists(Go) || !Directory.Exists(System.IO.Path.Combine(GoPath, "src", "golang.org", "x", "mod", "sumdb", "tlog")))
        {
            return null;
        }

        var output = Directory.CreateTempSubdirectory("openverify-notecheck-").FullName;
        var binary = System.IO.Path.Combine(output, "notecheck");
        var run = Run(Go, new Dictionary<string, string>
        {
            ["GO111MODULE"] = "off",
            ["GOPATH"] = GoPath,
            ["GOCACHE"] = System.IO.Path.Combine(output, "cache"),
            ["GOFLAGS"] = "",
            ["GOTOOLCHAIN"] = "local",
            ["GOPROXY"] = "off",
        }, "build", "-o", binary, System.IO.Path.Combine(RepoRoot(), "tests", "interop", "go", "notecheck", "main.go"));
        return run.ExitCode == 0 ? binary : throw new InvalidOperationException("Building the Go checker failed:\n" + run.Output);
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "OpenVerify.Analyzers.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (OpenVerify.Analyzers.sln) is not above " + AppContext.BaseDirectory);
    }

    /// <summary>Runs a program and returns its exit code and its standard output followed by its standard error.</summary>
    public static (int ExitCode, string Output) Run(string file, IDictionary<string, string>? environment, params string[] args)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout + stderr.Result);
    }
}
