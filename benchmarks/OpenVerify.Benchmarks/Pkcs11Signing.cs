using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Attributes;
using OpenVerify.Pkcs11;
using OpenVerify.Testing;

namespace OpenVerify.Benchmarks;

/// <summary>
/// Signatures per second: a key on a SoftHSM2 token (through PKCS#11, a pooled session per call) against the same
/// algorithm's in-process file key, over a receipt-sized PAE (1 KiB). The token and its keys are created in a temporary
/// SOFTHSM2_CONF, as the tests do (apt-get install softhsm2).
/// </summary>
[MemoryDiagnoser]
public class Pkcs11Signing
{
    private readonly byte[] _data = new byte[1024];
    private SoftHsm? _hsm;
    private SigningKey _fileEd25519 = null!;
    private SigningKey _fileP256 = null!;
    private Pkcs11Signer _tokenEd25519 = null!;
    private Pkcs11Signer _tokenP256 = null!;

    [GlobalSetup]
    public void Setup()
    {
        Random.Shared.NextBytes(_data);
        _hsm = SoftHsm.Create();
        var token = _hsm.InitToken("bench");
        _tokenEd25519 = Pkcs11Signer.Generate(token.Uri("ed25519"), KeyAlgorithm.Ed25519);
        _tokenP256 = Pkcs11Signer.Generate(token.Uri("p256"), KeyAlgorithm.EcdsaP256);
        _fileEd25519 = SigningKey.Generate(KeyAlgorithm.Ed25519);
        _fileP256 = SigningKey.Generate(KeyAlgorithm.EcdsaP256);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _tokenEd25519.Dispose();
        _tokenP256.Dispose();
        _fileEd25519.Dispose();
        _fileP256.Dispose();
        _hsm?.Dispose();
    }

    [Benchmark(Baseline = true)]
    public byte[] FileEd25519() => _fileEd25519.Sign(_data);

    [Benchmark]
    public byte[] TokenEd25519() => _tokenEd25519.Sign(_data);

    [Benchmark]
    public byte[] FileP256() => _fileP256.Sign(_data);

    [Benchmark]
    public byte[] TokenP256() => _tokenP256.Sign(_data);

    /// <summary>The four cases in alternating rounds (load hits each alike); prints the median signatures per second and
    /// each token case's ratio to the file key of its algorithm.</summary>
    public static void Interleaved()
    {
        var bench = new Pkcs11Signing();
        bench.Setup();
        try
        {
            var cases = new (string Name, Func<byte[]> Sign)[]
            {
                ("file Ed25519", bench.FileEd25519), ("token Ed25519", bench.TokenEd25519),
                ("file P-256", bench.FileP256), ("token P-256", bench.TokenP256),
            };
            const int PerRound = 200;
            var samples = cases.Select(_ => new List<double>()).ToArray();
            for (var round = 0; round < 15; round++)
            {
                for (var c = 0; c < cases.Length; c++)
                {
                    var watch = Stopwatch.StartNew();
                    for (var i = 0; i < PerRound; i++)
                    {
                        cases[c].Sign();
                    }

                    samples[c].Add(PerRound / watch.Elapsed.TotalSeconds);
                }
            }

            double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
            for (var c = 0; c < cases.Length; c++)
            {
                var baseline = Median(samples[c - c % 2]);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{cases[c].Name,-16} {Median(samples[c]),10:F0} signatures/s   {1e6 / Median(samples[c]),8:F1} us/signature   ratio to the file key {Median(samples[c]) / baseline,6:F3}"));
            }
        }
        finally
        {
            bench.Cleanup();
        }
    }
}
