namespace OpenVerify.Extensions.AI.Tests;

/// <summary>Counts signatures, so a receipt signed twice (or not at all) shows.</summary>
internal sealed class CountingSigner(ISigner inner) : ISigner
{
    public int Signatures;

    public string KeyId => inner.KeyId;

    public KeyAlgorithm Algorithm => inner.Algorithm;

    public byte[] Sign(ReadOnlySpan<byte> data)
    {
        Interlocked.Increment(ref Signatures);
        return inner.Sign(data);
    }
}
