using System.Text.Json.Serialization;

namespace OpenVerify;

/// <summary>
/// An in-toto Statement v1 whose predicate is the OpenVerify ML.NET prediction predicate
/// (<see cref="MLNetReceipts.PredicateType"/>, docs/spec/mlnet-v1.md). Its own payload and predicate types keep it from
/// ever being read as an ONNX inference statement, or the reverse.
/// </summary>
public sealed class MLNetStatement
{
    /// <summary>Always <see cref="InferenceStatement.StatementType"/>.</summary>
    [JsonPropertyName("_type")]
    public required string Type { get; init; }

    /// <summary>The subject: the output tensor set, digested under <c>openverify-tensor-set-v1</c>.</summary>
    [JsonPropertyName("subject")]
    public required IReadOnlyList<ResourceDescriptor> Subject { get; init; }

    /// <summary>Always <see cref="MLNetReceipts.PredicateType"/>.</summary>
    [JsonPropertyName("predicateType")]
    public required string PredicateType { get; init; }

    /// <summary>What ran, on what row, producing what row.</summary>
    [JsonPropertyName("predicate")]
    public required MLNetPredicate Predicate { get; init; }
}

/// <summary>The OpenVerify ML.NET prediction predicate (<c>https://openverify.dev/attestation/mlnet-prediction/v1</c>).</summary>
public sealed class MLNetPredicate
{
    /// <summary>The model that ran.</summary>
    [JsonPropertyName("model")]
    public required MLNetModelDescriptor Model { get; init; }

    /// <summary>The input row as named tensors (docs/spec/mlnet-v1.md, rows as tensors).</summary>
    [JsonPropertyName("inputs")]
    public required TensorSetDescriptor Inputs { get; init; }

    /// <summary>The output row as named tensors.</summary>
    [JsonPropertyName("outputs")]
    public required TensorSetDescriptor Outputs { get; init; }

    /// <summary>The runtime that ran it.</summary>
    [JsonPropertyName("runtime")]
    public required MLNetRuntimeDescriptor Runtime { get; init; }

    /// <summary>The method that ran it, when known.</summary>
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

/// <summary>The ML.NET model in a receipt: the <c>.zip</c> file's digest and its format.</summary>
public sealed class MLNetModelDescriptor
{
    /// <summary>The model's file name or project-relative path (informative; the digest is the identity).</summary>
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    /// <summary>Always <see cref="MLNetReceipts.ModelFormat"/>.</summary>
    [JsonPropertyName("format")]
    public required string Format { get; init; }

    /// <summary>The model file's digest set (<c>sha256</c> of the <c>.zip</c> bytes).</summary>
    [JsonPropertyName("digest")]
    public required IReadOnlyDictionary<string, string> Digest { get; init; }

    /// <summary>The digest of the model's verified signature bundle, when there is one.</summary>
    [JsonPropertyName("signatureDigest")]
    public IReadOnlyDictionary<string, string>? SignatureDigest { get; init; }

    /// <summary>The key id of the publisher whose signature verified, when there is one.</summary>
    [JsonPropertyName("publisherKeyId")]
    public string? PublisherKeyId { get; init; }
}

/// <summary>Runtime facts in an ML.NET receipt: claims of the host that explain replay differences.</summary>
public sealed class MLNetRuntimeDescriptor
{
    /// <summary>The ML.NET version that ran the model (for example <c>5.0.1</c>).</summary>
    [JsonPropertyName("mlNet")]
    public required string MLNet { get; init; }

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
