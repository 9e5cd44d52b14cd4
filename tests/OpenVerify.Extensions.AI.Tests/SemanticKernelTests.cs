using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using OpenVerify;

namespace OpenVerify.Extensions.AI.Tests;

/// <summary>Semantic Kernel code built on a verified client: the kernel's prompts go through the attesting pipeline.</summary>
[Collection(ChatCollection.Name)]
public sealed class SemanticKernelTests(ChatFixture fixture)
{
    [Fact]
    public async Task KernelPrompt_OnAVerifiedClient_ProducesAVerifiableReceipt()
    {
        var receipts = new List<ChatReceipt>();
        var verified = fixture.ProviderChatClient().AsBuilder().UseOpenVerify(fixture.Key, c => c.ReceiptSigned = receipts.Add).BuildVerified();
        var builder = Kernel.CreateBuilder();
        builder.Services.AddSingleton<IChatClient>(verified);
        var kernel = builder.Build();

        var answer = await kernel.InvokePromptAsync("Say hi to Semantic Kernel");

        answer.ToString().ShouldBe("Echo: Say hi to Semantic Kernel");
        var receipt = receipts.ShouldHaveSingleItem();
        fixture.Verifier.Verify(receipt).Succeeded.ShouldBeTrue();
        receipt.TranscriptJson!.ShouldContain("Say hi to Semantic Kernel");
    }

    /// <summary>
    /// The kernel as the OV0003 code fix "Build the kernel on a VerifiedChatClient" rewrites it
    /// (<c>AddOpenAIChatCompletion(model, openAi)</c> becomes <c>Services.AddVerifiedChatClient(openAi.GetChatClient(model).AsIChatClient())</c>):
    /// its prompts go through the verified client and are signed; before the rewrite the same kernel signs nothing.
    /// </summary>
    [Fact]
    public async Task KernelRewrittenByTheCodeFix_SendsItsPromptsThroughTheVerifiedClient()
    {
        var before = Kernel.CreateBuilder().AddOpenAIChatCompletion("gpt-test", fixture.OpenAi()).Build();
        (await before.InvokePromptAsync("Before the fix")).ToString().ShouldBe("Echo: Before the fix");
        before.Services.GetService<VerifiedChatClient>().ShouldBeNull();

        var kernelBuilder = Kernel.CreateBuilder();
        kernelBuilder.Services.AddVerifiedChatClient(fixture.OpenAi().GetChatClient("gpt-test").AsIChatClient());
        var kernel = kernelBuilder.Build();
        var receipts = new List<ChatReceipt>();
        var requests = fixture.Server.ChatRequests;
        FunctionResult answer;
        using (OpenVerifyRuntime.UseSigner(fixture.Key))
        {
            // No ISigner in the kernel's services: the verified client signs with the runtime's signer.
            kernel.GetRequiredService<VerifiedChatClient>().Attestation.ReceiptSigned = receipts.Add;
            answer = await kernel.InvokePromptAsync("After the fix");
        }

        answer.ToString().ShouldBe("Echo: After the fix");
        (fixture.Server.ChatRequests - requests).ShouldBe(1);
        var receipt = receipts.ShouldHaveSingleItem();
        fixture.Verifier.Verify(receipt).Succeeded.ShouldBeTrue();
        receipt.TranscriptJson!.ShouldContain("After the fix");
    }

    /// <summary>
    /// The kernel as the OV0003 fix rewrites it for code that asks for <c>IChatCompletionService</c>
    /// (<c>AddOpenAIChatCompletion(model, openAi)</c> becomes <c>AddVerifiedChatClient(…)</c> plus an
    /// <c>IChatCompletionService</c> over the verified client): a direct chat completion call and a streamed one go through
    /// the attesting step and are signed. Semantic Kernel's adapter does not pass the response's additional properties on
    /// (its <c>ChatMessageContent</c> keeps the usage only, <c>InnerContent</c> is the provider's raw completion), so the
    /// receipts are reached through the verified client's <c>ReceiptSigned</c> (or the host's receipt store).
    /// </summary>
    [Fact]
    public async Task ChatCompletionService_OverTheVerifiedClient_ReturnsTheReceiptWithEachAnswer()
    {
        var kernelBuilder = Kernel.CreateBuilder();
        kernelBuilder.Services.AddVerifiedChatClient(fixture.OpenAi().GetChatClient("gpt-test").AsIChatClient());
        kernelBuilder.Services.AddSingleton<IChatCompletionService>(sp => sp.GetRequiredService<VerifiedChatClient>().AsChatCompletionService(sp));
        var kernel = kernelBuilder.Build();
        var receipts = new List<ChatReceipt>();
        ChatMessageContent answer;
        var streamed = new List<StreamingChatMessageContent>();
        using (OpenVerifyRuntime.UseSigner(fixture.Key))
        {
            kernel.GetRequiredService<VerifiedChatClient>().Attestation.ReceiptSigned = receipts.Add;
            var chat = kernel.GetRequiredService<IChatCompletionService>();
            var history = new ChatHistory();
            history.AddUserMessage("Through the chat completion service");
            answer = await chat.GetChatMessageContentAsync(history, kernel: kernel);
            await foreach (var update in chat.GetStreamingChatMessageContentsAsync("Streamed through the service", kernel: kernel))
            {
                streamed.Add(update);
            }
        }

        answer.Content.ShouldBe("Echo: Through the chat completion service");
        receipts.Count.ShouldBe(2);
        string.Concat(streamed.Select(u => u.Content)).ShouldBe("Echo: Streamed through the service");
        receipts.ShouldAllBe(r => fixture.Verifier.Verify(r, null).Succeeded);
        receipts[0].TranscriptJson!.ShouldContain("Through the chat completion service");
        receipts[1].TranscriptJson!.ShouldContain("Streamed through the service");

        // Semantic Kernel's adapter keeps only the usage of the response in the message's metadata: the receipt is
        // reached through the verified client (ReceiptSigned, or the host's receipt store), not the ChatMessageContent.
        answer.Metadata?.ContainsKey(AttestingChatClient.ReceiptKey).ShouldNotBe(true);
    }

    /// <summary>
    /// A kernel with two chat services as the fix rewrites <c>AddOpenAIChatCompletion(…, serviceId: "gpt3")</c> and
    /// <c>(…, serviceId: "gpt4")</c>: keyed verified clients. A prompt with no settings and one that names a
    /// <c>ServiceId</c> both find a verified client and are signed; the named one goes to the client under that key.
    /// </summary>
    [Fact]
    public async Task KernelWithKeyedVerifiedClients_SignsPromptsForEachServiceId()
    {
        var kernelBuilder = Kernel.CreateBuilder();
        kernelBuilder.Services.AddSingleton<ISigner>(fixture.Key);
        kernelBuilder.Services.AddKeyedVerifiedChatClient("gpt3", fixture.OpenAi().GetChatClient("gpt-3.5-turbo").AsIChatClient());
        kernelBuilder.Services.AddKeyedVerifiedChatClient("gpt4", fixture.OpenAi().GetChatClient("gpt-4").AsIChatClient());
        var kernel = kernelBuilder.Build();
        var gpt3 = new List<ChatReceipt>();
        var gpt4 = new List<ChatReceipt>();
        kernel.Services.GetRequiredKeyedService<VerifiedChatClient>("gpt3").Attestation.ReceiptSigned = gpt3.Add;
        kernel.Services.GetRequiredKeyedService<VerifiedChatClient>("gpt4").Attestation.ReceiptSigned = gpt4.Add;

        (await kernel.InvokePromptAsync("Any service")).ToString().ShouldBe("Echo: Any service");
        var named = await kernel.InvokePromptAsync("The gpt4 service", new KernelArguments(new PromptExecutionSettings { ServiceId = "gpt4" }));

        named.ToString().ShouldBe("Echo: The gpt4 service");
        var all = gpt3.Concat(gpt4).ToList();
        all.Count.ShouldBe(2);
        all.ShouldAllBe(r => fixture.Verifier.Verify(r, null).Succeeded);
        gpt4.ShouldContain(r => r.TranscriptJson!.Contains("The gpt4 service"));
    }

    /// <summary>
    /// A keyed registration (<c>AddKeyedVerifiedChatClient</c>, as the fixes write for a Semantic Kernel <c>serviceId</c> or
    /// an <c>AddKeyedChatClient</c>): the key resolves the verified client as <c>IChatClient</c> and as itself (one
    /// instance), its answers are signed, and nothing is registered without the key.
    /// </summary>
    [Fact]
    public async Task KeyedVerifiedChatClient_ResolvesByItsKeyAndSigns()
    {
        var services = new ServiceCollection();
        services.AddSingleton<ISigner>(fixture.Key);
        services.AddKeyedVerifiedChatClient("assistant", fixture.ProviderChatClient());
        using var provider = services.BuildServiceProvider();

        var client = provider.GetRequiredKeyedService<IChatClient>("assistant");
        client.ShouldBeSameAs(provider.GetRequiredKeyedService<VerifiedChatClient>("assistant"));
        provider.GetService<IChatClient>().ShouldBeNull();
        var response = await client.GetResponseAsync("Keyed");

        response.Text.ShouldBe("Echo: Keyed");
        fixture.Verifier.Verify(response.GetReceipt()).Succeeded.ShouldBeTrue();
    }

    /// <summary>The keyed embedding registration: the key resolves the verified generator, whose batches are signed.</summary>
    [Fact]
    public async Task KeyedVerifiedEmbeddingGenerator_ResolvesByItsKeyAndSigns()
    {
        var services = new ServiceCollection();
        services.AddSingleton<ISigner>(fixture.Key);
        services.AddKeyedVerifiedEmbeddingGenerator("search", _ => fixture.ProviderEmbeddingGenerator());
        using var provider = services.BuildServiceProvider();

        var generator = provider.GetRequiredKeyedService<IEmbeddingGenerator<string, Embedding<float>>>("search");
        generator.ShouldBeSameAs(provider.GetRequiredKeyedService<VerifiedEmbeddingGenerator<string, Embedding<float>>>("search"));
        provider.GetService<IEmbeddingGenerator<string, Embedding<float>>>().ShouldBeNull();
        var embeddings = await generator.GenerateAsync(["keyed"]);

        embeddings.ShouldHaveSingleItem();
        fixture.Verifier.Verify(embeddings.GetReceipt(), "embeddings").Succeeded.ShouldBeTrue();
    }

    /// <summary>
    /// A client registered without a signer is kept (a DI singleton) while the runtime's signer changes: each receipt is
    /// signed with the key of the <c>UseSigner</c> scope of its own call, not with the key current when it was built.
    /// </summary>
    [Fact]
    public async Task VerifiedClient_WithoutASigner_SignsEachReceiptWithTheRuntimeSignerOfItsCall()
    {
        using var other = SigningKey.Generate();
        var services = new ServiceCollection();
        services.AddVerifiedChatClient(fixture.ProviderChatClient());
        using var provider = services.BuildServiceProvider();
        VerifiedChatClient client;
        using (OpenVerifyRuntime.UseSigner(fixture.Key))
        {
            client = provider.GetRequiredService<VerifiedChatClient>();
        }

        var receipts = new List<ChatReceipt>();
        client.Attestation.ReceiptSigned = receipts.Add;
        using (OpenVerifyRuntime.UseSigner(other))
        {
            (await client.GetResponseAsync("Signed by the scope's key")).Text.ShouldBe("Echo: Signed by the scope's key");
        }

        var receipt = receipts.ShouldHaveSingleItem();
        receipt.Envelope.Signatures.ShouldHaveSingleItem().KeyId.ShouldBe(other.KeyId);
        new ChatReceiptVerifier(TrustStore.For(other.PublicKey)).Verify(receipt).Succeeded.ShouldBeTrue();
    }

    [SkippableFact]
    public void VerifiedClient_WithoutAnySigner_SaysWhereToSetOne()
    {
        var services = new ServiceCollection();
        services.AddVerifiedChatClient(fixture.ProviderChatClient());
        using var provider = services.BuildServiceProvider();
        var previous = OpenVerifyRuntime.DefaultSigner;
        var environment = Environment.GetEnvironmentVariable(OpenVerifyRuntime.SigningKeyEnvironmentVariable);
        Skip.If(previous is not null || !string.IsNullOrEmpty(environment), "a process-wide signer is set: the runtime's signer would be found");

        var error = Should.Throw<InvalidOperationException>(() => provider.GetRequiredService<VerifiedChatClient>());
        error.Message.ShouldContain("AddOpenVerify()");
        error.Message.ShouldContain(OpenVerifyRuntime.SigningKeyEnvironmentVariable);
    }
}
