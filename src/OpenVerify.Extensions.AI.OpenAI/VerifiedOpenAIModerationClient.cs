using System.ClientModel;
using System.Diagnostics.CodeAnalysis;
using OpenAI.Moderations;

namespace OpenVerify.Extensions.AI;

/// <summary>
/// An OpenAI SDK <see cref="ModerationClient"/> whose every call is attested (docs/spec/chat-v1.md §9, operation
/// <c>moderation</c>). Its methods have the SDK's names, parameters and result types: each call goes to the SDK client,
/// and what it returns is returned as it is — the SDK's own <see cref="ModerationResult"/> or
/// <see cref="ModerationResultCollection"/> and its HTTP response — with a receipt that binds the model and the texts sent
/// and the verdicts as the response body said them (<see cref="OpenAIReceiptExtensions.GetReceipt(ClientResult)"/>,
/// <see cref="OpenVerifyOpenAIModerationExtensions.GetReceipt(ModerationResult)"/>). Build it with
/// <see cref="OpenVerifyOpenAIModerationExtensions.AsVerified(ModerationClient, ISigner?)"/>.
/// </summary>
/// <remarks>
/// Image inputs (<see cref="ModerationInputPart.CreateImagePart(Uri)"/>) are refused: a receipt binds media by its
/// bytes' digest, and the moderation call sends a link whose bytes OpenVerify never sees. The protocol methods
/// (<c>BinaryContent</c> in) have no counterpart.
/// </remarks>
public sealed class VerifiedOpenAIModerationClient
{
    private readonly ISigner? _signer;

    internal VerifiedOpenAIModerationClient(ModerationClient innerClient, ISigner? signer)
    {
        InnerClient = innerClient;
        _signer = signer;
    }

    /// <summary>The SDK client the requests go to.</summary>
    public ModerationClient InnerClient { get; }

    /// <summary>Classifies one text, as <see cref="ModerationClient.ClassifyText(string, CancellationToken)"/>.</summary>
    public ClientResult<ModerationResult> ClassifyText(string input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        return Attest(InnerClient.ClassifyText(input, cancellationToken), ModerationInputKind.Text, [input]);
    }

    /// <summary>Classifies one text, as <see cref="ModerationClient.ClassifyTextAsync(string, CancellationToken)"/>.</summary>
    public async Task<ClientResult<ModerationResult>> ClassifyTextAsync(string input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        return Attest(await InnerClient.ClassifyTextAsync(input, cancellationToken).ConfigureAwait(false), ModerationInputKind.Text, [input]);
    }

    /// <summary>Classifies texts, one result each, as <see cref="ModerationClient.ClassifyText(IEnumerable{string}, CancellationToken)"/>.</summary>
    public ClientResult<ModerationResultCollection> ClassifyText(IEnumerable<string> inputs, CancellationToken cancellationToken = default)
    {
        var texts = Texts(inputs);
        return Attest(InnerClient.ClassifyText(texts, cancellationToken), ModerationInputKind.Text, texts);
    }

    /// <summary>Classifies texts, one result each, as <see cref="ModerationClient.ClassifyTextAsync(IEnumerable{string}, CancellationToken)"/>.</summary>
    public async Task<ClientResult<ModerationResultCollection>> ClassifyTextAsync(IEnumerable<string> inputs, CancellationToken cancellationToken = default)
    {
        var texts = Texts(inputs);
        return Attest(await InnerClient.ClassifyTextAsync(texts, cancellationToken).ConfigureAwait(false), ModerationInputKind.Text, texts);
    }

    /// <summary>Classifies text parts together (one result), as <see cref="ModerationClient.ClassifyInputs(IEnumerable{ModerationInputPart}, CancellationToken)"/>.</summary>
    /// <exception cref="NotSupportedException">A part is an image.</exception>
    [Experimental("OPENAI001")] // as the SDK's ModerationInputPart is: the caller sees the same evaluation-only warning.
    public ClientResult<ModerationResult> ClassifyInputs(IEnumerable<ModerationInputPart> inputParts, CancellationToken cancellationToken = default)
    {
        var (parts, texts) = TextParts(inputParts);
        return Attest(InnerClient.ClassifyInputs(parts, cancellationToken), ModerationInputKind.Parts, texts);
    }

    /// <summary>Classifies text parts together (one result), as <see cref="ModerationClient.ClassifyInputsAsync(IEnumerable{ModerationInputPart}, CancellationToken)"/>.</summary>
    /// <exception cref="NotSupportedException">A part is an image.</exception>
    [Experimental("OPENAI001")] // as the SDK's ModerationInputPart is: the caller sees the same evaluation-only warning.
    public async Task<ClientResult<ModerationResult>> ClassifyInputsAsync(IEnumerable<ModerationInputPart> inputParts, CancellationToken cancellationToken = default)
    {
        var (parts, texts) = TextParts(inputParts);
        return Attest(await InnerClient.ClassifyInputsAsync(parts, cancellationToken).ConfigureAwait(false), ModerationInputKind.Parts, texts);
    }

    /// <summary>The inputs read once, so that the texts sent and the texts bound are the same.</summary>
    private static List<string> Texts(IEnumerable<string> inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var texts = inputs.ToList();
        if (texts.Any(t => t is null))
        {
            throw new ArgumentException("An input text is null.", nameof(inputs));
        }

        return texts;
    }

    private static (List<ModerationInputPart> Parts, List<string> Texts) TextParts(IEnumerable<ModerationInputPart> inputParts)
    {
        ArgumentNullException.ThrowIfNull(inputParts);
        var parts = inputParts.ToList();
        var texts = new List<string>(parts.Count);
        foreach (var part in parts)
        {
            ArgumentNullException.ThrowIfNull(part, nameof(inputParts));
            if (part.Kind != ModerationInputPartKind.Text)
            {
                throw new NotSupportedException("The verified OpenAI moderation client cannot attest an image input: a receipt binds media by the SHA-256 of its bytes, and a moderation call sends only a link to the image, whose bytes OpenVerify never sees. Moderate text parts through the verified client, or call the SDK's ModerationClient directly for images and mark the call [AllowUnverifiedAi(\"why\")].");
            }

            texts.Add(part.Text);
        }

        return (parts, texts);
    }

    private ClientResult<T> Attest<T>(ClientResult<T> result, ModerationInputKind inputKind, IReadOnlyList<string> texts)
    {
        var receipt = ModerationReceipts.Sign("openai", InnerClient.Endpoint, InnerClient.Model, inputKind, texts, result.GetRawResponse().Content.ToMemory().Span, _signer);
        OpenAIReceiptExtensions.Attach(result, receipt);
        OpenAIReceiptExtensions.Attach(result.Value!, receipt);
        if (result.Value is ModerationResultCollection collection)
        {
            foreach (var item in collection)
            {
                OpenAIReceiptExtensions.Attach(item, receipt);
            }
        }

        return result;
    }
}
