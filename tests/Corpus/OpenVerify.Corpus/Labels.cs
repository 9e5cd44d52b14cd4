namespace OpenVerify.Corpus;

/// <summary>What a labelled line is: an AI call that must be reported, or a look-alike that must not be.</summary>
public enum LabelKind
{
    Call,
    Trap,
}

/// <summary>One row of <c>labels.tsv</c> (format: tests/Corpus/README.md).</summary>
/// <param name="CodeBase">The corpus folder.</param>
/// <param name="File">The file, relative to the code base, with <c>/</c> separators.</param>
/// <param name="Line">The 1-based line of the called method's name.</param>
/// <param name="Kind">Call or trap.</param>
/// <param name="Library">ORT, ML.NET, M.E.AI, OpenAI or SK for a call; <c>-</c> for a trap.</param>
/// <param name="Api">The API called (for a trap: what it really is).</param>
/// <param name="Rule">The rule the call should get; <c>-</c> for a trap.</param>
/// <param name="Note">Why, where it is not obvious.</param>
public sealed record Label(string CodeBase, string File, int Line, LabelKind Kind, string Library, string Api, string Rule, string Note)
{
    /// <summary>The method name the labelled line must contain (the last segment of <see cref="Api"/>).</summary>
    public string MethodName
    {
        get
        {
            var name = System.Text.RegularExpressions.Regex.Replace(Api.Split(' ')[0], "<[^<>]*>", string.Empty);
            return name[(name.LastIndexOf('.') + 1)..];
        }
    }

    /// <summary>Reads <paramref name="path"/>; a malformed row is an error naming its line.</summary>
    public static IReadOnlyList<Label> Read(string path)
    {
        var labels = new List<Label>();
        var header = true;
        var lineNumber = 0;
        foreach (var line in System.IO.File.ReadLines(path))
        {
            lineNumber++;
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            if (header)
            {
                header = false;
                continue;
            }

            var columns = line.Split('\t');
            if (columns.Length != 8
                || !int.TryParse(columns[2], out var labelLine) || labelLine < 1
                || columns[3] is not ("call" or "trap"))
            {
                throw new FormatException($"{path}:{lineNumber}: expected 8 tab-separated columns (codebase, file, line, call|trap, library, api, rule, note).");
            }

            var kind = columns[3] == "call" ? LabelKind.Call : LabelKind.Trap;
            if (kind == LabelKind.Call && (!Libraries.Contains(columns[4]) || !columns[6].StartsWith("OV", StringComparison.Ordinal)))
            {
                throw new FormatException($"{path}:{lineNumber}: a call needs a library ({string.Join(", ", Libraries)}) and a rule (OVnnnn).");
            }

            labels.Add(new Label(columns[0], columns[1], labelLine, kind, columns[4], columns[5], columns[6], columns[7]));
        }

        return labels;
    }

    /// <summary>The libraries, in report order.</summary>
    public static readonly IReadOnlyList<string> Libraries = ["ORT", "ML.NET", "M.E.AI", "OpenAI", "SK"];
}
