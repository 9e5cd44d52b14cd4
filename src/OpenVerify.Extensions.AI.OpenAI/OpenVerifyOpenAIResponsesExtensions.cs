using System.ClientModel;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using OpenAI.Responses;

namespace OpenVerify.Extensions.AI;

/// <summary>
/// The verified form of the OpenAI SDK's <see cref="ResponsesClient"/> (<c>responsesClient.AsVerified()</c>), and the
/// receipts of what it returns: the <see cref="ClientResult"/> (<see cref="OpenAIReceiptExtensions.GetReceipt(ClientResult)"/>),
/// its <see cref="ResponseResult"/>, or a streamed result once enumerated. The SDK's types have no property bag, so the
/// receipt is held beside the object, for as long as the object lives. Reading a receipt verifies nothing: check it
/// with <see cref="ChatReceiptVerifier"/>.
/// </summary>
public static class OpenVerifyOpenAIResponsesExtensions
{
    private static readonly ConditionalWeakTable<ResponseResult, ChatReceipt> Receipts = [];
    private static readonly ConditionalWeakTable<AsyncStreamingResult<StreamingResponseUpdate>, ResponsesStreamingCall> Streams = [];

    /// <summary>
    /// Wraps the SDK responses client so that every response is attested: <c>responsesClient.AsVerified().CreateResponseAsync(...)</c>
    /// returns what <c>responsesClient.CreateResponseAsync(...)</c> does, with a receipt. The pipeline is
    /// <c>responsesClient.AsIChatClient().AsBuilder().UseOpenVerify(signer).BuildVerified()</c>.
    /// </summary>
    /// <param name="client">The SDK client (an Azure OpenAI client's responses client too).</param>
    /// <param name="signer">The receipt-signing key; when null, the runtime's (<see cref="OpenVerifyRuntime.ResolveSigner"/>), looked up for each receipt.</param>
    /// <exception cref="InvalidOperationException">No signer is passed and the runtime has none.</exception>
    public static VerifiedOpenAIResponsesClient AsVerified(this ResponsesClient client, ISigner? signer = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        return new VerifiedOpenAIResponsesClient(client, new ResponsesStreamingBridge(client).AsBuilder().UseOpenVerify(signer).BuildVerified());
    }

    /// <summary>The receipt of the call that returned this response.</summary>
    /// <exception cref="InvalidOperationException">The response did not come from a verified OpenAI responses client.</exception>
    public static ChatReceipt GetReceipt(this ResponseResult response) =>
        TryGetReceipt(response, out var receipt)
            ? receipt
            : throw new InvalidOperationException("This ResponseResult carries no OpenVerify receipt: it did not come from a verified OpenAI responses client (responsesClient.AsVerified()).");

    /// <summary>The receipt of a streamed call, once the stream has been enumerated (to its end, or stopped: then it is marked truncated).</summary>
    /// <exception cref="InvalidOperationException">The stream did not come from a verified OpenAI responses client, or has not been enumerated.</exception>
    public static ChatReceipt GetReceipt(this AsyncStreamingResult<StreamingResponseUpdate> updates)
    {
        ArgumentNullException.ThrowIfNull(updates);
        if (TryGetReceipt(updates, out var receipt))
        {
            return receipt;
        }

        throw new InvalidOperationException(Streams.TryGetValue(updates, out _)
            ? "This stream has no receipt yet: the receipt is signed when the enumeration ends; enumerate it first."
            : "This stream carries no OpenVerify receipt: it did not come from a verified OpenAI responses client (responsesClient.AsVerified()).");
    }

    /// <summary>Gets the receipt of the call that returned this response, when it came from a verified OpenAI responses client.</summary>
    public static bool TryGetReceipt(this ResponseResult response, [NotNullWhen(true)] out ChatReceipt? receipt)
    {
        ArgumentNullException.ThrowIfNull(response);
        return Receipts.TryGetValue(response, out receipt);
    }

    /// <summary>Gets the receipt of a streamed call once it has been enumerated.</summary>
    public static bool TryGetReceipt(this AsyncStreamingResult<StreamingResponseUpdate> updates, [NotNullWhen(true)] out ChatReceipt? receipt)
    {
        ArgumentNullException.ThrowIfNull(updates);
        receipt = Streams.TryGetValue(updates, out var call) ? call.Receipt : null;
        return receipt is not null;
    }

    internal static void Attach(ResponseResult response, ChatReceipt receipt) => Receipts.AddOrUpdate(response, receipt);

    internal static void Attach(AsyncStreamingResult<StreamingResponseUpdate> updates, ResponsesStreamingCall call) => Streams.AddOrUpdate(updates, call);
}
