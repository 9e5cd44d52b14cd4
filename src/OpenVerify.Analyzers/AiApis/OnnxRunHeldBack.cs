using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace OpenVerify.Analyzers.AiApis;

/// <summary>
/// Why an ONNX Runtime run cannot move to a <c>VerifiedModel</c>, other than its session options
/// (<see cref="SessionOptionsMapping"/>), for OV0001's message where the code fix holds back
/// (<c>VerifiedSessionRewrite</c>): a run on an IoBinding, which no verified run takes, and a session handed in through
/// a constructor, which is made by code the fix does not change. Each reason says what to do by hand.
/// </summary>
internal static class OnnxRunHeldBack
{
    private static readonly HashSet<string> BindingRuns = new(StringComparer.Ordinal) { "RunWithBinding", "RunWithBindingAndNames", "RunWithBoundResults" };

    /// <summary>The reason, or null where the code shows none.</summary>
    public static string? Find(SemanticModel model, IMethodSymbol run, ExpressionSyntax? receiver, CancellationToken cancellationToken)
    {
        var handedIn = receiver is null ? null : HandedIn(model, receiver, cancellationToken);
        if (!BindingRuns.Contains(run.Name))
        {
            return handedIn;
        }

        var binding = $"it runs on an IoBinding ({run.Name}), whose outputs ONNX Runtime writes into values bound beforehand, and a receipt can attest only the outputs " +
            "a verified run returns: drop the binding and pass the input OrtValues to VerifiedModel's Run(runOptions, inputNames, inputValues, outputNames) " +
            "(OpenVerify), which returns the outputs as AttestedOnnxValues<OrtValue> with the run's Receipt, and read the outputs from there instead of the bound buffers";
        return binding + "; " + (handedIn ?? "create the VerifiedModel where the session is created (VerifiedModel.Load(path), with VerifiedModelOptions.Session for its SessionOptions)");
    }

    /// <summary>
    /// A field or property that its type's constructor sets from one of its parameters (<c>_session = session;</c>,
    /// or a primary constructor's parameter as the initializer), found in every part of that type's declaration.
    /// </summary>
    private static string? HandedIn(SemanticModel model, ExpressionSyntax receiver, CancellationToken cancellationToken)
    {
        if (receiver is MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax } qualified)
        {
            receiver = qualified.Name;
        }

        if (receiver is not IdentifierNameSyntax
            || model.GetSymbolInfo(receiver, cancellationToken).Symbol is not { Kind: SymbolKind.Field or SymbolKind.Property } member)
        {
            return null;
        }

        foreach (var reference in member.ContainingType.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax(cancellationToken) is not TypeDeclarationSyntax type)
            {
                continue;
            }

            foreach (var node in type.DescendantNodes())
            {
                var parameter = node switch
                {
                    AssignmentExpressionSyntax assignment when assignment.IsKind(SyntaxKind.SimpleAssignmentExpression) && Names(assignment.Left, member.Name) =>
                        ConstructorParameter(assignment.Right, assignment.FirstAncestorOrSelf<ConstructorDeclarationSyntax>()?.ParameterList),
                    VariableDeclaratorSyntax { Initializer.Value: var value } declarator when declarator.Identifier.ValueText == member.Name && declarator.Parent?.Parent is FieldDeclarationSyntax =>
                        ConstructorParameter(value, type.ParameterList),
                    PropertyDeclarationSyntax { Initializer.Value: var value } property when property.Identifier.ValueText == member.Name =>
                        ConstructorParameter(value, type.ParameterList),
                    _ => null,
                };
                if (parameter is not null)
                {
                    return $"its session '{member.Name}' is handed in: '{member.ContainingType.Name}' stores its constructor parameter '{parameter}' in it, " +
                        $"so the session is made by the code that constructs '{member.ContainingType.Name}', which no fix here changes: create a VerifiedModel where that session is created " +
                        "(VerifiedModel.Load(path), with VerifiedModelOptions.Session for its SessionOptions), hand it in instead of the InferenceSession, " +
                        "and keep the Run calls (OpenVerify's VerifiedModelOnnxRuntimeExtensions return the receipt beside the outputs)";
                }
            }
        }

        return null;
    }

    private static bool Names(ExpressionSyntax target, string name) => target switch
    {
        IdentifierNameSyntax identifier => identifier.Identifier.ValueText == name,
        MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax, Name: var member } => member.Identifier.ValueText == name,
        _ => false,
    };

    /// <summary>The parameter <paramref name="value"/> names, when it is one of <paramref name="parameters"/>.</summary>
    private static string? ConstructorParameter(ExpressionSyntax value, ParameterListSyntax? parameters)
    {
        while (value is ParenthesizedExpressionSyntax or BinaryExpressionSyntax { RawKind: (int)SyntaxKind.CoalesceExpression })
        {
            // `session ?? throw new ArgumentNullException(…)` stores the parameter too.
            value = value is ParenthesizedExpressionSyntax parenthesized ? parenthesized.Expression : ((BinaryExpressionSyntax)value).Left;
        }

        return value is IdentifierNameSyntax { Identifier.ValueText: var name } && parameters is not null && parameters.Parameters.Any(p => p.Identifier.ValueText == name)
            ? name
            : null;
    }
}
