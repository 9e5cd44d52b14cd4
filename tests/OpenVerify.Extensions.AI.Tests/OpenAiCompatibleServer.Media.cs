using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace OpenVerify.Extensions.AI.Tests;

/// <summary>
/// The media endpoints, answering as the OpenAI API does and as a function of the request:
/// <list type="bullet">
/// <item><c>POST /v1/audio/transcriptions</c> and <c>/v1/audio/translations</c> (multipart: <c>file</c>, <c>model</c>,
/// <c>language</c>, <c>response_format</c>, <c>stream</c>): the text is <see cref="HeardText"/> of the audio bytes; with
/// <c>stream=true</c>, server-sent <c>transcript.text.delta</c> events and a <c>transcript.text.done</c> with usage;</item>
/// <item><c>POST /v1/audio/speech</c> (JSON: <c>model</c>, <c>input</c>, <c>voice</c>, <c>response_format</c>,
/// <c>stream_format</c>): the bytes of <see cref="SpeechAudio"/>; with <c>stream_format</c> <c>sse</c>, server-sent
/// <c>speech.audio.delta</c> events of 8 bytes each and a <c>speech.audio.done</c> with usage;</item>
/// <item><c>POST /v1/images/generations</c> (JSON: <c>prompt</c>, <c>n</c>, <c>size</c>, <c>response_format</c>): <c>n</c>
/// images, each <see cref="ImageBytes"/> as <c>b64_json</c>, or a URL when <c>response_format</c> is <c>url</c>.</item>
/// </list>
/// </summary>
public sealed partial class OpenAiCompatibleServer
{
    private int _mediaRequests;

    public int MediaRequests => Volatile.Read(ref _mediaRequests);

    /// <summary>The file name of the last audio uploaded for transcription or translation, as the multipart request gave it.</summary>
    public string? LastAudioFileName { get; private set; }

    /// <summary>What the server "hears" in audio: its length and the start of its SHA-256.</summary>
    public static string HeardText(ReadOnlySpan<byte> audio) => $"heard {audio.Length} bytes {Convert.ToHexStringLower(SHA256.HashData(audio))[..8]}";

    /// <summary>The "speech" for a text: an ID3-tagged MP3 header then the text's UTF-8 bytes.</summary>
    public static byte[] SpeechAudio(string text) => [.. "ID3"u8, 4, 0, 0, 0, 0, 0, 0, .. Encoding.UTF8.GetBytes(text)];

    /// <summary>The "image" number <paramref name="index"/> for a prompt: a PNG signature then the SHA-256 of both.</summary>
    public static byte[] ImageBytes(string prompt, int index) => [137, 80, 78, 71, 13, 10, 26, 10, .. SHA256.HashData(Encoding.UTF8.GetBytes($"{index}:{prompt}"))];

    private void MapMedia(WebApplication app)
    {
        app.MapPost("/v1/audio/transcriptions", TranscriptionAsync);
        app.MapPost("/v1/audio/translations", TranscriptionAsync);
        app.MapPost("/v1/audio/speech", SpeechAsync);
        app.MapPost("/v1/images/generations", ImagesAsync);
        app.MapPost("/v1/images/edits", ImageEditsAsync);
    }

    private async Task TranscriptionAsync(HttpContext context)
    {
        Interlocked.Increment(ref _mediaRequests);
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var file = form.Files["file"] ?? throw new InvalidOperationException("multipart field 'file' missing");
        LastAudioFileName = file.FileName;
        using var audio = new MemoryStream();
        await file.CopyToAsync(audio, context.RequestAborted);
        var text = HeardText(audio.ToArray());
        var usage = new JsonObject { ["type"] = "tokens", ["input_tokens"] = (int)(audio.Length / 4), ["output_tokens"] = 5, ["total_tokens"] = (int)(audio.Length / 4) + 5 };
        if (form["stream"] == "true")
        {
            context.Response.ContentType = "text/event-stream";
            foreach (var piece in Chunk(text, 6))
            {
                await context.Response.WriteAsync("data: " + new JsonObject { ["type"] = "transcript.text.delta", ["delta"] = piece }.ToJsonString() + "\n\n", context.RequestAborted);
                await context.Response.Body.FlushAsync(context.RequestAborted);
            }

            await context.Response.WriteAsync("data: " + new JsonObject { ["type"] = "transcript.text.done", ["text"] = text, ["usage"] = usage }.ToJsonString() + "\n\n", context.RequestAborted);
            return;
        }

        if (form["response_format"] == "text")
        {
            await context.Response.WriteAsync(text, context.RequestAborted);
            return;
        }

        await context.Response.WriteAsJsonAsync(new JsonObject { ["text"] = text, ["language"] = form["language"].ToString() is { Length: > 0 } language ? language : "english", ["usage"] = usage });
    }

    private async Task SpeechAsync(HttpContext context)
    {
        Interlocked.Increment(ref _mediaRequests);
        var body = (await JsonNode.ParseAsync(context.Request.Body))!.AsObject();
        var audio = SpeechAudio((string)body["input"]!);
        if ((string?)body["stream_format"] == "sse")
        {
            context.Response.ContentType = "text/event-stream";
            foreach (var piece in audio.Chunk(8))
            {
                await context.Response.WriteAsync("data: " + new JsonObject { ["type"] = "speech.audio.delta", ["audio"] = Convert.ToBase64String(piece) }.ToJsonString() + "\n\n", context.RequestAborted);
                await context.Response.Body.FlushAsync(context.RequestAborted);
            }

            var tokens = ((string)body["input"]!).Length;
            await context.Response.WriteAsync("data: " + new JsonObject { ["type"] = "speech.audio.done", ["usage"] = new JsonObject { ["input_tokens"] = tokens, ["output_tokens"] = audio.Length, ["total_tokens"] = tokens + audio.Length } }.ToJsonString() + "\n\n", context.RequestAborted);
            return;
        }

        context.Response.ContentType = (string?)body["response_format"] switch
        {
            "wav" => "audio/wav",
            "flac" => "audio/flac",
            _ => "audio/mpeg",
        };
        await context.Response.Body.WriteAsync(audio, context.RequestAborted);
    }

    private async Task ImagesAsync(HttpContext context)
    {
        Interlocked.Increment(ref _mediaRequests);
        var body = (await JsonNode.ParseAsync(context.Request.Body))!.AsObject();
        LastImageRequest = (JsonObject)body.DeepClone();
        var prompt = (string)body["prompt"]!;
        var count = body["n"]?.GetValue<int>() ?? 1;
        var url = (string?)body["response_format"] == "url";
        var data = new JsonArray();
        for (var i = 0; i < count; i++)
        {
            data.Add(url
                ? new JsonObject { ["url"] = $"https://images.example/{Convert.ToHexStringLower(ImageBytes(prompt, i)[8..16])}.png" }
                : new JsonObject { ["b64_json"] = Convert.ToBase64String(ImageBytes(prompt, i)), ["revised_prompt"] = $"{prompt}, revised" });
        }

        await context.Response.WriteAsJsonAsync(new JsonObject
        {
            ["created"] = 1_767_225_600L, ["data"] = data,
            ["usage"] = new JsonObject { ["input_tokens"] = prompt.Length, ["output_tokens"] = 100 * count, ["total_tokens"] = prompt.Length + (100 * count), ["input_tokens_details"] = new JsonObject { ["text_tokens"] = prompt.Length, ["image_tokens"] = 0 } },
        });
    }
}
