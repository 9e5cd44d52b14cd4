using System.CommandLine;

namespace OpenVerify.Cli.Verbs;

/// <summary>Options several verbs share, so they are spelled and described the same way everywhere.</summary>
internal static class CommonOptions
{
    public static Option<bool> Json() => new("--json") { Description = "Write JSON for machines instead of tables for people." };

    public static Option<string[]> Tensors(string name, string what) => new(name)
    {
        Description = $"A {what} as <name>=<file.npy>; repeat for each {what}.",
        HelpName = "name=file.npy",
        Arity = ArgumentArity.ZeroOrMore,
    };

    public static Option<string?> Nonce(string description) => new("--nonce") { Description = description, HelpName = "text" };

    public static Option<string?> Audience(string description) => new("--audience") { Description = description, HelpName = "text" };
}
