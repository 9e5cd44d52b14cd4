using System.Collections.Generic;
using System.Collections.Immutable;
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
/// Moves a chat client or embedding generator that is built in place onto OpenVerify.Extensions.AI's verified type.
/// Offered only where the rewrite stays inside what the code already owns:
/// <list type="bullet">
/// <item>the flagged call's receiver is a local (single declarator) or a private field (single declarator) whose type
/// is <c>IChatClient</c> / <c>IEmbeddingGenerator&lt;,&gt;</c> or a class implementing it;</item>
/// <item>every value it is given is built there: an object creation, a call (<c>AsIChatClient()</c>, a factory, a
/// builder's <c>Build()</c>) or the await of a call, in its initializer or in an assignment statement — a parameter,
/// another variable or an injected service is not, because the owner of that object decides how it is built;</item>
/// <item>every other use is as a receiver (a method, property or extension method called on it): a client that is
/// returned, passed as an argument or stored elsewhere escapes, and re-typing it would change code that is not here;</item>
/// <item>the project references OpenVerify.Extensions.AI, and the rewritten code compiles (checked before offering).</item>
/// </list>
/// The type becomes <c>VerifiedChatClient</c> / <c>VerifiedEmbeddingGenerator&lt;TInput, TEmbedding&gt;</c> (<c>var</c>
/// stays), each value gets <c>.AsBuilder().UseOpenVerify().BuildVerified()</c> (a builder's <c>.Build(...)</c> becomes
/// <c>.UseOpenVerify().BuildVerified(...)</c>, so the attesting step is innermost), and <c>using OpenVerify.Extensions.AI;</c>
/// is added where needed.
/// <para>
/// A variable of the OpenAI SDK's own <c>ChatClient</c> / <c>EmbeddingClient</c> type (an Azure OpenAI client's
/// <c>GetChatClient</c> returns one too) follows the same rules with OpenVerify.Extensions.AI.OpenAI's wrapper: the type
/// becomes <c>VerifiedOpenAIChatClient</c> / <c>VerifiedOpenAIEmbeddingClient</c> and each value gets <c>.AsVerified()</c>.
/// The wrapper has the SDK's call shapes and result types, so the calls and the declared results stay as they are; a call
/// it lacks (the protocol methods, token-id embeddings, <c>AsIChatClient()</c>) does not compile and the fix is not offered.
/// The wrapper refuses at run time the options it cannot carry, so a call passing options (other than <c>null</c>, or a
/// <c>new</c> options object setting only carried members) holds the fix back too.
/// </para>
/// <para>
/// The same holds for the SDK's <c>ResponsesClient</c> (<c>new ResponsesClient(key)</c>, <c>openAIClient.GetResponsesClient()</c>):
/// it becomes <c>VerifiedOpenAIResponsesClient</c>. A call passing a <c>previousResponseId</c> (other than <c>null</c>),
/// or a <c>CreateResponseOptions</c> that is not built in the call from carried members only, holds the fix back; the
/// protocol overloads (<c>BinaryContent</c>) do not compile on the wrapper, so a variable that uses one is not rewritten.
/// </para>
/// <para>
/// And for the SDK's <c>AudioClient</c> (<c>new AudioClient(model, key)</c>, <c>openAIClient.GetAudioClient(model)</c>): it
/// becomes <c>VerifiedOpenAIAudioClient</c>. Options other than those built in the call from carried members
/// (<c>Language</c>; <c>SpeedRatio</c>, <c>ResponseFormat</c> of speech) hold the fix back; diarized transcription and the
/// protocol overloads do not compile on the wrapper, so a variable that uses one is not rewritten.
/// </para>
/// <para>
/// And for the SDK's <c>ModerationClient</c> (<c>new ModerationClient(model, key)</c>, <c>openAIClient.GetModerationClient(model)</c>):
/// it becomes <c>VerifiedOpenAIModerationClient</c>; <c>ClassifyText*</c> keeps its results (<c>ModerationResult</c>,
/// <c>ModerationResultCollection</c>). A variable that calls <c>ClassifyInputs*</c> is not rewritten: the wrapper refuses
/// image parts at run time, and which parts are passed is not known here.
/// </para>
/// <para>
/// Microsoft.Extensions.AI's media clients (<c>ISpeechToTextClient</c>, <c>ITextToSpeechClient</c>, <c>IImageGenerator</c>:
/// <c>audioClient.AsISpeechToTextClient()</c>, <c>imageClient.AsIImageGenerator()</c>, a class implementing one) follow the
/// chat rules: the type becomes <c>VerifiedSpeechToTextClient</c> / <c>VerifiedTextToSpeechClient</c> /
/// <c>VerifiedImageGenerator</c> and each value gets <c>.AsBuilder().UseOpenVerify().BuildVerified()</c>
/// (<see cref="VerifiedClientKind"/>).
/// </para>
/// </summary>
internal static partial class VerifiedClientRewrite
{
    internal const string Namespace = "OpenVerify.Extensions.AI";
    private const string PackageAssembly = "OpenVerify.Extensions.AI";
    internal const string ChatInterface = "Microsoft.Extensions.AI.IChatClient";
    internal const string EmbeddingInterface = "Microsoft.Extensions.AI.IEmbeddingGenerator`2";
    private const string ChatBuilder = "Microsoft.Extensions.AI.ChatClientBuilder";
    private const string EmbeddingBuilder = "Microsoft.Extensions.AI.EmbeddingGeneratorBuilder`2";
    internal const string VerifiedChat = "OpenVerify.Extensions.AI.VerifiedChatClient";
    internal const string VerifiedEmbedding = "OpenVerify.Extensions.AI.VerifiedEmbeddingGenerator`2";
    private const string LocalEmbedding = "OpenVerify.Extensions.AI.Local.VerifiedOnnxEmbeddingGenerator";
    private const string SdkPackageAssembly = "OpenVerify.Extensions.AI.OpenAI";
    private const string SdkChat = "OpenAI.Chat.ChatClient";
    private const string SdkEmbedding = "OpenAI.Embeddings.EmbeddingClient";
    private const string SdkResponses = "OpenAI.Responses.ResponsesClient";
    private const string SdkModeration = "OpenAI.Moderations.ModerationClient";
    private const string SdkImage = "OpenAI.Images.ImageClient";
    internal const string VerifiedSdkChat = "OpenVerify.Extensions.AI.VerifiedOpenAIChatClient";
    internal const string VerifiedSdkEmbedding = "OpenVerify.Extensions.AI.VerifiedOpenAIEmbeddingClient";
    internal const string VerifiedSdkResponses = "OpenVerify.Extensions.AI.VerifiedOpenAIResponsesClient";
    private const string SdkAudio = "OpenAI.Audio.AudioClient";
    internal const string VerifiedSdkAudio = "OpenVerify.Extensions.AI.VerifiedOpenAIAudioClient";
    internal const string VerifiedSdkModeration = "OpenVerify.Extensions.AI.VerifiedOpenAIModerationClient";
    internal const string VerifiedSdkImage = "OpenVerify.Extensions.AI.VerifiedOpenAIImageClient";

    /// <summary>One variable's rewrite, computed against the solution it was planned on.</summary>
    internal sealed class Plan
    {
        public Plan(string key, bool isChat, bool retypesOnly, DocumentId declarationDocument, TextSpan? typeSpan, string typeName,
            IReadOnlyList<Write> writes, IReadOnlyList<DocumentId> checkedDocuments, bool isSdkClient = false, VerifiedClientKind? media = null)
        {
            Media = media;
            IsSdkClient = isSdkClient;
            Key = key;
            IsChat = isChat;
            RetypesOnly = retypesOnly;
            DeclarationDocument = declarationDocument;
            TypeSpan = typeSpan;
            TypeName = typeName;
            Writes = writes;
            CheckedDocuments = checkedDocuments;
        }

        /// <summary>Identifies the variable, so Fix All rewrites it once however many calls it has.</summary>
        public string Key { get; }

        public bool IsChat { get; }

        /// <summary>The media client's kind (speech-to-text, text-to-speech, image generation); null for chat and embeddings.</summary>
        public VerifiedClientKind? Media { get; }

        /// <summary>True for the OpenAI SDK's own client: each value gets <c>.AsVerified()</c>.</summary>
        public bool IsSdkClient { get; }

        /// <summary>True for a local ONNX embedding generator: only the variable's type changes.</summary>
        public bool RetypesOnly { get; }

        public DocumentId DeclarationDocument { get; }

        /// <summary>The declared type's span; null for <c>var</c>.</summary>
        public TextSpan? TypeSpan { get; }

        public string TypeName { get; }

        public IReadOnlyList<Write> Writes { get; }

        /// <summary>The documents where the variable is declared, written or used: those that must still compile.</summary>
        public IReadOnlyList<DocumentId> CheckedDocuments { get; }
    }

    /// <summary>A value given to the variable: its expression's span, and whether it is a builder's <c>Build(...)</c> call.</summary>
    internal readonly struct Write
    {
        public Write(DocumentId document, TextSpan span, bool isBuilderBuild)
        {
            Document = document;
            Span = span;
            IsBuilderBuild = isBuilderBuild;
        }

        public DocumentId Document { get; }

        public TextSpan Span { get; }

        public bool IsBuilderBuild { get; }
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

        var compilation = model.Compilation;
        var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
        if (Receiver(model.GetOperation(node, cancellationToken)) is not { } variable)
        {
            return null;
        }

        var (declarator, declaration) = Declaration(variable);
        if (declarator is null || declaration is null || declaration.Variables.Count != 1)
        {
            return null;
        }

        var variableType = variable switch
        {
            ILocalSymbol local => local.Type,
            IFieldSymbol field => field.Type,
            _ => null,
        };
        if (variableType is null)
        {
            return null;
        }

        var sdkClient = compilation.GetTypeByMetadataName(isChat ? SdkChat : SdkEmbedding);
        var sdkResponses = isChat ? compilation.GetTypeByMetadataName(SdkResponses) : null;
        var isResponses = sdkResponses is not null && DerivesFrom(variableType, sdkResponses);
        var sdkAudio = isChat ? null : compilation.GetTypeByMetadataName(SdkAudio);
        var isAudio = sdkAudio is not null && DerivesFrom(variableType, sdkAudio);
        var sdkModeration = isChat ? null : compilation.GetTypeByMetadataName(SdkModeration);
        var isModeration = sdkModeration is not null && DerivesFrom(variableType, sdkModeration);
        var sdkImage = isChat ? null : compilation.GetTypeByMetadataName(SdkImage);
        var isImage = sdkImage is not null && DerivesFrom(variableType, sdkImage);
        var isSdk = isResponses || isAudio || isModeration || isImage || (sdkClient is not null && DerivesFrom(variableType, sdkClient));
        var kind = isChat ? VerifiedClientKind.Chat : isSdk ? VerifiedClientKind.Embedding : VerifiedClientKind.MediaOf(compilation, variableType) ?? VerifiedClientKind.Embedding;
        var isMedia = VerifiedClientKind.Media.Contains(kind);
        var verifiedType = isSdk
            ? PackageType(compilation, isResponses ? VerifiedSdkResponses : isAudio ? VerifiedSdkAudio : isModeration ? VerifiedSdkModeration : isImage ? VerifiedSdkImage : isChat ? VerifiedSdkChat : VerifiedSdkEmbedding, SdkPackageAssembly)
            : PackageType(compilation, kind.Verified);
        var @interface = compilation.GetTypeByMetadataName(kind.Interface);
        if (verifiedType is null || @interface is null)
        {
            // Without the package the verified type would not compile; the message says what to add.
            return null;
        }

        var implemented = isSdk ? null : ImplementedInterface(variableType, @interface);
        if (!isSdk && implemented is null)
        {
            return null;
        }

        var declarationDocument = document.Project.Solution.GetDocument(declarator.SyntaxTree);
        if (declarationDocument is null)
        {
            return null;
        }

        var declarationModel = await declarationDocument.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (declarationModel is null)
        {
            return null;
        }

        var typeName = isSdk || !kind.IsGeneric
            ? verifiedType.Name
            : "VerifiedEmbeddingGenerator<" + string.Join(", ", implemented!.TypeArguments.Select(
                t => t.ToMinimalDisplayString(declarationModel, declaration.Type.SpanStart))) + ">";
        if (declaration.Type.IsVar && variable is not ILocalSymbol)
        {
            return null;
        }

        // A generator that already signs its own receipts (the local ONNX one) only needs its type back.
        var localGenerator = isChat || isSdk || isMedia ? null : PackageType(compilation, LocalEmbedding);
        var allLocal = localGenerator is not null;
        var writes = new List<Write>();
        if (declarator.Initializer is { } initializer && !IsNoValueYet(initializer.Value))
        {
            if (AsWrite(declarationDocument.Id, declarationModel, initializer.Value, kind, cancellationToken) is not { } write)
            {
                return null;
            }

            writes.Add(write);
            allLocal &= Creates(declarationModel, initializer.Value, localGenerator, cancellationToken);
        }

        var scopes = await ScopesAsync(document.Project.Solution, variable, declarator, cancellationToken).ConfigureAwait(false);
        if (scopes is null)
        {
            return null;
        }

        foreach (var (scopeDocument, scopeModel, scopeNode) in scopes)
        {
            foreach (var identifier in scopeNode.DescendantNodes().OfType<IdentifierNameSyntax>())
            {
                if (identifier.Identifier.ValueText != variable.Name
                    || !SymbolEqualityComparer.Default.Equals(scopeModel.GetSymbolInfo(identifier, cancellationToken).Symbol, variable))
                {
                    continue;
                }

                switch (Classify(scopeModel, identifier, cancellationToken))
                {
                    case Use.Receiver:
                        if (isSdk && (PassesOptions(scopeModel, identifier, cancellationToken) || VerifiedImageClientRefuses(scopeModel, identifier, cancellationToken)))
                        {
                            return null;
                        }

                        if (isModeration && ClassifiesInputParts(identifier))
                        {
                            return null;
                        }

                        break;
                    case Use.Write:
                        var assignment = (AssignmentExpressionSyntax)Reference(identifier).Parent!;
                        if (AsWrite(scopeDocument.Id, scopeModel, assignment.Right, kind, cancellationToken) is not { } write)
                        {
                            return null;
                        }

                        writes.Add(write);
                        allLocal &= Creates(scopeModel, assignment.Right, localGenerator, cancellationToken);
                        break;
                    default:
                        return null;
                }
            }
        }

        if (writes.Count == 0)
        {
            return null;
        }

        if (allLocal && !declaration.Type.IsVar)
        {
            typeName = localGenerator!.Name;
            writes.Clear();
        }

        var key = declarator.SyntaxTree.FilePath + ":" + declarator.SpanStart;
        var checkedDocuments = scopes.Select(s => s.Document.Id).Append(declarationDocument.Id).Distinct().ToList();
        return new Plan(key, isChat, allLocal && writes.Count == 0, declarationDocument.Id, declaration.Type.IsVar ? null : declaration.Type.Span, typeName, writes, checkedDocuments, isSdk, isMedia ? kind : null);
    }

    /// <summary>True when the rewritten documents have no more errors than before.</summary>
    public static async Task<bool> CompilesAsync(Solution solution, IReadOnlyList<Plan> plans, CancellationToken cancellationToken) =>
        await NoNewErrorsAsync(solution, await ApplyAsync(solution, plans, cancellationToken).ConfigureAwait(false), plans.SelectMany(p => p.CheckedDocuments), cancellationToken).ConfigureAwait(false);

    public static async Task<Solution> ApplyAsync(Solution solution, IReadOnlyList<Plan> plans, CancellationToken cancellationToken)
    {
        var documentIds = plans.SelectMany(p => p.Writes.Select(w => w.Document).Append(p.DeclarationDocument)).Distinct().ToList();
        var result = solution;
        foreach (var id in documentIds)
        {
            var document = solution.GetDocument(id)!;
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            if (root is null || model is null)
            {
                continue;
            }

            var types = plans.Where(p => p.DeclarationDocument == id && p.TypeSpan is not null)
                .ToDictionary(p => (SyntaxNode)Find<TypeSyntax>(root, p.TypeSpan!.Value), p => p.TypeName);
            var writes = plans.SelectMany(p => p.Writes.Select(w => (Write: w, p.IsSdkClient))).Where(w => w.Write.Document == id)
                .ToDictionary(w => (SyntaxNode)Find<ExpressionSyntax>(root, w.Write.Span), w => w);

            var newRoot = root.ReplaceNodes(
                types.Keys.Concat(writes.Keys),
                (original, current) => types.TryGetValue(original, out var name)
                    ? SyntaxFactory.ParseTypeName(name).WithTriviaFrom(current)
                    : writes[original].IsSdkClient
                        ? AsVerified(Explicit((ExpressionSyntax)current, model.GetTypeInfo(original, cancellationToken).Type, model))
                        : Verified((ExpressionSyntax)current, writes[original].Write.IsBuilderBuild));

            // A re-typed local generator names a type its construction already names; the rest need the package's namespace.
            var position = types.Keys.Concat(writes.Keys).Min(n => n.SpanStart);
            if (plans.Any(p => !p.RetypesOnly && (p.DeclarationDocument == id || p.Writes.Any(w => w.Document == id)))
                && model.LookupNamespacesAndTypes(position, name: "VerifiedChatClient")
                    .All(s => s.ContainingNamespace?.ToDisplayString() != Namespace)
                && newRoot is CompilationUnitSyntax unit)
            {
                newRoot = AddUsing(unit, Namespace);
            }

            result = result.WithDocumentSyntaxRoot(id, newRoot);
        }

        return result;
    }

    /// <summary><c>x</c> becomes <c>x.AsBuilder().UseOpenVerify().BuildVerified()</c>; <c>b.Build(s)</c> becomes <c>b.UseOpenVerify().BuildVerified(s)</c>.</summary>
    internal static ExpressionSyntax Verified(ExpressionSyntax value, bool isBuilderBuild)
    {
        var bare = value.WithoutTrivia();
        ExpressionSyntax result;
        if (isBuilderBuild && bare is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax build } buildCall)
        {
            result = buildCall.WithExpression(build.WithName(SyntaxFactory.IdentifierName("BuildVerified"))
                .WithExpression(Call(build.Expression, "UseOpenVerify")));
        }
        else
        {
            var receiver = bare is InvocationExpressionSyntax or ObjectCreationExpressionSyntax or IdentifierNameSyntax or MemberAccessExpressionSyntax or ParenthesizedExpressionSyntax
                ? bare
                : SyntaxFactory.ParenthesizedExpression(bare);
            result = Call(Call(Call(receiver, "AsBuilder"), "UseOpenVerify"), "BuildVerified");
        }

        return result.WithTriviaFrom(value);
    }

    /// <summary>A target-typed <c>new(...)</c> names its type once the variable's type is no longer the SDK's.</summary>
    internal static ExpressionSyntax Explicit(ExpressionSyntax value, ITypeSymbol? type, SemanticModel model) =>
        value is ImplicitObjectCreationExpressionSyntax implicitNew && type is not null
            ? SyntaxFactory.ObjectCreationExpression(
                    SyntaxFactory.ParseTypeName(type.ToMinimalDisplayString(model, value.SpanStart)).WithLeadingTrivia(SyntaxFactory.Space),
                    implicitNew.ArgumentList,
                    implicitNew.Initializer)
                .WithTriviaFrom(value)
            : value;

    /// <summary><c>x</c> becomes <c>x.AsVerified()</c>: the OpenAI SDK client's verified wrapper.</summary>
    private static InvocationExpressionSyntax AsVerified(ExpressionSyntax value)
    {
        var bare = value.WithoutTrivia();
        var receiver = bare is InvocationExpressionSyntax or ObjectCreationExpressionSyntax or IdentifierNameSyntax or MemberAccessExpressionSyntax or ParenthesizedExpressionSyntax
            ? bare
            : SyntaxFactory.ParenthesizedExpression(bare);
        return Call(receiver, "AsVerified").WithTriviaFrom(value);
    }

    private static InvocationExpressionSyntax Call(ExpressionSyntax receiver, string name) =>
        SyntaxFactory.InvocationExpression(SyntaxFactory.MemberAccessExpression(
            SyntaxKind.SimpleMemberAccessExpression, receiver, SyntaxFactory.IdentifierName(name)));

    private enum Use
    {
        Escape,
        Receiver,
        Write,
    }

    /// <summary>How a reference to the variable uses it: as a receiver, as an assignment statement's target, or otherwise (it escapes).</summary>
    private static Use Classify(SemanticModel model, IdentifierNameSyntax identifier, CancellationToken cancellationToken)
    {
        var reference = model.GetOperation(Reference(identifier), cancellationToken);
        if (reference is not (ILocalReferenceOperation or IFieldReferenceOperation))
        {
            return Use.Escape;
        }

        switch (reference.Parent)
        {
            case ISimpleAssignmentOperation assignment when assignment.Target == reference:
                return assignment.Parent is IExpressionStatementOperation && assignment.Syntax is AssignmentExpressionSyntax ? Use.Write : Use.Escape;
            case IInvocationOperation invocation when invocation.Instance == reference:
            case IMemberReferenceOperation member when member.Instance == reference:
            case IConditionalAccessOperation conditional when conditional.Operation == reference:
                return Use.Receiver;
        }

        // An extension method called on it: the variable is the reduced call's 'this' argument.
        var argument = reference.Parent is IConversionOperation { IsImplicit: true } conversion ? conversion.Parent : reference.Parent;
        if (argument is IArgumentOperation { Parameter.Ordinal: 0 } && argument.Parent is IInvocationOperation call
            && (call.TargetMethod.ReducedFrom ?? call.TargetMethod).IsExtensionMethod
            && call.Syntax is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access }
            && access.Expression == Reference(identifier))
        {
            return Use.Receiver;
        }

        return Use.Escape;
    }

    /// <summary><c>_client</c> or, in <c>this._client</c>, the whole member access.</summary>
    /// <summary>
    /// True when a call on the SDK client passes an options argument the wrapper might refuse at run time
    /// (<c>NotSupportedException</c>): anything but <c>null</c> or a <c>new</c> options object whose initializer sets only
    /// members the wrapper always carries. What a variable holds is not known here, so it holds the fix back.
    /// </summary>
    private static bool PassesOptions(SemanticModel model, IdentifierNameSyntax identifier, CancellationToken cancellationToken)
    {
        var reference = model.GetOperation(Reference(identifier), cancellationToken);
        var parent = reference?.Parent is IConversionOperation { IsImplicit: true } conversion ? conversion.Parent : reference?.Parent;
        // A method group (Func<…> f = _client.CompleteChat): the options its callers pass are not seen here.
        if (parent is IMethodReferenceOperation { Method: var method } && method.Parameters.Any(p => p.Type.Name.EndsWith("Options", System.StringComparison.Ordinal) || p.Name == "previousResponseId"))
        {
            return true;
        }

        var call = parent switch
        {
            IInvocationOperation invocation => invocation,
            IArgumentOperation { Parent: IInvocationOperation extension } => extension,
            // _client?.CompleteChat(…).Value: the call on the conditional receiver sits anywhere in WhenNotNull.
            IConditionalAccessOperation conditional => conditional.WhenNotNull.DescendantsAndSelf().OfType<IInvocationOperation>()
                .FirstOrDefault(i => i.Instance is IConditionalAccessInstanceOperation instance && ReferenceEquals(ConditionalOf(instance), conditional)),
            _ => null,
        };
        return call is not null && call.Arguments.Any(argument =>
            argument.ArgumentKind == ArgumentKind.Explicit
            && (argument.Parameter?.Type.Name.EndsWith("Options", System.StringComparison.Ordinal) == true
                // A previous response id chains to a conversation the provider holds, which the wrapper refuses.
                || argument.Parameter?.Name == "previousResponseId")
            && argument.Value.ConstantValue is not { HasValue: true, Value: null }
            && !SetsOnlyCarried(argument.Value));
    }

    /// <summary>
    /// True for a moderation client's <c>ClassifyInputs*</c> call (or method group): the wrapper refuses image parts at run
    /// time (it cannot bind an image it only sends a link to), and which parts a call passes is not known here.
    /// </summary>
    private static bool ClassifiesInputParts(IdentifierNameSyntax identifier)
    {
        var reference = Reference(identifier);
        var name = reference.Parent switch
        {
            MemberAccessExpressionSyntax access when access.Expression == reference => access.Name.Identifier.ValueText,
            ConditionalAccessExpressionSyntax conditional when conditional.Expression == reference =>
                conditional.WhenNotNull.DescendantNodesAndSelf().OfType<MemberBindingExpressionSyntax>().FirstOrDefault()?.Name.Identifier.ValueText,
            _ => null,
        };
        return name is not null && name.StartsWith("ClassifyInputs", System.StringComparison.Ordinal);
    }

    /// <summary>The conditional access whose receiver <paramref name="instance"/> stands for.</summary>
    private static IConditionalAccessOperation? ConditionalOf(IConditionalAccessInstanceOperation instance)
    {
        for (var operation = instance.Parent; operation is not null; operation = operation.Parent)
        {
            if (operation is IConditionalAccessOperation conditional && !conditional.Operation.DescendantsAndSelf().Contains(instance))
            {
                return conditional;
            }
        }

        return null;
    }

    /// <summary>Options members the SDK wrappers carry whatever their value (OpenAIChatOptionsMapping, VerifiedOpenAIEmbeddingClient).</summary>
    private static readonly Dictionary<string, HashSet<string>> CarriedOptions = new()
    {
        ["OpenAI.Chat.ChatCompletionOptions"] = ["Temperature", "TopP", "MaxOutputTokenCount", "FrequencyPenalty", "PresencePenalty", "Seed", "StopSequences", "AllowParallelToolCalls"],
        ["OpenAI.Embeddings.EmbeddingGenerationOptions"] = ["Dimensions"],
        // OpenAIResponseOptionsMapping; InputItems are the request's messages (an item it cannot carry is refused like a message).
        ["OpenAI.Responses.CreateResponseOptions"] = ["Model", "InputItems", "Instructions", "Temperature", "TopP", "MaxOutputTokenCount", "StreamingEnabled"],
        // OpenAIAudioOptionsMapping (a response format is carried only when Simple, so it is not listed).
        ["OpenAI.Audio.AudioTranscriptionOptions"] = ["Language"],
        ["OpenAI.Audio.AudioTranslationOptions"] = [],
        ["OpenAI.Audio.SpeechGenerationOptions"] = ["SpeedRatio", "ResponseFormat"],
        // OpenAIImageOptionsMapping: Size (not "auto") and Quality (only "auto") are checked by value (VerifiedImageOptionValueCarried).
        ["OpenAI.Images.ImageGenerationOptions"] = ["Size", "ResponseFormat", "OutputFileFormat", "Quality"],
        ["OpenAI.Images.ImageEditOptions"] = ["Size", "ResponseFormat", "OutputFileFormat", "Quality"],
    };

    /// <summary><c>new ChatCompletionOptions { Temperature = t }</c>: an options object built in the call, setting only carried members.</summary>
    internal static bool SetsOnlyCarried(IOperation value)
    {
        while (value is IConversionOperation { IsImplicit: true } conversion)
        {
            value = conversion.Operand;
        }

        if (value is ILocalReferenceOperation local)
        {
            return IsCarriedLocal(local);
        }

        // new CreateResponseOptions(model, inputItems) { ... }: its constructor sets carried members only.
        return value is IObjectCreationOperation creation
            && (creation.Arguments.Length == 0 || creation.Type?.ToDisplayString() == "OpenAI.Responses.CreateResponseOptions")
            && creation.Type is { } type
            && CarriedOptions.TryGetValue(type.ToDisplayString(), out var carried)
            && (creation.Initializer?.Initializers ?? ImmutableArray<IOperation>.Empty).All(member => member switch
            {
                ISimpleAssignmentOperation { Target: IPropertyReferenceOperation property } assignment =>
                    carried.Contains(property.Property.Name) && VerifiedImageOptionValueCarried(property.Property, assignment.Value),
                IMemberInitializerOperation { InitializedMember: IPropertyReferenceOperation property } => carried.Contains(property.Property.Name),
                _ => false,
            });
    }

    /// <summary>The OpenAI SDK clients whose calls may be handed an options local (they read it, never keep it).</summary>
    private static readonly HashSet<string> SdkClients = [SdkChat, SdkEmbedding, SdkResponses, SdkAudio, SdkImage];

    /// <summary>
    /// <c>var options = new CreateResponseOptions(model, items) { … }; options.InputItems.Add(…); client.CreateResponse(options);</c>:
    /// an options local built from carried members only, whose every other use sets or reads a carried member or hands
    /// it to an SDK client's call. Anything else (another member set, the local passed to a method of yours, assigned
    /// again) may put a member the wrapper refuses into it, so it holds the fix back.
    /// </summary>
    internal static bool IsCarriedLocal(ILocalReferenceOperation reference)
    {
        var local = reference.Local;
        if (reference.SemanticModel is not { } model
            || local.DeclaringSyntaxReferences.Length != 1
            || local.DeclaringSyntaxReferences[0].GetSyntax() is not VariableDeclaratorSyntax { Initializer.Value: { } initializer } declarator
            || model.GetOperation(initializer) is not IObjectCreationOperation creation
            || !SetsOnlyCarried(creation)
            || !CarriedOptions.TryGetValue(local.Type.ToDisplayString(), out var carried))
        {
            return false;
        }

        var scope = (SyntaxNode?)declarator.FirstAncestorOrSelf<BlockSyntax>() ?? declarator.SyntaxTree.GetRoot();
        foreach (var identifier in scope.DescendantNodes().OfType<IdentifierNameSyntax>())
        {
            if (identifier.Identifier.ValueText != local.Name
                || !SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(identifier).Symbol, local))
            {
                continue;
            }

            var use = model.GetOperation(identifier)?.Parent;
            while (use is IConversionOperation { IsImplicit: true })
            {
                use = use.Parent;
            }

            var allowed = use switch
            {
                IPropertyReferenceOperation { Property: var property } member => carried.Contains(property.Name)
                    && (member.Parent is not ISimpleAssignmentOperation assigned || assigned.Target != member || VerifiedImageOptionValueCarried(property, assigned.Value)),
                IArgumentOperation { Parent: IInvocationOperation call } =>
                    SdkClients.Contains(call.TargetMethod.ContainingType.OriginalDefinition.ToDisplayString()),
                _ => false,
            };
            if (!allowed)
            {
                return false;
            }
        }

        return true;
    }

    internal static ExpressionSyntax Reference(IdentifierNameSyntax identifier) =>
        identifier.Parent is MemberAccessExpressionSyntax access && access.Name == identifier && access.Expression is ThisExpressionSyntax
            ? access
            : identifier;

    /// <summary>True when <paramref name="value"/> is <c>new T(...)</c> of exactly <paramref name="type"/>.</summary>
    private static bool Creates(SemanticModel model, ExpressionSyntax value, INamedTypeSymbol? type, CancellationToken cancellationToken)
    {
        while (value is ParenthesizedExpressionSyntax parenthesized)
        {
            value = parenthesized.Expression;
        }

        return type is not null && value is ObjectCreationExpressionSyntax
            && SymbolEqualityComparer.Default.Equals(model.GetTypeInfo(value, cancellationToken).Type, type);
    }

    /// <summary><c>null</c>, <c>default</c> (with or without <c>!</c>): a field that gets its value later.</summary>
    private static bool IsNoValueYet(ExpressionSyntax value) =>
        (value is PostfixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.SuppressNullableWarningExpression } suppressed ? suppressed.Operand : value)
            is LiteralExpressionSyntax { RawKind: (int)SyntaxKind.NullLiteralExpression or (int)SyntaxKind.DefaultLiteralExpression };

    /// <summary>A value built in place, or null: an object creation, a call, or the await of a call.</summary>
    private static Write? AsWrite(DocumentId document, SemanticModel model, ExpressionSyntax value, VerifiedClientKind kind, CancellationToken cancellationToken)
    {
        var bare = value;
        while (bare is ParenthesizedExpressionSyntax parenthesized)
        {
            bare = parenthesized.Expression;
        }

        switch (bare)
        {
            case ObjectCreationExpressionSyntax:
            case ImplicitObjectCreationExpressionSyntax:
            case AwaitExpressionSyntax { Expression: InvocationExpressionSyntax }:
                return new Write(document, value.Span, isBuilderBuild: false);
            case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Build" } } invocation
                when model.GetSymbolInfo(invocation, cancellationToken).Symbol is IMethodSymbol build
                     && build.ContainingType.OriginalDefinition.ToDisplayString() == kind.Builder:
                return new Write(document, bare.Span, isBuilderBuild: true);
            case InvocationExpressionSyntax:
                return new Write(document, value.Span, isBuilderBuild: false);
            default:
                return null;
        }
    }

    /// <summary>The local or field a call is made on, or null.</summary>
    private static ISymbol? Receiver(IOperation? operation) =>
        ReceiverValue(operation) switch
        {
            ILocalReferenceOperation local => local.Local,
            IFieldReferenceOperation { Instance: null or IInstanceReferenceOperation } field
                when field.Field.DeclaredAccessibility == Accessibility.Private && !field.Field.IsConst && !field.Field.IsImplicitlyDeclared => field.Field,
            _ => null,
        };

    /// <summary>The value a call is made on (an extension method's <c>this</c> argument, through <c>?.</c> and implicit conversions), or null.</summary>
    internal static IOperation? ReceiverValue(IOperation? operation)
    {
        var receiver = operation switch
        {
            IInvocationOperation { Instance: { } instance } => instance,
            IInvocationOperation invocation when (invocation.TargetMethod.ReducedFrom ?? invocation.TargetMethod).IsExtensionMethod =>
                invocation.Arguments.FirstOrDefault(a => a.Parameter?.Ordinal == 0)?.Value,
            IMethodReferenceOperation reference => reference.Instance,
            _ => null,
        };

        while (receiver is IConversionOperation { IsImplicit: true } conversion)
        {
            receiver = conversion.Operand;
        }

        if (receiver is IConditionalAccessInstanceOperation)
        {
            for (var parent = receiver.Parent; parent is not null; parent = parent.Parent)
            {
                if (parent is IConditionalAccessOperation conditional)
                {
                    receiver = conditional.Operation;
                    break;
                }
            }
        }

        return receiver;
    }

    private static (VariableDeclaratorSyntax? Declarator, VariableDeclarationSyntax? Declaration) Declaration(ISymbol variable)
    {
        if (variable.DeclaringSyntaxReferences.Length != 1
            || variable.DeclaringSyntaxReferences[0].GetSyntax() is not VariableDeclaratorSyntax declarator
            || declarator.Parent is not VariableDeclarationSyntax declaration)
        {
            return (null, null);
        }

        var owner = declaration.Parent;
        return owner is LocalDeclarationStatementSyntax { IsConst: false } or UsingStatementSyntax or FieldDeclarationSyntax
            ? (declarator, declaration)
            : (null, null);
    }

    /// <summary>Where the variable can be referenced: a local's document, or every part of a private field's type.</summary>
    private static async Task<List<(Document Document, SemanticModel Model, SyntaxNode Node)>?> ScopesAsync(
        Solution solution, ISymbol variable, VariableDeclaratorSyntax declarator, CancellationToken cancellationToken)
    {
        var nodes = variable is IFieldSymbol field
            ? field.ContainingType.DeclaringSyntaxReferences.Select(r => r.GetSyntax(cancellationToken)).ToList()
            : new List<SyntaxNode> { declarator.SyntaxTree.GetRoot(cancellationToken) };
        var scopes = new List<(Document, SemanticModel, SyntaxNode)>();
        foreach (var node in nodes)
        {
            var document = solution.GetDocument(node.SyntaxTree);
            var model = document is null ? null : await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            if (document is null || model is null)
            {
                return null;
            }

            scopes.Add((document, model, node));
        }

        return scopes;
    }

    /// <summary>The interface as the type implements it (the type itself when it is the interface), or null.</summary>
    private static INamedTypeSymbol? ImplementedInterface(ITypeSymbol type, INamedTypeSymbol @interface)
    {
        if (type is INamedTypeSymbol named && SymbolEqualityComparer.Default.Equals(named.OriginalDefinition, @interface))
        {
            return named;
        }

        if (type.ContainingNamespace?.ToDisplayString() == Namespace)
        {
            return null;
        }

        var implemented = type.AllInterfaces.Where(i => SymbolEqualityComparer.Default.Equals(i.OriginalDefinition, @interface)).ToList();
        return implemented.Count == 1 ? implemented[0] : null;
    }

    internal static INamedTypeSymbol? PackageType(Compilation compilation, string metadataName, string assembly = PackageAssembly) =>
        compilation.GetTypesByMetadataName(metadataName).FirstOrDefault(t => t.ContainingAssembly?.Name == assembly);

    /// <summary>True when <paramref name="type"/> is <paramref name="baseType"/> or derives from it.</summary>
    internal static bool DerivesFrom(ITypeSymbol type, INamedTypeSymbol baseType)
    {
        for (var current = type as INamedTypeSymbol; current is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current, baseType))
            {
                return true;
            }
        }

        return false;
    }


    /// <summary>
    /// Adds <c>using <paramref name="name"/>;</c> after the last plain using that sorts before it (System first, as
    /// <c>dotnet format</c> orders them), or first when none does.
    /// </summary>
    internal static CompilationUnitSyntax AddUsing(CompilationUnitSyntax unit, string name)
    {
        var usings = unit.Usings;
        var endOfLine = unit.DescendantTrivia().FirstOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia)) is { } eol && eol.IsKind(SyntaxKind.EndOfLineTrivia)
            ? eol
            : SyntaxFactory.CarriageReturnLineFeed;
        var directive = SyntaxFactory.UsingDirective(SyntaxFactory.ParseName(name).WithLeadingTrivia(SyntaxFactory.Space))
            .WithTrailingTrivia(endOfLine);
        if (usings.Count == 0)
        {
            return unit.WithUsings(SyntaxFactory.SingletonList(directive.WithTrailingTrivia(endOfLine, endOfLine)));
        }

        var plain = usings.Where(u => u.Alias is null && !u.StaticKeyword.IsKind(SyntaxKind.StaticKeyword) && u.Name is not null)
            .Select(u => u.Name!.ToString()).ToList();
        // System first (the .NET default) unless the file already puts another namespace before a System one: then
        // its usings are sorted plainly and the new one takes its alphabetical place.
        var systemFirst = !plain.Where((n, i) => IsSystem(n) && plain.Take(i).Any(before => !IsSystem(before))).Any();
        var index = -1;
        var conditional = 0;
        for (var i = 0; i < usings.Count; i++)
        {
            var other = usings[i];
            conditional += ConditionalDepthChange(other.GetLeadingTrivia());
            // A using inside #if … #endif: the new one goes outside, where every build of the file sees it.
            if (conditional == 0 && other.Alias is null && !other.StaticKeyword.IsKind(SyntaxKind.StaticKeyword) && other.Name is { } otherName
                && SortsBefore(otherName.ToString(), name, systemFirst))
            {
                index = i;
            }
        }

        if (index >= 0)
        {
            return unit.WithUsings(usings.Insert(index + 1, directive));
        }

        // First: the file's leading trivia (a header comment) stays in front of it, an #if that opens there behind it.
        var first = usings[0];
        var leading = first.GetLeadingTrivia();
        var opening = leading.TakeWhile(t => !t.IsKind(SyntaxKind.IfDirectiveTrivia)).Count();
        return unit.WithUsings(usings.Replace(first, first.WithLeadingTrivia(leading.Skip(opening)))
            .Insert(0, directive.WithLeadingTrivia(leading.Take(opening))));
    }

    /// <summary>How many #if regions the trivia opens (less those it closes).</summary>
    private static int ConditionalDepthChange(SyntaxTriviaList trivia) =>
        trivia.Count(t => t.IsKind(SyntaxKind.IfDirectiveTrivia)) - trivia.Count(t => t.IsKind(SyntaxKind.EndIfDirectiveTrivia));

    private static bool SortsBefore(string a, string b, bool systemFirst) =>
        systemFirst && IsSystem(a) != IsSystem(b) ? IsSystem(a) : string.CompareOrdinal(a, b) < 0;

    private static bool IsSystem(string name) => name == "System" || name.StartsWith("System.", System.StringComparison.Ordinal);
}
