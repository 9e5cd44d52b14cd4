using System.Diagnostics;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using OpenVerify.Batching;
using OpenVerify.Telemetry;
using OpenVerify.Logs;
using OpenVerify.Testing;

namespace OpenVerify.OpenTelemetry.Tests;

/// <summary>The meter and activity source are process-wide: these tests run one at a time so counts are exact.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TelemetryCollection
{
    public const string Name = "telemetry";
}

[Collection(TelemetryCollection.Name)]
public sealed class InstrumentationTests : IDisposable
{
    private const string ModelName = "models/addmul.onnx";
    private readonly List<Activity> _spans = [];
    private readonly List<Metric> _metrics = [];
    private readonly TracerProvider _tracing;
    private readonly MeterProvider _meters;
    private readonly SigningKey _key = SigningKey.Generate();

    public InstrumentationTests()
    {
        _tracing = Sdk.CreateTracerProviderBuilder().AddOpenVerifyInstrumentation().AddInMemoryExporter(_spans).Build()!;
        _meters = Sdk.CreateMeterProviderBuilder().AddOpenVerifyInstrumentation().AddInMemoryExporter(_metrics).Build()!;
    }

    public void Dispose()
    {
        _tracing.Dispose();
        _meters.Dispose();
        _key.Dispose();
    }

    private static VerifiedModel Load() => VerifiedModel.FromBytes(TestModels.AddMul(), new VerifiedModelOptions { Name = ModelName });

    private static TensorSet Inputs(float seed) => new([
        new("a", TensorValue.Create(new[] { seed, 2f, 3f, 4f }, 1, 4)),
        new("b", TensorValue.Create(new[] { 5f, 6f, 7f, seed }, 1, 4)),
    ]);


    private IReadOnlyList<MetricPoint> Points(string name)
    {
        // Each flush exports every metric again (cumulative totals): keep only the latest export.
        _metrics.Clear();
        _meters.ForceFlush();
        var points = new List<MetricPoint>();
        foreach (var metric in _metrics.Where(m => m.Name == name))
        {
            foreach (ref readonly var point in metric.GetMetricPoints())
            {
                points.Add(point);
            }
        }

        return points;
    }

    private Metric Instrument(string name)
    {
        _metrics.Clear();
        _meters.ForceFlush();
        return _metrics.Last(m => m.Name == name);
    }

    private static object? Tag(MetricPoint point, string key)
    {
        foreach (var tag in point.Tags)
        {
            if (tag.Key == key)
            {
                return tag.Value;
            }
        }

        return null;
    }

    [Fact]
    public void Inference_And_ModelLoad_AreInternalSpans_WithGenAiAndOpenVerifyAttributes()
    {
        using var model = Load();
        var result = model.Run(Inputs(1f), new InferenceOptions { Signer = _key });
        _tracing.ForceFlush();

        var load = _spans.Single(s => s.DisplayName == "load_model " + ModelName);
        load.Kind.ShouldBe(ActivityKind.Internal);
        load.GetTagItem("openverify.model.digest").ShouldBe(model.Digest.ToString());

        var inference = _spans.Single(s => s.DisplayName == "inference " + ModelName);
        inference.Kind.ShouldBe(ActivityKind.Internal);
        inference.Source.Name.ShouldBe(OpenVerifyTelemetry.SourceName);
        inference.Source.Version.ShouldBe(OpenVerifyTelemetry.Version);
        OpenVerifyTelemetry.Version.ShouldNotBeNullOrEmpty();
        inference.GetTagItem("gen_ai.operation.name").ShouldBe("inference");
        inference.GetTagItem("gen_ai.provider.name").ShouldBe("onnxruntime");
        inference.GetTagItem("gen_ai.request.model").ShouldBe(ModelName);
        inference.GetTagItem("openverify.model.digest").ShouldBe(model.Digest.ToString());
        inference.GetTagItem("openverify.receipt.id").ShouldBe(result.Receipt.Id.ToString());
        inference.Status.ShouldBe(ActivityStatusCode.Unset);
    }

    [Fact]
    public void FailedInference_IsAnErrorSpan()
    {
        using var model = Load();
        Should.Throw<ModelInputException>(() => model.Run([new("a", TensorValue.Create(new[] { 1f }, 1))], new InferenceOptions { Signer = _key }));
        _tracing.ForceFlush();
        var inference = _spans.Single(s => s.DisplayName == "inference " + ModelName);
        inference.Status.ShouldBe(ActivityStatusCode.Error);
        inference.GetTagItem("error.type").ShouldBe(typeof(ModelInputException).FullName);
    }

    [Fact]
    public void DigestMismatch_IsAFailedModelLoadSpan()
    {
        Should.Throw<ModelDigestMismatchException>(() => VerifiedModel.FromBytes(TestModels.AddMul(), new VerifiedModelOptions { Name = ModelName, ExpectedDigest = Sha256Digest.Compute([1]) }));
        _tracing.ForceFlush();
        var load = _spans.Single(s => s.DisplayName == "load_model " + ModelName);
        load.Status.ShouldBe(ActivityStatusCode.Error);
        load.GetTagItem("error.type").ShouldBe(typeof(ModelDigestMismatchException).FullName);
    }

    [Fact]
    public async Task BatchedInference_CarriesBatchAndLogIndex_AndBatchMetrics()
    {
        var folder = Directory.CreateTempSubdirectory("openverify-otel-").FullName;
        try
        {
            using var model = Load();
            using (var log = ReceiptLog.Open(Path.Combine(folder, "receipts.jsonl")))
            {
                log.Append(model.Run(Inputs(0f), new InferenceOptions { Signer = _key }).Receipt);
                await using var batching = new BatchingSigner(_key, new BatchingSignerOptions { MaxBatchSize = 3, MaxDelay = TimeSpan.FromMinutes(1), Log = log });
                var results = await Task.WhenAll(Enumerable.Range(1, 3).Select(i => model.RunAsync(Inputs(i), batching)));
                _tracing.ForceFlush();

                var spans = _spans.Where(s => s.DisplayName == "inference " + ModelName).ToList();
                spans.Count.ShouldBe(4);
                foreach (var result in results)
                {
                    var span = spans.Single(s => (string?)s.GetTagItem("openverify.receipt.id") == result.Receipt.Id.ToString());
                    span.GetTagItem("openverify.batch.index").ShouldBe((long)result.Receipt.Envelope.Batch!.Index);
                    span.GetTagItem("openverify.batch.size").ShouldBe(3L);
                    // The unbatched receipt took log index 0; the batch took 1..3 in leaf order.
                    span.GetTagItem("openverify.log.index").ShouldBe(1L + result.Receipt.Envelope.Batch.Index);
                }
            }

            var signed = Points("openverify.receipts.signed");
            signed.Single(p => (string?)Tag(p, "openverify.signing.mode") == "batch").GetSumLong().ShouldBe(3);
            signed.Single(p => (string?)Tag(p, "openverify.signing.mode") == "single").GetSumLong().ShouldBe(1);
            var size = Points("openverify.batch.size").ShouldHaveSingleItem();
            size.GetHistogramCount().ShouldBe(1);
            size.GetHistogramSum().ShouldBe(3);
            Instrument("openverify.batch.seal_latency").Unit.ShouldBe("s");
            Points("openverify.batch.seal_latency").Single().GetHistogramCount().ShouldBe(1);

            // Two signatures: the unbatched receipt and the batch root; the batched receipts themselves are not signed.
            var signing = Points("openverify.signing.duration");
            Instrument("openverify.signing.duration").Unit.ShouldBe("s");
            signing.Sum(p => p.GetHistogramCount()).ShouldBe(2);
            signing.Select(p => (string?)Tag(p, "openverify.payload_type")).ShouldBe([Receipt.PayloadType, BatchRoot.PayloadType], ignoreOrder: true);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Verification_RecordsResult_FirstFailedCheck_Duration_AndFailures()
    {
        using var model = Load();
        var result = model.Run(Inputs(1f), new InferenceOptions { Signer = _key });
        var verifier = new ReceiptVerifier(TrustStore.For(_key.PublicKey));
        verifier.Verify(result.Receipt, new ReceiptVerificationOptions { ReplayModel = model, Inputs = Inputs(1f) }).Succeeded.ShouldBeTrue();
        verifier.Verify(result.Receipt, new ReceiptVerificationOptions { Inputs = Inputs(2f) }).Succeeded.ShouldBeFalse();
        using var stranger = SigningKey.Generate();
        new ReceiptVerifier(TrustStore.For(stranger.PublicKey)).Verify(result.Receipt.ToJson()).Succeeded.ShouldBeFalse();
        new ReceiptVerifier(TrustStore.For(stranger.PublicKey)).Verify("{ not json").Succeeded.ShouldBeFalse();
        _tracing.ForceFlush();

        var spans = _spans.Where(s => s.DisplayName == "verify_receipt").ToList();
        spans.Count.ShouldBe(4);
        spans.ShouldAllBe(s => s.Kind == ActivityKind.Internal);
        spans[0].GetTagItem("openverify.verification.result").ShouldBe("verified");
        spans[0].GetTagItem("openverify.receipt.id").ShouldBe(result.Receipt.Id.ToString());
        spans[0].GetTagItem("gen_ai.request.model").ShouldBe(ModelName);
        spans[0].GetTagItem("openverify.model.digest").ShouldBe(model.Digest.ToString());
        spans[0].Status.ShouldBe(ActivityStatusCode.Unset);
        spans[1].GetTagItem("openverify.verification.result").ShouldBe("failed");
        spans[1].GetTagItem("openverify.verification.check").ShouldBe(VerificationChecks.Inputs);
        spans[1].Status.ShouldBe(ActivityStatusCode.Error);
        spans[2].GetTagItem("openverify.verification.check").ShouldBe(VerificationChecks.Signature);
        spans[3].GetTagItem("openverify.verification.check").ShouldBe(VerificationChecks.Envelope);

        var failures = Points("openverify.verification.failures");
        failures.Select(p => ((string?)Tag(p, "openverify.verification.check"), p.GetSumLong()))
            .ShouldBe([(VerificationChecks.Inputs, 1L), (VerificationChecks.Signature, 1L), (VerificationChecks.Envelope, 1L)], ignoreOrder: true);
        var durations = Points("openverify.verification.duration");
        Instrument("openverify.verification.duration").Unit.ShouldBe("s");
        durations.Single(p => (string?)Tag(p, "openverify.verification.result") == "verified").GetHistogramCount().ShouldBe(1);
        durations.Single(p => (string?)Tag(p, "openverify.verification.result") == "failed").GetHistogramCount().ShouldBe(3);
    }

    [Fact]
    public void WithoutAListener_NoSpanStarts()
    {
        _tracing.Dispose();
        using var listenerless = Load();
        using var parent = new Activity("parent").Start();
        listenerless.Run(Inputs(1f), new InferenceOptions { Signer = _key });
        Activity.Current.ShouldBeSameAs(parent);
        _spans.ShouldBeEmpty();
    }
}
