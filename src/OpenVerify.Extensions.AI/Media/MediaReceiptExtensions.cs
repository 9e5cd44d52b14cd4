using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace OpenVerify.Extensions.AI;

/// <summary>
/// Reads the receipt an attesting speech-to-text client, text-to-speech client or image generator attached to its
/// result. As for chat, the receipt and its transcript ride as JSON text (<see cref="AttestingChatClient.ReceiptKey"/>,
/// <see cref="AttestingChatClient.TranscriptKey"/>). Reading a receipt verifies nothing: check it with
/// <see cref="ChatReceiptVerifier"/>.
/// </summary>
public static class MediaReceiptExtensions
{
    private static readonly ConditionalWeakTable<ImageGenerationResponse, ChatReceipt> ImageReceipts = new();

    /// <summary>The receipt of this transcription.</summary>
    /// <exception cref="InvalidOperationException">The response carries no receipt: the pipeline has no <c>UseOpenVerify()</c>.</exception>
    /// <exception cref="ReceiptFormatException">The receipt it carries is malformed.</exception>
    public static ChatReceipt GetReceipt(this SpeechToTextResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return ChatReceiptExtensions.Read(response.AdditionalProperties) ?? throw ChatReceiptExtensions.NoReceipt("This speech-to-text response");
    }

    /// <summary>Gets the receipt of this transcription, when it carries one.</summary>
    public static bool TryGetReceipt(this SpeechToTextResponse response, [NotNullWhen(true)] out ChatReceipt? receipt)
    {
        ArgumentNullException.ThrowIfNull(response);
        receipt = ChatReceiptExtensions.TryRead(response.AdditionalProperties);
        return receipt is not null;
    }

    /// <summary>Gets the receipt an update carries: the last update of an attested stream does.</summary>
    public static bool TryGetReceipt(this SpeechToTextResponseUpdate update, [NotNullWhen(true)] out ChatReceipt? receipt)
    {
        ArgumentNullException.ThrowIfNull(update);
        receipt = ChatReceiptExtensions.TryRead(update.AdditionalProperties);
        return receipt is not null;
    }

    /// <summary>The receipt among streamed speech-to-text updates (the last update that carries one).</summary>
    /// <exception cref="InvalidOperationException">No update carries a receipt: the stream was not attested, or not read to its end.</exception>
    public static ChatReceipt GetReceipt(this IEnumerable<SpeechToTextResponseUpdate> updates)
    {
        ArgumentNullException.ThrowIfNull(updates);
        ChatReceipt? last = null;
        foreach (var update in updates)
        {
            last = update.TryGetReceipt(out var receipt) ? receipt : last;
        }

        return last ?? throw ChatReceiptExtensions.NoReceipt("These speech-to-text updates");
    }

    /// <summary>The receipt of this speech.</summary>
    /// <exception cref="InvalidOperationException">The response carries no receipt: the pipeline has no <c>UseOpenVerify()</c>.</exception>
    /// <exception cref="ReceiptFormatException">The receipt it carries is malformed.</exception>
    public static ChatReceipt GetReceipt(this TextToSpeechResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return ChatReceiptExtensions.Read(response.AdditionalProperties) ?? throw ChatReceiptExtensions.NoReceipt("This text-to-speech response");
    }

    /// <summary>Gets the receipt of this speech, when it carries one.</summary>
    public static bool TryGetReceipt(this TextToSpeechResponse response, [NotNullWhen(true)] out ChatReceipt? receipt)
    {
        ArgumentNullException.ThrowIfNull(response);
        receipt = ChatReceiptExtensions.TryRead(response.AdditionalProperties);
        return receipt is not null;
    }

    /// <summary>Gets the receipt a text-to-speech update carries: the last update of an attested stream does.</summary>
    public static bool TryGetReceipt(this TextToSpeechResponseUpdate update, [NotNullWhen(true)] out ChatReceipt? receipt)
    {
        ArgumentNullException.ThrowIfNull(update);
        receipt = ChatReceiptExtensions.TryRead(update.AdditionalProperties);
        return receipt is not null;
    }

    /// <summary>The receipt of this image generation (carried by each image it returned).</summary>
    /// <exception cref="InvalidOperationException">The response carries no receipt: the pipeline has no <c>UseOpenVerify()</c>.</exception>
    /// <exception cref="ReceiptFormatException">The receipt it carries is malformed.</exception>
    public static ChatReceipt GetReceipt(this ImageGenerationResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (ImageReceipts.TryGetValue(response, out var attached))
        {
            return attached;
        }

        foreach (var content in response.Contents)
        {
            if (ChatReceiptExtensions.Read(content.AdditionalProperties) is { } receipt)
            {
                return receipt;
            }
        }

        throw ChatReceiptExtensions.NoReceipt("This image generation response");
    }

    /// <summary>Gets the receipt of this image generation, when it carries one.</summary>
    public static bool TryGetReceipt(this ImageGenerationResponse response, [NotNullWhen(true)] out ChatReceipt? receipt)
    {
        ArgumentNullException.ThrowIfNull(response);
        receipt = ImageReceipts.TryGetValue(response, out var attached) ? attached : response.Contents.Select(c => ChatReceiptExtensions.TryRead(c.AdditionalProperties)).FirstOrDefault(r => r is not null);
        return receipt is not null;
    }

    /// <summary>Attaches the receipt to every returned image (the response has no property bag of its own; an image taken
    /// out of the response, or serialized, keeps the receipt that binds it) and to the response object itself, so that a
    /// response with no image still has its receipt in this process.</summary>
    internal static void Attach(ImageGenerationResponse response, ChatReceipt receipt)
    {
        ImageReceipts.AddOrUpdate(response, receipt);
        foreach (var content in response.Contents)
        {
            AttestingChatClient.Attach(content.AdditionalProperties ??= [], receipt);
        }
    }
}
