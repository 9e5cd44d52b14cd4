using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using OpenVerify.Analyzers.Diagnostics;

namespace OpenVerify.CodeFixes;

/// <summary>
/// Semantic Kernel's embedding service: rebuilds the program's <c>ITextEmbeddingGenerationService</c> on a
/// <c>VerifiedEmbeddingGenerator</c> through Semantic Kernel's own adapter (<c>AsTextEmbeddingGenerationService</c>), so
/// the code that asks for the service keeps its type and its calls (<c>GenerateEmbeddingAsync</c> still returns the same
/// <c>ReadOnlyMemory&lt;float&gt;</c>), and marks the call with <c>[AllowUnverifiedAi]</c> saying why. Offered only where:
/// <list type="bullet">
/// <item>the flagged call (OV0004) is made on an <c>ITextEmbeddingGenerationService</c> the container gives: asked of the
/// kernel or a service provider, a constructor parameter, or a variable that only ever holds one of these;</item>
/// <item>every embedding registration of the program (the call's project and the projects related to it) is Semantic
/// Kernel's <c>AddOpenAITextEmbeddingGeneration(modelId, apiKey[, orgId])</c> / <c>(modelId, openAIClient)</c> or
/// <c>AddAzureOpenAITextEmbeddingGeneration(deploymentName, endpoint, apiKey or credential)</c> /
/// <c>(deploymentName, azureOpenAIClient)</c>, each with or without a <c>serviceId</c>, on a kernel builder or a service
/// collection — a registration of anything else that generates embeddings (a local service, an
/// <c>IEmbeddingGenerator</c>, which the verified registration would replace) holds the fix back;</item>
/// <item>the project references OpenVerify.Extensions.AI, Microsoft.Extensions.AI.OpenAI and a Semantic Kernel with the
/// adapter, and the result compiles.</item>
/// </list>
/// Each registration becomes <c>Services.AddVerifiedEmbeddingGenerator(_ =&gt; client.GetEmbeddingClient(model).AsIEmbeddingGenerator())</c>
/// and <c>Services.AddSingleton&lt;ITextEmbeddingGenerationService&gt;(sp =&gt; sp.GetRequiredService&lt;VerifiedEmbeddingGenerator&lt;string, Embedding&lt;float&gt;&gt;&gt;().AsTextEmbeddingGenerationService(sp))</c>
/// (keyed by the <c>serviceId</c>): the same model behind the same interface, every batch signed.
/// </summary>
internal static class VerifiedKernelEmbedding
{
    /// <summary>What the fix writes in the attribute: the reason a reviewer reads.</summary>
    public const string Justification = "the kernel's embedding service is Semantic Kernel's adapter over a VerifiedEmbeddingGenerator: every model call is attested";

    private const string TextEmbeddingService = "Microsoft.SemanticKernel.Embeddings.ITextEmbeddingGenerationService";
    private const string Adapters = "Microsoft.SemanticKernel.Embeddings.EmbeddingGenerationExtensions";
    private const string Adapter = "AsTextEmbeddingGenerationService";
    private const string VerifiedRegistrations = "OpenVerify.Extensions.AI.OpenVerifyEmbeddingGeneratorServiceCollectionExtensions";

    public static async Task<VerifiedKernel.Plan?> TryPlanAsync(Document document, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        if (diagnostic.Id != DiagnosticIds.OtherModelCall)
        {
            return null;
        }

        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || model is null
            || VerifiedClientRewrite.PackageType(model.Compilation, VerifiedClientRewrite.VerifiedEmbedding) is null
            || model.Compilation.GetTypeByMetadataName("Microsoft.Extensions.AI.OpenAIClientExtensions") is null
            || model.Compilation.GetTypeByMetadataName(Adapters)?.GetMembers(Adapter).IsEmpty != false)
        {
            return null;
        }

        var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
        var receiver = VerifiedClientRewrite.ReceiverValue(model.GetOperation(node, cancellationToken));
        if (!await VerifiedKernel.IsContainerServiceAsync(document.Project.Solution, receiver, TextEmbeddingService, cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        var registrations = await FindRegistrationsAsync(document.Project, cancellationToken).ConfigureAwait(false);
        return registrations is null ? null : new VerifiedKernel.Plan(document.Id, diagnostic.Location.SourceSpan, registrations, Justification);
    }

    /// <summary>
    /// The program's embedding registrations with their rewrites: empty when the service is on a verified generator
    /// already, null where there is none or one does not map.
    /// </summary>
    private static async Task<IReadOnlyList<VerifiedKernel.Registration>?> FindRegistrationsAsync(Project project, CancellationToken cancellationToken)
    {
        var found = 0;
        var adapted = false;
        var registrations = new List<VerifiedKernel.Registration>();
        foreach (var document in VerifiedClientInjection.RelatedProjects(project).SelectMany(p => p.Documents))
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            if (root is null)
            {
                continue;
            }

            SemanticModel? model = null;
            foreach (var invocation in root.DescendantNodes().OfType<InvocationExpressionSyntax>())
            {
                if (invocation.Expression is not MemberAccessExpressionSyntax access)
                {
                    continue;
                }

                var name = access.Name.Identifier.ValueText;
                adapted |= name == Adapter;
                if (!IsRegistrationName(name))
                {
                    continue;
                }

                model ??= await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
                if (model?.GetSymbolInfo(invocation, cancellationToken).Symbol is not IMethodSymbol method || !RegistersEmbeddings(method))
                {
                    continue;
                }

                found++;
                if (access.Expression is InvocationExpressionSyntax previous && IsRegistration(model, previous, cancellationToken))
                {
                    // Chained on another: rewritten with the run that starts at the first.
                    continue;
                }

                if ((method.ReducedFrom ?? method).ContainingType.ToDisplayString() == VerifiedRegistrations
                    || VerifiedKernel.IsVerifiedAdapter(model, invocation, Adapter, VerifiedClientRewrite.VerifiedEmbedding, cancellationToken))
                {
                    // Verified already: the generator, or the adapter this fix registers over it (a call rewritten before this one).
                    continue;
                }

                var embeddingModel = model;
                bool IsRun(InvocationExpressionSyntax next) => IsRegistration(embeddingModel, next, cancellationToken);
                if (VerifiedKernel.Rewrite(model, invocation, access, method, (i, m) => Map(embeddingModel, i, m, false, cancellationToken), IsRun, cancellationToken) is not { } registration
                    || VerifiedKernel.Rewrite(model, invocation, access, method, (i, m) => Map(embeddingModel, i, m, true, cancellationToken), IsRun, cancellationToken) is not { } qualified)
                {
                    return null;
                }

                registrations.Add(new VerifiedKernel.Registration(document.Id, registration.Statement.Span, registration.Replacement, registration.Usings, qualified.Replacement, qualified.Usings));
            }
        }

        // Verified already but not adapted: the code asking for the Semantic Kernel service would not find it.
        return found == 0 || (registrations.Count == 0 && !adapted) ? null : registrations;
    }

    private static bool IsRegistration(SemanticModel model, InvocationExpressionSyntax invocation, CancellationToken cancellationToken) =>
        invocation.Expression is MemberAccessExpressionSyntax access && IsRegistrationName(access.Name.Identifier.ValueText)
        && model.GetSymbolInfo(invocation, cancellationToken).Symbol is IMethodSymbol method && RegistersEmbeddings(method);

    private static bool IsRegistrationName(string name) =>
        name.EndsWith("EmbeddingGeneration", StringComparison.Ordinal) || name.EndsWith("EmbeddingGenerator", StringComparison.Ordinal)
        || name is "AddSingleton" or "AddScoped" or "AddTransient" or "AddKeyedSingleton" or "AddKeyedScoped" or "AddKeyedTransient";

    /// <summary>A call that registers something that generates embeddings: any <c>Add*EmbeddingGeneration</c>/<c>Add*EmbeddingGenerator</c>, or a service registration of an embedding interface.</summary>
    private static bool RegistersEmbeddings(IMethodSymbol method)
    {
        if (!method.Name.StartsWith("AddSingleton", StringComparison.Ordinal) && !method.Name.StartsWith("AddScoped", StringComparison.Ordinal)
            && !method.Name.StartsWith("AddTransient", StringComparison.Ordinal) && !method.Name.StartsWith("AddKeyed", StringComparison.Ordinal))
        {
            return method.Name.StartsWith("Add", StringComparison.Ordinal);
        }

        return method.TypeArguments.Length >= 1 && method.TypeArguments[0].OriginalDefinition.ToDisplayString() is
            TextEmbeddingService
            or "Microsoft.SemanticKernel.Embeddings.IEmbeddingGenerationService<TValue, TEmbedding>"
            or "Microsoft.Extensions.AI.IEmbeddingGenerator<TInput, TEmbedding>";
    }

    /// <summary>
    /// One Semantic Kernel OpenAI or Azure OpenAI text embedding registration mapped onto the verified generator and
    /// Semantic Kernel's adapter, or null where an argument has no place there (dimensions, an HTTP client, an endpoint
    /// of its own, a model id beside a deployment).
    /// </summary>
    private static (Func<ExpressionSyntax, IEnumerable<StatementSyntax>> Register, IReadOnlyList<string> Usings, bool OnBuilder)? Map(SemanticModel model,
        InvocationExpressionSyntax invocation, IMethodSymbol method, bool qualified, CancellationToken cancellationToken)
    {
        var container = (method.ReducedFrom ?? method).ContainingType.ToDisplayString();
        var onBuilder = container is "Microsoft.SemanticKernel.OpenAIKernelBuilderExtensions" or "Microsoft.SemanticKernel.AzureOpenAIKernelBuilderExtensions";
        var known = onBuilder || container is "Microsoft.SemanticKernel.OpenAIServiceCollectionExtensions"
            or "Microsoft.Extensions.DependencyInjection.OpenAIServiceCollectionExtensions"
            or "Microsoft.SemanticKernel.AzureOpenAIServiceCollectionExtensions"
            or "Microsoft.Extensions.DependencyInjection.AzureOpenAIServiceCollectionExtensions";
        var azure = method.Name == "AddAzureOpenAITextEmbeddingGeneration";
        if (!known || method.ReducedFrom is null || model.GetOperation(invocation, cancellationToken) is not IInvocationOperation operation
            || !(azure || method.Name == "AddOpenAITextEmbeddingGeneration"))
        {
            return null;
        }

        var arguments = new Dictionary<string, ExpressionSyntax>();
        foreach (var argument in operation.Arguments)
        {
            if (argument.ArgumentKind != ArgumentKind.Explicit || argument.Parameter is null || argument.Syntax is not ArgumentSyntax syntax
                || argument.Parameter.Ordinal == 0 || (argument.Parameter.IsOptional && syntax.Expression.IsKind(SyntaxKind.NullLiteralExpression)))
            {
                continue;
            }

            arguments[argument.Parameter.Name] = syntax.Expression.WithoutTrivia();
        }

        var allowed = azure
            ? new[] { "deploymentName", "endpoint", "apiKey", "credential", "credentials", "azureOpenAIClient", "serviceId" }
            : new[] { "modelId", "apiKey", "orgId", "openAIClient", "serviceId" };
        if (arguments.Keys.Any(name => !allowed.Contains(name)))
        {
            return null;
        }

        var names = new KernelRegistrationNames(qualified);
        names.Extensions("Microsoft.Extensions.AI", "OpenAIClientExtensions");
        names.Extensions(VerifiedClientRewrite.Namespace, "OpenVerifyEmbeddingGeneratorServiceCollectionExtensions");
        names.Namespace("Microsoft.Extensions.DependencyInjection");
        names.Namespace("Microsoft.SemanticKernel.Embeddings");
        string? provider = null;
        string? deployment;
        if (azure)
        {
            if (!arguments.TryGetValue("deploymentName", out var deploymentName))
            {
                return null;
            }

            deployment = deploymentName.ToString();
            if (arguments.TryGetValue("azureOpenAIClient", out var azureClient))
            {
                provider = VerifiedKernel.Operand(azureClient);
            }
            else if (arguments.TryGetValue("endpoint", out var endpoint)
                     && (arguments.TryGetValue("apiKey", out var key) || arguments.TryGetValue("credential", out key) || arguments.TryGetValue("credentials", out key)))
            {
                var credential = arguments.ContainsKey("apiKey") ? $"new {VerifiedKernel.SystemType(names, "ClientModel.ApiKeyCredential")}({key})" : key.ToString();
                provider = $"new {names.Type("Azure.AI.OpenAI", "AzureOpenAIClient")}(new {VerifiedKernel.SystemType(names, "Uri")}({endpoint}), {credential})";
            }
        }
        else
        {
            if (!arguments.TryGetValue("modelId", out var modelId))
            {
                return null;
            }

            deployment = modelId.ToString();
            if (arguments.TryGetValue("openAIClient", out var openAi))
            {
                provider = VerifiedKernel.Operand(openAi);
            }
            else if (arguments.TryGetValue("apiKey", out var apiKey))
            {
                provider = arguments.TryGetValue("orgId", out var orgId)
                    ? $"new {names.Type("OpenAI", "OpenAIClient")}(new {VerifiedKernel.SystemType(names, "ClientModel.ApiKeyCredential")}({apiKey}), new {names.Type("OpenAI", "OpenAIClientOptions")} {{ OrganizationId = {orgId} }})"
                    : $"new {names.Type("OpenAI", "OpenAIClient")}({apiKey})";
            }
        }

        if (provider is null)
        {
            return null;
        }

        arguments.TryGetValue("serviceId", out var serviceId);
        if (serviceId is not null and not (LiteralExpressionSyntax or IdentifierNameSyntax or MemberAccessExpressionSyntax))
        {
            // The key is written twice (the generator and its adapter): only a plain name or a literal reads the same both times.
            return null;
        }

        var generator = $"{names.Type(VerifiedClientRewrite.Namespace, "VerifiedEmbeddingGenerator")}<string, {names.Type("Microsoft.Extensions.AI", "Embedding")}<float>>";
        var inner = $"{provider}.GetEmbeddingClient({deployment}).AsIEmbeddingGenerator()";

        IEnumerable<StatementSyntax> Register(ExpressionSyntax receiver)
        {
            var services = onBuilder ? SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, receiver, SyntaxFactory.IdentifierName("Services")) : receiver;
            if (serviceId is null)
            {
                yield return VerifiedKernel.Parse($"{services}.AddVerifiedEmbeddingGenerator(_ => {inner});");
                yield return VerifiedKernel.Parse($"{services}.AddSingleton<ITextEmbeddingGenerationService>(sp => sp.GetRequiredService<{generator}>().{Adapter}(sp));");
            }
            else
            {
                yield return VerifiedKernel.Parse($"{services}.AddKeyedVerifiedEmbeddingGenerator({serviceId}, _ => {inner});");
                yield return VerifiedKernel.Parse($"{services}.AddKeyedSingleton<ITextEmbeddingGenerationService>({serviceId}, (sp, key) => sp.GetRequiredKeyedService<{generator}>(key).{Adapter}(sp));");
            }
        }

        return (receiver => Register(receiver).ToList(), names.Usings, onBuilder);
    }
}
