using System;
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
    private const string VerifiedRegistrations = "OpenVerify.Extensions.AI.OpenVerifyChatClientServiceCollectionExtensions";
    private const string ChatCompletionServiceType = "Microsoft.SemanticKernel.ChatCompletion.IChatCompletionService";
    private const string BuilderVariable = "kernelBuilder";
    private const string ServicesVariable = "kernelServices";
    private const string RegistrationAnnotation = "OpenVerify.KernelRegistration";

    internal sealed class Plan
    {
        public Plan(DocumentId callDocument, TextSpan callSpan, IReadOnlyList<Registration> registrations, string justification = Justification)
        {
            CallDocument = callDocument;
            CallSpan = callSpan;
            Registrations = registrations;
            Reason = justification;
        }

        /// <summary>What the attribute on the call says.</summary>
        public string Reason { get; }

        /// <summary>The same plan with every registration's names written qualified (<see cref="KernelRegistrationNames"/>).</summary>
        public Plan WithQualifiedNames() => new(CallDocument, CallSpan, Registrations.Select(r => r.WithQualifiedNames()).ToList(), Reason);

        public DocumentId CallDocument { get; }

        public TextSpan CallSpan { get; }

        /// <summary>The chat service registrations to rewrite; none when the kernel is on a verified client already.</summary>
        public IReadOnlyList<Registration> Registrations { get; }
    }

    /// <summary>The statement that registers the chat service and the statements that replace it.</summary>
    internal sealed class Registration
    {
        public Registration(DocumentId document, TextSpan statementSpan, IReadOnlyList<StatementSyntax> replacement, IReadOnlyList<string> usings,
            IReadOnlyList<StatementSyntax>? qualifiedReplacement = null, IReadOnlyList<string>? qualifiedUsings = null)
        {
            Document = document;
            StatementSpan = statementSpan;
            Replacement = replacement;
            Usings = usings;
            QualifiedReplacement = qualifiedReplacement ?? replacement;
            QualifiedUsings = qualifiedUsings ?? usings;
        }

        /// <summary>The replacement with its added names qualified, for a file where the usings would make a name ambiguous.</summary>
        public IReadOnlyList<StatementSyntax> QualifiedReplacement { get; }

        public IReadOnlyList<string> QualifiedUsings { get; }

        public Registration WithQualifiedNames() => new(Document, StatementSpan, QualifiedReplacement, QualifiedUsings);

        public DocumentId Document { get; }

        public TextSpan StatementSpan { get; }

        public IReadOnlyList<StatementSyntax> Replacement { get; }

        /// <summary>The namespaces the replacement's names need.</summary>
        public IReadOnlyList<string> Usings { get; }
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
        var receiver = VerifiedClientRewrite.ReceiverValue(model.GetOperation(node, cancellationToken));
        if (!IsKernelCall(receiver?.Type)
            && !await IsContainerServiceAsync(document.Project.Solution, receiver, ChatCompletionServiceType, cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        var registrations = await FindRegistrationsAsync(document.Project, cancellationToken).ConfigureAwait(false);
        return registrations is null ? null : new Plan(document.Id, diagnostic.Location.SourceSpan, registrations);
    }

    /// <summary>
    /// A call on a Semantic Kernel service (<paramref name="serviceType"/>: <c>IChatCompletionService</c>,
    /// <c>ITextEmbeddingGenerationService</c>) that the container gives: asked of a kernel or service
    /// provider (<c>GetRequiredService&lt;IChatCompletionService&gt;()</c>), a constructor parameter, or a variable that only
    /// ever holds one of these. One built in place (<c>new OpenAIChatCompletionService(…)</c>) is not the kernel's.
    /// </summary>
    internal static async Task<bool> IsContainerServiceAsync(Solution solution, IOperation? receiver, string serviceType, CancellationToken cancellationToken)
    {
        if (receiver?.Type?.ToDisplayString() != serviceType)
        {
            return false;
        }

        switch (receiver)
        {
            case IInvocationOperation:
                return VerifiedClientInjection.FromContainer(receiver);
            case IParameterReferenceOperation { Parameter: { ContainingSymbol: IMethodSymbol { MethodKind: MethodKind.Constructor, IsStatic: false } } }:
                return true;
            case IFieldReferenceOperation { Instance: IInstanceReferenceOperation } or IPropertyReferenceOperation { Instance: IInstanceReferenceOperation } or ILocalReferenceOperation:
                return await VerifiedClientInjection.InjectedVariableAsync(solution, VerifiedClientInjection.Referenced(receiver)!, new List<IParameterSymbol>(), new List<TypeSyntax>(), cancellationToken).ConfigureAwait(false) is not null;
            default:
                return false;
        }
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

    /// <summary>
    /// The plans as they compile: with the added names imported by usings (as code usually reads), else with them
    /// qualified (a using would make a name the code already uses ambiguous), else null.
    /// </summary>
    public static async Task<IReadOnlyList<Plan>?> CompilingAsync(Solution solution, IReadOnlyList<Plan> plans, CancellationToken cancellationToken)
    {
        if (await CompilesAsync(solution, plans, cancellationToken).ConfigureAwait(false))
        {
            return plans;
        }

        var qualified = plans.Select(p => p.WithQualifiedNames()).ToList();
        return await CompilesAsync(solution, qualified, cancellationToken).ConfigureAwait(false) ? qualified : null;
    }

    /// <summary>True when the rewritten projects (and those depending on them) have no more errors than before.</summary>
    public static async Task<bool> CompilesAsync(Solution solution, IReadOnlyList<Plan> plans, CancellationToken cancellationToken) =>
        await NoNewErrorsAsync(
            solution,
            await ApplyAsync(solution, plans, cancellationToken).ConfigureAwait(false),
            plans.Select(p => p.CallDocument.ProjectId).Concat(plans.SelectMany(p => p.Registrations).Select(r => r.Document.ProjectId)),
            cancellationToken).ConfigureAwait(false);

    public static async Task<Solution> ApplyAsync(Solution solution, IReadOnlyList<Plan> plans, CancellationToken cancellationToken)
    {
        // Each registration is rewritten once, however many calls it serves; it is found again by annotation, as marking
        // the calls may move it in its document.
        var registrations = plans.SelectMany(p => p.Registrations)
            .GroupBy(r => (r.Document, r.StatementSpan)).Select(g => g.First()).ToList();
        var annotations = registrations.ToDictionary(r => r, _ => new SyntaxAnnotation(RegistrationAnnotation));
        var result = solution;
        foreach (var group in registrations.GroupBy(r => r.Document))
        {
            var root = await result.GetDocument(group.Key)!.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var statements = group.ToDictionary(r => root!.DescendantNodes(r.StatementSpan).OfType<StatementSyntax>().First(n => n.Span == r.StatementSpan), r => annotations[r]);
            result = result.WithDocumentSyntaxRoot(group.Key, root!.ReplaceNodes(statements.Keys, (original, _) => original.WithAdditionalAnnotations(statements[original])));
        }

        foreach (var group in plans.GroupBy(p => (p.CallDocument, p.Reason)))
        {
            var document = result.GetDocument(group.Key.CallDocument)!;
            var marked = await AllowUnverifiedAiCodeFixProvider.AllowAsync(document, group.Select(p => p.CallSpan).Distinct(), group.Key.Reason, cancellationToken).ConfigureAwait(false);
            result = marked.Project.Solution;
        }

        foreach (var group in registrations.GroupBy(r => r.Document))
        {
            var root = await result.GetDocument(group.Key)!.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var endOfLine = root!.DescendantTrivia().FirstOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia)) is { } eol && eol.IsKind(SyntaxKind.EndOfLineTrivia)
                ? eol
                : SyntaxFactory.CarriageReturnLineFeed;
            foreach (var registration in group)
            {
                var statement = root!.GetAnnotatedNodes(annotations[registration]).OfType<StatementSyntax>().First();
                var indentation = statement.GetLeadingTrivia().LastOrDefault(t => t.IsKind(SyntaxKind.WhitespaceTrivia));
                var replacement = registration.Replacement.Select((s, i) =>
                        (i == 0 ? s.WithLeadingTrivia(statement.GetLeadingTrivia()) : s.WithLeadingTrivia(indentation))
                            .WithTrailingTrivia(i == registration.Replacement.Count - 1 ? statement.GetTrailingTrivia() : SyntaxFactory.TriviaList(endOfLine)))
                    .ToList();
                root = statement.Parent is GlobalStatementSyntax global
                    ? root.ReplaceNode(global, replacement.Select(s => SyntaxFactory.GlobalStatement(s)))
                    : root.ReplaceNode(statement, replacement);
            }

            if (root is CompilationUnitSyntax unit)
            {
                foreach (var name in group.SelectMany(r => r.Usings).Distinct())
                {
                    unit = KernelRegistrationNames.AddUsing(unit, name);
                }

                root = unit;
            }

            result = result.WithDocumentSyntaxRoot(group.Key, root!);
        }

        return result;
    }

    /// <summary>
    /// The program's chat service registrations (in the call's project and the projects related to it) with their
    /// rewrites: empty when every one is verified already, null where there is none, one does not map, or code asks the
    /// container for a service the verified client cannot stand in for.
    /// </summary>
    private static async Task<IReadOnlyList<Registration>?> FindRegistrationsAsync(Project project, CancellationToken cancellationToken)
    {
        var found = 0;
        var registrations = new List<Registration>();
        var documents = VerifiedClientInjection.RelatedProjects(project).SelectMany(p => p.Documents).ToList();
        var asksChatCompletion = false;
        var adaptsVerified = false;
        foreach (var document in documents)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            foreach (var identifier in root?.DescendantNodes().OfType<IdentifierNameSyntax>() ?? Enumerable.Empty<IdentifierNameSyntax>())
            {
                switch (identifier.Identifier.ValueText)
                {
                    case "ITextGenerationService":
                        // The verified client has no text generation adapter: code that asks for one would not find it.
                        return null;
                    case "IChatCompletionService":
                        asksChatCompletion = true;
                        break;
                    case "AsChatCompletionService":
                        adaptsVerified = true;
                        break;
                }
            }
        }

        foreach (var document in documents)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            if (root is null)
            {
                continue;
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

                found++;
                if (access.Expression is InvocationExpressionSyntax previous && IsChatRegistration(model, previous, cancellationToken))
                {
                    // A registration chained on another: rewritten with the run that starts at the first.
                    continue;
                }

                if (IsVerifiedAdapter(model, invocation, "AsChatCompletionService", VerifiedClientRewrite.VerifiedChat, cancellationToken))
                {
                    // The adapter this fix registers over the verified client (a call rewritten before this one).
                    continue;
                }

                if ((method.ReducedFrom ?? method).ContainingType.ToDisplayString() == VerifiedRegistrations)
                {
                    if (asksChatCompletion && !adaptsVerified)
                    {
                        // Verified already, but nothing adapts it to the IChatCompletionService the code asks for.
                        return null;
                    }

                    continue;
                }

                var chatModel = model;
                bool IsRun(InvocationExpressionSyntax next) => IsChatRegistration(chatModel, next, cancellationToken);
                if (Rewrite(model, invocation, access, method, (i, m) => Map(chatModel, i, m, asksChatCompletion, false, cancellationToken), IsRun, cancellationToken) is not { } registration
                    || Rewrite(model, invocation, access, method, (i, m) => Map(chatModel, i, m, asksChatCompletion, true, cancellationToken), IsRun, cancellationToken) is not { } qualified)
                {
                    return null;
                }

                registrations.Add(new Registration(document.Id, registration.Statement.Span, registration.Replacement, registration.Usings, qualified.Replacement, qualified.Usings));
            }
        }

        return found == 0 ? null : registrations;
    }
    /// <summary>
    /// A registration of a Semantic Kernel service as its adapter (<paramref name="adapter"/>) over a verified client or
    /// generator asked of the container: what these fixes write, verified already.
    /// </summary>
    internal static bool IsVerifiedAdapter(SemanticModel model, InvocationExpressionSyntax registration, string adapter, string verifiedType, CancellationToken cancellationToken) =>
        registration.ArgumentList.Arguments.Any(a => a.Expression is LambdaExpressionSyntax lambda
            && lambda.Body is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax adapterAccess } body
            && adapterAccess.Name.Identifier.ValueText == adapter
            && model.GetTypeInfo(adapterAccess.Expression, cancellationToken).Type is INamedTypeSymbol adapted
            && adapted.OriginalDefinition.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat.WithGlobalNamespaceStyle(SymbolDisplayGlobalNamespaceStyle.Omitted).WithGenericsOptions(SymbolDisplayGenericsOptions.None)) == verifiedType.Split('`')[0]
            && model.GetOperation(body, cancellationToken) is IInvocationOperation);

    private static bool IsChatRegistration(SemanticModel model, InvocationExpressionSyntax invocation, CancellationToken cancellationToken) =>
        invocation.Expression is MemberAccessExpressionSyntax access && IsChatRegistrationName(access.Name.Identifier.ValueText)
        && model.GetSymbolInfo(invocation, cancellationToken).Symbol is IMethodSymbol method && RegistersChat(method);

    private static bool IsChatRegistrationName(string name) =>
        name.EndsWith("ChatCompletion", System.StringComparison.Ordinal) || name.EndsWith("ChatClient", System.StringComparison.Ordinal)
        || name.EndsWith("TextGeneration", System.StringComparison.Ordinal)
        || name is "AddSingleton" or "AddScoped" or "AddTransient" or "AddKeyedSingleton" or "AddKeyedScoped" or "AddKeyedTransient";

    /// <summary>A call that registers a chat service: any <c>Add*ChatCompletion</c>/<c>Add*ChatClient</c>, or a service registration of a chat interface.</summary>
    private static bool RegistersChat(IMethodSymbol method)
    {
        if ((method.ReducedFrom ?? method).ContainingType.ToDisplayString() == VerifiedRegistrations)
        {
            return true;
        }

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
    /// A Semantic Kernel OpenAI or Azure OpenAI chat registration (<c>AddOpenAIChatCompletion</c>, <c>AddOpenAIChatClient</c>,
    /// <c>AddAzureOpenAIChatCompletion</c>, <c>AddAzureOpenAIChatClient</c>) rewritten onto the verified client, or null
    /// where it does not map (an argument the verified client has no place for: an HTTP client, a custom endpoint, an API
    /// version, a model id beside a deployment, telemetry settings; another connector; a form that is not a statement or
    /// a chain's head). A <c>serviceId</c> becomes the service key; where the code asks for <c>IChatCompletionService</c>,
    /// the verified client is registered as that too (Semantic Kernel's <c>AsChatCompletionService()</c>).
    /// </summary>
    internal static (StatementSyntax Statement, IReadOnlyList<StatementSyntax> Replacement, IReadOnlyList<string> Usings)? Rewrite(SemanticModel model,
        InvocationExpressionSyntax invocation, MemberAccessExpressionSyntax access, IMethodSymbol method,
        Func<InvocationExpressionSyntax, IMethodSymbol, (Func<ExpressionSyntax, IEnumerable<StatementSyntax>> Register, IReadOnlyList<string> Usings, bool OnBuilder)?> map,
        Func<InvocationExpressionSyntax, bool> isRegistration, CancellationToken cancellationToken)
    {
        // The run of registrations chained from this one (Kernel.CreateBuilder().AddA(…).AddB(…).Build()): each must map.
        var run = new List<Func<ExpressionSyntax, IEnumerable<StatementSyntax>>>();
        var usings = new List<string>();
        var onBuilder = false;
        ExpressionSyntax top = invocation;
        var current = invocation;
        var currentMethod = method;
        while (true)
        {
            if (map(current, currentMethod) is not { } mapped)
            {
                return null;
            }

            run.Add(mapped.Register);
            usings.AddRange(mapped.Usings);
            onBuilder = mapped.OnBuilder;
            top = current;
            if (current.Parent is MemberAccessExpressionSyntax { Parent: InvocationExpressionSyntax next } nextAccess && nextAccess.Expression == current
                && isRegistration(next) && model.GetSymbolInfo(next, cancellationToken).Symbol is IMethodSymbol nextMethod)
            {
                current = next;
                currentMethod = nextMethod;
                continue;
            }

            break;
        }

        IEnumerable<StatementSyntax> Register(ExpressionSyntax receiver) => run.SelectMany(r => r(receiver));
        var registrationsEnd = top;

        // The rest of the chain continues from the builder, declared just before.
        while (top.Parent is MemberAccessExpressionSyntax parentAccess && parentAccess.Expression == top && parentAccess.Parent is InvocationExpressionSyntax call)
        {
            top = call;
        }

        var receiverExpression = access.Expression.WithoutTrivia();
        var simpleReceiver = access.Expression is IdentifierNameSyntax or MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax or ThisExpressionSyntax };
        if (top == registrationsEnd && simpleReceiver
            && (top.Parent is ExpressionStatementSyntax
                || top.Parent is AssignmentExpressionSyntax { Parent: ExpressionStatementSyntax } self && self.Right == top && self.Left.ToString() == receiverExpression.ToString()))
        {
            // A statement of its own, or builder = builder.Add…(…): the registrations on the same receiver.
            var alone = top.Ancestors().OfType<ExpressionStatementSyntax>().First();
            var statements = Register(receiverExpression).ToList();
            return statements.Count == 1 || alone.Parent is BlockSyntax or GlobalStatementSyntax or SwitchSectionSyntax
                ? (alone, statements, usings.Distinct().ToList())
                : null;
        }

        var variable = onBuilder ? BuilderVariable : ServicesVariable;
        if (!(top.Parent is EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax { Variables.Count: 1, Parent: LocalDeclarationStatementSyntax } } }
                 || top.Parent is ExpressionStatementSyntax or ReturnStatementSyntax
                 || top.Parent is AssignmentExpressionSyntax { Parent: ExpressionStatementSyntax } assignment && assignment.Right == top)
            || top.Ancestors().OfType<StatementSyntax>().First() is not { Parent: BlockSyntax or GlobalStatementSyntax } statement
            || model.LookupSymbols(invocation.SpanStart, name: variable).Length > 0)
        {
            return null;
        }

        var builder = SyntaxFactory.IdentifierName(variable);
        var declaration = SyntaxFactory.LocalDeclarationStatement(SyntaxFactory.VariableDeclaration(
            SyntaxFactory.IdentifierName("var"),
            SyntaxFactory.SingletonSeparatedList(SyntaxFactory.VariableDeclarator(SyntaxFactory.Identifier(variable))
                .WithInitializer(SyntaxFactory.EqualsValueClause(receiverExpression)))));
        var rest = top == registrationsEnd && top.Parent is ExpressionStatementSyntax
            ? Enumerable.Empty<StatementSyntax>()
            : new[] { statement.ReplaceNode(registrationsEnd, builder) };
        return (statement, new StatementSyntax[] { declaration }.Concat(Register(builder)).Concat(rest).ToList(), usings.Distinct().ToList());
    }

    /// <summary>One registration call mapped: the statements that register its verified client on a receiver, and what they need.</summary>
    private static (Func<ExpressionSyntax, IEnumerable<StatementSyntax>> Register, IReadOnlyList<string> Usings, bool OnBuilder)? Map(SemanticModel model,
        InvocationExpressionSyntax invocation, IMethodSymbol method, bool asksChatCompletion, bool qualified, CancellationToken cancellationToken)
    {
        var container = (method.ReducedFrom ?? method).ContainingType.ToDisplayString();
        var onBuilder = container is "Microsoft.SemanticKernel.OpenAIKernelBuilderExtensions" or "Microsoft.SemanticKernel.OpenAIChatClientKernelBuilderExtensions"
            or "Microsoft.SemanticKernel.AzureOpenAIKernelBuilderExtensions";
        var azure = container.Contains("AzureOpenAI");
        var known = onBuilder || container is "Microsoft.SemanticKernel.OpenAIServiceCollectionExtensions"
            or "Microsoft.Extensions.DependencyInjection.OpenAIServiceCollectionExtensions"
            or "Microsoft.SemanticKernel.AzureOpenAIServiceCollectionExtensions"
            or "Microsoft.Extensions.DependencyInjection.AzureOpenAIServiceCollectionExtensions";
        if (!known || method.ReducedFrom is null || model.GetOperation(invocation, cancellationToken) is not IInvocationOperation operation
            || method.Name is not ("AddOpenAIChatCompletion" or "AddOpenAIChatClient" or "AddAzureOpenAIChatCompletion" or "AddAzureOpenAIChatClient"))
        {
            return null;
        }

        // The arguments by parameter name; an explicit null for an optional parameter is as good as leaving it out.
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
            ? new[] { "deploymentName", "endpoint", "apiKey", "credentials", "azureOpenAIClient", "serviceId" }
            : new[] { "modelId", "apiKey", "orgId", "openAIClient", "serviceId" };
        if (arguments.Keys.Any(name => !allowed.Contains(name)))
        {
            return null;
        }

        string client;
        var names = new KernelRegistrationNames(qualified);
        names.Extensions("Microsoft.Extensions.AI", "OpenAIClientExtensions");
        names.Extensions(VerifiedClientRewrite.Namespace, "OpenVerifyChatClientServiceCollectionExtensions");
        if (azure)
        {
            if (!arguments.TryGetValue("deploymentName", out var deployment))
            {
                return null;
            }

            string? provider = null;
            if (arguments.TryGetValue("azureOpenAIClient", out var azureClient))
            {
                provider = Operand(azureClient);
            }
            else if (arguments.TryGetValue("endpoint", out var endpoint) && (arguments.TryGetValue("apiKey", out var key) || arguments.TryGetValue("credentials", out key)))
            {
                var credential = arguments.ContainsKey("apiKey") ? $"new {SystemType(names, "ClientModel.ApiKeyCredential")}({key})" : key.ToString();
                provider = $"new {names.Type("Azure.AI.OpenAI", "AzureOpenAIClient")}(new {SystemType(names, "Uri")}({endpoint}), {credential})";
            }

            if (provider is null)
            {
                return null;
            }

            client = $"{provider}.GetChatClient({deployment})";
        }
        else
        {
            if (!arguments.TryGetValue("modelId", out var modelId))
            {
                return null;
            }

            // (modelId, apiKey), (modelId, apiKey, orgId) or (modelId, openAIClient): the same OpenAI client Semantic Kernel would make.
            string provider;
            if (arguments.TryGetValue("openAIClient", out var openAi))
            {
                provider = Operand(openAi);
            }
            else if (!arguments.TryGetValue("apiKey", out var apiKey))
            {
                return null;
            }
            else
            {
                provider = arguments.TryGetValue("orgId", out var orgId)
                    ? $"new {names.Type("OpenAI", "OpenAIClient")}(new {SystemType(names, "ClientModel.ApiKeyCredential")}({apiKey}), new {names.Type("OpenAI", "OpenAIClientOptions")} {{ OrganizationId = {orgId} }})"
                    : $"new {names.Type("OpenAI", "OpenAIClient")}({apiKey})";
            }

            client = $"{provider}.GetChatClient({modelId})";
        }

        var inner = SyntaxFactory.ParseExpression(client + ".AsIChatClient()");
        arguments.TryGetValue("serviceId", out var serviceId);

        var adapt = asksChatCompletion && method.Name.EndsWith("ChatCompletion", System.StringComparison.Ordinal);
        var verifiedClient = "VerifiedChatClient";
        if (adapt)
        {
            names.Namespace("Microsoft.Extensions.DependencyInjection");
            names.Namespace("Microsoft.SemanticKernel.ChatCompletion");
            verifiedClient = names.Type(VerifiedClientRewrite.Namespace, verifiedClient);
        }

        IEnumerable<StatementSyntax> Register(ExpressionSyntax receiver)
        {
            var services = onBuilder ? SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, receiver, SyntaxFactory.IdentifierName("Services")) : receiver;
            yield return Parse(serviceId is null
                ? $"{services}.AddVerifiedChatClient({inner});"
                : $"{services}.AddKeyedVerifiedChatClient({serviceId}, {inner});");
            if (adapt)
            {
                // Semantic Kernel registered its connector as IChatCompletionService too: the code that asks for it gets the verified client's adapter.
                yield return Parse(serviceId is null
                    ? $"{services}.AddSingleton<IChatCompletionService>(sp => sp.GetRequiredService<{verifiedClient}>().AsChatCompletionService(sp));"
                    : $"{services}.AddKeyedSingleton<IChatCompletionService>({serviceId}, (sp, key) => sp.GetRequiredKeyedService<{verifiedClient}>(key).AsChatCompletionService(sp));");
            }
        }

        if (adapt && serviceId is not null and not (LiteralExpressionSyntax or IdentifierNameSyntax or MemberAccessExpressionSyntax))
        {
            // The key is written twice (the client and its adapter): only a plain name or a literal reads the same both times.
            return null;
        }

        return (receiver => Register(receiver).ToList(), names.Usings, onBuilder);
    }

    /// <summary>An operand written before a member access: a name or a call as it is, anything else in parentheses.</summary>
    internal static string Operand(ExpressionSyntax e) => e is IdentifierNameSyntax or MemberAccessExpressionSyntax or InvocationExpressionSyntax ? e.ToString() : "(" + e + ")";

    /// <summary>A type of the <c>System</c> namespaces, written as the plain form always has (<c>System.Uri</c>), or from <c>global::</c>.</summary>
    internal static string SystemType(KernelRegistrationNames names, string name) => (names.Qualified ? "global::System." : "System.") + name;

    /// <summary>A statement the rewrite writes, its qualified names marked for the simplifier.</summary>
    internal static StatementSyntax Parse(string statement) => KernelRegistrationNames.MarkQualified(SyntaxFactory.ParseStatement(statement));
}
