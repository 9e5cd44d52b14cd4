using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace OpenVerify;

/// <summary>Checks the protection of an opened private key file (Unix): owner and mode bits of the opened handle.</summary>
internal static partial class KeyFilePermissions
{
    private const UnixFileMode GroupOrOther =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute |
        UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

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

        var owner = TryGetOwner(handle);
        if (owner is { } uid && uid != geteuid())
        {
            throw new KeyFileSecurityException(
                $"The private key file '{path}' is owned by user id {uid}, not by the current user ({geteuid()}). " +
                "To load it anyway, pass KeyFileCheck.SkipPermissionCheck.");
        }
    }

    /// <summary>The owner uid from fstat, on the platforms whose struct stat layout is known; null elsewhere.</summary>
    private static unsafe uint? TryGetOwner(SafeFileHandle handle)
    {
        int uidOffset;
        if (OperatingSystem.IsLinux())
        {
            uidOffset = RuntimeInformation.ProcessArchitecture switch
            {
                Architecture.X64 => 28,
                Architecture.Arm64 => 24,
                _ => -1,
            };
        }
        else if (OperatingSystem.IsMacOS())
        {
            uidOffset = 16;
        }
        else
        {
            uidOffset = -1;
        }

        if (uidOffset < 0)
        {
            return null;
        }

        var buffer = stackalloc byte[512];
        var added = false;
        try
        {
            handle.DangerousAddRef(ref added);
            if (fstat((int)handle.DangerousGetHandle(), buffer) != 0)
            {
                throw new KeyFileSecurityException($"Cannot read the owner of the key file (fstat failed with errno {Marshal.GetLastPInvokeError()}).");
            }
        }
        finally
        {
            if (added)
            {
                handle.DangerousRelease();
            }
        }

        return *(uint*)(buffer + uidOffset);
    }

    [LibraryImport("libc", SetLastError = true)]
    private static unsafe partial int fstat(int fd, byte* buffer);

    [LibraryImport("libc")]
    private static partial uint geteuid();
}
