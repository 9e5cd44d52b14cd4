using OpenVerify.Fuzz;
using OpenVerify.Tests.Spec;

namespace OpenVerify.Tests.Fuzz;

/// <summary>
/// Replays what the fuzzer found and what it starts from (fuzz/README.md) through the same targets afl runs: every
/// kept crash under fuzz/regressions/TARGET gives the parser's documented format exception (or, for the parsers that
/// never throw, a result), and every seed under fuzz/corpus/TARGET parses or gives that exception. Anything else that
/// escapes fails the test, as it crashes the fuzzer.
/// </summary>
public class FuzzRegressionTests
{
    // The parsers that report bad input as a result instead of an exception.
    private static readonly HashSet<string> NeverThrow = ["modelsig", "manifest"];

    private static string FuzzFolder => Path.Combine(SpecVectors.RepoRoot, "fuzz");

    /// <summary>Every kept crash and every seed, as (folder, target, file).</summary>
    public static TheoryData<string, string, string> Inputs()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var kind in new[] { "regressions", "corpus" })
        {
            var root = Path.Combine(FuzzFolder, kind);
            foreach (var folder in Directory.Exists(root) ? Directory.EnumerateDirectories(root).Order(StringComparer.Ordinal) : Enumerable.Empty<string>())
            {
                foreach (var file in Directory.EnumerateFiles(folder).Order(StringComparer.Ordinal))
                {
                    data.Add(kind, Path.GetFileName(folder), Path.GetFileName(file));
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public void An_input_parses_or_gives_the_documented_format_error(string kind, string target, string file)
    {
        // Anything but the documented format exception escapes FuzzTargets and fails the test, and so does an input
        // that makes the parser allocate far more than its size (a few header bytes declaring gigabytes: a denial of
        // service for the price of a small file).
        var result = FuzzTargets.RunBounded(FuzzTargets.All[target], File.ReadAllBytes(Path.Combine(FuzzFolder, kind, target, file)));

        if (kind == "regressions" && !NeverThrow.Contains(target))
        {
            // A kept crash input is malformed: it must be refused, with a message, not merely survive.
            result.ShouldNotBeNull($"{target}/{file} now parses; a kept crash input is malformed and must be refused.");
            result.Message.ShouldNotBeNullOrWhiteSpace();
        }
    }

    [Fact]
    public void Every_target_has_seeds_and_run_sh_runs_every_target()
    {
        foreach (var target in FuzzTargets.All.Keys)
        {
            Directory.EnumerateFiles(Path.Combine(FuzzFolder, "corpus", target)).ShouldNotBeEmpty(target);
        }

        var listed = File.ReadAllLines(Path.Combine(FuzzFolder, "run.sh")).Single(l => l.StartsWith("targets=(", StringComparison.Ordinal));
        listed["targets=(".Length..^1].Split(' ').Order(StringComparer.Ordinal).ShouldBe(FuzzTargets.All.Keys);
    }
}
