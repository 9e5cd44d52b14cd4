using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;

namespace OpenVerify.Extensions.AI.Canonical;

/// <summary>
/// Turns Microsoft.Extensions.AI objects into the transcript schema <c>openverify.chat-transcript/v1</c>
/// (docs/spec/chat-v1.md §3): only the members listed there, absent values left out, data content as media type and
/// SHA-256 of its bytes, single-precision options written as their shortest decimal form, 64-bit seeds as strings.
/// </summary>
internal static class TranscriptWriter
{
    public static JsonObject Client(string? providerName, Uri? providerUri, string? defaultModelId, int? defaultDimensions = null)
    {
        var client = new JsonObject();
        Add(client, "provider", providerName);
        Add(client, "endpoint", providerUri?.ToString());
        Add(client, "defaultModel", defaultModelId);
        if (defaultDimensions is { } d)
        {
            client["defaultDimensions"] = d;
        }

        return client;
    }

    public static JsonArray Messages(IEnumerable<ChatMessage> messages)
    {
        var array = new JsonArray();
        foreach (var message in messages)
        {
            array.Add(Message(message));
        }

        return array;
    }

    public static JsonObject Message(ChatMessage message)
    {
        var node = new JsonObject { ["role"] = message.Role.Value };
        Add(node, "authorName", message.AuthorName);
        var contents = new JsonArray();
        foreach (var content in message.Contents)
        {
            contents.Add(Content(content));
        }

        node["contents"] = contents;
        return node;
    }

    public static JsonObject Content(AIContent content) => content switch
    {
        TextReasoningContent reasoning => new JsonObject { ["type"] = "reasoning", ["text"] = reasoning.Text },
        TextContent text => new JsonObject { ["type"] = "text", ["text"] = text.Text },
        DataContent data => Data(data),
        UriContent uri => new JsonObject { ["type"] = "uri", ["uri"] = uri.Uri.ToString(), ["mediaType"] = uri.MediaType },
        FunctionCallContent call => FunctionCall(call),
        FunctionResultContent result => FunctionResult(result),
        ErrorContent error => Error(error),
        UsageContent usage => new JsonObject { ["type"] = "usage", ["usage"] = Usage(usage.Details) },
        _ => Other(content),
    };

    private static JsonObject Data(DataContent data)
    {
        var node = new JsonObject
        {
            ["type"] = "data",
            ["mediaType"] = data.MediaType,
            ["sha256"] = Convert.ToHexStringLower(SHA256.HashData(data.Data.Span)),
            ["length"] = data.Data.Length,
        };
        Add(node, "name", data.Name);
        return node;
    }

    private static JsonObject FunctionCall(FunctionCallContent call)
    {
        var node = new JsonObject { ["type"] = "function-call", ["callId"] = call.CallId, ["name"] = call.Name };
        if (call.Arguments is { } arguments)
        {
            node["arguments"] = JsonSerializer.SerializeToNode(arguments, AIJsonUtilities.DefaultOptions.GetTypeInfo(typeof(IDictionary<string, object?>)));
        }

        return node;
    }

    private static JsonObject FunctionResult(FunctionResultContent result)
    {
        var node = new JsonObject { ["type"] = "function-result", ["callId"] = result.CallId };
        if (result.Result is { } value)
        {
            node["result"] = JsonSerializer.SerializeToNode(value, AIJsonUtilities.DefaultOptions.GetTypeInfo(value.GetType()));
        }

        return node;
    }

    private static JsonObject Error(ErrorContent error)
    {
        var node = new JsonObject { ["type"] = "error", ["message"] = error.Message };
        Add(node, "errorCode", error.ErrorCode);
        Add(node, "details", error.Details);
        return node;
    }

    /// <summary>Content types without a fixed form in v1: their Microsoft.Extensions.AI JSON, under the type's name. It is
    /// bound, but its form may change with that library (docs/spec/chat-v1.md §3.2).</summary>
    private static JsonObject Other(AIContent content) => new()
    {
        ["type"] = "other",
        ["contentType"] = content.GetType().Name,
        ["value"] = JsonSerializer.SerializeToNode(content, AIJsonUtilities.DefaultOptions.GetTypeInfo(typeof(AIContent))),
    };

    public static JsonObject Options(ChatOptions? options)
    {
        var node = new JsonObject();
        if (options is null)
        {
            return node;
        }

        Add(node, "modelId", options.ModelId);
        Add(node, "temperature", options.Temperature);
        Add(node, "topP", options.TopP);
        if (options.TopK is { } topK)
        {
            node["topK"] = topK;
        }

        if (options.Seed is { } seed)
        {
            node["seed"] = seed.ToString(CultureInfo.InvariantCulture);
        }

        if (options.MaxOutputTokens is { } max)
        {
            node["maxOutputTokens"] = max;
        }

        if (options.StopSequences is { Count: > 0 } stops)
        {
            node["stopSequences"] = new JsonArray([.. stops.Select(s => (JsonNode)JsonValue.Create(s))]);
        }

        if (options.ResponseFormat is { } format)
        {
            node["responseFormat"] = format switch
            {
                ChatResponseFormatText => new JsonObject { ["type"] = "text" },
                ChatResponseFormatJson json => JsonFormat(json),
                _ => new JsonObject { ["type"] = "other", ["formatType"] = format.GetType().Name },
            };
        }

        if (options.ToolMode is { } mode)
        {
            node["toolMode"] = mode switch
            {
                NoneChatToolMode => "none",
                AutoChatToolMode => "auto",
                RequiredChatToolMode { RequiredFunctionName: { } name } => "required:" + name,
                RequiredChatToolMode => "required",
                _ => "other:" + mode.GetType().Name,
            };
        }

        if (options.Tools is { Count: > 0 } tools)
        {
            node["tools"] = new JsonArray([.. tools.Select(Tool)]);
        }

        Add(node, "instructions", options.Instructions);
        Add(node, "conversationId", options.ConversationId);
        return node;
    }

    private static JsonObject JsonFormat(ChatResponseFormatJson json)
    {
        var node = new JsonObject { ["type"] = "json" };
        if (json.Schema is { } schema)
        {
            node["schema"] = JsonNode.Parse(schema.GetRawText());
        }

        Add(node, "schemaName", json.SchemaName);
        Add(node, "schemaDescription", json.SchemaDescription);
        return node;
    }

    private static JsonNode Tool(AITool tool)
    {
        var node = new JsonObject { ["name"] = tool.Name };
        Add(node, "description", string.IsNullOrEmpty(tool.Description) ? null : tool.Description);
        if (tool is AIFunctionDeclaration function)
        {
            node["type"] = "function";
            node["schema"] = JsonNode.Parse(function.JsonSchema.GetRawText());
        }
        else
        {
            node["type"] = "other:" + tool.GetType().Name;
        }

        return node;
    }

    public static JsonObject Response(ChatResponse response)
    {
        var node = new JsonObject();
        Add(node, "id", response.ResponseId);
        Add(node, "modelId", response.ModelId);
        Add(node, "finishReason", response.FinishReason?.Value);
        Add(node, "conversationId", response.ConversationId);
        if (response.CreatedAt is { } created)
        {
            node["createdAt"] = Timestamp(created);
        }

        if (response.Usage is { } usage)
        {
            node["usage"] = Usage(usage);
        }

        node["messages"] = Messages(response.Messages);
        return node;
    }

    public static JsonObject Usage(UsageDetails usage)
    {
        var node = new JsonObject();
        foreach (var (name, value) in new[]
        {
            ("inputTokens", usage.InputTokenCount), ("outputTokens", usage.OutputTokenCount), ("totalTokens", usage.TotalTokenCount),
            ("cachedInputTokens", usage.CachedInputTokenCount), ("reasoningTokens", usage.ReasoningTokenCount),
        })
        {
            if (value is { } v)
            {
                node[name] = v;
            }
        }

        if (usage.AdditionalCounts is { Count: > 0 } counts)
        {
            var extra = new JsonObject();
            foreach (var (name, value) in counts)
            {
                extra[name] = value;
            }

            node["additional"] = extra;
        }

        return node;
    }

    /// <summary>RFC 3339 UTC with the fraction only as long as needed.</summary>
    public static string Timestamp(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    /// <summary>An embedding vector: its element type, count and the SHA-256 of its elements' little-endian bytes.</summary>
    public static JsonObject Embedding(Embedding embedding)
    {
        var (type, bytes) = embedding switch
        {
            Embedding<float> e => ("float32", VectorBytes(e.Vector.Span)),
            Embedding<double> e => ("float64", VectorBytes(e.Vector.Span)),
            Embedding<Half> e => ("float16", VectorBytes(e.Vector.Span)),
            Embedding<byte> e => ("uint8", e.Vector.ToArray()),
            Embedding<sbyte> e => ("int8", VectorBytes(e.Vector.Span)),
            _ => throw new ChatTranscriptException($"Embeddings of type {embedding.GetType().Name} have no transcript form in v1 (float32, float64, float16, uint8, int8)."),
        };
        var node = new JsonObject
        {
            ["elementType"] = type,
            ["dimensions"] = embedding.Dimensions,
            ["sha256"] = Convert.ToHexStringLower(SHA256.HashData(bytes)),
        };
        Add(node, "modelId", embedding.ModelId);
        if (embedding.CreatedAt is { } created)
        {
            node["createdAt"] = Timestamp(created);
        }

        return node;
    }

    private static byte[] VectorBytes<T>(ReadOnlySpan<T> vector)
        where T : unmanaged
    {
        var bytes = MemoryMarshal.AsBytes(vector).ToArray();
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("Embedding digests are defined over little-endian bytes.");
        }

        return bytes;
    }

    /// <summary>An embeddings input: text, or data content as media type and digest.</summary>
    public static JsonObject EmbeddingInput<TInput>(TInput input) => input switch
    {
        string text => new JsonObject { ["type"] = "text", ["text"] = text },
        DataContent data => Data(data),
        AIContent content => Content(content),
        _ => throw new ChatTranscriptException($"Embedding inputs of type {typeof(TInput).Name} have no transcript form in v1 (string, DataContent)."),
    };

    private static void Add(JsonObject node, string name, string? value)
    {
        if (value is not null)
        {
            node[name] = value;
        }
    }

    /// <summary>Single-precision options go in as the double nearest their shortest decimal form, so 0.7f is 0.7, not
    /// 0.699999988079071.</summary>
    private static void Add(JsonObject node, string name, float? value)
    {
        if (value is { } v)
        {
            node[name] = double.Parse(v.ToString("R", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        }
    }
}
