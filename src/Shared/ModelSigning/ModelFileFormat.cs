// This file is compiled into both the runtime (net10.0) and the MSBuild task (netstandard2.0, BCL only): it reads the
// zip directory with System.IO.Compression and never references ML.NET.
using System;
using System.IO;
using System.IO.Compression;

#pragma warning disable CA1510 // ArgumentNullException.ThrowIfNull is not in netstandard2.0, which this file also builds for.

namespace OpenVerify.ModelSigning
{
    /// <summary>The model formats the build gate pins.</summary>
    internal enum ModelFormat
    {
        /// <summary>An ONNX model (<c>.onnx</c>): the gate reads its inputs and outputs.</summary>
        Onnx,

        /// <summary>An ML.NET model zip (<c>MLContext.Model.Save</c>): pinned by digest; its schema is not read at
        /// build time (that needs ML.NET, which the BCL-only task does not load).</summary>
        MLNet,
    }

    /// <summary>
    /// Tells an ML.NET model zip from an ONNX model, by the item's <c>Format</c> metadata or by content: ML.NET saves
    /// every transformer as a folder with a <c>Model.key</c> entry, so a zip archive with such an entry is an ML.NET
    /// model. Anything else is treated as ONNX (and reported as unreadable by the ONNX reader when it is not).
    /// </summary>
    internal static class ModelFileFormat
    {
        /// <summary>The manifest's <c>format=</c> value and the <c>Format</c> item metadata of an ML.NET model.</summary>
        public const string MLNetName = "mlnet";

        /// <summary>The entry ML.NET writes for every saved model part.</summary>
        public const string MLNetKeyEntry = "Model.key";

        /// <summary>The format of a model: <paramref name="declared"/> (item metadata <c>Format</c>: <c>mlnet</c> or
        /// <c>onnx</c>, any case) when set, otherwise detected from <paramref name="stream"/>, which is left at position 0.</summary>
        /// <exception cref="ArgumentException">The declared format is neither <c>mlnet</c> nor <c>onnx</c>.</exception>
        public static ModelFormat Detect(Stream stream, string? declared)
        {
            if (stream == null) throw new ArgumentNullException(nameof(stream));
            if (!string.IsNullOrWhiteSpace(declared))
            {
                var name = declared!.Trim();
                if (string.Equals(name, MLNetName, StringComparison.OrdinalIgnoreCase)) return ModelFormat.MLNet;
                if (string.Equals(name, "onnx", StringComparison.OrdinalIgnoreCase)) return ModelFormat.Onnx;
                throw new ArgumentException("the Format metadata is '" + name + "'; it must be 'onnx' or 'mlnet' (or empty, to detect it from the file)", nameof(declared));
            }

            return IsMLNetZip(stream) ? ModelFormat.MLNet : ModelFormat.Onnx;
        }

        /// <summary>Whether the stream is a zip archive with a <c>Model.key</c> entry (at any depth). Reads only the zip
        /// directory; the stream is left at position 0.</summary>
        public static bool IsMLNetZip(Stream stream)
        {
            if (stream == null) throw new ArgumentNullException(nameof(stream));
            stream.Position = 0;
            try
            {
                // A zip's local file header starts "PK\x03\x04"; ONNX (protobuf) never starts so, so the archive is opened
                // only for zip files.
                var magic = new byte[4];
                var read = 0;
                while (read < magic.Length)
                {
                    var n = stream.Read(magic, read, magic.Length - read);
                    if (n == 0) return false;
                    read += n;
                }

                if (magic[0] != 0x50 || magic[1] != 0x4B || magic[2] != 0x03 || magic[3] != 0x04)
                {
                    return false;
                }

                stream.Position = 0;
                using (var archive = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true))
                {
                    foreach (var entry in archive.Entries)
                    {
                        var name = entry.FullName.Replace('\\', '/');
                        if (string.Equals(name, MLNetKeyEntry, StringComparison.Ordinal) || name.EndsWith("/" + MLNetKeyEntry, StringComparison.Ordinal))
                        {
                            return true;
                        }
                    }
                }

                return false;
            }
            catch (InvalidDataException)
            {
                return false; // A damaged zip is not an ML.NET model; the ONNX reader then reports it as unreadable.
            }
            finally
            {
                stream.Position = 0;
            }
        }
    }
}
