using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Simplification;

namespace OpenVerify.CodeFixes;

/// <summary>
/// How a Semantic Kernel registration rewrite writes the names it adds. Plainly, a type by its simple name and each
/// namespace as a <c>using</c> (as the code usually reads); or qualified, for a file where such a using would make a
/// name the file already uses ambiguous (Microsoft.Extensions.AI's <c>ChatMessage</c> or <c>ChatRole</c> beside the
/// app's own or the OpenAI SDK's): then a type is written <c>global::Namespace.Type</c> (marked for the simplifier,
/// which shortens it where that binds the same) and an extension method's class is brought in with <c>using static</c>,
/// which imports its methods and no type names.
/// </summary>
internal sealed class KernelRegistrationNames
{
    private const string StaticPrefix = "static ";
    private readonly List<string> _usings = new();

    public KernelRegistrationNames(bool qualified)
    {
        Qualified = qualified;
    }

    public bool Qualified { get; }

    /// <summary>The using directives the written code needs: a namespace, or <c>static</c> and a class.</summary>
    public IReadOnlyList<string> Usings => _usings.Distinct().ToList();

    /// <summary>A type of <paramref name="ns"/>, written so that it binds.</summary>
    public string Type(string ns, string name)
    {
        if (Qualified)
        {
            return "global::" + ns + "." + name;
        }

        _usings.Add(ns);
        return name;
    }

    /// <summary>Brings the extension methods of <paramref name="ns"/>.<paramref name="extensionClass"/> into scope.</summary>
    public void Extensions(string ns, string extensionClass) =>
        _usings.Add(Qualified ? StaticPrefix + ns + "." + extensionClass : ns);

    /// <summary>A namespace whose few names (Semantic Kernel's, dependency injection's) the code already works with.</summary>
    public void Namespace(string ns) => _usings.Add(ns);

    /// <summary>Marks the <c>global::</c> names of a parsed statement for the simplifier.</summary>
    public static StatementSyntax MarkQualified(StatementSyntax statement)
    {
        var names = statement.DescendantNodes().OfType<AliasQualifiedNameSyntax>()
            .Select(n => n.AncestorsAndSelf().TakeWhile(a => a is NameSyntax).Last())
            .ToList();
        return names.Count == 0 ? statement : statement.ReplaceNodes(names, (_, n) => n.WithAdditionalAnnotations(Simplifier.Annotation));
    }

    /// <summary>Adds the directive <paramref name="name"/> (from <see cref="Usings"/>) unless the file has it.</summary>
    public static CompilationUnitSyntax AddUsing(CompilationUnitSyntax unit, string name)
    {
        if (!name.StartsWith(StaticPrefix, System.StringComparison.Ordinal))
        {
            return unit.Usings.Any(u => u.Alias is null && !u.StaticKeyword.IsKind(SyntaxKind.StaticKeyword) && u.Name?.ToString() == name)
                ? unit
                : VerifiedClientRewrite.AddUsing(unit, name);
        }

        var type = name.Substring(StaticPrefix.Length);
        if (unit.Usings.Any(u => u.StaticKeyword.IsKind(SyntaxKind.StaticKeyword) && u.Name?.ToString() == type))
        {
            return unit;
        }

        // After the other usings: static usings go last, as dotnet format orders them.
        var endOfLine = unit.DescendantTrivia().FirstOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia)) is { } eol && eol.IsKind(SyntaxKind.EndOfLineTrivia)
            ? eol
            : SyntaxFactory.CarriageReturnLineFeed;
        var directive = SyntaxFactory.UsingDirective(SyntaxFactory.Token(SyntaxKind.StaticKeyword).WithTrailingTrivia(SyntaxFactory.Space), null, SyntaxFactory.ParseName(type))
            .WithUsingKeyword(SyntaxFactory.Token(SyntaxKind.UsingKeyword).WithTrailingTrivia(SyntaxFactory.Space))
            .WithTrailingTrivia(endOfLine);
        return unit.Usings.Count == 0
            ? unit.WithUsings(SyntaxFactory.SingletonList(directive.WithTrailingTrivia(endOfLine, endOfLine)))
            : unit.WithUsings(unit.Usings.Add(directive));
    }
}
