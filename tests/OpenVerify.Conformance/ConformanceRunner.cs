using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using Microsoft.ML.OnnxRuntime;
using OpenVerify.Testing;

namespace OpenVerify.Conformance;

/// <summary>Where a case stopped.</summary>
public enum FailureStage
{
    /// <summary>The case passed.</summary>
    None,
    /// <summary>A <c>.pb</c> file could not be decoded.</summary>
    TestData,
    /// <summary><see cref="VerifiedModel.Load"/> refused the model or ONNX Runtime could not load it.</summary>
    Load,
    /// <summary>A decoded tensor could not become a <see cref="TensorValue"/> (refused element type, invalid UTF-8, ...).</summary>
    Tensor,
    /// <summary>The input tensors do not fit the model (count, element type, shape).</summary>
    Inputs,
    /// <summary><see cref="VerifiedModel.Run"/> failed.</summary>
    Run,
    /// <summary>An output differs from the expected one beyond tolerance.</summary>
    Compare,
    /// <summary>A bit-exact output's digest differs from the digest of the decoded <c>.pb</c> tensor.</summary>
    Digest,
    /// <summary>The receipt did not verify against the inputs and outputs.</summary>
    Receipt,
    /// <summary>The receipt did not verify with replay.</summary>
    Replay,
    /// <summary>An exception no stage expects (a bug in the runtime or in this harness).</summary>
    Unexpected,
}

/// <summary>One output that was compared.</summary>
/// <param name="ElementType">The expected output's ONNX element type code.</param>
/// <param name="Matched">Within tolerance (exact for integer, bool and string outputs).</param>
/// <param name="BitExact">ONNX Runtime reproduced the expected bytes exactly (and the digests were checked).</param>
public sealed record OutputOutcome(int ElementType, bool Matched, bool BitExact);

/// <summary>The outcome of one case.</summary>
public sealed class CaseOutcome
{
    /// <summary>The suite (node, pytorch-converted, pytorch-operator, simple, real).</summary>
    public required string Suite { get; init; }

    /// <summary>The case's folder name.</summary>
    public required string Case { get; init; }

    /// <summary><c>suite/case</c>.</summary>
    public string Id => Suite + "/" + Case;

    /// <summary>Where it stopped; <see cref="FailureStage.None"/> when it passed.</summary>
    public FailureStage Stage { get; set; }

    /// <summary>Why it stopped.</summary>
    public string Message { get; set; } = string.Empty;

    /// <summary>Whether every data set passed every check.</summary>
    public bool Passed => Stage == FailureStage.None;

    /// <summary>The ONNX element type codes of every tensor in the test data (inputs and expected outputs).</summary>
    public SortedSet<int> ElementTypes { get; } = [];

    /// <summary>Every output that was compared.</summary>
    public List<OutputOutcome> Outputs { get; } = [];

    /// <summary>The replay verdict of each data set that got as far as replay.</summary>
    public List<ReplayVerdict> ReplayVerdicts { get; } = [];

    /// <summary>The number of test data sets.</summary>
    public int DataSets { get; set; }

    /// <summary>Wall time of the case.</summary>
    public TimeSpan Elapsed { get; set; }
}

/// <summary>Runs backend test cases through <see cref="VerifiedModel"/>, receipts and <see cref="ReceiptVerifier"/>.</summary>
public static class ConformanceRunner
{
    /// <summary>The suites of the ONNX backend test data, in report order.</summary>
    public static readonly string[] Suites = ["node", "pytorch-converted", "pytorch-operator", "simple", "real"];

    /// <summary>Relative tolerance for floating-point outputs.</summary>
    public const double RelativeTolerance = 1e-3;

    /// <summary>Absolute tolerance for floating-point outputs.</summary>
    public const double AbsoluteTolerance = 1e-5;

    private static readonly UTF8Encoding StrictUtf8 = new(false, true);

    /// <summary>Every folder with a <c>model.onnx</c>, as (suite, case, folder), sorted.</summary>
    public static List<(string Suite, string Case, string Dir)> Discover(string root, out List<string> withoutModel)
    {
        var cases = new List<(string, string, string)>();
        withoutModel = [];
        foreach (var suite in Suites)
        {
            var suiteDir = Path.Combine(root, suite);
            if (!Directory.Exists(suiteDir))
            {
                continue;
            }

            foreach (var dir in Directory.GetDirectories(suiteDir).Order(StringComparer.Ordinal))
            {
                if (File.Exists(Path.Combine(dir, "model.onnx")))
                {
                    cases.Add((suite, Path.GetFileName(dir), dir));
                }
                else
                {
                    withoutModel.Add(suite + "/" + Path.GetFileName(dir));
                }
            }
        }

        return cases;
    }

    /// <summary>Runs every case with a bounded degree of parallelism and one shared signing key.</summary>
    public static List<CaseOutcome> RunAll(IReadOnlyList<(string Suite, string Case, string Dir)> cases, int degree)
    {
        using var key = SigningKey.Generate();
        var verifier = new ReceiptVerifier(TrustStore.For(key.PublicKey));
        var results = new ConcurrentBag<CaseOutcome>();
        Parallel.ForEach(
            cases.OrderByDescending(c => new FileInfo(Path.Combine(c.Dir, "model.onnx")).Length),
            new ParallelOptions { MaxDegreeOfParallelism = degree },
            c => results.Add(RunCase(c.Suite, c.Case, c.Dir, key, verifier)));
        return [.. results.OrderBy(r => Array.IndexOf(Suites, r.Suite)).ThenBy(r => r.Case, StringComparer.Ordinal)];
    }

    /// <summary>Runs one case; never throws.</summary>
    public static CaseOutcome RunCase(string suite, string name, string dir, ISigner signer, ReceiptVerifier verifier)
    {
        var outcome = new CaseOutcome { Suite = suite, Case = name };
        var clock = Stopwatch.StartNew();
        try
        {
            RunCaseCore(dir, outcome, signer, verifier);
        }
        catch (StageException e)
        {
            outcome.Stage = e.Stage;
            outcome.Message = e.Message;
        }
        catch (Exception e)
        {
            outcome.Stage = e switch
            {
                ModelLoadException => FailureStage.Load,
                ModelInputException => FailureStage.Inputs,
                InferenceFailedException => FailureStage.Run,
                TensorEncodingException => FailureStage.Tensor,
                _ => FailureStage.Unexpected,
            };
            outcome.Message = outcome.Stage == FailureStage.Unexpected ? e.ToString() : $"{e.GetType().Name}: {e.Message}";
        }

        outcome.Elapsed = clock.Elapsed;
        return outcome;
    }

    private static void RunCaseCore(string dir, CaseOutcome outcome, ISigner signer, ReceiptVerifier verifier)
    {
        // Decode the test data before loading, so that element types are known even for cases the runtime refuses;
        // but report a refused model (a sequence or optional graph input, say) before undecodable test data, since the
        // refusal is what OpenVerify is tested for.
        var dataSets = new List<(DecodedTensor[] Inputs, DecodedTensor[] Outputs)>();
        StageException? dataError = null;
        try
        {
            foreach (var setDir in Directory.GetDirectories(dir, "test_data_set_*").OrderBy(d => Index(d, "test_data_set_")))
            {
                var inputs = ReadIndexed(setDir, "input_");
                var outputs = ReadIndexed(setDir, "output_");
                foreach (var t in inputs.Concat(outputs))
                {
                    outcome.ElementTypes.Add(t.ElementType);
                }

                dataSets.Add((inputs, outputs));
            }

            if (dataSets.Count == 0)
            {
                throw new StageException(FailureStage.TestData, "The case has no test_data_set_* folder.");
            }
        }
        catch (StageException e)
        {
            dataError = e;
        }

        outcome.DataSets = dataSets.Count;
        using var model = VerifiedModel.Load(Path.Combine(dir, "model.onnx"));
        if (dataError is not null)
        {
            throw dataError;
        }
        foreach (var (i, (inputTensors, outputTensors)) in dataSets.Index())
        {
            string where = dataSets.Count > 1 ? $"test_data_set_{i}: " : string.Empty;
            if (inputTensors.Length > model.Inputs.Count)
            {
                throw new StageException(FailureStage.Inputs, $"{where}{inputTensors.Length} input files for a model with {model.Inputs.Count} inputs ({string.Join("; ", model.Inputs)}).");
            }

            if (outputTensors.Length != model.Outputs.Count)
            {
                throw new StageException(FailureStage.Inputs, $"{where}{outputTensors.Length} output files for a model with {model.Outputs.Count} outputs ({string.Join("; ", model.Outputs)}).");
            }

            // Inputs map by position to the model's declared inputs (the .pb names may be empty).
            var inputs = new TensorSet(inputTensors.Select((t, k) => new KeyValuePair<string, TensorValue>(model.Inputs[k].Name, ToTensorValue(t))));
            var expected = outputTensors.Select(ToTensorValue).ToArray();

            // The digest of each input tensor equals the digest computed from the .pb bytes.
            foreach (var (k, t) in inputTensors.Index())
            {
                var fromPb = DigestOf(t);
                var fromValue = TensorDigest.Compute(inputs[model.Inputs[k].Name]);
                if (fromPb != fromValue)
                {
                    throw new StageException(FailureStage.Digest, $"{where}input {k}: digest from the .pb bytes {fromPb} != digest of the TensorValue {fromValue}.");
                }
            }

            var attested = model.Run(inputs, new InferenceOptions { Signer = signer, Method = "OpenVerify.Conformance" });
            var actual = attested.Value;

            for (var k = 0; k < outputTensors.Length; k++)
            {
                var outName = model.Outputs[k].Name;
                var got = actual[outName];
                var (matched, bitExact, detail) = Compare(outputTensors[k], got);
                outcome.Outputs.Add(new OutputOutcome(outputTensors[k].ElementType, matched, bitExact));
                if (!matched)
                {
                    throw new StageException(FailureStage.Compare, $"{where}output {k} '{outName}': {detail}");
                }

                if (bitExact)
                {
                    // Two independent readings of the same tensor: the .pb decoded by TensorProtoReader, and ORT's result.
                    var fromPb = DigestOf(outputTensors[k]);
                    var fromOrt = TensorDigest.Compute(got);
                    if (fromPb != fromOrt)
                    {
                        throw new StageException(FailureStage.Digest, $"{where}output {k} '{outName}' is bit-exact, but its .pb digest {fromPb} != ORT digest {fromOrt}.");
                    }

                    if (TensorDigest.Compute(expected[k]) != fromPb)
                    {
                        throw new StageException(FailureStage.Digest, $"{where}output {k} '{outName}': the TensorValue built from the .pb has a different digest than its raw bytes.");
                    }
                }
            }

            var plain = verifier.Verify(attested.Receipt, new ReceiptVerificationOptions
            {
                Inputs = inputs,
                Outputs = actual,
                ExpectedModelDigest = model.Digest,
                Require = RequiredChecks.Model | RequiredChecks.Inputs | RequiredChecks.Outputs,
            });
            if (!plain.Succeeded)
            {
                throw new StageException(FailureStage.Receipt, $"{where}{plain.FirstFailure}");
            }

            var replayed = verifier.Verify(attested.Receipt, new ReceiptVerificationOptions
            {
                Inputs = inputs,
                Outputs = actual,
                ExpectedModelDigest = model.Digest,
                ReplayModel = model,
                Require = RequiredChecks.Model | RequiredChecks.Inputs | RequiredChecks.Outputs | RequiredChecks.Replay,
            });
            if (!replayed.Succeeded || replayed.Replay is null)
            {
                throw new StageException(FailureStage.Replay, $"{where}{replayed.FirstFailure?.ToString() ?? "no replay result"}");
            }

            outcome.ReplayVerdicts.Add(replayed.Replay.Verdict);
        }
    }

    private static int Index(string path, string prefix)
    {
        var name = Path.GetFileNameWithoutExtension(path);
        return int.TryParse(name.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var i) ? i : int.MaxValue;
    }

    private static DecodedTensor[] ReadIndexed(string setDir, string prefix)
    {
        var files = Directory.GetFiles(setDir, prefix + "*.pb").OrderBy(f => Index(f, prefix)).ToArray();
        for (var i = 0; i < files.Length; i++)
        {
            if (Index(files[i], prefix) != i)
            {
                throw new StageException(FailureStage.TestData, $"{Path.GetFileName(setDir)} has {prefix}*.pb files that are not numbered 0..{files.Length - 1}.");
            }
        }

        return [.. files.Select(f =>
        {
            try
            {
                return TensorProtoReader.ReadFile(f);
            }
            catch (Exception e) when (e is Google.Protobuf.InvalidProtocolBufferException or InvalidDataException or NotSupportedException)
            {
                throw new StageException(FailureStage.TestData, $"{Path.GetFileName(setDir)}/{Path.GetFileName(f)} is not a TensorProto this reader decodes: {e.Message}");
            }
        })];
    }

    /// <summary>Builds a <see cref="TensorValue"/> from decoded TensorProto bytes.</summary>
    public static TensorValue ToTensorValue(DecodedTensor t)
    {
        var dims = t.Dims;
        return (ElementType)t.ElementType switch
        {
            ElementType.Float => TensorValue.Create(Cast<float>(t.Data), dims),
            ElementType.UInt8 => TensorValue.Create(Cast<byte>(t.Data), dims),
            ElementType.Int8 => TensorValue.Create(Cast<sbyte>(t.Data), dims),
            ElementType.UInt16 => TensorValue.Create(Cast<ushort>(t.Data), dims),
            ElementType.Int16 => TensorValue.Create(Cast<short>(t.Data), dims),
            ElementType.Int32 => TensorValue.Create(Cast<int>(t.Data), dims),
            ElementType.Int64 => TensorValue.Create(Cast<long>(t.Data), dims),
            ElementType.Bool => TensorValue.Create(Cast<bool>(t.Data), dims),
            ElementType.Float16 => TensorValue.Create(Cast<Float16>(t.Data), dims),
            ElementType.Double => TensorValue.Create(Cast<double>(t.Data), dims),
            ElementType.UInt32 => TensorValue.Create(Cast<uint>(t.Data), dims),
            ElementType.UInt64 => TensorValue.Create(Cast<ulong>(t.Data), dims),
            ElementType.BFloat16 => TensorValue.Create(Cast<BFloat16>(t.Data), dims),
            ElementType.String => TensorValue.CreateStrings([.. t.Strings!.Select((s, i) => DecodeUtf8(s, i))], dims),
            var other => throw new TensorEncodingException(
                $"The test data holds a {OpenVerify.ElementTypes.ToOnnxName(other)} tensor (ONNX code {(int)other}), which OpenVerify v1 refuses by design."),
        };
    }

    private static string DecodeUtf8(byte[] bytes, int index)
    {
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw new TensorEncodingException($"String element {index} of the test data is not valid UTF-8 ({Convert.ToHexString(bytes)}).");
        }
    }

    private static T[] Cast<T>(byte[] data) where T : unmanaged => MemoryMarshal.Cast<byte, T>(data).ToArray();

    /// <summary>
    /// The tensor digest of a decoded TensorProto, from its bytes: <see cref="TensorDigest.ComputeRaw"/> for fixed-width
    /// types; for strings, the spec's layout (u64 length ‖ UTF-8 bytes) computed here, independently of the runtime.
    /// </summary>
    public static Sha256Digest DigestOf(DecodedTensor t)
    {
        if (t.ElementType != (int)ElementType.String)
        {
            return TensorDigest.ComputeRaw((ElementType)t.ElementType, t.Dims, t.Data);
        }

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.ASCII.GetBytes(TensorDigest.TensorDomain));
        Span<byte> buffer = stackalloc byte[8];
        BinaryPrimitives.WriteUInt32LittleEndian(buffer, (uint)t.ElementType);
        hash.AppendData(buffer[..4]);
        BinaryPrimitives.WriteUInt32LittleEndian(buffer, (uint)t.Dims.Length);
        hash.AppendData(buffer[..4]);
        foreach (var d in t.Dims)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(buffer, (ulong)d);
            hash.AppendData(buffer);
        }

        foreach (var s in t.Strings!)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(buffer, (ulong)s.Length);
            hash.AppendData(buffer);
            hash.AppendData(s);
        }

        return Sha256Digest.FromBytes(hash.GetHashAndReset());
    }

    /// <summary>The element bytes of a fixed-width tensor returned by the runtime.</summary>
    public static byte[] BytesOf(TensorValue v) => v switch
    {
        TensorValue<float> x => MemoryMarshal.AsBytes(x.Span).ToArray(),
        TensorValue<byte> x => x.ToArray(),
        TensorValue<sbyte> x => MemoryMarshal.AsBytes(x.Span).ToArray(),
        TensorValue<ushort> x => MemoryMarshal.AsBytes(x.Span).ToArray(),
        TensorValue<short> x => MemoryMarshal.AsBytes(x.Span).ToArray(),
        TensorValue<int> x => MemoryMarshal.AsBytes(x.Span).ToArray(),
        TensorValue<long> x => MemoryMarshal.AsBytes(x.Span).ToArray(),
        TensorValue<bool> x => MemoryMarshal.AsBytes(x.Span).ToArray(),
        TensorValue<Float16> x => MemoryMarshal.AsBytes(x.Span).ToArray(),
        TensorValue<double> x => MemoryMarshal.AsBytes(x.Span).ToArray(),
        TensorValue<uint> x => MemoryMarshal.AsBytes(x.Span).ToArray(),
        TensorValue<ulong> x => MemoryMarshal.AsBytes(x.Span).ToArray(),
        TensorValue<BFloat16> x => MemoryMarshal.AsBytes(x.Span).ToArray(),
        _ => throw new ArgumentException($"No fixed-width bytes for {v}."),
    };

    /// <summary>Compares an expected output (decoded .pb) with the runtime's output.</summary>
    public static (bool Matched, bool BitExact, string Detail) Compare(DecodedTensor expected, TensorValue actual)
    {
        var type = (ElementType)expected.ElementType;
        if (actual.ElementType != type)
        {
            return (false, false, $"element type {OpenVerify.ElementTypes.ToOnnxName(actual.ElementType)}, expected {OpenVerify.ElementTypes.ToOnnxName(type)}");
        }

        if (!actual.Shape.AsSpan().SequenceEqual(expected.Dims))
        {
            return (false, false, $"shape [{string.Join(",", actual.Shape)}], expected [{string.Join(",", expected.Dims)}]");
        }

        if (type == ElementType.String)
        {
            var values = ((StringTensorValue)actual).Values;
            for (var i = 0; i < values.Count; i++)
            {
                var got = StrictUtf8.GetBytes(values[i]);
                if (!got.AsSpan().SequenceEqual(expected.Strings![i]))
                {
                    return (false, false, $"string element {i} is \"{values[i]}\", expected \"{Encoding.UTF8.GetString(expected.Strings[i])}\"");
                }
            }

            return (true, true, "exact");
        }

        var bytes = BytesOf(actual);
        if (bytes.AsSpan().SequenceEqual(expected.Data))
        {
            return (true, true, "bit-exact");
        }

        if (!OpenVerify.ElementTypes.IsFloatingPoint(type))
        {
            var size = OpenVerify.ElementTypes.SizeOf(type);
            var first = bytes.AsSpan().CommonPrefixLength(expected.Data) / size;
            return (false, false, $"integer/bool element {first} differs (exact comparison)");
        }

        var count = expected.ElementCount;
        var worst = 0.0;
        for (var i = 0; i < count; i++)
        {
            var e = ReadFloat(type, expected.Data, i);
            var a = ReadFloat(type, bytes, i);
            if (double.IsNaN(e) || double.IsNaN(a))
            {
                if (double.IsNaN(e) != double.IsNaN(a))
                {
                    return (false, false, string.Create(CultureInfo.InvariantCulture, $"element {i} is {a:R}, expected {e:R}"));
                }

                continue;
            }

            if (double.IsInfinity(e) || double.IsInfinity(a))
            {
                if (e != a)
                {
                    return (false, false, string.Create(CultureInfo.InvariantCulture, $"element {i} is {a:R}, expected {e:R}"));
                }

                continue;
            }

            var diff = Math.Abs(a - e);
            if (diff > AbsoluteTolerance + (RelativeTolerance * Math.Abs(e)))
            {
                return (false, false, string.Create(CultureInfo.InvariantCulture, $"element {i} is {a:R}, expected {e:R} (|diff| {diff:G4} > atol {AbsoluteTolerance} + rtol {RelativeTolerance}·|expected|)"));
            }

            worst = Math.Max(worst, diff);
        }

        return (true, false, string.Create(CultureInfo.InvariantCulture, $"within tolerance, largest deviation {worst:G4}"));
    }

    private static double ReadFloat(ElementType type, byte[] data, long index) => type switch
    {
        ElementType.Float => BinaryPrimitives.ReadSingleLittleEndian(data.AsSpan(checked((int)(index * 4)))),
        ElementType.Double => BinaryPrimitives.ReadDoubleLittleEndian(data.AsSpan(checked((int)(index * 8)))),
        ElementType.Float16 => (double)BinaryPrimitives.ReadHalfLittleEndian(data.AsSpan(checked((int)(index * 2)))),
        ElementType.BFloat16 => BitConverter.Int32BitsToSingle(BinaryPrimitives.ReadUInt16LittleEndian(data.AsSpan(checked((int)(index * 2)))) << 16),
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    private sealed class StageException(FailureStage stage, string message) : Exception(message)
    {
        public FailureStage Stage { get; } = stage;
    }
}
