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
    /// A gate file (trust policy, lockfile, model signature) is malformed: not JSON, a duplicate or unknown property, a
    /// missing or mistyped field. <see cref="Line"/> is the 1-based line of the offending text, or 0 when it has none.
    /// The build reports it as OV2007.
    /// </summary>
    /// <remarks>Its base, <c>SharedExceptionBase</c>, is <c>OpenVerifyException</c> in the runtime and <see cref="Exception"/>
    /// elsewhere (src/Shared/OpenVerify.Shared.props).</remarks>
    public sealed class GateFileFormatException : SharedExceptionBase
    {
        /// <summary>Creates the exception.</summary>
        public GateFileFormatException(string file, int line, string reason)
            : base(Describe(file, line, reason))
        {
            File = file;
            Line = line;
            Reason = reason;
        }

        /// <summary>The file (as the caller named it).</summary>
        public string File { get; }

        /// <summary>The 1-based line, or 0 when unknown.</summary>
        public int Line { get; }

        /// <summary>What is wrong, without the file and line.</summary>
        public string Reason { get; }

        private static string Describe(string file, int line, string reason) =>
            line > 0 ? file + "(" + line.ToString(CultureInfo.InvariantCulture) + "): " + reason : file + ": " + reason;
    }

    /// <summary>The kinds of JSON value.</summary>
    internal enum GateJsonKind
    {
        Object,
        Array,
        String,
        Number,
        True,
        False,
        Null,
    }

    /// <summary>A parsed JSON value with the line it starts on. Objects keep their members in document order.</summary>
    internal sealed class GateJsonValue
    {
        private GateJsonValue(GateJsonKind kind, int line, string? text, List<KeyValuePair<string, GateJsonValue>>? members, List<GateJsonValue>? items)
        {
            Kind = kind;
            Line = line;
            Text = text;
            Members = members;
            Items = items;
        }

        public GateJsonKind Kind { get; }

        public int Line { get; }

        /// <summary>The decoded string, or the number's text.</summary>
        public string? Text { get; }

        public List<KeyValuePair<string, GateJsonValue>>? Members { get; }

        public List<GateJsonValue>? Items { get; }

        internal static GateJsonValue Scalar(GateJsonKind kind, int line, string? text) => new GateJsonValue(kind, line, text, null, null);

        internal static GateJsonValue Object(int line, List<KeyValuePair<string, GateJsonValue>> members) => new GateJsonValue(GateJsonKind.Object, line, null, members, null);

        internal static GateJsonValue Array(int line, List<GateJsonValue> items) => new GateJsonValue(GateJsonKind.Array, line, null, null, items);

        public static string KindName(GateJsonKind kind)
        {
            switch (kind)
            {
                case GateJsonKind.Object: return "an object";
                case GateJsonKind.Array: return "an array";
                case GateJsonKind.String: return "a string";
                case GateJsonKind.Number: return "a number";
                case GateJsonKind.Null: return "null";
                default: return "a boolean";
            }
        }
    }

    /// <summary>
    /// Reads the fields of one JSON object against a fixed schema: every property must be known, required ones must be
    /// present, and every value must have the expected type. Errors name the file and the line.
    /// </summary>
    internal sealed class GateJsonObject
    {
        private readonly Dictionary<string, GateJsonValue> _members = new Dictionary<string, GateJsonValue>(StringComparer.Ordinal);

        public GateJsonObject(string file, GateJsonValue value, string what, params string[] known)
        {
            File = file;
            What = what;
            if (value.Kind != GateJsonKind.Object)
            {
                throw new GateFileFormatException(file, value.Line, what + " must be a JSON object, not " + GateJsonValue.KindName(value.Kind) + ".");
            }

            Line = value.Line;
            foreach (var member in value.Members!)
            {
                if (known != null && known.Length > 0 && System.Array.IndexOf(known, member.Key) < 0)
                {
                    throw new GateFileFormatException(file, member.Value.Line, what + " has the unknown property '" + member.Key + "' (known: " + string.Join(", ", known) + ").");
                }

                _members[member.Key] = member.Value;
            }
        }

        public string File { get; }

        public string What { get; }

        public int Line { get; }

        public bool Has(string name) => _members.ContainsKey(name);

        public GateJsonValue? Get(string name) => _members.TryGetValue(name, out var value) ? value : null;

        public GateJsonValue Require(string name, GateJsonKind kind)
        {
            if (!_members.TryGetValue(name, out var value))
            {
                throw Error(Line, "has no '" + name + "' property; it is required.");
            }

            if (value.Kind != kind)
            {
                throw Error(value.Line, "has '" + name + "' as " + GateJsonValue.KindName(value.Kind) + "; expected " + GateJsonValue.KindName(kind) + ".");
            }

            return value;
        }

        public GateJsonValue? Optional(string name, GateJsonKind kind)
        {
            if (!_members.TryGetValue(name, out var value))
            {
                return null;
            }

            if (value.Kind != kind)
            {
                throw Error(value.Line, "has '" + name + "' as " + GateJsonValue.KindName(value.Kind) + "; expected " + GateJsonValue.KindName(kind) + ".");
            }

            return value;
        }

        public string RequireString(string name) => Require(name, GateJsonKind.String).Text!;

        public string? OptionalString(string name) => Optional(name, GateJsonKind.String)?.Text;

        public bool? OptionalBool(string name)
        {
            if (!_members.TryGetValue(name, out var value))
            {
                return null;
            }

            if (value.Kind != GateJsonKind.True && value.Kind != GateJsonKind.False)
            {
                throw Error(value.Line, "has '" + name + "' as " + GateJsonValue.KindName(value.Kind) + "; expected true or false.");
            }

            return value.Kind == GateJsonKind.True;
        }

        public long RequireInteger(string name, long min, long max)
        {
            var value = Require(name, GateJsonKind.Number);
            if (!long.TryParse(value.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) || number < min || number > max)
            {
                throw Error(value.Line, "has '" + name + "' = " + value.Text + "; expected a whole number from " + min.ToString(CultureInfo.InvariantCulture) + " to " + max.ToString(CultureInfo.InvariantCulture) + ".");
            }

            return number;
        }

        /// <summary>An array of strings (possibly empty), or null when absent.</summary>
        public List<KeyValuePair<int, string>>? OptionalStrings(string name)
        {
            var array = Optional(name, GateJsonKind.Array);
            if (array == null)
            {
                return null;
            }

            var result = new List<KeyValuePair<int, string>>(array.Items!.Count);
            foreach (var item in array.Items)
            {
                if (item.Kind != GateJsonKind.String)
                {
                    throw Error(item.Line, "has an item of '" + name + "' that is " + GateJsonValue.KindName(item.Kind) + "; expected a string.");
                }

                result.Add(new KeyValuePair<int, string>(item.Line, item.Text!));
            }

            return result;
        }

        public GateFileFormatException Error(int line, string message) => new GateFileFormatException(File, line, What + " " + message);
    }

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

    /// <summary>Writes JSON text with stable formatting: two-space indentation, <c>\n</c> line ends, members in the order
    /// they are written, and only the escapes JSON requires (so paths and digests stay readable in a diff).</summary>
    internal sealed class GateJsonWriter
    {
        private readonly StringBuilder _text = new StringBuilder();
        private readonly bool _indented;
        private readonly Stack<bool> _first = new Stack<bool>();
        private bool _afterName;

        public GateJsonWriter(bool indented) => _indented = indented;

        public GateJsonWriter StartObject() => Open('{');

        public GateJsonWriter EndObject() => Close('}');

        public GateJsonWriter StartArray() => Open('[');

        public GateJsonWriter EndArray() => Close(']');

        public GateJsonWriter Name(string name)
        {
            Separate();
            AppendString(name);
            _text.Append(_indented ? ": " : ":");
            _afterName = true;
            return this;
        }

        public GateJsonWriter String(string value)
        {
            Separate();
            AppendString(value);
            return this;
        }

        public GateJsonWriter Number(long value)
        {
            Separate();
            _text.Append(value.ToString(CultureInfo.InvariantCulture));
            return this;
        }

        public GateJsonWriter Bool(bool value)
        {
            Separate();
            _text.Append(value ? "true" : "false");
            return this;
        }

        public GateJsonWriter Property(string name, string value) => Name(name).String(value);

        public GateJsonWriter Property(string name, long value) => Name(name).Number(value);

        public GateJsonWriter Property(string name, bool value) => Name(name).Bool(value);

        public GateJsonWriter Strings(string name, IEnumerable<string> values)
        {
            Name(name).StartArray();
            foreach (var value in values)
            {
                String(value);
            }

            return EndArray();
        }

        /// <summary>The text, ending with a line break when indented.</summary>
        public override string ToString() => _indented ? _text.ToString() + "\n" : _text.ToString();

        private GateJsonWriter Open(char c)
        {
            Separate();
            _text.Append(c);
            _first.Push(true);
            return this;
        }

        private GateJsonWriter Close(char c)
        {
            var empty = _first.Pop();
            if (_indented && !empty)
            {
                NewLine();
            }

            _text.Append(c);
            return this;
        }

        private void Separate()
        {
            if (_afterName)
            {
                _afterName = false;
                return;
            }

            if (_first.Count == 0)
            {
                return;
            }

            if (!_first.Pop())
            {
                _text.Append(',');
            }

            _first.Push(false);
            if (_indented)
            {
                NewLine();
            }
        }

        private void NewLine()
        {
            _text.Append('\n');
            _text.Append(' ', 2 * _first.Count);
        }

        private void AppendString(string value)
        {
            _text.Append('"');
            foreach (var c in value)
            {
                switch (c)
                {
                    case '"': _text.Append("\\\""); break;
                    case '\\': _text.Append("\\\\"); break;
                    case '\n': _text.Append("\\n"); break;
                    case '\r': _text.Append("\\r"); break;
                    case '\t': _text.Append("\\t"); break;
                    default:
                        if (c < 0x20 || c == '\u2028' || c == '\u2029')
                        {
                            _text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                        }
                        else
                        {
                            _text.Append(c);
                        }

                        break;
                }
            }

            _text.Append('"');
        }
    }
}
