using System.Text.Json;
using OpenVerify.Cli.Npy;
using OpenVerify.Cli.Tests.Npy;
using OpenVerify.Testing;
using DataType = OpenVerify.Testing.Onnx.TensorProto.Types.DataType;

namespace OpenVerify.Cli.Tests;

public sealed class InferTests : IDisposable
{
    private readonly CliRunner _runner = new();

    public void Dispose() => _runner.Dispose();

    internal static async Task<(string Model, string A, string B, string Key, string Pub)> AddMulSetup(CliRunner runner)
    {
        var model = runner.WriteModel("add_mul.onnx", TestModels.AddMul());
        var a = runner.WriteNpy("a.npy", TensorValue.Create(new[] { 1f, 2f, 3f, 4f }, 1, 4));
        var b = runner.WriteNpy("b.npy", TensorValue.Create(new[] { 0.5f, 0.25f, -1f, 10f }, 1, 4));
        var (key, pub) = await runner.KeyPair();
        return (model, a, b, key, pub);
    }

    [Fact]
    public async Task Writes_outputs_the_outputs_map_and_a_receipt()
    {
        var (model, a, b, key, pub) = await AddMulSetup(_runner);
        var output = _runner.PathOf("out", "nested");

        var result = await CliRunner.Run("infer", model, "--key", key, "--input", $"a={a}", "--input", $"b={b}", "--out", output, "--nonce", "n-1", "--audience", "ci");

        result.ExitCode.ShouldBe(0, result.ToString());
        result.ShouldHaveNoControlCodes();
        result.Stdout.ShouldContain("sum");
        result.Stdout.ShouldContain("float[1,4]");
        ((TensorValue<float>)NpyFormat.ReadFile(Path.Combine(output, "sum.npy"))).ToArray().ShouldBe([1.5f, 2.25f, 2f, 14f]);
        ((TensorValue<float>)NpyFormat.ReadFile(Path.Combine(output, "product.npy"))).ToArray().ShouldBe([0.5f, 0.5f, -3f, 40f]);

        using var map = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "outputs.json")));
        map.RootElement.GetProperty("sum").GetString().ShouldBe("sum.npy");
        map.RootElement.GetProperty("product").GetString().ShouldBe("product.npy");

        var verification = new ReceiptVerifier(TrustStore.For(PublicKey.Load(pub)))
            .Verify(File.ReadAllText(Path.Combine(output, "receipt.json")), new ReceiptVerificationOptions { ExpectedNonce = "n-1", ExpectedAudience = "ci" });
        verification.Succeeded.ShouldBeTrue(verification.ToString());
        verification.Statement!.Predicate.Method.ShouldBe("openverify infer");
    }

    [Fact]
    public async Task Json_summary_lists_outputs_and_receipt()
    {
        var (model, a, b, key, _) = await AddMulSetup(_runner);
        var output = _runner.PathOf("out");

        var result = await CliRunner.Run("infer", model, "--key", key, "--input", $"a={a}", "--input", $"b={b}", "--out", output, "--json");

        result.ExitCode.ShouldBe(0, result.ToString());
        using var json = JsonDocument.Parse(result.Stdout);
        json.RootElement.GetProperty("receipt").GetProperty("path").GetString().ShouldBe(Path.Combine(output, "receipt.json"));
        json.RootElement.GetProperty("outputs").GetArrayLength().ShouldBe(2);
        json.RootElement.GetProperty("outputs")[0].GetProperty("shape")[1].GetInt64().ShouldBe(4);
    }

    [Fact]
    public void Output_names_are_sanitised_and_collisions_get_numeric_suffixes()
    {
        TensorFiles.OutputFileNames(["logits", "a/b", "a:b", "A_B", "a_b_1", "../../etc/passwd", "é😀", "", "receipt", "outputs"])
            .ShouldBe(["logits.npy", "a_b.npy", "a_b_1.npy", "A_B_2.npy", "a_b_1_1.npy", ".._.._etc_passwd.npy", "__.npy", "_.npy", "receipt.npy", "outputs.npy"]);
    }

    [Fact]
    public async Task Infer_writes_colliding_output_names_to_separate_files()
    {
        var bytes = new OnnxModelBuilder()
            .GraphName("names")
            .Input("x", (int)DataType.Float, 2)
            .Output("scores/raw", (int)DataType.Float, 2)
            .Output("scores:raw", (int)DataType.Float, 2)
            .Output("Scores_Raw", (int)DataType.Float, 2)
            .Node("Identity", ["x"], ["scores/raw"])
            .Node("Neg", ["x"], ["scores:raw"])
            .Node("Abs", ["x"], ["Scores_Raw"])
            .Build();
        var model = _runner.WriteModel("names.onnx", bytes);
        var x = _runner.WriteNpy("x.npy", TensorValue.Create(new[] { -1f, 2f }, 2));
        var (key, _) = await _runner.KeyPair();
        var output = _runner.PathOf("out");

        var result = await CliRunner.Run("infer", model, "--key", key, "--input", $"x={x}", "--out", output);

        result.ExitCode.ShouldBe(0, result.ToString());
        using var map = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "outputs.json")));
        map.RootElement.GetProperty("scores/raw").GetString().ShouldBe("scores_raw.npy");
        map.RootElement.GetProperty("scores:raw").GetString().ShouldBe("scores_raw_1.npy");
        map.RootElement.GetProperty("Scores_Raw").GetString().ShouldBe("Scores_Raw_2.npy");
        ((TensorValue<float>)NpyFormat.ReadFile(Path.Combine(output, "scores_raw.npy"))).ToArray().ShouldBe([-1f, 2f]);
        ((TensorValue<float>)NpyFormat.ReadFile(Path.Combine(output, "scores_raw_1.npy"))).ToArray().ShouldBe([1f, -2f]);
        ((TensorValue<float>)NpyFormat.ReadFile(Path.Combine(output, "Scores_Raw_2.npy"))).ToArray().ShouldBe([1f, 2f]);
    }

    [Fact]
    public async Task Every_tensor_type_the_model_takes_goes_through_npy()
    {
        var model = _runner.WriteModel("mixed.onnx", TestModels.MixedTypes());
        var x = _runner.WriteNpy("x.npy", TensorValue.Create(new[] { 1.9f, -2.5f }, 2));
        var y = _runner.WriteNpy("y.npy", TensorValue.Create(new[] { 7, -8 }, 2));
        var z = _runner.WriteNpy("z.npy", TensorValue.Create(new[] { true, false }, 2));
        var s = _runner.WriteNpy("s.npy", TensorValue.CreateStrings(["héllo", "wörld 😀"], 2));
        var (key, _) = await _runner.KeyPair();
        var output = _runner.PathOf("out");

        var result = await CliRunner.Run("infer", model, "--key", key, "--input", $"x={x}", "--input", $"y={y}", "--input", $"z={z}", "--input", $"s={s}", "--out", output);

        result.ExitCode.ShouldBe(0, result.ToString());
        ((TensorValue<long>)NpyFormat.ReadFile(Path.Combine(output, "x_int64.npy"))).ToArray().ShouldBe([1L, -2L]);
        ((TensorValue<bool>)NpyFormat.ReadFile(Path.Combine(output, "z_not.npy"))).ToArray().ShouldBe([false, true]);
        ((StringTensorValue)NpyFormat.ReadFile(Path.Combine(output, "s_out.npy"))).Values.ShouldBe(["héllo", "wörld 😀"]);
    }

    [Fact]
    public async Task A_missing_input_is_a_usage_error()
    {
        var (model, a, _, key, _) = await AddMulSetup(_runner);
        (await CliRunner.Run("infer", model, "--key", key, "--input", $"a={a}", "--out", _runner.PathOf("o"))).ShouldBeUsageError("'b'");
        File.Exists(_runner.PathOf("o", "receipt.json")).ShouldBeFalse();
    }

    [Fact]
    public async Task An_input_of_the_wrong_type_is_a_usage_error()
    {
        var (model, a, _, key, _) = await AddMulSetup(_runner);
        var ints = _runner.WriteNpy("ints.npy", TensorValue.Create(new[] { 1, 2, 3, 4 }, 1, 4));
        (await CliRunner.Run("infer", model, "--key", key, "--input", $"a={a}", "--input", $"b={ints}")).ShouldBeUsageError("int32");
    }

    [Fact]
    public async Task An_input_of_the_wrong_shape_is_a_usage_error()
    {
        var (model, a, _, key, _) = await AddMulSetup(_runner);
        var wide = _runner.WriteNpy("wide.npy", TensorValue.Create(new float[8], 2, 4));
        (await CliRunner.Run("infer", model, "--key", key, "--input", $"a={a}", "--input", $"b={wide}")).ShouldBeUsageError("shape");
    }

    [Fact]
    public async Task An_unknown_input_name_is_a_usage_error()
    {
        var (model, a, b, key, _) = await AddMulSetup(_runner);
        (await CliRunner.Run("infer", model, "--key", key, "--input", $"a={a}", "--input", $"b={b}", "--input", $"c={b}")).ShouldBeUsageError("no input named 'c'");
    }

    [Theory]
    [InlineData("a")]
    [InlineData("=a.npy")]
    [InlineData("a=")]
    public async Task A_malformed_input_argument_is_a_usage_error(string argument)
    {
        var (model, _, _, key, _) = await AddMulSetup(_runner);
        (await CliRunner.Run("infer", model, "--key", key, "--input", argument)).ShouldBeUsageError("<name>=<file.npy>");
    }

    [Fact]
    public async Task A_missing_npy_file_is_a_usage_error()
    {
        var (model, a, _, key, _) = await AddMulSetup(_runner);
        (await CliRunner.Run("infer", model, "--key", key, "--input", $"a={a}", "--input", $"b={_runner.PathOf("nope.npy")}")).ShouldBeUsageError("nope.npy");
    }

    [Fact]
    public async Task A_fortran_order_npy_file_is_a_usage_error()
    {
        var (model, a, _, key, _) = await AddMulSetup(_runner);
        var fortran = _runner.PathOf("fortran.npy");
        File.WriteAllBytes(fortran, NpyFormatTests.Handmade("{'descr': '<f4', 'fortran_order': True, 'shape': (1, 4), }", new byte[16]));
        (await CliRunner.Run("infer", model, "--key", key, "--input", $"a={a}", "--input", $"b={fortran}")).ShouldBeUsageError("Fortran");
    }

    [Fact]
    public async Task A_key_readable_by_others_is_refused()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var (model, a, b, key, _) = await AddMulSetup(_runner);
        File.SetUnixFileMode(key, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        (await CliRunner.Run("infer", model, "--key", key, "--input", $"a={a}", "--input", $"b={b}")).ShouldBeUsageError("signer.key");
    }

    [Fact]
    public async Task A_public_key_in_place_of_the_private_key_is_a_usage_error()
    {
        var (model, a, b, _, pub) = await AddMulSetup(_runner);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(pub, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        (await CliRunner.Run("infer", model, "--key", pub, "--input", $"a={a}", "--input", $"b={b}")).ShouldBeUsageError();
    }

    [Fact]
    public async Task A_model_with_external_data_is_refused()
    {
        var model = _runner.WriteModel("external.onnx", TestModels.WithExternalData());
        var x = _runner.WriteNpy("x.npy", TensorValue.Create(new float[4], 1, 4));
        var (key, _) = await _runner.KeyPair();
        (await CliRunner.Run("infer", model, "--key", key, "--input", $"x={x}")).ShouldBeUsageError("external data");
    }

    [Fact]
    public async Task Needs_a_key() =>
        (await CliRunner.Run("infer", _runner.WriteModel("m.onnx", TestModels.AddMul()))).ShouldBeUsageError("--key");
}
