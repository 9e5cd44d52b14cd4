using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

public sealed class Scoring(InferenceSession session)
{
    public float[] Sum(IReadOnlyCollection<NamedOnnxValue> inputs)
    {
        using var results = session.Run(inputs, new[] { "sum" });
        return results.First().AsTensor<float>().ToArray();
    }

    public static float[] Product(InferenceSession session, IReadOnlyCollection<NamedOnnxValue> inputs)
    {
        using var results = session.Run(inputs, new[] { "product" });
        return results.First().AsTensor<float>().ToArray();
    }

    public static float[] SumOfConstantModel(DenseTensor<float> a, DenseTensor<float> b)
    {
        using var session = new InferenceSession("models/add_mul.onnx");
        using var results = session.Run(new[] { NamedOnnxValue.CreateFromTensor("a", a), NamedOnnxValue.CreateFromTensor("b", b) }, new[] { "sum" });
        return results.First().AsTensor<float>().ToArray();
    }
}
