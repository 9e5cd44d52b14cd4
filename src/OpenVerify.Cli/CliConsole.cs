using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Spectre.Console;

namespace OpenVerify.Cli;

/// <summary>
/// Where a verb writes: tables and text for people through Spectre.Console, JSON for machines, and one-line errors.
/// When standard output is redirected (or is not the process console at all, as in tests) no colour, cursor or other
/// control codes are written and nothing is interactive.
/// </summary>
internal sealed class CliConsole
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public CliConsole(TextWriter stdout, TextWriter stderr)
        : this(stdout, stderr, ReferenceEquals(stdout, Console.Out) && !Console.IsOutputRedirected)
    {
    }

    /// <summary>A console that treats <paramref name="stdout"/> as a terminal or not, whatever it is (tests).</summary>
    internal CliConsole(TextWriter stdout, TextWriter stderr, bool isTerminal)
    {
        Out = stdout;
        Error = stderr;
        IsTerminal = isTerminal;
        var settings = new AnsiConsoleSettings
        {
            Ansi = IsTerminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = IsTerminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = IsTerminal ? InteractionSupport.Detect : InteractionSupport.No,
            Out = new AnsiConsoleOutput(stdout),
        };
        Ansi = AnsiConsole.Create(settings);
        if (!IsTerminal)
        {
            // Redirected output has no width; keep digests and paths on one line rather than wrapping at 80 columns.
            Ansi.Profile.Width = 240;
        }
    }

    /// <summary>Standard output.</summary>
    public TextWriter Out { get; }

    /// <summary>Standard error.</summary>
    public TextWriter Error { get; }

    /// <summary>Whether standard output is an interactive terminal (progress bars and colour are allowed).</summary>
    public bool IsTerminal { get; }

    /// <summary>Whether the command writes JSON (<c>--json</c>): then nothing but the JSON goes to standard output, and no
    /// progress is shown even on a terminal.</summary>
    public bool WritesJson { get; set; }

    /// <summary>Whether progress may be shown: on a terminal, and not while writing JSON.</summary>
    public bool ShowsProgress => IsTerminal && !WritesJson;

    /// <summary>Spectre's console over standard output.</summary>
    public IAnsiConsole Ansi { get; }

    /// <summary>Writes a line of plain text (no markup is interpreted).</summary>
    public void Line(string text = "") => Ansi.WriteLine(text);

    /// <summary>Writes JSON to standard output.</summary>
    public void Json(JsonNode node) => Out.WriteLine(node.ToJsonString(JsonOptions));

    /// <summary>A table with the given column headers, ready for rows of plain text.</summary>
    public static Table Table(params string[] columns)
    {
        var table = new Table().Border(TableBorder.Rounded);
        foreach (var column in columns)
        {
            table.AddColumn(new TableColumn(new Text(column)));
        }

        return table;
    }

    /// <summary>Adds a row of plain text cells (no markup is interpreted).</summary>
    public static void AddRow(Table table, params string[] cells) => table.AddRow(cells.Select(c => new Text(c)).ToArray());

    /// <summary>Runs <paramref name="work"/> with a spinner and <paramref name="description"/> on a terminal (for long
    /// work that cannot count its steps), or silently otherwise.</summary>
    public T WithStatus<T>(string description, bool isLong, Func<T> work)
    {
        if (!ShowsProgress || !isLong)
        {
            return work();
        }

        return Ansi.Status().AutoRefresh(true).Start(description, _ => work());
    }

    /// <summary>Runs <paramref name="work"/> with a progress bar on a terminal, or silently otherwise (redirected
    /// output, <c>--json</c>).</summary>
    public T WithProgress<T>(string description, long total, Func<IProgress<long>?, T> work)
    {
        if (!ShowsProgress || total <= 0)
        {
            return work(null);
        }

        return Ansi.Progress()
            .AutoClear(true)
            .HideCompleted(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                var task = context.AddTask(description, maxValue: total);
                // Draw at once: work shorter than one refresh interval would otherwise show nothing.
                context.Refresh();
                return work(new SyncProgress(value => task.Value = value));
            });
    }

    /// <summary>Reports synchronously on the calling thread (<see cref="Progress{T}"/> posts to the thread pool).</summary>
    private sealed class SyncProgress(Action<long> report) : IProgress<long>
    {
        public void Report(long value) => report(value);
    }
}
