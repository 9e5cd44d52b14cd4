using System.Diagnostics;
using System.Security.Cryptography;
using CsCheck;
using Shouldly;

namespace OpenVerify.Tests;

/// <summary>The hot paths' SHA-256 (OpenSSL's low-level calls on Linux) is the platform's SHA-256 for any bytes and any
/// way of appending them.</summary>
public class Sha256HasherTests
{
    [Fact]
    public void OnLinux_TheLowLevelOpenSslPathIsTheOneInUse()
    {
        // CI runs on Linux: if the native path were silently refused there, the other tests here would only compare the
        // platform's SHA-256 with itself.
        if (OperatingSystem.IsLinux())
        {
            Sha256Hasher.Implementation.ShouldBe("openssl-lowlevel");
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void AnyBytesInAnyPieces_HashAsThePlatformHashesThem(bool usePlatform)
    {
        // usePlatform: the IncrementalHash branch, the only one on Windows and macOS and the one FIPS mode takes.
        // One hasher, reused after each reset, so one thread: CsCheck samples on every core by default, and a hasher is
        // not thread-safe (shared, it failed whole-suite runs now and then).
        var hasher = new Sha256Hasher(usePlatform);
        Gen.Byte.Array[0, 9000].SelectMany(data => Gen.Int[1, 5000].Array[1, 8].Select(pieces => (data, pieces))).Sample(x =>
        {
            var (data, pieces) = x;
            var at = 0;
            for (var p = 0; at < data.Length; p = (p + 1) % pieces.Length)
            {
                var length = Math.Min(pieces[p], data.Length - at);
                hasher.AppendData(data.AsSpan(at, length));
                at += length;
            }

            var digest = new byte[32];
            hasher.GetHashAndReset(digest);
            var oneShot = new byte[32];
            Sha256Hasher.HashData(data, oneShot);
            var expected = SHA256.HashData(data);
            return digest.AsSpan().SequenceEqual(expected) && oneShot.AsSpan().SequenceEqual(expected);
        }, threads: 1);
    }

    [Fact]
    public void KnownAnswers()
    {
        // FIPS 180-2 appendix B.1 and B.2, and the empty string.
        Hex(""u8).ShouldBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        Hex("abc"u8).ShouldBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        Hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"u8).ShouldBe("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");

        static string Hex(ReadOnlySpan<byte> data)
        {
            var digest = new byte[32];
            Sha256Hasher.HashData(data, digest);
            return Convert.ToHexStringLower(digest);
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Reset_DropsWhatWasAppended(bool usePlatform)
    {
        var hasher = new Sha256Hasher(usePlatform);
        hasher.AppendData("not this"u8);
        hasher.Reset();
        hasher.AppendData("abc"u8);
        var digest = new byte[32];
        hasher.GetHashAndReset(digest);
        digest.ShouldBe(SHA256.HashData("abc"u8));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ATooShortDestination_IsRefusedBeforeAnythingIsWritten(bool usePlatform)
    {
        var hasher = new Sha256Hasher(usePlatform);
        Should.Throw<ArgumentException>(() => hasher.GetHashAndReset(new byte[31]));
        Should.Throw<ArgumentException>(() => Sha256Hasher.HashData("abc"u8, new byte[31]));
    }

    [Fact]
    public void UnderClrOpenSslVersionOverride_TheLibraryDotNetWasToldToUseIsLoadedFirst()
    {
        // .NET's shim loads libssl.so.<override> first; loading libcrypto.so.3 regardless put a second OpenSSL in the
        // process and read FIPS mode from the library .NET does not hash with.
        Sha256Hasher.LibraryNames("1.1").ShouldBe(["libcrypto.so.1.1", "libcrypto.so.3", "libcrypto.so.1.1", "libcrypto.so"]);
        Sha256Hasher.LibraryNames(null).ShouldBe(["libcrypto.so.3", "libcrypto.so.1.1", "libcrypto.so"]);
        Sha256Hasher.LibraryNames("").ShouldBe(["libcrypto.so.3", "libcrypto.so.1.1", "libcrypto.so"]);
    }

    /// <summary>The verb of the helper process: the implementation chosen and a tensor digest, one line.</summary>
    internal const string Verb = "sha256";

    /// <summary><c>sha256 [switch-first|switch-after]</c>: sets the AppContext switch before or after the first hash.</summary>
    internal static int RunHelper(string[] args)
    {
        if (args is ["switch-first"])
        {
            AppContext.SetSwitch("OpenVerify.Sha256.UsePlatform", true);
        }

        var digest = TensorDigest.Compute(TensorValue.Create([1f, 2f, 3f], [3]));
        if (args is ["switch-after"])
        {
            AppContext.SetSwitch("OpenVerify.Sha256.UsePlatform", true);
        }

        Console.WriteLine($"{Sha256Hasher.Implementation} {digest}");
        return 0;
    }

    [Theory]
    [InlineData("switch-first", "platform")]
    [InlineData("switch-after", "openssl-lowlevel")]
    [InlineData("none", "openssl-lowlevel")]
    public async Task TheUsePlatformSwitch_ChoosesThePlatformWhenSetBeforeTheFirstHash_AndTheDigestIsTheSame(string when, string expected)
    {
        // The switch docs/runtime.md tells users (and the benchmark's before/after) to set; read once per process.
        expected = OperatingSystem.IsLinux() ? expected : "platform";
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } h ? h : "dotnet";
        var info = new ProcessStartInfo(host) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in (string[])[typeof(Sha256HasherTests).Assembly.Location, Verb, when])
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var output = (await process.StandardOutput.ReadToEndAsync()).Trim();
        await process.WaitForExitAsync();
        process.ExitCode.ShouldBe(0, await stderr);
        output.ShouldBe($"{expected} {TensorDigest.Compute(TensorValue.Create([1f, 2f, 3f], [3]))}");
    }
}
