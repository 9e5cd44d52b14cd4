using System.ClientModel;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using OpenAI.Images;

namespace OpenVerify.Extensions.AI;

/// <summary>
/// The verified form of the OpenAI SDK's <see cref="ImageClient"/> (<c>imageClient.AsVerified()</c>), and the receipts
/// of what it returns: the <see cref="ClientResult"/> (<see cref="OpenAIReceiptExtensions.GetReceipt(ClientResult)"/>),
/// its <see cref="GeneratedImage"/> or <see cref="GeneratedImageCollection"/>. The SDK's types have no property bag, so
/// the receipt is held beside the object, for as long as the object lives (it does not survive serializing it). Reading
/// a receipt verifies nothing: check it with <see cref="ChatReceiptVerifier"/>.
/// </summary>
public static class OpenVerifyOpenAIImageExtensions
{
    private static readonly ConditionalWeakTable<object, ChatReceipt> Receipts = [];

    /// <summary>
    /// Wraps the SDK image client so that every image generation or edit is attested:
    /// <c>imageClient.AsVerified().GenerateImageAsync(...)</c> returns what <c>imageClient.GenerateImageAsync(...)</c> does,
    /// with an image-generation receipt (docs/spec/chat-v1.md §8). The pipeline is
    /// <c>imageClient.AsIImageGenerator().AsBuilder().UseOpenVerify(signer).BuildVerified()</c>.
    /// </summary>
    /// <param name="client">The SDK client (an Azure OpenAI client's image client too).</param>
    /// <param name="signer">The receipt-signing key; when null, the runtime's (<see cref="OpenVerifyRuntime.ResolveSigner"/>), looked up for each receipt.</param>
    /// <exception cref="InvalidOperationException">No signer is passed and the runtime has none.</exception>
    public static VerifiedOpenAIImageClient AsVerified(this ImageClient client, ISigner? signer = null)
    {
        ArgumentNullException.ThrowIfNull(client);
#pragma warning disable MEAI001 // The image abstractions are experimental; the verified image path is built on them on purpose (docs/media.md).
        return new VerifiedOpenAIImageClient(client, client.AsIImageGenerator().AsBuilder().UseOpenVerify(signer).BuildVerified());
#pragma warning restore MEAI001
    }

    /// <summary>The receipt of the call that returned this image (one receipt binds every image of a call).</summary>
    /// <exception cref="InvalidOperationException">The image did not come from a verified OpenAI image client.</exception>
    public static ChatReceipt GetReceipt(this GeneratedImage image) => Get(image, "This GeneratedImage");

    /// <summary>The receipt of the call that returned these images.</summary>
    /// <exception cref="InvalidOperationException">The collection did not come from a verified OpenAI image client.</exception>
    public static ChatReceipt GetReceipt(this GeneratedImageCollection images) => Get(images, "This GeneratedImageCollection");

    /// <summary>Gets the receipt of the call that returned this image, when it came from a verified OpenAI image client.</summary>
    public static bool TryGetReceipt(this GeneratedImage image, [NotNullWhen(true)] out ChatReceipt? receipt) => TryGet(image, out receipt);

    /// <summary>Gets the receipt of the call that returned these images, when they came from a verified OpenAI image client.</summary>
    public static bool TryGetReceipt(this GeneratedImageCollection images, [NotNullWhen(true)] out ChatReceipt? receipt) => TryGet(images, out receipt);

    internal static void Attach(object value, ChatReceipt receipt) => Receipts.AddOrUpdate(value, receipt);

    private static bool TryGet(object value, [NotNullWhen(true)] out ChatReceipt? receipt)
    {
        ArgumentNullException.ThrowIfNull(value);
        return Receipts.TryGetValue(value, out receipt);
    }

    private static ChatReceipt Get(object value, string what) =>
        TryGet(value, out var receipt)
            ? receipt
            : throw new InvalidOperationException($"{what} carries no OpenVerify receipt: it did not come from a verified OpenAI image client (imageClient.AsVerified()).");
}
