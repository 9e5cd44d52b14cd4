using OpenVerify.Analyzers.Rules;
using OpenVerify.Analyzers.Tests.Infrastructure;

namespace OpenVerify.Analyzers.Tests.Rules;

public class ConfigurationTests
{
    private const string VendorSdk = """
        namespace Vendor.Llm
        {
            public class LlmClient
            {
                public string Complete(string prompt) => prompt;
                public string Complete(string prompt, int maxTokens) => prompt;
                public string Embed(string text) => text;
            }

            public interface IScorer { float Score(float[] features); }
        }
        """;

    private const string Calls = """
        using Vendor.Llm;

        class App
        {
            void Use(LlmClient client, IScorer scorer, Microsoft.SemanticKernel.Kernel kernel)
            {
                {|#0:client.Complete("a")|};
                {|#1:client.Complete("a", 3)|};
                {|#2:client.Embed("a")|};
                {|#3:scorer.Score(new float[0])|};
                {|#4:Microsoft.SemanticKernel.KernelExtensions.InvokePromptAsync(kernel, "a")|};
            }
        }
        """;

    private static AnalyzerTest<UnverifiedAiCallAnalyzer> Test() => new(Calls, VendorSdk);

    [Fact]
    public Task Without_configuration_only_known_apis_are_reported() =>
        Test().Expect(Expect.Call(Expect.KernelChat, 4, "KernelExtensions.InvokePromptAsync")).RunAsync();

    [Fact]
    public Task Additional_apis_from_global_options_are_reported_under_the_rule_they_name() => Test()
        .WithGlobalOptions("openverify.additional_ai_apis = M:Vendor.Llm.LlmClient.Complete(System.String)=OV0003 M:Vendor.Llm.LlmClient.Embed   T:Vendor.Llm.IScorer=OV0002")
        .Expect(
            Expect.Call(Expect.Chat, 0, "LlmClient.Complete"),
            Expect.Call(Expect.Model, 2, "LlmClient.Embed"),
            Expect.Call(Expect.MlNet, 3, "IScorer.Score"),
            Expect.Call(Expect.KernelChat, 4, "KernelExtensions.InvokePromptAsync"))
        .RunAsync();

    [Fact]
    public Task A_method_id_without_parameters_names_every_overload() => Test()
        .WithGlobalOptions("openverify.additional_ai_apis = M:Vendor.Llm.LlmClient.Complete")
        .Expect(
            Expect.Call(Expect.Model, 0, "LlmClient.Complete"),
            Expect.Call(Expect.Model, 1, "LlmClient.Complete"),
            Expect.Call(Expect.KernelChat, 4, "KernelExtensions.InvokePromptAsync"))
        .RunAsync();

    [Fact]
    public Task Excluded_apis_from_global_options_are_not_reported() => Test()
        .WithGlobalOptions("openverify.excluded_ai_apis = T:Microsoft.SemanticKernel.KernelExtensions")
        .RunAsync();

    [Fact]
    public Task The_api_list_file_adds_and_excludes() => Test()
        .WithAdditionalFile("/0/OpenVerifyAiApis.txt", """
            # Our own LLM gateway.
            T:Vendor.Llm.LlmClient=OV0003

            -M:Microsoft.SemanticKernel.KernelExtensions.InvokePromptAsync
            """)
        .Expect(
            Expect.Call(Expect.Chat, 0, "LlmClient.Complete"),
            Expect.Call(Expect.Chat, 1, "LlmClient.Complete"),
            Expect.Call(Expect.Chat, 2, "LlmClient.Embed"))
        .RunAsync();

    [Fact]
    public Task Another_additional_file_is_ignored() => Test()
        .WithAdditionalFile("/0/OtherApis.txt", "T:Vendor.Llm.LlmClient")
        .Expect(Expect.Call(Expect.KernelChat, 4, "KernelExtensions.InvokePromptAsync"))
        .RunAsync();

    [Fact]
    public Task A_code_base_that_references_no_ai_sdk_gets_nothing_even_with_look_alike_names() => new AnalyzerTest<UnverifiedAiCallAnalyzer>("""
        namespace Microsoft.ML.OnnxRuntimeLookAlike
        {
            class InferenceSession { public void Run() { } }

            class App { void Use(InferenceSession s) => s.Run(); }
        }
        """).WithReferences(TestReferences.FrameworkOnly).RunAsync();
}
