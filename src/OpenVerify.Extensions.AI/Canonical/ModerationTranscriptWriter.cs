using System.Text.Json;
using System.Text.Json.Nodes;

namespace OpenVerify.Extensions.AI.Canonical;

/// <summary>
/// The transcript form of the <c>moderation</c> operation (docs/spec/chat-v1.md §9): the model and the texts sent, and
/// the provider's answer as its wire JSON said it — per input, the flagged flag, the category flags and scores (and the
/// input kinds each category was applied to), under the category names the wire uses. The response is read from the
/// HTTP body, not from the SDK's typed result, so that what is signed is what was received.
/// </summary>
internal static class ModerationTranscriptWriter
{
    public const string Moderation = "moderation";

    /// <summary><c>ClassifyText</c>: one result per input text.</summary>
    public const string TextInputs = "text";

    /// <summary><c>ClassifyInputs</c>: the parts are one input, with one result.</summary>
    public const string PartInputs = "parts";

    public static JsonObject Request(string model, string inputKind, IReadOnlyList<string> inputs) => new()
    {
        ["model"] = model,
        ["inputKind"] = inputKind,
        ["inputs"] = new JsonArray([.. inputs.Select(i => (JsonNode)JsonValue.Create(i))]),
    };

    /// <summary>The response's bound form, from the body the provider returned.</summary>
    /// <param name="body">The HTTP response body.</param>
    /// <param name="expectedResults">The number of results the request asks for (one per text, one for parts), when known:
    /// a body with another number is refused here rather than signed into a receipt every verifier refuses (§9.2).</param>
    /// <exception cref="InvalidOperationException">The body is not a moderation response that can be bound.</exception>
    public static JsonObject Response(ReadOnlySpan<byte> body, int? expectedResults = null)
    {
        JsonNode? wire;
        try
        {
            wire = JsonNode.Parse(body, documentOptions: new JsonDocumentOptions { AllowDuplicateProperties = false });
        }
        catch (JsonException e)
        {
            throw Unbindable($"its body is not JSON ({e.Message})");
        }

        if (wire is not JsonObject root || root["results"] is not JsonArray results)
        {
            throw Unbindable("its body has no 'results' array");
        }

        if (expectedResults is { } expected && results.Count != expected)
        {
            throw Unbindable($"its body has {results.Count} results for {expected} (one per input text, one for all parts)");
        }

        var node = new JsonObject();
        if (root["id"] is JsonValue id && id.GetValueKind() == JsonValueKind.String)
        {
            node["id"] = id.DeepClone();
        }

        if (root["model"] is JsonValue model && model.GetValueKind() == JsonValueKind.String)
        {
            node["model"] = model.DeepClone();
        }

        var bound = new JsonArray();
        for (var i = 0; i < results.Count; i++)
        {
            if (results[i] is not JsonObject result
                || result["flagged"] is not JsonValue flagged || flagged.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False)
                || result["categories"] is not JsonObject categories
                || result["category_scores"] is not JsonObject scores)
            {
                throw Unbindable($"results[{i}] lacks 'flagged', 'categories' or 'category_scores'");
            }

            var item = new JsonObject
            {
                ["flagged"] = flagged.DeepClone(),
                ["categories"] = categories.DeepClone(),
                ["categoryScores"] = scores.DeepClone(),
            };
            if (result["category_applied_input_types"] is JsonObject applied)
            {
                item["categoryAppliedInputTypes"] = applied.DeepClone();
            }

            bound.Add(item);
        }

        node["results"] = bound;
        return node;
    }

    private static InvalidOperationException Unbindable(string why) =>
        new($"The moderation response cannot be bound into a receipt: {why}. No receipt was signed and no result is returned unverified.");
}
