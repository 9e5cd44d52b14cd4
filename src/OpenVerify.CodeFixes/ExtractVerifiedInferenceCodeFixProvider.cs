using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;
using OpenVerify.Analyzers.Diagnostics;

namespace OpenVerify.CodeFixes;

/// <summary>
/// OV0001: extracts an <c>InferenceSession.Run</c> call into a <c>[VerifiedInference]</c> partial method, where the
/// session is created in the same member from a constant model path and the call's inputs and outputs can be mapped
/// (see <see cref="OnnxRunCallMapping"/>; docs/rules/OV0001.md lists where the fix is and is not offered). The
/// generated body comes from the source generator, not from this fix.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ExtractVerifiedInferenceCodeFixProvider)), Shared]
public sealed class ExtractVerifiedInferenceCodeFixProvider : CodeFixProvider
{
    /// <summary>The title users see, also the equivalence key.</summary>
    public const string Title = "Extract into a [VerifiedInference] method";

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.OnnxRuntimeInference);

    /// <summary>Each extraction names its own model and method; there is nothing to fix all at once.</summary>
    public override FixAllProvider? GetFixAllProvider() => null;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null
            || model.Compilation.GetTypeByMetadataName("OpenVerify.VerifiedInferenceAttribute") is null
            || model.Compilation.GetTypeByMetadataName("OpenVerify.Attested`1") is null)
        {
            // Without the attribute and the runtime's Attested<T>, the extracted method would not compile.
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            if (root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not InvocationExpressionSyntax call
                || call.Ancestors().OfType<TypeDeclarationSyntax>().FirstOrDefault() is not (ClassDeclarationSyntax or StructDeclarationSyntax or RecordDeclarationSyntax)
                || call.Ancestors().OfType<TypeDeclarationSyntax>().Any(t => t is InterfaceDeclarationSyntax)
                || OnnxRunCallMapping.TryCreate(model, call, context.CancellationToken) is not { } mapping
                || (!mapping.CanReplaceCallSite && DeclaresMethodFor(model.GetEnclosingSymbol(call.SpanStart, context.CancellationToken)?.ContainingType, mapping.ModelPath)))
            {
                // A declaration-only extraction is offered once per model and type, not again on every pass.
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(Title, ct => ExtractAsync(context.Document, model, mapping, ct), Title),
                diagnostic);
        }
    }

    private static bool DeclaresMethodFor(INamedTypeSymbol? type, string modelPath) =>
        type is not null && type.GetMembers().OfType<IMethodSymbol>().Any(m => m.GetAttributes().Any(a =>
            a.AttributeClass?.ToDisplayString() == "OpenVerify.VerifiedInferenceAttribute"
            && a.ConstructorArguments.Length == 1
            && a.ConstructorArguments[0].Value is string path
            && path.Replace('\\', '/') == modelPath));

    private static async Task<Document> ExtractAsync(Document document, SemanticModel model, OnnxRunCallMapping mapping, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return document;
        }

        var typeDeclaration = mapping.Call.Ancestors().OfType<TypeDeclarationSyntax>().First();
        var type = model.GetDeclaredSymbol(typeDeclaration, cancellationToken);
        var methodName = ExtractedMethod.UniqueMethodName(mapping.ModelPath, type);
        var parameterNames = ExtractedMethod.ParameterNames(mapping.Inputs);
        var editor = new SyntaxEditor(root, document.Project.Solution.Workspace.Services);

        if (mapping.CanReplaceCallSite)
        {
            var invocation = SyntaxFactory.InvocationExpression(
                SyntaxFactory.IdentifierName(methodName),
                SyntaxFactory.ArgumentList(SyntaxFactory.SeparatedList(mapping.Inputs.Select(i => SyntaxFactory.Argument(i.Argument)))));

            foreach (var statement in mapping.ObsoleteStatements)
            {
                editor.RemoveNode(statement, SyntaxRemoveOptions.KeepNoTrivia);
            }

            if (mapping.ResultsDeclaration is { } declaration)
            {
                var variable = declaration.Declaration.Variables[0];
                var replaced = declaration
                    .WithAwaitKeyword(default)
                    .WithUsingKeyword(default)
                    .WithDeclaration(declaration.Declaration
                        .WithType(SyntaxFactory.IdentifierName("var").WithTriviaFrom(declaration.Declaration.Type))
                        .WithVariables(SyntaxFactory.SingletonSeparatedList(variable.WithInitializer(variable.Initializer!.WithValue(invocation)))))
                    .WithLeadingTrivia(declaration.GetLeadingTrivia());
                editor.ReplaceNode(declaration, replaced);
                var results = SyntaxFactory.IdentifierName(variable.Identifier.ValueText);
                foreach (var read in mapping.Reads)
                {
                    editor.ReplaceNode(read.Expression, ValueOf(results, read.Output, mapping.Outputs).WithTriviaFrom(read.Expression));
                }
            }
            else
            {
                var read = mapping.Reads[0];
                editor.ReplaceNode(read.Expression, ValueOf(invocation, read.Output, mapping.Outputs).WithTriviaFrom(read.Expression));
            }
        }

        var method = ExtractedMethod.Declaration(methodName, mapping, parameterNames);
        editor.ReplaceNode(typeDeclaration, (current, _) => WithPartial((TypeDeclarationSyntax)current).AddMembers(method));
        foreach (var outer in typeDeclaration.Ancestors().OfType<TypeDeclarationSyntax>())
        {
            editor.ReplaceNode(outer, (current, _) => WithPartial((TypeDeclarationSyntax)current));
        }

        var edited = document.WithSyntaxRoot(editor.GetChangedRoot());
        var withImports = await ImportAdder.AddImportsAsync(edited, Simplifier.AddImportsAnnotation, cancellationToken: cancellationToken).ConfigureAwait(false);
        var simplified = await Simplifier.ReduceAsync(withImports, Simplifier.Annotation, cancellationToken: cancellationToken).ConfigureAwait(false);
        return await Formatter.FormatAsync(simplified, Formatter.Annotation, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <summary><c>x.Value</c>, or <c>x.Value.member</c> when the method returns a tuple of several outputs.</summary>
    private static ExpressionSyntax ValueOf(ExpressionSyntax attested, MappedOutput output, IReadOnlyList<MappedOutput> outputs)
    {
        ExpressionSyntax value = SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, attested, SyntaxFactory.IdentifierName("Value"));
        return outputs.Count == 1
            ? value
            : SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, value, SyntaxFactory.IdentifierName(ExtractedMethod.TupleElementName(output.ModelName!)!));
    }

    private static TypeDeclarationSyntax WithPartial(TypeDeclarationSyntax type)
    {
        if (type.Modifiers.Any(SyntaxKind.PartialKeyword))
        {
            return type;
        }

        if (type.Modifiers.Count == 0)
        {
            // The keyword's leading trivia (indentation, comments) moves to "partial".
            var keyword = type.Keyword;
            return type
                .WithKeyword(keyword.WithLeadingTrivia())
                .WithModifiers(SyntaxFactory.TokenList(SyntaxFactory.Token(keyword.LeadingTrivia, SyntaxKind.PartialKeyword, SyntaxFactory.TriviaList(SyntaxFactory.Space))));
        }

        return type.WithModifiers(type.Modifiers.Add(SyntaxFactory.Token(SyntaxKind.PartialKeyword).WithTrailingTrivia(SyntaxFactory.Space)));
    }
}

/// <summary>Names and text of the extracted partial method.</summary>
internal static class ExtractedMethod
{
    private static readonly SymbolDisplayFormat TypeFormat = SymbolDisplayFormat.FullyQualifiedFormat;

    /// <summary><c>models/mnist-8.onnx</c> gives <c>RunMnist8</c>, numbered when the type already has that name.</summary>
    public static string UniqueMethodName(string modelPath, INamedTypeSymbol? type)
    {
        var file = modelPath.Substring(modelPath.LastIndexOf('/') + 1);
        var dot = file.LastIndexOf('.');
        var stem = dot > 0 ? file.Substring(0, dot) : file;
        var name = new StringBuilder("Run");
        foreach (var part in Words(stem))
        {
            name.Append(char.ToUpperInvariant(part[0])).Append(part.Substring(1));
        }

        var baseName = name.Length == 3 ? "RunModel" : name.ToString();
        var candidate = baseName;
        for (var n = 2; type is not null && (type.MemberNames.Contains(candidate) || candidate == type.Name); n++)
        {
            candidate = baseName + n.ToString(CultureInfo.InvariantCulture);
        }

        return candidate;
    }

    /// <summary>One camelCase parameter name per input, distinct; <c>[ModelInput]</c> says the rest.</summary>
    public static IReadOnlyList<string> ParameterNames(IReadOnlyList<MappedInput> inputs)
    {
        var names = new List<string>();
        foreach (var input in inputs)
        {
            var words = Words(input.ModelName);
            var name = words.Count == 0 ? "input" : string.Concat(words.Select((w, i) => i == 0 ? char.ToLowerInvariant(w[0]) + w.Substring(1) : char.ToUpperInvariant(w[0]) + w.Substring(1)));
            if (char.IsDigit(name[0]))
            {
                name = "input" + name;
            }

            var unique = name;
            for (var n = 2; names.Contains(unique); n++)
            {
                unique = name + n.ToString(CultureInfo.InvariantCulture);
            }

            names.Add(unique);
        }

        return names;
    }

    /// <summary>
    /// A tuple element name the binder matches to <paramref name="outputName"/> (by name, ignoring case and
    /// <c>_ . : /</c>), or null where none exists: tuple elements cannot carry <c>[ModelOutput]</c>.
    /// </summary>
    public static string? TupleElementName(string outputName)
    {
        var builder = new StringBuilder();
        foreach (var c in outputName)
        {
            if (c is '.' or ':' or '/')
            {
                builder.Append('_');
            }
            else if (c == '_' || char.IsLetterOrDigit(c))
            {
                builder.Append(c);
            }
            else
            {
                return null;
            }
        }

        var name = builder.ToString();
        if (name.Length == 0 || char.IsDigit(name[0]))
        {
            name = "_" + name;
        }

        var reserved = name is "Rest" or "ToString" or "GetHashCode" or "Equals" or "GetType" or "CompareTo"
            || (name.StartsWith("Item", System.StringComparison.Ordinal) && name.Length > 4 && name.Substring(4).All(char.IsDigit));
        return reserved ? null : SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;
    }

    public static MemberDeclarationSyntax Declaration(string methodName, OnnxRunCallMapping mapping, IReadOnlyList<string> parameterNames)
    {
        var text = new StringBuilder();
        text.Append("[global::OpenVerify.VerifiedInference(").Append(Literal(mapping.ModelPath)).Append(")]\n");
        var outputs = mapping.Outputs;
        string resultType;
        if (outputs.Count == 1)
        {
            if (outputs[0].ModelName is { } name)
            {
                text.Append("[return: global::OpenVerify.ModelOutput(").Append(Literal(name)).Append(")]\n");
            }

            resultType = outputs[0].ResultType.ToDisplayString(TypeFormat);
        }
        else
        {
            resultType = "(" + string.Join(", ", outputs.Select(o => o.ResultType.ToDisplayString(TypeFormat) + " " + TupleElementName(o.ModelName!))) + ")";
        }

        text.Append("private static partial global::OpenVerify.Attested<").Append(resultType).Append("> ").Append(methodName).Append('(');
        for (var i = 0; i < mapping.Inputs.Count; i++)
        {
            var input = mapping.Inputs[i];
            var attributes = new List<string>();
            if (input.ModelName != parameterNames[i])
            {
                attributes.Add("global::OpenVerify.ModelInput(" + Literal(input.ModelName) + ")");
            }

            if (input.Shape is { } shape)
            {
                attributes.Add("global::OpenVerify.Shape(" + string.Join(", ", shape.Select(d => d.ToString(CultureInfo.InvariantCulture))) + ")");
            }

            text.Append(i == 0 ? string.Empty : ", ")
                .Append(attributes.Count == 0 ? string.Empty : "[" + string.Join(", ", attributes) + "] ")
                .Append(input.ParameterType.ToDisplayString(TypeFormat))
                .Append(' ')
                .Append(SyntaxFacts.GetKeywordKind(parameterNames[i]) != SyntaxKind.None ? "@" + parameterNames[i] : parameterNames[i]);
        }

        text.Append(");\n");
        var member = SyntaxFactory.ParseMemberDeclaration(text.ToString())!;
        var qualified = member.DescendantNodes().OfType<NameSyntax>().Where(n => n is AliasQualifiedNameSyntax or QualifiedNameSyntax && n.Parent is not QualifiedNameSyntax);
        return member
            .ReplaceNodes(qualified, (_, n) => n.WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation))
            .WithLeadingTrivia(SyntaxFactory.ElasticCarriageReturnLineFeed)
            .WithAdditionalAnnotations(Formatter.Annotation);
    }

    private static string Literal(string value) => SyntaxFactory.Literal(value).Text;

    /// <summary>The letter-and-digit runs of a name: <c>input.1</c> gives <c>input</c>, <c>1</c>.</summary>
    private static List<string> Words(string text)
    {
        var words = new List<string>();
        var current = new StringBuilder();
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c) && c < 128)
            {
                current.Append(c);
            }
            else if (current.Length > 0)
            {
                words.Add(current.ToString());
                current.Clear();
            }
        }

        if (current.Length > 0)
        {
            words.Add(current.ToString());
        }

        return words;
    }
}
