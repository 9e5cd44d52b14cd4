namespace OpenVerify.Extensions.AI;

/// <summary>
/// Audio in memory with the file name it is uploaded under. A speech-to-text provider client that sends a file name with
/// the bytes (the OpenAI SDK's multipart upload does, and the service reads the format from it) takes it from here, and
/// <see cref="AttestingSpeechToTextClient"/> binds it as the audio's <c>name</c> (docs/spec/chat-v1.md §8.1), as it binds
/// a <see cref="FileStream"/>'s: the name sent is the name signed.
/// </summary>
public class NamedAudioStream : MemoryStream
{
    /// <summary>Read-only audio bytes and their file name.</summary>
    /// <param name="audio">The audio bytes (not copied).</param>
    /// <param name="fileName">The file name the bytes are uploaded under.</param>
    public NamedAudioStream(byte[] audio, string fileName)
        : base(audio ?? throw new ArgumentNullException(nameof(audio)), writable: false)
    {
        ArgumentException.ThrowIfNullOrEmpty(fileName);
        FileName = fileName;
    }

    /// <summary>The file name the bytes are uploaded under.</summary>
    public string FileName { get; }
}
