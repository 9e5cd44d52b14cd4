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
using OpenVerify.Analyzers.Diagnostics;

namespace OpenVerify.CodeFixes;

/// <summary>
/// OV1001 and OV1002: makes a <c>[VerifiedInference]</c> method, or every type that contains it, <c>partial</c>. A method
/// loses its body and any <c>extern</c> modifier, since the generator writes the body.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddPartialCodeFixProvider)), Shared]
public sealed class AddPartialCodeFixProvider : CodeFixProvider
{
    /// <summary>The title users see, also the equivalence key Fix All groups by.</summary>
    public const string Title = "Make partial";

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } =
        ImmutableArray.Create(DiagnosticIds.MethodNotPartial, DiagnosticIds.ContainingTypeNotPartial);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            var method = root.FindToken(diagnostic.Location.SourceSpan.Start).Parent?.AncestorsAndSelf().OfType<MethodDeclarationSyntax>().FirstOrDefault();
            if (method is not null)
            {
                var id = diagnostic.Id;
                context.RegisterCodeFix(
                    CodeAction.Create(Title, ct => MakePartialAsync(context.Document, method, id, ct), Title + id),
                    diagnostic);
            }
        }
    }

    private static async Task<Document> MakePartialAsync(Document document, MethodDeclarationSyntax method, string id, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return document;
        }

        var partialKeyword = SyntaxFactory.Token(SyntaxKind.PartialKeyword).WithTrailingTrivia(SyntaxFactory.Space);
        if (id == DiagnosticIds.MethodNotPartial)
        {
            return document.WithSyntaxRoot(root.ReplaceNode(method, MakePartial(method, partialKeyword)));
        }

        // OV1002: every containing type declaration in this file that is not partial yet.
        var types = method.Ancestors().OfType<TypeDeclarationSyntax>().Where(t => !t.Modifiers.Any(SyntaxKind.PartialKeyword));
        return document.WithSyntaxRoot(root.ReplaceNodes(types, (_, rewritten) => rewritten.WithModifiers(rewritten.Modifiers.Add(partialKeyword))));
    }

    private static MethodDeclarationSyntax MakePartial(MethodDeclarationSyntax method, SyntaxToken partialKeyword)
    {
        // 'partial' must come last, right before the return type; 'extern' and a body do not go with a generated body.
        var modifiers = SyntaxFactory.TokenList(method.Modifiers.Where(m => !m.IsKind(SyntaxKind.PartialKeyword) && !m.IsKind(SyntaxKind.ExternKeyword)));
        var updated = method.WithModifiers(modifiers.Add(partialKeyword));
        if (updated.Body is not null || updated.ExpressionBody is not null)
        {
            updated = updated.WithBody(null).WithExpressionBody(null).WithSemicolonToken(SyntaxFactory.Token(SyntaxKind.SemicolonToken));
        }

        return updated;
    }
}
