using OpenVerify.Testing;

namespace OpenVerify.Tests;

public class VerifiedModelTests
{
    private static readonly SigningKey Key = SigningKey.Generate();

    [Fact]
    public void PinnedDigest_IsChecked_AndTheMessageNamesBoth()
    {
        var bytes = TestModels.AddMul();
        var actual = Sha256Digest.Compute(bytes);
        var wrong = Sha256Digest.Compute([0]);
        var error = Should.Throw<ModelDigestMismatchException>(() => VerifiedModel.FromBytes(bytes, new VerifiedModelOptions { ExpectedDigest = wrong, Name = "models/addmul.onnx" }));
        error.Message.ShouldContain(wrong.ToString());
        error.Message.ShouldContain(actual.ToString());
        error.Message.ShouldContain("models/addmul.onnx");
        using var model = VerifiedModel.FromBytes(bytes, new VerifiedModelOptions { ExpectedDigest = actual });
        model.Digest.ShouldBe(actual);
    }

    [Fact]
    public void Load_HashesTheFile_AsSha256sumWould()
    {
        using var folder = new TempFolder();
        var path = folder.File("m.onnx");
        File.WriteAllBytes(path, TestModels.AddMul());
        using var model = VerifiedModel.Load(path);
        model.Digest.ShouldBe(Sha256Digest.ComputeFile(path));
        model.Name.ShouldBe("m.onnx");
        model.Inputs.Select(i => i.ToString()).ShouldBe(["a: float[1,4]", "b: float[1,4]"]);
        model.Outputs.Select(o => o.Name).ShouldBe(["sum", "product"]);
    }

    [Fact]
    public void ExternalData_IsRefusedBeforeOnnxRuntimeSeesIt()
    {
        var error = Should.Throw<ModelLoadException>(() => VerifiedModel.FromBytes(TestModels.WithExternalData()));
        error.Message.ShouldContain("external data");
    }

    [Fact]
    public void CustomOperators_AreRefused()
    {
        Should.Throw<ModelLoadException>(() => VerifiedModel.FromBytes(TestModels.WithCustomOp())).Message.ShouldContain(TestModels.CustomDomain);
    }

    [Theory]
    [InlineData(new byte[0], "empty")]
    [InlineData(new byte[] { 0x08 }, "ends early")]
    [InlineData(new byte[] { 0x0A, 0x05, 0x41 }, "truncated")]
    public void Garbage_IsNotAModel(byte[] bytes, string reason)
    {
        Should.Throw<ModelLoadException>(() => VerifiedModel.FromBytes(bytes)).Message.ShouldContain(reason);
    }

    [Fact]
    public void MissingFile_GivesModelLoadException()
    {
        Should.Throw<ModelLoadException>(() => VerifiedModel.Load("/nonexistent/model.onnx")).Message.ShouldContain("/nonexistent/model.onnx");
    }

    [Fact]
    public void WrongInputs_GiveModelInputException_NamingWhatIsWrong()
    {
        using var model = VerifiedModel.FromBytes(TestModels.AddMul());
        var options = new InferenceOptions { Signer = Key };
        var b = TensorValue.Create(new float[4], 1, 4);
        Should.Throw<ModelInputException>(() => model.Run(Tensors.Set(("a", b), ("c", b)), options)).Message.ShouldContain("no input named 'c'");
        Should.Throw<ModelInputException>(() => model.Run(Tensors.Set(("a", b)), options)).Message.ShouldContain("'b'");
        Should.Throw<ModelInputException>(() => model.Run(Tensors.Set(("a", b), ("b", TensorValue.Create(new double[4], 1, 4))), options)).Message.ShouldContain("double");
        Should.Throw<ModelInputException>(() => model.Run(Tensors.Set(("a", b), ("b", TensorValue.Create(new float[4], 4))), options)).Message.ShouldContain("[4]");
        Should.Throw<ModelInputException>(() => model.Run(Tensors.Set(("a", b), ("b", TensorValue.Create(new float[8], 2, 4))), options)).Message.ShouldContain("[2,4]");
    }

    [Fact]
    public void SymbolicDimensions_AcceptAnySize()
    {
        using var model = VerifiedModel.FromBytes(TestModels.DynamicBatch());
        model.Inputs.Single().ToString().ShouldBe("x: float[N,3]");
        var result = model.Run(Tensors.Set(("x", TensorValue.Create(new[] { -1f, 2, -3, 4, -5, 6 }, 2, 3))), new InferenceOptions { Signer = Key });
        result.Value.Get<float>("y").ToArray().ShouldBe([0f, 2, 0, 4, 0, 6]);
    }

    [Fact]
    public void Scalars_AreRankZero()
    {
        using var model = VerifiedModel.FromBytes(TestModels.Scalar());
        var result = model.Run(Tensors.Set(("x", TensorValue.Scalar(21f))), new InferenceOptions { Signer = Key });
        result.Value["y"].Shape.ShouldBeEmpty();
        result.Value.Get<float>("y").Span[0].ShouldBe(42f);
        result.Receipt.ReadStatementUnverified().Predicate.Inputs.Tensors.Single().Shape.ShouldBeEmpty();
    }

    [Fact]
    public void MixedTypes_IncludingStringsAndBools_AreReceipted()
    {
        using var model = VerifiedModel.FromBytes(TestModels.MixedTypes());
        var inputs = Tensors.Set(
            ("x", TensorValue.Create(new[] { 1.5f, -2.5f }, 2)),
            ("y", TensorValue.Create(new[] { 7, 8 }, 2)),
            ("z", TensorValue.Create(new[] { true, false }, 2)),
            ("s", TensorValue.CreateStrings(["naïve", "🙂"], 2)));
        var result = model.Run(inputs, new InferenceOptions { Signer = Key, Audience = "tests", Nonce = "abc" });
        result.Value.Get<long>("x_int64").ToArray().ShouldBe([1L, -2]);
        result.Value.Get<bool>("z_not").ToArray().ShouldBe([false, true]);
        ((StringTensorValue)result.Value["s_out"]).Values.ShouldBe(["naïve", "🙂"]);
        var verification = new ReceiptVerifier(TrustStore.For(Key.PublicKey)).Verify(result.Receipt, new ReceiptVerificationOptions
        {
            Inputs = inputs,
            Outputs = result.Value,
            ExpectedAudience = "tests",
            ExpectedNonce = "abc",
            ReplayModel = model,
            Require = RequiredChecks.Model | RequiredChecks.Inputs | RequiredChecks.Outputs | RequiredChecks.Replay,
        });
        verification.Succeeded.ShouldBeTrue(verification.ToString());
        verification.NotChecked.ShouldBeEmpty();
    }

    [Fact]
    public void Receipt_RecordsSessionRuntimeAndSequence()
    {
        using var model = VerifiedModel.FromBytes(TestModels.AddMul(), new VerifiedModelOptions { Name = "models/addmul.onnx" });
        var first = model.Run(Tensors.AddMulInputs(), new InferenceOptions { Signer = Key, Method = "Demo.Classify" }).Receipt.ReadStatementUnverified().Predicate;
        var second = model.Run(Tensors.AddMulInputs(), new InferenceOptions { Signer = Key }).Receipt.ReadStatementUnverified().Predicate;
        first.Sequence.ShouldBe(1);
        second.Sequence.ShouldBe(2);
        first.Instance.ShouldBe(second.Instance);
        first.Method.ShouldBe("Demo.Classify");
        first.Model.Name.ShouldBe("models/addmul.onnx");
        first.Model.Digest["sha256"].ShouldBe(model.Digest.ToHex());
        first.Runtime.OnnxRuntime.ShouldStartWith("1.31");
        first.Session.Config.ShouldContain("intra_op_threads=1\n");
        first.Session.Digest["sha256"].ShouldBe(SessionConfiguration.Default.ComputeDigest().ToHex());
    }

    /// <summary>
    /// The configuration OV0001's "Run through a VerifiedModel" fix writes from configured SessionOptions: the model
    /// runs with it, gives the default configuration's results, and every receipt names it (and replays under it).
    /// </summary>
    [Fact]
    public void Configured_session_runs_and_its_receipt_carries_the_configuration()
    {
        var config = new SessionConfiguration { GraphOptimization = GraphOptimization.Extended, IntraOpThreads = 4, InterOpThreads = 2, ParallelExecution = true };
        using var configured = VerifiedModel.FromBytes(TestModels.AddMul(), new VerifiedModelOptions { Session = config });
        using var plain = VerifiedModel.FromBytes(TestModels.AddMul());
        configured.Session.ShouldBe(config);

        var inputs = Tensors.AddMulInputs();
        var result = configured.Run(inputs, new InferenceOptions { Signer = Key });
        result.Value.Get<float>("sum").ToArray().ShouldBe(plain.Run(inputs, new InferenceOptions { Signer = Key }).Value.Get<float>("sum").ToArray());
        var session = result.Receipt.ReadStatementUnverified().Predicate.Session;
        session.Config.ShouldBe(config.ToCanonicalText());
        session.Digest["sha256"].ShouldBe(config.ComputeDigest().ToHex());
        session.Digest["sha256"].ShouldNotBe(SessionConfiguration.Default.ComputeDigest().ToHex());

        var verification = new ReceiptVerifier(TrustStore.For(Key.PublicKey)).Verify(result.Receipt, new ReceiptVerificationOptions
        {
            Inputs = inputs,
            Outputs = result.Value,
            ReplayModel = configured,
            Require = RequiredChecks.Model | RequiredChecks.Inputs | RequiredChecks.Outputs | RequiredChecks.Replay,
        });
        verification.Succeeded.ShouldBeTrue(verification.ToString());
    }

    [Fact]
    public void SessionConfiguration_CanonicalText_RoundTrips_AndRefusesAnythingElse()
    {
        var config = new SessionConfiguration { GraphOptimization = GraphOptimization.Basic, IntraOpThreads = 2, ParallelExecution = true, InterOpThreads = 3 };
        var text = config.ToCanonicalText();
        text.ShouldBe("execution_mode=parallel\nexecution_provider=cpu\ngraph_optimization_level=basic\ninter_op_threads=3\nintra_op_threads=2\n");
        SessionConfiguration.ParseCanonicalText(text).ShouldBe(config);
        Should.Throw<FormatException>(() => SessionConfiguration.ParseCanonicalText(text + "session.use_custom_ops=1\n"));
        Should.Throw<FormatException>(() => SessionConfiguration.ParseCanonicalText(text.Replace("=3", "=03", StringComparison.Ordinal)));
        Should.Throw<ArgumentException>(() => new SessionConfiguration { ExecutionProvider = "cuda" }.ToCanonicalText()).Message.ShouldContain("cpu");
    }
}
