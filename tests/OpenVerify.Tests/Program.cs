namespace OpenVerify.Tests;

/// <summary>
/// The test assembly's entry point (the project sets GenerateProgramFile=false). The test runner never calls it; the
/// crash tests start this assembly as a helper process (<c>dotnet OpenVerify.Tests.dll log-writer …</c>) so that they
/// can kill a real writer process in the middle of its appends.
/// </summary>
public static class Program
{
    public static int Main(string[] args) =>
        args is [Logs.LogWriterProcess.Verb, .. var rest] ? Logs.LogWriterProcess.Run(rest) : 0;
}
