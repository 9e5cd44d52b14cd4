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

namespace OpenVerify.CodeFixes;

/// <summary>
/// OV0001–OV0004: adds <c>[AllowUnverifiedAi("")]</c> to the member that makes the call (OV1009 then asks for the
/// reason). Fix All adds one attribute per member, however many calls it makes.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AllowUnverifiedAiCodeFixProvider)), Shared]
public sealed class AllowUnverifiedAiCodeFixProvider : CodeFixProvider
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
            if (EnclosingMember(root, diagnostic.Location.SourceSpan) is not null)
            {
                context.RegisterCodeFix(
                    CodeAction.Create(Title, ct => AllowAsync(context.Document, new[] { diagnostic.Location.SourceSpan }, ct), Title),
                    diagnostic);
            }
        }
    }

    private static Task<Document?> FixAllInDocumentAsync(FixAllContext context, Document document, ImmutableArray<Diagnostic> diagnostics) =>
        AllowAsync(document, diagnostics.Select(d => d.Location.SourceSpan), context.CancellationToken)!;

    /// <summary>Adds the attribute once to each member that holds one of <paramref name="spans"/>.</summary>
    private static async Task<Document> AllowAsync(Document document, IEnumerable<TextSpan> spans, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return document;
        }

        var members = spans
            .Select(span => EnclosingMember(root, span))
            .OfType<MemberDeclarationSyntax>()
            .Distinct()
            .ToList();
        if (members.Count == 0)
        {
            return document;
        }

        var endOfLine = root.DescendantTrivia().FirstOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia)) is { } eol && eol.IsKind(SyntaxKind.EndOfLineTrivia)
            ? eol
            : SyntaxFactory.CarriageReturnLineFeed;
        var newRoot = root.ReplaceNodes(members, (_, member) => AddAttribute(member, endOfLine));
        var withAttributes = document.WithSyntaxRoot(newRoot);
        var withImports = await ImportAdder.AddImportsAsync(withAttributes, Simplifier.AddImportsAnnotation, cancellationToken: cancellationToken).ConfigureAwait(false);
        return await Simplifier.ReduceAsync(withImports, Simplifier.Annotation, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The member an attribute can go on: a method, constructor, operator, property, indexer, event or field.</summary>
    private static MemberDeclarationSyntax? EnclosingMember(SyntaxNode root, TextSpan span) =>
        root.FindNode(span, getInnermostNodeForTie: true)
            .AncestorsAndSelf()
            .OfType<MemberDeclarationSyntax>()
            .FirstOrDefault(m => m is BaseMethodDeclarationSyntax or BasePropertyDeclarationSyntax or BaseFieldDeclarationSyntax);

    private static MemberDeclarationSyntax AddAttribute(MemberDeclarationSyntax member, SyntaxTrivia endOfLine)
    {
        var name = SyntaxFactory.QualifiedName(SyntaxFactory.IdentifierName("OpenVerify"), SyntaxFactory.IdentifierName("AllowUnverifiedAi"))
            .WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation);
        var argument = SyntaxFactory.AttributeArgument(SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(string.Empty)));
        var list = SyntaxFactory.AttributeList(SyntaxFactory.SingletonSeparatedList(
            SyntaxFactory.Attribute(name, SyntaxFactory.AttributeArgumentList(SyntaxFactory.SingletonSeparatedList(argument)))));

        var leading = member.GetLeadingTrivia();
        var indentation = Indentation(leading);

        if (member.AttributeLists.Count > 0)
        {
            // After the existing lists, which already end their lines.
            return member.AddAttributeLists(list.WithLeadingTrivia(indentation).WithTrailingTrivia(endOfLine));
        }

        // The member's leading trivia (doc comment, blank lines) moves in front of the attribute.
        var bare = member.WithLeadingTrivia(indentation);
        return bare.WithAttributeLists(bare.AttributeLists.Add(list.WithLeadingTrivia(leading).WithTrailingTrivia(endOfLine)));
    }

    private static SyntaxTriviaList Indentation(SyntaxTriviaList leading)
    {
        var last = leading.Count > 0 ? leading[leading.Count - 1] : default;
        return last.IsKind(SyntaxKind.WhitespaceTrivia) ? SyntaxFactory.TriviaList(last) : SyntaxFactory.TriviaList();
    }
}
