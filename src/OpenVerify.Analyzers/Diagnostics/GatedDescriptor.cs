using Microsoft.CodeAnalysis;
using OpenVerify.Analyzers.Configuration;

namespace OpenVerify.Analyzers.Diagnostics;

/// <summary>
/// One rule seen through the build gate: a configurable diagnostic (a warning, or for OV1001–OV1008 and OV2006 an
/// error) for <c>warn</c>, and a
/// <see cref="WellKnownDiagnosticTags.NotConfigurable"/> error with the same id for <c>strict</c>, which
/// <c>.editorconfig</c>, <c>NoWarn</c> and <c>#pragma</c> cannot turn down.
/// </summary>
internal sealed class GatedDescriptor
{
    private GatedDescriptor(DiagnosticDescriptor warn, DiagnosticDescriptor strict)
    {
        Warn = warn;
        Strict = strict;
    }

    public DiagnosticDescriptor Warn { get; }

    public DiagnosticDescriptor Strict { get; }

    public string Id => Warn.Id;

    public DiagnosticDescriptor For(GateMode mode) => mode == GateMode.Strict ? Strict : Warn;

    public static GatedDescriptor Create(string id, string title, string messageFormat, string description) =>
        Create(id, title, messageFormat, description, DiagnosticSeverity.Warning);

    /// <summary>
    /// A rule whose problem breaks the build's output (a generated method that can only throw): an error in every mode,
    /// configurable outside <c>strict</c>, <see cref="WellKnownDiagnosticTags.NotConfigurable"/> under it.
    /// </summary>
    public static GatedDescriptor CreateError(string id, string title, string messageFormat, string description) =>
        Create(id, title, messageFormat, description, DiagnosticSeverity.Error);

    /// <summary>A rule that only informs outside <c>strict</c> (what is allowed there) and is an error under it.</summary>
    public static GatedDescriptor CreateInfo(string id, string title, string messageFormat, string description) =>
        Create(id, title, messageFormat, description, DiagnosticSeverity.Info);

    private static GatedDescriptor Create(string id, string title, string messageFormat, string description, DiagnosticSeverity severity)
    {
        var warn = new DiagnosticDescriptor(
            id, title, messageFormat, DiagnosticDescriptors.Category, severity,
            isEnabledByDefault: true, description: description, helpLinkUri: DiagnosticIds.HelpLink(id));
        var strict = new DiagnosticDescriptor(
            id, title, messageFormat, DiagnosticDescriptors.Category, DiagnosticSeverity.Error,
            isEnabledByDefault: true, description: description, helpLinkUri: DiagnosticIds.HelpLink(id),
            customTags: new[] { WellKnownDiagnosticTags.NotConfigurable, DiagnosticDescriptors.StrictGateTag });
        return new GatedDescriptor(warn, strict);
    }
}
