using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace OpenVerify;

/// <summary>Named tensors in a fixed order (a model's outputs in the model's order).</summary>
[SuppressMessage("Naming", "CA1710:Identifiers should have correct suffix", Justification = "A set of tensors is what it is; TensorDictionary reads worse.")]
public sealed class TensorSet : IReadOnlyDictionary<string, TensorValue>
{
    /// <summary>Up to this many tensors, a lookup compares names in turn (models have a few inputs and outputs; a
    /// dictionary per set would cost more than it saves); above it, an index by name is built.</summary>
    private const int LinearLookup = 8;

    private readonly KeyValuePair<string, TensorValue>[] _tensors;
    private readonly Dictionary<string, int>? _index;

    /// <summary>Creates a set; names must be unique.</summary>
    public TensorSet(IEnumerable<KeyValuePair<string, TensorValue>> tensors)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        var list = new List<KeyValuePair<string, TensorValue>>(tensors is ICollection<KeyValuePair<string, TensorValue>> c ? c.Count : 4);
        Dictionary<string, int>? index = null;
        foreach (var (name, tensor) in tensors)
        {
            ArgumentNullException.ThrowIfNull(tensor);
            ArgumentNullException.ThrowIfNull(name, "key");
            if (list.Count == LinearLookup)
            {
                index = new Dictionary<string, int>(2 * LinearLookup, StringComparer.Ordinal);
                for (var i = 0; i < list.Count; i++)
                {
                    index.Add(list[i].Key, i);
                }
            }

            if (index is null ? Contains(list, name) : !index.TryAdd(name, list.Count))
            {
                throw new TensorEncodingException($"The tensor name '{name}' appears twice in one set; names must be unique.");
            }

            list.Add(new(name, tensor));
        }

        _tensors = [.. list];
        _index = index;
    }

    private static bool Contains(List<KeyValuePair<string, TensorValue>> tensors, string name)
    {
        foreach (var (key, _) in tensors)
        {
            if (string.Equals(key, name, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A set over tensors whose names are known to be unique and few (a model's outputs); takes the array.</summary>
    internal TensorSet(KeyValuePair<string, TensorValue>[] unique)
    {
        _tensors = unique;
        if (unique.Length > LinearLookup)
        {
            _index = new Dictionary<string, int>(unique.Length, StringComparer.Ordinal);
            for (var i = 0; i < unique.Length; i++)
            {
                _index.Add(unique[i].Key, i);
            }
        }
    }

    /// <summary>The position of a name among the first <paramref name="count"/> tensors, or -1.</summary>
    private int IndexOf(string name, int count)
    {
        for (var i = 0; i < count; i++)
        {
            if (string.Equals(_tensors[i].Key, name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    private int IndexOf(string name)
    {
        ArgumentNullException.ThrowIfNull(name, "key");
        return _index is null ? IndexOf(name, _tensors.Length) : _index.TryGetValue(name, out var i) ? i : -1;
    }

    /// <summary>The tensor with this name.</summary>
    public TensorValue this[string key] => IndexOf(key) is var i and >= 0
        ? _tensors[i].Value
        : throw new KeyNotFoundException($"There is no tensor named '{key}'; the set holds {string.Join(", ", Keys.Select(k => $"'{k}'"))}.");

    /// <summary>The tensor with this name as a typed tensor.</summary>
    /// <exception cref="InvalidCastException">The tensor holds another element type.</exception>
    public TensorValue<T> Get<T>(string name) where T : unmanaged => this[name] as TensorValue<T>
        ?? throw new InvalidCastException($"The tensor '{name}' is {this[name]}, not a tensor of {typeof(T).Name}.");

    /// <summary>The tensors in order, for reading without an enumerator.</summary>
    internal ReadOnlySpan<KeyValuePair<string, TensorValue>> Items => _tensors;

    /// <inheritdoc />
    public IEnumerable<string> Keys => _tensors.Select(static t => t.Key);

    /// <inheritdoc />
    public IEnumerable<TensorValue> Values => _tensors.Select(static t => t.Value);

    /// <inheritdoc />
    public int Count => _tensors.Length;

    /// <inheritdoc />
    public bool ContainsKey(string key) => IndexOf(key) >= 0;

    /// <inheritdoc />
    public bool TryGetValue(string key, [MaybeNullWhen(false)] out TensorValue value)
    {
        var i = IndexOf(key);
        value = i >= 0 ? _tensors[i].Value : null;
        return i >= 0;
    }

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, TensorValue>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, TensorValue>>)_tensors).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
