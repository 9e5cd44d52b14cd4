using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using OpenVerify.Analyzers.Generation;
using OpenVerify.Manifest;
using OpenVerify.Onnx;

namespace OpenVerify.Analyzers.Manifest;

/// <summary>A graph input or output as the manifest records it.</summary>
/// <param name="Name">The tensor name.</param>
/// <param name="ElementType">The ONNX element type name (<c>float</c>, <c>int64</c>, …), or the value kind
/// (<c>sequence</c>, <c>map</c>, …) for a value that is not a tensor.</param>
/// <param name="Rank">The rank, or -1 when the model does not say.</param>
/// <param name="Dimensions">The dimensions; -1 where a dimension is symbolic or unknown.</param>
/// <param name="Symbols">The symbolic names of dimensions ("" where fixed or unnamed).</param>
internal sealed record ModelTensor(string Name, string ElementType, int Rank, EquatableArray<long> Dimensions, EquatableArray<string> Symbols)
{
    public bool IsTensor => OnnxElementTypes.IsName(ElementType);

    public bool IsFullyStatic => Rank >= 0 && Dimensions.All(d => d >= 0);

    /// <summary>The shape as people read it: <c>[1,?N,3]</c>, <c>[]</c> for a scalar, <c>[*]</c> when the rank is unknown.</summary>
    public string ShapeText
    {
        get
        {
            if (Rank < 0)
            {
                return "[*]";
            }

            var parts = new string[Rank];
            for (var i = 0; i < Rank; i++)
            {
                parts[i] = Dimensions[i] >= 0
                    ? Dimensions[i].ToString(CultureInfo.InvariantCulture)
                    : Symbols[i].Length > 0 ? Symbols[i] : "?";
            }

            return "[" + string.Join(",", parts) + "]";
        }
    }

    /// <summary><c>name: float[1,4]</c>.</summary>
    public string Display => Name + ": " + ElementType + ShapeText;
}

/// <summary>One model's entry in the manifest: everything the generator and the binder need about it.</summary>
internal sealed record ModelEntry(
    string Path,
    string Digest,
    string TargetPath,
    string ResourceName,
    EquatableArray<ModelTensor> Inputs,
    EquatableArray<ModelTensor> Outputs,
    string? SignatureDigest = null,
    string? PublisherKeyId = null);

/// <summary>Reads the line-based model manifest the MSBuild task writes (docs/spec/model-manifest.md).</summary>
internal static class ModelManifest
{
    /// <summary>Whether an AdditionalFile is the manifest.</summary>
    public static bool IsManifest(string path) =>
        string.Equals(System.IO.Path.GetFileName(path), ManifestText.FileName, StringComparison.OrdinalIgnoreCase);

    /// <summary>The model entries of a manifest; lines this version does not understand are skipped.</summary>
    public static IReadOnlyList<ModelEntry> Parse(string text)
    {
        var entries = new List<ModelEntry>();
        foreach (var rawLine in text.Split('\n'))
        {
            var line = rawLine.TrimEnd('\r');
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var entry = ParseLine(line);
            if (entry is not null)
            {
                entries.Add(entry);
            }
        }

        return entries;
    }

    private static ModelEntry? ParseLine(string line)
    {
        var values = ManifestText.ReadModelLine(line);
        if (values is null)
        {
            return null;
        }

        // A model of another format (format=mlnet: an ML.NET zip the build gate pins) has no ONNX inputs or outputs
        // for [VerifiedInference] to bind; only ONNX lines (no format field) are models here.
        if (values.TryGetValue("format", out var format) && format != "onnx")
        {
            return null;
        }

        var path = Text(values, "path");
        var digest = Text(values, "digest");
        if (string.IsNullOrEmpty(path) || string.IsNullOrEmpty(digest))
        {
            return null;
        }

        var inputs = Tensors(values.TryGetValue("inputs", out var i0) ? i0 : string.Empty);
        var outputs = Tensors(values.TryGetValue("outputs", out var o0) ? o0 : string.Empty);
        if (inputs is null || outputs is null)
        {
            return null;
        }

        var target = Text(values, "target");
        // The verified model signature (written by the task only when the trust policy accepted it): both or neither.
        var signature = Text(values, "signature");
        var publisher = Text(values, "publisher");
        if (string.IsNullOrEmpty(signature) || string.IsNullOrEmpty(publisher))
        {
            signature = null;
            publisher = null;
        }

        return new ModelEntry(path!, digest!, string.IsNullOrEmpty(target) ? path! : target!, Text(values, "resource") ?? string.Empty, inputs.Value, outputs.Value, signature, publisher);
    }

    private static string? Text(Dictionary<string, string> values, string key) =>
        values.TryGetValue(key, out var value) ? ManifestText.Unescape(value) : null;

    private static EquatableArray<ModelTensor>? Tensors(string text)
    {
        var tensors = new List<ModelTensor>();
        if (text.Length == 0)
        {
            return tensors.ToEquatableArray();
        }

        foreach (var part in text.Split(';'))
        {
            var colon = part.IndexOf(':');
            if (colon <= 0)
            {
                return null;
            }

            var name = ManifestText.Unescape(part.Substring(0, colon));
            var rest = part.Substring(colon + 1);
            if (name is null)
            {
                return null;
            }

            if (rest.EndsWith("*", StringComparison.Ordinal))
            {
                tensors.Add(new ModelTensor(name, rest.Substring(0, rest.Length - 1), -1, EquatableArray<long>.Empty, EquatableArray<string>.Empty));
                continue;
            }

            var open = rest.IndexOf('[');
            if (open <= 0 || !rest.EndsWith("]", StringComparison.Ordinal))
            {
                return null;
            }

            var type = rest.Substring(0, open);
            var dimsText = rest.Substring(open + 1, rest.Length - open - 2);
            var dims = new List<long>();
            var symbols = new List<string>();
            if (dimsText.Length > 0)
            {
                foreach (var dim in dimsText.Split(','))
                {
                    if (dim.StartsWith("?", StringComparison.Ordinal))
                    {
                        dims.Add(-1);
                        symbols.Add(ManifestText.Unescape(dim.Substring(1)) ?? string.Empty);
                    }
                    else if (long.TryParse(dim, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
                    {
                        dims.Add(value);
                        symbols.Add(string.Empty);
                    }
                    else
                    {
                        return null;
                    }
                }
            }

            tensors.Add(new ModelTensor(name, type, dims.Count, dims.ToEquatableArray(), symbols.ToEquatableArray()));
        }

        return tensors.ToEquatableArray();
    }
}

/// <summary>How manifest tensor names match C# names.</summary>
internal static class ManifestElementTypes
{
    /// <summary>The name used to bind parameters and members to tensors: case ignored, and the separators
    /// <c>_ . : /</c> removed.</summary>
    public static string NormalizeName(string name)
    {
        var builder = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            if (c != '_' && c != '.' && c != ':' && c != '/')
            {
                builder.Append(char.ToLowerInvariant(c));
            }
        }

        return builder.ToString();
    }
}
