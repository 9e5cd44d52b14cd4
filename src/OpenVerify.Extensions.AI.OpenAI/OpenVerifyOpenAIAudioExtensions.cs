using System.ClientModel;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using OpenAI.Audio;

namespace OpenVerify.Extensions.AI;

/// <summary>
/// The verified form of the OpenAI SDK's <see cref="AudioClient"/> (<c>audioClient.AsVerified()</c>), and the receipts of
/// what it returns: the <see cref="ClientResult"/> (<see cref="OpenAIReceiptExtensions.GetReceipt(ClientResult)"/>), its
/// <see cref="AudioTranscription"/> or <see cref="AudioTranslation"/>, or a streamed result once enumerated. The SDK's
/// types have no property bag, so the receipt is held beside the object, for as long as the object lives. Reading a
/// receipt verifies nothing: check it with <see cref="ChatReceiptVerifier"/>.
/// </summary>
public static class OpenVerifyOpenAIAudioExtensions
{
    private static readonly ConditionalWeakTable<object, ChatReceipt> Receipts = [];
    private static readonly ConditionalWeakTable<object, AudioStreamingCall> Streams = [];

    /// <summary>
    /// Wraps the SDK audio client so that every transcription, translation and speech is attested:
    /// <c>audioClient.AsVerified().TranscribeAudioAsync(...)</c> returns what <c>audioClient.TranscribeAudioAsync(...)</c>
    /// does, with a speech-to-text receipt; <c>GenerateSpeechAsync</c> a text-to-speech one.
    /// </summary>
    /// <param name="client">The SDK client (an Azure OpenAI client's audio client too).</param>
    /// <param name="signer">The receipt-signing key; when null, the runtime's (<see cref="OpenVerifyRuntime.ResolveSigner"/>).</param>
    /// <exception cref="InvalidOperationException">No signer is passed and the runtime has none.</exception>
    public static VerifiedOpenAIAudioClient AsVerified(this AudioClient client, ISigner? signer = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        return new VerifiedOpenAIAudioClient(client, signer);
    }

    /// <summary>The receipt of the call that returned this transcription.</summary>
    /// <exception cref="InvalidOperationException">The transcription did not come from a verified OpenAI audio client.</exception>
    public static ChatReceipt GetReceipt(this AudioTranscription transcription) => Get(transcription, "This AudioTranscription");

    /// <summary>The receipt of the call that returned this translation.</summary>
    /// <exception cref="InvalidOperationException">The translation did not come from a verified OpenAI audio client.</exception>
    public static ChatReceipt GetReceipt(this AudioTranslation translation) => Get(translation, "This AudioTranslation");

    /// <summary>Gets the receipt of the call that returned this transcription, when it came from a verified OpenAI audio client.</summary>
    public static bool TryGetReceipt(this AudioTranscription transcription, [NotNullWhen(true)] out ChatReceipt? receipt) => TryGet(transcription, out receipt);

    /// <summary>Gets the receipt of the call that returned this translation, when it came from a verified OpenAI audio client.</summary>
    public static bool TryGetReceipt(this AudioTranslation translation, [NotNullWhen(true)] out ChatReceipt? receipt) => TryGet(translation, out receipt);

    /// <summary>The receipt of a streamed transcription, once the stream has been enumerated (to its end, or stopped: then it is marked truncated).</summary>
    /// <exception cref="InvalidOperationException">The stream did not come from a verified OpenAI audio client, or has not been enumerated.</exception>
    public static ChatReceipt GetReceipt(this AsyncStreamingResult<StreamingAudioTranscriptionUpdate> updates) => GetStreamed(updates);

    /// <summary>The receipt of streamed speech, once the stream has been enumerated (to its end, or stopped: then it is marked truncated).</summary>
    /// <exception cref="InvalidOperationException">The stream did not come from a verified OpenAI audio client, or has not been enumerated.</exception>
    public static ChatReceipt GetReceipt(this AsyncStreamingResult<StreamingSpeechUpdate> updates) => GetStreamed(updates);

    /// <summary>Gets the receipt of a streamed transcription once it has been enumerated.</summary>
    public static bool TryGetReceipt(this AsyncStreamingResult<StreamingAudioTranscriptionUpdate> updates, [NotNullWhen(true)] out ChatReceipt? receipt) => TryGetStreamed(updates, out receipt);

    /// <summary>Gets the receipt of streamed speech once it has been enumerated.</summary>
    public static bool TryGetReceipt(this AsyncStreamingResult<StreamingSpeechUpdate> updates, [NotNullWhen(true)] out ChatReceipt? receipt) => TryGetStreamed(updates, out receipt);

    internal static void Attach(object value, ChatReceipt receipt) => Receipts.AddOrUpdate(value, receipt);

    internal static void Attach(object updates, AudioStreamingCall call) => Streams.AddOrUpdate(updates, call);

    private static bool TryGet(object value, [NotNullWhen(true)] out ChatReceipt? receipt)
    {
        ArgumentNullException.ThrowIfNull(value);
        return Receipts.TryGetValue(value, out receipt);
    }

    private static ChatReceipt Get(object value, string what) =>
        TryGet(value, out var receipt)
            ? receipt
            : throw new InvalidOperationException($"{what} carries no OpenVerify receipt: it did not come from a verified OpenAI audio client (audioClient.AsVerified()).");

    private static bool TryGetStreamed(object updates, [NotNullWhen(true)] out ChatReceipt? receipt)
    {
        ArgumentNullException.ThrowIfNull(updates);
        receipt = Streams.TryGetValue(updates, out var call) ? call.Receipt : null;
        return receipt is not null;
    }

    private static ChatReceipt GetStreamed(object updates) =>
        TryGetStreamed(updates, out var receipt)
            ? receipt
            : throw new InvalidOperationException(Streams.TryGetValue(updates, out _)
                ? "This stream has no receipt yet: the receipt is signed when the enumeration ends; enumerate it first."
                : "This stream carries no OpenVerify receipt: it did not come from a verified OpenAI audio client (audioClient.AsVerified()).");
}
