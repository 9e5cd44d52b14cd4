using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using OpenVerify.Batching;

namespace OpenVerify.Benchmarks;

/// <summary>
/// A batched receipt's calling thread, step by step (tiny model, or the medium one): each case adds one step of
/// <see cref="BatchedInference.RunAsync"/> to the one before, so the differences of the medians are what each step
/// costs. The batching signer of the last cases neither fills nor times out during a round (its batches are flushed
/// after the timed part), so no seal runs while the calling thread is timed. The calling thread's own CPU time
/// (<c>CLOCK_THREAD_CPUTIME_ID</c>, Linux), medians, so that other processes on a busy machine do not count;
/// <c>OV_BENCH_CLOCK=wall</c> for wall time.
/// <c>dotnet run -c Release --project benchmarks/OpenVerify.Benchmarks -- steps [rounds] [medium]</c>.
/// </summary>
public static class Steps
{
    public static void Run(int rounds, bool medium = false)
    {
        const int Ops = 1024;
        using var pair = new ModelPair(medium ? Fixtures.MediumModel : Fixtures.TinyModel);
        var model = pair.Verified;
        var options = new InferenceOptions { Signer = Fixtures.Key, Method = "Benchmarks.Run" };
        var quiet = new BatchingSignerOptions { MaxBatchSize = 1 << 16, MaxDelay = TimeSpan.FromHours(1) };
        var batcher = new BatchingSigner(Fixtures.Key, quiet);

        // As the interleaved runner's batching signer: batches closed by the deadline are sealed while the loop runs.
        var sealing = new BatchingSigner(Fixtures.Key, new BatchingSignerOptions { MaxBatchSize = 1024, MaxDelay = TimeSpan.FromMilliseconds(5) });
        var payload = model.Run(pair.Inputs, options).Receipt.Envelope.Payload;
        var pae = Dsse.Pae(Receipt.PayloadType, payload);
        var leaf = new byte[pae.Length + 1];
        pae.CopyTo(leaf, 1);
        var input = new byte[pair.Inputs.Values.Single().RawBytes.Length];
        var output = new byte[model.RunCore(pair.Inputs).Values.Single().RawBytes.Length];
        var tasks = new Task<Attested<TensorSet>>[Ops];
        var values = new ValueTask<Attested<TensorSet>>[Ops];
        var sink = 0L;

        var cases = new (string Name, Action Body, Action? After)[]
        {
            ("raw InferenceSession.Run (input OrtValue reused)", () => { for (var i = 0; i < Ops; i++) { sink += pair.RunRaw(); } }, null),
            ("floor: SHA-256 of input, output, leaf PAE", () =>
            {
                for (var i = 0; i < Ops; i++)
                {
                    sink += SHA256.HashData(input)[0] + SHA256.HashData(output)[0] + SHA256.HashData(leaf)[0];
                }
            }, null),
            ("1 run: validate, buffers, input copy, ORT, output copy", () => { for (var i = 0; i < Ops; i++) { sink += model.RunCore(pair.Inputs).Count; } }, null),
            ("2 + input/output digests, set digests, statement", () =>
            {
                for (var i = 0; i < Ops; i++)
                {
                    sink += model.RunAndWriteStatement(pair.Inputs, options, out var statement).Count + statement.Length;
                }
            }, null),
            ("3 + leaf hash", () =>
            {
                for (var i = 0; i < Ops; i++)
                {
                    model.RunAndWriteStatement(pair.Inputs, options, out var statement);
                    sink += Merkle.HashReceiptLeafIncremental(Receipt.PayloadType, statement).Bytes[0];
                }
            }, null),
            ("4 + payload copy", () =>
            {
                for (var i = 0; i < Ops; i++)
                {
                    model.RunAndWriteStatement(pair.Inputs, options, out var statement);
                    Merkle.HashReceiptLeafIncremental(Receipt.PayloadType, statement);
                    sink += statement.ToArray().Length;
                }
            }, null),
            ("5 RunAsync: + slot, awaitable (no seal timed)", () =>
            {
                for (var i = 0; i < Ops; i++)
                {
                    tasks[i] = model.RunAsync(pair.Inputs, batcher, options);
                }
            }, () => { batcher.FlushAsync().GetAwaiter().GetResult(); Task.WaitAll(tasks); }),
            ("5 RunValueAsync: + slot, pooled awaitable", () =>
            {
                for (var i = 0; i < Ops; i++)
                {
                    values[i] = model.RunValueAsync(pair.Inputs, batcher, options);
                }
            }, () => { batcher.FlushAsync().GetAwaiter().GetResult(); Interleaved.AwaitEach(values).GetAwaiter().GetResult(); }),
        };

        // How a small SHA-256 costs: one-shot (one call into OpenSSL) against the reused incremental hash (an append per
        // piece, then finish and reset), for a tensor digest's size (header + 32 bytes) and a leaf's (PAE of the statement).
        var small = new byte[72];
        var digest = new byte[32];
        var incremental = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        cases =
        [
            .. cases,
            ("SHA-256 one-shot, 72 B", () => { for (var i = 0; i < Ops; i++) { SHA256.HashData(small, digest); } }, null),
            ("SHA-256 incremental, 72 B in 2 appends", () =>
            {
                for (var i = 0; i < Ops; i++)
                {
                    incremental.AppendData(small.AsSpan(0, 40));
                    incremental.AppendData(small.AsSpan(40));
                    incremental.GetHashAndReset(digest);
                }
            }, null),
            ("SHA-256 one-shot, leaf PAE", () => { for (var i = 0; i < Ops; i++) { SHA256.HashData(leaf, digest); } }, null),
            ("SHA-256 incremental, leaf PAE in 2 appends", () =>
            {
                for (var i = 0; i < Ops; i++)
                {
                    incremental.AppendData(leaf.AsSpan(0, 80));
                    incremental.AppendData(leaf.AsSpan(80));
                    incremental.GetHashAndReset(digest);
                }
            }, null),

            // What OpenVerify hashes with (Sha256Hasher: OpenSSL's low-level calls on Linux), for the same sizes.
            ("Sha256Hasher one-shot, 72 B", () => { for (var i = 0; i < Ops; i++) { Sha256Hasher.HashData(small, digest); } }, null),
            ("Sha256Hasher one-shot, leaf PAE", () => { for (var i = 0; i < Ops; i++) { Sha256Hasher.HashData(leaf, digest); } }, null),
        ];

        cases =
        [
            .. cases,
            ("6 RunAsync, deadline batches sealed meanwhile", () =>
            {
                for (var i = 0; i < Ops; i++)
                {
                    tasks[i] = model.RunAsync(pair.Inputs, sealing, options);
                }
            }, () => Task.WhenAll(tasks).GetAwaiter().GetResult()),
            ("6 RunValueAsync, deadline batches sealed meanwhile", () =>
            {
                for (var i = 0; i < Ops; i++)
                {
                    values[i] = model.RunValueAsync(pair.Inputs, sealing, options);
                }
            }, () => Interleaved.AwaitEach(values).GetAwaiter().GetResult()),
        ];

        var (medians, wall, collections) = Measure(cases, Ops, rounds);
        batcher.DisposeAsync().AsTask().GetAwaiter().GetResult();
        sealing.DisposeAsync().AsTask().GetAwaiter().GetResult();
        GC.KeepAlive(sink);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{(medium ? "medium" : "tiny")} model, calling thread step by step: {rounds} rounds of {Ops}, medians of {(wall ? "wall" : "the calling thread's CPU")} time; {Environment.ProcessorCount} logical cores"));
        for (var c = 0; c < cases.Length; c++)
        {
            var step = c switch
            {
                2 => medians[2] - medians[0],
                >= 3 and <= 6 => medians[c] - medians[c - 1],
                7 => medians[7] - medians[5],
                9 or 11 => medians[c] - medians[c - 1],
                _ => double.NaN,
            };
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{cases[c].Name,-56} {medians[c],8:F2} us/op   step {step,7:F2} us   GCs in {rounds} rounds (gen 0/1/2) {collections[c, 0]}/{collections[c, 1]}/{collections[c, 2]}"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"overhead over raw: RunAsync {medians[6] - medians[0]:F2} us, RunValueAsync {medians[7] - medians[0]:F2} us = {(medians[6] - medians[0]) / medians[1]:F2}x, {(medians[7] - medians[0]) / medians[1]:F2}x the hashing floor"));
    }

    /// <summary>Warms every case up (<see cref="Interleaved.WarmUp"/>), then times them in alternating rounds on the
    /// calling thread's CPU clock (or wall time); medians per operation.</summary>
    private static (double[] Medians, bool Wall, int[,] Collections) Measure((string Name, Action Body, Action? After)[] cases, int ops, int rounds)
    {
        Interleaved.WarmUp(() =>
        {
            foreach (var c in cases)
            {
                c.Body();
                c.After?.Invoke();
            }
        });

        var wall = Environment.GetEnvironmentVariable("OV_BENCH_CLOCK") == "wall";
        var samples = cases.Select(_ => new List<double>()).ToArray();
        var collections = new int[cases.Length, 3];
        for (var round = 0; round < rounds; round++)
        {
            for (var c = 0; c < cases.Length; c++)
            {
                var (gen0, gen1, gen2) = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
                var cpu = ThreadCpuMicroseconds();
                var watch = Stopwatch.StartNew();
                cases[c].Body();
                samples[c].Add((wall ? watch.Elapsed.TotalMicroseconds : ThreadCpuMicroseconds() - cpu) / ops);
                collections[c, 0] += GC.CollectionCount(0) - gen0;
                collections[c, 1] += GC.CollectionCount(1) - gen1;
                collections[c, 2] += GC.CollectionCount(2) - gen2;
                cases[c].After?.Invoke();
            }
        }

        return ([.. samples.Select(s => s.Order().ElementAt(s.Count / 2))], wall, collections);
    }

    /// <summary>
    /// A single-signed receipt (<see cref="VerifiedModel.Run"/>) step by step, on the tiny and the ~20 µs model: each
    /// numbered case adds one step to the one before; the unnumbered cases time one part alone.
    /// <c>steps [rounds] single</c>.
    /// </summary>
    public static void RunSingle(int rounds)
    {
        foreach (var (name, bytes, ops) in new[] { ("tiny", Fixtures.TinyModel, 1024), ("medium", Fixtures.MediumModel, 256) })
        {
            RunSingle(name, bytes, ops, rounds);
        }
    }

    private static void RunSingle(string name, byte[] modelBytes, int ops, int rounds)
    {
        using var pair = new ModelPair(modelBytes);
        var model = pair.Verified;
        var key = Fixtures.Key;
        var options = new InferenceOptions { Signer = key, Method = "Benchmarks.Run" };
        var sample = model.Run(pair.Inputs, options);
        var payload = sample.Receipt.Envelope.Payload;
        var pae = Dsse.Pae(Receipt.PayloadType, payload);
        var input = pair.Inputs.Single().Value;
        var output = sample.Value.Single().Value;
        var inputBytes = input.RawBytes.ToArray();
        var outputBytes = output.RawBytes.ToArray();
        var digest = new byte[32];
        var writer = (StatementWriter)typeof(VerifiedModel).GetField("_statementWriter", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!.GetValue(model)!;
        var (inputTensors, inputSet) = StatementWriter.Describe(pair.Inputs);
        var (outputTensors, outputSet) = StatementWriter.Describe(sample.Value);
        byte[][] inputNames = [StatementWriter.Utf8(pair.Inputs.Single().Key)];
        Sha256Digest[] inputDigests = [inputTensors[0].Digest];
        var paeBuffer = new byte[pae.Length + 64];
        var now = DateTime.UtcNow;
        var sink = 0L;

        var cases = new (string Name, Action Body, Action? After)[]
        {
            ("raw InferenceSession.Run (input OrtValue reused)", () => { for (var i = 0; i < ops; i++) { sink += pair.RunRaw(); } }, null),
            ("floor: SHA-256 in/out/statement + Ed25519 sign", () =>
            {
                for (var i = 0; i < ops; i++)
                {
                    sink += SHA256.HashData(inputBytes)[0] + SHA256.HashData(outputBytes)[0] + SHA256.HashData(payload)[0] + key.Sign(pae)[0];
                }
            }, null),
            ("1 run: validate, buffers, input copy, ORT, output copy", () => { for (var i = 0; i < ops; i++) { sink += model.RunCore(pair.Inputs).Count; } }, null),
            ("2 + tensor digests, set digests, statement", () =>
            {
                for (var i = 0; i < ops; i++)
                {
                    sink += model.RunAndWriteStatement(pair.Inputs, options, out var statement).Count + statement.Length;
                }
            }, null),
            ("3 + payload copy, PAE, Ed25519 sign, envelope", () =>
            {
                for (var i = 0; i < ops; i++)
                {
                    model.RunAndWriteStatement(pair.Inputs, options, out var statement);
                    sink += DsseEnvelope.Sign(Receipt.PayloadType, statement.ToArray(), key).Payload.Length;
                }
            }, null),
            ("4 + receipt, Attested (RunUnobserved)", () => { for (var i = 0; i < ops; i++) { sink += model.RunUnobserved(pair.Inputs, options).Value.Count; } }, null),
            ("5 Run: + telemetry (no listener)", () => { for (var i = 0; i < ops; i++) { sink += model.Run(pair.Inputs, options).Value.Count; } }, null),
            ("part: Ed25519 sign over the PAE alone", () => { for (var i = 0; i < ops; i++) { sink += key.Sign(pae)[0]; } }, null),
            ("part: input tensor digest", () => { for (var i = 0; i < ops; i++) { sink += TensorDigest.ComputeRaw(input.ElementType, input.Shape.AsSpan(), inputBytes, digest).Bytes[0]; } }, null),
            ("part: output tensor digest", () => { for (var i = 0; i < ops; i++) { sink += TensorDigest.ComputeRaw(output.ElementType, output.Shape.AsSpan(), outputBytes, digest).Bytes[0]; } }, null),
            ("part: set digest (one tensor)", () => { for (var i = 0; i < ops; i++) { sink += TensorDigest.ComputeSetSorted(inputNames, inputDigests, digest).Bytes[0]; } }, null),
            ("part: statement writer", () =>
            {
                for (var i = 0; i < ops; i++)
                {
                    sink += writer.Write(inputTensors, inputSet, outputTensors, outputSet, options.Method, i, now, null, null).Length;
                }
            }, null),
            ("part: payload copy + PAE written", () =>
            {
                for (var i = 0; i < ops; i++)
                {
                    sink += Dsse.WritePae(Receipt.PayloadType, payload.AsSpan().ToArray(), paeBuffer);
                }
            }, null),
            ("part: DateTime.UtcNow", () => { for (var i = 0; i < ops; i++) { sink += DateTime.UtcNow.Ticks; } }, null),
            ("part: Stopwatch.GetTimestamp", () => { for (var i = 0; i < ops; i++) { sink += Stopwatch.GetTimestamp(); } }, null),
        };

        var (medians, wall, _) = Measure(cases, ops, rounds);
        GC.KeepAlive(sink);
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"model {name}, single-signed step by step: {rounds} rounds of {ops}, medians of {(wall ? "wall" : "the calling thread's CPU")} time; statement {payload.Length} B"));
        for (var c = 0; c < cases.Length; c++)
        {
            var step = c switch
            {
                2 => medians[2] - medians[0],
                >= 3 and <= 6 => medians[c] - medians[c - 1],
                _ => double.NaN,
            };
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{cases[c].Name,-56} {medians[c],8:F2} us/op   step {step,7:F2} us"));
        }

        var overhead = medians[6] - medians[0];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"overhead over raw {overhead:F2} us = {overhead / medians[1]:F2}x the floor ({medians[1]:F2} us); above the floor {overhead - medians[1]:F2} us; target 1.15x = {0.15 * medians[1]:F2} us above"));
    }

    private static double ThreadCpuMicroseconds()
    {
        if (ClockGetTime(ThreadCpuClock, out var time) != 0)
        {
            throw new InvalidOperationException("clock_gettime(CLOCK_THREAD_CPUTIME_ID) failed; use OV_BENCH_CLOCK=wall.");
        }

        return (time.Seconds * 1e6) + (time.Nanoseconds / 1e3);
    }

    private const int ThreadCpuClock = 3;

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out TimeSpec time);

    [System.Runtime.InteropServices.StructLayout(System.Runtime.InteropServices.LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
