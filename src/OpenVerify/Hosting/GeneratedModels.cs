using System.Collections.Concurrent;
using System.ComponentModel;
using System.Reflection;
using System.Runtime.InteropServices;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace OpenVerify.Hosting;

/// <summary>
/// What code generated for <c>[VerifiedInference]</c> methods calls: it loads each model pinned to the digest recorded
/// at build time, and converts parameters and results to and from tensors without copying where ONNX Runtime allows.
/// Not meant to be called by hand; use <see cref="VerifiedModel"/> directly instead.
/// </summary>
/// <remarks>
/// A model is found, in this order: under <see cref="OpenVerifyRuntime.ModelDirectory"/> or <c>OPENVERIFY_MODEL_DIR</c>
/// at its target path when either is set; as the embedded resource the build made of it (<c>Embed="true"</c>); under
/// <see cref="AppContext.BaseDirectory"/> at its target path. Whatever the source, bytes whose SHA-256 is not the
/// pinned digest are refused with <see cref="ModelDigestMismatchException"/>. Loaded models are cached by digest for the
/// life of the process; a failed load is not cached, so a fixed file is picked up by the next call.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class GeneratedModels
{
    // Keyed by the digest text the generated code passes (a constant), so a call after the first one neither parses
    // the digest nor allocates.
    private static readonly ConcurrentDictionary<string, Lazy<VerifiedModel>> Cache = new(StringComparer.Ordinal);

    /// <summary>The loaded model with this digest, loading it on first use.</summary>
    /// <param name="modelPath">The model's project-relative path: its name in receipts and messages.</param>
    /// <param name="targetPath">Where the build put the model, relative to the output folder.</param>
    /// <param name="digest">The pinned digest, <c>sha256:&lt;hex&gt;</c>.</param>
    /// <param name="resourceName">The embedded resource holding the model, or null when it is a file.</param>
    /// <param name="assembly">The assembly that holds the embedded resource (the caller's).</param>
    /// <exception cref="ModelLoadException">The model cannot be found, read or loaded.</exception>
    /// <exception cref="ModelDigestMismatchException">The model's bytes are not the ones the build pinned.</exception>
    public static VerifiedModel Get(string modelPath, string targetPath, string digest, string? resourceName, Assembly assembly) =>
        Get(modelPath, targetPath, digest, resourceName, assembly, signatureDigest: null, publisherKeyId: null);

    /// <summary>The loaded model with this digest, loading it on first use, with the publisher signature the build
    /// verified against the trust policy (recorded in every receipt of the model).</summary>
    /// <param name="modelPath">The model's project-relative path: its name in receipts and messages.</param>
    /// <param name="targetPath">Where the build put the model, relative to the output folder.</param>
    /// <param name="digest">The pinned digest, <c>sha256:&lt;hex&gt;</c>.</param>
    /// <param name="resourceName">The embedded resource holding the model, or null when it is a file.</param>
    /// <param name="assembly">The assembly that holds the embedded resource (the caller's).</param>
    /// <param name="signatureDigest">The digest of the verified signature bundle, <c>sha256:&lt;hex&gt;</c>, or null.</param>
    /// <param name="publisherKeyId">The key id of the publisher whose signature verified, or null.</param>
    /// <exception cref="ModelLoadException">The model cannot be found, read or loaded.</exception>
    /// <exception cref="ModelDigestMismatchException">The model's bytes are not the ones the build pinned.</exception>
    public static VerifiedModel Get(string modelPath, string targetPath, string digest, string? resourceName, Assembly assembly, string? signatureDigest, string? publisherKeyId)
    {
        ArgumentNullException.ThrowIfNull(modelPath);
        ArgumentNullException.ThrowIfNull(targetPath);
        ArgumentNullException.ThrowIfNull(assembly);
        ArgumentNullException.ThrowIfNull(digest);
        if (Cache.TryGetValue(digest, out var cached) && cached.IsValueCreated)
        {
            return cached.Value;
        }

        var pinned = Sha256Digest.Parse(digest);
        var signature = signatureDigest is null ? (Sha256Digest?)null : Sha256Digest.Parse(signatureDigest);
        var lazy = Cache.GetOrAdd(digest, _ => new Lazy<VerifiedModel>(() => Load(modelPath, targetPath, pinned, resourceName, assembly, signature, publisherKeyId)));
        try
        {
            return lazy.Value;
        }
        catch
        {
            Cache.TryRemove(new KeyValuePair<string, Lazy<VerifiedModel>>(digest, lazy));
            throw;
        }
    }

    private static VerifiedModel Load(string modelPath, string targetPath, Sha256Digest pinned, string? resourceName, Assembly assembly, Sha256Digest? signatureDigest, string? publisherKeyId)
    {
        var options = new VerifiedModelOptions { ExpectedDigest = pinned, Name = modelPath, SignatureDigest = signatureDigest, PublisherKeyId = publisherKeyId };
        var overridden = !string.IsNullOrEmpty(OpenVerifyRuntime.ModelDirectory) ||
            !string.IsNullOrEmpty(Environment.GetEnvironmentVariable(OpenVerifyRuntime.ModelDirectoryEnvironmentVariable));
        if (resourceName is not null && !overridden)
        {
            using var stream = assembly.GetManifestResourceStream(resourceName)
                ?? throw new ModelLoadException($"The model '{modelPath}' should be the embedded resource '{resourceName}' of {assembly.GetName().Name}, which has no such resource.");
            using var buffer = new MemoryStream(checked((int)stream.Length));
            stream.CopyTo(buffer);
            return VerifiedModel.FromBytes(buffer.GetBuffer().Length == buffer.Length ? buffer.GetBuffer() : buffer.ToArray(), options);
        }

        var path = Path.Combine(OpenVerifyRuntime.ResolveModelDirectory(), targetPath.Replace('/', Path.DirectorySeparatorChar));
        if (!File.Exists(path))
        {
            throw new ModelLoadException(
                $"The model '{modelPath}' was not found at '{path}'. The build copies it to the output folder at '{targetPath}'; " +
                $"set OpenVerifyRuntime.ModelDirectory or {OpenVerifyRuntime.ModelDirectoryEnvironmentVariable} when it lives elsewhere.");
        }

        return VerifiedModel.Load(path, options);
    }

    /// <summary>Wraps an array as an input tensor without copying. One dimension of <paramref name="shape"/> may be -1:
    /// it is inferred from the length.</summary>
    public static TensorValue Input<T>(T[] data, long[] shape, string parameter) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(data, parameter);
        return TensorValue.Create<T>(data.AsMemory(), Resolve(shape, data.Length, parameter));
    }

    /// <summary>Wraps memory as an input tensor without copying.</summary>
    public static TensorValue Input<T>(Memory<T> data, long[] shape, string parameter) where T : unmanaged =>
        TensorValue.Create(data, Resolve(shape, data.Length, parameter));

    /// <summary>Wraps read-only memory as an input tensor without copying (ONNX Runtime does not write inputs).</summary>
    public static TensorValue Input<T>(ReadOnlyMemory<T> data, long[] shape, string parameter) where T : unmanaged =>
        TensorValue.Create(MemoryMarshal.AsMemory(data), Resolve(shape, data.Length, parameter));

    /// <summary>Wraps an ONNX Runtime dense tensor as an input, with its own shape, without copying.</summary>
    public static TensorValue Input<T>(DenseTensor<T> tensor, string parameter) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(tensor, parameter);
        if (tensor.IsReversedStride)
        {
            throw new ArgumentException("The tensor has reversed strides; pass a row-major tensor.", parameter);
        }

        var dims = tensor.Dimensions;
        var shape = new long[dims.Length];
        for (var i = 0; i < dims.Length; i++)
        {
            shape[i] = dims[i];
        }

        return TensorValue.Create(tensor.Buffer, shape);
    }

    /// <summary>A string input tensor.</summary>
    public static TensorValue StringInput(string[] data, long[] shape, string parameter)
    {
        ArgumentNullException.ThrowIfNull(data, parameter);
        return TensorValue.CreateStrings(data, Resolve(shape, data.Length, parameter));
    }

    /// <summary>A rank-0 input tensor.</summary>
    public static TensorValue ScalarInput<T>(T value) where T : unmanaged => TensorValue.Scalar(value);

    /// <summary>A rank-0 string input tensor.</summary>
    public static TensorValue StringScalarInput(string value, string parameter)
    {
        ArgumentNullException.ThrowIfNull(value, parameter);
        return TensorValue.CreateStrings([value]);
    }

    /// <summary>An output's elements as an array (the runtime's own buffer, not a copy).</summary>
    public static T[] OutputArray<T>(TensorSet outputs, string name) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(outputs);
        var memory = outputs.Get<T>(name).Memory;
        return MemoryMarshal.TryGetArray<T>(memory, out var segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length
            ? segment.Array
            : memory.ToArray();
    }

    /// <summary>A string output's elements.</summary>
    public static string[] OutputStringArray(TensorSet outputs, string name)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        return outputs[name] is StringTensorValue strings
            ? [.. strings.Values]
            : throw new InvalidCastException($"The output '{name}' is {outputs[name]}, not a string tensor.");
    }

    /// <summary>An output as an ONNX Runtime dense tensor with the output's shape, over the runtime's buffer.</summary>
    public static DenseTensor<T> OutputTensor<T>(TensorSet outputs, string name) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(outputs);
        var tensor = outputs.Get<T>(name);
        var dims = new int[tensor.Shape.Length];
        for (var i = 0; i < dims.Length; i++)
        {
            dims[i] = checked((int)tensor.Shape[i]);
        }

        return new DenseTensor<T>(tensor.Memory, dims);
    }

    /// <summary>A rank-0 (or one-element) output's value.</summary>
    public static T OutputScalar<T>(TensorSet outputs, string name) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(outputs);
        var tensor = outputs.Get<T>(name);
        return tensor.ElementCount == 1 ? tensor.Span[0] : throw new InvalidOperationException($"The output '{name}' is {tensor}, not one value.");
    }

    /// <summary>A rank-0 (or one-element) string output's value.</summary>
    public static string OutputStringScalar(TensorSet outputs, string name)
    {
        var values = OutputStringArray(outputs, name);
        return values.Length == 1 ? values[0] : throw new InvalidOperationException($"The output '{name}' holds {values.Length} strings, not one.");
    }

    /// <summary>Runs a generated method's body on the thread pool, for <c>Task</c> and <c>ValueTask</c> returns.</summary>
    public static Task<T> RunAsync<T>(Func<T> body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        return cancellationToken.IsCancellationRequested ? Task.FromCanceled<T>(cancellationToken) : Task.Run(body, cancellationToken);
    }

    /// <summary>The shape with its -1 dimension (if any) inferred from the element count.</summary>
    private static long[] Resolve(long[] shape, int length, string parameter)
    {
        var inferred = Array.IndexOf(shape, -1L);
        if (inferred < 0)
        {
            return shape;
        }

        long known = 1;
        for (var i = 0; i < shape.Length; i++)
        {
            if (i != inferred)
            {
                known = checked(known * shape[i]);
            }
        }

        if (known == 0 || length % known != 0)
        {
            throw new ArgumentException(
                $"'{parameter}' holds {length} elements, which do not fill the shape [{string.Join(",", shape)}] (the -1 dimension is inferred from the length).", parameter);
        }

        var resolved = (long[])shape.Clone();
        resolved[inferred] = length / known;
        return resolved;
    }
}
