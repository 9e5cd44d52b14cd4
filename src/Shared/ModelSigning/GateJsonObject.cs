// This file is compiled into both the runtime (net10.0) and the MSBuild task (netstandard2.0, BCL only). It uses only
// APIs that netstandard2.0 has.
using System;
using System.Collections.Generic;
using System.Globalization;

#pragma warning disable CA1510 // ArgumentNullException.ThrowIfNull is not in netstandard2.0, which this file also builds for.
#pragma warning disable CA1846, CA1870, CA2249 // span overloads, SearchValues and string.Contains(char) are not in netstandard2.0.

namespace OpenVerify.ModelSigning
{
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
}
