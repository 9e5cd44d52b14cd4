using Microsoft.CodeAnalysis.Testing;

namespace OpenVerify.Analyzers.Tests.Infrastructure;

/// <summary>What every analyzer and code-fix test shares: offline references and the behaviours tested explicitly.</summary>
internal static class OfflineSetup
{
    public static void Apply(Microsoft.CodeAnalysis.Testing.AnalyzerTest<DefaultVerifier> test)
    {
        test.ReferenceAssemblies = TestReferences.None;
        test.TestState.AdditionalReferences.AddRange(TestReferences.All);
        test.SolutionTransforms.Add((solution, projectId) =>
        {
            var options = solution.GetProject(projectId)!.CompilationOptions!;
            return solution.WithProjectCompilationOptions(projectId, options.WithSpecificDiagnosticOptions(
                options.SpecificDiagnosticOptions.SetItems(TestReferences.ExperimentalApiDiagnostics)));
        });

        // Generated code and #pragma behaviour are part of the contract here, and tested explicitly.
        test.TestBehaviors |= TestBehaviors.SkipGeneratedCodeCheck | TestBehaviors.SkipSuppressionCheck;
    }
}
