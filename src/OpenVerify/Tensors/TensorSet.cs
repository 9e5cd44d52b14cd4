using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace OpenVerify;

/// <summary>Named tensors in a fixed order (a model's outputs in the model's order).</summary>
[SuppressMessage("Naming", "CA1710:Identifiers should have correct suffix", Justification = "A set of tensors is what it is; TensorDictionary reads worse.")]
public sealed class TensorSet : IReadOnlyDictionary<string, TensorValue>
{
    private readonly OrderedDictionary<string, TensorValue> _tensors;

    /// <summary>Creates a set; names must be unique.</summary>
    public TensorSet(IEnumerable<KeyValuePair<string, TensorValue>> tensors)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        _tensors = new OrderedDictionary<string, TensorValue>(StringComparer.Ordinal);
        foreach (var (name, tensor) in tensors)
        {
            ArgumentNullException.ThrowIfNull(tensor);
            if (!_tensors.TryAdd(name, tensor))
            {
                throw new TensorEncodingException($"The tensor name '{name}' appears twice in one set; names must be unique.");
            }
        }
    }

    /// <summary>The tensor with this name.</summary>
    public TensorValue this[string key] => _tensors.TryGetValue(key, out var value)
        ? value
        : throw new KeyNotFoundException($"There is no tensor named '{key}'; the set holds {string.Join(", ", _tensors.Keys.Select(k => $"'{k}'"))}.");

    /// <summary>The tensor with this name as a typed tensor.</summary>
    /// <exception cref="InvalidCastException">The tensor holds another element type.</exception>
    public TensorValue<T> Get<T>(string name) where T : unmanaged => this[name] as TensorValue<T>
        ?? throw new InvalidCastException($"The tensor '{name}' is {this[name]}, not a tensor of {typeof(T).Name}.");

    /// <inheritdoc />
    public IEnumerable<string> Keys => _tensors.Keys;

    /// <inheritdoc />
    public IEnumerable<TensorValue> Values => _tensors.Values;

    /// <inheritdoc />
    public int Count => _tensors.Count;

    /// <inheritdoc />
    public bool ContainsKey(string key) => _tensors.ContainsKey(key);

    /// <inheritdoc />
    public bool TryGetValue(string key, [MaybeNullWhen(false)] out TensorValue value) => _tensors.TryGetValue(key, out value);

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, TensorValue>> GetEnumerator() => _tensors.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
