using OpenVerify.Telemetry;

namespace OpenTelemetry.Trace
{
    /// <summary>Adds OpenVerify's spans to an OpenTelemetry tracer provider.</summary>
    public static class OpenVerifyTracerProviderBuilderExtensions
    {
        /// <summary>
        /// Subscribes to the runtime's <c>OpenVerify</c> activity source: a span per inference (<c>inference {model}</c>),
        /// per receipt verification (<c>verify_receipt</c>) and per model load (<c>load_model {model}</c>), all of kind
        /// internal, with <c>gen_ai.*</c> and <c>openverify.*</c> attributes (docs/telemetry.md).
        /// </summary>
        public static TracerProviderBuilder AddOpenVerifyInstrumentation(this TracerProviderBuilder builder)
        {
            ArgumentNullException.ThrowIfNull(builder);
            return builder.AddSource(OpenVerifyTelemetry.SourceName);
        }
    }
}

namespace OpenTelemetry.Metrics
{
    /// <summary>Adds OpenVerify's metrics to an OpenTelemetry meter provider.</summary>
    public static class OpenVerifyMeterProviderBuilderExtensions
    {
        /// <summary>
        /// Subscribes to the runtime's <c>OpenVerify</c> meter: receipts signed, signing and verification duration
        /// (seconds), verification failures by check, batch size and seal latency (docs/telemetry.md).
        /// </summary>
        public static MeterProviderBuilder AddOpenVerifyInstrumentation(this MeterProviderBuilder builder)
        {
            ArgumentNullException.ThrowIfNull(builder);
            return builder.AddMeter(OpenVerifyTelemetry.SourceName);
        }
    }
}
