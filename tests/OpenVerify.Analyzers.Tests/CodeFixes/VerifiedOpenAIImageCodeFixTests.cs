using Microsoft.CodeAnalysis.Testing;
using OpenVerify.Analyzers.Tests.Infrastructure;
using OpenVerify.CodeFixes;

namespace OpenVerify.Analyzers.Tests.CodeFixes;

/// <summary>
/// "Use a VerifiedOpenAIImageClient (AsVerified)": the OpenAI SDK's <c>ImageClient</c> re-typed to
/// OpenVerify.Extensions.AI.OpenAI's wrapper, the calls and declared result types kept. The fixed code is compiled by
/// the test framework against the real SDK and the real wrapper assembly (compiler errors fail the test).
/// </summary>
public class VerifiedOpenAIImageCodeFixTests
{
    private sealed class Test(string source, string? fixedSource = null, bool withPackage = true)
        : AiCallCodeFixTest<VerifiedClientCodeFixProvider>(source, fixedSource, withPackage ? TestReferences.WithOpenAiSdkWrappers : TestReferences.WithVerifiedClients);

    [Fact]
    public Task Top_level_statements_with_an_options_local_of_carried_members_keep_the_declared_result_type() => new Test("""
        #pragma warning disable OPENAI001
        using System;
        using OpenAI;
        using OpenAI.Images;

        OpenAIClient openAi = new("key");
        var client = openAi.GetImageClient("gpt-image-1");

        ImageGenerationOptions options = new()
        {
            Size = GeneratedImageSize.W1024xH1024,
            Quality = "auto"
        };

        GeneratedImage image;
        image = await {|OV0004:client.GenerateImageAsync("A kitten playing soccer", options)|};
        Console.WriteLine(image.ImageBytes.ToArray().Length);
        """, """
        #pragma warning disable OPENAI001
        using System;
        using OpenAI;
        using OpenAI.Images;
        using OpenVerify.Extensions.AI;

        OpenAIClient openAi = new("key");
        var client = openAi.GetImageClient("gpt-image-1").AsVerified();

        ImageGenerationOptions options = new()
        {
            Size = GeneratedImageSize.W1024xH1024,
            Quality = "auto"
        };

        GeneratedImage image;
        image = await client.GenerateImageAsync("A kitten playing soccer", options);
        Console.WriteLine(image.ImageBytes.ToArray().Length);
        """)
    {
        TestState = { OutputKind = Microsoft.CodeAnalysis.OutputKind.ConsoleApplication },
    }.RunAsync();

    [Fact]
    public Task A_private_field_built_with_new_keeps_edits_and_collections() => new Test("""
        #pragma warning disable OPENAI001
        using System.ClientModel;
        using System.IO;
        using System.Threading.Tasks;
        using OpenAI.Images;

        class Painter
        {
            private readonly ImageClient _images;

            public Painter(string key) => _images = new ImageClient("gpt-image-1", key);

            public ClientResult<GeneratedImageCollection> Many(string prompt) =>
                {|OV0004:_images.GenerateImages(prompt, 2, new ImageGenerationOptions { Size = new GeneratedImageSize(512, 512), ResponseFormat = GeneratedImageFormat.Bytes })|};

            public async Task<BinaryData> Edit(Stream photo, string prompt)
            {
                GeneratedImage edited = await {|OV0004:_images.GenerateImageEditAsync(photo, "photo.png", prompt)|};
                return edited.ImageBytes;
            }
        }
        """.Replace("BinaryData", "System.BinaryData"), """
        #pragma warning disable OPENAI001
        using System.ClientModel;
        using System.IO;
        using System.Threading.Tasks;
        using OpenAI.Images;
        using OpenVerify.Extensions.AI;

        class Painter
        {
            private readonly VerifiedOpenAIImageClient _images;

            public Painter(string key) => _images = new ImageClient("gpt-image-1", key).AsVerified();

            public ClientResult<GeneratedImageCollection> Many(string prompt) =>
                _images.GenerateImages(prompt, 2, new ImageGenerationOptions { Size = new GeneratedImageSize(512, 512), ResponseFormat = GeneratedImageFormat.Bytes });

            public async Task<BinaryData> Edit(Stream photo, string prompt)
            {
                GeneratedImage edited = await _images.GenerateImageEditAsync(photo, "photo.png", prompt);
                return edited.ImageBytes;
            }
        }
        """.Replace("BinaryData", "System.BinaryData")).RunAsync();

    [Fact]
    public Task Fix_all_rewrites_each_image_client_once_and_leaves_the_chat_client() => new Test("""
        using System.Threading.Tasks;
        using OpenAI;
        using OpenAI.Chat;
        using OpenAI.Images;

        class Studio
        {
            private readonly ImageClient _images = new OpenAIClient("key").GetImageClient("dall-e-3");
            private readonly ChatClient _chat = new OpenAIClient("key").GetChatClient("m");

            Task A() => {|OV0004:_images.GenerateImageAsync("a")|};
            Task B() => {|OV0004:_images.GenerateImagesAsync("b", 2)|};

            async Task C()
            {
                ImageClient local = new("dall-e-2", "key");
                await {|OV0004:local.GenerateImageAsync("c")|};
                await {|OV0003:_chat.CompleteChatAsync("c")|};
            }
        }
        """, """
        using System.Threading.Tasks;
        using OpenAI;
        using OpenAI.Chat;
        using OpenAI.Images;
        using OpenVerify.Extensions.AI;

        class Studio
        {
            private readonly VerifiedOpenAIImageClient _images = new OpenAIClient("key").GetImageClient("dall-e-3").AsVerified();
            private readonly ChatClient _chat = new OpenAIClient("key").GetChatClient("m");

            Task A() => _images.GenerateImageAsync("a");
            Task B() => _images.GenerateImagesAsync("b", 2);

            async Task C()
            {
                VerifiedOpenAIImageClient local = new ImageClient("dall-e-2", "key").AsVerified();
                await local.GenerateImageAsync("c");
                await {|OV0003:_chat.CompleteChatAsync("c")|};
            }
        }
        """)
    {
        FixedState = { MarkupHandling = MarkupMode.Allow },
        CodeActionEquivalenceKey = VerifiedClientCodeFixProvider.SdkImageTitle,
        CodeActionIndex = 0,
        NumberOfFixAllIterations = 1,
    }.RunAsync();

    public static TheoryData<string> NotRewritable() => new()
    {
        // A parameter: whoever passes it decides how it is built.
        "class A { Task M(ImageClient c) => {|OV0004:c.GenerateImageAsync(\"q\")|}; }",
        // Options in a variable: what they hold is not known here.
        "class A { void M(OpenAIClient o, ImageGenerationOptions options) { var c = o.GetImageClient(\"m\"); {|OV0004:c.GenerateImage(\"q\", options)|}; } }",
        // Options the wrapper refuses: a quality other than auto, a style, an "auto" size, an end-user id.
        "class A { void M(OpenAIClient o) { var c = o.GetImageClient(\"m\"); {|OV0004:c.GenerateImage(\"q\", new ImageGenerationOptions { Quality = GeneratedImageQuality.High })|}; } }",
        "class A { void M(OpenAIClient o) { var c = o.GetImageClient(\"m\"); {|OV0004:c.GenerateImage(\"q\", new ImageGenerationOptions { Style = GeneratedImageStyle.Vivid })|}; } }",
        "class A { void M(OpenAIClient o) { var c = o.GetImageClient(\"m\"); {|OV0004:c.GenerateImage(\"q\", new ImageGenerationOptions { Size = GeneratedImageSize.Auto })|}; } }",
        "class A { void M(OpenAIClient o) { var c = o.GetImageClient(\"m\"); var options = new ImageGenerationOptions(); options.Quality = \"hd\"; {|OV0004:c.GenerateImage(\"q\", options)|}; } }",
        "class A { void M(OpenAIClient o, Stream s) { var c = o.GetImageClient(\"m\"); {|OV0004:c.GenerateImageEdit(s, \"a.png\", \"q\", new ImageEditOptions { EndUserId = \"u\" })|}; } }",
        // A variation or an edit with a mask on the same variable: the wrapper compiles them but always refuses them.
        "class A { void M(OpenAIClient o, Stream s) { var c = o.GetImageClient(\"m\"); {|OV0004:c.GenerateImage(\"q\")|}; {|OV0004:c.GenerateImageVariation(s, \"a.png\")|}; } }",
        "class A { void M(OpenAIClient o, Stream s, Stream mask) { var c = o.GetImageClient(\"m\"); {|OV0004:c.GenerateImageEdit(s, \"a.png\", \"q\", mask, \"mask.png\")|}; } }",
        // A protocol overload on the same variable: the wrapper has none, the rewrite would not compile.
        "class A { void M(OpenAIClient o) { var c = o.GetImageClient(\"m\"); {|OV0004:c.GenerateImage(\"q\")|}; {|OV0004:c.GenerateImages(BinaryContent.Create(BinaryData.FromString(\"{}\")))|}; } }",
        // Seen through the Microsoft.Extensions.AI adapter: that is the VerifiedImageGenerator path.
        "class A { void M(OpenAIClient o) { var c = o.GetImageClient(\"m\"); {|OV0004:c.GenerateImage(\"q\")|}; c.AsIImageGenerator(); } }",
    };

    [Theory]
    [MemberData(nameof(NotRewritable))]
    public Task Not_offered_where_the_rewrite_is_not_safe(string source) => new Test("""
        #pragma warning disable OPENAI001, MEAI001
        using System;
        using System.ClientModel;
        using System.IO;
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;
        using OpenAI;
        using OpenAI.Images;
        using ImageGenerationOptions = OpenAI.Images.ImageGenerationOptions;

        """ + source).RunAsync();

    [Fact]
    public Task Not_offered_without_the_package() => new Test("""
        using System.ClientModel;
        using OpenAI;
        using OpenAI.Images;

        class Painter
        {
            ClientResult<GeneratedImage> Paint(OpenAIClient openAi)
            {
                var images = openAi.GetImageClient("dall-e-3");
                return {|OV0004:images.GenerateImage("a lighthouse")|};
            }
        }
        """, withPackage: false).RunAsync();
}
