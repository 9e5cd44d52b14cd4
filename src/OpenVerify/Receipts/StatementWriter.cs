using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace OpenVerify;

/// <summary>
/// Writes a receipt's statement without building the object graph and without the serializer: the parts that are the
/// same for every inference of a model (model, session, runtime, instance) are serialized once, by the serializer
/// itself, when the model loads, and joined with the JSON between the varying members into a few byte runs; the rest
/// (digests, shapes, method, sequence, timestamp, nonce, audience) is written per call between those runs into a
/// per-thread buffer (strings through a reused <see cref="Utf8JsonWriter"/>, so they are escaped as the serializer
/// escapes them). The bytes are exactly what
/// <see cref="Receipt.SerializeStatement"/> writes for the same statement (same member order, same escaping); the
/// test suite holds the serializer path as the reference.
/// </summary>
internal sealed class StatementWriter
{
    [ThreadStatic]
    private static PerThread? _perThread;

    private static readonly JsonEncodedText MLNetPredicateTypeValue = JsonEncodedText.Encode(MLNetReceipts.PredicateType, JavaScriptEncoder.UnsafeRelaxedJsonEscaping);

    // The statement's members in the serializer's order (InferenceStatement and its predicate), with the JSON between
    // the values that vary per call written once per writer: what the serializer writes for the same statement, without
    // a JSON writer's per-member work (tests hold the serializer path as the reference).
    private static ReadOnlySpan<byte> SetStart => "{\"digest\":{\"openverify-tensor-set-v1\":\""u8;

    private static ReadOnlySpan<byte> TensorsStart => "\"},\"tensors\":["u8;

    private static ReadOnlySpan<byte> TensorName => "{\"name\":\""u8;

    private static ReadOnlySpan<byte> TensorElementType => "\",\"elementType\":\""u8;

    private static ReadOnlySpan<byte> TensorShape => "\",\"shape\":["u8;

    private static ReadOnlySpan<byte> TensorDigestStart => "],\"digest\":{\"openverify-tensor-v1\":\""u8;

    private static ReadOnlySpan<byte> TensorEnd => "\"}}"u8;

    private static ReadOnlySpan<byte> SetEnd => "]}"u8;

    private static ReadOnlySpan<byte> OutputsMember => ",\"outputs\":"u8;

    private static ReadOnlySpan<byte> MethodMember => ",\"method\":"u8;

    private static ReadOnlySpan<byte> TimestampMember => ",\"timestamp\":\""u8;

    private static ReadOnlySpan<byte> NonceMember => ",\"nonce\":"u8;

    private static ReadOnlySpan<byte> AudienceMember => ",\"audience\":"u8;

    private static ReadOnlySpan<byte> StatementEnd => "}}"u8;

    /// <summary>Up to the output set's digest: <c>{"_type":…,"subject":[{"name":…,"digest":{"openverify-tensor-set-v1":"</c>.</summary>
    private readonly byte[] _head;

    /// <summary>From the output set's digest to the input set: <c>"}}],"predicateType":…,"predicate":{"model":…,"inputs":</c>.</summary>
    private readonly byte[] _predicateHead;

    /// <summary>After the output set: <c>,"session":…,"runtime":…</c> (no session for ML.NET).</summary>
    private readonly byte[] _descriptors;

    /// <summary>After the method: <c>,"instance":…,"sequence":</c>.</summary>
    private readonly byte[] _instance;

    /// <summary>A writer of inference statements (docs/spec: the ONNX inference receipt kind).</summary>
    public StatementWriter(ModelDescriptor model, SessionDescriptor session, RuntimeDescriptor runtime, string instance)
        : this(
            PredicateTypeValue,
            JsonSerializer.SerializeToUtf8Bytes(model, OpenVerifyJsonContext.Strict.ModelDescriptor),
            JsonSerializer.SerializeToUtf8Bytes(session, OpenVerifyJsonContext.Strict.SessionDescriptor),
            JsonSerializer.SerializeToUtf8Bytes(runtime, OpenVerifyJsonContext.Strict.RuntimeDescriptor),
            instance)
    {
    }

    /// <summary>A writer of ML.NET prediction statements (docs/spec/mlnet-v1.md): the same members in the same order,
    /// its own predicate type, model and runtime descriptors, and no session.</summary>
    public StatementWriter(MLNetModelDescriptor model, MLNetRuntimeDescriptor runtime, string instance)
        : this(
            MLNetPredicateTypeValue,
            JsonSerializer.SerializeToUtf8Bytes(model, OpenVerifyJsonContext.Strict.MLNetModelDescriptor),
            null,
            JsonSerializer.SerializeToUtf8Bytes(runtime, OpenVerifyJsonContext.Strict.MLNetRuntimeDescriptor),
            instance)
    {
    }

    private static readonly JsonEncodedText PredicateTypeValue = JsonEncodedText.Encode(Receipt.PredicateType, JavaScriptEncoder.UnsafeRelaxedJsonEscaping);

    private StatementWriter(JsonEncodedText predicateType, byte[] model, byte[]? session, byte[] runtime, string instance)
    {
        var statementType = JsonEncodedText.Encode(InferenceStatement.StatementType, JavaScriptEncoder.UnsafeRelaxedJsonEscaping);
        var subjectName = JsonEncodedText.Encode(Receipt.SubjectName);
        _head = [.. "{\"_type\":\""u8, .. statementType.EncodedUtf8Bytes, .. "\",\"subject\":[{\"name\":\""u8, .. subjectName.EncodedUtf8Bytes,
            .. "\",\"digest\":{\"openverify-tensor-set-v1\":\""u8];
        _predicateHead = [.. "\"}}],\"predicateType\":\""u8, .. predicateType.EncodedUtf8Bytes, .. "\",\"predicate\":{\"model\":"u8, .. model,
            .. ",\"inputs\":"u8];
        _descriptors = session is null
            ? [.. ",\"runtime\":"u8, .. runtime]
            : [.. ",\"session\":"u8, .. session, .. ",\"runtime\":"u8, .. runtime];
        _instance = [.. ",\"instance\":\""u8, .. JsonEncodedText.Encode(instance, JavaScriptEncoder.UnsafeRelaxedJsonEscaping).EncodedUtf8Bytes,
            .. "\",\"sequence\":"u8];
    }

    /// <summary>A tensor of a set as the statement lists it: in the UTF-8 byte order of names.</summary>
    public readonly record struct Tensor(JsonEncodedText Name, JsonEncodedText ElementType, ReadOnlyMemory<long> Shape, Sha256Digest Digest);

    /// <summary>Writes the statement; the result is the calling thread's buffer, valid until its next call. The buffer
    /// keeps room before the statement for its DSSE PAE header (<see cref="Pae"/>).</summary>
    public ReadOnlySpan<byte> Write(
        ReadOnlySpan<Tensor> inputs, Sha256Digest inputSet, ReadOnlySpan<Tensor> outputs, Sha256Digest outputSet,
        string? method, long sequence, DateTime utcNow, string? nonce, string? audience)
    {
        var state = _perThread ??= new PerThread();
        var w = new Output(state);
        w.Append(_head);
        w.AppendHex(outputSet);
        w.Append(_predicateHead);
        WriteSet(ref w, inputs, inputSet);
        w.Append(OutputsMember);
        WriteSet(ref w, outputs, outputSet);
        w.Append(_descriptors);
        if (method is not null)
        {
            w.Append(MethodMember);
            w.Append(state.Method(method));
        }

        w.Append(_instance);
        w.AppendNumber(sequence);
        w.Append(TimestampMember);
        FormatTimestamp(utcNow, w.Take(TimestampLength));
        w.Append("\""u8);
        if (nonce is not null)
        {
            w.Append(NonceMember);
            w.Append(state.Quoted(nonce));
        }

        if (audience is not null)
        {
            w.Append(AudienceMember);
            w.Append(state.Quoted(audience));
        }

        w.Append(StatementEnd);
        state.Length = w.At - PerThread.Headroom;
        return state.Buffer.AsSpan(PerThread.Headroom, state.Length);
    }

    /// <summary>
    /// The DSSE PAE of a statement, to sign while the result is held (dispose it after). When the statement is the one
    /// this thread wrote last (<see cref="Write"/>), its header is written into the room kept before it, the statement
    /// is not copied, and the thread's buffer is lent to the result until it is disposed: a signer is the caller's code
    /// and may run another verified inference on this thread, whose statement then goes to a buffer of its own instead
    /// of over the bytes being signed. Otherwise a new array.
    /// </summary>
    public static LentPae Pae(string payloadType, ReadOnlySpan<byte> statement)
    {
        var state = _perThread;
        Span<byte> header = stackalloc byte[PerThread.Headroom];
        if (state is null
            || statement.Length != state.Length
            || !Unsafe.AreSame(ref MemoryMarshal.GetReference(statement), ref state.Buffer[PerThread.Headroom])
            || Dsse.PaeLength(payloadType, statement.Length) - statement.Length > header.Length)
        {
            return new LentPae(Dsse.Pae(payloadType, statement), null);
        }

        var length = Dsse.WritePaeHeader(payloadType, state.Length, header);
        var start = PerThread.Headroom - length;
        header[..length].CopyTo(state.Buffer.AsSpan(start));

        // Detached, not flagged: a nested Write finds no buffer and makes one, and Write's own path stays as it was.
        _perThread = null;
        return new LentPae(state.Buffer.AsSpan(start, length + state.Length), state);
    }

    /// <summary>A statement's PAE (<see cref="Pae"/>); while it is held, the thread's statement buffer it lies in is
    /// the holder's alone.</summary>
    public readonly ref struct LentPae
    {
        private readonly PerThread? _lent;

        internal LentPae(ReadOnlySpan<byte> bytes, PerThread? lent)
        {
            Bytes = bytes;
            _lent = lent;
        }

        /// <summary>The PAE bytes: <c>DSSEv1 LEN type LEN statement</c>.</summary>
        public ReadOnlySpan<byte> Bytes { get; }

        /// <summary>Gives the buffer back to the thread (one a nested statement made meanwhile is dropped).</summary>
        public void Dispose()
        {
            if (_lent is not null)
            {
                _perThread = _lent;
            }
        }
    }

    private static void WriteSet(ref Output w, ReadOnlySpan<Tensor> tensors, Sha256Digest setDigest)
    {
        w.Append(SetStart);
        w.AppendHex(setDigest);
        w.Append(TensorsStart);
        for (var i = 0; i < tensors.Length; i++)
        {
            var tensor = tensors[i];
            if (i > 0)
            {
                w.Append(","u8);
            }

            w.Append(TensorName);
            w.Append(tensor.Name.EncodedUtf8Bytes);
            w.Append(TensorElementType);
            w.Append(tensor.ElementType.EncodedUtf8Bytes);
            w.Append(TensorShape);
            var shape = tensor.Shape.Span;
            for (var d = 0; d < shape.Length; d++)
            {
                if (d > 0)
                {
                    w.Append(","u8);
                }

                w.AppendNumber(shape[d]);
            }

            w.Append(TensorDigestStart);
            w.AppendHex(tensor.Digest);
            w.Append(TensorEnd);
        }

        w.Append(SetEnd);
    }

    /// <summary>Appends to the thread's statement buffer, growing it as needed.</summary>
    private ref struct Output
    {
        private readonly PerThread _state;
        private byte[] _buffer;

        public Output(PerThread state)
        {
            _state = state;
            _buffer = state.Buffer;
            At = PerThread.Headroom;
        }

        public int At { get; private set; }

        public void Append(ReadOnlySpan<byte> bytes) => bytes.CopyTo(Take(bytes.Length));

        public void AppendHex(Sha256Digest digest) =>
            Convert.TryToHexStringLower(digest.Bytes, Take(2 * Sha256Digest.Length), out _);

        public void AppendNumber(long value)
        {
            var span = Take(20);
            value.TryFormat(span, out var written, default, System.Globalization.CultureInfo.InvariantCulture);
            At -= 20 - written;
        }

        /// <summary>The next <paramref name="length"/> bytes of the buffer, to be written by the caller.</summary>
        public Span<byte> Take(int length)
        {
            if (At + length > _buffer.Length)
            {
                Array.Resize(ref _buffer, Math.Max(2 * _buffer.Length, At + length));
                _state.Buffer = _buffer;
            }

            var span = _buffer.AsSpan(At, length);
            At += length;
            return span;
        }
    }

    /// <summary>
    /// The tensors of a set as a statement lists them (in the UTF-8 byte order of their names, each with its digest) and
    /// the set's digest, for writers that get a whole set per call (ML.NET rows) rather than a model's fixed names.
    /// </summary>
    public static (Tensor[] Tensors, Sha256Digest SetDigest) Describe(TensorSet set)
    {
        var count = set.Count;
        var named = new KeyValuePair<string, Sha256Digest>[count];
        var values = new TensorValue[count];
        var i = 0;
        foreach (var (name, value) in set)
        {
            named[i] = new(name, TensorDigest.Compute(value));
            values[i] = value;
            i++;
        }

        // The set digest as the serializer path computed it (which also refuses names that are not UTF-8), then the
        // tensors in the byte order of their (unique) UTF-8 names.
        var setDigest = TensorDigest.ComputeSet(named);
        var utf8 = new byte[count][];
        var order = new int[count];
        for (var k = 0; k < count; k++)
        {
            utf8[k] = StringTensorValue.StrictUtf8.GetBytes(named[k].Key);
            order[k] = k;
        }

        Array.Sort(order, (a, b) => utf8[a].AsSpan().SequenceCompareTo(utf8[b]));
        var tensors = new Tensor[count];
        for (var k = 0; k < count; k++)
        {
            var (name, digest) = named[order[k]];
            var value = values[order[k]];
            tensors[k] = new Tensor(Encode(name), ElementTypeName(value.ElementType), ImmutableCollectionsMarshal.AsArray(value.Shape) ?? [], digest);
        }

        return (tensors, setDigest);
    }

    /// <summary>The length of <c>yyyy-MM-ddTHH:mm:ss.fffffffZ</c>.</summary>
    public const int TimestampLength = 28;

    /// <summary>
    /// The format <c>DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", InvariantCulture)</c> writes,
    /// digit by digit (a custom-format ToString costs more than the rest of the timestamp path).
    /// </summary>
    public static void FormatTimestamp(DateTime utc, Span<char> destination)
    {
        Span<byte> utf8 = stackalloc byte[TimestampLength];
        FormatTimestamp(utc, utf8);
        for (var i = 0; i < TimestampLength; i++)
        {
            destination[i] = (char)utf8[i];
        }
    }

    /// <summary><see cref="FormatTimestamp(DateTime, Span{char})"/> as UTF-8 (ASCII) bytes.</summary>
    public static void FormatTimestamp(DateTime utc, Span<byte> destination)
    {
        var ticks = utc.Ticks;
        utc.Deconstruct(out var date, out var time);
        Digits(destination, 0, date.Year, 4);
        destination[4] = (byte)'-';
        Digits(destination, 5, date.Month, 2);
        destination[7] = (byte)'-';
        Digits(destination, 8, date.Day, 2);
        destination[10] = (byte)'T';
        Digits(destination, 11, time.Hour, 2);
        destination[13] = (byte)':';
        Digits(destination, 14, time.Minute, 2);
        destination[16] = (byte)':';
        Digits(destination, 17, time.Second, 2);
        destination[19] = (byte)'.';
        Digits(destination, 20, (int)(ticks % TimeSpan.TicksPerSecond), 7);
        destination[27] = (byte)'Z';
    }

    private static void Digits(Span<byte> destination, int at, int value, int count)
    {
        for (var i = at + count - 1; i >= at; i--)
        {
            destination[i] = (byte)('0' + (value % 10));
            value /= 10;
        }
    }

    /// <summary>The JSON text of a tensor name or element type, encoded once per model.</summary>
    public static JsonEncodedText Encode(string text) => JsonEncodedText.Encode(text, JavaScriptEncoder.UnsafeRelaxedJsonEscaping);

    private static readonly JsonEncodedText[] ElementTypeNames = new JsonEncodedText[64];

    /// <summary>The ONNX name of an element type as JSON text, encoded once per type.</summary>
    public static JsonEncodedText ElementTypeName(ElementType type)
    {
        var index = (int)type;
        if ((uint)index >= (uint)ElementTypeNames.Length)
        {
            return Encode(ElementTypes.ToOnnxName(type));
        }

        // A race writes the same value twice; JsonEncodedText's default (an empty value) marks a slot not yet filled.
        var name = ElementTypeNames[index];
        if (name.EncodedUtf8Bytes.IsEmpty)
        {
            ElementTypeNames[index] = name = Encode(ElementTypes.ToOnnxName(type));
        }

        return name;
    }

    /// <summary>UTF-8 bytes, for the byte order of names.</summary>
    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    internal sealed class PerThread
    {
        /// <summary>Room kept before the statement for its PAE header (<c>DSSEv1 LEN type LEN </c>).</summary>
        public const int Headroom = 256;

        private static readonly JsonWriterOptions WriterOptions = new()
        {
            // The encoder the serializer's context uses (OpenVerifyJsonContext.Strict).
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            Indented = false,
            SkipValidation = true,
        };

        private readonly ArrayBufferWriter<byte> _text = new(256);
        private string? _method;
        private byte[] _methodJson = [];

        public PerThread() => Writer = new Utf8JsonWriter(_text, WriterOptions);

        // The thread's writer lives as long as the thread (as the reused hashes do); nothing to dispose before.
        private Utf8JsonWriter Writer { get; }

        public byte[] Buffer { get; set; } = new byte[Headroom + 4096];

        /// <summary>The length of the last statement written (after <see cref="Headroom"/>).</summary>
        public int Length { get; set; }

        /// <summary>The method as a JSON string, encoded again only when the caller passes another string (callers pass
        /// the same options, and so the same string, call after call).</summary>
        public ReadOnlySpan<byte> Method(string method)
        {
            if (!ReferenceEquals(method, _method))
            {
                _methodJson = Quoted(method).ToArray();
                _method = method;
            }

            return _methodJson;
        }

        /// <summary>A string as the JSON writer writes a string value (quotes and escaping, encoder above); valid until
        /// the next call.</summary>
        public ReadOnlySpan<byte> Quoted(string value)
        {
            _text.ResetWrittenCount();
            Writer.Reset(_text);
            Writer.WriteStringValue(value);
            Writer.Flush();
            return _text.WrittenSpan;
        }
    }
}
