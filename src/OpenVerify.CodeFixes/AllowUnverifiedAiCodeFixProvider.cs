using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Simplification;
using Microsoft.CodeAnalysis.Text;
using OpenVerify.Analyzers.Diagnostics;
using static OpenVerify.CodeFixes.CompileCheck;

namespace OpenVerify.CodeFixes;

/// <summary>
/// OV0001–OV0004: adds <c>[AllowUnverifiedAi("")]</c> to the member that makes the call (OV1009 then asks for the
/// reason). Fix All adds one attribute per member, however many calls it makes. In top-level statements, which have
/// no member, see <c>AllowUnverifiedAiCodeFixProvider.TopLevel.cs</c>.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AllowUnverifiedAiCodeFixProvider)), Shared]
public sealed partial class AllowUnverifiedAiCodeFixProvider : CodeFixProvider
{
    /// <summary>The title users see, also the equivalence key Fix All groups by.</summary>
    public const string Title = "Allow this unverified AI call ([AllowUnverifiedAi])";

    private const string AttributeMetadataName = "OpenVerify.AllowUnverifiedAiAttribute";

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.UnverifiedCalls);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => FixAllProvider.Create(FixAllInDocumentAsync);

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null || model.Compilation.GetTypesByMetadataName(AttributeMetadataName).IsEmpty)
        {
            // Without the attribute in reach, adding it would only trade the warning for a compile error.
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            var span = diagnostic.Location.SourceSpan;
            if (EnclosingMember(root, span) is not null)
            {
                context.RegisterCodeFix(
                    CodeAction.Create(Title, ct => AllowAsync(context.Document, new[] { span }, ct), Title),
                    diagnostic);
            }
            else if (TopLevelTarget(root, model, span, context.CancellationToken) is not null)
            {
                // Offered only when the result compiles as well as the code did: never a fix that breaks the build.
                var fixedDocument = await AllowAsync(context.Document, new[] { span }, context.CancellationToken).ConfigureAwait(false);
                if (await AddsNoErrorsAsync(context.Document, fixedDocument, context.CancellationToken).ConfigureAwait(false))
                {
                    context.RegisterCodeFix(CodeAction.Create(Title, _ => Task.FromResult(fixedDocument), Title), diagnostic);
                }
            }
        }
    }

    private static Task<Document?> FixAllInDocumentAsync(FixAllContext context, Document document, ImmutableArray<Diagnostic> diagnostics) =>
        AllowAsync(document, diagnostics.Select(d => d.Location.SourceSpan), context.CancellationToken)!;

    /// <summary>
    /// Adds the attribute once to each member that holds one of <paramref name="spans"/>; in top-level statements, to
    /// the enclosing local function or lambda, or to a local function the call is extracted into. Fix All drops the
    /// top-level fixes (all of them) when, together, they would not compile.
    /// </summary>
    private static Task<Document> AllowAsync(Document document, IEnumerable<TextSpan> spans, CancellationToken cancellationToken) =>
        AllowAsync(document, spans, string.Empty, cancellationToken);

    /// <summary>Marks the calls at <paramref name="spans"/> with <c>[AllowUnverifiedAi(justification)]</c>, as this fix does (other fixes reuse it).</summary>
    internal static async Task<Document> AllowAsync(Document document, IEnumerable<TextSpan> spans, string justification, CancellationToken cancellationToken)
    {
        var spanList = spans.ToList();
        var fixedDocument = await AllowAsync(document, spanList, topLevel: true, justification, cancellationToken).ConfigureAwait(false);
        return spanList.Count == 1 || await AddsNoErrorsAsync(document, fixedDocument, cancellationToken).ConfigureAwait(false)
            ? fixedDocument
            : await AllowAsync(document, spanList, topLevel: false, justification, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<Document> AllowAsync(Document document, IReadOnlyList<TextSpan> spans, bool topLevel, string justification, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return document;
        }

        var members = spans
            .Select(span => EnclosingMember(root, span))
            .OfType<MemberDeclarationSyntax>()
            .Distinct()
            .ToList();
        var topLevelTargets = topLevel
            ? spans
                .Where(span => EnclosingMember(root, span) is null)
                .Select(span => TopLevelTarget(root, model, span, cancellationToken))
                .OfType<SyntaxNode>()
                .Distinct()
                .ToList()
            : new List<SyntaxNode>();
        if (members.Count == 0 && topLevelTargets.Count == 0)
        {
            return document;
        }

        var endOfLine = root.DescendantTrivia().FirstOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia)) is { } eol && eol.IsKind(SyntaxKind.EndOfLineTrivia)
            ? eol
            : SyntaxFactory.CarriageReturnLineFeed;
        var editor = new SyntaxEditor(root, document.Project.Solution.Services);
        foreach (var member in members)
        {
            editor.ReplaceNode(member, (current, _) => AddAttribute((MemberDeclarationSyntax)current, endOfLine, justification));
        }

        var usedNames = new HashSet<string>();
        var movedTrivia = new HashSet<SyntaxNode>();
        foreach (var target in topLevelTargets)
        {
            AllowAtTopLevel(editor, model, target, endOfLine, usedNames, movedTrivia, justification, cancellationToken);
        }

        var withAttributes = document.WithSyntaxRoot(editor.GetChangedRoot());
        var withImports = await ImportAdder.AddImportsAsync(withAttributes, Simplifier.AddImportsAnnotation, cancellationToken: cancellationToken).ConfigureAwait(false);
        return await Simplifier.ReduceAsync(withImports, Simplifier.Annotation, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    private static async Task<bool> AddsNoErrorsAsync(Document before, Document after, CancellationToken cancellationToken)
    {
        var oldModel = await before.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        var newModel = await after.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        return oldModel is not null && newModel is not null
            && ErrorCount(newModel, cancellationToken) <= ErrorCount(oldModel, cancellationToken);
    }

    /// <summary>The member an attribute can go on: a method, constructor, operator, property, indexer, event or field.</summary>
    private static MemberDeclarationSyntax? EnclosingMember(SyntaxNode root, TextSpan span) =>
        root.FindNode(span, getInnermostNodeForTie: true)
            .AncestorsAndSelf()
            .OfType<MemberDeclarationSyntax>()
            .FirstOrDefault(m => m is BaseMethodDeclarationSyntax or BasePropertyDeclarationSyntax or BaseFieldDeclarationSyntax);

    /// <summary><c>[OpenVerify.AllowUnverifiedAi("")]</c>, simplified to <c>[AllowUnverifiedAi("")]</c> with a using.</summary>
    private static AttributeListSyntax AttributeList(string justification)
    {
        var name = SyntaxFactory.QualifiedName(SyntaxFactory.IdentifierName("OpenVerify"), SyntaxFactory.IdentifierName("AllowUnverifiedAi"))
            .WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation);
        var argument = SyntaxFactory.AttributeArgument(SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(justification)));
        return SyntaxFactory.AttributeList(SyntaxFactory.SingletonSeparatedList(
            SyntaxFactory.Attribute(name, SyntaxFactory.AttributeArgumentList(SyntaxFactory.SingletonSeparatedList(argument)))));
    }

    private static MemberDeclarationSyntax AddAttribute(MemberDeclarationSyntax member, SyntaxTrivia endOfLine, string justification) =>
        AddAttribute(member, member.AttributeLists, (m, lists) => m.WithAttributeLists(lists), endOfLine, justification);

    /// <summary>Adds the attribute on a line of its own to a member or local function.</summary>
    private static T AddAttribute<T>(T node, SyntaxList<AttributeListSyntax> lists, System.Func<T, SyntaxList<AttributeListSyntax>, T> withLists, SyntaxTrivia endOfLine, string justification)
        where T : SyntaxNode
    {
        var list = AttributeList(justification);
        var leading = node.GetLeadingTrivia();
        var indentation = Indentation(leading);

        if (lists.Count > 0)
        {
            // After the existing lists, which already end their lines.
            return withLists(node, lists.Add(list.WithLeadingTrivia(indentation).WithTrailingTrivia(endOfLine)));
        }

        // The node's leading trivia (doc comment, blank lines) moves in front of the attribute.
        return withLists(node.WithLeadingTrivia(indentation), lists.Add(list.WithLeadingTrivia(leading).WithTrailingTrivia(endOfLine)));
    }

    private static SyntaxTriviaList Indentation(SyntaxTriviaList leading)
    {
        var last = leading.Count > 0 ? leading[leading.Count - 1] : default;
        return last.IsKind(SyntaxKind.WhitespaceTrivia) ? SyntaxFactory.TriviaList(last) : SyntaxFactory.TriviaList();
    }
}
