using OpenVerify;

// args[0]: the SHA-256 of models/add_mul.onnx, as the test computed it from the file it wrote.
using var key = SigningKey.Generate();
var verifier = new ReceiptVerifier(TrustStore.For(key.PublicKey));
using var scope = OpenVerifyRuntime.UseSigner(key);
try
{
    float[] a = [1, 2, 3, 4];
    float[] b = [10, 20, 30, 40];

    var both = Maths.AddMul(a, b);
    var check = verifier.Verify(both.Receipt, new ReceiptVerificationOptions
    {
        ExpectedModelDigest = Sha256Digest.Parse(args[0]),
        Outputs = [new("sum", TensorValue.Create(both.Value.Sum, 1, 4)), new("product", TensorValue.Create(both.Value.Product, 1, 4))],
    });
    if (!check.Succeeded)
    {
        Console.Error.WriteLine("receipt failed: " + string.Join("; ", check.Checks.Where(c => !c.Passed)));
        return 2;
    }

    var sum = await Maths.AddAsync(a, b);
    var echo = Maths.Echo([5, 6]);
    Console.WriteLine($"receipt verified; sum={string.Join(",", both.Value.Sum)} product={string.Join(",", both.Value.Product)} async-sum={string.Join(",", sum.Value)} echo={string.Join(",", echo.Value)}");
    return 0;
}
catch (ModelDigestMismatchException e)
{
    Console.Error.WriteLine("refused: " + e.Message);
    return 3;
}

public sealed record SumAndProduct(float[] Sum, float[] Product);

public static partial class Maths
{
    [VerifiedInference("models/add_mul.onnx")]
    public static partial Attested<SumAndProduct> AddMul(float[] a, float[] b);

    [VerifiedInference("models/add_mul.onnx")]
    [return: ModelOutput("sum")]
    public static partial Task<Attested<float[]>> AddAsync(float[] a, float[] b, CancellationToken cancellationToken = default);

    [VerifiedInference("models/embedded/identity.onnx")]
    public static partial Attested<float[]> Echo(float[] x);
}
