using System.Text;
using OpenVerify.Testing;

namespace OpenVerify.EndToEnd;

/// <summary>
/// Docs that run as pasted: every C# snippet of README.md and docs/*.md is built, in one console app that references
/// the packed OpenVerify package, and run, each in a fresh folder holding what the docs say a reader has: the models
/// under <c>models/</c> and a key made as <c>openverify keygen --out keys/receipts</c> makes it. A snippet that does not
/// build or run fails the test with its file and line, unless it is marked as a fragment (see <see cref="DocSnippet"/>).
/// </summary>
[Collection(PackedFeedCollection.Name)]
public sealed class DocSnippetTests(PackedFeed feed)
{
    /// <summary>The ONNX backend test data the docs copy models from (Debian's libonnx-testdata).</summary>
    private const string BackendTestData = "/usr/share/libonnx-testdata/data/node";

    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(2);

    /// <summary>The models the docs name, with where a reader gets each (the docs say the same).</summary>
    private static IEnumerable<(string Path, Func<byte[]> Bytes)> Models() =>
    [
        ("models/add.onnx", () => File.ReadAllBytes(Path.Combine(BackendTestData, "test_add", "model.onnx"))),
        ("models/top_k.onnx", () => File.ReadAllBytes(Path.Combine(BackendTestData, "test_top_k", "model.onnx"))),
        ("models/batch.onnx", TestModels.DynamicBatch),
    ];

    [Fact]
    public void The_docs_have_runnable_snippets_and_every_marker_names_a_reason()
    {
        var snippets = AllSnippets();
        snippets.Count(s => s.Mode == SnippetMode.Run).ShouldBeGreaterThanOrEqualTo(6);
        snippets.Where(s => s.Mode != SnippetMode.Run).ShouldAllBe(s => !string.IsNullOrWhiteSpace(s.Reason));
    }

    [Fact]
    public void A_marker_without_a_reason_is_an_error_naming_the_line()
    {
        var path = Path.Combine(feed.Root, "marker-without-reason.md");
        File.WriteAllText(path, "# Page\n\n<!-- snippet: skip -->\n```csharp\nConsole.WriteLine();\n```\n");
        var error = Should.Throw<FormatException>(() => DocSnippet.Extract(path, "page.md"));
        error.Message.ShouldStartWith("page.md:3:");
    }

    [SkippableFact]
    public void Every_csharp_snippet_in_the_docs_builds_and_runs_against_the_packages()
    {
        if (!Directory.Exists(BackendTestData))
        {
            var message = $"The ONNX backend test data the docs use is not installed at {BackendTestData}: apt-get install -y libonnx-testdata.";
            if (Environment.GetEnvironmentVariable("OPENVERIFY_CI") == "1")
            {
                Assert.Fail(message);
            }

            Skip.If(true, message);
        }

        var snippets = AllSnippets().Where(s => s.Mode != SnippetMode.Skip).ToList();
        var project = WriteProject(snippets);
        var build = feed.DotNetIn(project, "build", "-c", "Release");
        build.ExitCode.ShouldBe(0, "a C# snippet in the docs does not build (the errors name the Markdown file and line):\n" + Errors(build));

        var failures = new StringBuilder();
        var app = Path.Combine(project, "bin", "Release", "net10.0", "DocSnippets.dll");
        foreach (var snippet in snippets.Where(s => s.Mode == SnippetMode.Run))
        {
            var folder = ReaderFolder(snippet);
            var run = DotNet.Start("dotnet", folder, RunTimeout, app, snippet.Name);
            if (run.ExitCode != 0)
            {
                failures.Append(snippet).Append(" does not run: ").Append(run).Append('\n');
            }
        }

        failures.ToString().ShouldBeEmpty();
    }

    private IReadOnlyList<DocSnippet> AllSnippets() =>
        [.. DocSnippet.DocumentFiles(feed.RepositoryRoot).SelectMany(path => DocSnippet.Extract(path, Path.GetRelativePath(feed.RepositoryRoot, path).Replace('\\', '/')))];

    /// <summary>One console app holding every snippet, in a fresh folder below the feed's root.</summary>
    private string WriteProject(IReadOnlyList<DocSnippet> snippets)
    {
        var project = Path.Combine(feed.Root, "DocSnippets");
        Directory.CreateDirectory(project);
        // A console app as `dotnet new console` makes it, plus ASP.NET Core, the hosting and OpenTelemetry packages and the
        // OpenTelemetry SDK's hosting package for the hosting and telemetry snippets.
        File.WriteAllText(Path.Combine(project, "DocSnippets.csproj"), """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="OpenVerify" Version="$(OpenVerifyVersion)" />
                <PackageReference Include="OpenVerify.ML" Version="$(OpenVerifyVersion)" />
                <PackageReference Include="OpenVerify.Extensions.Hosting" Version="$(OpenVerifyVersion)" />
                <PackageReference Include="OpenVerify.OpenTelemetry" Version="$(OpenVerifyVersion)" />
                <PackageReference Include="OpenTelemetry.Extensions.Hosting" Version="1.20.1" />
                <FrameworkReference Include="Microsoft.AspNetCore.App" />
              </ItemGroup>
            </Project>
            """);
        WriteModels(project);

        var program = new StringBuilder("// Runs the snippet named by the first argument, with the other arguments as its args.\nswitch (args.Length > 0 ? args[0] : string.Empty)\n{\n");
        foreach (var snippet in snippets)
        {
            File.WriteAllText(Path.Combine(project, snippet.Name + ".cs"), snippet.ToSourceFile());
            program.Append("    case \"").Append(snippet.Name).Append("\": await DocSnippets.").Append(snippet.Name).Append(".Snippet.Run(args[1..]); return 0;\n");
        }

        program.Append("    default: Console.Error.WriteLine(\"usage: DocSnippets <snippet>\"); return 2;\n}\n");
        File.WriteAllText(Path.Combine(project, "Program.cs"), program.ToString());
        return project;
    }

    /// <summary>A fresh folder as a reader of the docs has it when running a snippet: the models and a receipt key.</summary>
    private string ReaderFolder(DocSnippet snippet)
    {
        var folder = Path.Combine(feed.Root, "doc-runs", snippet.Name);
        WriteModels(folder);
        Directory.CreateDirectory(Path.Combine(folder, "keys"));
        using var key = SigningKey.Generate();
        key.Save(Path.Combine(folder, "keys", "receipts.key"));
        File.WriteAllText(Path.Combine(folder, "keys", "receipts.pub"), key.PublicKey.ExportPem());
        return folder;
    }

    private static void WriteModels(string folder)
    {
        foreach (var (path, bytes) in Models())
        {
            var target = Path.Combine(folder, path);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.WriteAllBytes(target, bytes());
        }
    }

    private static string Errors(ProcessResult build)
    {
        var errors = build.Output.Split('\n').Where(l => l.Contains(": error ", StringComparison.Ordinal)).Distinct().ToList();
        return errors.Count > 0 ? string.Join('\n', errors) : build.ToString();
    }
}
