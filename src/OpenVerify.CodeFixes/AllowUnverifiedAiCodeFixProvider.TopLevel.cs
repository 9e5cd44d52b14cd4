using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;

namespace OpenVerify.CodeFixes;

/// <summary>
/// Top-level statements have no member to carry the attribute. A call there is allowed on the local function or lambda
/// (C# 10) that holds it, or else extracted into a new local function that carries the attribute, declared just before
/// the statement — the analyzer honours the attribute on both, and local functions may carry attributes since C# 9.
/// </summary>
public sealed partial class AllowUnverifiedAiCodeFixProvider
{
    /// <summary>
    /// What carries the attribute for a call in top-level statements: a local function, a lambda, or the call itself
    /// when it can be extracted safely; null when none can.
    /// </summary>
    private static SyntaxNode? TopLevelTarget(SyntaxNode root, SemanticModel model, Microsoft.CodeAnalysis.Text.TextSpan span, CancellationToken cancellationToken)
    {
        var node = root.FindNode(span, getInnermostNodeForTie: true);
        var attributesOnLambdas = ((CSharpParseOptions)root.SyntaxTree.Options).LanguageVersion >= LanguageVersion.CSharp10;
        foreach (var ancestor in node.AncestorsAndSelf())
        {
            switch (ancestor)
            {
                case LocalFunctionStatementSyntax:
                    return ancestor;
                case ParenthesizedLambdaExpressionSyntax or SimpleLambdaExpressionSyntax:
                    return attributesOnLambdas ? ancestor : null;
                case AnonymousMethodExpressionSyntax or MemberDeclarationSyntax and not GlobalStatementSyntax:
                    return null;
                case GlobalStatementSyntax:
                    return node is InvocationExpressionSyntax invocation && CanExtract(model, invocation, cancellationToken) ? invocation : null;
            }
        }

        return null;
    }

    /// <summary>
    /// True when <c>T Name() => call;</c>, declared before the call's statement, means the same: the call has a type
    /// that can be written, awaits nothing, passes nothing by reference, declares no variable, and uses only variables
    /// in scope there that a local function may capture. Fix registration also compiles the result and drops a fix
    /// that adds an error.
    /// </summary>
    private static bool CanExtract(SemanticModel model, InvocationExpressionSyntax invocation, CancellationToken cancellationToken)
    {
        if (invocation.Expression is MemberBindingExpressionSyntax
            || invocation.DescendantNodes().Any(n => n is AwaitExpressionSyntax)
            || invocation.ArgumentList.Arguments.Any(a => !a.RefKindKeyword.IsKind(SyntaxKind.None))
            || ContainingStatement(invocation) is not { } statement)
        {
            return false;
        }

        var type = model.GetTypeInfo(invocation, cancellationToken).Type;
        if (type is null or IErrorTypeSymbol || type.IsRefLikeType || ContainsAnonymousType(type))
        {
            return false;
        }

        // Read by syntax: the data-flow API does not analyse a call that is the receiver of a member access.
        if (invocation.DescendantNodes().Any(n => n is SingleVariableDesignationSyntax))
        {
            return false;
        }

        var inScope = model.LookupSymbols(statement.SpanStart);
        return invocation.DescendantNodes().OfType<IdentifierNameSyntax>()
            .Select(name => model.GetSymbolInfo(name, cancellationToken).Symbol)
            .Where(symbol => symbol is ILocalSymbol or IParameterSymbol)
            .All(variable =>
                variable is not ILocalSymbol { RefKind: not RefKind.None } and not ILocalSymbol { Type.IsRefLikeType: true }
                && inScope.Contains(variable, SymbolEqualityComparer.Default));
    }

    private static bool ContainsAnonymousType(ITypeSymbol type) => type switch
    {
        { IsAnonymousType: true } => true,
        IArrayTypeSymbol array => ContainsAnonymousType(array.ElementType),
        INamedTypeSymbol named => named.TypeArguments.Any(ContainsAnonymousType),
        _ => false,
    };

    /// <summary>The statement, directly in the top-level statements or in a block, before which a local function can go.</summary>
    private static StatementSyntax? ContainingStatement(SyntaxNode node) =>
        node.Ancestors().OfType<StatementSyntax>().FirstOrDefault(s => s.Parent is GlobalStatementSyntax or BlockSyntax);

    private static void AllowAtTopLevel(SyntaxEditor editor, SemanticModel model, SyntaxNode target, SyntaxTrivia endOfLine, HashSet<string> usedNames, HashSet<SyntaxNode> movedTrivia, string justification, CancellationToken cancellationToken)
    {
        switch (target)
        {
            case LocalFunctionStatementSyntax:
                editor.ReplaceNode(target, (current, _) => AddAttribute((LocalFunctionStatementSyntax)current, endOfLine, justification));
                break;
            case ParenthesizedLambdaExpressionSyntax:
                editor.ReplaceNode(target, (current, _) => AddAttribute((ParenthesizedLambdaExpressionSyntax)current, justification));
                break;
            case SimpleLambdaExpressionSyntax:
                editor.ReplaceNode(target, (current, _) => AddAttribute(Parenthesized((SimpleLambdaExpressionSyntax)current), justification));
                break;
            case InvocationExpressionSyntax invocation:
                Extract(editor, model, invocation, endOfLine, usedNames, movedTrivia, justification, cancellationToken);
                break;
        }
    }

    private static void Extract(SyntaxEditor editor, SemanticModel model, InvocationExpressionSyntax invocation, SyntaxTrivia endOfLine, HashSet<string> usedNames, HashSet<SyntaxNode> movedTrivia, string justification, CancellationToken cancellationToken)
    {
        var statement = ContainingStatement(invocation)!;
        SyntaxNode anchor = statement.Parent is GlobalStatementSyntax global ? global : statement;
        var name = FreeName(model, invocation, usedNames, cancellationToken);
        var type = model.GetTypeInfo(invocation, cancellationToken).Type!;
        var returnType = type.SpecialType == SpecialType.System_Void
            ? SyntaxFactory.PredefinedType(SyntaxFactory.Token(SyntaxKind.VoidKeyword))
            : SyntaxFactory.ParseTypeName(type.ToMinimalDisplayString(model, statement.SpanStart));

        // The statement's comments and blank lines go in front of the new function, which then reads as part of it.
        var leading = anchor.GetLeadingTrivia();
        var indentation = Indentation(leading);
        var functionLeading = movedTrivia.Add(anchor) ? leading : indentation;
        var function = SyntaxFactory.LocalFunctionStatement(returnType.WithLeadingTrivia(indentation).WithTrailingTrivia(SyntaxFactory.Space), SyntaxFactory.Identifier(name))
            .WithExpressionBody(SyntaxFactory.ArrowExpressionClause(
                SyntaxFactory.Token(SyntaxKind.EqualsGreaterThanToken).WithLeadingTrivia(SyntaxFactory.Space).WithTrailingTrivia(SyntaxFactory.Space),
                invocation.WithoutTrivia()))
            .WithSemicolonToken(SyntaxFactory.Token(SyntaxKind.SemicolonToken).WithTrailingTrivia(endOfLine))
            .WithAttributeLists(SyntaxFactory.SingletonList(AttributeList(justification).WithLeadingTrivia(functionLeading).WithTrailingTrivia(endOfLine)));

        editor.ReplaceNode(invocation, SyntaxFactory.InvocationExpression(SyntaxFactory.IdentifierName(name)).WithTriviaFrom(invocation));
        editor.ReplaceNode(anchor, (current, _) => current.WithLeadingTrivia(indentation));
        editor.InsertBefore(anchor, anchor is GlobalStatementSyntax ? SyntaxFactory.GlobalStatement(function) : function);
    }

    /// <summary><c>UnverifiedRun</c>, <c>UnverifiedRun2</c>, …: the first name nothing in scope and no other extraction uses.</summary>
    private static string FreeName(SemanticModel model, InvocationExpressionSyntax invocation, HashSet<string> usedNames, CancellationToken cancellationToken)
    {
        var method = model.GetSymbolInfo(invocation, cancellationToken).Symbol?.Name ?? "Call";
        var stem = "Unverified" + method;
        var name = stem;
        for (var suffix = 2; usedNames.Contains(name) || !model.LookupSymbols(invocation.SpanStart, name: name).IsEmpty; suffix++)
        {
            name = stem + suffix;
        }

        usedNames.Add(name);
        return name;
    }

    private static LocalFunctionStatementSyntax AddAttribute(LocalFunctionStatementSyntax function, SyntaxTrivia endOfLine, string justification) =>
        AddAttribute(function, function.AttributeLists, (f, lists) => f.WithAttributeLists(lists), endOfLine, justification);

    /// <summary>A lambda's attributes go before its parameter list, on the same line.</summary>
    private static ParenthesizedLambdaExpressionSyntax AddAttribute(ParenthesizedLambdaExpressionSyntax lambda, string justification)
    {
        var leading = lambda.GetLeadingTrivia();
        return lambda.WithoutLeadingTrivia()
            .WithAttributeLists(lambda.AttributeLists.Insert(0, AttributeList(justification).WithTrailingTrivia(SyntaxFactory.Space)))
            .WithLeadingTrivia(leading);
    }

    /// <summary><c>x =&gt; …</c> as <c>(x) =&gt; …</c>: attributes need the parentheses.</summary>
    private static ParenthesizedLambdaExpressionSyntax Parenthesized(SimpleLambdaExpressionSyntax lambda) =>
        SyntaxFactory.ParenthesizedLambdaExpression(
                lambda.Modifiers,
                SyntaxFactory.ParameterList(SyntaxFactory.SingletonSeparatedList(lambda.Parameter.WithoutTrivia())).WithTrailingTrivia(lambda.Parameter.GetTrailingTrivia()),
                lambda.ArrowToken,
                lambda.Block,
                lambda.ExpressionBody)
            .WithLeadingTrivia(lambda.GetLeadingTrivia());
}
