using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Threading.Tasks.Sources;
using OpenVerify.Logs;
using OpenVerify.Telemetry;

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
/// completes. <see cref="FlushAsync"/> signs what is pending now and completes once every receipt handed in before it
/// is signed; <see cref="DisposeAsync"/> flushes, waits for batches being signed, and refuses new receipts. If signing fails, every task of that batch fails with the exception.
/// </para>
/// <para>Thread-safe, and without a lock on the calling thread: a receipt takes a slot in the open batch with one
/// interlocked increment. A batch is sealed (leaf hashes, tree, root signature, log append, receipts handed out) on the
/// signer's own sealing thread, never on the thread that filled it; that thread blocks while there is nothing to seal
/// (it waits for the open batch's deadline or for a full batch, and ends after a while with nothing to do, to start
/// again with the next batch). Inclusion proofs are computed from the sealed tree when a receipt's
/// <see cref="BatchInclusion.Proof"/> is first read (when it is serialized or verified).</para>
/// </summary>
public sealed class BatchingSigner : IAsyncDisposable
{
    /// <summary>What a closed batch's claim counter is set to: every later claim lands past the batch's capacity.</summary>
    private const int Closed = 1 << 30;


    private readonly ISigner _signer;
    private readonly int _maxBatchSize;
    private readonly TimeSpan _maxDelay;
    private readonly ReceiptLog? _log;

    // The sealing thread's state, under _gate: the batches closed and waiting to be sealed, whether the thread runs,
    // and whether it should end once they are sealed (disposal). _sealerIdle (read without the lock) is set while the
    // thread waits with no deadline or does not run, so the caller that opens a batch knows it must wake or start it.
    private readonly object _gate = new();
    private readonly Queue<OpenBatch> _toSeal = new();
    private bool _sealerRunning;
    private bool _stopping;
    private volatile bool _sealerIdle = true;
    private readonly int _maxPooled;
    private readonly ConcurrentQueue<PendingValue> _pooled = new();
    private int _pooledCount;
    private OpenBatch _current;

    // The slot array of the last sealed batch, cleared, for the next batch: a batch the deadline closes holds far fewer
    // receipts than its capacity, and a fresh array per batch would cost a slot per place, not per receipt.
    private Slot[]? _spareSlots;
    private volatile bool _disposed;
    private int _disposing;

    // Under _gate: which batches are finished (sealed, their receipts completed or failed; or closed empty), for
    // flushes. Batches are numbered in the order they were open (the first is 0); every batch up to _finishedThrough is
    // finished, and _finishedAhead holds the ones finished out of order: a caller that filled a batch queues it after
    // replacing it, and can be overtaken by the caller that fills the next one.
    private long _finishedThrough = -1;
    private readonly HashSet<long> _finishedAhead = [];
    private List<(long Through, TaskCompletionSource Done)>? _flushes;
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

        // Enough idle awaitables for the receipts of two batches in flight at once; never more, so a burst leaves
        // little behind.
        _maxPooled = Math.Min(2 * _maxBatchSize, 1 << 16);
        _current = NewBatch();
    }

    /// <summary>The id of the key that signs batch roots.</summary>
    public string KeyId => _signer.KeyId;

    /// <summary>How many batches were signed.</summary>
    public long BatchesSigned => Interlocked.Read(ref _batches);

    /// <summary>How many receipts were signed in batches.</summary>
    public long ReceiptsSigned => Interlocked.Read(ref _receipts);

    /// <summary>How long the sealing thread waits with no batch open before it ends (the next batch starts it again);
    /// tests shorten it.</summary>
    internal int SealerIdleMilliseconds { get; init; } = 2000;

    /// <summary>Called on the caller's thread right after its receipt's slot is published, before the rest of the claim
    /// (for tests, which hold a caller there).</summary>
    internal Action? AfterSlotPublished { get; init; }

    /// <summary>Whether the sealing thread runs now (for tests).</summary>
    internal bool SealerRunning
    {
        get
        {
            lock (_gate)
            {
                return _sealerRunning;
            }
        }
    }

    /// <summary>
    /// Adds a receipt payload (an OpenVerify inference statement) to the current batch. The task completes with the
    /// batched receipt when the batch's root is signed.
    /// </summary>
    /// <exception cref="ObjectDisposedException">The signer was disposed.</exception>
    public Task<Receipt> SignAsync(byte[] payload) => SignAsync(Receipt.PayloadType, payload);

    /// <summary>
    /// Adds a receipt payload of another receipt kind (for example an ML.NET prediction statement, payload type
    /// <see cref="MLNetReceipts.PayloadType"/>) to the current batch; see <see cref="SignAsync(byte[])"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The payload type is not a receipt kind's.</exception>
    /// <exception cref="ObjectDisposedException">The signer was disposed.</exception>
    public Task<Receipt> SignAsync(string payloadType, byte[] payload)
    {
        CheckReceiptKind(payloadType);
        ArgumentNullException.ThrowIfNull(payload);

        // A copy: the leaf is hashed when the batch is sealed, after this returns, and the receipt keeps the payload; a
        // caller reusing its array meanwhile would otherwise get other bytes signed than the ones it handed in.
        return SignOwnedAsync(payloadType, payload.ToArray());
    }

    /// <summary><see cref="SignAsync(string, byte[])"/> for a payload array nobody else holds (a statement just built).</summary>
    internal Task<Receipt> SignOwnedAsync(string payloadType, byte[] payload)
    {
        CheckReceiptKind(payloadType);
        var pending = new PendingReceipt(payloadType, payload);
        Enqueue(new Slot { Entry = pending });
        return pending.Task;
    }

    /// <summary>Adds an inference's statement and completes with its outputs and receipt. Its leaf hash is computed
    /// when the batch is sealed, off the calling thread.</summary>
    /// <param name="payload">The statement's bytes.</param>
    /// <param name="outputs">The inference's outputs, returned with the receipt.</param>
    /// <param name="logIndex">When given, receives the receipt's index in <see cref="BatchingSignerOptions.Log"/> (for
    /// telemetry).</param>
    /// <remarks>
    /// Nothing is allocated per receipt here but the task itself: it is a bare promise (an
    /// <see cref="AsyncTaskMethodBuilder{TResult}"/>'s task, without a state machine), and what the seal needs (the
    /// payload, the outputs, the log index, the builder) is kept in the receipt's slot, whose array the next batches
    /// reuse. A promise has no <see cref="TaskCreationOptions.RunContinuationsAsynchronously"/>, so the seal never
    /// completes one itself: it queues the batch to the thread pool once per such receipt, and each of those work items
    /// completes one of them there (<see cref="OpenBatch.Execute"/>). Continuations therefore run on the thread pool,
    /// one work item per receipt, never on the sealing thread, as a task completion source's asynchronous
    /// continuations would.
    /// </remarks>
    internal Task<Attested<TensorSet>> SignAsync(byte[] payload, TensorSet outputs, StrongBox<long>? logIndex = null)
    {
        var promise = AsyncTaskMethodBuilder<Attested<TensorSet>>.Create();
        var task = promise.Task;
        Enqueue(new Slot { Entry = task, Payload = payload, Outputs = outputs, LogIndex = logIndex, Promise = promise });
        return task;
    }

    /// <summary><see cref="SignAsync(byte[], TensorSet, StrongBox{long}?)"/> completing a pooled awaitable instead of a
    /// task: nothing is allocated for the wait when the caller awaits it once, as a <see cref="ValueTask{TResult}"/>
    /// must be.</summary>
    internal ValueTask<Attested<TensorSet>> SignValueAsync(byte[] payload, TensorSet outputs, StrongBox<long>? logIndex = null)
    {
        if (!_pooled.TryDequeue(out var pending))
        {
            pending = new PendingValue(this);
        }
        else
        {
            Interlocked.Decrement(ref _pooledCount);
        }

        pending.Start(payload, outputs, logIndex);
        var version = pending.Version;
        try
        {
            Enqueue(new Slot { Entry = pending });
        }
        catch
        {
            // Refused before it took a slot (the signer was disposed): nobody can await it, so it is idle again.
            pending.Clear();
            Return(pending);
            throw;
        }

        return new ValueTask<Attested<TensorSet>>(pending, version);
    }

    /// <summary>Keeps an awaitable whose result was taken for a later receipt, or leaves it to the GC when enough are
    /// idle.</summary>
    private void Return(PendingValue pending)
    {
        if (Interlocked.Increment(ref _pooledCount) > _maxPooled)
        {
            Interlocked.Decrement(ref _pooledCount);
            return;
        }

        _pooled.Enqueue(pending);
    }

    /// <summary>
    /// Signs the receipts pending now. The task completes when every receipt handed in before this call (whose
    /// <see cref="SignAsync(byte[])"/>, or <c>BatchedInference.RunAsync</c> / <c>RunValueAsync</c>, returned before it
    /// was called) is signed, and with <see cref="BatchingSignerOptions.Log"/> logged: each such receipt's task is then
    /// complete. That includes full batches still waiting for, or being sealed on, the sealing thread. A batch whose
    /// signing fails fails its receipts' tasks, not the flush. Receipts handed in while the flush runs may be signed with
    /// it or later.
    /// </summary>
    public Task FlushAsync() => WhenFinished(Close(NewBatch()));

    /// <summary>Flushes what is pending, waits for batches being signed on other threads, and refuses new receipts.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposing, 1) != 0)
        {
            return;
        }

        _disposed = true;
        try
        {
            // A batch that is closed from the start: a caller that passed the disposed check before it was set finds
            // no slot here, sees the flag, and throws. Installed until it holds: when a caller filling the open batch
            // replaces it first, Close installs nothing, and a batch opened after that would never be sealed.
            var refusing = OpenBatch.Refusing(this);
            long last;
            do
            {
                last = Close(refusing);
            }
            while (Volatile.Read(ref _current) != refusing);

            // Every batch before the refusing one: the last one closed here, and those still queued or being sealed.
            await WhenFinished(last).ConfigureAwait(false);
        }
        finally
        {
            lock (_gate)
            {
                _stopping = true;
                Monitor.Pulse(_gate);
            }
        }
    }

    /// <summary>Claims a slot in the open batch and stores <paramref name="entry"/> there, its
    /// <see cref="Slot.Entry"/> last.</summary>
    private void Enqueue(in Slot entry)
    {
        var spin = default(SpinWait);
        while (true)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var batch = Volatile.Read(ref _current);
            var index = Interlocked.Increment(ref batch.Claimed.Value) - 1;
            if (index < batch.Capacity)
            {
                if (index == 0)
                {
                    // The first receipt's arrival, which the seal latency is timed from, is stamped before its slot is
                    // published: the sealer reads it after the slot, so a batch that a flush closes (or other callers
                    // fill) right after this claim is never timed from an unset start. With a full fence before
                    // _sealerIdle is read: either the sealing thread, about to wait with no deadline, sees this start,
                    // or this caller sees it idle and wakes it (see WaitForWork).
                    Interlocked.Exchange(ref batch.Started, Environment.TickCount64);
                }

                // The entry is published last, with release semantics: the sealer reads it first, then the rest of the
                // slot and the entry's own fields.
                ref var slot = ref batch.Slots[batch.SlotOf(index)];
                slot.Payload = entry.Payload;
                slot.Outputs = entry.Outputs;
                slot.LogIndex = entry.LogIndex;
                slot.Promise = entry.Promise;
                Volatile.Write(ref slot.Entry, entry.Entry);
                AfterSlotPublished?.Invoke();
                if (index == batch.Capacity - 1)
                {
                    // This receipt filled the batch: open the next one and seal this one elsewhere.
                    var next = NewBatch();
                    next.Number = batch.Number + 1;
                    Interlocked.CompareExchange(ref _current, next, batch);
                    QueueSeal(batch, batch.Capacity);
                }
                else if (index == 0 && _sealerIdle)
                {
                    WakeSealer();
                }

                return;
            }

            // The batch is full or closed and is being replaced.
            spin.SpinOnce();
        }
    }

    /// <summary>Closes the open batch, replacing it, and seals what it holds. With <paramref name="sealHere"/> (the
    /// sealing thread, at the batch's deadline), it is sealed on this thread rather than queued. Returns the number of
    /// the last batch that can hold a receipt handed in before this call: that batch and every one before it are
    /// finished, or will be, by whoever closed them (<see cref="WhenFinished"/>).</summary>
    private long Close(OpenBatch replacement, bool sealHere = false)
    {
        var batch = Volatile.Read(ref _current);
        if (batch.Refuses)
        {
            // Disposed: the refusing batch holds nothing, and stays.
            return batch.Number - 1;
        }

        replacement.Number = batch.Number + 1;
        if (Interlocked.CompareExchange(ref _current, replacement, batch) != batch)
        {
            // Replaced meanwhile by a caller that filled it (and queues it) or by another close.
            return batch.Number;
        }

        var claimed = Interlocked.Exchange(ref batch.Claimed.Value, Closed);
        if (claimed == 0)
        {
            Finished(batch.Number);
        }
        else if (claimed >= batch.Capacity)
        {
            // Full: the caller that took its last slot queues it.
        }
        else if (sealHere)
        {
            batch.Count = claimed;
            Seal(batch);
        }
        else
        {
            QueueSeal(batch, claimed);
        }

        return batch.Number;
    }

    /// <summary>Completes when batch <paramref name="through"/> and every batch before it are finished.</summary>
    private Task WhenFinished(long through)
    {
        lock (_gate)
        {
            if (_finishedThrough >= through)
            {
                return Task.CompletedTask;
            }

            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            (_flushes ??= []).Add((through, done));
            return done.Task;
        }
    }

    /// <summary>Marks a batch finished (sealed, every receipt of it completed or failed; or closed empty), and completes
    /// the flushes waiting for it and the batches before it.</summary>
    private void Finished(long number)
    {
        lock (_gate)
        {
            if (number != _finishedThrough + 1)
            {
                _finishedAhead.Add(number);
                return;
            }

            _finishedThrough = number;
            while (_finishedAhead.Remove(_finishedThrough + 1))
            {
                _finishedThrough++;
            }

            for (var i = (_flushes?.Count ?? 0) - 1; i >= 0; i--)
            {
                if (_flushes![i].Through <= _finishedThrough)
                {
                    _flushes[i].Done.SetResult();
                    _flushes.RemoveAt(i);
                }
            }
        }
    }

    private OpenBatch NewBatch() => new(this, _maxBatchSize, Interlocked.Exchange(ref _spareSlots, null));

    private void QueueSeal(OpenBatch batch, int count)
    {
        batch.Count = count;
        lock (_gate)
        {
            _toSeal.Enqueue(batch);
            StartOrPulseSealer();
        }
    }

    private void WakeSealer()
    {
        lock (_gate)
        {
            StartOrPulseSealer();
        }
    }

    /// <summary>Under <see cref="_gate"/>: wakes the sealing thread, or starts it when it does not run.</summary>
    private void StartOrPulseSealer()
    {
        if (_sealerRunning)
        {
            Monitor.Pulse(_gate);
            return;
        }

        _sealerRunning = true;
        _sealerIdle = false;
        new Thread(static state => ((BatchingSigner)state!).SealLoop())
        {
            IsBackground = true,
            Name = "OpenVerify batch sealer",
        }.UnsafeStart(this);
    }

    /// <summary>The sealing thread: seals closed batches in order and closes the open batch at its deadline; blocks (no
    /// spinning, no thread-pool work item) while there is neither.</summary>
    private void SealLoop()
    {
        while (WaitForWork() is { } work)
        {
            if (work.Batch is { } batch)
            {
                Seal(batch);
            }
            else
            {
                _ = Close(NewBatch(), sealHere: true);
            }
        }
    }

    /// <summary>The next closed batch to seal, or (Batch null) the open batch whose deadline passed; null when the thread
    /// should end (disposed, or idle for <see cref="SealerIdleMilliseconds"/>).</summary>
    private (OpenBatch? Batch, bool Deadline)? WaitForWork()
    {
        lock (_gate)
        {
            while (true)
            {
                if (_toSeal.TryDequeue(out var queued))
                {
                    return (queued, false);
                }

                if (_stopping)
                {
                    _sealerRunning = false;
                    return null;
                }

                // Idle first, then read the open batch's start (a full fence between): a caller that starts a batch
                // after this read sees the flag and pulses.
                _sealerIdle = true;
                Interlocked.MemoryBarrier();
                var batch = Volatile.Read(ref _current);
                var started = Volatile.Read(ref batch.Started);
                var claimed = Volatile.Read(ref batch.Claimed.Value);
                if (started == 0 || claimed is 0 or >= Closed)
                {
                    if (!Monitor.Wait(_gate, SealerIdleMilliseconds) && _toSeal.Count == 0 && Volatile.Read(ref _current) == batch && Volatile.Read(ref batch.Started) == 0)
                    {
                        // Nothing for a while: end, leaving _sealerIdle set so the next batch starts a new thread.
                        _sealerRunning = false;
                        return null;
                    }

                    continue;
                }

                _sealerIdle = false;
                var remaining = (long)_maxDelay.TotalMilliseconds - (Environment.TickCount64 - started);
                if (remaining <= 0)
                {
                    return (null, true);
                }

                Monitor.Wait(_gate, (int)Math.Min(remaining, int.MaxValue));
            }
        }
    }

    private void Seal(OpenBatch batch)
    {
        var count = batch.Count;
        var slots = batch.Slots;

        // The receipts in the order their slots were claimed (leaf i is the i-th claim), read where their callers
        // stored them; completed ones are never failed afterwards (a pooled awaitable may already serve another receipt).
        var completed = 0;
        var promises = 0;
        try
        {
            var spin = default(SpinWait);
            for (var i = 0; i < count; i++)
            {
                // A caller that took a slot may still be storing its entry.
                while (Volatile.Read(ref slots[batch.SlotOf(i)].Entry) is null)
                {
                    spin.SpinOnce();
                }
            }

            // The leaf hashes are computed here, off the calling threads, straight into the tree's buffer.
            var tree = new BatchTree(count);
            for (var i = 0; i < count; i++)
            {
                ref var slot = ref slots[batch.SlotOf(i)];
                Merkle.HashReceiptLeafIncremental(slot.PayloadType, slot.PayloadBytes, tree.Leaf(i));
            }

            tree.Build();
            var root = SignRoot(_signer, tree, null, null);

            // With a log, every receipt is appended before any is handed out; without one, each is made as it is handed out.
            var receipts = _log is null ? null : new Receipt[count];
            for (var i = 0; receipts is not null && i < count; i++)
            {
                receipts[i] = BatchedReceipt(tree, i, root, ref slots[batch.SlotOf(i)]);
            }

            var firstLogIndex = receipts is null ? null : _log?.AppendBatch(receipts);
            Interlocked.Increment(ref _batches);
            Interlocked.Add(ref _receipts, count);
            Observe(batch, firstLogIndex);
            for (; completed < count; completed++)
            {
                ref var slot = ref slots[batch.SlotOf(completed)];
                var receipt = receipts?[completed] ?? BatchedReceipt(tree, completed, root, ref slot);
                if (slot.Entry is IPending pending)
                {
                    pending.Complete(receipt);
                }
                else
                {
                    slot.Outcome = new Attested<TensorSet>(slot.Outputs!, receipt);
                    promises++;
                }
            }
        }
#pragma warning disable CA1031 // Any failure fails every receipt of the batch: none was acknowledged.
        catch (Exception e)
#pragma warning restore CA1031
        {
            RuntimeLog.BatchSealFailed(RuntimeLog.Batching, e, count);
            for (var i = completed; i < count; i++)
            {
                ref var slot = ref slots[batch.SlotOf(i)];
                if (slot.Entry is IPending pending)
                {
                    pending.Fail(e);
                }
                else if (slot.Entry is not null)
                {
                    slot.Outcome = e;
                    promises++;
                }
            }
        }
        finally
        {
            // The promises are completed on the thread pool, one work item each; the batch counts as finished
            // (FlushAsync, DisposeAsync) once the last of them is.
            if (promises == 0)
            {
                Finish(batch);
            }
            else
            {
                batch.CompletePromises(promises);
            }
        }
    }

    /// <summary>Once every receipt of a sealed batch is handed out: its slots serve a later batch, and whoever waits for
    /// the seal (FlushAsync, DisposeAsync) goes on.</summary>
    private void Finish(OpenBatch batch)
    {
        ReleaseSlots(batch);
        Finished(batch.Number);
    }

    /// <summary>Once every claimed slot of a sealed batch was read (no later claim lands in it): its slot array serves a
    /// later batch.</summary>
    private void ReleaseSlots(OpenBatch batch)
    {
        Array.Clear(batch.Slots);
        Volatile.Write(ref _spareSlots, batch.Slots);
    }

    /// <summary>Batch metrics and log events, and the log index of each receipt whose caller asked for it.</summary>
    private void Observe(OpenBatch batch, long? firstLogIndex)
    {
        var count = batch.Count;
        // The batch's start is kept in milliseconds (Environment.TickCount64) on the hot path; telemetry wants a
        // Stopwatch timestamp.
        var ageMs = Environment.TickCount64 - Volatile.Read(ref batch.Started);
        var started = Stopwatch.GetTimestamp() - (long)(Math.Max(0, ageMs) * (Stopwatch.Frequency / 1000.0));
        RuntimeTelemetry.BatchSealed(count, started);
        RuntimeLog.BatchSealed(count, _signer.KeyId, started);
        if (firstLogIndex is { } first)
        {
            for (var i = 0; i < count; i++)
            {
                batch.Slots[batch.SlotOf(i)].LogIndexBox?.Value = first + i;
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
        return SignBatch(signer, Receipt.PayloadType, payloads);
    }

    /// <summary>Signs one batch of receipts of one kind (<paramref name="payloadType"/>, for example
    /// <see cref="MLNetReceipts.PayloadType"/>); see <see cref="SignBatch(ISigner, IReadOnlyList{byte[]})"/>.</summary>
    /// <exception cref="ArgumentException">The payload type is not a receipt kind's, or there are no payloads.</exception>
    public static IReadOnlyList<Receipt> SignBatch(ISigner signer, string payloadType, IReadOnlyList<byte[]> payloads)
    {
        ArgumentNullException.ThrowIfNull(payloads);
        CheckReceiptKind(payloadType);
        return SignBatch(signer, payloadType, payloads, null, null);
    }

    /// <summary>Batch roots vouch for receipts only, never for a batch root, model signature or log entry.</summary>
    private static void CheckReceiptKind(string payloadType)
    {
        ArgumentNullException.ThrowIfNull(payloadType);
        if (payloadType is not (Receipt.PayloadType or MLNetReceipts.PayloadType))
        {
            throw new ArgumentException($"'{payloadType}' is not the payload type of a receipt kind.", nameof(payloadType));
        }
    }

    /// <summary>Signs one batch with a given batch id and timestamp (the spec vectors, which must be reproducible).</summary>
    internal static IReadOnlyList<Receipt> SignBatch(ISigner signer, IReadOnlyList<byte[]> payloads, string batchId, string timestamp) =>
        SignBatch(signer, Receipt.PayloadType, payloads, batchId, timestamp);

    private static Receipt[] SignBatch(ISigner signer, string payloadType, IReadOnlyList<byte[]> payloads, string? batchId, string? timestamp)
    {
        ArgumentNullException.ThrowIfNull(signer);
        if (payloads.Count == 0)
        {
            throw new ArgumentException("A batch holds at least one receipt.", nameof(payloads));
        }

        var tree = new BatchTree(payloads.Count);
        for (var i = 0; i < payloads.Count; i++)
        {
            Merkle.HashReceiptLeafIncremental(payloadType, payloads[i], tree.Leaf(i));
        }

        tree.Build();
        var root = SignRoot(signer, tree, batchId, timestamp);
        var receipts = new Receipt[payloads.Count];
        for (var i = 0; i < receipts.Length; i++)
        {
            receipts[i] = BatchedReceipt(tree, i, root, payloadType, payloads[i], producedHere: false);
        }

        return receipts;
    }

    /// <summary>The signed root envelope of a built tree.</summary>
    private static DsseEnvelope SignRoot(ISigner signer, BatchTree tree, string? batchId, string? timestamp)
    {
        var root = new BatchRoot(batchId ?? BatchRoot.NewBatchId(), tree.Size, tree.RootHash(), signer.KeyId, timestamp ?? BatchRoot.Now());
        return DsseEnvelope.Sign(BatchRoot.PayloadType, root.ToPayload(), signer);
    }

    private static Receipt BatchedReceipt(BatchTree tree, int index, DsseEnvelope root, ref Slot slot) =>
        BatchedReceipt(tree, index, root, slot.PayloadType, slot.PayloadBytes, slot.ProducedHere);

    /// <summary>Leaf <paramref name="index"/>'s receipt. <paramref name="producedHere"/>: this process wrote its statement
    /// (an inference run here), so the receipt can hand it out without a caller having to verify it first.</summary>
    private static Receipt BatchedReceipt(BatchTree tree, int index, DsseEnvelope root, string payloadType, byte[] payload, bool producedHere)
    {
        // The proof is computed from the sealed tree when it is first read (serialization, verification, a log).
        var inclusion = new BatchInclusion(tree, index, root);
        var envelope = new DsseEnvelope(payloadType, payload, inclusion);
        return producedHere ? new Receipt(envelope, producedHere: true) : new Receipt(envelope, null);
    }

    /// <summary>
    /// A batch taking receipts: slots claimed by an interlocked counter, so callers never wait on each other. The
    /// counter is the only field callers write, and sits on a cache line of its own; consecutive claims are stored
    /// <see cref="Stride"/> slots apart (a cache line of references), so threads claiming one after the other do not
    /// write into the same line. The sealer reads the slots back in claim order.
    /// </summary>
    private sealed class OpenBatch : IThreadPoolWorkItem
    {
        /// <summary>Slots per stride: consecutive claims are a row apart.</summary>
        private const int Stride = 8;

        public readonly int Capacity;
        public readonly Slot[] Slots;
        private readonly BatchingSigner _owner;
        private readonly int _rows;
        public PaddedInt Claimed;
        public long Started;
        public int Count;

        // After the seal: the next claim whose promise may still be pending, and how many promises are.
        private int _nextPromise;
        private int _promisesLeft;

        /// <summary>The batch's place in the order batches were open (the first is 0); set before it is installed.</summary>
        public long Number;

        /// <summary>Whether this is the closed batch a disposed signer keeps open (<see cref="Refusing"/>).</summary>
        public bool Refuses;

        /// <param name="owner">The signer whose batch this is.</param>
        /// <param name="capacity">The batch size.</param>
        /// <param name="spare">A cleared slot array of an earlier batch, used when it has this batch's size.</param>
        public OpenBatch(BatchingSigner owner, int capacity, Slot[]? spare = null)
        {
            _owner = owner;
            Capacity = capacity;
            _rows = (capacity + Stride - 1) / Stride;
            Slots = spare?.Length == _rows * Stride ? spare : new Slot[_rows * Stride];
        }

        /// <summary>Where the <paramref name="claim"/>-th claimed entry is stored: claims 0..7 in the first slot of
        /// eight rows, and so on.</summary>
        public int SlotOf(int claim) => ((claim % Stride) * _rows) + (claim / Stride);

        public static OpenBatch Refusing(BatchingSigner owner)
        {
            var batch = new OpenBatch(owner, 1) { Refuses = true };
            batch.Claimed.Value = Closed;
            return batch;
        }

        /// <summary>Queues this batch to the thread pool once per promise whose outcome the seal stored.</summary>
        public void CompletePromises(int promises)
        {
            _promisesLeft = promises;
            Volatile.Write(ref _nextPromise, 0);
            for (var i = 0; i < promises; i++)
            {
                ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
            }
        }

        /// <summary>One thread-pool work item: completes the next pending promise in claim order, with its continuations
        /// run here. As many run as there are promises, and each completes one.</summary>
        public void Execute()
        {
            int i;
            while ((i = Interlocked.Increment(ref _nextPromise) - 1) < Count)
            {
                ref var slot = ref Slots[SlotOf(i)];
                if (slot.Entry is IPending)
                {
                    continue;
                }

                var promise = slot.Promise;
                var outcome = slot.Outcome;

                // The last one frees the slots before completing its own (every other slot was read by then), and marks
                // the batch finished after it: a flush completes only once every task of the batch is complete.
                var last = Interlocked.Decrement(ref _promisesLeft) == 0;
                if (last)
                {
                    _owner.ReleaseSlots(this);
                }

                try
                {
                    if (outcome is Exception error)
                    {
                        promise.SetException(error);
                    }
                    else
                    {
                        promise.SetResult((Attested<TensorSet>)outcome!);
                    }
                }
                finally
                {
                    if (last)
                    {
                        _owner.Finished(Number);
                    }
                }

                return;
            }
        }
    }

    /// <summary>
    /// A claimed place in a batch. <see cref="Entry"/> is written last, with release semantics, and read first: an
    /// <see cref="IPending"/> that holds its receipt's payload and completes itself, or the task of a promise
    /// (<see cref="SignAsync(byte[], TensorSet, StrongBox{long}?)"/>) whose payload, outputs, log index and builder are
    /// this slot's fields, and whose outcome the seal stores here for the thread pool to complete it with.
    /// </summary>
    private struct Slot
    {
        public object? Entry;
        public byte[]? Payload;
        public TensorSet? Outputs;
        public StrongBox<long>? LogIndex;
        public AsyncTaskMethodBuilder<Attested<TensorSet>> Promise;

        /// <summary>A promise's <see cref="Attested{T}"/> or the exception that failed its batch.</summary>
        public object? Outcome;

        public readonly string PayloadType => Entry is IPending pending ? pending.PayloadType : Receipt.PayloadType;

        public readonly byte[] PayloadBytes => Entry is IPending pending ? pending.Payload : Payload!;

        /// <summary>Whether this process wrote the statement (see <see cref="Receipt"/>'s constructors).</summary>
        public readonly bool ProducedHere => Entry is not IPending pending || pending.ProducedHere;

        public readonly StrongBox<long>? LogIndexBox => Entry is IPending pending ? pending.LogIndex : LogIndex;
    }

    /// <summary>An int alone on its cache line (64 bytes of padding before and after it), so that interlocked writes to
    /// it do not evict the fields callers only read.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 132)]
    private struct PaddedInt
    {
        [FieldOffset(64)]
        public int Value;
    }

    private interface IPending
    {
        StrongBox<long>? LogIndex { get; }

        string PayloadType { get; }

        byte[] Payload { get; }

        /// <summary>Whether this process wrote the statement (see <see cref="Receipt"/>'s constructors).</summary>
        bool ProducedHere { get; }

        void Complete(Receipt receipt);

        void Fail(Exception error);
    }

    private sealed class PendingReceipt(string payloadType, byte[] payload)
        : TaskCompletionSource<Receipt>(TaskCreationOptions.RunContinuationsAsynchronously), IPending
    {
        public string PayloadType { get; } = payloadType;

        public StrongBox<long>? LogIndex => null;

        public byte[] Payload { get; } = payload;

        public bool ProducedHere => false;

        public void Complete(Receipt receipt) => TrySetResult(receipt);

        public void Fail(Exception error) => TrySetException(error);
    }

    /// <summary>
    /// The receipt of <see cref="SignValueAsync"/> as a pooled <see cref="IValueTaskSource{TResult}"/>: completed from the sealing
    /// thread with continuations run asynchronously, as the task's are, and back in its signer's pool once its result
    /// (or exception) was taken. As with the BCL's pooled sources, a <see cref="ValueTask{TResult}"/> over it can be
    /// awaited once: a second await, or asking for the result before the receipt is signed, throws
    /// <see cref="InvalidOperationException"/> and leaves the source as it was.
    /// </summary>
    private sealed class PendingValue(BatchingSigner owner) : IPending, IValueTaskSource<Attested<TensorSet>>
    {
        private ManualResetValueTaskSourceCore<Attested<TensorSet>> _core = new() { RunContinuationsAsynchronously = true };
        private TensorSet? _outputs;

        public string PayloadType => Receipt.PayloadType;

        public StrongBox<long>? LogIndex { get; private set; }

        public byte[] Payload { get; private set; } = [];

        public bool ProducedHere => true;

        public short Version => _core.Version;

        public void Start(byte[] payload, TensorSet outputs, StrongBox<long>? logIndex)
        {
            Payload = payload;
            _outputs = outputs;
            LogIndex = logIndex;
        }

        /// <summary>Forgets the receipt and starts a new version: a ValueTask made over the old one no longer reads it.</summary>
        public void Clear()
        {
            Payload = [];
            _outputs = null;
            LogIndex = null;
            _core.Reset();
        }

        public void Complete(Receipt receipt) => _core.SetResult(new Attested<TensorSet>(_outputs!, receipt));

        public void Fail(Exception error) => _core.SetException(error);

        public Attested<TensorSet> GetResult(short token)
        {
            // A stale token (a second await) or a receipt not signed yet: the core throws, and nothing is reset.
            if (token != _core.Version || _core.GetStatus(token) == ValueTaskSourceStatus.Pending)
            {
                return _core.GetResult(token);
            }

            try
            {
                return _core.GetResult(token);
            }
            finally
            {
                Clear();
                owner.Return(this);
            }
        }

        public ValueTaskSourceStatus GetStatus(short token) => _core.GetStatus(token);

        public void OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
            _core.OnCompleted(continuation, state, token, flags);
    }
}
