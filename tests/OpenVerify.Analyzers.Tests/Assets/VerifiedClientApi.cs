// TEST-ONLY STAND-IN for the OpenVerify.Extensions.AI package, declaring exactly the public API shape the analyzers
// and the code fix rely on (agreed with the package's authors, issue 13): the verified client types and the builder
// extensions the fix writes. The tests compile it into an in-memory assembly named OpenVerify.Extensions.AI (the
// analyzers recognise the verified types by metadata name and assembly name). It is not part of the test assembly.
// Replace it with a reference to src/OpenVerify.Extensions.AI once that project ships these types.
#nullable enable
using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using OpenVerify;

namespace OpenVerify.Extensions.AI
{
    public sealed class VerifiedChatClientOptions
    {
    }

    public sealed class VerifiedEmbeddingGeneratorOptions
    {
    }

    public sealed class VerifiedChatClient : IChatClient
    {
        private VerifiedChatClient()
        {
        }

        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException("test-only stand-in");

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException("test-only stand-in");

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }

    public sealed class VerifiedEmbeddingGenerator<TInput, TEmbedding> : IEmbeddingGenerator<TInput, TEmbedding>
        where TEmbedding : Embedding
    {
        private VerifiedEmbeddingGenerator()
        {
        }

        public Task<GeneratedEmbeddings<TEmbedding>> GenerateAsync(IEnumerable<TInput> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException("test-only stand-in");

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }

    public static class OpenVerifyChatClientBuilderExtensions
    {
        public static ChatClientBuilder UseOpenVerify(this ChatClientBuilder builder, ISigner? signer = null, Action<VerifiedChatClientOptions>? configure = null) => builder;

        public static VerifiedChatClient BuildVerified(this ChatClientBuilder builder, IServiceProvider? services = null) =>
            throw new NotSupportedException("test-only stand-in");
    }

    public static class OpenVerifyEmbeddingGeneratorBuilderExtensions
    {
        public static EmbeddingGeneratorBuilder<TInput, TEmbedding> UseOpenVerify<TInput, TEmbedding>(
            this EmbeddingGeneratorBuilder<TInput, TEmbedding> builder, ISigner? signer = null, Action<VerifiedEmbeddingGeneratorOptions>? configure = null)
            where TEmbedding : Embedding => builder;

        public static VerifiedEmbeddingGenerator<TInput, TEmbedding> BuildVerified<TInput, TEmbedding>(
            this EmbeddingGeneratorBuilder<TInput, TEmbedding> builder, IServiceProvider? services = null)
            where TEmbedding : Embedding => throw new NotSupportedException("test-only stand-in");
    }
}

namespace OpenVerify.Extensions.AI.Local
{
    // The package's local ONNX embedding generator (src/OpenVerify.Extensions.AI/Local), input type simplified.
    public sealed class VerifiedOnnxEmbeddingGenerator : IEmbeddingGenerator<float[], Embedding<float>>
    {
        public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<float[]> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException("test-only stand-in");

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
