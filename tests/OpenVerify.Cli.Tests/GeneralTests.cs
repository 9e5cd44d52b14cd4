namespace OpenVerify.Cli.Tests;

public sealed class GeneralTests
{
    [Fact]
    public async Task No_verb_is_a_usage_error() => (await CliRunner.Run()).ShouldBeUsageError("--help");

    [Fact]
    public async Task An_unknown_verb_is_a_usage_error() => (await CliRunner.Run("frobnicate")).ShouldBeUsageError("frobnicate");

    [Fact]
    public async Task An_unknown_option_is_a_usage_error() => (await CliRunner.Run("keygen", "--out", "x", "--colour")).ShouldBeUsageError("--colour");

    [Fact]
    public async Task Help_lists_every_verb_and_exit_codes()
    {
        var result = await CliRunner.Run("--help");
        result.ExitCode.ShouldBe(0, result.ToString());
        foreach (var verb in new[] { "keygen", "inspect", "infer", "verify" })
        {
            result.Stdout.ShouldContain(verb);
        }

        result.Stdout.ShouldContain("Exit codes");
        result.ShouldHaveNoControlCodes();
    }

    [Theory]
    [InlineData("keygen")]
    [InlineData("inspect")]
    [InlineData("infer")]
    [InlineData("verify")]
    public async Task Each_verb_has_help(string verb)
    {
        var result = await CliRunner.Run(verb, "--help");
        result.ExitCode.ShouldBe(0, result.ToString());
        result.Stdout.ShouldContain($"openverify {verb}");
    }

    [Fact]
    public void Multi_line_messages_collapse_to_one_line() =>
        Cli.OneLine("first\r\n  second\nthird  ").ShouldBe("first second third");
}
