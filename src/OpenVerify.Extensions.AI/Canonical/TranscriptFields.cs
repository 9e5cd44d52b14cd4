using System.Text.Json;

namespace OpenVerify.Extensions.AI.Canonical;

/// <summary>
/// The field digests of a transcript (docs/spec/chat-v1.md §3.3): objects and arrays are split into their members and
/// items down to a depth of three path segments (so <c>/request/options/temperature</c> and
/// <c>/request/messages/2</c> are fields; a message is hashed whole); an empty object or array at a split point is a
/// field of its own. Members come in canonical (UTF-16) order, items in array order.
/// </summary>
internal static class TranscriptFields
{
    /// <summary>The path depth at which values are hashed whole.</summary>
    public const int Depth = 3;

    private static readonly byte[] Domain = "OpenVerify/chat-field/v1\0"u8.ToArray();

    /// <summary>The fields of canonical transcript bytes, in order.</summary>
    public static List<TranscriptField> Compute(byte[] canonicalTranscript)
    {
        using var document = JsonDocument.Parse(canonicalTranscript, JsonCanonicalizer.ReadOptions);
        var fields = new List<TranscriptField>();
        Walk(document.RootElement, string.Empty, 0, fields);
        return fields;
    }

    private static void Walk(JsonElement element, string path, int depth, List<TranscriptField> fields)
    {
        if (depth < Depth && element.ValueKind == JsonValueKind.Object && element.EnumerateObject().Any())
        {
            var members = element.EnumerateObject().ToList();
            members.Sort(static (a, b) => string.CompareOrdinal(a.Name, b.Name));
            foreach (var member in members)
            {
                Walk(member.Value, path + "/" + Escape(member.Name), depth + 1, fields);
            }

            return;
        }

        if (depth < Depth && element.ValueKind == JsonValueKind.Array && element.GetArrayLength() > 0)
        {
            var i = 0;
            foreach (var item in element.EnumerateArray())
            {
                Walk(item, path + "/" + i++, depth + 1, fields);
            }

            return;
        }

        fields.Add(new TranscriptField { Path = path, Sha256 = Digest(path, JsonCanonicalizer.Canonicalize(element)).ToHex() });
    }

    /// <summary>SHA-256 of <c>"OpenVerify/chat-field/v1\0"</c> ‖ UTF-8 path ‖ <c>0x00</c> ‖ canonical value.</summary>
    public static Sha256Digest Digest(string path, byte[] canonicalValue) => DomainDigest.Compute(Domain, path, canonicalValue);

    /// <summary>RFC 6901: '~' as "~0", '/' as "~1".</summary>
    private static string Escape(string name) => name.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);
}
