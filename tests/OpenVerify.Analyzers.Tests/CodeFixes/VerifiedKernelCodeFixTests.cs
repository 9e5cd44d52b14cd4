using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using OpenVerify.Analyzers.Rules;
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
    private sealed class Test : CSharpCodeFixTest<UnverifiedAiCallAnalyzer, VerifiedKernelCodeFixProvider, DefaultVerifier>
    {
        public Test(string source, string? fixedSource = null)
        {
            TestCode = source;
            FixedCode = fixedSource ?? source;
            OfflineSetup.Apply(this);
            TestState.AdditionalReferences.Clear();
            TestState.AdditionalReferences.AddRange(TestReferences.WithSemanticKernelOpenAi);
            MarkupOptions = MarkupOptions.UseFirstDescriptor;
        }
    }

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

    public static TheoryData<string> NotOffered() => new()
    {
        // Code that asks the kernel for Semantic Kernel's own chat service would no longer find it.
        """
        class A
        {
            Kernel _k = Kernel.CreateBuilder().AddOpenAIChatCompletion("m", "key").Build();
            Task M() => {|OV0003:_k.InvokePromptAsync("q")|};
            object S() => _k.GetRequiredService<Microsoft.SemanticKernel.ChatCompletion.IChatCompletionService>();
        }
        """,
        // Two chat services: which one a prompt uses is not for the fix to guess.
        """
        class A
        {
            Kernel Make(IKernelBuilder b) { b.AddOpenAIChatCompletion("m", "key"); b.AddOpenAIChatCompletion("n", "key"); return b.Build(); }
            Task M(Kernel k) => {|OV0003:k.InvokePromptAsync("q")|};
        }
        """,
        // Arguments that do not map (a service id, an HTTP client).
        """
        class A
        {
            Kernel Make(IKernelBuilder b) { b.AddOpenAIChatCompletion("m", "key", serviceId: "s"); return b.Build(); }
            Task M(Kernel k) => {|OV0003:k.InvokePromptAsync("q")|};
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
