using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.FindSymbols;
using Microsoft.CodeAnalysis.Simplification;
using OpenVerify.Analyzers.AiApis;

namespace OpenVerify.CodeFixes;

/// <summary>
/// Finds, for one reported <c>PredictionEngine.Predict</c> call, the engine it runs on (a local, field or property), the
/// one place that engine is created (<c>ctx.Model.CreatePredictionEngine&lt;In, Out&gt;(model)</c>) and the one place its
/// model is loaded (<c>ctx.Model.Load(path or stream, out schema)</c>, inline or through a local, field or property), and
/// plans the edits that move it to OpenVerify.ML's verified engine. Returns no plan where the rewrite could change
/// meaning: an engine or model written twice, used other than to predict or be disposed, or visible outside the document.
/// </summary>
internal static class MLNetEngineRewrite
{
    private const string VerifiedModelName = "OpenVerify.ML.VerifiedMLModel";

    /// <summary>
    /// The edit that leaves a node as it is: a model passed on that must stay the verified model. Where another engine's
    /// plan would read the same node's <c>Transformer</c>, this edit wins when plans are applied together.
    /// </summary>
    public static readonly Func<SyntaxNode, SyntaxNode> Unchanged = node => node;

    /// <summary>
    /// Removes the declarations (with no value) of the named locals from a block. Found by name rather than position, so
    /// that the removals two plans make in one block (Fix All: two models reloaded there) combine into one edit.
    /// </summary>
    internal sealed class DeclarationRemoval
    {
        private readonly IReadOnlyCollection<string> _names;

        public DeclarationRemoval(params string[] names)
        {
            _names = names;
        }

        public DeclarationRemoval With(DeclarationRemoval other) => new(_names.Union(other._names).ToArray());

        public SyntaxNode Apply(SyntaxNode rewritten)
        {
            var block = (BlockSyntax)rewritten;
            var removed = block.Statements.Where(s => s is LocalDeclarationStatementSyntax { Declaration.Variables.Count: 1 } declaration
                && declaration.Declaration.Variables[0] is { Initializer: null } variable && _names.Contains(variable.Identifier.ValueText)).ToList();
            return block.WithStatements(SyntaxFactory.List(block.Statements.Where(s => !removed.Contains(s))));
        }
    }

    /// <summary>The edits for one engine: each maps an original node to its replacement, built from the rewritten node.</summary>
    public sealed class Plan
    {
        public Plan(ISymbol engine, IReadOnlyDictionary<SyntaxNode, Func<SyntaxNode, SyntaxNode>> edits)
        {
            Engine = engine;
            Edits = edits;
        }

        public ISymbol Engine { get; }

        public IReadOnlyDictionary<SyntaxNode, Func<SyntaxNode, SyntaxNode>> Edits { get; }
    }

    /// <summary>A local, field or auto-property and the nodes that name it in its scope.</summary>
    private sealed class Variable
    {
        public Variable(ISymbol symbol, SyntaxNode declaration, IReadOnlyList<ExpressionSyntax> uses)
        {
            Symbol = symbol;
            Declaration = declaration;
            Uses = uses;
        }

        public ISymbol Symbol { get; }

        /// <summary>The <see cref="VariableDeclaratorSyntax"/> or <see cref="PropertyDeclarationSyntax"/>.</summary>
        public SyntaxNode Declaration { get; }

        /// <summary>Every name of it (<c>x</c>, <c>this.x</c>, <c>Type.x</c>) in its scope, the declaration excluded.</summary>
        public IReadOnlyList<ExpressionSyntax> Uses { get; }

        public ExpressionSyntax? Initializer => Declaration switch
        {
            VariableDeclaratorSyntax declarator => declarator.Initializer?.Value,
            PropertyDeclarationSyntax property => property.Initializer?.Value,
            _ => null,
        };

        public ITypeSymbol? Type => Symbol switch
        {
            ILocalSymbol local => local.Type,
            IFieldSymbol member => member.Type,
            IPropertySymbol property => property.Type,
            _ => null,
        };

        /// <summary>The one value ever stored, or null when it is stored more than once or other than by plain assignment.</summary>
        public ExpressionSyntax? SingleValue(out IReadOnlyList<ExpressionSyntax> reads)
        {
            var values = new List<ExpressionSyntax>();
            if (Initializer is { } initializer)
            {
                values.Add(initializer);
            }

            var readList = new List<ExpressionSyntax>();
            reads = readList;
            foreach (var use in Uses)
            {
                switch (use.Parent)
                {
                    case AssignmentExpressionSyntax assignment when assignment.Left == use:
                        if (!assignment.IsKind(SyntaxKind.SimpleAssignmentExpression) || assignment.Parent is not ExpressionStatementSyntax)
                        {
                            return null;
                        }

                        values.Add(assignment.Right);
                        break;
                    case ArgumentSyntax argument when !argument.RefKindKeyword.IsKind(SyntaxKind.None):
                    case PrefixUnaryExpressionSyntax or PostfixUnaryExpressionSyntax:
                    case RefExpressionSyntax:
                        return null;
                    default:
                        readList.Add(use);
                        break;
                }
            }

            return values.Count == 1 ? Unparenthesize(values[0]) : null;
        }
    }

    public static async Task<Plan?> MatchAsync(Document document, SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        var predict = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true).AncestorsAndSelf().OfType<InvocationExpressionSyntax>().FirstOrDefault();
        if (predict?.Expression is not MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Predict" } access
            || !IsSinglePlainArgument(predict.ArgumentList)
            || model.Compilation.GetTypeByMetadataName(VerifiedModelName) is null
            || await FindAsync(document, root, model, access.Expression, cancellationToken).ConfigureAwait(false) is not { } engine
            || engine.Type is not INamedTypeSymbol { Name: "PredictionEngine", TypeArguments.Length: 2, ContainingNamespace: { Name: "ML", ContainingNamespace.Name: "Microsoft" } }
            || engine.SingleValue(out var engineReads) is not InvocationExpressionSyntax create
            || !IsModelOperation(model, create, "CreatePredictionEngine", cancellationToken)
            || create.Expression is not MemberAccessExpressionSyntax { Name: GenericNameSyntax { TypeArgumentList.Arguments.Count: 2 } createName }
            || create.ArgumentList.Arguments.Count is not (1 or 2)
            || !InPlace(create.ArgumentList, "transformer", "inputSchema")
            || model.GetSymbolInfo(create, cancellationToken).Symbol is not IMethodSymbol { TypeArguments.Length: 2 } createMethod
            || !ReceiptsCover(createMethod.TypeArguments[0])
            || !ReceiptsCover(createMethod.TypeArguments[1])
            || MLNetImageInputs.FindHeldBack(model, createMethod.TypeArguments[0], access.Expression, cancellationToken) is not null)
        {
            // The last: an image no receipt would bind (OV0002's message says why), where the model is loaded from a file
            // this code also builds with an image loader, for example.
            return null;
        }

        var edits = new Dictionary<SyntaxNode, Func<SyntaxNode, SyntaxNode>>();

        // The engine is used only to predict (one argument, no ref) or be disposed.
        foreach (var read in engineReads)
        {
            if (read.Parent is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Dispose" } dispose && dispose.Expression == read && dispose.Parent is InvocationExpressionSyntax
                || read.Parent is ConditionalAccessExpressionSyntax { WhenNotNull: InvocationExpressionSyntax { Expression: MemberBindingExpressionSyntax { Name.Identifier.ValueText: "Dispose" } } } conditional && conditional.Expression == read)
            {
                continue;
            }

            if (read.Parent is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Predict" } call && call.Expression == read
                && call.Parent is InvocationExpressionSyntax invocation && IsSinglePlainArgument(invocation.ArgumentList))
            {
                // A prediction whose value is discarded stays a call: `engine.Predict(x).Value;` is not a statement.
                if (invocation.Parent is not ExpressionStatementSyntax)
                {
                    edits[invocation] = rewritten => SyntaxFactory.MemberAccessExpression(
                        SyntaxKind.SimpleMemberAccessExpression, ((ExpressionSyntax)rewritten).WithoutTrivia(), SyntaxFactory.IdentifierName("Value")).WithTriviaFrom(rewritten);
                }

                continue;
            }

            return null;
        }

        var modelArgument = Unparenthesize(create.ArgumentList.Arguments[0].Expression);
        var typeArguments = createName.TypeArgumentList.WithoutTrivia();
        var engineType = SyntaxFactory.QualifiedName(
            SyntaxFactory.ParseName("OpenVerify.ML"), SyntaxFactory.GenericName(SyntaxFactory.Identifier("VerifiedPredictionEngine"), typeArguments));

        // Already a verified model's transformer (a half-done move, or another engine on the model this fix moved).
        if (modelArgument is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Transformer" } transformer
            && model.GetTypeInfo(transformer.Expression, cancellationToken).Type is { } verifiedType
            && verifiedType.ToDisplayString() == VerifiedModelName)
        {
            if (create.ArgumentList.Arguments.Count == 2
                && !(Unparenthesize(create.ArgumentList.Arguments[1].Expression) is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "InputSchema" } schemaAccess
                    && SyntaxFactory.AreEquivalent(schemaAccess.Expression, transformer.Expression)))
            {
                return null;
            }

            edits[create] = _ => VerifiedCreate(transformer.Expression.WithoutTrivia(), createName).WithTriviaFrom(create);
            return RetypeDeclaration(engine, engineType, edits) ? new Plan(engine.Symbol, edits) : null;
        }

        // A parameter: the method takes the verified model instead, and each of its callers passes one.
        if (Unparenthesize(modelArgument) is IdentifierNameSyntax parameterName
            && model.GetSymbolInfo(parameterName, cancellationToken).Symbol is IParameterSymbol parameter)
        {
            return create.ArgumentList.Arguments.Count == 1
                && create.Expression is MemberAccessExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Model", Expression: var parameterContext } }
                && await PlanParameterAsync(document, root, model, parameter, create, createName, parameterContext, edits, cancellationToken).ConfigureAwait(false)
                && RetypeDeclaration(engine, engineType, edits)
                    ? new Plan(engine.Symbol, edits)
                    : null;
        }

        var createContext = create.Expression is MemberAccessExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Model", Expression: var contextExpression } } ? contextExpression : null;
        var passedSchema = create.ArgumentList.Arguments.Count == 2 ? Unparenthesize(create.ArgumentList.Arguments[1].Expression) : null;
        var verified = await PlanModelAsync(document, root, model, modelArgument, createContext, passedSchema, read => create.Span.Contains(read.Span), edits, cancellationToken).ConfigureAwait(false);
        if (verified is null)
        {
            return null;
        }

        edits[create] = _ => VerifiedCreate(verified, createName).WithTriviaFrom(create);

        return RetypeDeclaration(engine, engineType, edits) ? new Plan(engine.Symbol, edits) : null;
    }

    /// <summary>
    /// Plans the move of one model to a <c>VerifiedMLModel</c>: loaded or trained inline (<paramref name="modelArgument"/>
    /// is the load or <c>Fit</c>), or a local, field or property whose one value is. Its other reads go through
    /// <c>VerifiedMLModel.Transformer</c>, except those <paramref name="keepsVerified"/> accepts. Returns the expression
    /// that is the verified model (the verified load itself, or the variable), or null when the model cannot be moved.
    /// <c>fitContext</c> is the <c>MLContext</c> to pin a trained model with (null when there is none to name);
    /// <c>passedSchema</c> the input schema passed with the model to <c>CreatePredictionEngine</c>, if any.
    /// </summary>
    private static async Task<ExpressionSyntax?> PlanModelAsync(
        Document document,
        SyntaxNode root,
        SemanticModel model,
        ExpressionSyntax modelArgument,
        ExpressionSyntax? fitContext,
        ExpressionSyntax? passedSchema,
        Func<ExpressionSyntax, bool> keepsVerified,
        Dictionary<SyntaxNode, Func<SyntaxNode, SyntaxNode>> edits,
        CancellationToken cancellationToken)
    {
        // The model: loaded inline, or a variable whose one value is the load.
        Variable? modelVariable = null;
        var load = modelArgument as InvocationExpressionSyntax;
        IReadOnlyList<ExpressionSyntax> modelReads = Array.Empty<ExpressionSyntax>();
        if (load is null)
        {
            modelVariable = await FindAsync(document, root, model, modelArgument, cancellationToken).ConfigureAwait(false);
            load = modelVariable?.SingleValue(out modelReads) as InvocationExpressionSyntax;
            if (modelVariable is not null && modelVariable.SingleValue(out _) is null)
            {
                // Stored more than once: only a model reloaded just before this read (`model = ml.Model.Load(…)` after
                // `Fit`) can move, into a verified local of its own.
                return PlanReload(model, modelVariable, modelArgument, passedSchema, edits, cancellationToken);
            }
        }

        if (load is null)
        {
            return null;
        }

        InvocationExpressionSyntax? verifiedLoad;
        var schemaReads = new List<ExpressionSyntax>();
        var fittedOn = FittedOn(model, load, cancellationToken);
        if (fittedOn is { } data)
        {
            // Trained in the program: pinned as the bytes ML.NET saves it to, with the training data's schema.
            if (fitContext is not { } createContext
                || passedSchema is not null
                    && !(passedSchema is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Schema" } passed
                        && SyntaxFactory.AreEquivalent(passed.Expression, data)))
            {
                return null;
            }

            var name = modelVariable?.Symbol.Name.TrimStart('_') is { Length: > 0 } variableName ? variableName : "model";
            verifiedLoad = SyntaxFactory.InvocationExpression(
                Member(SyntaxFactory.ParseName(VerifiedModelName).WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation), "FromTransformer"),
                SyntaxFactory.ArgumentList(SyntaxFactory.SeparatedList(new[]
                {
                    SyntaxFactory.Argument(createContext.WithoutTrivia()),
                    SyntaxFactory.Argument(load.WithoutTrivia()),
                    SyntaxFactory.Argument(Member(data.WithoutTrivia(), "Schema")),
                    SyntaxFactory.Argument(SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(name))),
                })));
        }
        else
        {
            if (!IsModelOperation(model, load, "Load", cancellationToken)
                || load.Expression is not MemberAccessExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Model", Expression: var context } }
                || load.ArgumentList.Arguments.Count != 2
                || load.ArgumentList.Arguments[0].NameColon is not null
                || !load.ArgumentList.Arguments[1].RefKindKeyword.IsKind(SyntaxKind.OutKeyword))
            {
                return null;
            }

            verifiedLoad = VerifiedLoad(model, context, load.ArgumentList.Arguments[0].Expression, cancellationToken);
            if (verifiedLoad is null || !SchemaReads(model, load.ArgumentList.Arguments[1].Expression, schemaReads, cancellationToken, edits))
            {
                return null;
            }

            if (passedSchema is not null)
            {
                // CreatePredictionEngine(model, inputSchema): only the schema this load wrote may be dropped.
                if (!schemaReads.Contains(passedSchema))
                {
                    return null;
                }

                schemaReads.Remove(passedSchema);
            }
        }

        if (schemaReads.Count > 0 && modelVariable is null)
        {
            return null;
        }

        if (modelVariable is null)
        {
            // VerifiedMLModel.Load(ctx, path), in place of the load.
            return verifiedLoad;
        }
        else
        {
            edits[load] = _ => verifiedLoad.WithTriviaFrom(load);
            foreach (var read in modelReads)
            {
                if (fittedOn is not null && SaveOf(model, read, cancellationToken) is { } save)
                {
                    // ctx.Model.Save(model, schema, …) would write a fresh zip (new timestamps) whose digest is not the
                    // one the receipts name; the verified model writes its pinned bytes. Any other schema: no fix.
                    if (!(Unparenthesize(save.ArgumentList.Arguments[1].Expression) is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Schema" } savedSchema
                        && SyntaxFactory.AreEquivalent(savedSchema.Expression, fittedOn)))
                    {
                        return null;
                    }

                    edits[save] = rewritten => SyntaxFactory.InvocationExpression(
                            Member(((InvocationExpressionSyntax)rewritten).ArgumentList.Arguments[0].Expression.WithoutTrivia(), "Save"),
                            SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(((InvocationExpressionSyntax)rewritten).ArgumentList.Arguments[2])))
                        .WithTriviaFrom(rewritten);
                    continue;
                }

                // Everything else the ITransformer was used for goes through the verified model's Transformer.
                if (!keepsVerified(read))
                {
                    edits[read] = rewritten => Member((ExpressionSyntax)rewritten.WithoutTrivia(), "Transformer").WithTriviaFrom(rewritten);
                }
            }

            foreach (var read in schemaReads)
            {
                edits[read] = _ => Member(modelArgument.WithoutTrivia(), "InputSchema").WithTriviaFrom(read);
            }

            return RetypeDeclaration(modelVariable, SyntaxFactory.ParseTypeName(VerifiedModelName), edits) ? modelArgument.WithoutTrivia() : null;
        }
    }


    /// <summary>
    /// A model passed in (<c>void UseModel(MLContext ml, ITransformer model)</c>): the parameter becomes a
    /// <c>VerifiedMLModel</c>, the engine is created from it and its other reads go through <c>Transformer</c>; every
    /// call, all of them in this document, passes a verified model instead: a load or a model trained in place, inline or
    /// through a local, field or property (moved as <see cref="PlanModelAsync"/> does), or a verified model's
    /// <c>Transformer</c>. False for a method whose callers may not all be here (visible outside a library), an override,
    /// an interface member, a method used other than by calls, or a caller that passes anything else.
    /// </summary>
    private static async Task<bool> PlanParameterAsync(
        Document document,
        SyntaxNode root,
        SemanticModel model,
        IParameterSymbol parameter,
        InvocationExpressionSyntax create,
        GenericNameSyntax createName,
        ExpressionSyntax createContext,
        Dictionary<SyntaxNode, Func<SyntaxNode, SyntaxNode>> edits,
        CancellationToken cancellationToken)
    {
        if (parameter.ContainingSymbol is not IMethodSymbol { MethodKind: MethodKind.Ordinary or MethodKind.LocalFunction, IsVirtual: false, IsOverride: false, IsAbstract: false, IsExtern: false } method
            || method.ExplicitInterfaceImplementations.Length > 0
            || method.ContainingType.AllInterfaces.SelectMany(i => i.GetMembers()).Any(m => SymbolEqualityComparer.Default.Equals(method.ContainingType.FindImplementationForInterfaceMember(m), method))
            || parameter.RefKind != RefKind.None
            || parameter.IsParams
            || parameter.HasExplicitDefaultValue
            || !IsMLType(parameter.Type, "ITransformer")
            || method.DeclaringSyntaxReferences.Length != 1
            || method.DeclaringSyntaxReferences[0].SyntaxTree != root.SyntaxTree
            || parameter.DeclaringSyntaxReferences.Length != 1
            || parameter.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is not ParameterSyntax { Type: { } parameterType }
            || VisibleOutsideTheAssembly(method) && model.Compilation.Options.OutputKind is OutputKind.DynamicallyLinkedLibrary or OutputKind.NetModule)
        {
            return false;
        }

        // Every use of the method is a call in this document.
        if (method.MethodKind != MethodKind.LocalFunction)
        {
            var references = await SymbolFinder.FindReferencesAsync(method, document.Project.Solution, cancellationToken).ConfigureAwait(false);
            if (references.SelectMany(r => r.Locations).Any(l => l.Document.Id != document.Id))
            {
                return false;
            }
        }

        var calls = new List<InvocationExpressionSyntax>();
        foreach (var name in root.DescendantNodes().OfType<SimpleNameSyntax>())
        {
            if (name.Identifier.ValueText != method.Name
                || !SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(name, cancellationToken).Symbol?.OriginalDefinition, method))
            {
                continue;
            }

            var callee = name.Parent is MemberAccessExpressionSyntax access && access.Name == name ? (ExpressionSyntax)access : name;
            if (callee.Parent is not InvocationExpressionSyntax call || call.Expression != callee)
            {
                return false;
            }

            calls.Add(call);
        }

        // What each call passes for the model, and for the context the engine is created with (to pin a trained model).
        var contextParameter = Unparenthesize(createContext) is IdentifierNameSyntax contextName
            && model.GetSymbolInfo(contextName, cancellationToken).Symbol is IParameterSymbol contextSymbol
            && SymbolEqualityComparer.Default.Equals(contextSymbol.ContainingSymbol, method)
                ? contextSymbol
                : null;
        var passed = new List<(ExpressionSyntax Model, ExpressionSyntax? Context)>();
        foreach (var call in calls)
        {
            if (ArgumentFor(call.ArgumentList, parameter) is not { } argument)
            {
                return false;
            }

            ExpressionSyntax? context = null;
            if (contextParameter is not null)
            {
                context = ArgumentFor(call.ArgumentList, contextParameter) is { } passedContext && IsPlainReference(passedContext) ? passedContext : null;
            }
            else if (IsPlainReference(createContext) && model.GetSymbolInfo(createContext, cancellationToken).Symbol is IFieldSymbol or IPropertySymbol)
            {
                // A field or property of the method's type names the same context in its callers of that type.
                context = createContext;
            }

            passed.Add((argument, context));
        }

        var passedModels = new HashSet<SyntaxNode>(passed.Select(p => p.Model));
        foreach (var (argument, context) in passed)
        {
            if (model.GetSymbolInfo(argument, cancellationToken).Symbol is IParameterSymbol same && SymbolEqualityComparer.Default.Equals(same, parameter))
            {
                // A recursive call passes the parameter on: already the verified model.
                continue;
            }

            if (argument is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Transformer" } transformer
                && model.GetTypeInfo(transformer.Expression, cancellationToken).Type?.ToDisplayString() == VerifiedModelName)
            {
                edits[argument] = _ => transformer.Expression.WithTriviaFrom(argument);
                continue;
            }

            if (await PlanModelAsync(document, root, model, argument, context, null, passedModels.Contains, edits, cancellationToken).ConfigureAwait(false) is not { } verified)
            {
                return false;
            }

            edits[argument] = SyntaxFactory.AreEquivalent(verified, argument) ? Unchanged : _ => verified.WithTriviaFrom(argument);
        }

        // Inside the method: the engine comes from the parameter; other reads take its transformer.
        var body = method.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken);
        foreach (var use in body.DescendantNodes().OfType<IdentifierNameSyntax>())
        {
            if (use.Identifier.ValueText != parameter.Name
                || !SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(use, cancellationToken).Symbol, parameter)
                || create.Span.Contains(use.Span)
                || passedModels.Contains(use))
            {
                continue;
            }

            if (use.Parent is AssignmentExpressionSyntax assignment && assignment.Left == use
                || use.Parent is ArgumentSyntax argument && !argument.RefKindKeyword.IsKind(SyntaxKind.None)
                || use.Parent is PrefixUnaryExpressionSyntax or PostfixUnaryExpressionSyntax or RefExpressionSyntax
                || IsInNameOf(use))
            {
                return false;
            }

            edits[use] = rewritten => Member((ExpressionSyntax)rewritten.WithoutTrivia(), "Transformer").WithTriviaFrom(rewritten);
        }

        edits[parameterType] = _ => SyntaxFactory.ParseTypeName(VerifiedModelName).WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation).WithTriviaFrom(parameterType);
        edits[create] = _ => VerifiedCreate(SyntaxFactory.IdentifierName(parameter.Name), createName).WithTriviaFrom(create);
        return true;
    }

    /// <summary>The argument a call passes for a parameter, by name or by position; null when it passes none.</summary>
    private static ExpressionSyntax? ArgumentFor(ArgumentListSyntax arguments, IParameterSymbol parameter)
    {
        for (var i = 0; i < arguments.Arguments.Count; i++)
        {
            var argument = arguments.Arguments[i];
            if (argument.NameColon is { } named ? named.Name.Identifier.ValueText == parameter.Name : i == parameter.Ordinal && arguments.Arguments.Take(i).All(a => a.NameColon is null))
            {
                return argument.RefKindKeyword.IsKind(SyntaxKind.None) ? Unparenthesize(argument.Expression) : null;
            }
        }

        return null;
    }

    /// <summary>Whether code in another assembly can call the method (it and every type around it public or protected).</summary>
    private static bool VisibleOutsideTheAssembly(ISymbol symbol)
    {
        for (var current = symbol; current is not null and not INamespaceSymbol; current = current.ContainingSymbol)
        {
            if (current.DeclaredAccessibility is not (Accessibility.Public or Accessibility.Protected or Accessibility.ProtectedOrInternal))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// A local stored more than once whose value at <paramref name="read"/> is the model a statement just before loaded
    /// (<c>model = ml.Model.Load(path, out _);</c>, or that assignment as the body of
    /// <c>using (var file = File.OpenRead(path))</c>), in the same statement list as the local's declaration, with no
    /// store in between and no read after it but this one: that statement becomes <c>var verifiedModel =
    /// VerifiedMLModel.Load(ml, path);</c> and the read names it. Returns the new local's name, or null.
    /// </summary>
    private static IdentifierNameSyntax? PlanReload(SemanticModel model, Variable variable, ExpressionSyntax read, ExpressionSyntax? passedSchema, Dictionary<SyntaxNode, Func<SyntaxNode, SyntaxNode>> edits, CancellationToken cancellationToken)
    {
        if (variable.Symbol is not ILocalSymbol || variable.Declaration is not VariableDeclaratorSyntax declarator
            || Statements(read.FirstAncestorOrSelf<StatementSyntax>()) is not { } statements
            || Statements(declarator.FirstAncestorOrSelf<StatementSyntax>()) is not { } declared
            || !ReferenceEquals(statements[0].Parent, declared[0].Parent)
            || variable.Uses.Any(u => u.Parent is ArgumentSyntax { RefKindKeyword.RawKind: not (int)SyntaxKind.None } or PrefixUnaryExpressionSyntax or PostfixUnaryExpressionSyntax or RefExpressionSyntax
                || LocalScope(u) != LocalScope(declarator)))
        {
            return null;
        }

        var readStatement = statements.First(s => s.Span.Contains(read.Span));
        var stores = variable.Uses.Where(u => u.Parent is AssignmentExpressionSyntax assignment && assignment.Left == u).ToList();
        if (variable.Uses.Any(u => u != read && u.SpanStart > readStatement.SpanStart && !stores.Contains(u))
            || stores.Any(u => u.SpanStart > readStatement.SpanStart))
        {
            return null;
        }

        // The statement that last stored the local before the read.
        var reloadStatement = statements.TakeWhile(s => s != readStatement).LastOrDefault(s => stores.Any(u => s.Span.Contains(u.Span)));
        var (assignmentStatement, resource) = reloadStatement switch
        {
            ExpressionStatementSyntax statement => (statement, null),
            UsingStatementSyntax { Declaration.Variables: { Count: 1 } files, Statement: ExpressionStatementSyntax statement }
                when files[0].Initializer?.Value is { } opened
                    && model.GetSymbolInfo(opened, cancellationToken).Symbol is IMethodSymbol { Name: "OpenRead" or "GetManifestResourceStream" } => (statement, files[0]),
            _ => (null, (VariableDeclaratorSyntax?)null),
        };
        if (assignmentStatement?.Expression is not AssignmentExpressionSyntax { Left: var stored, Right: InvocationExpressionSyntax load } reload
            || !reload.IsKind(SyntaxKind.SimpleAssignmentExpression)
            || !stores.Contains(stored)
            || !IsModelOperation(model, load, "Load", cancellationToken)
            || load.Expression is not MemberAccessExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Model", Expression: var context } }
            || load.ArgumentList.Arguments.Count != 2
            || load.ArgumentList.Arguments[0].NameColon is not null
            || !load.ArgumentList.Arguments[1].RefKindKeyword.IsKind(SyntaxKind.OutKeyword))
        {
            return null;
        }

        // The source: the path or stream it loaded from; a using's stream, opened only for this load, is read by the verified load.
        var source = load.ArgumentList.Arguments[0].Expression;
        if (resource is not null)
        {
            var resourceSymbol = model.GetDeclaredSymbol(resource, cancellationToken);
            if (!(Unparenthesize(source) is IdentifierNameSyntax sourceName && SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(sourceName, cancellationToken).Symbol, resourceSymbol))
                || reloadStatement!.DescendantNodes().OfType<IdentifierNameSyntax>().Count(n => n.Identifier.ValueText == resource.Identifier.ValueText) != 1)
            {
                return null;
            }

            source = resource.Initializer!.Value;
        }

        var schemaReads = new List<ExpressionSyntax>();
        if (VerifiedLoad(model, context, source, cancellationToken) is not { } verifiedLoad
            || !SchemaReads(model, load.ArgumentList.Arguments[1].Expression, schemaReads, cancellationToken)
            || schemaReads.Any(r => r != passedSchema))
        {
            return null;
        }

        var name = "verified" + char.ToUpperInvariant(variable.Symbol.Name.TrimStart('_')[0]) + variable.Symbol.Name.TrimStart('_').Substring(1);
        if (!model.LookupSymbols(reloadStatement!.SpanStart, name: name).IsEmpty || !model.LookupSymbols(readStatement.SpanStart, name: name).IsEmpty
            || LocalScope(declarator).DescendantTokens().Any(t => t.IsKind(SyntaxKind.IdentifierToken) && t.ValueText == name))
        {
            return null;
        }

        var declaration = SyntaxFactory.LocalDeclarationStatement(SyntaxFactory.VariableDeclaration(
            SyntaxFactory.IdentifierName("var"),
            SyntaxFactory.SingletonSeparatedList(SyntaxFactory.VariableDeclarator(SyntaxFactory.Identifier(name), null, SyntaxFactory.EqualsValueClause(verifiedLoad)))));
        edits[reloadStatement] = _ => declaration.WithTriviaFrom(reloadStatement);
        return SyntaxFactory.IdentifierName(name);
    }

    /// <summary>The statement list (a block's, or the file's top-level statements) a statement is directly in; null otherwise.</summary>
    private static IReadOnlyList<StatementSyntax>? Statements(StatementSyntax? statement) => statement?.Parent switch
    {
        BlockSyntax block => block.Statements,
        GlobalStatementSyntax { Parent: CompilationUnitSyntax unit } => unit.Members.OfType<GlobalStatementSyntax>().Select(g => g.Statement).ToList(),
        _ => null,
    };

    /// <summary>
    /// The reads of the schema a load writes (its <c>out</c> argument): none for a discard; false when the schema is
    /// written to anything but a new local, or that local is written again. With <paramref name="edits"/>, also a local
    /// declared just before without a value (<c>DataViewSchema schema;</c> then <c>Load(file, out schema)</c>, as ML.NET's
    /// image samples write it) that nothing else writes: its declaration is removed, since the verified load writes no
    /// schema, and its reads are returned like a new local's.
    /// </summary>
    private static bool SchemaReads(SemanticModel model, ExpressionSyntax schemaArgument, List<ExpressionSyntax> reads, CancellationToken cancellationToken,
        Dictionary<SyntaxNode, Func<SyntaxNode, SyntaxNode>>? edits = null)
    {
        switch (schemaArgument)
        {
            case IdentifierNameSyntax declared when edits is not null
                && schemaArgument.Parent is ArgumentSyntax { RefKindKeyword.RawKind: (int)SyntaxKind.OutKeyword }
                && model.GetSymbolInfo(declared, cancellationToken).Symbol is ILocalSymbol { DeclaringSyntaxReferences.Length: 1 } local
                && local.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is VariableDeclaratorSyntax { Initializer: null } declarator
                && declarator.Parent is VariableDeclarationSyntax { Variables.Count: 1, Parent: LocalDeclarationStatementSyntax { Parent: BlockSyntax block, UsingKeyword.RawKind: 0 } statement }:
            {
                var uses = LocalScope(declarator).DescendantNodes().OfType<IdentifierNameSyntax>()
                    .Where(n => n != declared && n.Identifier.ValueText == local.Name && SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(n, cancellationToken).Symbol, local))
                    .ToList();
                if (uses.Any(r => r.Parent is AssignmentExpressionSyntax a && a.Left == r || r.Parent is ArgumentSyntax arg && !arg.RefKindKeyword.IsKind(SyntaxKind.None) || IsInNameOf(r)))
                {
                    return false;
                }

                reads.AddRange(uses);
                edits[block] = new DeclarationRemoval(local.Name).Apply;
                return true;
            }

            case IdentifierNameSyntax { Identifier.ValueText: "_" } discard when model.GetSymbolInfo(discard, cancellationToken).Symbol is null or IDiscardSymbol:
            case DeclarationExpressionSyntax { Designation: DiscardDesignationSyntax }:
                return true;
            case DeclarationExpressionSyntax { Designation: SingleVariableDesignationSyntax designation }
                when model.GetDeclaredSymbol(designation, cancellationToken) is ILocalSymbol schema:
                reads.AddRange(LocalScope(designation).DescendantNodes().OfType<IdentifierNameSyntax>()
                    .Where(n => n.Identifier.ValueText == schema.Name && SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(n, cancellationToken).Symbol, schema)));
                return !reads.Any(r => r.Parent is AssignmentExpressionSyntax a && a.Left == r || r.Parent is ArgumentSyntax arg && !arg.RefKindKeyword.IsKind(SyntaxKind.None));
            default:
                return false;
        }
    }

    /// <summary>
    /// For <c>estimator.Fit(data)</c> (an ML.NET estimator trained in the program), the data it was fitted on when that
    /// is a plain reference (<c>data</c>, <c>split.TrainSet</c>) whose <c>.Schema</c> can be read again; else null.
    /// </summary>
    private static ExpressionSyntax? FittedOn(SemanticModel model, InvocationExpressionSyntax invocation, CancellationToken cancellationToken)
    {
        // A chain assembled by hand (fitted.Append(transformer), as feature contribution samples do) reads what its first
        // transformer reads. Any custom mapping or image loading where it is built holds it back.
        if (invocation.Expression is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Append", Expression: var start }
            && IsSinglePlainArgument(invocation.ArgumentList)
            && model.GetSymbolInfo(invocation, cancellationToken).Symbol is IMethodSymbol { ReturnType: var chainType }
            && (IsMLType(chainType, "ITransformer") || chainType.AllInterfaces.Any(i => IsMLType(i, "ITransformer"))))
        {
            var first = Unparenthesize(start);
            if (first is IdentifierNameSyntax startName
                && model.GetSymbolInfo(startName, cancellationToken).Symbol is ILocalSymbol { DeclaringSyntaxReferences.Length: 1 } startLocal
                && startLocal.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is VariableDeclaratorSyntax { Initializer.Value: var startValue } startDeclarator
                && !LocalScope(startDeclarator).DescendantNodes().OfType<IdentifierNameSyntax>().Any(n =>
                    n.Identifier.ValueText == startLocal.Name
                    && (n.Parent is AssignmentExpressionSyntax assigned && assigned.Left == n || n.Parent is ArgumentSyntax { RefKindKeyword.RawKind: not (int)SyntaxKind.None })
                    && SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(n, cancellationToken).Symbol, startLocal)))
            {
                first = Unparenthesize(startValue);
            }

            return first is InvocationExpressionSyntax fitted && !BuildsUnpinnableStep(LocalScope(invocation).DescendantNodes())
                ? FittedOn(model, fitted, cancellationToken)
                : null;
        }

        if (invocation.Expression is not MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Fit" }
            || !IsSinglePlainArgument(invocation.ArgumentList)
            || model.GetSymbolInfo(invocation, cancellationToken).Symbol is not IMethodSymbol { ReturnType: var returned, Parameters.Length: 1 } method
            || !IsMLType(method.Parameters[0].Type, "IDataView")
            || !(IsMLType(returned, "ITransformer") || returned.AllInterfaces.Any(i => IsMLType(i, "ITransformer"))))
        {
            return null;
        }

        var data = Unparenthesize(invocation.ArgumentList.Arguments[0].Expression);
        return IsPlainReference(data) && !HasCustomMapping(model, ((MemberAccessExpressionSyntax)invocation.Expression).Expression, cancellationToken) ? data : null;
    }

    /// <summary>
    /// Whether the estimator is built with a custom mapping or loads images, in place or in the local it is read from.
    /// ML.NET saves a custom mapping only with a registered factory contract, so pinning it through its saved bytes could
    /// fail at run time; an image loader reads a file named by an input column, whose bytes no receipt would cover.
    /// </summary>
    private static bool HasCustomMapping(SemanticModel model, ExpressionSyntax estimator, CancellationToken cancellationToken)
    {
        var built = new List<SyntaxNode> { estimator };
        if (Unparenthesize(estimator) is IdentifierNameSyntax name
            && model.GetSymbolInfo(name, cancellationToken).Symbol is ILocalSymbol { DeclaringSyntaxReferences.Length: 1 } local)
        {
            var declarator = local.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken);
            built.Add(declarator);
            built.AddRange(LocalScope(declarator).DescendantNodes().OfType<AssignmentExpressionSyntax>()
                .Where(a => a.Left is IdentifierNameSyntax { Identifier.ValueText: var assigned } && assigned == local.Name));
        }

        return BuildsUnpinnableStep(built.SelectMany(n => n.DescendantNodesAndSelf()));
    }

    private static bool BuildsUnpinnableStep(IEnumerable<SyntaxNode> nodes) =>
        nodes.OfType<SimpleNameSyntax>().Any(n => n.Identifier.ValueText is "CustomMapping" or "StatefulCustomMapping" or "FilterByCustomPredicate"
            or "FilterByStatefulCustomPredicate" or "LoadImages" or "LoadRawImageBytes");

    private static bool IsMLType(ITypeSymbol type, string name) =>
        type is { Name: var typeName, ContainingNamespace: { Name: "ML", ContainingNamespace.Name: "Microsoft" } } && typeName == name;

    private static bool IsPlainReference(ExpressionSyntax expression) => expression switch
    {
        IdentifierNameSyntax => true,
        MemberAccessExpressionSyntax { Expression: var inner, Name: IdentifierNameSyntax } => inner is ThisExpressionSyntax || IsPlainReference(inner),
        _ => false,
    };

    /// <summary>
    /// The declared type of a rewritten variable: a local with an initializer becomes <c>var</c>; anything else gets the
    /// verified type. False for a declaration shared with other variables (<c>ITransformer a, b;</c>).
    /// </summary>
    private static bool RetypeDeclaration(Variable variable, TypeSyntax verifiedType, Dictionary<SyntaxNode, Func<SyntaxNode, SyntaxNode>> edits)
    {
        TypeSyntax type;
        switch (variable.Declaration)
        {
            case PropertyDeclarationSyntax property:
                type = property.Type;
                break;
            case VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax declaration }:
                if (declaration.Variables.Count != 1)
                {
                    return false;
                }

                type = declaration.Type;
                break;
            default:
                return false;
        }

        if (type.IsVar)
        {
            return true;
        }

        var replacement = variable.Symbol is ILocalSymbol && variable.Initializer is not null
            ? SyntaxFactory.IdentifierName("var")
            : verifiedType.WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation);
        edits[type] = _ => replacement.WithTriviaFrom(type);
        return true;
    }

    /// <summary>
    /// The verified load for the source ML.NET loaded from: a path, <c>File.OpenRead(path)</c> (read as the path), an
    /// embedded resource (<c>assembly.GetManifestResourceStream(name)</c>), or any other stream, named in the receipt
    /// context by its expression.
    /// </summary>
    private static InvocationExpressionSyntax? VerifiedLoad(SemanticModel model, ExpressionSyntax context, ExpressionSyntax source, CancellationToken cancellationToken)
    {
        var sourceType = model.GetTypeInfo(source, cancellationToken).Type;
        var arguments = new List<ExpressionSyntax> { context.WithoutTrivia() };
        var method = "Load";
        var unwrapped = Unparenthesize(source);
        if (sourceType?.SpecialType == SpecialType.System_String)
        {
            arguments.Add(source.WithoutTrivia());
        }
        else if (!IsStream(sourceType))
        {
            return null;
        }
        else if (unwrapped is InvocationExpressionSyntax openRead && IsSinglePlainArgument(openRead.ArgumentList)
            && model.GetSymbolInfo(openRead, cancellationToken).Symbol is IMethodSymbol { Name: "OpenRead", ContainingType: { Name: "File", ContainingNamespace: { Name: "IO", ContainingNamespace.Name: "System" } } })
        {
            arguments.Add(openRead.ArgumentList.Arguments[0].Expression.WithoutTrivia());
        }
        else if (OpenedFromConstantPath(model, unwrapped, cancellationToken) is { } path)
        {
            // using (var file = File.OpenRead("model.zip")) model = ml.Model.Load(file, out _): the file the stream reads.
            arguments.Add(path.WithoutTrivia());
        }
        else if (unwrapped is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax resourceAccess } getResource && IsSinglePlainArgument(getResource.ArgumentList)
            && model.GetSymbolInfo(getResource, cancellationToken).Symbol is IMethodSymbol { Name: "GetManifestResourceStream", Parameters.Length: 1, ContainingType: { Name: "Assembly", ContainingNamespace: { Name: "Reflection", ContainingNamespace.Name: "System" } } })
        {
            method = "LoadEmbedded";
            arguments.Add(resourceAccess.Expression.WithoutTrivia());
            arguments.Add(getResource.ArgumentList.Arguments[0].Expression.WithoutTrivia());
        }
        else
        {
            arguments.Add(source.WithoutTrivia());
            arguments.Add(SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(source.WithoutTrivia().ToString())));
        }

        var verifiedModel = SyntaxFactory.ParseName(VerifiedModelName).WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation);
        return SyntaxFactory.InvocationExpression(
            Member(verifiedModel, method),
            SyntaxFactory.ArgumentList(SyntaxFactory.SeparatedList(arguments.Select(SyntaxFactory.Argument))));
    }

    /// <summary>
    /// For a local that a <c>using</c> opens with <c>File.OpenRead(path)</c>, a constant <c>path</c>, and nothing else stores:
    /// the path (the verified load reads the same file); else null.
    /// </summary>
    private static ExpressionSyntax? OpenedFromConstantPath(SemanticModel model, ExpressionSyntax source, CancellationToken cancellationToken)
    {
        if (source is not IdentifierNameSyntax name
            || model.GetSymbolInfo(name, cancellationToken).Symbol is not ILocalSymbol { IsUsing: true, DeclaringSyntaxReferences.Length: 1 } local
            || local.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is not VariableDeclaratorSyntax { Initializer.Value: InvocationExpressionSyntax openRead }
            || !IsSinglePlainArgument(openRead.ArgumentList)
            || model.GetSymbolInfo(openRead, cancellationToken).Symbol is not IMethodSymbol { Name: "OpenRead", ContainingType: { Name: "File", ContainingNamespace: { Name: "IO", ContainingNamespace.Name: "System" } } }
            || !model.GetConstantValue(openRead.ArgumentList.Arguments[0].Expression, cancellationToken).HasValue)
        {
            return null;
        }

        return openRead.ArgumentList.Arguments[0].Expression;
    }

    private static bool IsStream(ITypeSymbol? type)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            if (current is { Name: "Stream", ContainingNamespace: { Name: "IO", ContainingNamespace.Name: "System" } })
            {
                return true;
            }
        }

        return false;
    }

    private static InvocationExpressionSyntax VerifiedCreate(ExpressionSyntax verifiedModel, GenericNameSyntax createName) =>
        SyntaxFactory.InvocationExpression(
            SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, verifiedModel, createName.WithoutTrivia()),
            SyntaxFactory.ArgumentList());

    private static MemberAccessExpressionSyntax Member(ExpressionSyntax expression, string name) =>
        SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, expression, SyntaxFactory.IdentifierName(name));

    /// <summary>Arguments passed by value, each positional or named for its own position.</summary>
    private static bool InPlace(ArgumentListSyntax arguments, params string[] names) =>
        arguments.Arguments.Select((a, i) => a.RefKindKeyword.IsKind(SyntaxKind.None) && (a.NameColon is null || i < names.Length && a.NameColon.Name.Identifier.ValueText == names[i])).All(ok => ok);

    /// <summary>
    /// Whether a receipt covers every column ML.NET maps from a class (<see cref="MLNetColumns"/>). The verified engine
    /// refuses the others (images, dates) when it is created, so the fix would compile and then fail at run time.
    /// </summary>
    private static bool ReceiptsCover(ITypeSymbol type) => MLNetColumns.FirstUncovered(type) is null;

    private static bool IsSinglePlainArgument(ArgumentListSyntax arguments) =>
        arguments.Arguments.Count == 1 && arguments.Arguments[0].RefKindKeyword.IsKind(SyntaxKind.None) && arguments.Arguments[0].NameColon is null;

    /// <summary>
    /// The <c>ctx.Model.Save(model, schema, path or stream)</c> call (positional arguments) that
    /// <paramref name="read"/> is the saved model of, or null.
    /// </summary>
    private static InvocationExpressionSyntax? SaveOf(SemanticModel model, ExpressionSyntax read, CancellationToken cancellationToken) =>
        read.Parent is ArgumentSyntax { NameColon: null, Parent: ArgumentListSyntax { Arguments.Count: 3, Parent: InvocationExpressionSyntax save } arguments } argument
        && arguments.Arguments[0] == argument
        && arguments.Arguments.All(a => a.NameColon is null && a.RefKindKeyword.IsKind(SyntaxKind.None))
        && IsModelOperation(model, save, "Save", cancellationToken)
            ? save
            : null;

    /// <summary>A call to ML.NET's <c>ModelOperationsCatalog</c> (<c>mlContext.Model.X</c>).</summary>
    private static bool IsModelOperation(SemanticModel model, InvocationExpressionSyntax invocation, string name, CancellationToken cancellationToken) =>
        model.GetSymbolInfo(invocation, cancellationToken).Symbol is IMethodSymbol { Name: var methodName, ContainingType: { Name: "ModelOperationsCatalog", ContainingNamespace: { Name: "ML", ContainingNamespace.Name: "Microsoft" } } }
        && methodName == name;

    private static ExpressionSyntax Unparenthesize(ExpressionSyntax expression) =>
        expression is ParenthesizedExpressionSyntax parenthesized ? Unparenthesize(parenthesized.Expression) : expression;

    /// <summary>
    /// The local, field or auto-property an expression names (<c>x</c>, <c>this.x</c>, <c>Type.x</c>), with its uses.
    /// Null for anything else, or for a field or property that code outside this document can reach.
    /// </summary>
    private static async Task<Variable?> FindAsync(Document document, SyntaxNode root, SemanticModel model, ExpressionSyntax expression, CancellationToken cancellationToken)
    {
        var name = Unparenthesize(expression) switch
        {
            IdentifierNameSyntax identifier => identifier,
            MemberAccessExpressionSyntax { Name: IdentifierNameSyntax identifier } access when IsThisOrType(model, access, cancellationToken) => identifier,
            _ => null,
        };
        var symbol = name is null ? null : model.GetSymbolInfo(name, cancellationToken).Symbol;
        if (symbol is not (ILocalSymbol or IFieldSymbol or IPropertySymbol) || symbol.DeclaringSyntaxReferences.Length != 1)
        {
            return null;
        }

        var reference = symbol.DeclaringSyntaxReferences[0];
        var declaration = reference.SyntaxTree == root.SyntaxTree ? reference.GetSyntax(cancellationToken) : null;
        if (declaration is not (VariableDeclaratorSyntax or PropertyDeclarationSyntax))
        {
            return null;
        }

        if (declaration is PropertyDeclarationSyntax property
            && (property.ExpressionBody is not null || property.AccessorList is null || property.AccessorList.Accessors.Any(a => a.Body is not null || a.ExpressionBody is not null)))
        {
            // Only an auto-property is a plain store.
            return null;
        }

        SyntaxNode scope;
        if (symbol is ILocalSymbol)
        {
            scope = LocalScope(declaration);
        }
        else
        {
            // A field or property: every reference must be in this document, where the rewrite sees it.
            scope = root;
            var references = await SymbolFinder.FindReferencesAsync(symbol, document.Project.Solution, cancellationToken).ConfigureAwait(false);
            if (references.SelectMany(r => r.Locations).Any(l => l.Document.Id != document.Id))
            {
                return null;
            }
        }

        var uses = new List<ExpressionSyntax>();
        foreach (var identifier in scope.DescendantNodes().OfType<IdentifierNameSyntax>())
        {
            if (identifier.Identifier.ValueText != symbol.Name
                || !SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(identifier, cancellationToken).Symbol, symbol))
            {
                continue;
            }

            if (identifier.Parent is MemberAccessExpressionSyntax access && access.Name == identifier)
            {
                if (!IsThisOrType(model, access, cancellationToken))
                {
                    // Reached through another object (other.engine): not this instance's store.
                    return null;
                }

                uses.Add(access);
            }
            else if (identifier.Parent is NameColonSyntax or NameEqualsSyntax)
            {
                return null;
            }
            else if (!IsInNameOf(identifier))
            {
                uses.Add(identifier);
            }
        }

        return new Variable(symbol, declaration, uses);
    }

    /// <summary><c>this.x</c> or <c>Type.x</c>: the store itself, not the same member of another object.</summary>
    private static bool IsThisOrType(SemanticModel model, MemberAccessExpressionSyntax access, CancellationToken cancellationToken) =>
        access.Expression is ThisExpressionSyntax
        || access.Expression is IdentifierNameSyntax or QualifiedNameSyntax && model.GetSymbolInfo(access.Expression, cancellationToken).Symbol is INamedTypeSymbol;

    private static bool IsInNameOf(SyntaxNode node) =>
        node.Ancestors().Any(a => a is InvocationExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: "nameof" } });

    /// <summary>The body a local lives in: its function, or the file's top-level statements.</summary>
    private static SyntaxNode LocalScope(SyntaxNode declaration) =>
        declaration.Ancestors().FirstOrDefault(a => a is BaseMethodDeclarationSyntax or AccessorDeclarationSyntax or LocalFunctionStatementSyntax or AnonymousFunctionExpressionSyntax)
        ?? declaration.SyntaxTree.GetRoot();
}
