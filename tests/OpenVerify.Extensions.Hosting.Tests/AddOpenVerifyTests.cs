using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenVerify.Batching;
using OpenVerify.Logs;

namespace OpenVerify.Extensions.Hosting.Tests;

[Collection(HostCollection.Name)]
public sealed class AddOpenVerifyTests : IDisposable
{
    private readonly TempHost _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task KeyFromConfiguration_IsTheDefaultSigner_AndTheVerifierTrustsIt()
    {
        using var host = _temp.Build(new Dictionary<string, string?> { ["OpenVerify:SigningKey"] = "receipts.key" });
        await host.StartAsync();

        var signer = host.Services.GetRequiredService<ISigner>();
        signer.KeyId.ShouldBe(_temp.Key.KeyId);
        OpenVerifyRuntime.DefaultSigner.ShouldBeSameAs(signer);

        // What a generated [VerifiedInference] method does: Run with no signer of its own.
        using var model = TempHost.LoadAddMul();
        var result = model.Run(TempHost.AddMulInputs(1f));
        result.Receipt.Envelope.Signatures[0].KeyId.ShouldBe(_temp.Key.KeyId);
        var verification = host.Services.GetRequiredService<ReceiptVerifier>().Verify(result.Receipt.ToJson(), new ReceiptVerificationOptions
        {
            Outputs = result.Value,
            ReplayModel = model,
            Inputs = TempHost.AddMulInputs(1f),
        });
        verification.Succeeded.ShouldBeTrue(verification.ToString());

        await host.StopAsync();
        OpenVerifyRuntime.DefaultSigner.ShouldNotBeSameAs(signer);
    }

    [Fact]
    public async Task KeyReference_IsOpenedByTheRegisteredProvider()
    {
        using var host = _temp.Build(
            new Dictionary<string, string?> { ["OpenVerify:SigningKey"] = "folder-key:receipts?pin-source=/run/secrets/pin" },
            services => services.AddSingleton<ISignerProvider>(new FolderKeyProvider(_temp.Folder)));
        await host.StartAsync();
        host.Services.GetRequiredService<ISigner>().KeyId.ShouldBe(_temp.Key.KeyId);
        var opened = _temp.Logs.Entries.Single(e => e.EventId.Id == 2000);
        opened.Message.ShouldContain("FolderKeyProvider (folder-key: reference)");
        _temp.Logs.AllText().ShouldNotContain("pin-source");
        await host.StopAsync();
    }

    [Fact]
    public async Task SignerInCode_WinsOverConfiguration_AndIsNotDisposedByTheHost()
    {
        using var key = SigningKey.Generate();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, ContentRootPath = _temp.Folder });
        builder.Services.AddOpenVerify(key);
        using (var host = builder.Build())
        {
            await host.StartAsync();
            host.Services.GetRequiredService<ISigner>().ShouldBeSameAs(key);
            host.Services.GetRequiredService<TrustStore>().Keys.Single().Key.KeyId.ShouldBe(key.KeyId);
            await host.StopAsync();
        }

        key.Sign([1, 2, 3]).ShouldNotBeEmpty();
    }

    [Fact]
    public async Task TrustPolicyOrPublicKeyFile_IsTheTrustStore()
    {
        var other = SigningKey.Generate();
        var publicKeyPath = Path.Combine(_temp.Folder, "other.pub");
        File.WriteAllText(publicKeyPath, other.PublicKey.ExportPem());
        using var host = _temp.Build(new Dictionary<string, string?>
        {
            ["OpenVerify:SigningKey"] = "receipts.key",
            ["OpenVerify:TrustStore"] = "other.pub",
        });
        await host.StartAsync();
        using var model = TempHost.LoadAddMul();
        var mine = model.Run(TempHost.AddMulInputs(2f));
        var verification = host.Services.GetRequiredService<ReceiptVerifier>().Verify(mine.Receipt);
        verification.Succeeded.ShouldBeFalse();
        verification.FirstFailure!.Name.ShouldBe(VerificationChecks.Signature);
        await host.StopAsync();
    }

    [Fact]
    public async Task Shutdown_LosesNoAcknowledgedReceipt()
    {
        var logPath = Path.Combine(_temp.Folder, "receipts.jsonl");
        var host = _temp.Build(new Dictionary<string, string?>
        {
            ["OpenVerify:SigningKey"] = "receipts.key",
            ["OpenVerify:Batching:Enabled"] = "true",
            // Nothing would seal these batches for a minute: only the shutdown flush does.
            ["OpenVerify:Batching:MaxDelay"] = "00:01:00",
            ["OpenVerify:ReceiptLog:Path"] = "receipts.jsonl",
            ["OpenVerify:ReceiptLog:SigningKey"] = "log.key",
        });
        await host.StartAsync();
        var batching = host.Services.GetRequiredService<BatchingSigner>();
        using var model = TempHost.LoadAddMul();
        var runs = Enumerable.Range(0, 12).Select(i => model.RunAsync(TempHost.AddMulInputs(i), batching)).ToArray();
        runs.ShouldAllBe(r => !r.IsCompleted);

        await host.StopAsync();
        runs.ShouldAllBe(r => r.IsCompletedSuccessfully, "the shutdown flush signs every pending batch");
        var acknowledged = await Task.WhenAll(runs);
        host.Dispose();

        var contents = LogFile.Read(logPath);
        var logged = contents.Entries.Where(e => e.Kind == LogEntryKind.Receipt).Select(e => e.Receipt!.Id).ToHashSet();
        acknowledged.ShouldAllBe(a => logged.Contains(a.Receipt.Id));
        var trust = TrustStore.For(_temp.Key.PublicKey).Add(_temp.LogKey.PublicKey, KeyRole.Log);
        var verified = LogVerifier.Verify(logPath, trust);
        verified.Succeeded.ShouldBeTrue(verified.Failure);
        verified.Receipts.ShouldBe(12);
        verified.TreeHeads.ShouldBe(1);
        File.Exists(logPath + ".checkpoint.json").ShouldBeTrue();
        _temp.Logs.Entries.ShouldContain(e => e.EventId.Id == 2002 && e.Message.Contains("12 receipts signed in batches"));
    }

    [Fact]
    public async Task StoppedTwice_AtOnceOrAfterDisposal_OnlyTheFirstStopFlushes()
    {
        // WebApplicationFactory stops a minimal-API host while the app's own Run stops it and then disposes it.
        var host = _temp.Build(new Dictionary<string, string?>
        {
            ["OpenVerify:SigningKey"] = "receipts.key",
            ["OpenVerify:ReceiptLog:Path"] = "receipts.jsonl",
            ["OpenVerify:ReceiptLog:SigningKey"] = "log.key",
        });
        await host.StartAsync();
        var log = host.Services.GetRequiredService<ReceiptLog>();
        await Task.WhenAll(host.StopAsync(), host.StopAsync());
        host.Dispose();
        Should.Throw<ObjectDisposedException>(() => log.Flush());

        await host.StopAsync();
        _temp.Logs.Entries.ShouldNotContain(e => e.EventId.Id == 2003);
        _temp.Logs.Entries.Count(e => e.EventId.Id == 2002).ShouldBe(1);
    }

    [Fact]
    public async Task Restart_ReopensTheLog_CheckingItsTreeHeadsWithTheLogKey()
    {
        var settings = new Dictionary<string, string?>
        {
            ["OpenVerify:SigningKey"] = "receipts.key",
            ["OpenVerify:Batching:Enabled"] = "true",
            ["OpenVerify:ReceiptLog:Path"] = "receipts.jsonl",
            ["OpenVerify:ReceiptLog:SigningKey"] = "log.key",
        };
        using var model = TempHost.LoadAddMul();
        for (var run = 0; run < 2; run++)
        {
            using var host = _temp.Build(settings);
            await host.StartAsync();
            host.Services.GetRequiredService<ReceiptLog>().Size.ShouldBe(3 * run);
            var batching = host.Services.GetRequiredService<BatchingSigner>();
            await Task.WhenAll(Enumerable.Range(0, 3).Select(i => model.RunAsync(TempHost.AddMulInputs(i), batching)));
            await host.StopAsync();
        }

        var verified = LogVerifier.Verify(Path.Combine(_temp.Folder, "receipts.jsonl"), TrustStore.For(_temp.Key.PublicKey).Add(_temp.LogKey.PublicKey, KeyRole.Log));
        verified.Succeeded.ShouldBeTrue(verified.Failure);
        verified.Receipts.ShouldBe(6);
        verified.TreeHeads.ShouldBe(2);
    }

    [Fact]
    public async Task Logs_CarryDocumentedEventIds_AndNoSecret()
    {
        const string PinLocation = "pin-source=/run/secrets/receipts-pin";
        using var host = _temp.Build(
            new Dictionary<string, string?>
            {
                ["OpenVerify:SigningKey"] = "folder-key:receipts?" + PinLocation,
                ["OpenVerify:Batching:Enabled"] = "true",
                ["OpenVerify:ReceiptLog:Path"] = "receipts.jsonl",
                ["OpenVerify:ReceiptLog:SigningKey"] = "log.key",
            },
            services => services.AddSingleton<ISignerProvider>(new FolderKeyProvider(_temp.Folder)));
        await host.StartAsync();

        using var model = TempHost.LoadAddMul();
        var batched = await model.RunAsync(TempHost.AddMulInputs(3f), host.Services.GetRequiredService<BatchingSigner>());
        var verifier = host.Services.GetRequiredService<ReceiptVerifier>();
        verifier.Verify(batched.Receipt).Succeeded.ShouldBeTrue();
        verifier.Verify(batched.Receipt, new ReceiptVerificationOptions { Outputs = TempHost.AddMulInputs(9f) }).Succeeded.ShouldBeFalse();
        Should.Throw<ModelDigestMismatchException>(() => VerifiedModel.FromBytes(TestingModels.AddMul, new VerifiedModelOptions { ExpectedDigest = Sha256Digest.Compute([1]) }));
        await host.StopAsync();

        var ids = _temp.Logs.Entries.Select(e => e.EventId.Id).ToHashSet();
        foreach (var id in new[] { 1000, 1001, 1100, 1200, 1300, 1301, 2000, 2001, 2002 })
        {
            ids.ShouldContain(id, $"event {id} was not logged:\n{_temp.Logs.AllText()}");
        }

        _temp.Logs.Entries.Single(e => e.EventId.Id == 1100).Level.ShouldBe(LogLevel.Warning);
        var text = _temp.Logs.AllText();
        foreach (var key in new[] { _temp.Key, _temp.LogKey })
        {
            var pem = key.ExportPkcs8Pem();
            var body = string.Concat(pem.Split('\n').Where(l => l.Length > 0 && !l.StartsWith("-----", StringComparison.Ordinal)));
            text.ShouldNotContain(body);
            foreach (var line in pem.Split('\n').Where(l => l.Length > 16 && !l.StartsWith("-----", StringComparison.Ordinal)))
            {
                text.ShouldNotContain(line);
            }
        }

        text.ShouldNotContain(PinLocation);
        text.ShouldNotContain("PRIVATE KEY");
    }
}

internal static class TestingModels
{
    public static byte[] AddMul => OpenVerify.Testing.TestModels.AddMul();
}
