using System.Collections;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using OpenVerify.Analyzers.Generation;

namespace OpenVerify.Analyzers.Tests.Generator;

/// <summary>The generator caches: unrelated edits and other models' changes leave a method's output alone.</summary>
public class IncrementalGeneratorTests
{
    private static readonly string[] TrackedSteps =
    {
        VerifiedInferenceGenerator.MethodsStep,
        VerifiedInferenceGenerator.ManifestStep,
        VerifiedInferenceGenerator.MethodWithModelStep,
        VerifiedInferenceGenerator.SourceStep,
    };

    private const string Source = """
        using OpenVerify;
        namespace Sample;
        public sealed record SumAndProduct(float[] Sum, float[] Product);
        public static partial class Maths
        {
            [VerifiedInference("models/add_mul.onnx")]
            public static partial Attested<SumAndProduct> AddMul(float[] a, float[] b);

            [VerifiedInference("models/batch.onnx")]
            public static partial Attested<float[]> Relu([Shape(-1, 3)] float[] x);
        }
        """;

    [Fact]
    public void An_unrelated_edit_leaves_every_tracked_step_cached_or_unchanged()
    {
        var compilation = GeneratorHarness.Compilation(Source, "namespace Sample; public static class Other { public static int Value => 1; }");
        var driver = GeneratorHarness.Driver(GeneratorHarness.StandardManifest()).RunGenerators(compilation);

        var edited = compilation.ReplaceSyntaxTree(
            compilation.SyntaxTrees.Last(),
            CSharpSyntaxTree.ParseText("namespace Sample; public static class Other { public static int Value => 2; }", GeneratorHarness.ParseOptions, path: compilation.SyntaxTrees.Last().FilePath));
        var result = driver.RunGenerators(edited).GetRunResult().Results.Single();

        foreach (var step in TrackedSteps)
        {
            var outputs = result.TrackedSteps[step].SelectMany(s => s.Outputs).ToList();
            outputs.ShouldNotBeEmpty(step);
            outputs.ShouldAllBe(o => o.Reason == IncrementalStepRunReason.Cached || o.Reason == IncrementalStepRunReason.Unchanged, step);
        }

        result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs)
            .ShouldAllBe(o => o.Reason == IncrementalStepRunReason.Cached || o.Reason == IncrementalStepRunReason.Unchanged);
    }

    [Fact]
    public void Changing_one_model_regenerates_only_its_methods()
    {
        var compilation = GeneratorHarness.Compilation(Source);
        var original = new InMemoryAdditionalText(GeneratorHarness.ManifestPath, GeneratorHarness.StandardManifest("a"));
        var driver = GeneratorHarness.Driver(null).AddAdditionalTexts([original]).RunGenerators(compilation);

        var changed = new InMemoryAdditionalText(GeneratorHarness.ManifestPath, GeneratorHarness.StandardManifest("f"));
        var result = driver.ReplaceAdditionalText(original, changed).RunGenerators(compilation).GetRunResult().Results.Single();

        var sources = result.TrackedSteps[VerifiedInferenceGenerator.SourceStep].SelectMany(s => s.Outputs).ToList();
        sources.Count.ShouldBe(2);
        sources.Count(o => o.Reason == IncrementalStepRunReason.Modified).ShouldBe(1);
        sources.Count(o => o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged).ShouldBe(1);
        var modified = (GeneratedSource)sources.Single(o => o.Reason == IncrementalStepRunReason.Modified).Value!;
        modified.Text.ShouldContain("AddMul");
        modified.Text.ShouldContain("sha256:ffff");
    }

    [Fact]
    public void Pipeline_values_hold_no_symbols_syntax_or_compilations()
    {
        var result = GeneratorHarness.Run(GeneratorHarness.StandardManifest(), Source).Result.Results.Single();
        var forbidden = new[] { typeof(ISymbol), typeof(SyntaxNode), typeof(Compilation), typeof(SemanticModel), typeof(Location), typeof(SyntaxTree) };
        var visited = new HashSet<object>(ReferenceEqualityComparer.Instance);
        foreach (var step in TrackedSteps)
        {
            foreach (var output in result.TrackedSteps[step].SelectMany(s => s.Outputs))
            {
                Walk(output.Value, forbidden, visited, step);
            }
        }
    }

    private static void Walk(object? value, Type[] forbidden, HashSet<object> visited, string path)
    {
        if (value is null || value is string || value.GetType().IsPrimitive || value.GetType().IsEnum)
        {
            return;
        }

        var type = value.GetType();
        forbidden.ShouldNotContain(f => f.IsAssignableFrom(type), $"{path} holds a {type}");
        if (!type.IsValueType && !visited.Add(value))
        {
            return;
        }

        if (value is IEnumerable items)
        {
            var i = 0;
            foreach (var item in items)
            {
                Walk(item, forbidden, visited, $"{path}[{i++}]");
            }
        }

        for (var t = type; t is not null && t != typeof(object); t = t.BaseType)
        {
            foreach (var field in t.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            {
                Walk(field.GetValue(value), forbidden, visited, $"{path}.{field.Name}");
            }
        }
    }
}
