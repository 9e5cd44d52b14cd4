using System.Collections.Concurrent;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenVerify.Testing;

namespace OpenVerify.Extensions.Hosting.Tests;

/// <summary>Hosts share the process-wide default signer and logger factory: tests that start one run one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class HostCollection
{
    public const string Name = "generic host";
}

/// <summary>A temporary folder with an owner-only key file, and generic hosts built over it from configuration.</summary>
public sealed class TempHost : IDisposable
{
    public TempHost()
    {
        Folder = Directory.CreateTempSubdirectory("openverify-hosting-").FullName;
        Key = SigningKey.Generate();
        KeyPath = Path.Combine(Folder, "receipts.key");
        Key.Save(KeyPath);
        LogKey = SigningKey.Generate();
        LogKeyPath = Path.Combine(Folder, "log.key");
        LogKey.Save(LogKeyPath);
    }

    public string Folder { get; }

    public SigningKey Key { get; }

    public string KeyPath { get; }

    public SigningKey LogKey { get; }

    public string LogKeyPath { get; }

    public CapturingLoggerProvider Logs { get; } = new();

    /// <summary>A host configured only through configuration keys, as appsettings.json or the environment give them.</summary>
    public IHost Build(IDictionary<string, string?> settings, Action<IServiceCollection>? services = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            ContentRootPath = Folder,
            DisableDefaults = true,
            EnvironmentName = "Testing",
        });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Debug);
        builder.Logging.AddProvider(Logs);
        builder.Services.AddOpenVerify();
        services?.Invoke(builder.Services);
        return builder.Build();
    }

    public static VerifiedModel LoadAddMul() => VerifiedModel.FromBytes(TestModels.AddMul(), new VerifiedModelOptions { Name = "models/addmul.onnx" });

    public static TensorSet AddMulInputs(float seed) => new([
        new("a", TensorValue.Create(new[] { seed, 2f, 3f, 4f }, 1, 4)),
        new("b", TensorValue.Create(new[] { 5f, 6f, 7f, seed }, 1, 4)),
    ]);

    public void Dispose()
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

/// <summary>An <see cref="ILoggerProvider"/> that keeps every formatted message with its event id and state.</summary>
public sealed class CapturingLoggerProvider : ILoggerProvider
{
    public ConcurrentQueue<(string Category, LogLevel Level, EventId EventId, string Message, string State, Exception? Error)> Entries { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public string AllText() => string.Join("\n", Entries.Select(e => $"{e.Category} {e.EventId} {e.Message} {e.State} {e.Error}"));

    public void Dispose()
    {
    }

    private sealed class Logger(CapturingLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var properties = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(";", pairs.Select(p => $"{p.Key}={p.Value}")) : string.Empty;
            owner.Entries.Enqueue((category, logLevel, eventId, formatter(state, exception), properties, exception));
        }
    }
}
