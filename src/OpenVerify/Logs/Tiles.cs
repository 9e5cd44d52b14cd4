using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using OpenVerify.Batching;

namespace OpenVerify.Logs;

/// <summary>A tile or an entry bundle of a tiled log (C2SP <c>tlog-tiles</c>) is malformed: a wrong length, a torn or
/// empty entry, an entry that is not a receipt envelope, or a path that is not a tile path. The message says which.</summary>
public sealed class TileFormatException : OpenVerifyException
{
    /// <summary>Creates the exception.</summary>
    public TileFormatException(string message, Exception? innerException = null) : base(message, innerException) { }
}

/// <summary>
/// The resource names and encodings of C2SP <c>tlog-tiles</c> (docs/spec/tiles-v1.md): hash tiles
/// <c>tile/&lt;L&gt;/&lt;N&gt;[.p/&lt;W&gt;]</c> of up to 256 hashes, entry bundles
/// <c>tile/entries/&lt;N&gt;[.p/&lt;W&gt;]</c> of up to 256 uint16-length-prefixed entries, and the <c>checkpoint</c>.
/// </summary>
public static class TileLayout
{
    /// <summary>Hashes in a full tile, entries in a full bundle.</summary>
    public const int TileWidth = 256;

    /// <summary>Tree levels one tile level spans (256 = 2^8).</summary>
    public const int TileHeight = 8;

    /// <summary>The largest entry a bundle can hold (its length is a big-endian uint16).</summary>
    public const int MaxEntryBytes = ushort.MaxValue;

    /// <summary>The checkpoint's resource name.</summary>
    public const string CheckpointName = "checkpoint";

    /// <summary>The path of hash tile <paramref name="index"/> at <paramref name="level"/> (0–63), full when
    /// <paramref name="width"/> is 256, else partial (<c>.p/W</c>).</summary>
    public static string TilePath(int level, long index, int width)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(level);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(level, 63);
        return "tile/" + level.ToString(CultureInfo.InvariantCulture) + "/" + IndexPath(index, width);
    }

    /// <summary>The path of entry bundle <paramref name="index"/>, full when <paramref name="width"/> is 256.</summary>
    public static string EntriesPath(long index, int width) => "tile/entries/" + IndexPath(index, width);

    /// <summary><c>N</c> as zero-padded 3-digit elements, all but the last prefixed by <c>x</c>, then <c>.p/W</c> for a
    /// partial width: 1234067 ⇒ <c>x001/x234/067</c>.</summary>
    private static string IndexPath(long index, int width)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(width, TileWidth);
        var text = new StringBuilder((index % 1000).ToString("000", CultureInfo.InvariantCulture));
        for (var rest = index / 1000; rest > 0; rest /= 1000)
        {
            text.Insert(0, "x" + (rest % 1000).ToString("000", CultureInfo.InvariantCulture) + "/");
        }

        if (width < TileWidth)
        {
            text.Append(".p/").Append(width.ToString(CultureInfo.InvariantCulture));
        }

        return text.ToString();
    }

    /// <summary>Reads a hash tile: exactly <paramref name="width"/> 32-byte hashes.</summary>
    /// <exception cref="TileFormatException">The tile is not <paramref name="width"/> × 32 bytes.</exception>
    public static IReadOnlyList<Sha256Digest> ParseHashTile(ReadOnlySpan<byte> tile, int width)
    {
        if (width < 1 || width > TileWidth || tile.Length != width * Sha256Digest.Length)
        {
            throw new TileFormatException(string.Create(CultureInfo.InvariantCulture,
                $"A hash tile of width {width} is {width * Sha256Digest.Length} bytes; this one is {tile.Length}."));
        }

        var hashes = new Sha256Digest[width];
        for (var i = 0; i < width; i++)
        {
            hashes[i] = Sha256Digest.FromBytes(tile.Slice(i * Sha256Digest.Length, Sha256Digest.Length));
        }

        return hashes;
    }

    /// <summary>Reads an entry bundle strictly: a sequence of big-endian uint16 length-prefixed entries, each non-empty,
    /// nothing after the last, at most 256 entries. The entries are not parsed.</summary>
    /// <exception cref="TileFormatException">The bundle is malformed; the message names the entry and byte offset.</exception>
    public static IReadOnlyList<ReadOnlyMemory<byte>> ParseEntryBundle(ReadOnlyMemory<byte> bundle)
    {
        var entries = new List<ReadOnlyMemory<byte>>();
        var span = bundle.Span;
        var offset = 0;
        while (offset < span.Length)
        {
            if (entries.Count == TileWidth)
            {
                throw new TileFormatException(string.Create(CultureInfo.InvariantCulture, $"The entry bundle holds more than {TileWidth} entries (byte {offset})."));
            }

            if (span.Length - offset < 2)
            {
                throw new TileFormatException(string.Create(CultureInfo.InvariantCulture, $"Entry {entries.Count} of the bundle is torn: its 2-byte length at byte {offset} is cut off."));
            }

            var length = BinaryPrimitives.ReadUInt16BigEndian(span[offset..]);
            if (length == 0)
            {
                throw new TileFormatException(string.Create(CultureInfo.InvariantCulture, $"Entry {entries.Count} of the bundle (byte {offset}) is empty."));
            }

            if (span.Length - offset - 2 < length)
            {
                throw new TileFormatException(string.Create(CultureInfo.InvariantCulture,
                    $"Entry {entries.Count} of the bundle is torn: it declares {length} bytes at byte {offset}, but {span.Length - offset - 2} follow."));
            }

            entries.Add(bundle.Slice(offset + 2, length));
            offset += 2 + length;
        }

        return entries;
    }

    /// <summary>Encodes entries as a bundle.</summary>
    internal static byte[] EntryBundle(IEnumerable<byte[]> entries)
    {
        using var buffer = new MemoryStream();
        Span<byte> length = stackalloc byte[2];
        foreach (var entry in entries)
        {
            BinaryPrimitives.WriteUInt16BigEndian(length, checked((ushort)entry.Length));
            buffer.Write(length);
            buffer.Write(entry);
        }

        return buffer.ToArray();
    }

    /// <summary>A receipt as a log entry: its envelope's JSON, UTF-8.</summary>
    /// <exception cref="ArgumentException">The envelope is longer than <see cref="MaxEntryBytes"/>.</exception>
    public static byte[] ReceiptEntry(Receipt receipt)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        var entry = Encoding.UTF8.GetBytes(receipt.Envelope.ToJson());
        return entry.Length <= MaxEntryBytes
            ? entry
            : throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"The receipt's envelope is {entry.Length} bytes; a tiled log's entry holds at most {MaxEntryBytes} (its length is a uint16)."), nameof(receipt));
    }

    /// <summary>Reads an entry as a receipt envelope (strictly, as receipt-v1 §4 reads envelopes); nothing is verified.</summary>
    /// <exception cref="TileFormatException">The entry is not a receipt envelope.</exception>
    public static Receipt ParseReceiptEntry(ReadOnlySpan<byte> entry)
    {
        string json;
        try
        {
            json = new UTF8Encoding(false, true).GetString(entry);
        }
        catch (DecoderFallbackException e)
        {
            throw new TileFormatException("The entry is not UTF-8 (a receipt envelope's JSON).", e);
        }

        try
        {
            return Receipt.Parse(json);
        }
        catch (ReceiptFormatException e)
        {
            throw new TileFormatException("The entry is not a receipt envelope: " + e.Message, e);
        }
    }

    /// <summary>The tile that holds the complete subtree hash (height, index) of a tree of <paramref name="treeSize"/>
    /// leaves: its level, number and width, and where the 2^(height mod 8) tile hashes under it start.</summary>
    internal static (int Level, long Number, int Width, int Offset, int Count) Locate(int height, long index, long treeSize)
    {
        var level = height / TileHeight;
        var below = height % TileHeight;
        var first = index << below;
        var number = first / TileWidth;
        var available = (treeSize >> (level * TileHeight)) - (number * TileWidth);
        return (level, number, (int)Math.Min(TileWidth, available), (int)(first % TileWidth), 1 << below);
    }

    /// <summary>MTH of a perfect subtree over consecutive tile hashes.</summary>
    internal static Sha256Digest HashPerfect(IReadOnlyList<Sha256Digest> hashes, int offset, int count)
    {
        if (count == 1)
        {
            return hashes[offset];
        }

        var half = count / 2;
        return Merkle.HashChildren(HashPerfect(hashes, offset, half), HashPerfect(hashes, offset + half, half));
    }
}
