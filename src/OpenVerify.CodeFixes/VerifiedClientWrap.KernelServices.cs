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

namespace OpenVerify.CodeFixes;

/// <summary>
/// Semantic Kernel's services verified where they are received: an <c>IChatCompletionService</c> or
/// <c>ITextEmbeddingGenerationService</c> that comes from somewhere the kernel fixes cannot rewrite (a registration by
/// another library or by type, a kernel handed in, a parameter) is wrapped, through Semantic Kernel's own
/// Microsoft.Extensions.AI bridges, over a verified client and kept as the service its code calls:
/// <list type="bullet">
/// <item>chat: <c>service.AsChatClient().AsBuilder().UseKernelFunctionInvocation().UseOpenVerify().BuildVerified().AsChatCompletionService()</c>
/// — Semantic Kernel's function invocation goes outside the attesting step (as Semantic Kernel builds its own chat
/// clients), so automatic function calling still runs the kernel's functions and each round trip is signed;</item>
/// <item>embeddings: <c>service.AsEmbeddingGenerator().AsVerified().AsTextEmbeddingGenerationService()</c>.</item>
/// </list>
/// The variable, primary constructor parameter or call receiver is rewritten as for a chat client (see
/// <see cref="VerifiedClientWrap"/>), keeping its type. The analyzer sees the chain (at the call, or in every value of
/// a local or private field written in one file), so the call is left unmarked and removing the wrapping brings the
/// diagnostic back; only a field whose values are written in another file gets <c>[AllowUnverifiedAi("…")]</c> on the
/// call. Not offered where a kernel fix
/// ("Build the kernel on a VerifiedChatClient", "Build the kernel's embedding service on a VerifiedEmbeddingGenerator")
/// is: a registration found in the program is rebuilt verified instead.
/// </summary>
internal static partial class VerifiedClientWrap
{
    /// <summary>What the fix writes in the attribute for a chat service.</summary>
    public const string KernelChatJustification = "the Semantic Kernel chat service is wrapped over a VerifiedChatClient where it is received: every model call is attested";

    /// <summary>What the fix writes in the attribute for an embedding service.</summary>
    public const string KernelEmbeddingJustification = "the Semantic Kernel embedding service is wrapped over a VerifiedEmbeddingGenerator where it is received: every model call is attested";

    private const string MarkAnnotation = "OpenVerify.WrapMark";
    private const string ChatService = "Microsoft.SemanticKernel.ChatCompletion.IChatCompletionService";
    private const string EmbeddingService = "Microsoft.SemanticKernel.Embeddings.ITextEmbeddingGenerationService";
    private const string ChatChain = "AsChatClient().AsBuilder().UseKernelFunctionInvocation().UseOpenVerify().BuildVerified().AsChatCompletionService()";
    private const string EmbeddingChain = "AsEmbeddingGenerator().AsVerified().AsTextEmbeddingGenerationService()";

    // What a client gets before Semantic Kernel's adapter makes it a chat service: the chain's middle, with the kernel's
    // function invocation outside the attesting step as in ChatChain.
    private const string KernelClientChain = "AsBuilder().UseKernelFunctionInvocation().UseOpenVerify().BuildVerified()";

    // The namespaces of the extension methods each chain calls, or (where a namespace would make a name the file uses
    // ambiguous, such as Microsoft.Extensions.AI's TextContent beside Semantic Kernel's) their classes.
    private static readonly string[] ChatUsings = { "Microsoft.Extensions.AI", "Microsoft.SemanticKernel", "Microsoft.SemanticKernel.ChatCompletion", VerifiedClientRewrite.Namespace };
    private static readonly string[] ChatStaticUsings =
    {
        "static Microsoft.Extensions.AI.ChatClientBuilderChatClientExtensions",
        "static Microsoft.SemanticKernel.KernelFunctionInvokingChatClientBuilderExtensions",
        "static Microsoft.SemanticKernel.ChatCompletion.ChatCompletionServiceExtensions",
        "static Microsoft.SemanticKernel.ChatCompletion.ChatClientExtensions",
        "static OpenVerify.Extensions.AI.OpenVerifyChatClientBuilderExtensions",
    };

    private static readonly string[] EmbeddingUsings = { "Microsoft.SemanticKernel.Embeddings", VerifiedClientRewrite.Namespace };
    private static readonly string[] EmbeddingStaticUsings = { "static Microsoft.SemanticKernel.Embeddings.EmbeddingGenerationExtensions", "static OpenVerify.Extensions.AI.OpenVerifyClientExtensions" };

    /// <summary>What a received value becomes: the verified client, or a Semantic Kernel service over one.</summary>
    internal sealed class Wrapping
    {
        public Wrapping(string title, bool isChat, Func<ExpressionSyntax, bool, ExpressionSyntax> wrap, string? reason = null,
            IReadOnlyList<string>? usings = null, IReadOnlyList<string>? qualifiedUsings = null, VerifiedClientKind? kind = null)
        {
            Title = title;
            Kind = kind;
            IsChat = isChat;
            Wrap = wrap;
            Reason = reason;
            Usings = usings ?? Array.Empty<string>();
            QualifiedUsings = qualifiedUsings ?? Usings;
        }

        /// <summary>The fix's title, also the equivalence key Fix All groups by.</summary>
        public string Title { get; }

        public bool IsChat { get; }

        /// <summary>The Microsoft.Extensions.AI client kind a client wrapping verifies; null for a Semantic Kernel service.</summary>
        public VerifiedClientKind? Kind { get; }

        /// <summary>The wrapped value, given the value and whether it may be null (then wrapped through <c>?.</c>).</summary>
        public Func<ExpressionSyntax, bool, ExpressionSyntax> Wrap { get; }

        /// <summary>The justification of the mark on the call; null where the call's receiver becomes a verified type.</summary>
        public string? Reason { get; }

        public bool IsKernelService => Reason is not null;

        /// <summary>The usings the wrapping's extension methods need (a namespace, or <c>static</c> and a class).</summary>
        public IReadOnlyList<string> Usings { get; }

        /// <summary>The same, imported with <c>using static</c> only, for a file where a namespace would make a name ambiguous.</summary>
        public IReadOnlyList<string> QualifiedUsings { get; }
    }

    /// <summary>A call marked with <c>[AllowUnverifiedAi(reason)]</c>.</summary>
    internal sealed class CallMark
    {
        public CallMark(DocumentId document, TextSpan span, string reason)
        {
            Document = document;
            Span = span;
            Reason = reason;
        }

        public DocumentId Document { get; }

        public TextSpan Span { get; }

        public string Reason { get; }
    }

    /// <summary><c>client.AsVerified()</c>, or <c>client?.AsVerified()</c>: the client re-typed to the verified type.</summary>
    private static Wrapping ClientWrapping(VerifiedClientKind kind) => new(
        kind.Pick(VerifiedClientWrapCodeFixProvider.ChatTitle, VerifiedClientWrapCodeFixProvider.EmbeddingTitle, VerifiedClientWrapCodeFixProvider.SpeechToTextTitle,
            VerifiedClientWrapCodeFixProvider.TextToSpeechTitle, VerifiedClientWrapCodeFixProvider.ImageGeneratorTitle),
        kind.IsChat,
        (receiver, mayBeNull) => mayBeNull
            ? SyntaxFactory.ConditionalAccessExpression(receiver, SyntaxFactory.InvocationExpression(SyntaxFactory.MemberBindingExpression(SyntaxFactory.IdentifierName(Extension))))
            : Call(receiver, Extension),
        kind: kind);

    /// <summary>The wrapping of a Semantic Kernel service the call is made on, or null where the receiver is none or the bridges are missing.</summary>
    private static Wrapping? KernelServiceWrapping(Compilation compilation, bool isChat, ITypeSymbol? receiverType)
    {
        var service = compilation.GetTypeByMetadataName(isChat ? ChatService : EmbeddingService);
        if (receiverType is null || service is null
            || !(SymbolEqualityComparer.Default.Equals(receiverType, service) || receiverType.AllInterfaces.Contains(service, SymbolEqualityComparer.Default)))
        {
            return null;
        }

        if (isChat)
        {
            if (!HasMember(compilation, "Microsoft.SemanticKernel.ChatCompletion.ChatCompletionServiceExtensions", "AsChatClient")
                || !HasMember(compilation, "Microsoft.SemanticKernel.ChatCompletion.ChatClientExtensions", "AsChatCompletionService")
                || !HasMember(compilation, "Microsoft.SemanticKernel.KernelFunctionInvokingChatClientBuilderExtensions", "UseKernelFunctionInvocation"))
            {
                return null;
            }

            return new Wrapping(
                VerifiedClientWrapCodeFixProvider.KernelChatTitle,
                isChat: true,
                (receiver, mayBeNull) => SyntaxFactory.ParseExpression(receiver + (mayBeNull ? "?." : ".") + ChatChain),
                KernelChatJustification,
                ChatUsings,
                ChatStaticUsings);
        }

        if (!HasMember(compilation, "Microsoft.SemanticKernel.Embeddings.EmbeddingGenerationExtensions", "AsEmbeddingGenerator")
            || !HasMember(compilation, "Microsoft.SemanticKernel.Embeddings.EmbeddingGenerationExtensions", "AsTextEmbeddingGenerationService"))
        {
            return null;
        }

        return new Wrapping(
            VerifiedClientWrapCodeFixProvider.KernelEmbeddingTitle,
            isChat: false,
            (receiver, mayBeNull) => SyntaxFactory.ParseExpression(receiver + (mayBeNull ? "?." : ".") + EmbeddingChain),
            KernelEmbeddingJustification,
            EmbeddingUsings,
            EmbeddingStaticUsings);
    }

    /// <summary>The plan for a call on a Semantic Kernel service: its variable or the receiver wrapped, the call marked.</summary>
    private static async Task<Plan?> KernelServicePlanAsync(Document document, Diagnostic diagnostic, SemanticModel model, IOperation receiver, Wrapping wrapping,
        CancellationToken cancellationToken)
    {
        if (receiver is IInstanceReferenceOperation || receiver.Syntax is not ExpressionSyntax receiverSyntax)
        {
            return null;
        }

        var mark = new CallMark(document.Id, diagnostic.Location.SourceSpan, wrapping.Reason!);
        if (IsWrapped(model, receiverSyntax, wrapping, cancellationToken))
        {
            // Wrapped at the call already, yet reported: the analyzer sees this chain, so there is nothing a mark may hide.
            return null;
        }

        var plan = await ReceivedPlanAsync(document, receiver, wrapping, typeName: null, variable: true, castTo: null, mark, cancellationToken).ConfigureAwait(false);
        if (plan is null || plan.CheckedDocuments.Any(d => d != document.Id))
        {
            // A field whose values are written in another file (a partial type): the analyzer follows a variable's
            // values in one file only, so the call is marked.
            return plan;
        }

        // In one file the analyzer sees the chain (at the call, or in every value of the local or private field), so
        // the call is left unmarked and removing the wrapping brings the diagnostic back. A plan that would only mark
        // the call (every value found wrapped, yet the call reported: a value written through ref or out) would hide
        // an unverified value: none.
        return plan.Edits.Count == 0 ? null : plan.WithoutMark(MarkKey(mark));
    }

    /// <summary>True where a kernel fix is offered for the call: its registration is rebuilt verified instead.</summary>
    private static async Task<bool> KernelFixOfferedAsync(Document document, Diagnostic diagnostic, bool isChat, CancellationToken cancellationToken)
    {
        var plan = isChat
            ? await VerifiedKernel.TryPlanAsync(document, diagnostic, cancellationToken).ConfigureAwait(false)
            : await VerifiedKernelEmbedding.TryPlanAsync(document, diagnostic, cancellationToken).ConfigureAwait(false);
        return plan is not null && await VerifiedKernel.CompilingAsync(document.Project.Solution, new[] { plan }, cancellationToken).ConfigureAwait(false) is not null;
    }

    /// <summary>
    /// A value that is a Semantic Kernel service over a verified client already: the chain this fix writes, or
    /// Semantic Kernel's adapter called on a verified client (<c>verified.AsChatCompletionService()</c>).
    /// </summary>
    private static bool IsWrapped(SemanticModel model, ExpressionSyntax value, Wrapping wrapping, CancellationToken cancellationToken)
    {
        if (!wrapping.IsKernelService)
        {
            return false;
        }

        while (value is ParenthesizedExpressionSyntax parenthesized)
        {
            value = parenthesized.Expression;
        }

        var chain = wrapping.IsChat ? ChatChain : EmbeddingChain;
        var text = string.Concat(value.ToString().Where(c => !char.IsWhiteSpace(c)));
        if (text.EndsWith("." + chain, StringComparison.Ordinal))
        {
            return true;
        }

        var adapter = wrapping.IsChat ? "AsChatCompletionService" : "AsTextEmbeddingGenerationService";
        return value is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access } && access.Name.Identifier.ValueText == adapter
            && model.GetTypeInfo(access.Expression, cancellationToken).Type is INamedTypeSymbol adapted
            && adapted.ContainingNamespace?.ToDisplayString() == VerifiedClientRewrite.Namespace
            && adapted.Name == (wrapping.IsChat ? "VerifiedChatClient" : "VerifiedEmbeddingGenerator");
    }

    /// <summary>
    /// Semantic Kernel's adapter that makes a Microsoft.Extensions.AI client the service
    /// (<c>ChatClientExtensions.AsChatCompletionService(IChatClient)</c>,
    /// <c>EmbeddingGenerationExtensions.AsTextEmbeddingGenerationService(IEmbeddingGenerator)</c>).
    /// </summary>
    private static bool IsKernelAdapterOverClient(IMethodSymbol adapter, bool isChat) =>
        adapter.Name == (isChat ? "AsChatCompletionService" : "AsTextEmbeddingGenerationService")
        && adapter.ContainingType.ToDisplayString() == (isChat ? "Microsoft.SemanticKernel.ChatCompletion.ChatClientExtensions" : "Microsoft.SemanticKernel.Embeddings.EmbeddingGenerationExtensions")
        && adapter.Parameters.Length > 0
        && adapter.Parameters[0].Type.OriginalDefinition.ToDisplayString() == (isChat ? "Microsoft.Extensions.AI.IChatClient" : "Microsoft.Extensions.AI.IEmbeddingGenerator<TInput, TEmbedding>");

    /// <summary>A plan's key for Fix All: a plan that marks a call is one per call (its edits are still made once).</summary>
    private static string MarkKey(CallMark? mark) => mark is null ? string.Empty : ":mark:" + mark.Document.Id + ":" + mark.Span.Start;

    private static bool HasMember(Compilation compilation, string type, string member) =>
        compilation.GetTypeByMetadataName(type)?.GetMembers(member).IsEmpty == false;
}
