using BenchmarkDotNet.Attributes;
using OpenVerify.Batching;

namespace OpenVerify.Benchmarks;

/// <summary>Receipts verified per second on one thread: single-signed, batched (the root is verified once and
/// cached), and the batched receipt's Merkle part alone (leaf hash and inclusion proof). Each invocation verifies 1024
/// distinct receipts. The floor is one Ed25519 verification over a receipt's PAE with the same key.</summary>
[MemoryDiagnoser]
public class Verification
{
    public const int Receipts = 1024;
    private byte[][] _paes = null!;
    private Receipt[] _single = null!;
    private Receipt[] _batched = null!;
    private ReceiptVerifier _verifier = null!;
    private Sha256Digest _root;

    internal Receipt[] SingleReceipts => _single;

    internal Receipt[] BatchedReceipts => _batched;

    [GlobalSetup]
    public void Setup()
    {
        using var pair = new ModelPair(Fixtures.TinyModel);
        _single = [.. Enumerable.Range(0, Receipts).Select(_ => pair.Verified.Run(pair.Inputs, new InferenceOptions { Signer = Fixtures.Key }).Receipt)];
        _batched = [.. BatchingSigner.SignBatch(Fixtures.Key, [.. _single.Select(r => r.Envelope.Payload)])];
        _verifier = new ReceiptVerifier(TrustStore.For(Fixtures.Key.PublicKey));
        _paes = [.. _single.Select(r => Dsse.Pae(r.Envelope.PayloadType, r.Envelope.Payload))];
        _root = BatchRoot.ParsePayload(_batched[0].Envelope.Batch!.Root.Payload).RootHash;
        if (!_batched.All(r => _verifier.Verify(r).Succeeded) || !_single.All(r => _verifier.Verify(r).Succeeded))
        {
            throw new InvalidOperationException("The benchmark's receipts do not verify.");
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Receipts, Description = "floor: Ed25519 verification over the PAE")]
    public int Floor()
    {
        var ok = 0;
        var key = Fixtures.Key.PublicKey;
        for (var i = 0; i < Receipts; i++)
        {
            ok += key.Verify(_paes[i], _single[i].Envelope.Signatures[0].Signature) ? 1 : 0;
        }

        return ok;
    }

    [Benchmark(OperationsPerInvoke = Receipts, Description = "single-signed receipt, full verification")]
    public int Single()
    {
        var ok = 0;
        foreach (var receipt in _single)
        {
            ok += _verifier.Verify(receipt).Succeeded ? 1 : 0;
        }

        return ok;
    }

    [Benchmark(OperationsPerInvoke = Receipts, Description = "batched receipt, full verification")]
    public int Batched()
    {
        var ok = 0;
        foreach (var receipt in _batched)
        {
            ok += _verifier.Verify(receipt).Succeeded ? 1 : 0;
        }

        return ok;
    }

    [Benchmark(OperationsPerInvoke = Receipts, Description = "batched receipt, membership only (ReceiptVerifier.VerifyMembership)")]
    public int MembershipOnly()
    {
        var ok = 0;
        foreach (var receipt in _batched)
        {
            ok += _verifier.VerifyMembership(receipt).Succeeded ? 1 : 0;
        }

        return ok;
    }

    [Benchmark(OperationsPerInvoke = Receipts, Description = "batched receipt, leaf hash + inclusion proof only")]
    public int InclusionOnly()
    {
        var ok = 0;
        foreach (var receipt in _batched)
        {
            var batch = receipt.Envelope.Batch!;
            var leaf = Merkle.HashReceiptLeaf(receipt);
            ok += Merkle.VerifyInclusion(batch.Index, batch.TreeSize, leaf, batch.Proof, _root) ? 1 : 0;
        }

        return ok;
    }
}

/// <summary>Model hashing: SHA-256 over the ResNet18 file's bytes (what VerifiedModel.Load does before anything else).</summary>
public class ModelHashing
{
    private byte[] _model = null!;

    [GlobalSetup]
    public void Setup() => _model = Fixtures.ResNet18Model;

    [Benchmark(Description = "SHA-256 of ResNet18.onnx")]
    public Sha256Digest Sha256() => Sha256Digest.Compute(_model);
}
