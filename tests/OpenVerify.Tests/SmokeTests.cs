using OpenVerify.Testing;

namespace OpenVerify.Tests;

public class SmokeTests
{
    [Fact]
    public void AddMul_RunsAndVerifies()
    {
        using var key = SigningKey.Generate();
        using var model = VerifiedModel.FromBytes(TestModels.AddMul());
        var inputs = new TensorSet([
            new("a", TensorValue.Create(new float[] { 1, 2, 3, 4 }, 1, 4)),
            new("b", TensorValue.Create(new float[] { 10, 20, 30, 40 }, 1, 4)),
        ]);
        var result = model.Run(inputs, new InferenceOptions { Signer = key, Nonce = "n1" });
        result.Value.Get<float>("sum").ToArray().ShouldBe([11f, 22, 33, 44]);
        var verifier = new ReceiptVerifier(TrustStore.For(key.PublicKey));
        var json = result.Receipt.ToJson();
        var verification = verifier.Verify(json, new ReceiptVerificationOptions
        {
            ExpectedModelDigest = model.Digest,
            Inputs = inputs,
            Outputs = result.Value,
            ExpectedNonce = "n1",
            ReplayModel = model,
        });
        verification.Succeeded.ShouldBeTrue(verification.ToString());
        Console.WriteLine(verification);
        Console.WriteLine(System.Text.Encoding.UTF8.GetString(result.Receipt.Envelope.Payload));
    }
}
