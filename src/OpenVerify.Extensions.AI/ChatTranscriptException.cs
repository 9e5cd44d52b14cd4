namespace OpenVerify.Extensions.AI;

/// <summary>A chat or embeddings transcript cannot be written or read as canonical JSON (docs/spec/chat-v1.md): a value
/// has no JSON form (NaN, a lone surrogate), the JSON is malformed or has duplicate member names, or it does not follow
/// the transcript schema.</summary>
public sealed class ChatTranscriptException : OpenVerifyException
{
    /// <summary>Creates the exception.</summary>
    public ChatTranscriptException(string message, Exception? innerException = null) : base(message, innerException) { }
}
