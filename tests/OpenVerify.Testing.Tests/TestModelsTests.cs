using System.Text;
using Xunit.Abstractions;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using OpenVerify.Testing.Onnx;
using DataType = OpenVerify.Testing.Onnx.TensorProto.Types.DataType;

namespace OpenVerify.Testing.Tests;

public sealed class TestModelsTests(ITestOutputHelper output)
{
    private static IDisposableReadOnlyCollection<OrtValue> Run(InferenceSession session, params (string Name, OrtValue Value)[] inputs)
    {
        using var options = new RunOptions();
        return session.Run(options, inputs.Select(i => i.Name).ToArray(), inputs.Select(i => i.Value).ToArray(), session.OutputNames);
    }

    [Fact]
    public void AddMul_computes_sum_and_product()
    {
        using var session = new InferenceSession(TestModels.AddMul());
        Assert.Equal(["a", "b"], session.InputNames);
        Assert.Equal(["sum", "product"], session.OutputNames);

        float[] a = [1f, 2f, 3f, 4f];
        float[] b = [0.5f, -1f, 10f, 2f];
        using var va = OrtValue.CreateTensorValueFromMemory(a, [1, 4]);
        using var vb = OrtValue.CreateTensorValueFromMemory(b, [1, 4]);
        using var outputs = Run(session, ("a", va), ("b", vb));

        Assert.Equal(a.Zip(b, (x, y) => x + y), outputs[0].GetTensorDataAsSpan<float>().ToArray());
        Assert.Equal(a.Zip(b, (x, y) => x * y), outputs[1].GetTensorDataAsSpan<float>().ToArray());
        Assert.Equal([1L, 4L], outputs[0].GetTensorTypeAndShape().Shape);
    }

    public static TheoryData<int> IdentityTypes() => [.. TestModels.IdentityElementTypes];

    [Theory]
    [MemberData(nameof(IdentityTypes))]
    public void Identity_round_trips_every_element_type(int elementType)
    {
        long[] shape = [2, 3];
        using var session = new InferenceSession(TestModels.Identity(elementType, shape));
        var ortType = (TensorElementType)elementType; // ORT's enum uses the ONNX codes.
        Assert.Equal(ortType, session.InputMetadata["x"].ElementDataType);
        Assert.Equal(ortType, session.OutputMetadata["y"].ElementDataType);

        if (elementType == (int)DataType.String)
        {
            string[] strings = ["", "a", "héllo", "∑", "tab\t", "end"];
            using var input = OrtValue.CreateTensorWithEmptyStrings(OrtAllocator.DefaultInstance, shape);
            for (int i = 0; i < strings.Length; i++)
            {
                input.StringTensorSetElementAt(strings[i].AsSpan(), i);
            }

            using var outputs = Run(session, ("x", input));
            Assert.Equal(strings, outputs[0].GetStringTensorAsArray());
            return;
        }

        using var value = OrtValue.CreateAllocatedTensorValue(OrtAllocator.DefaultInstance, ortType, shape);
        var bytes = value.GetTensorMutableRawData();
        for (int i = 0; i < bytes.Length; i++)
        {
            // Bool must hold 0/1; everything else takes any bit pattern.
            bytes[i] = elementType == (int)DataType.Bool ? (byte)(i % 2) : (byte)(i * 37 + 11);
        }

        byte[] expected = bytes.ToArray();
        using var result = Run(session, ("x", value));
        var info = result[0].GetTensorTypeAndShape();
        Assert.Equal(ortType, info.ElementDataType);
        Assert.Equal(shape, info.Shape);
        Assert.Equal(expected, result[0].GetTensorMutableRawData().ToArray());
    }

    [Fact]
    public void Identity_typed_float16_and_bfloat16_values_survive()
    {
        Float16[] halves = [(Float16)1.5f, (Float16)(-2f), Float16.NaN, (Float16)0f];
        using var session = new InferenceSession(TestModels.Identity((int)DataType.Float16, [4]));
        using var input = OrtValue.CreateTensorValueFromMemory(halves, [4]);
        using var outputs = Run(session, ("x", input));
        Assert.Equal(halves.Select(h => h.value), outputs[0].GetTensorDataAsSpan<Float16>().ToArray().Select(h => h.value));

        BFloat16[] brains = [(BFloat16)1.5f, (BFloat16)(-3f)];
        using var bsession = new InferenceSession(TestModels.Identity((int)DataType.Bfloat16, [2]));
        using var binput = OrtValue.CreateTensorValueFromMemory(brains, [2]);
        using var boutputs = Run(bsession, ("x", binput));
        Assert.Equal(brains.Select(h => h.value), boutputs[0].GetTensorDataAsSpan<BFloat16>().ToArray().Select(h => h.value));
    }

    [Theory]
    [InlineData((int)DataType.Complex64)]
    [InlineData((int)DataType.Undefined)]
    [InlineData(99)]
    public void Identity_rejects_types_outside_the_list(int elementType) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => TestModels.Identity(elementType, [1]));

    [Fact]
    public void MixedTypes_runs_each_branch()
    {
        using var session = new InferenceSession(TestModels.MixedTypes());
        Assert.Equal(["x", "y", "z", "s"], session.InputNames);

        using var x = OrtValue.CreateTensorValueFromMemory(new[] { 1.75f, -2.5f }, [2]);
        using var y = OrtValue.CreateTensorValueFromMemory(new[] { 7, int.MinValue }, [2]);
        using var z = OrtValue.CreateTensorValueFromMemory(new[] { true, false }, [2]);
        using var s = OrtValue.CreateTensorWithEmptyStrings(OrtAllocator.DefaultInstance, [2]);
        s.StringTensorSetElementAt("one".AsSpan(), 0);
        s.StringTensorSetElementAt("two".AsSpan(), 1);

        using var outputs = Run(session, ("x", x), ("y", y), ("z", z), ("s", s));
        var byName = session.OutputNames.Zip(outputs).ToDictionary(p => p.First, p => p.Second);
        Assert.Equal([1L, -2L], byName["x_int64"].GetTensorDataAsSpan<long>().ToArray());
        Assert.Equal([1.75, -2.5], byName["x_double"].GetTensorDataAsSpan<double>().ToArray());
        Assert.Equal([7, int.MinValue], byName["y_out"].GetTensorDataAsSpan<int>().ToArray());
        Assert.Equal([false, true], byName["z_not"].GetTensorDataAsSpan<bool>().ToArray());
        Assert.Equal(["one", "two"], byName["s_out"].GetStringTensorAsArray());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    public void DynamicBatch_accepts_any_batch_size(int batch)
    {
        using var session = new InferenceSession(TestModels.DynamicBatch());
        Assert.Equal([-1, 3], session.InputMetadata["x"].Dimensions);
        Assert.Equal("N", session.InputMetadata["x"].SymbolicDimensions[0]);

        float[] data = [.. Enumerable.Range(0, batch * 3).Select(i => i % 2 == 0 ? -i : (float)i)];
        using var x = OrtValue.CreateTensorValueFromMemory(data, [batch, 3]);
        using var outputs = Run(session, ("x", x));
        Assert.Equal([(long)batch, 3L], outputs[0].GetTensorTypeAndShape().Shape);
        Assert.Equal(data.Select(v => Math.Max(v, 0f)), outputs[0].GetTensorDataAsSpan<float>().ToArray());
    }

    [Fact]
    public void Scalar_doubles_a_rank0_value()
    {
        using var session = new InferenceSession(TestModels.Scalar());
        Assert.Empty(session.InputMetadata["x"].Dimensions);

        using var x = OrtValue.CreateTensorValueFromMemory(new[] { 21f }, []);
        using var outputs = Run(session, ("x", x));
        Assert.Empty(outputs[0].GetTensorTypeAndShape().Shape);
        Assert.Equal(42f, outputs[0].GetTensorDataAsSpan<float>()[0]);
    }

    [Fact]
    public void Tiny_adds_its_bias()
    {
        using var session = new InferenceSession(TestModels.Tiny());
        float[] x = [1, 1, 1, 1, 1, 1, 1, 1];
        using var value = OrtValue.CreateTensorValueFromMemory(x, [1, 8]);
        using var outputs = Run(session, ("x", value));
        Assert.Equal(TestModels.TinyBias.Select(b => b + 1f), outputs[0].GetTensorDataAsSpan<float>().ToArray());
    }

    [Fact]
    public void Random_is_nondeterministic_and_in_range()
    {
        using var session = new InferenceSession(TestModels.Random());
        float[] x = [10f, 20f, 30f, 40f];
        using var value = OrtValue.CreateTensorValueFromMemory(x, [1, 4]);
        using var first = Run(session, ("x", value));
        using var second = Run(session, ("x", value));
        float[] a = first[0].GetTensorDataAsSpan<float>().ToArray();
        float[] b = second[0].GetTensorDataAsSpan<float>().ToArray();
        Assert.All(a.Zip(x), p => Assert.InRange(p.First, p.Second, p.Second + 1f));
        Assert.NotEqual(a, b);
    }

    [Fact]
    public void Models_are_deterministic_bytes()
    {
        Assert.Equal(TestModels.AddMul(), TestModels.AddMul());
        Assert.Equal(TestModels.Tiny(), TestModels.Tiny());
    }

    [Fact]
    public void WithExternalData_parses_but_does_not_load_from_bytes()
    {
        byte[] bytes = TestModels.WithExternalData();
        var model = ModelProto.Parser.ParseFrom(bytes);
        var w = Assert.Single(model.Graph.Initializer);
        Assert.Equal("w", w.Name);
        Assert.Equal(TensorProto.Types.DataLocation.External, w.DataLocation);
        Assert.Equal(
            [("location", "openverify_missing_weights.bin"), ("offset", "0"), ("length", "16")],
            w.ExternalData.Select(e => (e.Key, e.Value)));
        Assert.True(w.RawData.IsEmpty);
        Assert.Equal(8, model.IrVersion);

        var error = Assert.ThrowsAny<OnnxRuntimeException>(() =>
        {
            using var session = new InferenceSession(bytes);
        });
        output.WriteLine(error.Message);
    }

    [Fact]
    public void WithCustomOp_parses_but_does_not_load()
    {
        byte[] bytes = TestModels.WithCustomOp();
        var model = ModelProto.Parser.ParseFrom(bytes);
        Assert.Equal(TestModels.CustomDomain, Assert.Single(model.Graph.Node).Domain);
        Assert.Contains(model.OpsetImport, o => o.Domain == TestModels.CustomDomain && o.Version == 1);

        var error = Assert.ThrowsAny<OnnxRuntimeException>(() =>
        {
            using var session = new InferenceSession(bytes);
        });
        output.WriteLine(error.Message);
        Assert.Contains("MyCustomOp", error.Message);
    }

    [Fact]
    public void Builder_defaults_and_settings_are_written()
    {
        var model = ModelProto.Parser.ParseFrom(
            new OnnxModelBuilder()
                .Producer("p", "9")
                .IrVersion(9)
                .Opset(18)
                .Opset(1, "com.example")
                .Metadata("k", "v")
                .Input("x", 1, "N", OnnxDim.Unknown, 3)
                .Input("u", 1, null)
                .Output("y", 1)
                .Build());
        Assert.Equal(("p", "9", 9L), (model.ProducerName, model.ProducerVersion, model.IrVersion));
        Assert.Equal([("", 18L), ("com.example", 1L)], model.OpsetImport.Select(o => (o.Domain, o.Version)));
        Assert.Equal("v", Assert.Single(model.MetadataProps).Value);

        var dims = model.Graph.Input[0].Type.TensorType.Shape.Dim;
        Assert.Equal(TensorShapeProto.Types.Dimension.ValueOneofCase.DimParam, dims[0].ValueCase);
        Assert.Equal("N", dims[0].DimParam);
        Assert.Equal(TensorShapeProto.Types.Dimension.ValueOneofCase.None, dims[1].ValueCase);
        Assert.Equal(3, dims[2].DimValue);
        Assert.Null(model.Graph.Input[1].Type.TensorType.Shape);
        Assert.Empty(model.Graph.Output[0].Type.TensorType.Shape.Dim);

        var defaults = ModelProto.Parser.ParseFrom(new OnnxModelBuilder().Build());
        Assert.Equal(8, defaults.IrVersion);
        Assert.Equal(("", 17L), (defaults.OpsetImport[0].Domain, defaults.OpsetImport[0].Version));
    }

    [Fact]
    public void Builder_model_with_unknown_rank_and_constant_attribute_runs()
    {
        byte[] bytes = new OnnxModelBuilder()
            .Input("x", (int)DataType.Float, null)
            .Output("y", (int)DataType.Float, null)
            .Node("Constant", [], ["c"], OnnxAttributes.Tensor("value", OnnxTensors.Float("c", [], 3f)))
            .Node("Add", ["x", "c"], ["y"])
            .Build();
        using var session = new InferenceSession(bytes);
        using var x = OrtValue.CreateTensorValueFromMemory(new[] { 1f, 2f }, [2]);
        using var outputs = Run(session, ("x", x));
        Assert.Equal([4f, 5f], outputs[0].GetTensorDataAsSpan<float>().ToArray());
    }

    [Fact]
    public void String_initializer_encodes_utf8()
    {
        var t = OnnxTensors.String("s", [2], "a", "ü");
        Assert.Equal(Encoding.UTF8.GetBytes("ü"), t.StringData[1].ToByteArray());
    }
}
