using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace OpenVerify.Analyzers.Tests.Infrastructure;

/// <summary>An analyzer test against the real AI SDK assemblies, offline, with the gate and options as a project sets them.</summary>
internal sealed class AnalyzerTest<TAnalyzer> : CSharpAnalyzerTest<TAnalyzer, DefaultVerifier>
    where TAnalyzer : DiagnosticAnalyzer, new()
{
    public AnalyzerTest(string source, params string[] extraSources)
    {
        TestCode = source;
        foreach (var extra in extraSources)
        {
            TestState.Sources.Add(extra);
        }

        OfflineSetup.Apply(this);
    }

    /// <summary>Sets global analyzer options, as MSBuild's CompilerVisibleProperty and a .globalconfig do.</summary>
    public AnalyzerTest<TAnalyzer> WithGlobalOptions(params string[] lines)
    {
        TestState.AnalyzerConfigFiles.Add(("/.globalconfig", "is_global = true\n" + string.Join("\n", lines) + "\n"));
        return this;
    }

    public AnalyzerTest<TAnalyzer> WithGate(string gate) => WithGlobalOptions("build_property.OpenVerifyGate = " + gate);

    public AnalyzerTest<TAnalyzer> WithAdditionalFile(string path, string content)
    {
        TestState.AdditionalFiles.Add((path, content));
        return this;
    }

    public AnalyzerTest<TAnalyzer> WithReferences(IEnumerable<MetadataReference> references)
    {
        TestState.AdditionalReferences.Clear();
        TestState.AdditionalReferences.AddRange(references);
        return this;
    }

    /// <summary>For code that does not compile: compiler errors are not part of what is checked.</summary>
    public AnalyzerTest<TAnalyzer> IgnoringCompilerErrors()
    {
        CompilerDiagnostics = CompilerDiagnostics.None;
        return this;
    }

    public AnalyzerTest<TAnalyzer> Expect(params DiagnosticResult[] expected)
    {
        ExpectedDiagnostics.AddRange(expected);
        return this;
    }
}
