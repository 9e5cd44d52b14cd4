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
    /// <summary>The call's inputs: NamedOnnxValue and OrtValue forms, shapes, run options, constant collections.</summary>
    private sealed partial class MappingContext
    {
        /// <summary>Inputs of the NamedOnnxValue forms: <c>NamedOnnxValue.CreateFromTensor("name", tensor)</c> elements.</summary>
        public List<MappedInput>? MapNamedInputs(ExpressionSyntax argument, List<StatementSyntax> obsolete)
        {
            var elements = CollectionElements(argument, obsolete, adjacentOnly: true);
            if (elements is null)
            {
                return null;
            }

            var inputs = new List<MappedInput>();
            foreach (var element in elements)
            {
                if (element is not InvocationExpressionSyntax { ArgumentList.Arguments: { Count: 2 } args } creation
                    || _model.GetSymbolInfo(creation, _cancellationToken).Symbol is not IMethodSymbol { Name: "CreateFromTensor", TypeArguments.Length: 1 } method
                    || MetadataName(method.ContainingType) != NamedOnnxValueType
                    || args.Any(a => a.NameColon is not null)
                    || _model.GetConstantValue(args[0].Expression, _cancellationToken).Value is not string name
                    || !IsSupportedElementType(method.TypeArguments[0])
                    || _model.GetTypeInfo(args[1].Expression, _cancellationToken).Type is not INamedTypeSymbol tensorType)
                {
                    return null;
                }

                var dense = _model.Compilation.GetTypeByMetadataName(DenseTensorType)?.Construct(method.TypeArguments[0]);
                if (dense is null)
                {
                    return null;
                }

                // A Tensor<T> that is not a DenseTensor<T> is handed over as one; ToDenseTensor() keeps its values and shape.
                var value = args[1].Expression.WithoutTrivia();
                if (!SymbolEqualityComparer.Default.Equals(tensorType, dense))
                {
                    if (!InheritsFrom(tensorType, TensorType))
                    {
                        return null;
                    }

                    value = SyntaxFactory.InvocationExpression(SyntaxFactory.MemberAccessExpression(
                        SyntaxKind.SimpleMemberAccessExpression,
                        SyntaxFactory.ParenthesizedExpression(value).WithAdditionalAnnotations(Microsoft.CodeAnalysis.Simplification.Simplifier.Annotation),
                        SyntaxFactory.IdentifierName("ToDenseTensor")));
                }

                inputs.Add(new MappedInput(name, dense, value, null));
            }

            return inputs;
        }

        /// <summary>Inputs of the OrtValue form: literal names beside <c>OrtValue.CreateTensorValueFromMemory(array, shape)</c> values.</summary>
        public List<MappedInput>? MapOrtInputs(ExpressionSyntax namesArgument, ExpressionSyntax valuesArgument, List<StatementSyntax> obsolete)
        {
            var names = ConstantStrings(namesArgument);
            var values = CollectionElements(valuesArgument, obsolete, adjacentOnly: false);
            if (names is null || values is null || names.Count != values.Count)
            {
                return null;
            }

            var inputs = new List<MappedInput>();
            for (var i = 0; i < names.Count; i++)
            {
                var value = values[i];
                if (value is IdentifierNameSyntax identifier
                    && _model.GetSymbolInfo(identifier, _cancellationToken).Symbol is ILocalSymbol local
                    && Declaration(local) is { } declaration
                    && declaration.Declarator.Initializer?.Value is { } initializer
                    && !IsWritten(local)
                    && References(local).All(r => r == identifier))
                {
                    // The OrtValue local only fed this call; its data moves to the call site, so the data must be a
                    // variable nobody reassigns (the OrtValue wraps the array without copying, so later writes to the
                    // array's elements were already seen by Run, and are seen by the extracted method the same way).
                    obsolete.Add(declaration.Statement);
                    value = initializer;
                }
                else if (value is IdentifierNameSyntax)
                {
                    return null;
                }

                if (value is not InvocationExpressionSyntax { ArgumentList.Arguments: { Count: 2 } args } creation
                    || _model.GetSymbolInfo(creation, _cancellationToken).Symbol is not IMethodSymbol { Name: "CreateTensorValueFromMemory", TypeArguments.Length: 1 } method
                    || MetadataName(method.ContainingType) != OrtValueType
                    || method.Parameters[0].Type is not IArrayTypeSymbol
                    || args.Any(a => a.NameColon is not null)
                    || !IsSupportedElementType(method.TypeArguments[0])
                    || !IsStableVariable(args[0].Expression)
                    || Shape(args[1].Expression) is not { } shape)
                {
                    return null;
                }

                inputs.Add(new MappedInput(names[i], method.Parameters[0].Type, args[0].Expression.WithoutTrivia(), shape));
            }

            return inputs;
        }

        /// <summary>A shape whose dimensions are constants but for at most one, which becomes -1 (the length decides it).</summary>
        private long[]? Shape(ExpressionSyntax expression)
        {
            var elements = CollectionElements(expression, obsolete: null, adjacentOnly: true);
            if (elements is null)
            {
                return null;
            }

            var shape = new long[elements.Count];
            var open = 0;
            for (var i = 0; i < elements.Count; i++)
            {
                var constant = _model.GetConstantValue(elements[i], _cancellationToken);
                if (!constant.HasValue)
                {
                    shape[i] = -1;
                    open++;
                    continue;
                }

                shape[i] = Convert.ToInt64(constant.Value, System.Globalization.CultureInfo.InvariantCulture);
                if (shape[i] < 0)
                {
                    return null;
                }
            }

            return open <= 1 ? shape : null;
        }

        /// <summary>A parameter, or a local nobody assigns after its declaration: moving its use changes nothing.</summary>
        private bool IsStableVariable(ExpressionSyntax expression) =>
            expression is IdentifierNameSyntax identifier
            && _model.GetSymbolInfo(identifier, _cancellationToken).Symbol switch
            {
                ILocalSymbol local => !IsWritten(local),
                IParameterSymbol { RefKind: RefKind.None } parameter => !IsWritten(parameter),
                _ => false,
            };

        /// <summary><c>new RunOptions()</c>, inline or in a local used only here: dropping it changes no result.</summary>
        public bool IsPlainRunOptions(ExpressionSyntax expression, List<StatementSyntax> obsolete)
        {
            if (expression is IdentifierNameSyntax identifier
                && _model.GetSymbolInfo(identifier, _cancellationToken).Symbol is ILocalSymbol local
                && Declaration(local) is { } declaration
                && declaration.Declarator.Initializer?.Value is { } initializer
                && IsPlainRunOptionsCreation(initializer)
                && References(local).All(r => r == identifier))
            {
                obsolete.Add(declaration.Statement);
                return true;
            }

            return IsPlainRunOptionsCreation(expression);
        }

        private bool IsPlainRunOptionsCreation(ExpressionSyntax expression) =>
            expression is BaseObjectCreationExpressionSyntax { Initializer: null } creation
            && creation.ArgumentList is null or { Arguments.Count: 0 }
            && MetadataName(_model.GetTypeInfo(creation, _cancellationToken).Type) == RunOptionsType;

        /// <summary>The values of a collection of string constants (an array, a list or a collection expression).</summary>
        public List<string>? ConstantStrings(ExpressionSyntax expression)
        {
            var elements = CollectionElements(expression, obsolete: null, adjacentOnly: true);
            if (elements is null)
            {
                return null;
            }

            var values = new List<string>();
            foreach (var element in elements)
            {
                if (_model.GetConstantValue(element, _cancellationToken).Value is not string value)
                {
                    return null;
                }

                values.Add(value);
            }

            return values;
        }

        /// <summary>
        /// The elements of an array, a <c>List&lt;T&gt;</c> with a collection initializer, or a collection expression —
        /// written inline, or in a local used only by this call and declared by the statement just before it.
        /// </summary>
        private List<ExpressionSyntax>? CollectionElements(ExpressionSyntax expression, List<StatementSyntax>? obsolete, bool adjacentOnly)
        {
            if (expression is IdentifierNameSyntax identifier && obsolete is not null)
            {
                if (_model.GetSymbolInfo(identifier, _cancellationToken).Symbol is not ILocalSymbol local
                    || Declaration(local) is not { } declaration
                    || declaration.Declarator.Initializer?.Value is not { } initializer
                    || IsWritten(local)
                    || !References(local).All(r => r == identifier)
                    || (adjacentOnly && !IsJustBeforeCall(declaration.Statement)))
                {
                    return null;
                }

                var fromLocal = CollectionElements(initializer, obsolete: null, adjacentOnly);
                if (fromLocal is not null)
                {
                    obsolete.Add(declaration.Statement);
                }

                return fromLocal;
            }

            InitializerExpressionSyntax? initializerList = expression switch
            {
                ArrayCreationExpressionSyntax array => array.Initializer,
                ImplicitArrayCreationExpressionSyntax implicitArray => implicitArray.Initializer,
                ObjectCreationExpressionSyntax { ArgumentList: null or { Arguments.Count: 0 }, Initializer: { } list }
                    when list.IsKind(SyntaxKind.CollectionInitializerExpression)
                    && MetadataName(_model.GetTypeInfo(expression, _cancellationToken).Type) == "System.Collections.Generic.List`1" => list,
                _ => null,
            };
            if (initializerList is not null)
            {
                return initializerList.Expressions.Any(e => e is InitializerExpressionSyntax) ? null : initializerList.Expressions.ToList();
            }

            if (expression is CollectionExpressionSyntax collection && collection.Elements.All(e => e is ExpressionElementSyntax))
            {
                return collection.Elements.Cast<ExpressionElementSyntax>().Select(e => e.Expression).ToList();
            }

            return null;
        }

        private bool IsJustBeforeCall(StatementSyntax statement)
        {
            var callStatement = _call.FirstAncestorOrSelf<StatementSyntax>();
            return callStatement?.Parent is BlockSyntax block
                && statement.Parent == block
                && block.Statements.IndexOf(callStatement) == block.Statements.IndexOf(statement) + 1;
        }
    }
}
