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
/// OV0003/OV0004: where the call's receiver is a chat client, embedding generator or media client injected through
/// dependency injection, re-types the consumer's parameter (and the field it is kept in) to the verified type and rewrites
/// the solution's registration to <c>AddVerifiedChatClient</c> / <c>AddVerifiedEmbeddingGenerator</c> /
/// <c>AddVerifiedSpeechToTextClient</c> / <c>AddVerifiedTextToSpeechClient</c> / <c>AddVerifiedImageGenerator</c>, in one change over
/// several documents (see <see cref="VerifiedClientInjection"/> for where it is offered). Fix All moves each consumer
/// once and rewrites the registration once.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(VerifiedClientInjectionCodeFixProvider)), Shared]
public sealed class VerifiedClientInjectionCodeFixProvider : CodeFixProvider
{
    /// <summary>The title for a chat client, also the equivalence key Fix All groups by.</summary>
    public const string ChatTitle = "Inject a VerifiedChatClient (AddVerifiedChatClient)";

    /// <summary>The title for an embedding generator, also the equivalence key Fix All groups by.</summary>
    public const string EmbeddingTitle = "Inject a VerifiedEmbeddingGenerator (AddVerifiedEmbeddingGenerator)";

    /// <summary>The title for a speech-to-text client, also its equivalence key.</summary>
    public const string SpeechToTextTitle = "Inject a VerifiedSpeechToTextClient (AddVerifiedSpeechToTextClient)";

    /// <summary>The title for a text-to-speech client, also its equivalence key.</summary>
    public const string TextToSpeechTitle = "Inject a VerifiedTextToSpeechClient (AddVerifiedTextToSpeechClient)";

    /// <summary>The title for an image generator, also its equivalence key.</summary>
    public const string ImageGeneratorTitle = "Inject a VerifiedImageGenerator (AddVerifiedImageGenerator)";

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
            var plan = await VerifiedClientInjection.TryPlanAsync(context.Document, diagnostic, context.CancellationToken).ConfigureAwait(false);
            if (plan is null || !await VerifiedClientInjection.CompilesAsync(context.Document.Project.Solution, new[] { plan }, context.CancellationToken).ConfigureAwait(false))
            {
                // Not injected, no single registration found, or the move would not compile: the message says what to do by hand.
                continue;
            }

            var title = Title(plan.Kind);
            context.RegisterCodeFix(
                CodeAction.Create(title, ct => VerifiedClientInjection.ApplyAsync(context.Document.Project.Solution, new[] { plan }, ct), title),
                diagnostic);
        }
    }

    private static string Title(VerifiedClientKind kind) =>
        kind.Pick(ChatTitle, EmbeddingTitle, SpeechToTextTitle, TextToSpeechTitle, ImageGeneratorTitle);

    /// <summary>Collects the consumers behind every diagnostic in scope, each once, and moves those whose move compiles.</summary>
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
            var plans = new List<VerifiedClientInjection.Plan>();
            var seen = new HashSet<string>();
            foreach (var document in documents)
            {
                foreach (var diagnostic in await fixAllContext.GetDocumentDiagnosticsAsync(document).ConfigureAwait(false))
                {
                    var plan = await VerifiedClientInjection.TryPlanAsync(document, diagnostic, fixAllContext.CancellationToken).ConfigureAwait(false);
                    if (plan is not null && Title(plan.Kind) == fixAllContext.CodeActionEquivalenceKey && seen.Add(plan.Key)
                        && await VerifiedClientInjection.CompilesAsync(solution, new[] { plan }, fixAllContext.CancellationToken).ConfigureAwait(false))
                    {
                        plans.Add(plan);
                    }
                }
            }

            return plans.Count == 0
                ? null
                : CodeAction.Create(
                    fixAllContext.CodeActionEquivalenceKey ?? ChatTitle,
                    ct => VerifiedClientInjection.ApplyAsync(solution, plans, ct),
                    fixAllContext.CodeActionEquivalenceKey);
        }
    }
}
