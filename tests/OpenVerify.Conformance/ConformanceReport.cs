using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace OpenVerify.Conformance;

/// <summary>The outcome of one run of the whole suite, shared by every test in this assembly (it runs once).</summary>
public sealed class ConformanceReport
{
    /// <summary>The default install location of Debian's libonnx-testdata.</summary>
    public const string DefaultRoot = "/usr/share/libonnx-testdata/data";

    /// <summary>How to install the data.</summary>
    public const string InstallCommand = "sudo apt-get update && sudo apt-get install -y libonnx-testdata";

    private static readonly Lazy<ConformanceReport> Shared = new(Create, LazyThreadSafetyMode.ExecutionAndPublication);

    private ConformanceReport(string root, List<CaseOutcome> outcomes, List<string> withoutModel, List<ExpectedFailure> expected, TimeSpan elapsed, int degree)
    {
        Root = root;
        Outcomes = outcomes;
        WithoutModel = withoutModel;
        Expected = expected;
        Elapsed = elapsed;
        Degree = degree;
        ExpectedById = expected.Where(ExpectedFailures.Applies).ToDictionary(e => e.Id, StringComparer.Ordinal);
    }

    /// <summary>The data folder (env <c>OPENVERIFY_ONNX_TESTDATA</c>, else <see cref="DefaultRoot"/>).</summary>
    public static string DataRoot => Environment.GetEnvironmentVariable("OPENVERIFY_ONNX_TESTDATA") is { Length: > 0 } r ? r : DefaultRoot;

    /// <summary>Whether the data folder exists.</summary>
    public static bool DataPresent => Directory.Exists(Path.Combine(DataRoot, "node"));

    /// <summary>The data folder used.</summary>
    public string Root { get; }

    /// <summary>Every case, in suite and name order.</summary>
    public List<CaseOutcome> Outcomes { get; }

    /// <summary>Folders without a model.onnx (the 'real' suite's download stubs).</summary>
    public List<string> WithoutModel { get; }

    /// <summary>The expected-failure list.</summary>
    public List<ExpectedFailure> Expected { get; }

    /// <summary>The entries of the expected-failure list that apply on this machine, by id.</summary>
    public Dictionary<string, ExpectedFailure> ExpectedById { get; }

    /// <summary>Wall time of the run.</summary>
    public TimeSpan Elapsed { get; }

    /// <summary>Degree of parallelism used.</summary>
    public int Degree { get; }

    /// <summary>Runs the suite (once per process) and returns its report.</summary>
    public static ConformanceReport Get() => Shared.Value;

    private static ConformanceReport Create()
    {
        var expected = ExpectedFailures.Load();
        var cases = ConformanceRunner.Discover(DataRoot, out var withoutModel);
        var degree = Math.Clamp(Environment.ProcessorCount, 1, 4);
        var clock = Stopwatch.StartNew();
        var outcomes = ConformanceRunner.RunAll(cases, degree);
        return new ConformanceReport(DataRoot, outcomes, withoutModel, expected, clock.Elapsed, degree);
    }

    /// <summary>Cases that failed but are not on the list.</summary>
    public IEnumerable<CaseOutcome> UnexpectedFailures => Outcomes.Where(o => !o.Passed && !ExpectedById.ContainsKey(o.Id));

    /// <summary>Listed cases that passed.</summary>
    public IEnumerable<CaseOutcome> UnexpectedPasses => Outcomes.Where(o => o.Passed && ExpectedById.ContainsKey(o.Id));

    /// <summary>Listed ids that name no case.</summary>
    public IEnumerable<ExpectedFailure> StaleEntries
    {
        get
        {
            var ids = Outcomes.Select(o => o.Id).ToHashSet(StringComparer.Ordinal);
            return Expected.Where(e => !ids.Contains(e.Id));
        }
    }

    /// <summary>The summary as Markdown (printed by the tests and copied into docs/conformance.md).</summary>
    public string Summary()
    {
        var sb = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        int passed = Outcomes.Count(o => o.Passed);
        int listed = Outcomes.Count(o => !o.Passed && ExpectedById.ContainsKey(o.Id));
        sb.AppendLine(inv, $"ONNX backend test data: {Root} ({Outcomes.Count} cases with a model.onnx; {WithoutModel.Count} folders without one are not cases)");
        sb.AppendLine(inv, $"ONNX Runtime {Microsoft.ML.OnnxRuntime.OrtEnv.Instance().GetVersionString()}, {Environment.ProcessorCount} logical CPUs, {Degree} cases in parallel, run time {Elapsed.TotalSeconds:F1} s");
        sb.AppendLine();
        sb.AppendLine(inv, $"passing: {passed}; expected failures: {listed}; unexpected failures: {UnexpectedFailures.Count()}; listed but passing: {UnexpectedPasses.Count()}");
        sb.AppendLine(inv, $"outputs compared in passing cases: {Outcomes.Where(o => o.Passed).Sum(o => o.Outputs.Count)}; bit-exact: {Outcomes.Where(o => o.Passed).Sum(o => o.Outputs.Count(x => x.BitExact))} (digest of the .pb tensor == digest of ORT's tensor, checked for each)");
        var verdicts = Outcomes.SelectMany(o => o.ReplayVerdicts).GroupBy(v => v).OrderBy(g => g.Key).Select(g => $"{ReceiptVerifier.VerdictText(g.Key)} {g.Count()}");
        sb.AppendLine(inv, $"receipts verified: {Outcomes.Where(o => o.Passed).Sum(o => o.DataSets)} data sets, each against its inputs and outputs and again with replay (replay verdicts: {string.Join(", ", verdicts)})");
        sb.AppendLine();

        sb.AppendLine("| suite | cases | passing | expected failures | outputs (passing cases) | bit-exact |");
        sb.AppendLine("|---|---:|---:|---:|---:|---:|");
        foreach (var suite in ConformanceRunner.Suites)
        {
            var s = Outcomes.Where(o => o.Suite == suite).ToList();
            var p = s.Where(o => o.Passed).ToList();
            var stubs = WithoutModel.Count(w => w.StartsWith(suite + "/", StringComparison.Ordinal));
            sb.AppendLine(inv, $"| {suite}{(stubs > 0 ? $" ({stubs} folders without model.onnx)" : string.Empty)} | {s.Count} | {p.Count} | {s.Count(o => !o.Passed && ExpectedById.ContainsKey(o.Id))} | {p.Sum(o => o.Outputs.Count)} | {p.Sum(o => o.Outputs.Count(x => x.BitExact))} |");
        }

        sb.AppendLine(inv, $"| **total** | {Outcomes.Count} | {passed} | {listed} | {Outcomes.Where(o => o.Passed).Sum(o => o.Outputs.Count)} | {Outcomes.Where(o => o.Passed).Sum(o => o.Outputs.Count(x => x.BitExact))} |");
        sb.AppendLine();

        sb.AppendLine("| expected-failure reason | cases | meaning |");
        sb.AppendLine("|---|---:|---|");
        foreach (var (category, meaning) in ExpectedFailures.Categories)
        {
            sb.AppendLine(inv, $"| {category} | {Expected.Count(e => e.Category == category)} | {meaning} |");
        }

        if (!ExpectedFailures.EnUsUtf8LocaleInstalled)
        {
            sb.AppendLine();
            sb.AppendLine("(en_US.UTF-8 is not installed here, so the 'locale' entries apply.)");
        }
        else if (Expected.Any(e => !ExpectedFailures.Applies(e)))
        {
            sb.AppendLine();
            sb.AppendLine(inv, $"(en_US.UTF-8 is installed here, so the {Expected.Count(e => !ExpectedFailures.Applies(e))} 'locale' entries do not apply: those cases must pass.)");
        }

        sb.AppendLine();
        sb.AppendLine("Per element type (a case counts under every type among its input and expected-output tensors; outputs by the expected output's type):");
        sb.AppendLine();
        sb.AppendLine("| element type | cases | passing | expected failures | outputs (passing cases) | bit-exact |");
        sb.AppendLine("|---|---:|---:|---:|---:|---:|");
        foreach (var type in Outcomes.SelectMany(o => o.ElementTypes).Distinct().Order())
        {
            var s = Outcomes.Where(o => o.ElementTypes.Contains(type)).ToList();
            var o = Outcomes.Where(c => c.Passed).SelectMany(c => c.Outputs).Where(x => x.ElementType == type).ToList();
            sb.AppendLine(inv, $"| {ElementTypes.ToOnnxName((ElementType)type)} | {s.Count} | {s.Count(c => c.Passed)} | {s.Count(c => !c.Passed && ExpectedById.ContainsKey(c.Id))} | {o.Count} | {o.Count(x => x.BitExact)} |");
        }

        sb.AppendLine();
        sb.AppendLine("Failures by stage (where each failing case stopped):");
        sb.AppendLine();
        foreach (var g in Outcomes.Where(o => !o.Passed).GroupBy(o => o.Stage).OrderBy(g => g.Key))
        {
            sb.AppendLine(inv, $"- {g.Key}: {g.Count()}");
        }

        return sb.ToString();
    }

    /// <summary>One line per failing case: id, listed category (or UNLISTED), stage, message.</summary>
    public string FailureDetails(IEnumerable<CaseOutcome> cases) => string.Join(
        Environment.NewLine,
        cases.Select(o => $"{o.Id}  [{(ExpectedById.TryGetValue(o.Id, out var e) ? e.Category : o.Passed ? "listed, but PASSED" : "UNLISTED")}]  {o.Stage}: {Shorten(o.Message)}"));

    private static string Shorten(string s)
    {
        s = s.ReplaceLineEndings(" ");
        return s.Length <= 400 ? s : s[..400] + "…";
    }
}
