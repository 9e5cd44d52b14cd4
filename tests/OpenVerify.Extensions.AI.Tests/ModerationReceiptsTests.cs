using System.Text;
using System.Text.Json.Nodes;

namespace OpenVerify.Extensions.AI.Tests;

/// <summary>
/// <see cref="ModerationReceipts"/>, the public seam a provider SDK's moderation client signs through (the OpenAI
/// wrapper's, in a separately versioned package, among them): what it signs verifies, and a body it cannot bind as the
/// verifiers read it is refused before anything is signed.
/// </summary>
[Collection(ChatCollection.Name)]
public sealed class ModerationReceiptsTests(ChatFixture fixture)
{
    private static readonly Uri Endpoint = new("https://api.openai.com/v1");

    private static byte[] Body(int results) => Encoding.UTF8.GetBytes(
        "{\"id\":\"modr-1\",\"model\":\"omni-moderation-2024-09-26\",\"results\":["
        + string.Join(',', Enumerable.Repeat("{\"flagged\":false,\"categories\":{\"violence\":false},\"category_scores\":{\"violence\":0.01}}", results))
        + "]}");

    [Fact]
    public void Sign_BindsTheTextsAndTheBody_AndTheReceiptVerifies()
    {
        var receipt = ModerationReceipts.Sign("openai", Endpoint, "omni-moderation-latest", ModerationInputKind.Parts, ["a", "b"], Body(1), fixture.Key);

        var verified = fixture.Verifier.Verify(receipt, "moderation");
        verified.Succeeded.ShouldBeTrue(verified.ToString());
        var transcript = JsonNode.Parse(receipt.TranscriptJson!)!;
        transcript["request"]!["inputKind"]!.GetValue<string>().ShouldBe("parts");
        transcript["request"]!["inputs"]!.AsArray().Select(i => i!.GetValue<string>()).ShouldBe(["a", "b"]);
        transcript["response"]!["id"]!.GetValue<string>().ShouldBe("modr-1");
    }

    [Theory]
    [InlineData(ModerationInputKind.Text, 2)] // one text, two verdicts
    [InlineData(ModerationInputKind.Parts, 2)] // parts have one verdict for all
    [InlineData(ModerationInputKind.Text, 0)]
    public void Sign_RefusesABodyWhoseResultCountTheVerifiersRefuse(ModerationInputKind kind, int results)
    {
        // Signed, it would be a receipt every verifier refuses (§9.2), handed out beside a result the caller trusts.
        var e = Should.Throw<InvalidOperationException>(() =>
            ModerationReceipts.Sign("openai", Endpoint, "omni-moderation-latest", kind, ["only one"], Body(results), fixture.Key));
        e.Message.ShouldContain($"{results} results for 1");
    }

    [Fact]
    public void Sign_RefusesNoText() =>
        Should.Throw<ArgumentException>(() => ModerationReceipts.Sign("openai", Endpoint, "m", ModerationInputKind.Text, [], Body(0), fixture.Key));
}
