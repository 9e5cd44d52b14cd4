using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.SemanticKernel;
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
