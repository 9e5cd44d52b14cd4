using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace OpenVerify.Extensions.AI.Tests;

/// <summary>
/// <c>POST /v1/responses</c>: the Responses API as OpenAI answers it (the response object, or with <c>"stream": true</c>
/// its typed server-sent events: response.created, response.in_progress, output_item.added, content_part.added,
/// output_text.delta..., output_text.done, content_part.done, output_item.done, response.completed; function calls with
/// function_call_arguments.delta/done). The answers follow the chat endpoint's rules: a function call when tools are
/// offered and the last user text mentions "weather", "The weather is ..." after a function_call_output, else "Echo: "
/// and the last user text ("slow" in it: 40 deltas 25 ms apart).
/// </summary>
public sealed partial class OpenAiCompatibleServer
{
    private int _responsesRequests;

    public int ResponsesRequests => Volatile.Read(ref _responsesRequests);

    /// <summary>Each request body received on /v1/responses, by its last user text (tests use distinct texts).</summary>
    public ConcurrentDictionary<string, JsonObject> ResponsesBodies { get; } = new();

    private async Task ResponsesAsync(HttpContext context)
    {
        var number = Interlocked.Increment(ref _responsesRequests);
        var body = (await JsonNode.ParseAsync(context.Request.Body))!.AsObject();
        var input = body["input"] as JsonArray ?? [];
        var lastUser = input.LastOrDefault(i => (string?)i!["role"] == "user") is { } user ? InputText(user["content"]) : string.Empty;
        ResponsesBodies[lastUser] = (JsonObject)body.DeepClone();
        var last = input.LastOrDefault();
        var hasTools = body["tools"] is JsonArray { Count: > 0 };
        string? text = null;
        (string CallId, string Name, string Arguments)? call = null;
        if ((string?)last?["type"] == "function_call_output")
        {
            text = "The weather is " + (string?)last!["output"];
        }
        else if (hasTools && lastUser.Contains("weather", StringComparison.OrdinalIgnoreCase))
        {
            call = ($"call_{number}", (string)body["tools"]![0]!["name"]!, "{\"city\":\"Paris\"}");
        }
        else
        {
            text = "Echo: " + lastUser;
        }

        var id = $"resp_{number}";
        var itemId = call is null ? $"msg_{number}" : $"fc_{number}";
        JsonObject Item(bool done) => call is { } c
            ? new JsonObject { ["type"] = "function_call", ["id"] = itemId, ["call_id"] = c.CallId, ["name"] = c.Name, ["arguments"] = done ? c.Arguments : string.Empty, ["status"] = done ? "completed" : "in_progress" }
            : new JsonObject
            {
                ["type"] = "message", ["id"] = itemId, ["status"] = done ? "completed" : "in_progress", ["role"] = "assistant",
                ["content"] = done ? new JsonArray(OutputText(text!)) : new JsonArray(),
            };
        JsonObject Response(string status, bool done) => new()
        {
            ["id"] = id, ["object"] = "response", ["created_at"] = 1_767_225_600L + number, ["status"] = status, ["error"] = null,
            ["incomplete_details"] = null, ["instructions"] = body["instructions"]?.DeepClone(), ["max_output_tokens"] = body["max_output_tokens"]?.DeepClone(),
            ["model"] = AnsweringModel, ["output"] = done ? new JsonArray(Item(done: true)) : new JsonArray(),
            ["parallel_tool_calls"] = body["parallel_tool_calls"]?.DeepClone() ?? true, ["previous_response_id"] = null,
            ["reasoning"] = new JsonObject { ["effort"] = null, ["summary"] = null }, ["store"] = body["store"]?.DeepClone() ?? true,
            ["temperature"] = body["temperature"]?.DeepClone() ?? 1.0, ["text"] = body["text"]?.DeepClone() ?? new JsonObject { ["format"] = new JsonObject { ["type"] = "text" } },
            ["tool_choice"] = body["tool_choice"]?.DeepClone() ?? "auto", ["tools"] = body["tools"]?.DeepClone() ?? new JsonArray(),
            ["top_p"] = body["top_p"]?.DeepClone() ?? 1.0, ["truncation"] = "disabled",
            ["usage"] = done
                ? new JsonObject
                {
                    ["input_tokens"] = input.Count * 3, ["input_tokens_details"] = new JsonObject { ["cached_tokens"] = 0 },
                    ["output_tokens"] = 7, ["output_tokens_details"] = new JsonObject { ["reasoning_tokens"] = 0 }, ["total_tokens"] = (input.Count * 3) + 7,
                }
                : null,
            ["user"] = null, ["metadata"] = new JsonObject(),
        };

        if (body["stream"]?.GetValue<bool>() != true)
        {
            await context.Response.WriteAsJsonAsync(Response("completed", done: true));
            return;
        }

        context.Response.ContentType = "text/event-stream";
        var sequence = 0;
        async Task Send(string type, JsonObject data)
        {
            data["type"] = type;
            data["sequence_number"] = sequence++;
            await context.Response.WriteAsync($"event: {type}\ndata: {data.ToJsonString()}\n\n", context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
        }

        await Send("response.created", new JsonObject { ["response"] = Response("in_progress", done: false) });
        await Send("response.in_progress", new JsonObject { ["response"] = Response("in_progress", done: false) });
        await Send("response.output_item.added", new JsonObject { ["output_index"] = 0, ["item"] = Item(done: false) });
        if (call is { } tool)
        {
            foreach (var piece in new[] { tool.Arguments[..8], tool.Arguments[8..] })
            {
                await Send("response.function_call_arguments.delta", new JsonObject { ["item_id"] = itemId, ["output_index"] = 0, ["delta"] = piece });
            }

            await Send("response.function_call_arguments.done", new JsonObject { ["item_id"] = itemId, ["output_index"] = 0, ["arguments"] = tool.Arguments });
        }
        else
        {
            JsonObject Part(string partText) => new() { ["item_id"] = itemId, ["output_index"] = 0, ["content_index"] = 0, ["part"] = OutputText(partText) };
            await Send("response.content_part.added", Part(string.Empty));
            var slow = lastUser.Contains("slow", StringComparison.Ordinal);
            var pieces = slow ? Enumerable.Range(0, 40).Select(i => $"w{i} ").ToList() : Chunk(text!, 4);
            foreach (var piece in pieces)
            {
                await Send("response.output_text.delta", new JsonObject { ["item_id"] = itemId, ["output_index"] = 0, ["content_index"] = 0, ["delta"] = piece, ["logprobs"] = new JsonArray() });
                if (slow)
                {
                    await Task.Delay(25, context.RequestAborted);
                }
            }

            text = string.Concat(pieces);
            await Send("response.output_text.done", new JsonObject { ["item_id"] = itemId, ["output_index"] = 0, ["content_index"] = 0, ["text"] = text, ["logprobs"] = new JsonArray() });
            await Send("response.content_part.done", Part(text));
        }

        await Send("response.output_item.done", new JsonObject { ["output_index"] = 0, ["item"] = Item(done: true) });
        await Send("response.completed", new JsonObject { ["response"] = Response("completed", done: true) });
    }

    private static string InputText(JsonNode? content) => content switch
    {
        JsonValue value => (string)value!,
        JsonArray parts => string.Concat(parts.Where(p => (string?)p!["type"] == "input_text").Select(p => (string)p!["text"]!)),
        _ => string.Empty,
    };

    private static JsonObject OutputText(string text) => new() { ["type"] = "output_text", ["text"] = text, ["annotations"] = new JsonArray(), ["logprobs"] = new JsonArray() };
}
