using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Microsoft.ML.OnnxRuntime;
using OpenVerify.Telemetry;
using OpenVerify.Onnx;

namespace OpenVerify;

/// <summary>Options for loading a <see cref="VerifiedModel"/>.</summary>
public sealed class VerifiedModelOptions
{
    /// <summary>The digest the model's bytes must have; loading fails with <see cref="ModelDigestMismatchException"/>
    /// otherwise. Generated code always pins it.</summary>
    public Sha256Digest? ExpectedDigest { get; init; }

    /// <summary>The allow-listed session configuration. Default: <see cref="SessionConfiguration.Default"/>.</summary>
    public SessionConfiguration Session { get; init; } = SessionConfiguration.Default;

    /// <summary>The model's name in receipts (for example its project-relative path). Default: the file name.</summary>
    public string? Name { get; init; }

    /// <summary>The digest of the model's verified signature bundle, recorded in receipts when set.</summary>
    public Sha256Digest? SignatureDigest { get; init; }

    /// <summary>The key id of the publisher whose signature verified, recorded in receipts when set.</summary>
    public string? PublisherKeyId { get; init; }
}

/// <summary>Per-call options of <see cref="VerifiedModel.Run"/>.</summary>
public sealed class InferenceOptions
{
    /// <summary>A caller-supplied nonce recorded in the receipt (a verifier can require it, against replays of old
    /// receipts).</summary>
    public string? Nonce { get; init; }

    /// <summary>A caller-supplied audience recorded in the receipt.</summary>
    public string? Audience { get; init; }

    /// <summary>The method that ran the inference, recorded in the receipt (generated wrappers set it).</summary>
    public string? Method { get; init; }

    /// <summary>The signer; default: <see cref="OpenVerifyRuntime.ResolveSigner"/>.</summary>
    public ISigner? Signer { get; init; }
}

/// <summary>A model input or output as the loaded session sees it.</summary>
/// <param name="Name">The name.</param>
/// <param name="ElementType">The element type.</param>
/// <param name="Shape">The dimensions; -1 where the size is not fixed.</param>
/// <param name="SymbolicShape">The symbolic names of dimensions ("" where fixed).</param>
public sealed record ModelTensorInfo(string Name, ElementType ElementType, IReadOnlyList<long> Shape, IReadOnlyList<string> SymbolicShape)
{
    /// <inheritdoc />
    public override string ToString() =>
        $"{Name}: {ElementTypes.ToOnnxName(ElementType)}[{string.Join(",", Shape.Select((d, i) => d >= 0 ? d.ToString(CultureInfo.InvariantCulture) : SymbolicShape.ElementAtOrDefault(i) is { Length: > 0 } s ? s : "?"))}]";
}

/// <summary>
/// An ONNX model loaded for attested inference. It reads the model's bytes once, checks the pinned digest, refuses
/// what the digest would not cover (external-data weights, custom operators), builds the ONNX Runtime session from
/// those same bytes with an allow-listed configuration, and returns every result with a signed receipt.
/// Safe to use from many threads at once.
/// </summary>
public sealed class VerifiedModel : IDisposable
{
    private readonly InferenceSession _session;
    private readonly SessionDescriptor _sessionDescriptor;
    private readonly ModelDescriptor _modelDescriptor;
    private readonly string[] _outputNames;
    private readonly string[] _inputNames;
    private readonly ModelTensorInfo[] _inputInfos;
    private readonly TensorName[] _sortedInputs;
    private readonly string[] _sortedInputNames;
    private readonly byte[][] _sortedInputUtf8;
    private readonly TensorName[] _sortedOutputs;
    private readonly byte[][] _sortedOutputUtf8;
    private readonly Dictionary<string, int> _inputIndex;
    private readonly StatementWriter _statementWriter;
    private readonly StaticOutput[]? _staticOutputs;
    private readonly ConcurrentQueue<RunBuffers> _idleBuffers = new();
    private int _idleCount;
    private int _buffersHeld;
    private int _reruns;
    private volatile bool _bindOutputs;

    // The runs between RentBuffers and ReturnBuffers in the low bits, and Disposed once the model is disposed: one word,
    // so that counting a run and seeing Dispose are one atomic step. Dispose closes the ONNX Runtime session only once
    // no run is in flight (the last run to finish closes it otherwise): ONNX Runtime must not free a session a run is
    // executing.
    private const int Disposed = 1 << 30;
    private int _state;
    private int _sessionClosed;

    /// <summary>At most this many idle buffer sets are kept: enough for every core to run the model at once (twice
    /// over, for threads that block), and never one per thread a growing and shrinking thread pool ever ran on.</summary>
    private static readonly int MaxIdleBuffers = 2 * Environment.ProcessorCount;
    private long _sequence;

    private static readonly InferenceOptions NoOptions = new();

    /// <summary>Shared by every run: a run reads its options and never changes them (nothing here terminates runs).</summary>
    private static readonly RunOptions RunOptionsShared = new();

    /// <summary>A model input or output name, with its position in the model's order, its UTF-8 bytes (whose order the
    /// statement and set digests use) and its JSON text, all computed once.</summary>
    private sealed record TensorName(string Name, int Index, byte[] Utf8, System.Text.Json.JsonEncodedText NameJson);

    private static TensorName[] SortedNames(IEnumerable<string> names) =>
        [.. names.Select((n, i) => new TensorName(n, i, StatementWriter.Utf8(n), StatementWriter.Encode(n))).Order(Comparer<TensorName>.Create(static (a, b) => a.Utf8.AsSpan().SequenceCompareTo(b.Utf8)))];

    /// <summary>The outputs' types and shapes when every output is a numeric or bool tensor of static shape (then runs
    /// write into per-thread buffers of those shapes); null otherwise.</summary>
    private static StaticOutput[]? StaticOutputs(IReadOnlyList<ModelTensorInfo> outputs)
    {
        var result = new StaticOutput[outputs.Count];
        for (var o = 0; o < outputs.Count; o++)
        {
            var output = outputs[o];
            if (output.ElementType == ElementType.String || !ElementTypes.IsSupported(output.ElementType) || output.Shape.Any(d => d < 0))
            {
                return null;
            }

            long[] shape = [.. output.Shape];
            var count = TensorValue.CheckedElementCount(shape);
            if (count > RunBuffers.MaxReusedBytes / ElementTypes.SizeOf(output.ElementType))
            {
                return null;
            }

            result[o] = new StaticOutput(output.ElementType, shape, [.. shape], count);
        }

        return result;
    }

    private VerifiedModel(InferenceSession session, Sha256Digest digest, string name, VerifiedModelOptions options, OnnxModelInfo info)
    {
        _session = session;
        Digest = digest;
        Name = name;
        Session = options.Session;
        Info = info;
        ProducerName = info.ProducerName;
        ProducerVersion = info.ProducerVersion;
        IrVersion = info.IrVersion;
        OpsetImports = [.. info.OpsetImports];
        _inputInfos = [.. session.InputMetadata.Select(kv => Describe(kv.Key, kv.Value))];
        Inputs = Array.AsReadOnly(_inputInfos);
        Outputs = [.. session.OutputMetadata.Select(kv => Describe(kv.Key, kv.Value))];
        _outputNames = [.. Outputs.Select(o => o.Name)];
        _inputNames = [.. Inputs.Select(i => i.Name)];
        var configText = options.Session.ToCanonicalText();
        _sessionDescriptor = new SessionDescriptor
        {
            Config = configText,
            Digest = DigestSets.Sha256(SessionConfiguration.ComputeDigest(configText)),
        };
        _modelDescriptor = new ModelDescriptor
        {
            Name = name,
            Digest = DigestSets.Sha256(digest),
            SignatureDigest = options.SignatureDigest is { } sig ? DigestSets.Sha256(sig) : null,
            PublisherKeyId = options.PublisherKeyId,
        };
        _sortedInputs = SortedNames(Inputs.Select(i => i.Name));
        _sortedInputNames = [.. _sortedInputs.Select(i => i.Name)];
        _sortedInputUtf8 = [.. _sortedInputs.Select(i => i.Utf8)];
        _sortedOutputs = SortedNames(_outputNames);
        _sortedOutputUtf8 = [.. _sortedOutputs.Select(o => o.Utf8)];
        _inputIndex = Inputs.Select((input, i) => (input.Name, i)).ToDictionary(p => p.Name, p => p.i, StringComparer.Ordinal);
        _statementWriter = new StatementWriter(_modelDescriptor, _sessionDescriptor, RuntimeFacts.Descriptor, RuntimeFacts.Instance);
        _staticOutputs = StaticOutputs(Outputs);
        _bindOutputs = _staticOutputs is not null;
    }

    /// <summary>ONNX Runtime's description of the model's inputs (as <see cref="InferenceSession.InputMetadata"/> gives it).</summary>
    public IReadOnlyDictionary<string, NodeMetadata> InputMetadata => _session.InputMetadata;

    /// <summary>ONNX Runtime's description of the model's outputs (as <see cref="InferenceSession.OutputMetadata"/> gives it).</summary>
    public IReadOnlyDictionary<string, NodeMetadata> OutputMetadata => _session.OutputMetadata;

    /// <summary>The names of <see cref="Inputs"/>, in the model's order (as <see cref="InferenceSession.InputNames"/> gives them).</summary>
    public IReadOnlyList<string> InputNames => _inputNames;

    /// <summary>The names of <see cref="Outputs"/>, in the model's order (as <see cref="InferenceSession.OutputNames"/> gives them).</summary>
    public IReadOnlyList<string> OutputNames => _outputNames;

    /// <summary>The SHA-256 of the model file's bytes.</summary>
    public Sha256Digest Digest { get; }

    /// <summary>The model's name in receipts.</summary>
    public string Name { get; }

    /// <summary>The session configuration.</summary>
    public SessionConfiguration Session { get; }

    /// <summary>What the model file declares, as the shared ONNX reader read it (for the checks at load and the CLI).</summary>
    internal OnnxModelInfo Info { get; }

    /// <summary>The tool that produced the model file (its <c>producer_name</c>; empty when it names none).</summary>
    public string ProducerName { get; }

    /// <summary>The version of the tool that produced the model file (its <c>producer_version</c>; empty when none).</summary>
    public string ProducerVersion { get; }

    /// <summary>The ONNX IR version the model file declares.</summary>
    public long IrVersion { get; }

    /// <summary>The operator sets the model imports, in file order: domain (empty for the default <c>ai.onnx</c>
    /// domain) and version.</summary>
    public IReadOnlyList<KeyValuePair<string, long>> OpsetImports { get; }

    /// <summary>The inputs the model needs.</summary>
    public IReadOnlyList<ModelTensorInfo> Inputs { get; }

    /// <summary>The outputs the model produces, in order.</summary>
    public IReadOnlyList<ModelTensorInfo> Outputs { get; }

    /// <summary>Reads a model file once and loads it from those bytes.</summary>
    /// <exception cref="ModelLoadException">The file cannot be read, or is not a model a verified run accepts.</exception>
    /// <exception cref="ModelDigestMismatchException">The bytes do not have <see cref="VerifiedModelOptions.ExpectedDigest"/>.</exception>
    public static VerifiedModel Load(string path, VerifiedModelOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new ModelLoadException($"Cannot read the model file '{path}': {e.Message}", e);
        }

        options ??= new VerifiedModelOptions();
        return FromBytes(bytes, options.Name is null ? WithName(options, Path.GetFileName(path)) : options);
    }

    private static VerifiedModelOptions WithName(VerifiedModelOptions options, string name) => new()
    {
        ExpectedDigest = options.ExpectedDigest,
        Session = options.Session,
        Name = name,
        SignatureDigest = options.SignatureDigest,
        PublisherKeyId = options.PublisherKeyId,
    };

    /// <summary>
    /// Loads a model from bytes: hashes them, checks the pinned digest, and builds the session from the same buffer.
    /// The buffer must not change while this call runs.
    /// </summary>
    /// <exception cref="ModelLoadException">The bytes are not a model a verified run accepts.</exception>
    /// <exception cref="ModelDigestMismatchException">The bytes do not have <see cref="VerifiedModelOptions.ExpectedDigest"/>.</exception>
    public static VerifiedModel FromBytes(byte[] model, VerifiedModelOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        options ??= new VerifiedModelOptions();
        var started = Stopwatch.GetTimestamp();
        var activity = RuntimeTelemetry.StartModelLoad(options.Name ?? "model.onnx", model.Length);
        try
        {
            var loaded = Load(model, options);
            RuntimeTelemetry.ModelLoaded(activity, loaded);
            RuntimeLog.ModelLoaded(loaded, model.LongLength, started);
            return loaded;
        }
        catch (OpenVerifyException e)
        {
            RuntimeTelemetry.Failed(activity, e);
            RuntimeLog.ModelFailed(e, options.Name ?? "model.onnx");
            throw;
        }
    }

    private static VerifiedModel Load(byte[] model, VerifiedModelOptions options)
    {
        var name = options.Name ?? "model.onnx";
        var digest = Sha256Digest.Compute(model);
        if (options.ExpectedDigest is { } expected && expected != digest)
        {
            throw new ModelDigestMismatchException(name, expected, digest);
        }

        OnnxModelInfo info;
        try
        {
            using var stream = new MemoryStream(model, writable: false);
            info = OnnxModelReader.Read(stream);
        }
        catch (OnnxFormatException e)
        {
            throw new ModelLoadException($"'{name}' is not a valid ONNX model: {e.Message}.", e);
        }

        if (info.HasExternalData)
        {
            throw new ModelLoadException(
                $"'{name}' keeps weights outside the model file (external data: {string.Join(", ", info.ExternalDataTensors.Take(5))}). " +
                "The model digest would not cover them, so a verified run refuses it; save the model with its weights inside the file.");
        }

        if (info.CustomDomains.Count > 0)
        {
            throw new ModelLoadException(
                $"'{name}' uses operators from custom domains ({string.Join(", ", info.CustomDomains)}). " +
                "Custom operator libraries are outside the model digest, so a verified run refuses them.");
        }

        foreach (var value in info.Inputs.Concat(info.Outputs))
        {
            if (value.Kind != "tensor")
            {
                throw new ModelLoadException($"'{name}' has the {value.Kind} value '{value.Name}' as a graph input or output; OpenVerify v1 covers dense tensors only.");
            }
        }

        InferenceSession session;
        try
        {
            using var sessionOptions = options.Session.CreateSessionOptions();
            session = new InferenceSession(model, sessionOptions);
        }
        catch (OnnxRuntimeException e)
        {
            throw new ModelLoadException($"ONNX Runtime cannot load '{name}': {e.Message}", e);
        }

        return new VerifiedModel(session, digest, name, options, info);
    }

    /// <summary>
    /// Runs the model on named inputs and returns its outputs with a signed receipt. Every model input must be given,
    /// with the model's element type and a shape that fits. Input memory must not change while the call runs.
    /// </summary>
    /// <exception cref="ModelInputException">An input is unknown, missing, or of the wrong type or shape.</exception>
    /// <exception cref="SignerNotConfiguredException">No signer is configured.</exception>
    /// <exception cref="InferenceFailedException">ONNX Runtime failed.</exception>
    public Attested<TensorSet> Run(IEnumerable<KeyValuePair<string, TensorValue>> inputs, InferenceOptions? options = null)
    {
        var activity = RuntimeTelemetry.StartInference(this);
        try
        {
            var result = RunUnobserved(inputs, options);
            RuntimeTelemetry.Inferred(activity, result.Receipt, signed: true);
            return result;
        }
        catch (Exception e)
        {
            RuntimeTelemetry.Failed(activity, e);
            throw;
        }
    }

    /// <summary><see cref="Run"/> without its span (for callers that make their own, as <see cref="BatchedInference"/> does).</summary>
    internal Attested<TensorSet> RunUnobserved(IEnumerable<KeyValuePair<string, TensorValue>> inputs, InferenceOptions? options)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        options ??= NoOptions;
        var signer = options.Signer ?? OpenVerifyRuntime.ResolveSigner();
        var outputs = RunAndWriteStatement(inputs, options, out var statement);
        var payload = statement.ToArray();

        // Signed over the PAE written around the statement in the thread's buffer (no copy of the statement to sign),
        // which the signer's code cannot overwrite: the buffer is lent to the PAE until the signature is made.
        using var pae = StatementWriter.Pae(Receipt.PayloadType, statement);
        var envelope = DsseEnvelope.Sign(Receipt.PayloadType, payload, pae.Bytes, signer);
        return new Attested<TensorSet>(outputs, new Receipt(envelope, producedHere: true));
    }

    /// <summary>Runs the model and writes the receipt's statement (no signature): what a batched receipt needs on the
    /// calling thread. The statement is the calling thread's buffer, valid until its next statement.</summary>
    internal TensorSet RunAndWriteStatement(IEnumerable<KeyValuePair<string, TensorValue>> inputs, InferenceOptions options, out ReadOnlySpan<byte> statement)
    {
        var inputSet = inputs as TensorSet ?? new TensorSet(inputs);
        ValidateInputs(inputSet);

        // The input digests are taken from the bytes ONNX Runtime reads, just before it reads them; the output digests,
        // where ONNX Runtime wrote into this thread's buffers, from those buffers.
        var buffers = RentBuffers();
        try
        {
            var inputTensors = buffers.InputTensors;
            var inputDigests = buffers.InputDigests;
            var outputs = Execute(inputSet, buffers, describe: true, out var outputsHashed);
            var outputTensors = buffers.OutputTensors;
            var outputDigests = buffers.OutputDigests;
            for (var i = 0; i < _sortedOutputs.Length; i++)
            {
                var info = _sortedOutputs[i];
                var tensor = outputs[info.Name];
                outputDigests[i] = outputsHashed ? buffers.ModelOrderOutputDigests[info.Index] : TensorDigest.Compute(tensor);
                outputTensors[i] = new(info.NameJson, StatementWriter.ElementTypeName(tensor.ElementType), ShapeOf(tensor), outputDigests[i]);
            }

            // The statement is written into the thread's own statement buffer, not into the run buffers returned below.
            statement = _statementWriter.Write(
                inputTensors, TensorDigest.ComputeSetSorted(_sortedInputUtf8, inputDigests, buffers.InputSetDigest),
                outputTensors, TensorDigest.ComputeSetSorted(_sortedOutputUtf8, outputDigests, buffers.OutputSetDigest),
                options.Method, Interlocked.Increment(ref _sequence), FixedClock ?? DateTime.UtcNow, options.Nonce, options.Audience);
            return outputs;
        }
        finally
        {
            ReturnBuffers(buffers);
        }
    }

    /// <summary>The sequence number the last receipt got; the next gets one more (for tests that make two receipts
    /// with the same sequence).</summary>
    internal long LastSequence
    {
        get => Volatile.Read(ref _sequence);
        set => Volatile.Write(ref _sequence, value);
    }

    /// <summary>When set, the time every receipt records instead of the clock's (for tests).</summary>
    internal DateTime? FixedClock { get; set; }

    /// <summary>How many buffer sets the model holds now, idle or lent to a run in flight (for tests).</summary>
    internal int BuffersHeld => Volatile.Read(ref _buffersHeld);

    /// <summary>How many runs were run a second time, without output buffers, after ONNX Runtime refused to write
    /// their outputs into buffers of the declared shapes (for tests).</summary>
    internal int Reruns => Volatile.Read(ref _reruns);

    /// <summary>Runs in flight (for tests).</summary>
    internal int RunsInFlight => Volatile.Read(ref _state) & ~Disposed;

    /// <summary>Whether the ONNX Runtime session has been closed (for tests).</summary>
    internal bool SessionClosed => Volatile.Read(ref _sessionClosed) != 0;

    /// <summary>Whether runs write their outputs into output buffers (for tests).</summary>
    internal bool BindsOutputs => _bindOutputs;

    /// <summary>
    /// A set of run buffers for one run, idle from an earlier run or made now. The run owns it until it returns it, so
    /// <see cref="Dispose"/> never frees buffers a run is reading or writing through a pointer.
    /// </summary>
    private RunBuffers RentBuffers()
    {
        // Counted and checked in one step: Dispose either sees this run in flight or this run sees Dispose.
        if ((Interlocked.Increment(ref _state) & Disposed) != 0)
        {
            EndRun();
            throw new ObjectDisposedException(GetType().FullName);
        }

        try
        {
            if (_idleBuffers.TryDequeue(out var idle))
            {
                Interlocked.Decrement(ref _idleCount);
                return idle;
            }

            Interlocked.Increment(ref _buffersHeld);
            return new RunBuffers(_sortedInputs.Length, _outputNames.Length);
        }
        catch
        {
            EndRun();
            throw;
        }
    }

    /// <summary>Keeps the buffers for a later run, or frees them when enough are idle or the model was disposed.</summary>
    private void ReturnBuffers(RunBuffers buffers)
    {
        try
        {
            if (Interlocked.Increment(ref _idleCount) > MaxIdleBuffers)
            {
                Interlocked.Decrement(ref _idleCount);
                Free(buffers);
            }
            else
            {
                _idleBuffers.Enqueue(buffers);

                // Disposed while this run was in flight: Dispose may have drained the idle sets before this one came back.
                if ((Volatile.Read(ref _state) & Disposed) != 0)
                {
                    FreeIdleBuffers();
                }
            }
        }
        finally
        {
            EndRun();
        }
    }

    /// <summary>Ends a counted run; the last run to end after Dispose closes the session.</summary>
    private void EndRun()
    {
        if (Interlocked.Decrement(ref _state) == Disposed)
        {
            CloseSession();
        }
    }

    private void CloseSession()
    {
        if (Interlocked.Exchange(ref _sessionClosed, 1) == 0)
        {
            _session.Dispose();
        }
    }

    private void FreeIdleBuffers()
    {
        while (_idleBuffers.TryDequeue(out var idle))
        {
            Interlocked.Decrement(ref _idleCount);
            Free(idle);
        }
    }

    private void Free(RunBuffers buffers)
    {
        buffers.Dispose();
        Interlocked.Decrement(ref _buffersHeld);
    }

    private static ReadOnlyMemory<long> ShapeOf(TensorValue tensor) => ImmutableCollectionsMarshal.AsArray(tensor.Shape) ?? [];

    /// <summary>Runs the model without a receipt (used by replay, which checks someone else's receipt).</summary>
    internal TensorSet RunCore(TensorSet inputs)
    {
        ValidateInputs(inputs);
        var buffers = RentBuffers();
        try
        {
            return Execute(inputs, buffers, describe: false, out _);
        }
        finally
        {
            ReturnBuffers(buffers);
        }
    }

    /// <summary>
    /// Runs ONNX Runtime on the inputs in the byte order of their names. With <paramref name="describe"/>, the digest
    /// and description of each input go to <paramref name="buffers"/>, taken from the bytes ONNX Runtime reads, just
    /// before it reads them; and when the outputs were written into the thread's output buffers
    /// (<paramref name="outputsHashed"/>), their digests too, from the bytes ONNX Runtime wrote, in the model's order.
    /// </summary>
    private TensorSet Execute(TensorSet inputs, RunBuffers buffers, bool describe, out bool outputsHashed)
    {
        var count = _sortedInputs.Length;
        var values = buffers.Values;
        var prepared = buffers.Prepared;
        var allReused = true;
        try
        {
            for (var i = 0; i < count; i++)
            {
                var info = _sortedInputs[i];
                var tensor = inputs[info.Name];
                ReadOnlySpan<byte> bytes;
                if (buffers.Input(i, tensor) is { } native)
                {
                    // Copied, not pinned in place: the copy is aligned, and what is hashed below is what runs.
                    tensor.RawBytes.CopyTo(native.Bytes);
                    values[i] = native.Value;
                    bytes = native.Bytes;
                }
                else
                {
                    allReused = false;
                    var input = prepared[i] = tensor.ToOrtInput();
                    values[i] = input.Value;
                    bytes = tensor.ElementType == ElementType.String ? default : input.ElementBytes;
                }

                if (describe)
                {
                    buffers.InputDigests[i] = DigestInput(info.Name, tensor, bytes, buffers.InputDigestBytes[i]);
                    buffers.InputTensors[i] = new(info.NameJson, StatementWriter.ElementTypeName(tensor.ElementType), ShapeOf(tensor), buffers.InputDigests[i]);
                }
            }

            var refused = false;
            if (_bindOutputs)
            {
                if (RunIntoBuffers(buffers, describe, allReused) is { } bound)
                {
                    outputsHashed = describe;
                    return bound;
                }

                refused = true;
            }

            outputsHashed = false;
            if (refused)
            {
                Interlocked.Increment(ref _reruns);
            }

            using var results = _session.Run(RunOptionsShared, _sortedInputNames, values, _outputNames);

            // It ran with outputs ONNX Runtime allocated, but not into buffers of the declared shapes: this model's
            // outputs differ from what it declares, and it runs as a model with dynamic outputs from now on.
            if (refused)
            {
                _bindOutputs = false;
            }

            var outputs = new KeyValuePair<string, TensorValue>[_outputNames.Length];
            var o = 0;
            foreach (var result in results)
            {
                outputs[o] = new(_outputNames[o], TensorValue.FromOrtValue(result));
                o++;
            }

            return new TensorSet(outputs);
        }
        catch (OnnxRuntimeException e)
        {
            throw new InferenceFailedException($"ONNX Runtime failed to run '{Name}': {e.Message}", e);
        }
        finally
        {
            for (var i = 0; i < count; i++)
            {
                prepared[i]?.Dispose();
                prepared[i] = null;
                values[i] = null!;
            }
        }
    }

    /// <summary>
    /// Runs with the outputs written into the thread's output buffers (static output shapes), hashes them there when
    /// <paramref name="describe"/>, and copies them out. Null when ONNX Runtime refused to write into buffers of the
    /// declared shapes, or failed (the caller runs it again without the buffers and tells which).
    /// </summary>
    private TensorSet? RunIntoBuffers(RunBuffers buffers, bool describe, bool allInputsReused)
    {
        var shapes = _staticOutputs!;
        var natives = buffers.Outputs(shapes);
        try
        {
            if (allInputsReused)
            {
                _session.RunWithBinding(RunOptionsShared, buffers.Binding(_session, _sortedInputNames, _outputNames));
            }
            else
            {
                _session.Run(RunOptionsShared, _sortedInputNames, buffers.Values, _outputNames, buffers.OutputValues);
            }
        }
        catch (OnnxRuntimeException e) when (IsOutputShapeMismatch(e))
        {
            // The model computed an output of another shape than it declares: it runs again, and from now on, with
            // outputs ONNX Runtime allocates. Any other failure is the run's own and is not run twice.
            return null;
        }

        var outputs = new KeyValuePair<string, TensorValue>[shapes.Length];
        for (var o = 0; o < shapes.Length; o++)
        {
            var shape = shapes[o];
            var bytes = natives[o].Bytes;
            if (describe)
            {
                buffers.ModelOrderOutputDigests[o] = TensorDigest.ComputeRaw(shape.ElementType, shape.Shape, bytes, buffers.OutputDigestBytes[o]);
            }

            outputs[o] = new(_outputNames[o], TensorValue.CopyRaw(shape.ElementType, bytes, shape.SharedShape, shape.ElementCount));
        }

        return new TensorSet(outputs);
    }

    /// <summary>
    /// Whether ONNX Runtime refused a run because an output it computed has another shape than the buffer given for
    /// it (the declared shape). ONNX Runtime tells this only by its message: its code, INVALID_ARGUMENT, is also that
    /// of failures of the model itself (a Gather index out of range), which must not run twice. 1.31 words it "... has
    /// shape {2,3} but the computed output shape for this run is {3,3}"; earlier versions "OrtValue shape
    /// verification failed".
    /// </summary>
    private static bool IsOutputShapeMismatch(OnnxRuntimeException e) =>
        e.Message.Contains("computed output shape", StringComparison.Ordinal)
        || e.Message.Contains("shape verification failed", StringComparison.Ordinal);

    private static Sha256Digest DigestInput(string name, TensorValue tensor, ReadOnlySpan<byte> elementBytes, byte[] into)
    {
        try
        {
            return tensor.ElementType == ElementType.String
                ? TensorDigest.Compute(tensor)
                : TensorDigest.ComputeRaw(tensor.ElementType, tensor.Shape.AsSpan(), elementBytes, into);
        }
        catch (TensorEncodingException e)
        {
            throw new ModelInputException($"The input '{name}' cannot be encoded: {e.Message}", e);
        }
    }

    private void ValidateInputs(TensorSet inputs)
    {
        foreach (var (name, _) in inputs.Items)
        {
            if (!_inputIndex.ContainsKey(name))
            {
                throw new ModelInputException($"'{Name}' has no input named '{name}'. Its inputs are: {string.Join("; ", Inputs)}.");
            }
        }

        foreach (var expected in _inputInfos)
        {
            if (!inputs.TryGetValue(expected.Name, out var tensor))
            {
                throw new ModelInputException($"The input '{expected.Name}' of '{Name}' was not given. Its inputs are: {string.Join("; ", Inputs)}.");
            }

            if (tensor.ElementType != expected.ElementType)
            {
                throw new ModelInputException(
                    $"The input '{expected.Name}' of '{Name}' takes {ElementTypes.ToOnnxName(expected.ElementType)} elements, but {ElementTypes.ToOnnxName(tensor.ElementType)} were given.");
            }

            var fits = tensor.Shape.Length == expected.Shape.Count;
            for (var d = 0; fits && d < tensor.Shape.Length; d++)
            {
                fits = expected.Shape[d] < 0 || expected.Shape[d] == tensor.Shape[d];
            }

            if (!fits)
            {
                throw new ModelInputException(
                    $"The input '{expected.Name}' of '{Name}' has shape {expected}, but a tensor of shape [{string.Join(",", tensor.Shape)}] was given.");
            }
        }
    }

    private static ModelTensorInfo Describe(string name, NodeMetadata metadata)
    {
        if (!metadata.IsTensor)
        {
            throw new ModelLoadException($"The model's value '{name}' is a {metadata.OnnxValueType}; OpenVerify v1 covers dense tensors only.");
        }

        var symbolic = metadata.SymbolicDimensions ?? [];
        return new ModelTensorInfo(
            name,
            (ElementType)(int)metadata.ElementDataType,
            [.. metadata.Dimensions.Select(d => (long)d)],
            [.. metadata.Dimensions.Select((_, i) => i < symbolic.Length ? symbolic[i] ?? string.Empty : string.Empty)]);
    }

    /// <summary>
    /// Closes the model: later runs throw <see cref="ObjectDisposedException"/>. Runs already in flight on other threads
    /// finish with their results and receipts; the ONNX Runtime session is closed when the last of them returns.
    /// </summary>
    public void Dispose()
    {
        var before = Interlocked.Or(ref _state, Disposed);
        if ((before & Disposed) != 0)
        {
            return;
        }

        // Only the idle sets, before the session their bindings were made on: a run in flight frees its own when it
        // returns it (see ReturnBuffers).
        FreeIdleBuffers();

        // A run in flight keeps the session open; the last one to finish closes it (see EndRun).
        if (before == 0)
        {
            CloseSession();
        }
    }
}
