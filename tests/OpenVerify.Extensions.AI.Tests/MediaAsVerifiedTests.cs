using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace OpenVerify.Extensions.AI.Tests;

/// <summary>
/// The media clients' verified paths where they are received (<c>AsVerified()</c>) and registered
/// (<c>AddVerifiedSpeechToTextClient</c> / <c>AddVerifiedTextToSpeechClient</c> / <c>AddVerifiedImageGenerator</c>),
/// through the real Microsoft.Extensions.AI.OpenAI adapters and OpenAI SDK against the loopback OpenAI-wire server.
/// </summary>
[Collection(ChatCollection.Name)]
public sealed class MediaAsVerifiedTests(ChatFixture fixture)
{
    /// <summary>What the "Verify … where it is received" fix leaves: each injected client wrapped where it is stored.</summary>
    private sealed class Studio(ISpeechToTextClient speechToText, ITextToSpeechClient textToSpeech, IImageGenerator images)
    {
        private readonly VerifiedSpeechToTextClient speechToText = speechToText.AsVerified();
        private readonly VerifiedTextToSpeechClient textToSpeech = textToSpeech.AsVerified();
        private readonly VerifiedImageGenerator images = images.AsVerified();

        public VerifiedSpeechToTextClient SpeechToText => speechToText;

        public VerifiedTextToSpeechClient TextToSpeech => textToSpeech;

        public VerifiedImageGenerator Images => images;

        public async Task<ChatReceipt[]> UseAllAsync()
        {
            var heard = await speechToText.GetTextAsync(new MemoryStream(MediaTests.Wav));
            var spoken = await textToSpeech.GetAudioAsync("read this aloud");
            var drawn = await images.GenerateImagesAsync("a harbour", new ImageGenerationOptions { ResponseFormat = ImageGenerationResponseFormat.Data });
            return [heard.GetReceipt(), spoken.GetReceipt(), drawn.GetReceipt()];
        }
    }

    private void AllVerify(ChatReceipt[] receipts)
    {
        fixture.Verifier.Verify(receipts[0], "speech-to-text").Succeeded.ShouldBeTrue();
        fixture.Verifier.Verify(receipts[1], "text-to-speech").Succeeded.ShouldBeTrue();
        fixture.Verifier.Verify(receipts[2], "image-generation").Succeeded.ShouldBeTrue();
    }

    [Fact]
    public async Task Plain_injected_media_clients_get_an_attesting_step_with_the_runtime_signer()
    {
        var signer = new CountingSigner(fixture.Key);
        using (OpenVerifyRuntime.UseSigner(signer))
        {
            var services = new ServiceCollection();
            services.AddSpeechToTextClient(_ => MediaTests.ProviderSpeechToText(fixture));
            services.AddTextToSpeechClient(_ => MediaTests.ProviderTextToSpeech(fixture));
            services.AddImageGenerator(_ => MediaTests.ProviderImages(fixture));
            services.AddSingleton<Studio>();
            await using var provider = services.BuildServiceProvider();

            var studio = provider.GetRequiredService<Studio>();
            AllVerify(await studio.UseAllAsync());
            signer.Signatures.ShouldBe(3);
        }
    }

    [Fact]
    public async Task Registered_verified_media_clients_resolve_as_one_instance_and_sign_each_call_once()
    {
        var signer = new CountingSigner(fixture.Key);
        var services = new ServiceCollection();
        services.AddSingleton<ISigner>(signer);
        // Middleware added to the returned builder sits outside the attesting step, which stays innermost.
        services.AddVerifiedSpeechToTextClient(_ => MediaTests.ProviderSpeechToText(fixture)).ConfigureOptions(o => o.SpeechLanguage ??= "en");
        services.AddVerifiedTextToSpeechClient(MediaTests.ProviderTextToSpeech(fixture));
        services.AddVerifiedImageGenerator(_ => MediaTests.ProviderImages(fixture)).ConfigureOptions(o => o.Count = 1);
        services.AddSingleton<Studio>();
        await using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<ISpeechToTextClient>().ShouldBeSameAs(provider.GetRequiredService<VerifiedSpeechToTextClient>());
        provider.GetRequiredService<ITextToSpeechClient>().ShouldBeSameAs(provider.GetRequiredService<VerifiedTextToSpeechClient>());
        provider.GetRequiredService<IImageGenerator>().ShouldBeSameAs(provider.GetRequiredService<VerifiedImageGenerator>());
        var studio = provider.GetRequiredService<Studio>();
        studio.SpeechToText.ShouldBeSameAs(provider.GetRequiredService<VerifiedSpeechToTextClient>());
        studio.TextToSpeech.ShouldBeSameAs(provider.GetRequiredService<VerifiedTextToSpeechClient>());
        studio.Images.ShouldBeSameAs(provider.GetRequiredService<VerifiedImageGenerator>());

        var receipts = await studio.UseAllAsync();
        AllVerify(receipts);
        signer.Signatures.ShouldBe(3);
        // The option set outside the attesting step is in what it binds.
        System.Text.Json.Nodes.JsonNode.Parse(receipts[0].TranscriptJson!)!["request"]!["options"]!["speechLanguage"]!.GetValue<string>().ShouldBe("en");
    }

    [Fact]
    public async Task Keyed_registrations_resolve_verified_clients_under_their_key()
    {
        var signer = new CountingSigner(fixture.Key);
        var services = new ServiceCollection();
        services.AddSingleton<ISigner>(signer);
        services.AddKeyedVerifiedSpeechToTextClient("whisper", _ => MediaTests.ProviderSpeechToText(fixture));
        services.AddKeyedVerifiedTextToSpeechClient("tts", MediaTests.ProviderTextToSpeech(fixture));
        services.AddKeyedVerifiedImageGenerator("images", _ => MediaTests.ProviderImages(fixture));
        await using var provider = services.BuildServiceProvider();

        provider.GetService<ISpeechToTextClient>().ShouldBeNull();
        var studio = new Studio(
            provider.GetRequiredKeyedService<ISpeechToTextClient>("whisper"),
            provider.GetRequiredKeyedService<ITextToSpeechClient>("tts"),
            provider.GetRequiredKeyedService<IImageGenerator>("images"));
        studio.Images.ShouldBeSameAs(provider.GetRequiredKeyedService<VerifiedImageGenerator>("images"));
        AllVerify(await studio.UseAllAsync());
        signer.Signatures.ShouldBe(3);
    }

    [Fact]
    public async Task Pipelines_that_already_attest_innermost_are_wrapped_without_a_second_attesting_step()
    {
        var signer = new CountingSigner(fixture.Key);
        ISpeechToTextClient speechToText = MediaTests.ProviderSpeechToText(fixture).AsBuilder().ConfigureOptions(_ => { }).UseOpenVerify(signer).Build();
        ITextToSpeechClient textToSpeech = MediaTests.ProviderTextToSpeech(fixture).AsBuilder().UseOpenVerify(signer).Build();
        IImageGenerator images = MediaTests.ProviderImages(fixture).AsBuilder().UseOpenVerify(signer).Build();

        var studio = new Studio(speechToText, textToSpeech, images);
        studio.SpeechToText.Attestation.ShouldBeSameAs(speechToText.GetService<AttestingSpeechToTextClient>());
        studio.TextToSpeech.Attestation.ShouldBeSameAs(textToSpeech.GetService<AttestingTextToSpeechClient>());
        studio.Images.Attestation.ShouldBeSameAs(images.GetService<AttestingImageGenerator>());
        studio.SpeechToText.AsVerified().ShouldBeSameAs(studio.SpeechToText);
        studio.TextToSpeech.AsVerified().ShouldBeSameAs(studio.TextToSpeech);
        studio.Images.AsVerified().ShouldBeSameAs(studio.Images);

        AllVerify(await studio.UseAllAsync());
        signer.Signatures.ShouldBe(3);
    }

    [Fact]
    public void Pipelines_that_attest_above_another_step_are_refused_as_BuildVerified_refuses_them()
    {
        var signer = new CountingSigner(fixture.Key);
        ISpeechToTextClient speechToText = MediaTests.ProviderSpeechToText(fixture).AsBuilder().UseOpenVerify(signer).ConfigureOptions(_ => { }).Build();
        ITextToSpeechClient textToSpeech = MediaTests.ProviderTextToSpeech(fixture).AsBuilder().UseOpenVerify(signer).ConfigureOptions(_ => { }).Build();
        IImageGenerator images = MediaTests.ProviderImages(fixture).AsBuilder().UseOpenVerify(signer).ConfigureOptions(_ => { }).Build();

        Should.Throw<InvalidOperationException>(() => speechToText.AsVerified()).Message.ShouldContain("innermost");
        Should.Throw<InvalidOperationException>(() => textToSpeech.AsVerified()).Message.ShouldContain("innermost");
        Should.Throw<InvalidOperationException>(() => images.AsVerified()).Message.ShouldContain("innermost");
        signer.Signatures.ShouldBe(0);
    }
}
