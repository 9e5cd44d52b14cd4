using OpenVerify.Analyzers.Tests.Infrastructure;
using OpenVerify.CodeFixes;

namespace OpenVerify.Analyzers.Tests.CodeFixes;

/// <summary>
/// "Build the kernel on a VerifiedChatClient" in a file where <c>using Microsoft.Extensions.AI;</c> would make a name the
/// code uses ambiguous (azure-search-openai-demo's chat service takes the app's own <c>ChatMessage[]</c>): the names the fix
/// adds are written qualified and the extension methods imported with <c>using static</c>, so the fix is still offered and
/// compiles. Both calls are fixed one after the other (the second finds the adapter the first registered) and by Fix All.
/// </summary>
public class VerifiedKernelQualifiedNamesTests
{
    private sealed class Test(string source, string fixedSource)
        : AiCallCodeFixTest<VerifiedKernelCodeFixProvider>(source, fixedSource, TestReferences.WithSemanticKernelOpenAi);

    private const string Before = """
        using System.Linq;
        using System.Threading.Tasks;
        using App.Models;
        using Microsoft.SemanticKernel;
        using Microsoft.SemanticKernel.ChatCompletion;

        namespace App.Models
        {
            public record ChatMessage(string Role, string Content);
        }

        namespace App.Services
        {
            public class ReadRetrieveReadChatService
            {
                private readonly Kernel _kernel;

                public ReadRetrieveReadChatService(OpenAI.OpenAIClient client, string deployment, string? endpoint, Azure.Core.TokenCredential credential, bool useAzure)
                {
                    var kernelBuilder = Kernel.CreateBuilder();
                    if (!useAzure)
                    {
                        kernelBuilder = kernelBuilder.AddOpenAIChatCompletion(deployment, client);
                    }
                    else if (endpoint is not null)
                    {
                        kernelBuilder = kernelBuilder.AddAzureOpenAIChatCompletion(deployment, endpoint, credential);
                    }

                    _kernel = kernelBuilder.Build();
                }

                public async Task<string?> ReplyAsync(ChatMessage[] history)
                {
                    var chat = _kernel.GetRequiredService<IChatCompletionService>();
                    var query = await {|OV0003:chat.GetChatMessageContentAsync(new ChatHistory(history.Last().Content))|};
                    var answer = await {|OV0003:chat.GetChatMessageContentAsync(new ChatHistory(query.Content!))|};
                    return answer.Content;
                }
            }
        }
        """;

    private const string After = """
        using System.Linq;
        using System.Threading.Tasks;
        using App.Models;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.SemanticKernel;
        using Microsoft.SemanticKernel.ChatCompletion;
        using OpenVerify;
        using static Microsoft.Extensions.AI.OpenAIClientExtensions;
        using static OpenVerify.Extensions.AI.OpenVerifyChatClientServiceCollectionExtensions;

        namespace App.Models
        {
            public record ChatMessage(string Role, string Content);
        }

        namespace App.Services
        {
            public class ReadRetrieveReadChatService
            {
                private readonly Kernel _kernel;

                public ReadRetrieveReadChatService(OpenAI.OpenAIClient client, string deployment, string? endpoint, Azure.Core.TokenCredential credential, bool useAzure)
                {
                    var kernelBuilder = Kernel.CreateBuilder();
                    if (!useAzure)
                    {
                        kernelBuilder.Services.AddVerifiedChatClient(client.GetChatClient(deployment).AsIChatClient());
                        kernelBuilder.Services.AddSingleton<IChatCompletionService>(sp => sp.GetRequiredService<OpenVerify.Extensions.AI.VerifiedChatClient>().AsChatCompletionService(sp));
                    }
                    else if (endpoint is not null)
                    {
                        kernelBuilder.Services.AddVerifiedChatClient(new Azure.AI.OpenAI.AzureOpenAIClient(new System.Uri(endpoint), credential).GetChatClient(deployment).AsIChatClient());
                        kernelBuilder.Services.AddSingleton<IChatCompletionService>(sp => sp.GetRequiredService<OpenVerify.Extensions.AI.VerifiedChatClient>().AsChatCompletionService(sp));
                    }

                    _kernel = kernelBuilder.Build();
                }

                [AllowUnverifiedAi("the kernel's IChatClient is a VerifiedChatClient: every model call is attested")]
                public async Task<string?> ReplyAsync(ChatMessage[] history)
                {
                    var chat = _kernel.GetRequiredService<IChatCompletionService>();
                    var query = await chat.GetChatMessageContentAsync(new ChatHistory(history.Last().Content));
                    var answer = await chat.GetChatMessageContentAsync(new ChatHistory(query.Content!));
                    return answer.Content;
                }
            }
        }
        """;

    [Fact]
    public Task The_added_names_are_qualified_where_a_using_would_make_a_name_ambiguous() => new Test(Before, After).RunAsync();

    [Fact]
    public Task Fix_all_writes_the_same() => new Test(Before, After)
    {
        CodeActionEquivalenceKey = VerifiedKernelCodeFixProvider.Title,
        CodeActionIndex = 0,
    }.RunAsync();
}
