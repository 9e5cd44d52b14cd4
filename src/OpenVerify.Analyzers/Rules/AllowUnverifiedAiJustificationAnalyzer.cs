using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
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
            c => AnalyzeSymbol(c.Symbol, descriptor, c.ReportDiagnostic, c.CancellationToken),
            SymbolKind.NamedType, SymbolKind.Method, SymbolKind.Property, SymbolKind.Field, SymbolKind.Event);
        context.RegisterOperationAction(
            c =>
            {
                var function = c.Operation switch
                {
                    ILocalFunctionOperation localFunction => localFunction.Symbol,
                    IAnonymousFunctionOperation lambda => lambda.Symbol,
                    _ => null,
                };

                if (function is not null)
                {
                    AnalyzeSymbol(function, descriptor, c.ReportDiagnostic, c.CancellationToken);
                }
            },
            OperationKind.LocalFunction, OperationKind.AnonymousFunction);
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
