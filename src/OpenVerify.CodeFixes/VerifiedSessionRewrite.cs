using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.FindSymbols;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;
using OpenVerify.Analyzers.AiApis;
using static OpenVerify.Analyzers.Generation.SymbolNames;
using static OpenVerify.CodeFixes.CompileCheck;

namespace OpenVerify.CodeFixes;

/// <summary>
/// The whole-program rewrite behind OV0001's "Run through a VerifiedModel" fix: an <c>InferenceSession</c> held in a
/// field, property or local and created in this code base from a path or from bytes becomes a <c>VerifiedModel</c>
/// (<c>VerifiedModel.Load(path)</c> / <c>VerifiedModel.FromBytes(bytes)</c>). Its <c>Run</c> calls keep their
/// arguments and their reads of the outputs: they bind to the runtime's InferenceSession-shaped overloads
/// (<c>VerifiedModelOnnxRuntimeExtensions</c>), whose results carry the receipt. A call whose results are not kept in a
/// variable gets one (<c>var results = session.Run(...);</c>), so the receipt stays reachable as <c>results.Receipt</c>.
/// </summary>
internal static class VerifiedSessionRewrite
{
    private const string Namespace = "OpenVerify";
    private const string SessionOptionsType = "Microsoft.ML.OnnxRuntime.SessionOptions";
    private const string RunOptionsType = "Microsoft.ML.OnnxRuntime.RunOptions";

    /// <summary>The <c>InferenceSession.Run</c> overloads the runtime has a verified counterpart of, by parameter types.</summary>
    private static readonly HashSet<string> RunOverloads = new(StringComparer.Ordinal)
    {
        "IReadOnlyCollection<NamedOnnxValue>",
        "IReadOnlyCollection<NamedOnnxValue>,IReadOnlyCollection<string>",
        "IReadOnlyCollection<NamedOnnxValue>,IReadOnlyCollection<string>,RunOptions",
        "RunOptions,IReadOnlyDictionary<string,OrtValue>,IReadOnlyCollection<string>",
        "RunOptions,IReadOnlyCollection<string>,IReadOnlyCollection<OrtValue>,IReadOnlyCollection<string>",
    };

    /// <summary>Members of the session other than <c>Run</c> that <c>VerifiedModel</c> has with the same meaning.</summary>
    private static readonly HashSet<string> KeptMembers = new(StringComparer.Ordinal) { "Dispose", "InputNames", "OutputNames", "InputMetadata", "OutputMetadata" };

    internal enum EditKind
    {
        /// <summary>The session's declared type becomes <c>VerifiedModel</c>.</summary>
        Type,

        /// <summary><c>new InferenceSession(path[, unconfigured options])</c> becomes <c>VerifiedModel.Load(path)</c>.</summary>
        Load,

        /// <summary><c>new InferenceSession(bytes[, unconfigured options])</c> becomes <c>VerifiedModel.FromBytes(bytes)</c>.</summary>
        FromBytes,

        /// <summary>A run whose results are not kept gets a local before its statement.</summary>
        Hoist,

        /// <summary>The explicit type of a results local (<c>IDisposableReadOnlyCollection&lt;…&gt;</c>) becomes <c>var</c>.</summary>
        Var,

        /// <summary>A document that calls <c>Run</c> on the session needs <c>using OpenVerify;</c> for the overloads.</summary>
        Import,

        /// <summary>The declaration or a configuring statement of session options carried over into the configuration.</summary>
        Remove,
    }

    /// <summary>
    /// One change; <see cref="Returns"/> says whether an expression body that gets a results local returns its value;
    /// <see cref="Name"/> is the results local of a <see cref="EditKind.Hoist"/>, or the <c>SessionConfiguration</c>
    /// initializer (<c>GraphOptimization = …, IntraOpThreads = …</c>) of a <see cref="EditKind.Load"/> or
    /// <see cref="EditKind.FromBytes"/> that carries session options over.
    /// </summary>
    internal sealed record Edit(DocumentId Document, TextSpan Span, EditKind Kind, string? Name = null, bool Returns = false);

    internal sealed class Plan
    {
        public Plan(string key, IReadOnlyList<Edit> edits)
        {
            Key = key;
            Edits = edits;
        }

        /// <summary>The session's declaration: one plan per session, however many calls it has.</summary>
        public string Key { get; }

        public IReadOnlyList<Edit> Edits { get; }
    }

    /// <summary>
    /// The rewrite of the session the flagged call runs on, or null where it cannot be done safely: a session from
    /// elsewhere (injected, returned by a method), created with arguments the runtime does not take or with configured
    /// session options, used in ways a <c>VerifiedModel</c> is not (passed on, IoBinding), or run through an overload
    /// without a verified counterpart or with configured run options (which the verified overloads do not apply). <paramref name="reservedNames"/> keeps the result locals of several plans apart.
    /// </summary>
    public static async Task<Plan?> TryPlanAsync(Document document, Diagnostic diagnostic, Dictionary<string, HashSet<string>> reservedNames, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || model is null
            || model.Compilation.GetTypeByMetadataName("OpenVerify.VerifiedModel") is null
            || model.Compilation.GetTypeByMetadataName("OpenVerify.VerifiedModelOnnxRuntimeExtensions") is null
            || root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not InvocationExpressionSyntax call
            || !IsVerifiableRun(model, call, cancellationToken)
            || Receiver(call) is not { } receiver
            || model.GetSymbolInfo(receiver, cancellationToken).Symbol is not { } session
            || !IsSessionVariable(session)
            || session.DeclaringSyntaxReferences.Length != 1)
        {
            return null;
        }

        var solution = document.Project.Solution;
        var declarationNode = await session.DeclaringSyntaxReferences[0].GetSyntaxAsync(cancellationToken).ConfigureAwait(false);
        var declarationDocument = solution.GetDocument(declarationNode.SyntaxTree);
        if (declarationDocument is null || DeclaredType(declarationNode) is not { } declaredType)
        {
            return null;
        }

        var edits = new List<Edit>();
        if (!declaredType.IsVar)
        {
            edits.Add(new Edit(declarationDocument.Id, (declaredType is NullableTypeSyntax nullable ? nullable.ElementType : declaredType).Span, EditKind.Type));
        }

        var creations = 0;
        var initializer = declarationNode switch
        {
            VariableDeclaratorSyntax declarator => declarator.Initializer?.Value,
            PropertyDeclarationSyntax property => property.Initializer?.Value,
            _ => null,
        };
        if (initializer is not null)
        {
            var declarationModel = await declarationDocument.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            if (declarationModel is null || Creation(declarationModel, declarationDocument.Id, initializer, cancellationToken) is not { } creationEdits)
            {
                return null;
            }

            edits.AddRange(creationEdits);
            creations++;
        }

        var references = await SymbolFinder.FindReferencesAsync(session, solution, cancellationToken).ConfigureAwait(false);
        foreach (var location in references.SelectMany(r => r.Locations))
        {
            var referenceDocument = location.Document;
            var referenceRoot = await referenceDocument.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var referenceModel = await referenceDocument.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            if (referenceRoot is null || referenceModel is null
                || referenceRoot.FindNode(location.Location.SourceSpan, getInnermostNodeForTie: true) is not SimpleNameSyntax name)
            {
                return null;
            }

            ExpressionSyntax use = name.Parent is MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax or IdentifierNameSyntax } qualified && qualified.Name == name ? qualified : name;
            switch (use.Parent)
            {
                case AssignmentExpressionSyntax assignment when assignment.Left == use && (assignment.IsKind(SyntaxKind.SimpleAssignmentExpression) || assignment.IsKind(SyntaxKind.CoalesceAssignmentExpression)):
                    if (assignment.Right.IsKind(SyntaxKind.NullLiteralExpression) || assignment.Right.IsKind(SyntaxKind.DefaultLiteralExpression))
                    {
                        continue;
                    }

                    if (Creation(referenceModel, referenceDocument.Id, assignment.Right, cancellationToken) is not { } creation)
                    {
                        // A session handed in (a constructor parameter, a factory's result): the code that makes it
                        // must make a VerifiedModel instead, which this fix cannot see.
                        return null;
                    }

                    edits.AddRange(creation);
                    creations++;
                    continue;
                case MemberAccessExpressionSyntax member when member.Expression == use && member.Name.Identifier.ValueText == "Run" && member.Parent is InvocationExpressionSyntax run:
                    if (!IsVerifiableRun(referenceModel, run, cancellationToken) || RunEdits(referenceModel, referenceDocument.Id, run, run, reservedNames, cancellationToken) is not { } runEdits)
                    {
                        return null;
                    }

                    edits.AddRange(runEdits);
                    continue;
                case ConditionalAccessExpressionSyntax { WhenNotNull: InvocationExpressionSyntax { Expression: MemberBindingExpressionSyntax { Name.Identifier.ValueText: "Run" } } run } conditional when conditional.Expression == use:
                    if (!IsVerifiableRun(referenceModel, run, cancellationToken) || RunEdits(referenceModel, referenceDocument.Id, run, conditional, reservedNames, cancellationToken) is not { } conditionalEdits)
                    {
                        return null;
                    }

                    edits.AddRange(conditionalEdits);
                    continue;
                case MemberAccessExpressionSyntax member when member.Expression == use && KeptMembers.Contains(member.Name.Identifier.ValueText):
                case ConditionalAccessExpressionSyntax { WhenNotNull: InvocationExpressionSyntax { Expression: MemberBindingExpressionSyntax { Name.Identifier.ValueText: "Dispose" } } } disposal when disposal.Expression == use:
                case UsingStatementSyntax usingStatement when usingStatement.Expression == use:
                case BinaryExpressionSyntax comparison when (comparison.IsKind(SyntaxKind.EqualsExpression) || comparison.IsKind(SyntaxKind.NotEqualsExpression))
                    && (comparison.Left.IsKind(SyntaxKind.NullLiteralExpression) || comparison.Right.IsKind(SyntaxKind.NullLiteralExpression)):
                case IsPatternExpressionSyntax { Pattern: ConstantPatternSyntax { Expression: LiteralExpressionSyntax } or UnaryPatternSyntax { Pattern: ConstantPatternSyntax { Expression: LiteralExpressionSyntax } } } pattern when pattern.Expression == use:
                    continue;
                default:
                    // Passed on, returned, its metadata read, bound for IoBinding: a VerifiedModel would not fit there.
                    return null;
            }
        }

        if (creations == 0)
        {
            return null;
        }

        var key = declarationNode.SyntaxTree.FilePath + ":" + declarationNode.SpanStart;
        return new Plan(key, edits.Distinct().ToList());
    }

    /// <summary>A field, an auto-property or a local of type <c>InferenceSession</c> itself (not a type derived from it).</summary>
    private static bool IsSessionVariable(ISymbol symbol)
    {
        var type = symbol switch
        {
            IFieldSymbol field => field.Type,
            IPropertySymbol property when property.DeclaringSyntaxReferences.Length == 1
                && property.DeclaringSyntaxReferences[0].GetSyntax() is PropertyDeclarationSyntax { ExpressionBody: null, AccessorList: { } accessors }
                && accessors.Accessors.All(a => a.Body is null && a.ExpressionBody is null) => property.Type,
            ILocalSymbol local => local.Type,
            _ => null,
        };
        return type is not null && MetadataName(type) == OnnxRunCallMapping.SessionType && symbol.Locations.All(l => l.IsInSource);
    }

    /// <summary>The type syntax of a single-variable field or local declaration, or of a property.</summary>
    private static TypeSyntax? DeclaredType(SyntaxNode declaration) => declaration switch
    {
        VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax { Variables.Count: 1 } variables } => variables.Type,
        PropertyDeclarationSyntax property => property.Type,
        _ => null,
    };

    private static ExpressionSyntax? Receiver(InvocationExpressionSyntax call) => call.Expression switch
    {
        MemberAccessExpressionSyntax { Expression: var receiver } => receiver is MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax } qualified ? qualified.Name : receiver,
        MemberBindingExpressionSyntax when call.Parent is ConditionalAccessExpressionSyntax { Expression: var receiver } => receiver,
        _ => null,
    };

    private static bool IsVerifiableRun(SemanticModel model, InvocationExpressionSyntax call, CancellationToken cancellationToken) =>
        model.GetSymbolInfo(call, cancellationToken).Symbol is IMethodSymbol { Name: "Run" } run
        && MetadataName(run.ContainingType) == OnnxRunCallMapping.SessionType
        && RunOverloads.Contains(string.Join(",", run.Parameters.Select(p => OnnxRunCallMapping.Describe(p.Type))))
        && !PassesRunOptions(model, call, cancellationToken);

    /// <summary>
    /// <c>new InferenceSession(path or bytes[, sessionOptions])</c>, positional: the edits that make it a VerifiedModel,
    /// with the options' settings carried over into <c>VerifiedModelOptions.Session</c> and the options' own
    /// statements removed when nothing else uses them; null where the options hold anything a
    /// <c>SessionConfiguration</c> cannot express (<see cref="SessionOptionsMapping"/>).
    /// </summary>
    private static List<Edit>? Creation(SemanticModel model, DocumentId document, ExpressionSyntax expression, CancellationToken cancellationToken)
    {
        if (expression is not BaseObjectCreationExpressionSyntax { Initializer: null, ArgumentList: { } arguments } creation
            || model.GetSymbolInfo(creation, cancellationToken).Symbol is not IMethodSymbol constructor
            || MetadataName(constructor.ContainingType) != OnnxRunCallMapping.SessionType
            || arguments.Arguments.Count != constructor.Parameters.Length
            || arguments.Arguments.Any(a => a.NameColon is not null || !a.RefKindKeyword.IsKind(SyntaxKind.None))
            || (constructor.Parameters.Length == 2 && MetadataName(constructor.Parameters[1].Type) != SessionOptionsType)
            || constructor.Parameters.Length is not (1 or 2))
        {
            return null;
        }

        var kind = constructor.Parameters[0].Type switch
        {
            { SpecialType: SpecialType.System_String } => EditKind.Load,
            IArrayTypeSymbol { ElementType.SpecialType: SpecialType.System_Byte } => EditKind.FromBytes,
            _ => (EditKind?)null,
        };
        if (kind is null)
        {
            return null;
        }

        if (constructor.Parameters.Length == 1)
        {
            return new List<Edit> { new(document, creation.Span, kind.Value) };
        }

        // Execution providers, custom operators, config entries or options from elsewhere would be dropped: held
        // back, and OV0001's message names the setting.
        var options = SessionOptionsMapping.Analyze(model, arguments.Arguments[1].Expression, cancellationToken);
        if (options.HeldBack is not null)
        {
            return null;
        }

        var configuration = options.Settings.Count == 0 ? null : string.Join(", ", options.Settings.Select(s => s.Key + " = " + s.Value));
        var edits = new List<Edit> { new(document, creation.Span, kind.Value, configuration) };
        edits.AddRange(options.Obsolete.Select(node => new Edit(document, node.Span, EditKind.Remove)));
        return edits;
    }

    /// <summary>
    /// Whether <paramref name="expression"/> is options of <paramref name="typeName"/> as they are made: <c>new T()</c>
    /// without an initializer, <c>null</c>/<c>default</c> where <paramref name="allowNull"/>, or a local or private
    /// field initialized so whose every use is an argument to the session's constructor or <c>Run</c> (nothing sets
    /// a provider, a thread count, <c>Terminate</c>…).
    /// </summary>
    private static bool IsUnconfigured(SemanticModel model, ExpressionSyntax expression, string typeName, bool allowNull, CancellationToken cancellationToken)
    {
        while (expression is ParenthesizedExpressionSyntax parenthesized)
        {
            expression = parenthesized.Expression;
        }

        if (expression.IsKind(SyntaxKind.NullLiteralExpression) || expression.IsKind(SyntaxKind.DefaultLiteralExpression) || expression is DefaultExpressionSyntax)
        {
            return allowNull;
        }

        if (expression is BaseObjectCreationExpressionSyntax)
        {
            return IsFreshInstance(model, expression, typeName, cancellationToken);
        }

        var name = expression is MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax, Name: var member } ? member : expression as SimpleNameSyntax;
        var symbol = name is null ? null : model.GetSymbolInfo(name, cancellationToken).Symbol;
        if (symbol is not (ILocalSymbol or IFieldSymbol { DeclaredAccessibility: Accessibility.Private, ContainingType.DeclaringSyntaxReferences.Length: 1 })
            || symbol.DeclaringSyntaxReferences.Length != 1
            || symbol.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is not VariableDeclaratorSyntax { Initializer.Value: { } initializer } declarator
            || declarator.SyntaxTree != model.SyntaxTree
            || !IsFreshInstance(model, initializer, typeName, cancellationToken))
        {
            return false;
        }

        SyntaxNode? scope = symbol is IFieldSymbol ? declarator.FirstAncestorOrSelf<TypeDeclarationSyntax>() : declarator.FirstAncestorOrSelf<MemberDeclarationSyntax>();
        return scope is not null && scope.DescendantNodes().OfType<IdentifierNameSyntax>()
            .Where(n => n.Identifier.ValueText == symbol.Name && SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(n, cancellationToken).Symbol, symbol))
            .All(n =>
            {
                SyntaxNode use = n.Parent is MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax } qualified && qualified.Name == n ? qualified : n;
                return use.Parent is ArgumentSyntax { RefKindKeyword.RawKind: (int)SyntaxKind.None, Parent.Parent: ExpressionSyntax call }
                    && call is InvocationExpressionSyntax or BaseObjectCreationExpressionSyntax
                    && model.GetSymbolInfo(call, cancellationToken).Symbol is IMethodSymbol { Name: "Run" or ".ctor" } method
                    && MetadataName(method.ContainingType) == OnnxRunCallMapping.SessionType;
            });
    }

    /// <summary><c>new T()</c> with no arguments and no initializer.</summary>
    private static bool IsFreshInstance(SemanticModel model, ExpressionSyntax expression, string typeName, CancellationToken cancellationToken) =>
        expression is BaseObjectCreationExpressionSyntax { Initializer: null } creation
        && (creation.ArgumentList is null || creation.ArgumentList.Arguments.Count == 0)
        && model.GetTypeInfo(creation, cancellationToken).Type is { } type
        && MetadataName(type) == typeName;

    /// <summary>
    /// Whether a run passes run options that may be set up (<c>Terminate</c> for cancellation, a log level, config
    /// entries): the verified overloads accept them but do not use them.
    /// </summary>
    private static bool PassesRunOptions(SemanticModel model, InvocationExpressionSyntax run, CancellationToken cancellationToken) =>
        model.GetOperation(run, cancellationToken) is not IInvocationOperation invocation
        || invocation.Arguments.Any(a => a.ArgumentKind != ArgumentKind.DefaultValue
            && MetadataName(a.Parameter!.Type) == RunOptionsType
            && (a.Syntax is not ArgumentSyntax argument || !IsUnconfigured(model, argument.Expression, RunOptionsType, allowNull: true, cancellationToken)));

    /// <summary>
    /// The edits one run needs: the import, and where its results are not kept in a local, a local before its
    /// statement (so the receipt stays reachable), or null where that local cannot be placed without changing when
    /// something runs.
    /// </summary>
    private static List<Edit>? RunEdits(SemanticModel model, DocumentId document, InvocationExpressionSyntax run, ExpressionSyntax runExpression, Dictionary<string, HashSet<string>> reservedNames, CancellationToken cancellationToken)
    {
        var edits = new List<Edit> { new(document, default, EditKind.Import) };
        if (runExpression.Parent is EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax { Variables.Count: 1 } declaration } })
        {
            if (!declaration.Type.IsVar && model.GetTypeInfo(declaration.Type, cancellationToken).Type is INamedTypeSymbol { Name: "IDisposableReadOnlyCollection" or "IReadOnlyCollection" or "IReadOnlyList" or "IEnumerable" })
            {
                edits.Add(new Edit(document, declaration.Type.Span, EditKind.Var));
            }

            return edits;
        }

        if (runExpression.Parent is AssignmentExpressionSyntax assignment && assignment.Right == runExpression)
        {
            // Kept in a variable the code already has.
            return edits;
        }

        // The statement the local goes before, or an expression body that becomes a block.
        var arrow = runExpression.FirstAncestorOrSelf<ArrowExpressionClauseSyntax>();
        SyntaxNode? statement = runExpression.FirstAncestorOrSelf<StatementSyntax>();
        if (arrow is not null && (statement is null || arrow.Span.Contains(statement.Span)))
        {
            statement = arrow.Parent is MethodDeclarationSyntax or LocalFunctionStatementSyntax or ConstructorDeclarationSyntax or AccessorDeclarationSyntax ? arrow : null;
        }
        else if (statement?.Parent is not (BlockSyntax or SwitchSectionSyntax))
        {
            statement = null;
        }

        if (statement is null
            || !EvaluatedFirst(runExpression, statement)
            || run.DescendantNodes().OfType<IdentifierNameSyntax>().Any(n =>
                model.GetSymbolInfo(n, cancellationToken).Symbol is ILocalSymbol local
                && local.DeclaringSyntaxReferences.Any(r => statement.Span.Contains(r.Span))))
        {
            return null;
        }

        var member = statement.FirstAncestorOrSelf<MemberDeclarationSyntax>();
        var scopeKey = document.Id + ":" + (member?.SpanStart ?? 0);
        if (!reservedNames.TryGetValue(scopeKey, out var reserved))
        {
            reserved = new HashSet<string>(StringComparer.Ordinal);
            reservedNames[scopeKey] = reserved;
        }

        var declared = new HashSet<string>(
            (member ?? (SyntaxNode)statement).DescendantNodes().OfType<VariableDeclaratorSyntax>().Select(v => v.Identifier.ValueText)
                .Concat((member ?? (SyntaxNode)statement).DescendantNodes().OfType<SingleVariableDesignationSyntax>().Select(v => v.Identifier.ValueText))
                .Concat((member ?? (SyntaxNode)statement).DescendantNodes().OfType<ParameterSyntax>().Select(p => p.Identifier.ValueText)),
            StringComparer.Ordinal);
        var name = "results";
        for (var n = 2; declared.Contains(name) || reserved.Contains(name) || model.LookupSymbols(statement.SpanStart, name: name).Any(s => s is ILocalSymbol or IParameterSymbol or IRangeVariableSymbol); n++)
        {
            name = "results" + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        reserved.Add(name);
        var returns = statement is ArrowExpressionClauseSyntax
            && model.GetEnclosingSymbol(runExpression.SpanStart, cancellationToken) is IMethodSymbol method
            && !method.ReturnsVoid
            && !(method.IsAsync && method.ReturnType is INamedTypeSymbol { IsGenericType: false });
        edits.Add(new Edit(document, runExpression.Span, EditKind.Hoist, name, returns));
        return edits;
    }

    /// <summary>
    /// Whether moving <paramref name="expression"/> to a statement of its own before <paramref name="statement"/> keeps
    /// what runs and in what order: nothing of the statement runs before it, and it is not inside a lambda, a condition's
    /// branch, or a loop's body or condition.
    /// </summary>
    private static bool EvaluatedFirst(ExpressionSyntax expression, SyntaxNode statement)
    {
        SyntaxNode node = expression;
        while (node.Parent is { } parent && node != statement)
        {
            switch (parent)
            {
                case AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax or QueryExpressionSyntax:
                    return false;
                case ConditionalExpressionSyntax conditional when conditional.Condition != node:
                    return false;
                case BinaryExpressionSyntax binary when binary.Right == node
                    && (binary.IsKind(SyntaxKind.LogicalAndExpression) || binary.IsKind(SyntaxKind.LogicalOrExpression) || binary.IsKind(SyntaxKind.CoalesceExpression)):
                    return false;
                case BinaryExpressionSyntax binary when binary.Right == node && !IsPlain(binary.Left):
                case AssignmentExpressionSyntax assignment when assignment.Right == node && !IsPlain(assignment.Left):
                    return false;
                case ArgumentListSyntax arguments when arguments.Arguments.TakeWhile(a => !a.Span.Contains(node.Span)).Any(a => !IsPlain(a.Expression)):
                    return false;
                case InvocationExpressionSyntax invocation when invocation.ArgumentList.Span.Contains(node.Span) && !IsPlain(invocation.Expression is MemberAccessExpressionSyntax target ? target.Expression : invocation.Expression):
                    return false;
                case ConditionalAccessExpressionSyntax conditionalAccess when conditionalAccess.WhenNotNull == node:
                    return false;
                case ExpressionStatementSyntax or LocalDeclarationStatementSyntax or ReturnStatementSyntax or ArrowExpressionClauseSyntax:
                    return true;
                case IfStatementSyntax ifStatement:
                    return ifStatement.Condition == node;
                case ForEachStatementSyntax forEach:
                    return forEach.Expression == node;
                case UsingStatementSyntax usingStatement:
                    return usingStatement.Expression == node || usingStatement.Declaration == node;
                case StatementSyntax:
                    return false;
            }

            node = parent;
        }

        return false;
    }

    /// <summary>An expression whose evaluation does nothing observable: a name, a literal, <c>this</c>, a member of one.</summary>
    private static bool IsPlain(ExpressionSyntax expression) => expression switch
    {
        IdentifierNameSyntax or LiteralExpressionSyntax or ThisExpressionSyntax or PredefinedTypeSyntax => true,
        MemberAccessExpressionSyntax member => IsPlain(member.Expression),
        _ => false,
    };

    /// <summary>True when the rewritten documents have no more errors than before.</summary>
    public static async Task<bool> CompilesAsync(Solution solution, IReadOnlyList<Plan> plans, CancellationToken cancellationToken) =>
        await NoNewErrorsAsync(solution, await ApplyAsync(solution, plans, cancellationToken).ConfigureAwait(false), plans.SelectMany(p => p.Edits).Select(e => e.Document), cancellationToken).ConfigureAwait(false);

    public static async Task<Solution> ApplyAsync(Solution solution, IReadOnlyList<Plan> plans, CancellationToken cancellationToken)
    {
        var result = solution;
        foreach (var group in plans.SelectMany(p => p.Edits).Distinct().GroupBy(e => e.Document))
        {
            var document = solution.GetDocument(group.Key)!;
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            if (root is null)
            {
                continue;
            }

            var editor = new SyntaxEditor(root, solution.Workspace.Services);
            var verifiedModel = SyntaxFactory.IdentifierName("VerifiedModel");
            foreach (var edit in group.Where(e => e.Kind != EditKind.Import))
            {
                switch (edit.Kind)
                {
                    case EditKind.Type:
                        editor.ReplaceNode(Find<TypeSyntax>(root, edit.Span), (current, _) => verifiedModel.WithTriviaFrom(current));
                        break;
                    case EditKind.Var:
                        editor.ReplaceNode(Find<TypeSyntax>(root, edit.Span), (current, _) => SyntaxFactory.IdentifierName("var").WithTriviaFrom(current));
                        break;
                    case EditKind.Load:
                    case EditKind.FromBytes:
                        editor.ReplaceNode(Find<BaseObjectCreationExpressionSyntax>(root, edit.Span), (current, _) =>
                        {
                            var creation = (BaseObjectCreationExpressionSyntax)current;
                            var arguments = SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(creation.ArgumentList!.Arguments[0]));
                            if (edit.Name is { } configuration)
                            {
                                // The options argument becomes the configuration, in its place (line breaks kept).
                                var options = creation.ArgumentList.Arguments[1];
                                arguments = creation.ArgumentList.WithArguments(creation.ArgumentList.Arguments.Replace(options, options.WithExpression(SyntaxFactory.ParseExpression(
                                    "new VerifiedModelOptions { Session = new SessionConfiguration { " + configuration + " } }").WithTriviaFrom(options.Expression))));
                            }

                            return SyntaxFactory.InvocationExpression(
                                    SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, verifiedModel, SyntaxFactory.IdentifierName(edit.Kind == EditKind.Load ? "Load" : "FromBytes")),
                                    arguments)
                                .WithTriviaFrom(current);
                        });
                        break;
                    case EditKind.Hoist:
                        Hoist(editor, root, edit);
                        break;
                    case EditKind.Remove:
                        editor.RemoveNode(Find<SyntaxNode>(root, edit.Span), SyntaxRemoveOptions.KeepUnbalancedDirectives);
                        break;
                }
            }

            var newRoot = editor.GetChangedRoot();
            if (newRoot is CompilationUnitSyntax unit && !unit.Usings.Any(u => u.Alias is null && u.StaticKeyword.IsKind(SyntaxKind.None) && u.Name?.ToString() == Namespace)
                && !unit.DescendantNodes().OfType<BaseNamespaceDeclarationSyntax>().Any(n => n.Name.ToString() == Namespace || n.Name.ToString().StartsWith(Namespace + ".", StringComparison.Ordinal)))
            {
                newRoot = AddUsing(unit);
            }

            var edited = document.WithSyntaxRoot(newRoot);
            edited = await Formatter.FormatAsync(edited, Formatter.Annotation, cancellationToken: cancellationToken).ConfigureAwait(false);
            result = result.WithDocumentSyntaxRoot(group.Key, (await edited.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false))!);
        }

        return result;
    }

    /// <summary><c>var results = session.Run(...);</c> before the statement, and <c>results</c> where the call was.</summary>
    private static void Hoist(SyntaxEditor editor, SyntaxNode root, Edit edit)
    {
        var run = Find<ExpressionSyntax>(root, edit.Span);
        var arrow = run.FirstAncestorOrSelf<ArrowExpressionClauseSyntax>();
        var statement = run.FirstAncestorOrSelf<StatementSyntax>();
        if (arrow is not null && (statement is null || arrow.Span.Contains(statement.Span)))
        {
            HoistFromExpressionBody(editor, run, arrow, edit);
            return;
        }

        if (statement is null)
        {
            return;
        }

        var indentation = statement.GetLeadingTrivia().LastOrDefault(t => t.IsKind(SyntaxKind.WhitespaceTrivia));
        var newLine = statement.GetTrailingTrivia().FirstOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia));
        var declaration = SyntaxFactory.LocalDeclarationStatement(SyntaxFactory.VariableDeclaration(
                SyntaxFactory.IdentifierName("var"),
                SyntaxFactory.SingletonSeparatedList(SyntaxFactory.VariableDeclarator(SyntaxFactory.Identifier(edit.Name!))
                    .WithInitializer(SyntaxFactory.EqualsValueClause(run.WithoutTrivia())))))
            .NormalizeWhitespace()
            .WithLeadingTrivia(indentation == default ? SyntaxFactory.TriviaList() : SyntaxFactory.TriviaList(indentation))
            .WithTrailingTrivia(newLine == default ? SyntaxFactory.ElasticCarriageReturnLineFeed : newLine);
        if (statement is ExpressionStatementSyntax { Expression: var expression } && expression == run)
        {
            // The results were dropped: the statement becomes the local that keeps them.
            editor.ReplaceNode(statement, declaration.WithLeadingTrivia(statement.GetLeadingTrivia()).WithTrailingTrivia(statement.GetTrailingTrivia()));
            return;
        }

        editor.InsertBefore(statement, declaration);
        editor.ReplaceNode(run, SyntaxFactory.IdentifierName(edit.Name!).WithTriviaFrom(run));
    }

    /// <summary><c>=&gt; expr</c> becomes <c>{ var results = session.Run(...); return expr; }</c> (or <c>expr;</c> where nothing is returned).</summary>
    private static void HoistFromExpressionBody(SyntaxEditor editor, ExpressionSyntax run, ArrowExpressionClauseSyntax arrow, Edit edit)
    {
        var declaration = SyntaxFactory.LocalDeclarationStatement(SyntaxFactory.VariableDeclaration(
            SyntaxFactory.IdentifierName("var"),
            SyntaxFactory.SingletonSeparatedList(SyntaxFactory.VariableDeclarator(SyntaxFactory.Identifier(edit.Name!))
                .WithInitializer(SyntaxFactory.EqualsValueClause(run.WithoutTrivia())))));
        editor.ReplaceNode(run, SyntaxFactory.IdentifierName(edit.Name!).WithTriviaFrom(run));
        editor.ReplaceNode(arrow.Parent!, (current, _) =>
        {
            if (current.ChildNodes().OfType<ArrowExpressionClauseSyntax>().FirstOrDefault() is not { } body)
            {
                return current;
            }

            StatementSyntax last = edit.Returns ? SyntaxFactory.ReturnStatement(body.Expression.WithoutTrivia()) : SyntaxFactory.ExpressionStatement(body.Expression.WithoutTrivia());
            var block = SyntaxFactory.Block(declaration, last).WithAdditionalAnnotations(Formatter.Annotation);
            SyntaxNode changed = current switch
            {
                MethodDeclarationSyntax method => method.WithExpressionBody(null).WithSemicolonToken(default).WithBody(block),
                LocalFunctionStatementSyntax local => local.WithExpressionBody(null).WithSemicolonToken(default).WithBody(block),
                ConstructorDeclarationSyntax constructor => constructor.WithExpressionBody(null).WithSemicolonToken(default).WithBody(block),
                AccessorDeclarationSyntax accessor => accessor.WithExpressionBody(null).WithSemicolonToken(default).WithBody(block),
                _ => current,
            };
            return changed.WithAdditionalAnnotations(Formatter.Annotation);
        });
    }

    /// <summary><c>using OpenVerify;</c> after the last plain using that sorts before it (System first), or first.</summary>
    private static CompilationUnitSyntax AddUsing(CompilationUnitSyntax unit)
    {
        var directive = SyntaxFactory.UsingDirective(SyntaxFactory.ParseName(Namespace)).NormalizeWhitespace();
        var usings = unit.Usings;
        var newLine = usings.Count > 0 ? usings[0].GetTrailingTrivia().FirstOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia)) : default;
        directive = directive.WithTrailingTrivia(newLine == default ? SyntaxFactory.CarriageReturnLineFeed : newLine);
        var index = 0;
        for (var i = 0; i < usings.Count; i++)
        {
            var name = usings[i].Name?.ToString() ?? string.Empty;
            if (usings[i].Alias is null && usings[i].StaticKeyword.IsKind(SyntaxKind.None) && !usings[i].GlobalKeyword.IsKind(SyntaxKind.GlobalKeyword)
                && (name == "System" || name.StartsWith("System.", StringComparison.Ordinal) || string.CompareOrdinal(name, Namespace) < 0))
            {
                index = i + 1;
            }
        }

        if (usings.Count == 0)
        {
            return unit.WithUsings(SyntaxFactory.SingletonList(directive.WithTrailingTrivia(SyntaxFactory.ElasticCarriageReturnLineFeed, SyntaxFactory.ElasticCarriageReturnLineFeed)));
        }

        return unit.WithUsings(usings.Insert(index, directive));
    }
}
