// This file is compiled into both the runtime (net10.0) and the MSBuild task (netstandard2.0, BCL only). It uses only
// APIs that netstandard2.0 has.
using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

#pragma warning disable CA1510 // ArgumentNullException.ThrowIfNull is not in netstandard2.0, which this file also builds for.
#pragma warning disable CA1846, CA1870, CA2249 // span overloads, SearchValues and string.Contains(char) are not in netstandard2.0.

namespace OpenVerify.ModelSigning
{
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
