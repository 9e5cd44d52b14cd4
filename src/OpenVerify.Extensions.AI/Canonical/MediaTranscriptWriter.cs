using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;

namespace OpenVerify.Extensions.AI.Canonical;

/// <summary>
/// The transcript forms of the media operations (docs/spec/chat-v1.md §8): speech-to-text, text-to-speech and image
/// generation. Media is bound as chat binds data content (media type, byte length and the SHA-256 of the bytes), never
/// inline, so a transcript stays small whatever the size of the audio or images; options are allow-listed.
/// </summary>
internal static class MediaTranscriptWriter
{
    public const string SpeechToText = "speech-to-text";
    public const string TextToSpeech = "text-to-speech";
    public const string ImageGeneration = "image-generation";

    /// <summary>A media reference: <c>{"type":"data","mediaType","sha256","length","name"?}</c>, the form of data content.</summary>
    public static JsonObject Media(ReadOnlySpan<byte> bytes, string mediaType, string? name)
    {
        var node = new JsonObject
        {
            ["type"] = "data",
            ["mediaType"] = mediaType,
            ["sha256"] = Convert.ToHexStringLower(SHA256.HashData(bytes)),
            ["length"] = bytes.Length,
        };
        if (name is not null)
        {
            node["name"] = name;
        }

        return node;
    }

    /// <summary>The media type of audio bytes from their signature (the formats speech-to-text providers take), else
    /// <c>application/octet-stream</c>: a stream carries no media type of its own.</summary>
    public static string AudioMediaType(ReadOnlySpan<byte> header) => header switch
    {
        _ when header.Length >= 12 && header[..4].SequenceEqual("RIFF"u8) && header[8..12].SequenceEqual("WAVE"u8) => "audio/wav",
        _ when header.Length >= 4 && header[..4].SequenceEqual((ReadOnlySpan<byte>)[0x1A, 0x45, 0xDF, 0xA3]) => "audio/webm",
        _ when header.Length >= 8 && header[4..8].SequenceEqual("ftyp"u8) => "audio/mp4",
        _ when header.Length >= 4 && header[..4].SequenceEqual("OggS"u8) => "audio/ogg",
        _ when header.Length >= 4 && header[..4].SequenceEqual("fLaC"u8) => "audio/flac",
        _ when header.Length >= 3 && header[..3].SequenceEqual("ID3"u8) => "audio/mpeg",
        _ when header.Length >= 2 && header[0] == 0xFF && (header[1] & 0xE0) == 0xE0 => "audio/mpeg",
        _ => "application/octet-stream",
    };

    public static JsonObject SpeechToTextOptions(SpeechToTextOptions? options)
    {
        var node = new JsonObject();
        Add(node, "modelId", options?.ModelId);
        Add(node, "speechLanguage", options?.SpeechLanguage);
        if (options?.SpeechSampleRate is { } rate)
        {
            node["speechSampleRate"] = rate;
        }

        Add(node, "textLanguage", options?.TextLanguage);
        return node;
    }

    public static JsonObject SpeechToTextResponse(SpeechToTextResponse response)
    {
        var node = new JsonObject();
        Add(node, "id", response.ResponseId);
        Add(node, "modelId", response.ModelId);
        if (response.StartTime is { } start)
        {
            node["startTime"] = Seconds(start);
        }

        if (response.EndTime is { } end)
        {
            node["endTime"] = Seconds(end);
        }

        if (response.Usage is { } usage)
        {
            node["usage"] = TranscriptWriter.Usage(usage);
        }

        node["contents"] = Contents(response.Contents);
        return node;
    }

    public static JsonObject TextToSpeechOptions(TextToSpeechOptions? options)
    {
        var node = new JsonObject();
        Add(node, "modelId", options?.ModelId);
        Add(node, "voiceId", options?.VoiceId);
        Add(node, "language", options?.Language);
        Add(node, "audioFormat", options?.AudioFormat);
        Add(node, "speed", options?.Speed);
        Add(node, "pitch", options?.Pitch);
        Add(node, "volume", options?.Volume);
        return node;
    }

    public static JsonObject TextToSpeechResponse(TextToSpeechResponse response)
    {
        var node = new JsonObject();
        Add(node, "id", response.ResponseId);
        Add(node, "modelId", response.ModelId);
        if (response.Usage is { } usage)
        {
            node["usage"] = TranscriptWriter.Usage(usage);
        }

        node["contents"] = Contents(response.Contents);
        return node;
    }

    public static JsonObject ImageRequest(ImageGenerationRequest request, ImageGenerationOptions? options)
    {
        var node = new JsonObject();
        Add(node, "prompt", request.Prompt);
        if (request.OriginalImages is { } originals && originals.Any())
        {
            node["originalImages"] = Contents(originals);
        }

        var o = new JsonObject();
        Add(o, "modelId", options?.ModelId);
        if (options?.Count is { } count)
        {
            o["count"] = count;
        }

        if (options?.ImageSize is { } size)
        {
            o["imageSize"] = new JsonObject { ["width"] = size.Width, ["height"] = size.Height };
        }

        Add(o, "mediaType", options?.MediaType);
        if (options?.ResponseFormat is { } format)
        {
            o["responseFormat"] = format.ToString().ToLowerInvariant();
        }

        if (options?.StreamingCount is { } streaming)
        {
            o["streamingCount"] = streaming;
        }

        node["options"] = o;
        return node;
    }

    public static JsonObject ImageResponse(ImageGenerationResponse response)
    {
        var node = new JsonObject();
        if (response.Usage is { } usage)
        {
            node["usage"] = TranscriptWriter.Usage(usage);
        }

        node["contents"] = Contents(response.Contents);
        return node;
    }

    private static JsonArray Contents(IEnumerable<AIContent> contents) => new([.. contents.Select(c => (JsonNode)TranscriptWriter.Content(c))]);

    /// <summary>A duration in seconds, exact to the tick (100 ns): ticks / 10^7 as a decimal number.</summary>
    private static JsonValue Seconds(TimeSpan time) => JsonValue.Create(double.Parse((time.Ticks / 10_000_000m).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture));

    private static void Add(JsonObject node, string name, string? value)
    {
        if (value is not null)
        {
            node[name] = value;
        }
    }

    /// <summary>Single-precision options as the double nearest their shortest decimal form (as chat writes temperature).</summary>
    private static void Add(JsonObject node, string name, float? value)
    {
        if (value is { } v)
        {
            node[name] = double.Parse(v.ToString("R", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        }
    }
}
