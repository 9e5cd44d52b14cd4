using Microsoft.CodeAnalysis.Diagnostics;
using OpenVerify.Analyzers.Configuration;

namespace OpenVerify.Analyzers.Rules;

/// <summary>
/// An OpenVerify analyzer under the build gate: it analyzes generated code too (exempting <c>&lt;auto-generated&gt;</c>
/// files would let a comment bypass the gate), and registers nothing when <c>OpenVerifyGate</c> is <c>off</c>.
/// </summary>
public abstract class GatedAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public sealed override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            var gate = GateModeReader.Read(start.Options);
            if (gate != GateMode.Off)
            {
                OnCompilationStart(start, gate);
            }
        });
    }

    /// <summary>Registers the rule's actions for one compilation, with the gate that applies to it.</summary>
    private protected abstract void OnCompilationStart(CompilationStartAnalysisContext context, GateMode gate);
}
