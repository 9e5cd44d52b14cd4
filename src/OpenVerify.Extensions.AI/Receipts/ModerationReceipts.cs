using OpenVerify.Extensions.AI.Canonical;

namespace OpenVerify.Extensions.AI;

/// <summary>What the inputs of a moderation call are (docs/spec/chat-v1.md §9.2, <c>request.inputKind</c>).</summary>
public enum ModerationInputKind
{
    /// <summary>Separate texts, one result each (<c>"text"</c>).</summary>
    Text,

    /// <summary>Parts of one input, with one result for all (<c>"parts"</c>).</summary>
    Parts,
}

/// <summary>
/// Signs <c>moderation</c> receipts (docs/spec/chat-v1.md §9) for a provider SDK's moderation client, which has no
/// Microsoft.Extensions.AI abstraction to attest through: the caller sends the request itself and hands over what it
/// sent and the HTTP response body it received. This is the public seam OpenVerify.Extensions.AI.OpenAI's
/// <c>VerifiedOpenAIModerationClient</c> signs through (a separately versioned package never reaches another's
/// internals), and the one way any other provider binding signs a moderation verdict.
/// </summary>
public static class ModerationReceipts
{
    /// <summary>Signs the receipt of one moderation call.</summary>
    /// <param name="provider">The provider's name as the transcript records it (<c>client.provider</c>, e.g. <c>openai</c>).</param>
    /// <param name="endpoint">The endpoint the request went to; null when unknown.</param>
    /// <param name="model">The model the request asked for, as sent.</param>
    /// <param name="inputKind">Whether the inputs were separate texts or parts of one input.</param>
    /// <param name="inputs">The texts sent, in the order sent.</param>
    /// <param name="responseBody">The HTTP response body as received: the verdicts are bound from these bytes, not from a parsed result.</param>
    /// <param name="signer">The receipt-signing key; when null, the runtime's (<see cref="OpenVerifyRuntime.ResolveSigner"/>) at the time of signing.</param>
    /// <exception cref="InvalidOperationException">The body is not a moderation response that can be bound, or holds a
    /// number of results other than one per text (one for parts): nothing is signed.</exception>
    public static ChatReceipt Sign(string provider, Uri? endpoint, string model, ModerationInputKind inputKind, IReadOnlyList<string> inputs, ReadOnlySpan<byte> responseBody, ISigner? signer = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(provider);
        ArgumentException.ThrowIfNullOrEmpty(model);
        ArgumentNullException.ThrowIfNull(inputs);
        if (inputs.Count == 0 || inputs.Any(i => i is null))
        {
            throw new ArgumentException("A moderation receipt binds the texts sent: give at least one, and no null.", nameof(inputs));
        }

        var kind = inputKind switch
        {
            ModerationInputKind.Text => ModerationTranscriptWriter.TextInputs,
            ModerationInputKind.Parts => ModerationTranscriptWriter.PartInputs,
            _ => throw new ArgumentOutOfRangeException(nameof(inputKind), inputKind, "Not a moderation input kind."),
        };
        var client = TranscriptWriter.Client(provider, endpoint, model);
        var request = ModerationTranscriptWriter.Request(model, kind, inputs);
        var response = ModerationTranscriptWriter.Response(responseBody, inputKind == ModerationInputKind.Text ? inputs.Count : 1);
        return MediaReceipts.Sign(ModerationTranscriptWriter.Moderation, client, request, response, truncated: false, signer ?? RuntimeSigner.Instance);
    }
}
