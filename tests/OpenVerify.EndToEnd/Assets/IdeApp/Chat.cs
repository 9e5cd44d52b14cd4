using Microsoft.Extensions.AI;
using OpenAI;

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
}
