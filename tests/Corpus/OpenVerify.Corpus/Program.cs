using OpenVerify.Corpus;

// dotnet run -c Release --project tests/Corpus/OpenVerify.Corpus [-- --details] [--corpus <folder>]
var details = args.Contains("--details");
var corpusIndex = Array.IndexOf(args, "--corpus");
if (args.Any(a => a.StartsWith("--", StringComparison.Ordinal) && a is not ("--details" or "--corpus")) || (corpusIndex >= 0 && corpusIndex == args.Length - 1))
{
    Console.Error.WriteLine("usage: OpenVerify.Corpus [--details] [--corpus <folder with labels.tsv>]");
    return 2;
}

try
{
    var corpus = CorpusLayout.FindCorpus(corpusIndex >= 0 ? args[corpusIndex + 1] : null);
    var result = await Measurement.RunAsync(corpus);
    Console.Write(Report.Format(result, details));
    return 0;
}
catch (Exception e) when (e is FormatException or DirectoryNotFoundException or InvalidOperationException or IOException)
{
    Console.Error.WriteLine("error: " + e.Message);
    return 1;
}
