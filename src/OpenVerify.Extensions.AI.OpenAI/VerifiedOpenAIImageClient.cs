#pragma warning disable MEAI001 // Microsoft.Extensions.AI's image abstractions are experimental; the verified image path is built on them on purpose.
using System.ClientModel;
using Microsoft.Extensions.AI;
using OpenAI.Images;
using SdkImageOptions = OpenAI.Images.ImageGenerationOptions;

namespace OpenVerify.Extensions.AI;

/// <summary>
/// An OpenAI SDK <see cref="ImageClient"/> whose every generation and edit is attested. Its methods have the SDK's
/// names, parameters and result types (<c>image.Value.ImageBytes</c> keeps compiling and means the same); each call runs
/// through a <see cref="VerifiedImageGenerator"/> over the SDK client's <c>AsIImageGenerator()</c>, so the receipt is an
/// ordinary image-generation receipt (docs/spec/chat-v1.md §8): it binds the prompt, the input image of an edit (media
/// type, length, SHA-256), the count, size, response format and output file format, and every returned image (its bytes'
/// digest, or its URI). Build it with <see cref="OpenVerifyOpenAIImageExtensions.AsVerified(ImageClient, ISigner?)"/>.
/// </summary>
/// <remarks>
/// The values returned are the SDK's own <see cref="GeneratedImageCollection"/>, as Microsoft.Extensions.AI.OpenAI
/// parsed it (its raw representation): revised prompts, <see cref="GeneratedImageCollection.CreatedAt"/>, usage and the
/// echoed size, quality and format are there exactly as the server sent them, but the receipt does not bind them (the
/// image-generation transcript has no field for them; it binds the images and the token usage). The HTTP response is
/// not kept: <see cref="ClientResult.GetRawResponse"/> is a reconstruction with status 200, no headers and the
/// collection's JSON as written by the SDK. Options with no Microsoft.Extensions.AI counterpart (quality, style,
/// background, moderation, compression, input fidelity, end-user id), edits with a mask and variations are refused
/// with a <see cref="NotSupportedException"/> naming what to do.
/// </remarks>
public sealed class VerifiedOpenAIImageClient
{
    internal VerifiedOpenAIImageClient(ImageClient innerClient, VerifiedImageGenerator verified)
    {
        InnerClient = innerClient;
        Verified = verified;
    }

    /// <summary>The SDK client the requests go to.</summary>
    public ImageClient InnerClient { get; }

    /// <summary>The verified Microsoft.Extensions.AI image generator the calls run through.</summary>
    public VerifiedImageGenerator Verified { get; }

    /// <summary>Generates one image, as <see cref="ImageClient.GenerateImage(string, SdkImageOptions, CancellationToken)"/>.</summary>
    /// <exception cref="NotSupportedException">An option that cannot be carried through the verified path.</exception>
    public ClientResult<GeneratedImage> GenerateImage(string prompt, SdkImageOptions? options = null, CancellationToken cancellationToken = default) =>
        GenerateImageAsync(prompt, options, cancellationToken).GetAwaiter().GetResult();

    /// <summary>Generates one image, as <see cref="ImageClient.GenerateImageAsync(string, SdkImageOptions, CancellationToken)"/>.</summary>
    /// <exception cref="NotSupportedException">An option that cannot be carried through the verified path.</exception>
    public async Task<ClientResult<GeneratedImage>> GenerateImageAsync(string prompt, SdkImageOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        var generationOptions = OpenAIImageOptionsMapping.ToGenerationOptions(options, 1);
        return First(await RunAsync(new ImageGenerationRequest(prompt), generationOptions, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Generates images, as <see cref="ImageClient.GenerateImages(string, int, SdkImageOptions, CancellationToken)"/>.</summary>
    /// <exception cref="NotSupportedException">An option that cannot be carried through the verified path.</exception>
    public ClientResult<GeneratedImageCollection> GenerateImages(string prompt, int imageCount, SdkImageOptions? options = null, CancellationToken cancellationToken = default) =>
        GenerateImagesAsync(prompt, imageCount, options, cancellationToken).GetAwaiter().GetResult();

    /// <summary>Generates images, as <see cref="ImageClient.GenerateImagesAsync(string, int, SdkImageOptions, CancellationToken)"/>.</summary>
    /// <exception cref="NotSupportedException">An option that cannot be carried through the verified path.</exception>
    public Task<ClientResult<GeneratedImageCollection>> GenerateImagesAsync(string prompt, int imageCount, SdkImageOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        var generationOptions = OpenAIImageOptionsMapping.ToGenerationOptions(options, imageCount);
        return RunAsync(new ImageGenerationRequest(prompt), generationOptions, cancellationToken);
    }

    /// <summary>Edits an image, as <see cref="ImageClient.GenerateImageEdit(Stream, string, string, ImageEditOptions, CancellationToken)"/>;
    /// the receipt binds the image bytes read from the stream's position to its end.</summary>
    /// <exception cref="NotSupportedException">An option that cannot be carried through the verified path.</exception>
    public ClientResult<GeneratedImage> GenerateImageEdit(Stream image, string imageFilename, string prompt, ImageEditOptions? options = null, CancellationToken cancellationToken = default) =>
        GenerateImageEditAsync(image, imageFilename, prompt, options, cancellationToken).GetAwaiter().GetResult();

    /// <summary>Edits an image, as <see cref="ImageClient.GenerateImageEditAsync(Stream, string, string, ImageEditOptions, CancellationToken)"/>.</summary>
    /// <exception cref="NotSupportedException">An option that cannot be carried through the verified path.</exception>
    public async Task<ClientResult<GeneratedImage>> GenerateImageEditAsync(Stream image, string imageFilename, string prompt, ImageEditOptions? options = null, CancellationToken cancellationToken = default) =>
        First(await EditAsync(image, imageFilename, prompt, 1, options, cancellationToken).ConfigureAwait(false));

    /// <summary>Edits an image file, as <see cref="ImageClient.GenerateImageEdit(string, string, ImageEditOptions)"/>.</summary>
    /// <exception cref="NotSupportedException">An option that cannot be carried through the verified path.</exception>
    public ClientResult<GeneratedImage> GenerateImageEdit(string imageFilePath, string prompt, ImageEditOptions? options = null) =>
        GenerateImageEditAsync(imageFilePath, prompt, options).GetAwaiter().GetResult();

    /// <summary>Edits an image file, as <see cref="ImageClient.GenerateImageEditAsync(string, string, ImageEditOptions)"/>.</summary>
    /// <exception cref="NotSupportedException">An option that cannot be carried through the verified path.</exception>
    public async Task<ClientResult<GeneratedImage>> GenerateImageEditAsync(string imageFilePath, string prompt, ImageEditOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(imageFilePath);
        using var image = File.OpenRead(imageFilePath);
        return First(await EditAsync(image, Path.GetFileName(imageFilePath), prompt, 1, options, CancellationToken.None).ConfigureAwait(false));
    }

    /// <summary>Edits an image into several, as <see cref="ImageClient.GenerateImageEdits(Stream, string, string, int, ImageEditOptions, CancellationToken)"/>.</summary>
    /// <exception cref="NotSupportedException">An option that cannot be carried through the verified path.</exception>
    public ClientResult<GeneratedImageCollection> GenerateImageEdits(Stream image, string imageFilename, string prompt, int imageCount, ImageEditOptions? options = null, CancellationToken cancellationToken = default) =>
        GenerateImageEditsAsync(image, imageFilename, prompt, imageCount, options, cancellationToken).GetAwaiter().GetResult();

    /// <summary>Edits an image into several, as <see cref="ImageClient.GenerateImageEditsAsync(Stream, string, string, int, ImageEditOptions, CancellationToken)"/>.</summary>
    /// <exception cref="NotSupportedException">An option that cannot be carried through the verified path.</exception>
    public Task<ClientResult<GeneratedImageCollection>> GenerateImageEditsAsync(Stream image, string imageFilename, string prompt, int imageCount, ImageEditOptions? options = null, CancellationToken cancellationToken = default) =>
        EditAsync(image, imageFilename, prompt, imageCount, options, cancellationToken);

    /// <summary>Edits an image file into several, as <see cref="ImageClient.GenerateImageEdits(string, string, int, ImageEditOptions)"/>.</summary>
    /// <exception cref="NotSupportedException">An option that cannot be carried through the verified path.</exception>
    public ClientResult<GeneratedImageCollection> GenerateImageEdits(string imageFilePath, string prompt, int imageCount, ImageEditOptions? options = null) =>
        GenerateImageEditsAsync(imageFilePath, prompt, imageCount, options).GetAwaiter().GetResult();

    /// <summary>Edits an image file into several, as <see cref="ImageClient.GenerateImageEditsAsync(string, string, int, ImageEditOptions)"/>.</summary>
    /// <exception cref="NotSupportedException">An option that cannot be carried through the verified path.</exception>
    public async Task<ClientResult<GeneratedImageCollection>> GenerateImageEditsAsync(string imageFilePath, string prompt, int imageCount, ImageEditOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(imageFilePath);
        using var image = File.OpenRead(imageFilePath);
        return await EditAsync(image, Path.GetFileName(imageFilePath), prompt, imageCount, options, CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>Refused: an edit with a mask (see <see cref="MaskRefused"/>).</summary>
    /// <exception cref="NotSupportedException">Always.</exception>
    public ClientResult<GeneratedImage> GenerateImageEdit(Stream image, string imageFilename, string prompt, Stream mask, string maskFilename, ImageEditOptions? options = null, CancellationToken cancellationToken = default) =>
        throw MaskRefused(nameof(GenerateImageEdit));

    /// <summary>Refused: an edit with a mask (see <see cref="MaskRefused"/>).</summary>
    /// <exception cref="NotSupportedException">Always.</exception>
    public Task<ClientResult<GeneratedImage>> GenerateImageEditAsync(Stream image, string imageFilename, string prompt, Stream mask, string maskFilename, ImageEditOptions? options = null, CancellationToken cancellationToken = default) =>
        throw MaskRefused(nameof(GenerateImageEditAsync));

    /// <summary>Refused: an edit with a mask (see <see cref="MaskRefused"/>).</summary>
    /// <exception cref="NotSupportedException">Always.</exception>
    public ClientResult<GeneratedImage> GenerateImageEdit(string imageFilePath, string prompt, string maskFilePath, ImageEditOptions? options = null) =>
        throw MaskRefused(nameof(GenerateImageEdit));

    /// <summary>Refused: an edit with a mask (see <see cref="MaskRefused"/>).</summary>
    /// <exception cref="NotSupportedException">Always.</exception>
    public Task<ClientResult<GeneratedImage>> GenerateImageEditAsync(string imageFilePath, string prompt, string maskFilePath, ImageEditOptions? options = null) =>
        throw MaskRefused(nameof(GenerateImageEditAsync));

    /// <summary>Refused: an edit with a mask (see <see cref="MaskRefused"/>).</summary>
    /// <exception cref="NotSupportedException">Always.</exception>
    public ClientResult<GeneratedImageCollection> GenerateImageEdits(Stream image, string imageFilename, string prompt, Stream mask, string maskFilename, int imageCount, ImageEditOptions? options = null, CancellationToken cancellationToken = default) =>
        throw MaskRefused(nameof(GenerateImageEdits));

    /// <summary>Refused: an edit with a mask (see <see cref="MaskRefused"/>).</summary>
    /// <exception cref="NotSupportedException">Always.</exception>
    public Task<ClientResult<GeneratedImageCollection>> GenerateImageEditsAsync(Stream image, string imageFilename, string prompt, Stream mask, string maskFilename, int imageCount, ImageEditOptions? options = null, CancellationToken cancellationToken = default) =>
        throw MaskRefused(nameof(GenerateImageEditsAsync));

    /// <summary>Refused: an edit with a mask (see <see cref="MaskRefused"/>).</summary>
    /// <exception cref="NotSupportedException">Always.</exception>
    public ClientResult<GeneratedImageCollection> GenerateImageEdits(string imageFilePath, string prompt, string maskFilePath, int imageCount, ImageEditOptions? options = null) =>
        throw MaskRefused(nameof(GenerateImageEdits));

    /// <summary>Refused: an edit with a mask (see <see cref="MaskRefused"/>).</summary>
    /// <exception cref="NotSupportedException">Always.</exception>
    public Task<ClientResult<GeneratedImageCollection>> GenerateImageEditsAsync(string imageFilePath, string prompt, string maskFilePath, int imageCount, ImageEditOptions? options = null) =>
        throw MaskRefused(nameof(GenerateImageEditsAsync));

    /// <summary>Refused: a variation (see <see cref="VariationRefused"/>).</summary>
    /// <exception cref="NotSupportedException">Always.</exception>
    public ClientResult<GeneratedImage> GenerateImageVariation(Stream image, string imageFilename, ImageVariationOptions? options = null, CancellationToken cancellationToken = default) =>
        throw VariationRefused(nameof(GenerateImageVariation));

    /// <summary>Refused: a variation (see <see cref="VariationRefused"/>).</summary>
    /// <exception cref="NotSupportedException">Always.</exception>
    public Task<ClientResult<GeneratedImage>> GenerateImageVariationAsync(Stream image, string imageFilename, ImageVariationOptions? options = null, CancellationToken cancellationToken = default) =>
        throw VariationRefused(nameof(GenerateImageVariationAsync));

    /// <summary>Refused: a variation (see <see cref="VariationRefused"/>).</summary>
    /// <exception cref="NotSupportedException">Always.</exception>
    public ClientResult<GeneratedImage> GenerateImageVariation(string imageFilePath, ImageVariationOptions? options = null) =>
        throw VariationRefused(nameof(GenerateImageVariation));

    /// <summary>Refused: a variation (see <see cref="VariationRefused"/>).</summary>
    /// <exception cref="NotSupportedException">Always.</exception>
    public Task<ClientResult<GeneratedImage>> GenerateImageVariationAsync(string imageFilePath, ImageVariationOptions? options = null) =>
        throw VariationRefused(nameof(GenerateImageVariationAsync));

    /// <summary>Refused: a variation (see <see cref="VariationRefused"/>).</summary>
    /// <exception cref="NotSupportedException">Always.</exception>
    public ClientResult<GeneratedImageCollection> GenerateImageVariations(Stream image, string imageFilename, int imageCount, ImageVariationOptions? options = null, CancellationToken cancellationToken = default) =>
        throw VariationRefused(nameof(GenerateImageVariations));

    /// <summary>Refused: a variation (see <see cref="VariationRefused"/>).</summary>
    /// <exception cref="NotSupportedException">Always.</exception>
    public Task<ClientResult<GeneratedImageCollection>> GenerateImageVariationsAsync(Stream image, string imageFilename, int imageCount, ImageVariationOptions? options = null, CancellationToken cancellationToken = default) =>
        throw VariationRefused(nameof(GenerateImageVariationsAsync));

    /// <summary>Refused: a variation (see <see cref="VariationRefused"/>).</summary>
    /// <exception cref="NotSupportedException">Always.</exception>
    public ClientResult<GeneratedImageCollection> GenerateImageVariations(string imageFilePath, int imageCount, ImageVariationOptions? options = null) =>
        throw VariationRefused(nameof(GenerateImageVariations));

    /// <summary>Refused: a variation (see <see cref="VariationRefused"/>).</summary>
    /// <exception cref="NotSupportedException">Always.</exception>
    public Task<ClientResult<GeneratedImageCollection>> GenerateImageVariationsAsync(string imageFilePath, int imageCount, ImageVariationOptions? options = null) =>
        throw VariationRefused(nameof(GenerateImageVariationsAsync));

    /// <summary>Microsoft.Extensions.AI's image request carries original images but no mask: the mask would be neither sent nor bound.</summary>
    private static NotSupportedException MaskRefused(string method) => new(
        $"The verified OpenAI image client cannot carry ImageClient.{method} with a mask: the request goes through Microsoft.Extensions.AI's ImageGenerationRequest, which has original images but no mask, " +
        "so the mask would be neither sent nor bound by the receipt. Call the overload without a mask (the model then edits the whole image), or call the SDK's ImageClient directly and mark the call [AllowUnverifiedAi].");

    /// <summary>Microsoft.Extensions.AI has no variation request (a request with an original image is an edit, which needs a prompt).</summary>
    private static NotSupportedException VariationRefused(string method) => new(
        $"The verified OpenAI image client cannot carry ImageClient.{method}: Microsoft.Extensions.AI's image generator has no variation request (a request with an original image is sent as an edit, with a prompt), " +
        "so there is no image-generation receipt for it. Use GenerateImageEdit with a prompt describing the variation, or call the SDK's ImageClient directly and mark the call [AllowUnverifiedAi].");

    private static ClientResult<GeneratedImage> First(ClientResult<GeneratedImageCollection> images)
    {
        var collection = images.Value;
        var result = ClientResult.FromValue(collection[0], images.GetRawResponse());
        OpenAIReceiptExtensions.Attach(result, collection.GetReceipt());
        return result;
    }

    private async Task<ClientResult<GeneratedImageCollection>> EditAsync(Stream image, string imageFilename, string prompt, int imageCount, ImageEditOptions? options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(imageFilename);
        ArgumentNullException.ThrowIfNull(prompt);
        var editOptions = OpenAIImageOptionsMapping.ToEditOptions(options, imageCount);
        using var buffer = new MemoryStream();
        await image.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        var original = new DataContent(buffer.ToArray(), OpenAIImageOptionsMapping.MediaTypeOf(imageFilename)) { Name = imageFilename };
        return await RunAsync(new ImageGenerationRequest(prompt, [original]), editOptions, cancellationToken).ConfigureAwait(false);
    }

    private async Task<ClientResult<GeneratedImageCollection>> RunAsync(ImageGenerationRequest request, Microsoft.Extensions.AI.ImageGenerationOptions options, CancellationToken cancellationToken)
    {
        var response = await Verified.GenerateAsync(request, options, cancellationToken).ConfigureAwait(false);
        var receipt = response.GetReceipt();

        // Microsoft.Extensions.AI.OpenAI builds the response's contents (what the receipt binds) from the SDK's own
        // collection and keeps it as the raw representation: returning it gives the caller the very images bound.
        if (response.RawRepresentation is not GeneratedImageCollection collection || collection.Count != response.Contents.Count)
        {
            throw new InvalidOperationException("The image generator under the verified OpenAI image client did not return the SDK's GeneratedImageCollection as its raw representation, so the images bound by the receipt cannot be returned in the SDK's types.");
        }

        var result = ClientResult.FromValue(collection, ReconstructedResponse.Of(collection));
        OpenAIReceiptExtensions.Attach(result, receipt);
        OpenVerifyOpenAIImageExtensions.Attach(collection, receipt);
        foreach (var image in collection)
        {
            OpenVerifyOpenAIImageExtensions.Attach(image, receipt);
        }

        return result;
    }
}
