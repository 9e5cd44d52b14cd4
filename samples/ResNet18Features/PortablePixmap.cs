using System.Globalization;
using System.Text;

namespace OpenVerify.Samples.ResNet18;

/// <summary>An 8-bit RGB image read from a binary PPM (P6) file: a format small enough to read without a library.</summary>
internal sealed record PortablePixmap(int Width, int Height, byte[] Rgb)
{
    /// <summary>The largest width or height accepted: enough for any photo, small enough that the pixel buffer of an
    /// image (untrusted input, in the service sample) stays bounded.</summary>
    public const int MaxSide = 8192;

    public static PortablePixmap Read(string path) => Parse(File.ReadAllBytes(path), $"'{path}'");

    /// <summary>Reads a P6 image from bytes; <paramref name="source"/> names them in errors. Malformed input is an
    /// <see cref="InvalidDataException"/> that says what is wrong.</summary>
    public static PortablePixmap Parse(byte[] bytes, string source)
    {
        var position = 0;
        string Token()
        {
            while (true)
            {
                while (position < bytes.Length && char.IsWhiteSpace((char)bytes[position]))
                {
                    position++;
                }

                if (position < bytes.Length && bytes[position] == '#')
                {
                    while (position < bytes.Length && bytes[position] != '\n')
                    {
                        position++;
                    }

                    continue;
                }

                var start = position;
                while (position < bytes.Length && position - start < 16 && !char.IsWhiteSpace((char)bytes[position]))
                {
                    position++;
                }

                return Encoding.ASCII.GetString(bytes, start, position - start);
            }
        }

        int Side(string what)
        {
            var token = Token();
            return int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var side) && side is > 0 and <= MaxSide
                ? side
                : throw new InvalidDataException($"{source} has a bad {what} '{token}' (1 to {MaxSide}).");
        }

        if (Token() != "P6")
        {
            throw new InvalidDataException($"{source} is not a binary PPM (P6) image.");
        }

        var width = Side("width");
        var height = Side("height");
        if (Token() != "255")
        {
            throw new InvalidDataException($"{source} must use 8-bit samples (maxval 255).");
        }

        position++;
        var length = (long)width * height * 3;
        if (bytes.Length - position < length)
        {
            throw new InvalidDataException($"{source} is truncated: {width}x{height} needs {length} bytes of pixels.");
        }

        return new PortablePixmap(width, height, bytes.AsSpan(position, (int)length).ToArray());
    }
}

internal static class ImagePreprocessing
{
    private static readonly float[] Mean = [0.485f, 0.456f, 0.406f];
    private static readonly float[] StdDev = [0.229f, 0.224f, 0.225f];

    /// <summary>Bilinear resize to width x height, then ImageNet normalization, channels first (CHW).</summary>
    public static float[] ToNormalizedChw(PortablePixmap image, int width, int height)
    {
        var result = new float[3 * width * height];
        for (var y = 0; y < height; y++)
        {
            var sy = Math.Max(0, (y + 0.5f) * image.Height / height - 0.5f);
            int y0 = Math.Min((int)sy, image.Height - 1), y1 = Math.Min(y0 + 1, image.Height - 1);
            var fy = sy - y0;
            for (var x = 0; x < width; x++)
            {
                var sx = Math.Max(0, (x + 0.5f) * image.Width / width - 0.5f);
                int x0 = Math.Min((int)sx, image.Width - 1), x1 = Math.Min(x0 + 1, image.Width - 1);
                var fx = sx - x0;
                for (var c = 0; c < 3; c++)
                {
                    float At(int px, int py) => image.Rgb[(py * image.Width + px) * 3 + c] / 255f;
                    var top = At(x0, y0) * (1 - fx) + At(x1, y0) * fx;
                    var bottom = At(x0, y1) * (1 - fx) + At(x1, y1) * fx;
                    var value = top * (1 - fy) + bottom * fy;
                    result[c * width * height + y * width + x] = (value - Mean[c]) / StdDev[c];
                }
            }
        }

        return result;
    }
}
