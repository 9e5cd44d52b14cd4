using System.Text;
using Google.Protobuf;
using OpenVerify.Testing.Onnx;
using AttributeType = OpenVerify.Testing.Onnx.AttributeProto.Types.AttributeType;

namespace OpenVerify.Testing;

/// <summary>Factories for node attributes (<see cref="AttributeProto"/>), with the <c>type</c> discriminator set.</summary>
public static class OnnxAttributes
{
    /// <summary>An INT attribute (e.g. Cast's <c>to</c>).</summary>
    public static AttributeProto Int(string name, long value) => new() { Name = name, Type = AttributeType.Int, I = value };

    /// <summary>A FLOAT attribute.</summary>
    public static AttributeProto Float(string name, float value) => new() { Name = name, Type = AttributeType.Float, F = value };

    /// <summary>A STRING attribute (stored UTF-8).</summary>
    public static AttributeProto String(string name, string value) =>
        new() { Name = name, Type = AttributeType.String, S = ByteString.CopyFrom(Encoding.UTF8.GetBytes(value)) };

    /// <summary>An INTS attribute.</summary>
    public static AttributeProto Ints(string name, params long[] values)
    {
        var attribute = new AttributeProto { Name = name, Type = AttributeType.Ints };
        attribute.Ints.Add(values);
        return attribute;
    }

    /// <summary>A FLOATS attribute.</summary>
    public static AttributeProto Floats(string name, params float[] values)
    {
        var attribute = new AttributeProto { Name = name, Type = AttributeType.Floats };
        attribute.Floats.Add(values);
        return attribute;
    }

    /// <summary>A TENSOR attribute (e.g. Constant's <c>value</c>).</summary>
    public static AttributeProto Tensor(string name, TensorProto value) => new() { Name = name, Type = AttributeType.Tensor, T = value };
}
