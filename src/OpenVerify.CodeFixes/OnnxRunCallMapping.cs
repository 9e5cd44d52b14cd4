using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using OpenVerify.Analyzers.Generation;

namespace OpenVerify.CodeFixes;

/// <summary>A model input the extracted method takes: its parameter and the argument the call site passes.</summary>
internal sealed class MappedInput
{
    public MappedInput(string modelName, ITypeSymbol parameterType, ExpressionSyntax argument, long[]? shape)
    {
        ModelName = modelName;
        ParameterType = parameterType;
        Argument = argument;
        Shape = shape;
    }

    public string ModelName { get; }

    public ITypeSymbol ParameterType { get; }

    public ExpressionSyntax Argument { get; }

    /// <summary>The <c>[Shape]</c> to declare, or null where the tensor carries its own.</summary>
    public long[]? Shape { get; }
}

/// <summary>A model output the code reads (<see cref="ModelName"/> is null for "the model's only output").</summary>
internal sealed class MappedOutput
{
    public MappedOutput(string? modelName, ITypeSymbol resultType)
    {
        ModelName = modelName;
        ResultType = resultType;
    }

    public string? ModelName { get; }

    public ITypeSymbol ResultType { get; }
}

/// <summary>A place where the code reads an output, and the output it reads.</summary>
internal sealed class OutputRead
{
    public OutputRead(ExpressionSyntax expression, MappedOutput output)
    {
        Expression = expression;
        Output = output;
    }

    public ExpressionSyntax Expression { get; }

    public MappedOutput Output { get; }
}

/// <summary>
/// Everything the "extract into a [VerifiedInference] method" fix needs, or nothing: an <c>InferenceSession.Run</c> call
/// on a session created in the same member from a constant model path, whose inputs have literal names and statically
/// known element types, and whose results are read only through recognised forms.
/// </summary>
internal sealed class OnnxRunCallMapping
{
    private const string SessionType = "Microsoft.ML.OnnxRuntime.InferenceSession";
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

    private static string Describe(ITypeSymbol type) => type switch
    {
        INamedTypeSymbol { IsGenericType: true } named => named.Name + "<" + string.Join(",", named.TypeArguments.Select(Describe)) + ">",
        { SpecialType: SpecialType.System_String } => "string",
        _ => type.Name,
    };

    internal static string MetadataName(ITypeSymbol? type)
    {
        if (type is null)
        {
            return string.Empty;
        }

        var definition = type.OriginalDefinition;
        var name = definition.MetadataName;
        for (var outer = definition.ContainingType; outer is not null; outer = outer.ContainingType)
        {
            name = outer.MetadataName + "+" + name;
        }

        return definition.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString() + "." + name : name;
    }

    /// <summary>The element types a generated method can carry (docs/verified-inference.md), strings excepted.</summary>
    internal static bool IsSupportedElementType(ITypeSymbol type) =>
        VerifiedMethodParser.ElementTypeOf(type) is { } elementType && elementType != "string";

    /// <summary>The session local, its declaration and its model path.</summary>
    private sealed class Session
    {
        public Session(ILocalSymbol local, LocalDeclarationStatementSyntax statement, string modelPath)
        {
            Local = local;
            Statement = statement;
            ModelPath = modelPath;
        }

        public ILocalSymbol Local { get; }

        public LocalDeclarationStatementSyntax Statement { get; }

        public string ModelPath { get; }
    }

    /// <summary>The lookups one mapping makes inside the member that holds the call.</summary>
    private sealed class MappingContext
    {
        private readonly SemanticModel _model;
        private readonly MemberDeclarationSyntax _member;
        private readonly InvocationExpressionSyntax _call;
        private readonly CancellationToken _cancellationToken;

        public MappingContext(SemanticModel model, MemberDeclarationSyntax member, InvocationExpressionSyntax call, CancellationToken cancellationToken)
        {
            _model = model;
            _member = member;
            _call = call;
            _cancellationToken = cancellationToken;
        }

        public Session? FindSession(IdentifierNameSyntax receiver)
        {
            if (_model.GetSymbolInfo(receiver, _cancellationToken).Symbol is not ILocalSymbol local
                || Declaration(local) is not { } declaration
                || declaration.Declarator.Initializer?.Value is not BaseObjectCreationExpressionSyntax creation
                || _model.GetSymbolInfo(creation, _cancellationToken).Symbol is not IMethodSymbol constructor
                || MetadataName(constructor.ContainingType) != SessionType
                || constructor.Parameters.Length is not (1 or 2)
                || constructor.Parameters[0].Type.SpecialType != SpecialType.System_String
                || (constructor.Parameters.Length == 2 && MetadataName(constructor.Parameters[1].Type) != "Microsoft.ML.OnnxRuntime.SessionOptions")
                || creation.ArgumentList is not { } arguments
                || arguments.Arguments.Count != constructor.Parameters.Length
                || _model.GetConstantValue(arguments.Arguments[0].Expression, _cancellationToken).Value is not string path
                || IsWritten(local))
            {
                return null;
            }

            var modelPath = ProjectRelative(path);
            return modelPath is null ? null : new Session(local, declaration.Statement, modelPath);
        }

        /// <summary>A path <c>[VerifiedInference]</c> can name: relative, inside the project, written with <c>/</c>.</summary>
        private static string? ProjectRelative(string path)
        {
            path = path.Replace('\\', '/');
            while (path.StartsWith("./", StringComparison.Ordinal))
            {
                path = path.Substring(2);
            }

            var rooted = path.StartsWith("/", StringComparison.Ordinal) || (path.Length > 1 && path[1] == ':');
            var segments = path.Split('/');
            return rooted || path.Length == 0 || segments.Any(s => s is ".." or "." or "") ? null : path;
        }

        /// <summary>Inputs of the NamedOnnxValue forms: <c>NamedOnnxValue.CreateFromTensor("name", tensor)</c> elements.</summary>
        public List<MappedInput>? MapNamedInputs(ExpressionSyntax argument, List<StatementSyntax> obsolete)
        {
            var elements = CollectionElements(argument, obsolete, adjacentOnly: true);
            if (elements is null)
            {
                return null;
            }

            var inputs = new List<MappedInput>();
            foreach (var element in elements)
            {
                if (element is not InvocationExpressionSyntax { ArgumentList.Arguments: { Count: 2 } args } creation
                    || _model.GetSymbolInfo(creation, _cancellationToken).Symbol is not IMethodSymbol { Name: "CreateFromTensor", TypeArguments.Length: 1 } method
                    || MetadataName(method.ContainingType) != NamedOnnxValueType
                    || args.Any(a => a.NameColon is not null)
                    || _model.GetConstantValue(args[0].Expression, _cancellationToken).Value is not string name
                    || !IsSupportedElementType(method.TypeArguments[0])
                    || _model.GetTypeInfo(args[1].Expression, _cancellationToken).Type is not INamedTypeSymbol tensorType)
                {
                    return null;
                }

                var dense = _model.Compilation.GetTypeByMetadataName(DenseTensorType)?.Construct(method.TypeArguments[0]);
                if (dense is null)
                {
                    return null;
                }

                // A Tensor<T> that is not a DenseTensor<T> is handed over as one; ToDenseTensor() keeps its values and shape.
                var value = args[1].Expression.WithoutTrivia();
                if (!SymbolEqualityComparer.Default.Equals(tensorType, dense))
                {
                    if (!InheritsFrom(tensorType, TensorType))
                    {
                        return null;
                    }

                    value = SyntaxFactory.InvocationExpression(SyntaxFactory.MemberAccessExpression(
                        SyntaxKind.SimpleMemberAccessExpression,
                        SyntaxFactory.ParenthesizedExpression(value).WithAdditionalAnnotations(Microsoft.CodeAnalysis.Simplification.Simplifier.Annotation),
                        SyntaxFactory.IdentifierName("ToDenseTensor")));
                }

                inputs.Add(new MappedInput(name, dense, value, null));
            }

            return inputs;
        }

        /// <summary>Inputs of the OrtValue form: literal names beside <c>OrtValue.CreateTensorValueFromMemory(array, shape)</c> values.</summary>
        public List<MappedInput>? MapOrtInputs(ExpressionSyntax namesArgument, ExpressionSyntax valuesArgument, List<StatementSyntax> obsolete)
        {
            var names = ConstantStrings(namesArgument);
            var values = CollectionElements(valuesArgument, obsolete, adjacentOnly: false);
            if (names is null || values is null || names.Count != values.Count)
            {
                return null;
            }

            var inputs = new List<MappedInput>();
            for (var i = 0; i < names.Count; i++)
            {
                var value = values[i];
                if (value is IdentifierNameSyntax identifier
                    && _model.GetSymbolInfo(identifier, _cancellationToken).Symbol is ILocalSymbol local
                    && Declaration(local) is { } declaration
                    && declaration.Declarator.Initializer?.Value is { } initializer
                    && !IsWritten(local)
                    && References(local).All(r => r == identifier))
                {
                    // The OrtValue local only fed this call; its data moves to the call site, so the data must be a
                    // variable nobody reassigns (the OrtValue wraps the array without copying, so later writes to the
                    // array's elements were already seen by Run, and are seen by the extracted method the same way).
                    obsolete.Add(declaration.Statement);
                    value = initializer;
                }
                else if (value is IdentifierNameSyntax)
                {
                    return null;
                }

                if (value is not InvocationExpressionSyntax { ArgumentList.Arguments: { Count: 2 } args } creation
                    || _model.GetSymbolInfo(creation, _cancellationToken).Symbol is not IMethodSymbol { Name: "CreateTensorValueFromMemory", TypeArguments.Length: 1 } method
                    || MetadataName(method.ContainingType) != OrtValueType
                    || method.Parameters[0].Type is not IArrayTypeSymbol
                    || args.Any(a => a.NameColon is not null)
                    || !IsSupportedElementType(method.TypeArguments[0])
                    || !IsStableVariable(args[0].Expression)
                    || Shape(args[1].Expression) is not { } shape)
                {
                    return null;
                }

                inputs.Add(new MappedInput(names[i], method.Parameters[0].Type, args[0].Expression.WithoutTrivia(), shape));
            }

            return inputs;
        }

        /// <summary>A shape whose dimensions are constants but for at most one, which becomes -1 (the length decides it).</summary>
        private long[]? Shape(ExpressionSyntax expression)
        {
            var elements = CollectionElements(expression, obsolete: null, adjacentOnly: true);
            if (elements is null)
            {
                return null;
            }

            var shape = new long[elements.Count];
            var open = 0;
            for (var i = 0; i < elements.Count; i++)
            {
                var constant = _model.GetConstantValue(elements[i], _cancellationToken);
                if (!constant.HasValue)
                {
                    shape[i] = -1;
                    open++;
                    continue;
                }

                shape[i] = Convert.ToInt64(constant.Value, System.Globalization.CultureInfo.InvariantCulture);
                if (shape[i] < 0)
                {
                    return null;
                }
            }

            return open <= 1 ? shape : null;
        }

        /// <summary>A parameter, or a local nobody assigns after its declaration: moving its use changes nothing.</summary>
        private bool IsStableVariable(ExpressionSyntax expression) =>
            expression is IdentifierNameSyntax identifier
            && _model.GetSymbolInfo(identifier, _cancellationToken).Symbol switch
            {
                ILocalSymbol local => !IsWritten(local),
                IParameterSymbol { RefKind: RefKind.None } parameter => !IsWritten(parameter),
                _ => false,
            };

        /// <summary><c>new RunOptions()</c>, inline or in a local used only here: dropping it changes no result.</summary>
        public bool IsPlainRunOptions(ExpressionSyntax expression, List<StatementSyntax> obsolete)
        {
            if (expression is IdentifierNameSyntax identifier
                && _model.GetSymbolInfo(identifier, _cancellationToken).Symbol is ILocalSymbol local
                && Declaration(local) is { } declaration
                && declaration.Declarator.Initializer?.Value is { } initializer
                && IsPlainRunOptionsCreation(initializer)
                && References(local).All(r => r == identifier))
            {
                obsolete.Add(declaration.Statement);
                return true;
            }

            return IsPlainRunOptionsCreation(expression);
        }

        private bool IsPlainRunOptionsCreation(ExpressionSyntax expression) =>
            expression is BaseObjectCreationExpressionSyntax { Initializer: null } creation
            && creation.ArgumentList is null or { Arguments.Count: 0 }
            && MetadataName(_model.GetTypeInfo(creation, _cancellationToken).Type) == RunOptionsType;

        /// <summary>The values of a collection of string constants (an array, a list or a collection expression).</summary>
        public List<string>? ConstantStrings(ExpressionSyntax expression)
        {
            var elements = CollectionElements(expression, obsolete: null, adjacentOnly: true);
            if (elements is null)
            {
                return null;
            }

            var values = new List<string>();
            foreach (var element in elements)
            {
                if (_model.GetConstantValue(element, _cancellationToken).Value is not string value)
                {
                    return null;
                }

                values.Add(value);
            }

            return values;
        }

        /// <summary>
        /// The elements of an array, a <c>List&lt;T&gt;</c> with a collection initializer, or a collection expression —
        /// written inline, or in a local used only by this call and declared by the statement just before it.
        /// </summary>
        private List<ExpressionSyntax>? CollectionElements(ExpressionSyntax expression, List<StatementSyntax>? obsolete, bool adjacentOnly)
        {
            if (expression is IdentifierNameSyntax identifier && obsolete is not null)
            {
                if (_model.GetSymbolInfo(identifier, _cancellationToken).Symbol is not ILocalSymbol local
                    || Declaration(local) is not { } declaration
                    || declaration.Declarator.Initializer?.Value is not { } initializer
                    || IsWritten(local)
                    || !References(local).All(r => r == identifier)
                    || (adjacentOnly && !IsJustBeforeCall(declaration.Statement)))
                {
                    return null;
                }

                var fromLocal = CollectionElements(initializer, obsolete: null, adjacentOnly);
                if (fromLocal is not null)
                {
                    obsolete.Add(declaration.Statement);
                }

                return fromLocal;
            }

            InitializerExpressionSyntax? initializerList = expression switch
            {
                ArrayCreationExpressionSyntax array => array.Initializer,
                ImplicitArrayCreationExpressionSyntax implicitArray => implicitArray.Initializer,
                ObjectCreationExpressionSyntax { ArgumentList: null or { Arguments.Count: 0 }, Initializer: { } list }
                    when list.IsKind(SyntaxKind.CollectionInitializerExpression)
                    && MetadataName(_model.GetTypeInfo(expression, _cancellationToken).Type) == "System.Collections.Generic.List`1" => list,
                _ => null,
            };
            if (initializerList is not null)
            {
                return initializerList.Expressions.Any(e => e is InitializerExpressionSyntax) ? null : initializerList.Expressions.ToList();
            }

            if (expression is CollectionExpressionSyntax collection && collection.Elements.All(e => e is ExpressionElementSyntax))
            {
                return collection.Elements.Cast<ExpressionElementSyntax>().Select(e => e.Expression).ToList();
            }

            return null;
        }

        private bool IsJustBeforeCall(StatementSyntax statement)
        {
            var callStatement = _call.FirstAncestorOrSelf<StatementSyntax>();
            return callStatement?.Parent is BlockSyntax block
                && statement.Parent == block
                && block.Statements.IndexOf(callStatement) == block.Statements.IndexOf(statement) + 1;
        }

        /// <summary>
        /// A read of one output: a selection (<c>[i]</c>, <c>First()</c>, <c>Single()</c>, <c>ElementAt(i)</c>,
        /// <c>First(v =&gt; v.Name == "name")</c>) followed by <c>AsTensor&lt;T&gt;()</c> (optionally <c>.ToArray()</c>),
        /// or for OrtValue results <c>GetTensorDataAsSpan&lt;T&gt;().ToArray()</c>.
        /// </summary>
        public (ExpressionSyntax Read, int? Index, string? Name, ITypeSymbol Element, bool AsArray)? ReadOutput(ExpressionSyntax results, bool ortValues)
        {
            int? index = null;
            string? name = null;
            ExpressionSyntax selected;
            switch (results.Parent)
            {
                case ElementAccessExpressionSyntax { ArgumentList.Arguments: { Count: 1 } indexArgs } access when access.Expression == results:
                    if (_model.GetConstantValue(indexArgs[0].Expression, _cancellationToken).Value is not int i)
                    {
                        return null;
                    }

                    index = i;
                    selected = access;
                    break;
                case MemberAccessExpressionSyntax memberAccess when memberAccess.Expression == results && memberAccess.Parent is InvocationExpressionSyntax linq:
                    if (_model.GetSymbolInfo(linq, _cancellationToken).Symbol is not IMethodSymbol linqMethod
                        || MetadataName(linqMethod.ContainingType) != EnumerableType)
                    {
                        return null;
                    }

                    var linqArgs = linq.ArgumentList.Arguments;
                    switch (linqMethod.Name)
                    {
                        case "First" or "Single" when linqArgs.Count == 0:
                            index = 0;
                            break;
                        case "ElementAt" when linqArgs.Count == 1 && _model.GetConstantValue(linqArgs[0].Expression, _cancellationToken).Value is int at:
                            index = at;
                            break;
                        case "First" or "Single" when linqArgs.Count == 1 && !ortValues:
                            name = NameTest(linqArgs[0].Expression);
                            if (name is null)
                            {
                                return null;
                            }

                            break;
                        default:
                            return null;
                    }

                    selected = linq;
                    break;
                default:
                    return null;
            }

            if (selected.Parent is not MemberAccessExpressionSyntax { Name: GenericNameSyntax accessor } accessorAccess
                || accessorAccess.Expression != selected
                || accessorAccess.Parent is not InvocationExpressionSyntax { ArgumentList.Arguments.Count: 0 } accessorCall
                || _model.GetSymbolInfo(accessorCall, _cancellationToken).Symbol is not IMethodSymbol { TypeArguments.Length: 1 } accessorMethod
                || !IsSupportedElementType(accessorMethod.TypeArguments[0]))
            {
                return null;
            }

            var element = accessorMethod.TypeArguments[0];
            var toArray = accessorCall.Parent is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ToArray" } toArrayAccess
                && toArrayAccess.Parent is InvocationExpressionSyntax { ArgumentList.Arguments.Count: 0 } toArrayCall
                && _model.GetSymbolInfo(toArrayCall, _cancellationToken).Symbol is IMethodSymbol toArrayMethod
                && toArrayMethod.ReturnType is IArrayTypeSymbol returned
                && SymbolEqualityComparer.Default.Equals(returned.ElementType, element)
                    ? toArrayCall
                    : null;
            if (ortValues)
            {
                return accessor.Identifier.ValueText == "GetTensorDataAsSpan" && MetadataName(accessorMethod.ContainingType) == OrtValueType && toArray is not null
                    ? (toArray, index, name, element, true)
                    : null;
            }

            if (accessor.Identifier.ValueText != "AsTensor" || MetadataName(accessorMethod.ContainingType) != NamedOnnxValueType)
            {
                return null;
            }

            return toArray is not null ? (toArray, index, name, element, true) : (accessorCall, index, name, element, false);
        }

        /// <summary><c>v =&gt; v.Name == "name"</c> (either operand order): the literal name, or null.</summary>
        private string? NameTest(ExpressionSyntax expression)
        {
            if (expression is not SimpleLambdaExpressionSyntax { Body: BinaryExpressionSyntax test } lambda || !test.IsKind(SyntaxKind.EqualsExpression))
            {
                return null;
            }

            var parameter = lambda.Parameter.Identifier.ValueText;
            bool IsName(ExpressionSyntax side) =>
                side is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Name", Expression: IdentifierNameSyntax target }
                && target.Identifier.ValueText == parameter;

            var literal = IsName(test.Left) ? test.Right : IsName(test.Right) ? test.Left : null;
            return literal is null ? null : _model.GetConstantValue(literal, _cancellationToken).Value as string;
        }

        /// <summary>The identifiers in the member that refer to <paramref name="symbol"/>.</summary>
        public IEnumerable<IdentifierNameSyntax> References(ISymbol symbol) =>
            _member.DescendantNodes()
                .OfType<IdentifierNameSyntax>()
                .Where(n => n.Identifier.ValueText == symbol.Name && SymbolEqualityComparer.Default.Equals(_model.GetSymbolInfo(n, _cancellationToken).Symbol, symbol));

        /// <summary>Whether every reference to <paramref name="local"/> sits inside the call or a statement that goes.</summary>
        public bool AllReferencesWithin(ILocalSymbol local, SyntaxNode call, List<StatementSyntax> obsolete) =>
            References(local).All(r => call.Span.Contains(r.Span) || obsolete.Any(s => s.Span.Contains(r.Span)));

        /// <summary>Assigned, incremented, or passed by <c>ref</c>/<c>out</c> anywhere in the member.</summary>
        public bool IsWritten(ISymbol symbol) =>
            References(symbol).Any(reference =>
                reference.Parent switch
                {
                    AssignmentExpressionSyntax assignment => assignment.Left == reference,
                    PrefixUnaryExpressionSyntax or PostfixUnaryExpressionSyntax => true,
                    ArgumentSyntax argument => !argument.RefKindKeyword.IsKind(SyntaxKind.None),
                    _ => false,
                });

        /// <summary>A local declared by a single-variable declaration statement in this member.</summary>
        private (LocalDeclarationStatementSyntax Statement, VariableDeclaratorSyntax Declarator)? Declaration(ILocalSymbol local)
        {
            var declarator = local.DeclaringSyntaxReferences
                .Select(r => r.GetSyntax(_cancellationToken))
                .OfType<VariableDeclaratorSyntax>()
                .FirstOrDefault();
            return declarator?.Parent is VariableDeclarationSyntax { Variables.Count: 1, Parent: LocalDeclarationStatementSyntax statement }
                && _member.Span.Contains(statement.Span)
                && statement.Parent is BlockSyntax
                    ? (statement, declarator)
                    : null;
        }

        private static bool InheritsFrom(ITypeSymbol type, string metadataName)
        {
            for (var current = type; current is not null; current = current.BaseType)
            {
                if (MetadataName(current) == metadataName)
                {
                    return true;
                }
            }

            return false;
        }

        public ILocalSymbol? DeclaredLocal(VariableDeclaratorSyntax declarator) =>
            _model.GetDeclaredSymbol(declarator, _cancellationToken) as ILocalSymbol;
    }
}
