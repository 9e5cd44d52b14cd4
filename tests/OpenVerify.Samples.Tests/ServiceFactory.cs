using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace OpenVerify.Samples.Tests;

/// <summary>The service hosts share the process-wide default signer: one runs at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ServiceHostCollection : ICollectionFixture<SharedService>
{
    public const string Name = "ResNet18 service";
}

/// <summary>
/// The sample service over a temporary folder with its keys and receipt log, configured as an operator would: through
/// configuration keys only (here in memory, over the sample's appsettings.json).
/// </summary>
public sealed class ServiceFactory : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;
    private readonly Action<IServiceCollection>? _services;

    public ServiceFactory(Action<Dictionary<string, string?>>? change = null, Action<IServiceCollection>? services = null)
    {
        _services = services;
        Folder = Directory.CreateTempSubdirectory("openverify-service-").FullName;
        Key = SigningKey.Generate();
        Key.Save(Path.Combine(Folder, "receipts.key"));
        LogKey = SigningKey.Generate();
        LogKey.Save(Path.Combine(Folder, "log.key"));
        LogPath = Path.Combine(Folder, "receipts.jsonl");
        _settings = new()
        {
            ["OpenVerify:SigningKey"] = Path.Combine(Folder, "receipts.key"),
            ["OpenVerify:ReceiptLog:Path"] = LogPath,
            ["OpenVerify:ReceiptLog:SigningKey"] = Path.Combine(Folder, "log.key"),
        };
        change?.Invoke(_settings);
    }

    public string Folder { get; }

    public SigningKey Key { get; }

    public SigningKey LogKey { get; }

    public string LogPath { get; }

    public TrustStore Trust => TrustStore.For(Key.PublicKey).Add(LogKey.PublicKey, KeyRole.Log);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.ConfigureAppConfiguration((_, configuration) => configuration.AddInMemoryCollection(_settings));
        if (_services is not null)
        {
            builder.ConfigureServices(_services);
        }
    }

    /// <summary>Removes the keys and the log (after the host stopped: disposing the factory stops it).</summary>
    public void RemoveFolder()
    {
        Key.Dispose();
        LogKey.Dispose();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

/// <summary>One service for the tests that only send requests.</summary>
public sealed class SharedService : IAsyncLifetime
{
    public ServiceFactory Factory { get; } = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        Factory.RemoveFolder();
    }
}
