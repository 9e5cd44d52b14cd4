using System.Buffers;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace OpenVerify;

/// <summary>
/// Writes a receipt's statement without building the object graph and without the serializer: the parts that are the
/// same for every inference of a model (model, session, runtime, instance) are serialized once, by the serializer
/// itself, when the model loads; the rest (digests, shapes, method, sequence, timestamp, nonce, audience) is written
/// per call with a reused <see cref="Utf8JsonWriter"/> into a per-thread buffer. The bytes are exactly what
/// <see cref="Receipt.SerializeStatement"/> writes for the same statement (same member order, same escaping); the
/// test suite holds the serializer path as the reference.
/// </summary>
internal sealed class StatementWriter
{
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        // The encoder the serializer's context uses (OpenVerifyJsonContext.Strict).
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
        SkipValidation = true,
    };

    private static readonly JsonEncodedText Type = JsonEncodedText.Encode("_type");
    private static readonly JsonEncodedText StatementTypeValue = JsonEncodedText.Encode(InferenceStatement.StatementType, JavaScriptEncoder.UnsafeRelaxedJsonEscaping);
    private static readonly JsonEncodedText Subject = JsonEncodedText.Encode("subject");
    private static readonly JsonEncodedText Name = JsonEncodedText.Encode("name");
    private static readonly JsonEncodedText SubjectNameValue = JsonEncodedText.Encode(Receipt.SubjectName);
    private static readonly JsonEncodedText Digest = JsonEncodedText.Encode("digest");
    private static readonly JsonEncodedText PredicateType = JsonEncodedText.Encode("predicateType");
    private static readonly JsonEncodedText PredicateTypeValue = JsonEncodedText.Encode(Receipt.PredicateType, JavaScriptEncoder.UnsafeRelaxedJsonEscaping);
    private static readonly JsonEncodedText Predicate = JsonEncodedText.Encode("predicate");
    private static readonly JsonEncodedText Model = JsonEncodedText.Encode("model");
    private static readonly JsonEncodedText Inputs = JsonEncodedText.Encode("inputs");
    private static readonly JsonEncodedText Outputs = JsonEncodedText.Encode("outputs");
    private static readonly JsonEncodedText Tensors = JsonEncodedText.Encode("tensors");
    private static readonly JsonEncodedText ElementType = JsonEncodedText.Encode("elementType");
    private static readonly JsonEncodedText Shape = JsonEncodedText.Encode("shape");
    private static readonly JsonEncodedText Session = JsonEncodedText.Encode("session");
    private static readonly JsonEncodedText Runtime = JsonEncodedText.Encode("runtime");
    private static readonly JsonEncodedText Method = JsonEncodedText.Encode("method");
    private static readonly JsonEncodedText Instance = JsonEncodedText.Encode("instance");
    private static readonly JsonEncodedText Sequence = JsonEncodedText.Encode("sequence");
    private static readonly JsonEncodedText Timestamp = JsonEncodedText.Encode("timestamp");
    private static readonly JsonEncodedText Nonce = JsonEncodedText.Encode("nonce");
    private static readonly JsonEncodedText Audience = JsonEncodedText.Encode("audience");
    private static readonly JsonEncodedText TensorSetKey = JsonEncodedText.Encode(TensorDigest.TensorSetDigestKey);
    private static readonly JsonEncodedText TensorKey = JsonEncodedText.Encode(TensorDigest.TensorDigestKey);

    [ThreadStatic]
    private static PerThread? _perThread;

    private static readonly JsonEncodedText MLNetPredicateTypeValue = JsonEncodedText.Encode(MLNetReceipts.PredicateType, JavaScriptEncoder.UnsafeRelaxedJsonEscaping);

    private readonly JsonEncodedText _predicateType;
    private readonly byte[] _model;
    private readonly byte[]? _session;
    private readonly byte[] _runtime;
    private readonly JsonEncodedText _instance;

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

    private StatementWriter(JsonEncodedText predicateType, byte[] model, byte[]? session, byte[] runtime, string instance)
    {
        _predicateType = predicateType;
        _model = model;
        _session = session;
        _runtime = runtime;
        _instance = JsonEncodedText.Encode(instance, JavaScriptEncoder.UnsafeRelaxedJsonEscaping);
    }

    /// <summary>A tensor of a set as the statement lists it: in the UTF-8 byte order of names.</summary>
    public readonly record struct Tensor(JsonEncodedText Name, JsonEncodedText ElementType, ReadOnlyMemory<long> Shape, Sha256Digest Digest);

    /// <summary>Writes the statement; the result is the calling thread's buffer, valid until its next call.</summary>
    public ReadOnlySpan<byte> Write(
        ReadOnlySpan<Tensor> inputs, Sha256Digest inputSet, ReadOnlySpan<Tensor> outputs, Sha256Digest outputSet,
        string? method, long sequence, DateTime utcNow, string? nonce, string? audience)
    {
        var state = _perThread ??= new PerThread();
        state.Buffer.ResetWrittenCount();
        var writer = state.Writer;
        writer.Reset(state.Buffer);
        writer.WriteStartObject();
        writer.WriteString(Type, StatementTypeValue);
        writer.WriteStartArray(Subject);
        writer.WriteStartObject();
        writer.WriteString(Name, SubjectNameValue);
        WriteDigestSet(writer, Digest, TensorSetKey, outputSet);
        writer.WriteEndObject();
        writer.WriteEndArray();
        writer.WriteString(PredicateType, _predicateType);
        writer.WriteStartObject(Predicate);
        writer.WritePropertyName(Model);
        writer.WriteRawValue(_model, skipInputValidation: true);
        WriteSet(writer, Inputs, inputs, inputSet);
        WriteSet(writer, Outputs, outputs, outputSet);
        if (_session is not null)
        {
            writer.WritePropertyName(Session);
            writer.WriteRawValue(_session, skipInputValidation: true);
        }

        writer.WritePropertyName(Runtime);
        writer.WriteRawValue(_runtime, skipInputValidation: true);
        if (method is not null)
        {
            writer.WriteString(Method, method);
        }

        writer.WriteString(Instance, _instance);
        writer.WriteNumber(Sequence, sequence);
        Span<char> time = stackalloc char[TimestampLength];
        FormatTimestamp(utcNow, time);
        writer.WriteString(Timestamp, time);
        if (nonce is not null)
        {
            writer.WriteString(Nonce, nonce);
        }

        if (audience is not null)
        {
            writer.WriteString(Audience, audience);
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.Flush();
        return state.Buffer.WrittenSpan;
    }

    private static void WriteSet(Utf8JsonWriter writer, JsonEncodedText name, ReadOnlySpan<Tensor> tensors, Sha256Digest setDigest)
    {
        writer.WriteStartObject(name);
        WriteDigestSet(writer, Digest, TensorSetKey, setDigest);
        writer.WriteStartArray(Tensors);
        foreach (var tensor in tensors)
        {
            writer.WriteStartObject();
            writer.WriteString(Name, tensor.Name);
            writer.WriteString(ElementType, tensor.ElementType);
            writer.WriteStartArray(Shape);
            foreach (var dim in tensor.Shape.Span)
            {
                writer.WriteNumberValue(dim);
            }

            writer.WriteEndArray();
            WriteDigestSet(writer, Digest, TensorKey, tensor.Digest);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void WriteDigestSet(Utf8JsonWriter writer, JsonEncodedText name, JsonEncodedText key, Sha256Digest digest)
    {
        Span<char> hex = stackalloc char[2 * Sha256Digest.Length];
        Convert.TryToHexStringLower(digest.Bytes, hex, out _);
        writer.WriteStartObject(name);
        writer.WriteString(key, hex);
        writer.WriteEndObject();
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
        var ticks = utc.Ticks;
        utc.Deconstruct(out var date, out var time);
        Digits(destination, 0, date.Year, 4);
        destination[4] = '-';
        Digits(destination, 5, date.Month, 2);
        destination[7] = '-';
        Digits(destination, 8, date.Day, 2);
        destination[10] = 'T';
        Digits(destination, 11, time.Hour, 2);
        destination[13] = ':';
        Digits(destination, 14, time.Minute, 2);
        destination[16] = ':';
        Digits(destination, 17, time.Second, 2);
        destination[19] = '.';
        Digits(destination, 20, (int)(ticks % TimeSpan.TicksPerSecond), 7);
        destination[27] = 'Z';
    }

    private static void Digits(Span<char> destination, int at, int value, int count)
    {
        for (var i = at + count - 1; i >= at; i--)
        {
            destination[i] = (char)('0' + (value % 10));
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

    private sealed class PerThread
    {
        public ArrayBufferWriter<byte> Buffer { get; } = new(4096);

        public Utf8JsonWriter Writer { get; }

        public PerThread() => Writer = new Utf8JsonWriter(Buffer, WriterOptions);
    }
}
