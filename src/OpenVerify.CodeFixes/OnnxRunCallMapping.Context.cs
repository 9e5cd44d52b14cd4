using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using OpenVerify.Analyzers.AiApis;
using OpenVerify.Analyzers.Generation;
using static OpenVerify.Analyzers.Generation.SymbolNames;

namespace OpenVerify.CodeFixes;

internal sealed partial class OnnxRunCallMapping
{
    /// <summary>The session local, its declaration and its model path.</summary>
    private sealed class Session
    {
        public Session(ILocalSymbol local, LocalDeclarationStatementSyntax statement, string modelPath)
        {
            Local = local;
            Statement = statement;
            ModelPath = modelPath;
        }

        public ILocalSymbol Local { get; }

        public LocalDeclarationStatementSyntax Statement { get; }

        public string ModelPath { get; }
    }

    /// <summary>The lookups one mapping makes inside the member that holds the call.</summary>
    private sealed partial class MappingContext
    {
        private readonly SemanticModel _model;
        private readonly MemberDeclarationSyntax _member;
        private readonly InvocationExpressionSyntax _call;
        private readonly CancellationToken _cancellationToken;

        public MappingContext(SemanticModel model, MemberDeclarationSyntax member, InvocationExpressionSyntax call, CancellationToken cancellationToken)
        {
            _model = model;
            _member = member;
            _call = call;
            _cancellationToken = cancellationToken;
        }

        public Session? FindSession(IdentifierNameSyntax receiver)
        {
            if (_model.GetSymbolInfo(receiver, _cancellationToken).Symbol is not ILocalSymbol local
                || Declaration(local) is not { } declaration
                || declaration.Declarator.Initializer?.Value is not BaseObjectCreationExpressionSyntax creation
                || _model.GetSymbolInfo(creation, _cancellationToken).Symbol is not IMethodSymbol constructor
                || MetadataName(constructor.ContainingType) != SessionType
                || constructor.Parameters.Length is not (1 or 2)
                || constructor.Parameters[0].Type.SpecialType != SpecialType.System_String
                || (constructor.Parameters.Length == 2 && MetadataName(constructor.Parameters[1].Type) != "Microsoft.ML.OnnxRuntime.SessionOptions")
                || creation.ArgumentList is not { } arguments
                || arguments.Arguments.Count != constructor.Parameters.Length
                || _model.GetConstantValue(arguments.Arguments[0].Expression, _cancellationToken).Value is not string path
                || (arguments.Arguments.Count == 2 && !SessionOptionsMapping.Analyze(_model, arguments.Arguments[1].Expression, _cancellationToken).IsDefault)
                || IsWritten(local))
            {
                return null;
            }

            var modelPath = ProjectRelative(path);
            return modelPath is null ? null : new Session(local, declaration.Statement, modelPath);
        }

        /// <summary>A path <c>[VerifiedInference]</c> can name: relative, inside the project, written with <c>/</c>.</summary>
        private static string? ProjectRelative(string path)
        {
            path = path.Replace('\\', '/');
            while (path.StartsWith("./", StringComparison.Ordinal))
            {
                path = path.Substring(2);
            }

            var rooted = path.StartsWith("/", StringComparison.Ordinal) || (path.Length > 1 && path[1] == ':');
            var segments = path.Split('/');
            return rooted || path.Length == 0 || segments.Any(s => s is ".." or "." or "") ? null : path;
        }

        /// <summary>The identifiers in the member that refer to <paramref name="symbol"/>.</summary>
        public IEnumerable<IdentifierNameSyntax> References(ISymbol symbol) =>
            _member.DescendantNodes()
                .OfType<IdentifierNameSyntax>()
                .Where(n => n.Identifier.ValueText == symbol.Name && SymbolEqualityComparer.Default.Equals(_model.GetSymbolInfo(n, _cancellationToken).Symbol, symbol));

        /// <summary>Whether every reference to <paramref name="local"/> sits inside the call or a statement that goes.</summary>
        public bool AllReferencesWithin(ILocalSymbol local, SyntaxNode call, List<StatementSyntax> obsolete) =>
            References(local).All(r => call.Span.Contains(r.Span) || obsolete.Any(s => s.Span.Contains(r.Span)));

        /// <summary>Assigned, incremented, or passed by <c>ref</c>/<c>out</c> anywhere in the member.</summary>
        public bool IsWritten(ISymbol symbol) =>
            References(symbol).Any(reference =>
                reference.Parent switch
                {
                    AssignmentExpressionSyntax assignment => assignment.Left == reference,
                    PrefixUnaryExpressionSyntax or PostfixUnaryExpressionSyntax => true,
                    ArgumentSyntax argument => !argument.RefKindKeyword.IsKind(SyntaxKind.None),
                    _ => false,
                });

        /// <summary>A local declared by a single-variable declaration statement in this member.</summary>
        private (LocalDeclarationStatementSyntax Statement, VariableDeclaratorSyntax Declarator)? Declaration(ILocalSymbol local)
        {
            var declarator = local.DeclaringSyntaxReferences
                .Select(r => r.GetSyntax(_cancellationToken))
                .OfType<VariableDeclaratorSyntax>()
                .FirstOrDefault();
            return declarator?.Parent is VariableDeclarationSyntax { Variables.Count: 1, Parent: LocalDeclarationStatementSyntax statement }
                && _member.Span.Contains(statement.Span)
                && statement.Parent is BlockSyntax
                    ? (statement, declarator)
                    : null;
        }

        public ILocalSymbol? DeclaredLocal(VariableDeclaratorSyntax declarator) =>
            _model.GetDeclaredSymbol(declarator, _cancellationToken) as ILocalSymbol;
    }
}
