namespace OpenVerify.Cli;

/// <summary>The exit codes of every <c>openverify</c> verb. Scripts rely on them.</summary>
public static class ExitCodes
{
    /// <summary>The verb did what was asked (for <c>verify</c>: every check passed).</summary>
    public const int Success = 0;

    /// <summary>Verification failed; the output says which check failed and why.</summary>
    public const int VerificationFailed = 1;

    /// <summary>A usage error or an unreadable input (a missing file, a malformed key, a model or tensor the runtime
    /// refuses, inputs the model cannot take). One line on standard error says what is wrong.</summary>
    public const int UsageError = 2;
}
