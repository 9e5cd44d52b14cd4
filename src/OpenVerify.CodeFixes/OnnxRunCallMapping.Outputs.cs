using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using OpenVerify.Analyzers.Generation;
using static OpenVerify.Analyzers.Generation.SymbolNames;

namespace OpenVerify.CodeFixes;

internal sealed partial class OnnxRunCallMapping
{
    /// <summary>The reads of the call's results.</summary>
    private sealed partial class MappingContext
    {
        /// <summary>
        /// A read of one output: a selection (<c>[i]</c>, <c>First()</c>, <c>Single()</c>, <c>ElementAt(i)</c>,
        /// <c>First(v =&gt; v.Name == "name")</c>) followed by <c>AsTensor&lt;T&gt;()</c> (optionally <c>.ToArray()</c>),
        /// or for OrtValue results <c>GetTensorDataAsSpan&lt;T&gt;().ToArray()</c>.
        /// </summary>
        public (ExpressionSyntax Read, int? Index, string? Name, ITypeSymbol Element, bool AsArray)? ReadOutput(ExpressionSyntax results, bool ortValues)
        {
            int? index = null;
            string? name = null;
            ExpressionSyntax selected;
            switch (results.Parent)
            {
                case ElementAccessExpressionSyntax { ArgumentList.Arguments: { Count: 1 } indexArgs } access when access.Expression == results:
                    if (_model.GetConstantValue(indexArgs[0].Expression, _cancellationToken).Value is not int i)
                    {
                        return null;
                    }

                    index = i;
                    selected = access;
                    break;
                case MemberAccessExpressionSyntax memberAccess when memberAccess.Expression == results && memberAccess.Parent is InvocationExpressionSyntax linq:
                    if (_model.GetSymbolInfo(linq, _cancellationToken).Symbol is not IMethodSymbol linqMethod
                        || MetadataName(linqMethod.ContainingType) != EnumerableType)
                    {
                        return null;
                    }

                    var linqArgs = linq.ArgumentList.Arguments;
                    switch (linqMethod.Name)
                    {
                        case "First" or "Single" when linqArgs.Count == 0:
                            index = 0;
                            break;
                        case "ElementAt" when linqArgs.Count == 1 && _model.GetConstantValue(linqArgs[0].Expression, _cancellationToken).Value is int at:
                            index = at;
                            break;
                        case "First" or "Single" when linqArgs.Count == 1 && !ortValues:
                            name = NameTest(linqArgs[0].Expression);
                            if (name is null)
                            {
                                return null;
                            }

                            break;
                        default:
                            return null;
                    }

                    selected = linq;
                    break;
                default:
                    return null;
            }

            if (selected.Parent is not MemberAccessExpressionSyntax { Name: GenericNameSyntax accessor } accessorAccess
                || accessorAccess.Expression != selected
                || accessorAccess.Parent is not InvocationExpressionSyntax { ArgumentList.Arguments.Count: 0 } accessorCall
                || _model.GetSymbolInfo(accessorCall, _cancellationToken).Symbol is not IMethodSymbol { TypeArguments.Length: 1 } accessorMethod
                || !IsSupportedElementType(accessorMethod.TypeArguments[0]))
            {
                return null;
            }

            var element = accessorMethod.TypeArguments[0];
            var toArray = accessorCall.Parent is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ToArray" } toArrayAccess
                && toArrayAccess.Parent is InvocationExpressionSyntax { ArgumentList.Arguments.Count: 0 } toArrayCall
                && _model.GetSymbolInfo(toArrayCall, _cancellationToken).Symbol is IMethodSymbol toArrayMethod
                && toArrayMethod.ReturnType is IArrayTypeSymbol returned
                && SymbolEqualityComparer.Default.Equals(returned.ElementType, element)
                    ? toArrayCall
                    : null;
            if (ortValues)
            {
                return accessor.Identifier.ValueText == "GetTensorDataAsSpan" && MetadataName(accessorMethod.ContainingType) == OrtValueType && toArray is not null
                    ? (toArray, index, name, element, true)
                    : null;
            }

            if (accessor.Identifier.ValueText != "AsTensor" || MetadataName(accessorMethod.ContainingType) != NamedOnnxValueType)
            {
                return null;
            }

            return toArray is not null ? (toArray, index, name, element, true) : (accessorCall, index, name, element, false);
        }

        /// <summary><c>v =&gt; v.Name == "name"</c> (either operand order): the literal name, or null.</summary>
        private string? NameTest(ExpressionSyntax expression)
        {
            if (expression is not SimpleLambdaExpressionSyntax { Body: BinaryExpressionSyntax test } lambda || !test.IsKind(SyntaxKind.EqualsExpression))
            {
                return null;
            }

            var parameter = lambda.Parameter.Identifier.ValueText;
            bool IsName(ExpressionSyntax side) =>
                side is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Name", Expression: IdentifierNameSyntax target }
                && target.Identifier.ValueText == parameter;

            var literal = IsName(test.Left) ? test.Right : IsName(test.Right) ? test.Left : null;
            return literal is null ? null : _model.GetConstantValue(literal, _cancellationToken).Value as string;
        }
    }
}
