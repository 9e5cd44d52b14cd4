using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using OpenVerify.Analyzers.Configuration;
using OpenVerify.Analyzers.Diagnostics;

namespace OpenVerify.Analyzers.Rules;

/// <summary>
/// OV1010: <c>[SuppressMessage]</c> (or <c>[UnconditionalSuppressMessage]</c>) naming an OpenVerify rule. The compiler
/// applies such a suppression even to the NotConfigurable errors of a strict gate, so under <c>strict</c> each one is an
/// error itself; under <c>warn</c> it is an Info. Attributes are found by syntax, so member, type, assembly and module
/// targets (GlobalSuppressions.cs) are all seen.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SuppressMessageAnalyzer : GatedAnalyzer
{
    private const string SuppressMessageName = "System.Diagnostics.CodeAnalysis.SuppressMessageAttribute";
    private const string UnconditionalSuppressMessageName = "System.Diagnostics.CodeAnalysis.UnconditionalSuppressMessageAttribute";

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.SuppressedRule.Warn, DiagnosticDescriptors.SuppressedRule.Strict);

    /// <inheritdoc />
    private protected override void OnCompilationStart(CompilationStartAnalysisContext context, GateMode gate)
    {
        var suppressMessage = context.Compilation.GetTypeByMetadataName(SuppressMessageName);
        var unconditional = context.Compilation.GetTypeByMetadataName(UnconditionalSuppressMessageName);
        if (suppressMessage is null && unconditional is null)
        {
            return;
        }

        var descriptor = DiagnosticDescriptors.SuppressedRule.For(gate);
        context.RegisterSyntaxNodeAction(
            c =>
            {
                var attribute = (AttributeSyntax)c.Node;
                if (attribute.ArgumentList is not { Arguments.Count: >= 2 } arguments || !MayBeSuppressMessage(attribute.Name))
                {
                    return;
                }

                var type = (c.SemanticModel.GetSymbolInfo(attribute, c.CancellationToken).Symbol as IMethodSymbol)?.ContainingType;
                if (type is null || !(SymbolEqualityComparer.Default.Equals(type, suppressMessage) || SymbolEqualityComparer.Default.Equals(type, unconditional)))
                {
                    return;
                }

                // SuppressMessage(category, checkId): the compiler matches the id before any ':' and ignores the category.
                var checkId = arguments.Arguments[1];
                if (checkId.NameEquals is not null || checkId.NameColon is { Name.Identifier.ValueText: not "checkId" })
                {
                    return;
                }

                if (c.SemanticModel.GetConstantValue(checkId.Expression, c.CancellationToken) is { HasValue: true, Value: string text }
                    && OpenVerifyId(text) is { } id)
                {
                    c.ReportDiagnostic(Diagnostic.Create(descriptor, attribute.GetLocation(), id));
                }
            },
            SyntaxKind.Attribute);
    }

    /// <summary>A cheap syntax check before binding: the attribute's simple name.</summary>
    private static bool MayBeSuppressMessage(NameSyntax name)
    {
        var simple = name switch
        {
            QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
            AliasQualifiedNameSyntax alias => alias.Name.Identifier.ValueText,
            SimpleNameSyntax plain => plain.Identifier.ValueText,
            _ => string.Empty,
        };

        // An alias (using X = ...SuppressMessageAttribute) has another name; bind those too.
        return simple.IndexOf("SuppressMessage", System.StringComparison.Ordinal) >= 0 || name is IdentifierNameSyntax or AliasQualifiedNameSyntax;
    }

    /// <summary>The OpenVerify id a checkId names (<c>OV0001</c> or <c>OV0001:Title</c>), or null.</summary>
    private static string? OpenVerifyId(string checkId)
    {
        var colon = checkId.IndexOf(':');
        var id = (colon >= 0 ? checkId.Substring(0, colon) : checkId).Trim();
        if (id.Length != 6 || !id.StartsWith("OV", System.StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        for (var i = 2; i < id.Length; i++)
        {
            if (id[i] < '0' || id[i] > '9')
            {
                return null;
            }
        }

        return id.ToUpperInvariant();
    }
}
