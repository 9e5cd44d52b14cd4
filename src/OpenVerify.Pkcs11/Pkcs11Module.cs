using System.Reflection;
using System.Runtime.InteropServices;
using Net.Pkcs11Interop.Common;
using Net.Pkcs11Interop.HighLevelAPI;

namespace OpenVerify.Pkcs11;

/// <summary>
/// A loaded PKCS#11 library, shared by every signer that uses it. A module is initialized (<c>C_Initialize</c>) once
/// per process, so signers acquire it here and release it when disposed; the last release finalizes and unloads it,
/// which also lets a later open see a changed configuration (a token added or removed).
/// </summary>
internal sealed class Pkcs11Module
{
    private static readonly Dictionary<string, Pkcs11Module> Loaded = new(StringComparer.Ordinal);
    private static readonly Lock Gate = new();
    private int _references;

    static Pkcs11Module()
    {
        // Pkcs11Interop binds dlopen from "libdl", which resolves only where the C library's development symlink
        // libdl.so is installed (not on a plain Debian 12 or RHEL 9). Resolve it to the runtime names instead: glibc's
        // libdl.so.2 (a stub over libc from glibc 2.34), or the C library itself (musl, newer glibc).
        try
        {
            NativeLibrary.SetDllImportResolver(typeof(Pkcs11InteropFactories).Assembly, ResolveLibdl);
        }
        catch (InvalidOperationException)
        {
            // The host set its own resolver for Pkcs11Interop; it decides.
        }
    }

    private static IntPtr ResolveLibdl(string name, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (name != "libdl" || OperatingSystem.IsWindows() || OperatingSystem.IsMacOS())
        {
            return IntPtr.Zero;
        }

        foreach (var candidate in new[] { "libdl.so.2", "libc.so.6", "libdl.so", "libc.so" })
        {
            if (NativeLibrary.TryLoad(candidate, out var handle))
            {
                return handle;
            }
        }

        return IntPtr.Zero;
    }

    private Pkcs11Module(string path, IPkcs11Library library)
    {
        Path = path;
        Library = library;
    }

    public string Path { get; }

    public IPkcs11Library Library { get; }

    public Pkcs11InteropFactories Factories => Library.Factories;

    /// <summary>Loads (or shares) the module at <paramref name="path"/>; <paramref name="key"/> names the key in messages.</summary>
    public static Pkcs11Module Acquire(string path, string key)
    {
        var fullPath = System.IO.Path.GetFullPath(path);
        lock (Gate)
        {
            if (!Loaded.TryGetValue(fullPath, out var module))
            {
                if (!File.Exists(fullPath))
                {
                    throw new Pkcs11SignerException($"The PKCS#11 module that the key reference {key} names (its module-path) does not exist; install the token's PKCS#11 library (for SoftHSM2: apt-get install softhsm2) or correct module-path.");
                }

                IPkcs11Library library;
                try
                {
                    var factories = new Pkcs11InteropFactories();
                    library = factories.Pkcs11LibraryFactory.LoadPkcs11Library(factories, fullPath, AppType.MultiThreaded);
                }
                catch (Pkcs11Exception e)
                {
                    throw Pkcs11Errors.Wrap(e, $"The PKCS#11 module that the key reference {key} names (its module-path) failed to initialize");
                }
                catch (Exception e) when (e is DllNotFoundException or BadImageFormatException or EntryPointNotFoundException or UnmanagedException)
                {
                    // The loader's message quotes the path (the URI's query part): leave it out.
                    throw new Pkcs11SignerException($"The PKCS#11 module that the key reference {key} names (its module-path) cannot be loaded: it is not a PKCS#11 library for this platform ({e.GetType().Name}).");
                }

                module = new Pkcs11Module(fullPath, library);
                Loaded.Add(fullPath, module);
            }

            module._references++;
            return module;
        }
    }

    /// <summary>Releases one reference; the last one finalizes and unloads the module.</summary>
    public void Release()
    {
        lock (Gate)
        {
            if (--_references > 0)
            {
                return;
            }

            Loaded.Remove(Path);
            try
            {
                Library.Dispose();
            }
            catch (Pkcs11Exception)
            {
                // C_Finalize failing leaves nothing to recover; the library is unloaded either way.
            }
        }
    }
}
