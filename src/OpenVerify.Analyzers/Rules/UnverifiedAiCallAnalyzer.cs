using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using OpenVerify.Analyzers.AiApis;
using OpenVerify.Analyzers.Configuration;
using OpenVerify.Analyzers.Diagnostics;

namespace OpenVerify.Analyzers.Rules;

/// <summary>
/// OV0001–OV0004: reports every call into an AI API that bypasses verified inference — invocations (through derived
/// types, interface implementations, extension methods and conditional access), method groups, and calls on an AI
/// type that did not bind.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class UnverifiedAiCallAnalyzer : GatedAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        DiagnosticDescriptors.AiCallRules
            .SelectMany(r => new[] { r.Call.Warn, r.Call.Strict, r.UnboundCall.Warn, r.UnboundCall.Strict })
            .Distinct()
            .ToImmutableArray();

    /// <inheritdoc />
    private protected override void OnCompilationStart(CompilationStartAnalysisContext context, GateMode gate)
    {
        var index = AiApiIndex.Create(context.Compilation, AiApiConfiguration.Read(context.Options, context.CancellationToken));
        if (index.IsEmpty)
        {
            return;
        }

        var analysis = new CallAnalysis(index, gate);
        context.RegisterOperationAction(analysis.AnalyzeInvocation, OperationKind.Invocation);
        context.RegisterOperationAction(analysis.AnalyzeMethodReference, OperationKind.MethodReference);
        context.RegisterOperationAction(analysis.AnalyzeInvalid, OperationKind.Invalid);
    }

    private sealed class CallAnalysis
    {
        private readonly AiApiIndex _index;
        private readonly GateMode _gate;
        private readonly VerifiedKernelService _kernelServices = new();
        private readonly VerifiedDelegatingClient _delegatingClients;

        public CallAnalysis(AiApiIndex index, GateMode gate)
        {
            _index = index;
            _gate = gate;
            _delegatingClients = new VerifiedDelegatingClient(index);
        }

        public void AnalyzeInvocation(OperationAnalysisContext context)
        {
            var invocation = (IInvocationOperation)context.Operation;
            var rule = _index.Match(invocation.TargetMethod).Rule;
            if (rule is null || IsForwardingBaseCall(invocation, context.ContainingSymbol) || _index.IsVerifiedClient(ReceiverType(invocation)))
            {
                return;
            }

            if ((rule == DiagnosticDescriptors.KernelChatCall || rule == DiagnosticDescriptors.KernelEmbeddingCall)
                && _kernelServices.IsVerified(Receiver(invocation), context.CancellationToken))
            {
                return;
            }

            if (_delegatingClients.IsVerified(invocation, Receiver(invocation), context.CancellationToken))
            {
                return;
            }

            if (rule == DiagnosticDescriptors.OnnxRuntimeInference
                && invocation.Instance?.Syntax is ExpressionSyntax receiver
                && invocation.SemanticModel is { } model
                && SessionOptionsMapping.FindHeldBack(model, receiver, context.CancellationToken) is { } heldBack)
            {
                Report(context, DiagnosticDescriptors.OnnxRuntimeConfiguredSession.Call, invocation.Syntax, Display(invocation.TargetMethod), heldBack);
                return;
            }

            if (rule == DiagnosticDescriptors.OnnxRuntimeInference
                && invocation.SemanticModel is { } runModel
                && OnnxRunHeldBack.Find(runModel, invocation.TargetMethod, invocation.Instance?.Syntax as ExpressionSyntax, context.CancellationToken) is { } runHeldBack)
            {
                Report(context, DiagnosticDescriptors.OnnxRuntimeHeldBack.Call, invocation.Syntax, Display(invocation.TargetMethod), runHeldBack);
                return;
            }

            if (rule == DiagnosticDescriptors.OpenAiResponsesCall && IsProtocolOverload(invocation.TargetMethod))
            {
                Report(context, DiagnosticDescriptors.OpenAiResponsesProtocolCall.Call, invocation.Syntax, Display(invocation.TargetMethod));
                return;
            }

            if (rule == DiagnosticDescriptors.OpenAiImageCall && invocation.TargetMethod.Name.StartsWith("GenerateImageVariation", System.StringComparison.Ordinal))
            {
                Report(context, DiagnosticDescriptors.OpenAiImageVariationCall.Call, invocation.Syntax, Display(invocation.TargetMethod));
                return;
            }

            if (rule == DiagnosticDescriptors.MlNetPrediction
                && invocation.Instance?.Syntax is ExpressionSyntax engine
                && invocation.TargetMethod.ContainingType.TypeArguments is { Length: 2 } engineTypes
                && invocation.SemanticModel is { } mlModel
                && MLNetHeldBack.Find(mlModel, engineTypes[0], engineTypes[1], engine, context.CancellationToken) is { } predictionHeldBack)
            {
                Report(context, DiagnosticDescriptors.MlNetHeldBackPrediction.Call, invocation.Syntax, Display(invocation.TargetMethod), predictionHeldBack);
                return;
            }

            Report(context, rule.Call, invocation.Syntax, Display(invocation.TargetMethod));
        }

        /// <summary>A protocol method: its request is raw JSON (<c>System.ClientModel.BinaryContent</c>).</summary>
        private static bool IsProtocolOverload(IMethodSymbol method) =>
            method.Parameters.Any(p => p.Type is { Name: "BinaryContent", ContainingNamespace: { Name: "ClientModel", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } });

        public void AnalyzeMethodReference(OperationAnalysisContext context)
        {
            var reference = (IMethodReferenceOperation)context.Operation;
            var rule = _index.Match(reference.Method).Rule;
            if (rule is not null && !_index.IsVerifiedClient(StaticType(reference.Instance)))
            {
                Report(context, rule.Call, reference.Syntax, Display(reference.Method));
            }
        }

        /// <summary>A call that did not bind, judged by its candidates or, failing those, by its receiver's type.</summary>
        public void AnalyzeInvalid(OperationAnalysisContext context)
        {
            if (context.Operation.Syntax is not InvocationExpressionSyntax invocation || context.Operation.SemanticModel is not { } model)
            {
                return;
            }

            var symbolInfo = model.GetSymbolInfo(invocation, context.CancellationToken);
            foreach (var candidate in symbolInfo.CandidateSymbols.OfType<IMethodSymbol>())
            {
                if (_index.Match(candidate).Rule is { } candidateRule)
                {
                    var method = candidate.ReducedFrom ?? candidate;
                    Report(context, candidateRule.UnboundCall, invocation, method.Name, method.ContainingType.Name);
                    return;
                }
            }

            var (receiver, name) = invocation.Expression switch
            {
                MemberAccessExpressionSyntax access => (access.Expression, access.Name.Identifier.ValueText),
                MemberBindingExpressionSyntax binding => (ConditionalReceiver(binding), binding.Name.Identifier.ValueText),
                _ => (null, null),
            };

            if (receiver is null || name is null)
            {
                return;
            }

            var receiverType = model.GetTypeInfo(receiver, context.CancellationToken).Type;
            if (receiverType is null || receiverType.TypeKind == TypeKind.Error || _index.MatchType(receiverType) is not { } rule
                || _index.IsVerifiedClient(receiverType))
            {
                return;
            }

            Report(context, rule.UnboundCall, invocation, name, receiverType.Name);
        }

        /// <summary>
        /// <c>base.GetResponseAsync(...)</c> inside an override of it in a Microsoft.Extensions.AI middleware
        /// (<c>DelegatingChatClient</c> and friends) forwards a call that is reported where the pipeline is called.
        /// </summary>
        private bool IsForwardingBaseCall(IInvocationOperation invocation, ISymbol containingSymbol)
        {
            if (invocation.IsVirtual
                || invocation.Instance is not IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance }
                || !_index.IsDelegatingType(invocation.TargetMethod.ContainingType)
                || containingSymbol is not IMethodSymbol caller)
            {
                return false;
            }

            var target = invocation.TargetMethod.OriginalDefinition;
            for (var overridden = caller.OverriddenMethod; overridden is not null; overridden = overridden.OverriddenMethod)
            {
                if (SymbolEqualityComparer.Default.Equals(overridden.OriginalDefinition, target))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// The static type of the call's receiver: the instance, or an extension method's <c>this</c> argument (called
        /// as an extension or as a static method), before the implicit conversion to the parameter's type.
        /// </summary>
        private static ITypeSymbol? ReceiverType(IInvocationOperation invocation) => StaticType(Receiver(invocation));

        /// <summary>The call's receiver: the instance, or an extension method's <c>this</c> argument.</summary>
        private static IOperation? Receiver(IInvocationOperation invocation)
        {
            if (invocation.Instance is { } instance)
            {
                return instance;
            }

            var method = invocation.TargetMethod.ReducedFrom ?? invocation.TargetMethod;
            return method.IsExtensionMethod ? invocation.Arguments.FirstOrDefault(a => a.Parameter?.Ordinal == 0)?.Value : null;
        }

        private static ITypeSymbol? StaticType(IOperation? operation)
        {
            while (operation is IConversionOperation { IsImplicit: true } conversion)
            {
                operation = conversion.Operand;
            }

            return operation?.Type;
        }

        private void Report(OperationAnalysisContext context, GatedDescriptor descriptor, SyntaxNode syntax, params object[] arguments)
        {
            if (AllowUnverifiedAi.Covers(context.Operation, context.ContainingSymbol))
            {
                return;
            }

            context.ReportDiagnostic(Diagnostic.Create(descriptor.For(_gate), syntax.GetLocation(), arguments));
        }

        private static ExpressionSyntax? ConditionalReceiver(MemberBindingExpressionSyntax binding)
        {
            for (SyntaxNode? node = binding.Parent; node is not null; node = node.Parent)
            {
                if (node is ConditionalAccessExpressionSyntax conditional && conditional.WhenNotNull.Span.Contains(binding.Span))
                {
                    return conditional.Expression;
                }
            }

            return null;
        }

        private static string Display(IMethodSymbol method)
        {
            var declared = method.ReducedFrom ?? method;
            return declared.ContainingType.Name + "." + declared.Name;
        }
    }
}
