using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Reflection;

namespace OpenVerify.Telemetry;

/// <summary>
/// The runtime's activity source and instruments, and one small method per call site, so that the code being observed
/// gains a line or two and nothing else. Every method returns at once when nobody listens: spans start only when the
/// source has listeners, and tags are built only for activities that record data or instruments that are enabled.
/// </summary>
internal static class RuntimeTelemetry
{
    internal static readonly string Version = ReadVersion();

    internal static readonly ActivitySource Source = new(OpenVerifyTelemetry.SourceName, Version);

    internal static readonly Meter Meter = new(OpenVerifyTelemetry.SourceName, Version);

    // Seconds, from 100 µs (a signature) to 10 s (a slow replay or a batch waiting on a disk); the SDK's default
    // boundaries are meant for milliseconds and would put every OpenVerify timing in the first bucket.
    private static readonly InstrumentAdvice<double> SecondsAdvice = new()
    {
        HistogramBucketBoundaries = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    };

    internal static readonly Counter<long> ReceiptsSigned = Meter.CreateCounter<long>(
        "openverify.receipts.signed", "{receipt}", "Receipts signed, each on its own or in a batch.");

    internal static readonly Histogram<double> SigningDuration = Meter.CreateHistogram(
        "openverify.signing.duration", "s", "Time to sign one DSSE envelope (a receipt, a batch root or a tree head).", advice: SecondsAdvice);

    internal static readonly Histogram<double> VerificationDuration = Meter.CreateHistogram(
        "openverify.verification.duration", "s", "Time to verify one receipt, replay included.", advice: SecondsAdvice);

    internal static readonly Counter<long> VerificationFailures = Meter.CreateCounter<long>(
        "openverify.verification.failures", "{receipt}", "Receipts that failed verification, by the first check that failed.");

    internal static readonly Histogram<long> BatchSize = Meter.CreateHistogram(
        "openverify.batch.size", "{receipt}", "Receipts per signed batch.",
        advice: new InstrumentAdvice<long> { HistogramBucketBoundaries = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 4096] });

    internal static readonly Histogram<double> SealLatency = Meter.CreateHistogram(
        "openverify.batch.seal_latency", "s", "Time from a batch's first receipt to its root being signed (and logged).", advice: SecondsAdvice);

    /// <summary>The <c>gen_ai.operation.name</c> of an inference span.</summary>
    internal const string InferenceOperation = "inference";

    /// <summary>The <c>gen_ai.provider.name</c> of an inference span.</summary>
    internal const string Provider = "onnxruntime";

    private static string ReadVersion()
    {
        var assembly = typeof(RuntimeTelemetry).Assembly;
        var informational = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        if (informational is { Length: > 0 })
        {
            var plus = informational.IndexOf('+', StringComparison.Ordinal);
            return plus < 0 ? informational : informational[..plus];
        }

        return assembly.GetName().Version?.ToString(3) ?? "0.0.0";
    }

    /// <summary>Starts the span of one inference, <c>inference {model}</c> (the GenAI conventions' pattern).</summary>
    internal static Activity? StartInference(VerifiedModel model)
    {
        if (!Source.HasListeners())
        {
            return null;
        }

        var activity = Source.StartActivity(InferenceOperation + " " + model.Name, ActivityKind.Internal);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag("gen_ai.operation.name", InferenceOperation);
            activity.SetTag("gen_ai.provider.name", Provider);
            activity.SetTag("gen_ai.request.model", model.Name);
            activity.SetTag("openverify.model.digest", model.Digest.ToString());
        }

        return activity;
    }

    /// <summary>Ends an inference span with its receipt, and counts a receipt signed on its own.</summary>
    internal static void Inferred(Activity? activity, Receipt receipt, bool signed)
    {
        if (signed && ReceiptsSigned.Enabled)
        {
            ReceiptsSigned.Add(1, new KeyValuePair<string, object?>("openverify.signing.mode", "single"));
        }

        if (activity is null)
        {
            return;
        }

        if (activity.IsAllDataRequested)
        {
            activity.SetTag("openverify.receipt.id", receipt.Id.ToString());
            if (receipt.Envelope.Batch is { } batch)
            {
                activity.SetTag("openverify.batch.index", batch.Index);
                activity.SetTag("openverify.batch.size", batch.TreeSize);
            }
        }

        activity.Dispose();
    }

    /// <summary>Adds the log index of a receipt the inference's batch appended to a receipt log.</summary>
    internal static void Logged(Activity? activity, long logIndex)
    {
        if (activity is { IsAllDataRequested: true } && logIndex >= 0)
        {
            activity.SetTag("openverify.log.index", logIndex);
        }
    }

    /// <summary>Ends a span that failed with an exception.</summary>
    internal static void Failed(Activity? activity, Exception error)
    {
        if (activity is null)
        {
            return;
        }

        activity.SetStatus(ActivityStatusCode.Error, error.GetType().Name);
        if (activity.IsAllDataRequested)
        {
            activity.SetTag("error.type", error.GetType().FullName);
        }

        activity.Dispose();
    }

    /// <summary>Starts the span of a model load, <c>load_model {model}</c>.</summary>
    internal static Activity? StartModelLoad(string name, int bytes)
    {
        if (!Source.HasListeners())
        {
            return null;
        }

        var activity = Source.StartActivity("load_model " + name, ActivityKind.Internal);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag("gen_ai.request.model", name);
            activity.SetTag("openverify.model.size", bytes);
        }

        return activity;
    }

    /// <summary>Ends a model load span.</summary>
    internal static void ModelLoaded(Activity? activity, VerifiedModel model)
    {
        if (activity is null)
        {
            return;
        }

        if (activity.IsAllDataRequested)
        {
            activity.SetTag("openverify.model.digest", model.Digest.ToString());
        }

        activity.Dispose();
    }

    /// <summary>Starts the span of one receipt verification, <c>verify_receipt</c>.</summary>
    internal static Activity? StartVerification() =>
        Source.HasListeners() ? Source.StartActivity("verify_receipt", ActivityKind.Internal) : null;

    /// <summary>The timestamp a verification's duration is measured from, or 0 when no listener records durations: on
    /// a virtual machine reading the clock can cost a sizeable share of a verification that reads it for nothing.</summary>
    internal static long VerificationStarted() => VerificationDuration.Enabled ? Stopwatch.GetTimestamp() : 0;

    /// <summary>Ends a verification span and records its duration (when it was started with a listener, see
    /// <see cref="VerificationStarted"/>) and, on failure, the first check that failed.</summary>
    internal static void Verified(Activity? activity, Receipt? receipt, VerificationResult result, long startTimestamp)
    {
        var failed = result.FirstFailure?.Name ?? (result.Succeeded ? null : VerificationChecks.Envelope);
        var outcome = failed is null ? "verified" : "failed";
        if (startTimestamp != 0 && VerificationDuration.Enabled)
        {
            VerificationDuration.Record(
                Stopwatch.GetElapsedTime(startTimestamp).TotalSeconds,
                new KeyValuePair<string, object?>("openverify.verification.result", outcome));
        }

        if (failed is not null && VerificationFailures.Enabled)
        {
            VerificationFailures.Add(1, new KeyValuePair<string, object?>("openverify.verification.check", failed));
        }

        if (activity is null)
        {
            return;
        }

        if (activity.IsAllDataRequested)
        {
            activity.SetTag("openverify.verification.result", outcome);
            if (failed is not null)
            {
                activity.SetTag("openverify.verification.check", failed);
            }

            if (receipt is not null)
            {
                activity.SetTag("openverify.receipt.id", receipt.Id.ToString());
                if (receipt.Envelope.Batch is { } batch)
                {
                    activity.SetTag("openverify.batch.index", batch.Index);
                }
            }

            if (result.Statement is { } statement)
            {
                activity.SetTag("gen_ai.request.model", statement.Predicate.Model.Name);
                if (statement.Predicate.Model.Digest.TryGetValue("sha256", out var digest))
                {
                    activity.SetTag("openverify.model.digest", "sha256:" + digest);
                }
            }

            if (result.SignerKeyId is { } keyId)
            {
                activity.SetTag("openverify.key.id", keyId);
            }
        }

        if (failed is not null)
        {
            activity.SetStatus(ActivityStatusCode.Error, "failed check: " + failed);
        }

        activity.Dispose();
    }

    /// <summary>Records the time one envelope took to sign.</summary>
    /// <summary>The timestamp a signature's duration is measured from, or 0 when no listener records durations (the
    /// clock is not read for nothing on every receipt).</summary>
    internal static long SigningStarted() => SigningDuration.Enabled ? Stopwatch.GetTimestamp() : 0;

    internal static void Signed(string payloadType, long startTimestamp)
    {
        if (startTimestamp != 0 && SigningDuration.Enabled)
        {
            SigningDuration.Record(
                Stopwatch.GetElapsedTime(startTimestamp).TotalSeconds,
                new KeyValuePair<string, object?>("openverify.payload_type", payloadType));
        }
    }

    /// <summary>Records a signed batch: its size, how long its first receipt waited, and the receipts it signed.</summary>
    internal static void BatchSealed(int size, long firstReceiptTimestamp)
    {
        if (ReceiptsSigned.Enabled)
        {
            ReceiptsSigned.Add(size, new KeyValuePair<string, object?>("openverify.signing.mode", "batch"));
        }

        if (BatchSize.Enabled)
        {
            BatchSize.Record(size);
        }

        if (SealLatency.Enabled)
        {
            SealLatency.Record(Stopwatch.GetElapsedTime(firstReceiptTimestamp).TotalSeconds);
        }
    }
}
