using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using OpenVerify.Analyzers.Diagnostics;
using static OpenVerify.CodeFixes.VerifiedClientWrap;

namespace OpenVerify.CodeFixes;

/// <summary>
/// Makes an OpenAI SDK client (<c>ChatClient</c>, <c>EmbeddingClient</c>, <c>ResponsesClient</c>, and any other with an
/// <c>AsVerified()</c> in OpenVerify.Extensions.AI.OpenAI) verified where it enters the code, for the clients "Use a
/// VerifiedOpenAIChatClient" cannot trace to a creation: injected through a constructor, a method's or a lambda's
/// parameter, a property, a field of a base class. The extension is found by symbol: a public static
/// <c>AsVerified(this T)</c> of that assembly whose <c>T</c> is the receiver's type (or a base of it) and whose return
/// type has a method of the call's name, so a wrapper added to the package is picked up without a change here.
/// <list type="bullet">
/// <item>A private field of the SDK type exactly, given values only in its initializer and in constructors, and used
/// otherwise only as the receiver of calls and members the wrapper has: its type becomes the wrapper's
/// (<c>VerifiedOpenAIChatClient</c>) and each value gets <c>.AsVerified()</c>. A field returned, passed on, compared, tested
/// with <c>is</c>/<c>as</c> or handed out by a <c>GetService</c> ternary keeps its type (re-typing it would change what
/// that code gets, even where it still compiles).</item>
/// <item>Anything else: the call's receiver becomes <c>receiver.AsVerified()</c>. The wrapper holds no connection or key
/// of its own (the SDK client is kept, the signer is looked up for each receipt, an environment key is loaded once per
/// process), so wrapping at each call costs a few small objects; receipts of such calls do not chain into one
/// conversation, which re-typing the field keeps.</item>
/// </list>
/// Not offered where the wrapper refuses the call: a protocol overload (<c>BinaryContent</c>, <c>RequestOptions</c>), a
/// <c>previousResponseId</c>, an options object built here with a member the wrapper cannot carry. Options built
/// elsewhere (a helper's result, a parameter) are checked when the call runs: the wrapper refuses what it cannot carry
/// with a <c>NotSupportedException</c> naming the member, never dropping it. Not offered where "Use a
/// VerifiedOpenAIChatClient" is, nor without OpenVerify.Extensions.AI.OpenAI, and only where the result compiles.
/// </summary>
internal static class VerifiedSdkClientWrap
{
    private const string Extension = "AsVerified";
    private const string PackageAssembly = "OpenVerify.Extensions.AI.OpenAI";

    /// <summary>The plan for the diagnostic's call, or null where this fix does not apply or the built-in-place one does.</summary>
    public static async Task<Plan?> TryPlanAsync(Document document, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        var plan = await PlanAsync(document, diagnostic, cancellationToken).ConfigureAwait(false);
        if (plan is null)
        {
            return null;
        }

        if (await VerifiedClientRewrite.TryPlanAsync(document, diagnostic, cancellationToken).ConfigureAwait(false) is { } rewrite
            && await VerifiedClientRewrite.CompilesAsync(document.Project.Solution, new[] { rewrite }, cancellationToken).ConfigureAwait(false))
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

        var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
        if (model.GetOperation(node, cancellationToken) is not IInvocationOperation { Instance: not null } call
            || VerifiedClientRewrite.ReceiverValue(call) is not { Type: INamedTypeSymbol receiverType } receiver
            || receiver is IInstanceReferenceOperation
            || FindExtension(model.Compilation, receiverType, call.TargetMethod.Name) is not { } extension
            || Refuses(call))
        {
            // Without the package there is no AsVerified to call; the message says what to add.
            return null;
        }

        var solution = document.Project.Solution;
        if (receiver is IFieldReferenceOperation { Field: { DeclaredAccessibility: Accessibility.Private, IsConst: false, IsImplicitlyDeclared: false } field, Instance: null or IInstanceReferenceOperation }
            && SymbolEqualityComparer.Default.Equals(field.Type.OriginalDefinition, extension.Parameters[0].Type.OriginalDefinition)
            && extension.ReturnType.ContainingNamespace?.ToDisplayString() == VerifiedClientRewrite.Namespace
            && await FieldPlanAsync(solution, field, (INamedTypeSymbol)extension.ReturnType, isChat, cancellationToken).ConfigureAwait(false) is { } fieldPlan
            && await CompilesAsync(solution, new[] { fieldPlan }, cancellationToken).ConfigureAwait(false))
        {
            return fieldPlan;
        }

        if (receiver.Parent is IConditionalAccessOperation)
        {
            return null;
        }

        var span = receiver.Syntax.Span;
        var edit = new Edit(document.Id, span, current => Call(Primary(((ExpressionSyntax)current).WithoutTrivia()), Extension).WithTriviaFrom(current));
        var plan = new Plan(receiver.Syntax.SyntaxTree.FilePath + ":" + span.Start + ":sdk-call", Wrapped(isChat), new[] { edit }, new[] { document.Id }, mark: null);
        return await CompilesAsync(solution, new[] { plan }, cancellationToken).ConfigureAwait(false) ? plan : null;
    }

    /// <summary>What a received SDK client becomes: <c>client.AsVerified()</c> (<c>?.</c> where it may be null); the receiver becomes the verified wrapper, so no call is marked.</summary>
    private static Wrapping Wrapped(bool isChat) => new(
        VerifiedSdkClientWrapCodeFixProvider.Title,
        isChat,
        (value, mayBeNull) => mayBeNull
            ? SyntaxFactory.ConditionalAccessExpression(Primary(value), SyntaxFactory.InvocationExpression(SyntaxFactory.MemberBindingExpression(SyntaxFactory.IdentifierName(Extension))))
            : Call(Primary(value), Extension));

    /// <summary>
    /// The public <c>AsVerified(this T)</c> of OpenVerify.Extensions.AI.OpenAI for the receiver's type (the most derived
    /// <c>T</c>), whose return type has a method named <paramref name="method"/>, or null. Only in the namespace whose
    /// <c>using</c> the rewrite adds.
    /// </summary>
    internal static IMethodSymbol? FindExtension(Compilation compilation, INamedTypeSymbol receiverType, string method)
    {
        IMethodSymbol? best = null;
        foreach (var assembly in compilation.SourceModule.ReferencedAssemblySymbols.Where(a => a.Name == PackageAssembly))
        {
            if (Namespace(assembly.GlobalNamespace, VerifiedClientRewrite.Namespace) is not { } @namespace)
            {
                continue;
            }

            foreach (var type in @namespace.GetTypeMembers().Where(t => t is { IsStatic: true, MightContainExtensionMethods: true, DeclaredAccessibility: Accessibility.Public }))
            {
                foreach (var candidate in type.GetMembers(Extension).OfType<IMethodSymbol>())
                {
                    if (candidate is { IsExtensionMethod: true, DeclaredAccessibility: Accessibility.Public, IsGenericMethod: false }
                        && candidate.Parameters[0].Type is INamedTypeSymbol target
                        && candidate.Parameters.Skip(1).All(p => p.IsOptional)
                        && VerifiedClientRewrite.DerivesFrom(receiverType, target)
                        && candidate.ReturnType.GetMembers(method).Any(m => m is IMethodSymbol { IsStatic: false, DeclaredAccessibility: Accessibility.Public })
                        && (best is null || VerifiedClientRewrite.DerivesFrom(target, (INamedTypeSymbol)best.Parameters[0].Type)))
                    {
                        best = candidate;
                    }
                }
            }
        }

        return best;
    }

    private static INamespaceSymbol? Namespace(INamespaceSymbol global, string name)
    {
        var current = global;
        foreach (var part in name.Split('.'))
        {
            current = current?.GetNamespaceMembers().FirstOrDefault(n => n.Name == part);
        }

        return current;
    }

    /// <summary>
    /// True when the verified wrapper would refuse the call as written: a protocol overload (raw JSON the wrapper cannot
    /// read), a <c>previousResponseId</c> (a conversation the provider holds), or an options object built here that
    /// sets a member the wrapper cannot carry.
    /// </summary>
    internal static bool Refuses(IInvocationOperation call)
    {
        if (call.TargetMethod.Parameters.Any(p => p.Type.ToDisplayString() is "System.ClientModel.BinaryContent" or "System.ClientModel.Primitives.RequestOptions"))
        {
            return true;
        }

        foreach (var argument in call.Arguments.Where(a => a.ArgumentKind == ArgumentKind.Explicit))
        {
            if (argument.Value.ConstantValue is { HasValue: true, Value: null })
            {
                continue;
            }

            if (argument.Parameter?.Name == "previousResponseId")
            {
                return true;
            }

            if (argument.Parameter?.Type.Name.EndsWith("Options", System.StringComparison.Ordinal) != true)
            {
                continue;
            }

            var value = argument.Value;
            while (value is IConversionOperation { IsImplicit: true } conversion)
            {
                value = conversion.Operand;
            }

            // Built here: its members are seen, and one the wrapper cannot carry is refused now rather than at run time.
            var builtHere = value is IObjectCreationOperation
                || (value is ILocalReferenceOperation { Local: var local }
                    && local.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax() is VariableDeclaratorSyntax { Initializer.Value: var initializer }
                    && initializer is ObjectCreationExpressionSyntax or ImplicitObjectCreationExpressionSyntax);
            if (builtHere && !VerifiedClientRewrite.SetsOnlyCarried(value))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A private field given values only where the object is built, and otherwise only called on: re-typed, each value wrapped.</summary>
    private static async Task<Plan?> FieldPlanAsync(Solution solution, IFieldSymbol field, INamedTypeSymbol verifiedType, bool isChat, CancellationToken cancellationToken)
    {
        if (field.DeclaringSyntaxReferences.Length != 1
            || await field.DeclaringSyntaxReferences[0].GetSyntaxAsync(cancellationToken).ConfigureAwait(false) is not VariableDeclaratorSyntax declarator
            || declarator.Parent is not VariableDeclarationSyntax { Variables.Count: 1 } declaration
            || declaration.Parent is not FieldDeclarationSyntax
            || solution.GetDocument(declarator.SyntaxTree) is not { } declarationDocument
            || await declarationDocument.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false) is not { } declarationModel)
        {
            return null;
        }

        var nullable = declaration.Type is NullableTypeSyntax;
        // The extension's namespace is imported by the rewrite (VerifiedClientWrap.ApplyAsync), so the short name binds.
        var typeName = verifiedType.Name + (nullable ? "?" : string.Empty);
        var edits = new List<Edit> { new(declarationDocument.Id, declaration.Type.Span, current => SyntaxFactory.ParseTypeName(typeName).WithTriviaFrom(current)) };
        var values = new List<(DocumentId Document, SemanticModel Model, ExpressionSyntax Value)>();
        if (declarator.Initializer is { } initializer && !IsNoValue(initializer.Value))
        {
            values.Add((declarationDocument.Id, declarationModel, initializer.Value));
        }

        var checkedDocuments = new List<DocumentId> { declarationDocument.Id };
        var nullChecked = false;
        foreach (var part in field.ContainingType.DeclaringSyntaxReferences)
        {
            var scope = await part.GetSyntaxAsync(cancellationToken).ConfigureAwait(false);
            if (solution.GetDocument(scope.SyntaxTree) is not { } scopeDocument
                || await scopeDocument.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false) is not { } scopeModel)
            {
                return null;
            }

            checkedDocuments.Add(scopeDocument.Id);
            foreach (var identifier in scope.DescendantNodes().OfType<IdentifierNameSyntax>())
            {
                if (identifier.Identifier.ValueText != field.Name
                    || !SymbolEqualityComparer.Default.Equals(scopeModel.GetSymbolInfo(identifier, cancellationToken).Symbol, field))
                {
                    continue;
                }

                var reference = VerifiedClientRewrite.Reference(identifier);
                nullChecked |= IsNullChecked(reference);
                // A statement, or a constructor's whole body (`public A(ChatClient c) => _c = c;`).
                if (reference.Parent is AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.SimpleAssignmentExpression, Parent: ExpressionStatementSyntax or ArrowExpressionClauseSyntax { Parent: ConstructorDeclarationSyntax } } assignment
                    && assignment.Left == reference)
                {
                    // A value given after construction may come from anywhere, at any time: the field keeps its type.
                    if (!InConstructorOf(assignment, field.ContainingType, scopeModel, cancellationToken))
                    {
                        return null;
                    }

                    if (!IsNoValue(assignment.Right))
                    {
                        values.Add((scopeDocument.Id, scopeModel, assignment.Right));
                    }

                    continue;
                }

                if (!IsCall(scopeModel, reference, cancellationToken))
                {
                    return null;
                }
            }
        }

        if (values.Count == 0)
        {
            return null;
        }

        foreach (var (document, valueModel, value) in values)
        {
            var type = valueModel.GetTypeInfo(value, cancellationToken);
            var mayBeNull = type.Nullability.FlowState == NullableFlowState.MaybeNull
                || (type.Nullability.FlowState == NullableFlowState.None && (nullable || nullChecked));
            var valueType = type.Type;
            edits.Add(new Edit(document, value.Span, current =>
            {
                var receiver = Primary(VerifiedClientRewrite.Explicit(((ExpressionSyntax)current).WithoutTrivia(), valueType, valueModel));
                ExpressionSyntax wrapped = mayBeNull
                    ? SyntaxFactory.ConditionalAccessExpression(receiver, SyntaxFactory.InvocationExpression(SyntaxFactory.MemberBindingExpression(SyntaxFactory.IdentifierName(Extension))))
                    : Call(receiver, Extension);
                return wrapped.WithTriviaFrom(current);
            }));
        }

        return new Plan(declarator.SyntaxTree.FilePath + ":" + declarator.SpanStart + ":sdk-field", Wrapped(isChat), edits, checkedDocuments.Distinct().ToList(), mark: null);
    }

    /// <summary>True when the assignment runs while the object is built: in a constructor of the field's type, not in a lambda or local function there.</summary>
    private static bool InConstructorOf(SyntaxNode assignment, INamedTypeSymbol type, SemanticModel model, CancellationToken cancellationToken)
    {
        foreach (var ancestor in assignment.Ancestors())
        {
            switch (ancestor)
            {
                case AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax:
                    return false;
                case ConstructorDeclarationSyntax constructor:
                    return SymbolEqualityComparer.Default.Equals(model.GetDeclaredSymbol(constructor, cancellationToken)?.ContainingType, type);
                case MemberDeclarationSyntax:
                    return false;
            }
        }

        return false;
    }

    /// <summary>
    /// The field used as the receiver of a call or member (which must then exist on the wrapper: the compile check sees to
    /// that) that the wrapper does not refuse. Anything else (returned, passed on, compared, in a ternary) holds it back.
    /// </summary>
    private static bool IsCall(SemanticModel model, ExpressionSyntax reference, CancellationToken cancellationToken)
    {
        var operation = model.GetOperation(reference, cancellationToken);
        return operation?.Parent switch
        {
            IInvocationOperation invocation when invocation.Instance == operation => !Refuses(invocation),
            IPropertyReferenceOperation property when property.Instance == operation => true,
            _ => false,
        };
    }
}
