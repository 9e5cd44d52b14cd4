using System.Globalization;
using System.Text;
using OpenVerify.Batching;

namespace OpenVerify.Tests.Receipts;

/// <summary>
/// ML.NET prediction receipts written by the shared statement writer (issue 15) are byte for byte the receipts the
/// previous code path made for the same rows, clock and sequence. The previous path is kept here as the reference: the
/// statement built as an <see cref="MLNetStatement"/> object graph and written by the serializer. Ed25519 signatures
/// are deterministic, so whole envelopes compare.
/// </summary>
public class MLNetFastPathIdentityTests
{
    private static readonly SigningKey Key = SigningKey.Generate();

    private static readonly TensorSet Inputs = Tensors.Set(
        ("Features", TensorValue.Create([1.5f, -0f, float.NaN, float.NegativeInfinity], 4)),
        ("Text", TensorValue.CreateStrings(["héllo \"quoted\" <tag> +1", "😀\n\t\u0001"], 2)),
        ("é-name", TensorValue.Create([7L, -8L], 1, 2)),
        ("Z", TensorValue.Scalar(true)),
        ("a \"quoted\" name", TensorValue.Create([3], 1)));

    private static readonly TensorSet Outputs = Tensors.Set(
        ("Score", TensorValue.Create([0.25f, 0.75f], 2)),
        ("PredictedLabel", TensorValue.CreateStrings(["spam"], 1)),
        ("Probability", TensorValue.Scalar(0.5f)));

    public static TheoryData<bool> Publishers => [false, true];

    [Theory]
    [MemberData(nameof(Publishers))]
    public void SignedReceipts_AreByteIdentical_ToThePreviousPath(bool signedModel)
    {
        var (writer, model) = Writer(signedModel);
        foreach (var options in new[]
        {
            new InferenceOptions { Signer = Key },
            new InferenceOptions { Signer = Key, Method = "Ns.Type.Predict(Row)", Nonce = "n<1>&\"2\"\u00e9\U0001F600", Audience = "aud\\ience\u0001" },
        })
        {
            var receipt = writer.Sign(Inputs, Outputs, options);
            var (sequence, timestamp) = ClockAndSequence(receipt);
            var reference = PreviousPath.Statement(model, "1.7.0", Inputs, Outputs, options, sequence, timestamp);
            Encoding.UTF8.GetString(receipt.Envelope.Payload).ShouldBe(Encoding.UTF8.GetString(reference));
            receipt.Envelope.Payload.ShouldBe(reference);
            receipt.ToJson().ShouldBe(new Receipt(DsseEnvelope.Sign(MLNetReceipts.PayloadType, reference, Key), null).ToJson());
        }
    }

    [Fact]
    public async Task BatchedReceipts_CarryThePreviousPathsPayloads()
    {
        var (writer, model) = Writer(signedModel: true);
        writer.FixedClock = new DateTime(2026, 11, 28, 9, 30, 15, DateTimeKind.Utc).AddTicks(7654321);
        var options = new InferenceOptions { Method = "M", Nonce = "n" };
        Receipt batched;
        await using (var signer = new BatchingSigner(Key, new BatchingSignerOptions { MaxBatchSize = 2, MaxDelay = TimeSpan.FromHours(1) }))
        {
            var a = writer.SignAsync(Inputs, Outputs, signer, options);
            var b = writer.SignAsync(Outputs, Inputs, signer, options);
            batched = await a;
            (await b).Envelope.Payload.ShouldBe(PreviousPath.Statement(model, "1.7.0", Outputs, Inputs, options, 2, "2026-11-28T09:30:15.7654321Z"));
        }

        batched.Envelope.Payload.ShouldBe(PreviousPath.Statement(model, "1.7.0", Inputs, Outputs, options, 1, "2026-11-28T09:30:15.7654321Z"));
        var rows = writer.SignBatch([(Inputs, Outputs)], Key, options);
        rows[0].Envelope.Payload.ShouldBe(PreviousPath.Statement(model, "1.7.0", Inputs, Outputs, options, 3, "2026-11-28T09:30:15.7654321Z"));
        var verifier = new ReceiptVerifier(TrustStore.For(Key.PublicKey));
        verifier.Verify(batched, new() { Inputs = Inputs, Outputs = Outputs }).Succeeded.ShouldBeTrue();
    }

    [Fact]
    public void ANameThatIsNotUtf8_IsRefused_AsBefore()
    {
        var (writer, _) = Writer(signedModel: false);
        var bad = Tensors.Set(("x\uD800", TensorValue.Create([1f], 1)));
        Should.Throw<TensorEncodingException>(() => writer.Sign(bad, Outputs, new InferenceOptions { Signer = Key }))
            .Message.ShouldContain("lone surrogate");
    }

    private static (MLNetReceiptWriter Writer, MLNetModelDescriptor Model) Writer(bool signedModel)
    {
        var digest = Sha256Digest.Compute([9, 9, 9]);
        var signature = signedModel ? Sha256Digest.Compute([1, 2, 3]) : (Sha256Digest?)null;
        var publisher = signedModel ? Key.KeyId : null;
        var name = "models/é \"odd\" name+1.zip";
        var model = new MLNetModelDescriptor
        {
            Name = name,
            Format = MLNetReceipts.ModelFormat,
            Digest = DigestSets.Sha256(digest),
            SignatureDigest = signature is { } sig ? DigestSets.Sha256(sig) : null,
            PublisherKeyId = publisher,
        };
        return (new MLNetReceiptWriter(name, digest, "1.7.0", signature, publisher), model);
    }

    private static (long Sequence, string Timestamp) ClockAndSequence(Receipt receipt)
    {
        var predicate = MLNetReceipts.ReadStatementUnverified(receipt).Predicate;
        return (predicate.Sequence, predicate.Timestamp);
    }

    /// <summary>MLNetReceiptWriter's statement as it was before the shared writer.</summary>
    private static class PreviousPath
    {
        public static byte[] Statement(MLNetModelDescriptor model, string mlNetVersion, TensorSet inputs, TensorSet outputs, InferenceOptions options, long sequence, string timestamp)
        {
            var facts = RuntimeFacts.Descriptor;
            var outputDescriptor = DescribeSet(outputs);
            var statement = new MLNetStatement
            {
                Type = InferenceStatement.StatementType,
                Subject = [new ResourceDescriptor { Name = Receipt.SubjectName, Digest = outputDescriptor.Digest }],
                PredicateType = MLNetReceipts.PredicateType,
                Predicate = new MLNetPredicate
                {
                    Model = model,
                    Inputs = DescribeSet(inputs),
                    Outputs = outputDescriptor,
                    Runtime = new MLNetRuntimeDescriptor
                    {
                        MLNet = mlNetVersion,
                        Os = facts.Os,
                        Architecture = facts.Architecture,
                        Framework = facts.Framework,
                        OpenVerify = facts.OpenVerify,
                    },
                    Method = options.Method,
                    Instance = RuntimeFacts.Instance,
                    Sequence = sequence,
                    Timestamp = DateTimeOffset.ParseExact(timestamp, "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal)
                        .ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture),
                    Nonce = options.Nonce,
                    Audience = options.Audience,
                },
            };
            return System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(statement, OpenVerifyJsonContext.Strict.MLNetStatement);
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
