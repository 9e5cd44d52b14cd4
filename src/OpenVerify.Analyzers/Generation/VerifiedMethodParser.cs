using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using OpenVerify.Onnx;

namespace OpenVerify.Analyzers.Generation;

/// <summary>Turns a <c>[VerifiedInference]</c> method symbol into a <see cref="VerifiedMethodModel"/>: the parse half of
/// parse-then-emit, shared by the generator and the analyzers. Every type is matched by metadata name.</summary>
internal static class VerifiedMethodParser
{
    public const string VerifiedInferenceAttribute = "OpenVerify.VerifiedInferenceAttribute";
    public const string ModelInputAttribute = "OpenVerify.ModelInputAttribute";
    public const string ModelOutputAttribute = "OpenVerify.ModelOutputAttribute";
    public const string ShapeAttribute = "OpenVerify.ShapeAttribute";
    private const string AttestedType = "OpenVerify.Attested`1";

    private static readonly SymbolDisplayFormat TypeFormat = SymbolDisplayFormat.FullyQualifiedFormat
        .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    private static readonly SymbolDisplayFormat DisplayFormat = SymbolDisplayFormat.MinimallyQualifiedFormat;

    /// <summary>The model path that the attribute names, with <c>\</c> read as <c>/</c>.</summary>
    public static string ReadModelPath(AttributeData attribute)
    {
        var path = attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is string value ? value : string.Empty;
        path = path.Replace('\\', '/');
        while (path.StartsWith("./", System.StringComparison.Ordinal))
        {
            path = path.Substring(2);
        }

        return path;
    }

    public static VerifiedMethodModel Parse(IMethodSymbol method, AttributeData attribute, CancellationToken cancellationToken)
    {
        var syntax = method.DeclaringSyntaxReferences
            .Select(r => r.GetSyntax(cancellationToken))
            .OfType<MethodDeclarationSyntax>()
            .FirstOrDefault(s => s.Body is null && s.ExpressionBody is null)
            ?? method.DeclaringSyntaxReferences.Select(r => r.GetSyntax(cancellationToken)).OfType<MethodDeclarationSyntax>().FirstOrDefault();

        var modifiers = syntax is null ? string.Empty : string.Join(" ", syntax.Modifiers.Select(m => m.Text));
        var isPartial = syntax is not null && syntax.Modifiers.Any(SyntaxKind.PartialKeyword) && method.PartialImplementationPart is null;

        var containing = new List<ContainingTypeModel>();
        for (var type = method.ContainingType; type is not null; type = type.ContainingType)
        {
            containing.Insert(0, DescribeType(type, cancellationToken));
        }

        var parameters = method.Parameters.Select(ParseParameter).ToEquatableArray();
        var (shape, result) = ParseReturn(method);
        var ns = method.ContainingNamespace is { IsGlobalNamespace: false } n ? n.ToDisplayString() : null;
        var containingDisplay = method.ContainingType?.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat) ?? string.Empty;

        return new VerifiedMethodModel(
            ReadModelPath(attribute),
            ns,
            containing.ToEquatableArray(),
            method.Name,
            modifiers,
            method.ReturnType.ToDisplayString(TypeFormat),
            shape,
            result,
            parameters,
            isPartial,
            method.IsGenericMethod,
            containingDisplay.Length == 0 ? method.Name : containingDisplay + "." + method.Name,
            HintName(method));
    }

    private static ContainingTypeModel DescribeType(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        var keyword = type.TypeKind switch
        {
            TypeKind.Struct => type.IsRecord ? "record struct" : "struct",
            TypeKind.Interface => "interface",
            _ => type.IsRecord ? "record" : "class",
        };
        var name = type.Name;
        if (type.TypeParameters.Length > 0)
        {
            name += "<" + string.Join(", ", type.TypeParameters.Select(p => p.Name)) + ">";
        }

        var isPartial = type.DeclaringSyntaxReferences.Length > 0 && type.DeclaringSyntaxReferences
            .Select(r => r.GetSyntax(cancellationToken))
            .OfType<TypeDeclarationSyntax>()
            .Any(d => d.Modifiers.Any(SyntaxKind.PartialKeyword));
        return new ContainingTypeModel(keyword, name, isPartial);
    }

    private static ParameterModel ParseParameter(IParameterSymbol parameter)
    {
        string? explicitInput = null;
        EquatableArray<long>? shape = null;
        foreach (var attribute in parameter.GetAttributes())
        {
            var name = attribute.AttributeClass?.ToDisplayString();
            if (name == ModelInputAttribute && attribute.ConstructorArguments.Length == 1)
            {
                explicitInput = attribute.ConstructorArguments[0].Value as string;
            }
            else if (name == ShapeAttribute && attribute.ConstructorArguments.Length == 1)
            {
                var argument = attribute.ConstructorArguments[0];
                var values = argument.Kind == TypedConstantKind.Array ? argument.Values : ImmutableArray.Create(argument);
                shape = values.Select(v => System.Convert.ToInt64(v.Value ?? 0L, CultureInfo.InvariantCulture)).ToEquatableArray();
            }
        }

        var plain = parameter.Name;
        var written = SyntaxFacts.GetKeywordKind(plain) != SyntaxKind.None ? "@" + plain : plain;
        return new ParameterModel(written, plain, ClassifyTensorType(parameter.Type), explicitInput, shape, parameter.RefKind != RefKind.None || parameter.IsParams);
    }

    private static (ReturnShape Shape, ResultModel? Result) ParseReturn(IMethodSymbol method)
    {
        if (method.ReturnType is not INamedTypeSymbol returnType)
        {
            return (ReturnShape.Unsupported, null);
        }

        var shape = ReturnShape.Sync;
        var attested = returnType;
        var definition = SymbolNames.MetadataName(returnType);
        if (definition == "System.Threading.Tasks.Task`1" || definition == "System.Threading.Tasks.ValueTask`1")
        {
            shape = definition.StartsWith("System.Threading.Tasks.Task", System.StringComparison.Ordinal) ? ReturnShape.Task : ReturnShape.ValueTask;
            if (returnType.TypeArguments[0] is not INamedTypeSymbol inner)
            {
                return (ReturnShape.Unsupported, null);
            }

            attested = inner;
        }

        if (SymbolNames.MetadataName(attested) != AttestedType)
        {
            return (ReturnShape.Unsupported, null);
        }

        var explicitOutput = method.GetReturnTypeAttributes()
            .Where(a => a.AttributeClass?.ToDisplayString() == ModelOutputAttribute && a.ConstructorArguments.Length == 1)
            .Select(a => a.ConstructorArguments[0].Value as string)
            .FirstOrDefault();
        return (shape, ParseResult(attested.TypeArguments[0], explicitOutput));
    }

    private static ResultModel? ParseResult(ITypeSymbol type, string? explicitOutput)
    {
        var typeText = type.ToDisplayString(TypeFormat);
        var display = type.ToDisplayString(DisplayFormat);
        var single = ClassifyTensorType(type);
        if (single.Carrier is not TensorCarrier.Unsupported and not TensorCarrier.CancellationToken and not TensorCarrier.Memory and not TensorCarrier.ReadOnlyMemory)
        {
            return new ResultModel(typeText, display, ResultConstruction.Single, single, explicitOutput, EquatableArray<ResultMember>.Empty);
        }

        if (type is not INamedTypeSymbol named || single.Carrier != TensorCarrier.Unsupported)
        {
            return null;
        }

        if (named.IsTupleType)
        {
            var elements = named.TupleElements.Select(e => new ResultMember(e.Name, ClassifyTensorType(e.Type), OutputName(e))).ToEquatableArray();
            return new ResultModel(typeText, display, ResultConstruction.Tuple, null, null, elements);
        }

        if (named.TypeKind is not (TypeKind.Class or TypeKind.Struct) || named.IsAbstract || named.SpecialType != SpecialType.None)
        {
            return null;
        }

        // A constructor whose every parameter is a tensor (a positional record's primary constructor, typically).
        var constructor = named.InstanceConstructors
            .Where(c => c.DeclaredAccessibility is Accessibility.Public or Accessibility.Internal && c.Parameters.Length > 0)
            .Where(c => !(c.Parameters.Length == 1 && SymbolEqualityComparer.Default.Equals(c.Parameters[0].Type, named)))
            .OrderByDescending(c => c.Parameters.Length)
            .FirstOrDefault();
        if (constructor is not null)
        {
            var members = constructor.Parameters.Select(p => new ResultMember(p.Name, ClassifyTensorType(p.Type), OutputName(p) ?? OutputName(FindMember(named, p.Name)))).ToEquatableArray();
            return new ResultModel(typeText, display, ResultConstruction.Constructor, null, null, members);
        }

        var settable = named.GetMembers()
            .Where(m => !m.IsStatic && m.DeclaredAccessibility is Accessibility.Public or Accessibility.Internal)
            .Where(m => m is IPropertySymbol { SetMethod: not null, IsIndexer: false } || m is IFieldSymbol { IsReadOnly: false, IsConst: false, IsImplicitlyDeclared: false })
            .Select(m => new ResultMember(m.Name, ClassifyTensorType(m is IPropertySymbol p ? p.Type : ((IFieldSymbol)m).Type), OutputName(m)))
            .ToEquatableArray();
        return settable.Count == 0 ? null : new ResultModel(typeText, display, ResultConstruction.Initializer, null, null, settable);
    }

    private static ISymbol? FindMember(INamedTypeSymbol type, string name) =>
        type.GetMembers(name).FirstOrDefault(m => m is IPropertySymbol or IFieldSymbol);

    private static string? OutputName(ISymbol? symbol) =>
        symbol?.GetAttributes()
            .Where(a => a.AttributeClass?.ToDisplayString() == ModelOutputAttribute && a.ConstructorArguments.Length == 1)
            .Select(a => a.ConstructorArguments[0].Value as string)
            .FirstOrDefault();

    /// <summary>How a type carries a tensor, and its element type.</summary>
    public static TensorType ClassifyTensorType(ITypeSymbol type)
    {
        var typeText = type.ToDisplayString(TypeFormat);
        var display = type.ToDisplayString(DisplayFormat);
        TensorType Make(TensorCarrier carrier, ITypeSymbol element)
        {
            var onnx = ElementTypeOf(element);
            return onnx is null
                ? new TensorType(TensorCarrier.Unsupported, string.Empty, element.ToDisplayString(TypeFormat), typeText, display)
                : new TensorType(carrier, onnx, element.ToDisplayString(TypeFormat), typeText, display);
        }

        if (type is IArrayTypeSymbol { Rank: 1 } array)
        {
            return Make(TensorCarrier.Array, array.ElementType);
        }

        if (type is INamedTypeSymbol named)
        {
            var definition = SymbolNames.MetadataName(named);
            switch (definition)
            {
                case "System.Threading.CancellationToken":
                    return new TensorType(TensorCarrier.CancellationToken, string.Empty, string.Empty, typeText, display);
                case "System.Memory`1":
                case "System.ReadOnlyMemory`1":
                case "Microsoft.ML.OnnxRuntime.Tensors.DenseTensor`1":
                    var carrier = definition switch
                    {
                        "System.Memory`1" => TensorCarrier.Memory,
                        "System.ReadOnlyMemory`1" => TensorCarrier.ReadOnlyMemory,
                        _ => TensorCarrier.DenseTensor,
                    };
                    var result = Make(carrier, named.TypeArguments[0]);
                    return result.ElementType == "string" ? result with { Carrier = TensorCarrier.Unsupported } : result;
            }
        }

        return ElementTypeOf(type) is null ? new TensorType(TensorCarrier.Unsupported, string.Empty, string.Empty, typeText, display) : Make(TensorCarrier.Scalar, type);
    }

    /// <summary>The ONNX element type a C# element type carries (the shared table), or null.</summary>
    internal static string? ElementTypeOf(ITypeSymbol type) =>
        type is INamedTypeSymbol named ? OnnxElementTypes.OfClrType(SymbolNames.MetadataName(named)) : null;

    /// <summary><c>Namespace.Outer.Inner</c>-like names without <c>global::</c>, for matching by metadata name.</summary>
    private static readonly SymbolDisplayFormat MetadataNameFormat = new(
        globalNamespaceStyle: SymbolDisplayGlobalNamespaceStyle.Omitted,
        typeQualificationStyle: SymbolDisplayTypeQualificationStyle.NameAndContainingTypesAndNamespaces,
        genericsOptions: SymbolDisplayGenericsOptions.None,
        miscellaneousOptions: SymbolDisplayMiscellaneousOptions.ExpandNullable);

    private static string HintName(IMethodSymbol method)
    {
        var type = method.ContainingType?.ToDisplayString(MetadataNameFormat) ?? "Global";
        var arity = method.ContainingType is { } t ? Arity(t) : string.Empty;
        var name = Sanitize(type + arity + "." + method.Name);
        if (method.ContainingType is { } containing && containing.GetMembers(method.Name).Length > 1)
        {
            // Overloads: tell them apart by a stable hash of the parameter types.
            var signature = string.Join(",", method.Parameters.Select(p => p.Type.ToDisplayString(TypeFormat)));
            uint hash = 2166136261;
            foreach (var c in signature)
            {
                hash = unchecked((hash ^ c) * 16777619);
            }

            name += "." + hash.ToString("x8", CultureInfo.InvariantCulture);
        }

        return "OpenVerify." + name + ".g.cs";
    }

    private static string Arity(INamedTypeSymbol type)
    {
        var total = 0;
        for (var t = type; t is not null; t = t.ContainingType)
        {
            total += t.Arity;
        }

        return total > 0 ? "`" + total.ToString(CultureInfo.InvariantCulture) : string.Empty;
    }

    private static string Sanitize(string text)
    {
        var chars = text.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (!(char.IsLetterOrDigit(chars[i]) || chars[i] == '.' || chars[i] == '_'))
            {
                chars[i] = '_';
            }
        }

        return new string(chars);
    }
}
