using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;
using OpenVerify.Analyzers.Diagnostics;
using static OpenVerify.CodeFixes.CompileCheck;

namespace OpenVerify.CodeFixes;

/// <summary>
/// Semantic Kernel: rebuilds the solution's kernel on a <c>VerifiedChatClient</c> and marks the call into the kernel
/// with <c>[AllowUnverifiedAi]</c>, saying why (the compiler cannot see the client inside a <c>Kernel</c>). Offered only
/// where:
/// <list type="bullet">
/// <item>the flagged call is made on a <c>Microsoft.SemanticKernel.Kernel</c> (<c>InvokeAsync</c>, <c>InvokePromptAsync</c>
/// and their streaming forms) or on a <c>KernelFunction</c> (<c>function.InvokeAsync(kernel, …)</c>);</item>
/// <item>the solution registers exactly one chat service, and it is Semantic Kernel's
/// <c>AddOpenAIChatCompletion(modelId, apiKey[, orgId])</c> or <c>AddOpenAIChatCompletion(modelId, openAIClient)</c> on a kernel
/// builder or a service collection, as a statement of its own or at the head of a chain (<c>Kernel.CreateBuilder()
/// .AddOpenAIChatCompletion(…).Build()</c>) — or it is <c>AddVerifiedChatClient</c> already, when only the call is marked;</item>
/// <item>nothing in the solution asks the kernel for <c>IChatCompletionService</c> or <c>ITextGenerationService</c> (the
/// verified client is registered as <c>IChatClient</c>, which prompt functions use);</item>
/// <item>the project references OpenVerify.Extensions.AI and Microsoft.Extensions.AI.OpenAI, and the result compiles.</item>
/// </list>
/// The registration becomes <c>Services.AddVerifiedChatClient(new OpenAIClient(apiKey).GetChatClient(modelId).AsIChatClient())</c>:
/// the kernel's prompt functions then call the verified client, whose signer is the kernel's registered <c>ISigner</c>
/// or the runtime's (<c>OpenVerifyRuntime.ResolveSigner()</c>).
/// </summary>
internal static class VerifiedKernel
{
    /// <summary>What the fix writes in the attribute: the reason a reviewer reads.</summary>
    public const string Justification = "the kernel's IChatClient is a VerifiedChatClient: every model call is attested";

    private const string KernelType = "Microsoft.SemanticKernel.Kernel";
    private const string FunctionType = "Microsoft.SemanticKernel.KernelFunction";
    private const string BuilderVariable = "kernelBuilder";
    private static readonly SyntaxAnnotation RegistrationAnnotation = new("OpenVerify.KernelRegistration");

    internal sealed class Plan
    {
        public Plan(DocumentId callDocument, TextSpan callSpan, Registration? registration)
        {
            CallDocument = callDocument;
            CallSpan = callSpan;
            Registration = registration;
        }

        public DocumentId CallDocument { get; }

        public TextSpan CallSpan { get; }

        /// <summary>The chat service registration to rewrite; null when the kernel is on a verified client already.</summary>
        public Registration? Registration { get; }
    }

    /// <summary>The statement that registers the chat service and the statements that replace it.</summary>
    internal sealed class Registration
    {
        public Registration(DocumentId document, TextSpan statementSpan, IReadOnlyList<StatementSyntax> replacement)
        {
            Document = document;
            StatementSpan = statementSpan;
            Replacement = replacement;
        }

        public DocumentId Document { get; }

        public TextSpan StatementSpan { get; }

        public IReadOnlyList<StatementSyntax> Replacement { get; }
    }

    public static async Task<Plan?> TryPlanAsync(Document document, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        if (diagnostic.Id != DiagnosticIds.ChatOrTextGeneration)
        {
            return null;
        }

        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || model is null
            || VerifiedClientRewrite.PackageType(model.Compilation, VerifiedClientRewrite.VerifiedChat) is null
            || model.Compilation.GetTypeByMetadataName("Microsoft.Extensions.AI.OpenAIClientExtensions") is null)
        {
            return null;
        }

        var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
        if (!IsKernelCall(VerifiedClientRewrite.ReceiverValue(model.GetOperation(node, cancellationToken))?.Type))
        {
            return null;
        }

        var (found, registration) = await FindRegistrationAsync(document.Project, cancellationToken).ConfigureAwait(false);
        return found ? new Plan(document.Id, diagnostic.Location.SourceSpan, registration) : null;
    }

    /// <summary>A call on a <c>Kernel</c>, or on a <c>KernelFunction</c> (which runs on the kernel it is handed).</summary>
    private static bool IsKernelCall(ITypeSymbol? receiver)
    {
        for (var type = receiver; type is not null; type = type.BaseType)
        {
            if (type.ToDisplayString() is KernelType or FunctionType)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when the rewritten projects (and those depending on them) have no more errors than before.</summary>
    public static async Task<bool> CompilesAsync(Solution solution, IReadOnlyList<Plan> plans, CancellationToken cancellationToken)
    {
        var rewritten = await ApplyAsync(solution, plans, cancellationToken).ConfigureAwait(false);
        var graph = solution.GetProjectDependencyGraph();
        var projects = plans.Select(p => p.CallDocument.ProjectId)
            .Concat(plans.Select(p => p.Registration).Where(r => r is not null).Select(r => r!.Document.ProjectId))
            .Distinct()
            .SelectMany(p => graph.GetProjectsThatTransitivelyDependOnThisProject(p).Append(p))
            .Distinct();
        foreach (var project in projects)
        {
            if (await ErrorCountAsync(rewritten.GetProject(project), cancellationToken).ConfigureAwait(false)
                > await ErrorCountAsync(solution.GetProject(project), cancellationToken).ConfigureAwait(false))
            {
                return false;
            }
        }

        return true;
    }

    public static async Task<Solution> ApplyAsync(Solution solution, IReadOnlyList<Plan> plans, CancellationToken cancellationToken)
    {
        // The registration is found again by annotation: marking the calls may move it in its document.
        var registration = plans.Select(p => p.Registration).FirstOrDefault(r => r is not null);
        var result = solution;
        if (registration is not null)
        {
            var root = await solution.GetDocument(registration.Document)!.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var statement = root!.DescendantNodes(registration.StatementSpan).OfType<StatementSyntax>().First(n => n.Span == registration.StatementSpan);
            result = result.WithDocumentSyntaxRoot(registration.Document, root!.ReplaceNode(statement, statement.WithAdditionalAnnotations(RegistrationAnnotation)));
        }

        foreach (var group in plans.GroupBy(p => p.CallDocument))
        {
            var document = result.GetDocument(group.Key)!;
            var marked = await AllowUnverifiedAiCodeFixProvider.AllowAsync(document, group.Select(p => p.CallSpan).Distinct(), Justification, cancellationToken).ConfigureAwait(false);
            result = marked.Project.Solution;
        }

        if (registration is not null)
        {
            var document = result.GetDocument(registration.Document)!;
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var statement = root!.GetAnnotatedNodes(RegistrationAnnotation).OfType<StatementSyntax>().First();
            var indentation = statement.GetLeadingTrivia().LastOrDefault(t => t.IsKind(SyntaxKind.WhitespaceTrivia));
            var endOfLine = root.DescendantTrivia().FirstOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia)) is { } eol && eol.IsKind(SyntaxKind.EndOfLineTrivia)
                ? eol
                : SyntaxFactory.CarriageReturnLineFeed;
            var replacement = registration.Replacement.Select((s, i) =>
                    (i == 0 ? s.WithLeadingTrivia(statement.GetLeadingTrivia()) : s.WithLeadingTrivia(indentation))
                        .WithTrailingTrivia(i == registration.Replacement.Count - 1 ? statement.GetTrailingTrivia() : SyntaxFactory.TriviaList(endOfLine)))
                .ToList();
            SyntaxNode newRoot = statement.Parent is GlobalStatementSyntax global
                ? root.ReplaceNode(global, replacement.Select(s => SyntaxFactory.GlobalStatement(s)))
                : root.ReplaceNode(statement, replacement);
            if (newRoot is CompilationUnitSyntax unit)
            {
                foreach (var name in new[] { "Microsoft.Extensions.AI", "OpenAI", VerifiedClientRewrite.Namespace })
                {
                    if (!unit.Usings.Any(u => u.Alias is null && u.Name?.ToString() == name))
                    {
                        unit = VerifiedClientRewrite.AddUsing(unit, name);
                    }
                }

                newRoot = unit;
            }

            result = result.WithDocumentSyntaxRoot(registration.Document, newRoot);
        }

        return result;
    }

    /// <summary>The program's one chat service registration (in the call's project and the projects related to it): found with its rewrite, found already verified, or not found.</summary>
    private static async Task<(bool Found, Registration? Registration)> FindRegistrationAsync(Project project, CancellationToken cancellationToken)
    {
        var candidates = new List<Registration?>();
        foreach (var document in VerifiedClientInjection.RelatedProjects(project).SelectMany(p => p.Documents))
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            if (root is null)
            {
                continue;
            }

            if (root.DescendantNodes().OfType<IdentifierNameSyntax>().Any(i => i.Identifier.ValueText is "IChatCompletionService" or "ITextGenerationService"))
            {
                // Code that asks the kernel for Semantic Kernel's own service would not find it once the client is an IChatClient.
                return (false, null);
            }

            SemanticModel? model = null;
            foreach (var invocation in root.DescendantNodes().OfType<InvocationExpressionSyntax>())
            {
                if (invocation.Expression is not MemberAccessExpressionSyntax access || !IsChatRegistrationName(access.Name.Identifier.ValueText))
                {
                    continue;
                }

                model ??= await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
                if (model?.GetSymbolInfo(invocation, cancellationToken).Symbol is not IMethodSymbol method
                    || !RegistersChat(method))
                {
                    continue;
                }

                if ((method.ReducedFrom ?? method).ContainingType.ToDisplayString() == "OpenVerify.Extensions.AI.OpenVerifyChatClientServiceCollectionExtensions")
                {
                    candidates.Add(null);
                    continue;
                }

                if (Rewrite(model, invocation, access, method) is not { } registration)
                {
                    return (false, null);
                }

                candidates.Add(new Registration(document.Id, registration.Statement.Span, registration.Replacement));
            }
        }

        return candidates.Count == 1 ? (true, candidates[0]) : (false, null);
    }

    private static bool IsChatRegistrationName(string name) =>
        name.EndsWith("ChatCompletion", System.StringComparison.Ordinal) || name.EndsWith("ChatClient", System.StringComparison.Ordinal)
        || name.EndsWith("TextGeneration", System.StringComparison.Ordinal)
        || name is "AddSingleton" or "AddScoped" or "AddTransient" or "AddKeyedSingleton" or "AddKeyedScoped" or "AddKeyedTransient";

    /// <summary>A call that registers a chat service: any <c>Add*ChatCompletion</c>/<c>Add*ChatClient</c>, or a service registration of a chat interface.</summary>
    private static bool RegistersChat(IMethodSymbol method)
    {
        if (!method.Name.StartsWith("AddSingleton", System.StringComparison.Ordinal) && !method.Name.StartsWith("AddScoped", System.StringComparison.Ordinal)
            && !method.Name.StartsWith("AddTransient", System.StringComparison.Ordinal) && !method.Name.StartsWith("AddKeyed", System.StringComparison.Ordinal))
        {
            return method.Name.StartsWith("Add", System.StringComparison.Ordinal);
        }

        return method.TypeArguments.Length >= 1 && method.TypeArguments[0].ToDisplayString() is
            "Microsoft.Extensions.AI.IChatClient"
            or "Microsoft.SemanticKernel.ChatCompletion.IChatCompletionService"
            or "Microsoft.SemanticKernel.TextGeneration.ITextGenerationService"
            or VerifiedClientRewrite.VerifiedChat;
    }

    /// <summary>
    /// <c>AddOpenAIChatCompletion(modelId, apiKey)</c> / <c>(modelId, openAIClient)</c> rewritten onto the verified client, or
    /// null where it does not map (other arguments, another connector, a form that is not a statement or a chain's head).
    /// </summary>
    private static (StatementSyntax Statement, IReadOnlyList<StatementSyntax> Replacement)? Rewrite(SemanticModel model, InvocationExpressionSyntax invocation,
        MemberAccessExpressionSyntax access, IMethodSymbol method)
    {
        var definition = method.ReducedFrom ?? method;
        var container = definition.ContainingType.ToDisplayString();
        var arguments = invocation.ArgumentList.Arguments;
        if (method.Name != "AddOpenAIChatCompletion" || method.ReducedFrom is null
            || container is not ("Microsoft.SemanticKernel.OpenAIKernelBuilderExtensions" or "Microsoft.SemanticKernel.OpenAIServiceCollectionExtensions")
            || arguments.Count is < 2 or > 3 || arguments.Any(a => a.NameColon is not null)
            || method.Parameters.Length < 2 || method.Parameters[0].Type.SpecialType != SpecialType.System_String
            || arguments[1].Expression.IsKind(SyntaxKind.NullLiteralExpression))
        {
            return null;
        }

        // (modelId, apiKey), (modelId, apiKey, orgId) or (modelId, openAIClient): the same OpenAI client Semantic Kernel would make.
        var modelId = arguments[0].Expression.WithoutTrivia();
        var second = arguments[1].Expression.WithoutTrivia();
        var withKey = method.Parameters[1].Type.SpecialType == SpecialType.System_String;
        if (arguments.Count == 3 && (!withKey || method.Parameters[2].Name != "orgId"))
        {
            return null;
        }

        var openAi = !withKey
            ? (second is IdentifierNameSyntax or MemberAccessExpressionSyntax or InvocationExpressionSyntax ? second.ToString() : "(" + second + ")")
            : arguments.Count == 3
                ? $"new OpenAIClient(new System.ClientModel.ApiKeyCredential({second}), new OpenAIClientOptions {{ OrganizationId = {arguments[2].Expression.WithoutTrivia()} }})"
                : $"new OpenAIClient({second})";
        var inner = SyntaxFactory.ParseExpression($"{openAi}.GetChatClient({modelId}).AsIChatClient()");
        var onBuilder = container == "Microsoft.SemanticKernel.OpenAIKernelBuilderExtensions";

        // The registration at the head of a chain: the rest of the chain continues from the builder, declared just before.
        ExpressionSyntax top = invocation;
        while (top.Parent is MemberAccessExpressionSyntax parentAccess && parentAccess.Expression == top && parentAccess.Parent is InvocationExpressionSyntax call)
        {
            top = call;
        }

        StatementSyntax Register(ExpressionSyntax receiver) => SyntaxFactory.ExpressionStatement(SyntaxFactory.InvocationExpression(
            SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression,
                onBuilder ? SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, receiver, SyntaxFactory.IdentifierName("Services")) : receiver,
                SyntaxFactory.IdentifierName("AddVerifiedChatClient")),
            SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(inner)))));

        if (top == invocation && invocation.Parent is ExpressionStatementSyntax alone)
        {
            return access.Expression is IdentifierNameSyntax or MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax or ThisExpressionSyntax }
                ? (alone, new[] { Register(access.Expression.WithoutTrivia()) })
                : null;
        }

        if (top == invocation || !onBuilder
            || !(top.Parent is EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax { Variables.Count: 1, Parent: LocalDeclarationStatementSyntax } } }
                 || top.Parent is ExpressionStatementSyntax
                 || top.Parent is AssignmentExpressionSyntax { Parent: ExpressionStatementSyntax } assignment && assignment.Right == top)
            || top.Ancestors().OfType<StatementSyntax>().First() is not { Parent: BlockSyntax or GlobalStatementSyntax } statement
            || model.LookupSymbols(invocation.SpanStart, name: BuilderVariable).Length > 0)
        {
            return null;
        }

        var builder = SyntaxFactory.IdentifierName(BuilderVariable);
        var declaration = SyntaxFactory.LocalDeclarationStatement(SyntaxFactory.VariableDeclaration(
            SyntaxFactory.IdentifierName("var"),
            SyntaxFactory.SingletonSeparatedList(SyntaxFactory.VariableDeclarator(SyntaxFactory.Identifier(BuilderVariable))
                .WithInitializer(SyntaxFactory.EqualsValueClause(access.Expression.WithoutTrivia())))));
        return (statement, new StatementSyntax[] { declaration, Register(builder), statement.ReplaceNode(invocation, builder) });
    }
}
