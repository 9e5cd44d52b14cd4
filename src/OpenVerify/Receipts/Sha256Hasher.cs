using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace OpenVerify;

/// <summary>
/// SHA-256 for the receipt hot paths (tensor, set, statement and Merkle hashes). On Linux it calls OpenSSL's
/// <c>SHA256_Init</c>/<c>SHA256_Update</c>/<c>SHA256_Final</c> on a context it owns; elsewhere, or when that cannot be
/// used, it is the platform's <see cref="IncrementalHash"/>. Both compute the same function: OpenSSL's low-level calls
/// run the same compression code (SHA-NI where the CPU has it) as the EVP path .NET takes, without what each EVP call
/// costs here (about 0.4 µs whatever the length: clearing the error queue, freeing and re-creating the digest context on
/// every reset), which is most of the cost of a 32-byte tensor digest, a set digest or a Merkle node.
/// </summary>
/// <remarks>
/// The native path is used only when all of this holds, checked once per process: the OS is Linux; libcrypto (OpenSSL
/// 3 or 1.1, the library .NET itself loads there) exports the three low-level calls; OpenSSL's FIPS mode is off and
/// OpenSSL 3 serves SHA-256 from its default provider (the low-level calls are outside any provider, so a process
/// configured for a FIPS or third-party provider keeps the platform's path); the
/// AppContext switch <c>OpenVerify.Sha256.UsePlatform</c> is not set; and a self-test of known answers and
/// chunkings agrees with <see cref="SHA256.HashData(ReadOnlySpan{byte})"/>. A user appends, then calls
/// <see cref="GetHashAndReset"/>; an instance is not thread-safe (<see cref="PooledHash"/> keeps one per thread).
/// </remarks>
internal sealed unsafe class Sha256Hasher
{
    // sizeof(SHA256_CTX) is 112 bytes in OpenSSL 1.1 and 3.x (h[8], Nl, Nh, data[16], num, md_len, all 32-bit); the
    // context gets twice that, so a larger layout could not write past it.
    private const int ContextSize = 256;

    // Past this length an update leaves cooperative mode (a GC may run meanwhile), as any P/Invoke does. Below it the
    // call stays under SuppressGCTransition's bound of about a microsecond even without SHA-NI (OpenSSL's AVX2 code
    // hashes about 340 MB/s: 256 bytes take about 0.75 µs, 4 KB took 12 µs, during which a GC waited); what it covers
    // is the calls the transition would cost most on: headers, set entries, Merkle nodes, small tensors.
    private const int NoTransitionLimit = 256;

    // Pinned (the pinned object heap), so its address is fixed for the instance's life; kept referenced by the field.
    private readonly byte[]? _contextArray;
    private readonly byte* _context;
    private readonly IncrementalHash? _platform;

    public Sha256Hasher()
        : this(usePlatform: false)
    {
    }

    /// <summary>A hasher on the platform's path even where the native one is available (tests run that path on Linux:
    /// it is the only one on Windows and macOS, and the one a FIPS-enabled process takes).</summary>
    internal Sha256Hasher(bool usePlatform)
    {
        if (Native.Available && !usePlatform)
        {
            _contextArray = GC.AllocateArray<byte>(ContextSize, pinned: true);
            _context = (byte*)Marshal.UnsafeAddrOfPinnedArrayElement(_contextArray, 0);
            Native.Init(_context);
        }
        else
        {
            _platform = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        }
    }

    /// <summary>Which implementation hashes: <c>openssl-lowlevel</c> or <c>platform</c> (for benchmarks and tests).</summary>
    public static string Implementation => Native.Available ? "openssl-lowlevel" : "platform";

    public void AppendData(ReadOnlySpan<byte> data)
    {
        if (_platform is not null)
        {
            _platform.AppendData(data);
            return;
        }

        fixed (byte* bytes = data)
        {
            Native.Update(_context, bytes, data.Length);
        }
    }

    /// <summary>Writes the digest into the first 32 bytes of <paramref name="destination"/> and starts over.</summary>
    public void GetHashAndReset(Span<byte> destination)
    {
        if (_platform is not null)
        {
            _platform.GetHashAndReset(destination);
            return;
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(destination.Length, Sha256Digest.Length, nameof(destination));
        fixed (byte* digest = destination)
        {
            Native.Final(digest, _context);
        }

        Native.Init(_context);
    }

    /// <summary>Drops what was appended (after an exception between appends).</summary>
    public void Reset()
    {
        if (_platform is not null)
        {
            Span<byte> discard = stackalloc byte[Sha256Digest.Length];
            _platform.GetHashAndReset(discard);
            return;
        }

        Native.Init(_context);
    }

    /// <summary>SHA-256 of <paramref name="data"/> into <paramref name="destination"/>; re-entrant (its own context).</summary>
    public static void HashData(ReadOnlySpan<byte> data, Span<byte> destination)
    {
        if (!Native.Available)
        {
            SHA256.HashData(data, destination);
            return;
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(destination.Length, Sha256Digest.Length, nameof(destination));
        var context = stackalloc byte[ContextSize];
        fixed (byte* bytes = data)
        fixed (byte* digest = destination)
        {
            Native.Init(context);
            Native.Update(context, bytes, data.Length);
            Native.Final(digest, context);
        }
    }

    /// <summary>The names tried, in order: the libcrypto .NET's own OpenSSL shim binds to, so one copy is in the
    /// process and the FIPS check reads the library .NET hashes with. The shim loads <c>libssl.so.</c> the
    /// <c>CLR_OPENSSL_VERSION_OVERRIDE</c> version first when that is set (a machine with OpenSSL 3 and 1.1 told
    /// to use 1.1), then probes 3 before 1.1.</summary>
    internal static List<string> LibraryNames(string? versionOverride)
    {
        var names = new List<string>(4);
        if (!string.IsNullOrEmpty(versionOverride))
        {
            names.Add("libcrypto.so." + versionOverride);
        }

        names.AddRange(["libcrypto.so.3", "libcrypto.so.1.1", "libcrypto.so"]);
        return names;
    }

    /// <summary>OpenSSL's low-level SHA-256, resolved once; <see cref="Available"/> is false when any condition fails.</summary>
    private static class Native
    {
        private static readonly delegate* unmanaged[Cdecl, SuppressGCTransition]<byte*, int> InitFn;
        private static readonly delegate* unmanaged[Cdecl, SuppressGCTransition]<byte*, byte*, nuint, int> UpdateShortFn;
        private static readonly delegate* unmanaged[Cdecl]<byte*, byte*, nuint, int> UpdateLongFn;
        private static readonly delegate* unmanaged[Cdecl, SuppressGCTransition]<byte*, byte*, int> FinalFn;

        public static readonly bool Available;

        static Native()
        {
            if (!OperatingSystem.IsLinux() || (AppContext.TryGetSwitch("OpenVerify.Sha256.UsePlatform", out var platform) && platform))
            {
                return;
            }

            try
            {
                if (!TryLoad(out var library)
                    || !NativeLibrary.TryGetExport(library, "SHA256_Init", out var init)
                    || !NativeLibrary.TryGetExport(library, "SHA256_Update", out var update)
                    || !NativeLibrary.TryGetExport(library, "SHA256_Final", out var final)
                    || FipsEnabled(library))
                {
                    return;
                }

                InitFn = (delegate* unmanaged[Cdecl, SuppressGCTransition]<byte*, int>)init;
                UpdateShortFn = (delegate* unmanaged[Cdecl, SuppressGCTransition]<byte*, byte*, nuint, int>)update;
                UpdateLongFn = (delegate* unmanaged[Cdecl]<byte*, byte*, nuint, int>)update;
                FinalFn = (delegate* unmanaged[Cdecl, SuppressGCTransition]<byte*, byte*, int>)final;
                Available = SelfTest();
            }
            catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or BadImageFormatException or CryptographicException)
            {
                // A low-level call that reports failure during the self-test (or a platform SHA-256 that cannot run
                // there) leaves the platform's path, which reports its own error on use, rather than a type
                // initializer that fails every hash in the process.
                Available = false;
            }
        }

        public static void Init(byte* context)
        {
            if (InitFn(context) != 1)
            {
                throw new CryptographicException("OpenSSL's SHA256_Init failed.");
            }
        }

        public static void Update(byte* context, byte* data, int length)
        {
            var ok = length <= NoTransitionLimit ? UpdateShortFn(context, data, (nuint)length) : UpdateLongFn(context, data, (nuint)length);
            if (ok != 1)
            {
                throw new CryptographicException("OpenSSL's SHA256_Update failed.");
            }
        }

        public static void Final(byte* digest, byte* context)
        {
            if (FinalFn(digest, context) != 1)
            {
                throw new CryptographicException("OpenSSL's SHA256_Final failed.");
            }
        }

        private static bool TryLoad(out IntPtr library)
        {
            foreach (var name in LibraryNames(Environment.GetEnvironmentVariable("CLR_OPENSSL_VERSION_OVERRIDE")))
            {
                if (NativeLibrary.TryLoad(name, out library))
                {
                    return true;
                }
            }

            library = IntPtr.Zero;
            return false;
        }

        private static bool FipsEnabled(IntPtr library)
        {
            // OpenSSL 3: FIPS mode by default properties (fips=yes), or SHA-256 served by any provider but the default
            // one (a configuration that activates only the FIPS provider, or a third-party one, without setting the
            // property: .NET's EVP path then hashes there, and the low-level calls would not). Missing exports on a 3.x
            // library count as FIPS (the platform's path). 1.1: FIPS_mode(). Neither: no FIPS mode.
            if (NativeLibrary.TryGetExport(library, "EVP_default_properties_is_fips_enabled", out var fips3))
            {
                if (((delegate* unmanaged[Cdecl]<IntPtr, int>)fips3)(IntPtr.Zero) != 0)
                {
                    return true;
                }

                return !Sha256FromDefaultProvider(library);
            }

            return NativeLibrary.TryGetExport(library, "FIPS_mode", out var fips11) && ((delegate* unmanaged[Cdecl]<int>)fips11)() != 0;
        }

        /// <summary>Whether OpenSSL 3 fetches SHA-256 from its <c>default</c> provider in the default library context.</summary>
        private static bool Sha256FromDefaultProvider(IntPtr library)
        {
            if (!NativeLibrary.TryGetExport(library, "EVP_MD_fetch", out var fetch)
                || !NativeLibrary.TryGetExport(library, "EVP_MD_get0_provider", out var provider)
                || !NativeLibrary.TryGetExport(library, "OSSL_PROVIDER_get0_name", out var name)
                || !NativeLibrary.TryGetExport(library, "EVP_MD_free", out var free))
            {
                return false;
            }

            var algorithm = "SHA256\0"u8;
            IntPtr md;
            fixed (byte* text = algorithm)
            {
                md = ((delegate* unmanaged[Cdecl]<IntPtr, byte*, byte*, IntPtr>)fetch)(IntPtr.Zero, text, null);
            }

            if (md == IntPtr.Zero)
            {
                return false;
            }

            try
            {
                var served = ((delegate* unmanaged[Cdecl]<IntPtr, IntPtr>)provider)(md);
                var providerName = served == IntPtr.Zero ? IntPtr.Zero : ((delegate* unmanaged[Cdecl]<IntPtr, IntPtr>)name)(served);
                return providerName != IntPtr.Zero && Marshal.PtrToStringUTF8(providerName) == "default";
            }
            finally
            {
                ((delegate* unmanaged[Cdecl]<IntPtr, void>)free)(md);
            }
        }

        /// <summary>Known answers and chunkings (empty, one block, block edges, many blocks in odd pieces) against the
        /// platform's SHA-256: a library whose calls or context do not behave as expected is not used.</summary>
        private static bool SelfTest()
        {
            var data = new byte[1000];
            for (var i = 0; i < data.Length; i++)
            {
                data[i] = (byte)((i * 131) + 7);
            }

            var context = stackalloc byte[ContextSize];
            Span<byte> digest = stackalloc byte[Sha256Digest.Length];
            foreach (var length in (ReadOnlySpan<int>)[0, 3, 55, 56, 63, 64, 65, 127, 128, 1000])
            {
                foreach (var piece in (ReadOnlySpan<int>)[1, 7, 64, 1000])
                {
                    Init(context);
                    fixed (byte* bytes = data)
                    {
                        for (var at = 0; at < length; at += piece)
                        {
                            Update(context, bytes + at, Math.Min(piece, length - at));
                        }
                    }

                    fixed (byte* d = digest)
                    {
                        Final(d, context);
                    }

                    if (!digest.SequenceEqual(SHA256.HashData(data.AsSpan(0, length))))
                    {
                        return false;
                    }
                }
            }

            return true;
        }
    }
}
