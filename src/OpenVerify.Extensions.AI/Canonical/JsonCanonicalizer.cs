using System.Globalization;
using System.Text;
using System.Text.Json;

namespace OpenVerify.Extensions.AI.Canonical;

/// <summary>
/// RFC 8785 JSON Canonicalization Scheme (JCS): members sorted by their names' UTF-16 code units, no whitespace,
/// strings escaped as ECMAScript's <c>JSON.stringify</c> does, numbers written as ECMAScript's
/// <c>Number.prototype.toString</c> writes an IEEE 754 double. Written here, with a versioned schema on top
/// (docs/spec/chat-v1.md), because a hash must not change when a serializer's defaults do.
/// </summary>
internal static class JsonCanonicalizer
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Options for reading a document to canonicalize: duplicate member names are refused.</summary>
    public static readonly JsonDocumentOptions ReadOptions = new() { AllowDuplicateProperties = false, MaxDepth = 64 };

    /// <summary>The canonical UTF-8 bytes of <paramref name="element"/>.</summary>
    /// <exception cref="ChatTranscriptException">A number is not finite or a string holds a lone surrogate.</exception>
    public static byte[] Canonicalize(JsonElement element)
    {
        var text = new StringBuilder();
        Write(element, text);
        try
        {
            return StrictUtf8.GetBytes(text.ToString());
        }
        catch (EncoderFallbackException e)
        {
            throw new ChatTranscriptException("A string holds a lone UTF-16 surrogate, which has no UTF-8 form; canonical JSON refuses it.", e);
        }
    }

    /// <summary>Parses UTF-8 JSON (duplicate names refused) and returns its canonical bytes.</summary>
    /// <exception cref="ChatTranscriptException">The bytes are not JSON, or not canonicalizable.</exception>
    public static byte[] Canonicalize(ReadOnlyMemory<byte> utf8Json)
    {
        // System.Text.Json checks UTF-8 only when a string is read, and reading a member name while sorting would fail
        // inside the sort with an InvalidOperationException: refuse invalid UTF-8 before parsing.
        if (!System.Text.Unicode.Utf8.IsValid(utf8Json.Span))
        {
            throw new ChatTranscriptException("Not valid JSON: the bytes are not valid UTF-8.");
        }

        try
        {
            using var document = JsonDocument.Parse(utf8Json, ReadOptions);
            return Canonicalize(document.RootElement);
        }
        catch (JsonException e)
        {
            throw new ChatTranscriptException($"Not valid JSON: {e.Message}", e);
        }
        catch (InvalidOperationException e)
        {
            // System.Text.Json reads escapes lazily: an escaped lone surrogate (\uDEFA) in a member name or string is
            // found only when it is read (by the duplicate-name check, or while sorting), and surfaces as this.
            throw new ChatTranscriptException($"Not valid JSON: {(e.InnerException ?? e).Message}", e);
        }
    }

    private static void Write(JsonElement element, StringBuilder text)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var members = new List<JsonProperty>();
                foreach (var member in element.EnumerateObject())
                {
                    members.Add(member);
                }

                // UTF-16 code unit order, as RFC 8785 §3.2.3 sorts.
                members.Sort(static (a, b) => string.CompareOrdinal(a.Name, b.Name));
                text.Append('{');
                for (var i = 0; i < members.Count; i++)
                {
                    if (i > 0)
                    {
                        text.Append(',');
                    }

                    WriteString(members[i].Name, text);
                    text.Append(':');
                    Write(members[i].Value, text);
                }

                text.Append('}');
                break;
            case JsonValueKind.Array:
                text.Append('[');
                var first = true;
                foreach (var item in element.EnumerateArray())
                {
                    if (!first)
                    {
                        text.Append(',');
                    }

                    first = false;
                    Write(item, text);
                }

                text.Append(']');
                break;
            case JsonValueKind.String:
                WriteString(element.GetString()!, text);
                break;
            case JsonValueKind.Number:
                if (!element.TryGetDouble(out var number) || !double.IsFinite(number))
                {
                    throw new ChatTranscriptException($"The number {element.GetRawText()} is not a finite IEEE 754 double; canonical JSON cannot write it.");
                }

                text.Append(FormatNumber(number));
                break;
            case JsonValueKind.True:
                text.Append("true");
                break;
            case JsonValueKind.False:
                text.Append("false");
                break;
            case JsonValueKind.Null:
                text.Append("null");
                break;
            default:
                throw new ChatTranscriptException($"Unexpected JSON value kind {element.ValueKind}.");
        }
    }

    /// <summary>A string as RFC 8785 §3.2.2.2 writes it.</summary>
    internal static void WriteString(string value, StringBuilder text)
    {
        text.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': text.Append("\\\""); break;
                case '\\': text.Append("\\\\"); break;
                case '\b': text.Append("\\b"); break;
                case '\f': text.Append("\\f"); break;
                case '\n': text.Append("\\n"); break;
                case '\r': text.Append("\\r"); break;
                case '\t': text.Append("\\t"); break;
                default:
                    if (c < 0x20)
                    {
                        text.Append("\\u00").Append(((int)c).ToString("x2", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        text.Append(c);
                    }

                    break;
            }
        }

        text.Append('"');
    }

    /// <summary>
    /// ECMAScript's Number::toString for a finite double (ECMA-262 §6.1.6.1.20), on the shortest round-trip digits that
    /// .NET's "R" format gives: integers up to 21 digits in full, small magnitudes as 0.000ddd down to 1e-6, exponent
    /// form (<c>1e+21</c>, <c>1.5e-7</c>) beyond.
    /// </summary>
    internal static string FormatNumber(double value)
    {
        if (!double.IsFinite(value))
        {
            throw new ChatTranscriptException("NaN and infinities have no JSON form.");
        }

        if (value == 0)
        {
            return "0"; // -0 too
        }

        var sign = value < 0 ? "-" : string.Empty;
        var shortest = Math.Abs(value).ToString("R", CultureInfo.InvariantCulture);
        var e = shortest.IndexOf('E', StringComparison.Ordinal);
        var mantissa = e < 0 ? shortest : shortest[..e];
        var exponent = e < 0 ? 0 : int.Parse(shortest.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var dot = mantissa.IndexOf('.', StringComparison.Ordinal);
        var digits = dot < 0 ? mantissa : mantissa.Remove(dot, 1);
        var integerLength = dot < 0 ? mantissa.Length : dot;
        var leadingZeros = 0;
        while (leadingZeros < digits.Length - 1 && digits[leadingZeros] == '0')
        {
            leadingZeros++;
        }

        digits = digits[leadingZeros..].TrimEnd('0');
        var k = digits.Length;
        var n = integerLength + exponent - leadingZeros; // value = 0.digits × 10^n
        if (k <= n && n <= 21)
        {
            return sign + digits + new string('0', n - k);
        }

        if (0 < n && n <= 21)
        {
            return sign + digits[..n] + "." + digits[n..];
        }

        if (-6 < n && n <= 0)
        {
            return sign + "0." + new string('0', -n) + digits;
        }

        var exp = n - 1;
        var expText = (exp > 0 ? "+" : "-") + Math.Abs(exp).ToString(CultureInfo.InvariantCulture);
        return k == 1 ? sign + digits + "e" + expText : sign + digits[0] + "." + digits[1..] + "e" + expText;
    }
}
