// The one PEM reader (RFC 7468): the runtime's key import (PublicKey/SigningKey.ImportPem) and the trust policy's
// publisher keys both read their blocks here and only word the problems in their own vocabulary. BCL-only, so the
// netstandard2.0 task can use it.
using System;
using System.Text;

namespace OpenVerify.ModelSigning
{
    /// <summary>Why a text is not exactly one PEM block.</summary>
    internal enum PemProblem
    {
        /// <summary>One block was read.</summary>
        None,

        /// <summary>The text is missing, empty or only whitespace.</summary>
        Empty,

        /// <summary>No complete block: no <c>-----BEGIN label-----</c> line, or no matching <c>-----END label-----</c> (a truncated file).</summary>
        NoBlock,

        /// <summary>Another <c>-----BEGIN</c> follows the block.</summary>
        MoreThanOneBlock,

        /// <summary>The body is not strict standard base64 (line breaks and spaces aside).</summary>
        BadBase64,
    }

    /// <summary>One PEM block: its label, its DER bytes, and whether text precedes it.</summary>
    internal sealed class PemBlock
    {
        public PemBlock(string label, byte[] der, bool hasTextBefore)
        {
            Label = label;
            Der = der;
            HasTextBefore = hasTextBefore;
        }

        /// <summary>The label (<c>PUBLIC KEY</c>, <c>PRIVATE KEY</c>, …).</summary>
        public string Label { get; }

        /// <summary>The decoded body.</summary>
        public byte[] Der { get; }

        /// <summary>Whether non-whitespace text precedes the BEGIN line (RFC 7468 explanatory text; a gate file refuses it).</summary>
        public bool HasTextBefore { get; }
    }

    /// <summary>Reads exactly one PEM block.</summary>
    internal static class Pem
    {
        private const string BeginPrefix = "-----BEGIN ";
        private const string Dashes = "-----";

        /// <summary>
        /// Reads the first PEM block of <paramref name="text"/> and checks that no other block follows. On failure
        /// <paramref name="detail"/> says why in words (for <see cref="PemProblem.BadBase64"/>, what is wrong with the body).
        /// </summary>
        public static bool TryReadSingle(string? text, out PemBlock? block, out PemProblem problem, out string detail)
        {
            block = null;
            detail = string.Empty;
            if (text == null || text.Trim().Length == 0)
            {
                problem = PemProblem.Empty;
                return false;
            }

            var start = text.IndexOf(BeginPrefix, StringComparison.Ordinal);
            var labelEnd = start < 0 ? -1 : text.IndexOf(Dashes, start + BeginPrefix.Length, StringComparison.Ordinal);
            var label = labelEnd < 0 ? string.Empty : text.Substring(start + BeginPrefix.Length, labelEnd - start - BeginPrefix.Length);
            // The END line is looked for after the whole BEGIN line: the two share dashes, and "…KEY---------END…"
            // would otherwise find an END inside the BEGIN line.
            var bodyStart = labelEnd + Dashes.Length;
            var end = labelEnd < 0 || label.IndexOf('\n') >= 0 ? -1 : text.IndexOf("-----END " + label + Dashes, bodyStart, StringComparison.Ordinal);
            if (end < 0)
            {
                problem = PemProblem.NoBlock;
                return false;
            }

            if (text.IndexOf("-----BEGIN", end, StringComparison.Ordinal) >= 0)
            {
                problem = PemProblem.MoreThanOneBlock;
                return false;
            }

            var body = new StringBuilder(end - bodyStart);
            for (var i = bodyStart; i < end; i++)
            {
                var c = text[i];
                if (c == '-' || c == '_')
                {
                    problem = PemProblem.BadBase64;
                    detail = "it has the URL-safe character '" + c + "'; PEM uses the standard base64 alphabet";
                    return false;
                }

                if (c != '\n' && c != '\r' && c != ' ' && c != '\t')
                {
                    body.Append(c);
                }
            }

            if (!GateCrypto.TryDecodeBase64(body.ToString(), out var der, out detail))
            {
                problem = PemProblem.BadBase64;
                return false;
            }

            block = new PemBlock(label, der, text.Substring(0, start).Trim().Length > 0);
            problem = PemProblem.None;
            return true;
        }
    }
}
