namespace OpenVerify.Tests;

/// <summary>
/// The test assembly's entry point (the project sets GenerateProgramFile=false). The test runner never calls it; the
/// crash tests start this assembly as a helper process (<c>dotnet OpenVerify.Tests.dll log-writer …</c>) so that they
/// can kill a real writer process in the middle of its appends, and the SHA-256 tests start it to see what a fresh
/// process chooses (<c>dotnet OpenVerify.Tests.dll sha256 …</c>).
/// </summary>
public static class Program
{
    public static int Main(string[] args) => args switch
    {
        [Logs.LogWriterProcess.Verb, .. var rest] => Logs.LogWriterProcess.Run(rest),
        [Sha256HasherTests.Verb, .. var rest] => Sha256HasherTests.RunHelper(rest),
        _ => 0,
    };
}
