using System.Text.Json;
using OpenVerify.Testing;

namespace OpenVerify.Cli.Tests;

public sealed class InspectTests : IDisposable
{
    private readonly CliRunner _runner = new();

    public void Dispose() => _runner.Dispose();

    [Fact]
    public async Task Shows_digest_opsets_and_signature_of_a_model()
    {
        var bytes = TestModels.AddMul();
        var model = _runner.WriteModel("add_mul.onnx", bytes);

        var result = await CliRunner.Run("inspect", model);

        result.ExitCode.ShouldBe(0, result.ToString());
        result.ShouldHaveNoControlCodes();
        result.Stdout.ShouldContain(Sha256Digest.Compute(bytes).ToString());
        result.Stdout.ShouldContain("ai.onnx 17");
        result.Stdout.ShouldContain("float");
        result.Stdout.ShouldContain("[1,4]");
        result.Stdout.ShouldContain("product");
        result.Stdout.ShouldContain("Verified run: yes");
    }

    [Fact]
    public async Task Json_describes_inputs_outputs_and_symbolic_dimensions()
    {
        var bytes = TestModels.DynamicBatch();
        var model = _runner.WriteModel("dynamic.onnx", bytes);

        var result = await CliRunner.Run("inspect", model, "--json");

        result.ExitCode.ShouldBe(0, result.ToString());
        using var json = JsonDocument.Parse(result.Stdout);
        var root = json.RootElement;
        root.GetProperty("digest").GetString().ShouldBe(Sha256Digest.Compute(bytes).ToString());
        root.GetProperty("sizeBytes").GetInt64().ShouldBe(bytes.Length);
        root.GetProperty("verifiedRunSupported").GetBoolean().ShouldBeTrue();
        root.GetProperty("opsetImports")[0].GetProperty("version").GetInt64().ShouldBe(17);
        var input = root.GetProperty("inputs")[0];
        input.GetProperty("name").GetString().ShouldBe("x");
        input.GetProperty("elementType").GetString().ShouldBe("float");
        input.GetProperty("shape")[0].GetString().ShouldBe("N");
        input.GetProperty("shape")[1].GetInt64().ShouldBe(3);
        root.GetProperty("outputs")[0].GetProperty("name").GetString().ShouldBe("y");
    }

    [Fact]
    public async Task Says_plainly_when_a_model_has_external_data()
    {
        var model = _runner.WriteModel("external.onnx", TestModels.WithExternalData());

        var text = await CliRunner.Run("inspect", model);
        text.ExitCode.ShouldBe(0, text.ToString());
        text.Stdout.ShouldContain("Verified run: NO");
        text.Stdout.ShouldContain("external data: w");

        var json = await CliRunner.Run("inspect", model, "--json");
        using var document = JsonDocument.Parse(json.Stdout);
        document.RootElement.GetProperty("verifiedRunSupported").GetBoolean().ShouldBeFalse();
        document.RootElement.GetProperty("externalDataTensors")[0].GetString().ShouldBe("w");
    }

    [Fact]
    public async Task Says_plainly_when_a_model_has_custom_operators()
    {
        var model = _runner.WriteModel("custom.onnx", TestModels.WithCustomOp());

        var result = await CliRunner.Run("inspect", model, "--json");

        result.ExitCode.ShouldBe(0, result.ToString());
        using var json = JsonDocument.Parse(result.Stdout);
        json.RootElement.GetProperty("verifiedRunSupported").GetBoolean().ShouldBeFalse();
        json.RootElement.GetProperty("customDomains")[0].GetString().ShouldBe(TestModels.CustomDomain);
        json.RootElement.GetProperty("problems")[0].GetString()!.ShouldContain("custom operators");
    }

    [Fact]
    public async Task A_file_that_is_not_a_model_is_a_usage_error()
    {
        var path = _runner.PathOf("not-a-model.onnx");
        File.WriteAllText(path, "this is not protobuf at all, just some text\n");
        (await CliRunner.Run("inspect", path)).ShouldBeUsageError("not a valid ONNX model");
    }

    [Fact]
    public async Task A_missing_file_is_a_usage_error() =>
        (await CliRunner.Run("inspect", _runner.PathOf("missing.onnx"))).ShouldBeUsageError("missing.onnx");
}
