using System.Text.Json;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace OpenVerify.ML;

/// <summary>An input row given as a JSON object (column name → value), read through the model's input schema: numbers
/// for number and key columns, <c>true</c>/<c>false</c> for Boolean, strings for text, arrays for vectors.</summary>
internal static class JsonRows
{
    public static TensorSet Read(DataViewSchema schema, string json, string modelName)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { AllowDuplicateProperties = false });
        }
        catch (JsonException e)
        {
            throw new ModelInputException($"The input row is not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}): {e.Message}", e);
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new ModelInputException("The input row must be a JSON object: {\"column\": value, ...}.");
            }

            var tensors = new List<KeyValuePair<string, TensorValue>>();
            foreach (var member in document.RootElement.EnumerateObject())
            {
                var column = schema.GetColumnOrNull(member.Name)
                    ?? throw new ModelInputException($"'{modelName}' has no input column '{member.Name}'. Its input columns are: {string.Join(", ", schema.Where(c => !c.IsHidden).Select(c => c.Name))}.");
                object? value;
                try
                {
                    value = column.Type is VectorDataViewType vector
                        ? Vector(member.Value, vector.ItemType, member.Name)
                        : Scalar(member.Value, column.Type, member.Name);
                }
                catch (Exception e) when (e is FormatException or InvalidOperationException or OverflowException)
                {
                    throw new ModelInputException($"The value of '{member.Name}' does not fit its column type {column.Type}: {e.Message}", e);
                }

                tensors.Add(new(member.Name, RowTensors.FromValue(member.Name, column.Type, value)));
            }

            return new TensorSet(tensors);
        }
    }

    private static object Vector(JsonElement value, DataViewType item, string name)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException($"'{name}' is a vector column; give a JSON array");
        }

        var items = value.EnumerateArray().Select(e => Scalar(e, item, name)).ToArray();
        return RowTensors.ElementTypeOf(name, item) switch
        {
            ElementType.Float => items.Cast<float>().ToArray(),
            ElementType.Double => items.Cast<double>().ToArray(),
            ElementType.Int8 => items.Cast<sbyte>().ToArray(),
            ElementType.UInt8 => items.Cast<byte>().ToArray(),
            ElementType.Int16 => items.Cast<short>().ToArray(),
            ElementType.UInt16 => items.Cast<ushort>().ToArray(),
            ElementType.Int32 => items.Cast<int>().ToArray(),
            ElementType.UInt32 => items.Cast<uint>().ToArray(),
            ElementType.Int64 => items.Cast<long>().ToArray(),
            ElementType.UInt64 => items.Cast<ulong>().ToArray(),
            ElementType.Bool => items.Cast<bool>().ToArray(),
            _ => (object)items.Cast<string>().ToArray(),
        };
    }

    private static object Scalar(JsonElement value, DataViewType type, string name) => RowTensors.ElementTypeOf(name, type) switch
    {
        ElementType.Float => value.GetSingle(),
        ElementType.Double => value.GetDouble(),
        ElementType.Int8 => value.GetSByte(),
        ElementType.UInt8 => value.GetByte(),
        ElementType.Int16 => value.GetInt16(),
        ElementType.UInt16 => value.GetUInt16(),
        ElementType.Int32 => value.GetInt32(),
        ElementType.UInt32 => value.GetUInt32(),
        ElementType.Int64 => value.GetInt64(),
        ElementType.UInt64 => value.GetUInt64(),
        ElementType.Bool => value.GetBoolean(),
        _ => value.GetString() ?? throw new FormatException($"'{name}' is a text column; give a JSON string"),
    };
}
