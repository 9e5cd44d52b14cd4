using Microsoft.Extensions.AI;
using Microsoft.SemanticKernel;
using OpenAI;
using OpenVerify.Extensions.AI;

public static class Assistant
{
    // OV0003 ("Use a VerifiedChatClient (UseOpenVerify)").
    public static async Task<string> AskAsync(OpenAIClient openAi, string question)
    {
        IChatClient client = openAi.GetChatClient("gpt-4o-mini").AsIChatClient();
        var response = await client.GetResponseAsync(question);
        return response.Text;
    }

    // OV0004 ("Use a VerifiedEmbeddingGenerator (UseOpenVerify)").
    public static async Task<float[]> EmbedAsync(OpenAIClient openAi, string text)
    {
        IEmbeddingGenerator<string, Embedding<float>> generator = openAi.GetEmbeddingClient("text-embedding-3-small").AsIEmbeddingGenerator();
        var embedding = await generator.GenerateVectorAsync(text);
        return embedding.ToArray();
    }

    // OV0003 ("Use a VerifiedOpenAIChatClient (AsVerified)"): the OpenAI SDK called directly; its result type stays.
    public static string Complete(OpenAIClient openAi, string question)
    {
        var chat = openAi.GetChatClient("gpt-4o-mini");
        System.ClientModel.ClientResult<OpenAI.Chat.ChatCompletion> completion = chat.CompleteChat(question);
        return completion.Value.Content[0].Text;
    }
}

// OV0003 ("Inject a VerifiedChatClient (AddVerifiedChatClient)"): the client comes from the container, which
// KernelApp registers verified already, so only the consumer changes.
public sealed class Summarizer(IChatClient chat)
{
    public async Task<string> SummarizeAsync(string text) => (await chat.GetResponseAsync("Summarize: " + text)).Text;
}

// OV0003 ("Verify the chat client where it is received (AsVerified)"): a handler's parameter, whose registration is
// not in this project, gets the verified client at the call.
public static class AssistantApi
{
    public static async Task<string> ChatAsync(string question, IChatClient chatClient) => (await chatClient.GetResponseAsync(question)).Text;
}

// OV0003 ("Build the kernel on a VerifiedChatClient"): the kernel's one chat service is the verified client, so the
// fix marks the call with the reason.
public static class KernelApp
{
    public static Kernel Build(OpenAIClient openAi)
    {
        var builder = Kernel.CreateBuilder();
        builder.Services.AddVerifiedChatClient(openAi.GetChatClient("gpt-4o-mini").AsIChatClient());
        return builder.Build();
    }

    public static async Task<string> AskAsync(Kernel kernel, string question) => (await kernel.InvokePromptAsync(question)).ToString();
}

// OV0003 ("Verify the OpenAI client where it is received (AsVerified)"): an OpenAI SDK client injected through the
// constructor; the field is only called on, so it becomes the verified wrapper and its assignment gets AsVerified().
public sealed class Translator
{
    private readonly OpenAI.Chat.ChatClient _chat;

    public Translator(OpenAI.Chat.ChatClient chat) => _chat = chat;

    public string Translate(string text) => _chat.CompleteChat("Translate to French: " + text).Value.Content[0].Text;
}
