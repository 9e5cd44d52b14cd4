#pragma warning disable OPENAI001 // ModerationInputPart (ClassifyInputs) is evaluation-only in the SDK.
using System.ClientModel;
using System.Text.Json.Nodes;
using OpenAI.Moderations;

namespace OpenVerify.Extensions.AI.Tests;

/// <summary>
/// <c>moderationClient.AsVerified()</c> (OpenVerify.Extensions.AI.OpenAI): the real OpenAI SDK against the loopback
/// server's <c>/v1/moderations</c>; the SDK's own results come back with a <c>moderation</c> receipt that binds the
/// model, the texts sent and the verdicts as the response body said them.
/// </summary>
[Collection(ChatCollection.Name)]
public sealed class OpenAIModerationVerifiedTests(ChatFixture fixture)
{
    private const string Model = "omni-moderation-latest";

    private ModerationClient Sdk() => fixture.OpenAi().GetModerationClient(Model);

    [Fact]
    public async Task ClassifyTextAsync_ReturnsTheSdkResult_WithAReceiptOfWhatWasSentAndReceived()
    {
        ClientResult<ModerationResult> result = await Sdk().AsVerified(fixture.Key).ClassifyTextAsync("I will attack the castle at dawn.");

        ModerationResult value = result;
        value.Flagged.ShouldBeTrue();
        value.Violence.Flagged.ShouldBeTrue();
        value.Violence.Score.ShouldBe(0.93f);
        value.Hate.Flagged.ShouldBeFalse();
        result.GetRawResponse().Status.ShouldBe(200);

        var receipt = result.GetReceipt();
        value.GetReceipt().Id.ShouldBe(receipt.Id);
        value.TryGetReceipt(out var same).ShouldBeTrue();
        same!.Id.ShouldBe(receipt.Id);
        var verified = fixture.Verifier.Verify(receipt, "moderation");
        verified.Succeeded.ShouldBeTrue(verified.ToString());

        var transcript = JsonNode.Parse(receipt.TranscriptJson!)!;
        transcript["operation"]!.GetValue<string>().ShouldBe("moderation");
        transcript["client"]!["defaultModel"]!.GetValue<string>().ShouldBe(Model);
        transcript["request"]!["model"]!.GetValue<string>().ShouldBe(Model);
        transcript["request"]!["inputKind"]!.GetValue<string>().ShouldBe("text");
        transcript["request"]!["inputs"]!.AsArray().Select(i => i!.GetValue<string>()).ShouldBe(["I will attack the castle at dawn."]);
        var wire = JsonNode.Parse(result.GetRawResponse().Content.ToString())!;
        transcript["response"]!["id"]!.GetValue<string>().ShouldBe(wire["id"]!.GetValue<string>());
        transcript["response"]!["model"]!.GetValue<string>().ShouldBe(OpenAiCompatibleServer.ModerationModel);
        var bound = transcript["response"]!["results"]![0]!;
        bound["flagged"]!.GetValue<bool>().ShouldBeTrue();
        bound["categories"]!["violence"]!.GetValue<bool>().ShouldBeTrue();
        bound["categories"]!.AsObject().Select(c => c.Key).ShouldBe(OpenAiCompatibleServer.ModerationCategories, ignoreOrder: true);
        // Every score as the wire said it (the SDK's float is the nearest single to it).
        foreach (var category in OpenAiCompatibleServer.ModerationCategories)
        {
            bound["categoryScores"]![category]!.GetValue<double>().ShouldBe(wire["results"]![0]!["category_scores"]![category]!.GetValue<double>());
        }

        ((float)bound["categoryScores"]!["self-harm/intent"]!.GetValue<double>()).ShouldBe(value.SelfHarmIntent.Score);
        bound["categoryAppliedInputTypes"]!["violence"]![0]!.GetValue<string>().ShouldBe("text");
    }

    [Fact]
    public void ClassifyText_Batch_OneReceiptBindsEveryResult_InOrder()
    {
        var client = Sdk().AsVerified(fixture.Key);

        ClientResult<ModerationResultCollection> result = client.ClassifyText(["A quiet walk in the park.", "They plan to attack the town."]);

        ModerationResultCollection collection = result;
        collection.Count.ShouldBe(2);
        collection[0].Flagged.ShouldBeFalse();
        collection[1].Flagged.ShouldBeTrue();
        collection.Model.ShouldBe(OpenAiCompatibleServer.ModerationModel);
        var receipt = result.GetReceipt();
        collection.GetReceipt().Id.ShouldBe(receipt.Id);
        collection.ShouldAllBe(r => r.GetReceipt().Id == receipt.Id);
        fixture.Verifier.Verify(receipt, "moderation").Succeeded.ShouldBeTrue();
        var transcript = JsonNode.Parse(receipt.TranscriptJson!)!;
        transcript["request"]!["inputs"]!.AsArray().Count.ShouldBe(2);
        transcript["response"]!["id"]!.GetValue<string>().ShouldBe(collection.Id);
        transcript["response"]!["results"]!.AsArray().Select(r => r!["flagged"]!.GetValue<bool>()).ShouldBe([false, true]);
    }

    [Fact]
    public async Task ClassifyText_SyncSingle_AndAsyncBatch_AreAttestedToo()
    {
        var client = Sdk().AsVerified(fixture.Key);

        var single = client.ClassifyText("Hello there.");
        var batch = await client.ClassifyTextAsync(new List<string> { "one", "two", "three" });

        single.Value.Flagged.ShouldBeFalse();
        fixture.Verifier.Verify(single.GetReceipt(), "moderation").Succeeded.ShouldBeTrue();
        batch.Value.Count.ShouldBe(3);
        fixture.Verifier.Verify(batch.Value.GetReceipt(), "moderation").Succeeded.ShouldBeTrue();
        single.GetReceipt().Id.ShouldNotBe(batch.GetReceipt().Id);
    }

    [Fact]
    public void Tampering_WithTheVerdictOrTheText_IsDetected_AndNamesTheField()
    {
        var receipt = Sdk().AsVerified(fixture.Key).ClassifyText(["fine text", "an attack"]).GetReceipt();

        var unflagged = JsonNode.Parse(receipt.TranscriptJson!)!;
        unflagged["response"]!["results"]![1]!["flagged"] = false;
        var result = fixture.Verifier.Verify(receipt.ToJson(), unflagged.ToJsonString());
        result.Succeeded.ShouldBeFalse();
        result.FirstFailure!.Name.ShouldBe("transcript");
        result.FirstFailure.Detail.ShouldContain("first at /response/results/1.");

        var otherText = JsonNode.Parse(receipt.TranscriptJson!)!;
        otherText["request"]!["inputs"]![0] = "other text";
        fixture.Verifier.Verify(receipt.ToJson(), otherText.ToJsonString()).FirstFailure!.Detail.ShouldContain("first at /request/inputs/0.");
    }

    [Fact]
    public async Task A_result_of_the_plain_SDK_client_carries_no_receipt()
    {
        var result = await Sdk().ClassifyTextAsync("plain call");
        var batch = Sdk().ClassifyText(["plain", "batch"]);

        result.TryGetReceipt(out _).ShouldBeFalse();
        result.Value.TryGetReceipt(out _).ShouldBeFalse();
        batch.Value.TryGetReceipt(out _).ShouldBeFalse();
        Should.Throw<InvalidOperationException>(() => result.Value.GetReceipt()).Message.ShouldContain("moderationClient.AsVerified()");
        Should.Throw<InvalidOperationException>(() => batch.Value.GetReceipt()).Message.ShouldContain("moderationClient.AsVerified()");
    }

    [Fact]
    public async Task ClassifyInputs_BindsTextParts_AndRefusesImagesBeforeAnythingIsSent()
    {
        var client = Sdk().AsVerified(fixture.Key);

        var parts = await client.ClassifyInputsAsync([ModerationInputPart.CreateTextPart("caption one"), ModerationInputPart.CreateTextPart("an attack caption")]);

        parts.Value.Flagged.ShouldBeTrue();
        var transcript = JsonNode.Parse(parts.GetReceipt().TranscriptJson!)!;
        transcript["request"]!["inputKind"]!.GetValue<string>().ShouldBe("parts");
        transcript["response"]!["results"]!.AsArray().Count.ShouldBe(1);
        fixture.Verifier.Verify(parts.GetReceipt(), "moderation").Succeeded.ShouldBeTrue();

        var before = fixture.Server.ModerationRequests;
        Should.Throw<NotSupportedException>(() => client.ClassifyInputs([ModerationInputPart.CreateTextPart("a"), ModerationInputPart.CreateImagePart(new Uri("https://example.com/a.png"))]))
            .Message.ShouldContain("image");
        fixture.Server.ModerationRequests.ShouldBe(before);
    }

    [SkippableFact]
    public async Task Fresh_moderation_receipts_verify_in_Python_and_a_changed_verdict_fails()
    {
        ChatVectorTests.RequirePython();
        var dir = Directory.CreateTempSubdirectory("openverify-moderation-interop-");
        try
        {
            var receipt = (await Sdk().AsVerified(fixture.Key).ClassifyTextAsync(["python calm", "python attack"])).GetReceipt();
            await File.WriteAllTextAsync(Path.Combine(dir.FullName, "signer.pub.pem"), fixture.Key.PublicKey.ExportPem());
            receipt.Save(Path.Combine(dir.FullName, "moderation.receipt.json"), Path.Combine(dir.FullName, "moderation.transcript.json"));

            var run = ChatVectorTests.RunPython("--chat", dir.FullName);
            run.ExitCode.ShouldBe(0, run.Output);

            var transcript = Path.Combine(dir.FullName, "moderation.transcript.json");
            await File.WriteAllTextAsync(transcript, (await File.ReadAllTextAsync(transcript)).Replace("\"flagged\":true", "\"flagged\":false", StringComparison.Ordinal));
            var tampered = ChatVectorTests.RunPython("--chat", dir.FullName);
            tampered.ExitCode.ShouldBe(1, tampered.Output);
            tampered.Output.ShouldContain("/response/results/1");
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
