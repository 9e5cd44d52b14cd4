using System.Text.Json;
using OpenVerify.Extensions.AI.Canonical;

namespace OpenVerify.Extensions.AI;

/// <summary>
/// What a media transcript must hold (docs/spec/chat-v1.md §8.4) once its digest matched: the members its operation
/// binds, and every media reference well formed, so that a receipt a signer wrote without a digest, with a length that
/// is not a byte count, or with the media inline is refused with the place it went wrong, not accepted as binding
/// nothing.
/// </summary>
internal static class MediaTranscriptRules
{
    /// <summary>Null when the transcript is well formed for its operation, else what is wrong and where.</summary>
    public static string? Check(JsonElement root, string operation)
    {
        if (operation is "chat" or "embeddings")
        {
            return null;
        }

        if (operation == ModerationTranscriptWriter.Moderation)
        {
            return ModerationTranscriptRules.Check(root);
        }

        if (Member(root, "request", JsonValueKind.Object) is not { } request || Member(root, "response", JsonValueKind.Object) is not { } response)
        {
            return "The transcript has no request or response object.";
        }

        var problem = operation switch
        {
            MediaTranscriptWriter.SpeechToText => Member(request, "audio", JsonValueKind.Object) is { } audio ? Media(audio, "/request/audio") : "/request/audio is missing: a speech-to-text transcript binds the audio sent.",
            MediaTranscriptWriter.TextToSpeech => Member(request, "text", JsonValueKind.String) is null ? "/request/text is missing: a text-to-speech transcript binds the text sent." : null,
            _ => Member(request, "prompt", JsonValueKind.String) is null && Member(request, "originalImages", JsonValueKind.Array) is null ? "/request/prompt is missing: an image-generation transcript binds the prompt sent." : Contents(request, "originalImages", "/request/originalImages", required: false),
        };
        return problem
            ?? (Member(request, "options", JsonValueKind.Object) is null ? "/request/options is missing (an empty object when no option was set)." : null)
            ?? Contents(response, "contents", "/response/contents", required: true);
    }

    private static string? Contents(JsonElement parent, string name, string path, bool required)
    {
        if (Member(parent, name, JsonValueKind.Array) is not { } array)
        {
            return required ? $"{path} is missing or not an array." : null;
        }

        var i = 0;
        foreach (var item in array.EnumerateArray())
        {
            var where = $"{path}/{i++}";
            if (item.ValueKind != JsonValueKind.Object || Member(item, "type", JsonValueKind.String) is not { } type)
            {
                return $"{where} is not a content object with a type.";
            }

            if (type.GetString() == "data" && Media(item, where) is { } problem)
            {
                return problem;
            }
        }

        return null;
    }

    /// <summary>A media reference: <c>{"type":"data","mediaType","sha256","length","name"?}</c> and nothing else.</summary>
    private static string? Media(JsonElement media, string path)
    {
        if (Member(media, "type", JsonValueKind.String)?.GetString() != "data")
        {
            return $"{path}/type must be \"data\".";
        }

        if (Member(media, "mediaType", JsonValueKind.String) is not { } mediaType || mediaType.GetString()!.Length == 0)
        {
            return $"{path}/mediaType is missing: media is bound by media type, length and SHA-256.";
        }

        if (Member(media, "sha256", JsonValueKind.String) is not { } digest || !IsLowerHex64(digest.GetString()!))
        {
            return $"{path}/sha256 is missing or not 64 lowercase hex digits: media is bound by its SHA-256 digest.";
        }

        // Any whole number from 0, as §8.4 says and the Python verifier reads it: canonical JSON writes numbers as doubles,
        // so a length beyond a long (100000000000000000000) is still a whole number, not a malformed one.
        if (Member(media, "length", JsonValueKind.Number) is not { } length || !length.TryGetDouble(out var count) || count < 0 || count != Math.Floor(count))
        {
            return $"{path}/length is missing or not a byte count (a whole number from 0).";
        }

        foreach (var member in media.EnumerateObject())
        {
            if (member.Name is not ("type" or "mediaType" or "sha256" or "length" or "name"))
            {
                return $"{path}/{member.Name} is not part of a media reference: media is never inline in a transcript.";
            }
        }

        return null;
    }

    private static bool IsLowerHex64(string text) => text.Length == 64 && text.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f');

    private static JsonElement? Member(JsonElement parent, string name, JsonValueKind kind) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var value) && value.ValueKind == kind ? value : null;
}
