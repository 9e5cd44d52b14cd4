// This file is compiled into both the runtime (net10.0) and the MSBuild task (netstandard2.0, BCL only). It uses only
// APIs that netstandard2.0 has. The format is documented in docs/spec/lockfile.md.
using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;

#pragma warning disable CA1510 // ArgumentNullException.ThrowIfNull is not in netstandard2.0, which this file also builds for.
#pragma warning disable CA1846, CA1870, CA2249 // span overloads, SearchValues and string.Contains(char) are not in netstandard2.0.
#pragma warning disable CA1865, CA1866, CA1847 // char overloads of StartsWith/Contains are not in netstandard2.0.

namespace OpenVerify.ModelSigning
{
    /// <summary>One locked model: what a reviewer approved.</summary>
    internal sealed class ModelLockEntry
    {
        /// <summary>Creates an entry.</summary>
        public ModelLockEntry(string path, string digest, long size, string ioSignature, string? publisherKeyId = null, int line = 0)
        {
            Path = path ?? throw new ArgumentNullException(nameof(path));
            Digest = digest ?? throw new ArgumentNullException(nameof(digest));
            Size = size;
            IoSignature = ioSignature ?? throw new ArgumentNullException(nameof(ioSignature));
            PublisherKeyId = publisherKeyId;
            Line = line;
        }

        /// <summary>The model's identity: its project-relative path with <c>/</c> (the <c>VerifiedModel</c> item's
        /// <c>Link</c> when it has one), as <c>[VerifiedInference("...")]</c> names it.</summary>
        public string Path { get; }

        /// <summary><c>sha256:&lt;hex&gt;</c> of the file's bytes.</summary>
        public string Digest { get; }

        /// <summary>The file's size in bytes.</summary>
        public long Size { get; }

        /// <summary><c>sha256:&lt;hex&gt;</c> of the model's input/output signature (<see cref="ModelLockFile.IoSignatureDigest"/>).</summary>
        public string IoSignature { get; }

        /// <summary>The key id of the publisher whose signature verified, when the model is signed.</summary>
        public string? PublisherKeyId { get; }

        /// <summary>The line of the entry in the lockfile (0 when built in code).</summary>
        public int Line { get; }
    }

    /// <summary>
    /// <c>openverify.lock.json</c>: the models a project may build with, pinned by digest. Versioned
    /// (<c>"version": 1</c>); strict: unknown and duplicate properties and duplicate paths are refused. Written with
    /// stable ordering (by path, in UTF-8 byte order) and formatting (one property per line, two-space indentation,
    /// <c>\n</c> line ends) so that a change to one model is a small diff. See docs/spec/lockfile.md.
    /// </summary>
    internal sealed class ModelLockFile
    {
        /// <summary>The default file name beside the project.</summary>
        public const string DefaultFileName = "openverify.lock.json";

        /// <summary>The format version this code reads and writes.</summary>
        public const int CurrentVersion = 1;

        /// <summary>The domain-separation prefix of the I/O signature digest.</summary>
        public const string IoSignatureDomain = "OpenVerify/io-signature/v1\0";

        /// <summary>Creates a lockfile; the entries are sorted by path.</summary>
        /// <exception cref="ArgumentException">Two entries have one path.</exception>
        public ModelLockFile(IEnumerable<ModelLockEntry> models)
        {
            if (models == null) throw new ArgumentNullException(nameof(models));
            var list = new List<ModelLockEntry>(models);
            list.Sort((a, b) => ComparePaths(a.Path, b.Path));
            for (var i = 1; i < list.Count; i++)
            {
                if (string.Equals(list[i - 1].Path, list[i].Path, StringComparison.Ordinal))
                {
                    throw new ArgumentException("The model '" + list[i].Path + "' is listed twice.", nameof(models));
                }
            }

            Models = list;
        }

        /// <summary>The entries, sorted by path.</summary>
        public IReadOnlyList<ModelLockEntry> Models { get; }

        /// <summary>The entry for a path, or null.</summary>
        public ModelLockEntry? Find(string path)
        {
            foreach (var entry in Models)
            {
                if (string.Equals(entry.Path, path, StringComparison.Ordinal))
                {
                    return entry;
                }
            }

            return null;
        }

        /// <summary>
        /// The I/O signature digest: SHA-256 of <c>"OpenVerify/io-signature/v1\0"</c> ‖ UTF-8 of
        /// <c>inputs=&lt;inputs&gt;\toutputs=&lt;outputs&gt;</c>, the two fields exactly as the model manifest line writes
        /// them (docs/spec/model-manifest.md).
        /// </summary>
        public static string IoSignatureDigest(string inputsField, string outputsField)
        {
            if (inputsField == null) throw new ArgumentNullException(nameof(inputsField));
            if (outputsField == null) throw new ArgumentNullException(nameof(outputsField));
            return GateCrypto.DigestText(GateCrypto.Sha256(Encoding.UTF8.GetBytes(IoSignatureDomain + "inputs=" + inputsField + "\toutputs=" + outputsField)));
        }

        /// <summary>Orders paths by their UTF-8 bytes.</summary>
        public static int ComparePaths(string a, string b)
        {
            var x = Encoding.UTF8.GetBytes(a);
            var y = Encoding.UTF8.GetBytes(b);
            for (var i = 0; i < Math.Min(x.Length, y.Length); i++)
            {
                if (x[i] != y[i])
                {
                    return x[i] - y[i];
                }
            }

            return x.Length - y.Length;
        }

        /// <summary>Reads a lockfile.</summary>
        /// <exception cref="GateFileFormatException">The file is malformed (names the file and line).</exception>
        /// <exception cref="IOException">The file cannot be read.</exception>
        public static ModelLockFile Load(string path) => Parse(File.ReadAllBytes(path), path);

        /// <summary>Reads a lockfile from its bytes (UTF-8 JSON).</summary>
        /// <exception cref="GateFileFormatException">The text is malformed (names <paramref name="source"/> and the line).</exception>
        public static ModelLockFile Parse(byte[] bytes, string source)
        {
            if (bytes == null) throw new ArgumentNullException(nameof(bytes));
            var root = new GateJsonObject(source, GateJson.Parse(GateJson.DecodeUtf8(bytes, source), source), "The lockfile", "version", "models");
            var version = root.RequireInteger("version", 0, int.MaxValue);
            if (version != CurrentVersion)
            {
                throw root.Error(root.Get("version")!.Line, "has version " + version.ToString(CultureInfo.InvariantCulture) + "; this OpenVerify reads version " + CurrentVersion.ToString(CultureInfo.InvariantCulture) + ".");
            }

            var entries = new List<ModelLockEntry>();
            var paths = new HashSet<string>(StringComparer.Ordinal);
            foreach (var item in root.Require("models", GateJsonKind.Array).Items!)
            {
                var entry = new GateJsonObject(source, item, "A lockfile entry", "path", "digest", "size", "ioSignature", "publisherKeyId");
                var path = entry.RequireString("path");
                if (path.Length == 0 || path.IndexOf('\\') >= 0 || path.StartsWith("/", StringComparison.Ordinal) || path.StartsWith("./", StringComparison.Ordinal))
                {
                    throw entry.Error(entry.Get("path")!.Line, "has 'path' = '" + path + "'; expected the model's project-relative path with '/' separators.");
                }

                if (!paths.Add(path))
                {
                    throw entry.Error(item.Line, "repeats the path '" + path + "'; each model is locked once.");
                }

                var digest = RequireDigest(entry, "digest");
                var size = entry.RequireInteger("size", 0, long.MaxValue);
                var io = RequireDigest(entry, "ioSignature");
                string? publisher = null;
                if (entry.Has("publisherKeyId"))
                {
                    publisher = RequireDigest(entry, "publisherKeyId");
                }

                entries.Add(new ModelLockEntry(path, digest, size, io, publisher, item.Line));
            }

            return new ModelLockFile(entries);
        }

        private static string RequireDigest(GateJsonObject entry, string name)
        {
            var text = entry.RequireString(name);
            if (!GateCrypto.TryParseDigest(text, out _))
            {
                throw entry.Error(entry.Get(name)!.Line, "has '" + name + "' = '" + text + "'; expected sha256: and 64 lowercase hex digits.");
            }

            return text;
        }

        /// <summary>The lockfile text: stable order and layout, ending with a line break.</summary>
        public string ToJson()
        {
            var json = new GateJsonWriter(indented: true).StartObject().Property("version", CurrentVersion).Name("models").StartArray();
            foreach (var entry in Models)
            {
                json.StartObject()
                    .Property("path", entry.Path)
                    .Property("digest", entry.Digest)
                    .Property("size", entry.Size)
                    .Property("ioSignature", entry.IoSignature);
                if (entry.PublisherKeyId != null)
                {
                    json.Property("publisherKeyId", entry.PublisherKeyId);
                }

                json.EndObject();
            }

            return json.EndArray().EndObject().ToString();
        }

        /// <summary>Writes the lockfile when its text differs from what is on disk (so an unchanged lock never touches
        /// the file's time stamp). Returns whether it wrote.</summary>
        public bool Save(string path) => GateFileWriter.Save(path, ToJson());
    }
}
