using System.ClientModel;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using OpenAI.Audio;

namespace OpenVerify.Extensions.AI;

/// <summary>
/// An OpenAI SDK <see cref="AudioClient"/> whose every call is attested. Its methods have the SDK's names, parameters and
/// result types (<c>transcription.Value.Text</c>, <c>speech.Value.ToArray()</c> and <c>await foreach</c> over the SDK's
/// streaming updates keep compiling and mean the same); each call runs through a <see cref="VerifiedSpeechToTextClient"/>
/// or <see cref="VerifiedTextToSpeechClient"/> over the SDK client, so the receipt is an ordinary speech-to-text or
/// text-to-speech receipt (docs/spec/chat-v1.md §8) binding the audio by digest
/// (<see cref="OpenAIReceiptExtensions.GetReceipt(ClientResult)"/>). Build it with
/// <see cref="OpenVerifyOpenAIAudioExtensions.AsVerified(AudioClient, ISigner?)"/>.
/// </summary>
/// <remarks>
/// The audio is read once, from the stream or the file, before anything is sent: the bytes hashed are the bytes sent.
/// The results are the SDK's own objects as the provider sent them (<see cref="ClientResult.GetRawResponse"/> is the real
/// HTTP response for whole calls; a streamed result's is a reconstruction with status 200 and no headers). The receipt
/// binds the Microsoft.Extensions.AI view of the call: for a transcription the language asked for, the text, start and
/// end times and usage; a translation is recorded as text asked for in English. Options that view cannot hold (a prompt,
/// a temperature, response formats other than <c>Simple</c>, timestamp granularities, log probabilities, chunking, known
/// speakers, speech instructions) are refused with <see cref="NotSupportedException"/> before anything is sent, never
/// dropped. Diarized transcription, the protocol methods and the voice-consent calls are not offered: call them on
/// <see cref="InnerClient"/>, unverified. The file name given to the SDK method is sent as the SDK sends it, but the
/// receipt does not bind it.
/// </remarks>
public sealed class VerifiedOpenAIAudioClient
{
    private readonly ISigner? _signer;

    internal VerifiedOpenAIAudioClient(AudioClient innerClient, ISigner? signer)
    {
        InnerClient = innerClient;
        _signer = signer;
        SpeechToTextProvider = new OpenAISpeechToTextBridge(innerClient);
        TextToSpeechProvider = new OpenAITextToSpeechBridge(innerClient);
        SpeechToText = SpeechToTextProvider.AsBuilder().UseOpenVerify(signer).BuildVerified();
        TextToSpeech = TextToSpeechProvider.AsBuilder().UseOpenVerify(signer).BuildVerified();
    }

    /// <summary>The provider clients the attesting steps wrap (their disposal does nothing: the SDK client holds no resources of its own).</summary>
    private OpenAISpeechToTextBridge SpeechToTextProvider { get; }

    private OpenAITextToSpeechBridge TextToSpeechProvider { get; }

    /// <summary>The SDK client the requests go to.</summary>
    public AudioClient InnerClient { get; }

    /// <summary>The verified Microsoft.Extensions.AI speech-to-text pipeline transcriptions and translations run through.</summary>
    public VerifiedSpeechToTextClient SpeechToText { get; }

    /// <summary>The verified Microsoft.Extensions.AI text-to-speech pipeline speech runs through.</summary>
    public VerifiedTextToSpeechClient TextToSpeech { get; }

    /// <summary>Transcribes audio, as <see cref="AudioClient.TranscribeAudio(Stream, string, AudioTranscriptionOptions, CancellationToken)"/>; the result carries the receipt.</summary>
    /// <exception cref="NotSupportedException">An option that cannot be carried through the verified path.</exception>
    public ClientResult<AudioTranscription> TranscribeAudio(Stream audio, string audioFilename, AudioTranscriptionOptions? options = null, CancellationToken cancellationToken = default) =>
        TranscribeAudioAsync(audio, audioFilename, options, cancellationToken).GetAwaiter().GetResult();

    /// <summary>Transcribes audio, as <see cref="AudioClient.TranscribeAudioAsync(Stream, string, AudioTranscriptionOptions, CancellationToken)"/>; the result carries the receipt.</summary>
    /// <exception cref="NotSupportedException">An option that cannot be carried through the verified path.</exception>
    public async Task<ClientResult<AudioTranscription>> TranscribeAudioAsync(Stream audio, string audioFilename, AudioTranscriptionOptions? options = null, CancellationToken cancellationToken = default)
    {
        var mapped = OpenAIAudioOptionsMapping.Transcription(options);
        return await TextAsync<AudioTranscription>(await AudioUpload.ReadAsync(audio, audioFilename, cancellationToken).ConfigureAwait(false), mapped, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Transcribes an audio file, as <see cref="AudioClient.TranscribeAudio(string, AudioTranscriptionOptions)"/>.</summary>
    /// <exception cref="NotSupportedException">An option that cannot be carried through the verified path.</exception>
    public ClientResult<AudioTranscription> TranscribeAudio(string audioFilePath, AudioTranscriptionOptions? options = null) =>
        TranscribeAudioAsync(audioFilePath, options).GetAwaiter().GetResult();

    /// <summary>Transcribes an audio file, as <see cref="AudioClient.TranscribeAudioAsync(string, AudioTranscriptionOptions)"/>.</summary>
    /// <exception cref="NotSupportedException">An option that cannot be carried through the verified path.</exception>
    public async Task<ClientResult<AudioTranscription>> TranscribeAudioAsync(string audioFilePath, AudioTranscriptionOptions? options = null)
    {
        var mapped = OpenAIAudioOptionsMapping.Transcription(options);
        return await TextAsync<AudioTranscription>(await AudioUpload.ReadFileAsync(audioFilePath, default).ConfigureAwait(false), mapped, default).ConfigureAwait(false);
    }

    /// <summary>
    /// Streams a transcription, as <see cref="AudioClient.TranscribeAudioStreamingAsync(Stream, string, AudioTranscriptionOptions, CancellationToken)"/>.
    /// The updates are the SDK's own; the request is sent when the enumeration starts. Once enumerated to its end (or
    /// stopped: then it is marked truncated), the result carries the receipt
    /// (<see cref="OpenVerifyOpenAIAudioExtensions.GetReceipt(AsyncStreamingResult{StreamingAudioTranscriptionUpdate})"/>).
    /// </summary>
    /// <exception cref="NotSupportedException">An option that cannot be carried through the verified path.</exception>
    public async Task<AsyncStreamingResult<StreamingAudioTranscriptionUpdate>> TranscribeAudioStreamingAsync(Stream audio, string audioFilename, AudioTranscriptionOptions? options = null, CancellationToken cancellationToken = default)
    {
        var mapped = OpenAIAudioOptionsMapping.Transcription(options);
        return Streamed(await AudioUpload.ReadAsync(audio, audioFilename, cancellationToken).ConfigureAwait(false), mapped, cancellationToken);
    }

    /// <summary>Streams the transcription of an audio file, as <see cref="AudioClient.TranscribeAudioStreamingAsync(string, AudioTranscriptionOptions, CancellationToken)"/>.</summary>
    /// <exception cref="NotSupportedException">An option that cannot be carried through the verified path.</exception>
    public async Task<AsyncStreamingResult<StreamingAudioTranscriptionUpdate>> TranscribeAudioStreamingAsync(string audioFilePath, AudioTranscriptionOptions? options = null, CancellationToken cancellationToken = default)
    {
        var mapped = OpenAIAudioOptionsMapping.Transcription(options);
        return Streamed(await AudioUpload.ReadFileAsync(audioFilePath, cancellationToken).ConfigureAwait(false), mapped, cancellationToken);
    }

    /// <summary>Translates audio into English, as <see cref="AudioClient.TranslateAudio(Stream, string, AudioTranslationOptions, CancellationToken)"/>; the result carries the receipt.</summary>
    /// <exception cref="NotSupportedException">An option that cannot be carried through the verified path.</exception>
    public ClientResult<AudioTranslation> TranslateAudio(Stream audio, string audioFilename, AudioTranslationOptions? options = null, CancellationToken cancellationToken = default) =>
        TranslateAudioAsync(audio, audioFilename, options, cancellationToken).GetAwaiter().GetResult();

    /// <summary>Translates audio into English, as <see cref="AudioClient.TranslateAudioAsync(Stream, string, AudioTranslationOptions, CancellationToken)"/>; the result carries the receipt.</summary>
    /// <exception cref="NotSupportedException">An option that cannot be carried through the verified path.</exception>
    public async Task<ClientResult<AudioTranslation>> TranslateAudioAsync(Stream audio, string audioFilename, AudioTranslationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var mapped = OpenAIAudioOptionsMapping.Translation(options);
        return await TextAsync<AudioTranslation>(await AudioUpload.ReadAsync(audio, audioFilename, cancellationToken).ConfigureAwait(false), mapped, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Translates an audio file into English, as <see cref="AudioClient.TranslateAudio(string, AudioTranslationOptions)"/>.</summary>
    /// <exception cref="NotSupportedException">An option that cannot be carried through the verified path.</exception>
    public ClientResult<AudioTranslation> TranslateAudio(string audioFilePath, AudioTranslationOptions? options = null) =>
        TranslateAudioAsync(audioFilePath, options).GetAwaiter().GetResult();

    /// <summary>Translates an audio file into English, as <see cref="AudioClient.TranslateAudioAsync(string, AudioTranslationOptions)"/>.</summary>
    /// <exception cref="NotSupportedException">An option that cannot be carried through the verified path.</exception>
    public async Task<ClientResult<AudioTranslation>> TranslateAudioAsync(string audioFilePath, AudioTranslationOptions? options = null)
    {
        var mapped = OpenAIAudioOptionsMapping.Translation(options);
        return await TextAsync<AudioTranslation>(await AudioUpload.ReadFileAsync(audioFilePath, default).ConfigureAwait(false), mapped, default).ConfigureAwait(false);
    }

    /// <summary>Speaks a text, as <see cref="AudioClient.GenerateSpeech(string, GeneratedSpeechVoice, SpeechGenerationOptions, CancellationToken)"/>; the result carries the receipt.</summary>
    /// <exception cref="NotSupportedException">An option that cannot be carried through the verified path.</exception>
    public ClientResult<BinaryData> GenerateSpeech(string text, GeneratedSpeechVoice voice, SpeechGenerationOptions? options = null, CancellationToken cancellationToken = default) =>
        GenerateSpeechAsync(text, voice, options, cancellationToken).GetAwaiter().GetResult();

    /// <summary>Speaks a text, as <see cref="AudioClient.GenerateSpeechAsync(string, GeneratedSpeechVoice, SpeechGenerationOptions, CancellationToken)"/>; the result carries the receipt.</summary>
    /// <exception cref="NotSupportedException">An option that cannot be carried through the verified path.</exception>
    public async Task<ClientResult<BinaryData>> GenerateSpeechAsync(string text, GeneratedSpeechVoice voice, SpeechGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        var mapped = OpenAIAudioOptionsMapping.Speech(voice, options);
        var response = await TextToSpeech.GetAudioAsync(text, mapped, cancellationToken).ConfigureAwait(false);
        var receipt = response.GetReceipt();
        var result = (ClientResult<BinaryData>)response.RawRepresentation!;
        OpenAIReceiptExtensions.Attach(result, receipt);
        return result;
    }

    /// <summary>
    /// Streams speech, as <see cref="AudioClient.GenerateSpeechStreamingAsync(string, GeneratedSpeechVoice, SpeechGenerationOptions, CancellationToken)"/>.
    /// The updates are the SDK's own; the request is sent when the enumeration starts. Once enumerated to its end (or
    /// stopped: then it is marked truncated), the result carries the receipt
    /// (<see cref="OpenVerifyOpenAIAudioExtensions.GetReceipt(AsyncStreamingResult{StreamingSpeechUpdate})"/>).
    /// </summary>
    /// <exception cref="NotSupportedException">An option that cannot be carried through the verified path.</exception>
    public Task<AsyncStreamingResult<StreamingSpeechUpdate>> GenerateSpeechStreamingAsync(string text, GeneratedSpeechVoice voice, SpeechGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        var mapped = OpenAIAudioOptionsMapping.Speech(voice, options);
        var call = new AudioStreamingCall();
        var result = AsyncStreamingResult.Create(ReconstructedResponse.Empty(), (_, token) => Raw<StreamingSpeechUpdate>(
            call.Pipeline(TextToSpeechProvider, _signer).GetStreamingAudioAsync(text, mapped, token), token), cancellationToken);
        OpenVerifyOpenAIAudioExtensions.Attach(result, call);
        return Task.FromResult(result);
    }

    private async Task<ClientResult<T>> TextAsync<T>(AudioUpload upload, SpeechToTextOptions? options, CancellationToken cancellationToken)
    {
        using (upload)
        {
            var response = await SpeechToText.GetTextAsync(upload, options, cancellationToken).ConfigureAwait(false);
            var receipt = response.GetReceipt();
            var result = (ClientResult<T>)response.RawRepresentation!;
            OpenAIReceiptExtensions.Attach(result, receipt);
            OpenVerifyOpenAIAudioExtensions.Attach(result.Value!, receipt);
            return result;
        }
    }

    private AsyncStreamingResult<StreamingAudioTranscriptionUpdate> Streamed(AudioUpload upload, SpeechToTextOptions? options, CancellationToken cancellationToken)
    {
        var call = new AudioStreamingCall();
        var result = AsyncStreamingResult.Create(ReconstructedResponse.Empty(), (_, token) =>
        {
            // Each enumeration sends the same bytes again, from their start.
            upload.Position = 0;
            return Raw<StreamingAudioTranscriptionUpdate>(call.Pipeline(SpeechToTextProvider, _signer).GetStreamingTextAsync(upload, options, token), token);
        }, cancellationToken);
        OpenVerifyOpenAIAudioExtensions.Attach(result, call);
        return result;
    }

    /// <summary>The SDK's updates each Microsoft.Extensions.AI update wraps; the attesting step's own last update (the receipt) wraps none.</summary>
    private static async IAsyncEnumerable<T> Raw<T>(IAsyncEnumerable<SpeechToTextResponseUpdate> updates, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var update in updates.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (update.RawRepresentation is T raw)
            {
                yield return raw;
            }
        }
    }

    private static async IAsyncEnumerable<T> Raw<T>(IAsyncEnumerable<TextToSpeechResponseUpdate> updates, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var update in updates.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (update.RawRepresentation is T raw)
            {
                yield return raw;
            }
        }
    }
}

/// <summary>One streamed call: its own attesting pipeline, so that the receipt signed for it (a truncated one too) is
/// this call's, whatever else runs at the same time.</summary>
internal sealed class AudioStreamingCall
{
    public ChatReceipt? Receipt { get; private set; }

    public VerifiedSpeechToTextClient Pipeline(ISpeechToTextClient provider, ISigner? signer) =>
        provider.AsBuilder().UseOpenVerify(signer, c => c.ReceiptSigned = Signed).BuildVerified();

    public VerifiedTextToSpeechClient Pipeline(ITextToSpeechClient provider, ISigner? signer) =>
        provider.AsBuilder().UseOpenVerify(signer, c => c.ReceiptSigned = Signed).BuildVerified();

    private void Signed(ChatReceipt receipt) => Receipt = receipt;
}
