using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

public static class Adder
{
    // OV0001 ("Extract into a [VerifiedInference] method", "Run through a VerifiedModel", "Allow this unverified AI call").
    public static float[] Add(DenseTensor<float> a, DenseTensor<float> b)
    {
        using var session = new InferenceSession("models/add_mul.onnx");
        using var results = session.Run(new[] { NamedOnnxValue.CreateFromTensor("a", a), NamedOnnxValue.CreateFromTensor("b", b) }, new[] { "sum" });
        return results.First().AsTensor<float>().ToArray();
    }
}
