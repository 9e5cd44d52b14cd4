using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using OpenVerify.Analyzers.Configuration;
using OpenVerify.Analyzers.Diagnostics;

namespace OpenVerify.Analyzers.Rules;

/// <summary>
/// OV2011: under <c>strict</c>, one Info per compilation saying that the OpenVerify analyzers ran on it. The build turns
/// on the compiler's error log and, after compiling, looks for this entry (with the assembly's name and the gate);
/// without it the OpenVerify analyzers did not run on what was compiled (removed <c>Analyzer</c> items, excluded
/// package assets, analyzers skipped, the gate lowered before compiling) and the build fails with OV2008.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class GateProofAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(DiagnosticDescriptors.GateProof);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationAction(c =>
        {
            if (GateModeReader.Read(c.Options) == GateMode.Strict)
            {
                c.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.GateProof, Location.None, c.Compilation.AssemblyName ?? string.Empty, "strict"));
            }
        });
    }
}
