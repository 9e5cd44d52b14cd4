using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using OpenVerify.Analyzers.Diagnostics;

namespace OpenVerify.CodeFixes;

/// <summary>
/// OV0003/OV0004: makes an <c>IChatClient</c> / <c>IEmbeddingGenerator&lt;,&gt;</c> / <c>ISpeechToTextClient</c> /
/// <c>ITextToSpeechClient</c> / <c>IImageGenerator</c> verified where it enters the code
/// with the idempotent <c>AsVerified()</c>, and a Semantic Kernel <c>IChatCompletionService</c> /
/// <c>ITextEmbeddingGenerationService</c> a service over a verified client (its call marked), where the other fixes
/// cannot, and a client implementation's calls on itself (the leaf's call through <c>this.AsVerified()</c>, a
/// middleware's inner client verified) (see <see cref="VerifiedClientWrap"/>). Fix All rewrites each variable, parameter and call once.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(VerifiedClientWrapCodeFixProvider)), Shared]
public sealed class VerifiedClientWrapCodeFixProvider : CodeFixProvider
{
    /// <summary>The title for a chat client, also the equivalence key Fix All groups by.</summary>
    public const string ChatTitle = "Verify the chat client where it is received (AsVerified)";

    /// <summary>The title for an embedding generator, also the equivalence key Fix All groups by.</summary>
    public const string EmbeddingTitle = "Verify the embedding generator where it is received (AsVerified)";

    /// <summary>The title for a speech-to-text client, also its equivalence key.</summary>
    public const string SpeechToTextTitle = "Verify the speech-to-text client where it is received (AsVerified)";

    /// <summary>The title for a text-to-speech client, also its equivalence key.</summary>
    public const string TextToSpeechTitle = "Verify the text-to-speech client where it is received (AsVerified)";

    /// <summary>The title for an image generator, also its equivalence key.</summary>
    public const string ImageGeneratorTitle = "Verify the image generator where it is received (AsVerified)";

    /// <summary>The title for a call a leaf client's implementation makes on itself, also its equivalence key.</summary>
    public const string SelfCallTitle = "Verify this client's own call (AsVerified)";

    /// <summary>The title for a call a middleware (a <c>Delegating…</c> client) makes on itself: its inner client is verified; also its equivalence key.</summary>
    public const string InnerClientTitle = "Verify the delegating client's inner client (AsVerified)";

    /// <summary>The title for a Semantic Kernel chat service, also the equivalence key Fix All groups by.</summary>
    public const string KernelChatTitle = "Verify the Semantic Kernel chat service where it is received (over a VerifiedChatClient)";

    /// <summary>The title for a Semantic Kernel embedding service, also the equivalence key Fix All groups by.</summary>
    public const string KernelEmbeddingTitle = "Verify the Semantic Kernel embedding service where it is received (over a VerifiedEmbeddingGenerator)";

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
            // Planned only where the result compiles and no other verified-path fix is offered.
            if (await VerifiedClientWrap.TryPlanAsync(context.Document, diagnostic, context.CancellationToken).ConfigureAwait(false) is not { } plan)
            {
                continue;
            }

            var title = plan.Wrapping.Title;
            context.RegisterCodeFix(
                CodeAction.Create(title, ct => VerifiedClientWrap.ApplyAsync(context.Document.Project.Solution, new[] { plan }, ct), title),
                diagnostic);
        }
    }

    /// <summary>Collects the plan behind every diagnostic in scope, each once, and applies them together.</summary>
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
            var plans = new List<VerifiedClientWrap.Plan>();
            var seen = new HashSet<string>();
            foreach (var document in documents)
            {
                foreach (var diagnostic in await fixAllContext.GetDocumentDiagnosticsAsync(document).ConfigureAwait(false))
                {
                    var plan = await VerifiedClientWrap.TryPlanAsync(document, diagnostic, fixAllContext.CancellationToken).ConfigureAwait(false);
                    if (plan is not null && plan.Wrapping.Title == fixAllContext.CodeActionEquivalenceKey && seen.Add(plan.Key))
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
                ct => VerifiedClientWrap.ApplyAsync(solution, plans, ct),
                fixAllContext.CodeActionEquivalenceKey);
        }
    }
}
