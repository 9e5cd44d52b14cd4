using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace OpenVerify.Extensions.AI.Tests;

[Collection(ChatCollection.Name)]
public sealed class EmbeddingsTests(ChatFixture fixture)
{
    [Fact]
    public async Task Batch_GetsOneReceipt_BindingEveryInputAndVector()
    {
        using var generator = fixture.ProviderEmbeddingGenerator().AsBuilder().UseOpenVerify(fixture.Key).BuildVerified();
        string[] inputs = ["the cat", "the dog", "a bird"];

        var embeddings = await generator.GenerateAsync(inputs, new EmbeddingGenerationOptions { Dimensions = 8 });

        embeddings.Count.ShouldBe(3);
        var receipt = embeddings.GetReceipt();
        var result = fixture.Verifier.Verify(receipt, "embeddings");
        result.Succeeded.ShouldBeTrue(result.ToString());
        result.Predicate!.Chain.ShouldBeNull();
        var transcript = JsonNode.Parse(receipt.TranscriptJson!)!;
        transcript["request"]!["inputs"]!.AsArray().Select(i => i!["text"]!.GetValue<string>()).ShouldBe(inputs);
        transcript["request"]!["options"]!["dimensions"]!.GetValue<int>().ShouldBe(8);
        for (var i = 0; i < inputs.Length; i++)
        {
            var expected = OpenAiCompatibleServer.Vector(inputs[i], 8);
            embeddings[i].Vector.ToArray().ShouldBe(expected);
            var vector = transcript["response"]!["embeddings"]![i]!;
            vector["elementType"]!.GetValue<string>().ShouldBe("float32");
            vector["sha256"]!.GetValue<string>().ShouldBe(Convert.ToHexStringLower(SHA256.HashData(MemoryMarshal.AsBytes(expected.AsSpan()))));
        }

        // A changed vector is refused.
        var tampered = transcript.DeepClone();
        tampered["response"]!["embeddings"]![1]!["sha256"] = new string('a', 64);
        fixture.Verifier.Verify(receipt.ToJson(), tampered.ToJsonString()).FirstFailure!.Detail.ShouldContain("/response/embeddings/1");
    }

    [Fact]
    public async Task DependencyInjection_ResolvesTheVerifiedTypes_WithTheRegisteredSigner()
    {
        var services = new ServiceCollection();
        services.AddSingleton<ISigner>(fixture.Key);
        services.AddVerifiedChatClient(_ => fixture.ProviderChatClient()).UseFunctionInvocation();
        services.AddVerifiedEmbeddingGenerator(_ => fixture.ProviderEmbeddingGenerator());
        await using var provider = services.BuildServiceProvider();

        var chat = provider.GetRequiredService<VerifiedChatClient>();
        provider.GetRequiredService<IChatClient>().ShouldBeSameAs(chat);
        chat.GetService<FunctionInvokingChatClient>().ShouldNotBeNull();
        fixture.Verifier.Verify((await chat.GetResponseAsync("from DI")).GetReceipt()).Succeeded.ShouldBeTrue();

        var embeddings = provider.GetRequiredService<VerifiedEmbeddingGenerator<string, Embedding<float>>>();
        fixture.Verifier.Verify((await embeddings.GenerateAsync(["from DI"])).GetReceipt()).Succeeded.ShouldBeTrue();

        // Without a signer the pipeline says what to register.
        var empty = new ServiceCollection();
        empty.AddVerifiedChatClient(_ => fixture.ProviderChatClient());
        await using var noSigner = empty.BuildServiceProvider();
        Should.Throw<InvalidOperationException>(() => noSigner.GetRequiredService<VerifiedChatClient>()).Message.ShouldContain("ISigner");
    }
}
