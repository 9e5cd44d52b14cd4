using Microsoft.CodeAnalysis.Testing;
using OpenVerify.Analyzers.Tests.Infrastructure;
using OpenVerify.CodeFixes;

namespace OpenVerify.Analyzers.Tests.CodeFixes;

/// <summary>
/// "Use a VerifiedOpenAIModerationClient (AsVerified)": the OpenAI SDK's <c>ModerationClient</c> built in place, re-typed
/// to OpenVerify.Extensions.AI.OpenAI's wrapper, the calls and declared result types (<c>ModerationResult</c>,
/// <c>ModerationResultCollection</c>) kept. The fixed code is compiled against the real SDK and the real wrapper assembly.
/// </summary>
public class VerifiedOpenAIModerationCodeFixTests
{
    private sealed class Test(string source, string? fixedSource = null, bool withPackage = true)
        : AiCallCodeFixTest<VerifiedClientCodeFixProvider>(source, fixedSource, withPackage ? TestReferences.WithOpenAiSdkWrappers : TestReferences.WithVerifiedClients);

    [Fact]
    public Task A_var_local_from_GetModerationClient_gets_AsVerified_and_keeps_its_result_types() => new Test("""
        using System.ClientModel;
        using System.Threading.Tasks;
        using OpenAI;
        using OpenAI.Moderations;

        class Filter
        {
            async Task<bool> IsFlagged(OpenAIClient openAi, string text)
            {
                var moderation = openAi.GetModerationClient("omni-moderation-latest");
                ClientResult<ModerationResult> result = await {|OV0004:moderation.ClassifyTextAsync(text)|};
                ModerationResultCollection all = {|OV0004:moderation.ClassifyText(new[] { text, "second" })|};
                return result.Value.Flagged || all[1].Violence.Flagged;
            }
        }
        """, """
        using System.ClientModel;
        using System.Threading.Tasks;
        using OpenAI;
        using OpenAI.Moderations;
        using OpenVerify.Extensions.AI;

        class Filter
        {
            async Task<bool> IsFlagged(OpenAIClient openAi, string text)
            {
                var moderation = openAi.GetModerationClient("omni-moderation-latest").AsVerified();
                ClientResult<ModerationResult> result = await moderation.ClassifyTextAsync(text);
                ModerationResultCollection all = moderation.ClassifyText(new[] { text, "second" });
                return result.Value.Flagged || all[1].Violence.Flagged;
            }
        }
        """).RunAsync();

    [Fact]
    public Task A_private_field_built_with_new_is_retyped() => new Test("""
        using OpenAI.Moderations;

        class Filter
        {
            private readonly ModerationClient _moderation = new("omni-moderation-latest", "key");

            public bool IsFlagged(string text) => {|OV0004:_moderation.ClassifyText(text)|}.Value.Flagged;
        }
        """, """
        using OpenAI.Moderations;
        using OpenVerify.Extensions.AI;

        class Filter
        {
            private readonly VerifiedOpenAIModerationClient _moderation = new ModerationClient("omni-moderation-latest", "key").AsVerified();

            public bool IsFlagged(string text) => _moderation.ClassifyText(text).Value.Flagged;
        }
        """).RunAsync();

    [Fact]
    public Task In_top_level_statements_the_declared_type_changes() => new Test("""
        using System;
        using OpenAI.Moderations;

        ModerationClient moderation = new("omni-moderation-latest", "key");
        var verdict = {|OV0004:moderation.ClassifyText("hello")|}.Value;
        Console.WriteLine(verdict.Flagged);
        """, """
        using System;
        using OpenAI.Moderations;
        using OpenVerify.Extensions.AI;

        VerifiedOpenAIModerationClient moderation = new ModerationClient("omni-moderation-latest", "key").AsVerified();
        var verdict = moderation.ClassifyText("hello").Value;
        Console.WriteLine(verdict.Flagged);
        """)
    {
        TestState = { OutputKind = Microsoft.CodeAnalysis.OutputKind.ConsoleApplication },
    }.RunAsync();

    [Fact]
    public Task Fix_all_rewrites_each_moderation_client_once_and_leaves_the_others() => new Test("""
        using System.Threading.Tasks;
        using OpenAI;
        using OpenAI.Chat;
        using OpenAI.Moderations;

        class Filter
        {
            private readonly ModerationClient _moderation = new OpenAIClient("key").GetModerationClient("m");
            private readonly ChatClient _chat = new OpenAIClient("key").GetChatClient("c");

            Task A() => {|OV0004:_moderation.ClassifyTextAsync("a")|};
            Task B() => {|OV0004:_moderation.ClassifyTextAsync(new[] { "b", "c" })|};

            async Task C()
            {
                ModerationClient local = new("m", "key");
                await {|OV0004:local.ClassifyTextAsync("c")|};
                await {|OV0003:_chat.CompleteChatAsync("c")|};
            }
        }
        """, """
        using System.Threading.Tasks;
        using OpenAI;
        using OpenAI.Chat;
        using OpenAI.Moderations;
        using OpenVerify.Extensions.AI;

        class Filter
        {
            private readonly VerifiedOpenAIModerationClient _moderation = new OpenAIClient("key").GetModerationClient("m").AsVerified();
            private readonly ChatClient _chat = new OpenAIClient("key").GetChatClient("c");

            Task A() => _moderation.ClassifyTextAsync("a");
            Task B() => _moderation.ClassifyTextAsync(new[] { "b", "c" });

            async Task C()
            {
                VerifiedOpenAIModerationClient local = new ModerationClient("m", "key").AsVerified();
                await local.ClassifyTextAsync("c");
                await {|OV0003:_chat.CompleteChatAsync("c")|};
            }
        }
        """)
    {
        FixedState = { MarkupHandling = MarkupMode.Allow },
        CodeActionEquivalenceKey = VerifiedClientCodeFixProvider.SdkModerationTitle,
        CodeActionIndex = 0,
        NumberOfFixAllIterations = 1,
    }.RunAsync();

    public static TheoryData<string> NotRewritable() => new()
    {
        // A parameter: whoever passes it decides how it is built.
        "class A { void M(ModerationClient m) => {|OV0004:m.ClassifyText(\"q\")|}; }",
        // Returned: it escapes.
        "class A { ModerationClient M(OpenAIClient o) { var m = o.GetModerationClient(\"m\"); {|OV0004:m.ClassifyText(\"q\")|}; return m; } }",
        // Multimodal parts: the wrapper refuses image parts at run time, and which parts are passed is not known here.
        "class A { void M(OpenAIClient o, ModerationInputPart[] parts) { var m = o.GetModerationClient(\"m\"); {|OV0004:m.ClassifyText(\"q\")|}; {|OV0004:m.ClassifyInputs(parts)|}; } }",
        "class A { ModerationClient? _m = new OpenAIClient(\"k\").GetModerationClient(\"m\"); bool? M(ModerationInputPart[] parts) => _m?{|OV0004:.ClassifyInputs(parts)|}.Value.Flagged; }",
        // The protocol method, which the wrapper lacks: the rewrite would not compile.
        "class A { void M(OpenAIClient o) { var m = o.GetModerationClient(\"m\"); {|OV0004:m.ClassifyText(\"q\")|}; {|OV0004:m.ClassifyText(BinaryContent.Create(BinaryData.FromString(\"{}\")), null)|}; } }",
    };

    [Theory]
    [MemberData(nameof(NotRewritable))]
    public Task Not_offered_where_the_rewrite_is_not_safe(string source) => new Test("""
        #pragma warning disable OPENAI001
        using System;
        using System.ClientModel;
        using OpenAI;
        using OpenAI.Moderations;

        """ + source).RunAsync();

    [Fact]
    public Task Not_offered_without_the_package() => new Test("""
        using OpenAI;
        using OpenAI.Moderations;

        class Filter
        {
            bool IsFlagged(OpenAIClient openAi)
            {
                var moderation = openAi.GetModerationClient("m");
                return {|OV0004:moderation.ClassifyText("hello")|}.Value.Flagged;
            }
        }
        """, withPackage: false).RunAsync();
}
