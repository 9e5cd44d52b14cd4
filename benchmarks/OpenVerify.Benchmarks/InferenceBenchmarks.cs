using BenchmarkDotNet.Attributes;
using OpenVerify.Batching;

namespace OpenVerify.Benchmarks;

/// <summary>The tiny model (and the ~20 µs medium one), one thread: raw ONNX Runtime, verified with one Ed25519
/// signature per receipt, and verified with Merkle batches of 1024 receipts (one signature per batch). Each invocation
/// runs 1024 inferences.</summary>
[MemoryDiagnoser]
public class TinyModel
{
    private const int Runs = 1024;

    /// <summary><c>tiny</c> (x[1,8] + bias) or <c>medium</c> (9.6 KB input, MatMul + Relu).</summary>
    [Params("tiny", "medium")]
    public string Model { get; set; } = "tiny";

    private ModelPair _pair = null!;
    private BatchingSigner _batcher = null!;
    private readonly Task<Attested<TensorSet>>[] _tasks = new Task<Attested<TensorSet>>[Runs];
    private readonly ValueTask<Attested<TensorSet>>[] _values = new ValueTask<Attested<TensorSet>>[Runs];

    [GlobalSetup]
    public void Setup()
    {
        _pair = new ModelPair(Model == "medium" ? Fixtures.MediumModel : Fixtures.TinyModel);
        _batcher = new BatchingSigner(Fixtures.Key, new BatchingSignerOptions { MaxBatchSize = Runs, MaxDelay = TimeSpan.FromSeconds(10) });
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _batcher.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _pair.Dispose();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Runs, Description = "raw InferenceSession.Run")]
    public int Raw()
    {
        var n = 0;
        for (var i = 0; i < Runs; i++)
        {
            n += _pair.RunRaw();
        }

        return n;
    }

    [Benchmark(OperationsPerInvoke = Runs, Description = "verified, a signature per receipt")]
    public int PerReceipt()
    {
        var n = 0;
        var options = new InferenceOptions { Signer = Fixtures.Key };
        for (var i = 0; i < Runs; i++)
        {
            n += _pair.Verified.Run(_pair.Inputs, options).Value.Count;
        }

        return n;
    }

    [Benchmark(OperationsPerInvoke = Runs, Description = "verified, batched (1024 per root)")]
    public async Task<int> Batched()
    {
        for (var i = 0; i < Runs; i++)
        {
            _tasks[i] = _pair.Verified.RunAsync(_pair.Inputs, _batcher);
        }

        await Interleaved.AwaitEach(_tasks).ConfigureAwait(false);
        return _tasks.Length;
    }

    [Benchmark(OperationsPerInvoke = Runs, Description = "verified, batched, ValueTask (1024 per root)")]
    public async Task<int> BatchedValue()
    {
        for (var i = 0; i < Runs; i++)
        {
            _values[i] = _pair.Verified.RunValueAsync(_pair.Inputs, _batcher);
        }

        await Interleaved.AwaitEach(_values).ConfigureAwait(false);
        return _values.Length;
    }
}

/// <summary>Throughput on the tiny model with 2 threads (each session with 1 intra-op thread, as configured): raw
/// ONNX Runtime versus verified with batching. Each invocation runs 2 × 1024 inferences.</summary>
public class TinyModelTwoThreads
{
    private const int RunsPerThread = 1024;
    private ModelPair _pair = null!;
    private BatchingSigner _batcher = null!;

    [GlobalSetup]
    public void Setup()
    {
        _pair = new ModelPair(Fixtures.TinyModel);
        _batcher = new BatchingSigner(Fixtures.Key, new BatchingSignerOptions { MaxBatchSize = 1024, MaxDelay = TimeSpan.FromSeconds(10) });
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _batcher.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _pair.Dispose();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = 2 * RunsPerThread, Description = "raw, 2 threads")]
    public void Raw() => Parallel.For(0, 2, new ParallelOptions { MaxDegreeOfParallelism = 2 }, _ =>
    {
        for (var i = 0; i < RunsPerThread; i++)
        {
            _pair.RunRaw();
        }
    });

    [Benchmark(OperationsPerInvoke = 2 * RunsPerThread, Description = "verified batched, 2 threads")]
    public void Batched()
    {
        var tasks = new Task[2 * RunsPerThread];
        Parallel.For(0, 2, new ParallelOptions { MaxDegreeOfParallelism = 2 }, t =>
        {
            for (var i = 0; i < RunsPerThread; i++)
            {
                tasks[(t * RunsPerThread) + i] = _pair.Verified.RunAsync(_pair.Inputs, _batcher);
            }
        });
        _batcher.FlushAsync().GetAwaiter().GetResult();
        Task.WaitAll(tasks);
    }
}

/// <summary>ResNet18 (ML.NET's featurizer, float[1,3,224,224] → 512), one thread: raw versus verified.</summary>
public class ResNet18
{
    private const int BatchRuns = 8;
    private ModelPair _pair = null!;
    private BatchingSigner _batcher = null!;
    private byte[] _payload = null!;

    [GlobalSetup]
    public void Setup()
    {
        _pair = new ModelPair(Fixtures.ResNet18Model);
        _batcher = new BatchingSigner(Fixtures.Key, new BatchingSignerOptions { MaxBatchSize = BatchRuns, MaxDelay = TimeSpan.FromSeconds(10) });
        _payload = _pair.Verified.Run(_pair.Inputs, new InferenceOptions { Signer = Fixtures.Key }).Receipt.Envelope.Payload;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _batcher.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _pair.Dispose();
    }

    [Benchmark(Baseline = true, Description = "raw InferenceSession.Run")]
    public int Raw() => _pair.RunRaw();

    [Benchmark(Description = "verified, a signature per receipt")]
    public int PerReceipt() => _pair.Verified.Run(_pair.Inputs, new InferenceOptions { Signer = Fixtures.Key }).Value.Count;

    [Benchmark(OperationsPerInvoke = BatchRuns, Description = "verified, batched (8 per root)")]
    public async Task<int> Batched()
    {
        var tasks = new Task<Attested<TensorSet>>[BatchRuns];
        for (var i = 0; i < BatchRuns; i++)
        {
            tasks[i] = _pair.Verified.RunAsync(_pair.Inputs, _batcher);
        }

        await Interleaved.AwaitEach(tasks).ConfigureAwait(false);
        return tasks.Length;
    }

    [Benchmark(Description = "the signature alone (Ed25519 over the receipt's PAE)")]
    public DsseEnvelope SignatureOnly() => DsseEnvelope.Sign(Receipt.PayloadType, _payload, Fixtures.Key);
}
