using System.Text.Json;

namespace OpenVerify.EndToEnd;

/// <summary>
/// The command-line paths users take besides <c>dotnet build</c>: a SARIF 2.1.0 error log for code scanning
/// (<c>-p:ErrorLog=findings.sarif%2Cversion=2.1</c>) and <c>dotnet format analyzers --diagnostics OV0001</c>, which
/// applies code fixes' Fix All to the whole project. On fresh copies of Assets/AuditApp and Assets/IdeApp from the
/// packed feed.
/// </summary>
[Collection(PackedFeedCollection.Name)]
public sealed class CommandLinePathTests(PackedFeed feed)
{
    private const string HelpLinkBase = "https://github.com/openverify/openverify/blob/main/docs/rules/";

    [Fact]
    public void The_SARIF_error_log_names_the_OV_rules_with_help_links_and_locations()
    {
        var directory = Sample("AuditApp", "AuditApp-sarif");
        var build = feed.DotNetIn(directory, "build", "-p:ErrorLog=findings.sarif%2Cversion=2.1");
        build.ExitCode.ShouldBe(0, build.ToString());

        using var sarif = JsonDocument.Parse(File.ReadAllText(Path.Combine(directory, "findings.sarif")));
        sarif.RootElement.GetProperty("version").GetString().ShouldBe("2.1.0");
        sarif.RootElement.GetProperty("$schema").GetString().ShouldContain("sarif-2.1.0");
        var run = sarif.RootElement.GetProperty("runs").EnumerateArray().Single();

        var rule = run.GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray()
            .Single(r => r.GetProperty("id").GetString() == "OV0001");
        rule.GetProperty("helpUri").GetString().ShouldBe(HelpLinkBase + "OV0001.md");
        rule.GetProperty("shortDescription").GetProperty("text").GetString().ShouldNotBeNullOrWhiteSpace();

        var results = run.GetProperty("results").EnumerateArray().Where(r => r.GetProperty("ruleId").GetString() == "OV0001").ToList();
        var found = results.Select(r =>
        {
            r.GetProperty("level").GetString().ShouldBe("warning");
            var location = r.GetProperty("locations").EnumerateArray().Single().GetProperty("physicalLocation");
            var file = Path.GetFileName(new Uri(location.GetProperty("artifactLocation").GetProperty("uri").GetString()!).LocalPath);
            return $"{file}:{location.GetProperty("region").GetProperty("startLine").GetInt32()}";
        });
        found.ShouldBe(LinesCalling(directory, "session.Run("), ignoreOrder: true);
    }

    [Fact]
    public void Dotnet_format_applies_the_Allow_fix_all_to_every_flagged_call_and_the_project_still_builds()
    {
        var directory = Sample("AuditApp", "AuditApp-format");
        var flagged = LinesCalling(directory, "session.Run(");
        flagged.Count.ShouldBe(4);
        var restore = feed.DotNetIn(directory, "restore");
        restore.ExitCode.ShouldBe(0, restore.ToString());

        // dotnet format takes no -p: properties; the sample's Directory.Build.props names the packed version.
        var format = DotNet.Run(directory, PackedFeed.BuildTimeout, "format", "analyzers", "AuditApp.csproj", "--diagnostics", "OV0001", "--severity", "warn", "--no-restore", "-v", "diag");
        format.ExitCode.ShouldBe(0, format.ToString());

        var scoring = File.ReadAllText(Path.Combine(directory, "Scoring.cs"));
        CountOf(scoring, "[AllowUnverifiedAi(\"\")]").ShouldBe(3, scoring);
        scoring.ShouldContain("using OpenVerify;");
        scoring.ShouldContain("    [AllowUnverifiedAi(\"\")]\n    public float[] Sum(");
        // dotnet format tries each code fix registered for OV0001 with a Fix All in Solution; "Extract into a
        // [VerifiedInference] method" has none (docs/analyzers.md, "Fixing from the command line").
        scoring.ShouldNotContain("[VerifiedInference", customMessage: format.Output);

        // The top-level call goes into a local function that carries the attribute.
        var program = File.ReadAllText(Path.Combine(directory, "Program.cs"));
        program.ShouldContain("[AllowUnverifiedAi(\"\")]\nIDisposableReadOnlyCollection<DisposableNamedOnnxValue> UnverifiedRun() => session.Run(inputs);\nConsole.WriteLine(UnverifiedRun().Count);");

        var build = feed.DotNetIn(directory, "build", "--no-restore");
        build.ExitCode.ShouldBe(0, build.ToString());
        build.Output.ShouldNotContain("warning OV0001");
        build.Output.ShouldContain("warning OV1009", customMessage: "each [AllowUnverifiedAi(\"\")] now asks for its reason");
    }

    [Fact]
    public void Dotnet_format_applies_the_Allow_fix_all_for_ML_chat_and_embeddings_not_the_verified_path_fixes()
    {
        // dotnet format runs, for each id, every code fix registered for it on the diagnostics it found first; "Allow"
        // is defined first in OpenVerify.CodeFixes.dll, and the verified-path fixes after it then find those stale.
        // A bulk run from the command line thus never changes what the program does (docs/analyzers.md).
        var directory = Sample("IdeApp", "IdeApp-format");
        var restore = feed.DotNetIn(directory, "restore");
        restore.ExitCode.ShouldBe(0, restore.ToString());

        var format = DotNet.Run(directory, PackedFeed.BuildTimeout, "format", "analyzers", "IdeApp.csproj", "--diagnostics", "OV0002", "OV0003", "OV0004", "--severity", "warn", "--no-restore");
        format.ExitCode.ShouldBe(0, format.ToString());

        var ml = File.ReadAllText(Path.Combine(directory, "Ml.cs"));
        ml.ShouldContain("    [AllowUnverifiedAi(\"\")]\n    public static float Score(", Case.Sensitive, ml);
        ml.ShouldNotContain("VerifiedMLModel", Case.Sensitive);
        var chat = File.ReadAllText(Path.Combine(directory, "Chat.cs"));
        chat.ShouldContain("    [AllowUnverifiedAi(\"\")]\n    public static async Task<string> AskAsync(", Case.Sensitive, chat);
        chat.ShouldContain("    [AllowUnverifiedAi(\"\")]\n    public static async Task<float[]> EmbedAsync(", Case.Sensitive, chat);
        chat.ShouldNotContain(".UseOpenVerify()", Case.Sensitive);
    }

    private string Sample(string sample, string name)
    {
        var directory = feed.CreateSample(sample, name);
        Directory.CreateDirectory(Path.Combine(directory, "models"));
        File.WriteAllBytes(Path.Combine(directory, "models", "add_mul.onnx"), OpenVerify.Testing.TestModels.AddMul());
        File.WriteAllText(Path.Combine(directory, "Directory.Build.props"), $"""
            <Project>
              <PropertyGroup>
                <OpenVerifyVersion>{feed.Version}</OpenVerifyVersion>
              </PropertyGroup>
            </Project>
            """);
        return directory;
    }

    /// <summary>"file:line" of each source line that contains <paramref name="text"/>.</summary>
    private static List<string> LinesCalling(string directory, string text) =>
        Directory.EnumerateFiles(directory, "*.cs")
            .SelectMany(file => File.ReadAllLines(file).Select((line, index) => (line, index))
                .Where(l => l.line.Contains(text, StringComparison.Ordinal))
                .Select(l => $"{Path.GetFileName(file)}:{l.index + 1}"))
            .ToList();

    private static int CountOf(string text, string value)
    {
        var count = 0;
        for (var at = text.IndexOf(value, StringComparison.Ordinal); at >= 0; at = text.IndexOf(value, at + value.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
