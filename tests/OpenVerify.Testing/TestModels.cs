using OpenVerify.Testing.Onnx;
using DataType = OpenVerify.Testing.Onnx.TensorProto.Types.DataType;

namespace OpenVerify.Testing;

/// <summary>
/// Ready-made serialized ONNX models for tests, built in code by <see cref="OnnxModelBuilder"/>
/// (IR 8, opset 17). Each call returns a fresh array; the bytes are deterministic.
/// </summary>
public static class TestModels
{
    /// <summary>
    /// The element types <see cref="Identity"/> accepts: those ONNX Runtime's CPU Identity kernel
    /// supports at opset 17 — FLOAT(1), UINT8(2), INT8(3), UINT16(4), INT16(5), INT32(6), INT64(7),
    /// STRING(8), BOOL(9), FLOAT16(10), DOUBLE(11), UINT32(12), UINT64(13), BFLOAT16(16).
    /// </summary>
    public static IReadOnlyList<int> IdentityElementTypes { get; } =
    [
        (int)DataType.Float, (int)DataType.Uint8, (int)DataType.Int8, (int)DataType.Uint16,
        (int)DataType.Int16, (int)DataType.Int32, (int)DataType.Int64, (int)DataType.String,
        (int)DataType.Bool, (int)DataType.Float16, (int)DataType.Double, (int)DataType.Uint32,
        (int)DataType.Uint64, (int)DataType.Bfloat16,
    ];

    /// <summary>
    /// Float inputs <c>a</c> and <c>b</c> of shape [1,4]; outputs <c>sum</c> = a + b and
    /// <c>product</c> = a * b (both [1,4]).
    /// </summary>
    public static byte[] AddMul() =>
        new OnnxModelBuilder()
            .GraphName("add_mul")
            .Input("a", (int)DataType.Float, 1, 4)
            .Input("b", (int)DataType.Float, 1, 4)
            .Output("sum", (int)DataType.Float, 1, 4)
            .Output("product", (int)DataType.Float, 1, 4)
            .Node("Add", ["a", "b"], ["sum"])
            .Node("Mul", ["a", "b"], ["product"])
            .Build();

    /// <summary>One input <c>x</c> and output <c>y</c> = Identity(x), both of the given type and shape.</summary>
    /// <param name="onnxElementType">One of <see cref="IdentityElementTypes"/>.</param>
    /// <param name="shape">Fixed shape of <c>x</c> and <c>y</c>; empty for a scalar.</param>
    /// <exception cref="ArgumentOutOfRangeException">The type is not in <see cref="IdentityElementTypes"/>.</exception>
    public static byte[] Identity(int onnxElementType, long[] shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        if (!IdentityElementTypes.Contains(onnxElementType))
        {
            throw new ArgumentOutOfRangeException(nameof(onnxElementType), onnxElementType, "ONNX Runtime's Identity does not support this element type.");
        }

        var dims = shape.Select(d => (OnnxDim)d).ToArray();
        return new OnnxModelBuilder()
            .GraphName($"identity_{onnxElementType}")
            .Input("x", onnxElementType, dims)
            .Output("y", onnxElementType, dims)
            .Node("Identity", ["x"], ["y"])
            .Build();
    }

    /// <summary>
    /// Inputs and outputs of several element types in one model, all of shape [2]:
    /// float <c>x</c> → <c>x_int64</c> = Cast&lt;int64&gt;(x) (truncates toward zero) and
    /// <c>x_double</c> = Cast&lt;double&gt;(x); int32 <c>y</c> → <c>y_out</c> = Identity(y);
    /// bool <c>z</c> → <c>z_not</c> = Not(z); string <c>s</c> → <c>s_out</c> = Identity(s).
    /// </summary>
    public static byte[] MixedTypes() =>
        new OnnxModelBuilder()
            .GraphName("mixed_types")
            .Input("x", (int)DataType.Float, 2)
            .Input("y", (int)DataType.Int32, 2)
            .Input("z", (int)DataType.Bool, 2)
            .Input("s", (int)DataType.String, 2)
            .Output("x_int64", (int)DataType.Int64, 2)
            .Output("x_double", (int)DataType.Double, 2)
            .Output("y_out", (int)DataType.Int32, 2)
            .Output("z_not", (int)DataType.Bool, 2)
            .Output("s_out", (int)DataType.String, 2)
            .Node("Cast", ["x"], ["x_int64"], OnnxAttributes.Int("to", (int)DataType.Int64))
            .Node("Cast", ["x"], ["x_double"], OnnxAttributes.Int("to", (int)DataType.Double))
            .Node("Identity", ["y"], ["y_out"])
            .Node("Not", ["z"], ["z_not"])
            .Node("Identity", ["s"], ["s_out"])
            .Build();

    /// <summary>Float input <c>x</c> of shape ["N", 3] (symbolic batch) → <c>y</c> = Relu(x), shape ["N", 3].</summary>
    public static byte[] DynamicBatch() =>
        new OnnxModelBuilder()
            .GraphName("dynamic_batch")
            .Input("x", (int)DataType.Float, "N", 3)
            .Output("y", (int)DataType.Float, "N", 3)
            .Node("Relu", ["x"], ["y"])
            .Build();

    /// <summary>Rank-0 float input <c>x</c> → rank-0 <c>y</c> = x * 2 (Mul with a scalar initializer <c>two</c>).</summary>
    public static byte[] Scalar() =>
        new OnnxModelBuilder()
            .GraphName("scalar")
            .Input("x", (int)DataType.Float)
            .Output("y", (int)DataType.Float)
            .Initializer("two", [], 2f)
            .Node("Mul", ["x", "two"], ["y"])
            .Build();

    /// <summary>The values of the initializer <c>bias</c> in <see cref="Tiny"/>: 0, 0.5, 1, …, 3.5.</summary>
    public static float[] TinyBias => [0f, 0.5f, 1f, 1.5f, 2f, 2.5f, 3f, 3.5f];

    /// <summary>Smallest useful model, for benchmarks: float <c>x</c> [1,8] → <c>y</c> = x + <see cref="TinyBias"/>.</summary>
    public static byte[] Tiny() =>
        new OnnxModelBuilder()
            .GraphName("tiny")
            .Input("x", (int)DataType.Float, 1, 8)
            .Output("y", (int)DataType.Float, 1, 8)
            .Initializer("bias", [1, 8], TinyBias)
            .Node("Add", ["x", "bias"], ["y"])
            .Build();

    /// <summary>
    /// Negative test: like <see cref="AddMul"/>'s Add, float <c>x</c> [1,4] → <c>y</c> = x + w, but the
    /// initializer <c>w</c> is external data (location <c>openverify_missing_weights.bin</c>, offset 0, length 16).
    /// The bytes parse as a model, but the model cannot run from bytes alone. (ONNX Runtime 1.31 resolves
    /// the location against the current directory for a model loaded from bytes, hence the unlikely
    /// file name.)
    /// </summary>
    public static byte[] WithExternalData() =>
        new OnnxModelBuilder()
            .GraphName("external_data")
            .Input("x", (int)DataType.Float, 1, 4)
            .Output("y", (int)DataType.Float, 1, 4)
            .ExternalInitializer("w", (int)DataType.Float, [1, 4], "openverify_missing_weights.bin", offset: 0, length: 16)
            .Node("Add", ["x", "w"], ["y"])
            .Build();

    /// <summary>The custom operator domain used by <see cref="WithCustomOp"/>.</summary>
    public const string CustomDomain = "com.example.custom";

    /// <summary>
    /// Negative test: float <c>x</c> [1,4] → <c>y</c> = MyCustomOp(x) in domain <see cref="CustomDomain"/>
    /// (imported at version 1). No runtime knows this operator.
    /// </summary>
    public static byte[] WithCustomOp() =>
        new OnnxModelBuilder()
            .GraphName("custom_op")
            .Input("x", (int)DataType.Float, 1, 4)
            .Output("y", (int)DataType.Float, 1, 4)
            .Node(CustomDomain, "MyCustomOp", ["x"], ["y"])
            .Build();

    /// <summary>
    /// Nondeterministic model for replay-mismatch tests: float <c>x</c> [1,4] →
    /// <c>y</c> = x + RandomUniformLike(x) with values in [0, 1) and no seed, so two runs
    /// on the same input almost surely differ.
    /// </summary>
    public static byte[] Random() =>
        new OnnxModelBuilder()
            .GraphName("random")
            .Input("x", (int)DataType.Float, 1, 4)
            .Output("y", (int)DataType.Float, 1, 4)
            .Node("RandomUniformLike", ["x"], ["noise"], OnnxAttributes.Float("low", 0f), OnnxAttributes.Float("high", 1f))
            .Node("Add", ["x", "noise"], ["y"])
            .Build();
}
