using System.Security.Cryptography;

namespace OpenVerify.Extensions.AI;

/// <summary>
/// Finds the conversation a request continues, so that its receipt names the previous receipt (docs/spec/chat-v1.md
/// §5). A conversation is identified by the provider's conversation id when the request carries one
/// (<c>ChatOptions.ConversationId</c>); otherwise by its history: a request continues the conversation whose earlier
/// request and response messages are a prefix of its own messages (the longest such prefix wins). Messages compare by
/// their transcript field digests, so a history rebuilt from streamed updates or read back from a cache still matches.
/// The state is in memory and bounded: after <see cref="Capacity"/> remembered turns the oldest are forgotten, and a
/// request that continues a forgotten (or another process's) conversation starts a new chain.
/// </summary>
internal sealed class ConversationTracker
{
    private static readonly byte[] Domain = "OpenVerify/chat-history/v1\0"u8.ToArray();

    private readonly Lock _lock = new();
    private readonly Dictionary<string, Entry> _ends = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();

    public int Capacity { get; set; } = 10_000;

    /// <summary>Chooses the link of a new receipt and remembers where the conversation now ends. Call under no other lock.</summary>
    public ChatChainLink Link(string? conversationId, IReadOnlyList<string> requestMessages, IReadOnlyList<string> responseMessages, Func<ChatChainLink, Sha256Digest> sign)
    {
        var prefixes = Prefixes(requestMessages, responseMessages);
        lock (_lock)
        {
            Entry? previous = null;
            if (conversationId is not null)
            {
                _ends.TryGetValue("id:" + conversationId, out previous);
            }

            for (var k = requestMessages.Count; previous is null && k > 0; k--)
            {
                _ends.TryGetValue(prefixes[k], out previous);
            }

            var link = previous is null
                ? new ChatChainLink { Conversation = Guid.NewGuid().ToString("D"), Turn = 1 }
                : new ChatChainLink { Conversation = previous.Conversation, Turn = previous.Turn + 1, Previous = previous.ReceiptId.ToString() };
            var id = sign(link);
            var entry = new Entry(link.Conversation, link.Turn, id);
            Remember(prefixes[^1], entry);
            if (conversationId is not null)
            {
                Remember("id:" + conversationId, entry);
            }

            return link;
        }
    }

    /// <summary>Remembers a conversation the provider named in its response (a server-side conversation).</summary>
    public void RememberConversationId(string conversationId, ChatChainLink link, Sha256Digest receiptId)
    {
        lock (_lock)
        {
            Remember("id:" + conversationId, new Entry(link.Conversation, link.Turn, receiptId));
        }
    }

    private void Remember(string key, Entry entry)
    {
        if (!_ends.ContainsKey(key))
        {
            _order.Enqueue(key);
        }

        _ends[key] = entry;
        while (_ends.Count > Capacity && _order.TryDequeue(out var oldest))
        {
            _ends.Remove(oldest);
        }
    }

    /// <summary>Running digests: element k covers the first k messages of the request followed by the response.</summary>
    private static string[] Prefixes(IReadOnlyList<string> requestMessages, IReadOnlyList<string> responseMessages)
    {
        var result = new string[requestMessages.Count + 2];
        var current = SHA256.HashData(Domain);
        result[0] = Convert.ToHexStringLower(current);
        var all = requestMessages.Concat(responseMessages).ToList();
        var buffer = new byte[64];
        for (var i = 0; i < all.Count; i++)
        {
            current.CopyTo(buffer, 0);
            Convert.FromHexString(all[i]).CopyTo(buffer, 32);
            current = SHA256.HashData(buffer);
            if (i + 1 <= requestMessages.Count)
            {
                result[i + 1] = Convert.ToHexStringLower(current);
            }
        }

        result[^1] = Convert.ToHexStringLower(current);
        return result;
    }

    private sealed record Entry(string Conversation, long Turn, Sha256Digest ReceiptId);
}
