using System.Globalization;
using System.Text;
using OpenVerify.Batching;
using OpenVerify.Testing;

namespace OpenVerify.Tests.Receipts;

/// <summary>
/// Receipts from the fast path (statement written per call from parts serialized once per model, issue 15) are byte
/// for byte the receipts the previous code path made for the same inputs, clock and sequence. The previous path is kept
/// here as the reference: the statement built as an object graph and written by the serializer, signed over a PAE built
/// by concatenation. Ed25519 signatures are deterministic, so whole envelopes compare.
/// </summary>
public class FastPathIdentityTests
{
    private static readonly SigningKey Key = SigningKey.Generate();

    public static TheoryData<string> Models => ["addmul", "mixed", "scalar", "dynamic"];

    private static (byte[] Model, TensorSet Inputs) Case(string name) => name switch
    {
        "addmul" => (TestModels.AddMul(), Tensors.AddMulInputs([1, -0f, float.NaN, 4], [5, 6, 7, float.PositiveInfinity])),
        "mixed" => (TestModels.MixedTypes(), Tensors.Set(
            ("x", TensorValue.Create([1.5f, -2.5f], 2)),
            ("y", TensorValue.Create([7, -8], 2)),
            ("z", TensorValue.Create([true, false], 2)),
            ("s", TensorValue.CreateStrings(["héllo \"quoted\" <tag> +1", "😀\n\t"], 2)))),
        "scalar" => (TestModels.Scalar(), Tensors.Set(("x", TensorValue.Scalar(3.25f)))),
        _ => (TestModels.DynamicBatch(), Tensors.Set(("x", TensorValue.Create([1f, -2, 3, -4, 5, -6], 2, 3)))),
    };

    [Theory]
    [MemberData(nameof(Models))]
    public void SingleSignedReceipts_AreByteIdentical_ToThePreviousPath(string name)
    {
        var (bytes, inputs) = Case(name);
        var loadOptions = new VerifiedModelOptions
        {
            Name = "models/é \"odd\" name+1.onnx",
            SignatureDigest = Sha256Digest.Compute([1, 2, 3]),
            PublisherKeyId = Key.KeyId,
        };
        using var model = VerifiedModel.FromBytes(bytes, loadOptions);
        foreach (var options in new[]
        {
            new InferenceOptions { Signer = Key },
            new InferenceOptions { Signer = Key, Method = "Ns.Type.Method(float[])", Nonce = "n<1>&\"2\"\u00e9\U0001F600", Audience = "aud\\ience\u0001" },
        })
        {
            var fast = model.Run(inputs, options);
            var (sequence, timestamp) = ClockAndSequence(fast.Receipt);
            var reference = PreviousPath.Statement(model, loadOptions, inputs, fast.Value, options, sequence, timestamp);
            Encoding.UTF8.GetString(fast.Receipt.Envelope.Payload).ShouldBe(Encoding.UTF8.GetString(reference));
            fast.Receipt.Envelope.Payload.ShouldBe(reference);
            fast.Receipt.ToJson().ShouldBe(PreviousPath.Sign(reference, Key).ToJson());
            fast.Receipt.Id.ShouldBe(Sha256Digest.Compute(reference));
        }
    }

    [Fact]
    public void AStatementLongerThanTheThreadsBuffer_AndMethodsThatChangeFromCallToCall_AreByteIdentical()
    {
        // The statement buffer starts at 4 KB and grows; the method's JSON is kept per thread while the caller passes the
        // same string, and must follow when it passes another.
        var (bytes, inputs) = Case("mixed");
        var loadOptions = new VerifiedModelOptions { Name = "models/" + new string('m', 3000) + "\u00e9\"" + new string('n', 3000) + ".onnx" };
        using var model = VerifiedModel.FromBytes(bytes, loadOptions);
        foreach (var method in new[] { "A.B()", "A.B()", "C\"D\"", null, new string('x', 5000), "A.B()" })
        {
            var options = new InferenceOptions { Signer = Key, Method = method };
            var fast = model.Run(inputs, options);
            var (sequence, timestamp) = ClockAndSequence(fast.Receipt);
            var reference = PreviousPath.Statement(model, loadOptions, inputs, fast.Value, options, sequence, timestamp);
            fast.Receipt.Envelope.Payload.ShouldBe(reference);
            fast.Receipt.ToJson().ShouldBe(PreviousPath.Sign(reference, Key).ToJson());
        }
    }

    [Fact]
    public async Task BatchedReceipts_CarryTheSamePayload_AndTheirProofsAreTheTreesProofs()
    {
        var (bytes, inputs) = Case("addmul");
        using var model = VerifiedModel.FromBytes(bytes);
        var options = new InferenceOptions { Method = "M", Nonce = "n" };
        Attested<TensorSet>[] results;
        await using (var signer = new BatchingSigner(Key, new BatchingSignerOptions { MaxBatchSize = 7, MaxDelay = TimeSpan.FromHours(1) }))
        {
            var tasks = Enumerable.Range(0, 7).Select(_ => model.RunAsync(inputs, signer, options)).ToList();
            results = await Task.WhenAll(tasks);
        }

        var leaves = results.Select(r => Merkle.HashLeaf(Dsse.Pae(Receipt.PayloadType, r.Receipt.Envelope.Payload))).ToList();
        foreach (var result in results)
        {
            var (sequence, timestamp) = ClockAndSequence(result.Receipt);
            result.Receipt.Envelope.Payload.ShouldBe(PreviousPath.Statement(model, new VerifiedModelOptions(), inputs, result.Value, options, sequence, timestamp));
            var batch = result.Receipt.Envelope.Batch.ShouldNotBeNull();
            var index = (int)batch.Index;
            Merkle.VerifyInclusion(index, 7, leaves[index], batch.Proof, Merkle.RootHash(leaves)).ShouldBeTrue();
        }
    }

    private static (long Sequence, string Timestamp) ClockAndSequence(Receipt receipt)
    {
        var predicate = receipt.ReadStatementUnverified().Predicate;
        return (predicate.Sequence, predicate.Timestamp);
    }

    /// <summary>VerifiedModel.Run's statement and signature as they were before issue 15.</summary>
    private static class PreviousPath
    {
        public static byte[] Statement(VerifiedModel model, VerifiedModelOptions load, TensorSet inputs, TensorSet outputs, InferenceOptions options, long sequence, string timestamp)
        {
            var configText = model.Session.ToCanonicalText();
            var outputDescriptor = DescribeSet(outputs);
            var statement = new InferenceStatement
            {
                Type = InferenceStatement.StatementType,
                Subject = [new ResourceDescriptor { Name = "outputs", Digest = outputDescriptor.Digest }],
                PredicateType = Receipt.PredicateType,
                Predicate = new InferencePredicate
                {
                    Model = new ModelDescriptor
                    {
                        Name = model.Name,
                        Digest = DigestSets.Sha256(model.Digest),
                        SignatureDigest = load.SignatureDigest is { } sig ? DigestSets.Sha256(sig) : null,
                        PublisherKeyId = load.PublisherKeyId,
                    },
                    Inputs = DescribeSet(inputs),
                    Outputs = outputDescriptor,
                    Session = new SessionDescriptor { Config = configText, Digest = DigestSets.Sha256(SessionConfiguration.ComputeDigest(configText)) },
                    Runtime = RuntimeFacts.Descriptor,
                    Method = options.Method,
                    Instance = RuntimeFacts.Instance,
                    Sequence = sequence,
                    Timestamp = DateTimeOffset.ParseExact(timestamp, "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal)
                        .ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture),
                    Nonce = options.Nonce,
                    Audience = options.Audience,
                },
            };
            return Receipt.SerializeStatement(statement);
        }

        public static DsseEnvelope Sign(byte[] payload, ISigner signer)
        {
            var header = Encoding.UTF8.GetBytes($"DSSEv1 {Encoding.UTF8.GetByteCount(Receipt.PayloadType)} {Receipt.PayloadType} {payload.Length} ");
            var signature = signer.Sign([.. header, .. payload]);
            return new DsseEnvelope(Receipt.PayloadType, payload, [new DsseSignature(signer.KeyId, signature)]);
        }

        private static TensorSetDescriptor DescribeSet(TensorSet tensors)
        {
            var digests = tensors.Select(t => (t.Key, t.Value, Digest: TensorDigest.Compute(t.Value))).ToList();
            var descriptors = digests.Select(t => new TensorDescriptor
            {
                Name = t.Key,
                ElementType = ElementTypes.ToOnnxName(t.Value.ElementType),
                Shape = [.. t.Value.Shape],
                Digest = DigestSets.Tensor(t.Digest),
            }).ToList();
            var setDigest = TensorDigest.ComputeSet(digests.Select(t => new KeyValuePair<string, Sha256Digest>(t.Key, t.Digest)));
            descriptors.Sort(static (a, b) => Utf8Order.Compare(a.Name, b.Name));
            return new TensorSetDescriptor { Digest = DigestSets.TensorSet(setDigest), Tensors = descriptors };
        }
    }
}
