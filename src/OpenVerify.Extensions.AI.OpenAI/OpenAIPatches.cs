#pragma warning disable SCME0001 // The SDK's JsonPatch is evaluation-only; it is read here only to refuse a set one.
using System.ClientModel.Primitives;
using OpenAI.Chat;
using OpenAI.Responses;
using SdkChatMessage = OpenAI.Chat.ChatMessage;
using SdkEmbeddingOptions = OpenAI.Embeddings.EmbeddingGenerationOptions;

namespace OpenVerify.Extensions.AI;

/// <summary>
/// The SDK's <c>Patch</c> on its options and input objects: a JSON patch applied when the object is written, which adds or
/// changes request fields behind its members. The verified path sends what Microsoft.Extensions.AI builds from the
/// members it carries, so a set Patch would be dropped (a patched temperature, tool or content part) or sent without
/// the receipt binding it (a patched message, which Microsoft.Extensions.AI.OpenAI sends from its raw SDK form): either
/// way the receipt would not say what was asked. A set Patch is refused before anything is sent, naming where it is.
/// The audio, image and moderation request types have no Patch (OpenAIPatchTests checks that this stays so).
/// </summary>
internal static class OpenAIPatches
{
    public static void Refuse(ChatCompletionOptions options)
    {
        Refuse(ref options.Patch, "chat", "ChatCompletionOptions", "ChatClient");
        for (var i = 0; i < options.Tools.Count; i++)
        {
            var tool = options.Tools[i];
            Refuse(ref tool.Patch, "chat", $"ChatCompletionOptions.Tools[{i}]", "ChatClient");
            if (tool.Kind == ChatToolKind.Function)
            {
                RefuseHidden(tool, ChatTool.CreateFunctionTool(tool.FunctionName, tool.FunctionDescription, tool.FunctionParameters, tool.FunctionSchemaIsStrict), "chat", $"ChatCompletionOptions.Tools[{i}]", "ChatClient");
            }
        }

        if (options.ToolChoice is { } choice)
        {
            Refuse(ref choice.Patch, "chat", "ChatCompletionOptions.ToolChoice", "ChatClient");
        }

        if (options.ResponseFormat is { } format)
        {
            Refuse(ref format.Patch, "chat", "ChatCompletionOptions.ResponseFormat", "ChatClient");
        }
    }

    /// <summary>The messages, read once (the ones checked are the ones sent).</summary>
    public static List<SdkChatMessage> Refuse(IEnumerable<SdkChatMessage> messages)
    {
        var list = messages.ToList();
        for (var i = 0; i < list.Count; i++)
        {
            var message = list[i];
            ArgumentNullException.ThrowIfNull(message, nameof(messages));
            Refuse(ref message.Patch, "chat", $"messages[{i}]", "ChatClient");
            for (var j = 0; j < message.Content.Count; j++)
            {
                Refuse(ref message.Content[j].Patch, "chat", $"messages[{i}].Content[{j}]", "ChatClient");
            }

            if (message is AssistantChatMessage assistant)
            {
                // Microsoft.Extensions.AI has no content for an earlier audio answer, so the message would go out from its
                // SDK form with the reference (a patch on "$.audio..." is handed on to it, leaving the message's Patch empty)
                // while the receipt binds an assistant message without it.
                if (assistant.OutputAudioReference is not null)
                {
                    throw new NotSupportedException(
                        $"The verified OpenAI chat client cannot carry messages[{i}].OutputAudioReference: Microsoft.Extensions.AI has no content for it, so the audio " +
                        "reference would be sent without the receipt binding it. Send the audio's transcript as the assistant's text instead, or call the SDK's ChatClient " +
                        "directly and mark the call [AllowUnverifiedAi].");
                }

                for (var j = 0; j < assistant.ToolCalls.Count; j++)
                {
                    var call = assistant.ToolCalls[j];
                    Refuse(ref call.Patch, "chat", $"messages[{i}].ToolCalls[{j}]", "ChatClient");
                    if (call.Kind == ChatToolCallKind.Function)
                    {
                        RefuseHidden(call, ChatToolCall.CreateFunctionToolCall(call.Id, call.FunctionName, call.FunctionArguments), "chat", $"messages[{i}].ToolCalls[{j}]", "ChatClient");
                    }
                }

#pragma warning disable CS0618 // the legacy function call is still sent when set, so its patch would be too
                if (assistant.FunctionCall is { } functionCall)
                {
                    Refuse(ref functionCall.Patch, "chat", $"messages[{i}].FunctionCall", "ChatClient");
                }
#pragma warning restore CS0618
            }
        }

        return list;
    }

    public static void Refuse(SdkEmbeddingOptions options) => Refuse(ref options.Patch, "embedding", "EmbeddingGenerationOptions", "EmbeddingClient");

    public static void Refuse(CreateResponseOptions options)
    {
        Refuse(ref options.Patch, "responses", "CreateResponseOptions", "ResponsesClient");
        for (var i = 0; i < options.Tools.Count; i++)
        {
            Refuse(ref options.Tools[i].Patch, "responses", $"CreateResponseOptions.Tools[{i}]", "ResponsesClient");
        }

        for (var i = 0; i < options.InputItems.Count; i++)
        {
            var item = options.InputItems[i];
            Refuse(ref item.Patch, "responses", $"CreateResponseOptions.InputItems[{i}]", "ResponsesClient");
            if (item is MessageResponseItem message)
            {
                for (var j = 0; j < message.Content.Count; j++)
                {
                    Refuse(ref message.Content[j].Patch, "responses", $"CreateResponseOptions.InputItems[{i}].Content[{j}]", "ResponsesClient");
                }
            }
            else if (item is ReasoningResponseItem reasoning)
            {
                // Sent from its SDK form (Microsoft.Extensions.AI keeps it as the reasoning content's raw representation),
                // so a patched summary part would go out while the receipt binds the summary text.
                for (var j = 0; j < reasoning.SummaryParts.Count; j++)
                {
                    Refuse(ref reasoning.SummaryParts[j].Patch, "responses", $"CreateResponseOptions.InputItems[{i}].SummaryParts[{j}]", "ResponsesClient");
                }
            }
        }

        if (options.TextOptions is { } text)
        {
            Refuse(ref text.Patch, "responses", "CreateResponseOptions.TextOptions", "ResponsesClient");
            if (text.TextFormat is { } format)
            {
                Refuse(ref format.Patch, "responses", "CreateResponseOptions.TextOptions.TextFormat", "ResponsesClient");
            }
        }
    }

    private static void Refuse(ref JsonPatch patch, string client, string holder, string sdkClient)
    {
        // "JP" writes the patch's operations; an untouched patch writes none.
        var operations = patch.ToString("JP");
        if (operations != "[]")
        {
            throw Refused(client, holder, operations, sdkClient);
        }
    }

    /// <summary>
    /// A patch on a path under the function of a chat tool or tool call ("$.function.strict") is handed on to an object the
    /// SDK keeps internal, so the holder's own Patch stays empty: the holder is written next to one rebuilt from its
    /// members (what the verified path carries), and any difference is that patch.
    /// </summary>
    private static void RefuseHidden<T>(T model, T rebuilt, string client, string holder, string sdkClient)
        where T : IPersistableModel<T>
    {
        var sent = ModelReaderWriter.Write(model, ModelReaderWriterOptions.Json).ToString();
        if (sent != ModelReaderWriter.Write(rebuilt, ModelReaderWriterOptions.Json).ToString())
        {
            throw Refused(client, holder, $"it writes {sent}", sdkClient);
        }
    }

    private static NotSupportedException Refused(string client, string holder, string operations, string sdkClient) =>
        new($"The verified OpenAI {client} client cannot carry {holder}.Patch ({(operations.Length <= 200 ? operations : operations[..200] + "…")}): " +
            "the verified call sends what Microsoft.Extensions.AI builds from the members it carries, so the patch would be dropped or sent without the receipt binding it, and a verified call does neither. " +
            $"Set the member itself where the SDK type has one, or call the SDK's {sdkClient} directly and mark the call [AllowUnverifiedAi].");
}
