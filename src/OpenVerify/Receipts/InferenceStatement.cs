using System.Text.Json.Serialization;

namespace OpenVerify;

/// <summary>An in-toto Statement v1 whose predicate is an OpenVerify inference predicate.</summary>
public sealed class InferenceStatement
{
    /// <summary>The in-toto statement type.</summary>
    public const string StatementType = "https://in-toto.io/Statement/v1";

    /// <summary>Always <see cref="StatementType"/>.</summary>
    [JsonPropertyName("_type")]
    public required string Type { get; init; }

    /// <summary>The subject: the output tensor set, digested under <c>openverify-tensor-set-v1</c>.</summary>
    [JsonPropertyName("subject")]
    public required IReadOnlyList<ResourceDescriptor> Subject { get; init; }

    /// <summary>Always <see cref="Receipt.PredicateType"/>.</summary>
    [JsonPropertyName("predicateType")]
    public required string PredicateType { get; init; }

    /// <summary>What ran, on what, producing what.</summary>
    [JsonPropertyName("predicate")]
    public required InferencePredicate Predicate { get; init; }
}

/// <summary>An in-toto resource descriptor (name and digest set).</summary>
public sealed class ResourceDescriptor
{
    /// <summary>The name.</summary>
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    /// <summary>Algorithm → lowercase hex digest.</summary>
    [JsonPropertyName("digest")]
    public required IReadOnlyDictionary<string, string> Digest { get; init; }
}

/// <summary>The OpenVerify inference predicate (<c>https://openverify.dev/attestation/inference/v1</c>).</summary>
public sealed class InferencePredicate
{
    /// <summary>The model that ran.</summary>
    [JsonPropertyName("model")]
    public required ModelDescriptor Model { get; init; }

    /// <summary>The input tensors.</summary>
    [JsonPropertyName("inputs")]
    public required TensorSetDescriptor Inputs { get; init; }

    /// <summary>The output tensors.</summary>
    [JsonPropertyName("outputs")]
    public required TensorSetDescriptor Outputs { get; init; }

    /// <summary>The session configuration.</summary>
    [JsonPropertyName("session")]
    public required SessionDescriptor Session { get; init; }

    /// <summary>The runtime that ran it.</summary>
    [JsonPropertyName("runtime")]
    public required RuntimeDescriptor Runtime { get; init; }

    /// <summary>The method that ran it (for generated wrappers, the C# method), when known.</summary>
    [JsonPropertyName("method")]
    public string? Method { get; init; }

    /// <summary>A random id of the process (one per process run), as a UUID.</summary>
    [JsonPropertyName("instance")]
    public required string Instance { get; init; }

    /// <summary>A per-model counter within the instance, starting at 1.</summary>
    [JsonPropertyName("sequence")]
    public required long Sequence { get; init; }

    /// <summary>The host clock at signing (RFC 3339, UTC). A claim of the host, nothing more.</summary>
    [JsonPropertyName("timestamp")]
    public required string Timestamp { get; init; }

    /// <summary>The caller-supplied nonce, when given.</summary>
    [JsonPropertyName("nonce")]
    public string? Nonce { get; init; }

    /// <summary>The caller-supplied audience, when given.</summary>
    [JsonPropertyName("audience")]
    public string? Audience { get; init; }
}

/// <summary>The model in a receipt.</summary>
public sealed class ModelDescriptor
{
    /// <summary>The model's file name or project-relative path (informative; the digest is the identity).</summary>
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    /// <summary>The model file's digest set (<c>sha256</c>).</summary>
    [JsonPropertyName("digest")]
    public required IReadOnlyDictionary<string, string> Digest { get; init; }

    /// <summary>The digest of the model's verified signature bundle, when there is one.</summary>
    [JsonPropertyName("signatureDigest")]
    public IReadOnlyDictionary<string, string>? SignatureDigest { get; init; }

    /// <summary>The key id of the publisher whose signature verified, when there is one.</summary>
    [JsonPropertyName("publisherKeyId")]
    public string? PublisherKeyId { get; init; }
}

/// <summary>A named set of tensors in a receipt.</summary>
public sealed class TensorSetDescriptor
{
    /// <summary>The set digest (<c>openverify-tensor-set-v1</c>).</summary>
    [JsonPropertyName("digest")]
    public required IReadOnlyDictionary<string, string> Digest { get; init; }

    /// <summary>Each tensor, in the order of the set digest (UTF-8 byte order of names).</summary>
    [JsonPropertyName("tensors")]
    public required IReadOnlyList<TensorDescriptor> Tensors { get; init; }
}

/// <summary>One tensor in a receipt.</summary>
public sealed class TensorDescriptor
{
    /// <summary>The input or output name.</summary>
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    /// <summary>The ONNX element type name (<c>float</c>, <c>int64</c>, ...).</summary>
    [JsonPropertyName("elementType")]
    public required string ElementType { get; init; }

    /// <summary>The dimensions (empty for a scalar).</summary>
    [JsonPropertyName("shape")]
    public required IReadOnlyList<long> Shape { get; init; }

    /// <summary>The tensor digest (<c>openverify-tensor-v1</c>).</summary>
    [JsonPropertyName("digest")]
    public required IReadOnlyDictionary<string, string> Digest { get; init; }
}

/// <summary>The session configuration in a receipt.</summary>
public sealed class SessionDescriptor
{
    /// <summary>The canonical configuration text (see <see cref="SessionConfiguration.ToCanonicalText"/>).</summary>
    [JsonPropertyName("config")]
    public required string Config { get; init; }

    /// <summary>The configuration digest (<c>sha256</c> over the domain-separated text).</summary>
    [JsonPropertyName("digest")]
    public required IReadOnlyDictionary<string, string> Digest { get; init; }
}

/// <summary>Runtime facts in a receipt: claims of the host that explain replay differences.</summary>
public sealed class RuntimeDescriptor
{
    /// <summary>The ONNX Runtime version.</summary>
    [JsonPropertyName("onnxRuntime")]
    public required string OnnxRuntime { get; init; }

    /// <summary>The execution provider.</summary>
    [JsonPropertyName("executionProvider")]
    public required string ExecutionProvider { get; init; }

    /// <summary>The operating system description.</summary>
    [JsonPropertyName("os")]
    public required string Os { get; init; }

    /// <summary>The process architecture.</summary>
    [JsonPropertyName("architecture")]
    public required string Architecture { get; init; }

    /// <summary>The .NET runtime description.</summary>
    [JsonPropertyName("framework")]
    public required string Framework { get; init; }

    /// <summary>The OpenVerify version that produced the receipt.</summary>
    [JsonPropertyName("openVerify")]
    public required string OpenVerify { get; init; }
}
