using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace OpenVerify.CodeFixes;

/// <summary>
/// The OpenAI SDK's <c>ImageClient</c> on its verified wrapper (<c>VerifiedOpenAIImageClient</c>): the calls the wrapper
/// always refuses, and the option values it carries, so that the fix is held back wherever the rewritten code would
/// compile but throw.
/// </summary>
internal static partial class VerifiedClientRewrite
{
    /// <summary>
    /// True when the reference is the receiver of (or a method group of) an image call the wrapper refuses whatever
    /// its arguments: a variation (Microsoft.Extensions.AI has no variation request) or an edit with a mask (its image
    /// request has no mask). Those still compile on the wrapper, which throws <c>NotSupportedException</c>.
    /// </summary>
    private static bool VerifiedImageClientRefuses(SemanticModel model, IdentifierNameSyntax identifier, CancellationToken cancellationToken)
    {
        var reference = model.GetOperation(Reference(identifier), cancellationToken);
        var parent = reference?.Parent is IConversionOperation { IsImplicit: true } conversion ? conversion.Parent : reference?.Parent;
        var method = parent switch
        {
            IInvocationOperation invocation => invocation.TargetMethod,
            IMethodReferenceOperation methodReference => methodReference.Method,
            IConditionalAccessOperation conditional => conditional.WhenNotNull.DescendantsAndSelf().OfType<IInvocationOperation>()
                .FirstOrDefault(i => i.Instance is IConditionalAccessInstanceOperation)?.TargetMethod,
            _ => null,
        };
        return method is not null
            && method.ContainingType?.OriginalDefinition.ToDisplayString() == SdkImage
            && (method.Name.StartsWith("GenerateImageVariation", System.StringComparison.Ordinal)
                || method.Parameters.Any(p => p.Name is "mask" or "maskFilePath"));
    }

    /// <summary>
    /// The image options members carried only for some values (OpenAIImageOptionsMapping): a size is carried unless
    /// it is <c>GeneratedImageSize.Auto</c> (Microsoft.Extensions.AI has only width x height), and a quality only when it
    /// is "auto" (the API's default, not sent). Any other member of another type is carried whatever its value.
    /// </summary>
    private static bool VerifiedImageOptionValueCarried(IPropertySymbol property, IOperation value)
    {
        var type = property.ContainingType?.ToDisplayString();
        if (type is not ("OpenAI.Images.ImageGenerationOptions" or "OpenAI.Images.ImageEditOptions"))
        {
            return true;
        }

        while (value is IConversionOperation conversion)
        {
            value = conversion.Operand;
        }

        var named = value switch
        {
            IPropertyReferenceOperation { Property: var p } => p,
            IFieldReferenceOperation { Field: var f } => (ISymbol)f,
            _ => null,
        };
        return property.Name switch
        {
            "Size" => named?.Name != "Auto",
            "Quality" => named is { Name: "Auto", ContainingType.Name: "GeneratedImageQuality" }
                || value.ConstantValue is { HasValue: true, Value: string text } && text == "auto",
            _ => true,
        };
    }
}
