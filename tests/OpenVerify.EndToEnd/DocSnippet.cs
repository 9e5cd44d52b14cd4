using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace OpenVerify.EndToEnd;

/// <summary>What the docs test does with a C# snippet.</summary>
public enum SnippetMode
{
    /// <summary>Built and run; it must exit with code 0. The default for every unmarked snippet.</summary>
    Run,

    /// <summary>Built, not run (<c>&lt;!-- snippet: build-only (reason) --&gt;</c>), for example a web server.</summary>
    BuildOnly,

    /// <summary>Neither built nor run (<c>&lt;!-- snippet: skip (reason) --&gt;</c>): a deliberate fragment.</summary>
    Skip,
}

/// <summary>
/// A fenced C# code block of README.md or docs/*.md. Every snippet is a complete program as a user pastes it into
/// <c>Program.cs</c>: using directives, then top-level statements, then type declarations. The line before the fence
/// may mark it <c>&lt;!-- snippet: build-only (reason) --&gt;</c> or <c>&lt;!-- snippet: skip (reason) --&gt;</c>.
/// </summary>
public sealed partial record DocSnippet(string File, string FullPath, int Line, string Code, SnippetMode Mode, string? Reason)
{
    /// <summary>The Markdown files whose snippets are tested, relative to the repository root: README.md and the guides
    /// in docs/ (not docs/spec or docs/rules, whose pages show formats and the code each diagnostic reports).</summary>
    public static IEnumerable<string> DocumentFiles(string repositoryRoot) =>
        new[] { Path.Combine(repositoryRoot, "README.md") }
            .Concat(Directory.EnumerateFiles(Path.Combine(repositoryRoot, "docs"), "*.md", SearchOption.TopDirectoryOnly).Order(StringComparer.Ordinal));

    /// <summary>A C# identifier naming the snippet by file and line, for example <c>README_md_L31</c>.</summary>
    public string Name => string.Create(CultureInfo.InvariantCulture, $"{NonIdentifier().Replace(File, "_")}_L{Line}");

    public override string ToString() => $"{File}:{Line}";

    /// <summary>Every C# snippet of one Markdown file. A malformed marker is an error naming the file and line.</summary>
    /// <param name="path">The file.</param>
    /// <param name="displayName">The name used in <see cref="File"/> (compiler messages name the full path).</param>
    public static IReadOnlyList<DocSnippet> Extract(string path, string displayName)
    {
        var lines = System.IO.File.ReadAllLines(path);
        var snippets = new List<DocSnippet>();
        for (var i = 0; i < lines.Length; i++)
        {
            var open = Fence().Match(lines[i]);
            if (!open.Success)
            {
                continue;
            }

            var fence = open.Groups["fence"].Value;
            var language = open.Groups["info"].Value.Trim().Split(' ', 2)[0];
            var start = i + 1;
            var end = start;
            while (end < lines.Length && !IsClosing(lines[end], fence))
            {
                end++;
            }

            if (language.Equals("csharp", StringComparison.OrdinalIgnoreCase) || language.Equals("cs", StringComparison.OrdinalIgnoreCase) || language.Equals("c#", StringComparison.OrdinalIgnoreCase))
            {
                var (mode, reason) = MarkerBefore(lines, i, displayName);
                snippets.Add(new DocSnippet(displayName, Path.GetFullPath(path), start + 1, string.Join('\n', lines[start..Math.Min(end, lines.Length)]), mode, reason));
            }

            i = end;
        }

        return snippets;
    }

    /// <summary>
    /// The snippet as one C# file of the docs project: its using directives first, its statements as the body of
    /// <c>Run(args)</c> in a class of its own namespace, its type declarations beside that class. <c>#line</c> directives
    /// make compiler messages name the Markdown file and line.
    /// </summary>
    public string ToSourceFile()
    {
        var lines = Code.Split('\n');
        var usingsEnd = 0;
        while (usingsEnd < lines.Length && (UsingDirective().IsMatch(lines[usingsEnd]) || string.IsNullOrWhiteSpace(lines[usingsEnd])))
        {
            usingsEnd++;
        }

        var typesStart = usingsEnd;
        while (typesStart < lines.Length && !TypeDeclaration().IsMatch(lines[typesStart]))
        {
            typesStart++;
        }

        var source = new StringBuilder();
        source.Append("// Generated from ").Append(File).Append(", line ").Append(Line).Append('\n');
        AppendLines(source, lines, 0, usingsEnd);
        source.Append("#line default\n");
        source.Append("namespace DocSnippets.").Append(Name).Append('\n');
        source.Append("{\n");
        source.Append("internal static class Snippet\n{\n");
        source.Append("#pragma warning disable CS1998 // a snippet that awaits nothing\n");
        source.Append("public static async global::System.Threading.Tasks.Task Run(string[] args)\n{\n");
        AppendLines(source, lines, usingsEnd, typesStart);
        source.Append("#line default\n");
        source.Append("}\n}\n");
        AppendLines(source, lines, typesStart, lines.Length);
        source.Append("#line default\n");
        source.Append("}\n");
        return source.ToString();
    }

    private void AppendLines(StringBuilder source, string[] lines, int from, int to)
    {
        if (from >= to)
        {
            return;
        }

        source.Append(CultureInfo.InvariantCulture, $"#line {Line + from} \"{FullPath}\"\n");
        for (var i = from; i < to; i++)
        {
            source.Append(lines[i]).Append('\n');
        }
    }

    private static (SnippetMode Mode, string? Reason) MarkerBefore(string[] lines, int fenceLine, string displayName)
    {
        var previous = fenceLine - 1;
        while (previous >= 0 && string.IsNullOrWhiteSpace(lines[previous]))
        {
            previous--;
        }

        if (previous < 0 || !lines[previous].TrimStart().StartsWith("<!-- snippet:", StringComparison.Ordinal))
        {
            return (SnippetMode.Run, null);
        }

        var marker = Marker().Match(lines[previous].Trim());
        if (!marker.Success)
        {
            throw new FormatException($"{displayName}:{previous + 1}: a snippet marker reads '<!-- snippet: skip (reason) -->' or '<!-- snippet: build-only (reason) -->', with a reason; found '{lines[previous].Trim()}'.");
        }

        var mode = marker.Groups["mode"].Value == "skip" ? SnippetMode.Skip : SnippetMode.BuildOnly;
        return (mode, marker.Groups["reason"].Value.Trim());
    }

    private static bool IsClosing(string line, string fence)
    {
        var trimmed = line.Trim();
        return trimmed.Length >= fence.Length && trimmed.All(c => c == fence[0]);
    }

    [GeneratedRegex(@"^\s{0,3}(?<fence>`{3,}|~{3,})(?<info>[^`]*)$")]
    private static partial Regex Fence();

    [GeneratedRegex(@"^<!-- snippet: (?<mode>skip|build-only) \((?<reason>[^)]*\S[^)]*)\) -->$")]
    private static partial Regex Marker();

    [GeneratedRegex(@"^using\s+(static\s+)?[A-Za-z_][\w.]*(\s*=\s*[\w.<>, ]+)?\s*;\s*(//.*)?$")]
    private static partial Regex UsingDirective();

    [GeneratedRegex(@"^(\[[^\]]*\]\s*)*((public|internal|file|static|sealed|abstract|partial|readonly|ref)\s+)*(class|record|struct|interface|enum)\s")]
    private static partial Regex TypeDeclaration();

    [GeneratedRegex(@"[^A-Za-z0-9]")]
    private static partial Regex NonIdentifier();
}
