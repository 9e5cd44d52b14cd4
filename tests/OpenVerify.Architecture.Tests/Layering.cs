namespace OpenVerify.Architecture.Tests;

/// <summary>What a project is, for the layering rules.</summary>
public enum Layer
{
    /// <summary>The netstandard2.0 attributes, and the project that packs them with the analyzers, code fixes and task as
    /// the OpenVerify.Analyzers package (it compiles nothing; a reference to it yields the attributes).</summary>
    Attributes,

    /// <summary>The runtime, src/OpenVerify.</summary>
    Runtime,

    /// <summary>Roslyn analyzers and the source generator.</summary>
    Analyzers,

    /// <summary>Roslyn code fixes.</summary>
    CodeFixes,

    /// <summary>The MSBuild task (netstandard2.0, BCL only).</summary>
    BuildTask,

    /// <summary>The <c>openverify</c> tool.</summary>
    Cli,

    /// <summary>A package that integrates the runtime with a framework (Microsoft.Extensions.AI, ML.NET, hosting,
    /// OpenTelemetry, PKCS#11).</summary>
    Integration,
}

/// <summary>A rule: projects of the <see cref="From"/> layers never see (reference, directly or through another project,
/// or compile a source file of) a project of the <see cref="Forbidden"/> layers, and see at least one project of each
/// of the <see cref="Required"/> layers.</summary>
/// <param name="Description">The rule as docs/architecture.md states it.</param>
/// <param name="From">The layers the rule constrains.</param>
/// <param name="Forbidden">The layers they never see (a project never counts as seeing itself).</param>
/// <param name="Required">The layers they must see.</param>
public sealed record LayerRule(string Description, IReadOnlyList<Layer> From, IReadOnlyList<Layer> Forbidden, IReadOnlyList<Layer>? Required = null)
{
    public override string ToString() => Description;
}

/// <summary>
/// The layering of src/ as data (DESIGN.md, "Repository layout"; docs/architecture.md). A new project is added to
/// <see cref="Projects"/> with its layer, and every rule of that layer covers it; a project missing from the table fails
/// <see cref="LayeringChecker"/>.
/// </summary>
public static class Layering
{
    /// <summary>The shared kernel's props file: the one way a source file is compiled into more than one project.</summary>
    public const string SharedProps = "src/Shared/OpenVerify.Shared.props";

    public static readonly IReadOnlyDictionary<string, Layer> Projects = new Dictionary<string, Layer>(StringComparer.Ordinal)
    {
        ["OpenVerify.Abstractions"] = Layer.Attributes,
        ["OpenVerify.Analyzers.Pack"] = Layer.Attributes,
        ["OpenVerify"] = Layer.Runtime,
        ["OpenVerify.Analyzers"] = Layer.Analyzers,
        ["OpenVerify.CodeFixes"] = Layer.CodeFixes,
        ["OpenVerify.Build"] = Layer.BuildTask,
        ["OpenVerify.Cli"] = Layer.Cli,
        ["OpenVerify.Extensions.AI"] = Layer.Integration,
        ["OpenVerify.ML"] = Layer.Integration,
        ["OpenVerify.Extensions.Hosting"] = Layer.Integration,
        ["OpenVerify.OpenTelemetry"] = Layer.Integration,
        ["OpenVerify.Pkcs11"] = Layer.Integration,
        ["OpenVerify.Extensions.AI.OpenAI"] = Layer.Integration,
    };

    /// <summary>Integration packages built on another integration package, as (package, the one it builds on): the only
    /// exceptions to "integration packages never see each other". OpenVerify.Extensions.AI.OpenAI runs the OpenAI SDK's
    /// calls through OpenVerify.Extensions.AI's verified chat client, so that its receipts are ordinary chat receipts.</summary>
    public static readonly IReadOnlyList<(string Project, string BuiltOn)> BuiltOn = [("OpenVerify.Extensions.AI.OpenAI", "OpenVerify.Extensions.AI")];

    /// <summary>The only src projects that see another src project's internals (InternalsVisibleTo), as (granting
    /// project, the one it grants to), each because the two always ship as one build: the code fixes are packed into the
    /// OpenVerify.Analyzers package beside the analyzers, and the <c>openverify</c> tool package carries the runtime
    /// assembly it was built with. Two separately versioned NuGet packages never do: a user who upgrades one of them would
    /// get MissingMethodException at run time; a package reaches another through its public API.</summary>
    public static readonly IReadOnlyList<(string Project, string GrantsTo)> InternalsShippedTogether =
    [
        ("OpenVerify.Analyzers", "OpenVerify.CodeFixes"),
        ("OpenVerify", "OpenVerify.Cli"),
    ];

    public const string InternalsRule = "No src package sees another src package's internals, except projects shipped in one package";

    private static readonly Layer[] Everything = Enum.GetValues<Layer>();

    public static readonly IReadOnlyList<LayerRule> Rules =
    [
        new("Analyzers and code fixes never see the runtime", [Layer.Analyzers, Layer.CodeFixes], [Layer.Runtime]),
        new("The runtime never sees the analyzers, code fixes, build task or CLI", [Layer.Runtime], [Layer.Analyzers, Layer.CodeFixes, Layer.BuildTask, Layer.Cli]),
        new("The build task sees only src/Shared", [Layer.BuildTask], Everything),
        new("The CLI never sees the analyzers", [Layer.Cli], [Layer.Analyzers, Layer.CodeFixes]),
        new("Integration packages see the runtime, never each other, the analyzers, code fixes, build task or CLI", [Layer.Integration],
            [Layer.Integration, Layer.Analyzers, Layer.CodeFixes, Layer.BuildTask, Layer.Cli], [Layer.Runtime]),
    ];

    /// <summary>The rules about sources and project names, checked beside <see cref="Rules"/>.</summary>
    public const string SourcesRule = "No source file is compiled into two projects except through src/Shared";

    public const string KnownProjectsRule = "Every project under src/ has a layer";
}
