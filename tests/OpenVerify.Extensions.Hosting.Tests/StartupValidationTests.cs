using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace OpenVerify.Extensions.Hosting.Tests;

/// <summary>A misconfigured key fails the host when it starts, before any request, with a message naming the setting.</summary>
[Collection(HostCollection.Name)]
public sealed class StartupValidationTests : IDisposable
{
    private readonly TempHost _temp = new();

    public void Dispose() => _temp.Dispose();

    private async Task<string> StartFails(IDictionary<string, string?> settings, Action<IServiceCollection>? services = null)
    {
        using var host = _temp.Build(settings, services);
        var error = await Should.ThrowAsync<OptionsValidationException>(() => host.StartAsync());
        return error.Message;
    }

    [Fact]
    public async Task MissingSigningKey_FailsStart_NamingTheSetting()
    {
        // The documented setup before AddOpenVerify() bound configuration threw ArgumentNullException (signingKeyPath).
        var previous = Environment.GetEnvironmentVariable(OpenVerifyRuntime.SigningKeyEnvironmentVariable);
        Environment.SetEnvironmentVariable(OpenVerifyRuntime.SigningKeyEnvironmentVariable, null);
        try
        {
            var message = await StartFails(new Dictionary<string, string?>());
            message.ShouldContain("OpenVerify:SigningKey is not set");
            message.ShouldContain("OpenVerify__SigningKey");
        }
        finally
        {
            Environment.SetEnvironmentVariable(OpenVerifyRuntime.SigningKeyEnvironmentVariable, previous);
        }
    }

    [Fact]
    public async Task MissingKeyFile_FailsStart_NamingTheSettingAndTheFile()
    {
        var message = await StartFails(new Dictionary<string, string?> { ["OpenVerify:SigningKey"] = "keys/absent.key" });
        message.ShouldContain("OpenVerify:SigningKey cannot be loaded");
        message.ShouldContain(Path.Combine(_temp.Folder, "keys", "absent.key"));
    }

    [Fact]
    public async Task KeyFileReadableByOthers_FailsStart()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        File.SetUnixFileMode(_temp.KeyPath, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        var message = await StartFails(new Dictionary<string, string?> { ["OpenVerify:SigningKey"] = "receipts.key" });
        message.ShouldContain("OpenVerify:SigningKey");
        message.ShouldNotContain(_temp.Key.ExportPkcs8Pem().Split('\n')[1]);
    }

    [Fact]
    public async Task KeyReferenceNoProviderOpens_FailsStart_WithoutEchoingTheReference()
    {
        var message = await StartFails(new Dictionary<string, string?>
        {
            ["OpenVerify:SigningKey"] = "pkcs11:token=prod;object=receipts?pin-source=/run/secrets/pin",
        });
        message.ShouldContain("OpenVerify:SigningKey is a 'pkcs11:' key reference, but no registered ISignerProvider opens it");
        message.ShouldNotContain("pin-source");
        message.ShouldNotContain("token=prod");
    }

    [Fact]
    public async Task ProviderThatCannotOpen_FailsStart_WithTheProvidersMessage()
    {
        var message = await StartFails(
            new Dictionary<string, string?> { ["OpenVerify:SigningKey"] = "folder-key:missing?pin-source=/run/secrets/pin" },
            services => services.AddSingleton<ISignerProvider>(new FolderKeyProvider(_temp.Folder)));
        message.ShouldContain("OpenVerify:SigningKey cannot be opened by FolderKeyProvider");
        message.ShouldContain("no key named 'missing'");
        message.ShouldNotContain("pin-source");
    }

    [Fact]
    public async Task BadTrustStore_And_BadBatching_FailStart_WithEverySetting()
    {
        var message = await StartFails(new Dictionary<string, string?>
        {
            ["OpenVerify:SigningKey"] = "receipts.key",
            ["OpenVerify:TrustStore"] = "absent.trust.json",
            ["OpenVerify:Batching:Enabled"] = "true",
            ["OpenVerify:Batching:MaxBatchSize"] = "0",
        });
        message.ShouldContain("OpenVerify:TrustStore cannot be loaded");
        message.ShouldContain("OpenVerify:Batching:MaxBatchSize must be at least 1");
    }

    [Fact]
    public async Task NoHostedServiceRuns_WhenValidationFails()
    {
        var before = OpenVerifyRuntime.DefaultSigner;
        await StartFails(new Dictionary<string, string?> { ["OpenVerify:SigningKey"] = "absent.key" });
        OpenVerifyRuntime.DefaultSigner.ShouldBeSameAs(before);
    }
}
