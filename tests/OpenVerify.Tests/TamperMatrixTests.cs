using System.Text.Json.Nodes;
using OpenVerify.Testing;
using Xunit.Abstractions;

namespace OpenVerify.Tests;

/// <summary>
/// Random mutations of a receipt and of everything it is checked against. None may verify. The figures are printed
/// to the test output and quoted in the issue note.
/// </summary>
public class TamperMatrixTests(ITestOutputHelper output)
{
    private const int PayloadMutations = 3000;
    private const int SignatureMutations = 2000;
    private const int InputMutations = 2000;
    private const int OutputMutations = 2000;
    private const int ModelSwaps = 500;
    private const int EnvelopeFieldMutations = 500;

    [Fact]
    public void NoMutationVerifies()
    {
        using var ed25519 = SigningKey.Generate();
        using var p256 = SigningKey.Generate(KeyAlgorithm.EcdsaP256);
        var modelBytes = TestModels.MixedTypes();
        using var model = VerifiedModel.FromBytes(modelBytes);
        var inputs = Tensors.Set(
            ("x", TensorValue.Create(new[] { 1.5f, -2.5f }, 2)),
            ("y", TensorValue.Create(new[] { 7, 8 }, 2)),
            ("z", TensorValue.Create(new[] { true, false }, 2)),
            ("s", TensorValue.CreateStrings(["naïve", "🙂"], 2)));
        var trust = new TrustStore().Add(ed25519.PublicKey, KeyRole.ReceiptSigner).Add(p256.PublicKey, KeyRole.ReceiptSigner);
        var verifier = new ReceiptVerifier(trust);
        var receipts = new[] { ed25519, p256 }.Select(k => model.Run(inputs, new InferenceOptions { Signer = k })).ToArray();
        foreach (var r in receipts)
        {
            verifier.Verify(r.Receipt.ToJson(), new() { Inputs = inputs, Outputs = r.Value, ReplayModel = model }).Succeeded.ShouldBeTrue("baseline");
        }

        var random = new Random(20261125);
        var counts = new Dictionary<string, int>();
        void Refused(string kind, VerificationResult result)
        {
            result.Succeeded.ShouldBeFalse($"{kind} mutation verified:\n{result}");
            counts[kind] = counts.GetValueOrDefault(kind) + 1;
        }

        for (var i = 0; i < PayloadMutations; i++)
        {
            var original = receipts[i % 2].Receipt.Envelope;
            var payload = Mutate(original.Payload, random);
            Refused("payload", verifier.Verify(new DsseEnvelope(original.PayloadType, payload, original.Signatures).ToJson()));
        }

        for (var i = 0; i < SignatureMutations; i++)
        {
            var original = receipts[i % 2].Receipt.Envelope;
            var signature = original.Signatures[0];
            var mutated = new DsseSignature(signature.KeyId, Mutate(signature.Signature, random));
            Refused(VerificationChecks.Signature, verifier.Verify(new DsseEnvelope(original.PayloadType, original.Payload, [mutated]).ToJson()));
        }

        for (var i = 0; i < InputMutations; i++)
        {
            var r = receipts[i % 2];
            Refused(VerificationChecks.Inputs, verifier.Verify(r.Receipt, new() { Inputs = MutateOne(inputs, random) }));
        }

        for (var i = 0; i < OutputMutations; i++)
        {
            var r = receipts[i % 2];
            Refused(VerificationChecks.Outputs, verifier.Verify(r.Receipt, new() { Outputs = MutateOne(r.Value, random) }));
        }

        for (var i = 0; i < ModelSwaps; i++)
        {
            var swapped = Mutate(modelBytes, random);
            Refused(VerificationChecks.Model, verifier.Verify(receipts[i % 2].Receipt, new() { ExpectedModelDigest = Sha256Digest.Compute(swapped) }));
        }

        for (var i = 0; i < EnvelopeFieldMutations; i++)
        {
            var original = receipts[i % 2].Receipt.Envelope;
            var type = original.PayloadType.Remove(random.Next(original.PayloadType.Length), 1);
            Refused(VerificationChecks.PayloadType, verifier.Verify(new DsseEnvelope(type, original.Payload, original.Signatures).ToJson()));
        }

        // A receipt signed by a key trusted only as a model publisher.
        var publisherTrust = new ReceiptVerifier(new TrustStore().Add(ed25519.PublicKey, KeyRole.ModelPublisher));
        Refused("publisher-role", publisherTrust.Verify(receipts[0].Receipt));

        var total = counts.Values.Sum();
        output.WriteLine($"tamper matrix: {total} mutations, 0 verified: {string.Join(", ", counts.Select(c => $"{c.Key} {c.Value}"))}");
        total.ShouldBeGreaterThanOrEqualTo(10_000);
    }

    /// <summary>Flips, replaces, inserts, deletes or truncates, and never returns the input unchanged.</summary>
    internal static byte[] Mutate(byte[] data, Random random)
    {
        while (true)
        {
            var bytes = data.ToList();
            var edits = random.Next(1, 4);
            for (var e = 0; e < edits; e++)
            {
                var at = bytes.Count == 0 ? 0 : random.Next(bytes.Count);
                switch (random.Next(5))
                {
                    case 0 when bytes.Count > 0: bytes[at] ^= (byte)(1 << random.Next(8)); break;
                    case 1 when bytes.Count > 0: bytes[at] = (byte)random.Next(256); break;
                    case 2: bytes.Insert(at, (byte)random.Next(256)); break;
                    case 3 when bytes.Count > 0: bytes.RemoveAt(at); break;
                    case 4 when bytes.Count > 1: bytes.RemoveRange(at, bytes.Count - at); break;
                }
            }

            var result = bytes.ToArray();
            if (!result.AsSpan().SequenceEqual(data))
            {
                return result;
            }
        }
    }

    /// <summary>Flips one bit of one tensor (numeric: a raw bit; bool: 0↔1; string: one character).</summary>
    private static TensorSet MutateOne(TensorSet set, Random random)
    {
        var victim = set.Keys.ElementAt(random.Next(set.Count));
        return new TensorSet(set.Select(t => new KeyValuePair<string, TensorValue>(t.Key, t.Key == victim ? Flip(t.Value, random) : t.Value)));
    }

    private static TensorValue Flip(TensorValue tensor, Random random)
    {
        var shape = tensor.Shape.ToArray();
        switch (tensor)
        {
            case StringTensorValue s:
            {
                var values = s.Values.ToArray();
                var i = random.Next(values.Length);
                values[i] = values[i] + (char)('a' + random.Next(26));
                return TensorValue.CreateStrings(values, shape);
            }

            case TensorValue<bool> b:
            {
                var values = b.ToArray();
                var i = random.Next(values.Length);
                values[i] = !values[i];
                return TensorValue.Create(values, shape);
            }

            default:
            {
                var bytes = tensor.RawBytes.ToArray();
                bytes[random.Next(bytes.Length)] ^= (byte)(1 << random.Next(8));
                return tensor.ElementType switch
                {
                    ElementType.Float => TensorValue.Create(System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(bytes).ToArray(), shape),
                    ElementType.Double => TensorValue.Create(System.Runtime.InteropServices.MemoryMarshal.Cast<byte, double>(bytes).ToArray(), shape),
                    ElementType.Int32 => TensorValue.Create(System.Runtime.InteropServices.MemoryMarshal.Cast<byte, int>(bytes).ToArray(), shape),
                    ElementType.Int64 => TensorValue.Create(System.Runtime.InteropServices.MemoryMarshal.Cast<byte, long>(bytes).ToArray(), shape),
                    _ => throw new InvalidOperationException(tensor.ToString()),
                };
            }
        }
    }
}
