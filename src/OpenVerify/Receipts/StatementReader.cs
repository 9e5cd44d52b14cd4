using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace OpenVerify;

/// <summary>
/// Reads an inference statement for verification without building its object graph: one pass of a
/// <see cref="Utf8JsonReader"/> over the signed payload that refuses exactly what <see cref="Receipt.ParseStatement"/>
/// refuses (docs/spec/receipt-v1.md §4 and §7: duplicate members at any depth, unknown members, missing required
/// members, nulls, wrong types, integers that are not 64-bit integers, invalid UTF-8 and lone surrogates, content after
/// the value, and the formats of §7.1 and §7.2), and keeps only what the verifier's checks read: the digests (decoded
/// into one scratch buffer), the tensor names, the configuration text, the nonce and the audience (unescaped UTF-8 in
/// the same buffer), and whether each member the checks read has the one form their fast path handles
/// (<see cref="Fast"/>). Nothing is materialized as a string. One reader per thread, reused; what it read is valid
/// until its next <see cref="Read"/>.
/// </summary>
/// <remarks>
/// The strict reader stays the reference: a statement this reader refuses is read again by the strict reader for its
/// error message, and a statement the fast checks do not pass is verified by the strict path. The differential property
/// test (StatementReaderDifferentialTests) and the fuzz target <c>statementdiff</c> hold the two readers to the same
/// decisions and values.
/// </remarks>
internal sealed class StatementReader
{
    [ThreadStatic]
    private static StatementReader? _forThread;

    /// <summary>This thread's reader.</summary>
    public static StatementReader ForThread => _forThread ??= new StatementReader();

    /// <summary>A text or a digest in <see cref="Scratch"/>.</summary>
    internal readonly record struct Slice(int Start, int Length)
    {
        public static Slice None => new(-1, 0);

        public bool IsNone => Start < 0;
    }

    /// <summary>One tensor of a set: its unescaped UTF-8 name and decoded digest in <see cref="Scratch"/>.</summary>
    internal readonly record struct Tensor(Slice Name, Slice Digest);

    /// <summary>A tensor set: its tensors (a range of <see cref="Tensors"/>) and its decoded set digest.</summary>
    internal record struct TensorSetSlice(int First, int Count, Slice Digest);

    private byte[] _scratch = new byte[4096];
    private int _used;
    private readonly List<Tensor> _tensors = new(8);
    private readonly List<long> _shape = new(8);
    private readonly List<Slice> _keys = new(4);
    private char[] _chars = new char[64];

    /// <summary>Unescaped texts and decoded digests.</summary>
    public ReadOnlySpan<byte> Scratch => _scratch.AsSpan(0, _used);

    /// <summary>Every tensor of both sets, inputs first.</summary>
    public IReadOnlyList<Tensor> Tensors => _tensors;

    /// <summary>Whether every member the checks read has the one form their fast path handles: the model digest, every
    /// tensor digest and set digest well formed with their one key, every element type supported and spelt as written,
    /// every shape a valid one, one subject named <c>outputs</c> with a well-formed set digest, a well-formed session
    /// digest, and the cpu execution provider. When false the statement may still be valid: the strict path decides.</summary>
    public bool Fast { get; private set; }

    /// <summary>The model's name (unescaped UTF-8).</summary>
    public Slice ModelName { get; private set; }

    /// <summary>The decoded model digest (<c>sha256</c>), or none when malformed.</summary>
    public Slice ModelDigest { get; private set; }

    public TensorSetSlice Inputs { get; private set; }

    public TensorSetSlice Outputs { get; private set; }

    /// <summary>The decoded subject digest, when the subject is one element named <c>outputs</c> with a well-formed set digest.</summary>
    public Slice SubjectDigest { get; private set; }

    /// <summary>The session configuration text (unescaped UTF-8).</summary>
    public Slice Config { get; private set; }

    /// <summary>The decoded session digest (<c>sha256</c>), or none when malformed.</summary>
    public Slice SessionDigest { get; private set; }

    /// <summary>The nonce (unescaped UTF-8), or none when absent or null.</summary>
    public Slice Nonce { get; private set; }

    /// <summary>The audience (unescaped UTF-8), or none when absent or null.</summary>
    public Slice Audience { get; private set; }

    /// <summary>The bytes of a slice.</summary>
    public ReadOnlySpan<byte> this[Slice slice] => _scratch.AsSpan(slice.Start, slice.Length);

    /// <summary>Reads a statement; false when the strict reader refuses it.</summary>
    public bool Read(ReadOnlySpan<byte> payload)
    {
        // Unescaped text is never longer than its JSON, but a digest is kept both as its hex and decoded, so a statement
        // of many digests can need more than its own length: CopyText and DecodeHex grow the buffer when they must.
        if (_scratch.Length < payload.Length + 64)
        {
            _scratch = new byte[Math.Max(payload.Length + 64, 2 * _scratch.Length)];
        }

        _used = 0;
        _tensors.Clear();
        Fast = true;
        ModelName = ModelDigest = SubjectDigest = Config = SessionDigest = Nonce = Audience = Slice.None;
        Inputs = Outputs = new TensorSetSlice(0, 0, Slice.None);
        var reader = new Utf8JsonReader(payload, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow, AllowTrailingCommas = false, MaxDepth = 64 });
        try
        {
            // The strict reader: invalid JSON, a JSON null, content after the value.
            return reader.Read() && reader.TokenType == JsonTokenType.StartObject && ReadStatement(ref reader) && !reader.Read();
        }
        catch (JsonException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            // Unescaping a lone surrogate (the strict reader's GetString throws the same).
            return false;
        }
    }

    private bool ReadStatement(ref Utf8JsonReader reader)
    {
        const int Type = 1, Subject = 2, PredicateType = 4, Predicate = 8, All = 15;
        var seen = 0;
        while (Next(ref reader) == JsonTokenType.PropertyName)
        {
            int member;
            bool ok;
            if (reader.ValueTextEquals("_type"u8))
            {
                member = Type;
                ok = Next(ref reader) == JsonTokenType.String && reader.ValueTextEquals(StatementTypeUtf8) && IsValidText(ref reader);
            }
            else if (reader.ValueTextEquals("subject"u8))
            {
                member = Subject;
                ok = ReadSubject(ref reader);
            }
            else if (reader.ValueTextEquals("predicateType"u8))
            {
                member = PredicateType;
                ok = Next(ref reader) == JsonTokenType.String && reader.ValueTextEquals(PredicateTypeUtf8) && IsValidText(ref reader);
            }
            else if (reader.ValueTextEquals("predicate"u8))
            {
                member = Predicate;
                ok = Next(ref reader) == JsonTokenType.StartObject && ReadPredicate(ref reader);
            }
            else
            {
                return false;
            }

            if (!ok || (seen & member) != 0)
            {
                return false;
            }

            seen |= member;
        }

        return seen == All;
    }

    private bool ReadSubject(ref Utf8JsonReader reader)
    {
        if (Next(ref reader) != JsonTokenType.StartArray)
        {
            return false;
        }

        var count = 0;
        var subject = Slice.None;
        while (Next(ref reader) != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            const int Name = 1, Digest = 2, All = 3;
            var seen = 0;
            var isOutputs = false;
            var digest = Slice.None;
            while (Next(ref reader) == JsonTokenType.PropertyName)
            {
                int member;
                bool ok;
                if (reader.ValueTextEquals("name"u8))
                {
                    member = Name;
                    ok = Next(ref reader) == JsonTokenType.String && IsValidText(ref reader);
                    isOutputs = ok && reader.ValueTextEquals("outputs"u8);
                }
                else if (reader.ValueTextEquals("digest"u8))
                {
                    member = Digest;
                    ok = ReadDigestSet(ref reader, TensorSetKey, out digest);
                }
                else
                {
                    return false;
                }

                if (!ok || (seen & member) != 0)
                {
                    return false;
                }

                seen |= member;
            }

            if (seen != All)
            {
                return false;
            }

            count++;
            subject = isOutputs ? digest : Slice.None;
        }

        SubjectDigest = count == 1 ? subject : Slice.None;
        Fast &= !SubjectDigest.IsNone;
        return true;
    }

    private bool ReadPredicate(ref Utf8JsonReader reader)
    {
        const int Model = 1, InputsMember = 2, OutputsMember = 4, Session = 8, Runtime = 16, Method = 32, Instance = 64, Sequence = 128,
            Timestamp = 256, NonceMember = 512, AudienceMember = 1024, Required = Model | InputsMember | OutputsMember | Session | Runtime | Instance | Sequence | Timestamp;
        var seen = 0;
        while (Next(ref reader) == JsonTokenType.PropertyName)
        {
            int member;
            bool ok;
            if (reader.ValueTextEquals("model"u8))
            {
                member = Model;
                ok = Next(ref reader) == JsonTokenType.StartObject && ReadModel(ref reader);
            }
            else if (reader.ValueTextEquals("inputs"u8))
            {
                member = InputsMember;
                ok = ReadTensorSet(ref reader, out var set);
                Inputs = set;
            }
            else if (reader.ValueTextEquals("outputs"u8))
            {
                member = OutputsMember;
                ok = ReadTensorSet(ref reader, out var set);
                Outputs = set;
            }
            else if (reader.ValueTextEquals("session"u8))
            {
                member = Session;
                ok = Next(ref reader) == JsonTokenType.StartObject && ReadSession(ref reader);
            }
            else if (reader.ValueTextEquals("runtime"u8))
            {
                member = Runtime;
                ok = Next(ref reader) == JsonTokenType.StartObject && ReadRuntime(ref reader);
            }
            else if (reader.ValueTextEquals("method"u8))
            {
                member = Method;
                ok = Next(ref reader) == JsonTokenType.Null || (reader.TokenType == JsonTokenType.String && IsValidText(ref reader));
            }
            else if (reader.ValueTextEquals("instance"u8))
            {
                member = Instance;
                ok = Next(ref reader) == JsonTokenType.String && CopyText(ref reader, out var instance) && Receipt.IsUuid(Chars(instance));
            }
            else if (reader.ValueTextEquals("sequence"u8))
            {
                member = Sequence;
                ok = Next(ref reader) == JsonTokenType.Number && reader.TryGetInt64(out var sequence) && sequence >= 1;
            }
            else if (reader.ValueTextEquals("timestamp"u8))
            {
                member = Timestamp;
                ok = Next(ref reader) == JsonTokenType.String && CopyText(ref reader, out var timestamp) && Receipt.IsUtcTimestamp(Chars(timestamp));
            }
            else if (reader.ValueTextEquals("nonce"u8))
            {
                member = NonceMember;
                ok = ReadOptionalText(ref reader, out var nonce);
                Nonce = nonce;
            }
            else if (reader.ValueTextEquals("audience"u8))
            {
                member = AudienceMember;
                ok = ReadOptionalText(ref reader, out var audience);
                Audience = audience;
            }
            else
            {
                return false;
            }

            if (!ok || (seen & member) != 0)
            {
                return false;
            }

            seen |= member;
        }

        return (seen & Required) == Required;
    }

    private bool ReadModel(ref Utf8JsonReader reader)
    {
        const int Name = 1, Digest = 2, SignatureDigest = 4, PublisherKeyId = 8, Required = Name | Digest;
        var seen = 0;
        while (Next(ref reader) == JsonTokenType.PropertyName)
        {
            int member;
            bool ok;
            if (reader.ValueTextEquals("name"u8))
            {
                member = Name;
                var name = Slice.None;
                ok = Next(ref reader) == JsonTokenType.String && CopyText(ref reader, out name);
                ModelName = name;
            }
            else if (reader.ValueTextEquals("digest"u8))
            {
                member = Digest;
                ok = ReadDigestSet(ref reader, "sha256"u8, out var digest);
                ModelDigest = digest;
                Fast &= !digest.IsNone;
            }
            else if (reader.ValueTextEquals("signatureDigest"u8))
            {
                // §7.1: when present, a well-formed sha256 digest set, or the statement is refused.
                member = SignatureDigest;
                ok = Next(ref reader) == JsonTokenType.Null || (ReadDigestSetAt(ref reader, "sha256"u8, out var digest) && !digest.IsNone);
            }
            else if (reader.ValueTextEquals("publisherKeyId"u8))
            {
                member = PublisherKeyId;
                ok = Next(ref reader) == JsonTokenType.Null || (reader.TokenType == JsonTokenType.String && CopyText(ref reader, out var keyId) && Receipt.IsKeyId(Chars(keyId)));
            }
            else
            {
                return false;
            }

            if (!ok || (seen & member) != 0)
            {
                return false;
            }

            seen |= member;
        }

        return (seen & Required) == Required;
    }

    private bool ReadTensorSet(ref Utf8JsonReader reader, out TensorSetSlice set)
    {
        set = new TensorSetSlice(_tensors.Count, 0, Slice.None);
        if (Next(ref reader) != JsonTokenType.StartObject)
        {
            return false;
        }

        const int Digest = 1, TensorsMember = 2, All = 3;
        var seen = 0;
        while (Next(ref reader) == JsonTokenType.PropertyName)
        {
            int member;
            bool ok;
            if (reader.ValueTextEquals("digest"u8))
            {
                member = Digest;
                ok = ReadDigestSet(ref reader, TensorSetKey, out var digest);
                set.Digest = digest;
            }
            else if (reader.ValueTextEquals("tensors"u8))
            {
                member = TensorsMember;
                // A set read twice is refused as a duplicate below; its tensors start where this list ends.
                set.First = _tensors.Count;
                ok = ReadTensors(ref reader);
                set.Count = _tensors.Count - set.First;
            }
            else
            {
                return false;
            }

            if (!ok || (seen & member) != 0)
            {
                return false;
            }

            seen |= member;
        }

        Fast &= !set.Digest.IsNone;
        return seen == All;
    }

    private bool ReadTensors(ref Utf8JsonReader reader)
    {
        if (Next(ref reader) != JsonTokenType.StartArray)
        {
            return false;
        }

        while (Next(ref reader) != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            const int Name = 1, ElementType = 2, Shape = 4, Digest = 8, All = 15;
            var seen = 0;
            var name = Slice.None;
            var digest = Slice.None;
            while (Next(ref reader) == JsonTokenType.PropertyName)
            {
                int member;
                bool ok;
                if (reader.ValueTextEquals("name"u8))
                {
                    member = Name;
                    ok = Next(ref reader) == JsonTokenType.String && CopyText(ref reader, out name);
                }
                else if (reader.ValueTextEquals("elementType"u8))
                {
                    member = ElementType;
                    ok = Next(ref reader) == JsonTokenType.String && IsValidText(ref reader);
                    Fast &= ok && IsSupportedElementType(ref reader);
                }
                else if (reader.ValueTextEquals("shape"u8))
                {
                    member = Shape;
                    ok = ReadShape(ref reader);
                }
                else if (reader.ValueTextEquals("digest"u8))
                {
                    member = Digest;
                    ok = ReadDigestSet(ref reader, TensorKey, out digest);
                    Fast &= !digest.IsNone;
                }
                else
                {
                    return false;
                }

                if (!ok || (seen & member) != 0)
                {
                    return false;
                }

                seen |= member;
            }

            if (seen != All)
            {
                return false;
            }

            _tensors.Add(new Tensor(name, digest));
        }

        return true;
    }

    private bool ReadShape(ref Utf8JsonReader reader)
    {
        if (Next(ref reader) != JsonTokenType.StartArray)
        {
            return false;
        }

        _shape.Clear();
        while (Next(ref reader) != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt64(out var dimension))
            {
                return false;
            }

            _shape.Add(dimension);
        }

        // Valid JSON either way; the fast checks take only shapes a tensor with data could have (§2.2).
        var shape = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_shape);
        if (shape.IndexOfAnyInRange(long.MinValue, -1) >= 0)
        {
            Fast = false;
        }
        else if (Fast)
        {
            try
            {
                TensorValue.CheckedElementCount(shape);
            }
            catch (TensorEncodingException)
            {
                Fast = false;
            }
        }

        return true;
    }

    private bool ReadSession(ref Utf8JsonReader reader)
    {
        const int ConfigMember = 1, Digest = 2, All = 3;
        var seen = 0;
        while (Next(ref reader) == JsonTokenType.PropertyName)
        {
            int member;
            bool ok;
            if (reader.ValueTextEquals("config"u8))
            {
                member = ConfigMember;
                var config = Slice.None;
                ok = Next(ref reader) == JsonTokenType.String && CopyText(ref reader, out config);
                Config = config;
            }
            else if (reader.ValueTextEquals("digest"u8))
            {
                member = Digest;
                ok = ReadDigestSet(ref reader, "sha256"u8, out var digest);
                SessionDigest = digest;
                Fast &= !digest.IsNone;
            }
            else
            {
                return false;
            }

            if (!ok || (seen & member) != 0)
            {
                return false;
            }

            seen |= member;
        }

        return seen == All;
    }

    private bool ReadRuntime(ref Utf8JsonReader reader)
    {
        const int OnnxRuntime = 1, ExecutionProvider = 2, Os = 4, Architecture = 8, Framework = 16, OpenVerifyVersion = 32, All = 63;
        var seen = 0;
        while (Next(ref reader) == JsonTokenType.PropertyName)
        {
            int member;
            if (reader.ValueTextEquals("onnxRuntime"u8))
            {
                member = OnnxRuntime;
            }
            else if (reader.ValueTextEquals("executionProvider"u8))
            {
                member = ExecutionProvider;
            }
            else if (reader.ValueTextEquals("os"u8))
            {
                member = Os;
            }
            else if (reader.ValueTextEquals("architecture"u8))
            {
                member = Architecture;
            }
            else if (reader.ValueTextEquals("framework"u8))
            {
                member = Framework;
            }
            else if (reader.ValueTextEquals("openVerify"u8))
            {
                member = OpenVerifyVersion;
            }
            else
            {
                return false;
            }

            if (Next(ref reader) != JsonTokenType.String || !IsValidText(ref reader) || (seen & member) != 0)
            {
                return false;
            }

            if (member == ExecutionProvider)
            {
                Fast &= reader.ValueTextEquals(CpuExecutionProvider);
            }

            seen |= member;
        }

        return seen == All;
    }

    private bool ReadOptionalText(ref Utf8JsonReader reader, out Slice text)
    {
        text = Slice.None;
        return Next(ref reader) == JsonTokenType.Null || (reader.TokenType == JsonTokenType.String && CopyText(ref reader, out text));
    }

    private bool ReadDigestSet(ref Utf8JsonReader reader, ReadOnlySpan<byte> key, out Slice digest)
    {
        digest = Slice.None;
        return Next(ref reader) == JsonTokenType.StartObject && ReadDigestSetAt(ref reader, key, out digest);
    }

    /// <summary>
    /// A digest set (the strict reader's dictionary of strings): string keys, none twice, string values, no null. The
    /// digest is the decoded value when the set is exactly <paramref name="key"/> with 64 lowercase hex digits, as
    /// <see cref="DigestSets.TryRead"/> reads it; otherwise none.
    /// </summary>
    private bool ReadDigestSetAt(ref Utf8JsonReader reader, ReadOnlySpan<byte> key, out Slice digest)
    {
        digest = Slice.None;
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        _keys.Clear();
        var matched = false;
        var value = Slice.None;
        while (Next(ref reader) == JsonTokenType.PropertyName)
        {
            if (!CopyText(ref reader, out var name))
            {
                return false;
            }

            foreach (var other in _keys)
            {
                if (this[other].SequenceEqual(this[name]))
                {
                    return false;
                }
            }

            _keys.Add(name);
            if (Next(ref reader) != JsonTokenType.String || !CopyText(ref reader, out value))
            {
                return false;
            }

            matched = this[name].SequenceEqual(key);
        }

        if (_keys.Count == 1 && matched && value.Length == 2 * Sha256Digest.Length)
        {
            digest = DecodeHex(value);
        }

        return true;
    }

    /// <summary>Grows the scratch buffer (keeping what it holds: slices are offsets into it) to take <paramref name="count"/> more bytes.</summary>
    private void EnsureRoom(int count)
    {
        if (_scratch.Length - _used < count)
        {
            Array.Resize(ref _scratch, Math.Max(2 * _scratch.Length, _used + count));
        }
    }

    /// <summary>64 lowercase hex digits decoded into the scratch buffer, or none.</summary>
    private Slice DecodeHex(Slice hex)
    {
        EnsureRoom(Sha256Digest.Length);
        var text = this[hex];
        var start = _used;
        // The runtime's vectorized decoder takes both cases; the spec's digests are lowercase only (as DigestSets reads
        // them), so any uppercase digit makes the digest malformed here too.
        if (text.IndexOfAnyInRange((byte)'A', (byte)'F') >= 0
            || Convert.FromHexString(text, _scratch.AsSpan(start, Sha256Digest.Length), out _, out var written) != System.Buffers.OperationStatus.Done
            || written != Sha256Digest.Length)
        {
            return Slice.None;
        }

        _used += Sha256Digest.Length;
        return new Slice(start, Sha256Digest.Length);
    }

    /// <summary>Whether the element type is a supported type spelt as <see cref="ElementTypes.ToOnnxName"/> writes it.</summary>
    private static bool IsSupportedElementType(ref Utf8JsonReader reader)
    {
        foreach (var name in SupportedElementTypes)
        {
            if (reader.ValueTextEquals(name))
            {
                return true;
            }
        }

        return false;
    }

    private static readonly byte[][] SupportedElementTypes =
        [.. Enum.GetValues<ElementType>().Where(ElementTypes.IsSupported).Select(t => Encoding.UTF8.GetBytes(ElementTypes.ToOnnxName(t)))];

    /// <summary>Whether the string token is valid Unicode, as the strict reader's <c>GetString</c> requires.</summary>
    private bool IsValidText(ref Utf8JsonReader reader)
    {
        if (!reader.ValueIsEscaped)
        {
            return Utf8.IsValid(reader.ValueSpan);
        }

        var mark = _used;
        var ok = CopyText(ref reader, out _);
        _used = mark;
        return ok;
    }

    /// <summary>Unescapes the string or property name token into the scratch buffer; false when it is not valid
    /// Unicode (invalid UTF-8; an escaped lone surrogate throws, as in the strict reader).</summary>
    private bool CopyText(ref Utf8JsonReader reader, out Slice text)
    {
        // An escaped value unescapes to no more bytes than it has.
        EnsureRoom(reader.ValueSpan.Length);
        var start = _used;
        int length;
        if (reader.ValueIsEscaped)
        {
            length = reader.CopyString(_scratch.AsSpan(start));
        }
        else
        {
            reader.ValueSpan.CopyTo(_scratch.AsSpan(start));
            length = reader.ValueSpan.Length;
        }

        text = new Slice(start, length);
        _used += length;
        return Utf8.IsValid(this[text]);
    }

    /// <summary>A text as UTF-16, for the format checks the strict reader makes on strings (one implementation of each).</summary>
    private ReadOnlySpan<char> Chars(Slice text)
    {
        var bytes = this[text];
        if (_chars.Length < bytes.Length)
        {
            _chars = new char[bytes.Length];
        }

        return _chars.AsSpan(0, Encoding.UTF8.GetChars(bytes, _chars));
    }

    private static readonly byte[] StatementTypeUtf8 = Encoding.UTF8.GetBytes(InferenceStatement.StatementType);
    private static readonly byte[] PredicateTypeUtf8 = Encoding.UTF8.GetBytes(Receipt.PredicateType);
    private static readonly byte[] CpuExecutionProvider = Encoding.UTF8.GetBytes(Receipt.CpuExecutionProvider);
    private static readonly byte[] TensorSetKey = Encoding.UTF8.GetBytes(TensorDigest.TensorSetDigestKey);
    private static readonly byte[] TensorKey = Encoding.UTF8.GetBytes(TensorDigest.TensorDigestKey);

    private static JsonTokenType Next(ref Utf8JsonReader reader)
    {
        if (!reader.Read())
        {
            // Only at the end of the payload, which is never inside a value here.
            throw new JsonException("Unexpected end of the statement.");
        }

        return reader.TokenType;
    }
}
