namespace OpenVerify.Extensions.AI;

/// <summary>
/// Stands for "the runtime's signer when the receipt is signed" (<see cref="OpenVerifyRuntime.ResolveSigner"/>): a
/// client built once and kept (a DI singleton, a kernel's service) then follows <c>UseSigner</c> scopes and
/// <see cref="OpenVerifyRuntime.DefaultSigner"/> as <see cref="VerifiedModel"/> does, instead of signing every later
/// request with whichever key was current when it was built.
/// </summary>
internal sealed class RuntimeSigner : ISigner
{
    public static readonly RuntimeSigner Instance = new();

    private RuntimeSigner()
    {
    }

    public string KeyId => OpenVerifyRuntime.ResolveSigner().KeyId;

    public KeyAlgorithm Algorithm => OpenVerifyRuntime.ResolveSigner().Algorithm;

    /// <summary>The signer for one receipt: resolved once, so its key id and its signature come from the same key.</summary>
    public static ISigner ForThisReceipt(ISigner signer) => signer is RuntimeSigner ? OpenVerifyRuntime.ResolveSigner() : signer;

    public byte[] Sign(ReadOnlySpan<byte> data) => OpenVerifyRuntime.ResolveSigner().Sign(data);
}
