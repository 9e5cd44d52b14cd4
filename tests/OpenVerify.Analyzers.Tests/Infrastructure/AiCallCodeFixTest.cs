using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using OpenVerify.Analyzers.Rules;

namespace OpenVerify.Analyzers.Tests.Infrastructure;

/// <summary>
/// A test of a code fix for OV0001–OV0004, offline against the real AI SDK assemblies: the fix, applied to the sources,
/// must give the fixed sources (the sources themselves where it is not offered), Fix All as the test sets it, and the
/// fixed code must compile against the same references (a compiler error fails the test). <c>{|OV0003:...|}</c> stands
/// for the rule's warn form, listed first; the strict form shares its id.
/// </summary>
/// <typeparam name="TFix">The code fix under test.</typeparam>
internal class AiCallCodeFixTest<TFix> : CSharpCodeFixTest<UnverifiedAiCallAnalyzer, TFix, DefaultVerifier>
    where TFix : CodeFixProvider, new()
{
    /// <param name="source">The code before, with the expected diagnostics in markup.</param>
    /// <param name="fixedSource">The code after; null where the fix is not offered.</param>
    /// <param name="references">The assemblies the code is compiled against, in place of every SDK assembly; null: all of them.</param>
    public AiCallCodeFixTest(string source, string? fixedSource = null, IEnumerable<MetadataReference>? references = null)
    {
        TestCode = source;
        FixedCode = fixedSource ?? source;
        Configure(references);
    }

    /// <summary>A fix over several documents (a consumer and the registration it gets its client from).</summary>
    public AiCallCodeFixTest((string Name, string Source)[] sources, (string Name, string Source)[]? fixedSources = null, IEnumerable<MetadataReference>? references = null)
    {
        foreach (var source in sources)
        {
            TestState.Sources.Add(source);
        }

        foreach (var source in fixedSources ?? sources)
        {
            FixedState.Sources.Add(source);
        }

        Configure(references);
    }

    private void Configure(IEnumerable<MetadataReference>? references)
    {
        OfflineSetup.Apply(this);
        if (references is not null)
        {
            TestState.AdditionalReferences.Clear();
            TestState.AdditionalReferences.AddRange(references);
        }

        MarkupOptions = MarkupOptions.UseFirstDescriptor;
    }
}
