using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using OpenVerify.Batching;

namespace OpenVerify.Benchmarks;

/// <summary>
/// The issue-15 table, measured on a noisy machine: every case runs in alternating rounds in one process (raw, the
/// floor, verified, raw, …) so that load from other processes hits all of them alike, and the medians are printed with
/// the floor measured in the same rounds. The floor of a receipt is what no implementation can avoid: SHA-256 over
/// exactly the bytes a receipt must hash (the input and output element bytes and the statement, or for a batched
/// receipt the leaf's PAE instead of the statement) plus, for a single-signed receipt, one Ed25519 signature over the
/// PAE with the same key type; for verification, one Ed25519 verification over the PAE.
/// </summary>
public static class Interleaved
{
    /// <summary>args: <c>interleaved [rounds] [resnet] [verify] [steps]</c>; <c>verify</c> runs only the verification cases, <c>verify steps</c> their steps one by one.</summary>
    public static void Run(string[] args)
    {
        if (args.Contains("verify"))
        {
            var verifyRounds = args.Length > 1 && int.TryParse(args[1], CultureInfo.InvariantCulture, out var v) ? v : 11;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{verifyRounds} rounds, medians of {(Environment.GetEnvironmentVariable("OV_BENCH_CLOCK") == "wall" ? "wall" : "process CPU")} time; {Environment.ProcessorCount} logical cores; {RuntimeFacts()}"));
            if (args.Contains("steps"))
            {
                RunVerificationSteps(verifyRounds);
            }
            else
            {
                RunVerification(verifyRounds);
            }

            return;
        }

        var rounds = args.Length > 1 && int.TryParse(args[1], CultureInfo.InvariantCulture, out var r) ? r : 11;
        var models = new List<(string Name, byte[] Bytes, int Ops)> { ("tiny", Fixtures.TinyModel, 1024), ("medium", Fixtures.MediumModel, 256) };
        if (args.Contains("resnet"))
        {
            models.Add(("resnet18", Fixtures.ResNet18Model, 2));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{rounds} rounds, medians of {(Environment.GetEnvironmentVariable("OV_BENCH_CLOCK") == "wall" ? "wall" : "process CPU")} time (thread scaling: wall time); {Environment.ProcessorCount} logical cores; {RuntimeFacts()}"));
        foreach (var (name, bytes, ops) in models)
        {
            RunModel(name, bytes, ops, rounds);
        }

        RunThreads(rounds);
        RunVerification(rounds);
    }

    private static string RuntimeFacts() => System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription;

    private static void RunModel(string name, byte[] modelBytes, int ops, int rounds)
    {
        using var pair = new ModelPair(modelBytes);
        var key = Fixtures.Key;
        var options = new InferenceOptions { Signer = key, Method = "Benchmarks.Run" };
        var batcher = new BatchingSigner(key, new BatchingSignerOptions { MaxBatchSize = 1024, MaxDelay = TimeSpan.FromMilliseconds(5) });
        var sample = pair.Verified.Run(pair.Inputs, options);
        var inputBytes = new byte[pair.Inputs.Values.Sum(t => t.ElementCount * ElementTypes.SizeOf(t.ElementType))];
        var outputBytes = new byte[sample.Value.Values.Sum(t => t.ElementCount * ElementTypes.SizeOf(t.ElementType))];
        var payload = sample.Receipt.Envelope.Payload;
        var pae = Dsse.Pae(Receipt.PayloadType, payload);
        var leaf = new byte[pae.Length + 1];
        pae.CopyTo(leaf, 1);
        var tasks = new Task<Attested<TensorSet>>[ops];
        var values = new ValueTask<Attested<TensorSet>>[ops];
        var digest = new byte[32];
        var sink = 0L;

        var cases = new (string Name, Action Body)[]
        {
            ("raw", () => { for (var i = 0; i < ops; i++) { sink += pair.RunRaw(); } }),
            ("floor, single-signed (SHA-256 in/out/statement + Ed25519 sign)", () =>
            {
                for (var i = 0; i < ops; i++)
                {
                    sink += SHA256.HashData(inputBytes)[0] + SHA256.HashData(outputBytes)[0] + SHA256.HashData(payload)[0] + key.Sign(pae)[0];
                }
            }),
            ("floor, batched (SHA-256 in/out/leaf PAE)", () =>
            {
                for (var i = 0; i < ops; i++)
                {
                    sink += SHA256.HashData(inputBytes)[0] + SHA256.HashData(outputBytes)[0] + SHA256.HashData(leaf)[0];
                }
            }),
            ("verified, single-signed", () => { for (var i = 0; i < ops; i++) { sink += pair.Verified.Run(pair.Inputs, options).Value.Count; } }),
            ("verified, batched, calling thread", () =>
            {
                for (var i = 0; i < ops; i++)
                {
                    tasks[i] = pair.Verified.RunAsync(pair.Inputs, batcher, options);
                }
            }),
            ("verified, batched, until all receipts signed", () => AwaitEach(tasks).GetAwaiter().GetResult()),
            ("verified, batched, ValueTask, calling thread", () =>
            {
                for (var i = 0; i < ops; i++)
                {
                    values[i] = pair.Verified.RunValueAsync(pair.Inputs, batcher, options);
                }
            }),
            ("verified, batched, ValueTask, until all receipts signed", () => AwaitEach(values).GetAwaiter().GetResult()),
            ("floor, single-signed, OpenSSL low-level SHA-256", () =>
            {
                for (var i = 0; i < ops; i++)
                {
                    Sha256Hasher.HashData(inputBytes, digest);
                    Sha256Hasher.HashData(outputBytes, digest);
                    Sha256Hasher.HashData(payload, digest);
                    sink += digest[0] + key.Sign(pae)[0];
                }
            }),
            ("floor, batched, OpenSSL low-level SHA-256", () =>
            {
                for (var i = 0; i < ops; i++)
                {
                    Sha256Hasher.HashData(inputBytes, digest);
                    Sha256Hasher.HashData(outputBytes, digest);
                    Sha256Hasher.HashData(leaf, digest);
                    sink += digest[0];
                }
            }),
        };

        var samples = Measure(cases, ops, rounds);
        batcher.DisposeAsync().AsTask().GetAwaiter().GetResult();
        GC.KeepAlive(sink);
        var raw = samples[0];
        var floorSingle = samples[1];
        var floorBatched = samples[2];
        var single = samples[3];
        var batchedCalling = samples[4];
        var batchedTotal = samples[4] + samples[5];
        var valueCalling = samples[6];
        var valueTotal = samples[6] + samples[7];
        var lowSingle = samples[8];
        var lowBatched = samples[9];
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"model {name}: input {inputBytes.Length} B, output {outputBytes.Length} B, statement {payload.Length} B; OpenVerify hashes with {Sha256Hasher.Implementation}"));
        Row("raw ONNX Runtime", raw, null);
        Row("floor, single-signed", floorSingle, null);
        Row("floor, batched (hashing)", floorBatched, null);
        Row("floor, single-signed, low-level SHA-256", lowSingle, null);
        Row("floor, batched (hashing), low-level SHA-256", lowBatched, null);
        Row("verified, single-signed", single, raw);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  single-signed overhead {single - raw,9:F2} us = {(single - raw) / floorSingle:F2}x floor (target <= 1.15x); {(single - raw) / lowSingle:F2}x the low-level floor"));
        Row("verified, batched (calling thread)", batchedCalling, raw);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  batched overhead on the calling thread {batchedCalling - raw,9:F2} us = {(batchedCalling - raw) / floorBatched:F2}x floor; target <= 1.25x floor + 1 us = {(1.25 * floorBatched) + 1:F2} us; low-level floor: {(1.25 * lowBatched) + 1:F2} us"));
        Row("verified, batched (all receipts signed)", batchedTotal, raw);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  batched throughput {100 * raw / batchedTotal:F1}% of raw (target for tiny >= 50%)"));
        Row("verified, batched, ValueTask (calling thread)", valueCalling, raw);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  ValueTask: batched overhead on the calling thread {valueCalling - raw,9:F2} us = {(valueCalling - raw) / floorBatched:F2}x floor; target <= 1.25x floor + 1 us = {(1.25 * floorBatched) + 1:F2} us; low-level floor: {(1.25 * lowBatched) + 1:F2} us"));
        Row("verified, batched, ValueTask (all signed)", valueTotal, raw);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  ValueTask: batched throughput {100 * raw / valueTotal:F1}% of raw (target for tiny >= 50%)"));
    }

    /// <summary>Awaits each pooled awaitable once, in turn (as <see cref="BatchedInference.RunValueAsync"/> requires).</summary>
    /// <summary>Awaits each task in turn: unlike <c>Task.WhenAll</c>, which copies the tasks and gathers the results
    /// into an array (16 B per receipt, the harness's, not a receipt's), this allocates nothing per task.</summary>
    internal static async Task AwaitEach(Task<Attested<TensorSet>>[] tasks)
    {
        for (var i = 0; i < tasks.Length; i++)
        {
            await tasks[i].ConfigureAwait(false);
        }
    }

    internal static async Task AwaitEach(ValueTask<Attested<TensorSet>>[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            await values[i].ConfigureAwait(false);
        }
    }

    private static void RunThreads(int rounds)
    {
        const int PerThread = 1024;
        using var pair = new ModelPair(Fixtures.TinyModel);
        var batcher = new BatchingSigner(Fixtures.Key, new BatchingSignerOptions { MaxBatchSize = 1024, MaxDelay = TimeSpan.FromMilliseconds(5) });
        var tasks = new Task<Attested<TensorSet>>[2 * PerThread];
        var values = new ValueTask<Attested<TensorSet>>[2 * PerThread];
        void BatchedValue(int threads)
        {
            var workers = new Thread[threads];
            for (var t = 0; t < threads; t++)
            {
                var offset = t * PerThread;
                workers[t] = new Thread(() =>
                {
                    for (var i = 0; i < PerThread; i++)
                    {
                        values[offset + i] = pair.Verified.RunValueAsync(pair.Inputs, batcher);
                    }
                });
                workers[t].Start();
            }

            foreach (var worker in workers)
            {
                worker.Join();
            }

            AwaitEach(values[..(threads * PerThread)]).GetAwaiter().GetResult();
        }

        void Batched(int threads)
        {
            var workers = new Thread[threads];
            for (var t = 0; t < threads; t++)
            {
                var offset = t * PerThread;
                workers[t] = new Thread(() =>
                {
                    for (var i = 0; i < PerThread; i++)
                    {
                        tasks[offset + i] = pair.Verified.RunAsync(pair.Inputs, batcher);
                    }
                });
                workers[t].Start();
            }

            foreach (var worker in workers)
            {
                worker.Join();
            }

            Task.WaitAll(tasks.AsSpan(0, threads * PerThread));
        }

        void Raw(int threads)
        {
            var workers = new Thread[threads];
            for (var t = 0; t < threads; t++)
            {
                workers[t] = new Thread(() =>
                {
                    for (var i = 0; i < PerThread; i++)
                    {
                        pair.RunRaw();
                    }
                });
                workers[t].Start();
            }

            foreach (var worker in workers)
            {
                worker.Join();
            }
        }

        var cases = new (string Name, Action Body)[]
        {
            ("raw, 1 thread", () => Raw(1)),
            ("raw, 2 threads", () => Raw(2)),
            ("batched, 1 thread", () => Batched(1)),
            ("batched, 2 threads", () => Batched(2)),
            ("batched ValueTask, 1 thread", () => BatchedValue(1)),
            ("batched ValueTask, 2 threads", () => BatchedValue(2)),
        };

        // Per op of one thread's work: a case with 2 threads does twice the operations in its time. Scaling is a
        // matter of wall time; on a machine where other processes hold the cores it cannot show.
        var samples = Measure(cases, PerThread, rounds, wall: true);
        batcher.DisposeAsync().AsTask().GetAwaiter().GetResult();
        Console.WriteLine();
        Console.WriteLine("tiny model, threads (time for 1024 inferences per thread, per inference of one thread)");
        for (var c = 0; c < cases.Length; c++)
        {
            Row(cases[c].Name, samples[c], null);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  raw: 2 threads give {2 * samples[0] / samples[1]:F2}x the throughput of 1"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  batched: 2 threads give {2 * samples[2] / samples[3]:F2}x the throughput of 1 (target >= 1.6x)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  batched ValueTask: 2 threads give {2 * samples[4] / samples[5]:F2}x the throughput of 1 (target >= 1.6x)"));
    }

    private static void RunVerification(int rounds)
    {
        var verification = new Verification();
        verification.Setup();
        var cases = new (string Name, Action Body)[]
        {
            ("floor: Ed25519 verify over the PAE", () => verification.Floor()),
            ("verify single-signed, full", () => verification.Single()),
            ("verify batched, full (root cached)", () => verification.Batched()),
            ("verify batched, membership only", () => verification.MembershipOnly()),
        };
        var samples = Measure(cases, Verification.Receipts, rounds);
        Console.WriteLine();
        Console.WriteLine("verification, one thread");
        for (var c = 0; c < cases.Length; c++)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{cases[c].Name,-52} {samples[c],10:F2} us/op {1e6 / samples[c],10:F0} /s   {samples[0] / samples[c]:F2}x the Ed25519-verify floor's rate"));
        }
    }

    /// <summary>
    /// A full verification's steps one by one over the same 1,024 receipts (<c>interleaved [rounds] verify steps</c>),
    /// in the order the verifier takes them, interleaved with the whole verification, so that what the steps leave out
    /// (records, the result, telemetry, the root cache lookup) is the difference.
    /// </summary>
    private static void RunVerificationSteps(int rounds)
    {
        var verification = new Verification();
        verification.Setup();
        var single = verification.SingleReceipts;
        var batched = verification.BatchedReceipts;
        var key = Fixtures.Key.PublicKey;
        var paes = single.Select(r => Dsse.Pae(r.Envelope.PayloadType, r.Envelope.Payload)).ToArray();
        var leaves = batched.Select(Merkle.HashReceiptLeaf).ToArray();
        var root = BatchRoot.ParsePayload(batched[0].Envelope.Batch!.Root.Payload).RootHash;
        var sink = 0L;
        var cases = new (string Name, Action Body)[]
        {
            ("single-signed, full verification", () => verification.Single()),
            ("batched, full verification (root cached)", () => verification.Batched()),
            ("batched, membership only", () => verification.MembershipOnly()),
            ("step: payload copy", () => { foreach (var r in single) { sink += r.Envelope.WithPayloadCopy().Payload.Length; } }),
            ("step: PAE written + Ed25519 verify", () =>
            {
                var buffer = new byte[4096];
                foreach (var r in single)
                {
                    var length = Dsse.WritePae(r.Envelope.PayloadType, r.Envelope.Payload, buffer);
                    sink += key.Verify(buffer.AsSpan(0, length), r.Envelope.Signatures[0].Signature) ? 1 : 0;
                }
            }),
            ("step: Ed25519 verify alone (floor)", () => { for (var i = 0; i < paes.Length; i++) { sink += key.Verify(paes[i], single[i].Envelope.Signatures[0].Signature) ? 1 : 0; } }),
            ("step: leaf hash (SHA-256 of 0x00 + PAE)", () => { foreach (var r in batched) { sink += Merkle.HashReceiptLeaf(r).Bytes[0]; } }),
            ("step: inclusion proof (given the leaf)", () =>
            {
                for (var i = 0; i < batched.Length; i++)
                {
                    var b = batched[i].Envelope.Batch!;
                    sink += Merkle.VerifyInclusion(b.Index, b.TreeSize, leaves[i], b.Proof, root) ? 1 : 0;
                }
            }),
            ("step: statement read (StatementReader)", () => { foreach (var r in single) { sink += StatementReader.ForThread.Read(r.Envelope.Payload) ? 1 : 0; } }),
            ("step: statement read + both set digests", () =>
            {
                Span<byte> set = stackalloc byte[32];
                foreach (var r in single)
                {
                    var reader = StatementReader.ForThread;
                    reader.Read(r.Envelope.Payload);
                    sink += ReceiptVerifier.TryRecomputeSet(reader, reader.Inputs, set) && ReceiptVerifier.TryRecomputeSet(reader, reader.Outputs, set) ? 1 : 0;
                }
            }),
        };
        var samples = Measure(cases, Verification.Receipts, rounds);
        Console.WriteLine();
        Console.WriteLine("verification steps, one thread, per receipt");
        for (var c = 0; c < cases.Length; c++)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{cases[c].Name,-52} {samples[c],10:F2} us/op"));
        }

        GC.KeepAlive(sink);
    }

    /// <summary>
    /// Medians per operation. By default the process's CPU time (all its threads: the caller, the batch sealer, the
    /// GC), which a loaded machine inflates far less than wall time, since time spent waiting for a core is not
    /// counted; <c>OV_BENCH_CLOCK=wall</c> measures wall time instead (on a quiet machine both agree for one thread).
    /// </summary>
    private static double[] Measure((string Name, Action Body)[] cases, int ops, int rounds, bool wall = false)
    {
        wall |= Environment.GetEnvironmentVariable("OV_BENCH_CLOCK") == "wall";

        WarmUp(() =>
        {
            foreach (var c in cases)
            {
                c.Body();
            }
        });

        var samples = cases.Select(_ => new List<double>()).ToArray();
        for (var round = 0; round < rounds; round++)
        {
            for (var c = 0; c < cases.Length; c++)
            {
                var cpu = Environment.CpuUsage.TotalTime;
                var watch = Stopwatch.StartNew();
                cases[c].Body();
                var elapsed = wall ? watch.Elapsed : Environment.CpuUsage.TotalTime - cpu;
                samples[c].Add(elapsed.TotalMicroseconds / ops);
            }
        }

        return [.. samples.Select(s => s.Order().ElementAt(s.Count / 2))];
    }

    /// <summary>
    /// Runs one pass of every case (in the order the rounds run them) at least three times and for at least three seconds
    /// (<c>OV_BENCH_WARMUP_S</c>), so that the JIT's tiering is over before a sample is kept: tier 0, then instrumented
    /// code, then tier 1 with dynamic PGO, each step after a call count and a delay that every new tier-0 method pushes
    /// back. One pass is not enough: with five rounds after one pass, a batched receipt's full verification was measured
    /// at 24 us while partly in tier-0 code, and at 10.8 us once tiered up (the fifth session's quiet verification rows).
    /// </summary>
    internal static void WarmUp(Action pass)
    {
        var seconds = double.TryParse(Environment.GetEnvironmentVariable("OV_BENCH_WARMUP_S"), NumberStyles.Float, CultureInfo.InvariantCulture, out var s) ? s : 3;
        var warming = Stopwatch.StartNew();
        for (var done = 0; done < 3 || warming.Elapsed.TotalSeconds < seconds; done++)
        {
            pass();
        }
    }

    private static void Row(string name, double microseconds, double? raw) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-52} {microseconds,10:F2} us/op {1e6 / microseconds,10:F0} /s{(raw is { } b ? $"   {microseconds / b,6:F2}x raw" : string.Empty)}"));
}
