// This file is compiled into both the runtime (net10.0) and the MSBuild task (netstandard2.0, BCL only), so the task can
// verify model signatures in every MSBuild. It uses only APIs that netstandard2.0 has: no spans, no
// ImportSubjectPublicKeyInfo, no DSASignatureFormat. ECDSA P-256 signatures arrive DER-encoded and are converted to the
// IEEE P1363 form (r ‖ s) that netstandard2.0's ECDsa.VerifyData takes.
using System;
using System.Globalization;
using System.IO;
using System.Security.Cryptography;
using System.Text;

#pragma warning disable CA1510 // ArgumentNullException.ThrowIfNull is not in netstandard2.0, which this file also builds for.
#pragma warning disable CA1846, CA1870, CA2249 // span overloads, SearchValues and string.Contains(char) are not in netstandard2.0.
#pragma warning disable CA1850 // SHA256.HashData is not in netstandard2.0.
#pragma warning disable CA1865, CA1866, CA1847 // char overloads of StartsWith/Contains are not in netstandard2.0.

namespace OpenVerify.ModelSigning
{
    /// <summary>SHA-256, hex, strict base64, PEM and ECDSA P-256 verification with nothing beyond netstandard2.0.</summary>
    internal static class GateCrypto
    {
        public const string Sha256Prefix = "sha256:";

        private static readonly char[] UrlSafeChars = { '-', '_' };
        private static readonly char[] StandardChars = { '+', '/' };

        /// <summary>The fixed DER header of an uncompressed P-256 SubjectPublicKeyInfo (id-ecPublicKey, prime256v1,
        /// a 66-byte BIT STRING with no unused bits holding 0x04 ‖ X ‖ Y).</summary>
        private static readonly byte[] P256SpkiHeader =
        {
            0x30, 0x59, 0x30, 0x13, 0x06, 0x07, 0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x02, 0x01, 0x06, 0x08, 0x2A,
            0x86, 0x48, 0xCE, 0x3D, 0x03, 0x01, 0x07, 0x03, 0x42, 0x00, 0x04,
        };

        public static byte[] Sha256(byte[] data)
        {
            using (var sha = SHA256.Create())
            {
                return sha.ComputeHash(data);
            }
        }

        public static byte[] Sha256File(string path)
        {
            using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan))
            using (var sha = SHA256.Create())
            {
                return sha.ComputeHash(stream);
            }
        }

        public static string Hex(byte[] bytes)
        {
            var text = new StringBuilder(bytes.Length * 2);
            foreach (var b in bytes)
            {
                text.Append(b.ToString("x2", CultureInfo.InvariantCulture));
            }

            return text.ToString();
        }

        /// <summary><c>sha256:&lt;lowercase hex&gt;</c>.</summary>
        public static string DigestText(byte[] digest) => Sha256Prefix + Hex(digest);

        /// <summary>Reads 64 lowercase hex digits.</summary>
        public static bool TryParseHex(string? text, out byte[] bytes)
        {
            bytes = new byte[32];
            if (text == null || text.Length != 64)
            {
                return false;
            }

            for (var i = 0; i < 32; i++)
            {
                var hi = HexValue(text[2 * i]);
                var lo = HexValue(text[2 * i + 1]);
                if (hi < 0 || lo < 0)
                {
                    return false;
                }

                bytes[i] = (byte)((hi << 4) | lo);
            }

            return true;
        }

        /// <summary>Reads <c>sha256:</c> followed by 64 lowercase hex digits.</summary>
        public static bool TryParseDigest(string? text, out byte[] bytes)
        {
            bytes = new byte[32];
            return text != null && text.StartsWith(Sha256Prefix, StringComparison.Ordinal) && TryParseHex(text.Substring(Sha256Prefix.Length), out bytes);
        }

        private static int HexValue(char c) => c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;

        public static bool BytesEqual(byte[] a, byte[] b)
        {
            if (a.Length != b.Length)
            {
                return false;
            }

            var diff = 0;
            for (var i = 0; i < a.Length; i++)
            {
                diff |= a[i] ^ b[i];
            }

            return diff == 0;
        }

        /// <summary>
        /// Base64 decoding that accepts the standard and the URL-safe alphabet (not mixed), with or without padding, and
        /// refuses everything else: whitespace, stray characters, wrong padding, and non-canonical trailing bits.
        /// </summary>
        public static bool TryDecodeBase64(string? text, out byte[] bytes, out string error)
        {
            bytes = Array.Empty<byte>();
            if (text == null)
            {
                error = "the value is missing";
                return false;
            }

            var hasUrlSafe = text.IndexOfAny(UrlSafeChars) >= 0;
            var hasStandard = text.IndexOfAny(StandardChars) >= 0;
            if (hasUrlSafe && hasStandard)
            {
                error = "it mixes the standard and the URL-safe base64 alphabets";
                return false;
            }

            var body = text.TrimEnd('=');
            var padding = text.Length - body.Length;
            if (padding > 2)
            {
                error = "it has more than two '=' padding characters";
                return false;
            }

            for (var i = 0; i < body.Length; i++)
            {
                var c = body[i];
                var valid = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (hasUrlSafe ? c == '-' || c == '_' : c == '+' || c == '/');
                if (!valid)
                {
                    error = c == '=' ? "it has '=' padding in the middle (position " + i.ToString(CultureInfo.InvariantCulture) + ")"
                        : "it has the character '" + (char.IsControl(c) || char.IsWhiteSpace(c) ? ' ' : c) + "' (code " + ((int)c).ToString(CultureInfo.InvariantCulture) + ") at position " + i.ToString(CultureInfo.InvariantCulture) + ", which is not base64";
                    return false;
                }
            }

            if (body.Length % 4 == 1)
            {
                error = "its length is not a valid base64 length";
                return false;
            }

            var needed = (4 - body.Length % 4) % 4;
            if (padding != 0 && padding != needed)
            {
                error = "its '=' padding is wrong for its length";
                return false;
            }

            var normalized = (hasUrlSafe ? body.Replace('-', '+').Replace('_', '/') : body) + new string('=', needed);
            try
            {
                bytes = Convert.FromBase64String(normalized);
            }
            catch (FormatException)
            {
                error = "it is not valid base64";
                return false;
            }

            if (!string.Equals(Convert.ToBase64String(bytes), normalized, StringComparison.Ordinal))
            {
                error = "its last character carries bits that are not zero (non-canonical encoding)";
                bytes = Array.Empty<byte>();
                return false;
            }

            error = string.Empty;
            return true;
        }

        /// <summary>Reads exactly one <c>PUBLIC KEY</c> PEM block, with no text before it, and returns its DER bytes.</summary>
        public static bool TryReadPublicKeyPem(string? pem, out byte[] der, out string error)
        {
            der = Array.Empty<byte>();
            if (!Pem.TryReadSingle(pem, out var block, out var problem, out var reason))
            {
                error = problem == PemProblem.MoreThanOneBlock ? "it holds more than one PEM block, or text outside its PEM block"
                    : problem == PemProblem.BadBase64 ? "its PEM body is not valid base64: " + reason
                    : "it is not a PEM public key ('-----BEGIN PUBLIC KEY-----' … '-----END PUBLIC KEY-----')";
                return false;
            }

            if (!string.Equals(block!.Label, "PUBLIC KEY", StringComparison.Ordinal))
            {
                error = "it is not a PEM public key ('-----BEGIN PUBLIC KEY-----' … '-----END PUBLIC KEY-----')";
                return false;
            }

            if (block.HasTextBefore)
            {
                error = "it holds more than one PEM block, or text outside its PEM block";
                return false;
            }

            der = block.Der;
            error = string.Empty;
            return true;
        }

        /// <summary>The SPKI PEM text as OpenSSL and Python's <c>cryptography</c> write it: 64-character lines, <c>\n</c>.</summary>
        public static string PublicKeyPem(byte[] spki)
        {
            var base64 = Convert.ToBase64String(spki);
            var text = new StringBuilder("-----BEGIN PUBLIC KEY-----\n");
            for (var i = 0; i < base64.Length; i += 64)
            {
                text.Append(base64, i, Math.Min(64, base64.Length - i)).Append('\n');
            }

            return text.Append("-----END PUBLIC KEY-----\n").ToString();
        }

        /// <summary>OpenVerify's key id: <c>sha256:</c> of the DER SubjectPublicKeyInfo.</summary>
        public static string KeyId(byte[] spki) => DigestText(Sha256(spki));

        /// <summary>The OpenSSF model-signing key hint: lowercase hex SHA-256 of the SPKI PEM text.</summary>
        public static string OpenSsfKeyHint(byte[] spki) => Hex(Sha256(Encoding.ASCII.GetBytes(PublicKeyPem(spki))));

        /// <summary>Whether the DER is an uncompressed ECDSA P-256 SubjectPublicKeyInfo (the only form accepted).</summary>
        public static bool IsP256Spki(byte[] spki)
        {
            if (spki.Length != P256SpkiHeader.Length + 64)
            {
                return false;
            }

            for (var i = 0; i < P256SpkiHeader.Length; i++)
            {
                if (spki[i] != P256SpkiHeader[i])
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>
        /// Verifies an ECDSA P-256 / SHA-256 signature in DER (<c>SEQUENCE { INTEGER r, INTEGER s }</c>) over the data
        /// with the key in the SubjectPublicKeyInfo. Returns false (never throws) for a malformed key or signature.
        /// </summary>
        public static bool VerifyP256(byte[] spki, byte[] data, byte[] derSignature)
        {
            if (!IsP256Spki(spki) || !TryDerToP1363(derSignature, out var p1363))
            {
                return false;
            }

            var x = new byte[32];
            var y = new byte[32];
            Buffer.BlockCopy(spki, P256SpkiHeader.Length, x, 0, 32);
            Buffer.BlockCopy(spki, P256SpkiHeader.Length + 32, y, 0, 32);
            try
            {
                using (var ecdsa = ECDsa.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, Q = new ECPoint { X = x, Y = y } }))
                {
                    return ecdsa.VerifyData(data, p1363, HashAlgorithmName.SHA256);
                }
            }
            catch (CryptographicException)
            {
                // Not a point on the curve, or a platform refusal: the signature does not verify.
                return false;
            }
        }

        /// <summary>Converts a strict-DER ECDSA signature to r ‖ s, 32 bytes each. Refuses BER, trailing bytes, negative
        /// or non-minimal integers and integers longer than 32 bytes.</summary>
        public static bool TryDerToP1363(byte[] der, out byte[] p1363)
        {
            p1363 = new byte[64];
            var pos = 0;
            if (der.Length < 8 || der[pos++] != 0x30)
            {
                return false;
            }

            if (!TryReadLength(der, ref pos, out var length) || pos + length != der.Length)
            {
                return false;
            }

            return TryReadInteger(der, ref pos, p1363, 0) && TryReadInteger(der, ref pos, p1363, 32) && pos == der.Length;
        }

        private static bool TryReadLength(byte[] der, ref int pos, out int length)
        {
            length = 0;
            if (pos >= der.Length)
            {
                return false;
            }

            var first = der[pos++];
            if (first < 0x80)
            {
                length = first;
                return true;
            }

            // A P-256 signature is at most 72 bytes: only the one-byte long form (0x81, for 128..255) is minimal DER.
            if (first != 0x81 || pos >= der.Length || der[pos] < 0x80)
            {
                return false;
            }

            length = der[pos++];
            return true;
        }

        private static bool TryReadInteger(byte[] der, ref int pos, byte[] output, int offset)
        {
            if (pos >= der.Length || der[pos++] != 0x02 || !TryReadLength(der, ref pos, out var length) || length == 0 || pos + length > der.Length)
            {
                return false;
            }

            var start = pos;
            pos += length;
            if ((der[start] & 0x80) != 0)
            {
                return false; // negative
            }

            if (der[start] == 0)
            {
                if (length == 1 || (der[start + 1] & 0x80) == 0)
                {
                    return false; // zero, or a non-minimal leading zero
                }

                start++;
                length--;
            }

            if (length > 32)
            {
                return false;
            }

            Buffer.BlockCopy(der, start, output, offset + 32 - length, length);
            return true;
        }
    }

    /// <summary>Case-sensitive glob matching over <c>/</c>-separated paths: <c>*</c> within a segment, <c>**</c> across
    /// segments, <c>?</c> one character other than <c>/</c>.</summary>
    internal static class ModelPathGlob
    {
        public static bool IsMatch(string pattern, string path)
        {
            if (pattern == null) throw new ArgumentNullException(nameof(pattern));
            if (path == null) throw new ArgumentNullException(nameof(path));
            return Match(pattern, 0, path, 0);
        }

        private static bool Match(string pattern, int p, string path, int s)
        {
            while (p < pattern.Length)
            {
                if (string.CompareOrdinal(pattern, p, "**", 0, 2) == 0)
                {
                    var rest = p + 2;
                    if (rest == pattern.Length)
                    {
                        return true; // a trailing ** matches everything below
                    }

                    if (pattern[rest] == '/')
                    {
                        rest++;
                    }

                    for (var i = s; i <= path.Length; i++)
                    {
                        if ((i == s || path[i - 1] == '/') && Match(pattern, rest, path, i))
                        {
                            return true;
                        }
                    }

                    return false;
                }

                var c = pattern[p];
                if (c == '*')
                {
                    for (var i = s; i <= path.Length; i++)
                    {
                        if (Match(pattern, p + 1, path, i))
                        {
                            return true;
                        }

                        if (i < path.Length && path[i] == '/')
                        {
                            return false;
                        }
                    }

                    return false;
                }

                if (s >= path.Length || (c == '?' ? path[s] == '/' : path[s] != c))
                {
                    return false;
                }

                p++;
                s++;
            }

            return s == path.Length;
        }
    }
}
