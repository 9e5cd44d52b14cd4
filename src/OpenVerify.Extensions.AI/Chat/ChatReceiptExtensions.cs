using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace OpenVerify.Extensions.AI;

/// <summary>
/// Reads the receipt an <see cref="AttestingChatClient"/> or <see cref="AttestingEmbeddingGenerator{TInput, TEmbedding}"/>
/// attached to a response. The receipt and its transcript ride in <c>AdditionalProperties</c> as JSON text
/// (<see cref="AttestingChatClient.ReceiptKey"/>, <see cref="AttestingChatClient.TranscriptKey"/>), so they survive a
/// distributed cache's JSON round trip unchanged: a cache hit returns the receipt signed for the original answer.
/// Reading a receipt verifies nothing: check it with <see cref="ChatReceiptVerifier"/>.
/// </summary>
public static class ChatReceiptExtensions
{
    /// <summary>The receipt of the round trip that produced this response (with a function-invoking client outside,
    /// the last round trip's).</summary>
    /// <exception cref="InvalidOperationException">The response carries no receipt: the pipeline has no <c>UseOpenVerify()</c>.</exception>
    /// <exception cref="ReceiptFormatException">The receipt it carries is malformed.</exception>
    public static ChatReceipt GetReceipt(this ChatResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return Read(response.AdditionalProperties) ?? throw NoReceipt("This chat response");
    }

    /// <summary>Gets the receipt of this response, when it carries one.</summary>
    public static bool TryGetReceipt(this ChatResponse response, [NotNullWhen(true)] out ChatReceipt? receipt)
    {
        ArgumentNullException.ThrowIfNull(response);
        receipt = TryRead(response.AdditionalProperties);
        return receipt is not null;
    }

    /// <summary>Gets the receipt an update carries: the last update of each round trip of an attested stream does.</summary>
    public static bool TryGetReceipt(this ChatResponseUpdate update, [NotNullWhen(true)] out ChatReceipt? receipt)
    {
        ArgumentNullException.ThrowIfNull(update);
        receipt = TryRead(update.AdditionalProperties);
        return receipt is not null;
    }

    /// <summary>The receipt of the last round trip among streamed updates (the last update that carries one).</summary>
    /// <exception cref="InvalidOperationException">No update carries a receipt: the stream was not attested, or was not
    /// read to its end (a stopped stream's truncated receipt is on the <see cref="VerifiedStreamingResponse"/>).</exception>
    public static ChatReceipt GetReceipt(this IEnumerable<ChatResponseUpdate> updates)
    {
        ArgumentNullException.ThrowIfNull(updates);
        ChatReceipt? last = null;
        foreach (var update in updates)
        {
            last = update.TryGetReceipt(out var receipt) ? receipt : last;
        }

        return last ?? throw NoReceipt("These updates");
    }

    /// <summary>The receipt of an embeddings batch.</summary>
    /// <exception cref="InvalidOperationException">The embeddings carry no receipt.</exception>
    public static ChatReceipt GetReceipt<TEmbedding>(this GeneratedEmbeddings<TEmbedding> embeddings)
        where TEmbedding : Embedding
    {
        ArgumentNullException.ThrowIfNull(embeddings);
        return Read(embeddings.AdditionalProperties) ?? throw NoReceipt("These embeddings");
    }

    /// <summary>Gets the receipt of an embeddings batch, when it carries one.</summary>
    public static bool TryGetReceipt<TEmbedding>(this GeneratedEmbeddings<TEmbedding> embeddings, [NotNullWhen(true)] out ChatReceipt? receipt)
        where TEmbedding : Embedding
    {
        ArgumentNullException.ThrowIfNull(embeddings);
        receipt = TryRead(embeddings.AdditionalProperties);
        return receipt is not null;
    }

    internal static InvalidOperationException NoReceipt(string what) =>
        new($"{what} carries no OpenVerify receipt: build the pipeline with UseOpenVerify() innermost (or use a VerifiedChatClient / VerifiedEmbeddingGenerator).");

    internal static ChatReceipt? TryRead(AdditionalPropertiesDictionary? properties)
    {
        try
        {
            return Read(properties);
        }
        catch (ReceiptFormatException)
        {
            return null;
        }
    }

    internal static ChatReceipt? Read(AdditionalPropertiesDictionary? properties)
    {
        if (properties is null || !properties.TryGetValue(AttestingChatClient.ReceiptKey, out var envelope) || Text(envelope) is not { } receiptJson)
        {
            return null;
        }

        var transcript = properties.TryGetValue(AttestingChatClient.TranscriptKey, out var value) ? Text(value) : null;
        return ChatReceipt.FromEnvelope(DsseEnvelope.Parse(receiptJson), transcript is null ? null : Encoding.UTF8.GetBytes(transcript));
    }

    /// <summary>A string, or (after a JSON round trip through a cache) a JSON string element.</summary>
    private static string? Text(object? value) => value switch
    {
        string text => text,
        JsonElement { ValueKind: JsonValueKind.String } element => element.GetString(),
        _ => null,
    };
}
