using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using OpenVerify.Testing;

namespace OpenVerify.Extensions.AI.Tests;

[Collection(ChatCollection.Name)]
public sealed class TamperAndKindTests(ChatFixture fixture)
{
    private static ChatReceipt? _receipt;

    private async Task<ChatReceipt> ReceiptAsync()
    {
        if (_receipt is null)
        {
            using var client = fixture.ProviderChatClient().AsBuilder().UseOpenVerify(fixture.Key).BuildVerified();
            var response = await client.GetResponseAsync(
                [new(ChatRole.System, "You are terse."), new(ChatRole.User, [new TextContent("Describe this image"), new DataContent(new byte[] { 1, 2, 3, 4 }, "image/png")])],
                new ChatOptions { Temperature = 0.5f, ModelId = "gpt-test" });
            _receipt = response.GetReceipt();
        }

        return _receipt;
    }

    public static TheoryData<string, string> Tampering => new()
    {
        // field class → the path the verifier must name
        { "request message text", "/request/messages/1" },
        { "request data content digest", "/request/messages/1" },
        { "request message removed", "/request/messages/1" },
        { "request option", "/request/options/temperature" },
        { "client metadata", "/client/endpoint" },
        { "response id", "/response/id" },
        { "answering model", "/response/modelId" },
        { "finish reason", "/response/finishReason" },
        { "usage", "/response/usage/outputTokens" },
        { "created time", "/response/createdAt" },
        { "response message", "/response/messages/0" },
        { "evidence added", "/evidence/0/type" },
    };

    [Theory]
    [MemberData(nameof(Tampering))]
    public async Task TamperedTranscript_IsRefused_NamingTheFirstFieldThatDiffers(string what, string path)
    {
        var receipt = await ReceiptAsync();
        var transcript = JsonNode.Parse(receipt.TranscriptJson!)!.AsObject();
        var request = transcript["request"]!;
        var response = transcript["response"]!;
        switch (what)
        {
            case "request message text": request["messages"]![1]!["contents"]![0]!["text"] = "Describe this other image"; break;
            case "request data content digest": request["messages"]![1]!["contents"]![1]!["sha256"] = new string('0', 64); break;
            case "request message removed": request["messages"]!.AsArray().RemoveAt(1); break;
            case "request option": request["options"]!["temperature"] = 0.0; break;
            case "client metadata": transcript["client"]!["endpoint"] = "https://elsewhere.example/v1"; break;
            case "response id": response["id"] = "chatcmpl-forged"; break;
            case "answering model": response["modelId"] = "gpt-test"; break;
            case "finish reason": response["finishReason"] = "length"; break;
            case "usage": response["usage"]!["outputTokens"] = 1; break;
            case "created time": response["createdAt"] = "2020-01-01T00:00:00Z"; break;
            case "response message": response["messages"]![0]!["contents"]![0]!["text"] = "Something else"; break;
            case "evidence added": transcript["evidence"] = new JsonArray(new JsonObject { ["type"] = "forged", ["value"] = 1 }); break;
        }

        var result = fixture.Verifier.Verify(receipt.ToJson(), transcript.ToJsonString());

        result.Succeeded.ShouldBeFalse();
        var failure = result.FirstFailure!;
        failure.Name.ShouldBe(ChatVerificationChecks.Transcript);
        failure.Detail.ShouldContain($"first at {path}.");
    }

    [Fact]
    public async Task UntamperedTranscript_Verifies_EvenPrettyPrinted()
    {
        var receipt = await ReceiptAsync();
        var pretty = JsonNode.Parse(receipt.TranscriptJson!)!.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true });
        var result = fixture.Verifier.Verify(receipt.ToJson(), pretty);
        result.Succeeded.ShouldBeTrue(result.ToString());
        var data = JsonNode.Parse(receipt.TranscriptJson!)!["request"]!["messages"]![1]!["contents"]![1]!;
        data["mediaType"]!.GetValue<string>().ShouldBe("image/png");
        data["sha256"]!.GetValue<string>().ShouldBe(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(new byte[] { 1, 2, 3, 4 })));
    }

    [Fact]
    public async Task Receipt_SignedByAnUntrustedKey_OrAltered_IsRefused()
    {
        var receipt = await ReceiptAsync();
        using var other = SigningKey.Generate();
        var untrusted = new ChatReceiptVerifier(TrustStore.For(other.PublicKey)).Verify(receipt);
        untrusted.FirstFailure!.Name.ShouldBe(VerificationChecks.Signature);

        var wrongRole = new ChatReceiptVerifier(TrustStore.For(fixture.Key.PublicKey, KeyRole.ModelPublisher)).Verify(receipt);
        wrongRole.FirstFailure!.Name.ShouldBe(VerificationChecks.Signature);
        wrongRole.FirstFailure.Detail.ShouldContain("receipt-signer");

        var payload = (byte[])receipt.Envelope.Payload.Clone();
        payload[^3] ^= 1;
        var altered = new DsseEnvelope(receipt.Envelope.PayloadType, payload, receipt.Envelope.Signatures);
        fixture.Verifier.Verify(altered, receipt.Transcript).FirstFailure!.Name.ShouldBe(VerificationChecks.Signature);
    }

    [Fact]
    public async Task ChatReceipt_IsRefusedByTheInferenceVerifier_NamingTheVerifierToUse()
    {
        var receipt = await ReceiptAsync();
        var result = new ReceiptVerifier(fixture.Trust).Verify(receipt.ToJson());
        result.Succeeded.ShouldBeFalse();
        result.FirstFailure!.Name.ShouldBe(VerificationChecks.PayloadType);
        result.FirstFailure.Detail.ShouldContain("ChatReceiptVerifier");
        result.Statement.ShouldBeNull();
    }

    [Fact]
    public void InferenceReceipt_IsRefusedByTheChatVerifier()
    {
        using var model = VerifiedModel.FromBytes(TestModels.AddMul());
        var inference = model.Run(
            [new("a", TensorValue.Create([1f, 2, 3, 4], 1, 4)), new("b", TensorValue.Create([1f, 1, 1, 1], 1, 4))],
            new InferenceOptions { Signer = fixture.Key }).Receipt;
        new ReceiptVerifier(fixture.Trust).Verify(inference).Succeeded.ShouldBeTrue();

        var result = fixture.Verifier.Verify(inference.ToJson());
        result.Succeeded.ShouldBeFalse();
        result.FirstFailure!.Name.ShouldBe(VerificationChecks.PayloadType);
        result.FirstFailure.Detail.ShouldContain("ONNX inference receipt");
        Should.Throw<ReceiptFormatException>(() => ChatReceipt.Parse(inference.ToJson())).Message.ShouldContain("ReceiptVerifier.Verify");
    }

    [Fact]
    public async Task EmbeddingsReceipt_IsNotAChatReceipt()
    {
        using var generator = fixture.ProviderEmbeddingGenerator().AsBuilder().UseOpenVerify(fixture.Key).BuildVerified();
        var receipt = (await generator.GenerateAsync(["x"])).GetReceipt();
        var result = fixture.Verifier.Verify(receipt, "chat");
        result.FirstFailure!.Name.ShouldBe(ChatVerificationChecks.Operation);
    }
}
