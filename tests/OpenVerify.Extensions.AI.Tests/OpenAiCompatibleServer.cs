using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace OpenVerify.Extensions.AI.Tests;

/// <summary>
/// An OpenAI-compatible server on a loopback port (Kestrel): <c>POST /v1/chat/completions</c> (JSON and server-sent
/// events, tool calls included), <c>POST /v1/responses</c> (the Responses API, JSON and its server-sent events) and
/// <c>POST /v1/embeddings</c> (float and base64). Its answers are a function of the
/// request, so tests can predict them:
/// <list type="bullet">
/// <item>with tools offered and a last user message that mentions "weather", it calls the first tool with
/// <c>{"city":"Paris"}</c>;</item>
/// <item>after a tool result, it answers "The weather is " and the result;</item>
/// <item>otherwise it answers "Echo: " and the last user text; "slow" in it streams 40 chunks 25 ms apart.</item>
/// </list>
/// The answering model is always <see cref="AnsweringModel"/> (not the one asked for), as providers may do.
/// </summary>
public sealed partial class OpenAiCompatibleServer : IAsyncDisposable
{
    public const string AnsweringModel = "answer-model-2026-01";
    private WebApplication? _app;
    private int _chatRequests;
    private int _embeddingRequests;

    public Uri Endpoint { get; private set; } = null!;

    public int ChatRequests => Volatile.Read(ref _chatRequests);

    public int EmbeddingRequests => Volatile.Read(ref _embeddingRequests);

    /// <summary>The body of the last chat completions request, as received (to compare what was sent with what a receipt binds).</summary>
    public JsonObject? LastChatRequest { get; private set; }

    /// <summary>The body of the last embeddings request, as received.</summary>
    public JsonObject? LastEmbeddingRequest { get; private set; }

    public static async Task<OpenAiCompatibleServer> StartAsync()
    {
        var server = new OpenAiCompatibleServer();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.MapPost("/v1/chat/completions", server.ChatAsync);
        app.MapPost("/v1/embeddings", server.EmbeddingsAsync);
        app.MapPost("/v1/responses", server.ResponsesAsync);
        server.MapMedia(app);
        server.MapModeration(app);
        await app.StartAsync();
        server._app = app;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        server.Endpoint = new Uri(address.TrimEnd('/') + "/v1");
        return server;
    }

    private async Task ChatAsync(HttpContext context)
    {
        var number = Interlocked.Increment(ref _chatRequests);
        var body = (await JsonNode.ParseAsync(context.Request.Body))!.AsObject();
        LastChatRequest = (JsonObject)body.DeepClone();
        var messages = body["messages"]!.AsArray();
        var last = messages[^1]!.AsObject();
        var hasTools = body["tools"] is JsonArray { Count: > 0 };
        var lastUser = messages.LastOrDefault(m => (string?)m!["role"] == "user") is { } user ? Text(user["content"]) : string.Empty;
        string? text = null;
        (string Id, string Name, string Arguments)? call = null;
        if ((string?)last["role"] == "tool")
        {
            text = "The weather is " + Text(last["content"]);
        }
        else if (hasTools && lastUser.Contains("weather", StringComparison.OrdinalIgnoreCase))
        {
            call = ($"call_{number}", (string)body["tools"]![0]!["function"]!["name"]!, "{\"city\":\"Paris\"}");
        }
        else
        {
            text = "Echo: " + lastUser;
        }

        var id = $"chatcmpl-{number}";
        var created = 1_767_225_600L + number;
        var usage = new JsonObject { ["prompt_tokens"] = messages.Count * 3, ["completion_tokens"] = 7, ["total_tokens"] = (messages.Count * 3) + 7 };
        var finish = call is null ? "stop" : "tool_calls";
        if (body["stream"]?.GetValue<bool>() == true)
        {
            context.Response.ContentType = "text/event-stream";
            var slow = lastUser.Contains("slow", StringComparison.Ordinal);
            async Task Send(JsonObject delta, string? finishReason, JsonObject? usageNode = null)
            {
                var chunk = new JsonObject
                {
                    ["id"] = id, ["object"] = "chat.completion.chunk", ["created"] = created, ["model"] = AnsweringModel,
                    ["choices"] = usageNode is null
                        ? new JsonArray(new JsonObject { ["index"] = 0, ["delta"] = delta, ["finish_reason"] = finishReason })
                        : new JsonArray(),
                };
                if (usageNode is not null)
                {
                    chunk["usage"] = usageNode;
                }

                await context.Response.WriteAsync("data: " + chunk.ToJsonString() + "\n\n", context.RequestAborted);
                await context.Response.Body.FlushAsync(context.RequestAborted);
            }

            await Send(new JsonObject { ["role"] = "assistant", ["content"] = string.Empty }, null);
            if (call is { } c)
            {
                await Send(new JsonObject { ["tool_calls"] = new JsonArray(new JsonObject { ["index"] = 0, ["id"] = c.Id, ["type"] = "function", ["function"] = new JsonObject { ["name"] = c.Name, ["arguments"] = string.Empty } }) }, null);
                foreach (var piece in new[] { c.Arguments[..8], c.Arguments[8..] })
                {
                    await Send(new JsonObject { ["tool_calls"] = new JsonArray(new JsonObject { ["index"] = 0, ["function"] = new JsonObject { ["arguments"] = piece } }) }, null);
                }
            }
            else
            {
                var pieces = slow ? Enumerable.Range(0, 40).Select(i => $"w{i} ").ToList() : Chunk(text!, 4);
                foreach (var piece in pieces)
                {
                    await Send(new JsonObject { ["content"] = piece }, null);
                    if (slow)
                    {
                        await Task.Delay(25, context.RequestAborted);
                    }
                }
            }

            await Send(new JsonObject(), finish);
            if (body["stream_options"]?["include_usage"]?.GetValue<bool>() == true)
            {
                await Send(new JsonObject(), null, usage);
            }

            await context.Response.WriteAsync("data: [DONE]\n\n", context.RequestAborted);
            return;
        }

        var message = new JsonObject { ["role"] = "assistant", ["content"] = text };
        if (call is { } tool)
        {
            message["tool_calls"] = new JsonArray(new JsonObject { ["id"] = tool.Id, ["type"] = "function", ["function"] = new JsonObject { ["name"] = tool.Name, ["arguments"] = tool.Arguments } });
        }

        await context.Response.WriteAsJsonAsync(new JsonObject
        {
            ["id"] = id, ["object"] = "chat.completion", ["created"] = created, ["model"] = AnsweringModel,
            ["choices"] = new JsonArray(new JsonObject { ["index"] = 0, ["message"] = message, ["finish_reason"] = finish, ["logprobs"] = null }),
            ["usage"] = usage,
        });
    }

    private async Task EmbeddingsAsync(HttpContext context)
    {
        Interlocked.Increment(ref _embeddingRequests);
        var body = (await JsonNode.ParseAsync(context.Request.Body))!.AsObject();
        LastEmbeddingRequest = (JsonObject)body.DeepClone();
        var inputs = body["input"] is JsonArray array ? array.Select(i => (string)i!).ToList() : [(string)body["input"]!];
        var dimensions = body["dimensions"]?.GetValue<int>() ?? 8;
        var base64 = (string?)body["encoding_format"] == "base64";
        var data = new JsonArray();
        for (var i = 0; i < inputs.Count; i++)
        {
            var vector = Vector(inputs[i], dimensions);
            data.Add(new JsonObject
            {
                ["object"] = "embedding", ["index"] = i,
                ["embedding"] = base64 ? Convert.ToBase64String(MemoryMarshal.AsBytes(vector.AsSpan())) : new JsonArray([.. vector.Select(v => (JsonNode)v)]),
            });
        }

        var tokens = inputs.Sum(i => i.Length);
        await context.Response.WriteAsJsonAsync(new JsonObject
        {
            ["object"] = "list", ["data"] = data, ["model"] = AnsweringModel,
            ["usage"] = new JsonObject { ["prompt_tokens"] = tokens, ["total_tokens"] = tokens },
        });
    }

    /// <summary>A deterministic unit-free vector from the text's SHA-256.</summary>
    public static float[] Vector(string text, int dimensions)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(text));
        return [.. Enumerable.Range(0, dimensions).Select(i => (hash[i % 32] - 128) / 128f)];
    }

    private static string Text(JsonNode? content) => content switch
    {
        JsonValue value => (string)value!,
        JsonArray parts => string.Concat(parts.Where(p => (string?)p!["type"] == "text").Select(p => (string)p!["text"]!)),
        _ => string.Empty,
    };

    private static List<string> Chunk(string text, int size) =>
        [.. Enumerable.Range(0, (text.Length + size - 1) / size).Select(i => text.Substring(i * size, Math.Min(size, text.Length - (i * size))))];

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    internal static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
