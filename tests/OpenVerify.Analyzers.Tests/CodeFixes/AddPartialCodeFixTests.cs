using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using OpenVerify.Analyzers.Rules;
using OpenVerify.Analyzers.Tests.Generator;
using OpenVerify.CodeFixes;

namespace OpenVerify.Analyzers.Tests.CodeFixes;

public class AddPartialCodeFixTests
{
    private sealed class Test : CSharpCodeFixTest<VerifiedInferenceAnalyzer, AddPartialCodeFixProvider, DefaultVerifier>
    {
        public Test(string source, string fixedSource)
        {
            TestCode = source;
            FixedCode = fixedSource;
            ReferenceAssemblies = Infrastructure.TestReferences.None;
            TestState.AdditionalReferences.AddRange(GeneratorHarness.References);
            TestState.AdditionalFiles.Add((GeneratorHarness.ManifestPath, GeneratorHarness.StandardManifest()));
            FixedState.AdditionalFiles.Add((GeneratorHarness.ManifestPath, GeneratorHarness.StandardManifest()));

            // Without the generator the partial method has no implementation part (CS8795); that is not under test.
            CompilerDiagnostics = CompilerDiagnostics.None;
            MarkupOptions = MarkupOptions.UseFirstDescriptor;
            TestBehaviors |= TestBehaviors.SkipGeneratedCodeCheck | TestBehaviors.SkipSuppressionCheck;
        }
    }

    [Fact]
    public Task OV1001_makes_the_method_partial_and_drops_extern() => new Test("""
        using OpenVerify;
        public static partial class M
        {
            [VerifiedInference("models/scalar.onnx")]
            public static extern Attested<float> {|OV1001:Twice|}(float x);
        }
        """, """
        using OpenVerify;
        public static partial class M
        {
            [VerifiedInference("models/scalar.onnx")]
            public static partial Attested<float> Twice(float x);
        }
        """).RunAsync();

    [Fact]
    public Task OV1002_makes_every_containing_type_partial() => new Test("""
        using OpenVerify;
        public static class Outer
        {
            public static class Inner
            {
                [VerifiedInference("models/scalar.onnx")]
                public static partial Attested<float> {|OV1002:{|OV1002:Twice|}|}(float x);
            }
        }
        """, """
        using OpenVerify;
        public static partial class Outer
        {
            public static partial class Inner
            {
                [VerifiedInference("models/scalar.onnx")]
                public static partial Attested<float> Twice(float x);
            }
        }
        """).RunAsync();
}
