using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using OpenVerify.Analyzers.AiApis;
using OpenVerify.Analyzers.Configuration;
using OpenVerify.Analyzers.Diagnostics;

namespace OpenVerify.Analyzers.Rules;

/// <summary>OV1009: <c>[AllowUnverifiedAi]</c> with an empty or whitespace justification.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class AllowUnverifiedAiJustificationAnalyzer : GatedAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.EmptyJustification.Warn, DiagnosticDescriptors.EmptyJustification.Strict);

    /// <inheritdoc />
    private protected override void OnCompilationStart(CompilationStartAnalysisContext context, GateMode gate)
    {
        var descriptor = DiagnosticDescriptors.EmptyJustification.For(gate);
        context.RegisterSymbolAction(
            c =>
            {
                if (HasAttributeLists(c.Symbol, c.CancellationToken))
                {
                    AnalyzeSymbol(c.Symbol, descriptor, c.ReportDiagnostic, c.CancellationToken);
                }
            },
            SymbolKind.NamedType, SymbolKind.Method, SymbolKind.Property, SymbolKind.Field, SymbolKind.Event);

        // Local functions and lambdas can carry the attribute too. Only the few with attribute lists are bound, so the
        // rule costs a syntax check per function instead of an operation tree walk.
        context.RegisterSyntaxNodeAction(
            c =>
            {
                var lists = c.Node switch
                {
                    LocalFunctionStatementSyntax localFunction => localFunction.AttributeLists,
                    ParenthesizedLambdaExpressionSyntax lambda => lambda.AttributeLists,
                    _ => default,
                };

                if (lists.Count > 0 && DeclaredFunction(c.SemanticModel, c.Node, c.CancellationToken) is { } function)
                {
                    AnalyzeSymbol(function, descriptor, c.ReportDiagnostic, c.CancellationToken);
                }
            },
            SyntaxKind.LocalFunctionStatement, SyntaxKind.ParenthesizedLambdaExpression);
    }

    private static ISymbol? DeclaredFunction(SemanticModel model, SyntaxNode node, System.Threading.CancellationToken cancellationToken) =>
        node is LocalFunctionStatementSyntax
            ? model.GetDeclaredSymbol(node, cancellationToken)
            : model.GetSymbolInfo(node, cancellationToken).Symbol;

    /// <summary>
    /// Whether any declaration of the symbol has attribute lists: a syntax check that spares binding the attributes of
    /// the many members that have none. Declarations of unknown shape are treated as having attributes.
    /// </summary>
    private static bool HasAttributeLists(ISymbol symbol, System.Threading.CancellationToken cancellationToken)
    {
        foreach (var reference in symbol.DeclaringSyntaxReferences)
        {
            var node = reference.GetSyntax(cancellationToken);
            if (node is VariableDeclaratorSyntax { Parent.Parent: { } fieldOrEvent })
            {
                node = fieldOrEvent;
            }

            var hasLists = node switch
            {
                MemberDeclarationSyntax member => member.AttributeLists.Count > 0,
                AccessorDeclarationSyntax accessor => accessor.AttributeLists.Count > 0,
                _ => true,
            };

            if (hasLists)
            {
                return true;
            }
        }

        return false;
    }

    private static void AnalyzeSymbol(ISymbol symbol, DiagnosticDescriptor descriptor, System.Action<Diagnostic> report, System.Threading.CancellationToken cancellationToken)
    {
        // The attributes of a partial method's two parts are merged; judge them once, on the defining part.
        if (symbol is IMethodSymbol { PartialDefinitionPart: not null })
        {
            return;
        }

        foreach (var attribute in symbol.GetAttributes())
        {
            if (!AllowUnverifiedAi.IsAttribute(attribute.AttributeClass) || AllowUnverifiedAi.Justification(attribute) is not null)
            {
                continue;
            }

            var location = attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken).GetLocation() ?? symbol.Locations[0];
            report(Diagnostic.Create(descriptor, location, symbol.Name));
        }
    }
}
