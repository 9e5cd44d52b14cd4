using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
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

    private static readonly PlannedRewriteFix<VerifiedClientInjection.Plan> Fix = new(
        VerifiedClientInjection.TryPlanAsync,
        plan => Title(plan.Kind),
        VerifiedClientInjection.ApplyAsync,
        key: plan => plan.Key,
        compilesAlone: VerifiedClientInjection.CompilesAsync);

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } =
        ImmutableArray.Create(DiagnosticIds.ChatOrTextGeneration, DiagnosticIds.OtherModelCall);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => Fix.FixAll;

    /// <remarks>Not offered where the client is not injected, no single registration is found, or the move would not compile: the message says what to do by hand.</remarks>
    /// <inheritdoc />
    public override Task RegisterCodeFixesAsync(CodeFixContext context) => Fix.RegisterAsync(context);

    private static string Title(VerifiedClientKind kind) =>
        kind.Pick(ChatTitle, EmbeddingTitle, SpeechToTextTitle, TextToSpeechTitle, ImageGeneratorTitle);
}
