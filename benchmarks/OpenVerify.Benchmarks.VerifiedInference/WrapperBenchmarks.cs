using BenchmarkDotNet.Attributes;
using Microsoft.ML.OnnxRuntime;

namespace OpenVerify.VerifiedInferenceBenchmarks;

/// <summary>
/// One inference, four ways, on each model: a hand-written <see cref="InferenceSession.Run(RunOptions, IReadOnlyCollection{string}, IReadOnlyCollection{OrtValue}, IReadOnlyCollection{string})"/>
/// (the baseline, with the session options OpenVerify uses by default), the generated <c>[VerifiedInference]</c> body,
/// <see cref="VerifiedModel.Run"/> itself, and <see cref="VerifiedModel.Run"/> with a signer that does not sign (to show
/// what the Ed25519 signature costs). Every variant returns the output as a fresh <c>float[]</c>.
/// </summary>
[MemoryDiagnoser]
[AllowUnverifiedAi("Benchmark baseline: the hand-written ONNX Runtime call the verified path is compared with.")]
public class WrapperBenchmarks
{
    private InferenceSession _session = null!;
    private RunOptions _runOptions = null!;
    private string[] _inputNames = null!;
    private string[] _outputNames = null!;
    private long[] _shape = null!;
    private float[] _input = null!;
    private VerifiedModel _model = null!;
    private SigningKey _key = null!;
    private InferenceOptions _noSignature = null!;

    /// <summary>The model: <c>tiny</c> (float[1,8] + bias) or <c>resnet18</c> (float[1,3,224,224] → 512 features).</summary>
    [Params("tiny", "resnet18")]
    public string Model { get; set; } = "tiny";

    [GlobalSetup]
    public void Setup()
    {
        _key = SigningKey.Generate();
        OpenVerifyRuntime.DefaultSigner = _key;
        var file = Model == "tiny" ? "tiny.onnx" : "ResNet18.onnx";
        var path = Path.Combine(AppContext.BaseDirectory, "models", file);
        _shape = Model == "tiny" ? [1, 8] : [1, 3, 224, 224];
        var random = new Random(42);
        _input = new float[_shape.Aggregate(1L, (a, b) => a * b)];
        for (var i = 0; i < _input.Length; i++)
        {
            _input[i] = (float)(random.NextDouble() * 2 - 1);
        }

        // The hand-written path: the same settings as SessionConfiguration.Default (1 intra-op thread, 1 inter-op
        // thread, sequential execution, all graph optimizations).
        using (var options = new SessionOptions
        {
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            IntraOpNumThreads = 1,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR,
        })
        {
            _session = new InferenceSession(File.ReadAllBytes(path), options);
        }

        _runOptions = new RunOptions();
        _inputNames = [.. _session.InputMetadata.Keys];
        _outputNames = [.. _session.OutputMetadata.Keys];

        _model = VerifiedModel.Load(path);
        _noSignature = new InferenceOptions { Signer = new NoSignature(_key.KeyId) };

        // Load the generated method's model (cached by digest) and check every path computes the same thing.
        var expected = Raw();
        Check(expected, Generated(), "generated");
        Check(expected, VerifiedModelRun(), "VerifiedModel.Run");
        Check(expected, VerifiedModelRunUnsigned(), "VerifiedModel.Run (no signature)");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _session.Dispose();
        _runOptions.Dispose();
        _model.Dispose();
        _key.Dispose();
    }

    /// <summary>Hand-written ONNX Runtime: an OrtValue over the caller's array, Run, copy the output out.</summary>
    [Benchmark(Baseline = true, Description = "InferenceSession.Run (hand-written)")]
    public float[] Raw()
    {
        using var input = OrtValue.CreateTensorValueFromMemory(_input, _shape);
        using var results = _session.Run(_runOptions, _inputNames, [input], _outputNames);
        return results[0].GetTensorDataAsSpan<float>().ToArray();
    }

    /// <summary>The generated [VerifiedInference] body: digests, statement, Ed25519-signed DSSE receipt.</summary>
    [Benchmark(Description = "[VerifiedInference] generated")]
    public float[] Generated() => Model == "tiny" ? VerifiedMethods.AddBias(_input).Value : VerifiedMethods.Featurize(_input).Value;

    /// <summary>The runtime call the generated body makes, called directly with a signed receipt.</summary>
    [Benchmark(Description = "VerifiedModel.Run (Ed25519)")]
    public float[] VerifiedModelRun() => Output(_model.Run([new(_inputNames[0], TensorValue.Create(_input, _shape))]));

    /// <summary>As <see cref="VerifiedModelRun"/>, with a signer that returns 64 zero bytes: everything but the signature.</summary>
    [Benchmark(Description = "VerifiedModel.Run (no-op signer)")]
    public float[] VerifiedModelRunUnsigned() => Output(_model.Run([new(_inputNames[0], TensorValue.Create(_input, _shape))], _noSignature));

    private float[] Output(Attested<TensorSet> result) => result.Value.Get<float>(_outputNames[0]).ToArray();

    private static void Check(float[] expected, float[] actual, string what)
    {
        if (!expected.AsSpan().SequenceEqual(actual))
        {
            throw new InvalidOperationException($"The {what} path computed a different output than the hand-written one.");
        }
    }

    /// <summary>A signer that does not sign: isolates the cost of everything else in a receipt.</summary>
    private sealed class NoSignature(string keyId) : ISigner
    {
        public string KeyId { get; } = keyId;

        public KeyAlgorithm Algorithm => KeyAlgorithm.Ed25519;

        public byte[] Sign(ReadOnlySpan<byte> data) => new byte[64];
    }
}
