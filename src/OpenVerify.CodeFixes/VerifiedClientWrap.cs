using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;
using OpenVerify.Analyzers.Diagnostics;
using static OpenVerify.CodeFixes.CompileCheck;

namespace OpenVerify.CodeFixes;

/// <summary>
/// Makes a chat client, embedding generator or media client (speech-to-text, text-to-speech, image generation:
/// <see cref="VerifiedClientKind"/>) verified where it enters the code, whoever built it, with
/// OpenVerify.Extensions.AI's idempotent <c>AsVerified()</c> (a client that already attests is kept, so an injected
/// client registered verified is never attested twice). For the cases the other chat fixes leave: a client injected
/// whose registration is not in the solution (made by a library, such as Aspire's <c>AddChatClient</c>), a handler's or
/// method's parameter, a field of a base class, a local built in place that is passed on.
/// <list type="bullet">
/// <item>A local, or a private field, of type <c>IChatClient</c> / <c>IEmbeddingGenerator&lt;,&gt;</c> exactly: its type
/// becomes the verified one (<c>?</c> kept, <c>var</c> stays) and every value it is given gets <c>.AsVerified()</c>
/// (<c>?.AsVerified()</c> where the value may be null; a builder's <c>Build(...)</c> becomes
/// <c>UseOpenVerify().BuildVerified(...)</c>, so the attesting step is innermost). Every read then sees the verified
/// client; a read that needs the old type does not compile and the fix is not offered.</item>
/// <item>A primary constructor's parameter used in the type's members: a private field of the same name,
/// <c>private readonly VerifiedChatClient chat = chat.AsVerified();</c>, which the members then read.</item>
/// <item>Anything else that is a value of the interface (a method's or a lambda's parameter, a property, a field of
/// another type): the receiver of the call becomes <c>receiver.AsVerified()</c>.</item>
/// </list>
/// Offered only where neither "Use a VerifiedChatClient" nor "Inject a VerifiedChatClient" is (a registration found in
/// the solution is moved instead), and only where the result compiles.
/// </summary>
internal static class VerifiedClientWrap
{
    private const string Extension = "AsVerified";

    /// <summary>One rewrite: the edits it makes and the documents that must still compile.</summary>
    internal sealed class Plan
    {
        public Plan(string key, VerifiedClientKind kind, IReadOnlyList<Edit> edits, IReadOnlyList<DocumentId> checkedDocuments)
        {
            Key = key;
            Kind = kind;
            Edits = edits;
            CheckedDocuments = checkedDocuments;
        }

        /// <summary>The variable, parameter or call the plan rewrites, so Fix All rewrites it once.</summary>
        public string Key { get; }

        public VerifiedClientKind Kind { get; }

        public IReadOnlyList<Edit> Edits { get; }

        public IReadOnlyList<DocumentId> CheckedDocuments { get; }
    }

    /// <summary>A node (named by its span) and what it becomes.</summary>
    internal sealed class Edit
    {
        public Edit(DocumentId document, TextSpan span, Func<SyntaxNode, SyntaxNode> rewrite)
        {
            Document = document;
            Span = span;
            Rewrite = rewrite;
        }

        public DocumentId Document { get; }

        public TextSpan Span { get; }

        public Func<SyntaxNode, SyntaxNode> Rewrite { get; }
    }

    /// <summary>The plan for the diagnostic's call, or null where this fix does not apply or another fix does.</summary>
    public static async Task<Plan?> TryPlanAsync(Document document, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        var plan = await PlanAsync(document, diagnostic, cancellationToken).ConfigureAwait(false);
        if (plan is null)
        {
            return null;
        }

        // The other fixes, where offered, are preferred: a client built in place gets its verified type where it is
        // built, and an injected one whose registration is found is registered verified.
        var solution = document.Project.Solution;
        if (await VerifiedClientRewrite.TryPlanAsync(document, diagnostic, cancellationToken).ConfigureAwait(false) is { } rewrite
            && await VerifiedClientRewrite.CompilesAsync(solution, new[] { rewrite }, cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        if (await VerifiedClientInjection.TryPlanAsync(document, diagnostic, cancellationToken).ConfigureAwait(false) is { } injection
            && await VerifiedClientInjection.CompilesAsync(solution, new[] { injection }, cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        return plan;
    }

    private static async Task<Plan?> PlanAsync(Document document, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        var isChat = diagnostic.Id == DiagnosticIds.ChatOrTextGeneration;
        if (!isChat && diagnostic.Id != DiagnosticIds.OtherModelCall)
        {
            return null;
        }

        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return null;
        }

        var compilation = model.Compilation;
        var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
        var receiver = VerifiedClientRewrite.ReceiverValue(model.GetOperation(node, cancellationToken));
        if (receiver?.Type is not { } receiverType)
        {
            return null;
        }

        var kind = isChat ? VerifiedClientKind.Chat : VerifiedClientKind.MediaOf(compilation, receiverType) ?? VerifiedClientKind.Embedding;
        var verifiedType = VerifiedClientRewrite.PackageType(compilation, kind.Verified);
        if (verifiedType is null || verifiedType.GetMembers().IsEmpty
            || compilation.GetTypeByMetadataName(kind.Interface) is not { } @interface
            || compilation.GetTypeByMetadataName("OpenVerify.Extensions.AI.OpenVerifyClientExtensions") is not { } extensions
            || (!kind.IsChat && !kind.IsGeneric && !extensions.GetMembers(Extension).OfType<IMethodSymbol>().Any(m => m.Parameters.Length > 0 && SymbolEqualityComparer.Default.Equals(m.Parameters[0].Type, @interface))))
        {
            // Without the package (or a version without this AsVerified) the rewrite would not compile; the message says what to add.
            return null;
        }

        if (Implemented(receiverType, @interface) is not { } implemented || receiver is IInstanceReferenceOperation)
        {
            return null;
        }

        var typeName = !kind.IsGeneric
            ? verifiedType.Name
            : "VerifiedEmbeddingGenerator<" + string.Join(", ", implemented.TypeArguments.Select(t => t.ToMinimalDisplayString(model, node.SpanStart))) + ">";
        var exact = SymbolEqualityComparer.Default.Equals(receiverType.OriginalDefinition, @interface);
        var solution = document.Project.Solution;
        Plan? plan = null;
        if (exact)
        {
            plan = receiver switch
            {
                ILocalReferenceOperation local => await VariablePlanAsync(solution, local.Local, local.Local.Type, kind, typeName, cancellationToken).ConfigureAwait(false),
                IFieldReferenceOperation { Field: { DeclaredAccessibility: Accessibility.Private, IsConst: false, IsImplicitlyDeclared: false } field, Instance: null or IInstanceReferenceOperation } =>
                    await VariablePlanAsync(solution, field, field.Type, kind, typeName, cancellationToken).ConfigureAwait(false),
                IParameterReferenceOperation { Parameter: var parameter } when InMember(receiver.Syntax) =>
                    await PrimaryParameterPlanAsync(solution, parameter, kind, typeName, cancellationToken).ConfigureAwait(false),
                _ => null,
            };
            if (plan is not null && !await CompilesAsync(solution, new[] { plan }, cancellationToken).ConfigureAwait(false))
            {
                plan = null;
            }
        }

        if (plan is null && receiver.Parent is not IConditionalAccessOperation)
        {
            plan = CallSitePlan(document, receiver, exact ? null : implemented.ToMinimalDisplayString(model, receiver.Syntax.SpanStart), kind);
            if (!await CompilesAsync(solution, new[] { plan }, cancellationToken).ConfigureAwait(false))
            {
                plan = null;
            }
        }

        return plan;
    }

    /// <summary>A local or private field: re-typed, each value it is given wrapped.</summary>
    private static async Task<Plan?> VariablePlanAsync(Solution solution, ISymbol variable, ITypeSymbol type, VerifiedClientKind kind, string typeName, CancellationToken cancellationToken)
    {
        if (variable.DeclaringSyntaxReferences.Length != 1
            || await variable.DeclaringSyntaxReferences[0].GetSyntaxAsync(cancellationToken).ConfigureAwait(false) is not VariableDeclaratorSyntax declarator
            || declarator.Parent is not VariableDeclarationSyntax { Variables.Count: 1 } declaration
            || declaration.Parent is not (LocalDeclarationStatementSyntax { IsConst: false } or UsingStatementSyntax or FieldDeclarationSyntax)
            || solution.GetDocument(declarator.SyntaxTree) is not { } declarationDocument)
        {
            return null;
        }

        var nullable = type.NullableAnnotation == NullableAnnotation.Annotated;
        var edits = new List<Edit>();
        if (!declaration.Type.IsVar)
        {
            var annotated = nullable ? typeName + "?" : typeName;
            edits.Add(new Edit(declarationDocument.Id, declaration.Type.Span, current => SyntaxFactory.ParseTypeName(annotated).WithTriviaFrom(current)));
        }
        else if (variable is not ILocalSymbol)
        {
            return null;
        }

        var declarationModel = await declarationDocument.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (declarationModel is null)
        {
            return null;
        }

        // The values it is given, wrapped once the scan has seen whether the code checks the variable for null.
        var values = new List<(DocumentId Document, SemanticModel Model, ExpressionSyntax Value)>();
        var nullChecked = false;
        if (declarator.Initializer is { } initializer && !IsNoValue(initializer.Value))
        {
            values.Add((declarationDocument.Id, declarationModel, initializer.Value));
        }

        // Where the variable can be written: a local's document, or every part of a private field's type.
        var scopes = variable is IFieldSymbol field
            ? field.ContainingType.DeclaringSyntaxReferences.Select(r => r.GetSyntax(cancellationToken)).ToList()
            : new List<SyntaxNode> { declarator.SyntaxTree.GetRoot(cancellationToken) };
        var checkedDocuments = new List<DocumentId> { declarationDocument.Id };
        foreach (var scope in scopes)
        {
            var scopeDocument = solution.GetDocument(scope.SyntaxTree);
            var scopeModel = scopeDocument is null ? null : await scopeDocument.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            if (scopeDocument is null || scopeModel is null)
            {
                return null;
            }

            checkedDocuments.Add(scopeDocument.Id);
            foreach (var identifier in scope.DescendantNodes().OfType<IdentifierNameSyntax>())
            {
                if (identifier.Identifier.ValueText != variable.Name
                    || !SymbolEqualityComparer.Default.Equals(scopeModel.GetSymbolInfo(identifier, cancellationToken).Symbol, variable))
                {
                    continue;
                }

                var reference = identifier.Parent is MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax } access && access.Name == identifier ? (ExpressionSyntax)access : identifier;
                nullChecked |= IsNullChecked(reference);
                if (reference.Parent is AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.SimpleAssignmentExpression } assignment && assignment.Left == reference
                    && !IsNoValue(assignment.Right))
                {
                    values.Add((scopeDocument.Id, scopeModel, assignment.Right));
                }
            }
        }

        edits.AddRange(values.Select(v => WrapValue(v.Document, v.Model, v.Value, kind, nullable, nullChecked, cancellationToken)));

        // A variable never given a value here has nothing to wrap.
        if (!edits.Any(e => e.Span != declaration.Type.Span))
        {
            return null;
        }

        return new Plan(declarator.SyntaxTree.FilePath + ":" + declarator.SpanStart, kind, edits, checkedDocuments.Distinct().ToList());
    }

    /// <summary>A primary constructor's parameter read in the members: a field of the same name over it, verified.</summary>
    private static async Task<Plan?> PrimaryParameterPlanAsync(Solution solution, IParameterSymbol parameter, VerifiedClientKind kind, string typeName, CancellationToken cancellationToken)
    {
        if (parameter.ContainingSymbol is not IMethodSymbol { MethodKind: MethodKind.Constructor, ContainingType: var type }
            || parameter.DeclaringSyntaxReferences.Length != 1
            || await parameter.DeclaringSyntaxReferences[0].GetSyntaxAsync(cancellationToken).ConfigureAwait(false) is not ParameterSyntax syntax
            || syntax.Parent?.Parent is not (ClassDeclarationSyntax or StructDeclarationSyntax) || syntax.Parent.Parent is not TypeDeclarationSyntax declaration
            || type.GetMembers(parameter.Name).Any()
            || solution.GetDocument(declaration.SyntaxTree) is not { } declarationDocument)
        {
            return null;
        }

        var nullable = parameter.NullableAnnotation == NullableAnnotation.Annotated;
        var mayBeNull = nullable || parameter is { HasExplicitDefaultValue: true, ExplicitDefaultValue: null }
            || (parameter.NullableAnnotation == NullableAnnotation.None && await IsNullCheckedAsync(solution, parameter, type, cancellationToken).ConfigureAwait(false));
        var field = SyntaxFactory.ParseMemberDeclaration(
            $"private readonly {typeName}{(nullable ? "?" : string.Empty)} {syntax.Identifier.ValueText} = {syntax.Identifier.ValueText}{(mayBeNull ? "?." : ".")}{Extension}();")!;
        var edits = new List<Edit>
        {
            new(declarationDocument.Id, declaration.Span, current =>
            {
                var typeDeclaration = (TypeDeclarationSyntax)current;
                var first = typeDeclaration.Members.FirstOrDefault();
                var indentation = first?.GetLeadingTrivia().LastOrDefault(t => t.IsKind(SyntaxKind.WhitespaceTrivia))
                    ?? SyntaxFactory.Whitespace("    ");
                var added = field.WithLeadingTrivia(indentation).WithTrailingTrivia(SyntaxFactory.EndOfLine(EndOfLine(current)));
                if (first is not null)
                {
                    added = added.WithTrailingTrivia(SyntaxFactory.EndOfLine(EndOfLine(current)), SyntaxFactory.EndOfLine(EndOfLine(current)));
                }

                return typeDeclaration.WithMembers(typeDeclaration.Members.Insert(0, added));
            }),
        };
        var documents = type.DeclaringSyntaxReferences.Select(r => solution.GetDocument(r.SyntaxTree)?.Id).OfType<DocumentId>().Append(declarationDocument.Id).Distinct().ToList();
        return new Plan(declaration.SyntaxTree.FilePath + ":" + syntax.SpanStart, kind, edits, documents);
    }

    /// <summary>The call's receiver becomes <c>receiver.AsVerified()</c>, cast to the interface when its type only implements it.</summary>
    private static Plan CallSitePlan(Document document, IOperation receiver, string? castTo, VerifiedClientKind kind)
    {
        var span = receiver.Syntax.Span;
        var edit = new Edit(document.Id, span, current =>
        {
            var value = ((ExpressionSyntax)current).WithoutTrivia();
            var target = castTo is null
                ? Primary(value)
                : SyntaxFactory.ParenthesizedExpression(SyntaxFactory.CastExpression(SyntaxFactory.ParseTypeName(castTo), Primary(value)));
            return Call(target, Extension).WithTriviaFrom(current);
        });
        return new Plan(receiver.Syntax.SyntaxTree.FilePath + ":" + span.Start + ":call", kind, new[] { edit }, new[] { document.Id });
    }

    /// <summary>A value given to the variable: <c>v.AsVerified()</c>, <c>v?.AsVerified()</c> where it may be null, or a builder's verified build.</summary>
    private static Edit WrapValue(DocumentId document, SemanticModel model, ExpressionSyntax value, VerifiedClientKind kind, bool variableNullable, bool variableNullChecked, CancellationToken cancellationToken)
    {
        var bare = value;
        while (bare is ParenthesizedExpressionSyntax parenthesized)
        {
            bare = parenthesized.Expression;
        }

        if (bare is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Build" } } invocation
            && model.GetSymbolInfo(invocation, cancellationToken).Symbol is IMethodSymbol build
            && build.ContainingType.OriginalDefinition.ToDisplayString() == kind.Builder)
        {
            return new Edit(document, bare.Span, current => VerifiedClientRewrite.Verified((ExpressionSyntax)current, isBuilderBuild: true));
        }

        var typeInfo = model.GetTypeInfo(value, cancellationToken);
        var mayBeNull = typeInfo.Nullability.FlowState == NullableFlowState.MaybeNull
            // Without nullable analysis (annotations off) any value may be null: where the code checks the variable for
            // null, null is a value it expects, and AsVerified() would throw on it where the code went on.
            || (typeInfo.Nullability.FlowState == NullableFlowState.None && (variableNullable || variableNullChecked))
            || model.GetOperation(value, cancellationToken) is IParameterReferenceOperation { Parameter: { HasExplicitDefaultValue: true, ExplicitDefaultValue: null } };
        return new Edit(document, value.Span, current =>
        {
            var receiver = Primary(((ExpressionSyntax)current).WithoutTrivia());
            ExpressionSyntax wrapped = mayBeNull
                ? SyntaxFactory.ConditionalAccessExpression(receiver, SyntaxFactory.InvocationExpression(SyntaxFactory.MemberBindingExpression(SyntaxFactory.IdentifierName(Extension))))
                : Call(receiver, Extension);
            return wrapped.WithTriviaFrom(current);
        });
    }

    /// <summary>True when the rewritten documents have no more errors than before.</summary>
    public static async Task<bool> CompilesAsync(Solution solution, IReadOnlyList<Plan> plans, CancellationToken cancellationToken)
    {
        var rewritten = await ApplyAsync(solution, plans, cancellationToken).ConfigureAwait(false);
        foreach (var id in plans.SelectMany(p => p.CheckedDocuments).Distinct())
        {
            if (await ErrorCountAsync(rewritten.GetDocument(id), cancellationToken).ConfigureAwait(false)
                > await ErrorCountAsync(solution.GetDocument(id), cancellationToken).ConfigureAwait(false))
            {
                return false;
            }
        }

        return true;
    }

    public static async Task<Solution> ApplyAsync(Solution solution, IReadOnlyList<Plan> plans, CancellationToken cancellationToken)
    {
        var result = solution;
        foreach (var group in plans.SelectMany(p => p.Edits).GroupBy(e => e.Document))
        {
            var document = solution.GetDocument(group.Key);
            var root = document is null ? null : await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var model = document is null ? null : await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            if (root is null || model is null)
            {
                continue;
            }

            // One edit per node: Fix All may reach the same value from two plans.
            var edits = new Dictionary<SyntaxNode, Edit>();
            foreach (var edit in group)
            {
                var node = root.FindNode(edit.Span, getInnermostNodeForTie: false).AncestorsAndSelf().First(n => n.Span == edit.Span && n is ExpressionSyntax or TypeSyntax or TypeDeclarationSyntax);
                edits[node] = edit;
            }

            var newRoot = root.ReplaceNodes(edits.Keys, (original, current) => edits[original].Rewrite(current));
            if (model.LookupNamespacesAndTypes(edits.Keys.Min(n => n.SpanStart), name: "VerifiedChatClient")
                    .All(s => s.ContainingNamespace?.ToDisplayString() != VerifiedClientRewrite.Namespace)
                && newRoot is CompilationUnitSyntax unit)
            {
                newRoot = VerifiedClientRewrite.AddUsing(unit, VerifiedClientRewrite.Namespace);
            }

            result = result.WithDocumentSyntaxRoot(group.Key, newRoot);
        }

        return result;
    }

    /// <summary>The interface as the type is or implements it, once, or null.</summary>
    private static INamedTypeSymbol? Implemented(ITypeSymbol type, INamedTypeSymbol @interface)
    {
        if (type is INamedTypeSymbol named && SymbolEqualityComparer.Default.Equals(named.OriginalDefinition, @interface))
        {
            return named;
        }

        if (type.ContainingNamespace?.ToDisplayString() == VerifiedClientRewrite.Namespace)
        {
            return null;
        }

        var implemented = type.AllInterfaces.Where(i => SymbolEqualityComparer.Default.Equals(i.OriginalDefinition, @interface)).ToList();
        return implemented.Count == 1 ? implemented[0] : null;
    }

    /// <summary>True when the reference sits in a member's body, where a field of the parameter's name is what it reads (not in an initializer or a base call).</summary>
    private static bool InMember(SyntaxNode reference) =>
        reference.Ancestors().Any(a => a is BaseMethodDeclarationSyntax or AccessorDeclarationSyntax or ArrowExpressionClauseSyntax { Parent: PropertyDeclarationSyntax or IndexerDeclarationSyntax })
        && !reference.Ancestors().Any(a => a is EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax { Parent.Parent: FieldDeclarationSyntax } } or EqualsValueClauseSyntax { Parent: PropertyDeclarationSyntax } or PrimaryConstructorBaseTypeSyntax);

    /// <summary>True when a reference of the primary constructor's parameter, in any part of its type, checks it for null.</summary>
    private static async Task<bool> IsNullCheckedAsync(Solution solution, IParameterSymbol parameter, INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        foreach (var part in type.DeclaringSyntaxReferences)
        {
            var syntax = await part.GetSyntaxAsync(cancellationToken).ConfigureAwait(false);
            var model = solution.GetDocument(syntax.SyntaxTree) is { } document ? await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false) : null;
            if (model is not null && syntax.DescendantNodes().OfType<IdentifierNameSyntax>().Any(identifier =>
                    identifier.Identifier.ValueText == parameter.Name && IsNullChecked(identifier)
                    && SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(identifier, cancellationToken).Symbol, parameter)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary><c>x == null</c>, <c>x != null</c>, <c>x is null</c>, <c>x is not null</c>, <c>x?.…</c>, <c>x ?? …</c>, <c>x ??= …</c>.</summary>
    private static bool IsNullChecked(ExpressionSyntax reference)
    {
        var node = reference;
        while (node.Parent is ParenthesizedExpressionSyntax parenthesized)
        {
            node = parenthesized;
        }

        return node.Parent switch
        {
            BinaryExpressionSyntax { RawKind: (int)SyntaxKind.EqualsExpression or (int)SyntaxKind.NotEqualsExpression } comparison =>
                IsNoValue(comparison.Left == node ? comparison.Right : comparison.Left),
            BinaryExpressionSyntax { RawKind: (int)SyntaxKind.CoalesceExpression } coalesce => coalesce.Left == node,
            AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.CoalesceAssignmentExpression } assignment => assignment.Left == node,
            ConditionalAccessExpressionSyntax access => access.Expression == node,
            IsPatternExpressionSyntax { Pattern: var pattern } => pattern is ConstantPatternSyntax { Expression: var constant } && IsNoValue(constant)
                || pattern is UnaryPatternSyntax { Pattern: ConstantPatternSyntax { Expression: var negated } } && IsNoValue(negated),
            _ => false,
        };
    }

    /// <summary><c>null</c>, <c>default</c> (with or without <c>!</c>).</summary>
    private static bool IsNoValue(ExpressionSyntax value) =>
        (value is PostfixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.SuppressNullableWarningExpression } suppressed ? suppressed.Operand : value)
            is LiteralExpressionSyntax { RawKind: (int)SyntaxKind.NullLiteralExpression or (int)SyntaxKind.DefaultLiteralExpression };

    private static ExpressionSyntax Primary(ExpressionSyntax value) =>
        value is InvocationExpressionSyntax or ObjectCreationExpressionSyntax or IdentifierNameSyntax or MemberAccessExpressionSyntax
            or ParenthesizedExpressionSyntax or ElementAccessExpressionSyntax or ThisExpressionSyntax
            or PostfixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.SuppressNullableWarningExpression }
            ? value
            : SyntaxFactory.ParenthesizedExpression(value);

    private static InvocationExpressionSyntax Call(ExpressionSyntax receiver, string name) =>
        SyntaxFactory.InvocationExpression(SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, receiver, SyntaxFactory.IdentifierName(name)));

    private static string EndOfLine(SyntaxNode node) =>
        node.DescendantTrivia().FirstOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia)).ToString() is { Length: > 0 } eol ? eol : "\n";
}
