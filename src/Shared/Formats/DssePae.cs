// Shared kernel (src/Shared, part Formats): netstandard2.0, BCL only, compiled internal into each project that needs it.
using System;
using System.Globalization;
using System.Text;

namespace OpenVerify.Formats
{
    /// <summary>
    /// DSSE's pre-authentication encoding (https://github.com/secure-systems-lab/dsse/blob/master/protocol.md):
    /// <c>"DSSEv1" SP LEN(type) SP type SP LEN(body) SP body</c>, each LEN the ASCII decimal count of UTF-8 bytes.
    /// The one implementation behind receipts, batch roots, log checkpoints and model signatures.
    /// </summary>
    internal static class DssePae
    {
        /// <summary>Everything before the body: <c>"DSSEv1 " LEN(type) " " type " " LEN(body) " "</c>, so a caller
        /// holding the body in a span can append it without a copy.</summary>
        public static byte[] Header(string payloadType, int payloadLength)
        {
            if (payloadType == null)
            {
                throw new ArgumentNullException(nameof(payloadType));
            }

            // The type's length is its UTF-8 byte count, not its UTF-16 char count: they differ for any non-ASCII type.
            var type = Encoding.UTF8.GetBytes(payloadType);
            var before = Encoding.ASCII.GetBytes("DSSEv1 " + type.Length.ToString(CultureInfo.InvariantCulture) + " ");
            var after = Encoding.ASCII.GetBytes(" " + payloadLength.ToString(CultureInfo.InvariantCulture) + " ");
            var header = new byte[before.Length + type.Length + after.Length];
            Buffer.BlockCopy(before, 0, header, 0, before.Length);
            Buffer.BlockCopy(type, 0, header, before.Length, type.Length);
            Buffer.BlockCopy(after, 0, header, before.Length + type.Length, after.Length);
            return header;
        }

        /// <summary>The full encoding of <paramref name="payload"/> under <paramref name="payloadType"/>.</summary>
        public static byte[] Encode(string payloadType, byte[] payload)
        {
            if (payload == null)
            {
                throw new ArgumentNullException(nameof(payload));
            }

            var header = Header(payloadType, payload.Length);
            var result = new byte[header.Length + payload.Length];
            Buffer.BlockCopy(header, 0, result, 0, header.Length);
            Buffer.BlockCopy(payload, 0, result, header.Length, payload.Length);
            return result;
        }
    }
}
