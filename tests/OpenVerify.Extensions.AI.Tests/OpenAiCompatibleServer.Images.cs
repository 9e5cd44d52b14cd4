using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace OpenVerify.Extensions.AI.Tests;

/// <summary>
/// <c>POST /v1/images/edits</c>, as the OpenAI API answers it (multipart: the <c>image</c> file, <c>prompt</c>,
/// <c>n</c>, <c>size</c>, <c>response_format</c>, <c>output_format</c>, <c>model</c>): <c>n</c> images, each
/// <see cref="EditedImageBytes"/> of the uploaded bytes and the prompt, with the size and output format echoed as the
/// API does for GPT image models. The last image request's fields are kept for tests that check the wire.
/// </summary>
public sealed partial class OpenAiCompatibleServer
{
    /// <summary>The fields of the last image generation or edit request (an edit's image as <c>image_sha256</c> and <c>image_filename</c>).</summary>
    public JsonObject? LastImageRequest { get; private set; }

    /// <summary>The "edited image" number <paramref name="index"/>: a function of the uploaded bytes and the prompt.</summary>
    public static byte[] EditedImageBytes(ReadOnlySpan<byte> image, string prompt, int index) =>
        ImageBytes($"edit {Convert.ToHexStringLower(SHA256.HashData(image))} {prompt}", index);

    private async Task ImageEditsAsync(HttpContext context)
    {
        Interlocked.Increment(ref _mediaRequests);
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var file = form.Files["image"] ?? form.Files["image[]"] ?? throw new InvalidOperationException("multipart field 'image' missing");
        using var image = new MemoryStream();
        await file.CopyToAsync(image, context.RequestAborted);
        var request = new JsonObject { ["image_sha256"] = Convert.ToHexStringLower(SHA256.HashData(image.ToArray())), ["image_filename"] = file.FileName, ["mask"] = form.Files["mask"] is not null };
        foreach (var field in form)
        {
            request[field.Key] = field.Value.ToString();
        }

        LastImageRequest = request;
        var prompt = form["prompt"].ToString();
        var count = int.TryParse(form["n"], out var n) ? n : 1;
        var data = new JsonArray();
        for (var i = 0; i < count; i++)
        {
            data.Add(form["response_format"] == "url"
                ? new JsonObject { ["url"] = $"https://images.example/edit-{i}.png" }
                : new JsonObject { ["b64_json"] = Convert.ToBase64String(EditedImageBytes(image.ToArray(), prompt, i)) });
        }

        var response = new JsonObject { ["created"] = 1_767_225_700L, ["data"] = data };
        if (form["size"].ToString() is { Length: > 0 } size)
        {
            response["size"] = size;
        }

        response["output_format"] = form["output_format"].ToString() is { Length: > 0 } format ? format : "png";
        response["usage"] = new JsonObject { ["input_tokens"] = prompt.Length + 50, ["output_tokens"] = 100 * count, ["total_tokens"] = prompt.Length + 50 + (100 * count), ["input_tokens_details"] = new JsonObject { ["text_tokens"] = prompt.Length, ["image_tokens"] = 50 } };
        await context.Response.WriteAsJsonAsync(response);
    }
}
