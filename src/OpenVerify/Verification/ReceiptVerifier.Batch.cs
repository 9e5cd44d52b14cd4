using System.Collections.Concurrent;
using System.Globalization;
using OpenVerify.Batching;

namespace OpenVerify;

/// <summary>Verification of batched receipts (docs/spec/batch-v1.md).</summary>
public sealed partial class ReceiptVerifier
{
    /// <summary>Verified roots kept at most; the cache is dropped whole when it grows past this.</summary>
    private const int RootCacheLimit = 4096;

    // Roots already verified, keyed by the key id hint and the SHA-256 of the root's PAE (payload type and signed
    // payload). An entry holds the trust store version it was verified under and is used only while that version is
    // current: any change to the trust store (a key added or revoked) drops it.
    private readonly ConcurrentDictionary<(string KeyId, Sha256Digest SignedPae), VerifiedRoot> _roots = new();
    private long _rootsVersion = -1;

    /// <summary>How many verified batch roots are cached now (for tests and monitoring).</summary>
    public int CachedRootCount => _roots.Count;

    private TrustedKey? VerifyBatched(DsseEnvelope envelope, BatchInclusion batch, List<VerificationCheck> checks)
    {
        var root = VerifyRoot(batch.Root, checks);
        if (root is null)
        {
            return null;
        }

        var (signer, head) = (root.Signer, root.Root);
        checks.Add(new(VerificationChecks.Signature, true, string.Create(CultureInfo.InvariantCulture, $"batch root {head.BatchId} ({head.TreeSize} receipts) signed by trusted receipt-signer key {signer.Key.KeyId} ({signer.Key.Algorithm})")));

        if (batch.TreeSize != head.TreeSize)
        {
            checks.Add(new(VerificationChecks.Inclusion, false, "The receipt's tree size is not its batch root's.", head.TreeSize.ToString(CultureInfo.InvariantCulture), batch.TreeSize.ToString(CultureInfo.InvariantCulture)));
            return null;
        }

        var leaf = Merkle.HashReceiptLeaf(envelope.PayloadType, envelope.Payload);
        var included = Merkle.VerifyInclusion(batch.Index, batch.TreeSize, leaf, batch.Proof, head.RootHash);
        checks.Add(included
            ? new(VerificationChecks.Inclusion, true, string.Create(CultureInfo.InvariantCulture, $"leaf {batch.Index} of {batch.TreeSize} under root {head.RootHash.ToHex()} (RFC 9162 inclusion proof, {batch.Proof.Count} hashes)"))
            : new(VerificationChecks.Inclusion, false, string.Create(CultureInfo.InvariantCulture, $"The inclusion proof for leaf {batch.Index} of {batch.TreeSize} does not lead to the signed root: the receipt was altered, or the index, size or proof is wrong."), head.RootHash.ToHex(), null));
        return included ? signer : null;
    }

    /// <summary>Verifies a batch root envelope (or takes it from the cache): payload type, a trusted receipt-signer
    /// signature, the payload, and that the payload's key id is the key that verified.</summary>
    private VerifiedRoot? VerifyRoot(DsseEnvelope rootEnvelope, List<VerificationCheck> checks)
    {
        if (rootEnvelope.PayloadType != BatchRoot.PayloadType)
        {
            checks.Add(new(VerificationChecks.Signature, false, "The batch root envelope has the wrong payload type.", BatchRoot.PayloadType, rootEnvelope.PayloadType));
            return null;
        }

        var version = _trust.Version;
        if (Interlocked.Exchange(ref _rootsVersion, version) != version)
        {
            _roots.Clear();
        }

        var signedPae = Sha256Digest.Compute(Dsse.Pae(rootEnvelope.PayloadType, rootEnvelope.Payload));
        var hints = rootEnvelope.Signatures.Select(s => s.KeyId).Distinct(StringComparer.Ordinal).ToList();
        foreach (var hint in hints)
        {
            if (_roots.TryGetValue((hint, signedPae), out var cached) && cached.TrustVersion == version)
            {
                return cached;
            }
        }

        var signer = FindSigner(_trust, rootEnvelope, KeyRole.ReceiptSigner, "batch roots", out var failure);
        if (signer is null)
        {
            checks.Add(failure! with { Detail = "Batch root: " + failure.Detail });
            return null;
        }

        BatchRoot root;
        try
        {
            root = BatchRoot.ParsePayload(rootEnvelope.Payload);
        }
        catch (ReceiptFormatException e)
        {
            checks.Add(new(VerificationChecks.Signature, false, e.Message));
            return null;
        }

        if (root.KeyId != signer.Key.KeyId)
        {
            checks.Add(new(VerificationChecks.Signature, false, "The batch root names another key than the one whose signature verified.", signer.Key.KeyId, root.KeyId));
            return null;
        }

        var verified = new VerifiedRoot(signer, root, version);
        if (_roots.Count >= RootCacheLimit)
        {
            _roots.Clear();
        }

        foreach (var hint in hints)
        {
            _roots[(hint, signedPae)] = verified;
        }

        return verified;
    }

    private sealed record VerifiedRoot(TrustedKey Signer, BatchRoot Root, long TrustVersion);
}
