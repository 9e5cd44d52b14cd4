using System.ClientModel.Primitives;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using OpenAI.Chat;
using ChatResponseFormat = Microsoft.Extensions.AI.ChatResponseFormat;

namespace OpenVerify.Extensions.AI;

/// <summary>
/// Carries an SDK <see cref="ChatCompletionOptions"/> over to the <see cref="ChatOptions"/> the verified pipeline sends
/// and binds. The request that goes on the wire is the one Microsoft.Extensions.AI.OpenAI builds from those options, so
/// an SDK option with no <see cref="ChatOptions"/> counterpart would be lost: it is refused instead, by its wire name.
/// </summary>
internal static class OpenAIChatOptionsMapping
{
    /// <summary>Wire members the SDK fills in on every call (the options object is reused across calls), not options.</summary>
    private static readonly HashSet<string> SetByTheCall = ["messages", "model", "stream", "stream_options"];

    /// <summary>Wire members carried over to <see cref="ChatOptions"/>.</summary>
    private static readonly HashSet<string> Carried =
    [
        "temperature", "top_p", "max_completion_tokens", "seed", "stop", "frequency_penalty", "presence_penalty",
        "response_format", "tools", "tool_choice", "parallel_tool_calls",
    ];

    public static ChatOptions? ToChatOptions(ChatCompletionOptions? options)
    {
        if (options is null)
        {
            return null;
        }

        var wire = WireForm(options);

        // Microsoft.Extensions.AI always sends the limit as max_completion_tokens: carrying the legacy name over would
        // change the request on the wire (servers that only know max_tokens would ignore the limit).
        if (wire.ContainsKey("max_tokens"))
        {
            throw new NotSupportedException(
                "The verified OpenAI chat client cannot carry the ChatCompletionOptions member 'max_tokens' " +
                "(sent instead of 'max_completion_tokens' after Azure.AI.OpenAI's options.SetNewMaxCompletionTokensPropertyEnabled(false), or set through options.Patch): " +
                "the request goes through Microsoft.Extensions.AI, which sends the limit as 'max_completion_tokens', so the request on the wire would change. " +
                "Remove that call and set MaxOutputTokenCount alone, or call the SDK's ChatClient directly and mark the call [AllowUnverifiedAi].");
        }

        // After the max_tokens check: Azure.AI.OpenAI's switch to the legacy name is a patch, and has its own message.
        OpenAIPatches.Refuse(options);
        var refused = wire.Select(member => member.Key).Where(name => !SetByTheCall.Contains(name) && !Carried.Contains(name)).ToList();
        if (refused.Count > 0)
        {
            throw new NotSupportedException(
                $"The verified OpenAI chat client cannot carry the ChatCompletionOptions member(s) {string.Join(", ", refused.Select(n => $"'{n}'"))}: " +
                "the request goes through Microsoft.Extensions.AI's ChatOptions, which has no counterpart, and a verified call does not drop options silently. " +
                "Remove them, or call the SDK's ChatClient directly and mark the call [AllowUnverifiedAi].");
        }

        var chat = new ChatOptions
        {
            Temperature = options.Temperature,
            TopP = options.TopP,
            MaxOutputTokens = options.MaxOutputTokenCount,
            FrequencyPenalty = options.FrequencyPenalty,
            PresencePenalty = options.PresencePenalty,
            AllowMultipleToolCalls = options.AllowParallelToolCalls,
        };
        chat.Seed = options.Seed;
        if (options.StopSequences is { Count: > 0 } stops)
        {
            chat.StopSequences = [.. stops];
        }

        if (wire["response_format"] is JsonObject format)
        {
            chat.ResponseFormat = ResponseFormat(format);
        }

        if (options.Tools is { Count: > 0 } tools)
        {
            chat.Tools = [.. tools.Select(Tool)];
        }

        if (wire["tool_choice"] is { } choice)
        {
            chat.ToolMode = ToolMode(choice);
        }

        return chat;
    }

    private static JsonObject WireForm(ChatCompletionOptions options) =>
        JsonNode.Parse(ModelReaderWriter.Write(options, ModelReaderWriterOptions.Json).ToString())!.AsObject();

    private static ChatResponseFormat ResponseFormat(JsonObject format)
    {
        switch ((string?)format["type"])
        {
            case "text":
                return ChatResponseFormat.Text;
            case "json_object":
                return ChatResponseFormat.Json;
            case "json_schema" when format["json_schema"] is JsonObject schema:
                RefuseStrict(schema, "response_format.json_schema");
                using (var document = JsonDocument.Parse(schema["schema"]?.ToJsonString() ?? "{}"))
                {
                    return ChatResponseFormat.ForJsonSchema(document.RootElement.Clone(), (string?)schema["name"], (string?)schema["description"]);
                }

            default:
                throw new NotSupportedException($"The verified OpenAI chat client cannot carry the response format {format.ToJsonString()}.");
        }
    }

    private static AITool Tool(ChatTool tool)
    {
        if (tool.Kind != ChatToolKind.Function)
        {
            throw new NotSupportedException($"The verified OpenAI chat client carries function tools only, not a tool of kind '{tool.Kind}'.");
        }

        if (tool.FunctionSchemaIsStrict is true)
        {
            throw StrictRefused($"tool '{tool.FunctionName}'");
        }

        using var schema = JsonDocument.Parse(tool.FunctionParameters?.ToString() is { Length: > 0 } text ? text : """{"type":"object","properties":{}}""");
        return AIFunctionFactory.CreateDeclaration(tool.FunctionName, tool.FunctionDescription, schema.RootElement.Clone());
    }

    private static ChatToolMode ToolMode(JsonNode choice) => choice switch
    {
        JsonValue value when (string?)value == "auto" => ChatToolMode.Auto,
        JsonValue value when (string?)value == "none" => ChatToolMode.None,
        JsonValue value when (string?)value == "required" => ChatToolMode.RequireAny,
        JsonObject { } named when (string?)named["type"] == "function" && (string?)named["function"]?["name"] is { } name => ChatToolMode.RequireSpecific(name),
        _ => throw new NotSupportedException($"The verified OpenAI chat client cannot carry the tool choice {choice.ToJsonString()}."),
    };

    private static void RefuseStrict(JsonObject schema, string what)
    {
        if ((bool?)schema["strict"] is true)
        {
            throw StrictRefused(what);
        }
    }

    /// <summary>Strictness has no place in the chat transcript (v1), so the receipt could not say it was asked for.</summary>
    private static NotSupportedException StrictRefused(string what) =>
        new($"The verified OpenAI chat client cannot carry strict schema mode ({what}): the receipt's transcript has no field for it. Leave strict unset.");
}
