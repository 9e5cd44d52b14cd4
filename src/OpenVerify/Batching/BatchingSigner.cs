using System.Diagnostics;
using System.Runtime.CompilerServices;
using OpenVerify.Telemetry;
using OpenVerify.Logs;

namespace OpenVerify.Batching;

/// <summary>Options of a <see cref="BatchingSigner"/>.</summary>
public sealed class BatchingSignerOptions
{
    /// <summary>A batch is signed as soon as it holds this many receipts. Default 1024.</summary>
    public int MaxBatchSize { get; init; } = 1024;

    /// <summary>A batch is signed at the latest this long after its first receipt arrived. Default 10 ms.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromMilliseconds(10);

    /// <summary>When set, each signed batch is appended to this log (one durable append per batch) before its
    /// receipts are handed out, so an acknowledged receipt is also in the log.</summary>
    public ReceiptLog? Log { get; init; }
}

/// <summary>
/// Signs receipts in Merkle batches: it collects receipt payloads for up to <see cref="BatchingSignerOptions.MaxBatchSize"/>
/// receipts or <see cref="BatchingSignerOptions.MaxDelay"/>, builds the RFC 9162 tree over their leaf hashes
/// (SHA-256(0x00 ‖ PAE)), signs one root envelope (<see cref="BatchRoot"/>) and gives each receipt its leaf index, the
/// tree size, its inclusion proof and the signed root. One signature then covers a whole batch.
/// <para>
/// What a caller holds: <see cref="SignAsync(byte[])"/> returns a task that completes with the receipt once its batch's root
/// is signed (and, with <see cref="BatchingSignerOptions.Log"/>, appended to the log under its durability policy).
/// Until then nothing is acknowledged: if the process dies before the root is signed, the receipts of that batch were
/// never acknowledged and never existed for anyone. Callers must not release a result before its receipt task
/// completes. <see cref="FlushAsync"/> signs what is pending now; <see cref="DisposeAsync"/> flushes, waits for batches
/// being signed, and refuses new receipts. If signing fails, every task of that batch fails with the exception.
/// </para>
/// <para>Thread-safe. A batch is signed on the thread that fills it, or on a timer thread when
/// <see cref="BatchingSignerOptions.MaxDelay"/> passes.</para>
/// </summary>
public sealed class BatchingSigner : IAsyncDisposable
{
    private readonly ISigner _signer;
    private readonly int _maxBatchSize;
    private readonly TimeSpan _maxDelay;
    private readonly ReceiptLog? _log;
    private readonly Timer _timer;
    private readonly object _gate = new();
    private List<Pending> _pending;
    private long _batchStarted;
    private int _sealing;
    private bool _disposed;
    private long _batches;
    private long _receipts;

    /// <summary>Creates a batching signer over a signer (a key with the receipt-signer role).</summary>
    public BatchingSigner(ISigner signer, BatchingSignerOptions? options = null)
    {
        _signer = signer ?? throw new ArgumentNullException(nameof(signer));
        options ??= new BatchingSignerOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxBatchSize, 1, nameof(options));
        if (options.MaxDelay <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.MaxDelay, "MaxDelay must be positive.");
        }

        _maxBatchSize = options.MaxBatchSize;
        _maxDelay = options.MaxDelay;
        _log = options.Log;
        _pending = new List<Pending>(Math.Min(_maxBatchSize, 4096));
        _timer = new Timer(static state => ((BatchingSigner)state!).OnTimer(), this, Timeout.Infinite, Timeout.Infinite);
    }

    /// <summary>The id of the key that signs batch roots.</summary>
    public string KeyId => _signer.KeyId;

    /// <summary>How many batches were signed.</summary>
    public long BatchesSigned => Interlocked.Read(ref _batches);

    /// <summary>How many receipts were signed in batches.</summary>
    public long ReceiptsSigned => Interlocked.Read(ref _receipts);

    /// <summary>
    /// Adds a receipt payload (an OpenVerify inference statement) to the current batch. The task completes with the
    /// batched receipt when the batch's root is signed.
    /// </summary>
    /// <exception cref="ObjectDisposedException">The signer was disposed.</exception>
    public Task<Receipt> SignAsync(byte[] payload) => SignAsync(payload, null);

    /// <param name="payload">The statement's bytes.</param>
    /// <param name="statement">The statement, when this process made it.</param>
    /// <param name="logIndex">When given, receives the receipt's index in <see cref="BatchingSignerOptions.Log"/> (for
    /// telemetry).</param>
    internal Task<Receipt> SignAsync(byte[] payload, InferenceStatement? statement, StrongBox<long>? logIndex = null)
    {
        ArgumentNullException.ThrowIfNull(payload);
        var pending = new Pending(payload, statement, Merkle.HashReceiptLeaf(Receipt.PayloadType, payload), logIndex);
        List<Pending>? full = null;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _pending.Add(pending);
            if (_pending.Count >= _maxBatchSize)
            {
                full = TakeLocked();
            }
            else if (_pending.Count == 1)
            {
                _batchStarted = Environment.TickCount64;
                _timer.Change(_maxDelay, Timeout.InfiniteTimeSpan);
            }
        }

        if (full is not null)
        {
            Seal(full);
        }

        return pending.Completion.Task;
    }

    /// <summary>Signs the receipts pending now and completes when they are signed.</summary>
    public Task FlushAsync()
    {
        List<Pending>? batch;
        lock (_gate)
        {
            batch = _pending.Count == 0 ? null : TakeLocked();
        }

        if (batch is null)
        {
            return Task.CompletedTask;
        }

        Seal(batch);
        return Task.WhenAll(batch.Select(p => (Task)p.Completion.Task));
    }

    /// <summary>Flushes what is pending, waits for batches being signed on other threads, and refuses new receipts.</summary>
    public async ValueTask DisposeAsync()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
        }

        try
        {
            await FlushAsync().ConfigureAwait(false);
        }
        finally
        {
            while (Volatile.Read(ref _sealing) > 0)
            {
                await Task.Delay(1).ConfigureAwait(false);
            }

            await _timer.DisposeAsync().ConfigureAwait(false);
        }
    }

    private List<Pending> TakeLocked()
    {
        var batch = _pending;
        _pending = new List<Pending>(Math.Min(_maxBatchSize, 4096));
        _timer.Change(Timeout.Infinite, Timeout.Infinite);
        Interlocked.Increment(ref _sealing);
        return batch;
    }

    private void OnTimer()
    {
        List<Pending>? batch = null;
        lock (_gate)
        {
            if (_pending.Count == 0)
            {
                return;
            }

            var remaining = (long)_maxDelay.TotalMilliseconds - (Environment.TickCount64 - _batchStarted);
            if (remaining > 0)
            {
                // A timer set for an earlier batch: wait for this batch's own deadline.
                _timer.Change(TimeSpan.FromMilliseconds(remaining), Timeout.InfiniteTimeSpan);
            }
            else
            {
                batch = TakeLocked();
            }
        }

        if (batch is not null)
        {
            Seal(batch);
        }
    }

    private void Seal(List<Pending> batch)
    {
        try
        {
            var receipts = SignBatch(_signer, batch.Select(p => (p.Payload, p.LeafHash)).ToList());
            var result = new Receipt[batch.Count];
            for (var i = 0; i < batch.Count; i++)
            {
                result[i] = new Receipt(receipts[i].Envelope, batch[i].Statement);
            }

            var first = _log?.AppendBatch(result);
            Interlocked.Increment(ref _batches);
            Interlocked.Add(ref _receipts, batch.Count);
            Observe(batch, first);
            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Completion.TrySetResult(result[i]);
            }
        }
#pragma warning disable CA1031 // Any failure fails every receipt of the batch: none was acknowledged.
        catch (Exception e)
#pragma warning restore CA1031
        {
            RuntimeLog.BatchSealFailed(RuntimeLog.Batching, e, batch.Count);
            foreach (var pending in batch)
            {
                pending.Completion.TrySetException(e);
            }
        }
        finally
        {
            Interlocked.Decrement(ref _sealing);
        }
    }

    private void Observe(List<Pending> batch, long? firstLogIndex)
    {
        var started = batch[0].Enqueued;
        RuntimeTelemetry.BatchSealed(batch.Count, started);
        RuntimeLog.BatchSealed(batch.Count, _signer.KeyId, started);
        if (firstLogIndex is { } first)
        {
            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].LogIndex?.Value = first + i;
            }
        }
    }

    /// <summary>
    /// Signs one batch now: builds the tree over the receipts' leaf hashes, signs the root, and returns one batched
    /// receipt per payload, in order. Payloads are OpenVerify inference statements (payloadType
    /// <see cref="Receipt.PayloadType"/>).
    /// </summary>
    public static IReadOnlyList<Receipt> SignBatch(ISigner signer, IReadOnlyList<byte[]> payloads)
    {
        ArgumentNullException.ThrowIfNull(payloads);
        return SignBatch(signer, payloads.Select(p => (p, Merkle.HashReceiptLeaf(Receipt.PayloadType, p))).ToList());
    }

    /// <summary>Signs one batch with a given batch id and timestamp (the spec vectors, which must be reproducible).</summary>
    internal static IReadOnlyList<Receipt> SignBatch(ISigner signer, IReadOnlyList<byte[]> payloads, string batchId, string timestamp) =>
        SignBatch(signer, payloads.Select(p => (p, Merkle.HashReceiptLeaf(Receipt.PayloadType, p))).ToList(), batchId, timestamp);

    private static Receipt[] SignBatch(ISigner signer, List<(byte[] Payload, Sha256Digest LeafHash)> leaves, string? batchId = null, string? timestamp = null)
    {
        ArgumentNullException.ThrowIfNull(signer);
        if (leaves.Count == 0)
        {
            throw new ArgumentException("A batch holds at least one receipt.", nameof(leaves));
        }

        var tree = MerkleTree.FromLeafHashes(leaves.Select(l => l.LeafHash));
        var root = new BatchRoot(batchId ?? BatchRoot.NewBatchId(), tree.Size, tree.RootHash(), signer.KeyId, timestamp ?? BatchRoot.Now());
        var rootEnvelope = DsseEnvelope.Sign(BatchRoot.PayloadType, root.ToPayload(), signer);
        var receipts = new Receipt[leaves.Count];
        for (var i = 0; i < leaves.Count; i++)
        {
            var inclusion = new BatchInclusion(i, tree.Size, tree.InclusionProof(i, tree.Size), rootEnvelope);
            receipts[i] = new Receipt(new DsseEnvelope(Receipt.PayloadType, leaves[i].Payload, inclusion), null);
        }

        return receipts;
    }

    private sealed class Pending(byte[] payload, InferenceStatement? statement, Sha256Digest leafHash, StrongBox<long>? logIndex)
    {
        public long Enqueued { get; } = Stopwatch.GetTimestamp();

        public StrongBox<long>? LogIndex { get; } = logIndex;

        public byte[] Payload { get; } = payload;

        public InferenceStatement? Statement { get; } = statement;

        public Sha256Digest LeafHash { get; } = leafHash;

        public TaskCompletionSource<Receipt> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
