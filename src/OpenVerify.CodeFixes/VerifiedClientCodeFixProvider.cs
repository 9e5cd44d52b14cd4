using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using OpenVerify.Analyzers.Diagnostics;

namespace OpenVerify.CodeFixes;

/// <summary>
/// OV0003/OV0004: where the call's receiver is a local or a private field of type <c>IChatClient</c>,
/// <c>IEmbeddingGenerator&lt;,&gt;</c>, <c>ISpeechToTextClient</c>, <c>ITextToSpeechClient</c> or <c>IImageGenerator</c> (or a class implementing one) that is built in place, re-types it to
/// OpenVerify.Extensions.AI's verified client type and appends <c>.AsBuilder().UseOpenVerify().BuildVerified()</c> to
/// each construction (see <see cref="VerifiedClientRewrite"/> for where the fix is and is not offered). Fix All
/// re-types every such variable once, however many calls it has. A variable of the OpenAI SDK's own <c>ChatClient</c> /
/// <c>EmbeddingClient</c> / <c>ResponsesClient</c> / <c>AudioClient</c> / <c>ModerationClient</c> / <c>ImageClient</c> becomes OpenVerify.Extensions.AI.OpenAI's wrapper of the same call shapes (<c>.AsVerified()</c>).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(VerifiedClientCodeFixProvider)), Shared]
public sealed class VerifiedClientCodeFixProvider : CodeFixProvider
{
    /// <summary>The title for a chat client, also the equivalence key Fix All groups by.</summary>
    public const string ChatTitle = "Use a VerifiedChatClient (UseOpenVerify)";

    /// <summary>The title for an embedding generator, also the equivalence key Fix All groups by.</summary>
    public const string EmbeddingTitle = "Use a VerifiedEmbeddingGenerator (UseOpenVerify)";

    /// <summary>The title for the OpenAI SDK's own chat client, also its equivalence key.</summary>
    public const string SdkChatTitle = "Use a VerifiedOpenAIChatClient (AsVerified)";

    /// <summary>The title for the OpenAI SDK's own responses client, also its equivalence key.</summary>
    public const string SdkResponsesTitle = "Use a VerifiedOpenAIResponsesClient (AsVerified)";

    /// <summary>The title for the OpenAI SDK's own audio client, also its equivalence key.</summary>
    public const string SdkAudioTitle = "Use a VerifiedOpenAIAudioClient (AsVerified)";

    /// <summary>The title for the OpenAI SDK's own embedding client, also its equivalence key.</summary>
    public const string SdkEmbeddingTitle = "Use a VerifiedOpenAIEmbeddingClient (AsVerified)";

    /// <summary>The title for the OpenAI SDK's own moderation client, also its equivalence key.</summary>
    public const string SdkModerationTitle = "Use a VerifiedOpenAIModerationClient (AsVerified)";

    /// <summary>The title for the OpenAI SDK's own image client, also its equivalence key.</summary>
    public const string SdkImageTitle = "Use a VerifiedOpenAIImageClient (AsVerified)";

    /// <summary>The title for a speech-to-text client, also its equivalence key.</summary>
    public const string SpeechToTextTitle = "Use a VerifiedSpeechToTextClient (UseOpenVerify)";

    /// <summary>The title for a text-to-speech client, also its equivalence key.</summary>
    public const string TextToSpeechTitle = "Use a VerifiedTextToSpeechClient (UseOpenVerify)";

    /// <summary>The title for an image generator, also its equivalence key.</summary>
    public const string ImageGeneratorTitle = "Use a VerifiedImageGenerator (UseOpenVerify)";

    /// <summary>The title for a local ONNX embedding generator seen through the interface, also its equivalence key.</summary>
    public const string LocalEmbeddingTitle = "Use the VerifiedOnnxEmbeddingGenerator type";

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } =
        ImmutableArray.Create(DiagnosticIds.ChatOrTextGeneration, DiagnosticIds.OtherModelCall);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => new FixAll();

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        foreach (var diagnostic in context.Diagnostics)
        {
            var plan = await VerifiedClientRewrite.TryPlanAsync(context.Document, diagnostic, context.CancellationToken).ConfigureAwait(false);
            if (plan is null || !await VerifiedClientRewrite.CompilesAsync(context.Document.Project.Solution, new[] { plan }, context.CancellationToken).ConfigureAwait(false))
            {
                // Not rewritable, or the rewrite would not compile: the message says what to do by hand.
                continue;
            }

            var title = Title(plan);
            context.RegisterCodeFix(
                CodeAction.Create(
                    title,
                    ct => VerifiedClientRewrite.ApplyAsync(context.Document.Project.Solution, new[] { plan }, ct),
                    title),
                diagnostic);
        }
    }

    private static string Title(VerifiedClientRewrite.Plan plan) =>
        plan.Media is { } media ? media.Pick(ChatTitle, EmbeddingTitle, SpeechToTextTitle, TextToSpeechTitle, ImageGeneratorTitle)
        : plan.IsSdkClient ? (plan.TypeName == "VerifiedOpenAIResponsesClient" ? SdkResponsesTitle : plan.TypeName == "VerifiedOpenAIAudioClient" ? SdkAudioTitle : plan.TypeName == "VerifiedOpenAIModerationClient" ? SdkModerationTitle : plan.TypeName == "VerifiedOpenAIImageClient" ? SdkImageTitle : plan.IsChat ? SdkChatTitle : SdkEmbeddingTitle)
        : plan.IsChat ? ChatTitle : plan.RetypesOnly ? LocalEmbeddingTitle : EmbeddingTitle;

    /// <summary>Collects the variables behind every diagnostic in scope, each once, and re-types those whose rewrite compiles.</summary>
    private sealed class FixAll : FixAllProvider
    {
        public override IEnumerable<FixAllScope> GetSupportedFixAllScopes() =>
            new[] { FixAllScope.Document, FixAllScope.Project, FixAllScope.Solution };

        public override async Task<CodeAction?> GetFixAsync(FixAllContext fixAllContext)
        {
            var documents = fixAllContext.Scope switch
            {
                FixAllScope.Solution => fixAllContext.Solution.Projects.SelectMany(p => p.Documents),
                FixAllScope.Project => fixAllContext.Project.Documents,
                _ => fixAllContext.Document is { } document ? new[] { document } : Enumerable.Empty<Document>(),
            };

            var solution = fixAllContext.Solution;
            var plans = new List<VerifiedClientRewrite.Plan>();
            var seen = new HashSet<string>();
            foreach (var document in documents)
            {
                foreach (var diagnostic in await fixAllContext.GetDocumentDiagnosticsAsync(document).ConfigureAwait(false))
                {
                    var plan = await VerifiedClientRewrite.TryPlanAsync(document, diagnostic, fixAllContext.CancellationToken).ConfigureAwait(false);
                    var title = plan is null ? null : Title(plan);
                    if (plan is not null && title == fixAllContext.CodeActionEquivalenceKey && seen.Add(plan.Key)
                        && await VerifiedClientRewrite.CompilesAsync(solution, new[] { plan }, fixAllContext.CancellationToken).ConfigureAwait(false))
                    {
                        plans.Add(plan);
                    }
                }
            }

            if (plans.Count == 0)
            {
                return null;
            }

            return CodeAction.Create(
                fixAllContext.CodeActionEquivalenceKey ?? ChatTitle,
                ct => VerifiedClientRewrite.ApplyAsync(solution, plans, ct),
                fixAllContext.CodeActionEquivalenceKey);
        }
    }
}
