namespace OpenVerify.Samples.ResNet18;

/// <summary>The ResNet18 featurizer as a verified method: the build pins the model and generates the body.</summary>
public static partial class Featurizer
{
    /// <summary>Image features: a float[1,3,224,224] image (ImageNet-normalized, CHW) in, 512 features out.</summary>
    [VerifiedInference("models/ResNet18.onnx")]
    public static partial Attested<float[]> Featurize(float[] input247);
}
