using System.Globalization;

namespace OpenVerify.Conformance;

/// <summary>One entry of <c>expected-failures.txt</c>.</summary>
/// <param name="Id"><c>suite/case</c>.</param>
/// <param name="Category">The reason category (one of <see cref="ExpectedFailures.Categories"/>).</param>
/// <param name="Text">Free text: why the case cannot pass.</param>
/// <param name="Line">The line number in the file.</param>
public sealed record ExpectedFailure(string Id, string Category, string Text, int Line);

/// <summary>
/// The checked-in list of cases that cannot pass, one per line: <c>suite/case  category  free text</c>.
/// Blank lines and lines starting with <c>#</c> are ignored.
/// </summary>
public static class ExpectedFailures
{
    /// <summary>The reason categories, with what each means (printed in the report).</summary>
    public static readonly IReadOnlyDictionary<string, string> Categories = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["old-opset"] = "ONNX Runtime no longer implements the operator version the model uses",
        ["ort-unsupported"] = "ONNX Runtime does not implement the operator, attribute or type combination",
        ["ort-differs"] = "ONNX Runtime's result differs from the reference output beyond rtol 1e-3 / atol 1e-5 (exactly, for integers and strings)",
        ["random"] = "random operators: the expected output cannot be reproduced",
        ["training"] = "training operators (ai.onnx.preview.training), outside the verified path",
        ["non-tensor"] = "sequence, optional or map values: OpenVerify v1 covers dense tensors only",
        ["refused-type"] = "float8, int4/uint4 or complex tensors, which OpenVerify v1 refuses by design",
        ["testdata-quirk"] = "the ONNX 1.12 test data itself does not match the model or the ONNX spec",
        ["locale"] = "ONNX Runtime's StringNormalizer needs the en_US.UTF-8 locale; expected to fail only where it is not installed",
    };

    /// <summary>
    /// Whether the en_US.UTF-8 locale is installed (<c>locale -a</c> lists it). Entries of category <c>locale</c> are
    /// expected failures only where it is not: where it is, those cases must pass.
    /// </summary>
    public static bool EnUsUtf8LocaleInstalled => LocaleProbe.Value;

    private static readonly Lazy<bool> LocaleProbe = new(() =>
    {
        try
        {
            using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("locale", "-a")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            });
            if (process is null)
            {
                return false;
            }

            var text = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return text.Split('\n').Any(l => l.Trim().Equals("en_US.utf8", StringComparison.OrdinalIgnoreCase)
                || l.Trim().Equals("en_US.UTF-8", StringComparison.OrdinalIgnoreCase));
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return Directory.Exists("/usr/lib/locale/en_US.utf8");
        }
    });

    /// <summary>Whether an entry is an expected failure on this machine.</summary>
    public static bool Applies(ExpectedFailure entry) => entry.Category != "locale" || !EnUsUtf8LocaleInstalled;

    /// <summary>The list's file name (copied beside the test assembly).</summary>
    public const string FileName = "expected-failures.txt";

    /// <summary>Parses the list; throws <see cref="FormatException"/> on a malformed line, an unknown category or a duplicate.</summary>
    public static List<ExpectedFailure> Parse(IEnumerable<string> lines)
    {
        var entries = new List<ExpectedFailure>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var number = 0;
        foreach (var raw in lines)
        {
            number++;
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var parts = line.Split((char[]?)null, 3, StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length < 3 || !parts[0].Contains('/', StringComparison.Ordinal))
            {
                throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"{FileName}:{number}: expected 'suite/case  category  reason', got '{line}'."));
            }

            if (!Categories.ContainsKey(parts[1]))
            {
                throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"{FileName}:{number}: unknown category '{parts[1]}'; use one of {string.Join(", ", Categories.Keys)}."));
            }

            if (!seen.Add(parts[0]))
            {
                throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"{FileName}:{number}: '{parts[0]}' is listed twice."));
            }

            entries.Add(new ExpectedFailure(parts[0], parts[1], parts[2].Trim(), number));
        }

        return entries;
    }

    /// <summary>Reads the list beside the test assembly.</summary>
    public static List<ExpectedFailure> Load() => Parse(File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, FileName)));
}
