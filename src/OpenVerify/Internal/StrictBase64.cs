namespace OpenVerify.Internal;

/// <summary>
/// Base64 decoding that accepts the standard and the URL-safe alphabet (not mixed), with or without padding, and
/// refuses everything else: whitespace, stray characters, wrong padding, and non-canonical trailing bits.
/// </summary>
internal static class StrictBase64
{
    public static bool TryDecode(string? text, out byte[] bytes, out string error)
    {
        bytes = [];
        if (text is null)
        {
            error = "the value is missing";
            return false;
        }

        var hasUrlSafe = text.AsSpan().IndexOfAny('-', '_') >= 0;
        var hasStandard = text.AsSpan().IndexOfAny('+', '/') >= 0;
        if (hasUrlSafe && hasStandard)
        {
            error = "it mixes the standard and the URL-safe base64 alphabets";
            return false;
        }

        var body = text.AsSpan().TrimEnd('=');
        var padding = text.Length - body.Length;
        if (padding > 2)
        {
            error = "it has more than two '=' padding characters";
            return false;
        }

        for (var i = 0; i < body.Length; i++)
        {
            var c = body[i];
            var valid = char.IsAsciiLetterOrDigit(c) || (hasUrlSafe ? c is '-' or '_' : c is '+' or '/');
            if (!valid)
            {
                error = c == '=' ? $"it has '=' padding in the middle (position {i})" : $"it has the character '{(char.IsControl(c) || char.IsWhiteSpace(c) ? ' ' : c)}' (code {(int)c}) at position {i}, which is not base64";
                return false;
            }
        }

        if (body.Length % 4 == 1)
        {
            error = "its length is not a valid base64 length";
            return false;
        }

        var needed = (4 - body.Length % 4) % 4;
        if (padding != 0 && padding != needed)
        {
            error = "its '=' padding is wrong for its length";
            return false;
        }

        var normalized = string.Concat(hasUrlSafe ? body.ToString().Replace('-', '+').Replace('_', '/') : body.ToString(), new string('=', needed));
        var buffer = new byte[normalized.Length / 4 * 3];
        if (!Convert.TryFromBase64String(normalized, buffer, out var written))
        {
            error = "it is not valid base64";
            return false;
        }

        bytes = buffer.AsSpan(0, written).ToArray();
        if (!string.Equals(Convert.ToBase64String(bytes), normalized, StringComparison.Ordinal))
        {
            error = "its last character carries bits that are not zero (non-canonical encoding)";
            bytes = [];
            return false;
        }

        error = string.Empty;
        return true;
    }
}
