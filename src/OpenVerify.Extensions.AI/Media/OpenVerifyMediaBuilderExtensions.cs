using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace OpenVerify.Extensions.AI;

/// <summary>
/// Adds receipts to speech-to-text, text-to-speech and image generation pipelines (Microsoft.Extensions.AI's
/// experimental abstractions: callers suppress MEAI001 where they use them). Call <c>UseOpenVerify()</c> last, so that
/// the attesting step wraps the provider's client directly, and <c>BuildVerified()</c> to get a type that is known to
/// attest every call.
/// </summary>
public static class OpenVerifyMediaBuilderExtensions
{
    /// <summary>Adds an <see cref="AttestingSpeechToTextClient"/> as the next stage; call it last.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="signer">The receipt-signing key; when null, the <see cref="ISigner"/> registered in the service provider, else the runtime's (<see cref="OpenVerifyRuntime.ResolveSigner"/>).</param>
    /// <param name="configure">Configures the client.</param>
    /// <returns><paramref name="builder"/>.</returns>
    public static SpeechToTextClientBuilder UseOpenVerify(this SpeechToTextClientBuilder builder, ISigner? signer = null, Action<AttestingSpeechToTextClient>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Use((inner, services) =>
        {
            var client = new AttestingSpeechToTextClient(inner, Signer(signer, services), services.GetService<ILoggerFactory>()?.CreateLogger(typeof(AttestingSpeechToTextClient)));
            configure?.Invoke(client);
            return client;
        });
    }

    /// <summary>Builds the pipeline as a <see cref="VerifiedSpeechToTextClient"/>.</summary>
    /// <exception cref="InvalidOperationException">The pipeline has no <c>UseOpenVerify()</c>, or it is not innermost.</exception>
    public static VerifiedSpeechToTextClient BuildVerified(this SpeechToTextClientBuilder builder, IServiceProvider? services = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return Verify(builder.Build(services));
    }

    /// <summary>The pipeline as a <see cref="VerifiedSpeechToTextClient"/>, held to what <c>BuildVerified()</c> requires.</summary>
    internal static VerifiedSpeechToTextClient Verify(ISpeechToTextClient pipeline)
    {
        var attesting = Attesting(pipeline.GetService<AttestingSpeechToTextClient>(), "speech-to-text");
        Innermost(attesting.Inner is DelegatingSpeechToTextClient, attesting.Inner);
        return new VerifiedSpeechToTextClient(pipeline, attesting);
    }

    /// <summary>Adds an <see cref="AttestingTextToSpeechClient"/> as the next stage; call it last.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="signer">The receipt-signing key; when null, the <see cref="ISigner"/> registered in the service provider, else the runtime's.</param>
    /// <param name="configure">Configures the client.</param>
    /// <returns><paramref name="builder"/>.</returns>
    public static TextToSpeechClientBuilder UseOpenVerify(this TextToSpeechClientBuilder builder, ISigner? signer = null, Action<AttestingTextToSpeechClient>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Use((inner, services) =>
        {
            var client = new AttestingTextToSpeechClient(inner, Signer(signer, services), services.GetService<ILoggerFactory>()?.CreateLogger(typeof(AttestingTextToSpeechClient)));
            configure?.Invoke(client);
            return client;
        });
    }

    /// <summary>Builds the pipeline as a <see cref="VerifiedTextToSpeechClient"/>.</summary>
    /// <exception cref="InvalidOperationException">The pipeline has no <c>UseOpenVerify()</c>, or it is not innermost.</exception>
    public static VerifiedTextToSpeechClient BuildVerified(this TextToSpeechClientBuilder builder, IServiceProvider? services = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return Verify(builder.Build(services));
    }

    /// <summary>The pipeline as a <see cref="VerifiedTextToSpeechClient"/>, held to what <c>BuildVerified()</c> requires.</summary>
    internal static VerifiedTextToSpeechClient Verify(ITextToSpeechClient pipeline)
    {
        var attesting = Attesting(pipeline.GetService<AttestingTextToSpeechClient>(), "text-to-speech");
        Innermost(attesting.Inner is DelegatingTextToSpeechClient, attesting.Inner);
        return new VerifiedTextToSpeechClient(pipeline, attesting);
    }

    /// <summary>Adds an <see cref="AttestingImageGenerator"/> as the next stage; call it last.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="signer">The receipt-signing key; when null, the <see cref="ISigner"/> registered in the service provider, else the runtime's.</param>
    /// <param name="configure">Configures the generator.</param>
    /// <returns><paramref name="builder"/>.</returns>
    public static ImageGeneratorBuilder UseOpenVerify(this ImageGeneratorBuilder builder, ISigner? signer = null, Action<AttestingImageGenerator>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Use((inner, services) =>
        {
            var generator = new AttestingImageGenerator(inner, Signer(signer, services), services.GetService<ILoggerFactory>()?.CreateLogger(typeof(AttestingImageGenerator)));
            configure?.Invoke(generator);
            return generator;
        });
    }

    /// <summary>Builds the pipeline as a <see cref="VerifiedImageGenerator"/>.</summary>
    /// <exception cref="InvalidOperationException">The pipeline has no <c>UseOpenVerify()</c>, or it is not innermost.</exception>
    public static VerifiedImageGenerator BuildVerified(this ImageGeneratorBuilder builder, IServiceProvider? services = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return Verify(builder.Build(services));
    }

    /// <summary>The pipeline as a <see cref="VerifiedImageGenerator"/>, held to what <c>BuildVerified()</c> requires.</summary>
    internal static VerifiedImageGenerator Verify(IImageGenerator pipeline)
    {
        var attesting = Attesting(pipeline.GetService<AttestingImageGenerator>(), "image generation");
        Innermost(attesting.Inner is DelegatingImageGenerator, attesting.Inner);
        return new VerifiedImageGenerator(pipeline, attesting);
    }

    internal static ISigner Signer(ISigner? signer, IServiceProvider services) =>
        signer ?? services.GetService<ISigner>() ?? OpenVerifyChatClientBuilderExtensions.RuntimeSigner();

    private static T Attesting<T>(T? attesting, string what)
        where T : class =>
        attesting ?? throw new InvalidOperationException($"The {what} pipeline has no attesting step: add .UseOpenVerify() as its last step before BuildVerified().");

    private static void Innermost(bool delegating, object inner)
    {
        if (delegating)
        {
            throw new InvalidOperationException($"UseOpenVerify() must be the innermost step, directly around the provider's client, but {inner.GetType().Name} sits between them: call UseOpenVerify() last on the builder.");
        }
    }
}
