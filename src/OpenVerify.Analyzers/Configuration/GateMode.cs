using System;
using Microsoft.CodeAnalysis.Diagnostics;

namespace OpenVerify.Analyzers.Configuration;

/// <summary>The build gate, from the MSBuild property <c>OpenVerifyGate</c>.</summary>
internal enum GateMode
{
    /// <summary>Nothing is reported.</summary>
    Off,

    /// <summary>Configurable warnings (the default).</summary>
    Warn,

    /// <summary>Errors that <c>.editorconfig</c>, <c>NoWarn</c> and <c>#pragma</c> cannot turn down.</summary>
    Strict,
}

internal static class GateModeReader
{
    public const string PropertyKey = "build_property.OpenVerifyGate";

    /// <summary>
    /// Reads the gate. Absent or empty means <c>warn</c>; a value that is none of <c>off</c>, <c>warn</c>, <c>strict</c>
    /// is read as <c>strict</c>, so a typo can never turn the gate down.
    /// </summary>
    public static GateMode Read(AnalyzerOptions options)
    {
        if (!options.AnalyzerConfigOptionsProvider.GlobalOptions.TryGetValue(PropertyKey, out var value))
        {
            return GateMode.Warn;
        }

        value = value.Trim();
        if (value.Length == 0 || value.Equals("warn", StringComparison.OrdinalIgnoreCase))
        {
            return GateMode.Warn;
        }

        return value.Equals("off", StringComparison.OrdinalIgnoreCase) ? GateMode.Off : GateMode.Strict;
    }
}
