using System.Collections;
using System.Reflection;
using Microsoft.ML;

namespace OpenVerify.ML;

/// <summary>
/// Finds the steps of a model that read files named by a column of the row (ML.NET's <c>LoadImages</c> and
/// <c>LoadRawImageBytes</c>, both an <c>ImageLoadingTransformer</c> of Microsoft.ML.ImageAnalytics). A receipt binds the
/// row it was given, so for such a model it would bind the path and not the image the model scored: the model is refused
/// when it is loaded. Matched by type name, because OpenVerify.ML does not reference the image package.
/// </summary>
internal static class PathReadingSteps
{
    private const string ImageLoader = "Microsoft.ML.Data.ImageLoadingTransformer";

    /// <summary>The error for a model with such a step, or null when it has none.</summary>
    public static ModelLoadException? Check(ITransformer transformer, string name)
    {
        var columns = new List<string>();
        Collect(transformer, columns);
        return columns.Count == 0
            ? null
            : new ModelLoadException(
                $"'{name}' loads images from the files named by its column{(columns.Count == 1 ? string.Empty : "s")} {string.Join(", ", columns.Select(c => $"'{c}'"))} " +
                "(LoadImages or LoadRawImageBytes inside the model), so a receipt would bind the path, not the image the model scored. " +
                "Put the image itself in the input row and keep the loader out of the saved model: the encoded bytes in a byte[] column " +
                "(LoadRawImageBytes run on the data before training, as ML.NET's ImageClassification samples do), or the pixels in a float[] column " +
                "turned into an image inside the model with ConvertToImage. Or accept the prediction unverified with [AllowUnverifiedAi(\"why\")] " +
                "and pin the model file as a VerifiedModel item.");
    }

    private static void Collect(ITransformer transformer, List<string> columns)
    {
        if (transformer.GetType().FullName == ImageLoader)
        {
            // ImageLoadingTransformer.Columns (internal): the (output, input) column pairs; the input names the file. Only
            // for the message: the model is refused whether or not it can be read.
            var pairs = transformer.GetType().GetProperty("Columns", BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)?.GetValue(transformer) as IEnumerable;
            var inputs = pairs?.Cast<object>().Select(p => p.GetType().GetField("Item2")?.GetValue(p) as string).OfType<string>().ToList();
            columns.AddRange(inputs is { Count: > 0 } ? inputs : ["(unknown)"]);
            return;
        }

        // A chain (what Fit of an appended pipeline returns, and what ML.NET loads from a .zip) holds its steps.
        if (transformer is IEnumerable<ITransformer> chain)
        {
            foreach (var step in chain)
            {
                Collect(step, columns);
            }
        }
    }
}
