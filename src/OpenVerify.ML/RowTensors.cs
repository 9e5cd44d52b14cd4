using System.Collections.Immutable;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace OpenVerify.ML;

/// <summary>
/// Rows as tensors (docs/spec/mlnet-v1.md §2): one column of an ML.NET row becomes one named tensor, through the
/// column's type in the model's schema. Scalars are rank-0 tensors; vectors are rank-1 tensors of their length (a known
/// size with several dimensions keeps its dimensions); numbers and booleans keep their type; text is a string tensor
/// (UTF-8); a key is its underlying unsigned integer. Every other type is refused.
/// </summary>
internal static class RowTensors
{
    /// <summary>The tensor element type of a column type; throws for a type that receipts do not cover.</summary>
    public static ElementType ElementTypeOf(string column, DataViewType type)
    {
        var item = type is VectorDataViewType vector ? vector.ItemType : type;
        ElementType? elementType = item switch
        {
            NumberDataViewType n when n.RawType == typeof(float) => ElementType.Float,
            NumberDataViewType n when n.RawType == typeof(double) => ElementType.Double,
            NumberDataViewType n when n.RawType == typeof(sbyte) => ElementType.Int8,
            NumberDataViewType n when n.RawType == typeof(byte) => ElementType.UInt8,
            NumberDataViewType n when n.RawType == typeof(short) => ElementType.Int16,
            NumberDataViewType n when n.RawType == typeof(ushort) => ElementType.UInt16,
            NumberDataViewType n when n.RawType == typeof(int) => ElementType.Int32,
            NumberDataViewType n when n.RawType == typeof(uint) => ElementType.UInt32,
            NumberDataViewType n when n.RawType == typeof(long) => ElementType.Int64,
            NumberDataViewType n when n.RawType == typeof(ulong) => ElementType.UInt64,
            BooleanDataViewType => ElementType.Bool,
            TextDataViewType => ElementType.String,
            KeyDataViewType k when k.RawType == typeof(byte) => ElementType.UInt8,
            KeyDataViewType k when k.RawType == typeof(ushort) => ElementType.UInt16,
            KeyDataViewType k when k.RawType == typeof(uint) => ElementType.UInt32,
            KeyDataViewType k when k.RawType == typeof(ulong) => ElementType.UInt64,
            _ => null,
        };
        return elementType ?? throw new ModelLoadException(
            $"The column '{column}' has the ML.NET type {type}, which a receipt cannot cover: OpenVerify.ML maps Single, Double, " +
            "integers, Boolean, text and key columns (scalars and vectors). Leave the column out of the input or output class, or convert it in the pipeline (for example DateTime to a number).");
    }

    /// <summary>The tensor of one cell value (a scalar, an array, a <see cref="VBuffer{T}"/>, a string or a
    /// <see cref="ReadOnlyMemory{T}"/> of chars) read through the column's type.</summary>
    public static TensorValue FromValue(string column, DataViewType type, object? value)
    {
        var elementType = ElementTypeOf(column, type);
        var vector = type as VectorDataViewType;
        return elementType switch
        {
            ElementType.Float => Numeric<float>(column, vector, value),
            ElementType.Double => Numeric<double>(column, vector, value),
            ElementType.Int8 => Numeric<sbyte>(column, vector, value),
            ElementType.UInt8 => Numeric<byte>(column, vector, value),
            ElementType.Int16 => Numeric<short>(column, vector, value),
            ElementType.UInt16 => Numeric<ushort>(column, vector, value),
            ElementType.Int32 => Numeric<int>(column, vector, value),
            ElementType.UInt32 => Numeric<uint>(column, vector, value),
            ElementType.Int64 => Numeric<long>(column, vector, value),
            ElementType.UInt64 => Numeric<ulong>(column, vector, value),
            ElementType.Bool => Numeric<bool>(column, vector, value),
            _ => Text(column, vector, value),
        };
    }

    private static TensorValue<T> Numeric<T>(string column, VectorDataViewType? vector, object? value) where T : unmanaged
    {
        if (vector is null)
        {
            return value is T scalar ? TensorValue.Scalar(scalar) : throw Unexpected(column, typeof(T), value);
        }

        T[] data = value switch
        {
            T[] array => (T[])array.Clone(),
            VBuffer<T> buffer => Dense(buffer),
            null => [],
            _ => throw Unexpected(column, typeof(T[]), value),
        };
        return TensorValue.Create(data, Shape(column, vector, data.Length));
    }

    private static StringTensorValue Text(string column, VectorDataViewType? vector, object? value)
    {
        if (vector is null)
        {
            return value switch
            {
                string s => TensorValue.CreateStrings([s]),
                ReadOnlyMemory<char> m => TensorValue.CreateStrings([m.ToString()]),
                // ML.NET reads a null string member as empty text.
                null => TensorValue.CreateStrings([string.Empty]),
                _ => throw Unexpected(column, typeof(string), value),
            };
        }

        string[] data = value switch
        {
            string[] array => [.. array.Select(s => s ?? string.Empty)],
            ReadOnlyMemory<char>[] array => [.. array.Select(m => m.ToString())],
            VBuffer<ReadOnlyMemory<char>> buffer => [.. Dense(buffer).Select(m => m.ToString())],
            null => [],
            _ => throw Unexpected(column, typeof(string[]), value),
        };
        return TensorValue.CreateStrings(data, Shape(column, vector, data.Length));
    }

    private static T[] Dense<T>(VBuffer<T> buffer)
    {
        var dense = new T[buffer.Length];
        buffer.CopyTo(dense);
        return dense;
    }

    /// <summary>A vector's shape: its dimensions when its size is known (checked against the value), else its length.</summary>
    private static long[] Shape(string column, VectorDataViewType vector, int length)
    {
        if (!vector.IsKnownSize)
        {
            return [length];
        }

        if (length != vector.Size)
        {
            throw new ModelInputException($"The column '{column}' holds vectors of {vector.Size} values, but {length} were given.");
        }

        return vector.Dimensions.Length > 1 ? [.. vector.Dimensions.Select(d => (long)d)] : [length];
    }

    private static ModelInputException Unexpected(string column, Type expected, object? value) =>
        new($"The column '{column}' should hold {expected.Name} values, but holds {(value is null ? "null" : value.GetType().Name)}.");

    /// <summary>Reads one cell of a row through its column's type (a scalar or a <see cref="VBuffer{T}"/>).</summary>
    public static object ReadCell(DataViewRow row, DataViewSchema.Column column)
    {
        var vector = column.Type is VectorDataViewType;
        return ElementTypeOf(column.Name, column.Type) switch
        {
            ElementType.Float => Read<float>(row, column, vector),
            ElementType.Double => Read<double>(row, column, vector),
            ElementType.Int8 => Read<sbyte>(row, column, vector),
            ElementType.UInt8 => Read<byte>(row, column, vector),
            ElementType.Int16 => Read<short>(row, column, vector),
            ElementType.UInt16 => Read<ushort>(row, column, vector),
            ElementType.Int32 => Read<int>(row, column, vector),
            ElementType.UInt32 => Read<uint>(row, column, vector),
            ElementType.Int64 => Read<long>(row, column, vector),
            ElementType.UInt64 => Read<ulong>(row, column, vector),
            ElementType.Bool => Read<bool>(row, column, vector),
            _ => Read<ReadOnlyMemory<char>>(row, column, vector),
        };
    }

    private static object Read<T>(DataViewRow row, DataViewSchema.Column column, bool vector)
    {
        if (vector)
        {
            var getVector = row.GetGetter<VBuffer<T>>(column);
            VBuffer<T> buffer = default;
            getVector(ref buffer);
            return buffer;
        }

        var get = row.GetGetter<T>(column);
        T value = default!;
        get(ref value);
        return value!;
    }

    /// <summary>
    /// A getter that yields a tensor as a cell of a column of <paramref name="type"/> (for replay, which feeds a receipt's
    /// input tensors to the model). The tensor must be what <see cref="FromValue"/> makes of such a cell: same element
    /// type, rank 0 for a scalar, the vector's shape for a vector.
    /// </summary>
    public static Delegate Getter(string column, DataViewType type, TensorValue tensor)
    {
        var elementType = ElementTypeOf(column, type);
        if (tensor.ElementType != elementType)
        {
            throw new ModelInputException($"The model's input column '{column}' ({type}) takes {ElementTypes.ToOnnxName(elementType)} elements, but the tensor holds {ElementTypes.ToOnnxName(tensor.ElementType)}.");
        }

        var vector = type as VectorDataViewType;
        if (vector is null ? tensor.Shape.Length != 0 : !ShapeFits(vector, tensor.Shape))
        {
            throw new ModelInputException($"The model's input column '{column}' ({type}) does not take a tensor of shape [{string.Join(",", tensor.Shape)}].");
        }

        return tensor switch
        {
            TensorValue<float> t => Getter(t, vector),
            TensorValue<double> t => Getter(t, vector),
            TensorValue<sbyte> t => Getter(t, vector),
            TensorValue<byte> t => Getter(t, vector),
            TensorValue<short> t => Getter(t, vector),
            TensorValue<ushort> t => Getter(t, vector),
            TensorValue<int> t => Getter(t, vector),
            TensorValue<uint> t => Getter(t, vector),
            TensorValue<long> t => Getter(t, vector),
            TensorValue<ulong> t => Getter(t, vector),
            TensorValue<bool> t => Getter(t, vector),
            StringTensorValue s => TextGetter(s, vector),
            _ => throw new ModelInputException($"The tensor for column '{column}' has no ML.NET form."),
        };
    }

    private static bool ShapeFits(VectorDataViewType vector, ImmutableArray<long> shape)
    {
        if (!vector.IsKnownSize)
        {
            return shape.Length == 1;
        }

        return vector.Dimensions.Length > 1
            ? shape.SequenceEqual(vector.Dimensions.Select(d => (long)d))
            : shape.Length == 1 && shape[0] == vector.Size;
    }

    private static Delegate Getter<T>(TensorValue<T> tensor, VectorDataViewType? vector) where T : unmanaged
    {
        var values = tensor.ToArray();
        if (vector is null)
        {
            var scalar = values[0];
            return (ValueGetter<T>)((ref T destination) => destination = scalar);
        }

        // A fresh buffer per call: downstream transforms may reuse (and overwrite) the buffers they are given.
        return (ValueGetter<VBuffer<T>>)((ref VBuffer<T> destination) => destination = new VBuffer<T>(values.Length, (T[])values.Clone()));
    }

    private static Delegate TextGetter(StringTensorValue tensor, VectorDataViewType? vector)
    {
        var values = tensor.Values.Select(s => s.AsMemory()).ToArray();
        if (vector is null)
        {
            var scalar = values[0];
            return (ValueGetter<ReadOnlyMemory<char>>)((ref ReadOnlyMemory<char> destination) => destination = scalar);
        }

        return (ValueGetter<VBuffer<ReadOnlyMemory<char>>>)((ref VBuffer<ReadOnlyMemory<char>> destination) =>
            destination = new VBuffer<ReadOnlyMemory<char>>(values.Length, (ReadOnlyMemory<char>[])values.Clone()));
    }
}
