using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace OpenVerify.CodeFixes;

/// <summary>
/// Calls a Microsoft.Extensions.AI client implementation makes on itself (a streaming method that calls the class's own
/// <c>GetTextAsync</c>, say), where the receiver is <c>this</c> and nothing can be re-typed:
/// <list type="bullet">
/// <item>A <b>leaf</b> client (it implements the interface itself, has no <c>Delegating…</c> base and holds no client of
/// any Microsoft.Extensions.AI kind: the model call happens in it): the call goes through <c>this.AsVerified()</c>,
/// whose attesting step calls the class's interface method, the one that reaches the model, and signs it once.</item>
/// <item>A <b>middleware</b> (its base is the kind's <c>Delegating…</c> type): wrapping <c>this</c> would attest above the
/// override's own changes to the request and bind a request other than the one sent, so the inner client is verified
/// instead: every constructor's base argument becomes <c>inner.AsVerified()</c>, and whatever reaches the model passes
/// an attesting step that sees the request as sent. The analyzer recognizes such a class, so its calls on itself are
/// no longer reported.</item>
/// </list>
/// Not offered on an abstract class (the call runs whatever a derived class does), on a call that reaches the interface
/// member it is made from (through the wrapper it would run again), or where a constructor passes no base argument.
/// </summary>
internal static partial class VerifiedClientWrap
{
    private static async Task<Plan?> SelfCallPlanAsync(Document document, SemanticModel model, SyntaxNode node, IInstanceReferenceOperation self, VerifiedClientKind kind, CancellationToken cancellationToken)
    {
        var compilation = model.Compilation;
        // base's type is the base class: the class is the one the call is made in.
        var selfType = self.Syntax is BaseExpressionSyntax ? model.GetEnclosingSymbol(node.SpanStart, cancellationToken)?.ContainingType : self.Type;
        if (self.ReferenceKind != InstanceReferenceKind.ContainingTypeInstance || selfType is not INamedTypeSymbol { TypeKind: TypeKind.Class } type
            || model.GetOperation(node, cancellationToken) is not IInvocationOperation invocation
            || compilation.GetTypeByMetadataName(kind.Interface) is not { } @interface
            || Implemented(type, @interface) is not { } implemented)
        {
            return null;
        }

        if (compilation.GetTypeByMetadataName(kind.Delegating) is { } delegating && SymbolEqualityComparer.Default.Equals(type.BaseType?.OriginalDefinition, delegating))
        {
            return await InnerClientPlanAsync(document.Project.Solution, type, kind, cancellationToken).ConfigureAwait(false);
        }

        if (self.Syntax is BaseExpressionSyntax || !IsLeaf(compilation, type) || ReachesItsCaller(model, node, invocation, type, implemented, cancellationToken))
        {
            return null;
        }

        var wrapping = new Wrapping(VerifiedClientWrapCodeFixProvider.SelfCallTitle, kind.IsChat, ClientWrapping(kind).Wrap, kind: kind);
        var plain = SelfCallEdit(document, self, invocation, wrapping, castTo: null);
        if (plain is null)
        {
            return null;
        }

        // Cast to the interface only where the class's other interfaces make AsVerified() ambiguous.
        return await CompilingAsync(document.Project.Solution, plain, cancellationToken).ConfigureAwait(false)
            ?? (SelfCallEdit(document, self, invocation, wrapping, implemented.ToMinimalDisplayString(model, node.SpanStart)) is { } cast
                ? await CompilingAsync(document.Project.Solution, cast, cancellationToken).ConfigureAwait(false)
                : null);
    }

    /// <summary><c>this.X(…)</c> becomes <c>this.AsVerified().X(…)</c>; <c>X(…)</c> (implicit <c>this</c>) the same.</summary>
    private static Plan? SelfCallEdit(Document document, IInstanceReferenceOperation self, IInvocationOperation invocation, Wrapping wrapping, string? castTo)
    {
        ExpressionSyntax Receiver() => castTo is null
            ? SyntaxFactory.ThisExpression()
            : SyntaxFactory.ParenthesizedExpression(SyntaxFactory.CastExpression(SyntaxFactory.ParseTypeName(castTo), SyntaxFactory.ThisExpression()));

        Edit edit;
        if (self.Syntax is ThisExpressionSyntax explicitThis)
        {
            edit = new Edit(document.Id, explicitThis.Span, current => wrapping.Wrap(Receiver(), false).WithTriviaFrom(current));
        }
        else if (self.IsImplicit && invocation.Syntax is InvocationExpressionSyntax { Expression: SimpleNameSyntax name })
        {
            edit = new Edit(document.Id, name.Span, current => SyntaxFactory.MemberAccessExpression(
                SyntaxKind.SimpleMemberAccessExpression, wrapping.Wrap(Receiver(), false), ((SimpleNameSyntax)current).WithoutTrivia()).WithTriviaFrom(current));
        }
        else
        {
            return null;
        }

        return new Plan(invocation.Syntax.SyntaxTree.FilePath + ":" + invocation.Syntax.SpanStart + ":self", wrapping, new[] { edit }, new[] { document.Id }, null);
    }

    /// <summary>
    /// True for a class where the model call happens: not abstract, no <c>Delegating…</c> Microsoft.Extensions.AI base,
    /// no field, property or constructor parameter holding a client of any Microsoft.Extensions.AI kind (a class
    /// that forwards to one is middleware, whose request may differ from what it was asked), and no base class from
    /// another assembly (whose private fields cannot be seen).
    /// </summary>
    private static bool IsLeaf(Compilation compilation, INamedTypeSymbol type)
    {
        if (type.IsAbstract)
        {
            return false;
        }

        var clients = new[] { VerifiedClientKind.Chat, VerifiedClientKind.Embedding }.Concat(VerifiedClientKind.Media)
            .Select(k => compilation.GetTypeByMetadataName(k.Interface)).OfType<INamedTypeSymbol>().ToList();
        // A client held in a collection, a Lazy, a factory delegate or a type parameter is held all the same. Each type is
        // looked into once: a constraint may name the type parameter it constrains (T : Node<T>).
        var seen = new HashSet<ITypeSymbol>(SymbolEqualityComparer.Default);
        bool IsClient(ITypeSymbol held) =>
            clients.Any(c => SymbolEqualityComparer.Default.Equals(held.OriginalDefinition, c) || held.AllInterfaces.Any(i => SymbolEqualityComparer.Default.Equals(i.OriginalDefinition, c)))
            || (seen.Add(held) && held switch
            {
                IArrayTypeSymbol array => IsClient(array.ElementType),
                ITypeParameterSymbol parameter => parameter.ConstraintTypes.Any(IsClient),
                INamedTypeSymbol named => named.TypeArguments.Any(IsClient) || (named.DelegateInvokeMethod is { } invoke && IsClient(invoke.ReturnType)),
                _ => false,
            });

        for (var current = type; current is not null && current.SpecialType != SpecialType.System_Object; current = current.BaseType)
        {
            if (!SymbolEqualityComparer.Default.Equals(current, type) && current.Name.StartsWith("Delegating", System.StringComparison.Ordinal)
                && current.ContainingNamespace?.ToDisplayString() == "Microsoft.Extensions.AI")
            {
                return false;
            }

            if (!SymbolEqualityComparer.Default.Equals(current, type) && !current.Locations.Any(l => l.IsInSource))
            {
                // A base class from another assembly: its private fields are not seen here, and one may hold a client.
                return false;
            }

            if (current.GetMembers().Any(m => m switch
                {
                    IFieldSymbol field => IsClient(field.Type),
                    IPropertySymbol property => IsClient(property.Type),
                    IMethodSymbol { MethodKind: MethodKind.Constructor } constructor => constructor.Parameters.Any(p => IsClient(p.Type)),
                    _ => false,
                }))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// True when the call may reach the interface member it is made from: through the wrapper it would run that member
    /// again (and sign each round). An extension method reaches the member of its name, or, where none has it, any.
    /// </summary>
    private static bool ReachesItsCaller(SemanticModel model, SyntaxNode node, IInvocationOperation invocation, INamedTypeSymbol type, INamedTypeSymbol @interface, CancellationToken cancellationToken)
    {
        var caller = model.GetEnclosingSymbol(node.SpanStart, cancellationToken);
        while (caller is not null && !SymbolEqualityComparer.Default.Equals(caller.ContainingSymbol, type))
        {
            caller = caller.ContainingSymbol;
        }

        var members = @interface.GetMembers().OfType<IMethodSymbol>().Where(m => m.Name != "GetService").ToList();
        var callers = caller is null ? new HashSet<ISymbol>(SymbolEqualityComparer.Default) : Callers(model.Compilation, type, caller, cancellationToken);
        var implementedByCaller = members.Where(m => type.FindImplementationForInterfaceMember(m) is { } implementation && callers.Contains(implementation)).ToList();
        if (implementedByCaller.Count == 0)
        {
            return false;
        }

        var target = invocation.TargetMethod.ReducedFrom ?? invocation.TargetMethod;
        List<IMethodSymbol> reached;
        if (target.IsExtensionMethod)
        {
            reached = members.Where(m => m.Name == target.Name).ToList();
            if (reached.Count == 0)
            {
                reached = members;
            }
        }
        else
        {
            reached = members.Where(m => SymbolEqualityComparer.Default.Equals(type.FindImplementationForInterfaceMember(m), invocation.TargetMethod)).ToList();
        }

        return reached.Intersect(implementedByCaller, SymbolEqualityComparer.Default).Any();
    }

    /// <summary>
    /// <paramref name="member"/> and the class's members that call it, directly or through others of its members (a
    /// helper the interface member calls, a method group handed on): a call made in any of them runs within each.
    /// </summary>
    private static HashSet<ISymbol> Callers(Compilation compilation, INamedTypeSymbol type, ISymbol member, CancellationToken cancellationToken)
    {
        // Which of the class's members each of its members names.
        var named = new Dictionary<ISymbol, HashSet<ISymbol>>(SymbolEqualityComparer.Default);
        foreach (var part in type.DeclaringSyntaxReferences)
        {
            var declaration = part.GetSyntax(cancellationToken);
            var model = compilation.GetSemanticModel(declaration.SyntaxTree);
            foreach (var name in declaration.DescendantNodes().OfType<SimpleNameSyntax>())
            {
                if (model.GetSymbolInfo(name, cancellationToken).Symbol is not IMethodSymbol { } method
                    || !SymbolEqualityComparer.Default.Equals(method.ContainingType?.OriginalDefinition, type.OriginalDefinition)
                    || Member(model.GetEnclosingSymbol(name.SpanStart, cancellationToken), type) is not { } from)
                {
                    continue;
                }

                if (!named.TryGetValue(from, out var targets))
                {
                    named[from] = targets = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
                }

                targets.Add(method.OriginalDefinition);
            }
        }

        var callers = new HashSet<ISymbol>(SymbolEqualityComparer.Default) { member };
        for (var added = true; added;)
        {
            added = false;
            foreach (var pair in named)
            {
                if (!callers.Contains(pair.Key) && pair.Value.Overlaps(callers))
                {
                    added |= callers.Add(pair.Key);
                }
            }
        }

        return callers;
    }

    /// <summary>The member of <paramref name="type"/> a symbol is in (a lambda's or local function's method, say).</summary>
    private static ISymbol? Member(ISymbol? symbol, INamedTypeSymbol type)
    {
        while (symbol is not null && !SymbolEqualityComparer.Default.Equals(symbol.ContainingSymbol, type))
        {
            symbol = symbol.ContainingSymbol;
        }

        return symbol;
    }

    /// <summary>
    /// A middleware verified at its inner client: each constructor's base argument becomes <c>inner.AsVerified()</c>.
    /// Null where a constructor passes no single base argument (none, or one left to the implicit <c>base()</c>), or
    /// where every argument is verified already.
    /// </summary>
    private static async Task<Plan?> InnerClientPlanAsync(Solution solution, INamedTypeSymbol type, VerifiedClientKind kind, CancellationToken cancellationToken)
    {
        var wrapping = new Wrapping(VerifiedClientWrapCodeFixProvider.InnerClientTitle, kind.IsChat, ClientWrapping(kind).Wrap, kind: kind);
        var edits = new List<Edit>();
        var documents = new List<DocumentId>();
        var constructors = 0;
        foreach (var part in type.DeclaringSyntaxReferences)
        {
            if (await part.GetSyntaxAsync(cancellationToken).ConfigureAwait(false) is not TypeDeclarationSyntax declaration
                || solution.GetDocument(declaration.SyntaxTree) is not { } partDocument
                || await partDocument.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false) is not { } partModel)
            {
                return null;
            }

            documents.Add(partDocument.Id);
            var baseArguments = new List<ArgumentListSyntax?>();
            if (declaration.ParameterList is not null)
            {
                baseArguments.Add(declaration.BaseList?.Types.FirstOrDefault() is PrimaryConstructorBaseTypeSyntax primary ? primary.ArgumentList : null);
            }

            foreach (var constructor in declaration.Members.OfType<ConstructorDeclarationSyntax>().Where(c => !c.Modifiers.Any(SyntaxKind.StaticKeyword)))
            {
                if (constructor.Initializer is { RawKind: (int)SyntaxKind.ThisConstructorInitializer })
                {
                    // Chained to another constructor of the class, which passes the base argument.
                    continue;
                }

                baseArguments.Add(constructor.Initializer?.ArgumentList);
            }

            foreach (var arguments in baseArguments)
            {
                constructors++;
                if (arguments is not { Arguments.Count: 1 } || arguments.Arguments[0] is not { RefKindKeyword.RawKind: (int)SyntaxKind.None } argument)
                {
                    return null;
                }

                var value = Unconverted(partModel.GetOperation(argument.Expression, cancellationToken));
                if (value?.Type is { ContainingNamespace: var ns, Name: var name } && ns?.ToDisplayString() == VerifiedClientRewrite.Namespace && name.StartsWith("Verified", System.StringComparison.Ordinal))
                {
                    continue;
                }

                edits.Add(new Edit(partDocument.Id, argument.Expression.Span, current => wrapping.Wrap(Primary(((ExpressionSyntax)current).WithoutTrivia()), false).WithTriviaFrom(current)));
            }
        }

        if (constructors == 0 || edits.Count == 0)
        {
            return null;
        }

        var first = type.DeclaringSyntaxReferences[0];
        var plan = new Plan(first.SyntaxTree.FilePath + ":" + first.Span.Start + ":inner", wrapping, edits, documents, null);
        return await CompilingAsync(solution, plan, cancellationToken).ConfigureAwait(false);
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
