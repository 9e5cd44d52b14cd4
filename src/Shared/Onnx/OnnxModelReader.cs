// This file is compiled into both the runtime (net10.0) and the MSBuild task (netstandard2.0, BCL only), so it uses
// only APIs that netstandard2.0 has.
using System;
#pragma warning disable CA1510 // ArgumentNullException.ThrowIfNull is not in netstandard2.0, which this file also builds for.
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace OpenVerify.Onnx
{
    /// <summary>A dimension of a model input or output: a fixed size, a symbolic name, or unknown.</summary>
    internal sealed class OnnxDimension
    {
        /// <summary>Creates a dimension.</summary>
        public OnnxDimension(long? value, string? symbol)
        {
            Value = value;
            Symbol = symbol;
        }

        /// <summary>The fixed size, when the model gives one.</summary>
        public long? Value { get; }

        /// <summary>The symbolic name (such as <c>N</c> or <c>batch</c>), when the model gives one.</summary>
        public string? Symbol { get; }

        /// <inheritdoc />
        public override string ToString() => Value.HasValue ? Value.Value.ToString(System.Globalization.CultureInfo.InvariantCulture) : (Symbol ?? "?");
    }

    /// <summary>A graph input or output as the model declares it.</summary>
    internal sealed class OnnxValueInfo
    {
        /// <summary>Creates a value info.</summary>
        public OnnxValueInfo(string name, string kind, int elementType, IReadOnlyList<OnnxDimension>? shape)
        {
            Name = name;
            Kind = kind;
            ElementType = elementType;
            Shape = shape;
        }

        /// <summary>The name.</summary>
        public string Name { get; }

        /// <summary><c>tensor</c>, <c>sequence</c>, <c>map</c>, <c>optional</c>, <c>sparse_tensor</c> or <c>unknown</c>.</summary>
        public string Kind { get; }

        /// <summary>The ONNX element type code for tensors (0 when not a tensor or not given).</summary>
        public int ElementType { get; }

        /// <summary>The dimensions, or null when the rank is unknown.</summary>
        public IReadOnlyList<OnnxDimension>? Shape { get; }
    }

    /// <summary>What a model file declares, read without loading its weights.</summary>
    internal sealed class OnnxModelInfo
    {
        /// <summary>The ONNX IR version.</summary>
        public long IrVersion { get; internal set; }

        /// <summary>The producer name.</summary>
        public string ProducerName { get; internal set; } = string.Empty;

        /// <summary>The producer version.</summary>
        public string ProducerVersion { get; internal set; } = string.Empty;

        /// <summary>Operator set imports: domain ("" is the default ONNX domain) and version.</summary>
        public IList<KeyValuePair<string, long>> OpsetImports { get; } = new List<KeyValuePair<string, long>>();

        /// <summary>Graph inputs that are not initializers.</summary>
        public IList<OnnxValueInfo> Inputs { get; } = new List<OnnxValueInfo>();

        /// <summary>Graph outputs.</summary>
        public IList<OnnxValueInfo> Outputs { get; } = new List<OnnxValueInfo>();

        /// <summary>Names of tensors whose data lives outside the model file (external data).</summary>
        public IList<string> ExternalDataTensors { get; } = new List<string>();

        /// <summary>Operator domains used by nodes, other than the default ONNX domain.</summary>
        public ISet<string> NodeDomains { get; } = new SortedSet<string>(StringComparer.Ordinal);

        /// <summary>Domains of model-local functions (their operators are defined inside the model).</summary>
        public ISet<string> FunctionDomains { get; } = new SortedSet<string>(StringComparer.Ordinal);

        /// <summary>Whether any tensor's data lives outside the model file.</summary>
        public bool HasExternalData => ExternalDataTensors.Count > 0;

        /// <summary>Operator domains that neither ONNX, ONNX-ML nor ONNX Runtime's built-in contrib operators define,
        /// nor a function in the model: a verified run cannot load them (custom operator libraries are refused).</summary>
        public IList<string> CustomDomains
        {
            get
            {
                var result = new List<string>();
                foreach (var domain in NodeDomains)
                {
                    if (!OnnxModelReader.IsBuiltInDomain(domain) && !FunctionDomains.Contains(domain))
                    {
                        result.Add(domain);
                    }
                }

                return result;
            }
        }
    }

    /// <summary>The model is not a valid ONNX protobuf.</summary>
    /// <remarks>Its base, <c>SharedExceptionBase</c>, is <c>OpenVerifyException</c> in the runtime and <see cref="Exception"/>
    /// elsewhere (src/Shared/OpenVerify.Shared.props).</remarks>
    public sealed class OnnxFormatException : SharedExceptionBase
    {
        /// <summary>Creates the exception.</summary>
        public OnnxFormatException(string message) : base(message) { }
    }

    /// <summary>
    /// A streaming reader of the few ONNX <c>ModelProto</c> fields OpenVerify needs. It seeks over weight data
    /// (initializer <c>raw_data</c> and typed data), so a large model is read without loading its weights.
    /// </summary>
    internal static class OnnxModelReader
    {
        private const int MaxDepth = 64;

        /// <summary>Reads a model file.</summary>
        /// <exception cref="OnnxFormatException">The file is not a valid ONNX model.</exception>
        public static OnnxModelInfo ReadFile(string path)
        {
            using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16))
            {
                return Read(stream);
            }
        }

        /// <summary>Reads a model from a seekable stream.</summary>
        /// <exception cref="OnnxFormatException">The stream is not a valid ONNX model.</exception>
        public static OnnxModelInfo Read(Stream stream)
        {
            if (stream == null) throw new ArgumentNullException(nameof(stream));
            if (!stream.CanSeek) throw new ArgumentException("The stream must be seekable.", nameof(stream));
            var info = new OnnxModelInfo();
            var reader = new Reader(stream);
            var sawGraph = false;
            var end = stream.Length;
            if (end == 0)
            {
                throw new OnnxFormatException("the file is empty");
            }

            while (reader.Position < end)
            {
                var (field, wire) = reader.ReadTag(end);
                switch (field)
                {
                    case 1 when wire == 0: info.IrVersion = (long)reader.ReadVarint(end); break;
                    case 2 when wire == 2: info.ProducerName = reader.ReadString(end); break;
                    case 3 when wire == 2: info.ProducerVersion = reader.ReadString(end); break;
                    case 7 when wire == 2:
                        sawGraph = true;
                        ReadGraph(reader, reader.ReadLengthEnd(end), info, 0, topLevel: true);
                        break;
                    case 8 when wire == 2:
                        ReadOpset(reader, reader.ReadLengthEnd(end), info);
                        break;
                    case 25 when wire == 2:
                        ReadFunction(reader, reader.ReadLengthEnd(end), info);
                        break;
                    default: reader.Skip(wire, end); break;
                }
            }

            if (!sawGraph)
            {
                throw new OnnxFormatException("it has no graph (ModelProto field 7); it is not an ONNX model");
            }

            if (info.IrVersion <= 0)
            {
                throw new OnnxFormatException("it has no IR version (ModelProto field 1); it is not an ONNX model");
            }

            return info;
        }

        internal static bool IsBuiltInDomain(string domain) =>
            domain.Length == 0 || domain == "ai.onnx" || domain == "ai.onnx.ml" || domain == "com.microsoft" ||
            domain == "com.microsoft.nchwc" || domain == "com.microsoft.experimental" || domain == "ai.onnx.preview.training" ||
            domain == "ai.onnx.training" || domain == "com.ms.internal.nhwc";

        private static void ReadOpset(Reader reader, long end, OnnxModelInfo info)
        {
            var domain = string.Empty;
            long version = 0;
            while (reader.Position < end)
            {
                var (field, wire) = reader.ReadTag(end);
                if (field == 1 && wire == 2) domain = reader.ReadString(end);
                else if (field == 2 && wire == 0) version = (long)reader.ReadVarint(end);
                else reader.Skip(wire, end);
            }

            info.OpsetImports.Add(new KeyValuePair<string, long>(domain, version));
        }

        private static void ReadFunction(Reader reader, long end, OnnxModelInfo info)
        {
            while (reader.Position < end)
            {
                var (field, wire) = reader.ReadTag(end);
                if (field == 7 && wire == 2) ReadNode(reader, reader.ReadLengthEnd(end), info, 1);
                else if (field == 10 && wire == 2) info.FunctionDomains.Add(reader.ReadString(end));
                else reader.Skip(wire, end);
            }
        }

        private static void ReadGraph(Reader reader, long end, OnnxModelInfo info, int depth, bool topLevel)
        {
            if (depth > MaxDepth) throw new OnnxFormatException("subgraphs are nested too deeply");
            var initializers = new HashSet<string>(StringComparer.Ordinal);
            var inputs = new List<OnnxValueInfo>();
            while (reader.Position < end)
            {
                var (field, wire) = reader.ReadTag(end);
                switch (field)
                {
                    case 1 when wire == 2: ReadNode(reader, reader.ReadLengthEnd(end), info, depth + 1); break;
                    case 5 when wire == 2:
                        var name = ReadTensor(reader, reader.ReadLengthEnd(end), info);
                        if (name != null) initializers.Add(name);
                        break;
                    case 15 when wire == 2: ReadSparseTensor(reader, reader.ReadLengthEnd(end), info, initializers); break;
                    case 11 when wire == 2:
                        var input = ReadValueInfo(reader, reader.ReadLengthEnd(end));
                        if (topLevel) inputs.Add(input);
                        break;
                    case 12 when wire == 2:
                        var output = ReadValueInfo(reader, reader.ReadLengthEnd(end));
                        if (topLevel) info.Outputs.Add(output);
                        break;
                    default: reader.Skip(wire, end); break;
                }
            }

            foreach (var input in inputs)
            {
                if (!initializers.Contains(input.Name)) info.Inputs.Add(input);
            }
        }

        private static void ReadNode(Reader reader, long end, OnnxModelInfo info, int depth)
        {
            if (depth > MaxDepth) throw new OnnxFormatException("subgraphs are nested too deeply");
            while (reader.Position < end)
            {
                var (field, wire) = reader.ReadTag(end);
                if (field == 7 && wire == 2)
                {
                    var domain = reader.ReadString(end);
                    if (domain.Length > 0) info.NodeDomains.Add(domain);
                }
                else if (field == 5 && wire == 2) ReadAttribute(reader, reader.ReadLengthEnd(end), info, depth);
                else reader.Skip(wire, end);
            }
        }

        private static void ReadAttribute(Reader reader, long end, OnnxModelInfo info, int depth)
        {
            while (reader.Position < end)
            {
                var (field, wire) = reader.ReadTag(end);
                switch (field)
                {
                    case 5 when wire == 2:
                    case 10 when wire == 2:
                        ReadTensor(reader, reader.ReadLengthEnd(end), info);
                        break;
                    case 6 when wire == 2:
                    case 11 when wire == 2:
                        ReadGraph(reader, reader.ReadLengthEnd(end), info, depth + 1, topLevel: false);
                        break;
                    case 22 when wire == 2:
                    case 23 when wire == 2:
                        ReadSparseTensor(reader, reader.ReadLengthEnd(end), info, null);
                        break;
                    default: reader.Skip(wire, end); break;
                }
            }
        }

        private static void ReadSparseTensor(Reader reader, long end, OnnxModelInfo info, HashSet<string>? initializers)
        {
            while (reader.Position < end)
            {
                var (field, wire) = reader.ReadTag(end);
                if (field == 1 && wire == 2)
                {
                    var name = ReadTensor(reader, reader.ReadLengthEnd(end), info);
                    if (name != null && initializers != null) initializers.Add(name);
                }
                else if (field == 2 && wire == 2) ReadTensor(reader, reader.ReadLengthEnd(end), info);
                else reader.Skip(wire, end);
            }
        }

        /// <summary>Reads a TensorProto's name and data location, seeking over its data.</summary>
        private static string? ReadTensor(Reader reader, long end, OnnxModelInfo info)
        {
            string? name = null;
            var external = false;
            while (reader.Position < end)
            {
                var (field, wire) = reader.ReadTag(end);
                if (field == 8 && wire == 2) name = reader.ReadString(end);
                else if (field == 14 && wire == 0) external |= reader.ReadVarint(end) == 1;
                else if (field == 13 && wire == 2) { external = true; reader.Skip(wire, end); }
                else reader.Skip(wire, end);
            }

            if (external) info.ExternalDataTensors.Add(name ?? "(unnamed)");
            return name;
        }

        private static OnnxValueInfo ReadValueInfo(Reader reader, long end)
        {
            var name = string.Empty;
            var kind = "unknown";
            var elementType = 0;
            List<OnnxDimension>? shape = null;
            while (reader.Position < end)
            {
                var (field, wire) = reader.ReadTag(end);
                if (field == 1 && wire == 2) name = reader.ReadString(end);
                else if (field == 2 && wire == 2)
                {
                    var typeEnd = reader.ReadLengthEnd(end);
                    while (reader.Position < typeEnd)
                    {
                        var (typeField, typeWire) = reader.ReadTag(typeEnd);
                        if (typeField == 1 && typeWire == 2)
                        {
                            kind = "tensor";
                            ReadTensorType(reader, reader.ReadLengthEnd(typeEnd), out elementType, out shape);
                        }
                        else
                        {
                            if (typeWire == 2)
                            {
                                switch (typeField)
                                {
                                    case 4: kind = "sequence"; break;
                                    case 5: kind = "map"; break;
                                    case 8: kind = "sparse_tensor"; break;
                                    case 9: kind = "optional"; break;
                                }
                            }

                            reader.Skip(typeWire, typeEnd);
                        }
                    }
                }
                else reader.Skip(wire, end);
            }

            return new OnnxValueInfo(name, kind, elementType, shape);
        }

        private static void ReadTensorType(Reader reader, long end, out int elementType, out List<OnnxDimension>? shape)
        {
            elementType = 0;
            shape = null;
            while (reader.Position < end)
            {
                var (field, wire) = reader.ReadTag(end);
                if (field == 1 && wire == 0) elementType = (int)reader.ReadVarint(end);
                else if (field == 2 && wire == 2)
                {
                    shape = new List<OnnxDimension>();
                    var shapeEnd = reader.ReadLengthEnd(end);
                    while (reader.Position < shapeEnd)
                    {
                        var (dimField, dimWire) = reader.ReadTag(shapeEnd);
                        if (dimField == 1 && dimWire == 2)
                        {
                            var dimEnd = reader.ReadLengthEnd(shapeEnd);
                            long? value = null;
                            string? symbol = null;
                            while (reader.Position < dimEnd)
                            {
                                var (f, w) = reader.ReadTag(dimEnd);
                                if (f == 1 && w == 0) value = (long)reader.ReadVarint(dimEnd);
                                else if (f == 2 && w == 2) symbol = reader.ReadString(dimEnd);
                                else reader.Skip(w, dimEnd);
                            }

                            shape.Add(new OnnxDimension(value, symbol));
                        }
                        else reader.Skip(dimWire, shapeEnd);
                    }
                }
                else reader.Skip(wire, end);
            }
        }

        private sealed class Reader
        {
            private readonly Stream _stream;
            private readonly byte[] _buffer = new byte[1];

            public Reader(Stream stream) => _stream = stream;

            public long Position => _stream.Position;

            private byte ReadByte(long end)
            {
                if (_stream.Position >= end)
                {
                    throw new OnnxFormatException(end >= _stream.Length
                        ? $"the file ends early at byte {_stream.Position} (truncated?)"
                        : $"a field runs past the end of its message at byte {_stream.Position}");
                }

                var b = _stream.ReadByte();
                if (b < 0) throw new OnnxFormatException($"the file ends early at byte {_stream.Position} (truncated?)");
                return (byte)b;
            }

            public ulong ReadVarint(long end)
            {
                ulong result = 0;
                for (var shift = 0; shift < 64; shift += 7)
                {
                    var b = ReadByte(end);
                    result |= (ulong)(b & 0x7F) << shift;
                    if ((b & 0x80) == 0) return result;
                }

                throw new OnnxFormatException($"a varint at byte {_stream.Position} is too long");
            }

            public (int Field, int Wire) ReadTag(long end)
            {
                var at = _stream.Position;
                var tag = ReadVarint(end);
                var field = (int)(tag >> 3);
                var wire = (int)(tag & 7);
                if (field <= 0 || tag >> 3 > int.MaxValue) throw new OnnxFormatException($"invalid protobuf field number at byte {at}");
                if (wire == 3 || wire == 4 || wire > 5) throw new OnnxFormatException($"unsupported protobuf wire type {wire} at byte {at}");
                return (field, wire);
            }

            public long ReadLengthEnd(long end)
            {
                var at = _stream.Position;
                var length = ReadVarint(end);
                if (length > (ulong)(end - _stream.Position)) throw new OnnxFormatException($"a length-delimited field at byte {at} claims {length} bytes, more than remain (truncated?)");
                return _stream.Position + (long)length;
            }

            public string ReadString(long end)
            {
                var fieldEnd = ReadLengthEnd(end);
                var length = (int)(fieldEnd - _stream.Position);
                var bytes = new byte[length];
                var read = 0;
                while (read < length)
                {
                    var n = _stream.Read(bytes, read, length - read);
                    if (n <= 0) throw new OnnxFormatException($"the file ends early at byte {_stream.Position} (truncated?)");
                    read += n;
                }

                try
                {
                    return new UTF8Encoding(false, true).GetString(bytes);
                }
                catch (DecoderFallbackException)
                {
                    throw new OnnxFormatException($"a string field ending at byte {_stream.Position} is not valid UTF-8");
                }
            }

            public void Skip(int wire, long end)
            {
                switch (wire)
                {
                    case 0: ReadVarint(end); break;
                    case 1: SeekTo(_stream.Position + 8, end); break;
                    case 2: SeekTo(ReadLengthEnd(end), end); break;
                    case 5: SeekTo(_stream.Position + 4, end); break;
                    default: throw new OnnxFormatException($"unsupported protobuf wire type {wire}");
                }
            }

            private void SeekTo(long target, long end)
            {
                if (target > end) throw new OnnxFormatException($"a field runs past its end at byte {_stream.Position} (truncated?)");
                _stream.Seek(target, SeekOrigin.Begin);
            }
        }
    }
}
