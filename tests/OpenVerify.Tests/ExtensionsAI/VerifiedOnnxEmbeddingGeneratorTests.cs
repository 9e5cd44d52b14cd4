using Microsoft.Extensions.AI;
using OpenVerify.Extensions.AI.Local;
using OpenVerify.Testing;
using DataType = OpenVerify.Testing.Onnx.TensorProto.Types.DataType;

namespace OpenVerify.Tests.ExtensionsAI;

/// <summary>
/// The local ONNX embedding generator: a real model run through Microsoft.Extensions.AI's interface, each embedding
/// carrying an ordinary inference receipt that a third party replays exactly.
/// </summary>
public sealed class VerifiedOnnxEmbeddingGeneratorTests : IDisposable
{
    private static readonly SigningKey Key = SigningKey.Generate();

    // Tiny: x float[1,8] -> y = x + bias, so the vector is known.
    private readonly VerifiedModel _model = VerifiedModel.FromBytes(TestModels.Tiny(), new VerifiedModelOptions { Name = "models/tiny.onnx" });

    public void Dispose() => _model.Dispose();

    private IEmbeddingGenerator<TensorValue, Embedding<float>> Generator() =>
        new VerifiedOnnxEmbeddingGenerator(_model, new VerifiedOnnxEmbeddingGeneratorOptions { Signer = Key, Method = "tests.embed" });

    private static TensorValue Input(float start) =>
        TensorValue.Create(Enumerable.Range(0, 8).Select(i => start + i).ToArray(), 1, 8);

    private static ReceiptVerifier Verifier => new(TrustStore.For(Key.PublicKey));

    private ReceiptVerificationOptions Replay(TensorValue input, float[] vector) => new()
    {
        ExpectedModelDigest = _model.Digest,
        Inputs = new TensorSet([new("x", input)]),
        Outputs = new TensorSet([new("y", TensorValue.Create(vector, 1, 8))]),
        ReplayModel = _model,
        Require = RequiredChecks.Model | RequiredChecks.Inputs | RequiredChecks.Outputs | RequiredChecks.Replay,
    };

    [Fact]
    public async Task Each_embedding_is_the_models_output_and_its_receipt_replays_exactly()
    {
        var inputs = new[] { Input(0), Input(10) };
        var embeddings = await Generator().GenerateAsync(inputs);

        embeddings.Count.ShouldBe(2);
        for (var i = 0; i < inputs.Length; i++)
        {
            var embedding = embeddings[i];
            var expected = ((TensorValue<float>)inputs[i]).ToArray().Zip(TestModels.TinyBias, (x, b) => x + b).ToArray();
            embedding.Vector.ToArray().ShouldBe(expected);
            embedding.ModelId.ShouldBe("models/tiny.onnx");

            // As a verifier has it: the receipt's JSON, the model, the input and the vector.
            var json = embedding.GetReceipt().ToJson();
            var verification = Verifier.Verify(json, Replay(inputs[i], embedding.Vector.ToArray()));
            verification.Succeeded.ShouldBeTrue(verification.ToString());
            verification.Replay!.Verdict.ShouldBe(ReplayVerdict.Exact);
            embedding.GetReceipt().ReadStatementUnverified().Predicate.Method.ShouldBe("tests.embed");
        }

        embeddings[0].GetReceipt().Id.ShouldNotBe(embeddings[1].GetReceipt().Id);
    }

    [Fact]
    public async Task A_changed_vector_or_another_input_does_not_verify()
    {
        var input = Input(0);
        var embedding = await Generator().GenerateAsync(input);
        var vector = embedding.Vector.ToArray();

        var tampered = vector.ToArray();
        tampered[3] += 1e-3f;
        var changedVector = Verifier.Verify(embedding.GetReceipt(), Replay(input, tampered));
        changedVector.Succeeded.ShouldBeFalse();
        changedVector.FirstFailure!.Name.ShouldBe(VerificationChecks.Outputs);

        var otherInput = Verifier.Verify(embedding.GetReceipt(), Replay(Input(1), vector));
        otherInput.Succeeded.ShouldBeFalse();
        otherInput.FirstFailure!.Name.ShouldBe(VerificationChecks.Inputs);
    }

    [Fact]
    public void Metadata_names_the_model_and_the_vector_length()
    {
        using var generator = Generator();
        var metadata = generator.GetService<EmbeddingGeneratorMetadata>().ShouldNotBeNull();
        metadata.ProviderName.ShouldBe(VerifiedOnnxEmbeddingGenerator.ProviderName);
        metadata.DefaultModelId.ShouldBe("models/tiny.onnx");
        metadata.DefaultModelDimensions.ShouldBe(8);
        generator.GetService<VerifiedModel>().ShouldBeSameAs(_model);
    }

    [Fact]
    public void A_model_without_one_input_or_one_float_output_is_refused_with_what_to_set()
    {
        using var addMul = VerifiedModel.FromBytes(TestModels.AddMul(), new VerifiedModelOptions { Name = "addmul.onnx" });
        Should.Throw<ModelInputException>(() => new VerifiedOnnxEmbeddingGenerator(addMul))
            .Message.ShouldBe("'addmul.onnx' has 2 inputs (a, b); name the one to use in VerifiedOnnxEmbeddingGeneratorOptions.InputName.");

        using var integers = VerifiedModel.FromBytes(TestModels.Identity((int)DataType.Int64, [1, 4]), new VerifiedModelOptions { Name = "ints.onnx" });
        Should.Throw<ModelInputException>(() => new VerifiedOnnxEmbeddingGenerator(integers))
            .Message.ShouldContain("'y' of 'ints.onnx' is Int64, not a float vector");

        Should.Throw<ModelInputException>(() => new VerifiedOnnxEmbeddingGenerator(_model, new VerifiedOnnxEmbeddingGeneratorOptions { OutputName = "z" }))
            .Message.ShouldBe("'models/tiny.onnx' has no output 'z'; its outputs are: y.");
    }

    [Fact]
    public async Task An_input_that_does_not_fit_the_model_is_refused_before_anything_is_signed()
    {
        var error = await Should.ThrowAsync<ModelInputException>(() => Generator().GenerateAsync(new[] { TensorValue.Create(new float[4], 1, 4) }));
        error.Message.ShouldContain("x");
    }

    [Fact]
    public void An_embedding_from_elsewhere_has_no_receipt()
    {
        var plain = new Embedding<float>(new float[] { 1, 2 });
        plain.TryGetReceipt(out var receipt).ShouldBeFalse();
        receipt.ShouldBeNull();
        Should.Throw<InvalidOperationException>(() => plain.GetReceipt()).Message.ShouldContain("openverify.receipt");

        plain.AdditionalProperties = new AdditionalPropertiesDictionary { [EmbeddingReceiptExtensions.ReceiptKey] = "not a receipt" };
        plain.TryGetReceipt(out _).ShouldBeFalse();
    }
}
