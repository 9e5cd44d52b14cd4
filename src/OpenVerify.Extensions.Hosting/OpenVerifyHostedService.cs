using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OpenVerify.Batching;
using OpenVerify.Logs;

namespace OpenVerify.Extensions.Hosting;

/// <summary>
/// Wires the host into the static runtime when it starts (the default signer that generated <c>[VerifiedInference]</c>
/// methods use, the logger factory, the model folder), opens the receipt log, and on shutdown signs what is pending in
/// the batching signer, signs a tree head (when the log has a key) and forces the log to disk. The service collection
/// then disposes the batching signer and the log, which flush again.
/// </summary>
internal sealed class OpenVerifyHostedService(IServiceProvider services, IOptions<OpenVerifyOptions> options, OpenVerifyKeys keys) : IHostedService
{
    private ISigner? _signer;
    private ISigner? _previousSigner;
    private ILoggerFactory? _loggers;
    private ILogger _logger = NullLogger.Instance;
    private Task? _stopping;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        Volatile.Write(ref _stopping, null);
        var settings = options.Value;
        var opened = keys.Open(settings);
        var loggers = services.GetService<ILoggerFactory>();
        if (loggers is not null)
        {
            _loggers = loggers;
            OpenVerifyRuntime.LoggerFactory = loggers;
            _logger = loggers.CreateLogger(HostingLog.Category);
        }

        _signer = opened.RequireSigner();
        _previousSigner = OpenVerifyRuntime.DefaultSigner;
        OpenVerifyRuntime.DefaultSigner = _signer;
        if (settings.ModelDirectory is { Length: > 0 } models)
        {
            var environment = services.GetService<IHostEnvironment>();
            OpenVerifyRuntime.ModelDirectory = environment is null ? models : Path.GetFullPath(models, environment.ContentRootPath);
        }

        HostingLog.SignerOpened(_logger, _signer.KeyId, _signer.Algorithm, opened.SignerSource);
        if (services.GetService<ReceiptLog>() is { } log)
        {
            HostingLog.ReceiptLogOpened(_logger, log.Path, log.Size, log.RecoveredBytes);
        }

        // Created now, so that a misconfigured batching signer fails the start rather than the first request.
        _ = services.GetService<BatchingSigner>();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        // A host may be stopped twice, even at once: WebApplicationFactory stops a minimal-API host that the app's own
        // Run also stops and then disposes. Only the first stop works; another waits for it, so the host is disposed
        // (which disposes the log) only once the first stop has signed and flushed.
        var stopping = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (Interlocked.CompareExchange(ref _stopping, stopping.Task, null) is { } first)
        {
            return first;
        }

        _ = StopOnceAsync(stopping);
        return stopping.Task;
    }

    // Every outcome goes to the task each stop returns: nothing is left unobserved.
    private async Task StopOnceAsync(TaskCompletionSource stopping)
    {
        try
        {
            await FlushAsync().ConfigureAwait(false);
            stopping.SetResult();
        }
        catch (Exception e)
        {
            stopping.SetException(e);
        }
    }

    private async Task FlushAsync()
    {
        try
        {
            var batching = services.GetService<BatchingSigner>();
            if (batching is not null)
            {
                await batching.FlushAsync().ConfigureAwait(false);
            }

            var log = services.GetService<ReceiptLog>();
            if (log is not null)
            {
                if (options.Value.ReceiptLog.SigningKey is { Length: > 0 } && log.Size > (log.LastTreeHead?.Head.TreeSize ?? 0))
                {
                    log.SignTreeHead();
                }

                log.Flush();
            }

            HostingLog.ShutdownFlushed(_logger, batching?.ReceiptsSigned ?? 0, log?.Size ?? 0);
        }
        catch (Exception e) when (e is OpenVerifyException or IOException or ObjectDisposedException)
        {
            HostingLog.ShutdownFlushFailed(_logger, e);
            throw;
        }
        finally
        {
            // Another host in the same process may have taken over since; leave its signer alone.
            if (ReferenceEquals(OpenVerifyRuntime.DefaultSigner, _signer))
            {
                OpenVerifyRuntime.DefaultSigner = _previousSigner;
            }

            // The host disposes its logger factory next.
            if (_loggers is not null && ReferenceEquals(OpenVerifyRuntime.LoggerFactory, _loggers))
            {
                OpenVerifyRuntime.LoggerFactory = null;
            }
        }
    }
}
