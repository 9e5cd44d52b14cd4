using System.Globalization;
using System.Text;

namespace OpenVerify.Corpus;

/// <summary>Prints a <see cref="MeasurementResult"/> as the table documented in tests/Corpus/README.md.</summary>
public static class Report
{
    /// <summary>The table, the lists that need a look, and with <paramref name="details"/> every call.</summary>
    public static string Format(MeasurementResult result, bool details)
    {
        var text = new StringBuilder();
        text.AppendLine(Invariant($"OpenVerify analyzers and code fixes on the corpus: {result.CodeBases} code bases, {result.Projects} projects ({result.CleanProjects} compile with no error before any fix)."));
        text.AppendLine();
        text.AppendLine(Invariant($"{"library",-8} {"calls",5}  {"recall",-14} {"fix offered",-14} {"verified-path fix",-17} {"verified-path fix compiles",-26}"));
        foreach (var library in Label.Libraries.Append("total"))
        {
            var calls = result.Calls.Where(c => library == "total" || c.Library == library).ToList();
            var recalled = calls.Count(c => c.ReportedRule == c.Label!.Rule);
            var flagged = calls.Where(c => c.ReportedRule is not null).ToList();
            var verified = flagged.Count(c => c.VerifiedFixOffered);
            text.AppendLine(Invariant(
                $"{library,-8} {calls.Count,5}  {Ratio(recalled, calls.Count),-14} {Ratio(flagged.Count(c => c.FixOffered), flagged.Count),-14} {Ratio(verified, flagged.Count),-17} {Ratio(flagged.Count(c => c.VerifiedFixCompiles), verified),-26}"));
        }

        text.AppendLine();
        text.AppendLine(Invariant($"Traps flagged: {result.TrapsFlagged.Count} of {result.Traps} labelled look-alikes."));
        foreach (var trap in result.TrapsFlagged)
        {
            text.AppendLine(Invariant($"  {trap.CodeBase}/{trap.File}:{trap.Line} {trap.ReportedRule} on {trap.Label!.Api}"));
        }

        text.AppendLine(Invariant($"Unlabelled findings: {result.Unlabelled.Count} (a label to add, or a false alarm)."));
        foreach (var finding in result.Unlabelled)
        {
            text.AppendLine(Invariant($"  {finding.CodeBase}/{finding.File}:{finding.Line} {finding.ReportedRule}: {FirstSentence(finding.Message)}"));
        }

        text.AppendLine(Invariant($"Findings on unlabelled calls that do not bind against the tool's references: {result.UnlabelledUnbound.Count} (a compile error in the real build first; see --details)."));
        if (details)
        {
            foreach (var finding in result.UnlabelledUnbound)
            {
                text.AppendLine(Invariant($"  {finding.CodeBase}/{finding.File}:{finding.Line} {finding.ReportedRule}: {FirstSentence(finding.Message)}"));
            }
        }

        var missed = result.Calls.Where(c => c.ReportedRule != c.Label!.Rule).ToList();
        text.AppendLine(Invariant($"Labelled calls without the labelled rule: {missed.Count}."));
        foreach (var call in missed)
        {
            text.AppendLine(Invariant($"  {call.CodeBase}/{call.File}:{call.Line} {call.Label!.Api}: expected {call.Label.Rule}, got {call.ReportedRule ?? "nothing"}"));
        }

        var breaking = result.BreakingFixes.ToList();
        text.AppendLine(Invariant($"Offered fixes that add a compile error (single fixes and Fix All): {breaking.Count}."));
        foreach (var fix in breaking)
        {
            text.AppendLine("  " + fix);
        }

        var fixAllApplied = result.FixAll.Where(r => r.Offered).ToList();
        text.AppendLine(Invariant($"Fix All runs (per provider and equivalence key, per document and per project): {fixAllApplied.Count} offered, {fixAllApplied.Count(r => r.Compiles)} compile."));
        if (result.StaleLabels.Count > 0)
        {
            text.AppendLine(Invariant($"Labels that no longer fit their file: {result.StaleLabels.Count}."));
            foreach (var stale in result.StaleLabels)
            {
                text.AppendLine(Invariant($"  {stale.Label.CodeBase}/{stale.Label.File}:{stale.Label.Line}: {stale.Reason}"));
            }
        }

        text.AppendLine();
        text.AppendLine("Flagged calls without a verified-path fix, by library and shape:");
        foreach (var shape in result.Calls.Where(c => c.ReportedRule is not null && !c.VerifiedFixOffered)
                     .GroupBy(c => (c.Library, c.Shape))
                     .OrderBy(g => Label.Libraries.ToList().IndexOf(g.Key.Library)).ThenByDescending(g => g.Count()).ThenBy(g => g.Key.Shape, StringComparer.Ordinal))
        {
            text.AppendLine(Invariant($"  {shape.Key.Library,-7} {shape.Count(),3}  {shape.Key.Shape}"));
        }

        if (details)
        {
            text.AppendLine();
            text.AppendLine("Every labelled call:");
            foreach (var call in result.Calls)
            {
                text.AppendLine(Invariant($"{call.CodeBase}/{call.File}:{call.Line}  [{call.Library}] {call.Label!.Api}  expected {call.Label.Rule}, got {call.ReportedRule ?? "nothing"}; {call.Shape}"));
                foreach (var fix in call.Fixes)
                {
                    var outcome = fix.NewErrors is null ? "not applicable" : fix.Compiles ? "compiles" : "adds: " + fix.NewErrors[0];
                    text.AppendLine(Invariant($"    fix {(fix.VerifiedPath ? "verified" : "allow   ")}: {fix.Title} ({outcome})"));
                }

                if (call.ReportedRule is not null && !call.VerifiedFixOffered)
                {
                    text.AppendLine("    no verified-path fix; the message says: " + call.Message);
                }
            }
        }

        return text.ToString();
    }

    private static string Ratio(int part, int whole) =>
        whole == 0 ? "-" : Invariant($"{part}/{whole} {100.0 * part / whole:0.0}%");

    private static string FirstSentence(string? message) =>
        message is null ? string.Empty : message.Split(". ", 2)[0];

    private static string Invariant(FormattableString value) => value.ToString(CultureInfo.InvariantCulture);
}
