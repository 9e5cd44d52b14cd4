using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using OpenVerify.Analyzers.Manifest;
using OpenVerify.Manifest;

namespace OpenVerify.Analyzers.Generation;

/// <summary>The model entries of the project's manifest, and whether there is one at all.</summary>
internal sealed record ManifestSnapshot(bool Found, EquatableArray<ModelEntry> Entries)
{
    public ModelEntry? Find(string modelPath) => Entries.FirstOrDefault(e => e.Path == modelPath);

    /// <summary>The entries of every manifest text given, one per model path, sorted by path.</summary>
    public static ManifestSnapshot FromTexts(IReadOnlyCollection<string> texts) => new(
        texts.Count > 0,
        texts.SelectMany(ModelManifest.Parse).GroupBy(e => e.Path).Select(g => g.First()).OrderBy(e => e.Path, System.StringComparer.Ordinal).ToEquatableArray());
}

/// <summary>
/// Writes the body of every <c>[VerifiedInference("models/x.onnx")]</c> partial method: it loads the model pinned to the
/// digest in the build's model manifest and runs it through the OpenVerify runtime, returning the result with its
/// signed receipt. Problems are reported by <see cref="Rules.VerifiedInferenceAnalyzer"/>, through the same binder; the
/// generator then writes a body that throws, so users see that diagnostic rather than CS8795.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class VerifiedInferenceGenerator : IIncrementalGenerator
{
    /// <summary>Tracking name: each method parsed into plain data.</summary>
    public const string MethodsStep = "OpenVerify.Methods";

    /// <summary>Tracking name: the manifest parsed into model entries.</summary>
    public const string ManifestStep = "OpenVerify.Manifest";

    /// <summary>Tracking name: each method paired with its own model's entry (and only that).</summary>
    public const string MethodWithModelStep = "OpenVerify.MethodWithModel";

    /// <summary>Tracking name: each method's generated source.</summary>
    public const string SourceStep = "OpenVerify.Source";

    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var methods = context.SyntaxProvider.ForAttributeWithMetadataName(
                VerifiedMethodParser.VerifiedInferenceAttribute,
                static (node, _) => node is MethodDeclarationSyntax,
                static (ctx, ct) => VerifiedMethodParser.Parse((IMethodSymbol)ctx.TargetSymbol, ctx.Attributes[0], ct))
            .WithTrackingName(MethodsStep);

        var manifest = context.AdditionalTextsProvider
            .Where(static file => ModelManifest.IsManifest(file.Path))
            .Select(static (file, ct) => file.GetText(ct)?.ToString() ?? string.Empty)
            .Collect()
            .Select(static (texts, _) => ManifestSnapshot.FromTexts(texts))
            .WithTrackingName(ManifestStep);

        var withModel = methods.Combine(manifest)
            .Select(static (pair, _) => new MethodWithModel(pair.Left, pair.Right.Found, pair.Right.Find(pair.Left.ModelPath)))
            .WithTrackingName(MethodWithModelStep);

        var sources = withModel
            .Select(static (input, _) => VerifiedMethodEmitter.Emit(input))
            .WithTrackingName(SourceStep);

        context.RegisterSourceOutput(sources, static (output, source) =>
        {
            if (source is not null)
            {
                output.AddSource(source.HintName, source.Text);
            }
        });
    }
}
