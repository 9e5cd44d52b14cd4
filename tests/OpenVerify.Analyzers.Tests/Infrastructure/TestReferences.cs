using System.Collections.Immutable;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;

namespace OpenVerify.Analyzers.Tests.Infrastructure;

/// <summary>
/// The references every test compilation gets: the .NET 10 reference assemblies from Basic.Reference.Assemblies
/// (nothing is downloaded at test time), the OpenVerify attributes, and the real AI SDK assemblies with the
/// dependencies they need that sit beside the test assembly.
/// </summary>
internal static class TestReferences
{
    /// <summary>No reference package at all: <see cref="ReferenceAssemblies"/> then resolves nothing and never reaches NuGet.</summary>
    public static readonly ReferenceAssemblies None = new("net10.0");

    private static readonly Assembly[] AiAssemblies =
    {
        typeof(Microsoft.ML.OnnxRuntime.InferenceSession).Assembly,
        typeof(Microsoft.ML.PredictionEngineBase<,>).Assembly,
        typeof(Microsoft.ML.MLContext).Assembly,
        typeof(Microsoft.ML.IDataView).Assembly,
        typeof(Microsoft.ML.ITransformer).Assembly,
        typeof(Microsoft.Extensions.AI.IChatClient).Assembly,
        typeof(Microsoft.Extensions.AI.ChatClientStructuredOutputExtensions).Assembly,
        typeof(OpenAI.Chat.ChatClient).Assembly,
        typeof(System.ClientModel.ClientResult).Assembly,
        typeof(Microsoft.SemanticKernel.Kernel).Assembly,
        typeof(Microsoft.SemanticKernel.KernelExtensions).Assembly,
        typeof(OpenVerify.AllowUnverifiedAiAttribute).Assembly,
    };

    public static readonly ImmutableArray<MetadataReference> All = Build();

    /// <summary>The SDKs mark some APIs experimental (an error by default); test code uses them on purpose.</summary>
    public static readonly ImmutableDictionary<string, ReportDiagnostic> ExperimentalApiDiagnostics =
        new[] { "MEAI001", "OPENAI001", "OPENAI002", "SKEXP0001", "SKEXP0010", "SKEXP0110" }
            .ToImmutableDictionary(id => id, _ => ReportDiagnostic.Suppress);

    /// <summary>Only the framework and the attributes: a code base that references no AI SDK.</summary>
    public static readonly ImmutableArray<MetadataReference> FrameworkOnly =
        Basic.Reference.Assemblies.Net100.References.All.Cast<MetadataReference>()
            .Append(MetadataReference.CreateFromFile(typeof(OpenVerify.AllowUnverifiedAiAttribute).Assembly.Location))
            .ToImmutableArray();

    /// <summary>
    /// <see cref="All"/>, Microsoft.Extensions.AI.OpenAI (<c>AsIChatClient()</c>), the OpenVerify runtime and the real
    /// OpenVerify.Extensions.AI assembly with its verified client types (the test project references it; the analyzers
    /// never do: they recognise the types by metadata name).
    /// </summary>
    public static ImmutableArray<MetadataReference> WithVerifiedClients => VerifiedClients.Value;

    private static readonly Lazy<ImmutableArray<MetadataReference>> VerifiedClients = new(() => All
        .Add(MetadataReference.CreateFromFile(typeof(OpenVerify.ISigner).Assembly.Location))
        .Add(MetadataReference.CreateFromFile(typeof(Microsoft.Extensions.AI.OpenAIClientExtensions).Assembly.Location))
        .Add(MetadataReference.CreateFromFile(typeof(OpenVerify.Extensions.AI.VerifiedChatClient).Assembly.Location)));

    /// <summary><see cref="WithVerifiedClients"/> and Semantic Kernel's OpenAI and Azure OpenAI connectors (<c>AddOpenAIChatCompletion</c>, <c>AddAzureOpenAIChatCompletion</c>) with Azure.AI.OpenAI.</summary>
    public static ImmutableArray<MetadataReference> WithSemanticKernelOpenAi => SemanticKernelOpenAi.Value;

    private static readonly Lazy<ImmutableArray<MetadataReference>> SemanticKernelOpenAi = new(() => WithVerifiedClients
        .Add(MetadataReference.CreateFromFile(typeof(Microsoft.SemanticKernel.OpenAIKernelBuilderExtensions).Assembly.Location))
        .Add(MetadataReference.CreateFromFile(typeof(Microsoft.SemanticKernel.AzureOpenAIKernelBuilderExtensions).Assembly.Location))
        .Add(MetadataReference.CreateFromFile(typeof(Azure.AI.OpenAI.AzureOpenAIClient).Assembly.Location))
        .Add(MetadataReference.CreateFromFile(typeof(Azure.Core.TokenCredential).Assembly.Location)));

    /// <summary><see cref="WithVerifiedClients"/> and OpenVerify.Extensions.AI.OpenAI (the OpenAI SDK clients' verified wrappers).</summary>
    public static ImmutableArray<MetadataReference> WithOpenAiSdkWrappers => OpenAiSdkWrappers.Value;

    private static readonly Lazy<ImmutableArray<MetadataReference>> OpenAiSdkWrappers = new(() => WithVerifiedClients
        .Add(MetadataReference.CreateFromFile(typeof(OpenVerify.Extensions.AI.VerifiedOpenAIChatClient).Assembly.Location)));

    /// <summary><see cref="All"/> and Microsoft.Extensions.AI.OpenAI, without the verified client types: a project without the package.</summary>
    public static ImmutableArray<MetadataReference> WithOpenAiAdapter =>
        All.Add(MetadataReference.CreateFromFile(typeof(Microsoft.Extensions.AI.OpenAIClientExtensions).Assembly.Location));

    private static ImmutableArray<MetadataReference> Build()
    {
        var baseDirectory = AppContext.BaseDirectory;
        var paths = new SortedSet<string>(StringComparer.Ordinal);
        var pending = new Queue<string>(AiAssemblies.Select(a => a.Location));
        while (pending.Count > 0)
        {
            var path = pending.Dequeue();
            if (!paths.Add(path))
            {
                continue;
            }

            // Dependencies that ship beside the test assembly are package assemblies; framework ones come from the reference pack.
            foreach (var name in ReferencedNames(path))
            {
                var candidate = Path.Combine(baseDirectory, name + ".dll");
                if (File.Exists(candidate))
                {
                    pending.Enqueue(candidate);
                }
            }
        }

        return Basic.Reference.Assemblies.Net100.References.All.Cast<MetadataReference>()
            .Concat(paths.Select(p => MetadataReference.CreateFromFile(p)))
            .ToImmutableArray();
    }

    private static IEnumerable<string> ReferencedNames(string path)
    {
        using var stream = File.OpenRead(path);
        using var reader = new System.Reflection.PortableExecutable.PEReader(stream);
        var metadata = System.Reflection.Metadata.PEReaderExtensions.GetMetadataReader(reader);
        return metadata.AssemblyReferences
            .Select(handle => metadata.GetString(metadata.GetAssemblyReference(handle).Name))
            .ToList();
    }
}
