namespace OpenVerify.VerifiedInferenceBenchmarks;

/// <summary>The methods under test: their bodies are written by the [VerifiedInference] source generator at build.</summary>
public static partial class VerifiedMethods
{
    /// <summary>The tiny model: float x[1,8] → y = x + bias.</summary>
    [VerifiedInference("models/tiny.onnx")]
    public static partial Attested<float[]> AddBias(float[] x);

    /// <summary>ResNet18: a float[1,3,224,224] image → 512 features (as samples/ResNet18Features).</summary>
    [VerifiedInference("models/ResNet18.onnx")]
    public static partial Attested<float[]> Featurize(float[] input247);
}
