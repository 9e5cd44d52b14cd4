using System.IO.Compression;

namespace OpenVerify.ML;

/// <summary>Recognizes an ML.NET model file by content: a zip archive whose entries include ML.NET's
/// <c>Model.key</c> layout (what <c>MLContext.Model.Save</c> writes).</summary>
internal static class MLNetZip
{
    public static bool LooksLikeModel(byte[] bytes, out string why)
    {
        if (bytes.Length < 4 || bytes[0] != 'P' || bytes[1] != 'K' || bytes[2] != 3 || bytes[3] != 4)
        {
            why = "it is not a zip archive (ML.NET saves models as .zip files)";
            return false;
        }

        try
        {
            using var archive = new ZipArchive(new MemoryStream(bytes, writable: false), ZipArchiveMode.Read);
            if (archive.Entries.Any(e => e.FullName.EndsWith("Model.key", StringComparison.Ordinal)))
            {
                why = string.Empty;
                return true;
            }

            why = "the zip archive holds no ML.NET model entry (Model.key)";
            return false;
        }
        catch (InvalidDataException e)
        {
            why = $"the zip archive is malformed ({e.Message})";
            return false;
        }
    }
}
