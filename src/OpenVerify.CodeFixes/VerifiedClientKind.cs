using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace OpenVerify.CodeFixes;

/// <summary>
/// The Microsoft.Extensions.AI abstractions the verified-client fixes move ("Use a Verified…", "Inject a Verified…",
/// "Verify … where it is received"), one row each: the interface, OpenVerify.Extensions.AI's verified type, the builder
/// whose <c>Build(...)</c> becomes <c>UseOpenVerify().BuildVerified(...)</c>, and the registrations
/// (<c>Add…</c> / <c>AddVerified…</c>). A chat call is OV0003; the others are OV0004.
/// </summary>
internal sealed class VerifiedClientKind
{
    public static readonly VerifiedClientKind Chat = new("ChatClient", "chat client", "Microsoft.Extensions.AI.IChatClient", "Microsoft.Extensions.AI.ChatClientBuilder",
        "OpenVerifyChatClientServiceCollectionExtensions", "ChatClientBuilderServiceCollectionExtensions", "DelegatingChatClient");

    public static readonly VerifiedClientKind Embedding = new("EmbeddingGenerator", "embedding generator", "Microsoft.Extensions.AI.IEmbeddingGenerator`2", "Microsoft.Extensions.AI.EmbeddingGeneratorBuilder<TInput, TEmbedding>",
        "OpenVerifyEmbeddingGeneratorServiceCollectionExtensions", "EmbeddingGeneratorBuilderServiceCollectionExtensions", "DelegatingEmbeddingGenerator`2", verifiedMetadataName: "VerifiedEmbeddingGenerator`2");

    // Microsoft.Extensions.AI 10.11's media abstractions (experimental, MEAI001): code that calls them suppresses it
    // already, and a rewrite that needs a suppression the code lacks fails the compile check and is not offered.
    public static readonly VerifiedClientKind SpeechToText = new("SpeechToTextClient", "speech-to-text client", "Microsoft.Extensions.AI.ISpeechToTextClient", "Microsoft.Extensions.AI.SpeechToTextClientBuilder",
        "OpenVerifyMediaServiceCollectionExtensions", "SpeechToTextClientBuilderServiceCollectionExtensions", "DelegatingSpeechToTextClient");

    public static readonly VerifiedClientKind TextToSpeech = new("TextToSpeechClient", "text-to-speech client", "Microsoft.Extensions.AI.ITextToSpeechClient", "Microsoft.Extensions.AI.TextToSpeechClientBuilder",
        "OpenVerifyMediaServiceCollectionExtensions", "TextToSpeechClientBuilderServiceCollectionExtensions", "DelegatingTextToSpeechClient");

    public static readonly VerifiedClientKind ImageGenerator = new("ImageGenerator", "image generator", "Microsoft.Extensions.AI.IImageGenerator", "Microsoft.Extensions.AI.ImageGeneratorBuilder",
        "OpenVerifyMediaServiceCollectionExtensions", "ImageGeneratorBuilderServiceCollectionExtensions", "DelegatingImageGenerator");

    /// <summary>The OV0004 kinds besides embeddings.</summary>
    public static readonly IReadOnlyList<VerifiedClientKind> Media = new[] { SpeechToText, TextToSpeech, ImageGenerator };

    private VerifiedClientKind(string name, string noun, string @interface, string builder, string verifiedRegistrations, string registrations, string delegating, string? verifiedMetadataName = null)
    {
        Delegating = "Microsoft.Extensions.AI." + delegating;
        Name = name;
        Noun = noun;
        Interface = @interface;
        Builder = builder;
        Verified = VerifiedClientRewrite.Namespace + "." + (verifiedMetadataName ?? "Verified" + name);
        VerifiedRegistrations = VerifiedClientRewrite.Namespace + "." + verifiedRegistrations;
        Registrations = "Microsoft.Extensions.DependencyInjection." + registrations;
    }

    /// <summary>The name the types and registrations share: <c>I{Name}</c>, <c>Verified{Name}</c>, <c>Add{Name}</c>, <c>AddVerified{Name}</c>.</summary>
    public string Name { get; }

    /// <summary>What the fix titles call it ("speech-to-text client").</summary>
    public string Noun { get; }

    /// <summary>The interface's metadata name.</summary>
    public string Interface { get; }

    /// <summary>The builder's original definition as displayed.</summary>
    public string Builder { get; }

    /// <summary>The verified type's metadata name.</summary>
    public string Verified { get; }

    /// <summary>Microsoft.Extensions.AI's middleware base type's metadata name (<c>Delegating{Name}</c>).</summary>
    public string Delegating { get; }

    /// <summary>The class of Microsoft.Extensions.AI's <c>Add{Name}</c> / <c>AddKeyed{Name}</c>.</summary>
    public string Registrations { get; }

    /// <summary>The class of OpenVerify.Extensions.AI's <c>AddVerified{Name}</c> / <c>AddKeyedVerified{Name}</c>.</summary>
    public string VerifiedRegistrations { get; }

    /// <summary>True for the embedding generator, the one generic kind.</summary>
    public bool IsGeneric => this == Embedding;

    public bool IsChat => this == Chat;

    /// <summary>The value for this kind, of one given per kind (a fix's title, say).</summary>
    public T Pick<T>(T chat, T embedding, T speechToText, T textToSpeech, T imageGenerator) =>
        IsChat ? chat : IsGeneric ? embedding : this == SpeechToText ? speechToText : this == TextToSpeech ? textToSpeech : imageGenerator;

    /// <summary>The media kind whose interface <paramref name="type"/> is or implements, when it is exactly one of them
    /// (and no embedding generator): a class serving two abstractions is not for the fix to choose between.</summary>
    public static VerifiedClientKind? MediaOf(Compilation compilation, ITypeSymbol type)
    {
        var embedding = compilation.GetTypeByMetadataName(Embedding.Interface);
        if (embedding is not null && Is(type, embedding))
        {
            return null;
        }

        var matches = Media.Where(kind => compilation.GetTypeByMetadataName(kind.Interface) is { } @interface && Is(type, @interface)).ToList();
        return matches.Count == 1 ? matches[0] : null;
    }

    private static bool Is(ITypeSymbol type, INamedTypeSymbol @interface) =>
        SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, @interface)
        || type.AllInterfaces.Any(i => SymbolEqualityComparer.Default.Equals(i.OriginalDefinition, @interface));
}
