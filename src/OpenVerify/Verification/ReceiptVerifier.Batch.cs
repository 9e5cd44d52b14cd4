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

    /// <summary>
    /// The fast path for log audits: checks only that a batched receipt is a leaf under a batch root signed by a
    /// trusted, non-revoked receipt-signer key (payload type, root signature, which is cached, and inclusion proof).
    /// The statement is not parsed, so nothing it claims is checked (<see cref="VerificationResult.NotChecked"/> says
    /// <c>statement</c>); verify with <see cref="Verify(Receipt, ReceiptVerificationOptions?)"/> before relying on what
    /// it says. A receipt with a signature of its own is not a batch member and fails the <c>inclusion</c> check.
    /// </summary>
    public VerificationResult VerifyMembership(Receipt receipt)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        var checks = new List<VerificationCheck>(3);
        var envelope = receipt.Envelope;
        if (envelope.PayloadType != Receipt.PayloadType)
        {
            checks.Add(new(VerificationChecks.PayloadType, false, "The envelope is not an OpenVerify receipt.", Receipt.PayloadType, envelope.PayloadType));
            return new VerificationResult(checks, MembershipNotChecked, null, null, null);
        }

        checks.Add(PayloadTypePassed);
        if (envelope.Batch is not { } batch)
        {
            checks.Add(new(VerificationChecks.Inclusion, false, "The receipt is not batched (it carries its own signature); only a batched receipt is a member of a batch."));
            return new VerificationResult(checks, MembershipNotChecked, null, null, null);
        }

        var signer = VerifyBatched(envelope, batch, checks);
        return new VerificationResult(checks, MembershipNotChecked, null, signer?.Key.KeyId, null);
    }

    private static readonly string[] MembershipNotChecked = [VerificationChecks.Statement];

    private static readonly VerificationCheck PayloadTypePassed = new(VerificationChecks.PayloadType, true, Receipt.PayloadType);

    private TrustedKey? VerifyBatched(DsseEnvelope envelope, BatchInclusion batch, List<VerificationCheck> checks)
    {
        var root = VerifyRoot(batch.Root, checks);
        if (root is null)
        {
            return null;
        }

        var (signer, head) = (root.Signer, root.Root);
        checks.Add(root.SignaturePassed);

        if (batch.TreeSize != head.TreeSize)
        {
            checks.Add(new(VerificationChecks.Inclusion, false, "The receipt's tree size is not its batch root's.", head.TreeSize.ToString(CultureInfo.InvariantCulture), batch.TreeSize.ToString(CultureInfo.InvariantCulture)));
            return null;
        }

        var leaf = Merkle.HashReceiptLeaf(envelope.PayloadType, envelope.Payload);
        var included = Merkle.VerifyInclusion(batch.Index, batch.TreeSize, leaf, batch.Proof, head.RootHash);
        checks.Add(included
            ? new(VerificationChecks.Inclusion, true, string.Create(CultureInfo.InvariantCulture, $"leaf {batch.Index} of {batch.TreeSize} under root {root.RootHex} (RFC 9162 inclusion proof, {batch.Proof.Count} hashes)"))
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

        // The root the previous receipt named, compared byte for byte with a copy taken when it was verified: receipts
        // of one batch arrive together, and a comparison costs less than hashing the root's PAE again.
        if (_lastRoot is { } last && last.Root.TrustVersion == version && last.Matches(rootEnvelope))
        {
            return last.Root;
        }

        // SHA-256 of the PAE, hashed in pieces (Merkle's leaf hash less its 0x00 prefix would do as well, but this is
        // the key the cache has always used).
        var signedPae = HashPae(rootEnvelope);
        foreach (var signature in rootEnvelope.Signatures)
        {
            if (_roots.TryGetValue((signature.KeyId, signedPae), out var cached) && cached.TrustVersion == version)
            {
                _lastRoot = new LastRoot(rootEnvelope, [signature.KeyId], cached);
                return cached;
            }
        }

        var hints = rootEnvelope.Signatures.Select(s => s.KeyId).Distinct(StringComparer.Ordinal).ToList();

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

        _lastRoot = new LastRoot(rootEnvelope, hints, verified);
        return verified;
    }

    private static Sha256Digest HashPae(DsseEnvelope envelope)
    {
        var size = 64 + (3 * envelope.PayloadType.Length);
        Span<byte> header = size <= 512 ? stackalloc byte[size] : new byte[size];
        var length = Dsse.WritePaeHeader(envelope.PayloadType, envelope.Payload.Length, header);
        var hash = PooledHash.Sha256;
        hash.AppendData(header[..length]);
        hash.AppendData(envelope.Payload);
        return PooledHash.Finish(hash);
    }

    private sealed record VerifiedRoot(TrustedKey Signer, BatchRoot Root, long TrustVersion)
    {
        /// <summary>The passed <c>signature</c> check of every receipt under this root, made once.</summary>
        /// <summary>The root hash in hex, for the <c>inclusion</c> check of every receipt under it.</summary>
        public string RootHex { get; } = Root.RootHash.ToHex();

        public VerificationCheck SignaturePassed { get; } = new(VerificationChecks.Signature, true, string.Create(CultureInfo.InvariantCulture, $"batch root {Root.BatchId} ({Root.TreeSize} receipts) signed by trusted receipt-signer key {Signer.Key.KeyId} ({Signer.Key.Algorithm})"));
    }

    // The last root verified or found in the cache; replaced whole, so a reader on another thread sees one entry.
    private LastRoot? _lastRoot;

    /// <summary>A verified root with its own copy of the bytes it was verified for (the envelope's payload array is the
    /// caller's and may change), and the key id hints it is cached under.</summary>
    private sealed class LastRoot(DsseEnvelope envelope, IReadOnlyList<string> hints, VerifiedRoot root)
    {
        private readonly string _payloadType = envelope.PayloadType;
        private readonly byte[] _payload = [.. envelope.Payload];

        public VerifiedRoot Root { get; } = root;

        /// <summary>Whether the envelope has these exact bytes and a key id hint the root is cached under, as the
        /// cache's own lookup requires.</summary>
        public bool Matches(DsseEnvelope other)
        {
            if (!string.Equals(other.PayloadType, _payloadType, StringComparison.Ordinal) || !other.Payload.AsSpan().SequenceEqual(_payload))
            {
                return false;
            }

            foreach (var signature in other.Signatures)
            {
                foreach (var hint in hints)
                {
                    if (string.Equals(signature.KeyId, hint, StringComparison.Ordinal))
                    {
                        return true;
                    }
                }
            }

            return false;
        }
    }
}
