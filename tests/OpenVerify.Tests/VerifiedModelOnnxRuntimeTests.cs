using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using OpenVerify.Testing;

namespace OpenVerify.Tests;

/// <summary>
/// The InferenceSession-shaped runs on a VerifiedModel (what OV0001's "Run through a VerifiedModel" fix rewrites to):
/// the same outputs as ONNX Runtime's own session on the same model and inputs, read the same way, with a receipt
/// that verifies against them.
/// </summary>
public class VerifiedModelOnnxRuntimeTests
{
    private static readonly SigningKey Key = SigningKey.Generate();

    private static readonly float[] A = [1, 2, 3, 4];
    private static readonly float[] B = [0.5f, -1, 2, 10];

    private static List<NamedOnnxValue> NamedInputs() =>
    [
        NamedOnnxValue.CreateFromTensor("a", new DenseTensor<float>(A, [1, 4])),
        NamedOnnxValue.CreateFromTensor("b", new DenseTensor<float>(B, [1, 4])),
    ];

    private static (float[] Sum, float[] Product) RunWithInferenceSession()
    {
        using var session = new InferenceSession(TestModels.AddMul());
        using var results = session.Run(NamedInputs());
        return (results.First(r => r.Name == "sum").AsTensor<float>().ToArray(), results.First(r => r.Name == "product").AsTensor<float>().ToArray());
    }

    [Fact]
    public void NamedOnnxValues_GiveWhatTheSessionGives_WithAReceiptOverTheOutputs()
    {
        var expected = RunWithInferenceSession();
        using var model = VerifiedModel.FromBytes(TestModels.AddMul());
        using var signer = OpenVerifyRuntime.UseSigner(Key);
        using var results = model.Run(NamedInputs());

        results.Select(r => r.Name).ShouldBe(["sum", "product"]);
        results.First().AsTensor<float>().ToArray().ShouldBe(expected.Sum);
        results[1].AsEnumerable<float>().ToArray().ShouldBe(expected.Product);
        results[1].AsTensor<float>().Dimensions.ToArray().ShouldBe([1, 4]);
        var verification = new ReceiptVerifier(TrustStore.For(Key.PublicKey)).Verify(results.Receipt, new ReceiptVerificationOptions
        {
            Inputs = Tensors.Set(("a", TensorValue.Create(A, 1, 4)), ("b", TensorValue.Create(B, 1, 4))),
            Outputs = results.Outputs,
            Require = RequiredChecks.Inputs | RequiredChecks.Outputs,
        });
        verification.Succeeded.ShouldBeTrue(verification.ToString());
    }

    [Fact]
    public void OutputNames_SelectAndOrderTheOutputs_TheReceiptStillCoversAll()
    {
        var expected = RunWithInferenceSession();
        using var model = VerifiedModel.FromBytes(TestModels.AddMul());
        using var signer = OpenVerifyRuntime.UseSigner(Key);
        using var results = model.Run(NamedInputs(), ["product"], new RunOptions());

        results.Single().Name.ShouldBe("product");
        results[0].AsTensor<float>().ToArray().ShouldBe(expected.Product);
        results.Receipt.ReadStatementUnverified().Predicate.Outputs.Tensors.Select(t => t.Name).ShouldBe(["product", "sum"]);
        Should.Throw<ModelInputException>(() => model.Run(NamedInputs(), ["difference"])).Message.ShouldContain("no output named 'difference'");
    }

    [Fact]
    public void OrtValues_ByDictionaryOrByNames_GiveWhatTheSessionGives()
    {
        var expected = RunWithInferenceSession();
        using var model = VerifiedModel.FromBytes(TestModels.AddMul());
        using var signer = OpenVerifyRuntime.UseSigner(Key);
        using var a = OrtValue.CreateTensorValueFromMemory(A, [1, 4]);
        using var b = OrtValue.CreateTensorValueFromMemory(B, [1, 4]);
        using var runOptions = new RunOptions();

        using (var outputs = model.Run(runOptions, new Dictionary<string, OrtValue> { ["a"] = a, ["b"] = b }, model.OutputNames))
        {
            outputs[0].GetTensorDataAsSpan<float>().ToArray().ShouldBe(expected.Sum);
            outputs[1].GetTensorDataAsSpan<float>().ToArray().ShouldBe(expected.Product);
            outputs[1].GetTensorTypeAndShape().Shape.ShouldBe([1L, 4]);
            outputs.Receipt.ShouldNotBeNull();
        }

        model.InputNames.ShouldBe(["a", "b"]);
        model.InputMetadata["a"].Dimensions.ShouldBe([1, 4]);
        model.OutputMetadata.Keys.ShouldBe(["sum", "product"], ignoreOrder: true);
        using var byNames = model.Run(runOptions, ["b", "a"], [b, a], ["product"]);
        byNames.Single().GetTensorDataAsSpan<float>().ToArray().ShouldBe(expected.Product);
        Should.Throw<ArgumentException>(() => model.Run(runOptions, ["a", "b"], [a], ["sum"]));
    }

    [Fact]
    public void NonTensorInputs_AreRefusedWithTheirName()
    {
        using var model = VerifiedModel.FromBytes(TestModels.AddMul());
        using var signer = OpenVerifyRuntime.UseSigner(Key);
        var sequence = NamedOnnxValue.CreateFromSequence("a", new[] { NamedOnnxValue.CreateFromTensor("x", new DenseTensor<float>(A, [4])) });
        Should.Throw<ModelInputException>(() => model.Run([sequence, NamedInputs()[1]])).Message.ShouldContain("'a'");
    }
}
