using Google.Protobuf;
using OpenVerify.Testing.Onnx;

namespace OpenVerify.Testing;

/// <summary>
/// Builds a serialized ONNX model (<see cref="ModelProto"/>) in code. Defaults: IR version 8,
/// one opset import of the default ONNX domain (<c>""</c>) at version 17, producer
/// <c>OpenVerify.Testing</c>. Nothing is validated beyond what the protobuf schema enforces,
/// so invalid models for negative tests can be built too.
/// </summary>
/// <example>
/// <code>
/// byte[] model = new OnnxModelBuilder()
///     .Input("x", 1, "N", 3)
///     .Output("y", 1, "N", 3)
///     .Node("Relu", ["x"], ["y"])
///     .Build();
/// </code>
/// </example>
public sealed class OnnxModelBuilder
{
    /// <summary>The default ONNX opset version (17).</summary>
    public const long DefaultOpset = 17;

    /// <summary>The default IR version (8).</summary>
    public const long DefaultIrVersion = 8;

    private readonly ModelProto model;
    private readonly GraphProto graph;
    private int nodeCount;

    /// <summary>Starts an empty model with the defaults described on the class.</summary>
    public OnnxModelBuilder()
    {
        graph = new GraphProto { Name = "openverify_test_graph" };
        model = new ModelProto
        {
            IrVersion = DefaultIrVersion,
            ProducerName = "OpenVerify.Testing",
            ProducerVersion = "1",
            Graph = graph,
        };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = string.Empty, Version = DefaultOpset });
    }

    /// <summary>Sets the opset version imported for <paramref name="domain"/> (replacing any earlier import of it).</summary>
    /// <param name="version">Opset version.</param>
    /// <param name="domain">Operator set domain; <c>""</c> is the default ONNX domain.</param>
    public OnnxModelBuilder Opset(long version, string domain = "")
    {
        ArgumentNullException.ThrowIfNull(domain);
        var existing = model.OpsetImport.FirstOrDefault(o => o.Domain == domain);
        if (existing is null)
        {
            model.OpsetImport.Add(new OperatorSetIdProto { Domain = domain, Version = version });
        }
        else
        {
            existing.Version = version;
        }

        return this;
    }

    /// <summary>Sets <c>ir_version</c>.</summary>
    public OnnxModelBuilder IrVersion(long irVersion)
    {
        model.IrVersion = irVersion;
        return this;
    }

    /// <summary>Sets <c>producer_name</c> and <c>producer_version</c>.</summary>
    public OnnxModelBuilder Producer(string name, string version)
    {
        model.ProducerName = name ?? throw new ArgumentNullException(nameof(name));
        model.ProducerVersion = version ?? throw new ArgumentNullException(nameof(version));
        return this;
    }

    /// <summary>Sets the graph name.</summary>
    public OnnxModelBuilder GraphName(string name)
    {
        graph.Name = name ?? throw new ArgumentNullException(nameof(name));
        return this;
    }

    /// <summary>Adds a <c>metadata_props</c> entry to the model.</summary>
    public OnnxModelBuilder Metadata(string key, string value)
    {
        model.MetadataProps.Add(new StringStringEntryProto { Key = key, Value = value });
        return this;
    }

    /// <summary>Adds a tensor graph input.</summary>
    /// <param name="name">Input name.</param>
    /// <param name="elementType">ONNX element type code (<see cref="TensorProto.Types.DataType"/>, e.g. 1 = FLOAT).</param>
    /// <param name="shape">
    /// Dimensions: sizes and/or symbolic names. No dimensions is a scalar (rank 0);
    /// <see langword="null"/> leaves the shape out, i.e. unknown rank.
    /// </param>
    public OnnxModelBuilder Input(string name, int elementType, params OnnxDim[]? shape)
    {
        graph.Input.Add(ValueInfo(name, elementType, shape));
        return this;
    }

    /// <summary>Adds a tensor graph output; parameters as for <see cref="Input"/>.</summary>
    public OnnxModelBuilder Output(string name, int elementType, params OnnxDim[]? shape)
    {
        graph.Output.Add(ValueInfo(name, elementType, shape));
        return this;
    }

    /// <summary>Adds a node of the default ONNX domain.</summary>
    /// <param name="opType">Operator, e.g. <c>"Add"</c>.</param>
    /// <param name="inputs">Input value names (<c>""</c> for an omitted optional input).</param>
    /// <param name="outputs">Output value names.</param>
    /// <param name="attributes">Attributes, see <see cref="OnnxAttributes"/>.</param>
    public OnnxModelBuilder Node(string opType, string[] inputs, string[] outputs, params AttributeProto[] attributes) =>
        Node(string.Empty, opType, inputs, outputs, attributes);

    /// <summary>
    /// Adds a node of <paramref name="domain"/>. A domain other than <c>""</c> that has no opset
    /// import yet gets one at version 1 (so a custom-domain model fails for the unknown operator,
    /// not for a missing import).
    /// </summary>
    /// <param name="domain">Operator set domain, e.g. <c>"com.example.custom"</c>.</param>
    /// <param name="opType">Operator name.</param>
    /// <param name="inputs">Input value names.</param>
    /// <param name="outputs">Output value names.</param>
    /// <param name="attributes">Attributes, see <see cref="OnnxAttributes"/>.</param>
    public OnnxModelBuilder Node(string domain, string opType, string[] inputs, string[] outputs, params AttributeProto[] attributes)
    {
        ArgumentNullException.ThrowIfNull(domain);
        ArgumentException.ThrowIfNullOrEmpty(opType);
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(outputs);
        var node = new NodeProto { OpType = opType, Domain = domain, Name = $"{opType}_{nodeCount++}" };
        node.Input.Add(inputs);
        node.Output.Add(outputs);
        node.Attribute.Add(attributes);
        graph.Node.Add(node);
        if (domain.Length > 0 && !model.OpsetImport.Any(o => o.Domain == domain))
        {
            model.OpsetImport.Add(new OperatorSetIdProto { Domain = domain, Version = 1 });
        }

        return this;
    }

    /// <summary>Adds an initializer (a constant tensor, referenced by its name); see <see cref="OnnxTensors"/>.</summary>
    public OnnxModelBuilder Initializer(TensorProto tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        graph.Initializer.Add(tensor);
        return this;
    }

    /// <summary>Adds an initializer from raw little-endian element bytes.</summary>
    public OnnxModelBuilder Initializer(string name, int elementType, long[] dims, byte[] rawData) =>
        Initializer(OnnxTensors.Raw(name, elementType, dims, rawData));

    /// <summary>Adds a FLOAT initializer.</summary>
    public OnnxModelBuilder Initializer(string name, long[] dims, params float[] values) =>
        Initializer(OnnxTensors.Float(name, dims, values));

    /// <summary>Adds an INT64 initializer.</summary>
    public OnnxModelBuilder Initializer(string name, long[] dims, params long[] values) =>
        Initializer(OnnxTensors.Int64(name, dims, values));

    /// <summary>
    /// Adds an initializer whose data is external (<c>data_location = EXTERNAL</c>, <c>external_data</c>
    /// location/offset/length). For negative tests: such a model does not load from bytes alone.
    /// </summary>
    public OnnxModelBuilder ExternalInitializer(string name, int elementType, long[] dims, string location, long offset = 0, long? length = null) =>
        Initializer(OnnxTensors.External(name, elementType, dims, location, offset, length));

    /// <summary>The model built so far, as a protobuf message (a copy).</summary>
    public ModelProto BuildProto() => model.Clone();

    /// <summary>The model built so far, serialized (what ONNX Runtime loads).</summary>
    public byte[] Build() => model.ToByteArray();

    private static ValueInfoProto ValueInfo(string name, int elementType, OnnxDim[]? shape)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var tensorType = new TypeProto.Types.Tensor { ElemType = elementType };
        if (shape is not null)
        {
            var shapeProto = new TensorShapeProto();
            foreach (var dim in shape)
            {
                var dimension = new TensorShapeProto.Types.Dimension();
                if (dim.Symbol is { } symbol)
                {
                    dimension.DimParam = symbol;
                }
                else if (dim.Value is { } value)
                {
                    dimension.DimValue = value;
                }

                shapeProto.Dim.Add(dimension);
            }

            tensorType.Shape = shapeProto;
        }

        return new ValueInfoProto { Name = name, Type = new TypeProto { TensorType = tensorType } };
    }
}
