using Xunit.Abstractions;

namespace OpenVerify.Conformance;

/// <summary>
/// The ONNX backend test suite (Debian libonnx-testdata 1.12.0) run through the verified path: every case is loaded
/// with <see cref="VerifiedModel"/>, run with a receipt, compared with the expected outputs, and its receipt verified
/// twice (against the inputs and outputs, then with replay). The whole suite runs once per process; each test reads
/// the shared report.
/// </summary>
public sealed class BackendSuiteTests(ITestOutputHelper output)
{
    /// <summary>The minimum number of passing cases.</summary>
    public const int MinimumPassing = 950;

    /// <summary>
    /// The suites with cases, one theory row each. The fifth folder, <c>real</c>, holds only <c>data.json</c> stubs
    /// (its models are downloaded on demand), so it has no cases; the summary reports it.
    /// </summary>
    public static TheoryData<string> Suites => new(ConformanceRunner.Suites.Where(s => s != "real"));

    private static ConformanceReport RequireData()
    {
        if (!ConformanceReport.DataPresent)
        {
            var message = $"The ONNX backend test data is not installed at {ConformanceReport.DataRoot}: apt-get install -y libonnx-testdata ({ConformanceReport.InstallCommand}).";
            if (Environment.GetEnvironmentVariable("OPENVERIFY_CI") == "1")
            {
                Assert.Fail(message + " OPENVERIFY_CI=1, so a missing suite is a failure.");
            }

            Skip.If(true, message);
        }

        return ConformanceReport.Get();
    }

    /// <summary>Every case of a suite that is not on the expected-failure list passes; every listed case fails.</summary>
    [SkippableTheory]
    [MemberData(nameof(Suites))]
    public void Suite_passes_except_listed_cases(string suite)
    {
        var report = RequireData();
        var cases = report.Outcomes.Where(o => o.Suite == suite).ToList();
        var passing = cases.Count(c => c.Passed);
        output.WriteLine($"{suite}: {cases.Count} cases, {passing} passing, {cases.Count(c => !c.Passed)} failing " +
            $"({cases.Count(c => !c.Passed && report.ExpectedById.ContainsKey(c.Id))} listed as expected); " +
            $"bit-exact outputs {cases.Where(c => c.Passed).Sum(c => c.Outputs.Count(o => o.BitExact))} of {cases.Where(c => c.Passed).Sum(c => c.Outputs.Count)}");
        Assert.True(cases.Count > 0, $"The suite '{suite}' has no cases under {report.Root}.");

        var unexpectedFailures = report.UnexpectedFailures.Where(o => o.Suite == suite).ToList();
        var unexpectedPasses = report.UnexpectedPasses.Where(o => o.Suite == suite).ToList();
        var expectedFailures = cases.Where(c => !c.Passed && report.ExpectedById.ContainsKey(c.Id)).ToList();
        if (expectedFailures.Count > 0)
        {
            output.WriteLine(string.Empty);
            output.WriteLine("Expected failures (what each one actually did):");
            output.WriteLine(report.FailureDetails(expectedFailures));
        }

        var problems = new List<string>();
        if (unexpectedFailures.Count > 0)
        {
            problems.Add($"{unexpectedFailures.Count} case(s) failed that are not on {ExpectedFailures.FileName}:{Environment.NewLine}{report.FailureDetails(unexpectedFailures)}");
        }

        if (unexpectedPasses.Count > 0)
        {
            problems.Add($"{unexpectedPasses.Count} case(s) on {ExpectedFailures.FileName} now pass; remove them from the list:{Environment.NewLine}{string.Join(Environment.NewLine, unexpectedPasses.Select(p => p.Id))}");
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine + Environment.NewLine, problems));
    }

    /// <summary>
    /// At least <see cref="MinimumPassing"/> cases pass, the expected-failure list names exactly the failing cases (no
    /// stale entries), and some outputs are bit-exact with equal digests. Prints the summary that docs/conformance.md shows.
    /// </summary>
    [SkippableFact]
    public void Summary_meets_the_bar_and_the_expected_failure_list_is_exact()
    {
        var report = RequireData();
        var summary = report.Summary();
        output.WriteLine(summary);

        // OPENVERIFY_CONFORMANCE_REPORT=path writes the summary and every failure's detail to a file (to refresh
        // docs/conformance.md and expected-failures.txt).
        if (Environment.GetEnvironmentVariable("OPENVERIFY_CONFORMANCE_REPORT") is { Length: > 0 } path)
        {
            File.WriteAllText(path, summary + Environment.NewLine + "Failing cases:" + Environment.NewLine +
                report.FailureDetails(report.Outcomes.Where(o => !o.Passed)) + Environment.NewLine + Environment.NewLine +
                "Passing cases with outputs that are within tolerance but not bit-exact:" + Environment.NewLine +
                string.Join(Environment.NewLine, report.Outcomes.Where(o => o.Passed && o.Outputs.Any(x => !x.BitExact))
                    .Select(o => $"{o.Id}  {o.Outputs.Count(x => !x.BitExact)} of {o.Outputs.Count}")) + Environment.NewLine);
        }

        var passing = report.Outcomes.Count(o => o.Passed);
        Assert.True(report.Outcomes.Count > 0, $"No cases were found under {report.Root}.");
        Assert.True(passing >= MinimumPassing, $"{passing} cases pass; at least {MinimumPassing} must.");

        var stale = report.StaleEntries.ToList();
        Assert.True(stale.Count == 0, $"{ExpectedFailures.FileName} lists cases that do not exist: {string.Join(", ", stale.Select(s => $"{s.Id} (line {s.Line})"))}");

        var failing = report.Outcomes.Where(o => !o.Passed).Select(o => o.Id).ToHashSet(StringComparer.Ordinal);
        var listed = report.ExpectedById.Keys.ToHashSet(StringComparer.Ordinal);
        Assert.True(
            failing.SetEquals(listed),
            $"The failing cases and {ExpectedFailures.FileName} differ. Failing but unlisted: {string.Join(", ", failing.Except(listed).Order(StringComparer.Ordinal))}. " +
            $"Listed but passing: {string.Join(", ", listed.Except(failing).Order(StringComparer.Ordinal))}.");

        var bitExact = report.Outcomes.Where(o => o.Passed).Sum(o => o.Outputs.Count(x => x.BitExact));
        Assert.True(bitExact > 0, "No output was bit-exact, so the digest cross-check never ran.");
    }

    /// <summary>The list parses: known categories, no duplicates, a reason on every line.</summary>
    [Fact]
    public void Expected_failure_list_is_well_formed()
    {
        var entries = ExpectedFailures.Load();
        Assert.All(entries, e => Assert.False(string.IsNullOrWhiteSpace(e.Text), $"line {e.Line} has no reason"));
        Assert.All(entries, e => Assert.Contains(e.Id[..e.Id.IndexOf('/', StringComparison.Ordinal)], ConformanceRunner.Suites));
    }
}
