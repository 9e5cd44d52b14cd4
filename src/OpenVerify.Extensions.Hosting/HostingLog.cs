using Microsoft.Extensions.Logging;

namespace OpenVerify.Extensions.Hosting;

/// <summary>The hosting package's log events (ids 2000–2099; docs/telemetry.md). Key sources are described by their
/// kind and, for PEM files, their path; never by a provider's reference or any key material.</summary>
internal static partial class HostingLog
{
    internal const string Category = "OpenVerify.Hosting";

    [LoggerMessage(EventId = 2000, EventName = "SignerOpened", Level = LogLevel.Information,
        Message = "OpenVerify signs receipts with key {KeyId} ({Algorithm}) from {KeySource}")]
    internal static partial void SignerOpened(ILogger logger, string keyId, KeyAlgorithm algorithm, string keySource);

    [LoggerMessage(EventId = 2001, EventName = "ReceiptLogOpened", Level = LogLevel.Information,
        Message = "Receipt log {LogPath} opened with {LogSize} receipts (recovery cut {RecoveredBytes} bytes)")]
    internal static partial void ReceiptLogOpened(ILogger logger, string logPath, long logSize, long recoveredBytes);

    [LoggerMessage(EventId = 2002, EventName = "ShutdownFlushed", Level = LogLevel.Information,
        Message = "OpenVerify flushed on shutdown: {BatchedReceipts} receipts signed in batches, receipt log at {LogSize} receipts")]
    internal static partial void ShutdownFlushed(ILogger logger, long batchedReceipts, long logSize);

    [LoggerMessage(EventId = 2003, EventName = "ShutdownFlushFailed", Level = LogLevel.Error,
        Message = "OpenVerify could not flush on shutdown; receipts not yet acknowledged may be lost")]
    internal static partial void ShutdownFlushFailed(ILogger logger, Exception error);
}
