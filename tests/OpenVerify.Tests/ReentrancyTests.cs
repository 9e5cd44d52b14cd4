using System.Buffers;
using OpenVerify.Batching;
using OpenVerify.Testing;

namespace OpenVerify.Tests;

/// <summary>
/// User code that runs while OpenVerify hashes or signs on a thread (a tensor over a caller's <see cref="MemoryManager{T}"/>,
/// whose <c>GetSpan</c> and <c>Pin</c> are the caller's; a custom <see cref="ISigner"/>) may itself hash or run verified
/// inferences on the same thread. What the outer call hashes or signs must not change because of it: the thread's
/// pooled hasher and statement buffer are not shared with the nested call.
/// </summary>
public class ReentrancyTests
{
    private static readonly SigningKey Key = SigningKey.Generate();

    private static readonly Lazy<VerifiedModel> AddMul = new(() => VerifiedModel.FromBytes(TestModels.AddMul()));

    public static TheoryData<string> NestedWork() => new(Nested.Keys);

    /// <summary>What user code does on the thread while OpenVerify reads its memory or signs: every path that hashes
    /// with the thread's pooled hasher or writes into its statement buffer.</summary>
    private static readonly Dictionary<string, Action> Nested = new()
    {
        ["tensor digest"] = () => TensorDigest.Compute(TensorValue.Create(new[] { 5f, 6, 7 }, 3)),
        ["string tensor digest"] = () => TensorDigest.Compute(TensorValue.CreateStrings(["nested", "é"], 2)),
        ["raw tensor digest"] = () => TensorDigest.ComputeRaw(ElementType.UInt8, [4], [1, 2, 3, 4]),
        ["set digest"] = () => TensorDigest.ComputeSet([new KeyValuePair<string, TensorValue>("n", TensorValue.Create(new[] { 1L }, 1))]),
        ["merkle leaf"] = () => Merkle.HashLeaf("nested leaf"u8),
        ["sha256"] = () => Sha256Digest.Compute("nested"u8),
        ["verified run"] = () => AddMul.Value.Run(Tensors.AddMulInputs([9f, 8, 7, 6]), new InferenceOptions { Signer = Key }),
        ["verification"] = () =>
        {
            var inputs = Tensors.AddMulInputs([3f, 3, 3, 3]);
            var run = AddMul.Value.Run(inputs, new InferenceOptions { Signer = Key });
            new ReceiptVerifier(TrustStore.For(Key.PublicKey)).Verify(run.Receipt, new ReceiptVerificationOptions { Inputs = inputs, Outputs = run.Value })
                .Succeeded.ShouldBeTrue();
        },
    };

    [Theory]
    [MemberData(nameof(NestedWork))]
    public void TensorDigest_OverMemoryWhoseReaderHashesOnTheSameThread_IsTheDigestOfItsElements(string nested)
    {
        float[] elements = [1.5f, -2, 3.25f, 4, 0, -0f, 7, 8];
        var expected = TensorDigest.Compute(TensorValue.Create(elements.ToArray(), 2, 4));
        using var memory = new CallbackMemory<float>(elements, Nested[nested]);
        var tensor = TensorValue.Create(memory.Memory, [2, 4]);

        TensorDigest.Compute(tensor).ShouldBe(expected);
        TensorDigest.ComputeSet([new KeyValuePair<string, TensorValue>("x", tensor)])
            .ShouldBe(TensorDigest.ComputeSet([new KeyValuePair<string, Sha256Digest>("x", expected)]));
        memory.Reads.ShouldBeGreaterThan(0);
    }

    [Theory]
    [MemberData(nameof(NestedWork))]
    public void VerifiedRun_OnMemoryWhoseReaderRunsOpenVerifyOnTheSameThread_GivesAReceiptThatVerifies(string nested)
    {
        float[] a = [1f, 2, 3, 4];
        using var memory = new CallbackMemory<float>(a, Nested[nested]);
        var inputs = Tensors.Set(("a", TensorValue.Create(memory.Memory, [1, 4])), ("b", TensorValue.Create(new[] { 10f, 20, 30, 40 }, 1, 4)));

        var result = AddMul.Value.Run(inputs, new InferenceOptions { Signer = Key });

        memory.Reads.ShouldBeGreaterThan(0);
        result.Value.Get<float>("sum").ToArray().ShouldBe([11f, 22, 33, 44]);
        VerifyAgainstPlainCopies(result, Tensors.AddMulInputs(a.ToArray(), [10f, 20, 30, 40]));
    }

    [Theory]
    [InlineData("verified run", false)]
    [InlineData("verified run", true)]
    [InlineData("verification", false)]
    [InlineData("tensor digest", false)]
    public void SignerThatRunsOpenVerifyOnTheSameThread_StillSignsItsOwnStatement(string nested, bool inKeyId)
    {
        var inputs = Tensors.AddMulInputs([2f, 4, 6, 8]);
        var signer = new ReentrantSigner(Key, Nested[nested], inKeyId);

        var result = AddMul.Value.Run(inputs, new InferenceOptions { Signer = signer, Nonce = "outer" });

        signer.Calls.ShouldBeGreaterThan(0);
        result.Receipt.ReadStatementUnverified().Predicate.Nonce.ShouldBe("outer");
        VerifyAgainstPlainCopies(result, inputs);
    }

    [Fact]
    public void SignerThatRunsWithItselfOnTheSameThread_SignsEveryLevelCorrectly()
    {
        // Nested two deep: the innermost run signs with the plain key, each outer one with a signer that runs the next.
        var inner = new ReentrantSigner(Key, () => AddMul.Value.Run(Tensors.AddMulInputs([1f, 1, 1, 1]), new InferenceOptions { Signer = Key }), inKeyId: false);
        Attested<TensorSet>? middle = null;
        var outer = new ReentrantSigner(Key, () => middle = AddMul.Value.Run(Tensors.AddMulInputs([5f, 5, 5, 5]), new InferenceOptions { Signer = inner }), inKeyId: false);

        var result = AddMul.Value.Run(Tensors.AddMulInputs([7f, 7, 7, 7]), new InferenceOptions { Signer = outer });

        VerifyAgainstPlainCopies(result, Tensors.AddMulInputs([7f, 7, 7, 7]));
        VerifyAgainstPlainCopies(middle.ShouldNotBeNull(), Tensors.AddMulInputs([5f, 5, 5, 5]));
    }

    private static void VerifyAgainstPlainCopies(Attested<TensorSet> result, TensorSet inputs)
    {
        var verification = new ReceiptVerifier(TrustStore.For(Key.PublicKey)).Verify(result.Receipt.ToJson(), new ReceiptVerificationOptions
        {
            Inputs = inputs,
            Outputs = result.Value,
            Require = RequiredChecks.Inputs | RequiredChecks.Outputs,
        });
        verification.Succeeded.ShouldBeTrue(verification.ToString());
    }

    /// <summary>A caller's memory manager over an array that runs <paramref name="onRead"/> each time its memory is
    /// read or pinned (as a manager over a device buffer or a memory-mapped file runs its own code there).</summary>
    private sealed class CallbackMemory<T>(T[] elements, Action onRead) : MemoryManager<T>
        where T : unmanaged
    {
        private bool _reading;

        public int Reads { get; private set; }

        public override Span<T> GetSpan()
        {
            Read();
            return elements;
        }

        public override MemoryHandle Pin(int elementIndex = 0)
        {
            Read();
            return elements.AsMemory(elementIndex).Pin();
        }

        public override void Unpin()
        {
        }

        protected override void Dispose(bool disposing)
        {
        }

        private void Read()
        {
            Reads++;

            // The nested work never reads this memory, but guard anyway: a nested read would recurse without end.
            if (!_reading)
            {
                _reading = true;
                try
                {
                    onRead();
                }
                finally
                {
                    _reading = false;
                }
            }
        }
    }

    /// <summary>A real key behind a signer that runs <paramref name="nested"/> on the calling thread before it signs
    /// (or when its key id is read).</summary>
    private sealed class ReentrantSigner(SigningKey key, Action nested, bool inKeyId) : ISigner
    {
        public int Calls { get; private set; }

        public string KeyId
        {
            get
            {
                if (inKeyId)
                {
                    Calls++;
                    nested();
                }

                return key.KeyId;
            }
        }

        public KeyAlgorithm Algorithm => key.Algorithm;

        public byte[] Sign(ReadOnlySpan<byte> data)
        {
            if (!inKeyId)
            {
                Calls++;
                nested();
            }

            return key.Sign(data);
        }
    }
}
