using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using OpenVerify.Analyzers.AiApis;

namespace OpenVerify.Analyzers.Rules;

/// <summary>
/// A Microsoft.Extensions.AI middleware (a class whose base is <c>DelegatingChatClient</c> or another <c>Delegating…</c>
/// type) built over a verified client, seen where it calls itself (<c>this.</c>, implicit <c>this</c>, <c>base.</c>):
/// every constructor of the class passes its base a value whose static type is one of OpenVerify.Extensions.AI's
/// verified clients (<c>inner.AsVerified()</c>, <c>….BuildVerified()</c>), or chains to one that does. Whatever such a
/// call reaches the model through goes through that client's attesting step, which sees the request as sent. Seen in
/// the code (all of the class in this file) rather than taken on trust, so removing the wrapping brings the diagnostic
/// back.
/// </summary>
internal sealed class VerifiedDelegatingClient
{
    private readonly AiApiIndex _index;

    // A class's verdict depends on all its constructors, so it is worked out once per class, not once per call.
    private readonly ConcurrentDictionary<INamedTypeSymbol, bool> _types = new(SymbolEqualityComparer.Default);

    public VerifiedDelegatingClient(AiApiIndex index) => _index = index;

    /// <summary>
    /// True where the call's receiver is the containing middleware itself, the call reaches its <c>Delegating…</c>
    /// base (and so the inner client), and that inner client is verified.
    /// </summary>
    public bool IsVerified(IInvocationOperation invocation, IOperation? receiver, CancellationToken cancellationToken)
    {
        // An extension method's this argument, converted to the interface the extension takes.
        var converted = receiver;
        while (receiver is IConversionOperation { IsImplicit: true } conversion)
        {
            receiver = conversion.Operand;
        }

        if (receiver is not IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance } || receiver.SemanticModel is not { } model)
        {
            return false;
        }

        // base's type is the base class: the class is the one the call is made in.
        var type = receiver.Syntax is BaseExpressionSyntax ? model.GetEnclosingSymbol(receiver.Syntax.SpanStart, cancellationToken)?.ContainingType : receiver.Type as INamedTypeSymbol;
        return type is not null && ReachesBase(invocation, converted, type) && _types.GetOrAdd(type, t => InnerClientVerified(model, t, cancellationToken));
    }

    /// <summary>
    /// True where the call is one the <c>Delegating…</c> base serves: one of its methods (or an override of one), or an
    /// extension on an interface it implements. A middleware may implement another kind's interface itself
    /// (<c>DelegatingChatClient, IEmbeddingGenerator&lt;…&gt;</c>): those calls never reach the verified inner client.
    /// </summary>
    private static bool ReachesBase(IInvocationOperation invocation, IOperation? converted, INamedTypeSymbol type)
    {
        if (type.BaseType is not { } baseType)
        {
            return false;
        }

        var target = invocation.TargetMethod;
        if ((target.ReducedFrom ?? target).IsExtensionMethod)
        {
            // Through the interface: the class may implement it again (explicitly, say), and then runs its own method.
            return converted?.Type is INamedTypeSymbol taken && baseType.AllInterfaces.Contains(taken, SymbolEqualityComparer.Default)
                && taken.GetMembers().OfType<IMethodSymbol>().All(m => type.FindImplementationForInterfaceMember(m) is not IMethodSymbol implementation || IsBaseMethod(implementation, baseType));
        }

        return IsBaseMethod(target, baseType);
    }

    /// <summary>True for a method of the base, or an override of one.</summary>
    private static bool IsBaseMethod(IMethodSymbol method, INamedTypeSymbol baseType)
    {
        for (var current = method; current is not null; current = current.OverriddenMethod)
        {
            if (SymbolEqualityComparer.Default.Equals(current.ContainingType, baseType))
            {
                return true;
            }
        }

        return false;
    }

    private bool InnerClientVerified(SemanticModel model, INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        if (type.BaseType is not { } baseType || !_index.IsDelegatingType(baseType)
            || type.DeclaringSyntaxReferences.Any(r => r.SyntaxTree != model.SyntaxTree))
        {
            return false;
        }

        var constructors = 0;
        foreach (var part in type.DeclaringSyntaxReferences)
        {
            if (part.GetSyntax(cancellationToken) is not TypeDeclarationSyntax declaration)
            {
                return false;
            }

            var baseArguments = new List<ArgumentListSyntax?>();
            if (declaration.ParameterList is not null)
            {
                baseArguments.Add(declaration.BaseList?.Types.FirstOrDefault() is PrimaryConstructorBaseTypeSyntax primary ? primary.ArgumentList : null);
            }

            baseArguments.AddRange(declaration.Members.OfType<ConstructorDeclarationSyntax>()
                .Where(c => !c.Modifiers.Any(SyntaxKind.StaticKeyword) && !c.Initializer.IsKind(SyntaxKind.ThisConstructorInitializer))
                .Select(c => c.Initializer?.ArgumentList));

            foreach (var arguments in baseArguments)
            {
                constructors++;
                if (arguments is null || arguments.Arguments.Count == 0
                    || arguments.Arguments.Any(a => !IsVerifiedClient(model.GetOperation(a.Expression, cancellationToken))))
                {
                    return false;
                }
            }
        }

        return constructors > 0;
    }

    private bool IsVerifiedClient(IOperation? value)
    {
        while (value is IConversionOperation { IsImplicit: true } conversion)
        {
            value = conversion.Operand;
        }

        return _index.IsVerifiedClient(value?.Type);
    }
}
