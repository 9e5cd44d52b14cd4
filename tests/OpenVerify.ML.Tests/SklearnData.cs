using System.Globalization;
using System.IO.Compression;

namespace OpenVerify.ML.Tests;

/// <summary>
/// The public data sets Debian's python3-sklearn ships as CSV (sklearn/datasets/data) and the dataset descriptions
/// (sklearn/datasets/descr, real English text). The folder is OPENVERIFY_SKLEARN_DATA (.ci/run sets it after
/// <c>apt-get download python3-sklearn</c> and <c>dpkg -x</c>), or /tmp/sk from the same commands run by hand.
/// </summary>
public static class SklearnData
{
    private static readonly Lazy<string?> Folder = new(() =>
        new[]
        {
            Environment.GetEnvironmentVariable("OPENVERIFY_SKLEARN_DATA"),
            "/tmp/sk/usr/lib/python3/dist-packages/sklearn/datasets",
        }.FirstOrDefault(f => !string.IsNullOrEmpty(f) && File.Exists(Path.Combine(f, "data", "iris.csv"))));

    /// <summary>The datasets folder. Without it a test is skipped, except under OPENVERIFY_CI=1, where it fails.</summary>
    public static string Root
    {
        get
        {
            if (Folder.Value is { } folder)
            {
                return folder;
            }

            const string how = "The scikit-learn data sets are missing. Run: cd /tmp && apt-get download python3-sklearn && dpkg -x python3-sklearn_*.deb sk " +
                "(or set OPENVERIFY_SKLEARN_DATA to the sklearn/datasets folder of an extracted python3-sklearn package).";
            if (Environment.GetEnvironmentVariable("OPENVERIFY_CI") == "1")
            {
                Assert.Fail("OPENVERIFY_CI=1: " + how);
            }

            Skip.If(true, how);
            return string.Empty;
        }
    }

    /// <summary>Rows of a sklearn CSV after its header lines, as numbers.</summary>
    public static List<double[]> Numbers(string file, int headerLines)
    {
        var path = Path.Combine(Root, "data", file);
        using var raw = File.OpenRead(path);
        using var reader = new StreamReader(file.EndsWith(".gz", StringComparison.Ordinal) ? new GZipStream(raw, CompressionMode.Decompress) : raw);
        var rows = new List<double[]>();
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            if (lineNumber++ < headerLines || line.Length == 0)
            {
                continue;
            }

            rows.Add([.. line.Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture))]);
        }

        return rows;
    }

    /// <summary>Sentences of the dataset descriptions, each labelled with the description it comes from.</summary>
    public static List<(string Text, string Label)> DescriptionSentences(params string[] descriptions)
    {
        var sentences = new List<(string, string)>();
        foreach (var name in descriptions)
        {
            var text = File.ReadAllText(Path.Combine(Root, "descr", name + ".rst"));
            foreach (var sentence in text.Split(['.', '\n'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                if (sentence.Count(char.IsLetter) >= 20)
                {
                    sentences.Add((sentence, name));
                }
            }
        }

        return sentences;
    }
}
