namespace OpenVerify.Architecture.Tests;

/// <summary>Each rule fires: the checker runs over a small synthetic repository in a temporary folder, first laid out
/// as the real one (no violation), then with one forbidden edge added.</summary>
public sealed class LayeringCheckerTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "openverify-arch-" + Guid.NewGuid().ToString("N"));

    public LayeringCheckerTests()
    {
        Project("OpenVerify.Abstractions", Reference("OpenVerify.Analyzers", buildOrderOnly: true) + Reference("OpenVerify.Build", buildOrderOnly: true));
        Project("OpenVerify", Reference("OpenVerify.Abstractions") + SharedImport);
        Project("OpenVerify.Analyzers", SharedImport);
        Project("OpenVerify.CodeFixes", Reference("OpenVerify.Analyzers"));
        Project("OpenVerify.Build", SharedImport);
        Project("OpenVerify.Cli", Reference("OpenVerify") + SharedImport);
        Project("OpenVerify.Extensions.AI", Reference("OpenVerify"));
        Project("OpenVerify.ML", Reference("OpenVerify"));
        Write("src/Shared/OpenVerify.Shared.props", """
            <Project>
              <ItemGroup>
                <Compile Include="$(MSBuildThisFileDirectory)Onnx/**/*.cs" Condition="'$(OpenVerifyShared)' != ''" />
              </ItemGroup>
            </Project>
            """);
    }

    private const string SharedImport = """<Import Project="../Shared/OpenVerify.Shared.props" />""";

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void TheSyntheticRepository_BreaksNoRule()
    {
        Check().ShouldBeEmpty();
    }

    [Theory]
    [InlineData("OpenVerify.Analyzers", "OpenVerify", "Analyzers and code fixes never see the runtime")]
    [InlineData("OpenVerify.CodeFixes", "OpenVerify", "Analyzers and code fixes never see the runtime")]
    [InlineData("OpenVerify", "OpenVerify.Analyzers", "The runtime never sees the analyzers, code fixes, build task or CLI")]
    [InlineData("OpenVerify", "OpenVerify.Cli", "The runtime never sees the analyzers, code fixes, build task or CLI")]
    [InlineData("OpenVerify", "OpenVerify.Build", "The runtime never sees the analyzers, code fixes, build task or CLI")]
    [InlineData("OpenVerify.Build", "OpenVerify", "The build task sees only src/Shared")]
    [InlineData("OpenVerify.Build", "OpenVerify.Analyzers", "The build task sees only src/Shared")]
    [InlineData("OpenVerify.Cli", "OpenVerify.Analyzers", "The CLI never sees the analyzers")]
    [InlineData("OpenVerify.ML", "OpenVerify.Extensions.AI", "Integration packages see the runtime, never each other, the analyzers, code fixes, build task or CLI")]
    public void AProjectReference_BreaksTheRule(string from, string to, string rule)
    {
        AddToProject(from, Reference(to));
        Check().ShouldContain(v => v.Rule == rule && v.Project == from && v.Detail.Contains(to, StringComparison.Ordinal));
    }

    [Fact]
    public void AReferenceThroughAnotherProject_BreaksTheRule()
    {
        // The CLI references the runtime; a runtime that referenced the analyzers would hand them to the CLI as well.
        AddToProject("OpenVerify", Reference("OpenVerify.Analyzers"));
        Check().ShouldContain(v => v.Rule == "The CLI never sees the analyzers" && v.Project == "OpenVerify.Cli" && v.Detail.Contains("through another project", StringComparison.Ordinal));
    }

    [Fact]
    public void ABuildOrderOnlyReference_IsNotSeeing()
    {
        AddToProject("OpenVerify", Reference("OpenVerify.Cli", buildOrderOnly: true));
        Check().ShouldBeEmpty();
    }

    [Theory]
    [InlineData("OpenVerify.Build", "../OpenVerify/Onnx/OnnxModelReader.cs", "The build task sees only src/Shared")]
    [InlineData("OpenVerify.Analyzers", "../OpenVerify/Tensors/ElementType.cs", "Analyzers and code fixes never see the runtime")]
    [InlineData("OpenVerify", "../OpenVerify.Build/ManifestValueList.cs", "The runtime never sees the analyzers, code fixes, build task or CLI")]
    [InlineData("OpenVerify.Cli", "..\\OpenVerify.Analyzers\\Manifest\\ManifestText.cs", "The CLI never sees the analyzers")]
    public void ALinkedSourceFile_BreaksTheLayeringRuleAndTheSourcesRule(string from, string file, string rule)
    {
        AddToProject(from, $"""<ItemGroup><Compile Include="{file}" Link="Linked/{Path.GetFileName(file)}" /></ItemGroup>""");
        var violations = Check();
        violations.ShouldContain(v => v.Rule == rule && v.Project == from && v.Detail.Contains("Compile Include", StringComparison.Ordinal));
        violations.ShouldContain(v => v.Rule == Layering.SourcesRule && v.Project == from);
    }

    [Fact]
    public void ASharedFileLinkedDirectly_BreaksTheSourcesRule()
    {
        AddToProject("OpenVerify.Cli", """<ItemGroup><Compile Include="../Shared/Onnx/OnnxModelReader.cs" /></ItemGroup>""");
        Check().ShouldContain(v => v.Rule == Layering.SourcesRule && v.Project == "OpenVerify.Cli" && v.Detail.Contains("not by a link", StringComparison.Ordinal));
    }

    [Fact]
    public void ACompileItemInAnotherPropsFile_BreaksTheSourcesRule()
    {
        Write("build/Extra.props", """<Project><ItemGroup><Compile Include="../src/OpenVerify/Sha256Digest.cs" /></ItemGroup></Project>""");
        AddToProject("OpenVerify.Cli", """<Import Project="../../build/Extra.props" />""");
        var violations = Check();
        violations.ShouldContain(v => v.Rule == Layering.SourcesRule && v.Detail.StartsWith("build/Extra.props compiles src/OpenVerify/Sha256Digest.cs", StringComparison.Ordinal));
    }

    [Fact]
    public void AnIntegrationPackageWithoutTheRuntime_BreaksTheRule()
    {
        Project("OpenVerify.Pkcs11", string.Empty);
        Check().ShouldContain(v => v.Project == "OpenVerify.Pkcs11" && v.Detail.Contains("does not reference the Runtime layer", StringComparison.Ordinal));
    }

    [Fact]
    public void AnIntegrationPackageSeeingTheCli_BreaksTheRule()
    {
        Project("OpenVerify.OpenTelemetry", Reference("OpenVerify") + Reference("OpenVerify.Cli"));
        Check().ShouldContain(v => v.Project == "OpenVerify.OpenTelemetry" && v.Detail.Contains("OpenVerify.Cli", StringComparison.Ordinal));
    }

    [Fact]
    public void AProjectWithoutALayer_BreaksTheRule()
    {
        Project("OpenVerify.Unheard", Reference("OpenVerify"));
        Check().ShouldContain(v => v.Rule == Layering.KnownProjectsRule && v.Project == "OpenVerify.Unheard");
    }

    private List<Violation> Check() => [.. LayeringChecker.Check(ProjectGraph.Load(_root))];

    private static string Reference(string project, bool buildOrderOnly = false) =>
        $"""<ItemGroup><ProjectReference Include="../{project}/{project}.csproj"{(buildOrderOnly ? " ReferenceOutputAssembly=\"false\"" : string.Empty)} /></ItemGroup>""";

    private void Project(string name, string body) =>
        Write($"src/{name}/{name}.csproj", $"""<Project Sdk="Microsoft.NET.Sdk">{body}</Project>""");

    private void AddToProject(string name, string body)
    {
        var path = Path.Combine(_root, "src", name, name + ".csproj");
        File.WriteAllText(path, File.ReadAllText(path).Replace("</Project>", body + "</Project>", StringComparison.Ordinal));
    }

    private void Write(string relative, string text)
    {
        var path = Path.Combine(_root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }
}
