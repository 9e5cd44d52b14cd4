using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using OpenVerify.Analyzers.Generation;
using static OpenVerify.Analyzers.Generation.SymbolNames;

namespace OpenVerify.CodeFixes;

/// <summary>
/// Everything the "extract into a [VerifiedInference] method" fix needs, or nothing: an <c>InferenceSession.Run</c> call
/// on a session created in the same member from a constant model path, whose inputs have literal names and statically
/// known element types, and whose results are read only through recognised forms.
/// </summary>
internal sealed partial class OnnxRunCallMapping
{
    internal const string SessionType = "Microsoft.ML.OnnxRuntime.InferenceSession";
    private const string NamedOnnxValueType = "Microsoft.ML.OnnxRuntime.NamedOnnxValue";
    private const string OrtValueType = "Microsoft.ML.OnnxRuntime.OrtValue";
    private const string RunOptionsType = "Microsoft.ML.OnnxRuntime.RunOptions";
    private const string TensorType = "Microsoft.ML.OnnxRuntime.Tensors.Tensor`1";
    private const string DenseTensorType = "Microsoft.ML.OnnxRuntime.Tensors.DenseTensor`1";
    private const string EnumerableType = "System.Linq.Enumerable";

    private OnnxRunCallMapping(
        InvocationExpressionSyntax call,
        string modelPath,
        IReadOnlyList<MappedInput> inputs,
        IReadOnlyList<MappedOutput> outputs,
        IReadOnlyList<OutputRead> reads,
        LocalDeclarationStatementSyntax? resultsDeclaration,
        IReadOnlyList<StatementSyntax> obsoleteStatements,
        bool canReplaceCallSite)
    {
        Call = call;
        ModelPath = modelPath;
        Inputs = inputs;
        Outputs = outputs;
        Reads = reads;
        ResultsDeclaration = resultsDeclaration;
        ObsoleteStatements = obsoleteStatements;
        CanReplaceCallSite = canReplaceCallSite;
    }

    public InvocationExpressionSyntax Call { get; }

    /// <summary>The model's project-relative path, written with <c>/</c>.</summary>
    public string ModelPath { get; }

    public IReadOnlyList<MappedInput> Inputs { get; }

    public IReadOnlyList<MappedOutput> Outputs { get; }

    public IReadOnlyList<OutputRead> Reads { get; }

    /// <summary>The <c>var results = session.Run(...)</c> statement, or null when the call's result is read in place.</summary>
    public LocalDeclarationStatementSyntax? ResultsDeclaration { get; }

    /// <summary>Statements that only fed this call (the inputs list, OrtValues, run options, the session itself).</summary>
    public IReadOnlyList<StatementSyntax> ObsoleteStatements { get; }

    /// <summary>False where only the declaration is added: replacing the call would drop something the code relies on.</summary>
    public bool CanReplaceCallSite { get; }

    public static OnnxRunCallMapping? TryCreate(SemanticModel model, InvocationExpressionSyntax call, CancellationToken cancellationToken)
    {
        if (model.GetSymbolInfo(call, cancellationToken).Symbol is not IMethodSymbol { Name: "Run" } run
            || MetadataName(run.ContainingType) != SessionType
            || call.Expression is not MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax receiver }
            || call.ArgumentList.Arguments.Any(a => a.NameColon is not null || !a.RefKindKeyword.IsKind(SyntaxKind.None))
            || call.FirstAncestorOrSelf<MemberDeclarationSyntax>() is not { } member
            || member is GlobalStatementSyntax)
        {
            return null;
        }

        var context = new MappingContext(model, member, call, cancellationToken);
        var session = context.FindSession(receiver);
        if (session is null)
        {
            return null;
        }

        var obsolete = new List<StatementSyntax>();
        var canReplace = true;
        List<MappedInput>? inputs;
        List<string>? outputNames = null;
        bool ortValues;
        var arguments = call.ArgumentList.Arguments;
        switch (string.Join(",", run.Parameters.Select(p => Describe(p.Type))))
        {
            case "IReadOnlyCollection<NamedOnnxValue>":
            case "IReadOnlyCollection<NamedOnnxValue>,IReadOnlyCollection<string>":
            case "IReadOnlyCollection<NamedOnnxValue>,IReadOnlyCollection<string>,RunOptions":
                ortValues = false;
                inputs = context.MapNamedInputs(arguments[0].Expression, obsolete);
                if (arguments.Count > 1)
                {
                    outputNames = context.ConstantStrings(arguments[1].Expression);
                    if (outputNames is null)
                    {
                        return null;
                    }
                }

                if (arguments.Count > 2)
                {
                    canReplace &= context.IsPlainRunOptions(arguments[2].Expression, obsolete);
                }

                break;
            case "RunOptions,IReadOnlyCollection<string>,IReadOnlyCollection<OrtValue>,IReadOnlyCollection<string>":
                ortValues = true;
                canReplace &= context.IsPlainRunOptions(arguments[0].Expression, obsolete);
                inputs = context.MapOrtInputs(arguments[1].Expression, arguments[2].Expression, obsolete);
                outputNames = context.ConstantStrings(arguments[3].Expression);
                if (outputNames is null)
                {
                    return null;
                }

                break;
            default:
                return null;
        }

        if (inputs is null || inputs.Count == 0 || inputs.Select(i => i.ModelName).Distinct(StringComparer.Ordinal).Count() != inputs.Count)
        {
            return null;
        }

        // Where the results go: a local read later, or a read chained onto the call itself.
        LocalDeclarationStatementSyntax? resultsDeclaration = null;
        var reads = new List<(ExpressionSyntax Read, int? Index, string? Name, ITypeSymbol Element, bool AsArray)>();
        if (call.Parent is EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax declarator } && context.DeclaredLocal(declarator) is { } local)
        {
            // "using (var results = ...) { }" is mapped, but only "[using] var results = ...;" is rewritten.
            resultsDeclaration = declarator.Parent is VariableDeclarationSyntax { Variables.Count: 1 } ? declarator.Parent.Parent as LocalDeclarationStatementSyntax : null;
            if (context.IsWritten(local))
            {
                return null;
            }

            canReplace &= resultsDeclaration is not null;
            foreach (var reference in context.References(local))
            {
                var read = context.ReadOutput(reference, ortValues);
                if (read is null)
                {
                    return null;
                }

                reads.Add(read.Value);
            }
        }
        else if (context.ReadOutput(call, ortValues) is { } inline)
        {
            reads.Add(inline);
        }

        if (reads.Count == 0)
        {
            return null;
        }

        // Each read names an output, by literal name or by position in the output names the call passes.
        var outputs = new Dictionary<string, MappedOutput>(StringComparer.Ordinal);
        MappedOutput? unnamed = null;
        var mappedReads = new List<OutputRead>();
        var resolved = new List<(ExpressionSyntax Read, string? Name, ITypeSymbol Element, bool AsArray)>();
        foreach (var (read, index, name, element, asArray) in reads)
        {
            string? output;
            if (name is not null)
            {
                if (outputNames is not null && !outputNames.Contains(name))
                {
                    return null;
                }

                output = name;
            }
            else if (outputNames is not null)
            {
                if (index!.Value >= outputNames.Count)
                {
                    return null;
                }

                output = outputNames[index.Value];
            }
            else if (index == 0)
            {
                output = null;
            }
            else
            {
                return null;
            }

            resolved.Add((read, output, element, asArray));
        }

        if (resolved.Any(r => r.Name is null) && resolved.Any(r => r.Name is not null))
        {
            // "The first output" and a named one may be the same tensor or not; only the model could tell.
            return null;
        }

        foreach (var group in resolved.GroupBy(r => r.Name ?? string.Empty, StringComparer.Ordinal))
        {
            var elements = group.Select(r => r.Element).Distinct<ITypeSymbol>(SymbolEqualityComparer.Default).ToList();
            if (elements.Count != 1)
            {
                return null;
            }

            var type = group.All(r => r.AsArray)
                ? (ITypeSymbol)model.Compilation.CreateArrayTypeSymbol(elements[0])
                : model.Compilation.GetTypeByMetadataName(DenseTensorType)?.Construct(elements[0]);
            if (type is null)
            {
                return null;
            }

            var output = new MappedOutput(group.First().Name, type);
            if (output.ModelName is null)
            {
                unnamed = output;
            }
            else
            {
                outputs[output.ModelName] = output;
            }

            foreach (var read in group)
            {
                // A read that kept ".ToArray()" on a DenseTensor result gives up only the AsTensor<T>() part.
                var expression = read.AsArray && type is not IArrayTypeSymbol ? ((InvocationExpressionSyntax)read.Read).Expression is MemberAccessExpressionSyntax toArray ? toArray.Expression : read.Read : read.Read;
                mappedReads.Add(new OutputRead(expression, output));
            }
        }

        var mappedOutputs = unnamed is not null ? new List<MappedOutput> { unnamed } : outputs.Values.ToList();
        if (mappedOutputs.Count > 1 && mappedOutputs.Any(o => ExtractedMethod.TupleElementName(o.ModelName!) is null))
        {
            return null;
        }

        if (canReplace && context.AllReferencesWithin(session.Local, call, obsolete))
        {
            obsolete.Add(session.Statement);
        }

        return new OnnxRunCallMapping(call, session.ModelPath, inputs, mappedOutputs, mappedReads, resultsDeclaration, obsolete, canReplace);
    }

    internal static string Describe(ITypeSymbol type) => type switch
    {
        INamedTypeSymbol { IsGenericType: true } named => named.Name + "<" + string.Join(",", named.TypeArguments.Select(Describe)) + ">",
        { SpecialType: SpecialType.System_String } => "string",
        _ => type.Name,
    };

    /// <summary>The element types a generated method can carry (docs/verified-inference.md), strings excepted.</summary>
    internal static bool IsSupportedElementType(ITypeSymbol type) =>
        VerifiedMethodParser.ElementTypeOf(type) is { } elementType && elementType != "string";
}
