namespace OpenVerify.Extensions.AI;

/// <summary>
/// Collects the receipts signed within one call of a <see cref="VerifiedChatClient"/>: the verified client sets it
/// for the flow of the call, and each attesting client that starts a round trip in that flow reports to it, truncated
/// receipts included (which cannot ride on a stream the consumer has stopped reading).
/// </summary>
internal sealed class ReceiptSink
{
    private static readonly AsyncLocal<ReceiptSink?> CurrentSink = new();
    private readonly List<ChatReceipt> _receipts = [];

    public static ReceiptSink? Current
    {
        get => CurrentSink.Value;
        set => CurrentSink.Value = value;
    }

    public void Add(ChatReceipt receipt)
    {
        lock (_receipts)
        {
            _receipts.Add(receipt);
        }
    }

    public IReadOnlyList<ChatReceipt> Snapshot()
    {
        lock (_receipts)
        {
            return [.. _receipts];
        }
    }
}
