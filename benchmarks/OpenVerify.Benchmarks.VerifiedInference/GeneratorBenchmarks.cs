using System.Collections.Immutable;
using System.Text;
using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using OpenVerify.Analyzers.Generation;

namespace OpenVerify.VerifiedInferenceBenchmarks;

/// <summary>
/// <see cref="VerifiedInferenceGenerator"/> on a project of 500 <c>[VerifiedInference]</c> methods (50 files of 10
/// methods over 5 models, in six shapes of method: arrays, a record of outputs, a shaped ReadOnlyMemory, an async
/// method with explicit mapping and cancellation, strings, an embedded model) plus 20 ordinary files, driven through
/// Roslyn's <see cref="CSharpGeneratorDriver"/> with the model manifest as an additional file, as the compiler runs it.
/// The project is parsed once; each operation gets a fresh copy of the compilation (no symbols bound yet).
/// </summary>
[MemoryDiagnoser]
public class GeneratorBenchmarks
{
    /// <summary>How many attributed methods the project has.</summary>
    public const int MethodCount = 500;

    private const int MethodsPerFile = 10;
    private const int OrdinaryFiles = 20;
    private const string ManifestPath = "/project/obj/Release/net10.0/openverify.models.txt";

    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    private CSharpCompilation _compilation = null!;
    private CSharpCompilation _unrelatedEdit = null!;
    private CSharpCompilation _attributedEdit = null!;
    private AdditionalText _manifest = null!;
    private GeneratorDriver _warmDriver = null!;

    [GlobalSetup]
    public void Setup()
    {
        var references = Basic.Reference.Assemblies.Net100.References.All.Cast<MetadataReference>()
            .Append(MetadataReference.CreateFromFile(typeof(VerifiedInferenceAttribute).Assembly.Location))
            .Append(MetadataReference.CreateFromFile(typeof(VerifiedModel).Assembly.Location))
            .Append(MetadataReference.CreateFromFile(typeof(Microsoft.ML.OnnxRuntime.InferenceSession).Assembly.Location));
        var trees = new List<SyntaxTree> { Parse(SharedTypes, "/project/Shared.cs") };
        for (var f = 0; f < MethodCount / MethodsPerFile; f++)
        {
            trees.Add(Parse(MethodFile(f, edited: false), $"/project/Verified/Models{f:D2}.cs"));
        }

        for (var f = 0; f < OrdinaryFiles; f++)
        {
            trees.Add(Parse(OrdinaryFile(f, value: 1), $"/project/Ordinary/Ordinary{f:D2}.cs"));
        }

        _compilation = CSharpCompilation.Create(
            "FiveHundredMethods",
            trees,
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        var ordinary = trees[^1];
        _unrelatedEdit = _compilation.ReplaceSyntaxTree(ordinary, Parse(OrdinaryFile(OrdinaryFiles - 1, value: 2), ordinary.FilePath));
        var attributed = trees[1];
        _attributedEdit = _compilation.ReplaceSyntaxTree(attributed, Parse(MethodFile(0, edited: true), attributed.FilePath));
        _manifest = new InMemoryAdditionalText(ManifestPath, Manifest());

        // The first run must generate all 500 bodies without a diagnostic, and the result must compile.
        _warmDriver = NewDriver().RunGeneratorsAndUpdateCompilation(_compilation.Clone(), out var output, out var diagnostics);
        var run = _warmDriver.GetRunResult();
        var generated = run.Results.Single().GeneratedSources.Length;
        var errors = diagnostics.Concat(output.GetDiagnostics()).Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        if (generated != MethodCount || errors.Count > 0)
        {
            throw new InvalidOperationException(
                $"Expected {MethodCount} generated sources and no errors; got {generated} and {errors.Count} errors: " +
                string.Join(Environment.NewLine, errors.Take(5)));
        }

        // Incremental runs must reuse the cached output: nothing regenerated.
        foreach (var (name, edited) in new[] { ("unrelated", _unrelatedEdit), ("attributed", _attributedEdit) })
        {
            var again = _warmDriver.RunGenerators(edited.Clone()).GetRunResult().Results.Single();
            if (again.GeneratedSources.Length != MethodCount)
            {
                throw new InvalidOperationException($"The incremental run after the {name} edit generated {again.GeneratedSources.Length} sources.");
            }
        }
    }

    /// <summary>A cold driver: every method parsed, bound to its model and emitted.</summary>
    [Benchmark(Description = "First run (500 methods)")]
    public GeneratorDriver FirstRun() => NewDriver().RunGenerators(_compilation.Clone());

    /// <summary>The driver after a first run, on the project with a method body changed in an ordinary file.</summary>
    [Benchmark(Description = "Incremental, unrelated edit")]
    public GeneratorDriver IncrementalUnrelatedEdit() => _warmDriver.RunGenerators(_unrelatedEdit.Clone());

    /// <summary>For reference: the driver after a first run, on the project with a comment changed in a file of 10 attributed methods.</summary>
    [Benchmark(Description = "Incremental, edit in an attributed file")]
    public GeneratorDriver IncrementalAttributedFileEdit() => _warmDriver.RunGenerators(_attributedEdit.Clone());

    private GeneratorDriver NewDriver() =>
        CSharpGeneratorDriver.Create(
            [new VerifiedInferenceGenerator().AsSourceGenerator()],
            [_manifest],
            ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: false));

    private static SyntaxTree Parse(string text, string path) => CSharpSyntaxTree.ParseText(text, ParseOptions, path, Encoding.UTF8);

    private const string SharedTypes = """
        namespace Project.Verified;
        public sealed record SumAndProduct(float[] Sum, float[] Product);
        """;

    /// <summary>Ten attributed methods; method i has shape i % 6.</summary>
    private static string MethodFile(int file, bool edited)
    {
        var text = new StringBuilder();
        text.AppendLine("using System;")
            .AppendLine("using System.Threading;")
            .AppendLine("using System.Threading.Tasks;")
            .AppendLine("using OpenVerify;")
            .AppendLine("namespace Project.Verified;")
            .AppendLine(edited ? "// Edited: a comment changed." : "// Ten verified methods.")
            .AppendLine($"public static partial class Models{file:D2}")
            .AppendLine("{");
        for (var m = 0; m < MethodsPerFile; m++)
        {
            var i = file * MethodsPerFile + m;
            text.AppendLine((i % 6) switch
            {
                0 => $"""
                        [VerifiedInference("models/tiny.onnx")]
                        public static partial Attested<float[]> AddBias{i}(float[] x);
                    """,
                1 => $"""
                        [VerifiedInference("models/add_mul.onnx")]
                        public static partial Attested<SumAndProduct> AddMul{i}(float[] a, float[] b);
                    """,
                2 => $"""
                        [VerifiedInference("models/batch.onnx")]
                        public static partial Attested<float[]> Relu{i}([Shape(-1, 3)] ReadOnlyMemory<float> x);
                    """,
                3 => $"""
                        [VerifiedInference("models/add_mul.onnx")]
                        [return: ModelOutput("sum")]
                        public static partial Task<Attested<float[]>> AddAsync{i}(float[] a, [ModelInput("b")] float[] other, CancellationToken cancellationToken);
                    """,
                4 => $"""
                        [VerifiedInference("models/strings.onnx")]
                        public static partial Attested<string[]> Repeat{i}(string[] textIn);
                    """,
                _ => $"""
                        [VerifiedInference("models/embedded.onnx")]
                        internal static partial Attested<long[]> Count{i}([ModelInput("input.1")] long[] values);
                    """,
            });
        }

        return text.AppendLine("}").ToString();
    }

    private static string OrdinaryFile(int file, int value) => $$"""
        using System.Collections.Generic;
        using System.Linq;
        namespace Project.Ordinary;
        public sealed class Service{{file:D2}}
        {
            private readonly List<int> _values = new();
            public int Weight => {{value}};
            public void Add(int value) => _values.Add(value * Weight);
            public int Total() => _values.Sum();
            public override string ToString() => $"Service{{file:D2}}: {Total()}";
        }
        """;

    /// <summary>The manifest as the MSBuild task writes it (docs/spec/model-manifest.md), for the six models.</summary>
    private static string Manifest()
    {
        static string Model(string path, string inputs, string outputs, char seed, string resource = "") =>
            $"model\tpath={path}\tdigest=sha256:{new string(seed, 64)}\ttarget={path}\tresource={resource}\tir=8\tproducer=benchmarks\topsets=ai.onnx:17\tinputs={inputs}\toutputs={outputs}\n";

        return "# openverify-model-manifest v1\n"
            + Model("models/add_mul.onnx", "a:float[1,4];b:float[1,4]", "sum:float[1,4];product:float[1,4]", 'a')
            + Model("models/batch.onnx", "x:float[?N,3]", "y:float[?N,3]", 'b')
            + Model("models/embedded.onnx", "input.1:int64[3]", "output:int64[3]", 'e', "OpenVerify.Models/models/embedded.onnx")
            + Model("models/strings.onnx", "text_in:string[2]", "text_out:string[2]", 'd')
            + Model("models/tiny.onnx", "x:float[1,8]", "y:float[1,8]", 'f');
    }

    private sealed class InMemoryAdditionalText(string path, string text) : AdditionalText
    {
        private readonly SourceText _text = SourceText.From(text, Encoding.UTF8);

        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
    }
}
