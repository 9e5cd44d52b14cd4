using System.CommandLine;

namespace OpenVerify.Cli.Verbs;

/// <summary>One verb of the tool (<c>keygen</c>, <c>inspect</c>, ...). Each lives in its own file and builds its own
/// command; a new verb (<c>sign-model</c>, <c>verify-model</c>, <c>lock</c>, <c>log</c>) is one more class and one more
/// line in <see cref="VerbRegistry.All"/>.</summary>
internal interface IVerb
{
    /// <summary>Creates the verb's command, its options, and its action. The action returns an exit code and throws
    /// <see cref="CliUsageException"/>, <see cref="OpenVerifyException"/> or an I/O exception for exit code 2.</summary>
    Command CreateCommand(CliConsole console);
}

/// <summary>The verbs the tool offers, in the order help lists them.</summary>
internal static class VerbRegistry
{
    public static IReadOnlyList<IVerb> All { get; } =
    [
        new KeygenVerb(),
        new InspectVerb(),
        new InferVerb(),
        new VerifyVerb(),
        new VerifyChainVerb(),
        new SignModelVerb(), new VerifyModelVerb(), new LockVerb(), new TrustVerb(),
        new LogVerb(),
        new BundleVerb(),
    ];
}
