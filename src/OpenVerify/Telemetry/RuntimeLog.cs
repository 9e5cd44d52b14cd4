using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace OpenVerify.Telemetry;

/// <summary>
/// The runtime's log events (docs/telemetry.md lists them with their ids). Messages carry names, digests, key ids,
/// sizes and paths, never key material, PINs or a key reference's query part. Loggers come from
/// <see cref="OpenVerifyRuntime.LoggerFactory"/>; with none set every call costs one <c>IsEnabled</c> check.
/// </summary>
// CA1873 does not see the IsEnabled checks below (the logger is a property), and the failure paths are rare.
#pragma warning disable CA1873
internal static partial class RuntimeLog
{
    internal const string ModelsCategory = "OpenVerify.Models";
    internal const string VerificationCategory = "OpenVerify.Verification";
    internal const string BatchingCategory = "OpenVerify.Batching";
    internal const string LogsCategory = "OpenVerify.Logs";

    private static Loggers _loggers = new(NullLoggerFactory.Instance);

    internal static ILogger Models => _loggers.Models;

    internal static ILogger Verification => _loggers.Verification;

    internal static ILogger Batching => _loggers.Batching;

    internal static ILogger Logs => _loggers.Logs;

    internal static void Use(ILoggerFactory? factory) => _loggers = new Loggers(factory ?? NullLoggerFactory.Instance);

    /// <summary>Logs a failed model load: a digest mismatch as its own event, anything else with its message.</summary>
    internal static void ModelFailed(OpenVerifyException error, string modelName)
    {
        if (error is ModelDigestMismatchException mismatch)
        {
            ModelDigestMismatch(Models, modelName, mismatch.Expected.ToString(), mismatch.Actual.ToString());
        }
        else
        {
            ModelLoadFailed(Models, modelName, error.Message);
        }
    }

    /// <summary>Logs a loaded model.</summary>
    internal static void ModelLoaded(VerifiedModel model, long bytes, long startTimestamp)
    {
        if (Models.IsEnabled(LogLevel.Information))
        {
            ModelLoaded(Models, model.Name, model.Digest.ToString(), bytes, Stopwatch.GetElapsedTime(startTimestamp).TotalMilliseconds);
        }
    }

    /// <summary>Logs a signed batch.</summary>
    internal static void BatchSealed(int size, string keyId, long firstReceiptTimestamp)
    {
        if (Batching.IsEnabled(LogLevel.Debug))
        {
            BatchSealed(Batching, size, keyId, Stopwatch.GetElapsedTime(firstReceiptTimestamp).TotalMilliseconds);
        }
    }

    /// <summary>Logs a verification's outcome: a failure as a warning with the first failed check, a success at debug.</summary>
    internal static void Verified(Receipt? receipt, VerificationResult result)
    {
        var logger = Verification;
        if (result.FirstFailure is { } failure && logger.IsEnabled(LogLevel.Warning))
        {
            VerificationFailed(logger, receipt?.Id.ToString() ?? "(unreadable)", failure.Name, failure.Detail);
        }
        else if (logger.IsEnabled(LogLevel.Debug))
        {
            ReceiptVerified(logger, receipt?.Id.ToString() ?? "(unreadable)", result.Checks.Count, result.SignerKeyId);
        }
    }

    [LoggerMessage(EventId = 1000, EventName = "ModelLoaded", Level = LogLevel.Information,
        Message = "Loaded model {ModelName} ({ModelDigest}, {ModelBytes} bytes) in {ElapsedMilliseconds:F1} ms")]
    internal static partial void ModelLoaded(ILogger logger, string modelName, string modelDigest, long modelBytes, double elapsedMilliseconds);

    [LoggerMessage(EventId = 1001, EventName = "ModelDigestMismatch", Level = LogLevel.Error,
        Message = "Refused model {ModelName}: its bytes have digest {ActualDigest}, not the pinned {ExpectedDigest}")]
    internal static partial void ModelDigestMismatch(ILogger logger, string modelName, string expectedDigest, string actualDigest);

    [LoggerMessage(EventId = 1002, EventName = "ModelLoadFailed", Level = LogLevel.Error,
        Message = "Could not load model {ModelName}: {Reason}")]
    internal static partial void ModelLoadFailed(ILogger logger, string modelName, string reason);

    [LoggerMessage(EventId = 1100, EventName = "VerificationFailed", Level = LogLevel.Warning,
        Message = "Receipt {ReceiptId} failed verification at check {Check}: {Detail}")]
    internal static partial void VerificationFailed(ILogger logger, string receiptId, string check, string detail);

    [LoggerMessage(EventId = 1101, EventName = "ReceiptVerified", Level = LogLevel.Debug,
        Message = "Receipt {ReceiptId} verified ({CheckCount} checks, signer {KeyId})")]
    internal static partial void ReceiptVerified(ILogger logger, string receiptId, int checkCount, string? keyId);

    [LoggerMessage(EventId = 1200, EventName = "BatchSealed", Level = LogLevel.Debug,
        Message = "Signed a batch of {BatchSize} receipts with key {KeyId} in {ElapsedMilliseconds:F1} ms after its first receipt")]
    internal static partial void BatchSealed(ILogger logger, int batchSize, string keyId, double elapsedMilliseconds);

    [LoggerMessage(EventId = 1201, EventName = "BatchSealFailed", Level = LogLevel.Error,
        Message = "Signing a batch of {BatchSize} receipts failed; none of them was acknowledged")]
    internal static partial void BatchSealFailed(ILogger logger, Exception error, int batchSize);

    [LoggerMessage(EventId = 1300, EventName = "LogAppended", Level = LogLevel.Debug,
        Message = "Appended {Count} receipts to {LogPath} at index {FirstIndex}")]
    internal static partial void LogAppended(ILogger logger, int count, string logPath, long firstIndex);

    [LoggerMessage(EventId = 1301, EventName = "TreeHeadSigned", Level = LogLevel.Information,
        Message = "Signed the tree head of {LogPath} at size {TreeSize} with key {KeyId}")]
    internal static partial void TreeHeadSigned(ILogger logger, string logPath, long treeSize, string keyId);

    [LoggerMessage(EventId = 1302, EventName = "LogAppendFailed", Level = LogLevel.Error,
        Message = "Appending {Count} receipts to {LogPath} failed; none of them was acknowledged")]
    internal static partial void LogAppendFailed(ILogger logger, Exception error, int count, string logPath);

    private sealed class Loggers(ILoggerFactory factory)
    {
        public ILogger Models { get; } = factory.CreateLogger(ModelsCategory);

        public ILogger Verification { get; } = factory.CreateLogger(VerificationCategory);

        public ILogger Batching { get; } = factory.CreateLogger(BatchingCategory);

        public ILogger Logs { get; } = factory.CreateLogger(LogsCategory);
    }
}
