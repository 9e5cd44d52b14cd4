using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using OpenVerify.Pkcs11;
using OpenVerify.Samples.ResNet18Service;
using OpenVerify.Testing;

namespace OpenVerify.Samples.Tests;

/// <summary>
/// One SoftHSM2 configuration for this test assembly (SoftHSM reads it once per process): a token with an Ed25519 key
/// generated on it. Without SoftHSM2 the tests skip, except under OPENVERIFY_CI=1, where they fail.
/// </summary>
public sealed class ServiceTokenFixture : IDisposable
{
    public const string KeyLabel = "service-receipts";

    public ServiceTokenFixture()
    {
        if (SoftHsm.Missing is not null)
        {
            return;
        }

        Hsm = SoftHsm.Create();
        Token = Hsm.InitToken("openverify-service");
        using var generated = Pkcs11Signer.Generate(Token.Uri(KeyLabel), KeyAlgorithm.Ed25519);
        PublicKey = generated.PublicKey;
    }

    public SoftHsm? Hsm { get; }

    public SoftHsmToken Token { get; } = null!;

    public PublicKey PublicKey { get; } = null!;

    /// <summary>Skips the test when SoftHSM2 is missing, or fails it under OPENVERIFY_CI=1.</summary>
    public void Require()
    {
        if (SoftHsm.Missing is not { } missing)
        {
            return;
        }

        if (Environment.GetEnvironmentVariable("OPENVERIFY_CI") == "1")
        {
            Assert.Fail($"OPENVERIFY_CI=1 and the PKCS#11 service tests cannot run: {missing}");
        }

        Skip.If(true, missing);
    }

    public void Dispose() => Hsm?.Dispose();
}

/// <summary>
/// Issue 17's "done when": the sample service, configured only through settings, signs with a key on a SoftHSM2 token
/// (a pkcs11: URI), serves verified inference over HTTP, and an OpenTelemetry exporter sees OpenVerify's spans and
/// metrics.
/// </summary>
[Collection(ServiceHostCollection.Name)]
public sealed class Pkcs11ServiceTests(ServiceTokenFixture token) : IClassFixture<ServiceTokenFixture>
{
    private static readonly byte[] House = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "images", "house.ppm"));

    [SkippableFact]
    public async Task TokenKeyFromConfiguration_SignsVerifiableReceipts_SeenByTheExporter_AndIsDisposedOnShutdown()
    {
        token.Require();
        var spans = new List<Activity>();
        var metrics = new List<Metric>();
        var factory = new ServiceFactory(
            settings => settings["OpenVerify:SigningKey"] = token.Token.Uri(ServiceTokenFixture.KeyLabel),
            // The request's span too, as ASP.NET Core instrumentation would add it: the default parent-based sampler
            // drops an inference span whose parent (the request) nobody records.
            services => services.AddOpenTelemetry()
                .WithTracing(tracing => tracing.AddSource("Microsoft.AspNetCore").AddOpenVerifyInstrumentation().AddInMemoryExporter(spans))
                .WithMetrics(meters => meters.AddOpenVerifyInstrumentation().AddInMemoryExporter(metrics)));
        Pkcs11Signer? signer = null;
        try
        {
            var response = await factory.CreateClient().PostAsync("/score", new ByteArrayContent(House));
            response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
            var body = await response.Content.ReadFromJsonAsync<JsonElement>();
            signer = OpenVerifyRuntime.DefaultSigner.ShouldBeOfType<Pkcs11Signer>();
            signer.PublicKey.KeyId.ShouldBe(token.PublicKey.KeyId);

            // As a third party who has only the token key's public key.
            var receiptJson = body.GetProperty("receipt").GetRawText();
            var receipt = Receipt.Parse(receiptJson);
            var verification = new ReceiptVerifier(TrustStore.For(token.PublicKey)).Verify(receiptJson, new ReceiptVerificationOptions
            {
                Outputs = ScoringService.Outputs(body.GetProperty("features").Deserialize<float[]>()!),
            });
            verification.Succeeded.ShouldBeTrue(verification.ToString());

            // A file key is not trusted for it: the signature is the token's.
            using (var other = SigningKey.Generate())
            {
                new ReceiptVerifier(TrustStore.For(other.PublicKey)).Verify(receiptJson).Succeeded.ShouldBeFalse();
            }

            lock (spans)
            {
                spans.ShouldContain(
                    s => s.DisplayName.StartsWith("inference ", StringComparison.Ordinal) && (string?)s.GetTagItem("openverify.receipt.id") == receipt.Id.ToString(),
                    $"spans seen: {string.Join(", ", spans.Select(s => s.DisplayName))}");
            }

            factory.Services.GetRequiredService<MeterProvider>().ForceFlush().ShouldBeTrue();
            var signed = metrics.Where(m => m.Name == "openverify.receipts.signed").ToList();
            signed.ShouldNotBeEmpty($"metrics seen: {string.Join(", ", metrics.Select(m => m.Name).Distinct())}");
            long total = 0;
            foreach (var metric in signed)
            {
                foreach (ref readonly var point in metric.GetMetricPoints())
                {
                    total += point.GetSumLong();
                }
            }

            total.ShouldBeGreaterThanOrEqualTo(1);
        }
        finally
        {
            await factory.DisposeAsync();
            factory.RemoveFolder();
        }

        // The host opened the token key, so the host closes it: its sessions are gone once the host is disposed. The
        // factory hands a minimal-API host back to the app's entry point, which disposes it after DisposeAsync returns,
        // so this waits for that (the bound only keeps a missing disposal from hanging the run).
        var closed = false;
        for (var attempt = 0; attempt < 600 && !closed; attempt++)
        {
            try
            {
                signer!.Sign([1, 2, 3]);
                await Task.Delay(50);
            }
            catch (ObjectDisposedException)
            {
                closed = true;
            }
        }

        closed.ShouldBeTrue("the host never disposed the token signer it opened");
    }

    [SkippableFact]
    public void WrongPin_StopsStartUp_WithAMessageThatNamesTheSetting_AndNotThePin()
    {
        token.Require();
        var wrongPin = "0" + token.Token.Pin[1..] + "9";
        var pinFile = Path.Combine(Directory.CreateTempSubdirectory("openverify-pin-").FullName, "wrong.pin");
#pragma warning disable CA1416 // SoftHSM2 tests run on Linux only.
        using (var stream = new FileStream(pinFile, new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        }))
#pragma warning restore CA1416
        {
            stream.Write(System.Text.Encoding.ASCII.GetBytes(wrongPin + "\n"));
        }

        var factory = new ServiceFactory(settings =>
            settings["OpenVerify:SigningKey"] = token.Token.Uri(ServiceTokenFixture.KeyLabel, "file:" + pinFile));
        try
        {
            var error = Should.Throw<OptionsValidationException>(() => factory.CreateClient());
            error.Message.ShouldContain("OpenVerify:SigningKey");
            error.Message.ShouldContain("PIN");
            error.Message.ShouldNotContain(wrongPin);
            error.Message.ShouldNotContain(token.Token.Pin);
            error.ToString().ShouldNotContain(wrongPin);
        }
        finally
        {
            factory.Dispose();
            factory.RemoveFolder();
            Directory.Delete(Path.GetDirectoryName(pinFile)!, recursive: true);
        }
    }
}
