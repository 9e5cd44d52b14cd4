using System.ClientModel.Primitives;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using OpenAI.Responses;
using ChatResponseFormat = Microsoft.Extensions.AI.ChatResponseFormat;

namespace OpenVerify.Extensions.AI;

/// <summary>
/// Carries an SDK <see cref="CreateResponseOptions"/> over to the messages and <see cref="ChatOptions"/> the verified
/// pipeline sends and binds. The request on the wire is the one Microsoft.Extensions.AI.OpenAI builds from them, so a
/// member with no counterpart would be lost: it is refused instead, by its wire name, before anything is sent.
/// </summary>
internal static class OpenAIResponseOptionsMapping
{
    /// <summary>Wire members carried over (<c>input</c> as the messages, <c>stream</c> set by the call).</summary>
    private static readonly HashSet<string> Carried =
    [
        "model", "input", "stream", "instructions", "temperature", "top_p", "max_output_tokens", "tools", "tool_choice", "parallel_tool_calls", "text",
    ];

    /// <summary>Why a member cannot be carried, where there is more to say than "no counterpart".</summary>
    private static readonly Dictionary<string, string> Reasons = new()
    {
        ["previous_response_id"] = "the conversation so far would be held by the provider, outside the receipt; send the whole history as input items instead",
        ["conversation"] = "the conversation so far would be held by the provider, outside the receipt; send the whole history as input items instead",
        ["background"] = "a background response is fetched later by id, outside the verified call",
        ["store"] = "Microsoft.Extensions.AI's ChatOptions has no counterpart, so the provider's default would be used",
    };

    /// <summary>The messages and options of a request; throws <see cref="NotSupportedException"/> for what cannot be carried.</summary>
    public static (List<Microsoft.Extensions.AI.ChatMessage> Messages, ChatOptions Options) ToChat(CreateResponseOptions options)
    {
        OpenAIPatches.Refuse(options);
        var wire = Wire(options).AsObject();
        var refused = wire.Select(member => member.Key).Where(name => !Carried.Contains(name)).ToList();
        if (refused.Count > 0)
        {
            var reasons = refused.Where(Reasons.ContainsKey).Select(name => $" ('{name}': {Reasons[name]})");
            throw new NotSupportedException(
                $"The verified OpenAI responses client cannot carry the CreateResponseOptions member(s) {string.Join(", ", refused.Select(n => $"'{n}'"))}{string.Concat(reasons)}: " +
                "the request goes through Microsoft.Extensions.AI's ChatOptions, and a verified call does not drop options silently. " +
                "Remove them, or call the SDK's ResponsesClient directly and mark the call [AllowUnverifiedAi].");
        }

        var chat = new ChatOptions
        {
            ModelId = options.Model,
            Instructions = options.Instructions,
            Temperature = options.Temperature,
            TopP = options.TopP,
            MaxOutputTokens = options.MaxOutputTokenCount,
        };

        var hasTools = options.Tools.Count > 0;
        if (!hasTools && (wire.ContainsKey("tool_choice") || wire.ContainsKey("parallel_tool_calls")))
        {
            // Microsoft.Extensions.AI sends these only with tools.
            throw new NotSupportedException("The verified OpenAI responses client cannot carry 'tool_choice' or 'parallel_tool_calls' without tools: Microsoft.Extensions.AI sends them only along with tools. Remove them.");
        }

        if (hasTools)
        {
            chat.Tools = [.. options.Tools.Select(Tool)];
            chat.AllowMultipleToolCalls = options.ParallelToolCallsEnabled;
            if (wire["tool_choice"] is { } choice)
            {
                chat.ToolMode = ToolMode(choice);
            }
        }

        if (wire["text"] is JsonObject text)
        {
            if (text.Select(member => member.Key).FirstOrDefault(name => name != "format") is { } other)
            {
                throw new NotSupportedException($"The verified OpenAI responses client cannot carry the text option '{other}': Microsoft.Extensions.AI's ChatOptions has no counterpart. Remove it.");
            }

            if (text["format"] is JsonObject format)
            {
                chat.ResponseFormat = ResponseFormat(format);
            }
        }

        return (Messages(options.InputItems), chat);
    }

    /// <summary>
    /// The input items as Microsoft.Extensions.AI messages, one item at a time (converted together, consecutive items are
    /// merged into one message under one role). An item that would not reach the model as it was (the conversion gives
    /// it back changed), or that the receipt could not bind (Microsoft.Extensions.AI keeps it only as an opaque raw
    /// representation: an item reference, a stored item id), is refused.
    /// </summary>
    private static List<Microsoft.Extensions.AI.ChatMessage> Messages(IList<ResponseItem> items)
    {
        var messages = new List<Microsoft.Extensions.AI.ChatMessage>();
        for (var i = 0; i < items.Count; i++)
        {
            var original = Wire(items[i]).ToJsonString();
            List<Microsoft.Extensions.AI.ChatMessage> converted;
            string sent;
            try
            {
                converted = new[] { items[i] }.AsChatMessages().ToList();
                sent = string.Join(",", converted.AsOpenAIResponseItems().Select(item => Wire(item).ToJsonString()));
            }
            catch (ArgumentException)
            {
                throw ItemRefused(i, original, "Microsoft.Extensions.AI has no message form for it");
            }

            if (sent != original)
            {
                throw ItemRefused(i, original, $"Microsoft.Extensions.AI's messages would send it changed, as {Shorten(sent)}");
            }

            if (converted.SelectMany(message => message.Contents).Any(content => content.GetType() == typeof(AIContent)))
            {
                throw ItemRefused(i, original, "Microsoft.Extensions.AI keeps it only as an opaque raw representation, which the receipt's transcript cannot bind");
            }

            messages.AddRange(converted);
        }

        return messages;
    }

    private static NotSupportedException ItemRefused(int index, string item, string why) => new(
        $"The verified OpenAI responses client cannot carry input item {index} (type '{(string?)JsonNode.Parse(item)?["type"]}', {Shorten(item)}): {why}. " +
        "Send its content as a message, or call the SDK's ResponsesClient directly and mark the call [AllowUnverifiedAi].");

    private static string Shorten(string json) => json.Length <= 200 ? json : json[..200] + "…";

    private static JsonNode Wire<T>(T model)
        where T : IPersistableModel<T> =>
        JsonNode.Parse(ModelReaderWriter.Write(model, ModelReaderWriterOptions.Json).ToString())!;

    private static AITool Tool(ResponseTool tool)
    {
        if (tool is not FunctionTool function)
        {
            var type = (string?)Wire(tool)["type"] ?? tool.GetType().Name;
            throw new NotSupportedException(
                $"The verified OpenAI responses client carries function tools only, not the built-in tool '{type}': its calls and results are the provider's, outside the transcript the receipt binds. " +
                "Remove it, or call the SDK's ResponsesClient directly and mark the call [AllowUnverifiedAi].");
        }

        if (function.StrictModeEnabled is true)
        {
            throw new NotSupportedException($"The verified OpenAI responses client cannot carry strict schema mode (tool '{function.FunctionName}'): the receipt's transcript has no field for it. Leave strict unset.");
        }

        using var schema = JsonDocument.Parse(function.FunctionParameters?.ToString() is { Length: > 0 } text ? text : """{"type":"object","properties":{}}""");
        return AIFunctionFactory.CreateDeclaration(function.FunctionName, function.FunctionDescription, schema.RootElement.Clone());
    }

    private static ChatToolMode ToolMode(JsonNode choice) => choice switch
    {
        JsonValue value when (string?)value == "auto" => ChatToolMode.Auto,
        JsonValue value when (string?)value == "none" => ChatToolMode.None,
        JsonValue value when (string?)value == "required" => ChatToolMode.RequireAny,
        JsonObject named when (string?)named["type"] == "function" && named.Count == 2 && (string?)named["name"] is { } name => ChatToolMode.RequireSpecific(name),
        _ => throw new NotSupportedException($"The verified OpenAI responses client cannot carry the tool choice {choice.ToJsonString()}: only auto, none, required and a named function have a ChatOptions counterpart."),
    };

    private static ChatResponseFormat ResponseFormat(JsonObject format)
    {
        switch ((string?)format["type"])
        {
            case "text":
                return ChatResponseFormat.Text;
            case "json_object":
                return ChatResponseFormat.Json;
            case "json_schema":
                if ((bool?)format["strict"] is true)
                {
                    throw new NotSupportedException("The verified OpenAI responses client cannot carry strict schema mode (text.format): the receipt's transcript has no field for it. Leave strict unset.");
                }

                using (var document = JsonDocument.Parse(format["schema"]?.ToJsonString() ?? "{}"))
                {
                    return ChatResponseFormat.ForJsonSchema(document.RootElement.Clone(), (string?)format["name"], (string?)format["description"]);
                }

            default:
                throw new NotSupportedException($"The verified OpenAI responses client cannot carry the text format {format.ToJsonString()}.");
        }
    }
}
