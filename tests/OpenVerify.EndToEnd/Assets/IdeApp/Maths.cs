using OpenVerify;

public sealed record SumAndProduct(float[] Sum, float[] Product);

public static partial class Maths
{
    // The source generator writes the body.
    [VerifiedInference("models/add_mul.onnx")]
    public static partial Attested<SumAndProduct> AddMul(float[] a, float[] b);
}

public static partial class NotPartialMethod
{
    // OV1001: the method is not partial ("Make partial").
    [VerifiedInference("models/add_mul.onnx")]
    public static Attested<SumAndProduct> AddMul(float[] a, float[] b) => throw new NotSupportedException();
}

public static class NotPartialType
{
    // OV1002: the containing type is not partial ("Make partial"); until then the compiler reports CS0751.
    [VerifiedInference("models/add_mul.onnx")]
    public static partial Attested<SumAndProduct> AddMul(float[] a, float[] b);
}
