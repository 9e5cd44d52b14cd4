// This file is compiled into both the runtime (net10.0) and the MSBuild task (netstandard2.0, BCL only): System.Text.Json
// is not part of netstandard2.0, so the gate files (trust policy, lockfile, model signature bundles) are read with this
// small hand-written reader. It uses only APIs that netstandard2.0 has.
using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

#pragma warning disable CA1510 // ArgumentNullException.ThrowIfNull is not in netstandard2.0, which this file also builds for.
#pragma warning disable CA1846, CA1870, CA2249 // span overloads, SearchValues and string.Contains(char) are not in netstandard2.0.

namespace OpenVerify.ModelSigning
{
    /// <summary>
    /// A strict JSON reader (RFC 8259): refuses duplicate property names, trailing content, comments, trailing commas,
    /// leading zeros, unescaped control characters, invalid escapes and lone surrogates; nests at most 64 deep.
    /// </summary>
    internal sealed class GateJson
    {
        private const int MaxDepth = 64;
        private readonly string _text;
        private readonly string _file;
        private int _pos;
        private int _line = 1;
        private int _lineStart;

        private GateJson(string text, string file)
        {
            _text = text;
            _file = file;
        }

        /// <summary>Parses a whole document.</summary>
        /// <exception cref="GateFileFormatException">The text is not one strict JSON value.</exception>
        public static GateJsonValue Parse(string text, string file)
        {
            if (text == null) throw new ArgumentNullException(nameof(text));
            var reader = new GateJson(text, file);
            if (text.Length > 0 && text[0] == '\uFEFF')
            {
                reader._pos = 1;
            }

            reader.SkipWhitespace();
            var value = reader.ReadValue(0);
            reader.SkipWhitespace();
            if (reader._pos < text.Length)
            {
                throw reader.Error("there is more text after the JSON value");
            }

            return value;
        }

        /// <summary>Decodes UTF-8 strictly (invalid bytes are refused, never replaced).</summary>
        public static string DecodeUtf8(byte[] bytes, string file)
        {
            try
            {
                return new UTF8Encoding(false, true).GetString(bytes);
            }
            catch (DecoderFallbackException)
            {
                throw new GateFileFormatException(file, 0, "the file is not valid UTF-8.");
            }
        }

        private GateFileFormatException Error(string message) =>
            new GateFileFormatException(_file, _line, message + " (column " + (_pos - _lineStart + 1).ToString(CultureInfo.InvariantCulture) + ").");

        private void SkipWhitespace()
        {
            while (_pos < _text.Length)
            {
                var c = _text[_pos];
                if (c == '\n')
                {
                    _line++;
                    _lineStart = _pos + 1;
                }
                else if (c != ' ' && c != '\t' && c != '\r')
                {
                    return;
                }

                _pos++;
            }
        }

        private GateJsonValue ReadValue(int depth)
        {
            if (_pos >= _text.Length)
            {
                throw Error("the JSON ends where a value was expected");
            }

            var line = _line;
            var c = _text[_pos];
            switch (c)
            {
                case '{':
                    return ReadObject(depth + 1);
                case '[':
                    return ReadArray(depth + 1);
                case '"':
                    return GateJsonValue.Scalar(GateJsonKind.String, line, ReadString());
                case 't':
                    ReadLiteral("true");
                    return GateJsonValue.Scalar(GateJsonKind.True, line, null);
                case 'f':
                    ReadLiteral("false");
                    return GateJsonValue.Scalar(GateJsonKind.False, line, null);
                case 'n':
                    ReadLiteral("null");
                    return GateJsonValue.Scalar(GateJsonKind.Null, line, null);
                default:
                    if (c == '-' || (c >= '0' && c <= '9'))
                    {
                        return GateJsonValue.Scalar(GateJsonKind.Number, line, ReadNumber());
                    }

                    throw Error("unexpected character '" + Printable(c) + "'");
            }
        }

        private GateJsonValue ReadObject(int depth)
        {
            if (depth > MaxDepth)
            {
                throw Error("the JSON nests deeper than " + MaxDepth.ToString(CultureInfo.InvariantCulture) + " levels");
            }

            var line = _line;
            _pos++;
            var members = new List<KeyValuePair<string, GateJsonValue>>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            SkipWhitespace();
            if (Peek() == '}')
            {
                _pos++;
                return GateJsonValue.Object(line, members);
            }

            while (true)
            {
                SkipWhitespace();
                if (Peek() != '"')
                {
                    throw Error("expected a property name in double quotes");
                }

                var nameLine = _line;
                var name = ReadString();
                if (!seen.Add(name))
                {
                    throw new GateFileFormatException(_file, nameLine, "the property '" + name + "' appears twice in one object; duplicate property names are refused.");
                }

                SkipWhitespace();
                Expect(':');
                SkipWhitespace();
                members.Add(new KeyValuePair<string, GateJsonValue>(name, ReadValue(depth)));
                SkipWhitespace();
                var c = Peek();
                _pos++;
                if (c == '}')
                {
                    return GateJsonValue.Object(line, members);
                }

                if (c != ',')
                {
                    _pos--;
                    throw Error("expected ',' or '}' in an object");
                }
            }
        }

        private GateJsonValue ReadArray(int depth)
        {
            if (depth > MaxDepth)
            {
                throw Error("the JSON nests deeper than " + MaxDepth.ToString(CultureInfo.InvariantCulture) + " levels");
            }

            var line = _line;
            _pos++;
            var items = new List<GateJsonValue>();
            SkipWhitespace();
            if (Peek() == ']')
            {
                _pos++;
                return GateJsonValue.Array(line, items);
            }

            while (true)
            {
                SkipWhitespace();
                items.Add(ReadValue(depth));
                SkipWhitespace();
                var c = Peek();
                _pos++;
                if (c == ']')
                {
                    return GateJsonValue.Array(line, items);
                }

                if (c != ',')
                {
                    _pos--;
                    throw Error("expected ',' or ']' in an array");
                }
            }
        }

        private char Peek() => _pos < _text.Length ? _text[_pos] : '\0';

        private void Expect(char c)
        {
            if (Peek() != c)
            {
                throw Error("expected '" + c + "'");
            }

            _pos++;
        }

        private void ReadLiteral(string literal)
        {
            if (string.CompareOrdinal(_text, _pos, literal, 0, literal.Length) != 0)
            {
                throw Error("unexpected text; expected '" + literal + "'");
            }

            _pos += literal.Length;
        }

        private string ReadNumber()
        {
            var start = _pos;
            if (Peek() == '-') _pos++;
            if (Peek() == '0')
            {
                _pos++;
                if (IsDigit(Peek()))
                {
                    throw Error("a number has a leading zero");
                }
            }
            else if (!ReadDigits())
            {
                throw Error("a number has no digits");
            }

            if (Peek() == '.')
            {
                _pos++;
                if (!ReadDigits()) throw Error("a number has no digits after '.'");
            }

            if (Peek() == 'e' || Peek() == 'E')
            {
                _pos++;
                if (Peek() == '+' || Peek() == '-') _pos++;
                if (!ReadDigits()) throw Error("a number has no digits in its exponent");
            }

            return _text.Substring(start, _pos - start);
        }

        private bool ReadDigits()
        {
            var start = _pos;
            while (IsDigit(Peek())) _pos++;
            return _pos > start;
        }

        private static bool IsDigit(char c) => c >= '0' && c <= '9';

        private string ReadString()
        {
            _pos++;
            var builder = new StringBuilder();
            while (true)
            {
                if (_pos >= _text.Length)
                {
                    throw Error("a string is not closed");
                }

                var c = _text[_pos++];
                if (c == '"')
                {
                    break;
                }

                if (c < 0x20)
                {
                    _pos--;
                    throw Error("a string holds an unescaped control character (code " + ((int)c).ToString(CultureInfo.InvariantCulture) + ")");
                }

                if (c != '\\')
                {
                    builder.Append(c);
                    continue;
                }

                var e = Peek();
                _pos++;
                switch (e)
                {
                    case '"': builder.Append('"'); break;
                    case '\\': builder.Append('\\'); break;
                    case '/': builder.Append('/'); break;
                    case 'b': builder.Append('\b'); break;
                    case 'f': builder.Append('\f'); break;
                    case 'n': builder.Append('\n'); break;
                    case 'r': builder.Append('\r'); break;
                    case 't': builder.Append('\t'); break;
                    case 'u':
                        if (_pos + 4 > _text.Length || !int.TryParse(_text.Substring(_pos, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
                        {
                            throw Error("a \\u escape needs four hex digits");
                        }

                        _pos += 4;
                        builder.Append((char)code);
                        break;
                    default:
                        _pos--;
                        throw Error("a string has the invalid escape '\\" + Printable(e) + "'");
                }
            }

            var text = builder.ToString();
            for (var i = 0; i < text.Length; i++)
            {
                if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                {
                    i++;
                }
                else if (char.IsSurrogate(text[i]))
                {
                    throw Error("a string holds a lone surrogate (invalid Unicode)");
                }
            }

            return text;
        }

        private static string Printable(char c) => char.IsControl(c) || char.IsWhiteSpace(c) ? "U+" + ((int)c).ToString("X4", CultureInfo.InvariantCulture) : c.ToString();
    }
}
