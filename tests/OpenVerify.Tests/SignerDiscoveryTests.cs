using OpenVerify.Testing;

namespace OpenVerify.Tests;

[Collection(nameof(GlobalRuntimeState))]
public class SignerDiscoveryTests
{
    [Fact]
    public void WithoutASigner_TheFirstInferenceSaysHowToConfigureOne()
    {
        var previous = OpenVerifyRuntime.DefaultSigner;
        OpenVerifyRuntime.DefaultSigner = null;
        var environment = Environment.GetEnvironmentVariable(OpenVerifyRuntime.SigningKeyEnvironmentVariable);
        Environment.SetEnvironmentVariable(OpenVerifyRuntime.SigningKeyEnvironmentVariable, null);
        try
        {
            using var model = VerifiedModel.FromBytes(TestModels.AddMul());
            var error = Should.Throw<SignerNotConfiguredException>(() => model.Run(Tensors.AddMulInputs()));
            error.Message.ShouldContain("UseSigner");
            error.Message.ShouldContain(OpenVerifyRuntime.SigningKeyEnvironmentVariable);
        }
        finally
        {
            OpenVerifyRuntime.DefaultSigner = previous;
            Environment.SetEnvironmentVariable(OpenVerifyRuntime.SigningKeyEnvironmentVariable, environment);
        }
    }

    [Fact]
    public async Task Scopes_OverrideTheDefault_Nest_AndStayInTheirAsyncFlow()
    {
        using var fallback = SigningKey.Generate();
        using var outer = SigningKey.Generate();
        using var inner = SigningKey.Generate();
        var previous = OpenVerifyRuntime.DefaultSigner;
        OpenVerifyRuntime.DefaultSigner = fallback;
        try
        {
            OpenVerifyRuntime.ResolveSigner().ShouldBe(fallback);
            using (OpenVerifyRuntime.UseSigner(outer))
            {
                OpenVerifyRuntime.ResolveSigner().ShouldBe(outer);
                using (OpenVerifyRuntime.UseSigner(inner))
                {
                    OpenVerifyRuntime.ResolveSigner().ShouldBe(inner);
                    await Task.Run(() => OpenVerifyRuntime.ResolveSigner().ShouldBe(inner));
                }

                OpenVerifyRuntime.ResolveSigner().ShouldBe(outer);
                var parallel = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => Task.Run(() =>
                {
                    using var key = SigningKey.Generate();
                    using (OpenVerifyRuntime.UseSigner(key))
                    {
                        Thread.Sleep(5);
                        return OpenVerifyRuntime.ResolveSigner() == key;
                    }
                })));
                parallel.ShouldAllBe(ok => ok);
                OpenVerifyRuntime.ResolveSigner().ShouldBe(outer);
            }

            OpenVerifyRuntime.ResolveSigner().ShouldBe(fallback);
        }
        finally
        {
            OpenVerifyRuntime.DefaultSigner = previous;
        }
    }

    [Fact]
    public void EnvironmentVariable_LoadsAnOwnerOnlyKeyFile()
    {
        using var folder = new TempFolder();
        using var key = SigningKey.Generate(KeyAlgorithm.EcdsaP256);
        var path = folder.File("env.key");
        key.Save(path);
        var previous = OpenVerifyRuntime.DefaultSigner;
        OpenVerifyRuntime.DefaultSigner = null;
        var environment = Environment.GetEnvironmentVariable(OpenVerifyRuntime.SigningKeyEnvironmentVariable);
        Environment.SetEnvironmentVariable(OpenVerifyRuntime.SigningKeyEnvironmentVariable, path);
        try
        {
            OpenVerifyRuntime.ResolveSigner().KeyId.ShouldBe(key.KeyId);
            using var model = VerifiedModel.FromBytes(TestModels.AddMul());
            var result = model.Run(Tensors.AddMulInputs());
            new ReceiptVerifier(TrustStore.For(key.PublicKey)).Verify(result.Receipt).Succeeded.ShouldBeTrue();
        }
        finally
        {
            OpenVerifyRuntime.DefaultSigner = previous;
            Environment.SetEnvironmentVariable(OpenVerifyRuntime.SigningKeyEnvironmentVariable, environment);
        }
    }

    [Fact]
    public void ModelDirectory_FallsBackFromPropertyToEnvironmentToBaseDirectory()
    {
        var previous = OpenVerifyRuntime.ModelDirectory;
        var environment = Environment.GetEnvironmentVariable(OpenVerifyRuntime.ModelDirectoryEnvironmentVariable);
        try
        {
            OpenVerifyRuntime.ModelDirectory = null;
            Environment.SetEnvironmentVariable(OpenVerifyRuntime.ModelDirectoryEnvironmentVariable, null);
            OpenVerifyRuntime.ResolveModelDirectory().ShouldBe(AppContext.BaseDirectory);
            Environment.SetEnvironmentVariable(OpenVerifyRuntime.ModelDirectoryEnvironmentVariable, "/from/env");
            OpenVerifyRuntime.ResolveModelDirectory().ShouldBe("/from/env");
            OpenVerifyRuntime.ModelDirectory = "/from/code";
            OpenVerifyRuntime.ResolveModelDirectory().ShouldBe("/from/code");
        }
        finally
        {
            OpenVerifyRuntime.ModelDirectory = previous;
            Environment.SetEnvironmentVariable(OpenVerifyRuntime.ModelDirectoryEnvironmentVariable, environment);
        }
    }
}

/// <summary>Tests that change process-wide settings run one at a time.</summary>
[CollectionDefinition(nameof(GlobalRuntimeState), DisableParallelization = true)]
public sealed class GlobalRuntimeState;
