// Compiled into the analyzers (which read the manifest) and the MSBuild task (which writes it), so both agree on one
// text format. netstandard2.0 and BCL only. The format is documented in docs/spec/model-manifest.md.
using System;
using System.Collections.Generic;
using System.Text;

namespace OpenVerify.Manifest
{
    /// <summary>The text conventions of the line-based model manifest (<c>openverify.models.txt</c>).</summary>
    internal static class ManifestText
    {
        /// <summary>The manifest's file name; the analyzers recognise the AdditionalFile by it.</summary>
        public const string FileName = "openverify.models.txt";

        /// <summary>The first line of every manifest.</summary>
        public const string Header = "# openverify-model-manifest v1";

        /// <summary>The field separator of a <c>model</c> line.</summary>
        public const char FieldSeparator = '\t';

        /// <summary>The first field of a model line.</summary>
        public const string ModelKeyword = "model";

        /// <summary>
        /// Escapes free text (paths, tensor and dimension names, producer) so that it never contains a separator of the
        /// format: <c>%</c>, control characters (tab and line breaks among them) and <c>; , [ ] : = ? *</c> become
        /// <c>%XX</c> (uppercase hex of the ASCII code). Every other character is kept as is.
        /// </summary>
        public static string Escape(string text)
        {
            if (text == null) throw new ArgumentNullException(nameof(text));
            StringBuilder? builder = null;
            for (var i = 0; i < text.Length; i++)
            {
                var c = text[i];
                if (NeedsEscape(c))
                {
                    if (builder == null)
                    {
                        builder = new StringBuilder(text.Length + 8);
                        builder.Append(text, 0, i);
                    }

                    builder.Append('%').Append(((int)c).ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
                }
                else
                {
                    builder?.Append(c);
                }
            }

            return builder?.ToString() ?? text;
        }

        /// <summary>Reverses <see cref="Escape"/>. Returns null when an escape is malformed.</summary>
        public static string? Unescape(string text)
        {
            if (text.IndexOf('%') < 0)
            {
                return text;
            }

            var builder = new StringBuilder(text.Length);
            for (var i = 0; i < text.Length; i++)
            {
                var c = text[i];
                if (c != '%')
                {
                    builder.Append(c);
                    continue;
                }

                if (i + 2 >= text.Length || !TryHex(text[i + 1], out var high) || !TryHex(text[i + 2], out var low) || high > 7)
                {
                    return null;
                }

                builder.Append((char)((high << 4) | low));
                i += 2;
            }

            return builder.ToString();
        }

        /// <summary>The fields of a <c>model</c> line, key to raw (still escaped) value, or null for any other line
        /// (blank, a comment, a keyword this version does not know). A field without <c>=</c> or with an empty key is
        /// skipped; a repeated key keeps its last value. The one reader of the line format: the analyzers and the CLI
        /// both read the manifest through it.</summary>
        public static Dictionary<string, string>? ReadModelLine(string line)
        {
            var fields = line.TrimEnd('\r').Split(FieldSeparator);
            if (fields.Length == 0 || fields[0] != ModelKeyword)
            {
                return null;
            }

            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 1; i < fields.Length; i++)
            {
                var equals = fields[i].IndexOf('=');
                if (equals > 0)
                {
                    values[fields[i].Substring(0, equals)] = fields[i].Substring(equals + 1);
                }
            }

            return values;
        }

        private static bool NeedsEscape(char c) =>
            c < 0x20 || c == 0x7F || c == '%' || c == ';' || c == ',' || c == '[' || c == ']' || c == ':' || c == '=' ||
            c == '?' || c == '*';

        private static bool TryHex(char c, out int value)
        {
            if (c >= '0' && c <= '9') value = c - '0';
            else if (c >= 'A' && c <= 'F') value = c - 'A' + 10;
            else if (c >= 'a' && c <= 'f') value = c - 'a' + 10;
            else value = -1;
            return value >= 0;
        }
    }
}
