using System.Collections.Immutable;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using OpenVerify.Analyzers.Generation;

namespace OpenVerify.Analyzers.Tests.Generator;

/// <summary>Runs <see cref="VerifiedInferenceGenerator"/> over source and a model manifest, offline.</summary>
internal static class GeneratorHarness
{
    public const string ManifestPath = "/project/obj/Debug/net10.0/openverify.models.txt";

    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    /// <summary>The framework, the attributes, the runtime and ONNX Runtime: what a project using OpenVerify compiles against.</summary>
    public static readonly ImmutableArray<MetadataReference> References =
        Basic.Reference.Assemblies.Net100.References.All.Cast<MetadataReference>()
            .Append(MetadataReference.CreateFromFile(typeof(VerifiedInferenceAttribute).Assembly.Location))
            .Append(MetadataReference.CreateFromFile(typeof(VerifiedModel).Assembly.Location))
            .Append(MetadataReference.CreateFromFile(typeof(Microsoft.ML.OnnxRuntime.InferenceSession).Assembly.Location))
            .ToImmutableArray();

    /// <summary>A manifest line, as the MSBuild task writes it.</summary>
    public static string Model(string path, string inputs, string outputs, string digestSeed = "a", string resource = "") =>
        $"model\tpath={path}\tdigest=sha256:{string.Concat(Enumerable.Repeat(digestSeed, 64))[..64]}\ttarget={path}\tresource={resource}\tir=8\tproducer=tests\topsets=ai.onnx:17\tinputs={inputs}\toutputs={outputs}";

    public static string Manifest(params string[] lines) => "# openverify-model-manifest v1\n" + string.Join("", lines.Select(l => l + "\n"));

    /// <summary>The standard models of these tests.</summary>
    public static string StandardManifest(string addMulDigestSeed = "a") => Manifest(
        Model("models/add_mul.onnx", "a:float[1,4];b:float[1,4]", "sum:float[1,4];product:float[1,4]", addMulDigestSeed),
        Model("models/batch.onnx", "x:float[?N,3]", "y:float[?N,3]", "b"),
        Model("models/scalar.onnx", "x:float[]", "y:float[]", "c"),
        Model("models/strings.onnx", "text_in:string[2]", "text_out:string[2]", "d"),
        Model("models/embedded.onnx", "input.1:int64[3]", "output:int64[3]", "e", "OpenVerify.Models/models/embedded.onnx"));

    public static CSharpCompilation Compilation(params string[] sources) =>
        CSharpCompilation.Create(
            "Sample",
            sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, ParseOptions, path: $"/project/Source{i}.cs")),
            References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    public static GeneratorDriver Driver(string? manifest) =>
        CSharpGeneratorDriver.Create(
            new[] { new VerifiedInferenceGenerator().AsSourceGenerator() },
            manifest is null ? ImmutableArray<AdditionalText>.Empty : ImmutableArray.Create<AdditionalText>(new InMemoryAdditionalText(ManifestPath, manifest)),
            ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>Runs the generator; returns the generated sources and the compilation with them added.</summary>
    public static (GeneratorDriverRunResult Result, Compilation Output) Run(string manifest, params string[] sources)
    {
        var driver = Driver(manifest).RunGeneratorsAndUpdateCompilation(Compilation(sources), out var output, out _);
        return (driver.GetRunResult(), output);
    }
}

/// <summary>An additional file held in memory.</summary>
internal sealed class InMemoryAdditionalText(string path, string text) : AdditionalText
{
    private readonly SourceText _text = SourceText.From(text, Encoding.UTF8);

    public override string Path { get; } = path;

    public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
}
