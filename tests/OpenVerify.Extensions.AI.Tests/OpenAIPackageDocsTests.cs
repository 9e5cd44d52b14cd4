using System.Xml.Linq;

namespace OpenVerify.Extensions.AI.Tests;

/// <summary>The README and the package description name every SDK-typed verified client the OpenAI package ships.</summary>
public sealed class OpenAIPackageDocsTests
{
    private static readonly string[] SdkClients = [.. typeof(VerifiedOpenAIChatClient).Assembly.GetExportedTypes()
        .Where(t => t.Name.StartsWith("VerifiedOpenAI", StringComparison.Ordinal) && t.Name.EndsWith("Client", StringComparison.Ordinal))
        .Select(t => t.Name["VerifiedOpenAI".Length..])];

    [Fact]
    public void TheReadme_NamesEachSdkClientAndItsVerifiedType()
    {
        SdkClients.Length.ShouldBeGreaterThanOrEqualTo(6);
        var readme = File.ReadAllText(Path.Combine(ChatVectorTests.RepoRoot, "README.md"));
        SdkClients.Where(c => !readme.Contains($"`{c}`", StringComparison.Ordinal) && !readme.Contains($"`VerifiedOpenAI{c}`", StringComparison.Ordinal))
            .ShouldBeEmpty("README.md names neither the SDK's client nor its verified type");
    }

    [Fact]
    public void ThePackageDescription_NamesEachSdkClient()
    {
        var project = XDocument.Load(Path.Combine(ChatVectorTests.RepoRoot, "src", "OpenVerify.Extensions.AI.OpenAI", "OpenVerify.Extensions.AI.OpenAI.csproj"));
        var description = project.Descendants("Description").Single().Value;
        SdkClients.Where(c => !description.Contains(c, StringComparison.Ordinal)).ShouldBeEmpty();
    }
}
