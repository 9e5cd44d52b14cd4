#pragma warning disable MEAI001 // Microsoft.Extensions.AI's image abstractions are experimental; the verified image path is built on them on purpose.
using System.Globalization;
using OpenAI.Images;
using MeaiImageOptions = Microsoft.Extensions.AI.ImageGenerationOptions;
using MeaiResponseFormat = Microsoft.Extensions.AI.ImageGenerationResponseFormat;
using SdkImageOptions = OpenAI.Images.ImageGenerationOptions;

namespace OpenVerify.Extensions.AI;

/// <summary>
/// Carries the SDK's image options over to the <see cref="MeaiImageOptions"/> the verified pipeline sends and binds.
/// The request on the wire is the one Microsoft.Extensions.AI.OpenAI builds from those options (count, size, response
/// format, output file format), and the receipt binds exactly those: an SDK option with no counterpart would be sent
/// unbound or lost, so it is refused instead, by its SDK member name.
/// </summary>
internal static class OpenAIImageOptionsMapping
{
    public static MeaiImageOptions ToGenerationOptions(SdkImageOptions? options, int count)
    {
        var result = new MeaiImageOptions { Count = count };
        if (options is null)
        {
            return result;
        }

        Refuse(
            "ImageGenerationOptions",
            (nameof(options.Quality), !IsAutoOrUnset(options.Quality)),
            (nameof(options.Style), options.Style is not null),
            (nameof(options.Background), options.Background is not null),
            (nameof(options.ModerationLevel), options.ModerationLevel is not null),
            (nameof(options.OutputCompressionFactor), options.OutputCompressionFactor is not null),
            (nameof(options.EndUserId), options.EndUserId is not null));
        Carry(result, "ImageGenerationOptions", options.Size, options.ResponseFormat, options.OutputFileFormat);
        return result;
    }

    public static MeaiImageOptions ToEditOptions(ImageEditOptions? options, int count)
    {
        var result = new MeaiImageOptions { Count = count };
        if (options is null)
        {
            return result;
        }

        Refuse(
            nameof(ImageEditOptions),
            (nameof(options.Quality), !IsAutoOrUnset(options.Quality)),
            (nameof(options.Background), options.Background is not null),
            (nameof(options.InputFidelity), options.InputFidelity is not null),
            (nameof(options.OutputCompressionFactor), options.OutputCompressionFactor is not null),
            (nameof(options.EndUserId), options.EndUserId is not null));
        Carry(result, nameof(ImageEditOptions), options.Size, options.ResponseFormat, options.OutputFileFormat);
        return result;
    }

    /// <summary>The media type the verified pipeline gives an input image, from its file name (as the SDK names the upload).</summary>
    public static string MediaTypeOf(string fileName) => Path.GetExtension(fileName).ToLowerInvariant() switch
    {
        ".png" => "image/png",
        ".jpg" or ".jpeg" => "image/jpeg",
        ".webp" => "image/webp",
        ".gif" => "image/gif",
        _ => "application/octet-stream",
    };

    /// <summary>
    /// "auto" is the API's default quality for every image model (the service chooses): a request without it asks for
    /// the same, so it is not sent, and the request on the wire is what the receipt binds. Any other quality would be sent
    /// unbound, and is refused.
    /// </summary>
    private static bool IsAutoOrUnset(GeneratedImageQuality? quality) => quality is null || quality == GeneratedImageQuality.Auto;

    private static void Carry(MeaiImageOptions result, string type, GeneratedImageSize? size, GeneratedImageFormat? format, GeneratedImageFileFormat? fileFormat)
    {
        if (size is { } s)
        {
            result.ImageSize = Size(s, type);
        }

        if (format is { } f)
        {
            result.ResponseFormat = f == GeneratedImageFormat.Uri ? MeaiResponseFormat.Uri
                : f == GeneratedImageFormat.Bytes ? MeaiResponseFormat.Data
                : throw Refused(type, "ResponseFormat", $"the value '{f}'");
        }

        if (fileFormat is { } ff)
        {
            result.MediaType = ff == GeneratedImageFileFormat.Png ? "image/png"
                : ff == GeneratedImageFileFormat.Jpeg ? "image/jpeg"
                : ff == GeneratedImageFileFormat.Webp ? "image/webp"
                : throw Refused(type, "OutputFileFormat", $"the value '{ff}'");
        }
    }

    /// <summary>The SDK writes a size as "WxH"; Microsoft.Extensions.AI writes an image size back the same way, so a
    /// size in that form goes on the wire unchanged. "auto" has no counterpart.</summary>
    private static System.Drawing.Size Size(GeneratedImageSize size, string type)
    {
        var text = size.ToString();
        var parts = text.Split('x');
        return parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var width)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var height)
            && new GeneratedImageSize(width, height).ToString() == text
                ? new System.Drawing.Size(width, height)
                : throw Refused(type, "Size", $"the value '{text}' (only a width x height size is carried)");
    }

    private static void Refuse(string type, params (string Member, bool Set)[] members)
    {
        var refused = members.Where(m => m.Set).Select(m => m.Member).ToList();
        if (refused.Count > 0)
        {
            throw Refused(type, string.Join(", ", refused), null);
        }
    }

    private static NotSupportedException Refused(string type, string members, string? value) => new(
        $"The verified OpenAI image client cannot carry {type}.{members}{(value is null ? string.Empty : $" ({value})")}: the request goes through Microsoft.Extensions.AI's ImageGenerationOptions, " +
        "whose counterparts (count, size, response format, output file format) are all the image-generation receipt binds, and a verified call does not send or drop options unbound. " +
        "Remove it (or them), or call the SDK's ImageClient directly and mark the call [AllowUnverifiedAi].");
}
