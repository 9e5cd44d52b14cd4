using OpenVerify.Corpus;
using Xunit.Abstractions;

namespace OpenVerify.Corpus.Tests;

/// <summary>
/// Runs the corpus measurement (tests/Corpus/README.md) once and checks what must always hold on real code. The
/// verified-path share is printed, not asserted: it is the figure the code fixes work towards.
/// </summary>
public sealed class CorpusMeasurementTests(CorpusMeasurementFixture fixture, ITestOutputHelper output) : IClassFixture<CorpusMeasurementFixture>
{
    private MeasurementResult Result => fixture.Result;

    [Fact]
    public void Prints_the_figures() => output.WriteLine(Report.Format(Result, details: false));

    [Fact]
    public void Recall_is_at_least_98_percent()
    {
        var missed = Result.Calls.Where(c => c.ReportedRule != c.Label!.Rule)
            .Select(c => $"{c.CodeBase}/{c.File}:{c.Line} {c.Label!.Api}: expected {c.Label.Rule}, got {c.ReportedRule ?? "nothing"}")
            .ToList();
        Result.Calls.Count.ShouldBeGreaterThan(150, "the corpus lost its labelled calls");
        ((double)Result.Recalled / Result.Calls.Count).ShouldBeGreaterThanOrEqualTo(0.98, string.Join('\n', missed));
    }

    [Fact]
    public void No_labelled_look_alike_is_flagged()
    {
        Result.Traps.ShouldBeGreaterThan(30, "the corpus lost its labelled traps");
        Result.TrapsFlagged.Select(t => $"{t.CodeBase}/{t.File}:{t.Line} {t.ReportedRule} on {t.Label!.Api}").ShouldBeEmpty();
    }

    [Fact]
    public void Every_finding_on_a_call_that_binds_has_a_label() =>
        Result.Unlabelled.Select(f => $"{f.CodeBase}/{f.File}:{f.Line} {f.ReportedRule}: {f.Message}").ShouldBeEmpty();

    [Fact]
    public void No_offered_fix_adds_a_compile_error()
    {
        Result.AllFindings.Sum(f => f.Fixes.Count(x => x.NewErrors is not null)).ShouldBeGreaterThan(100, "the fixes were not applied");
        Result.BreakingFixes.ShouldBeEmpty();
    }

    [Fact]
    public void Every_label_still_fits_its_file() =>
        Result.StaleLabels.Select(s => $"{s.Label.CodeBase}/{s.Label.File}:{s.Label.Line}: {s.Reason}").ShouldBeEmpty();
}

/// <summary>One measurement for all the tests: it compiles every corpus project and applies every fix.</summary>
public sealed class CorpusMeasurementFixture
{
    public MeasurementResult Result { get; } = Measurement.RunAsync(CorpusLayout.FindCorpus()).GetAwaiter().GetResult();
}
