namespace OpenVerify.Cli;

/// <summary>The command line asks for something that cannot be done (exit code 2). The message is one line.</summary>
internal sealed class CliUsageException : Exception
{
    public CliUsageException(string message) : base(message) { }

    public CliUsageException(string message, Exception innerException) : base(message, innerException) { }

    public CliUsageException() { }
}
