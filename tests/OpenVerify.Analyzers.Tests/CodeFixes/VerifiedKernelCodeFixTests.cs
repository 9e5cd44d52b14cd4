using OpenVerify.Analyzers.Tests.Infrastructure;
using OpenVerify.CodeFixes;

namespace OpenVerify.Analyzers.Tests.CodeFixes;

/// <summary>
/// "Build the kernel on a VerifiedChatClient": Semantic Kernel's OpenAI chat registration becomes the verified client and
/// the call into the kernel is marked with the reason. The fixed code is compiled against the real Semantic Kernel
/// (with its OpenAI connector), OpenAI and OpenVerify.Extensions.AI assemblies; tests/OpenVerify.Extensions.AI.Tests
/// runs the rewritten kernel against a loopback server and checks its receipts.
/// </summary>
public class VerifiedKernelCodeFixTests
{
    private sealed class Test(string source, string? fixedSource = null)
        : AiCallCodeFixTest<VerifiedKernelCodeFixProvider>(source, fixedSource, TestReferences.WithSemanticKernelOpenAi);

    [Fact]
    public Task A_kernel_builder_statement_is_rebuilt_on_the_verified_client_and_the_call_marked() => new Test("""
        using System.Threading.Tasks;
        using Microsoft.SemanticKernel;

        class Assistant
        {
            private readonly Kernel _kernel;

            public Assistant(string apiKey)
            {
                var builder = Kernel.CreateBuilder();
                builder.AddOpenAIChatCompletion("gpt-4o-mini", apiKey);
                _kernel = builder.Build();
            }

            public async Task<string> AskAsync(string question) => (await {|OV0003:_kernel.InvokePromptAsync(question)|}).ToString();
        }
        """, """
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;
        using Microsoft.SemanticKernel;
        using OpenAI;
        using OpenVerify;
        using OpenVerify.Extensions.AI;

        class Assistant
        {
            private readonly Kernel _kernel;

            public Assistant(string apiKey)
            {
                var builder = Kernel.CreateBuilder();
                builder.Services.AddVerifiedChatClient(new OpenAIClient(apiKey).GetChatClient("gpt-4o-mini").AsIChatClient());
                _kernel = builder.Build();
            }

            [AllowUnverifiedAi("the kernel's IChatClient is a VerifiedChatClient: every model call is attested")]
            public async Task<string> AskAsync(string question) => (await _kernel.InvokePromptAsync(question)).ToString();
        }
        """).RunAsync();

    [Fact]
    public Task A_chained_kernel_builder_is_split_and_every_call_marked_by_fix_all() => new Test("""
        using System.Threading.Tasks;
        using Microsoft.SemanticKernel;
        using OpenAI;

        class Assistant
        {
            private Kernel _kernel = null!;

            public void Connect(OpenAIClient openAi)
            {
                _kernel = Kernel.CreateBuilder().AddOpenAIChatCompletion("gpt-4o-mini", openAi).Build();
            }

            public Task<FunctionResult> AskAsync(string question) => {|OV0003:_kernel.InvokePromptAsync(question)|};

            public async Task<string> SummarizeAsync(string text) => (await {|OV0003:_kernel.InvokePromptAsync("Summarize: " + text)|}).ToString();
        }
        """, """
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;
        using Microsoft.SemanticKernel;
        using OpenAI;
        using OpenVerify;
        using OpenVerify.Extensions.AI;

        class Assistant
        {
            private Kernel _kernel = null!;

            public void Connect(OpenAIClient openAi)
            {
                var kernelBuilder = Kernel.CreateBuilder();
                kernelBuilder.Services.AddVerifiedChatClient(openAi.GetChatClient("gpt-4o-mini").AsIChatClient());
                _kernel = kernelBuilder.Build();
            }

            [AllowUnverifiedAi("the kernel's IChatClient is a VerifiedChatClient: every model call is attested")]
            public Task<FunctionResult> AskAsync(string question) => _kernel.InvokePromptAsync(question);

            [AllowUnverifiedAi("the kernel's IChatClient is a VerifiedChatClient: every model call is attested")]
            public async Task<string> SummarizeAsync(string text) => (await _kernel.InvokePromptAsync("Summarize: " + text)).ToString();
        }
        """)
    {
        CodeActionEquivalenceKey = VerifiedKernelCodeFixProvider.Title,
        CodeActionIndex = 0,
    }.RunAsync();

    [Fact]
    public Task Top_level_statements_with_an_organization_id_are_rewritten() => new Test("""
        using Microsoft.SemanticKernel;

        var apiKey = System.Environment.GetEnvironmentVariable("OPENAI_API_KEY")!;
        var orgId = System.Environment.GetEnvironmentVariable("OPENAI_ORG_ID");

        Kernel kernel = Kernel.CreateBuilder()
                                .AddOpenAIChatCompletion("gpt-4o-mini", apiKey, orgId)
                                .Build();

        KernelFunction joke = kernel.CreateFunctionFromPrompt("Finish the joke: {{$input}}");
        var result = await {|OV0003:kernel.InvokeAsync(joke, new KernelArguments { ["input"] = "Boo" })|};
        System.Console.WriteLine(result);
        """, """
        using Microsoft.Extensions.AI;
        using Microsoft.SemanticKernel;
        using OpenAI;
        using OpenVerify;
        using OpenVerify.Extensions.AI;

        var apiKey = System.Environment.GetEnvironmentVariable("OPENAI_API_KEY")!;
        var orgId = System.Environment.GetEnvironmentVariable("OPENAI_ORG_ID");

        var kernelBuilder = Kernel.CreateBuilder();
        kernelBuilder.Services.AddVerifiedChatClient(new OpenAIClient(new System.ClientModel.ApiKeyCredential(apiKey), new OpenAIClientOptions { OrganizationId = orgId }).GetChatClient("gpt-4o-mini").AsIChatClient());
        Kernel kernel = kernelBuilder.Build();

        KernelFunction joke = kernel.CreateFunctionFromPrompt("Finish the joke: {{$input}}");
        [AllowUnverifiedAi("the kernel's IChatClient is a VerifiedChatClient: every model call is attested")]
        System.Threading.Tasks.Task<FunctionResult> UnverifiedInvokeAsync() => kernel.InvokeAsync(joke, new KernelArguments { ["input"] = "Boo" });
        var result = await UnverifiedInvokeAsync();
        System.Console.WriteLine(result);
        """) { TestState = { OutputKind = Microsoft.CodeAnalysis.OutputKind.ConsoleApplication } }.RunAsync();

    /// <summary>
    /// Code that asks the kernel for <c>IChatCompletionService</c> and calls it directly: the registration becomes the
    /// verified client and its Semantic Kernel adapter (<c>AsChatCompletionService()</c>), and the call is marked.
    /// </summary>
    [Fact]
    public Task A_chat_completion_service_asked_of_the_kernel_gets_the_verified_clients_adapter() => new Test("""
        using System.Threading.Tasks;
        using Microsoft.SemanticKernel;
        using Microsoft.SemanticKernel.ChatCompletion;

        class Assistant
        {
            private readonly Kernel _kernel;

            public Assistant(string apiKey)
            {
                var builder = Kernel.CreateBuilder();
                builder.AddOpenAIChatCompletion("gpt-4o-mini", apiKey);
                _kernel = builder.Build();
            }

            public async Task<string?> AskAsync(ChatHistory history)
            {
                var chat = _kernel.GetRequiredService<IChatCompletionService>();
                var answer = await {|OV0003:chat.GetChatMessageContentAsync(history, kernel: _kernel)|};
                return answer.Content;
            }
        }
        """, """
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.SemanticKernel;
        using Microsoft.SemanticKernel.ChatCompletion;
        using OpenAI;
        using OpenVerify;
        using OpenVerify.Extensions.AI;

        class Assistant
        {
            private readonly Kernel _kernel;

            public Assistant(string apiKey)
            {
                var builder = Kernel.CreateBuilder();
                builder.Services.AddVerifiedChatClient(new OpenAIClient(apiKey).GetChatClient("gpt-4o-mini").AsIChatClient());
                builder.Services.AddSingleton<IChatCompletionService>(sp => sp.GetRequiredService<VerifiedChatClient>().AsChatCompletionService(sp));
                _kernel = builder.Build();
            }

            [AllowUnverifiedAi("the kernel's IChatClient is a VerifiedChatClient: every model call is attested")]
            public async Task<string?> AskAsync(ChatHistory history)
            {
                var chat = _kernel.GetRequiredService<IChatCompletionService>();
                var answer = await chat.GetChatMessageContentAsync(history, kernel: _kernel);
                return answer.Content;
            }
        }
        """).RunAsync();

    /// <summary>
    /// A kernel built in dependency injection (<c>services.AddKernel().AddOpenAIChatCompletion(…)</c>) whose
    /// <c>IChatCompletionService</c> is constructor-injected: the chain is split and the service registered over the verified client.
    /// </summary>
    [Fact]
    public Task A_kernel_built_in_di_with_an_injected_chat_completion_service_is_rewritten() => new Test("""
        using System.Collections.Generic;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.SemanticKernel;
        using Microsoft.SemanticKernel.ChatCompletion;

        static class Startup
        {
            public static void Configure(IServiceCollection services, string apiKey)
            {
                services.AddKernel().AddOpenAIChatCompletion("gpt-4o-mini", apiKey);
                services.AddSingleton<Assistant>();
            }
        }

        class Assistant(IChatCompletionService chat)
        {
            public IAsyncEnumerable<StreamingChatMessageContent> Stream(ChatHistory history) => {|OV0003:chat.GetStreamingChatMessageContentsAsync(history)|};
        }
        """, """
        using System.Collections.Generic;
        using Microsoft.Extensions.AI;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.SemanticKernel;
        using Microsoft.SemanticKernel.ChatCompletion;
        using OpenAI;
        using OpenVerify;
        using OpenVerify.Extensions.AI;

        static class Startup
        {
            public static void Configure(IServiceCollection services, string apiKey)
            {
                var kernelBuilder = services.AddKernel();
                kernelBuilder.Services.AddVerifiedChatClient(new OpenAIClient(apiKey).GetChatClient("gpt-4o-mini").AsIChatClient());
                kernelBuilder.Services.AddSingleton<IChatCompletionService>(sp => sp.GetRequiredService<VerifiedChatClient>().AsChatCompletionService(sp));
                services.AddSingleton<Assistant>();
            }
        }

        class Assistant(IChatCompletionService chat)
        {
            [AllowUnverifiedAi("the kernel's IChatClient is a VerifiedChatClient: every model call is attested")]
            public IAsyncEnumerable<StreamingChatMessageContent> Stream(ChatHistory history) => chat.GetStreamingChatMessageContentsAsync(history);
        }
        """).RunAsync();

    /// <summary>
    /// Several chat services, each with its <c>serviceId</c> (one on Azure OpenAI, one Semantic Kernel <c>IChatClient</c>):
    /// Fix All registers each as a keyed verified client, once, and marks every call.
    /// </summary>
    [Fact]
    public Task Fix_all_rewrites_several_keyed_services_once_each() => new Test("""
        using System.Threading.Tasks;
        using Microsoft.SemanticKernel;

        class Assistant
        {
            private readonly Kernel _kernel;

            public Assistant(string endpoint, string apiKey)
            {
                var builder = Kernel.CreateBuilder();
                builder.AddAzureOpenAIChatCompletion("gpt-4o", endpoint, apiKey, serviceId: "azure");
                builder.AddOpenAIChatClient("gpt-4o-mini", apiKey, serviceId: "openai");
                _kernel = builder.Build();
            }

            public Task<FunctionResult> AskAsync(string question) => {|OV0003:_kernel.InvokePromptAsync(question)|};

            public Task<FunctionResult> AgainAsync(string question) => {|OV0003:_kernel.InvokePromptAsync(question)|};
        }
        """, """
        using System.Threading.Tasks;
        using Azure.AI.OpenAI;
        using Microsoft.Extensions.AI;
        using Microsoft.SemanticKernel;
        using OpenAI;
        using OpenVerify;
        using OpenVerify.Extensions.AI;

        class Assistant
        {
            private readonly Kernel _kernel;

            public Assistant(string endpoint, string apiKey)
            {
                var builder = Kernel.CreateBuilder();
                builder.Services.AddKeyedVerifiedChatClient("azure", new AzureOpenAIClient(new System.Uri(endpoint), new System.ClientModel.ApiKeyCredential(apiKey)).GetChatClient("gpt-4o").AsIChatClient());
                builder.Services.AddKeyedVerifiedChatClient("openai", new OpenAIClient(apiKey).GetChatClient("gpt-4o-mini").AsIChatClient());
                _kernel = builder.Build();
            }

            [AllowUnverifiedAi("the kernel's IChatClient is a VerifiedChatClient: every model call is attested")]
            public Task<FunctionResult> AskAsync(string question) => _kernel.InvokePromptAsync(question);

            [AllowUnverifiedAi("the kernel's IChatClient is a VerifiedChatClient: every model call is attested")]
            public Task<FunctionResult> AgainAsync(string question) => _kernel.InvokePromptAsync(question);
        }
        """)
    {
        CodeActionEquivalenceKey = VerifiedKernelCodeFixProvider.Title,
        CodeActionIndex = 0,
    }.RunAsync();

    /// <summary>
    /// Top-level statements with a chain of two keyed registrations (<c>serviceId: "gpt3"</c>, <c>"gpt4"</c>) and an
    /// organization id: the chain is split once, each service registered as a keyed verified client.
    /// </summary>
    [Fact]
    public Task A_chain_of_keyed_registrations_is_split_once() => new Test("""
        using Microsoft.SemanticKernel;

        var apiKey = System.Environment.GetEnvironmentVariable("OPENAI_API_KEY")!;
        var orgId = System.Environment.GetEnvironmentVariable("OPENAI_ORG_ID");

        Kernel kernel = Kernel.CreateBuilder()
                                .AddOpenAIChatCompletion("gpt-3.5-turbo", apiKey, orgId, serviceId: "gpt3")
                                .AddOpenAIChatCompletion("gpt-4", apiKey, orgId, serviceId: "gpt4")
                                .Build();

        var joke = await {|OV0003:kernel.InvokePromptAsync("Finish the joke")|};
        System.Console.WriteLine(joke);
        """, """
        using Microsoft.Extensions.AI;
        using Microsoft.SemanticKernel;
        using OpenAI;
        using OpenVerify;
        using OpenVerify.Extensions.AI;

        var apiKey = System.Environment.GetEnvironmentVariable("OPENAI_API_KEY")!;
        var orgId = System.Environment.GetEnvironmentVariable("OPENAI_ORG_ID");

        var kernelBuilder = Kernel.CreateBuilder();
        kernelBuilder.Services.AddKeyedVerifiedChatClient("gpt3", new OpenAIClient(new System.ClientModel.ApiKeyCredential(apiKey), new OpenAIClientOptions { OrganizationId = orgId }).GetChatClient("gpt-3.5-turbo").AsIChatClient());
        kernelBuilder.Services.AddKeyedVerifiedChatClient("gpt4", new OpenAIClient(new System.ClientModel.ApiKeyCredential(apiKey), new OpenAIClientOptions { OrganizationId = orgId }).GetChatClient("gpt-4").AsIChatClient());
        Kernel kernel = kernelBuilder.Build();

        [AllowUnverifiedAi("the kernel's IChatClient is a VerifiedChatClient: every model call is attested")]
        System.Threading.Tasks.Task<FunctionResult> UnverifiedInvokePromptAsync() => kernel.InvokePromptAsync("Finish the joke");
        var joke = await UnverifiedInvokePromptAsync();
        System.Console.WriteLine(joke);
        """) { TestState = { OutputKind = Microsoft.CodeAnalysis.OutputKind.ConsoleApplication } }.RunAsync();

    public static TheoryData<string> NotOffered() => new()
    {
        // Code that asks for a text generation service: the verified client has no adapter for it.
        """
        class A
        {
            Kernel _k = Kernel.CreateBuilder().AddOpenAIChatCompletion("m", "key").Build();
            Task M() => {|OV0003:_k.InvokePromptAsync("q")|};
            object S() => _k.GetRequiredService<Microsoft.SemanticKernel.TextGeneration.ITextGenerationService>();
        }
        """,
        // Arguments that do not map (an HTTP client, a custom endpoint).
        """
        class A
        {
            Kernel Make(IKernelBuilder b) { b.AddOpenAIChatCompletion("m", "key", httpClient: new System.Net.Http.HttpClient()); return b.Build(); }
            Task M(Kernel k) => {|OV0003:k.InvokePromptAsync("q")|};
        }
        """,
        """
        class A
        {
            Kernel Make(IKernelBuilder b) { b.AddOpenAIChatCompletion("m", new System.Uri("http://localhost:11434"), "key"); return b.Build(); }
            Task M(Kernel k) => {|OV0003:k.InvokePromptAsync("q")|};
        }
        """,
        // One of two registrations does not map: the other alone would leave half the kernel unverified.
        """
        class A
        {
            Kernel Make(IKernelBuilder b) { b.AddOpenAIChatCompletion("m", "key"); b.AddAzureOpenAIChatCompletion("d", "https://x.openai.azure.com", "key", apiVersion: "2024-10-21"); return b.Build(); }
            Task M(Kernel k) => {|OV0003:k.InvokePromptAsync("q")|};
        }
        """,
        // A chat completion service built in place, not the kernel's.
        """
        class A
        {
            Kernel Make(IKernelBuilder b) { b.AddOpenAIChatCompletion("m", "key"); return b.Build(); }
            Task M() { Microsoft.SemanticKernel.ChatCompletion.IChatCompletionService chat = new Microsoft.SemanticKernel.Connectors.OpenAI.OpenAIChatCompletionService("m", "key"); return {|OV0003:chat.GetChatMessageContentsAsync(new Microsoft.SemanticKernel.ChatCompletion.ChatHistory())|}; }
        }
        """,
        // No chat service registered in the solution: the kernel comes from elsewhere.
        "class A { Task M(Kernel k) => {|OV0003:k.InvokePromptAsync(\"q\")|}; }",
        // Not a kernel call.
        "class A { Task M(Microsoft.Extensions.AI.IChatClient c, IKernelBuilder b) { b.AddOpenAIChatCompletion(\"m\", \"key\"); return {|OV0003:c.GetResponseAsync(\"q\")|}; } }",
    };

    [Theory]
    [MemberData(nameof(NotOffered))]
    public Task Not_offered_where_the_rewrite_is_not_safe(string source) => new Test("""
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;
        using Microsoft.SemanticKernel;

        """ + source).RunAsync();
}
