using System.Text.Json;
using OpenVerify.Extensions.AI.Canonical;

namespace OpenVerify.Extensions.AI;

/// <summary>
/// What a moderation transcript must hold (docs/spec/chat-v1.md §9.2) once its digest matched: the model and input texts
/// sent, and one result per input (one for all parts) with its flagged flag, category flags and scores. A receipt a
/// faulty signer wrote without them binds no verdict, and is refused with the place it went wrong.
/// </summary>
internal static class ModerationTranscriptRules
{
    /// <summary>Null when the transcript is a well-formed moderation transcript, else what is wrong and where.</summary>
    public static string? Check(JsonElement root)
    {
        if (Member(root, "request", JsonValueKind.Object) is not { } request || Member(root, "response", JsonValueKind.Object) is not { } response)
        {
            return "The transcript has no request or response object.";
        }

        if (Member(request, "model", JsonValueKind.String) is not { } model || model.GetString()!.Length == 0)
        {
            return "/request/model is missing: a moderation transcript binds the model asked for.";
        }

        var kind = Member(request, "inputKind", JsonValueKind.String)?.GetString();
        if (kind is not (ModerationTranscriptWriter.TextInputs or ModerationTranscriptWriter.PartInputs))
        {
            return "/request/inputKind must be \"text\" or \"parts\".";
        }

        if (Member(request, "inputs", JsonValueKind.Array) is not { } inputs || inputs.GetArrayLength() == 0
            || inputs.EnumerateArray().Any(i => i.ValueKind != JsonValueKind.String))
        {
            return "/request/inputs is missing, empty or holds something other than text: a moderation transcript binds the texts sent.";
        }

        if (Member(response, "results", JsonValueKind.Array) is not { } results)
        {
            return "/response/results is missing or not an array.";
        }

        var expected = kind == ModerationTranscriptWriter.TextInputs ? inputs.GetArrayLength() : 1;
        if (results.GetArrayLength() != expected)
        {
            return $"/response/results has {results.GetArrayLength()} results for {expected} (one per input text, one for all parts).";
        }

        var i = 0;
        foreach (var result in results.EnumerateArray())
        {
            var where = $"/response/results/{i++}";
            if (result.ValueKind != JsonValueKind.Object || !result.TryGetProperty("flagged", out var flagged) || flagged.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            {
                return $"{where}/flagged is missing or not a boolean.";
            }

            if (Member(result, "categories", JsonValueKind.Object) is not { } categories || categories.EnumerateObject().Any(c => c.Value.ValueKind is not (JsonValueKind.True or JsonValueKind.False)))
            {
                return $"{where}/categories is missing or holds a flag that is not a boolean.";
            }

            if (Member(result, "categoryScores", JsonValueKind.Object) is not { } scores || scores.EnumerateObject().Any(c => c.Value.ValueKind != JsonValueKind.Number))
            {
                return $"{where}/categoryScores is missing or holds a score that is not a number.";
            }
        }

        return null;
    }

    private static JsonElement? Member(JsonElement parent, string name, JsonValueKind kind) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var value) && value.ValueKind == kind ? value : null;
}
