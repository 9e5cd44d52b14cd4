using System.Collections.Concurrent;
using OpenVerify.Testing;
using Xunit.Abstractions;

namespace OpenVerify.Tests;

public class ConcurrencyTests(ITestOutputHelper output)
{
    [Fact]
    public void EightThreadsTimesAThousandInferences_AllVerify_WithUniqueInstanceAndSequence()
    {
        const int Threads = 8;
        const int PerThread = 1000;
        using var key = SigningKey.Generate();
        using var model = VerifiedModel.FromBytes(TestModels.AddMul());
        var receipts = new ConcurrentBag<(Receipt Receipt, TensorSet Inputs, TensorSet Outputs)>();
        Parallel.For(0, Threads, new ParallelOptions { MaxDegreeOfParallelism = Threads }, thread =>
        {
            for (var i = 0; i < PerThread; i++)
            {
                var inputs = Tensors.AddMulInputs(a: [thread, i, 1, 2], b: [i, thread, 3, 4]);
                var result = model.Run(inputs, new InferenceOptions { Signer = key });
                result.Value.Get<float>("sum").Span[0].ShouldBe(thread + i);
                receipts.Add((result.Receipt, inputs, result.Value));
            }
        });

        receipts.Count.ShouldBe(Threads * PerThread);
        var verifier = new ReceiptVerifier(TrustStore.For(key.PublicKey));
        var failures = 0;
        var ids = new ConcurrentDictionary<(string, long), bool>();
        Parallel.ForEach(receipts, r =>
        {
            var verification = verifier.Verify(r.Receipt.ToJson(), new() { Inputs = r.Inputs, Outputs = r.Outputs, ExpectedModelDigest = model.Digest });
            if (!verification.Succeeded)
            {
                Interlocked.Increment(ref failures);
            }

            var predicate = verification.Statement!.Predicate;
            ids.TryAdd((predicate.Instance, predicate.Sequence), true).ShouldBeTrue("(instance, sequence) repeated");
        });

        failures.ShouldBe(0);
        ids.Keys.Select(k => k.Item2).Order().ShouldBe(Enumerable.Range(1, Threads * PerThread).Select(i => (long)i));
        output.WriteLine($"concurrency: {Threads} threads x {PerThread} inferences on one VerifiedModel; {receipts.Count} receipts verified, {ids.Count} unique (instance, sequence) pairs");
    }
}
