namespace OpenVerify.Corpus;

/// <summary>A code action offered on a finding, and what applying it did.</summary>
/// <param name="Provider">The code fix provider's type name.</param>
/// <param name="Title">The action's title.</param>
/// <param name="EquivalenceKey">The action's equivalence key.</param>
/// <param name="VerifiedPath">Whether it moves the call to a verified path (anything but Allow).</param>
/// <param name="NewErrors">Compiler errors the fix added (empty: it compiles); null when it could not be applied.</param>
public sealed record OfferedFix(string Provider, string Title, string? EquivalenceKey, bool VerifiedPath, IReadOnlyList<string>? NewErrors)
{
    /// <summary>Applied, and no compiler error that was not there before.</summary>
    public bool Compiles => NewErrors is { Count: 0 };
}

/// <summary>One OV0001–OV0004 diagnostic, or one labelled call with none.</summary>
/// <param name="CodeBase">The corpus folder.</param>
/// <param name="File">The file relative to the code base.</param>
/// <param name="Line">The labelled line, or the diagnostic's first line.</param>
/// <param name="Label">The label it matched, if any.</param>
/// <param name="ReportedRule">The rule reported, or null when nothing was reported.</param>
/// <param name="Message">The diagnostic's message (it says what to do where no fix is offered).</param>
/// <param name="Shape">Where the call sits and what its receiver is (for the count of shapes without a verified fix).</param>
/// <param name="Fixes">The code actions offered.</param>
/// <param name="Bound">
/// Whether the call binds against the tool's references. An unbound call (a package the corpus project uses is not
/// referenced here, or an API that changed) is reported by the analyzer's conservative rule for calls on AI types that
/// do not bind; in the real build it is a compile error first, so such findings are listed apart.
/// </param>
public sealed record Finding(
    string CodeBase, string File, int Line, Label? Label, string? ReportedRule, string? Message, string Shape, IReadOnlyList<OfferedFix> Fixes, bool Bound = true)
{
    /// <summary>The library: the label's, or guessed from the rule for an unlabelled finding.</summary>
    public string Library => Label?.Library ?? ReportedRule switch
    {
        "OV0001" => "ORT",
        "OV0002" => "ML.NET",
        _ => "?",
    };

    /// <summary>Whether any fix is offered.</summary>
    public bool FixOffered => Fixes.Count > 0;

    /// <summary>Whether a fix that moves the call to a verified path is offered.</summary>
    public bool VerifiedFixOffered => Fixes.Any(f => f.VerifiedPath);

    /// <summary>Whether a verified-path fix is offered and one of them compiles.</summary>
    public bool VerifiedFixCompiles => Fixes.Any(f => f.VerifiedPath && f.Compiles);
}

/// <summary>One Fix All run (a provider's fix-all for one equivalence key over a document or a project).</summary>
public sealed record FixAllRun(string CodeBase, string Provider, string EquivalenceKey, string Scope, string Target, bool Offered, IReadOnlyList<string>? NewErrors)
{
    /// <summary>Applied, and no compiler error that was not there before.</summary>
    public bool Compiles => NewErrors is { Count: 0 };
}

/// <summary>A label that no longer fits its file (the line does not hold the labelled method name).</summary>
public sealed record StaleLabel(Label Label, string Reason);

/// <summary>Everything one run measured.</summary>
/// <param name="Calls">One finding per labelled call (reported or not).</param>
/// <param name="TrapsFlagged">Findings on labelled traps.</param>
/// <param name="Unlabelled">Findings on lines with no label, on calls that bind.</param>
/// <param name="UnlabelledUnbound">Findings on lines with no label, on calls that do not bind against the tool's references.</param>
/// <param name="Traps">The number of labelled traps.</param>
/// <param name="FixAll">The Fix All runs.</param>
/// <param name="StaleLabels">Labels that do not fit their file.</param>
/// <param name="Projects">The number of corpus projects.</param>
/// <param name="CleanProjects">Projects that compile with no error before any fix.</param>
/// <param name="CodeBases">The number of code bases.</param>
public sealed record MeasurementResult(
    IReadOnlyList<Finding> Calls,
    IReadOnlyList<Finding> TrapsFlagged,
    IReadOnlyList<Finding> Unlabelled,
    IReadOnlyList<Finding> UnlabelledUnbound,
    int Traps,
    IReadOnlyList<FixAllRun> FixAll,
    IReadOnlyList<StaleLabel> StaleLabels,
    int Projects,
    int CleanProjects,
    int CodeBases)
{
    /// <summary>Every finding with a diagnostic: the reported labelled calls, the flagged traps and the unlabelled ones.</summary>
    public IEnumerable<Finding> AllFindings => Calls.Where(c => c.ReportedRule is not null).Concat(TrapsFlagged).Concat(Unlabelled).Concat(UnlabelledUnbound);

    /// <summary>Labelled calls that got the labelled rule.</summary>
    public int Recalled => Calls.Count(c => c.ReportedRule == c.Label!.Rule);

    /// <summary>Offered fixes (single or Fix All) that added a compiler error.</summary>
    public IEnumerable<string> BreakingFixes =>
        AllFindings.SelectMany(f => f.Fixes.Where(x => x.NewErrors is { Count: > 0 })
                .Select(x => $"{f.CodeBase}/{f.File}:{f.Line} '{x.Title}': {x.NewErrors![0]}"))
            .Concat(FixAll.Where(r => r.NewErrors is { Count: > 0 })
                .Select(r => $"{r.CodeBase} Fix All '{r.EquivalenceKey}' in {r.Scope} {r.Target}: {r.NewErrors![0]}"));
}
