using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
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

    private static readonly PlannedRewriteFix<VerifiedClientRewrite.Plan> Fix = new(
        VerifiedClientRewrite.TryPlanAsync,
        Title,
        VerifiedClientRewrite.ApplyAsync,
        key: plan => plan.Key,
        compilesAlone: VerifiedClientRewrite.CompilesAsync);

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } =
        ImmutableArray.Create(DiagnosticIds.ChatOrTextGeneration, DiagnosticIds.OtherModelCall);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => Fix.FixAll;

    /// <remarks>Not offered where the variable is not rewritable or the rewrite would not compile: the message says what to do by hand.</remarks>
    /// <inheritdoc />
    public override Task RegisterCodeFixesAsync(CodeFixContext context) => Fix.RegisterAsync(context);

    private static string Title(VerifiedClientRewrite.Plan plan) =>
        plan.Media is { } media ? media.Pick(ChatTitle, EmbeddingTitle, SpeechToTextTitle, TextToSpeechTitle, ImageGeneratorTitle)
        : plan.IsSdkClient ? (plan.TypeName == "VerifiedOpenAIResponsesClient" ? SdkResponsesTitle : plan.TypeName == "VerifiedOpenAIAudioClient" ? SdkAudioTitle : plan.TypeName == "VerifiedOpenAIModerationClient" ? SdkModerationTitle : plan.TypeName == "VerifiedOpenAIImageClient" ? SdkImageTitle : plan.IsChat ? SdkChatTitle : SdkEmbeddingTitle)
        : plan.IsChat ? ChatTitle : plan.RetypesOnly ? LocalEmbeddingTitle : EmbeddingTitle;
}
