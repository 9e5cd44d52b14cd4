// This file is compiled into both the runtime (net10.0) and the MSBuild task (netstandard2.0, BCL only). It uses only
// APIs that netstandard2.0 has.
using System.Collections.Generic;

namespace OpenVerify.ModelSigning
{
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
}
