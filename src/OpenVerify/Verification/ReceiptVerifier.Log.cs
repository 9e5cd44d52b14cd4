using System.Globalization;
using OpenVerify.Batching;
using OpenVerify.Logs;

namespace OpenVerify;

/// <summary>Verification of a receipt's inclusion in a receipt log.</summary>
public sealed partial class ReceiptVerifier
{
    /// <summary>Parses and verifies a log inclusion proof given as JSON (<c>openverify log prove</c>); a malformed
    /// proof is a failed <c>envelope</c> check.</summary>
    public VerificationResult VerifyLogInclusion(string proofJson, ReceiptVerificationOptions? options, out LogInclusionProof? proof)
    {
        try
        {
            proof = LogInclusionProof.Parse(proofJson);
        }
        catch (ReceiptFormatException e)
        {
            proof = null;
            return new VerificationResult([new VerificationCheck(VerificationChecks.Envelope, false, e.Message)], [], null, null, null);
        }

        return Verify(proof, options);
    }

    /// <summary>
    /// Verifies a log inclusion proof: the receipt itself (as <see cref="Verify(Receipt, ReceiptVerificationOptions?)"/>
    /// does), the tree head's signature by a trusted <c>log</c> key (check <c>tree-head</c>), and that the receipt is
    /// leaf <see cref="LogInclusionProof.Index"/> under the head's root (check <c>log-inclusion</c>).
    /// </summary>
    public VerificationResult Verify(LogInclusionProof proof, ReceiptVerificationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(proof);
        var receipt = Verify(proof.Receipt, options);
        var checks = new List<VerificationCheck>(receipt.Checks);
        var head = proof.TreeHead.Verify(_trust);
        checks.Add(head);
        if (head.Passed)
        {
            var leaf = Merkle.HashReceiptLeaf(proof.Receipt);
            var ok = proof.TreeSize == proof.TreeHead.Head.TreeSize
                && Merkle.VerifyInclusion(proof.Index, proof.TreeSize, leaf, proof.Proof, proof.TreeHead.Head.RootHash);
            checks.Add(ok
                ? new(VerificationChecks.LogInclusion, true, string.Create(CultureInfo.InvariantCulture, $"receipt {proof.Index} of the log '{proof.TreeHead.Head.Origin}' is included in its tree head of size {proof.TreeSize}"))
                : new(VerificationChecks.LogInclusion, false, string.Create(CultureInfo.InvariantCulture, $"The inclusion proof of receipt {proof.Index} does not lead to the tree head's root (size {proof.TreeHead.Head.TreeSize})."), proof.TreeHead.Head.RootHash.ToHex(), null));
        }

        return new VerificationResult(checks, receipt.NotChecked, receipt.Statement, receipt.SignerKeyId, receipt.Replay);
    }
}
