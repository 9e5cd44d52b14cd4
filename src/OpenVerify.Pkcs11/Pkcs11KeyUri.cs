using System.Text;
using Net.Pkcs11Interop.Common;

namespace OpenVerify.Pkcs11;

/// <summary>
/// A parsed, checked RFC 7512 <c>pkcs11:</c> key URI: the token and object it names (path part), the module to load
/// and where the PIN comes from (query part). Parsing is Pkcs11Interop's <see cref="Pkcs11Uri"/>; this type adds
/// OpenVerify's rules: a module path is required, <c>pin-value</c> is refused, and a PIN comes only from
/// <c>pin-source=file:&lt;path&gt;</c> or <c>pin-source=env:&lt;VARIABLE&gt;</c>.
/// </summary>
/// <remarks>No message built here quotes the query part: it names the PIN's location and the module, and a reference
/// copied into a log or a ticket must not lead anyone to the PIN. <see cref="Describe"/> is the path part only.</remarks>
internal sealed class Pkcs11KeyUri
{
    private const string FileScheme = "file:";
    private const string EnvScheme = "env:";
    private const string PinValue = "pin-value";

    private Pkcs11KeyUri(Pkcs11Uri uri, string path)
    {
        Uri = uri;
        Path = path;
    }

    /// <summary>The parsed URI.</summary>
    public Pkcs11Uri Uri { get; }

    /// <summary>The path part (<c>pkcs11:token=...;object=...</c>), which carries no secret's location.</summary>
    public string Path { get; }

    /// <summary>The module (PKCS#11 library) to load.</summary>
    public string ModulePath => Uri.ModulePath;

    /// <summary>What messages name the key by: the path part.</summary>
    public string Describe() => Path;

    /// <summary>Parses and checks a <c>pkcs11:</c> URI.</summary>
    /// <exception cref="Pkcs11SignerException">The URI is malformed or breaks one of OpenVerify's rules.</exception>
    public static Pkcs11KeyUri Parse(string reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        if (!reference.StartsWith(Pkcs11SignerProvider.Scheme, StringComparison.OrdinalIgnoreCase))
        {
            throw new Pkcs11SignerException("A PKCS#11 key reference starts with 'pkcs11:' (RFC 7512), such as pkcs11:token=openverify;object=receipts?module-path=/usr/lib/softhsm/libsofthsm2.so&pin-source=file:/run/secrets/pin.");
        }

        var question = reference.IndexOf('?', StringComparison.Ordinal);
        var path = question < 0 ? reference : reference[..question];
        var query = question < 0 ? string.Empty : reference[(question + 1)..];

        // Checked before parsing, so that even a malformed URI carrying a PIN is refused for that reason.
        foreach (var attribute in query.Split('&'))
        {
            if (attribute.StartsWith(PinValue + "=", StringComparison.OrdinalIgnoreCase) || attribute.Equals(PinValue, StringComparison.OrdinalIgnoreCase))
            {
                throw new Pkcs11SignerException(
                    $"The key reference {path} carries its PIN in the URI (pin-value), where command lines, configuration files and logs would show it; OpenVerify refuses it. " +
                    "Put the PIN in a file readable only by you and give pin-source=file:<path>, or in an environment variable and give pin-source=env:<VARIABLE>. Change the PIN if it was exposed.");
            }
        }

        if (path.Contains(PinValue, StringComparison.OrdinalIgnoreCase))
        {
            throw new Pkcs11SignerException("The key reference carries a pin-value attribute; OpenVerify refuses PINs inside URIs. Use pin-source=file:<path> or pin-source=env:<VARIABLE>.");
        }

        Pkcs11Uri uri;
        try
        {
            // Pkcs11Uri wants the scheme in lower case.
            uri = new Pkcs11Uri(Pkcs11SignerProvider.Scheme + reference[Pkcs11SignerProvider.Scheme.Length..]);
        }
        catch (Exception e) when (e is Pkcs11UriException or ArgumentException or FormatException)
        {
            // The parser's message may quote any attribute, the query's included: say which part is wrong without it,
            // and keep the parser's exception out of the chain (hosts log inner exceptions).
            var where = question >= 0 && IsParsable(path) ? "its query part (after '?')" : "its path part";
            throw new Pkcs11SignerException($"The key reference is not a valid RFC 7512 pkcs11: URI: {where} is malformed. Attributes are name=value, separated by ';' in the path and '&' in the query, with special characters percent-encoded.");
        }

        if (uri.UnknownPathAttributes is { Count: > 0 } unknown)
        {
            throw new Pkcs11SignerException($"The key reference {path} has path attributes OpenVerify does not know ({string.Join(", ", unknown.Keys)}); use token, serial, manufacturer, model, slot-id, object, id and type.");
        }

        if (string.IsNullOrEmpty(uri.ModulePath))
        {
            throw new Pkcs11SignerException(
                $"The key reference {path} names no PKCS#11 module; add module-path=<library> to its query, such as ?module-path=/usr/lib/softhsm/libsofthsm2.so." +
                (string.IsNullOrEmpty(uri.ModuleName) ? string.Empty : " (module-name is not supported: give the library's full path.)"));
        }

        if (uri.Type is { } type && type != CKO.CKO_PRIVATE_KEY && type != CKO.CKO_PUBLIC_KEY)
        {
            throw new Pkcs11SignerException($"The key reference {path} names objects of type {Pkcs11UriName(type)}; a signing key is type=private (or leave type out).");
        }

        if (uri.PinSource is { Length: > 0 } source &&
            !source.StartsWith(FileScheme, StringComparison.OrdinalIgnoreCase) &&
            !source.StartsWith(EnvScheme, StringComparison.OrdinalIgnoreCase))
        {
            throw new Pkcs11SignerException($"The key reference {path} has a pin-source OpenVerify cannot read; use pin-source=file:<path> (a file holding only the PIN) or pin-source=env:<VARIABLE>.");
        }

        return new Pkcs11KeyUri(uri, path);
    }

    private static bool IsParsable(string path)
    {
        try
        {
            _ = new Pkcs11Uri(Pkcs11SignerProvider.Scheme + path[Pkcs11SignerProvider.Scheme.Length..]);
            return true;
        }
        catch (Exception e) when (e is Pkcs11UriException or ArgumentException or FormatException)
        {
            return false;
        }
    }

    private static string Pkcs11UriName(CKO type) => type switch
    {
        CKO.CKO_CERTIFICATE => "cert",
        CKO.CKO_SECRET_KEY => "secret-key",
        CKO.CKO_DATA => "data",
        _ => type.ToString(),
    };

    /// <summary>Whether the URI says where a PIN comes from.</summary>
    public bool HasPinSource => !string.IsNullOrEmpty(Uri.PinSource);

    /// <summary>
    /// Reads the PIN as UTF-8 bytes (the caller wipes them). A PIN file holds the PIN, optionally followed by one line
    /// end; on Unix it must not be accessible by group or others.
    /// </summary>
    public byte[] ReadPin()
    {
        var source = Uri.PinSource;
        if (source.StartsWith(EnvScheme, StringComparison.OrdinalIgnoreCase))
        {
            var name = source[EnvScheme.Length..];
            var value = name.Length == 0 ? null : Environment.GetEnvironmentVariable(name);
            if (string.IsNullOrEmpty(value))
            {
                throw new Pkcs11SignerException($"The key reference {Path} takes its PIN from an environment variable (pin-source=env:) that is not set or is empty; set it before opening the key.");
            }

            return Encoding.UTF8.GetBytes(value);
        }

        var file = FilePath(source[FileScheme.Length..]);
        byte[] bytes;
        try
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read);
            if (!OperatingSystem.IsWindows())
            {
                const UnixFileMode GroupOrOther = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute |
                    UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;
                if ((File.GetUnixFileMode(stream.SafeFileHandle) & GroupOrOther) != 0)
                {
                    throw new Pkcs11SignerException($"The PIN file of the key reference {Path} (its pin-source) can be accessed by group or others; make it readable only by its owner (chmod 600).");
                }
            }

            if (stream.Length > 4096)
            {
                throw new Pkcs11SignerException($"The PIN file of the key reference {Path} (its pin-source) is larger than a PIN can be; it must hold only the PIN.");
            }

            bytes = new byte[stream.Length];
            stream.ReadExactly(bytes);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            // The OS message names the path, which is in the query part: say what happened without it.
            var what = e switch
            {
                FileNotFoundException or DirectoryNotFoundException => "does not exist",
                UnauthorizedAccessException => "cannot be read by this user",
                _ => "cannot be read",
            };
            throw new Pkcs11SignerException($"The PIN file of the key reference {Path} (its pin-source) {what}.");
        }

        var length = bytes.Length;
        if (length > 0 && bytes[length - 1] == (byte)'\n')
        {
            length--;
            if (length > 0 && bytes[length - 1] == (byte)'\r')
            {
                length--;
            }
        }

        var pin = bytes[..length];
        Array.Clear(bytes);
        if (pin.Length == 0)
        {
            throw new Pkcs11SignerException($"The PIN file of the key reference {Path} (its pin-source) is empty.");
        }

        return pin;
    }

    /// <summary>A <c>file:</c> URI's path: <c>file:/p</c>, <c>file:///p</c>, or <c>file:relative</c> (from the current
    /// folder); <see cref="Pkcs11Uri"/> has already percent-decoded it.</summary>
    private static string FilePath(string rest)
    {
        if (rest.StartsWith("//", StringComparison.Ordinal))
        {
            // file://host/path: only the local host (empty or localhost).
            var slash = rest.IndexOf('/', 2);
            var host = slash < 0 ? rest[2..] : rest[2..slash];
            if (host.Length != 0 && !host.Equals("localhost", StringComparison.OrdinalIgnoreCase))
            {
                throw new Pkcs11SignerException("A pin-source file: URI names another host; the PIN file must be local (file:/path or file:///path).");
            }

            rest = slash < 0 ? "/" : rest[slash..];
        }

        return rest;
    }
}
