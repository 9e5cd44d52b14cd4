using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using OpenVerify.Analyzers.Configuration;
using OpenVerify.Analyzers.Diagnostics;

namespace OpenVerify.Analyzers.AiApis;

/// <summary>
/// The AI API symbols of one compilation, resolved once, and the answer to "is this method an AI call?",
/// cached per method.
/// </summary>
internal sealed class AiApiIndex
{
    private readonly Dictionary<INamedTypeSymbol, TypeApis> _types;
    private readonly Dictionary<IMethodSymbol, AiCallRule> _methods;
    private readonly HashSet<ISymbol> _excluded;
    private readonly HashSet<INamedTypeSymbol> _delegatingTypes;
    private readonly HashSet<INamedTypeSymbol> _verifiedClientTypes;

    // Interfaces that hold an AI method: only these are searched for implementations.
    private readonly HashSet<INamedTypeSymbol> _interfaces;
    private readonly ConcurrentDictionary<IMethodSymbol, AiCallMatch> _cache = new(SymbolEqualityComparer.Default);

    private AiApiIndex(
        Dictionary<INamedTypeSymbol, TypeApis> types,
        Dictionary<IMethodSymbol, AiCallRule> methods,
        HashSet<ISymbol> excluded,
        HashSet<INamedTypeSymbol> delegatingTypes,
        HashSet<INamedTypeSymbol> verifiedClientTypes)
    {
        _types = types;
        _methods = methods;
        _excluded = excluded;
        _delegatingTypes = delegatingTypes;
        _verifiedClientTypes = verifiedClientTypes;
        _interfaces = new HashSet<INamedTypeSymbol>(
            types.Keys.Concat(methods.Keys.Select(m => m.ContainingType)).Where(t => t.TypeKind == TypeKind.Interface),
            SymbolEqualityComparer.Default);
    }

    /// <summary>True when the compilation references none of the AI APIs: there is nothing to analyze.</summary>
    public bool IsEmpty => _types.Count == 0 && _methods.Count == 0;

    public static AiApiIndex Create(Compilation compilation, AiApiConfiguration configuration)
    {
        var types = new Dictionary<INamedTypeSymbol, TypeApis>(SymbolEqualityComparer.Default);
        var methods = new Dictionary<IMethodSymbol, AiCallRule>(SymbolEqualityComparer.Default);
        var excluded = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        var delegatingTypes = new HashSet<INamedTypeSymbol>(SymbolEqualityComparer.Default);

        foreach (var entry in AiApiCatalog.Entries)
        {
            foreach (var type in compilation.GetTypesByMetadataName(entry.TypeMetadataName))
            {
                types[type] = new TypeApis(entry.Rule, entry.MethodNames);
            }
        }

        foreach (var name in AiApiCatalog.DelegatingTypes)
        {
            delegatingTypes.UnionWith(compilation.GetTypesByMetadataName(name));
        }

        var verifiedClientTypes = new HashSet<INamedTypeSymbol>(
            AiApiCatalog.VerifiedClientTypes
                .SelectMany(name => compilation.GetTypesByMetadataName(name))
                .Where(t => t.ContainingAssembly?.Name == AiApiCatalog.VerifiedClientAssembly),
            SymbolEqualityComparer.Default);

        foreach (var api in configuration.Additional)
        {
            foreach (var symbol in DocumentationIds.Resolve(api.DocumentationId, compilation))
            {
                switch (symbol)
                {
                    case INamedTypeSymbol type:
                        types[type] = new TypeApis(api.Rule, methodNames: null);
                        break;
                    case IMethodSymbol method:
                        methods[method] = api.Rule;
                        break;
                }
            }
        }

        foreach (var id in configuration.Excluded)
        {
            excluded.UnionWith(DocumentationIds.Resolve(id, compilation));
        }

        return new AiApiIndex(types, methods, excluded, delegatingTypes, verifiedClientTypes);
    }

    /// <summary>The rule a call to <paramref name="method"/> falls under, or null when it is not an AI call.</summary>
    public AiCallMatch Match(IMethodSymbol method)
    {
        var definition = (method.ReducedFrom ?? method).OriginalDefinition;
        return _cache.GetOrAdd(definition, Compute);
    }

    /// <summary>The rule of an AI type, searched through its base types and interfaces, or null.</summary>
    public AiCallRule? MatchType(ITypeSymbol type)
    {
        for (var current = type as INamedTypeSymbol; current is not null; current = current.BaseType)
        {
            if (_types.TryGetValue(current.OriginalDefinition, out var apis) && !_excluded.Contains(current.OriginalDefinition))
            {
                return apis.Rule;
            }
        }

        foreach (var @interface in type.AllInterfaces)
        {
            if (_types.TryGetValue(@interface.OriginalDefinition, out var apis) && !_excluded.Contains(@interface.OriginalDefinition))
            {
                return apis.Rule;
            }
        }

        return null;
    }

    /// <summary>True for a middleware base type whose forwarding <c>base</c> calls are not reported.</summary>
    public bool IsDelegatingType(INamedTypeSymbol type) => _delegatingTypes.Contains(type.OriginalDefinition);

    /// <summary>True for OpenVerify.Extensions.AI's verified client types, whose calls carry receipts.</summary>
    public bool IsVerifiedClient(ITypeSymbol? type) =>
        _verifiedClientTypes.Count > 0 && type is INamedTypeSymbol named && _verifiedClientTypes.Contains(named.OriginalDefinition);

    private AiCallMatch Compute(IMethodSymbol method)
    {
        if (IsExcluded(method))
        {
            return AiCallMatch.None;
        }

        for (var current = method; current is not null; current = current.OverriddenMethod?.OriginalDefinition)
        {
            var rule = MatchDeclared(current) ?? MatchImplemented(current);
            if (rule is not null)
            {
                return new AiCallMatch(rule);
            }
        }

        return AiCallMatch.None;
    }

    private AiCallRule? MatchDeclared(IMethodSymbol method)
    {
        if (IsExcluded(method))
        {
            return null;
        }

        if (_methods.TryGetValue(method, out var rule))
        {
            return rule;
        }

        if (_types.TryGetValue(method.ContainingType, out var apis) && apis.Contains(method))
        {
            return apis.Rule;
        }

        return null;
    }

    private AiCallRule? MatchImplemented(IMethodSymbol method)
    {
        if (method.IsStatic || _interfaces.Count == 0)
        {
            return null;
        }

        foreach (var explicitImplementation in method.ExplicitInterfaceImplementations)
        {
            var rule = MatchDeclared(explicitImplementation.OriginalDefinition);
            if (rule is not null)
            {
                return rule;
            }
        }

        var type = method.ContainingType;
        if (type.TypeKind == TypeKind.Interface)
        {
            return null;
        }

        foreach (var @interface in type.AllInterfaces)
        {
            if (!_interfaces.Contains(@interface.OriginalDefinition))
            {
                continue;
            }

            foreach (var member in @interface.GetMembers(method.Name))
            {
                if (member is IMethodSymbol interfaceMethod
                    && MatchDeclared(interfaceMethod.OriginalDefinition) is { } rule
                    && SymbolEqualityComparer.Default.Equals(type.FindImplementationForInterfaceMember(interfaceMethod), method))
                {
                    return rule;
                }
            }
        }

        return null;
    }

    private bool IsExcluded(IMethodSymbol method) => _excluded.Contains(method) || _excluded.Contains(method.ContainingType);

    private sealed class TypeApis
    {
        private readonly ImmutableHashSet<string>? _methodNames;

        public TypeApis(AiCallRule rule, ImmutableHashSet<string>? methodNames)
        {
            Rule = rule;
            _methodNames = methodNames;
        }

        public AiCallRule Rule { get; }

        public bool Contains(IMethodSymbol method) =>
            _methodNames is null
                ? method.MethodKind is MethodKind.Ordinary or MethodKind.ExplicitInterfaceImplementation
                : _methodNames.Contains(method.Name);
    }
}

/// <summary>The result of matching a method: the rule, or none.</summary>
internal readonly struct AiCallMatch
{
    public static readonly AiCallMatch None;

    public AiCallMatch(AiCallRule rule) => Rule = rule;

    public AiCallRule? Rule { get; }
}
