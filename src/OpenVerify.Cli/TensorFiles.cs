using System.Text;
using OpenVerify.Cli.Npy;

namespace OpenVerify.Cli;

/// <summary>Reads <c>&lt;name&gt;=&lt;file.npy&gt;</c> arguments into tensor sets and picks file names for outputs.</summary>
internal static class TensorFiles
{
    /// <summary>The longest file name stem written for an output, leaving room for a suffix and <c>.npy</c>.</summary>
    private const int MaxStemLength = 200;

    /// <summary>Reads every <c>name=file.npy</c> argument; null when none were given.</summary>
    public static TensorSet? Read(IReadOnlyList<string>? arguments, string option)
    {
        if (arguments is null || arguments.Count == 0)
        {
            return null;
        }

        var tensors = new List<KeyValuePair<string, TensorValue>>(arguments.Count);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var argument in arguments)
        {
            var (name, path) = Split(argument, option);
            if (!seen.Add(name))
            {
                throw new CliUsageException($"{option} names '{name}' twice; give each tensor once.");
            }

            tensors.Add(new(name, ReadFile(path, option, name)));
        }

        return new TensorSet(tensors);
    }

    /// <summary>Splits <c>name=path</c> at the first <c>=</c>.</summary>
    public static (string Name, string Path) Split(string argument, string option)
    {
        var equals = argument.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0 || equals == argument.Length - 1)
        {
            throw new CliUsageException($"{option} '{argument}' is not of the form <name>=<file.npy>.");
        }

        return (argument[..equals], argument[(equals + 1)..]);
    }

    private static TensorValue ReadFile(string path, string option, string name)
    {
        try
        {
            return NpyFormat.ReadFile(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliUsageException($"Cannot read the {option[2..]} '{name}' from '{path}': {e.Message}", e);
        }
    }

    /// <summary>
    /// File names for outputs, in order: each name with every character outside <c>[A-Za-z0-9._-]</c> replaced by
    /// <c>_</c>, then <c>.npy</c>. A name that collides with an earlier one after that (compared ignoring case, so the
    /// files stay apart on case-insensitive file systems) gets the first free suffix <c>_1</c>, <c>_2</c>, ...
    /// </summary>
    public static IReadOnlyList<string> OutputFileNames(IEnumerable<string> outputNames)
    {
        var used = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "receipt.json", "outputs.json" };
        var result = new List<string>();
        foreach (var name in outputNames)
        {
            var stem = Sanitize(name);
            var candidate = stem + ".npy";
            for (var suffix = 1; !used.Add(candidate); suffix++)
            {
                candidate = $"{stem}_{suffix}.npy";
            }

            result.Add(candidate);
        }

        return result;
    }

    /// <summary>Replaces every character outside <c>[A-Za-z0-9._-]</c> with <c>_</c>.</summary>
    public static string Sanitize(string name)
    {
        var text = new StringBuilder(name.Length);
        foreach (var rune in name.EnumerateRunes())
        {
            // One '_' per character (a Unicode scalar, so an emoji is one '_', not two).
            text.Append(rune.IsAscii && (char.IsAsciiLetterOrDigit((char)rune.Value) || rune.Value is '.' or '_' or '-') ? (char)rune.Value : '_');
        }

        var stem = text.Length == 0 ? "_" : text.ToString();
        return stem.Length > MaxStemLength ? stem[..MaxStemLength] : stem;
    }

    /// <summary>The type and shape as <c>float[1,4]</c>.</summary>
    public static string Describe(TensorValue tensor) => $"{ElementTypes.ToOnnxName(tensor.ElementType)}[{string.Join(",", tensor.Shape)}]";
}
