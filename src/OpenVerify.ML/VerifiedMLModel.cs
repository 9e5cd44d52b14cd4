using System.Reflection;
using Microsoft.ML;
using Microsoft.ML.Data;
using OpenVerify.Batching;

namespace OpenVerify.ML;

/// <summary>A column of an ML.NET model's schema as receipts map it.</summary>
/// <param name="Name">The schema's column name (the name in receipts).</param>
/// <param name="Type">The ML.NET column type, as ML.NET writes it.</param>
/// <param name="ElementType">The tensor element type receipts use for it; null when receipts cannot cover the type.</param>
public sealed record MLColumnInfo(string Name, string Type, ElementType? ElementType)
{
    /// <inheritdoc />
    public override string ToString() =>
        $"{Name}: {Type} -> {(ElementType is { } e ? ElementTypes.ToOnnxName(e) : "(not covered by receipts)")}";
}

/// <summary>
/// An ML.NET model (<c>.zip</c>) loaded for verified predictions. It reads the file once, checks the pinned SHA-256 before
/// ML.NET sees the bytes, and loads the transformer from those same bytes. Its prediction engines return every
/// prediction with a signed receipt (docs/spec/mlnet-v1.md), and it replays ML.NET receipts for
/// <see cref="ReceiptVerifier"/> (<see cref="ReceiptVerificationOptions.Replayer"/>). It keeps the <c>.zip</c> bytes
/// (<see cref="Save(Stream)"/>). Thread-safe.
/// </summary>
public sealed class VerifiedMLModel : IReceiptReplayer
{
    /// <summary>The model's .zip bytes, exactly those <see cref="Digest"/> names (owned: never a caller's buffer).</summary>
    private readonly byte[] _bytes;

    private VerifiedMLModel(MLContext context, ITransformer transformer, DataViewSchema inputSchema, Sha256Digest digest, string name, byte[] bytes)
    {
        _bytes = bytes;
        Context = context;
        Transformer = transformer;
        InputSchema = inputSchema;
        OutputSchema = transformer.GetOutputSchema(inputSchema);
        Digest = digest;
        Name = name;
        Writer = new MLNetReceiptWriter(name, digest, MLNetVersion);
    }

    /// <summary>The ML.NET version that runs models (for example <c>5.0.1</c>), recorded in receipts.</summary>
    public static string MLNetVersion { get; } =
        typeof(MLContext).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? typeof(MLContext).Assembly.GetName().Version?.ToString(3) ?? "unknown";

    /// <summary>The SHA-256 of the model <c>.zip</c> bytes that were loaded.</summary>
    public Sha256Digest Digest { get; }

    /// <summary>The model's name in receipts.</summary>
    public string Name { get; }

    /// <summary>The ML.NET context the model was loaded with.</summary>
    public MLContext Context { get; }

    /// <summary>The loaded transformer. Predictions made through it directly carry no receipt.</summary>
    public ITransformer Transformer { get; }

    /// <summary>The input schema saved with the model.</summary>
    public DataViewSchema InputSchema { get; }

    /// <summary>The schema the model produces from <see cref="InputSchema"/>.</summary>
    public DataViewSchema OutputSchema { get; }

    /// <summary>The model's input columns (visible ones), as receipts map them.</summary>
    public IReadOnlyList<MLColumnInfo> Inputs => Describe(InputSchema, null);

    /// <summary>The columns the model adds or replaces (visible ones), as receipts map them.</summary>
    public IReadOnlyList<MLColumnInfo> Outputs => Describe(OutputSchema, InputSchema);

    /// <summary>Writes this model's receipts.</summary>
    internal MLNetReceiptWriter Writer { get; }

    string IReceiptReplayer.PayloadType => MLNetReceipts.PayloadType;

    /// <summary>Reads a model file once and loads it from those bytes.</summary>
    /// <exception cref="ModelLoadException">The file cannot be read or is not an ML.NET model.</exception>
    /// <exception cref="ModelDigestMismatchException">The bytes do not have <paramref name="expectedDigest"/>.</exception>
    public static VerifiedMLModel Load(MLContext mlContext, string path, Sha256Digest? expectedDigest = null)
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

        return Create(mlContext, bytes, Path.GetFileName(path), expectedDigest);
    }

    /// <summary>Reads a model from a stream (to its end) once and loads it from those bytes.</summary>
    /// <exception cref="ModelLoadException">The bytes are not an ML.NET model.</exception>
    /// <exception cref="ModelDigestMismatchException">The bytes do not have <paramref name="expectedDigest"/>.</exception>
    public static VerifiedMLModel Load(MLContext mlContext, Stream stream, string name, Sha256Digest? expectedDigest = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return Create(mlContext, copy.ToArray(), name, expectedDigest);
    }

    /// <summary>Loads a model embedded in an assembly as a manifest resource.</summary>
    /// <exception cref="ModelLoadException">The resource does not exist or is not an ML.NET model.</exception>
    /// <exception cref="ModelDigestMismatchException">The bytes do not have <paramref name="expectedDigest"/>.</exception>
    public static VerifiedMLModel LoadEmbedded(MLContext mlContext, Assembly assembly, string resourceName, Sha256Digest? expectedDigest = null)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        ArgumentNullException.ThrowIfNull(resourceName);
        using var stream = assembly.GetManifestResourceStream(resourceName)
            ?? throw new ModelLoadException($"The assembly '{assembly.GetName().Name}' has no resource '{resourceName}'. Its resources are: {string.Join(", ", assembly.GetManifestResourceNames())}.");
        return Load(mlContext, stream, resourceName, expectedDigest);
    }

    /// <summary>
    /// Loads a model from bytes: copies them, hashes the copy, checks the pinned digest, and gives ML.NET a read-only
    /// stream over the same copy (which the model keeps for <see cref="Save(Stream)"/>).
    /// </summary>
    /// <exception cref="ModelLoadException">The bytes are not an ML.NET model.</exception>
    /// <exception cref="ModelDigestMismatchException">The bytes do not have <paramref name="expectedDigest"/>.</exception>
    public static VerifiedMLModel FromBytes(MLContext mlContext, byte[] model, string name, Sha256Digest? expectedDigest = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        return Create(mlContext, (byte[])model.Clone(), name, expectedDigest);
    }

    /// <summary>
    /// Pins a model trained in this program (<c>pipeline.Fit(data)</c>): ML.NET saves it with its input schema
    /// (<c>data.Schema</c>) into memory, and the model is loaded back from those bytes, so <see cref="Digest"/> names
    /// exactly the model that predicts. Write the same bytes with <see cref="Save(string)"/> so that a verifier can load
    /// the model with that digest and replay its receipts.
    /// </summary>
    /// <exception cref="ModelLoadException">ML.NET cannot save or load the model.</exception>
    public static VerifiedMLModel FromTransformer(MLContext mlContext, ITransformer model, DataViewSchema inputSchema, string name)
    {
        ArgumentNullException.ThrowIfNull(mlContext);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(inputSchema);
        ArgumentNullException.ThrowIfNull(name);
        using var zip = new MemoryStream();
        try
        {
            mlContext.Model.Save(model, inputSchema, zip);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or NotSupportedException or IOException)
        {
            throw new ModelLoadException($"ML.NET cannot save '{name}': {e.Message}", e);
        }

        return Create(mlContext, zip.ToArray(), name, null);
    }

    /// <summary>Writes the model's .zip bytes, exactly those <see cref="Digest"/> names.</summary>
    public void Save(Stream destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        destination.Write(_bytes);
    }

    /// <summary>Writes the model's .zip bytes, exactly those <see cref="Digest"/> names, to a file (replacing it).</summary>
    public void Save(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        File.WriteAllBytes(path, _bytes);
    }

    /// <summary>Loads a model from bytes this class owns (read or copied by it, never changed afterwards).</summary>
    private static VerifiedMLModel Create(MLContext mlContext, byte[] model, string name, Sha256Digest? expectedDigest)
    {
        ArgumentNullException.ThrowIfNull(mlContext);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(name);
        var digest = Sha256Digest.Compute(model);
        if (expectedDigest is { } expected && expected != digest)
        {
            throw new ModelDigestMismatchException(name, expected, digest);
        }

        if (!MLNetZip.LooksLikeModel(model, out var why))
        {
            throw new ModelLoadException($"'{name}' is not an ML.NET model: {why}.");
        }

        ITransformer transformer;
        DataViewSchema inputSchema;
        try
        {
            using var stream = new MemoryStream(model, writable: false);
            transformer = mlContext.Model.Load(stream, out inputSchema);
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or InvalidDataException or IOException or ArgumentException or NotSupportedException)
        {
            throw new ModelLoadException($"ML.NET cannot load '{name}': {e.Message}", e);
        }

        if (inputSchema is null)
        {
            throw new ModelLoadException($"'{name}' was saved without its input schema; save it with MLContext.Model.Save(model, inputSchema, path) so that receipts can name its input columns.");
        }

        if (PathReadingSteps.Check(transformer, name) is { } readsFiles)
        {
            throw readsFiles;
        }

        return new VerifiedMLModel(mlContext, transformer, inputSchema, digest, name, model);
    }

    /// <summary>Creates a verified prediction engine (not thread-safe, like ML.NET's; use
    /// <see cref="CreatePredictionEnginePool{TIn, TOut}"/> from many threads).</summary>
    /// <exception cref="ModelLoadException">A column of <typeparamref name="TIn"/> or <typeparamref name="TOut"/> has a type
    /// receipts do not cover, or ML.NET cannot map the classes to the model's schema.</exception>
    public VerifiedPredictionEngine<TIn, TOut> CreatePredictionEngine<TIn, TOut>()
        where TIn : class
        where TOut : class, new() => new(this);

    /// <summary>Creates a thread-safe pool of verified prediction engines (what ML.NET's <c>PredictionEnginePool</c>
    /// gives ASP.NET Core apps).</summary>
    public VerifiedPredictionEnginePool<TIn, TOut> CreatePredictionEnginePool<TIn, TOut>()
        where TIn : class
        where TOut : class, new() => new(this);

    /// <summary>
    /// Scores every row of <paramref name="data"/> and signs one receipt per row. The inputs of a row are the model's input
    /// columns present in <paramref name="data"/>; its outputs are <paramref name="outputColumns"/> of the model's output.
    /// </summary>
    /// <exception cref="ModelInputException">A column is missing or has a type receipts do not cover.</exception>
    /// <exception cref="InferenceFailedException">ML.NET failed.</exception>
    public IReadOnlyList<Attested<TensorSet>> Score(IDataView data, IReadOnlyList<string> outputColumns, InferenceOptions? options = null)
    {
        var rows = ScoreRows(data, outputColumns);
        return [.. rows.Select(r => new Attested<TensorSet>(r.Outputs, Writer.Sign(r.Inputs, r.Outputs, options)))];
    }

    /// <summary>Like <see cref="Score"/>, but signs all rows as one Merkle batch (docs/spec/batch-v1.md): one signature,
    /// and each receipt carries its inclusion proof.</summary>
    public IReadOnlyList<Attested<TensorSet>> ScoreBatched(IDataView data, IReadOnlyList<string> outputColumns, ISigner signer, InferenceOptions? options = null)
    {
        var rows = ScoreRows(data, outputColumns);
        if (rows.Count == 0)
        {
            return [];
        }

        var receipts = Writer.SignBatch(rows, signer, options);
        return [.. rows.Select((r, i) => new Attested<TensorSet>(r.Outputs, receipts[i]))];
    }

    private List<(TensorSet Inputs, TensorSet Outputs)> ScoreRows(IDataView data, IReadOnlyList<string> outputColumns)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(outputColumns);
        var inputColumns = InputSchema.Where(c => !c.IsHidden && data.Schema.GetColumnOrNull(c.Name) is not null).Select(c => data.Schema[c.Name]).ToList();
        var inputs = ReadRows(data, inputColumns, InputSchema);
        IDataView scored;
        try
        {
            scored = Transformer.Transform(data);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or FormatException)
        {
            throw new InferenceFailedException($"ML.NET cannot score the data with '{Name}': {e.Message}", e);
        }

        var outputs = ReadRows(scored, [.. outputColumns.Select(n => OutputColumn(scored.Schema, n))], scored.Schema);
        return [.. inputs.Zip(outputs)];
    }

    private DataViewSchema.Column OutputColumn(DataViewSchema schema, string name) =>
        schema.GetColumnOrNull(name) ?? throw new ModelInputException($"'{Name}' produces no column '{name}'. It produces: {string.Join(", ", Outputs.Select(o => o.Name))}.");

    private List<TensorSet> ReadRows(IDataView view, IReadOnlyList<DataViewSchema.Column> columns, DataViewSchema types)
    {
        var rows = new List<TensorSet>();
        try
        {
            using var cursor = view.GetRowCursor(columns);
            while (cursor.MoveNext())
            {
                rows.Add(new TensorSet(columns.Select(c => new KeyValuePair<string, TensorValue>(c.Name, RowTensors.FromValue(c.Name, types[c.Name].Type, RowTensors.ReadCell(cursor, c))))));
            }
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or FormatException)
        {
            throw new InferenceFailedException($"ML.NET failed to run '{Name}': {e.Message}", e);
        }

        return rows;
    }

    /// <summary>
    /// An input row given as a JSON object (column name → value) as receipts name it: numbers for number and key
    /// columns, <c>true</c>/<c>false</c> for Boolean columns, strings for text, arrays for vectors. For replaying a
    /// receipt from its input row (<c>openverify verify --replay</c>).
    /// </summary>
    /// <exception cref="ModelInputException">The text is not a JSON object, or a value does not fit its column.</exception>
    public TensorSet ReadInputRow(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return JsonRows.Read(InputSchema, json, Name);
    }

    /// <summary>Runs the model on a receipt's input row and reads the named output columns, without a receipt.</summary>
    /// <exception cref="ModelInputException">An input is not a column of the model, or does not fit its type.</exception>
    /// <exception cref="InferenceFailedException">ML.NET failed.</exception>
    public TensorSet Replay(TensorSet inputs, IReadOnlyCollection<string> outputNames)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(outputNames);
        var view = new TensorRowDataView(InputSchema, inputs);
        IDataView scored;
        try
        {
            scored = Transformer.Transform(view);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or FormatException)
        {
            throw new InferenceFailedException($"ML.NET cannot run '{Name}' on the receipt's inputs: {e.Message}", e);
        }

        var columns = outputNames.Select(n => OutputColumn(scored.Schema, n)).ToList();
        var rows = ReadRows(scored, columns, scored.Schema);
        return rows.Count == 1 ? rows[0] : throw new InferenceFailedException($"'{Name}' produced {rows.Count} rows from one input row.");
    }

    private static List<MLColumnInfo> Describe(DataViewSchema schema, DataViewSchema? except)
    {
        var columns = new List<MLColumnInfo>();
        foreach (var column in schema.Where(c => !c.IsHidden))
        {
            if (except?.GetColumnOrNull(column.Name) is { } input && input.Type.Equals(column.Type) && schema.Count(c => c.Name == column.Name) == 1)
            {
                continue;
            }

            ElementType? elementType;
            try
            {
                elementType = RowTensors.ElementTypeOf(column.Name, column.Type);
            }
            catch (ModelLoadException)
            {
                elementType = null;
            }

            columns.Add(new MLColumnInfo(column.Name, column.Type.ToString() ?? string.Empty, elementType));
        }

        return columns;
    }
}
