using System.Globalization;
using System.Text;
using Microsoft.ML.OnnxRuntime;

namespace OpenVerify;

/// <summary>Graph optimization levels a verified session may use.</summary>
public enum GraphOptimization
{
    /// <summary>No optimization.</summary>
    Disabled,
    /// <summary>Basic optimizations.</summary>
    Basic,
    /// <summary>Extended optimizations.</summary>
    Extended,
    /// <summary>All optimizations (ONNX Runtime's default).</summary>
    All,
}

/// <summary>
/// The allow-listed session configuration of a verified model. Nothing outside this list reaches ONNX Runtime's
/// <c>SessionOptions</c>: no custom operator libraries, no injected initializers, no free-form config entries. The
/// canonical text is hashed into every receipt, and replay uses it.
/// </summary>
public sealed record SessionConfiguration
{
    /// <summary>The domain-separation prefix of the configuration digest.</summary>
    public const string DigestDomain = "OpenVerify/session-config/v1\0";

    /// <summary>The graph optimization level. Default: all.</summary>
    public GraphOptimization GraphOptimization { get; init; } = GraphOptimization.All;

    /// <summary>Threads inside one operator. Default 1 (reproducible); 0 lets ONNX Runtime choose.</summary>
    public int IntraOpThreads { get; init; } = 1;

    /// <summary>Threads across operators (parallel mode only). Default 1.</summary>
    public int InterOpThreads { get; init; } = 1;

    /// <summary>Run operators in parallel. Default false (sequential).</summary>
    public bool ParallelExecution { get; init; }

    /// <summary>The execution provider. v1 allows <c>cpu</c> only.</summary>
    public string ExecutionProvider { get; init; } = "cpu";

    /// <summary>The default configuration.</summary>
    public static SessionConfiguration Default { get; } = new();

    /// <summary>
    /// The canonical text: one <c>key=value</c> line per setting, keys in ASCII order, each line ending in <c>\n</c>.
    /// </summary>
    public string ToCanonicalText()
    {
        Validate();
        var text = new StringBuilder();
        text.Append("execution_mode=").Append(ParallelExecution ? "parallel" : "sequential").Append('\n');
        text.Append("execution_provider=").Append(ExecutionProvider).Append('\n');
        text.Append("graph_optimization_level=").Append(GraphOptimization.ToString().ToLowerInvariant()).Append('\n');
        text.Append("inter_op_threads=").Append(InterOpThreads.ToString(CultureInfo.InvariantCulture)).Append('\n');
        text.Append("intra_op_threads=").Append(IntraOpThreads.ToString(CultureInfo.InvariantCulture)).Append('\n');
        return text.ToString();
    }

    /// <summary>SHA-256 of <c>"OpenVerify/session-config/v1\0" ‖ canonical text (UTF-8)</c>.</summary>
    public Sha256Digest ComputeDigest() => ComputeDigest(ToCanonicalText());

    internal static Sha256Digest ComputeDigest(string canonicalText) =>
        Sha256Digest.Compute(Encoding.UTF8.GetBytes(DigestDomain + canonicalText));

    /// <summary>Reads the canonical text back; refuses unknown keys, duplicates and anything not canonical.</summary>
    /// <exception cref="FormatException">The text is not a canonical configuration.</exception>
    public static SessionConfiguration ParseCanonicalText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!text.EndsWith('\n'))
        {
            throw new FormatException("The session configuration text must end with a newline.");
        }

        foreach (var line in text[..^1].Split('\n'))
        {
            var eq = line.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0 || !values.TryAdd(line[..eq], line[(eq + 1)..]))
            {
                throw new FormatException($"The session configuration line '{line}' is malformed or repeated.");
            }
        }

        string Take(string key) => values.Remove(key, out var v) ? v : throw new FormatException($"The session configuration lacks '{key}'.");
        static int Int(string key, string v) => int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : throw new FormatException($"'{key}' must be a non-negative integer, not '{v}'.");

        var mode = Take("execution_mode");
        var config = new SessionConfiguration
        {
            ParallelExecution = mode switch { "parallel" => true, "sequential" => false, _ => throw new FormatException($"Unknown execution_mode '{mode}'.") },
            ExecutionProvider = Take("execution_provider"),
            GraphOptimization = Take("graph_optimization_level") switch
            {
                "disabled" => GraphOptimization.Disabled,
                "basic" => GraphOptimization.Basic,
                "extended" => GraphOptimization.Extended,
                "all" => GraphOptimization.All,
                var other => throw new FormatException($"Unknown graph_optimization_level '{other}'."),
            },
            InterOpThreads = Int("inter_op_threads", Take("inter_op_threads")),
            IntraOpThreads = Int("intra_op_threads", Take("intra_op_threads")),
        };
        if (values.Count > 0)
        {
            throw new FormatException($"The session configuration has keys OpenVerify does not allow: {string.Join(", ", values.Keys)}.");
        }

        if (!string.Equals(config.ToCanonicalText(), text, StringComparison.Ordinal))
        {
            throw new FormatException("The session configuration text is not in canonical form.");
        }

        return config;
    }

    private void Validate()
    {
        if (!string.Equals(ExecutionProvider, "cpu", StringComparison.Ordinal))
        {
            throw new ArgumentException($"Execution provider '{ExecutionProvider}' is not allowed; OpenVerify v1 runs verified models on 'cpu' only.");
        }

        if (IntraOpThreads < 0 || InterOpThreads < 0)
        {
            throw new ArgumentException("Thread counts must not be negative.");
        }
    }

    internal SessionOptions CreateSessionOptions()
    {
        Validate();
        var options = new SessionOptions
        {
            GraphOptimizationLevel = GraphOptimization switch
            {
                GraphOptimization.Disabled => GraphOptimizationLevel.ORT_DISABLE_ALL,
                GraphOptimization.Basic => GraphOptimizationLevel.ORT_ENABLE_BASIC,
                GraphOptimization.Extended => GraphOptimizationLevel.ORT_ENABLE_EXTENDED,
                _ => GraphOptimizationLevel.ORT_ENABLE_ALL,
            },
            IntraOpNumThreads = IntraOpThreads,
            InterOpNumThreads = InterOpThreads,
            ExecutionMode = ParallelExecution ? ExecutionMode.ORT_PARALLEL : ExecutionMode.ORT_SEQUENTIAL,
            LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR,
        };
        return options;
    }
}
