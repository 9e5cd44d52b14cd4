using System.Collections.Concurrent;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace OpenVerify.Analyzers.Rules;

/// <summary>
/// A Semantic Kernel service over a verified client, seen where the call is made: the receiver is Semantic Kernel's
/// adapter called on a verified client (<c>….BuildVerified().AsChatCompletionService()</c>,
/// <c>….AsVerified().AsTextEmbeddingGenerationService()</c>), or a local or private field whose every value in this
/// file is one (or null). Seen in the code rather than taken on trust, so removing the wrapping brings the diagnostic
/// back (an <c>[AllowUnverifiedAi]</c> on the call would keep it silent).
/// </summary>
internal sealed class VerifiedKernelService
{
    private const string Namespace = "OpenVerify.Extensions.AI";

    // A variable's verdict depends on every write to it, so it is worked out once per variable, not once per call.
    private readonly ConcurrentDictionary<ISymbol, bool> _variables = new(SymbolEqualityComparer.Default);

    /// <summary>True where the call's receiver (its instance, or an extension method's <c>this</c> argument) is a service over a verified client.</summary>
    public bool IsVerified(IOperation? receiver, CancellationToken cancellationToken)
    {
        receiver = Unconverted(receiver);
        if (receiver is IConditionalAccessInstanceOperation instance)
        {
            receiver = Unconverted(ConditionalTarget(instance));
        }

        switch (receiver)
        {
            case ILocalReferenceOperation local when receiver.SemanticModel is { } model:
                return _variables.GetOrAdd(local.Local, _ => AllValuesVerified(model, local.Local, cancellationToken));
            case IFieldReferenceOperation { Field: { DeclaredAccessibility: Accessibility.Private, IsConst: false, IsImplicitlyDeclared: false } field } when receiver.SemanticModel is { } model:
                return _variables.GetOrAdd(field, _ => AllValuesVerified(model, field, cancellationToken));
            default:
                return IsVerifiedValue(receiver);
        }
    }

    /// <summary>The adapter over a verified client, or <c>x?.…</c> ending in one.</summary>
    private static bool IsVerifiedValue(IOperation? value)
    {
        value = Unconverted(value);
        if (value is IConditionalAccessOperation conditional)
        {
            value = Unconverted(conditional.WhenNotNull);
        }

        if (value is not IInvocationOperation invocation)
        {
            return false;
        }

        var method = invocation.TargetMethod.ReducedFrom ?? invocation.TargetMethod;
        var verified = method.Name switch
        {
            "AsChatCompletionService" => "VerifiedChatClient",
            "AsTextEmbeddingGenerationService" => "VerifiedEmbeddingGenerator",
            _ => null,
        };
        if (verified is null || !method.IsExtensionMethod || !InSemanticKernel(method.ContainingNamespace))
        {
            return false;
        }

        var adapted = Unconverted(invocation.Instance ?? invocation.Arguments.FirstOrDefault(a => a.Parameter?.Ordinal == 0)?.Value)?.Type;
        return adapted is INamedTypeSymbol { Name: var name } type && name == verified && type.ContainingNamespace?.ToDisplayString() == Namespace;
    }

    /// <summary>
    /// Every value a local or private field is given is the adapter over a verified client (or null): its
    /// declaration and every write found in its scope, which must lie in this file. Any other write (ref, out,
    /// compound, deconstruction) and it is not.
    /// </summary>
    private static bool AllValuesVerified(SemanticModel model, ISymbol variable, CancellationToken cancellationToken)
    {
        if (variable.DeclaringSyntaxReferences.Length != 1
            || variable.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is not VariableDeclaratorSyntax declarator
            || declarator.SyntaxTree != model.SyntaxTree)
        {
            return false;
        }

        SyntaxNode[] scopes;
        if (variable is IFieldSymbol field)
        {
            var parts = field.ContainingType.DeclaringSyntaxReferences;
            if (parts.Any(p => p.SyntaxTree != model.SyntaxTree))
            {
                return false;
            }

            scopes = parts.Select(p => p.GetSyntax(cancellationToken)).ToArray();
        }
        else
        {
            scopes = new[] { declarator.SyntaxTree.GetRoot(cancellationToken) };
        }

        var values = 0;
        if (declarator.Initializer is { } initializer)
        {
            if (!IsNoValue(initializer.Value) && !IsVerifiedValue(model.GetOperation(initializer.Value, cancellationToken)))
            {
                return false;
            }

            values++;
        }

        foreach (var identifier in scopes.SelectMany(s => s.DescendantNodes()).OfType<IdentifierNameSyntax>())
        {
            if (identifier.Identifier.ValueText != variable.Name
                || !SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(identifier, cancellationToken).Symbol, variable))
            {
                continue;
            }

            var reference = identifier.Parent is MemberAccessExpressionSyntax access && access.Name == identifier ? (ExpressionSyntax)access : identifier;
            switch (reference.Parent)
            {
                case AssignmentExpressionSyntax assignment when assignment.Left == reference:
                    if (!assignment.IsKind(SyntaxKind.SimpleAssignmentExpression)
                        || (!IsNoValue(assignment.Right) && !IsVerifiedValue(model.GetOperation(assignment.Right, cancellationToken))))
                    {
                        return false;
                    }

                    values++;
                    break;
                case ArgumentSyntax argument when !argument.RefKindKeyword.IsKind(SyntaxKind.None) && !argument.RefKindKeyword.IsKind(SyntaxKind.InKeyword):
                case ArgumentSyntax { Parent: TupleExpressionSyntax }:
                case RefExpressionSyntax:
                    return false;
            }
        }

        return values > 0;
    }

    private static bool IsNoValue(ExpressionSyntax value) =>
        value.IsKind(SyntaxKind.NullLiteralExpression) || value.IsKind(SyntaxKind.DefaultLiteralExpression) || value is DefaultExpressionSyntax;

    private static bool InSemanticKernel(INamespaceSymbol? ns)
    {
        for (; ns is not null && !ns.IsGlobalNamespace; ns = ns.ContainingNamespace)
        {
            if (ns.Name == "SemanticKernel" && ns.ContainingNamespace is { Name: "Microsoft", ContainingNamespace.IsGlobalNamespace: true })
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The value a <c>?.</c> call is made on (the instance's syntax is that value's).</summary>
    private static IOperation? ConditionalTarget(IConditionalAccessInstanceOperation instance)
    {
        for (var parent = instance.Parent; parent is not null; parent = parent.Parent)
        {
            if (parent is IConditionalAccessOperation conditional && conditional.Operation.Syntax == instance.Syntax)
            {
                return conditional.Operation;
            }
        }

        return null;
    }

    private static IOperation? Unconverted(IOperation? operation)
    {
        while (operation is IConversionOperation { IsImplicit: true } conversion)
        {
            operation = conversion.Operand;
        }

        return operation;
    }
}
