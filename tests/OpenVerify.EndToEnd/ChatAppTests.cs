using System.Text.Json.Nodes;
using OpenVerify.Extensions.AI.Tests;

namespace OpenVerify.EndToEnd;

/// <summary>
/// A fresh console app outside the repository that references the packed OpenVerify.Extensions.AI and
/// Microsoft.Extensions.AI.OpenAI: it asks the real OpenAI SDK's chat client, made verified with
/// <c>.AsBuilder().UseOpenVerify().BuildVerified()</c>, for an answer from an OpenAI-compatible server on loopback,
/// saves the receipt and transcript, and the built <c>openverify</c> tool checks them (a tampered transcript is refused).
/// </summary>
[Collection(PackedFeedCollection.Name)]
public sealed class ChatAppTests(PackedFeed feed)
{
    [Fact]
    public async Task The_packed_chat_client_writes_a_receipt_that_the_cli_verifies_and_a_tampered_transcript_is_refused()
    {
        var directory = feed.CreateSample("ChatApp");
        using var key = SigningKey.Generate();
        var keyPath = Path.Combine(directory, "key.pem");
        var pubPath = Path.Combine(directory, "key.pub");
        File.WriteAllText(keyPath, key.ExportPkcs8Pem());
        File.WriteAllText(pubPath, key.PublicKey.ExportPem());
        var receipt = Path.Combine(directory, "receipt.json");
        var transcript = Path.Combine(directory, "transcript.json");

        var build = feed.DotNetIn(directory, "build", "-c", "Release");
        build.ExitCode.ShouldBe(0, build.ToString());

        await using (var server = await OpenAiCompatibleServer.StartAsync())
        {
            var run = await Task.Run(() => DotNet.Run(directory, PackedFeed.BuildTimeout, Path.Combine("bin", "Release", "net10.0", "ChatApp.dll"), server.Endpoint.ToString(), keyPath, receipt, transcript));
            run.ExitCode.ShouldBe(0, run.ToString());
            run.Output.ShouldContain("answer: Echo: Hello from the packed app");
            server.ChatRequests.ShouldBe(1);
        }

        var verify = Cli("verify", receipt, "--transcript", transcript, "--trust", pubPath);
        verify.ExitCode.ShouldBe(0, verify.ToString());
        verify.Output.ShouldContain("VERIFIED");

        var tampered = JsonNode.Parse(File.ReadAllText(transcript))!;
        tampered["response"]!["modelId"] = "another-model";
        var tamperedPath = Path.Combine(directory, "tampered.json");
        File.WriteAllText(tamperedPath, tampered.ToJsonString());
        var refused = Cli("verify", receipt, "--transcript", tamperedPath, "--trust", pubPath);
        refused.ExitCode.ShouldBe(1, refused.ToString());
        refused.Output.ShouldContain("The transcript differs from the one signed, first at /response/modelId.");
    }

    /// <summary>Runs the <c>openverify</c> tool built with the tests (as <c>dotnet tool run</c> would run the package).</summary>
    private static ProcessResult Cli(params string[] arguments) =>
        DotNet.Run(AppContext.BaseDirectory, PackedFeed.BuildTimeout, [ToolPath(), .. arguments]);

    private static string ToolPath() =>
        typeof(ChatAppTests).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
            .Cast<System.Reflection.AssemblyMetadataAttribute>().Single(a => a.Key == "OpenVerifyTool").Value!;
}
