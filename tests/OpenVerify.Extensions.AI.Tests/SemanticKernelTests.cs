using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.SemanticKernel;

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
}
