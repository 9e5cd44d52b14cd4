using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;

namespace OpenVerify.Benchmarks;

/// <summary>
/// The floor of a receipt on each model, to read beside the verified paths of the same run (issue 15): SHA-256 over
/// exactly the bytes a receipt must hash (input and output element bytes, and the statement; for a batched receipt
/// the leaf's 0x00 ‖ PAE instead of the statement), plus one Ed25519 signature over the PAE for a single-signed one.
/// </summary>
[MemoryDiagnoser]
public class Floors
{
    private byte[] _input = null!;
    private byte[] _output = null!;
    private byte[] _statement = null!;
    private byte[] _pae = null!;
    private byte[] _leaf = null!;

    /// <summary><c>tiny</c>, <c>medium</c> or <c>resnet18</c>.</summary>
    [Params("tiny", "medium", "resnet18")]
    public string Model { get; set; } = "tiny";

    [GlobalSetup]
    public void Setup()
    {
        using var pair = new ModelPair(Model switch { "medium" => Fixtures.MediumModel, "resnet18" => Fixtures.ResNet18Model, _ => Fixtures.TinyModel });
        var result = pair.Verified.Run(pair.Inputs, new InferenceOptions { Signer = Fixtures.Key, Method = "Benchmarks.Run" });
        _input = new byte[pair.Inputs.Values.Sum(t => t.ElementCount * ElementTypes.SizeOf(t.ElementType))];
        _output = new byte[result.Value.Values.Sum(t => t.ElementCount * ElementTypes.SizeOf(t.ElementType))];
        _statement = result.Receipt.Envelope.Payload;
        _pae = Dsse.Pae(Receipt.PayloadType, _statement);
        _leaf = [0, .. _pae];
    }

    [Benchmark(Description = "floor, single-signed: SHA-256 in/out/statement + Ed25519 sign")]
    public int SingleSigned() =>
        SHA256.HashData(_input)[0] + SHA256.HashData(_output)[0] + SHA256.HashData(_statement)[0] + Fixtures.Key.Sign(_pae)[0];

    [Benchmark(Description = "floor, batched: SHA-256 in/out/leaf")]
    public int Batched() => SHA256.HashData(_input)[0] + SHA256.HashData(_output)[0] + SHA256.HashData(_leaf)[0];
}
