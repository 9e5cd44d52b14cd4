namespace OpenVerify.Testing;

/// <summary>
/// One dimension of a graph input or output shape: a fixed size, or a symbolic name
/// (ONNX <c>dim_param</c>, e.g. <c>"N"</c> for a dynamic batch). Converts implicitly
/// from <see cref="long"/> (and <see cref="int"/>) and from <see cref="string"/>, so a
/// shape can be written as <c>new OnnxDim[] { "N", 3 }</c> or passed as params.
/// <c>default</c> (<see cref="Unknown"/>) is a dimension with neither a size nor a name.
/// </summary>
public readonly record struct OnnxDim
{
    private OnnxDim(long? value, string? symbol)
    {
        Value = value;
        Symbol = symbol;
    }

    /// <summary>The fixed size, or <see langword="null"/> for a symbolic dimension.</summary>
    public long? Value { get; }

    /// <summary>The symbolic name, or <see langword="null"/> for a fixed dimension.</summary>
    public string? Symbol { get; }

    /// <summary>A dimension of unknown size without a name (same as <c>default</c>).</summary>
    public static OnnxDim Unknown => default;

    /// <summary>A fixed-size dimension.</summary>
    public static OnnxDim Fixed(long value) =>
        value >= 0 ? new OnnxDim(value, null) : throw new ArgumentOutOfRangeException(nameof(value), value, "A fixed dimension must be >= 0.");

    /// <summary>A symbolic dimension (ONNX <c>dim_param</c>).</summary>
    public static OnnxDim Symbolic(string name) =>
        string.IsNullOrEmpty(name) ? throw new ArgumentException("A symbolic dimension needs a name.", nameof(name)) : new OnnxDim(null, name);

    /// <summary>Converts a size to a fixed dimension.</summary>
    public static implicit operator OnnxDim(long value) => Fixed(value);

    /// <summary>Converts a name to a symbolic dimension.</summary>
    public static implicit operator OnnxDim(string name) => Symbolic(name);

    /// <inheritdoc />
    public override string ToString() => Symbol ?? Value?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?";
}
