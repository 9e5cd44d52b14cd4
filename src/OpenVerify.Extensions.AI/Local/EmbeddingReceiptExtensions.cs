using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.AI;

namespace OpenVerify.Extensions.AI.Local;

/// <summary>The receipt of one embedding made by a <see cref="VerifiedOnnxEmbeddingGenerator"/>.</summary>
public static class EmbeddingReceiptExtensions
{
    /// <summary>The key of the receipt in <see cref="Embedding.AdditionalProperties"/>; its value is a <see cref="Receipt"/>.</summary>
    public const string ReceiptKey = "openverify.receipt";

    /// <summary>The embedding's ONNX inference receipt.</summary>
    /// <exception cref="InvalidOperationException">The embedding carries no receipt (it was not made by a verified generator).</exception>
    public static Receipt GetReceipt<T>(this Embedding<T> embedding) =>
        TryGetReceipt(embedding, out var receipt)
            ? receipt
            : throw new InvalidOperationException(
                $"The embedding carries no OpenVerify receipt: AdditionalProperties has no Receipt under '{ReceiptKey}'. Embeddings get one from {nameof(VerifiedOnnxEmbeddingGenerator)}.");

    /// <summary>The embedding's ONNX inference receipt, when it carries one.</summary>
    public static bool TryGetReceipt<T>(this Embedding<T> embedding, [NotNullWhen(true)] out Receipt? receipt)
    {
        ArgumentNullException.ThrowIfNull(embedding);
        receipt = embedding.AdditionalProperties?.TryGetValue(ReceiptKey, out var value) == true ? value as Receipt : null;
        return receipt is not null;
    }
}
