using Microsoft.Extensions.AI;

namespace OpenVerify.Extensions.AI;

/// <summary>
/// Makes a chat client, embedding generator or media client (speech-to-text, text-to-speech, image generation) verified where it is received (a constructor parameter, a handler's
/// parameter), whoever built it: one that already attests is kept as it is, so wrapping an injected client never signs
/// twice, and any other gets the attesting step.
/// </summary>
public static class OpenVerifyClientExtensions
{
    /// <summary>
    /// The client as a <see cref="VerifiedChatClient"/>: itself when it is one; the same pipeline, with no second
    /// attesting step, when it already has one (<c>AddChatClient(…).UseOpenVerify()</c>, a pipeline built over a
    /// verified client); otherwise <c>client.AsBuilder().UseOpenVerify(signer).BuildVerified(services)</c>.
    /// </summary>
    /// <param name="client">The client, for example one injected by dependency injection.</param>
    /// <param name="signer">The receipt-signing key for a new attesting step; when null, the <see cref="ISigner"/> in
    /// <paramref name="services"/>, else the runtime's (<see cref="OpenVerifyRuntime.ResolveSigner"/>, which a host
    /// with <c>AddOpenVerify()</c> sets to its signer).</param>
    /// <param name="services">The service provider a new pipeline is built with.</param>
    /// <exception cref="InvalidOperationException">A new attesting step is needed and no signer is passed, registered
    /// or set in the runtime; or the pipeline already attests but not innermost (another step sits between the attesting
    /// step and the provider), which <c>BuildVerified()</c> refuses too.</exception>
    public static VerifiedChatClient AsVerified(this IChatClient client, ISigner? signer = null, IServiceProvider? services = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        if (client is VerifiedChatClient verified)
        {
            return verified;
        }

        // A pipeline that already attests gets no second attesting step (it would sign twice), but it is held to what
        // BuildVerified() requires: an attesting step with another step below it (function invocation, say) binds
        // less than is sent to the provider, so it is refused rather than called verified.
        return client.GetService<AttestingChatClient>() is not null
            ? OpenVerifyChatClientBuilderExtensions.Verify(client)
            : client.AsBuilder().UseOpenVerify(signer).BuildVerified(services);
    }

    /// <summary>
    /// The generator as a <see cref="VerifiedEmbeddingGenerator{TInput, TEmbedding}"/>: itself when it is one; the same
    /// pipeline when it already has an attesting step; otherwise
    /// <c>generator.AsBuilder().UseOpenVerify(signer).BuildVerified(services)</c>.
    /// </summary>
    /// <param name="generator">The generator, for example one injected by dependency injection.</param>
    /// <param name="signer">The receipt-signing key for a new attesting step; when null, the <see cref="ISigner"/> in
    /// <paramref name="services"/>, else the runtime's.</param>
    /// <param name="services">The service provider a new pipeline is built with.</param>
    /// <exception cref="InvalidOperationException">A new attesting step is needed and no signer is passed, registered
    /// or set in the runtime; or the pipeline already attests but not innermost (another step sits between the attesting
    /// step and the provider), which <c>BuildVerified()</c> refuses too.</exception>
    public static VerifiedEmbeddingGenerator<TInput, TEmbedding> AsVerified<TInput, TEmbedding>(this IEmbeddingGenerator<TInput, TEmbedding> generator, ISigner? signer = null, IServiceProvider? services = null)
        where TEmbedding : Embedding
    {
        ArgumentNullException.ThrowIfNull(generator);
        if (generator is VerifiedEmbeddingGenerator<TInput, TEmbedding> verified)
        {
            return verified;
        }

        return generator.GetService<AttestingEmbeddingGenerator<TInput, TEmbedding>>() is not null
            ? OpenVerifyEmbeddingGeneratorBuilderExtensions.Verify(generator)
            : generator.AsBuilder().UseOpenVerify(signer).BuildVerified(services);
    }

    /// <summary>
    /// The speech-to-text client as a <see cref="VerifiedSpeechToTextClient"/>: itself when it is one; the same pipeline, with no second attesting
    /// step, when it already has one; otherwise <c>client.AsBuilder().UseOpenVerify(signer).BuildVerified(services)</c>.
    /// </summary>
    /// <param name="client">The client, for example one injected by dependency injection.</param>
    /// <param name="signer">The receipt-signing key for a new attesting step; when null, the <see cref="ISigner"/> in
    /// <paramref name="services"/>, else the runtime's.</param>
    /// <param name="services">The service provider a new pipeline is built with.</param>
    /// <exception cref="InvalidOperationException">A new attesting step is needed and no signer is passed, registered
    /// or set in the runtime; or the pipeline already attests but not innermost, which <c>BuildVerified()</c> refuses too.</exception>
    public static VerifiedSpeechToTextClient AsVerified(this ISpeechToTextClient client, ISigner? signer = null, IServiceProvider? services = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        if (client is VerifiedSpeechToTextClient verified)
        {
            return verified;
        }

        return client.GetService<AttestingSpeechToTextClient>() is not null
            ? OpenVerifyMediaBuilderExtensions.Verify(client)
            : client.AsBuilder().UseOpenVerify(signer).BuildVerified(services);
    }

    /// <summary>
    /// The text-to-speech client as a <see cref="VerifiedTextToSpeechClient"/>: itself when it is one; the same pipeline, with no second attesting
    /// step, when it already has one; otherwise <c>client.AsBuilder().UseOpenVerify(signer).BuildVerified(services)</c>.
    /// </summary>
    /// <param name="client">The client, for example one injected by dependency injection.</param>
    /// <param name="signer">The receipt-signing key for a new attesting step; when null, the <see cref="ISigner"/> in
    /// <paramref name="services"/>, else the runtime's.</param>
    /// <param name="services">The service provider a new pipeline is built with.</param>
    /// <exception cref="InvalidOperationException">A new attesting step is needed and no signer is passed, registered
    /// or set in the runtime; or the pipeline already attests but not innermost, which <c>BuildVerified()</c> refuses too.</exception>
    public static VerifiedTextToSpeechClient AsVerified(this ITextToSpeechClient client, ISigner? signer = null, IServiceProvider? services = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        if (client is VerifiedTextToSpeechClient verified)
        {
            return verified;
        }

        return client.GetService<AttestingTextToSpeechClient>() is not null
            ? OpenVerifyMediaBuilderExtensions.Verify(client)
            : client.AsBuilder().UseOpenVerify(signer).BuildVerified(services);
    }

    /// <summary>
    /// The image generator as a <see cref="VerifiedImageGenerator"/>: itself when it is one; the same pipeline, with no second attesting
    /// step, when it already has one; otherwise <c>generator.AsBuilder().UseOpenVerify(signer).BuildVerified(services)</c>.
    /// </summary>
    /// <param name="generator">The generator, for example one injected by dependency injection.</param>
    /// <param name="signer">The receipt-signing key for a new attesting step; when null, the <see cref="ISigner"/> in
    /// <paramref name="services"/>, else the runtime's.</param>
    /// <param name="services">The service provider a new pipeline is built with.</param>
    /// <exception cref="InvalidOperationException">A new attesting step is needed and no signer is passed, registered
    /// or set in the runtime; or the pipeline already attests but not innermost, which <c>BuildVerified()</c> refuses too.</exception>
    public static VerifiedImageGenerator AsVerified(this IImageGenerator generator, ISigner? signer = null, IServiceProvider? services = null)
    {
        ArgumentNullException.ThrowIfNull(generator);
        if (generator is VerifiedImageGenerator verified)
        {
            return verified;
        }

        return generator.GetService<AttestingImageGenerator>() is not null
            ? OpenVerifyMediaBuilderExtensions.Verify(generator)
            : generator.AsBuilder().UseOpenVerify(signer).BuildVerified(services);
    }
}
