using OpenVerify.Logs;
using OpenVerify.Samples.ResNet18;

namespace OpenVerify.Samples.ResNet18Service;

/// <summary>A scored image: the attested features, the five strongest, and the receipt's index in the receipt log.</summary>
internal sealed record Scored(Attested<float[]> Result, IReadOnlyList<(int Index, float Value)> Strongest, long LogIndex);

/// <summary>Runs the verified featurizer and keeps every receipt in the service's receipt log.</summary>
internal sealed class ScoringService(IServiceProvider services)
{
    private readonly ReceiptLog log = services.GetService<ReceiptLog>()
        ?? throw new InvalidOperationException("The service keeps every receipt in a receipt log: set OpenVerify:ReceiptLog:Path.");

    /// <summary>The response header with the receipt JSON, base64 (UTF-8).</summary>
    public const string ReceiptHeader = "OpenVerify-Receipt";

    /// <summary>The response header with the receipt's id (<c>sha256:…</c> of its payload).</summary>
    public const string ReceiptIdHeader = "OpenVerify-Receipt-Id";

    /// <summary>The response header with the receipt's index in the receipt log.</summary>
    public const string LogIndexHeader = "OpenVerify-Log-Index";

    /// <summary>The largest image accepted (a 2048x2048 PPM and its header).</summary>
    public const int MaxImageBytes = 2048 * 2048 * 3 + 64;

    private const string OutputName = "Pooling395_Output_0";
    private readonly object _checkpointGate = new();

    public Scored Score(byte[] image)
    {
        var pixels = ImagePreprocessing.ToNormalizedChw(PortablePixmap.Parse(image, "The image"), 224, 224);

        // A [VerifiedInference] method: it signs with the host's key (AddOpenVerify made it the default signer).
        var result = Featurizer.Featurize(pixels);
        var index = log.Append(result.Receipt);
        var strongest = result.Value.Select((v, i) => (Index: i, Value: v)).OrderByDescending(f => f.Value).Take(5).ToList();
        return new Scored(result, strongest, index);
    }

    /// <summary>The checkpoint of the log as it is now, signing a new tree head first when the log has grown.</summary>
    public string? Checkpoint()
    {
        if (services.GetService<NoteSigner>() is not { } signer)
        {
            return null;
        }

        lock (_checkpointGate)
        {
            var head = log.LastTreeHead;
            if (head is null || head.Head.TreeSize < log.Size)
            {
                head = log.SignTreeHead();
            }

            return new Logs.Checkpoint(head.Head.Origin, head.Head.TreeSize, head.Head.RootHash).Sign(signer);
        }
    }

    /// <summary>The featurizer's output as a verifier compares it.</summary>
    public static TensorSet Outputs(float[] features) => new([new(OutputName, TensorValue.Create(features, 1, features.Length, 1, 1))]);

    /// <summary>The request body, or null when it is larger than <see cref="MaxImageBytes"/>.</summary>
    public static async Task<byte[]?> ReadBodyAsync(HttpRequest request)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
        {
            if (buffer.Length + read > MaxImageBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
