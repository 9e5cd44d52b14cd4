using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
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

    private static readonly PlannedRewriteFix<VerifiedClientWrap.Plan> Fix = new(
        VerifiedClientWrap.TryPlanAsync,
        plan => plan.Wrapping.Title,
        VerifiedClientWrap.ApplyAsync,
        key: plan => plan.Key);

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } =
        ImmutableArray.Create(DiagnosticIds.ChatOrTextGeneration, DiagnosticIds.OtherModelCall);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => Fix.FixAll;

    /// <remarks>Planned only where the result compiles and no other verified-path fix is offered.</remarks>
    /// <inheritdoc />
    public override Task RegisterCodeFixesAsync(CodeFixContext context) => Fix.RegisterAsync(context);
}
