using Microsoft.CodeAnalysis;

namespace OpenVerify.Analyzers.Tests.Generator;

/// <summary>
/// The generated source for each supported shape of method, compared with approved files
/// (<c>Generator/Approved/*.approved.txt</c>), and compiled against the runtime with no errors.
/// </summary>
public class GeneratedSourceSnapshotTests
{
    public static TheoryData<string, string> Cases() => new()
    {
        {
            "record_of_outputs", """
            using OpenVerify;
            namespace Sample;
            public sealed record SumAndProduct(float[] Sum, float[] Product);
            public static partial class Maths
            {
                [VerifiedInference("models/add_mul.onnx")]
                public static partial Attested<SumAndProduct> AddMul(float[] a, float[] b);
            }
            """
        },
        {
            "task_with_return_output_and_cancellation", """
            using System.Threading;
            using System.Threading.Tasks;
            using OpenVerify;
            namespace Sample;
            public static partial class Maths
            {
                [VerifiedInference("models/add_mul.onnx")]
                [return: ModelOutput("sum")]
                public static partial Task<Attested<float[]>> AddAsync(float[] a, [ModelInput("b")] float[] other, CancellationToken cancellationToken);
            }
            """
        },
        {
            "valuetask_tuple", """
            using System.Threading.Tasks;
            using OpenVerify;
            namespace Sample;
            public partial class Calculator
            {
                [VerifiedInference("models/add_mul.onnx")]
                public partial ValueTask<Attested<(float[] Sum, float[] Product)>> BothAsync(float[] a, float[] b);
            }
            """
        },
        {
            "memory_with_shape", """
            using System;
            using OpenVerify;
            namespace Sample;
            public static partial class Batches
            {
                [VerifiedInference("models/batch.onnx")]
                public static partial Attested<float[]> Relu([Shape(-1, 3)] ReadOnlyMemory<float> x);
            }
            """
        },
        {
            "dense_tensor", """
            using Microsoft.ML.OnnxRuntime.Tensors;
            using OpenVerify;
            namespace Sample;
            public static partial class Batches
            {
                [VerifiedInference("models/batch.onnx")]
                public static partial Attested<DenseTensor<float>> Relu(DenseTensor<float> x);
            }
            """
        },
        {
            "scalar", """
            using OpenVerify;
            public static partial class Doubler
            {
                [VerifiedInference("models/scalar.onnx")]
                internal static partial Attested<float> Twice(float x);
            }
            """
        },
        {
            "strings", """
            using OpenVerify;
            namespace Sample.Text;
            public static partial class Echo
            {
                [VerifiedInference("models/strings.onnx")]
                public static partial Attested<string[]> Repeat(string[] textIn);
            }
            """
        },
        {
            "nested_generic_instance_embedded", """
            using OpenVerify;
            namespace Sample;
            internal partial class Outer<T>
            {
                private partial struct Inner
                {
                    [VerifiedInference("models/embedded.onnx")]
                    private partial Attested<long[]> Run([ModelInput("input.1")] long[] values);
                }
            }
            """
        },
        {
            "class_with_settable_members", """
            using OpenVerify;
            namespace Sample;
            public sealed class Scores
            {
                [ModelOutput("sum")]
                public float[] Total { get; set; } = [];
                public float[]? Product { get; init; }
            }
            public static partial class Maths
            {
                [VerifiedInference("models/add_mul.onnx")]
                public static partial Attested<Scores> Score(float[] a, float[] b);
            }
            """
        },
        {
            "mismatch_throws", """
            using OpenVerify;
            namespace Sample;
            public static partial class Broken
            {
                [VerifiedInference("models/add_mul.onnx")]
                public static partial Attested<float[]> Add(float[] a, float[] c);
            }
            """
        },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Generated_source_matches_the_approved_file_and_compiles(string name, string source)
    {
        var (result, output) = GeneratorHarness.Run(GeneratorHarness.StandardManifest(), source);

        result.Diagnostics.ShouldBeEmpty();
        var generated = result.Results.Single().GeneratedSources.ShouldHaveSingleItem();
        generated.SourceText.ToString().ShouldMatchApproved(c => c.WithDiscriminator(name).SubFolder("Approved").NoDiff());

        var errors = output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        errors.ShouldBeEmpty(string.Join("\n", errors));
    }

    [Fact]
    public void Generated_source_is_deterministic()
    {
        var source = (string)Cases().First()[1];
        var first = GeneratorHarness.Run(GeneratorHarness.StandardManifest(), source).Result.Results.Single().GeneratedSources.Single().SourceText.ToString();
        var second = GeneratorHarness.Run(GeneratorHarness.StandardManifest(), source).Result.Results.Single().GeneratedSources.Single().SourceText.ToString();
        second.ShouldBe(first);
        first.ShouldStartWith("// <auto-generated/>");
    }

    [Fact]
    public void Without_a_manifest_the_body_throws_naming_OV2006_so_the_build_shows_no_CS8795()
    {
        var source = (string)Cases().First()[1];
        var driver = GeneratorHarness.Driver(manifest: null).RunGeneratorsAndUpdateCompilation(GeneratorHarness.Compilation(source), out var output, out _);
        driver.GetRunResult().Results.Single().GeneratedSources.Single().SourceText.ToString().ShouldContain("OV2006");
        output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ShouldBeEmpty();
    }
}
