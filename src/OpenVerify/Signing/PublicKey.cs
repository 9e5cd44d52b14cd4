using System.Formats.Asn1;
using System.Security.Cryptography;
using NSecAlgorithm = NSec.Cryptography.SignatureAlgorithm;
using NSecFormat = NSec.Cryptography.KeyBlobFormat;
using NSecPublicKey = NSec.Cryptography.PublicKey;

namespace OpenVerify;

/// <summary>
/// A public key that verifies signatures: Ed25519 or ECDSA P-256, read from SPKI PEM. Its <see cref="KeyId"/> is the
/// SHA-256 of the re-exported DER SubjectPublicKeyInfo, so two encodings of one key have one id.
/// </summary>
public sealed class PublicKey : IEquatable<PublicKey>
{
    internal const string Ed25519Oid = "1.3.101.112";
    internal const string EcPublicKeyOid = "1.2.840.10045.2.1";
    internal const string P256Oid = "1.2.840.10045.3.1.7";

    private readonly byte[] _spki;
    private readonly NSecPublicKey? _ed25519;
    private readonly ECDsa? _ecdsa;

    private PublicKey(KeyAlgorithm algorithm, byte[] spki, NSecPublicKey? ed25519, ECDsa? ecdsa)
    {
        Algorithm = algorithm;
        _spki = spki;
        _ed25519 = ed25519;
        _ecdsa = ecdsa;
        KeyId = Sha256Digest.Compute(spki).ToString();
    }

    /// <summary>The algorithm.</summary>
    public KeyAlgorithm Algorithm { get; }

    /// <summary><c>sha256:&lt;hex&gt;</c> of the DER SubjectPublicKeyInfo.</summary>
    public string KeyId { get; }

    /// <summary>A copy of the DER SubjectPublicKeyInfo.</summary>
    public byte[] ExportSubjectPublicKeyInfo() => (byte[])_spki.Clone();

    /// <summary>The SPKI PEM text (<c>-----BEGIN PUBLIC KEY-----</c>).</summary>
    public string ExportPem() => PemEncoding.WriteString("PUBLIC KEY", _spki) + "\n";

    /// <summary>Reads an SPKI PEM public key (Ed25519 or ECDSA P-256).</summary>
    /// <exception cref="KeyFormatException">The text is not such a key.</exception>
    public static PublicKey ImportPem(string pem)
    {
        var der = PemReader.ReadSingle(pem, "PUBLIC KEY", "public key");
        return FromSubjectPublicKeyInfo(der);
    }

    /// <summary>Reads an SPKI PEM public key file.</summary>
    /// <exception cref="KeyFormatException">The file cannot be read or is not such a key.</exception>
    public static PublicKey Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new KeyFormatException($"Cannot read the public key file '{path}': {e.Message}", e);
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

    /// <summary>Reads a DER SubjectPublicKeyInfo (Ed25519 or ECDSA P-256).</summary>
    /// <exception cref="KeyFormatException">The bytes are not such a key.</exception>
    public static PublicKey FromSubjectPublicKeyInfo(ReadOnlySpan<byte> der)
    {
        var (algorithmOid, parameterOid) = ReadAlgorithm(der, isPrivate: false);
        try
        {
            if (algorithmOid == Ed25519Oid)
            {
                var key = NSecPublicKey.Import(NSecAlgorithm.Ed25519, der, NSecFormat.PkixPublicKey);
                return new PublicKey(KeyAlgorithm.Ed25519, key.Export(NSecFormat.PkixPublicKey), key, null);
            }

            EnsureP256(algorithmOid, parameterOid);
            var ecdsa = ECDsa.Create();
            ecdsa.ImportSubjectPublicKeyInfo(der, out var read);
            if (read != der.Length)
            {
                throw new KeyFormatException("The public key has trailing bytes after its SubjectPublicKeyInfo.");
            }

            return new PublicKey(KeyAlgorithm.EcdsaP256, ecdsa.ExportSubjectPublicKeyInfo(), null, ecdsa);
        }
        catch (Exception e) when (e is CryptographicException or FormatException or ArgumentException or InvalidOperationException)
        {
            throw new KeyFormatException($"The public key is not a valid {(algorithmOid == Ed25519Oid ? "Ed25519" : "P-256")} key: {e.Message}", e);
        }
    }

    internal static PublicKey FromEd25519(NSecPublicKey key) =>
        new(KeyAlgorithm.Ed25519, key.Export(NSecFormat.PkixPublicKey), key, null);

    internal static PublicKey FromEcdsa(ECDsa privateOrPublic)
    {
        var spki = privateOrPublic.ExportSubjectPublicKeyInfo();
        var publicOnly = ECDsa.Create();
        publicOnly.ImportSubjectPublicKeyInfo(spki, out _);
        return new PublicKey(KeyAlgorithm.EcdsaP256, spki, null, publicOnly);
    }

    /// <summary>Verifies a signature over the data. Never throws for a malformed signature: it returns false.</summary>
    public bool Verify(ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        if (_ed25519 is not null)
        {
            return signature.Length == NSecAlgorithm.Ed25519.SignatureSize && NSecAlgorithm.Ed25519.Verify(_ed25519, data, signature);
        }

        try
        {
            return _ecdsa!.VerifyData(data, signature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    /// <summary>Reads the AlgorithmIdentifier of a SubjectPublicKeyInfo or PKCS#8 PrivateKeyInfo.</summary>
    internal static (string Algorithm, string? Parameter) ReadAlgorithm(ReadOnlySpan<byte> der, bool isPrivate)
    {
        var what = isPrivate ? "PKCS#8 private key" : "SubjectPublicKeyInfo";
        try
        {
            var reader = new AsnReader(der.ToArray(), AsnEncodingRules.DER);
            var outer = reader.ReadSequence();
            if (reader.HasData)
            {
                throw new KeyFormatException($"The {what} has trailing bytes.");
            }

            if (isPrivate)
            {
                outer.ReadInteger();
            }

            var algorithm = outer.ReadSequence();
            var oid = algorithm.ReadObjectIdentifier();
            string? parameter = null;
            if (algorithm.HasData && algorithm.PeekTag().HasSameClassAndValue(Asn1Tag.ObjectIdentifier))
            {
                parameter = algorithm.ReadObjectIdentifier();
            }

            if (oid != Ed25519Oid && oid != EcPublicKeyOid)
            {
                throw new KeyFormatException($"The {what} uses algorithm {oid}; OpenVerify accepts Ed25519 ({Ed25519Oid}) and ECDSA P-256 ({EcPublicKeyOid} with {P256Oid}).");
            }

            return (oid, parameter);
        }
        catch (AsnContentException e)
        {
            throw new KeyFormatException($"The {what} is not valid DER: {e.Message}", e);
        }
    }

    internal static void EnsureP256(string algorithmOid, string? parameterOid)
    {
        if (algorithmOid == EcPublicKeyOid && parameterOid != P256Oid)
        {
            throw new KeyFormatException($"The EC key is on curve {parameterOid ?? "(explicit parameters)"}; OpenVerify accepts only NIST P-256 ({P256Oid}).");
        }
    }

    /// <inheritdoc />
    public bool Equals(PublicKey? other) => other is not null && _spki.AsSpan().SequenceEqual(other._spki);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as PublicKey);

    /// <inheritdoc />
    public override int GetHashCode() => KeyId.GetHashCode(StringComparison.Ordinal);

    /// <inheritdoc />
    public override string ToString() => $"{Algorithm} public key {KeyId}";
}
