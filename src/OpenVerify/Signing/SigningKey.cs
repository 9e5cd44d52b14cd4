using System.Security.Cryptography;
using NSecAlgorithm = NSec.Cryptography.SignatureAlgorithm;
using NSecFormat = NSec.Cryptography.KeyBlobFormat;
using NSecKey = NSec.Cryptography.Key;
using NSecKeyCreationParameters = NSec.Cryptography.KeyCreationParameters;
using NSecKeyExportPolicies = NSec.Cryptography.KeyExportPolicies;

namespace OpenVerify;

/// <summary>
/// A private signing key held in process: Ed25519 (NSec) or ECDSA P-256 (BCL). Read from and written to PKCS#8 PEM.
/// Its key material never appears in <see cref="ToString"/>, exceptions or logs; exporting it is an explicit call.
/// </summary>
public sealed class SigningKey : ISigner, IDisposable
{
    private readonly NSecKey? _ed25519;
    private readonly ECDsa? _ecdsa;

    private SigningKey(NSecKey? ed25519, ECDsa? ecdsa)
    {
        _ed25519 = ed25519;
        _ecdsa = ecdsa;
        PublicKey = ed25519 is not null ? PublicKey.FromEd25519(ed25519.PublicKey) : PublicKey.FromEcdsa(ecdsa!);
    }

    /// <summary>The public half.</summary>
    public PublicKey PublicKey { get; }

    /// <inheritdoc />
    public string KeyId => PublicKey.KeyId;

    /// <inheritdoc />
    public KeyAlgorithm Algorithm => PublicKey.Algorithm;

    /// <summary>Creates a new random key.</summary>
    public static SigningKey Generate(KeyAlgorithm algorithm = KeyAlgorithm.Ed25519) => algorithm switch
    {
        KeyAlgorithm.Ed25519 => new SigningKey(NSecKey.Create(NSecAlgorithm.Ed25519, Exportable), null),
        KeyAlgorithm.EcdsaP256 => new SigningKey(null, ECDsa.Create(ECCurve.NamedCurves.nistP256)),
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, "Unknown key algorithm."),
    };

    private static NSecKeyCreationParameters Exportable => new() { ExportPolicy = NSecKeyExportPolicies.AllowPlaintextExport };

    /// <summary>Reads a PKCS#8 PEM private key (<c>-----BEGIN PRIVATE KEY-----</c>), Ed25519 or ECDSA P-256.</summary>
    /// <exception cref="KeyFormatException">The text is not such a key. The message never quotes the key.</exception>
    public static SigningKey ImportPem(string pem)
    {
        var der = PemReader.ReadSingle(pem, "PRIVATE KEY", "private key");
        try
        {
            return ImportPkcs8(der);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(der);
        }
    }

    private static SigningKey ImportPkcs8(byte[] der)
    {
        var (algorithmOid, parameterOid) = PublicKey.ReadAlgorithm(der, isPrivate: true);
        try
        {
            if (algorithmOid == PublicKey.Ed25519Oid)
            {
                var parameters = Exportable;
                if (!NSecKey.TryImport(NSecAlgorithm.Ed25519, der, NSecFormat.PkixPrivateKey, out var key, in parameters) || key is null)
                {
                    throw new KeyFormatException("The Ed25519 private key is malformed.");
                }

                return new SigningKey(key, null);
            }

            PublicKey.EnsureP256(algorithmOid, parameterOid);
            var ecdsa = ECDsa.Create();
            ecdsa.ImportPkcs8PrivateKey(der, out var read);
            if (read != der.Length)
            {
                ecdsa.Dispose();
                throw new KeyFormatException("The private key has trailing bytes after its PKCS#8 structure.");
            }

            return new SigningKey(null, ecdsa);
        }
        catch (Exception e) when (e is CryptographicException or FormatException or ArgumentException)
        {
            // The inner message comes from the platform's parser and never contains key bytes, but keep it out anyway.
            throw new KeyFormatException($"The private key is not a valid {(algorithmOid == PublicKey.Ed25519Oid ? "Ed25519" : "P-256")} PKCS#8 key.");
        }
    }

    /// <summary>
    /// Reads a PKCS#8 PEM private key file. By default the opened file must be owned by the current user, must not be
    /// readable or writable by group or others, and must not be a symbolic link (checked on Unix).
    /// </summary>
    /// <exception cref="KeyFileSecurityException">The file is not protected as required, or (with
    /// <see cref="KeyFileCheck.OwnerOnly"/>) its owner cannot be read on this platform.</exception>
    /// <exception cref="KeyFormatException">The file cannot be read or holds no valid key.</exception>
    public static SigningKey Load(string path, KeyFileCheck check = KeyFileCheck.OwnerOnly)
    {
        ArgumentNullException.ThrowIfNull(path);
        string text;
        try
        {
            if (check == KeyFileCheck.OwnerOnly && new FileInfo(path).LinkTarget is not null)
            {
                throw new KeyFileSecurityException($"The private key file '{path}' is a symbolic link; point to the key file itself.");
            }

            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            if (check == KeyFileCheck.OwnerOnly)
            {
                KeyFilePermissions.EnsureOwnerOnly(stream.SafeFileHandle, path);
            }

            using var reader = new StreamReader(stream);
            text = reader.ReadToEnd();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new KeyFormatException($"Cannot read the private key file '{path}': {e.Message}", e);
        }

        try
        {
            return ImportPem(text);
        }
        catch (KeyFormatException e)
        {
            throw new KeyFormatException($"'{path}': {e.Message}", e);
        }
    }

    /// <summary>
    /// Writes the key as PKCS#8 PEM to a new file created owner-only (mode 0600 on Unix, set at creation). Refuses to
    /// overwrite an existing file.
    /// </summary>
    /// <exception cref="KeyFileSecurityException">The file already exists.</exception>
    public void Save(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        FileStream stream;
        try
        {
            stream = new FileStream(path, options);
        }
        catch (IOException) when (File.Exists(path))
        {
            throw new KeyFileSecurityException($"The file '{path}' already exists; OpenVerify never overwrites a key file. Choose another path or delete it first.");
        }

        using (stream)
        using (var writer = new StreamWriter(stream))
        {
            writer.Write(ExportPkcs8Pem());
        }
    }

    /// <summary>Exports the private key as PKCS#8 PEM text. Handle the result as a secret.</summary>
    public string ExportPkcs8Pem()
    {
        if (_ecdsa is not null)
        {
            return _ecdsa.ExportPkcs8PrivateKeyPem() + "\n";
        }

        var der = _ed25519!.Export(NSecFormat.PkixPrivateKey);
        try
        {
            return PemEncoding.WriteString("PRIVATE KEY", der) + "\n";
        }
        finally
        {
            CryptographicOperations.ZeroMemory(der);
        }
    }

    /// <inheritdoc />
    public byte[] Sign(ReadOnlySpan<byte> data) =>
        _ed25519 is not null
            ? NSecAlgorithm.Ed25519.Sign(_ed25519, data)
            : _ecdsa!.SignData(data, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);

    /// <summary>Describes the key by algorithm and key id only.</summary>
    public override string ToString() => $"{Algorithm} signing key {KeyId}";

    /// <inheritdoc />
    public void Dispose()
    {
        _ed25519?.Dispose();
        _ecdsa?.Dispose();
    }
}
