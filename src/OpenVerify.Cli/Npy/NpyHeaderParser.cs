using System.Globalization;

namespace OpenVerify.Cli.Npy;

/// <summary>A parser for the Python literal subset that <c>.npy</c> headers use: a dict of string keys whose values
/// are strings, <c>True</c>/<c>False</c>, tuples of integers, or (for structured dtypes) lists.</summary>
internal sealed class NpyHeaderParser(string text)
{
    private readonly string _text = text;
    private int _position;

    public Dictionary<string, object> ParseDict()
    {
        var result = new Dictionary<string, object>(StringComparer.Ordinal);
        SkipSpace();
        ParseItems('{', '}', () =>
        {
            var key = ParseString();
            SkipSpace();
            Expect(':');
            SkipSpace();
            if (!result.TryAdd(key, ParseValue()))
            {
                throw new FormatException($"the key '{key}' appears twice");
            }
        });

        SkipSpace();
        if (_position != _text.Length)
        {
            throw new FormatException("text follows the header dict");
        }

        return result;
    }

    /// <summary>Reads <paramref name="open"/> item, item, ... <paramref name="close"/>, allowing a trailing comma.</summary>
    private void ParseItems(char open, char close, Action parseItem)
    {
        Expect(open);
        while (true)
        {
            SkipSpace();
            if (TryTake(close))
            {
                return;
            }

            parseItem();
            SkipSpace();
            if (!TryTake(','))
            {
                SkipSpace();
                Expect(close);
                return;
            }
        }
    }

    private object ParseValue()
    {
        if (Peek() is '\'' or '"')
        {
            return ParseString();
        }

        if (TryTakeWord("True"))
        {
            return true;
        }

        if (TryTakeWord("False"))
        {
            return false;
        }

        if (Peek() == '(')
        {
            return ParseTuple();
        }

        if (Peek() == '[')
        {
            SkipBracketed();
            return new List<object>();
        }

        throw new FormatException($"unexpected '{Peek()}' at offset {_position}");
    }

    private long[] ParseTuple()
    {
        var items = new List<long>();
        ParseItems('(', ')', () => items.Add(ParseInteger()));
        return [.. items];
    }

    private long ParseInteger()
    {
        var start = _position;
        if (Peek() == '-')
        {
            _position++;
        }

        while (_position < _text.Length && char.IsAsciiDigit(_text[_position]))
        {
            _position++;
        }

        var digits = _text.AsSpan(start, _position - start);

        // Python 2 wrote long integers with an L suffix.
        if (_position < _text.Length && _text[_position] == 'L')
        {
            _position++;
        }

        if (!long.TryParse(digits, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            throw new FormatException($"'{digits}' at offset {start} is not an integer that fits in 64 bits");
        }

        if (value < 0)
        {
            throw new FormatException($"the shape has the negative dimension {value}");
        }

        return value;
    }

    private string ParseString()
    {
        var quote = Peek();
        if (quote is not ('\'' or '"'))
        {
            throw new FormatException($"expected a quoted string at offset {_position}");
        }

        _position++;
        var end = _text.IndexOf(quote, _position);
        if (end < 0)
        {
            throw new FormatException("a string is not closed");
        }

        var value = _text[_position..end];
        if (value.Contains('\\', StringComparison.Ordinal))
        {
            throw new FormatException("escape sequences are not supported in header strings");
        }

        _position = end + 1;
        return value;
    }

    private void SkipBracketed()
    {
        var depth = 0;
        while (_position < _text.Length)
        {
            var c = _text[_position++];
            if (c is '[' or '(')
            {
                depth++;
            }
            else if (c is ']' or ')' && --depth == 0)
            {
                return;
            }
        }

        throw new FormatException("a list is not closed");
    }

    private char Peek() => _position < _text.Length ? _text[_position] : '\0';

    private bool TryTake(char c)
    {
        if (Peek() != c)
        {
            return false;
        }

        _position++;
        return true;
    }

    private bool TryTakeWord(string word)
    {
        if (string.CompareOrdinal(_text, _position, word, 0, word.Length) != 0)
        {
            return false;
        }

        _position += word.Length;
        return true;
    }

    private void Expect(char c)
    {
        if (!TryTake(c))
        {
            throw new FormatException(_position < _text.Length ? $"expected '{c}' at offset {_position} but found '{_text[_position]}'" : $"expected '{c}' but the header ended");
        }
    }

    private void SkipSpace()
    {
        while (_position < _text.Length && _text[_position] is ' ' or '\t' or '\n' or '\r')
        {
            _position++;
        }
    }
}
