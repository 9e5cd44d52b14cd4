namespace OpenVerify.Telemetry;

/// <summary>
/// The names under which the runtime reports traces and metrics through <c>System.Diagnostics</c>: one
/// <see cref="System.Diagnostics.ActivitySource"/> and one <see cref="System.Diagnostics.Metrics.Meter"/>, both named
/// <see cref="SourceName"/> and versioned with the runtime. Subscribe with OpenTelemetry
/// (<c>AddOpenVerifyInstrumentation()</c> from OpenVerify.OpenTelemetry, or <c>AddSource("OpenVerify")</c> and
/// <c>AddMeter("OpenVerify")</c>), <c>dotnet-counters</c>, or an <see cref="System.Diagnostics.ActivityListener"/>.
/// docs/telemetry.md lists every span, attribute and instrument.
/// </summary>
public static class OpenVerifyTelemetry
{
    /// <summary>The name of the runtime's activity source and meter.</summary>
    public const string SourceName = "OpenVerify";

    /// <summary>The version the activity source and meter carry: the runtime's version (without build metadata).</summary>
    public static string Version => RuntimeTelemetry.Version;
}
