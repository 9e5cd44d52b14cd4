using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace OpenVerify.Extensions.AI.Tests;

/// <summary>
/// <c>POST /v1/moderations</c>, answering as the OpenAI API does (JSON: <c>model</c>, <c>input</c> as a string, an
/// array of strings, or an array of <c>{"type":"text"}</c> / <c>{"type":"image_url"}</c> parts): one result per input
/// text, one for all parts; each with <c>flagged</c>, the thirteen <c>categories</c>, <c>category_scores</c> and
/// <c>category_applied_input_types</c> under the API's category names (<c>hate/threatening</c>, <c>self-harm/intent</c>,
/// …). The verdict is a function of the text: <see cref="ModerationScore"/>; a text that mentions "attack" is flagged
/// for violence. The answering model is <see cref="ModerationModel"/> (the alias resolved, as the API does).
/// </summary>
public sealed partial class OpenAiCompatibleServer
{
    public const string ModerationModel = "omni-moderation-2024-09-26";

    public static readonly string[] ModerationCategories =
    [
        "harassment", "harassment/threatening", "hate", "hate/threatening", "illicit", "illicit/violent", "self-harm",
        "self-harm/instructions", "self-harm/intent", "sexual", "sexual/minors", "violence", "violence/graphic",
    ];

    private int _moderationRequests;

    public int ModerationRequests => Volatile.Read(ref _moderationRequests);

    /// <summary>The score of a category for a text: 0.93 for "violence" when the text mentions "attack", else a small
    /// number written with an exponent (as the API writes them), from the SHA-256 of category and text.</summary>
    public static double ModerationScore(string category, string text)
    {
        if (category == "violence" && text.Contains("attack", StringComparison.OrdinalIgnoreCase))
        {
            return 0.93;
        }

        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(category + "\0" + text));
        return (1 + (BitConverter.ToUInt16(hash) % 9000)) * 1e-9;
    }

    private void MapModeration(WebApplication app) => app.MapPost("/v1/moderations", ModerationAsync);

    private async Task ModerationAsync(HttpContext context)
    {
        var number = Interlocked.Increment(ref _moderationRequests);
        var body = (await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted))!.AsObject();
        var results = new JsonArray();
        switch (body["input"])
        {
            case JsonValue single:
                results.Add(Result([single.GetValue<string>()], images: false));
                break;
            case JsonArray items when items.All(i => i is JsonValue):
                foreach (var item in items)
                {
                    results.Add(Result([item!.GetValue<string>()], images: false));
                }

                break;
            case JsonArray parts:
                results.Add(Result([.. parts.Where(p => (string?)p!["type"] == "text").Select(p => (string)p!["text"]!)], images: parts.Any(p => (string?)p!["type"] == "image_url")));
                break;
            default:
                context.Response.StatusCode = 400;
                await context.Response.WriteAsync("""{"error":{"message":"'input' is required","type":"invalid_request_error"}}""", context.RequestAborted);
                return;
        }

        // System.Text.Json writes the small scores with an exponent (1.234E-06), as the API does (1.234e-06).
        var answer = new JsonObject { ["id"] = $"modr-{number:D4}", ["model"] = ModerationModel, ["results"] = results };
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(answer.ToJsonString(), context.RequestAborted);
    }

    private static JsonObject Result(string[] texts, bool images)
    {
        var text = string.Join("\n", texts);
        var categories = new JsonObject();
        var scores = new JsonObject();
        var applied = new JsonObject();
        foreach (var category in ModerationCategories)
        {
            var score = ModerationScore(category, text);
            categories[category] = score > 0.5;
            scores[category] = score;
            applied[category] = images && category is "violence" or "self-harm" ? new JsonArray("text", "image") : new JsonArray("text");
        }

        return new JsonObject
        {
            ["flagged"] = categories.Any(c => c.Value!.GetValue<bool>()),
            ["categories"] = categories,
            ["category_scores"] = scores,
            ["category_applied_input_types"] = applied,
        };
    }
}
