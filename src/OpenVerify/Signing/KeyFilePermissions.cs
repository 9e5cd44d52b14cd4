using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace OpenVerify;

/// <summary>Checks the protection of an opened private key file (Unix): owner and mode bits of the opened handle.</summary>
/// <remarks>
/// .NET has no API for a file's owner, so the owner comes from the C library, looked up by name at run time (never
/// bound at load time: a missing symbol must not make every <see cref="SigningKey.Load"/> throw
/// <see cref="EntryPointNotFoundException"/>). On Linux, <c>statx</c> first: its struct is the kernel's, the same on
/// every architecture, and glibc exports it from 2.28 (RHEL 8, Ubuntu 20.04), musl from 1.2.5. Where it is missing or
/// refused (an old kernel, a seccomp filter), <c>fstat</c> (glibc 2.33+, musl) or <c>__fxstat</c> (glibc before 2.33),
/// whose struct layout is per architecture and known here for x64 and Arm64 only. When no way is left, the load fails
/// with a <see cref="KeyFileSecurityException"/> that says so, rather than skipping the check.
/// </remarks>
internal static unsafe class KeyFilePermissions
{
    private const UnixFileMode GroupOrOther =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute |
        UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    private const int AtEmptyPath = 0x1000;
    private const uint StatxUid = 0x8;
    private const int StatxUidOffset = 20;
    private const int StatBufferSize = 512;

    /// <summary>A way to read a file's owner uid; tests run each one available on the machine.</summary>
    internal enum OwnerLookup
    {
        /// <summary>Linux <c>statx(fd, "", AT_EMPTY_PATH, STATX_UID)</c>.</summary>
        Statx,

        /// <summary><c>fstat</c> with the platform's <c>struct stat</c> layout.</summary>
        Fstat,

        /// <summary>glibc before 2.33: <c>__fxstat(_STAT_VER, fd, buf)</c>.</summary>
        Fxstat,
    }

    public static void EnsureOwnerOnly(SafeFileHandle handle, string path)
    {
        if (OperatingSystem.IsWindows())
        {
            // Windows ACLs are not checked in v1; key files there rely on the user profile's ACLs.
            return;
        }

        var mode = File.GetUnixFileMode(handle);
        if ((mode & GroupOrOther) != 0)
        {
            throw new KeyFileSecurityException(
                $"The private key file '{path}' can be accessed by group or others (mode {Convert.ToString((int)mode, 8)}); run 'chmod 600 {path}'. " +
                "To load it anyway, pass KeyFileCheck.SkipPermissionCheck.");
        }

        var uid = GetOwner(handle, path);
        var me = CurrentUser(path);
        if (uid != me)
        {
            throw new KeyFileSecurityException(
                $"The private key file '{path}' is owned by user id {uid}, not by the current user ({me}); run 'chown {me} {path}' if it is yours. " +
                "To load it anyway, pass KeyFileCheck.SkipPermissionCheck.");
        }
    }

    /// <summary>The owner uid of the opened file, by the first lookup this platform offers that works.</summary>
    internal static uint GetOwner(SafeFileHandle handle, string path)
    {
        var tried = new List<string>();
        foreach (var lookup in Enum.GetValues<OwnerLookup>())
        {
            var uid = TryGetOwner(handle, lookup, out var failure);
            if (uid is not null)
            {
                return uid.Value;
            }

            tried.Add(failure);
        }

        throw new KeyFileSecurityException(
            $"Cannot check who owns the private key file '{path}' on this platform ({RuntimeInformation.OSDescription}, {RuntimeInformation.ProcessArchitecture}): {string.Join("; ", tried)}. " +
            "Make sure only you can read the file, then pass KeyFileCheck.SkipPermissionCheck to load it.");
    }

    /// <summary>The owner uid by one lookup, or null with the reason it cannot be used here.</summary>
    internal static uint? TryGetOwner(SafeFileHandle handle, OwnerLookup lookup, out string failure)
    {
        var (symbol, uidOffset, version) = Describe(lookup);
        if (symbol is null)
        {
            failure = $"{lookup}: not available on this platform";
            return null;
        }

        if (!NativeLibrary.TryGetExport(NativeLibrary.GetMainProgramHandle(), symbol, out var function))
        {
            failure = $"{symbol}: not exported by the C library";
            return null;
        }

        var buffer = stackalloc byte[StatBufferSize];
        new Span<byte>(buffer, StatBufferSize).Clear();
        byte emptyPath = 0;
        var added = false;
        int result;
        int errno;
        try
        {
            handle.DangerousAddRef(ref added);
            var fd = (int)handle.DangerousGetHandle();
            result = lookup switch
            {
                OwnerLookup.Statx => ((delegate* unmanaged<int, byte*, int, uint, byte*, int>)function)(fd, &emptyPath, AtEmptyPath, StatxUid, buffer),
                OwnerLookup.Fxstat => ((delegate* unmanaged<int, int, byte*, int>)function)(version, fd, buffer),
                _ => ((delegate* unmanaged<int, byte*, int>)function)(fd, buffer),
            };
            errno = Marshal.GetLastSystemError();
        }
        finally
        {
            if (added)
            {
                handle.DangerousRelease();
            }
        }

        if (result != 0)
        {
            failure = $"{symbol} failed with errno {errno}";
            return null;
        }

        if (lookup == OwnerLookup.Statx && (*(uint*)buffer & StatxUid) == 0)
        {
            failure = "statx did not return the owner";
            return null;
        }

        failure = string.Empty;
        return *(uint*)(buffer + uidOffset);
    }

    /// <summary>The symbol, the uid's offset in its struct and (for <c>__fxstat</c>) <c>_STAT_VER</c>; a null symbol when
    /// the lookup has no known form on this platform.</summary>
    private static (string? Symbol, int UidOffset, int Version) Describe(OwnerLookup lookup)
    {
        var architecture = RuntimeInformation.ProcessArchitecture;
        if (OperatingSystem.IsLinux())
        {
            // struct stat: x64 st_dev, st_ino, st_nlink (8 bytes each), st_mode, st_uid; Arm64 (the generic layout)
            // st_dev, st_ino (8 bytes each), st_mode, st_nlink (4 bytes each), st_uid.
            var statUid = architecture switch { Architecture.X64 => 28, Architecture.Arm64 => 24, _ => -1 };
            return lookup switch
            {
                OwnerLookup.Statx => ("statx", StatxUidOffset, 0),
                OwnerLookup.Fstat when statUid >= 0 => ("fstat", statUid, 0),
                // _STAT_VER: 1 (_STAT_VER_LINUX) on x64, 0 on Arm64.
                OwnerLookup.Fxstat when statUid >= 0 => ("__fxstat", statUid, architecture == Architecture.X64 ? 1 : 0),
                _ => (null, 0, 0),
            };
        }

        if (OperatingSystem.IsMacOS() && lookup == OwnerLookup.Fstat)
        {
            // The 64-bit-inode struct stat (st_dev 4, st_mode 2, st_nlink 2, st_ino 8, st_uid), which x64 exports as
            // fstat$INODE64 and Arm64 as fstat.
            return (architecture == Architecture.X64 ? "fstat$INODE64" : "fstat", 16, 0);
        }

        return (null, 0, 0);
    }

    private static uint CurrentUser(string path)
    {
        if (!NativeLibrary.TryGetExport(NativeLibrary.GetMainProgramHandle(), "geteuid", out var geteuid))
        {
            throw new KeyFileSecurityException(
                $"Cannot check who owns the private key file '{path}': the C library exports no geteuid. " +
                "Make sure only you can read the file, then pass KeyFileCheck.SkipPermissionCheck to load it.");
        }

        return ((delegate* unmanaged<uint>)geteuid)();
    }
}
