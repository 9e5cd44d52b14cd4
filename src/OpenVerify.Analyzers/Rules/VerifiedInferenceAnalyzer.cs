using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using OpenVerify.Analyzers.Configuration;
using OpenVerify.Analyzers.Diagnostics;
using OpenVerify.Analyzers.Generation;
using OpenVerify.Analyzers.Manifest;
using OpenVerify.Manifest;

namespace OpenVerify.Analyzers.Rules;

/// <summary>
/// OV1001–OV1008 and OV2006: checks every <c>[VerifiedInference]</c> method against its model through the binder the
/// generator uses. These are errors in every gate mode (the generated body could only throw); under
/// <c>OpenVerifyGate=strict</c> they cannot be configured away.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class VerifiedInferenceAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        DiagnosticDescriptors.VerifiedInferenceRules.SelectMany(d => new[] { d.Warn, d.Strict }).ToImmutableArray();

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            var attributeType = start.Compilation.GetTypeByMetadataName(VerifiedMethodParser.VerifiedInferenceAttribute);
            if (attributeType is null)
            {
                return;
            }

            var analysis = new Analysis(GateModeReader.Read(start.Options), ReadManifest(start.Options, start.CancellationToken), attributeType);
            start.RegisterSymbolAction(analysis.AnalyzeMethod, SymbolKind.Method);
        });
    }

    private static ManifestSnapshot ReadManifest(AnalyzerOptions options, CancellationToken cancellationToken) =>
        ManifestSnapshot.FromTexts(options.AdditionalFiles
            .Where(f => ModelManifest.IsManifest(f.Path))
            .Select(f => f.GetText(cancellationToken)?.ToString() ?? string.Empty)
            .ToList());

    private sealed class Analysis
    {
        private readonly GateMode _gate;
        private readonly ManifestSnapshot _manifest;
        private readonly INamedTypeSymbol _attributeType;
        private int _manifestReported;

        public Analysis(GateMode gate, ManifestSnapshot manifest, INamedTypeSymbol attributeType)
        {
            _gate = gate;
            _manifest = manifest;
            _attributeType = attributeType;
        }

        public void AnalyzeMethod(SymbolAnalysisContext context)
        {
            var method = (IMethodSymbol)context.Symbol;
            if (method.PartialDefinitionPart is not null)
            {
                return;
            }

            // Most methods carry no attributes at all: a syntax check spares binding theirs.
            if (!method.DeclaringSyntaxReferences.Any(r => r.GetSyntax(context.CancellationToken) is not MemberDeclarationSyntax { AttributeLists.Count: 0 }))
            {
                return;
            }

            var attribute = method.GetAttributes().FirstOrDefault(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, _attributeType));
            if (attribute is null)
            {
                return;
            }

            var syntax = method.DeclaringSyntaxReferences.Select(r => r.GetSyntax(context.CancellationToken)).OfType<MethodDeclarationSyntax>().FirstOrDefault();
            var methodLocation = syntax?.Identifier.GetLocation() ?? method.Locations.FirstOrDefault() ?? Location.None;
            var model = VerifiedMethodParser.Parse(method, attribute, context.CancellationToken);

            var structural = false;
            if (syntax is not null && !syntax.Modifiers.Any(SyntaxKind.PartialKeyword))
            {
                Report(context, DiagnosticDescriptors.MethodNotPartial, methodLocation, method.Name);
                structural = true;
            }

            for (var type = method.ContainingType; type is not null; type = type.ContainingType)
            {
                var declarations = type.DeclaringSyntaxReferences.Select(r => r.GetSyntax(context.CancellationToken)).OfType<TypeDeclarationSyntax>().ToList();
                if (declarations.Count > 0 && !declarations.Any(d => d.Modifiers.Any(SyntaxKind.PartialKeyword)))
                {
                    // On the method, not the type: a symbol action reports only inside its own symbol (a local diagnostic).
                    Report(context, DiagnosticDescriptors.ContainingTypeNotPartial, methodLocation, type.Name, method.Name);
                    structural = true;
                }
            }

            if (structural)
            {
                return;
            }

            if (model.IsGeneric)
            {
                Report(context, DiagnosticDescriptors.UnsupportedType, methodLocation,
                    $"The [VerifiedInference] method '{method.Name}' is generic; a generated method needs concrete parameter and return types");
                return;
            }

            if (!_manifest.Found)
            {
                if (Interlocked.Exchange(ref _manifestReported, 1) == 0)
                {
                    Report(context, DiagnosticDescriptors.ManifestMissing, methodLocation, ManifestText.FileName);
                }

                return;
            }

            var entry = _manifest.Find(model.ModelPath);
            if (entry is null)
            {
                var argument = AttributeArgumentLocation(attribute, context.CancellationToken) ?? methodLocation;
                var known = _manifest.Entries.Count == 0 ? "(none)" : string.Join(", ", _manifest.Entries.Select(e => e.Path));
                Report(context, DiagnosticDescriptors.UnknownModel, argument, model.ModelPath, known);
                return;
            }

            foreach (var problem in ModelBinder.Bind(model, entry).Problems)
            {
                var location = problem.Target switch
                {
                    BindingTarget.Parameter when problem.Index >= 0 && problem.Index < method.Parameters.Length =>
                        method.Parameters[problem.Index].Locations.FirstOrDefault() ?? methodLocation,
                    BindingTarget.Return => syntax?.ReturnType.GetLocation() ?? methodLocation,
                    _ => methodLocation,
                };
                Report(context, DiagnosticDescriptors.ForBindingProblem(problem.Id), location, problem.Message);
            }
        }

        private void Report(SymbolAnalysisContext context, GatedDescriptor descriptor, Location location, params object[] arguments) =>
            context.ReportDiagnostic(Diagnostic.Create(descriptor.For(_gate), location, arguments));

        private static Location? AttributeArgumentLocation(AttributeData attribute, CancellationToken cancellationToken) =>
            attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) is AttributeSyntax { ArgumentList.Arguments.Count: > 0 } syntax
                ? syntax.ArgumentList.Arguments[0].GetLocation()
                : null;
    }
}
