using System.Reflection;
using Microsoft.ML.OnnxRuntime;
using OpenVerify.Testing;

namespace OpenVerify.Benchmarks;

/// <summary>Models, keys and inputs shared by the benchmarks.</summary>
public static class Fixtures
{
    /// <summary>The Ed25519 key that signs receipts (the OpenVerify default algorithm).</summary>
    public static SigningKey Key { get; } = SigningKey.Generate();

    /// <summary>TestModels.Tiny(): x[1,8] + bias, microseconds per run.</summary>
    public static byte[] TinyModel { get; } = TestModels.Tiny();

    /// <summary>
    /// A model of about 20 µs: float <c>x</c> [1,2400] (a 9.6 KB input, like a frame of audio features) → MatMul with a
    /// [2400,32] weight → Relu → <c>y</c> [1,32].
    /// </summary>
    public static byte[] MediumModel { get; } = new OnnxModelBuilder()
        .GraphName("medium")
        .Input("x", 1, 1, 2400)
        .Output("y", 1, 1, 32)
        .Initializer("w", [2400, 32], Floats(2400 * 32, seed: 11))
        .Node("MatMul", ["x", "w"], ["h"])
        .Node("Relu", ["h"], ["y"])
        .Build();

    /// <summary>The ResNet18 featurizer of ML.NET (float[1,3,224,224] in, 512 features out), about 45 MB.</summary>
    public static byte[] ResNet18Model => File.ReadAllBytes(ResNet18Path);

    public static string ResNet18Path =>
        typeof(Fixtures).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().First(a => a.Key == "ResNet18Path").Value!;

    /// <summary>
    /// ONNX Runtime options built from the same allow-listed configuration the verified model uses, field by field as
    /// SessionConfiguration.CreateSessionOptions maps them (graph optimization all, 1 intra-op and 1 inter-op thread,
    /// sequential), so raw and verified sessions run with identical settings.
    /// </summary>
    public static SessionOptions RawOptions(SessionConfiguration config) => new()
    {
        GraphOptimizationLevel = config.GraphOptimization switch
        {
            GraphOptimization.Disabled => GraphOptimizationLevel.ORT_DISABLE_ALL,
            GraphOptimization.Basic => GraphOptimizationLevel.ORT_ENABLE_BASIC,
            GraphOptimization.Extended => GraphOptimizationLevel.ORT_ENABLE_EXTENDED,
            _ => GraphOptimizationLevel.ORT_ENABLE_ALL,
        },
        IntraOpNumThreads = config.IntraOpThreads,
        InterOpNumThreads = config.InterOpThreads,
        ExecutionMode = config.ParallelExecution ? ExecutionMode.ORT_PARALLEL : ExecutionMode.ORT_SEQUENTIAL,
        LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR,
    };

    /// <summary>Deterministic pseudo-random floats.</summary>
    public static float[] Floats(int count, int seed = 7)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(_ => (float)random.NextDouble())];
    }
}

/// <summary>A raw ONNX Runtime session and a verified model over the same bytes and the same settings.</summary>
public sealed class ModelPair : IDisposable
{
    private readonly InferenceSession _raw;
    private readonly OrtValue _rawInput;
    private readonly string[] _inputNames;
    private readonly string[] _outputNames;
    private readonly OrtValue[] _rawInputs;
    private readonly RunOptions _runOptions = new();

    public ModelPair(byte[] model)
    {
        Verified = VerifiedModel.FromBytes(model);
        using var options = Fixtures.RawOptions(Verified.Session);
        _raw = new InferenceSession(model, options);
        var input = Verified.Inputs.Single();
        var shape = input.Shape.Select(d => d < 0 ? 1 : d).ToArray();
        var data = Fixtures.Floats((int)shape.Aggregate(1L, (a, b) => a * b));
        _rawInput = OrtValue.CreateTensorValueFromMemory(data, shape);
        _rawInputs = [_rawInput];
        _inputNames = [input.Name];
        _outputNames = [.. Verified.Outputs.Select(o => o.Name)];
        Inputs = new TensorSet([new(input.Name, TensorValue.Create(data, shape))]);
    }

    public VerifiedModel Verified { get; }

    public TensorSet Inputs { get; }

    /// <summary>InferenceSession.Run on the same input, outputs read and released.</summary>
    public int RunRaw()
    {
        using var results = _raw.Run(_runOptions, _inputNames, _rawInputs, _outputNames);
        return results.Count;
    }

    public void Dispose()
    {
        _raw.Dispose();
        _rawInput.Dispose();
        _runOptions.Dispose();
        Verified.Dispose();
    }
}
