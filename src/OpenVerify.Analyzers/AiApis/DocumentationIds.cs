using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace OpenVerify.Analyzers.AiApis;

/// <summary>Resolves documentation-comment ids to symbols, in the style of the BannedApiAnalyzers.</summary>
internal static class DocumentationIds
{
    /// <summary>
    /// Resolves <paramref name="id"/>. An <c>M:</c> id without a parameter list names every overload of the method.
    /// </summary>
    public static IEnumerable<ISymbol> Resolve(string id, Compilation compilation)
    {
        if (id.StartsWith("M:", System.StringComparison.Ordinal) && id.IndexOf('(') < 0)
        {
            var lastDot = id.LastIndexOf('.');
            if (lastDot <= 2)
            {
                return Enumerable.Empty<ISymbol>();
            }

            var methodName = id.Substring(lastDot + 1);
            var genericMarker = methodName.IndexOf("``", System.StringComparison.Ordinal);
            if (genericMarker >= 0)
            {
                methodName = methodName.Substring(0, genericMarker);
            }

            var typeId = "T:" + id.Substring(2, lastDot - 2);
            return DocumentationCommentId.GetSymbolsForDeclarationId(typeId, compilation)
                .OfType<INamedTypeSymbol>()
                .SelectMany(t => t.GetMembers(methodName).OfType<IMethodSymbol>());
        }

        return DocumentationCommentId.GetSymbolsForDeclarationId(id, compilation);
    }
}
