using System.Formats.Asn1;

namespace OpenVerify.Pkcs11;

/// <summary>Converts between a token's encodings (CKA_EC_PARAMS, CKA_EC_POINT, raw r‖s signatures) and OpenVerify's
/// (DER SubjectPublicKeyInfo, DER ECDSA signatures).</summary>
internal static class TokenKeyEncoding
{
    /// <summary>Key type CKK_EC_EDWARDS (PKCS#11 3.0); Pkcs11Interop 5.3 has no name for it.</summary>
    public const ulong CkkEcEdwards = 0x40;

    /// <summary>Mechanism CKM_EDDSA (PKCS#11 3.0).</summary>
    public const ulong CkmEddsa = 0x1057;

    /// <summary>Mechanism CKM_EC_EDWARDS_KEY_PAIR_GEN (PKCS#11 3.0).</summary>
    public const ulong CkmEcEdwardsKeyPairGen = 0x1055;

    private const string Ed25519Oid = "1.3.101.112";
    private const string EcPublicKeyOid = "1.2.840.10045.2.1";
    private const string P256Oid = "1.2.840.10045.3.1.7";

    /// <summary>CKA_EC_PARAMS for a new key: the curve's OID, DER.</summary>
    public static byte[] EcParameters(KeyAlgorithm algorithm)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        writer.WriteObjectIdentifier(algorithm == KeyAlgorithm.Ed25519 ? Ed25519Oid : P256Oid);
        return writer.Encode();
    }

    /// <summary>
    /// The DER SubjectPublicKeyInfo of a token key from its CKA_EC_PARAMS and CKA_EC_POINT. Ed25519 parameters are the
    /// OID 1.3.101.112 or the printable string "edwards25519" (PKCS#11 3.0 allows both); P-256 parameters are the
    /// named-curve OID. The point is a DER OCTET STRING as the standard says, or the raw point some tokens return.
    /// </summary>
    public static byte[] SubjectPublicKeyInfo(KeyAlgorithm algorithm, byte[] ecParameters, byte[] ecPoint, string key)
    {
        var point = Unwrap(ecPoint, algorithm == KeyAlgorithm.Ed25519 ? 32 : 65);
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            using (writer.PushSequence())
            {
                if (algorithm == KeyAlgorithm.Ed25519)
                {
                    if (!IsEd25519(ecParameters))
                    {
                        throw new Pkcs11SignerException($"The key {key} is an Edwards-curve key on a curve other than Ed25519; OpenVerify signs with Ed25519 or ECDSA P-256.");
                    }

                    if (point.Length != 32)
                    {
                        throw new Pkcs11SignerException($"The token returned an Ed25519 public key of {point.Length} bytes for the key {key}; expected 32.");
                    }

                    writer.WriteObjectIdentifier(Ed25519Oid);
                }
                else
                {
                    if (!ReadOid(ecParameters, out var curve) || curve != P256Oid)
                    {
                        throw new Pkcs11SignerException($"The key {key} is an EC key on a curve other than NIST P-256; OpenVerify signs with ECDSA P-256 or Ed25519.");
                    }

                    if (point.Length != 65 || point[0] != 0x04)
                    {
                        throw new Pkcs11SignerException($"The token returned a P-256 public key that is not an uncompressed point for the key {key}.");
                    }

                    writer.WriteObjectIdentifier(EcPublicKeyOid);
                    writer.WriteObjectIdentifier(P256Oid);
                }
            }

            writer.WriteBitString(point);
        }

        return writer.Encode();
    }

    /// <summary>An ECDSA signature as the token returns it (r‖s, 32 bytes each) in DER (<c>Rfc3279DerSequence</c>).</summary>
    public static byte[] EcdsaToDer(byte[] raw)
    {
        if (raw.Length != 64)
        {
            throw new Pkcs11SignerException($"The token returned an ECDSA P-256 signature of {raw.Length} bytes; expected 64 (r and s).");
        }

        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteIntegerUnsigned(Minimal(raw.AsSpan(0, 32)));
            writer.WriteIntegerUnsigned(Minimal(raw.AsSpan(32, 32)));
        }

        return writer.Encode();
    }

    /// <summary>A fixed-width big-endian integer without its leading zero bytes (one in 256 values of r or s has one;
    /// DER requires the shortest form).</summary>
    private static ReadOnlySpan<byte> Minimal(ReadOnlySpan<byte> value)
    {
        var start = 0;
        while (start < value.Length - 1 && value[start] == 0)
        {
            start++;
        }

        return value[start..];
    }

    private static bool IsEd25519(byte[] parameters)
    {
        if (ReadOid(parameters, out var oid))
        {
            return oid == Ed25519Oid;
        }

        try
        {
            var reader = new AsnReader(parameters, AsnEncodingRules.DER);
            var name = reader.ReadCharacterString(UniversalTagNumber.PrintableString);
            return !reader.HasData && name == "edwards25519";
        }
        catch (AsnContentException)
        {
            return false;
        }
    }

    private static bool ReadOid(byte[] parameters, out string oid)
    {
        try
        {
            var reader = new AsnReader(parameters, AsnEncodingRules.DER);
            oid = reader.ReadObjectIdentifier();
            return !reader.HasData;
        }
        catch (AsnContentException)
        {
            oid = string.Empty;
            return false;
        }
    }

    /// <summary>The point inside a DER OCTET STRING, or the bytes themselves when they are not one of the point's
    /// length (a raw uncompressed point also starts with 0x04, the OCTET STRING tag).</summary>
    private static byte[] Unwrap(byte[] ecPoint, int pointLength)
    {
        try
        {
            var reader = new AsnReader(ecPoint, AsnEncodingRules.DER);
            var inner = reader.ReadOctetString();
            if (!reader.HasData && inner.Length == pointLength)
            {
                return inner;
            }
        }
        catch (AsnContentException)
        {
        }

        return ecPoint;
    }
}
