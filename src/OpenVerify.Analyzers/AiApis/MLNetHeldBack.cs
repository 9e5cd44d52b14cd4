using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace OpenVerify.Analyzers.AiApis;

/// <summary>
/// Why an ML.NET prediction cannot move to OpenVerify.ML's verified engine, for OV0002's message where the code fix holds
/// back (<c>MLNetEngineRewrite</c>): an image no receipt would bind (<see cref="MLNetImageInputs"/>), a column of a type
/// no receipt covers, a model fitted here with a custom mapping, or an engine used for more than predicting. Each
/// reason says what to do by hand. Null where none of them can be seen in the code.
/// </summary>
internal static class MLNetHeldBack
{
    private const string Accept = MLNetImageInputs.Accept;

    /// <summary>The reason, or null.</summary>
    public static string? Find(SemanticModel model, ITypeSymbol input, ITypeSymbol output, ExpressionSyntax engine, CancellationToken cancellationToken)
    {
        if (MLNetImageInputs.FindHeldBack(model, input, engine, cancellationToken) is { } image)
        {
            return image;
        }

        foreach (var (type, role) in new[] { (input, "input"), (output, "output") })
        {
            if (MLNetColumns.FirstUncovered(type) is { } column)
            {
                return $"its {role} class '{type.Name}' has the column '{column.Name}' of type '{MLNetColumns.ColumnType(column)!.Name}', which a receipt cannot cover " +
                    "(receipts cover numbers, Boolean and text, as scalars, arrays or VBuffers), so the verified engine refuses the class: " +
                    "map the value to one of those types (a date as its ticks, an image as its encoded bytes in a byte[] column), or mark a member that is no column [NoColumn]" + Accept;
            }
        }

        if (CustomStep(model, engine, cancellationToken) is { } step)
        {
            return $"its model is fitted in this code from a pipeline with a custom mapping ({step}), which ML.NET saves only with a registered factory, so its saved bytes cannot pin it: " +
                "give the mapping a factory (a CustomMappingFactory<In, Out> with [CustomMappingFactoryAttribute]), register its assembly with mlContext.ComponentCatalog.RegisterAssembly, " +
                "save the model with mlContext.Model.Save(model, data.Schema, path) and predict through VerifiedMLModel.Load(mlContext, path, digest).CreatePredictionEngine<In, Out>() (OpenVerify.ML)" + Accept;
        }

        if (OtherEngineUse(model, engine, cancellationToken) is { } use)
        {
            return $"its engine is also used for '{use}', which OpenVerify.ML's VerifiedPredictionEngine does not offer: read it from the VerifiedMLModel instead " +
                "(OutputSchema, InputSchema, Transformer), then create the engine with VerifiedMLModel.Load(mlContext, path, digest).CreatePredictionEngine<In, Out>() " +
                "(or VerifiedMLModel.FromTransformer for a model trained in the program) and predict with engine.Predict(input).Value";
        }

        if (UnboundModel(model, engine, cancellationToken) is { } unbound)
        {
            return $"its model '{unbound}' has a type that did not bind here (a package reference missing, or code being typed), so no fix can tell what the model holds: " +
                "once it binds, the fix moves a model loaded, trained or chained in this code; by hand, pin it with VerifiedMLModel.FromTransformer(mlContext, model, data.Schema, name) " +
                "(a model trained in the program) or VerifiedMLModel.Load(mlContext, path, digest), and create the engine from that VerifiedMLModel" + Accept;
        }

        return null;
    }

    /// <summary>The model a local engine is created from (<c>CreatePredictionEngine&lt;In, Out&gt;(model)</c>), when its type did not bind.</summary>
    private static string? UnboundModel(SemanticModel model, ExpressionSyntax engine, CancellationToken cancellationToken) =>
        MLNetImageInputs.LocalValue(model, engine, cancellationToken) is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "CreatePredictionEngine" } } create
        && create.ArgumentList.Arguments.Count > 0
        && create.ArgumentList.Arguments[0].Expression is var argument
        && model.GetTypeInfo(argument, cancellationToken).Type is { TypeKind: TypeKind.Error }
            ? argument.ToString()
            : null;

    /// <summary>
    /// <c>CustomMapping</c> (or a custom filter) where the engine's model is built: the engine a local created from a
    /// local or inline model, that model <c>estimator.Fit(data)</c>, the estimator inline or a local.
    /// </summary>
    private static string? CustomStep(SemanticModel model, ExpressionSyntax engine, CancellationToken cancellationToken)
    {
        if (MLNetImageInputs.LocalValue(model, engine, cancellationToken) is not InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "CreatePredictionEngine" } } create
            || create.ArgumentList.Arguments.Count == 0
            || MLNetImageInputs.LocalValue(model, create.ArgumentList.Arguments[0].Expression, cancellationToken) is not InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Fit", Expression: var estimator } } fit)
        {
            return null;
        }

        return CustomMapping(fit) ?? (MLNetImageInputs.LocalValue(model, estimator, cancellationToken) is { } built ? CustomMapping(built) : null);
    }

    private static string? CustomMapping(SyntaxNode built) =>
        built.DescendantNodesAndSelf().OfType<SimpleNameSyntax>()
            .Select(n => n.Identifier.ValueText)
            .FirstOrDefault(n => n is "CustomMapping" or "StatefulCustomMapping" or "FilterByCustomPredicate" or "FilterByStatefulCustomPredicate");

    /// <summary>
    /// The first use of a local engine in its method other than <c>Predict(x)</c>, <c>Dispose()</c> or being assigned
    /// (<c>engine.OutputSchema</c>, passed on): the verified engine has no such member, so the fix holds back.
    /// </summary>
    private static string? OtherEngineUse(SemanticModel model, ExpressionSyntax engine, CancellationToken cancellationToken)
    {
        if (engine is not IdentifierNameSyntax name
            || model.GetSymbolInfo(name, cancellationToken).Symbol is not ILocalSymbol { DeclaringSyntaxReferences.Length: 1 } local)
        {
            return null;
        }

        var scope = local.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken)
            .Ancestors().FirstOrDefault(a => a is BaseMethodDeclarationSyntax or LocalFunctionStatementSyntax or AnonymousFunctionExpressionSyntax or CompilationUnitSyntax);
        var uses = scope?.DescendantNodes().OfType<IdentifierNameSyntax>()
            .Where(n => n.Identifier.ValueText == local.Name && SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(n, cancellationToken).Symbol, local))
            ?? Enumerable.Empty<IdentifierNameSyntax>();
        foreach (var use in uses)
        {
            switch (use.Parent)
            {
                case MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Predict" or "Dispose", Parent: InvocationExpressionSyntax } call when call.Expression == use:
                case ConditionalAccessExpressionSyntax conditional when conditional.Expression == use:
                case AssignmentExpressionSyntax assignment when assignment.Left == use:
                    continue;
                case MemberAccessExpressionSyntax member when member.Expression == use:
                    return member.ToString();
                case ArgumentSyntax argument:
                    return $"{argument.Parent?.Parent}";
            }
        }

        return null;
    }
}
