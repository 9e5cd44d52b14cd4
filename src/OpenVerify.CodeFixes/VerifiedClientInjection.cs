using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;
using OpenVerify.Analyzers.Diagnostics;
using static OpenVerify.CodeFixes.CompileCheck;

namespace OpenVerify.CodeFixes;

/// <summary>
/// Moves a chat client, embedding generator or media client (speech-to-text, text-to-speech, image generation:
/// <see cref="VerifiedClientKind"/>; <c>AddSpeechToTextClient</c> becomes <c>AddVerifiedSpeechToTextClient</c>, and so on)
/// that is injected through dependency injection onto the verified type, in the consumer and in the registration together. Offered only where:
/// <list type="bullet">
/// <item>the flagged call's receiver is a constructor parameter (a primary constructor's too), or a private instance field whose every write is such a constructor
/// parameter (<c>_chat = chat</c>, <c>_chat = chat ?? throw …</c>, or a field initializer <c>= chat</c>); its type is
/// exactly <c>IChatClient</c> / <c>IEmbeddingGenerator&lt;TInput, TEmbedding&gt;</c> and it is not a keyed service;</item>
/// <item>the solution registers that service (non-keyed) at least once, and every registration maps onto
/// OpenVerify.Extensions.AI's (each is rewritten, so whichever the container resolves is verified): <c>AddChatClient(client or factory[, lifetime])</c> (chained middleware stays, the attesting step is
/// built in innermost), <c>AddSingleton/AddScoped/AddTransient&lt;IChatClient&gt;(client or factory)</c>, the same by
/// implementation type (<c>AddScoped&lt;IChatClient, MyChatClient&gt;()</c>, keyed too: the factory builds the implementation
/// with <c>ActivatorUtilities.CreateInstance</c>, as the container would), the
/// <c>AddEmbeddingGenerator</c> and <c>Add*&lt;IEmbeddingGenerator&lt;,&gt;&gt;</c> equivalents — or registers the verified
/// client already (<c>AddVerifiedChatClient</c>), when only the consumer changes;</item>
/// <item>the project references OpenVerify.Extensions.AI and every project touched (and those depending on it) compiles
/// with no more errors than before.</item>
/// </list>
/// The registration becomes <c>AddVerifiedChatClient(…)</c> / <c>AddVerifiedEmbeddingGenerator(…)</c>, which registers
/// the verified type and the interface as the same instance (other consumers of the interface keep working), and the
/// parameter and field types become <c>VerifiedChatClient</c> / <c>VerifiedEmbeddingGenerator&lt;TInput, TEmbedding&gt;</c>.
/// </summary>
internal static class VerifiedClientInjection
{
    private const string ServiceRegistrations = "Microsoft.Extensions.DependencyInjection.ServiceCollectionServiceExtensions";

    private static readonly HashSet<string> RegistrationNames = new(
        new[] { VerifiedClientKind.Chat, VerifiedClientKind.Embedding }.Concat(VerifiedClientKind.Media)
            .SelectMany(kind => new[] { "Add" + kind.Name, "AddKeyed" + kind.Name, "AddVerified" + kind.Name, "AddKeyedVerified" + kind.Name })
            .Concat(new[] { "AddSingleton", "AddScoped", "AddTransient", "AddKeyedSingleton", "AddKeyedScoped", "AddKeyedTransient" }));

    /// <summary>The service key of a consumer: none (an unkeyed service), or the constant of its <c>[FromKeyedServices(key)]</c>.</summary>
    private readonly record struct ServiceKey(bool IsKeyed, object? Value);

    /// <summary>One consumer's move: the types to change and the registrations to rewrite (none when they are verified already).</summary>
    internal sealed class Plan
    {
        public Plan(string key, VerifiedClientKind kind, IReadOnlyList<Retype> retypes, IReadOnlyList<Registration> registrations)
        {
            Key = key;
            Kind = kind;
            Retypes = retypes;
            Registrations = registrations;
        }

        /// <summary>Identifies the consumer (its field or parameter), so Fix All moves it once.</summary>
        public string Key { get; }

        public VerifiedClientKind Kind { get; }

        public IReadOnlyList<Retype> Retypes { get; }

        public IReadOnlyList<Registration> Registrations { get; }
    }

    /// <summary>A declared type to replace by <see cref="TypeName"/>.</summary>
    internal sealed class Retype
    {
        public Retype(DocumentId document, TextSpan span, string typeName)
        {
            Document = document;
            Span = span;
            TypeName = typeName;
        }

        public DocumentId Document { get; }

        public TextSpan Span { get; }

        public string TypeName { get; }
    }

    /// <summary>The registration call and what it becomes.</summary>
    internal sealed class Registration
    {
        public Registration(DocumentId document, TextSpan span, InvocationExpressionSyntax replacement)
        {
            Document = document;
            Span = span;
            Replacement = replacement;
        }

        public DocumentId Document { get; }

        public TextSpan Span { get; }

        public InvocationExpressionSyntax Replacement { get; }
    }

    public static async Task<Plan?> TryPlanAsync(Document document, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        var isChat = diagnostic.Id == DiagnosticIds.ChatOrTextGeneration;
        if (!isChat && diagnostic.Id != DiagnosticIds.OtherModelCall)
        {
            return null;
        }

        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return null;
        }

        var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
        var solution = document.Project.Solution;
        var parameters = new List<IParameterSymbol>();
        List<TypeSyntax>? variableTypes = null;
        var locatorTypes = new List<TypeSyntax>();
        ISymbol consumer;
        var receiver = VerifiedClientRewrite.ReceiverValue(model.GetOperation(node, cancellationToken));
        switch (receiver)
        {
            case IParameterReferenceOperation reference:
                consumer = reference.Parameter;
                parameters.Add(reference.Parameter);
                break;
            case IFieldReferenceOperation { Instance: IInstanceReferenceOperation } or IPropertyReferenceOperation { Instance: IInstanceReferenceOperation } or ILocalReferenceOperation:
                consumer = Referenced(receiver)!;
                variableTypes = await InjectedVariableAsync(solution, consumer, parameters, locatorTypes, cancellationToken).ConfigureAwait(false);
                if (variableTypes is null)
                {
                    return null;
                }

                break;
            default:
                return null;
        }

        var service = consumer switch
        {
            IParameterSymbol parameter => parameter.Type,
            IFieldSymbol field => field.Type,
            IPropertySymbol property => property.Type,
            ILocalSymbol local => local.Type,
            _ => null,
        } as INamedTypeSymbol;
        var kind = service is null ? null : isChat ? VerifiedClientKind.Chat : VerifiedClientKind.MediaOf(model.Compilation, service) ?? VerifiedClientKind.Embedding;
        if (service is null || kind is null
            || VerifiedClientRewrite.PackageType(model.Compilation, kind.Verified) is null
            || model.Compilation.GetTypeByMetadataName(kind.VerifiedRegistrations) is not { } verifiedRegistrations
            || verifiedRegistrations.GetMembers("AddVerified" + kind.Name).IsEmpty
            || model.Compilation.GetTypeByMetadataName(kind.Interface) is not { } @interface
            || !SymbolEqualityComparer.Default.Equals(service.OriginalDefinition, @interface))
        {
            return null;
        }

        var retypes = new List<Retype>();
        ServiceKey? key = locatorTypes.Count > 0 ? new ServiceKey(false, null) : null;
        foreach (var parameter in parameters)
        {
            if (!SymbolEqualityComparer.Default.Equals(parameter.Type, service) || InjectedParameter(parameter, cancellationToken) is not { Type: { } type }
                || KeyOf(parameter) is not { } parameterKey || (key is { } other && !Equals(other, parameterKey))
                || !await AddRetypeAsync(solution, type, service, kind, retypes, cancellationToken).ConfigureAwait(false))
            {
                return null;
            }

            key = parameterKey;
        }

        foreach (var type in (variableTypes ?? new List<TypeSyntax>()).Concat(locatorTypes))
        {
            if (!await AddRetypeAsync(solution, type, service, kind, retypes, cancellationToken).ConfigureAwait(false))
            {
                return null;
            }
        }

        if (await FindRegistrationsAsync(document.Project, service, kind, key ?? new ServiceKey(false, null), cancellationToken).ConfigureAwait(false) is not { } registrations)
        {
            return null;
        }

        var location = consumer.Locations.FirstOrDefault();
        return new Plan((location?.SourceTree?.FilePath ?? string.Empty) + ":" + location?.SourceSpan.Start, kind, retypes, registrations);
    }

    /// <summary>True when the rewritten projects (and the projects that depend on them) have no more errors than before.</summary>
    public static async Task<bool> CompilesAsync(Solution solution, IReadOnlyList<Plan> plans, CancellationToken cancellationToken) =>
        await NoNewErrorsAsync(solution, await ApplyAsync(solution, plans, cancellationToken).ConfigureAwait(false), Documents(plans).Select(id => id.ProjectId), cancellationToken).ConfigureAwait(false);

    public static async Task<Solution> ApplyAsync(Solution solution, IReadOnlyList<Plan> plans, CancellationToken cancellationToken)
    {
        var result = solution;
        foreach (var id in Documents(plans))
        {
            var document = solution.GetDocument(id)!;
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            if (root is null || model is null)
            {
                continue;
            }

            var replacements = new Dictionary<SyntaxNode, SyntaxNode>();
            foreach (var retype in plans.SelectMany(p => p.Retypes).Where(r => r.Document == id))
            {
                var type = Find<TypeSyntax>(root, retype.Span);
                replacements[type] = SyntaxFactory.ParseTypeName(retype.TypeName).WithTriviaFrom(type);
            }

            foreach (var registration in plans.SelectMany(p => p.Registrations).Where(r => r.Document == id))
            {
                var invocation = Find<InvocationExpressionSyntax>(root, registration.Span);
                replacements[invocation] = registration.Replacement.WithTriviaFrom(invocation);
            }

            var newRoot = root.ReplaceNodes(replacements.Keys, (original, _) => replacements[original]);
            var position = replacements.Keys.Min(n => n.SpanStart);
            if (model.LookupNamespacesAndTypes(position, name: "VerifiedChatClient")
                    .All(s => s.ContainingNamespace?.ToDisplayString() != VerifiedClientRewrite.Namespace)
                && newRoot is CompilationUnitSyntax unit)
            {
                newRoot = VerifiedClientRewrite.AddUsing(unit, VerifiedClientRewrite.Namespace);
            }

            result = result.WithDocumentSyntaxRoot(id, newRoot);
        }

        return result;
    }

    private static IEnumerable<DocumentId> Documents(IReadOnlyList<Plan> plans) =>
        plans.SelectMany(p => p.Retypes.Select(r => r.Document))
            .Concat(plans.SelectMany(p => p.Registrations).Select(r => r.Document))
            .Distinct();

    private static async Task<bool> AddRetypeAsync(Solution solution, TypeSyntax type, INamedTypeSymbol service, VerifiedClientKind kind, List<Retype> retypes, CancellationToken cancellationToken)
    {
        var document = solution.GetDocument(type.SyntaxTree);
        var model = document is null ? null : await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (document is null || model is null || type.IsVar)
        {
            return false;
        }

        retypes.Add(new Retype(document.Id, type.Span, VerifiedName(service, kind, model, type.SpanStart)));
        return true;
    }

    private static string VerifiedName(INamedTypeSymbol service, VerifiedClientKind kind, SemanticModel model, int position) =>
        "Verified" + kind.Name + (kind.IsGeneric ? TypeArguments(service, model, position) : string.Empty);

    private static string TypeArguments(INamedTypeSymbol service, SemanticModel model, int position) =>
        "<" + string.Join(", ", service.TypeArguments.Select(t => t.ToMinimalDisplayString(model, position))) + ">";

    /// <summary>A parameter the container fills: of an instance constructor, declared with its type.</summary>
    private static ParameterSyntax? InjectedParameter(IParameterSymbol parameter, CancellationToken cancellationToken)
    {
        if (parameter.DeclaringSyntaxReferences.Length != 1
            || parameter.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is not ParameterSyntax { Type: not null } syntax
            || parameter.RefKind != RefKind.None)
        {
            return null;
        }

        return parameter.ContainingSymbol is IMethodSymbol { MethodKind: MethodKind.Constructor, IsStatic: false } ? syntax : null;
    }

    /// <summary>
    /// The parameter's service key: unkeyed, or the constant key of <c>[FromKeyedServices(key)]</c>; null where the key
    /// is not a constant the registrations can be matched against.
    /// </summary>
    private static ServiceKey? KeyOf(IParameterSymbol parameter)
    {
        var keyed = parameter.GetAttributes().Where(a => a.AttributeClass?.ToDisplayString() == "Microsoft.Extensions.DependencyInjection.FromKeyedServicesAttribute").ToList();
        return keyed.Count switch
        {
            0 => new ServiceKey(false, null),
            1 when keyed[0].ConstructorArguments.Length == 1
                   && keyed[0].ConstructorArguments[0] is { Kind: TypedConstantKind.Primitive or TypedConstantKind.Enum, Value: { } value } => new ServiceKey(true, value),
            _ => null,
        };
    }

    /// <summary>
    /// The declared type of a variable (a private instance field, an auto-property, or a local) that only ever holds
    /// what the container gives: a constructor parameter (collected into <paramref name="parameters"/>) or a
    /// <c>GetRequiredService&lt;T&gt;()</c> / <c>GetService&lt;T&gt;()</c> call (its type argument collected into
    /// <paramref name="locatorTypes"/>). Null where another value is written, or nothing is. A <c>var</c> local gives
    /// an empty type list.
    /// </summary>
    internal static async Task<List<TypeSyntax>?> InjectedVariableAsync(Solution solution, ISymbol variable, List<IParameterSymbol> parameters,
        List<TypeSyntax> locatorTypes, CancellationToken cancellationToken)
    {
        if (variable.DeclaringSyntaxReferences.Length != 1 || variable.IsImplicitlyDeclared || variable.IsStatic)
        {
            return null;
        }

        var declaration = variable.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken);
        TypeSyntax type;
        ExpressionSyntax? initializer;
        IEnumerable<SyntaxNode> scopes;
        switch (variable)
        {
            case IFieldSymbol { DeclaredAccessibility: Accessibility.Private, IsConst: false } field
                when declaration is VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax { Parent: FieldDeclarationSyntax, Variables.Count: 1 } fieldDeclaration } declarator:
                type = fieldDeclaration.Type;
                initializer = declarator.Initializer?.Value;
                scopes = field.ContainingType.DeclaringSyntaxReferences.Select(r => r.GetSyntax(cancellationToken));
                break;
            case IPropertySymbol { IsIndexer: false } property
                when declaration is PropertyDeclarationSyntax { AccessorList: { } accessors } propertyDeclaration
                     && accessors.Accessors.All(a => a.Body is null && a.ExpressionBody is null):
                type = propertyDeclaration.Type;
                initializer = propertyDeclaration.Initializer?.Value;
                scopes = property.ContainingType.DeclaringSyntaxReferences.Select(r => r.GetSyntax(cancellationToken));
                break;
            case ILocalSymbol { IsRef: false }
                when declaration is VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax { Parent: LocalDeclarationStatementSyntax { IsConst: false }, Variables.Count: 1 } localDeclaration } declarator:
                type = localDeclaration.Type;
                initializer = declarator.Initializer?.Value;
                scopes = new[] { declaration.FirstAncestorOrSelf<MemberDeclarationSyntax>() ?? (SyntaxNode)declaration.SyntaxTree.GetRoot(cancellationToken) };
                break;
            default:
                return null;
        }

        var writes = 0;
        if (initializer is not null)
        {
            var document = solution.GetDocument(initializer.SyntaxTree);
            var model = document is null ? null : await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            if (model is null || !Injected(model.GetOperation(initializer, cancellationToken), parameters, locatorTypes))
            {
                return null;
            }

            writes++;
        }

        foreach (var scope in scopes)
        {
            var document = solution.GetDocument(scope.SyntaxTree);
            var model = document is null ? null : await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            if (model is null)
            {
                return null;
            }

            foreach (var identifier in scope.DescendantNodes().OfType<IdentifierNameSyntax>())
            {
                if (identifier.Identifier.ValueText != variable.Name
                    || model.GetOperation(identifier, cancellationToken) is not { } reference
                    || !SymbolEqualityComparer.Default.Equals(Referenced(reference), variable))
                {
                    continue;
                }

                switch (reference.Parent)
                {
                    case ISimpleAssignmentOperation assignment when assignment.Target == reference:
                        if (!Injected(assignment.Value, parameters, locatorTypes))
                        {
                            return null;
                        }

                        writes++;
                        break;
                    case IArgumentOperation { Parameter.RefKind: not RefKind.None and not RefKind.In }:
                    case IAssignmentOperation { } other when other.Target == reference:
                        return null;
                }
            }
        }

        return writes == 0 ? null : type.IsVar ? new List<TypeSyntax>() : new List<TypeSyntax> { type };
    }

    internal static ISymbol? Referenced(IOperation reference) => reference switch
    {
        IFieldReferenceOperation field => field.Field,
        IPropertyReferenceOperation property => property.Property,
        ILocalReferenceOperation local => local.Local,
        _ => null,
    };

    /// <summary>True for what the container gives: a constructor parameter, or <c>GetRequiredService&lt;T&gt;()</c> / <c>GetService&lt;T&gt;()</c>.</summary>
    private static bool Injected(IOperation? value, List<IParameterSymbol> parameters, List<TypeSyntax> locatorTypes)
    {
        if (ConstructorParameter(value) is { } parameter)
        {
            parameters.Add(parameter);
            return true;
        }

        if (FromContainer(value)
            && WithoutConversions(value)!.Syntax is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name: GenericNameSyntax generic } }
            && generic.TypeArgumentList.Arguments.Count == 1)
        {
            locatorTypes.Add(generic.TypeArgumentList.Arguments[0]);
            return true;
        }

        return false;
    }

    /// <summary>
    /// True for an unkeyed service asked of the container: <c>GetRequiredService&lt;T&gt;()</c> / <c>GetService&lt;T&gt;()</c>
    /// on a service provider, or on a Semantic Kernel <c>Kernel</c> (whose services are the container's).
    /// </summary>
    internal static bool FromContainer(IOperation? value) =>
        WithoutConversions(value) is IInvocationOperation { TargetMethod: { Name: "GetRequiredService" or "GetService", TypeArguments.Length: 1 } method } invocation
        && (method.ContainingType.ToDisplayString() == "Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions"
            || (method.ContainingType.ToDisplayString() == "Microsoft.SemanticKernel.Kernel"
                && invocation.Arguments.All(a => a.ArgumentKind == ArgumentKind.DefaultValue)));

    /// <summary>An instance constructor's parameter, read as is or through <c>?? throw …</c>, or null.</summary>
    private static IParameterSymbol? ConstructorParameter(IOperation? value)
    {
        while (true)
        {
            switch (value)
            {
                case IConversionOperation { IsImplicit: true } conversion:
                    value = conversion.Operand;
                    continue;
                case ICoalesceOperation { WhenNull: IThrowOperation or IConversionOperation { Operand: IThrowOperation } } coalesce:
                    value = coalesce.Value;
                    continue;
                case IParameterReferenceOperation { Parameter: { ContainingSymbol: IMethodSymbol { MethodKind: MethodKind.Constructor, IsStatic: false } } parameter }:
                    return parameter;
                default:
                    return null;
            }
        }
    }

    /// <summary>
    /// The solution's non-keyed registrations of <paramref name="service"/> that still need rewriting (empty when every
    /// one is verified already), or null where there is none or one does not map.
    /// </summary>
    private static async Task<IReadOnlyList<Registration>?> FindRegistrationsAsync(Project project, INamedTypeSymbol service, VerifiedClientKind kind, ServiceKey key, CancellationToken cancellationToken)
    {
        var found = 0;
        var registrations = new List<Registration>();
        foreach (var document in RelatedProjects(project).SelectMany(p => p.Documents))
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            if (root is null)
            {
                continue;
            }

            SemanticModel? model = null;
            foreach (var invocation in root.DescendantNodes().OfType<InvocationExpressionSyntax>())
            {
                if (invocation.Expression is not MemberAccessExpressionSyntax access || !RegistrationNames.Contains(access.Name.Identifier.ValueText))
                {
                    continue;
                }

                model ??= await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
                if (model?.GetSymbolInfo(invocation, cancellationToken).Symbol is not IMethodSymbol method)
                {
                    continue;
                }

                var keyed = method.Name.StartsWith("AddKeyed", System.StringComparison.Ordinal);
                var registers = Classify(method, service, kind);
                if (registers != Registers.Other && keyed != key.IsKeyed)
                {
                    // Keyed and unkeyed registrations serve different consumers.
                    continue;
                }

                if (registers != Registers.Other && keyed)
                {
                    var registered = invocation.ArgumentList.Arguments.FirstOrDefault() is { NameColon: null } first ? model.GetConstantValue(first.Expression, cancellationToken) : default;
                    if (!registered.HasValue)
                    {
                        // A key that is not a constant may be the consumer's: which one the container resolves is not for the fix to guess.
                        return null;
                    }

                    if (!Equals(registered.Value, key.Value))
                    {
                        continue;
                    }
                }

                switch (registers)
                {
                    case Registers.Verified:
                        found++;
                        break;
                    case Registers.Service:
                        if (Rewrite(model, invocation, access, method, service, kind, keyed) is not { } replacement)
                        {
                            return null;
                        }

                        found++;
                        registrations.Add(new Registration(document.Id, invocation.Span, replacement));
                        break;
                }
            }
        }

        return found == 0 ? null : registrations;
    }

    /// <summary>
    /// The projects one program is made of, as seen from <paramref name="project"/>: itself, the projects it references
    /// and the projects that reference it (the app that registers a library's services). Unrelated projects of the same
    /// solution (other samples, other services) register their own clients and are not looked at.
    /// </summary>
    internal static IEnumerable<Project> RelatedProjects(Project project)
    {
        var graph = project.Solution.GetProjectDependencyGraph();
        return graph.GetProjectsThatThisProjectTransitivelyDependsOn(project.Id)
            .Concat(graph.GetProjectsThatTransitivelyDependOnThisProject(project.Id))
            .Append(project.Id)
            .Distinct()
            .Select(id => project.Solution.GetProject(id))
            .OfType<Project>();
    }

    private enum Registers
    {
        Other,
        Service,
        Verified,
    }

    private static Registers Classify(IMethodSymbol method, INamedTypeSymbol service, VerifiedClientKind kind)
    {
        var definition = method.ReducedFrom ?? method;
        var container = definition.ContainingType.ToDisplayString();
        var unkeyed = method.Name.Replace("AddKeyed", "Add");
        if (container == kind.VerifiedRegistrations && unkeyed == "AddVerified" + kind.Name)
        {
            return !kind.IsGeneric || RegistersService(method, service) ? Registers.Verified : Registers.Other;
        }

        if (container == kind.Registrations && unkeyed == "Add" + kind.Name)
        {
            return !kind.IsGeneric || RegistersService(method, service) ? Registers.Service : Registers.Other;
        }

        return container == ServiceRegistrations && method.TypeArguments.Length >= 1
            && SymbolEqualityComparer.Default.Equals(method.TypeArguments[0], service)
            ? Registers.Service
            : Registers.Other;
    }

    /// <summary>True when an <c>Add*EmbeddingGenerator&lt;TInput, TEmbedding&gt;</c> call registers <paramref name="service"/>.</summary>
    private static bool RegistersService(IMethodSymbol method, INamedTypeSymbol service) =>
        method.TypeArguments.Length == 2
        && method.TypeArguments.Zip(service.TypeArguments, (a, b) => SymbolEqualityComparer.Default.Equals(a, b)).All(same => same);

    /// <summary>The registration rewritten onto OpenVerify.Extensions.AI's, or null where its arguments do not map.</summary>
    private static InvocationExpressionSyntax? Rewrite(SemanticModel model, InvocationExpressionSyntax invocation, MemberAccessExpressionSyntax access,
        IMethodSymbol method, INamedTypeSymbol service, VerifiedClientKind kind, bool keyed)
    {
        var arguments = invocation.ArgumentList.Arguments;
        var first = keyed ? 1 : 0;
        if (arguments.Count < first || arguments.Any(a => a.NameColon is not null || !a.RefKindKeyword.IsKind(SyntaxKind.None)) || method.ReducedFrom is null)
        {
            // The static form (ServiceCollectionServiceExtensions.AddSingleton(services, …)) is left alone.
            return null;
        }

        // A keyed registration: the key first, then what the unkeyed form takes.
        var key = keyed ? arguments[0].Expression : null;
        var isClientRegistration = method.Name.Replace("AddKeyed", "Add") == "Add" + kind.Name;
        var byType = arguments.Count == first && !isClientRegistration && method.TypeArguments.Length == 2;
        ExpressionSyntax value;
        bool isFactory;
        if (byType)
        {
            // AddScoped<IChatClient, MyChatClient>(): the container builds the implementation; the factory builds it the
            // same way (ActivatorUtilities picks the constructor and fills its parameters from the provider).
            if (ByType(model, invocation, method.TypeArguments[1]) is not { } factory)
            {
                return null;
            }

            value = factory;
            isFactory = true;
        }
        else
        {
            var parameters = method.Parameters;
            if (parameters.Length < first + 1 || arguments.Count < first + 1 || parameters[first].Type is not INamedTypeSymbol valueType
                || (!isClientRegistration && !valueType.IsReferenceType))
            {
                return null;
            }

            isFactory = valueType.DelegateInvokeMethod is not null;
            value = arguments[first].Expression;
        }

        if (keyed && isFactory && !isClientRegistration && !byType)
        {
            // AddKeyedSingleton's factory takes (provider, key); the verified registration's takes the provider only.
            if (value is not ParenthesizedLambdaExpressionSyntax { ParameterList.Parameters.Count: 2 } lambda
                || lambda.ParameterList.Parameters[0] is not { } provider || lambda.ParameterList.Parameters[1] is not { } keyParameter
                || lambda.DescendantNodes().OfType<IdentifierNameSyntax>().Any(i => i.Identifier.ValueText == keyParameter.Identifier.ValueText)
                || lambda.AsyncKeyword.IsKind(SyntaxKind.AsyncKeyword))
            {
                return null;
            }

            value = lambda.ExpressionBody is { } body
                ? SyntaxFactory.SimpleLambdaExpression(provider.WithoutTrivia(), body.WithoutTrivia())
                : SyntaxFactory.SimpleLambdaExpression(provider.WithoutTrivia(), lambda.Block!);
        }

        ExpressionSyntax? lifetime;
        if (isClientRegistration)
        {
            if (arguments.Count > first + 2)
            {
                return null;
            }

            lifetime = arguments.Count == first + 2 ? arguments[first + 1].Expression : null;
        }
        else
        {
            if (arguments.Count != (byType ? first : first + 1))
            {
                return null;
            }

            lifetime = method.Name.Replace("AddKeyed", "Add") switch
            {
                "AddSingleton" => null,
                "AddScoped" => SyntaxFactory.ParseExpression("ServiceLifetime.Scoped"),
                "AddTransient" => SyntaxFactory.ParseExpression("ServiceLifetime.Transient"),
                _ => null,
            };
            if (method.Name.Replace("AddKeyed", "Add") is not ("AddSingleton" or "AddScoped" or "AddTransient") || (!isFactory && !method.Name.EndsWith("Singleton", System.StringComparison.Ordinal)))
            {
                return null;
            }
        }

        // The embedding registration takes a factory only; an instance becomes one that returns it.
        if (kind.IsGeneric && !isFactory)
        {
            value = SyntaxFactory.SimpleLambdaExpression(SyntaxFactory.Parameter(SyntaxFactory.Identifier("_")), value.WithoutTrivia());
        }

        var newArguments = new List<ArgumentSyntax> { SyntaxFactory.Argument(value.WithoutTrivia()) };
        if (key is not null)
        {
            newArguments.Insert(0, SyntaxFactory.Argument(key.WithoutTrivia()));
        }

        if (lifetime is not null)
        {
            newArguments.Add(SyntaxFactory.Argument(lifetime.WithoutTrivia())
                .WithNameColon(SyntaxFactory.NameColon("lifetime")));
        }

        var prefix = keyed ? "AddKeyedVerified" : "AddVerified";
        SimpleNameSyntax name = !kind.IsGeneric
            ? SyntaxFactory.IdentifierName(prefix + kind.Name)
            : SyntaxFactory.GenericName(SyntaxFactory.Identifier(prefix + kind.Name), SyntaxFactory.TypeArgumentList(
                SyntaxFactory.SeparatedList(service.TypeArguments.Select(t => SyntaxFactory.ParseTypeName(t.ToMinimalDisplayString(model, invocation.SpanStart))))));
        return invocation
            .WithExpression(access.WithName(name.WithTriviaFrom(access.Name)))
            .WithArgumentList(SyntaxFactory.ArgumentList(SyntaxFactory.SeparatedList(newArguments, Enumerable.Repeat(SyntaxFactory.Token(SyntaxKind.CommaToken).WithTrailingTrivia(SyntaxFactory.Space), newArguments.Count - 1)))
                .WithTriviaFrom(invocation.ArgumentList));
    }

    /// <summary>
    /// <c>sp =&gt; ActivatorUtilities.CreateInstance&lt;TImplementation&gt;(sp)</c> for a registration by implementation type,
    /// or null where the container would hand the implementation something the factory cannot (a constructor parameter
    /// marked <c>[ServiceKey]</c>, which ActivatorUtilities does not fill), there is no class to create, or the class is
    /// Microsoft.Extensions.AI middleware (<c>DelegatingChatClient</c> and friends): the attesting step must sit directly
    /// around the provider's client, so the verified registration refuses middleware as its inner client at run time.
    /// </summary>
    private static ExpressionSyntax? ByType(SemanticModel model, InvocationExpressionSyntax invocation, ITypeSymbol implementation)
    {
        if (implementation is not INamedTypeSymbol { TypeKind: TypeKind.Class, IsAbstract: false } type
            || type.InstanceConstructors.SelectMany(c => c.Parameters).Any(p => p.GetAttributes().Any(a => a.AttributeClass?.Name == "ServiceKeyAttribute"))
            || IsMiddleware(type))
        {
            return null;
        }

        var position = invocation.SpanStart;
        var activator = model.LookupNamespacesAndTypes(position, name: "ActivatorUtilities")
            .Any(s => s.ContainingNamespace?.ToDisplayString() == "Microsoft.Extensions.DependencyInjection")
            ? "ActivatorUtilities"
            : "global::Microsoft.Extensions.DependencyInjection.ActivatorUtilities";
        var provider = model.LookupSymbols(position, name: "sp").IsEmpty ? "sp" : "serviceProvider";
        return SyntaxFactory.ParseExpression($"{provider} => {activator}.CreateInstance<{type.ToMinimalDisplayString(model, position)}>({provider})");
    }

    private static bool IsMiddleware(INamedTypeSymbol type)
    {
        for (var current = type.BaseType; current is not null; current = current.BaseType)
        {
            if (current.Name.StartsWith("Delegating", System.StringComparison.Ordinal) && current.ContainingNamespace?.ToDisplayString() == "Microsoft.Extensions.AI")
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The value under the implicit conversions the compiler adds around it.</summary>
    private static IOperation? WithoutConversions(IOperation? value)
    {
        while (value is IConversionOperation { IsImplicit: true } conversion)
        {
            value = conversion.Operand;
        }

        return value;
    }
}
